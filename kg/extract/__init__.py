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

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kg.errors import OptionError
from kg.extract._openie import (
    CARB_EXCLUDED_RULES,
    FORMATS,
    binary_facts,
    facts_to_carb_lines,
    format_facts,
    open_ie_facts,
)
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
    "FORMATS",
    "Extractor",
    "binary_facts",
    "dependency_extractor",
    "dependency_mention_extractor",
    "extract_articles",
    "extract_facts",
    "extract_text",
    "facts_to_carb_lines",
    "format_facts",
    "get_extractor",
    "list_extractors",
    "open_ie_facts",
    "register_extractor",
]

Extractor = Callable[["ParsedArticle"], list["Fact"]]
DEFAULT_EXTRACTOR = "kg.dep.v1"
ENTRY_POINT_GROUP = "kg.extractors"

_REGISTRY: dict[str, Extractor] = {}

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
