"""Normalising one time expression: repetitions, intervals, durations, points, and a fallback.

:func:`normalise_time` cleans the text, tries the rules for repetitions (TimeML SET),
intervals ("since 2020", "from 2009 to 2011"), spans counted from now ("the next decade"),
then peels prepositions and modifiers that do not change the value ("in early 2009") and
tries the point rules (:mod:`._points`) and the durations; :mod:`dateparser` answers what no
rule knows. A value an anaphoric rule counted past the publication date is kept only in a
future clause (see :func:`normalise_time`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from kg.model import TimeValue
from kg.resolve.timex._calendar import Anchor, iso_week, value_start
from kg.resolve.timex._points import Context, Parsed, number, point, singular
from kg.resolve.timex._words import (
    DAY_PARTS,
    HOLIDAY_SEASONS,
    MONTH,
    MONTHS,
    NUM,
    SEASONS,
    SETS,
    UNIT_PL,
    UNITS,
    VAGUE,
    WEEKDAY,
    WEEKDAYS,
)

__all__ = ["normalise_time", "timex_type"]


def _duration(amount: float | None, unit: str) -> str:
    """An ISO 8601 duration: (5, 'year') -> 'P5Y'; (30, 'minute') -> 'PT30M'; vague -> 'PXY'."""
    code, is_time = UNITS.get(singular(unit), ("D", False))
    amt = "X" if amount is None else _fmt_amount(amount)
    for unit_code, months_or_years, letter in (("Q", 3, "M"), ("DE", 10, "Y"), ("CE", 100, "Y")):
        if code == unit_code:  # TimeML has no quarter, decade or century unit for durations
            code, amt = letter, "X" if amount is None else _fmt_amount(amount * months_or_years)
    return f"PT{amt}{code}" if is_time else f"P{amt}{code}"


def _fmt_amount(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


_SPACE_RUN = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?<=[a-z0-9])'s$")


def clean(text: str) -> str:
    """Lower case, plain quotes and dashes, single spaces, no edge punctuation or possessive
    ("Last month's" → "last month")."""
    t = text.strip().lower()
    t = t.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = _SPACE_RUN.sub(" ", t)
    t = t.strip(" ,.;:()\"'")
    return _POSSESSIVE.sub("", t)


# --------------------------------------------------------------------------- repetitions

_EVERY = re.compile(rf"(?:every|each|per) (?:(other|{NUM}) )?(\w+?)s?")
_PLURAL_WEEKDAY = re.compile(rf"(?:on )?({WEEKDAY})s")
_TIMES_A = re.compile(rf"(?:once|twice|{NUM}(?: times)?) (?:a|an|per|each|every) (\w+)")


def _set(t: str) -> Parsed | None:
    """Repetitions (TimeML SET): "annually" (``P1Y``), "every two years" (``P2Y``), "every
    morning" (``XXXX-XX-XXTMO``), "every Monday" and "on Mondays" (``XXXX-WXX-1``), "every
    summer" (``XXXX-SU``), "twice a year" and "15 a year" (``P1Y``). Sentence: "The team meets
    every morning and reports on Mondays."."""
    if t in SETS:
        return Parsed(SETS[t], type="SET")
    m = _EVERY.fullmatch(t) or _PLURAL_WEEKDAY.fullmatch(t)
    if m is not None and m.re is _PLURAL_WEEKDAY:
        return Parsed(f"XXXX-WXX-{WEEKDAYS[m[1]] + 1}", type="SET")
    if m is not None:
        word = m[2]
        if word in WEEKDAYS:
            return Parsed(f"XXXX-WXX-{WEEKDAYS[word] + 1}", type="SET")
        if word in DAY_PARTS:
            return Parsed(f"XXXX-XX-XXT{DAY_PARTS[word]}", type="SET")
        if word in SEASONS:
            return Parsed(f"XXXX-{SEASONS[word]}", type="SET")
        if word in MONTHS:
            return Parsed(f"XXXX-{MONTHS[word]:02d}", type="SET")
        if word == "weekend":
            return Parsed("XXXX-WXX-WE", type="SET")
        if singular(word) in UNITS:
            n = 2.0 if m[1] == "other" else number(m[1]) if m[1] else 1.0
            return Parsed(_duration(n, word), type="SET") if n else None
    if (m := _TIMES_A.fullmatch(t)) and singular(m[1]) in UNITS:
        return Parsed(_duration(1, m[1]), type="SET")
    return None


# --------------------------------------------------------------------------- intervals

_FROM_TO = re.compile(r"(?:from|between) (.+?) (?:to|until|till|through|and|-) (.+)")
_YEAR_RANGE = re.compile(r"(1\d{3}|20\d{2}) ?- ?(1\d{3}|20\d{2})")
_SINCE = re.compile(r"(?:ever )?(?:since|starting|starting in|beginning in|from|as of) (.+)")
_UNTIL = re.compile(r"(?:until|till|up to|through|by|before) (.+)")
_AFTER = re.compile(r"after (.+)")
_IN_UNITS = re.compile(rf"in ({NUM}|a few|several) ({UNIT_PL})")


def _interval(t: str, ctx: Context, durations: bool) -> Parsed | None:
    """Intervals: "from 2009 to 2011" (begin, end and, as a duration, ``P2Y``), "between
    2014 and 2016", "since 2020" (begin), "until May" (end), "after 2010" (begin); "in two
    years" (from now) is a date, as in TimeML."""
    if m := _FROM_TO.fullmatch(t) or _YEAR_RANGE.fullmatch(t):
        a, b = point(clean(m[1]), ctx), point(clean(m[2]), ctx)
        if a and b and a.value and b.value:
            value = None
            if durations and a.value.isdigit() and b.value.isdigit():
                value = f"P{int(b.value) - int(a.value)}Y"
            return Parsed(value, begin=a.value, end=b.value, type="DURATION")
    if m := _SINCE.fullmatch(t):
        p = _rules(m[1], ctx, durations)
        if p and p.value:
            return Parsed(None, begin=p.value, anaphoric=p.anaphoric, anchored=p.anchored)
    if m := _UNTIL.fullmatch(t):
        p = _rules(m[1], ctx, durations)
        if p and p.value and p.type != "DURATION":
            return Parsed(None, end=p.value, anaphoric=p.anaphoric, anchored=p.anchored)
    if m := _AFTER.fullmatch(t):
        p = point(m[1], ctx)
        if p and p.value:
            return Parsed(None, begin=p.value, anaphoric=p.anaphoric, anchored=p.anchored)
    if m := _IN_UNITS.fullmatch(t):
        return point(f"{m[1]} {m[2]} from now", ctx)
    return None


# --------------------------------------------------------------------------- durations

_DURATION_LEAD = re.compile(
    r"^(?:for|over|during|within|in|after|about|almost|nearly|around|some|approximately|"
    r"roughly|more than|less than|at least|up to|another|just|only|barely|fully)\s+"
)
_DURATION_TAIL = re.compile(r"^(?:for|over|during|within|almost|nearly|about|around)\s+")
_COUNTED_UNITS = re.compile(
    rf"(?:the |a |an )?(?:(?:next|past|last|previous|coming|first|following|recent|"
    rf"final) )?({NUM}(?: and a half)?|several|a few|few|many|some|"
    rf"a couple of|couple of)[ -]({UNIT_PL})(?:[ -](?:long|old|period|span|term|history|"
    rf"run|stretch|window|delay|wait))?"
)
_BARE_UNITS = re.compile(rf"(?:the |a )?(?:(?:next|past|last|previous|coming|following) )?"
                         rf"({UNIT_PL})(?:-long)?")  # fmt: skip
_SPAN_FROM_NOW = re.compile(r"(?:over |in |within |during )?the (?:next|coming|past|last) "
                            r"(decade|century)")  # fmt: skip


def _span_from_now(t: str) -> Parsed | None:
    """A decade or century counted from now is a duration, not the calendar decade: "the next
    decade" (``P10Y``), "over the past century" (``P100Y``). Sentence: "Airbus expects to sell
    1,000 jets over the next decade."."""
    m = _SPAN_FROM_NOW.fullmatch(t)
    return Parsed(_duration(1, m[1]), type="DURATION") if m else None


_HOLIDAY_SEASON = re.compile(
    rf"(?:the )?(?:{HOLIDAY_SEASONS})(?: and (?:the )?(?:{HOLIDAY_SEASONS}))?"
    r"(?: (?:holiday|sales|shopping|trading))* (?:period|season|sales|shopping|holidays?|rush|"
    r"break|trading)"
)


#: A stretch of time whose length the text leaves open: "an undetermined period of time".
_OPEN_PERIOD = re.compile(
    r"(?:an?|some) (?:undetermined|indefinite|unspecified|unknown|undisclosed|extended|long|"
    r"short|brief|certain) (?:period|length|amount|stretch|spell)(?: of time)?"
)


def _as_duration(t: str) -> Parsed | None:
    """Durations: "five years", "the next four years", "41-year", "over the years"; the
    season around a holiday ("the Christmas and New Year sales period") and a period of open
    length ("for an undetermined period of time"), both ``PXD``. Sentence: "He will be on
    leave for an undetermined period of time after the Christmas sales."."""
    t = _DURATION_TAIL.sub("", _DURATION_LEAD.sub("", t))
    if _HOLIDAY_SEASON.fullmatch(t) or _OPEN_PERIOD.fullmatch(t):
        return Parsed("PXD", type="DURATION")
    if m := _COUNTED_UNITS.fullmatch(t):
        n = number(m[1]) if m[1] not in VAGUE and m[1] != "a few" else None
        return Parsed(_duration(n, singular(m[2])), type="DURATION")
    if m := _BARE_UNITS.fullmatch(t):
        unit = singular(m[1])
        return Parsed(_duration(None if m[1] != unit else 1, unit), type="DURATION")
    return None


# --------------------------------------------------------------------------- all rules

_PEEL_PREP = re.compile(
    r"^(?:in|on|at|during|of|around|about|circa|approximately|at least|no later than|"
    r"no earlier than|as early as|as late as|sometime in|some time in)\s+"
)
_PEEL_PART = re.compile(
    r"^(?:the )?(?:(?:very )?(?:beginning|start|end|middle|close|turn|"
    r"latter part|early part|rest|remainder|part|course) of )"
)
_PEEL_EDGE = re.compile(r"^(?:early|late|mid|the middle of)[- ](?=\S)")


def _rules(t: str, ctx: Context, durations: bool) -> Parsed | None:
    """All rules for one cleaned expression; prepositions and modifiers are peeled here."""
    found = _set(t) or _interval(t, ctx, durations) or _span_from_now(t)
    if found is not None:
        return found
    # Peel prepositions and modifiers that do not change the value (TimeML puts "early",
    # "late", "mid" in a separate mod attribute): "in early 2009" -> "2009".
    peeled = _PEEL_EDGE.sub("", _PEEL_PART.sub("", _PEEL_PREP.sub("", t)))
    if peeled != t:
        return _rules(peeled, ctx, durations)
    return point(t, ctx) or _as_duration(t)


#: What a text needs for dateparser to read it without inventing a date: a month or weekday
#: name, a year, or digits joined as dates and clock times are ("7/8", "10:30").
_ANCHOR = re.compile(rf"\d{{4}}|\d[/:.-]\d|\b(?:{MONTH}|{WEEKDAY})\b")


def _fallback(text: str, ctx: Context) -> Parsed | None:
    """Ask dateparser; its ``period`` gives the granularity of the value.

    Answers are cached (dateparser takes about half a millisecond a call and news repeats
    "on Saturday"). Without a publication date only expressions that state their year are
    resolved: dateparser would read "Saturday" or "September" against today's clock, which
    gives a wrong date that changes from run to run.
    """
    if not _ANCHOR.search(text.lower()):
        return None  # nothing dateparser could anchor without inventing a date
    if ctx.ref is None and not re.search(r"\b\d{4}\b", text):
        return None
    return _dateparser(text, ctx.ref, ctx.tense)


@lru_cache(maxsize=4096)
def _dateparser(text: str, ref: date | None, tense: str | None) -> Parsed | None:
    """:func:`_fallback`'s dateparser call."""
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
        return Parsed(f"{dt.year}")
    if period == "month":
        return Parsed(dt.strftime("%Y-%m"))
    if period == "week":
        return Parsed(iso_week(dt.date()))
    if period == "time" or re.search(r"\d[:.]\d\d|[ap]\.?m\b", text.lower()):
        return Parsed(dt.strftime("%Y-%m-%dT%H:%M"), type="TIME")
    return Parsed(dt.date().isoformat())


def _parse(text: str, ctx: Context, durations: bool) -> Parsed | None:
    t = clean(text)
    if not t:
        return None
    try:
        return _rules(t, ctx, durations) or _fallback(t, ctx)
    except (ValueError, OverflowError):  # "a million years ago": outside what date holds
        return None


def timex_type(text: str) -> str:
    """The TimeML type of an expression: DATE, TIME, DURATION or SET.

    >>> timex_type("five years"), timex_type("annually"), timex_type("08:30 UTC")
    ('DURATION', 'SET', 'TIME')
    """
    p = _parse(text, Context(date(2000, 1, 1)), True)
    return p.type if p else "DATE"


def normalise_time(
    text: str,
    published: date | None,
    *,
    tense: str | None = None,
    durations: bool = False,
    anchor: str | None = None,
) -> TimeValue:
    """Normalise one time expression against the publication date.

    ``tense`` is "past" or "future" when the clause's tense is known ("present" and None
    say nothing); it decides whether a bare weekday, month or quarter lies before or after
    ``published``. ``anchor`` is the TimeML value of the time the text counts a relative
    expression from ("1961" for "37 years later"); without one, such expressions count
    from ``published``. A value an anaphoric rule counts to after ``published`` ("four years
    later", "the following year") is kept only when ``tense`` is "future": otherwise the
    text contradicts itself or the anchor is missing, and the value is left out.
    With ``durations=True`` a duration or repetition gets its ISO value ("five years" ->
    ``P5Y``); otherwise it has none, since it is not a point in time a fact happened at.
    ``type`` is the TimeML type; the result has ``value=None`` when the expression cannot be
    resolved.

    >>> d = date(2025, 12, 14)
    >>> [normalise_time(t, d).value for t in ("December 14", "in 2020", "this week", "March")]
    ['2025-12-14', '2020', '2025-W50', '2025-03']
    >>> normalise_time("the 1990s", d).value, normalise_time("next year", d).value
    ('199', '2026')
    >>> normalise_time("for five years", d, durations=True).value
    'P5Y'
    >>> normalise_time("37 years later", date(1998, 5, 2), anchor="1961").value
    '1998'
    >>> normalise_time("four years later", date(1998, 5, 2), tense="past").value is None
    True
    """
    ctx = Context(published, tense, Anchor.of(anchor))
    parsed = _parse(text, ctx, durations)
    if parsed is None:
        return TimeValue(text=text)
    if parsed.anaphoric and published is not None and tense != "future":
        start = value_start(parsed.value or parsed.begin or parsed.end)
        if start is not None and start > published:
            parsed = replace(parsed, value=None, begin=None, end=None)
    value = parsed.value
    if parsed.type in ("DURATION", "SET") and not durations:
        value = None
    return TimeValue(text=text, value=value, begin=parsed.begin, end=parsed.end, type=parsed.type)
