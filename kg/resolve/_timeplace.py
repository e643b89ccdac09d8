"""Give facts normalised times and gazetteer places (pipeline stage 4).

:func:`annotate_time_place` returns new facts (copies; nothing is mutated):

* ``Fact.time`` (raw text from the extractor) gets ``value``/``begin``/``end`` from
  :func:`kg.resolve.timex.normalise_time` against ``Article.published``. The preposition
  of the matching ``time`` argument (or, failing that, the word before the expression in
  the article) decides intervals: "since"/"from" → ``begin``, "until"/"till"/"by" →
  ``end``. The clause's tense (extractor modality "future", or the predicate's words)
  decides whether a bare "Tuesday" lies before or after publication.
* A fact with no time but a ``time`` argument takes the argument as its time; likewise a
  fact with no place takes its ``location`` argument.
* ``Fact.place`` gets kind, ISO code, GeoNames id and coordinates from
  :func:`kg.resolve.places.lookup_place`; its ``name`` becomes the gazetteer's canonical
  name ("the US" → "United States") while ``start``/``end`` still locate the mention.
* **Default time rule.** A fact with no time expression of its own is dated to the
  publication day when (a) its sentence says it happens on that day: "today", "tonight",
  "this morning/afternoon/evening", or the publication day's weekday name ("on Sunday" in
  an article published on a Sunday) — the time then carries that word's text and offsets;
  or (b) its predicate is in the present perfect ("has released", "have agreed"), which
  news uses for events just completed; or (c) it is read from the headline with a bare
  present-tense verb ("Belarus frees 123 political prisoners"), the headline convention for
  what has just happened. In (b) and (c) the time's ``text`` is the ISO date and it has no
  offsets, since no expression in the article states it.

>>> from datetime import date
>>> from kg.model import Article, Fact, Span, TimeValue
>>> a = Article("a", "Belarus has freed prisoners since 2020.", published=date(2025, 12, 14))
>>> f = Fact("a", 0, a.text, 0, 39, predicate=Span("has freed", 8, 17),
...          time=TimeValue("since 2020", start=28, stop=38))
>>> annotate_time_place(a, [f])[0].time.begin
'2020'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from kg.model import Argument, Article, Fact, Place, TimeValue
from kg.resolve.places import lookup_place
from kg.resolve.timex import clause_tense, normalise_time

__all__ = ["annotate_time_place", "article_place", "resolve_place", "fact_tense"]

_BEGIN_PREPS = {"since", "from", "starting", "after"}
_END_PREPS = {"until", "till", "by", "through", "before"}
# Present perfect: "has released", "have not yet agreed", "has been imprisoned".
_PRESENT_PERFECT = re.compile(
    r"^(?:has|have|'s|'ve)\s+(?:(?:not|never|already|also|just|now|yet|since|recently)\s+)*"
    r"(?:been\s+)?(?:\w+(?:ed|en|wn|ne|de|un|ot|t|ung|ught|id|ad|ld|ft|pt|nt|ck|ost)|won|become|"
    r"come)\b",
    re.I,
)
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Per weekday of publication (Monday first), the words that put a sentence on that day.
_TODAY = tuple(
    re.compile(rf"\b(?:today|tonight|this (?:morning|afternoon|evening)|on {weekday})\b", re.I)
    for weekday in _WEEKDAY_NAMES
)


def fact_tense(fact: Fact) -> str | None:
    """The fact's tense as :func:`normalise_time` wants it: "future", "past" or None.

    >>> from kg.model import Span
    >>> fact_tense(Fact("a", 0, "", 0, 0, predicate=Span("will meet", 0, 9)))
    'future'
    """
    if fact.modality == "future":
        return "future"
    return clause_tense(fact.predicate.text)


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


def _time_argument(fact: Fact) -> Argument | None:
    """The fact's ``time`` argument matching its time (or the first, when it has none)."""
    args = [a for a in fact.arguments if a.role == "time"]
    if fact.time is not None and fact.time.start is not None:
        for a in args:
            if a.start <= fact.time.start < a.end or fact.time.start <= a.start < (
                fact.time.stop or fact.time.start + 1
            ):
                return a
        return None
    return args[0] if args else None


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
    if _PRESENT_PERFECT.match(fact.predicate.text.strip()) or _headline_present(fact, article):
        iso = article.published.isoformat()
        return TimeValue(text=iso, value=iso)
    return None


def _headline_present(fact: Fact, article: Article) -> bool:
    """A headline fact whose verb stands alone in the present ("frees", "defeat", "wins")."""
    in_title = any(
        seg.kind == "title" and seg.start <= fact.sentence_start < seg.end
        for seg in article.segments
    )
    words = fact.predicate.text.split()
    return (
        in_title
        and fact.modality is None
        and len(words) >= 1
        and not words[0].lower().endswith(("ed", "ing"))
        and words[0].lower() not in {"will", "would", "may", "might", "can", "could", "to"}
    )


def annotate_time_place(article: Article, facts: Sequence[Fact]) -> list[Fact]:
    """Facts with normalised times and gazetteer places (see the module docstring).

    >>> from datetime import date
    >>> from kg.model import Article, Fact, Place, Span
    >>> a = Article("a", "Talks were held in Minsk today.", published=date(2025, 12, 14))
    >>> f = Fact("a", 0, a.text, 0, 31, predicate=Span("were held", 6, 15),
    ...          place=Place("Minsk", start=19, end=24))
    >>> g = annotate_time_place(a, [f])[0]
    >>> g.place.iso, g.time.value, g.time.text
    ('BY', '2025-12-14', 'today')
    """
    out: list[Fact] = []
    for fact in facts:
        time = fact.time
        arg = _time_argument(fact)
        if time is None and arg is not None:
            time = TimeValue(text=arg.text, start=arg.start, stop=arg.end)
        if time is not None and time.value is None and time.begin is None and time.end is None:
            prep = (arg.prep if arg else None) or _preceding_prep(article.text, time.start)
            time = _normalise(time, prep, article.published, fact_tense(fact))
        if time is None:
            time = _default_time(fact, article)

        place = fact.place
        if place is None:
            loc = next((a for a in fact.arguments if a.role == "location"), None)
            if loc is not None:
                place = Place(loc.text, start=loc.start, end=loc.end)
        if place is not None and place.kind is None:
            place = resolve_place(place)

        if time is not fact.time or place is not fact.place:
            fact = replace(fact, time=time, place=place)
        out.append(fact)
    return out
