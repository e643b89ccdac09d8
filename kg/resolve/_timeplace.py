"""Give each fact its time and place: decided here, once (analysis, after the entities).

:func:`annotate_time_place` returns new facts (copies; nothing is mutated):

* **Time.** The first participant with role ``time`` (the object, then the arguments) states
  the fact's time; its text is normalised by :func:`kg.resolve.timex.normalise_time` against
  ``Article.published``. The preposition of that participant (or, failing that, the word
  before the expression in the article) decides intervals: "since"/"from" → ``begin``,
  "until"/"till"/"by" → ``end``. The clause's tense, from its verbs' tags
  (:attr:`Fact.tense`, :attr:`Fact.aspect`, a "future" modality), decides whether a bare
  "Tuesday" lies before or after publication.
* **Place.** The first participant with role location, goal or source whose head is a place
  (a GPE/LOC/FAC entity) names the fact's place, else the first location participant; its
  name gets kind, ISO code, GeoNames id and coordinates from
  :func:`kg.resolve.places.lookup_place`, and becomes the gazetteer's canonical name ("the
  US" → "United States") while ``start``/``end`` still locate the mention.
* **Default time rule.** A fact with no time expression of its own is dated to the
  publication day when (a) its sentence says it happens on that day: "today", "tonight",
  "this morning/afternoon/evening", or the publication day's weekday name ("on Sunday" in
  an article published on a Sunday) — the time then carries that word's text and offsets;
  or (b) its verb is in the present perfect ("has released", "have agreed"), which news uses
  for events just completed; or (c) it is read from the headline with a verb in the simple
  present ("Belarus frees 123 political prisoners"), the headline convention for what has
  just happened. In (b) and (c) the time's ``text`` is the ISO date and it has no offsets,
  since no expression in the article states it.

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
from datetime import date

from kg.model import Argument, Article, Fact, Place, Role, Span, TimeValue
from kg.resolve.places import lookup_place
from kg.resolve.timex import normalise_time

__all__ = ["annotate_time_place", "article_place", "resolve_place", "fact_tense"]

#: Entity types that make a participant's head a place.
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})

_BEGIN_PREPS = {"since", "from", "starting", "after"}
_END_PREPS = {"until", "till", "by", "through", "before"}
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Per weekday of publication (Monday first), the words that put a sentence on that day.
_TODAY = tuple(
    re.compile(rf"\b(?:today|tonight|this (?:morning|afternoon|evening)|on {weekday})\b", re.I)
    for weekday in _WEEKDAY_NAMES
)


def fact_tense(fact: Fact) -> str | None:
    """The fact's tense as :func:`normalise_time` wants it: "future", "past" or None.

    A perfect counts as past (it reports what is done); the simple present says nothing
    about which side of publication a bare date lies.

    >>> from kg.model import Predicate
    >>> fact_tense(Fact("a", 0, "", 0, 0, Predicate("will meet"), tense="future"))
    'future'
    >>> fact_tense(Fact("a", 0, "", 0, 0, Predicate("has met"), tense="present", aspect="perfect"))
    'past'
    """
    if fact.modality == "future" or fact.tense == "future":
        return "future"
    if fact.tense == "past" or "perfect" in (fact.aspect or ""):
        return "past"
    return None


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


def _normalise(time: TimeValue, prep: str | None, published: date | None, tense: str | None
               ) -> TimeValue:  # fmt: skip
    text = time.text
    if prep and not text.lower().startswith(prep.lower()):
        text_for_rules = f"{prep} {text}"
    else:
        text_for_rules = text
    norm = normalise_time(text_for_rules, published, tense=tense)
    if norm.value is None and norm.begin is None and norm.end is None and text_for_rules != text:
        norm = normalise_time(text, published, tense=tense)
    value, begin, end = norm.value, norm.begin, norm.end
    if prep and prep.lower() in _BEGIN_PREPS and value and not begin:
        value, begin = None, value
    if prep and prep.lower() in _END_PREPS and value and not end:
        value, end = None, value
    return replace(time, value=value, begin=begin, end=end)


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


def _deictic_today(fact: Fact, article: Article) -> TimeValue | None:
    """A word in the fact's sentence that puts it on the publication day, as a time."""
    published = article.published
    if published is None:
        return None
    m = _TODAY[published.weekday()].search(fact.sentence_text)
    if m is None:
        return None
    start = fact.sentence_start + m.start()
    stop = fact.sentence_start + m.end()
    text = article.text[start:stop] if article.text[start:stop].lower() == m[0].lower() else m[0]
    if text.lower().startswith("on "):
        text, start = text[3:], start + 3
    ok = article.text[start:stop] == text
    return TimeValue(text=text, value=published.isoformat(), start=start if ok else None,
                     stop=stop if ok else None)  # fmt: skip


def _default_time(fact: Fact, article: Article) -> TimeValue | None:
    if article.published is None:
        return None
    deictic = _deictic_today(fact, article)
    if deictic is not None:
        return deictic
    present_perfect = fact.tense == "present" and "perfect" in (fact.aspect or "")
    if present_perfect or _headline_present(fact, article):
        iso = article.published.isoformat()
        return TimeValue(text=iso, value=iso)
    return None


def _headline_present(fact: Fact, article: Article) -> bool:
    """A headline fact whose verb stands in the simple present ("frees", "defeat", "wins")."""
    in_title = any(
        seg.kind == "title" and seg.start <= fact.sentence_start < seg.end
        for seg in article.segments
    )
    return in_title and fact.modality is None and fact.tense == "present" and not fact.aspect


def annotate_time_place(article: Article, facts: Sequence[Fact]) -> list[Fact]:
    """Facts with their normalised times and gazetteer places (see the module docstring).

    >>> from datetime import date
    >>> from kg.model import Argument, Article, Fact, Predicate, Role
    >>> a = Article("a", "Talks were held in Minsk today.", published=date(2025, 12, 14))
    >>> f = Fact("a", 0, a.text, 0, 31, predicate=Predicate("were held", 6, 15), arguments=(
    ...     Argument(Role.LOCATION, "Minsk", 19, 24, "Minsk", "GPE", "in", (19, 24)),))
    >>> g = annotate_time_place(a, [f])[0]
    >>> g.place.iso, g.time.value, g.time.text
    ('BY', '2025-12-14', 'today')
    """
    out: list[Fact] = []
    for fact in facts:
        time, place = fact.time, fact.place  # a plugin's (or a hand-made fact's) own, if any
        slot = _time_slot(fact)
        if time is None and slot is not None:
            time = TimeValue(text=slot.text, start=slot.start, stop=slot.end)
        if time is not None and time.value is None and time.begin is None and time.end is None:
            prep = (slot.prep if isinstance(slot, Argument) else None) or _preceding_prep(
                article.text, time.start
            )
            time = _normalise(time, prep, article.published, fact_tense(fact))
        if time is None:
            time = _default_time(fact, article)

        where = _place_slot(fact) if place is None else None
        if where is not None:
            start, end = where.head if where.entity and where.head else (where.start, where.end)
            place = Place(article.text[start:end], start=start, end=end)
        if place is not None and place.kind is None:
            place = resolve_place(place)
        out.append(replace(fact, time=time, place=place))
    return out
