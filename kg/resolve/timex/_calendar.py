"""Calendar arithmetic on dates and TimeML values, shared by the normalisation rules.

>>> iso_week(date(2004, 11, 17)), value_start("2008-Q2"), value_start("PRESENT_REF")
('2004-W47', datetime.date(2008, 4, 1), None)
>>> Anchor.of("1961"), Anchor.of("2009-12-15T18:00Z").grain
(Anchor(day=datetime.date(1961, 1, 1), grain=<Grain.YEAR: 0>, value='1961'), <Grain.DAY: 4>)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from kg.resolve.timex._words import SEASON_START


class Grain(IntEnum):
    """How fine a value is: a year, a season or quarter, a month, a week, a day (or finer)."""

    YEAR = 0
    QUARTER = 1
    MONTH = 2
    WEEK = 3
    DAY = 4


_VALUE = re.compile(
    r"(?:FY)?(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|W(?P<w>\d{2})|Q(?P<q>[1-4])|"
    r"H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?"
)


def iso_week(d: date) -> str:
    """The ISO week holding ``d``: ``2004-W47``."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def add_months(d: date, months: int) -> date:
    """The first day of the month ``months`` after (or before) ``d``'s."""
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def day_value(y: int, m: int, d: int) -> str | None:
    """``YYYY-MM-DD``, or None for a day the calendar does not have (30 February)."""
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def weekday_date(wd: int, ref: date, direction: str | None) -> date:
    """The date of weekday ``wd`` (Monday 0) named relative to ``ref``.

    ``direction``: "last" (strictly before), "next" (strictly after), "this" (in ref's
    week), "future" (on or after), else the most recent one on or before ``ref``: news
    mostly reports what happened on "Tuesday" of the week before publication.
    """
    delta = wd - ref.weekday()
    if direction == "last":
        return ref - timedelta(days=(ref.weekday() - wd) % 7 or 7)
    if direction == "next":
        return ref + timedelta(days=delta % 7 or 7)
    if direction == "this":
        return ref + timedelta(days=delta)
    if direction == "future":
        return ref + timedelta(days=delta % 7)
    return ref - timedelta(days=(-delta) % 7)


def pick_year(month: int, day: int | None, ref: date, tense: str | None) -> int:
    """The year of a month (and day) named without one, like "March" or "December 14".

    News reports name dates near their publication: the reference year, unless the tense
    says the date lies on the other side ("last met in December", written in January), or,
    with no tense known, the date in the reference year is more than half a year away while
    the one in a neighbouring year is within two months ("11 December" written on 25 January).
    """

    def as_date(y: int) -> date:
        dd = min(day or 1, 28) if month == 2 and not leap(y) else (day or 1)
        return date(y, month, dd)

    same = as_date(ref.year)
    # A past clause can report a plan a few weeks ahead ("announced an event to be held on
    # October 12"), so tense moves the year only for dates two months or more away.
    gap = (same - ref).days
    if tense == "past" and gap > 60 and (day is not None or month > ref.month):
        return ref.year - 1
    if tense == "future" and gap < -60 and (day is not None or month < ref.month):
        return ref.year + 1
    if tense is None:
        if gap > 183 and abs((as_date(ref.year - 1) - ref).days) <= 62:
            return ref.year - 1
        if gap < -183 and abs((as_date(ref.year + 1) - ref).days) <= 62:
            return ref.year + 1
    return ref.year


def season_of(d: date) -> tuple[int, str]:
    """The season ``d`` falls in, as (year, TimeML token); January and February belong to the
    winter that began the December before."""
    for token, start in sorted(SEASON_START.items(), key=lambda kv: -kv[1]):
        if d.month >= start:
            return d.year, token
    return d.year - 1, "WI"


def value_start(value: str | None) -> date | None:
    """The first day of a TimeML date value (``1998``, ``1998-07``, ``1998-W03``,
    ``1998-Q3``, ``1998-SU``, ``1998-07-14T10:00``); None for ``PRESENT_REF``, durations and
    decades."""
    m = _VALUE.fullmatch(value.split("T")[0]) if value else None
    if m is None:
        return None
    y = int(m["y"])
    try:
        if m["d"]:
            return date(y, int(m["m"]), int(m["d"]))
        if m["m"]:
            return date(y, int(m["m"]), 1)
        if m["w"]:
            return date.fromisocalendar(y, int(m["w"]), 1)
        if m["q"]:
            return date(y, 3 * int(m["q"]) - 2, 1)
        if m["h"]:
            return date(y, 6 * int(m["h"]) - 5, 1)
        if m["s"]:
            return date(y, SEASON_START[m["s"]], 1)
    except ValueError:
        return None
    return date(y, 1, 1)


def shift_years(value: str, years: int) -> str | None:
    """A TimeML value moved by whole years, keeping its granularity: ``2008-Q1`` → ``2007-Q1``,
    ``FY2007`` → ``FY2006``; None for a value without a year."""
    m = re.match(r"(FY)?(\d{4})", value)
    if m is None or not 0 < int(m[2]) + years < 10000:
        return None
    return f"{m[1] or ''}{int(m[2]) + years:04d}{value[m.end():]}"


@dataclass(frozen=True)
class Anchor:
    """A time the text gave, to count a relative expression from: its first day, how fine it
    is, and its TimeML value."""

    day: date
    grain: Grain
    value: str

    @classmethod
    def of(cls, value: str | None) -> Anchor | None:
        """The anchor a TimeML value gives, or None for one without a calendar position."""
        start = value_start(value)
        if start is None or value is None:
            return None
        core = value.split("T")[0]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", core):
            grain = Grain.DAY
        elif "-W" in core:
            grain = Grain.WEEK
        elif re.fullmatch(r"\d{4}-\d{2}", core):
            grain = Grain.MONTH
        elif re.search(r"-(?:Q|H|SP|SU|FA|WI)", core):
            grain = Grain.QUARTER
        else:
            grain = Grain.YEAR
        return cls(start, grain, value)

    @classmethod
    def of_date(cls, d: date) -> Anchor:
        """The publication day as an anchor."""
        return cls(d, Grain.DAY, d.isoformat())
