"""Finding an article's time expressions in its parse, and normalising each once.

:func:`detect_times` reads the token layer of each segment (:class:`kg.parse.ParsedSegment`):
spaCy's DATE and TIME entities, and patterns for the news forms NER misses ("last week",
"now", "Tuesday", "every morning"), merged where they overlap. Each expression is then
normalised by :func:`~kg.resolve.timex.normalise_time` against the publication date with

* the **tense of its governing clause**: the verb the expression hangs from, read from the
  tags (:meth:`kg.parse.ParsedSegment.tense`); a clause is "future" when that verb, or a verb
  it is the ``to``-infinitive of, has "will"/"shall"/"would", is a form of "plan", "expect",
  "schedule", "due", "set", "aim", "intend", "hope", "prepare", "want", "be to", or is a bare
  ``to``-infinitive at the top of its sentence (the headline "Apple to unveil iPhone
  Tuesday"); "past" when the finite verb is past or perfect; else unknown;
* its **anchor**: the time a relative expression ("37 years later", "the following year",
  "two days earlier", a clock time) counts from is the most recent expression before it with
  a calendar value (a day, week, month, quarter, season or year, stated or resolved), if that
  one stands in the same sentence, the sentence before, or the same paragraph; otherwise the
  publication date. A relative value that falls after the publication date is kept only in a
  future clause (see :func:`~kg.resolve.timex.normalise_time`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.model import TimeValue
from kg.resolve.timex._calendar import Anchor
from kg.resolve.timex._normalise import normalise_time
from kg.resolve.timex._words import (
    MONTH,
    MONTH_FULL,
    NUM,
    NUM_WORD,
    ORDINAL,
    UNIT_PL,
    WEEKDAY_FULL,
)

if TYPE_CHECKING:
    from kg.parse import ParsedArticle, ParsedSegment

__all__ = ["detect_times", "find_time_spans", "governing_tense"]

#: spaCy entity labels that are time expressions.
TIME_LABELS = frozenset({"DATE", "TIME"})

_UNIT_WORDS = r"(?:day|week|weekend|month|quarter|year|decade|century)"
_PATTERNS = [
    # dates: "March 1, 2008", "1 March 2008", "March 2008", "last March", "Tuesday morning"
    rf"\b(?:{MONTH})\.? \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?\b",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{MONTH})\.?(?:,? \d{{4}})?\b",
    rf"\b(?:(?:early|late|mid)[- ])?(?:{MONTH})\.?,? (?:of )?\d{{4}}\b",
    rf"\b(?:(?:last|next|this) )?(?:{MONTH_FULL})\b",
    rf"\b(?:(?:last|next|this|coming) )?(?:{WEEKDAY_FULL})"
    r"(?: (?:morning|afternoon|evening|night))?\b",
    # deictic words and units: "today", "earlier today", "last week", "the next decade"
    r"\b(?:(?:earlier|later) )?(?:today|tonight)\b|\b(?:yesterday|tomorrow|now|currently|"
    r"recently|nowadays|at present)\b",
    r"\b(?:(?:earlier|later) )?(?:this|yesterday|tomorrow) (?:morning|afternoon|evening)\b"
    r"|\blast night\b",
    r"\b(?:(?:later|earlier) )?(?:the )?(?:this|last|next|past|previous|coming|current) "
    rf"(?:{_UNIT_WORDS}|spring|summer|autumn|fall|winter)\b",
    # anaphoric: "37 years later", "the following year", "the same period last year"
    rf"\b{NUM}(?: and a half)? {UNIT_PL} (?:ago|earlier|later|from now)\b",
    rf"\bthe (?:following|previous|preceding|prior|same) {_UNIT_WORDS}\b"
    rf"|\bthe {_UNIT_WORDS} (?:before|after)\b|\bthat (?:day|week|month|year)\b",
    r"\b(?:the )?same (?:period|time|quarter|month) (?:of |in )?(?:the )?(?:last|previous|prior)"
    r" year\b|\bthe year-(?:earlier|ago) (?:period|quarter)\b",
    # durations: "the next four years", "18 months", "41-year", "a decades-long dispute"
    rf"\b{UNIT_PL}-long\b",
    r"\b(?:an?|some) (?:undetermined|indefinite|unspecified|unknown|undisclosed) "
    r"(?:period|length|amount|stretch|spell)(?: of time)?\b",
    rf"\b(?:the (?:next|past|last|first|coming|following) )?"
    rf"(?:{NUM}(?: and a half)?|several|a few|many)[ -]{UNIT_PL}\b(?!-long)",
    # years, decades, centuries, quarters, halves, seasons, fiscal years
    r"\b(?:(?:early|late|mid)[- ])?(?:1[5-9]\d\d|20\d\d)s?\b",
    rf"\b(?:the )?(?:\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL})[- ]century\b",
    r"\b(?:q[1-4]|(?:first|second|third|fourth)[- ]quarter)(?: (?:of )?(?:\d{4}|(?:the )?"
    r"(?:last|this|next|previous) year))?\b",
    r"\b(?:first|second) half of (?:\d{4}|(?:the )?(?:last|this|next|previous) year)\b",
    r"\b(?:(?:early|late|mid)[- ])?(?:summer|autumn|winter)(?: (?:of )?\d{4})?\b"
    r"|\bspring (?:of )?\d{4}\b|(?<=in the )(?:spring|fall)\b",
    r"\b(?:fiscal|financial) (?:year )?'?\d{2,4}\b|\bfy ?'?\d{2,4}\b"
    r"|\b(?:the )?(?:(?:this|current|last|previous|next) )?(?:fiscal|financial) year\b",
    # clock times: "08:30 UTC", "10:15:30 a.m.", "6 p.m."
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.m\.|(?: ?[ap]m)?\b)"
    r"(?: \(?(?:utc|gmt)\b(?: ?[+-] ?\d{1,2}(?::?\d{2})?)?\)?)?",
    r"\b\d{1,2}(?:\.\d{2})? ?(?:[ap]\.m\.|[ap]m\b)",
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    # repetitions: "annually", "every morning", "on Mondays", "twice a year"
    r"\b(?:annual(?:ly)?|yearly|monthly|weekly|daily|quarterly|nightly)\b",
    rf"\b(?:every|each) (?:other |{NUM} )?(?:{_UNIT_WORDS}s?|morning|afternoon|evening|night|"
    rf"{WEEKDAY_FULL}|{MONTH_FULL}|summer|winter|spring|autumn)\b",
    rf"\b(?:{WEEKDAY_FULL})s\b|\b(?:once|twice) a (?:day|week|month|year)\b",
    # the present, past and future: "in the past", "the long term", "recent years"
    rf"\b(?:over|in) the (?:years|decades|past|future|coming years)\b"
    rf"(?! (?:{NUM} |few |several )?{UNIT_PL}\b)",
    r"\bthe (?:long|short|medium|near|longer) (?:term|run|future)\b"
    r"|\brecent (?:years|months|weeks|days)\b|\bthe coming (?:months|weeks|days)\b",
]
_DETECT_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.I)
#: A bygone period named after someone or something, capitalised: "the Soviet era",
#: "ending Douglas era".
_ERA_RE = re.compile(r"\b(?:the )?[A-Z][\w-]+ era\b")
#: Where one spaCy entity runs two expressions together: "November 11, three days later".
_RUN_ON = re.compile(rf", (?=(?:{NUM_WORD}|several|a few|about|nearly|almost)\b)", re.I)
_RANGE_END = rf"(?:(?:(?:{MONTH})\.? (?:\d{{1,2}}(?:st|nd|rd|th)?,? )?)?(?:1[5-9]|20)\d\d)"
#: A range of two dates that state their year: "from 2009 to 2011", "between May 2014 and
#: June 2016", "2009-2011".
_RANGE = re.compile(
    rf"(?:from |between )?({_RANGE_END}) ?(?:to|and|until|till|through|-|\u2013) ?({_RANGE_END})",
    re.I,
)
#: A trailing dot that belongs to the expression.
_ABBREVIATION_END = re.compile(r"[ap]\.m\.$", re.I)
_NAME_ONLY = re.compile(rf"(?:\w+ )?({MONTH_FULL}|{WEEKDAY_FULL})s?(?: \w+)?", re.I)
_MODAL_MAY = re.compile(r"\s+(?:not|be|have|\w+ly)\b")


def _pattern_spans(text: str) -> list[tuple[int, int]]:
    """Pattern hits in ``text``, without the words that only look like times: the modal
    "may", years outside 1500-2100, lower-case "march" or "monday" (the verb, a handle)."""
    out = []
    for m in _DETECT_RE.finditer(text):
        hit = m.group(0)
        if hit.lower() == "may" and not hit[0].isupper():
            continue
        if hit == "May" and _MODAL_MAY.match(text[m.end() :]):
            continue  # the modal verb at the start of a sentence
        if re.fullmatch(r"\d{4}", hit) and not 1500 <= int(hit) <= 2100:
            continue
        name = _NAME_ONLY.fullmatch(hit)
        if name and not name[1][0].isupper():
            continue
        out.append((m.start(), m.end()))
    out += [(m.start(), m.end()) for m in _ERA_RE.finditer(text)]
    return out


def _split_run_ons(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Entity spans cut where a comma starts a second expression ("November 11, three days
    later" → "November 11", "three days later"; "Tuesday, March 4, 2008" stays whole), and
    ranges cut into their ends, as TimeML tags them ("between 2014 and 2016" → "2014",
    "2016": a TIMEX3 holds one time, the words between are signals)."""
    out = []
    for s, e in spans:
        if m := _RANGE.fullmatch(text, s, e):
            out += [m.span(1), m.span(2)]
            continue
        for m in _RUN_ON.finditer(text, s, e):
            out.append((s, m.start()))
            s = m.end()
        out.append((s, e))
    return out


def find_time_spans(
    text: str, entities: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """The time expressions of ``text`` as ``(start, end)`` offsets: the given entity spans and
    the pattern hits, overlapping ones merged into one, trailing punctuation left out.

    >>> text = "He left last week, not in 2020, and returns every morning."
    >>> [text[s:e] for s, e in find_time_spans(text)]
    ['last week', '2020', 'every morning']
    """
    spans = [*_split_run_ons(text, entities), *_pattern_spans(text)]
    found = sorted(spans, key=lambda se: (se[0], -se[1]))
    merged: list[list[int]] = []
    for s, e in found:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out = []
    for s, e in merged:
        while e > s and text[e - 1] in " ,.;:" and not _ABBREVIATION_END.search(text, s, e):
            e -= 1
        if e > s:
            out.append((s, e))
    return out


#: Lemmas of the verbs (and adjectives) whose ``to``-infinitive lies ahead: "plans to",
#: "is expected to", "is due to", "is set to", "is to".
_FUTURE_HEADS = frozenset({
    "plan", "intend", "expect", "schedule", "due", "set", "aim", "hope", "prepare", "want",
    "slate", "poise", "propose", "go", "be", "likely", "about", "ready",
})  # fmt: skip
#: Modals that put a clause after the time of speaking ("would": the future in the past).
_FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})


def governing_tense(layer: ParsedSegment, i: int) -> str | None:
    """"future", "past" or None: the tense of the clause token ``i`` hangs from (see the
    module docstring).

    >>> from kg.nlp import load_model
    >>> from kg.parse import parse_text
    >>> layer = parse_text("Apple plans to launch the phone on Tuesday.", load_model()).segments[0]
    >>> governing_tense(layer, 7)
    'future'
    """
    verb = i
    while layer.pos[verb] not in ("VERB", "AUX") and layer.head[verb] != verb:
        verb = layer.head[verb]
    if layer.pos[verb] not in ("VERB", "AUX"):
        return None
    while True:
        kids = layer.children[verb]
        if any(layer.lower[c] in _FUTURE_MODALS and layer.tag[c] == "MD" for c in kids):
            return "future"
        tense, aspect = layer.tense(verb)
        if tense == "future":
            return "future"
        if tense == "past" or "perfect" in (aspect or ""):
            return "past"
        if tense == "present":
            return None
        if not any(layer.dep[c] == "aux" and layer.lower[c] == "to" for c in kids):
            return None  # a bare participle or gerund: no tense of its own
        up = layer.head[verb]
        if up == verb:
            return "future"  # a headline's "Apple to unveil iPhone"
        while layer.pos[up] not in ("VERB", "AUX", "ADJ") and layer.head[up] != up:
            up = layer.head[up]
        if layer.lemma[up].lower() in _FUTURE_HEADS:
            return "future"
        verb = up


#: A span measured up to the time of writing, before its "now": "for more than a week now".
_SPAN_UP_TO = re.compile(
    rf"\bfor (?:(?:more|less) than |over |almost |nearly |about |some |well over )?"
    rf"(?:{NUM}|an?|several|a few|many) {UNIT_PL} $",
    re.I,
)


def _closing_now(parsed: ParsedArticle, start: int, time: TimeValue) -> TimeValue:
    """"Now" closing a span measured up to it is the time of writing, the publication day:
    "Tiger has been shipping for more than a week now" (``2005-05-07``, published that day);
    any other "now" stays ``PRESENT_REF``."""
    published = parsed.article.published
    if time.text.lower() != "now" or published is None:
        return time
    if _SPAN_UP_TO.search(parsed.article.text, max(0, start - 60), start) is None:
        return time
    return replace(time, value=published.isoformat(), type="DATE")


#: What follows a delay measured against a plan: "three days later *than originally planned*".
_THAN_PLANNED = re.compile(
    r" than (?:\w+ly )?(?:planned|expected|scheduled|anticipated|announced|forecast|promised|"
    r"hoped)\b",
    re.I,
)
#: Nouns a holiday names a season of when it modifies them: "the Christmas sales", "the
#: Christmas and New Year sales period", "the Easter holidays".
_SEASON_NOUNS = frozenset({"period", "season", "sales", "shopping", "holiday", "holidays",
                           "rush", "break", "trading"})  # fmt: skip
_HOLIDAY_NAMES = frozenset({"christmas", "easter", "thanksgiving", "holiday", "festive"})


def _reading_end(parsed: ParsedArticle, k: int | None, head: int | None, stop: int) -> int:
    """Where the words that decide an expression's value end: past "than originally planned"
    after a delay ("three days later than originally planned"), and past the noun a holiday
    modifies ("Christmas sales": a season, not December 25)."""
    text = parsed.article.text
    if m := _THAN_PLANNED.match(text, stop):
        return m.end()
    if k is None or head is None:
        return stop
    layer = parsed.segments[k]
    up = layer.head[head]
    if (
        layer.lower[head] in _HOLIDAY_NAMES
        and layer.dep[head] in ("compound", "nmod", "amod")
        and up > head
        and layer.lower[up] in _SEASON_NOUNS
    ):
        return max(stop, layer.stop(up))
    return stop


def detect_times(
    parsed: ParsedArticle, spans: Sequence[tuple[int, int]] | None = None
) -> tuple[TimeValue, ...]:
    """Every time expression of a parsed article, normalised once, in text order.

    Offsets index :attr:`kg.model.Article.text`; each :class:`~kg.model.TimeValue` has the
    TimeML ``value`` (durations and repetitions too: ``P5Y``, ``XXXX-WXX-1``) and ``type``.
    ``spans`` (article offsets) replaces detection by given expressions, read the same way
    (for scoring normalisation apart from detection); one outside every parsed segment is
    read with no clause tense or anchor.

    >>> from datetime import date
    >>> from kg.model import Article
    >>> from kg.nlp import load_model
    >>> from kg.parse import parse_articles
    >>> text = "Gagarin flew in 1961. Thirty-seven years later, Mir was finished."
    >>> a = Article("a", text, published=date(1998, 5, 2))
    >>> [(t.text, t.value) for t in detect_times(next(parse_articles([a], load_model())))]
    [('1961', '1961'), ('Thirty-seven years later', '1998')]
    """
    article = parsed.article
    detected = spans is None
    if spans is None:
        spans = []
        for layer in parsed.segments:
            ents = [(e.start_char, e.end_char) for e in layer.entities if e.label_ in TIME_LABELS]
            spans += [
                (layer.offset + s, layer.offset + e) for s, e in find_time_spans(layer.text, ents)
            ]
    out: list[TimeValue] = []
    anchors: list[tuple[int, int, str]] = []  # (sentence, segment, value), in text order
    reached = 0  # where the last detected expression ended
    for start, stop in sorted(spans):
        if detected and start < reached:
            continue  # inside the words the expression before took in ("Christmas sales")
        sentence: int | None
        k = parsed.segment_at(start)
        tense = anchor = head = None
        sentence = None
        if k is not None and (tokens := parsed.tokens(k, start, stop)) != (0, 0):
            layer = parsed.segments[k]
            head = layer.root(*tokens)
            sentence = parsed.sentence_base[k] + layer.sent[head]
            if anchors and (anchors[-1][0] >= sentence - 1 or anchors[-1][1] == k):
                anchor = anchors[-1][2]
            tense = governing_tense(layer, head)
        end = _reading_end(parsed, k, head, stop)
        time = normalise_time(
            article.text[start:end], article.published, tense=tense, durations=True,
            anchor=anchor,
        )  # fmt: skip
        if detected:
            stop = reached = end
        time = replace(time, text=article.text[start:stop], start=start, stop=stop)
        out.append(_closing_now(parsed, start, time))
        if sentence is not None and time.type in ("DATE", "TIME") and Anchor.of(time.value):
            anchors.append((sentence, k or 0, time.value or ""))
    return tuple(out)
