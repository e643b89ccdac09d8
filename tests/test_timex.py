"""Time expressions: normalisation of one expression against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from kg.resolve.timex import find_time_spans, normalise_time, timex_type

BELARUS_DAY = date(2025, 12, 14)  # a Sunday


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("December 14", "2025-12-14"),
        ("five years ago", "2020"),
        ("last Tuesday", "2025-12-09"),
        ("in 2020", "2020"),
        ("2020", "2020"),
        ("today", "2025-12-14"),
        ("yesterday", "2025-12-13"),
        ("now", "PRESENT_REF"),
        ("this week", "2025-W50"),
        ("last week", "2025-W49"),
        ("next year", "2026"),
        ("last month", "2025-11"),
        ("the 1990s", "199"),
        ("March", "2025-03"),
        ("March 2019", "2019-03"),
        ("14 December 2025", "2025-12-14"),
        ("Q1 2020", "2020-Q1"),
        ("the first quarter", "2025-Q1"),
        ("early 2009", "2009"),
        ("the beginning of the year", "2025"),
        ("this morning", "2025-12-14TMO"),
        ("recently", "PAST_REF"),
        ("7/8/07", "2007-07-08"),
    ],
)
def test_normalise_time_belarus_day(text: str, value: str) -> None:
    assert normalise_time(text, BELARUS_DAY).value == value


def test_normalise_since_gives_interval_begin() -> None:
    t = normalise_time("since 2020", BELARUS_DAY)
    assert (t.begin, t.end, t.value) == ("2020", None, None)


def test_normalise_from_to_gives_interval_and_duration() -> None:
    t = normalise_time("from 2009 to 2011", BELARUS_DAY, durations=True)
    assert (t.begin, t.end, t.value) == ("2009", "2011", "P2Y")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("five years", "P5Y"),
        ("the next four years", "P4Y"),
        ("18 months", "P18M"),
        ("thirty minutes", "PT30M"),
        ("12-hour", "PT12H"),
        ("41-year history", "P41Y"),
        ("almost two and a half years", "P2.5Y"),
        ("several years", "PXY"),
        ("annual", "P1Y"),
    ],
)
def test_durations_only_when_asked(text: str, value: str) -> None:
    assert normalise_time(text, BELARUS_DAY, durations=True).value == value
    assert normalise_time(text, BELARUS_DAY).value is None


def test_weekday_follows_tense() -> None:
    # Published on a Sunday: "Wednesday" in a past clause is 10 December, in a future one 17th.
    assert normalise_time("Wednesday", BELARUS_DAY, tense="past").value == "2025-12-10"
    assert normalise_time("Wednesday", BELARUS_DAY, tense="future").value == "2025-12-17"
    assert normalise_time("Sunday", BELARUS_DAY).value == "2025-12-14"


def test_month_day_near_new_year_goes_to_nearest_year() -> None:
    # Written on 25 January: "11 December" is last month, not eleven months ahead.
    assert normalise_time("11 December", date(2010, 1, 25)).value == "2009-12-11"
    assert normalise_time("December 20", date(2025, 1, 10), tense="past").value == "2024-12-20"


def test_clock_time_keeps_utc() -> None:
    assert normalise_time("08:30 UTC", date(2005, 4, 27)).value == "2005-04-27T08:30Z"
    assert timex_type("08:30 UTC") == "TIME"


def test_unknown_expression_has_no_value() -> None:
    t = normalise_time("the Joint Strike Fighter program", BELARUS_DAY)
    assert (t.value, t.begin, t.end) == (None, None, None)


def test_no_publication_date_still_resolves_absolute_dates() -> None:
    assert normalise_time("November 24, 2004", None).value == "2004-11-24"
    assert normalise_time("yesterday", None).value is None


def test_find_time_spans_in_text() -> None:
    text = "Maria Kolesnikova has been imprisoned since 2020, and was freed on Sunday."
    found = {text[s:e] for s, e in find_time_spans(text)}
    assert found == {"2020", "Sunday"}


def test_find_time_spans_merges_entities_with_patterns() -> None:
    text = "Elections held five years ago were unfair."
    assert [text[s:e] for s, e in find_time_spans(text, [(15, 25)])] == ["five years ago"]


def test_modal_may_is_not_a_month() -> None:
    assert find_time_spans("Talks may resume.") == []


def test_run_on_entity_is_cut_at_the_comma() -> None:
    # spaCy reads "November 11, three days" as one DATE: two expressions, as TimeML has them
    text = "The launch is set for November 11, three days later than planned."
    s = text.index("November")
    spans = find_time_spans(text, [(s, text.index(" later"))])
    assert [text[a:b] for a, b in spans] == ["November 11", "three days later"]


def test_range_is_cut_into_its_ends() -> None:
    text = "It will receive six aircraft from 2009 to 2011."
    s = text.index("from")
    assert [text[a:b] for a, b in find_time_spans(text, [(s, len(text) - 1)])] == [
        "2009",
        "2011",
    ]


def test_without_publication_date_only_stated_years_resolve():
    # Relative expressions need an anchor; reading them against today's clock would give a
    # wrong date that changes from run to run.
    from kg.resolve.timex import normalise_time

    assert [normalise_time(t, None).value for t in ("Saturday", "September", "3:33 a.m.")] == [
        None,
        None,
        None,
    ]
    assert normalise_time("March 1, 2008", None).value == "2008-03-01"
    assert normalise_time("in 2020", None).value == "2020"


def test_fallback_does_not_read_an_idiom_as_a_date() -> None:
    # dateparser read "the 11th hour" as the 11th of the month; the fallback now wants a
    # month or weekday name, a year, or digits joined as dates and clock times are
    assert normalise_time("the 11th hour", date(2013, 5, 2)).value is None
    assert normalise_time("Sept. 5th, 2013", None).value == "2013-09-05"
