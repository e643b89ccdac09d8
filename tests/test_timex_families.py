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
