"""Time expressions: find them in text and normalise them to TimeML-style values.

A value keeps the granularity the expression states: ``2025-12-14`` (day), ``2025-12``
(month), ``2025`` (year), ``199`` (decade: "the 1990s"), ``2025-W50`` (ISO week),
``2025-Q1`` (quarter), ``2025-SU`` (season), ``2025-12-14TMO`` (part of day),
``2025-12-14T08:30`` (clock time), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, and durations
``P5Y``/``PT30M`` (only when asked: a duration is not a point in time). Intervals fill
``begin``/``end``: "since 2020" has begin ``2020``.

Relative expressions are resolved against the article's publication date (the TimeML
"document creation time"); the tense of the clause, where known, decides whether a bare
"Tuesday" or "March" lies before or after it. Our own rules handle the common news forms and
choose granularity; :mod:`dateparser` is the fallback for anything else, with its reported
period ("day", "month", ...) deciding the granularity.

>>> from datetime import date
>>> normalise_time("five years ago", date(2025, 12, 14)).value
'2020'
>>> normalise_time("since 2020", date(2025, 12, 14)).begin
'2020'
>>> normalise_time("last Tuesday", date(2025, 12, 14)).value
'2025-12-09'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kg.model import TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "normalise_time",
    "timex_type",
    "clause_tense",
    "find_time_expressions",
    "PRESENT_REF",
    "PAST_REF",
    "FUTURE_REF",
]

PRESENT_REF = "PRESENT_REF"
PAST_REF = "PAST_REF"
FUTURE_REF = "FUTURE_REF"

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
# TimeML season and part-of-day tokens.
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
DAY_PARTS = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "midday": "MI", "noon": "MI",
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a couple of": 2, "couple": 2,
    "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5,
}  # fmt: skip
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}
# Vague amounts: TimeML writes the unknown number as X ("several years" -> PXY).
VAGUE = {"several", "few", "a few", "many", "some", "numerous", "the", "recent", "past"}
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("DE", False), "century": ("CE", False), "sec": ("S", True), "min": ("M", True),
    "hr": ("H", True), "yr": ("Y", False),
}  # fmt: skip
SETS = {
    "annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "every year": "P1Y", "each year": "P1Y",
    "a year": "P1Y", "per year": "P1Y", "monthly": "P1M", "every month": "P1M", "weekly": "P1W",
    "every week": "P1W", "daily": "P1D", "every day": "P1D", "each day": "P1D", "hourly": "PT1H",
    "quarterly": "P3M",
}  # fmt: skip
PRESENT_WORDS = {
    "now", "currently", "at present", "presently", "at the moment", "right now", "nowadays",
    "these days", "present", "the present", "at this time",
}  # fmt: skip
PAST_WORDS = {
    "recently", "more recently", "lately", "in the past", "the past", "previously",
    "formerly", "earlier", "once", "in recent years", "recent years", "past",
}  # fmt: skip
FUTURE_WORDS = {
    "future", "the future", "in the future", "soon", "shortly", "in the coming years",
    "the coming years", "in the years to come", "one day", "someday",
}  # fmt: skip

_NUM_WORD = "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True))
_NUM = rf"(?:\d+(?:\.\d+)?|(?:{_NUM_WORD})(?:[- ](?:{_NUM_WORD}))*)"
_UNIT = r"(?:second|sec|minute|min|hour|hr|day|week|month|quarter|year|yr|decade|century)"
_UNIT_PL = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|quarters?|years?|yrs?|"
    r"decades?|century|centuries)"
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
# Full names only, for detecting a month or weekday standing alone: "sat", "sun", "mar" and
# "wed" are words far more often than abbreviations.
_MONTH_FULL = "|".join(k for k in MONTHS if len(k) > 3 and k != "sept")
_WEEKDAY_FULL = "|".join(k for k in WEEKDAYS if k.endswith("day"))


@dataclass(frozen=True)
class _Parsed:
    """What a rule makes of an expression, before it becomes a :class:`TimeValue`."""

    value: str | None = None
    begin: str | None = None
    end: str | None = None
    type: str = "DATE"  # TimeML type: DATE, TIME, DURATION, SET


# --------------------------------------------------------------------------- helpers


def _iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def _number(text: str) -> float | None:
    """'five' -> 5, 'twenty-five' -> 25, '2.5' -> 2.5, 'two and a half' -> 2.5."""
    text = text.strip().lower()
    try:
        return float(text)
    except ValueError:
        pass
    half = 0.0
    if text.endswith(" and a half"):
        text, half = text[: -len(" and a half")], 0.5
    if text in NUMBERS:
        return NUMBERS[text] + half
    total = 0.0
    for part in re.split(r"[- ]", text):
        if part not in NUMBERS:
            return None
        n = NUMBERS[part]
        total = total * n if n == 100 else total + n
    return total + half


def _fmt_amount(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def _singular(unit: str) -> str:
    """'years' -> 'year', 'centuries' -> 'century'."""
    if unit.endswith("ies"):
        return unit[:-3] + "y"
    return unit[:-1] if unit.endswith("s") else unit


def _duration(amount: float | None, unit: str) -> str:
    """An ISO 8601 duration: (5, 'year') -> 'P5Y'; (30, 'minute') -> 'PT30M'; vague -> 'PXY'."""
    code, is_time = UNITS.get(_singular(unit), ("D", False))
    amt = "X" if amount is None else _fmt_amount(amount)
    if code == "Q":  # TimeML has no quarter unit for durations: 3 months each
        code, amt = "M", "X" if amount is None else _fmt_amount(amount * 3)
    if code == "DE":
        code, amt = "Y", "X" if amount is None else _fmt_amount(amount * 10)
    if code == "CE":
        code, amt = "Y", "X" if amount is None else _fmt_amount(amount * 100)
    return f"PT{amt}{code}" if is_time else f"P{amt}{code}"


def _pick_year(month: int, day: int | None, ref: date, tense: str | None) -> int:
    """The year of a month (and day) named without one, like "March" or "December 14".

    News reports name dates near their publication: the reference year, unless the tense
    says the date lies on the other side ("last met in December", written in January), or,
    with no tense known, the date in the reference year is more than half a year away while
    the one in a neighbouring year is within two months ("11 December" written on 25 January).
    """

    def as_date(y: int) -> date:
        dd = min(day or 1, 28) if month == 2 and not _leap(y) else (day or 1)
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


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _day_value(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _weekday(wd: int, ref: date, direction: str | None) -> date:
    """The date of a weekday named relative to ``ref``.

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


def _clean(text: str) -> str:
    t = text.strip().lower()
    t = t.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = _SPACE_RUN.sub(" ", t)
    t = t.strip(" ,.;:()\"'")
    return t


# --------------------------------------------------------------------------- rules

# The rules' patterns, compiled once: re.fullmatch(pattern, t) would look each up in re's
# cache on every call, after building the f-string ones (the month and number lists) again.
_SPACE_RUN = re.compile(r"\s+")
_THE_UNIT = re.compile(r"the (year|month|week|quarter)")
_LEADING_THE = re.compile(r"^the (?=\w)")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"(?:(?:the )?year )?(1\d{3}|20\d{2})")
_DECADE = re.compile(r"(?:the )?(?:(1\d|20)(\d)0|'?(\d)0)'?s")
_MONTH_DAY_YEAR = re.compile(rf"({_MONTH})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})")
_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MONTH})\.?,? (\d{{4}})")
_MONTH_YEAR = re.compile(rf"({_MONTH})\.?,? (?:of )?(\d{{4}})")
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_QUARTER_YEAR = re.compile(r"(?:q([1-4])|(first|second|third|fourth) quarter)(?: of)?,? (\d{4})")
_YEAR_QUARTER = re.compile(r"(\d{4}) q([1-4])")
_SEASON_YEAR = re.compile(r"(spring|summer|autumn|fall|winter)(?: of)? (\d{4})")
_FISCAL_YEAR = re.compile(r"(?:fy|fiscal year |financial year )'?(\d{4}|\d{2})")
_DAY_PART_OF = re.compile(r"(this|yesterday|tomorrow|today) (morning|afternoon|evening|night)")
_LAST_NIGHT = re.compile(r"last night")
_LATER_THIS = re.compile(r"(?:later|earlier) (?:this|in the) (year|month|week|decade|quarter)")
_MONTH_DAY = re.compile(rf"({_MONTH})\.? (\d{{1,2}})(?:st|nd|rd|th)?")
_SHIFTED_MONTH = re.compile(rf"(?:(last|next|this) )?({_MONTH})\.?")
_QUARTER = re.compile(r"(?:q([1-4])|(first|second|third|fourth|last) quarter)")
_SEASON = re.compile(r"(spring|summer|autumn|fall|winter)")
_DAY_PART = re.compile(r"(morning|afternoon|evening|night)")
_DURATION_TAIL = re.compile(r"^(?:for|over|during|within|almost|nearly|about|around)\s+")
_EVERY_UNIT = re.compile(r"(?:every|each|per) (\w+)")
_FROM_TO = re.compile(r"(?:from|between) (.+?) (?:to|until|till|through|and|-) (.+)")
_YEAR_RANGE = re.compile(r"(1\d{3}|20\d{2}) ?- ?(1\d{3}|20\d{2})")
_UNTIL = re.compile(r"(?:until|till|up to|through|by|before) (.+)")
_AFTER = re.compile(r"(?:after) (.+)")
_IN_UNITS = re.compile(rf"in ({_NUM}|a few|several) ({_UNIT_PL})")
_PEEL_PREP = re.compile(r"^(?:in|on|at|during|of|around|about|circa|approximately)\s+")
_PEEL_EDGE = re.compile(r"^(?:early|late|mid|the middle of)[- ](?=\S)")
_DAY_MONTH = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MONTH})\.?")
_UNITS_AGO = re.compile(rf"({_NUM}(?: and a half)?|several|a few|few|some|many) ({_UNIT_PL}) "
                        r"(ago|earlier|before|later|from now|hence|after)")  # fmt: skip
_SHIFTED_WEEKDAY = re.compile(
    rf"(?:(last|next|this|coming|past) )?({_WEEKDAY})\.?(?: (morning|afternoon|evening|night))?"
)
_COUNTED_UNITS = re.compile(
    rf"(?:the |a |an )?(?:(?:next|past|last|previous|coming|first|following|recent|"
    rf"final) )?({_NUM}(?: and a half)?|several|a few|few|many|some|"
    rf"a couple of|couple of)[ -]({_UNIT_PL})(?:[ -](?:long|old|period|span|term|history|"
    rf"run|stretch|window|delay|wait))?"
)
_BARE_UNITS = re.compile(rf"(?:the |a )?(?:(?:next|past|last|previous|coming|following) )?"
                         rf"({_UNIT_PL})(?:-long)?")  # fmt: skip


def _point(t: str, ref: date | None, tense: str | None) -> _Parsed | None:  # noqa: C901
    """Rules for a point in time (no leading preposition)."""
    if m := _THE_UNIT.fullmatch(t):
        return _point(f"this {m[1]}", ref, tense)  # "the beginning of the year" peeled
    t = _LEADING_THE.sub("", t)
    if t in PRESENT_WORDS:
        return _Parsed(PRESENT_REF)
    if t in PAST_WORDS:
        return _Parsed(PAST_REF)
    if t in FUTURE_WORDS:
        return _Parsed(FUTURE_REF)

    # Absolute forms that need no reference date.
    if m := _ISO_DAY.fullmatch(t):
        return _Parsed(_day_value(int(m[1]), int(m[2]), int(m[3])))
    if m := _ISO_MONTH.fullmatch(t):
        return _Parsed(t)
    if m := _YEAR.fullmatch(t):
        return _Parsed(m[1])
    if m := _DECADE.fullmatch(t):
        # "the 1990s" -> 199; "the '90s"/"the 90s" -> 199 (20th century assumed)
        return _Parsed(f"{m[1]}{m[2]}" if m[1] else f"19{m[3]}")
    if m := _MONTH_DAY_YEAR.fullmatch(t):
        return _Parsed(_day_value(int(m[3]), MONTHS[m[1]], int(m[2])))
    if m := _DAY_MONTH_YEAR.fullmatch(t):
        return _Parsed(_day_value(int(m[3]), MONTHS[m[2]], int(m[1])))
    if m := _MONTH_YEAR.fullmatch(t):
        return _Parsed(f"{m[2]}-{MONTHS[m[1]]:02d}")
    if m := _SLASH_DATE.fullmatch(t):
        # US news order month/day/year unless the first number cannot be a month
        # (14/09/2013); two-digit years 00-69 are 20xx.
        y = int(m[3])
        y = y + (2000 if y < 70 else 1900) if y < 100 else y
        a, b = int(m[1]), int(m[2])
        month, day = (b, a) if a > 12 else (a, b)
        return _Parsed(_day_value(y, month, day))
    if m := _QUARTER_YEAR.fullmatch(t):
        q = int(m[1]) if m[1] else ORDINALS[m[2]]
        return _Parsed(f"{m[3]}-Q{q}")
    if m := _YEAR_QUARTER.fullmatch(t):
        return _Parsed(f"{m[1]}-Q{m[2]}")
    if m := _SEASON_YEAR.fullmatch(t):
        return _Parsed(f"{m[2]}-{SEASONS[m[1]]}")
    if m := _FISCAL_YEAR.fullmatch(t):
        fy = m[1] if len(m[1]) == 4 else f"20{m[1]}"
        return _Parsed(f"FY{fy}")

    if ref is None:
        return None

    # Deictic words.
    if t in ("today", "this day", "the day"):
        return _Parsed(ref.isoformat())
    if t == "yesterday":
        return _Parsed((ref - timedelta(days=1)).isoformat())
    if t == "tomorrow":
        return _Parsed((ref + timedelta(days=1)).isoformat())
    if t in ("tonight", "overnight"):
        return _Parsed(f"{ref.isoformat()}TNI", type="TIME")
    if m := _DAY_PART_OF.fullmatch(t):
        days = {"yesterday": -1, "tomorrow": 1}.get(m[1], 0)
        when = ref + timedelta(days=days)
        return _Parsed(f"{when.isoformat()}T{DAY_PARTS[m[2]]}", type="TIME")
    if m := _LAST_NIGHT.fullmatch(t):
        return _Parsed(f"{(ref - timedelta(days=1)).isoformat()}TNI", type="TIME")

    # this/last/next + unit
    shift = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "previous": -1,
             "next": 1, "coming": 1, "following": 1}  # fmt: skip
    if m := re.fullmatch(
        r"(this|current|last|past|previous|next|coming|following) "
        r"(week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter)",
        t,
    ):
        s, unit = shift[m[1]], m[2]
        if unit == "week":
            return _Parsed(_iso_week(ref + timedelta(weeks=s)))
        if unit == "weekend":
            return _Parsed(_iso_week(ref + timedelta(weeks=s)) + "-WE")
        if unit == "month":
            return _Parsed(_add_months(ref, s).strftime("%Y-%m"))
        if unit == "year":
            return _Parsed(str(ref.year + s))
        if unit == "quarter":
            q = (ref.month - 1) // 3 + s
            return _Parsed(f"{ref.year + q // 4}-Q{q % 4 + 1}")
        if unit == "decade":
            return _Parsed(str(ref.year // 10 + s))
        if unit == "century":
            return _Parsed(str(ref.year // 100 + s))
        season = SEASONS[unit]
        return _Parsed(f"{ref.year + s}-{season}")
    if m := _LATER_THIS.fullmatch(t):
        return _point(f"this {m[1]}", ref, tense)

    # "five years ago", "two weeks later", "a month earlier"
    if m := _UNITS_AGO.fullmatch(t):
        n = _number(m[1])
        unit = _singular(m[2])
        sign = -1 if m[3] in ("ago", "earlier", "before") else 1
        if n is None:
            return _Parsed(PAST_REF if sign < 0 else FUTURE_REF)
        if n != int(n) and unit in ("year", "yr"):  # "two and a half years ago": by month
            n, unit = n * 12, "month"
        k = int(n) * sign
        if unit in ("year", "yr") and 0 < ref.year + k < 10000:
            return _Parsed(str(ref.year + k))
        if unit == "decade" and 0 < ref.year + 10 * k < 10000:
            return _Parsed(str(ref.year + 10 * k)[:3])
        if unit in ("century", "centurie") and 0 < ref.year + 100 * k < 10000:
            return _Parsed(str(ref.year // 100 + k))
        if unit == "month":
            return _Parsed(_add_months(ref, k).strftime("%Y-%m"))
        if unit == "week":
            return _Parsed(_iso_week(ref + timedelta(weeks=k)))
        if unit == "day":
            return _Parsed((ref + timedelta(days=k)).isoformat())
        return None

    # Weekdays: "Tuesday", "last Tuesday", "next Friday", "Friday morning"
    if m := _SHIFTED_WEEKDAY.fullmatch(t):
        direction = {"coming": "next", "past": "last"}.get(m[1] or "", m[1])
        if direction is None and tense == "future":
            direction = "future"
        d = _weekday(WEEKDAYS[m[2]], ref, direction)
        if m[3]:
            return _Parsed(f"{d.isoformat()}T{DAY_PARTS[m[3]]}", type="TIME")
        return _Parsed(d.isoformat())

    # Month and day without year: "December 14", "14 December", "April 2nd"
    m = _MONTH_DAY.fullmatch(t) or _DAY_MONTH.fullmatch(t)
    if m:
        mon, num = (m[1], m[2]) if m[1] in MONTHS else (m[2], m[1])
        month, dd = MONTHS[mon], int(num)
        if 1 <= dd <= 31:
            year = _pick_year(month, dd, ref, tense)
            return _Parsed(_day_value(year, month, dd))
    if m := _SHIFTED_MONTH.fullmatch(t):
        if m[2] == "may" and not m[1]:
            return None  # the modal verb, far more often than the month
        month = MONTHS[m[2]]
        if m[1] == "last":
            year = ref.year if month < ref.month else ref.year - 1
        elif m[1] == "next":
            year = ref.year if month > ref.month else ref.year + 1
        elif m[1] == "this":
            year = ref.year
        else:
            year = _pick_year(month, None, ref, tense)
        return _Parsed(f"{year}-{month:02d}")
    if m := _QUARTER.fullmatch(t):
        q = int(m[1]) if m[1] else ORDINALS[m[2]]
        return _Parsed(f"{ref.year}-Q{q}")
    if m := _SEASON.fullmatch(t):
        return _Parsed(f"{ref.year}-{SEASONS[m[1]]}")
    if t in ("weekend", "the weekend"):
        return _Parsed(_iso_week(ref) + "-WE")
    if m := _DAY_PART.fullmatch(t):
        return _Parsed(f"{ref.isoformat()}T{DAY_PARTS[m[1]]}", type="TIME")

    # Clock times: "08:30 UTC", "6:40 p.m.", "9 a.m."
    if m := re.fullmatch(
        r"(\d{1,2})(?:[:.](\d{2}))? ?(a\.?m\.?|p\.?m\.?)?(?: \(?(utc|gmt|z)\b.*)?", t
    ):
        if m[2] is None and m[3] is None:
            return None
        h, mi = int(m[1]), int(m[2] or 0)
        if m[3] and m[3].startswith("p") and h < 12:
            h += 12
        if m[3] and m[3].startswith("a") and h == 12:
            h = 0
        if h > 24 or mi > 59:
            return None
        zone = "Z" if m[4] else ""
        return _Parsed(f"{ref.isoformat()}T{h:02d}:{mi:02d}{zone}", type="TIME")
    return None


def _as_duration(t: str) -> _Parsed | None:
    """Durations: "five years", "the next four years", "41-year", "over the years"."""
    t = re.sub(
        r"^(?:for|over|during|within|in|after|about|almost|nearly|around|some|"
        r"approximately|roughly|more than|less than|at least|up to|another)\s+",
        "",
        t,
    )
    t = _DURATION_TAIL.sub("", t)
    if m := _COUNTED_UNITS.fullmatch(t):
        n = _number(m[1]) if m[1] not in VAGUE and m[1] not in ("a few",) else None
        unit = _singular(m[2])
        return _Parsed(_duration(n, unit), type="DURATION")
    if m := _BARE_UNITS.fullmatch(t):
        unit = _singular(m[1])
        plural = m[1] != unit
        return _Parsed(_duration(None if plural else 1, unit), type="DURATION")
    return None


def _rules(t: str, ref: date | None, tense: str | None, durations: bool) -> _Parsed | None:
    """All rules for one cleaned expression; prepositions and modifiers are peeled here."""
    if t in SETS:
        return _Parsed(SETS[t], type="SET")
    if m := _EVERY_UNIT.fullmatch(t):
        unit = _singular(m[1])
        if unit in UNITS:
            return _Parsed(_duration(1, unit), type="SET")
    # Intervals: "since 2020", "from 2009 to 2011", "between 2014 and 2016", "until May".
    if m := _FROM_TO.fullmatch(t) or _YEAR_RANGE.fullmatch(t):
        a, b = _point(_clean(m[1]), ref, tense), _point(_clean(m[2]), ref, tense)
        if a and b and a.value and b.value:
            value = None
            if durations and a.value.isdigit() and b.value.isdigit():
                value = f"P{int(b.value) - int(a.value)}Y"
            return _Parsed(value, begin=a.value, end=b.value, type="DURATION")
    if m := re.fullmatch(
        r"(?:ever )?(?:since|starting|starting in|beginning in|from|as of) (.+)", t
    ):
        p = _rules(m[1], ref, tense, durations)
        if p and p.value:
            return _Parsed(None, begin=p.value, type="DATE")
    if m := _UNTIL.fullmatch(t):
        p = _rules(m[1], ref, tense, durations)
        if p and p.value and p.type != "DURATION":
            return _Parsed(None, end=p.value, type="DATE")
    if m := _AFTER.fullmatch(t):
        p = _point(m[1], ref, tense)
        if p and p.value:
            return _Parsed(None, begin=p.value, type="DATE")
    # "in two years" (from now) is a date, as in TimeML; "within two years" stays a duration.
    if m := _IN_UNITS.fullmatch(t):
        return _point(f"{m[1]} {m[2]} later", ref, tense)
    # Peel prepositions and modifiers that do not change the value (TimeML puts "early",
    # "late", "mid" in a separate mod attribute): "in early 2009" -> "2009".
    peeled = _PEEL_PREP.sub("", t)
    peeled = re.sub(
        r"^(?:the )?(?:(?:very )?(?:beginning|start|end|middle|close|turn|first half|second half|"
        r"latter part|early part|rest|remainder|part|course) of )",
        "",
        peeled,
    )
    peeled = _PEEL_EDGE.sub("", peeled)
    if peeled != t:
        return _rules(peeled, ref, tense, durations)
    p = _point(t, ref, tense)
    if p:
        return p
    d = _as_duration(t)
    if d:
        return d
    return None


def _fallback(text: str, ref: date | None, tense: str | None) -> _Parsed | None:
    """Ask dateparser; its ``period`` gives the granularity of the value.

    Answers are cached (dateparser takes about half a millisecond a call and news repeats
    "on Saturday"). Without a publication date only expressions that state their year are
    resolved: dateparser would read "Saturday" or "September" against today's clock, which
    gives a wrong date that changes from run to run.
    """
    if not _ANCHOR.search(text.lower()):
        return None  # nothing dateparser could anchor without inventing a date
    if ref is None and not re.search(r"\b\d{4}\b", text):
        return None
    return _dateparser(text, ref, tense, None)


@lru_cache(maxsize=4096)
def _dateparser(text: str, ref: date | None, tense: str | None, now: str | None) -> _Parsed | None:
    """:func:`_fallback`'s dateparser call (``now`` only keys the cache)."""
    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False}
    if ref is not None:
        settings["RELATIVE_BASE"] = datetime(ref.year, ref.month, ref.day)
    settings["PREFER_DATES_FROM"] = {"future": "future", "past": "past"}.get(
        tense or "", "current_period"
    )
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en"], settings=settings)
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; treat as no parse
        return None
    dt, period = data.date_obj, data.period
    if dt is None:
        return None
    years = re.findall(r"\b\d{4}\b", text)
    if years and str(dt.year) not in years:
        return None  # dateparser read "the 3000s" as some date; do not invent one
    if period == "year":
        return _Parsed(f"{dt.year}")
    if period == "month":
        return _Parsed(dt.strftime("%Y-%m"))
    if period == "week":
        return _Parsed(_iso_week(dt.date()))
    if period == "quarter":
        return _Parsed(f"{dt.year}-Q{(dt.month - 1) // 3 + 1}")
    if period == "time" or re.search(r"\d[:.]\d\d|[ap]\.?m\b", text.lower()):
        return _Parsed(dt.strftime("%Y-%m-%dT%H:%M"), type="TIME")
    return _Parsed(dt.date().isoformat())


_ANCHOR = re.compile(r"\d|" + _MONTH + "|" + _WEEKDAY)


def timex_type(text: str) -> str:
    """The TimeML type of an expression: DATE, TIME, DURATION or SET.

    >>> timex_type("five years"), timex_type("annually"), timex_type("08:30 UTC")
    ('DURATION', 'SET', 'TIME')
    """
    p = _rules(_clean(text), date(2000, 1, 1), None, True)
    return p.type if p else "DATE"


def normalise_time(
    text: str,
    published: date | None,
    *,
    tense: str | None = None,
    durations: bool = False,
) -> TimeValue:
    """Normalise one time expression against the publication date.

    ``tense`` is "past", "present" or "future" when the clause's tense is known; it decides
    whether a bare weekday or month lies before or after ``published``. With
    ``durations=True`` a duration gets its ISO value ("five years" -> ``P5Y``); otherwise a
    duration has no value, since it is not a point in time the fact happened at.
    The result has ``value=None`` when the expression cannot be resolved.

    >>> d = date(2025, 12, 14)
    >>> [normalise_time(t, d).value for t in ("December 14", "in 2020", "this week", "March")]
    ['2025-12-14', '2020', '2025-W50', '2025-03']
    >>> normalise_time("the 1990s", d).value, normalise_time("next year", d).value
    ('199', '2026')
    >>> normalise_time("for five years", d, durations=True).value
    'P5Y'
    >>> normalise_time("today", d).value, normalise_time("now", d).value
    ('2025-12-14', 'PRESENT_REF')
    """
    t = _clean(text)
    try:
        parsed = _rules(t, published, tense, durations) if t else None
        if parsed is None and t:
            parsed = _fallback(t, published, tense)
    except (ValueError, OverflowError):  # "a million years ago": outside what date holds
        parsed = None
    if parsed is None:
        return TimeValue(text=text)
    value = parsed.value
    if parsed.type in ("DURATION", "SET") and not durations and value and value.startswith("P"):
        value = None
    return TimeValue(text=text, value=value, begin=parsed.begin, end=parsed.end)


# --------------------------------------------------------------------------- tense

# Markers of a future clause: modal "will", "to be held", "is set/due/expected to".
# The verb after the marker is consumed, so "to be held" does not end on past-looking "held".
_FUTURE = (
    r"(?:will|'ll|shall|won't|wo n't|going to|to be|(?:set|due|scheduled|expected|planned|"
    r"slated|plans?|intends?|aims?|hopes?|promised|vowed|pledged|is|are) to)"
    r"(?: not)?(?: be| have)?(?: \w+)?|next|upcoming|forthcoming"
)
# Markers of a past clause: past auxiliaries, perfect "has released", -ed forms, and the
# irregular past forms news verbs take.
_PAST = (
    r"was|were|did|had|has|have|said|told|held|took|made|gave|came|went|met|won|lost|sold|"
    r"bought|began|left|saw|became|brought|found|paid|sent|spent|built|led|fell|rose|grew|knew|"
    r"thought|wrote|ran|got|struck|kept|hit|put|cut|shut|quit|ago|last|earlier|\w{3,}ed"
)
_TENSE_RE = re.compile(rf"\b(?:(?P<future>{_FUTURE})|(?P<past>{_PAST}))\b", re.I)


def clause_tense(text: str, at: int | None = None) -> str | None:
    """A rough tense from a clause's words: "future", "past" or None (unknown/present).

    With ``at`` (the offset of a time expression in ``text``) the marker nearest before it
    decides — "announced Friday that it will ship" is past for "Friday" — else the nearest
    after it; without ``at``, any future marker makes the clause future.

    >>> clause_tense("Airbus will deliver the plane on Wednesday")
    'future'
    >>> clause_tense("Belarus has released 123 prisoners")
    'past'
    >>> s = "Apple announced today another event to be held on October 12."
    >>> clause_tense(s, s.index("today")), clause_tense(s, s.index("October"))
    ('past', 'future')
    """
    hits = [(m.start(), "future" if m["future"] else "past") for m in _TENSE_RE.finditer(text)]
    if not hits:
        return None
    if at is None:
        return "future" if any(k == "future" for _, k in hits) else "past"
    before = [h for h in hits if h[0] < at]
    if before:
        return before[-1][1]
    return hits[0][1]


# --------------------------------------------------------------------------- detection

_PATTERNS = [
    rf"\b(?:{_MONTH})\.? \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?\b",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTH})\.?(?:,? \d{{4}})?\b",
    rf"\b(?:(?:early|late|mid)[- ])?(?:{_MONTH})\.?,? (?:of )?\d{{4}}\b",
    rf"\b(?:(?:last|next|this) )?(?:{_MONTH_FULL})\b",
    rf"\b(?:(?:last|next|this|coming) )?(?:{_WEEKDAY_FULL})"
    r"(?: (?:morning|afternoon|evening|night))?\b",
    r"\b(?:today|yesterday|tomorrow|tonight|now|currently|recently|nowadays)\b",
    r"\b(?:this|yesterday|tomorrow) (?:morning|afternoon|evening)\b|\blast night\b",
    r"\b(?:(?:later|earlier) )?(?:this|last|next|past|previous|coming) (?:week|weekend|month|year|"
    r"quarter|decade|spring|summer|autumn|fall|winter)\b",
    rf"\b{_NUM}(?: and a half)? {_UNIT_PL} (?:ago|earlier|later|from now)\b",
    rf"\b(?:the (?:next|past|last|first|coming|following) )?"
    rf"(?:{_NUM}(?: and a half)?|several|a few|many)[ -]{_UNIT_PL}\b",
    r"\b(?:(?:early|late|mid)[- ])?(?:1[5-9]\d\d|20\d\d)s?\b",
    r"\b(?:q[1-4]|(?:first|second|third|fourth) quarter)(?: (?:of )?\d{4})?\b",
    r"\b\d{1,2}:\d{2}(?: ?[ap]\.?m\b\.?)?(?: (?:utc|gmt))?\b",
    r"\b\d{1,2}(?:\.\d{2})? ?(?:[ap]\.m\.|[ap]m\b)",
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    r"\b(?:annual(?:ly)?|yearly|monthly|weekly|daily|quarterly)\b",
    r"\b(?:over|in) the (?:years|decades|past|future|coming years)\b",
]
_DETECT_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.I)


def find_time_expressions(text_or_doc: str | Doc, offset: int = 0) -> list[TimeValue]:
    """Time expressions in a text or spaCy Doc, as raw :class:`TimeValue` with offsets.

    A Doc contributes its DATE and TIME entities; both kinds of input are scanned with
    patterns for the news forms NER misses ("last week", "now", "Tuesday"). Overlapping
    finds are merged into the longest. ``offset`` is added to every position (a segment's
    start in the article). Values are not normalised here: see :func:`normalise_time`.

    >>> [(t.text, t.start) for t in find_time_expressions("He left last week, not in 2020.")]
    [('last week', 8), ('2020', 26)]
    """
    text = text_or_doc if isinstance(text_or_doc, str) else text_or_doc.text
    found: list[tuple[int, int]] = []
    if not isinstance(text_or_doc, str):
        found += [
            (e.start_char, e.end_char) for e in text_or_doc.ents if e.label_ in ("DATE", "TIME")
        ]
    for m in _DETECT_RE.finditer(text):
        hit = m.group(0)
        if hit.lower() == "may" and not hit[0].isupper():
            continue
        if hit == "May" and re.match(r"\s+(?:not|be|have|\w+ly)\b", text[m.end() :]):
            continue  # the modal verb at the start of a sentence
        if re.fullmatch(r"\d{4}", hit) and not 1500 <= int(hit) <= 2100:
            continue
        name = re.fullmatch(rf"(?:\w+ )?({_MONTH_FULL}|{_WEEKDAY_FULL})(?: \w+)?", hit, re.I)
        if name and not name[1][0].isupper():
            continue  # "march" the verb, lower-case "monday" in a handle or URL
        found.append((m.start(), m.end()))
    found.sort(key=lambda se: (se[0], -se[1]))
    merged: list[list[int]] = []
    for s, e in found:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out = []
    for s, e in merged:
        # Strip a leading article or preposition NER sometimes includes, and punctuation.
        while e > s and text[e - 1] in " ,.;:":
            e -= 1
        out.append(TimeValue(text=text[s:e], start=s + offset, stop=e + offset))
    return out
