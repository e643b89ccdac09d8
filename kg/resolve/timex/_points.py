"""Rules for a point in time, one function per construction, tried in order by :func:`point`.

Each rule takes the cleaned expression (lower case, no leading preposition) and the
:class:`Context` (publication date, clause tense, the time the text anchors it to) and returns
a :class:`Parsed` value or None. Rules that state their year come first and need no
publication date; deictic rules ("yesterday", "last week") count from the publication date;
anaphoric rules ("37 years later", "the following year") count from the anchor the text gave
(:attr:`Context.anchor`), else from the publication date, and mark their value
:attr:`Parsed.anaphoric`, so :func:`kg.resolve.timex.normalise_time` can check it against the
clause's tense.

>>> from datetime import date
>>> ctx = Context(date(1998, 6, 1), "past", Anchor.of("1961"))
>>> point("37 years later", ctx).value, point("the 20th century", ctx).value
('1998', '19')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kg.resolve.timex._calendar import (
    Anchor,
    Grain,
    add_months,
    day_value,
    iso_week,
    pick_year,
    quarter,
    season_of,
    shift_years,
    weekday_date,
)
from kg.resolve.timex._words import (
    DAY_PART,
    DAY_PARTS,
    FUTURE_REF,
    FUTURE_WORDS,
    HOLIDAYS,
    MONTH,
    MONTHS,
    NUM,
    NUMBERS,
    ORDINAL,
    ORDINALS,
    PAST_REF,
    PAST_WORDS,
    PRESENT_REF,
    PRESENT_WORDS,
    SEASON,
    SEASON_START,
    SEASONS,
    UNIT_PL,
    WEEKDAY,
    WEEKDAYS,
)

__all__ = ["Context", "Parsed", "point", "number", "singular"]


@dataclass(frozen=True)
class Parsed:
    """What a rule makes of an expression, before it becomes a :class:`~kg.model.TimeValue`.

    ``anaphoric`` marks a value counted from another time ("four years later"); ``anchored``
    one counted from the anchor the text gave rather than the publication date.
    """

    value: str | None = None
    begin: str | None = None
    end: str | None = None
    type: str = "DATE"  # TimeML type: DATE, TIME, DURATION, SET
    anaphoric: bool = False
    anchored: bool = False


@dataclass(frozen=True)
class Context:
    """What an expression is read against: the publication date (``ref``), the tense of its
    clause ("past", "future" or None) and the time the text anchors it to, if any."""

    ref: date | None
    tense: str | None = None
    anchor: Anchor | None = None


Rule = Callable[[str, Context], Parsed | None]


# --------------------------------------------------------------------------- small helpers


def number(text: str) -> float | None:
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


def singular(unit: str) -> str:
    """'years' -> 'year', 'centuries' -> 'century'."""
    if unit.endswith("ies"):
        return unit[:-3] + "y"
    return unit[:-1] if unit.endswith("s") else unit


def _day_part_value(day: date, part: str) -> Parsed:
    return Parsed(f"{day.isoformat()}T{DAY_PARTS[part]}", type="TIME")


def _anchor_day(ctx: Context) -> date | None:
    """The day a clock time or part of day falls on: the day the text named before it, else
    the publication day."""
    if ctx.anchor is not None and ctx.anchor.grain == Grain.DAY:
        return ctx.anchor.day
    return ctx.ref


def _shift(origin: date, grain: Grain, unit: str, k: int) -> str | None:
    """``origin`` moved by ``k`` units, at the unit's granularity; None when ``origin`` is
    coarser than the unit ("two days after 1961" has no day)."""
    need = {"year": Grain.YEAR, "decade": Grain.YEAR, "century": Grain.YEAR,
            "quarter": Grain.QUARTER, "month": Grain.MONTH, "week": Grain.WEEK,
            "day": Grain.DAY}.get(unit)  # fmt: skip
    if need is None or grain < need:
        return None
    if unit in ("year", "decade", "century"):
        years = k * {"year": 1, "decade": 10, "century": 100}[unit]
        if not 0 < origin.year + years < 10000:
            return None
        y = origin.year + years
        return str(y) if unit == "year" else str(y)[:3] if unit == "decade" else str(y // 100)
    if unit == "quarter":
        q = quarter(origin) - 1 + k
        return f"{origin.year + q // 4}-Q{q % 4 + 1}"
    if unit == "month":
        return add_months(origin, k).strftime("%Y-%m")
    if unit == "week":
        return iso_week(origin + timedelta(weeks=k))
    return (origin + timedelta(days=k)).isoformat()


def _origin(ctx: Context) -> tuple[date, Grain, bool] | None:
    """Where an anaphoric expression counts from: (day, granularity, from the text's anchor)."""
    if ctx.anchor is not None:
        return ctx.anchor.day, ctx.anchor.grain, True
    if ctx.ref is not None:
        return ctx.ref, Grain.DAY, False
    return None


# --------------------------------------------------------------------------- absolute forms


def ref_word(t: str, ctx: Context) -> Parsed | None:
    """Words for the present, past or future: "currently" (PRESENT_REF), "recent years"
    (PAST_REF), "the long term" (FUTURE_REF). Sentence: "Apple is currently the largest
    maker; in the long term it expects growth."."""
    for words, value in ((PRESENT_WORDS, PRESENT_REF), (PAST_WORDS, PAST_REF),
                         (FUTURE_WORDS, FUTURE_REF)):  # fmt: skip
        if t in words or (t.startswith("the ") and t[4:] in words):
            return Parsed(value)
    if (m := _ERA.fullmatch(t)) and m[1] not in _LIVING_ERAS:
        return Parsed(PAST_REF)  # "the Soviet era", "the Douglas era": a bygone period
    return None


_ERA = re.compile(r"(?:the )?(\w+) era")
#: Eras that are not over: "a new era", "the digital era".
_LIVING_ERAS = frozenset({"new", "modern", "current", "present", "digital", "coming", "next",
                          "future", "information", "internet"})


_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2})(?:t(\d{2}):(\d{2})(?::(\d{2}))?(z)?)?)?")


def iso_form(t: str, ctx: Context) -> Parsed | None:
    """ISO dates as written: "2008-03-01", "2008-03", "2008-03-01T10:30Z"."""
    m = _ISO.fullmatch(t)
    if m is None:
        return None
    if m[3] is None:
        return Parsed(f"{m[1]}-{m[2]}") if 1 <= int(m[2]) <= 12 else None
    day = day_value(int(m[1]), int(m[2]), int(m[3]))
    if m[4] is None or day is None:
        return Parsed(day)
    sec = f":{m[6]}" if m[6] else ""
    return Parsed(f"{day}T{m[4]}:{m[5]}{sec}{'Z' if m[7] else ''}", type="TIME")


_YEAR = re.compile(r"(?:(?:the )?year )?(1\d{3}|20\d{2})")


def year(t: str, ctx: Context) -> Parsed | None:
    """A year: "2008", "the year 2008"."""
    m = _YEAR.fullmatch(t)
    return Parsed(m[1]) if m else None


_DECADE = re.compile(r"(?:the )?(?:(1\d|20)(\d)0|'?(\d)0)'?s")


def decade(t: str, ctx: Context) -> Parsed | None:
    """Decades by their digits: "the 1990s" (``199``), "the '90s" (``199``); a hundred
    years by theirs: "the 1800s" (the century, ``18``), except "the 2000s" (``200``).
    Sentence: "Sales peaked in the 1990s, as they had in the 1800s."."""
    m = _DECADE.fullmatch(t)
    if m is None:
        return None
    if m[1] and m[2] == "0" and m[1] != "20":
        return Parsed(m[1])  # "the 1900s": the twentieth century
    return Parsed(f"{m[1]}{m[2]}" if m[1] else f"19{m[3]}")


_CENTURY = re.compile(rf"(?:the )?(?:(\d{{1,2}})(?:st|nd|rd|th)|({ORDINAL}))[- ]century")


def century(t: str, ctx: Context) -> Parsed | None:
    """Centuries by ordinal, valued by their hundreds as TimeML does: "the 20th century" →
    ``19``, "the twenty-first century" → ``20``. Sentence: "The factory was built in the 19th
    century."."""
    m = _CENTURY.fullmatch(t)
    if m is None:
        return None
    n = int(m[1]) if m[1] else ORDINALS[m[2]]
    return Parsed(f"{n - 1:02d}") if 1 <= n <= 21 else None


_MONTH_DAY_YEAR = re.compile(
    rf"(?:(?:{WEEKDAY}),? )?({MONTH})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})"
)
_DAY_MONTH_YEAR = re.compile(
    rf"(?:(?:{WEEKDAY}),? )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({MONTH})\.?,? (\d{{4}})"
)
_MONTH_YEAR = re.compile(rf"({MONTH})\.?,? (?:of )?(\d{{4}})")
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")


def calendar_date(t: str, ctx: Context) -> Parsed | None:
    """Dates that state their year: "March 1, 2008", "Tuesday, 14 December 2025",
    "March 2008", "7/8/07" (month first, as US news writes it, unless the first number
    cannot be a month; two-digit years 00-69 are 20xx). Sentence: "The verdict came on
    Tuesday, December 9, 2008."."""
    if m := _MONTH_DAY_YEAR.fullmatch(t):
        return Parsed(day_value(int(m[3]), MONTHS[m[1]], int(m[2])))
    if m := _DAY_MONTH_YEAR.fullmatch(t):
        return Parsed(day_value(int(m[3]), MONTHS[m[2]], int(m[1])))
    if m := _MONTH_YEAR.fullmatch(t):
        return Parsed(f"{m[2]}-{MONTHS[m[1]]:02d}")
    if m := _SLASH_DATE.fullmatch(t):
        y = int(m[3])
        y = y + (2000 if y < 70 else 1900) if y < 100 else y
        a, b = int(m[1]), int(m[2])
        month, day = (b, a) if a > 12 else (a, b)
        return Parsed(day_value(y, month, day))
    return None


_QUARTER_NAME = r"(?:q([1-4])|(first|second|third|fourth)[- ]quarter)"
_QUARTER_OF = re.compile(
    rf"(?:the )?(?:(?:fiscal|financial|calendar) )?{_QUARTER_NAME}(?: of)?,? "
    r"(?:(\d{4})|(?:the )?(last|this|next|previous|current) (?:fiscal |financial )?year)"
)
_YEAR_QUARTER = re.compile(r"(\d{4}) q([1-4])")
_HALF_OF = re.compile(
    r"(?:the )?(first|second) half of (?:(\d{4})|(?:the )?(last|this|next|previous) year)"
)
_YEAR_SHIFT = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1}


def quarter_of_year(t: str, ctx: Context) -> Parsed | None:
    """Quarters and halves of a named year: "Q1 2008", "the third quarter of 2008", "the
    first quarter of last year", "2008 Q1", "the second half of 2009" (``2009-H2``).
    Sentence: "Profit fell in the first quarter of last year."."""
    if m := _QUARTER_OF.fullmatch(t):
        q = int(m[1]) if m[1] else ORDINALS[m[2]]
        if m[3]:
            return Parsed(f"{m[3]}-Q{q}")
        if ctx.ref is None:
            return None
        return Parsed(f"{ctx.ref.year + _YEAR_SHIFT[m[4]]}-Q{q}")
    if m := _YEAR_QUARTER.fullmatch(t):
        return Parsed(f"{m[1]}-Q{m[2]}")
    if m := _HALF_OF.fullmatch(t):
        h = 1 if m[1] == "first" else 2
        if m[2]:
            return Parsed(f"{m[2]}-H{h}")
        return Parsed(f"{ctx.ref.year + _YEAR_SHIFT[m[3]]}-H{h}") if ctx.ref else None
    return None


_SEASON_YEAR = re.compile(rf"(?:the )?({SEASON})(?: of)? (\d{{4}})|(?:the )?(\d{{4}}) ({SEASON})")


def season_of_year(t: str, ctx: Context) -> Parsed | None:
    """A season of a named year: "summer 2008", "the summer of 2008", "the 2008 summer"."""
    m = _SEASON_YEAR.fullmatch(t)
    if m is None:
        return None
    return Parsed(f"{m[2]}-{SEASONS[m[1]]}" if m[1] else f"{m[3]}-{SEASONS[m[4]]}")


_FISCAL_YEAR = re.compile(r"(?:fy|fiscal |fiscal year |financial year )'?(\d{4}|\d{2})")
_THE_FISCAL_YEAR = re.compile(
    r"(?:the |its )?(?:(this|current|last|previous|next|coming) )?(?:fiscal|financial) year"
)


def fiscal_year(t: str, ctx: Context) -> Parsed | None:
    """Fiscal years: "FY2008", "fiscal 2008", and, against the publication date, "the
    financial year", "last fiscal year" (``FY2007`` in an article of 2008). Sentence: "The
    very beginning of the financial year marked a record."."""
    if m := _FISCAL_YEAR.fullmatch(t):
        return Parsed(f"FY{m[1] if len(m[1]) == 4 else '20' + m[1]}")
    if (m := _THE_FISCAL_YEAR.fullmatch(t)) and ctx.ref is not None:
        k = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(m[1] or "", 0)
        return Parsed(f"FY{ctx.ref.year + k}")
    return None


# --------------------------------------------------------------------------- anaphoric forms

_UNITS_AWAY = re.compile(
    rf"({NUM}(?: and a half)?|several|a few|few|some|many) ({UNIT_PL}) "
    r"(ago|earlier|before|later|from now|hence|after|afterwards|on)"
)
_DIRECTION = {"ago": -1, "earlier": -1, "before": -1, "later": 1, "from now": 1, "hence": 1,
              "after": 1, "afterwards": 1, "on": 1}  # fmt: skip


def units_away(t: str, ctx: Context) -> Parsed | None:
    """A number of units before or after a time: "five years ago" and "in two years from
    now" count from the publication date; "37 years later", "two days earlier", "four years
    after" count from the time the text gave before them (the anchor), else from the
    publication date. Sentence: "Gagarin flew in 1961; 37 years later, the station was
    finished."."""
    m = _UNITS_AWAY.fullmatch(t)
    if m is None:
        return None
    sign = _DIRECTION[m[3]]
    n = number(m[1])
    if m[3] in ("ago", "from now", "hence"):  # deictic: from the publication date
        if ctx.ref is None:
            return None
        origin, grain, anchored = ctx.ref, Grain.DAY, False
    else:
        where = _origin(ctx)
        if where is None:
            return None
        origin, grain, anchored = where
    if n is None:
        return Parsed(PAST_REF if sign < 0 else FUTURE_REF)
    unit = singular(m[2])
    unit = {"yr": "year", "centurie": "century"}.get(unit, unit)
    if n != int(n) and unit == "year":  # "two and a half years ago": by month
        n, unit = n * 12, "month"
    value = _shift(origin, grain, unit, int(n) * sign)
    return Parsed(value, anaphoric=m[3] not in ("ago", "from now", "hence"), anchored=anchored)


_NEIGHBOUR_UNIT = re.compile(
    r"(?:the )?(following|previous|preceding|prior|next|same) (day|week|month|quarter|year|decade)"
    r"|that (day|week|month|quarter|year)"
    r"|the (day|week|month|year) (before|after)"
)


def neighbour_unit(t: str, ctx: Context) -> Parsed | None:
    """A unit next to the time under discussion: "the following year", "the previous day",
    "the next month", "that year", "the same day", "the day before". Counted from the anchor,
    else from the publication date. Sentence: "Boeing won the order in 2004; the following
    year it lost it."."""
    m = _NEIGHBOUR_UNIT.fullmatch(t)
    if m is None or (m[1] == "next" and not t.startswith("the ")):
        return None  # "next year" without "the" is deictic
    if m[1]:
        k = {"following": 1, "next": 1, "same": 0}.get(m[1], -1)
        unit = m[2]
    elif m[3]:
        k, unit = 0, m[3]
    else:
        k, unit = (-1 if m[5] == "before" else 1), m[4]
    where = _origin(ctx)
    if where is None:
        return None
    origin, grain, anchored = where
    return Parsed(_shift(origin, grain, unit, k), anaphoric=True, anchored=anchored)


_SAME_PERIOD = re.compile(
    r"(?:the )?same (?:period|time|quarter|month|week|season|stretch|point)(?: of| in)?"
    r" (?:the )?(?:(?:last|previous|prior) year|year before|a year (?:earlier|before|ago))"
    r"|(?:the )?year-(?:earlier|ago) (?:period|quarter|month)"
)


def same_period_last_year(t: str, ctx: Context) -> Parsed | None:
    """The period under discussion a year before: "the same period last year", "the same
    quarter a year earlier", "the year-ago quarter". The anchor's value moved back a year
    (``2008-Q1`` → ``2007-Q1``, ``FY2007`` → ``FY2006``); with no anchor, or one that is a
    day or week, last year. Sentence: "Sales rose in the first quarter from the same period
    last year."."""
    if not _SAME_PERIOD.fullmatch(t):
        return None
    anchor = ctx.anchor
    if anchor is not None:
        if anchor.grain in (Grain.DAY, Grain.WEEK):
            return Parsed(str(anchor.day.year - 1), anaphoric=True, anchored=True)
        return Parsed(shift_years(anchor.value, -1), anaphoric=True, anchored=True)
    return Parsed(str(ctx.ref.year - 1), anaphoric=True) if ctx.ref else None


# --------------------------------------------------------------------------- deictic forms


_DAY_PART_OF = re.compile(rf"(this|yesterday|tomorrow|today|tonight) ({DAY_PART})")
_EARLIER_TODAY = re.compile(r"(?:earlier|later) (today|tonight|this (?:morning|afternoon|evening))")


def deictic_day(t: str, ctx: Context) -> Parsed | None:
    """Days named from the publication day: "today", "yesterday", "tomorrow", "tonight",
    "earlier today", "later this afternoon", "yesterday morning", "last night". Sentence:
    "Earlier today, the company said its chief had resigned."."""
    ref = ctx.ref
    if ref is None:
        return None
    if m := _EARLIER_TODAY.fullmatch(t):
        t = m[1]
    if t in ("today", "this day"):
        return Parsed(ref.isoformat())
    if t == "yesterday":
        return Parsed((ref - timedelta(days=1)).isoformat())
    if t == "tomorrow":
        return Parsed((ref + timedelta(days=1)).isoformat())
    if t in ("tonight", "overnight"):
        return _day_part_value(ref, "night")
    if m := _DAY_PART_OF.fullmatch(t):
        days = {"yesterday": -1, "tomorrow": 1}.get(m[1], 0)
        return _day_part_value(ref + timedelta(days=days), m[2])
    if t == "last night":
        return _day_part_value(ref - timedelta(days=1), "night")
    return None


_SHIFTED_UNIT = re.compile(
    r"(this|current|last|past|next|coming) (week|weekend|month|year|quarter|decade|century)"
)
_SHIFT = {"this": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1}


def shifted_unit(t: str, ctx: Context) -> Parsed | None:
    """A unit named from the publication date: "this week" (``2004-W47``), "last month"
    (``2004-10``), "next year", "the current quarter", "this century" (``20``), "last
    weekend". Sentence: "Sales fell last month."."""
    ref = ctx.ref
    if ref is None:
        return None
    m = _SHIFTED_UNIT.fullmatch(t)
    if m is None:
        return None
    s, unit = _SHIFT[m[1]], m[2]
    if unit == "weekend":
        return Parsed(iso_week(ref + timedelta(weeks=s)) + "-WE")
    if unit == "decade":
        return Parsed(str(ref.year // 10 + s))
    return Parsed(_shift(ref, Grain.DAY, unit, s))


def the_unit(t: str, ctx: Context) -> Parsed | None:
    """"The year", "the month", left once "the beginning of" is peeled: the publication
    date's. Sentence: "Sales have doubled since the beginning of the year."."""
    if t in ("the year", "the month", "the week", "the quarter"):
        return shifted_unit(f"this {t[4:]}", ctx)
    if t == "the day" and ctx.ref is not None:
        return Parsed(ctx.ref.isoformat())
    return None


_LATER_THIS = re.compile(r"(later|earlier) (?:this|in the) (year|month|week|decade|quarter)")


def later_this(t: str, ctx: Context) -> Parsed | None:
    """"Later this year", "earlier this month": the unit itself (TimeML puts the "later" in
    a modifier), except that the rest of a year published in its last quarter is that
    quarter, as is the part of a year gone by when it is published in its first ("later this
    year" written in October: ``2006-Q4``). Sentence: "The delivery, due later this year,
    is delayed."."""
    m = _LATER_THIS.fullmatch(t)
    if m is None:
        return None
    ref = ctx.ref
    if m[2] == "year" and ref is not None and quarter(ref) == (4 if m[1] == "later" else 1):
        return Parsed(f"{ref.year}-Q{quarter(ref)}")
    return shifted_unit(f"this {m[2]}", ctx)


_LATER_THAN_PLANNED = re.compile(
    rf"(?:{NUM}|several|a few|some) {UNIT_PL} (?:later|earlier|sooner|late|early) than "
    r"(?:\w+ly )?(?:planned|expected|scheduled|anticipated|announced|forecast|promised|hoped)"
)


def later_than_planned(t: str, ctx: Context) -> Parsed | None:
    """A delay measured against a plan, after the time it qualifies: "on November 11, three
    days later than originally planned" is November 11 itself, the time the text gave (the
    anchor); without one it says no time. Sentence: "The jet arrives on November 11, three
    days later than originally planned."."""
    if _LATER_THAN_PLANNED.fullmatch(t) is None or ctx.anchor is None:
        return None
    return Parsed(ctx.anchor.value, anchored=True)


def holiday(t: str, ctx: Context) -> Parsed | None:
    """A holiday on a fixed calendar day: "Christmas" (December 25), "New Year's Eve"; the year
    as for a month and day without one. Sentence: "The store stayed open on Christmas Eve."."""
    if t not in HOLIDAYS or ctx.ref is None:
        return None
    month, dd = HOLIDAYS[t]
    return Parsed(day_value(pick_year(month, dd, ctx.ref, ctx.tense), month, dd))


_SEASON_SHIFT = re.compile(rf"(?:(this|last|next|past|coming) )?({SEASON})")


def season(t: str, ctx: Context) -> Parsed | None:
    """A season named from the publication date: "this summer", "last winter" (the latest one
    begun before the current season), "next spring"; a bare "the summer" is the latest one
    begun by publication in a past clause, the next in a future one, else this year's.
    Sentence: "The airline ordered the jets last summer."."""
    m = _SEASON_SHIFT.fullmatch(t)
    if m is None or ctx.ref is None:
        return None
    token = SEASONS[m[2]]
    now_year, now_token = season_of(ctx.ref)
    now = date(now_year, SEASON_START[now_token], 1)
    begins = date(now.year, SEASON_START[token], 1)  # this season in the current season's year
    direction = {"past": "last", "coming": "next"}.get(m[1] or "", m[1])
    if direction == "last":
        y = now.year if begins < now else now.year - 1
    elif direction == "next":
        y = now.year if begins > now else now.year + 1
    elif direction is None and ctx.tense == "past":
        y = now.year if begins <= now else now.year - 1
    elif direction is None and ctx.tense == "future":
        y = now.year if begins >= now else now.year + 1
    else:
        y = now_year if token == now_token else ctx.ref.year
    return Parsed(f"{y}-{token}")


_SHIFTED_WEEKDAY = re.compile(
    rf"(?:(last|next|this|coming|past) )?({WEEKDAY})\.?(?: ({DAY_PART}))?"
)


def weekday(t: str, ctx: Context) -> Parsed | None:
    """Weekdays: "Tuesday", "last Tuesday", "next Friday", "Friday morning". A bare weekday is
    the most recent one on or before publication, unless the clause is in the future (then
    the next one on or after). Sentence: "Apple will unveil the phone on Tuesday."."""
    m = _SHIFTED_WEEKDAY.fullmatch(t)
    if m is None or ctx.ref is None:
        return None
    direction = {"coming": "next", "past": "last"}.get(m[1] or "", m[1])
    if direction is None and ctx.tense == "future":
        direction = "future"
    d = weekday_date(WEEKDAYS[m[2]], ctx.ref, direction)
    return _day_part_value(d, m[3]) if m[3] else Parsed(d.isoformat())


_MONTH_DAY = re.compile(rf"({MONTH})\.? (\d{{1,2}})(?:st|nd|rd|th)?")
_DAY_MONTH = re.compile(rf"(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({MONTH})\.?")


def month_day(t: str, ctx: Context) -> Parsed | None:
    """Month and day without a year: "December 14", "14 December", "April 2nd"; the year by
    :func:`~kg.resolve.timex._calendar.pick_year`."""
    m = _MONTH_DAY.fullmatch(t) or _DAY_MONTH.fullmatch(t)
    if m is None or ctx.ref is None:
        return None
    mon, num = (m[1], m[2]) if m[1] in MONTHS else (m[2], m[1])
    month, dd = MONTHS[mon], int(num)
    if not 1 <= dd <= 31:
        return None
    return Parsed(day_value(pick_year(month, dd, ctx.ref, ctx.tense), month, dd))


_SHIFTED_MONTH = re.compile(rf"(?:(last|next|this) )?({MONTH})\.?")


def month(t: str, ctx: Context) -> Parsed | None:
    """A month without a year: "March", "last March", "next October"."""
    m = _SHIFTED_MONTH.fullmatch(t)
    if m is None or ctx.ref is None or (m[2] == "may" and not m[1]):
        return None  # bare "may": the modal verb, far more often than the month
    ref, month = ctx.ref, MONTHS[m[2]]
    if m[1] == "last":
        y = ref.year if month < ref.month else ref.year - 1
    elif m[1] == "next":
        y = ref.year if month > ref.month else ref.year + 1
    elif m[1] == "this":
        y = ref.year
    else:
        y = pick_year(month, None, ref, ctx.tense)
    return Parsed(f"{y}-{month:02d}")


_BARE_QUARTER = re.compile(rf"(?:(?:fiscal|financial|calendar) )?{_QUARTER_NAME}")


def bare_quarter(t: str, ctx: Context) -> Parsed | None:
    """A quarter without a year: "the first quarter", "Q3", "fourth-quarter": the publication
    year's, except that in a past clause a quarter that has not begun by publication is last
    year's ("record profits in the fourth quarter", written in January), and in a future
    clause one that has ended is next year's. Sentence: "Apple earned a record profit in the
    fourth quarter."."""
    m = _BARE_QUARTER.fullmatch(t)
    if m is None or ctx.ref is None:
        return None
    q = int(m[1]) if m[1] else ORDINALS[m[2]]
    y = ctx.ref.year
    if ctx.tense == "past" and quarter(ctx.ref) < q:
        y -= 1
    elif ctx.tense == "future" and quarter(ctx.ref) > q:
        y += 1
    return Parsed(f"{y}-Q{q}")


def weekend(t: str, ctx: Context) -> Parsed | None:
    """"The weekend": the publication week's."""
    if t != "weekend" or ctx.ref is None:
        return None
    return Parsed(iso_week(ctx.ref) + "-WE")


def day_part(t: str, ctx: Context) -> Parsed | None:
    """A bare part of day, "the morning": of the day named before it, else the publication
    day."""
    m = re.fullmatch(DAY_PART, t)
    day = _anchor_day(ctx)
    return _day_part_value(day, m[0]) if m and day else None


_CLOCK = re.compile(
    r"(\d{1,2})(?:[:.](\d{2})(?::(\d{2}))?)? ?(a\.?m\.?|p\.?m\.?)?"
    r"(?: \(?(utc|gmt|z)\b(?: ?([+-]) ?(\d{1,2})(?::?(\d{2}))?)?.*)?"
)


def clock_time(t: str, ctx: Context) -> Parsed | None:
    """Clock times: "08:30 UTC", "6:40 p.m.", "9 a.m.", "10:15:30", "18:40 (GMT +8)" (given in
    UTC, ``Z``). The day is the one named before it in the text ("first flight Tuesday ... at
    18:00 UTC"), else the publication day. Sentence: "The jet took off on Tuesday at 10:15:30
    a.m."."""
    m = _CLOCK.fullmatch(t)
    day = _anchor_day(ctx)
    if m is None or day is None or (m[2] is None and m[4] is None):
        return None
    h, mi, sec = int(m[1]), int(m[2] or 0), m[3]
    if m[4] and m[4].startswith("p") and h < 12:
        h += 12
    if m[4] and m[4].startswith("a") and h == 12:
        h = 0
    if h > 23 or mi > 59 or (sec is not None and int(sec) > 59):
        return None
    when = datetime(day.year, day.month, day.day, h, mi)
    if m[6]:  # an offset from UTC: "GMT +8"
        offset = timedelta(hours=int(m[7]), minutes=int(m[8] or 0))
        when = when - offset if m[6] == "+" else when + offset
    zone = "Z" if m[5] else ""
    seconds = f":{sec}" if sec is not None else ""
    return Parsed(f"{when.date().isoformat()}T{when:%H:%M}{seconds}{zone}", type="TIME")


# --------------------------------------------------------------------------- the order

#: Rules that read a leading "the" ("the following year" is anaphoric, "following year" not
#: a form news uses), tried on the expression as it is.
_WITH_THE: tuple[Rule, ...] = (ref_word, neighbour_unit, same_period_last_year, the_unit,
                               century, quarter_of_year, fiscal_year, season_of_year)  # fmt: skip
#: The rest, tried once a leading "the" is dropped.
_RULES: tuple[Rule, ...] = (
    iso_form, year, decade, calendar_date, later_than_planned, units_away, deictic_day,
    shifted_unit, later_this, season, holiday, weekday, month_day, month, bare_quarter, weekend,
    day_part, clock_time,
)  # fmt: skip


def point(t: str, ctx: Context) -> Parsed | None:
    """The first rule's reading of a point in time ``t`` (cleaned, no leading preposition)."""
    for rule in _WITH_THE:
        if (p := rule(t, ctx)) is not None:
            return p
    if t.startswith("the "):
        t = t[4:]
    for rule in _RULES:
        if (p := rule(t, ctx)) is not None:
            return p
    return None
