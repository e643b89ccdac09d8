"""The words time expressions are made of, and the regular-expression pieces built from them.

Shared by the normalisation rules (:mod:`._points`, :mod:`._normalise`) and detection
(:mod:`._detect`), so a word added here is both found and understood.
"""

from __future__ import annotations

import re

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
#: TimeML season tokens, and the month each season starts in (winter runs into the next year).
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
#: TimeML part-of-day tokens.
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
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}  # fmt: skip
#: Vague amounts: TimeML writes the unknown number as X ("several years" -> PXY).
VAGUE = {"several", "few", "a few", "many", "some", "numerous", "the", "recent", "past"}
#: Unit -> (ISO 8601 duration letter, whether it goes after the "T").
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("DE", False), "century": ("CE", False), "sec": ("S", True), "min": ("M", True),
    "hr": ("H", True), "yr": ("Y", False),
}  # fmt: skip
#: Words for a regular repetition (TimeML SET) and their period.
SETS = {
    "annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "every year": "P1Y", "each year": "P1Y",
    "a year": "P1Y", "per year": "P1Y", "monthly": "P1M", "every month": "P1M", "weekly": "P1W",
    "every week": "P1W", "daily": "P1D", "every day": "P1D", "each day": "P1D", "hourly": "PT1H",
    "quarterly": "P3M", "biannual": "P6M", "biennial": "P2Y", "nightly": "XXXX-XX-XXTNI",
}  # fmt: skip
#: Words that refer to the present, the past or the future without naming a time.
PRESENT_WORDS = {
    "now", "currently", "at present", "presently", "at the moment", "right now", "nowadays",
    "these days", "present", "the present", "at this time", "current", "the time being",
    "for the time being",
}  # fmt: skip
PAST_WORDS = {
    "recently", "more recently", "lately", "in the past", "the past", "previously",
    "formerly", "earlier", "once", "in recent years", "recent years", "past", "recent",
    "recent weeks", "recent months", "recent days", "in recent weeks", "in recent months",
    "in recent days", "the old days", "the recent past", "in the recent past",
}  # fmt: skip
FUTURE_WORDS = {
    "future", "the future", "in the future", "soon", "shortly", "in the coming years",
    "the coming years", "in the years to come", "one day", "someday", "the near future",
    "in the near future", "the long term", "the long run", "the short term", "the medium term",
    "the longer term", "the coming months", "the coming weeks", "the coming days",
    "in the coming months", "in the coming weeks", "in the coming days", "the months ahead",
    "the years ahead", "the weeks ahead", "the days ahead",
}  # fmt: skip

#: Holidays on a fixed calendar day (month, day): "Christmas", "New Year's Eve".
HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "new year's day": (1, 1), "new year's eve": (12, 31),
    "halloween": (10, 31), "valentine's day": (2, 14),
}  # fmt: skip
#: Holidays named as the season around them: "the Christmas sales", "the Easter holidays".
HOLIDAY_SEASONS = "christmas|easter|thanksgiving|new year|holiday|festive"

NUM_WORD = "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True))
NUM = rf"(?:\d+(?:\.\d+)?|(?:{NUM_WORD})(?:[- ](?:{NUM_WORD}))*)"
UNIT = r"(?:second|sec|minute|min|hour|hr|day|week|month|quarter|year|yr|decade|century)"
UNIT_PL = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|quarters?|years?|yrs?|"
    r"decades?|century|centuries)"
)
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
ORDINAL = "|".join(sorted((re.escape(k) for k in ORDINALS), key=len, reverse=True))
# Full names only, for detecting a month or weekday standing alone: "sat", "sun", "mar" and
# "wed" are words far more often than abbreviations.
MONTH_FULL = "|".join(k for k in MONTHS if len(k) > 3 and k != "sept")
WEEKDAY_FULL = "|".join(k for k in WEEKDAYS if k.endswith("day"))
SEASON = "spring|summer|autumn|fall|winter"
DAY_PART = "morning|afternoon|evening|night"
