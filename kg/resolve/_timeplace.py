"""Give each fact its time and place: decided here, once (analysis, after the entities).

:func:`annotate_time_place` returns new facts (copies; nothing is mutated):

* **Time.** The article's time expressions are found and normalised once, before the
  facts get theirs (:func:`kg.resolve.timex.detect_times`, with each expression's clause
  tense and anchor; :attr:`AnalysedArticle.times`). The first participant with role
  ``time`` (the object, then the arguments) states the fact's time: the fact takes the
  detected expression that participant overlaps, as it is, except that a duration or
  repetition ("for five years", "every morning") gives no point in time (no ``value``), and
  the participant's preposition (or, failing that, the word before the expression in the
  article) makes an interval: "since"/"from"/"after" → ``begin``, "until"/"till"/"by"/
  "through"/"before" → ``end``. A time participant that overlaps no detected expression
  keeps its text and offsets, with no value. Facts made without the analysis (by hand, by a
  plugin) are matched against the expressions the patterns alone find in the article text.
* **Place.** The first participant with role location, goal or source whose head is a place
  (a GPE/LOC/FAC entity) names the fact's place, else the first location participant; its
  name gets kind, ISO code, GeoNames id and coordinates from
  :func:`kg.resolve.places.lookup_place`, and becomes the gazetteer's canonical name ("the
  US" → "United States") while ``start``/``end`` still locate the mention.
* **Default time rule.** A fact with no time expression of its own is dated to the
  publication day when (a) its sentence says it happens on that day: a detected "today",
  "tonight", "this morning/afternoon/evening", or the publication day's weekday name ("on
  Sunday" in an article published on a Sunday) whose value is that day — the time then
  carries that expression's text and offsets; or (b) its verb is in the present perfect
  ("has released", "have agreed"), which news uses for events just completed; or (c) it is
  read from the headline with a verb in the simple present ("Belarus frees 123 political
  prisoners"), the headline convention for what has just happened. In (b) and (c) the
  time's ``text`` is the ISO date and it has no offsets, since no expression in the article
  states it.

>>> from datetime import date
>>> from kg.model import Argument, Article, Fact, Predicate, Role, Span
>>> a = Article("a", "Belarus has freed prisoners since 2020.", published=date(2025, 12, 14))
>>> f = Fact("a", 0, a.text, 0, 39, predicate=Predicate("has freed", 8, 17),
...          arguments=(Argument(Role.TIME, "2020", 34, 38, prep="since"),))
>>> annotate_time_place(a, [f])[0].time.begin
'2020'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kg.model import Argument, Article, Fact, Place, Role, Span, TimeValue
from kg.resolve.places import lookup_place
from kg.resolve.timex import find_time_spans, normalise_time

__all__ = ["annotate_time_place", "article_place", "resolve_place", "text_times"]

#: Entity types that make a participant's head a place.
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})

_BEGIN_PREPS = {"since", "from", "starting", "after"}
_END_PREPS = {"until", "till", "by", "through", "before"}
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Expressions that put a sentence on the publication day (with its weekday name).
_TODAY = re.compile(r"(?:today|tonight|this (?:morning|afternoon|evening))", re.I)


def text_times(article: Article) -> tuple[TimeValue, ...]:
    """The time expressions the patterns alone find in an article's text, normalised against
    its publication date (no parse, so no clause tense or anchor): what facts made without
    the analysis are matched against.

    >>> from datetime import date
    >>> [t.value for t in text_times(Article("a", "Freed today, jailed in 2020.",
    ...                                      published=date(2025, 12, 14)))]
    ['2025-12-14', '2020']
    """
    out = []
    for s, e in find_time_spans(article.text):
        time = normalise_time(article.text[s:e], article.published, durations=True)
        out.append(replace(time, start=s, stop=e))
    return tuple(out)


def resolve_place(place: Place) -> Place:
    """``place`` with gazetteer identity filled in when its name (or a part of it) is known.

    Tries the whole name, then without a leading preposition or article, then the
    capitalised word runs in it from the right ("the US embassy in Vilnius" → Vilnius).

    >>> resolve_place(Place("in Minsk", start=5, end=13)).geonames
    625144
    """
    name = place.name.strip()
    candidates = [name, re.sub(r"^(?:in|at|from|to|near|outside|inside|across|into|of)\s+", "",
                               name, flags=re.I)]  # fmt: skip
    candidates += reversed(re.findall(r"[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*", name))
    for cand in candidates:
        hit = lookup_place(cand) if cand else None
        if hit is not None:
            return replace(hit, start=place.start, end=place.end)
    return place


def article_place(article: Article) -> Place | None:
    """The article's dateline place from the gazetteer ("Vilnius" → the city in Lithuania).

    >>> article_place(Article("a", "", place="Vilnius")).iso
    'LT'
    """
    if not article.place:
        return None
    hit = resolve_place(Place(article.place))
    return hit if hit.kind is not None else None


def _time_slot(fact: Fact) -> Span | Argument | None:
    """The participant that states the fact's time: the first with role time."""
    return next((p for p in _scene(fact) if p.role == Role.TIME), None)


def _place_slot(fact: Fact) -> Span | Argument | None:
    """The participant that names the fact's place: the first location, goal or source whose
    head is a place, else the first location."""
    scene = _scene(fact)
    for p in scene:
        if p.role in (Role.LOCATION, Role.GOAL, Role.SOURCE) and p.type in PLACE_TYPES and p.entity:
            return p
    return next((p for p in scene if isinstance(p, Argument) and p.role == Role.LOCATION), None)


def _scene(fact: Fact) -> list[Span | Argument]:
    """The participants that may state a time or place: the object, then the arguments."""
    return [*((fact.object,) if fact.object is not None else ()), *fact.arguments]


def _as_fact_time(time: TimeValue, prep: str | None) -> TimeValue:
    """A detected expression as a fact's time: a duration or repetition names no point in
    time, and an interval preposition makes the value a begin or an end."""
    value, begin, end = time.value, time.begin, time.end
    if time.type in ("DURATION", "SET"):
        value = None
    if prep and prep.lower() in _BEGIN_PREPS and value and not begin:
        value, begin = None, value
    if prep and prep.lower() in _END_PREPS and value and not end:
        value, end = None, value
    return replace(time, value=value, begin=begin, end=end)


#: What joins the two ends of a range: "from 2009 to 2011", "between 2014 and 2016".
_RANGE_JOIN = re.compile(r"\s*(?:to|and|until|till|through|-|\u2013)\s*", re.I)


def _overlapping(times: Sequence[TimeValue], start: int | None, stop: int | None, text: str
                 ) -> TimeValue | None:  # fmt: skip
    """The detected expression that overlaps ``[start, stop)`` most; two joined as a range
    ("from 2009 to 2011", which TimeML tags as two times) make one interval."""
    if start is None or stop is None:
        return None
    inside = [t for t in times if t.start is not None and t.stop is not None
              and t.start < stop and start < t.stop]  # fmt: skip
    if not inside:
        return None
    if len(inside) >= 2:
        a, b = inside[0], inside[1]
        if a.value and b.value and _RANGE_JOIN.fullmatch(text[a.stop : b.start]):
            return TimeValue(text[a.start : b.stop], None, a.value, b.value, a.start, b.stop,
                             "DURATION")  # fmt: skip
    return max(inside, key=lambda t: min(stop, t.stop or 0) - max(start, t.start or 0))


def _preceding_prep(text: str, start: int | None) -> str | None:
    """The interval preposition right before an expression ("since" in "jailed since 2020").

    The extractor may fold the preposition into the predicate ("has been imprisoned since")
    and give the time argument no ``prep``, so the article text is checked.
    """
    if start is None:
        return None
    m = re.search(r"(\w+)\s+$", text[max(0, start - 20) : start])
    if m and m[1].lower() in _BEGIN_PREPS | _END_PREPS:
        return m[1].lower()
    return None


def _deictic_today(fact: Fact, article: Article, times: Sequence[TimeValue]) -> TimeValue | None:
    """A detected expression in the fact's sentence that puts it on the publication day."""
    published = article.published
    if published is None:
        return None
    day, weekday = published.isoformat(), _WEEKDAY_NAMES[published.weekday()]
    for t in times:
        if t.start is None or not fact.sentence_start <= t.start < fact.sentence_end:
            continue
        words = t.text.lower()
        if (_TODAY.fullmatch(words) or words == weekday) and (t.value or "")[:10] == day:
            return TimeValue(text=t.text, value=day, start=t.start, stop=t.stop, type="DATE")
    return None


def _default_time(fact: Fact, article: Article, times: Sequence[TimeValue]) -> TimeValue | None:
    if article.published is None:
        return None
    deictic = _deictic_today(fact, article, times)
    if deictic is not None:
        return deictic
    present_perfect = fact.tense == "present" and "perfect" in (fact.aspect or "")
    if present_perfect or _headline_present(fact, article):
        iso = article.published.isoformat()
        return TimeValue(text=iso, value=iso, type="DATE")
    return None


def _headline_present(fact: Fact, article: Article) -> bool:
    """A headline fact whose verb stands in the simple present ("frees", "defeat", "wins")."""
    in_title = any(
        seg.kind == "title" and seg.start <= fact.sentence_start < seg.end
        for seg in article.segments
    )
    return in_title and fact.modality is None and fact.tense == "present" and not fact.aspect


def _fact_time(fact: Fact, article: Article, times: Sequence[TimeValue]) -> TimeValue | None:
    """The fact's time (see the module docstring)."""
    given = fact.time  # a plugin's (or a hand-made fact's) own, if any
    if given is not None and (given.value or given.begin or given.end):
        return given
    slot = _time_slot(fact)
    if given is None and slot is not None:
        given = TimeValue(text=slot.text, start=slot.start, stop=slot.end)
    if given is None:
        return _default_time(fact, article, times)
    detected = _overlapping(times, given.start, given.stop, article.text)
    if detected is None:
        return given
    prep = (slot.prep if isinstance(slot, Argument) else None) or _preceding_prep(
        article.text, detected.start
    )
    return _as_fact_time(detected, prep)


def annotate_time_place(
    article: Article, facts: Sequence[Fact], times: Sequence[TimeValue] | None = None
) -> list[Fact]:
    """Facts with their times and gazetteer places (see the module docstring).

    ``times`` are the article's detected time expressions (:func:`kg.resolve.timex.detect_times`);
    without them, those :func:`text_times` finds.

    >>> from datetime import date
    >>> from kg.model import Argument, Article, Fact, Predicate, Role
    >>> a = Article("a", "Talks were held in Minsk today.", published=date(2025, 12, 14))
    >>> f = Fact("a", 0, a.text, 0, 31, predicate=Predicate("were held", 6, 15), arguments=(
    ...     Argument(Role.LOCATION, "Minsk", 19, 24, "Minsk", "GPE", "in", (19, 24)),))
    >>> g = annotate_time_place(a, [f])[0]
    >>> g.place.iso, g.time.value, g.time.text
    ('BY', '2025-12-14', 'today')
    """
    if times is None:
        times = text_times(article)
    out: list[Fact] = []
    for fact in facts:
        place = fact.place
        where = _place_slot(fact) if place is None else None
        if where is not None:
            start, end = where.head if where.entity and where.head else (where.start, where.end)
            place = Place(article.text[start:end], start=start, end=end)
        if place is not None and place.kind is None:
            place = resolve_place(place)
        out.append(replace(fact, time=_fact_time(fact, article, times), place=place))
    return out
