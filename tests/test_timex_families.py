"""Time normalisation families, each from a sentence of our own, as the analysis reads it.

Every test analyses a real sentence with the real model (detection in the parse, the clause
tense from the tags, one normalisation) and checks the TimeML value and type that
:attr:`kg.model.AnalysedArticle.times` holds for the expression.
"""

from __future__ import annotations

from datetime import date

import pytest

from kg.analyse import analyse_text


def times(nlp, text: str, published: date) -> dict[str, tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    """Detected expression text -> (value, type)."""
    return {t.text: (t.value, t.type) for t in analyse_text(text, nlp, published=published).times}


def test_quarter_of_a_named_relative_year(nlp) -> None:  # type: ignore[no-untyped-def]
    """A quarter of "last year": "Airbus lost money in the first quarter of last year."."""
    got = times(nlp, "Airbus lost money in the first quarter of last year.", date(2025, 3, 10))
    assert got == {"the first quarter of last year": ("2024-Q1", "DATE")}


def test_fourth_quarter_reported_in_january_is_last_years(nlp) -> None:  # type: ignore[no-untyped-def]
    """A bare quarter in a past clause that has not begun by publication: "Apple earned a
    record profit in the fourth quarter."."""
    got = times(nlp, "Apple earned a record profit in the fourth quarter.", date(2007, 1, 18))
    assert got == {"the fourth quarter": ("2006-Q4", "DATE")}


def test_earlier_today(nlp) -> None:  # type: ignore[no-untyped-def]
    """"Earlier today": "Earlier today, the airline cancelled forty flights."."""
    got = times(nlp, "Earlier today, the airline cancelled forty flights.", date(2025, 3, 10))
    assert got == {"Earlier today": ("2025-03-10", "DATE")}


def test_same_period_last_year_moves_the_quarter_back(nlp) -> None:  # type: ignore[no-untyped-def]
    """"The same period last year", anchored to the quarter before it: "Sales rose 8% in the
    first quarter from the same period last year."."""
    text = "Sales rose 8% in the first quarter from the same period last year."
    got = times(nlp, text, date(2025, 5, 2))
    assert got["the first quarter"] == ("2025-Q1", "DATE")
    assert got["the same period last year"] == ("2024-Q1", "DATE")


def test_the_previous_year_with_and_without_an_anchor(nlp) -> None:  # type: ignore[no-untyped-def]
    """"The previous year": the year before the one the text names, else before publication.
    "The carrier flew 2 million passengers in 2019, up from 1.5 million the previous
    year." / "Profits doubled compared with the previous year."."""
    text = "The carrier flew 2 million passengers in 2019, up from 1.5 million the previous year."
    assert times(nlp, text, date(2025, 3, 10))["the previous year"] == ("2018", "DATE")
    text = "Profits doubled compared with the previous year."
    assert times(nlp, text, date(2025, 3, 10)) == {"the previous year": ("2024", "DATE")}


def test_last_months_possessive_is_a_month(nlp) -> None:  # type: ignore[no-untyped-def]
    """"Last month" as a date, possessive: "Last month's strike grounded the fleet."."""
    got = times(nlp, "Last month's strike grounded the fleet.", date(2025, 3, 10))
    assert got == {"Last month's": ("2025-02", "DATE")}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a headline's to-infinitive is a plan: the coming Tuesday, not the last one
        ("Apple to unveil its new phone on Tuesday", "2025-03-18"),
        # a clause governed by "plans to"
        ("The company plans to open the plant on Tuesday.", "2025-03-18"),
        # "is expected to be": a passive under a future-looking verb
        ("The jet is expected to be delivered on Tuesday.", "2025-03-18"),
        # a past clause: the last Tuesday
        ("The company opened the plant on Tuesday.", "2025-03-11"),
    ],
)
def test_weekday_lands_in_the_week_the_clause_says(nlp, text: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """Weekdays and the tense of their clause (published Thursday 13 March 2025)."""
    assert times(nlp, text, date(2025, 3, 13))["Tuesday"] == (value, "DATE")


def test_present_past_and_future_reference_words(nlp) -> None:  # type: ignore[no-untyped-def]
    """PRESENT_REF / PAST_REF / FUTURE_REF words: "Boeing is currently the largest exporter,
    but in the long term it expects slower growth than in recent years."."""
    text = (
        "Boeing is currently the largest exporter, but in the long term it expects slower "
        "growth than in recent years."
    )
    got = times(nlp, text, date(2025, 3, 10))
    assert got["currently"] == ("PRESENT_REF", "DATE")
    assert got["the long term"] == ("FUTURE_REF", "DATE")
    assert got["recent years"] == ("PAST_REF", "DATE")


def test_centuries_by_ordinal_and_by_hundreds(nlp) -> None:  # type: ignore[no-untyped-def]
    """Centuries: "The bridge was built in the 19th century and rebuilt in the 1900s."."""
    text = "The bridge was built in the 19th century and rebuilt in the 1900s."
    got = times(nlp, text, date(2025, 3, 10))
    assert got["the 19th century"] == ("18", "DATE")
    assert got["the 1900s"] == ("19", "DATE")


@pytest.mark.parametrize(
    ("published", "value"), [(date(2025, 10, 1), "2025-SU"), (date(2025, 3, 1), "2024-SU")]
)
def test_last_summer(nlp, published: date, value: str) -> None:  # type: ignore[no-untyped-def]
    """Seasons: "The airline ordered the jets last summer." (in autumn: this year's summer;
    in March: last year's)."""
    got = times(nlp, "The airline ordered the jets last summer.", published)
    assert got == {"last summer": (value, "DATE")}


def test_every_morning_and_on_sundays_are_sets(nlp) -> None:  # type: ignore[no-untyped-def]
    """Repetitions (SET): "The ferry leaves every morning and returns on Sundays."."""
    got = times(nlp, "The ferry leaves every morning and returns on Sundays.", date(2025, 3, 10))
    assert got["every morning"] == ("XXXX-XX-XXTMO", "SET")
    assert got["Sundays"] == ("XXXX-WXX-7", "SET")


def test_the_next_decade_is_a_duration(nlp) -> None:  # type: ignore[no-untyped-def]
    """A decade counted from now: "Airbus expects to sell 1,000 jets over the next decade."."""
    text = "Airbus expects to sell 1,000 jets over the next decade."
    assert times(nlp, text, date(2025, 3, 10)) == {"the next decade": ("P10Y", "DURATION")}


def test_clock_time_with_seconds_on_the_day_named(nlp) -> None:  # type: ignore[no-untyped-def]
    """A clock time with seconds, on the day named before it: "On Tuesday the rocket lifted
    off at 10:15:30 UTC."."""
    got = times(nlp, "On Tuesday the rocket lifted off at 10:15:30 UTC.", date(2025, 3, 13))
    assert got["10:15:30 UTC"] == ("2025-03-11T10:15:30Z", "TIME")


def test_clock_time_offset_is_given_in_utc(nlp) -> None:  # type: ignore[no-untyped-def]
    """A clock time with a UTC offset: "The jet landed in Singapore at 6:40 p.m. (GMT +8)."."""
    got = times(nlp, "The jet landed in Singapore at 6:40 p.m. (GMT +8).", date(2007, 10, 17))
    assert got == {"6:40 p.m. (GMT +8)": ("2007-10-17T10:40Z", "TIME")}


def test_calendar_date_after_a_weekday(nlp) -> None:  # type: ignore[no-untyped-def]
    """A full date with its weekday: "The verdict came on Tuesday, December 9, 2008."."""
    got = times(nlp, "The verdict came on Tuesday, December 9, 2008.", date(2008, 12, 12))
    assert got == {"Tuesday, December 9, 2008": ("2008-12-09", "DATE")}


def test_a_rate_per_year_is_a_set_not_a_date(nlp) -> None:  # type: ignore[no-untyped-def]
    """A rate: "The tankers will be delivered at a rate of 15 a year." (dateparser read "15 a
    year" as a date)."""
    text = "The tankers will be delivered at a rate of 15 a year."
    assert times(nlp, text, date(2008, 3, 1)) == {"15 a year": ("P1Y", "SET")}


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # the season around a holiday, named by the noun the holiday modifies
        (
            "Toy makers did well during the Christmas and New Year sales period.",
            "Christmas and New Year sales period",
            ("PXD", "DURATION"),
        ),
        ("Strong Christmas sales lifted the shares.", "Christmas sales", ("PXD", "DURATION")),
        # the holiday itself is its calendar day (a past clause in January: last December)
        ("The store stayed open on Christmas Eve.", "Christmas Eve", ("2006-12-24", "DATE")),
    ],
)
def test_holidays_as_days_and_as_seasons(nlp, text: str, expression: str, value) -> None:  # type: ignore[no-untyped-def]
    """Holidays (published 18 January 2007): a fixed day, or the season the text names."""
    assert times(nlp, text, date(2007, 1, 18))[expression] == value


def test_a_delay_against_the_plan_is_the_date_it_follows(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "Three days later than originally planned" after a date is that date, not three days
    after it: "The jet arrives on November 11, three days later than originally planned."."""
    text = "The jet arrives on November 11, three days later than originally planned."
    got = times(nlp, text, date(2005, 11, 5))
    assert got == {
        "November 11": ("2005-11-11", "DATE"),
        "three days later than originally planned": ("2005-11-11", "DATE"),
    }


@pytest.mark.parametrize(
    ("published", "value"),
    [(date(2006, 10, 5), "2006-Q4"), (date(2006, 5, 5), "2006")],
)
def test_later_this_year_in_the_last_quarter(nlp, published: date, value: str) -> None:  # type: ignore[no-untyped-def]
    """ "Later this year": the rest of the year, which is the last quarter when the article
    is written in it: "The delivery, due later this year, has been delayed."."""
    got = times(nlp, "The delivery, due later this year, has been delayed.", published)
    assert got == {"later this year": (value, "DATE")}


def test_open_periods_and_long_compounds_are_durations(nlp) -> None:  # type: ignore[no-untyped-def]
    """Durations of no stated length: "He settled a decades-long feud and left for an
    undetermined period of time."."""
    text = "He settled a decades-long feud and left for an undetermined period of time."
    got = times(nlp, text, date(2011, 1, 17))
    assert got == {
        "decades-long": ("PXY", "DURATION"),
        "an undetermined period of time": ("PXD", "DURATION"),
    }


def test_now_closing_a_span_is_the_publication_day(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "For more than a week now": the span runs to the time of writing; a "now" alone is
    the present. "The system has been on sale for more than a week now. Prices are now
    lower."."""
    text = "The system has been on sale for more than a week now. Prices are now lower."
    got = [(t.text, t.value) for t in analyse_text(text, nlp, published=date(2005, 5, 7)).times]
    assert got == [("more than a week", "P1W"), ("now", "2005-05-07"), ("now", "PRESENT_REF")]
