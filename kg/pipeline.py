"""The whole path as library calls: articles → facts → entities → RDF → store.

The CLI and the notebook call these functions; each stage lives in its own package and
only plain data (:mod:`kg.model`) passes between them.

>>> from kg.model import Article, Segment
>>> a = Article(id="a", text="x", segments=(Segment(0, 1),))
>>> article_hash(a, model="m") == article_hash(a, model="m")
True
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import kg
from kg.errors import InputError
from kg.model import Article, Entity, Fact

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.store import GraphStore

__all__ = [
    "ArticleResult",
    "BuildReport",
    "article_hash",
    "analyse_articles",
    "build",
    "extract",
]

log = logging.getLogger("kg")


@dataclass(frozen=True)
class ArticleResult:
    """Everything one article contributes to the graph."""

    article: Article
    facts: tuple[Fact, ...]
    entities: tuple[Entity, ...]
    sentences: int


@dataclass
class BuildReport:
    """What a build did (or, with ``dry_run``, would do)."""

    articles: int = 0
    sentences: int = 0
    facts: int = 0
    entities: int = 0
    triples: int = 0
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    merged: dict[str, list[str]] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        """One line per figure, for the terminal."""
        lines = [
            f"articles   {self.articles}",
            f"sentences  {self.sentences}",
            f"facts      {self.facts}",
            f"entities   {self.entities}",
            f"triples    {self.triples}",
        ]
        if self.added or self.replaced or self.unchanged:
            lines.append(
                f"added {len(self.added)}, replaced {len(self.replaced)}, "
                f"unchanged {len(self.unchanged)}"
            )
        if self.errors:
            lines.append(f"skipped    {len(self.errors)} input(s) with errors")
        lines += [f"wrote      {p}" for p in self.written]
        return "\n".join(lines)


def article_hash(article: Article, *, model: str) -> str:
    """A content hash: same text, metadata, model and kg version → same hash (a no-op rebuild)."""
    payload = json.dumps(
        [
            kg.__version__,
            model,
            article.id,
            article.title,
            article.text,
            article.published.isoformat() if article.published else None,
            article.url,
            [(s.start, s.end, s.kind) for s in article.segments],
        ]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _model_label(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def analyse_articles(
    articles: Iterable[Article],
    nlp: Language,
    *,
    extractor: str = "kg.dep.v1",
    n_process: int = 1,
    batch_size: int = 64,
    min_confidence: float = 0.0,
    resolve: bool = True,
) -> Iterator[ArticleResult]:
    """Parse, extract, resolve entities and normalise times/places, one article at a time.

    Streams: memory stays flat however many articles come in.
    """
    from kg.extract import extract_articles
    from kg.resolve import annotate_time_place, resolve_entities

    for article, docs, facts in extract_articles(
        articles, nlp, extractor=extractor, n_process=n_process, batch_size=batch_size
    ):
        kept = [f for f in facts if f.confidence >= min_confidence]
        entities: Sequence[Entity] = ()
        if resolve:
            kept, entities = resolve_entities(article, docs, kept)
            kept = annotate_time_place(article, kept)
        n_sentences = sum(len(list(doc.sents)) for _, doc in docs)
        yield ArticleResult(article, tuple(kept), tuple(entities), n_sentences)


def extract(
    articles: Iterable[Article],
    nlp: Language,
    *,
    extractor: str = "kg.dep.v1",
    min_confidence: float = 0.0,
    resolve: bool = True,
) -> Iterator[Fact]:
    """The facts of every article, in text order (what ``kg extract`` prints)."""
    for result in analyse_articles(
        articles, nlp, extractor=extractor, min_confidence=min_confidence, resolve=resolve
    ):
        yield from result.facts


def build(
    articles: Iterable[Article],
    store: GraphStore,
    nlp: Language,
    *,
    extractor: str = "kg.dep.v1",
    n_process: int = 1,
    batch_size: int = 64,
    min_confidence: float = 0.0,
    dry_run: bool = False,
    progress: Callable[[Article], None] | None = None,
    analyse: Callable[[Iterable[Article]], Iterable[ArticleResult]] | None = None,
) -> BuildReport:
    """Build (or update) the graph in ``store`` from ``articles``.

    Each article becomes one named graph, written in one store transaction: an article already
    stored with the same content hash is skipped; a changed one replaces its graph and nothing
    else. An interrupted build leaves every earlier article complete and the interrupted one
    as it was before. ``analyse`` replaces the in-process analysis (the Dask build passes one
    that runs on a cluster); writing stays here, in one writer.
    """
    from kg.rdf import article_graph, article_iri
    from kg.resolve import entity_key

    report = BuildReport()
    model = _model_label(nlp)
    seen_entities: dict[str, set[str]] = {}

    def todo() -> Iterator[Article]:
        for article in articles:
            digest = article_hash(article, model=model)
            iri = article_iri(article.id)
            if store.has_article(iri, digest):
                report.unchanged.append(article.id)
                if progress:
                    progress(article)
                continue
            (report.replaced if store.article_hash(iri) else report.added).append(article.id)
            if dry_run:
                if progress:
                    progress(article)
                continue
            yield article

    if analyse is None:

        def analyse(items: Iterable[Article]) -> Iterable[ArticleResult]:
            return analyse_articles(
                items,
                nlp,
                extractor=extractor,
                n_process=n_process,
                batch_size=batch_size,
                min_confidence=min_confidence,
            )

    for result in analyse(todo()):
        article = result.article
        graph = article_graph(article, list(result.facts), list(result.entities))
        store.put_article(article_iri(article.id), graph, article_hash(article, model=model))
        report.articles += 1
        report.sentences += result.sentences
        report.facts += len(result.facts)
        for entity in result.entities:
            names = seen_entities.setdefault(entity_key(entity.name, entity.type), set())
            names.add(entity.name)
            names.update(entity.aliases)
        if progress:
            progress(article)
    report.entities = len(seen_entities)
    report.merged = {k: sorted(v) for k, v in seen_entities.items() if len(v) > 1}
    report.triples = store.triple_count()
    return report


def default_published(value: str | None) -> date | None:
    """Parse a ``--date`` option (ISO ``YYYY-MM-DD``)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError("--date", f"not an ISO date (YYYY-MM-DD): {value!r}") from exc


def jsonable(obj: Any) -> Any:
    """JSON default for dates in fact records."""
    if isinstance(obj, date):
        return obj.isoformat()
    raise TypeError(type(obj).__name__)
