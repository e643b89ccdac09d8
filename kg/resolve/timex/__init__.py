"""Time expressions: find them in the parse and normalise them to TimeML values.

A value keeps the granularity the expression states: ``2025-12-14`` (day), ``2025-12``
(month), ``2025`` (year), ``199`` (decade: "the 1990s"), ``19`` (century: "the 20th
century"), ``2025-W50`` (ISO week), ``2025-Q1`` (quarter), ``2025-H2`` (half year),
``2025-SU`` (season), ``FY2025`` (fiscal year), ``2025-12-14TMO`` (part of day),
``2025-12-14T08:30:15Z`` (clock time), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``,
durations ``P5Y``/``PT30M`` and repetitions ``P1Y``/``XXXX-WXX-1``/``XXXX-XX-XXTMO`` (only when
asked: a duration is not a point in time). Intervals fill ``begin``/``end``: "since 2020" has
begin ``2020``.

:func:`detect_times` finds an article's expressions in its token layer and normalises each
once (:mod:`._detect`: the clause tense and the anchor it counts from);
:func:`normalise_time` reads one expression (:mod:`._normalise`), with one rule per
construction (:mod:`._points`); :mod:`dateparser` is the fallback for anything else.

>>> from datetime import date
>>> normalise_time("five years ago", date(2025, 12, 14)).value
'2020'
>>> normalise_time("since 2020", date(2025, 12, 14)).begin
'2020'
>>> normalise_time("last Tuesday", date(2025, 12, 14)).value
'2025-12-09'
"""

from kg.resolve.timex._detect import TIME_LABELS, detect_times, find_time_spans, governing_tense
from kg.resolve.timex._normalise import normalise_time, timex_type
from kg.resolve.timex._words import FUTURE_REF, PAST_REF, PRESENT_REF

__all__ = [
    "normalise_time",
    "timex_type",
    "detect_times",
    "find_time_spans",
    "governing_tense",
    "TIME_LABELS",
    "PRESENT_REF",
    "PAST_REF",
    "FUTURE_REF",
]
