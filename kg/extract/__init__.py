"""Extract facts from parsed articles: the extractor registry and the public API.

An extractor is a callable ``(parsed: ParsedArticle) -> list[Fact]`` (:mod:`kg.parse`: the
article and the token layer of each of its segments). Extractors are registered by versioned
name (``"kg.dep.v1"``) with :func:`register_extractor` or through the ``kg.extractors``
entry-point group.

>>> "kg.dep.v1" in list_extractors()
True
>>> get_extractor("kg.dep.v1") is dependency_extractor
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from kg.errors import OptionError
from kg.extract.dependency import dependency_extractor, dependency_mention_extractor

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.model import Article, Fact
    from kg.parse import ParsedArticle

__all__ = [
    "CARB_EXCLUDED_RULES",
    "DEFAULT_EXTRACTOR",
    "MENTIONS_EXTRACTOR",
    "ENTRY_POINT_GROUP",
    "Extractor",
    "dependency_extractor",
    "dependency_mention_extractor",
    "extract_articles",
    "extract_facts",
    "extract_text",
    "facts_to_carb_lines",
    "get_extractor",
    "list_extractors",
    "register_extractor",
]

Extractor = Callable[["ParsedArticle"], list["Fact"]]
DEFAULT_EXTRACTOR = "kg.dep.v1"
ENTRY_POINT_GROUP = "kg.extractors"

_REGISTRY: dict[str, Extractor] = {}

#: Rules whose facts :func:`facts_to_carb_lines` leaves out. CaRB scores verb-mediated Open
#: IE relations, and its gold rarely holds an event noun as the relation ("Boeing ;
#: acquisition ; McDonnell Douglas"), so these facts stay in the graph but not in CaRB output.
CARB_EXCLUDED_RULES = frozenset({"nominal_event", "verb_event", "noun_event", "state_event"})


def register_extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Decorator registering an extractor under a versioned name.

    >>> @register_extractor("doc.example.v1")
    ... def nothing(parsed):
    ...     return []
    >>> get_extractor("doc.example.v1") is nothing
    True
    """

    def deco(fn: Extractor) -> Extractor:
        _REGISTRY[name] = fn
        return fn

    return deco


register_extractor(DEFAULT_EXTRACTOR)(dependency_extractor)
#: The default rules plus the event mentions that make no triple
#: (:mod:`kg.extract.rules.event_mentions`): opt-in, for event coreference.
MENTIONS_EXTRACTOR = "kg.dep.v1+mentions"
register_extractor(MENTIONS_EXTRACTOR)(dependency_mention_extractor)


def _entry_points() -> dict[str, Any]:
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def list_extractors() -> list[str]:
    """Names of the registered extractors, including entry-point plugins."""
    return sorted(set(_REGISTRY) | set(_entry_points()))


def get_extractor(name: str = DEFAULT_EXTRACTOR) -> Extractor:
    """The extractor registered as ``name``; :class:`KgError` names the known ones."""
    if name in _REGISTRY:
        return _REGISTRY[name]
    eps = _entry_points()
    if name in eps:
        fn = eps[name].load()
        _REGISTRY[name] = fn
        return fn  # type: ignore[no-any-return]
    known = ", ".join(list_extractors())
    raise OptionError("extractor", name, f"unknown extractor; known extractors: {known}")


def extract_facts(parsed: ParsedArticle, extractor: str = DEFAULT_EXTRACTOR) -> list[Fact]:
    """The facts of one parsed article.

    >>> from kg.nlp import load_model
    >>> from kg.parse import parse_text
    >>> [f.predicate.lemma for f in extract_facts(parse_text("Belarus frees prisoners.",
    ...                                                     load_model()))]
    ['free']
    """
    return get_extractor(extractor)(parsed)


def extract_text(
    text: str, nlp: Language | None = None, *, extractor: str = DEFAULT_EXTRACTOR
) -> list[Fact]:
    """The facts of one piece of text, parsed as a single body segment (for notebooks/tests).

    >>> facts = extract_text("Belarus frees prisoners.")
    >>> [(f.subject.text, f.predicate.lemma, f.object.text) for f in facts]
    [('Belarus', 'free', 'prisoners')]
    """
    from kg.parse import parse_text

    if nlp is None:
        from kg.nlp import load_model

        nlp = load_model()
    return extract_facts(parse_text(text, nlp), extractor)


def extract_articles(
    articles: Iterable[Article],
    nlp: Language,
    *,
    extractor: str = DEFAULT_EXTRACTOR,
    n_process: int = 1,
    batch_size: int | None = None,
) -> Iterator[tuple[ParsedArticle, list[Fact]]]:
    """Parse and extract a stream of articles, yielding ``(parsed, facts)`` in order (parsed
    as by :func:`kg.parse.parse_articles`)."""
    from kg.parse import parse_articles

    fn = get_extractor(extractor)
    for parsed in parse_articles(articles, nlp, n_process=n_process, batch_size=batch_size):
        yield parsed, fn(parsed)


def _clean(text: str) -> str:
    return " ".join(text.split())


def facts_to_carb_lines(
    facts: Iterable[Fact], sentences: Mapping[str, str] | None = None
) -> list[str]:
    """Open IE lines ``sentence⇥confidence⇥relation⇥arg1⇥arg2⇥...`` as CaRB reads them.

    arg1 is the subject, arg2 the object, then the further arguments as "prep text" in text
    order. ``sentences`` maps an article id to the sentence to print instead of the fact's
    own (for ``--sentences`` input, where each article is one benchmark sentence). Facts
    without a subject, and those of :data:`CARB_EXCLUDED_RULES`, are left out.

    >>> from kg.model import Fact, Predicate, Span
    >>> f = Fact("a", 0, "US acts", 0, 7, predicate=Predicate("acts", 3, 7),
    ...          subject=Span("US", 0, 2), confidence=0.8)
    >>> facts_to_carb_lines([f])
    ['US acts\\t0.8000\\tacts\\tUS']
    """
    lines = []
    for f in facts:
        if f.subject is None or f.rule in CARB_EXCLUDED_RULES:
            continue
        sentence = sentences.get(f.doc, f.sentence_text) if sentences else f.sentence_text
        cols = [
            _clean(sentence),
            f"{f.confidence:.4f}",
            _clean(f.predicate.text),
            _clean(f.subject.text),
        ]
        if f.object is not None:
            cols.append(_clean(f.object.text))
        for a in sorted(f.arguments, key=lambda a: a.start):
            cols.append(_clean(f"{a.prep} {a.text}" if a.prep else a.text))
        lines.append("\t".join(cols))
    return lines
