"""Datelines ("Vilnius, December 14 (IANS) ") and date lines ("March 01, 2008").

A *dateline* opens the first paragraph of a wire story and names where (and often when and by
which agency) it was filed; it is not part of the sentence that follows. A *date line* is a
paragraph that holds nothing but a date, as in MEANTIME/Wikinews articles right after the
headline.

>>> d = match_dateline("Vilnius, December 14 (IANS) Belarus has released 123 prisoners")
>>> (d.place, d.month, d.day, d.year, d.agency, d.end)
('Vilnius', 12, 14, None, 'IANS', 28)
>>> parse_date_line("March 01, 2008")
datetime.date(2008, 3, 1)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["Dateline", "match_dateline", "parse_date_line", "MONTHS"]

#: Month names and the abbreviations news agencies use ("Sept." included).
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip

# Longest names first, so "June" is not read as "Jun" + "e".
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+"

# "December 14", "Dec. 14, 2025", "14 December 2025": the date inside a dateline.
_DATE = (
    rf"(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\.?(?:,?\s+(?P<year2>\d{{4}}))?)"
)
# A place is one to five capitalised words ("New Delhi", "Rio de Janeiro", "Kyiv/Moscow");
# capitalisation is checked in code because `re` has no Unicode upper-case class.
_WORD = r"[^\W\d_][\w'’.\-]*"
_PLACE = rf"(?P<place>{_WORD}(?:(?:\s+|/){_WORD}){{0,4}})"
_AGENCY = r"\((?P<agency>[^\W\d_][\w.&'’/ \-]{0,39})\)"
# A dash or colon between dateline and story; a hyphen or colon needs a space after it
# ("A FIRE-BOMB attack" and "10:45" are no datelines). AP wires set the dash as " _ " (an
# underscore between spaces, from the days of 7-bit wires), or as "--".
_DASH = r"(?:[–—]+|-{1,2}(?=\s)|:(?=\s)|(?<=\s)_(?=\s))"
# After an agency in parentheses a dash is the dateline's however it is spaced: "(AP)--The".
_AGENCY_DASH = r"(?:[–—]+|-{1,2}|:(?=\s)|(?<=\s)_(?=\s))"
# The state or country AP and others give after a city: "ANCHORAGE, Alaska", "SALEM, Ore.".
_REGION = rf"(?:,\s+(?P<region>{_WORD}(?:\s+{_WORD}){{0,2}}))"

# Forms, tried in order; each must be followed by the story's first word.
_FORMS = [
    # Vilnius, December 14 (IANS) ... / LONDON, Dec 14 (Reuters) - ...
    re.compile(rf"{_PLACE},?\s+{_DATE}\s*{_AGENCY}\s*(?:{_AGENCY_DASH}\s*)?", re.IGNORECASE),
    # WASHINGTON (Reuters) - ... / ANCHORAGE, Alaska (AP) _ ...   (dash required: "Apple
    # (AAPL) said" is no dateline)
    re.compile(rf"{_PLACE}{_REGION}?\s*{_AGENCY}\s*{_AGENCY_DASH}\s*", re.IGNORECASE),
    # NEW YORK, March 3 — ...
    re.compile(rf"{_PLACE},\s+{_DATE}\s*{_DASH}\s*", re.IGNORECASE),
    # WASHINGTON — ...   (place in capitals only, checked in code)
    re.compile(rf"{_PLACE}\s*{_DASH}\s*"),
]
# Words that start lines like "POSTED: 04/02/07" or "Sunday, November 27 - 2005" but are
# no place.
_NOT_PLACES = {"published", "posted", "updated", "by", "photo", "date", "source", "credit",
               "editor", "image", "video", "watch", "update", "breaking", "exclusive", "note",
               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "today", "yesterday", *MONTHS}  # fmt: skip
_CONNECTORS = {"de", "del", "da", "do", "di", "du", "la", "le", "el", "es", "of", "on", "upon",
               "am", "an", "der", "sur", "al"}  # fmt: skip


@dataclass(frozen=True)
class Dateline:
    """A recognised dateline: ``text[:end]`` is the dateline, the story starts at ``end``.

    ``year`` is None when the dateline gives only month and day (the usual case).
    """

    end: int
    place: str | None = None
    agency: str | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None


def _is_place(place: str, *, all_caps: bool) -> bool:
    words = re.split(r"\s+|/", place)
    if any(w.lower().strip(".") in _NOT_PLACES for w in words):
        return False
    if all_caps:
        return place.isupper() and sum(c.isalpha() for c in place) >= 3
    return all(w[0].isupper() or w.lower() in _CONNECTORS for w in words) and words[0][0].isupper()


def match_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of ``paragraph``, or None.

    >>> match_dateline("WASHINGTON (Reuters) - The US said ...").agency
    'Reuters'
    >>> match_dateline("Apple (AAPL) said on Monday ...") is None
    True
    >>> match_dateline("NEW DELHI: India said").place
    'NEW DELHI'
    >>> d = match_dateline("ANCHORAGE, Alaska (AP) _ A small plane crashed")
    >>> d.place, d.agency
    ('ANCHORAGE', 'AP')
    """
    for i, form in enumerate(_FORMS):
        m = form.match(paragraph)
        if not m:
            continue
        groups = m.groupdict()
        place = groups["place"]
        if not _is_place(place, all_caps=(i == 3)):
            continue
        region = groups.get("region")
        if region is not None and not _is_place(region, all_caps=False):
            continue
        agency = groups.get("agency")
        if agency is not None and not agency[0].isupper():
            continue
        rest = paragraph[m.end() :]
        # The story must go on with a word, a quote or a number, not end or continue a list.
        if not rest or not (rest[0].isalnum() or rest[0] in "\"'“‘"):
            continue
        month_name = groups.get("month") or groups.get("month2")
        day = groups.get("day") or groups.get("day2")
        year = groups.get("year") or groups.get("year2")
        return Dateline(
            end=m.end(),
            place=place,
            agency=agency.strip() if agency else None,
            month=MONTHS[month_name.lower()] if month_name else None,
            day=int(day) if day else None,
            year=int(year) if year else None,
        )
    return None


_DATE_LINE = re.compile(
    r"(?:(?:published|posted|updated|date)\s*:?\s*(?:on\s+)?)?"
    rf"(?:{_WEEKDAY})?"
    rf"(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH})\.?,?\s+(?P<year2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
    # an optional clock time: "March 1, 2008, 10:45 AM EST"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[APap]\.?[Mm]\.?)?(?:\s+[A-Z]{2,5})?)?\s*",
    re.IGNORECASE,
)


def parse_date_line(paragraph: str) -> date | None:
    """The date if ``paragraph`` is nothing but a date (a MEANTIME-style date line).

    >>> parse_date_line("Sunday, 14 December 2025")
    datetime.date(2025, 12, 14)
    >>> parse_date_line("March 2008 was cold") is None
    True
    """
    text = paragraph.strip()
    if len(text) > 60:
        return None
    m = _DATE_LINE.fullmatch(text)
    if not m:
        return None
    try:
        if m["iso"]:
            return date.fromisoformat(m["iso"])
        month = MONTHS[(m["month"] or m["month2"]).lower()]
        return date(int(m["year"] or m["year2"]), month, int(m["day"] or m["day2"]))
    except ValueError:  # "February 30, 2008"
        return None
