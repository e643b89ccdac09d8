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
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import kg
from kg.errors import InputError, OptionError
from kg.identity import Report, reports_from_triples, update_entity_links, update_happenings
from kg.model import AnalysedArticle, Article
from kg.rdf import article_iri
from kg.workers import collect_less_often

if TYPE_CHECKING:
    from rdflib import URIRef
    from spacy.language import Language

    from kg.parse import ParsedArticle
    from kg.rdf import ArticleGraph
    from kg.store import GraphStore

__all__ = [
    "build_graph",
    "InOrderThread",
    "BuildReport",
    "article_hash",
    "build",
]

log = logging.getLogger("kg")
T = TypeVar("T")


@dataclass
class BuildReport:
    """What a build did (or, with ``dry_run``, would do).

    ``entities`` counts the distinct entities the analysed articles name; ``triples`` the
    triples this build wrote, summed over the article graphs it wrote (an entity's label in
    two articles' graphs counts twice, as the store holds it twice). ``merged`` maps an
    entity key to the names gathered on that one entity: the canonical name and aliases of
    every article analysed, plus the labels it already has in the store when an article
    links to it. ``linked`` maps an entity key to the analysed articles that name an entity
    another article described before them (in the store, or earlier in this run).
    """

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
    #: optional outputs not written, each with the reason (what to install to get it)
    not_written: list[tuple[Path, str]] = field(default_factory=list)
    linked: dict[str, list[str]] = field(default_factory=dict)
    dry_run: bool = False
    happenings: int = 0  # happenings written or re-grouped (kg.identity)
    entity_links: int = 0  # surname-only people joined to a full name (kg.identity)
    #: what a written file holds, said after its name: for the HTML view, the page's own
    #: line (kg.view.counts_text), as the summary's entity count and the view's nodes differ
    holds: dict[Path, str] = field(default_factory=dict)

    def summary(self) -> str:
        """One line per figure, for the terminal."""
        lines = [
            f"articles   {self.articles}",
            f"sentences  {self.sentences}",
            f"facts      {self.facts}",
            f"entities   {self.entities}",
            f"triples    {self.triples} written, in {self.articles} article graphs",
        ]
        if self.happenings:
            lines.append(f"happenings {self.happenings} written (events across articles)")
        if self.entity_links:
            lines.append(
                f"same as    {self.entity_links} surname(s) joined to a full name across articles"
            )
        if self.added or self.replaced or self.unchanged:
            lines.append(
                f"added {len(self.added)}, replaced {len(self.replaced)}, "
                f"unchanged {len(self.unchanged)}"
            )
        if self.merged or self.linked:
            lines.append(
                f"merged     {len(self.merged)} entities with several names; "
                f"{len(self.linked)} named by several articles"
            )
        if self.errors:
            lines.append(f"skipped    {len(self.errors)} input(s) with errors")
        lines += [f"wrote      {p}" + (f": {self.holds[p]}" if p in self.holds else "")
                  for p in self.written]
        lines += [f"skipped    {p}: {why}" for p, why in self.not_written]
        return "\n".join(lines)

    def plan(self) -> list[str]:
        """The dry-run listing: one line per article, merge and link, in a stable order.

        >>> r = BuildReport(added=["a1"], unchanged=["a0"], dry_run=True,
        ...                 merged={"place/united-states": ["US", "United States"]},
        ...                 linked={"place/belarus": ["a1"]})
        >>> print("\\n".join(r.plan()))
        add       a1
        unchanged a0
        merge     place/united-states: US | United States
        link      place/belarus: a1
        would add 1, replace 0, leave 1 unchanged; nothing was written
        """
        lines = [f"add       {a}" for a in self.added]
        lines += [f"replace   {a}" for a in self.replaced]
        lines += [f"unchanged {a}" for a in self.unchanged]
        lines += [f"merge     {k}: {' | '.join(v)}" for k, v in sorted(self.merged.items())]
        lines += [f"link      {k}: {', '.join(v)}" for k, v in sorted(self.linked.items())]
        verb = ("would add", "replace", "leave") if self.dry_run else ("added", "replaced", "left")
        tail = "; nothing was written" if self.dry_run else ""
        lines.append(
            f"{verb[0]} {len(self.added)}, {verb[1]} {len(self.replaced)}, "
            f"{verb[2]} {len(self.unchanged)} unchanged{tail}"
        )
        return lines


def article_hash(
    article: Article,
    *,
    model: str,
    extractor: str = "kg.dep.v1",
    min_confidence: float = 0.0,
) -> str:
    """A content hash: same article, model, settings and kg version → same hash (a no-op).

    Every field of the article but the file path counts (the graph holds title, date, url,
    source, dateline place and agency), and so do the settings that change the facts: an
    article rebuilt with another extractor or threshold is replaced, not skipped.
    """
    record = {f.name: getattr(article, f.name) for f in fields(article) if f.name != "path"}
    payload = json.dumps(
        [kg.__version__, model, extractor, min_confidence, record],
        default=_plain,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _plain(obj: Any) -> Any:
    """JSON for the hash: dates as ISO text, dataclasses (segments) as their field values."""
    if isinstance(obj, date):
        return obj.isoformat()
    if is_dataclass(obj) and not isinstance(obj, type):
        return [getattr(obj, f.name) for f in fields(obj)]
    raise TypeError(f"cannot hash a {type(obj).__name__} article field")


def _model_label(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def build(
    articles: Iterable[Article],
    store: GraphStore,
    nlp: Language,
    *,
    extractor: str = "kg.dep.v1",
    n_process: int = 1,
    batch_size: int | None = None,
    min_confidence: float = 0.0,
    dry_run: bool = False,
    progress: Callable[[Article], None] | None = None,
    analyse: Callable[[Iterable[Article]], Iterable[AnalysedArticle]] | None = None,
) -> BuildReport:
    """Build (or update) the graph in ``store`` from ``articles``.

    With ``n_process`` > 1, that many worker processes parse, extract and resolve (see
    :func:`kg.workers.analyse_in_processes`), and this process writes. With one, this thread
    parses and a second one (:class:`InOrderThread`) analyses and writes.

    Each article becomes one named graph, written in one store transaction: an article already
    stored with the same content hash is skipped; a changed one replaces its graph and nothing
    else. An interrupted build leaves every earlier article complete and the interrupted one
    as it was before. ``analyse`` replaces the in-process analysis (the Dask build passes one
    that runs on a cluster); writing stays here, in one writer. Articles are read, analysed
    and written as a stream, so memory stays flat however many come in.

    With ``dry_run`` the new and changed articles are analysed as in a real build but
    nothing is written: the report says what would be added, replaced and merged.

    >>> from kg.ingest import read_articles
    >>> from kg.nlp import load_model
    >>> from kg.store import open_store
    >>> with open_store(None) as store:
    ...     report = build(read_articles(["examples/articles/82548.txt"]), store, load_model())
    >>> report.added, report.facts > 0
    (['82548'], True)
    """
    from kg.analyse import analyse_article

    recorder = _Recorder(store, dry_run, _model_label(nlp), extractor, min_confidence)
    todo = recorder.todo(articles, progress)
    # Worker processes start now, before this build starts threads of its own (see
    # kg.workers.analyse_in_processes, which forks them).
    results: Iterable[AnalysedArticle] | None = None
    if analyse is not None:
        results = analyse(todo)
    elif n_process > 1:
        from kg.workers import analyse_in_processes, processes_can_load

        if processes_can_load(nlp):
            results = analyse_in_processes(
                todo,
                workers=n_process,
                model=nlp,
                extractor=extractor,
                min_confidence=min_confidence,
                batch_size=batch_size,
            )

    def analyse_and_record(parsed: ParsedArticle) -> None:
        recorder.record(analyse_article(parsed, extractor=extractor, min_confidence=min_confidence))

    # This thread reads and parses (or receives the worker processes' analyses); a second
    # one analyses, records and (or a third) writes, one article at a time in input order
    # (the report's links depend on that order).
    with collect_less_often(), recorder:
        if results is None:  # analysed here, not by worker processes or the caller's hook
            from kg.parse import parse_articles

            # The analysis reads finished docs while this thread parses the next ones. They
            # share the vocabulary, which the parser changes only in Cython code holding the
            # GIL, so the other thread never sees it half changed.
            # nlp.pipe hands over a whole batch of articles at once (at most one article per
            # segment): room for all of them, or the parse would wait for the analysis of
            # the batch before (~8% of the build with batches of 256 and room for 4).
            depth = batch_size or nlp.batch_size
            with InOrderThread(analyse_and_record, depth=depth) as analyser:
                for parsed in parse_articles(todo, nlp, n_process=n_process, batch_size=batch_size):
                    analyser.put(parsed)
                    if progress:
                        progress(parsed.article)
        else:
            with InOrderThread(recorder.record) as recording:
                for result in results:
                    recording.put(result)
                    if progress:
                        progress(result.article)
    return recorder.report()


def build_graph(
    inputs: Sequence[str | Path],
    *,
    store: str | Path | None = None,
    out: str | Path | None = None,
    html: str | Path | None = None,
    screenshot: str | Path | None = None,
    date: date | str | None = None,
    model: str | None = None,
    extractor: str = "kg.dep.v1",
    min_confidence: float = 0.0,
    workers: int = 1,
    batch_size: int | None = None,
    dask: str | None = None,
    dry_run: bool = False,
    on_error: Callable[[InputError], object] | None = None,
    progress: Callable[[Article], None] | None = None,
) -> BuildReport:
    """The whole of ``kg build``: read the inputs, build them into ``store`` (a directory, an
    http(s) SPARQL endpoint, or None: in memory), then write the store to ``out``, its view to
    ``html`` and that view's picture to ``screenshot``, as asked.

    A bad file or record goes to ``on_error`` and the build goes on. Settings that cannot work
    together fail before anything is read (no destination, a screenshot without a view, an
    ``out`` format without named graphs). With ``dry_run`` nothing is written: the report's
    :meth:`BuildReport.plan` says what would be. A screenshot that needs a missing Chromium is
    listed in ``not_written``, with what to install.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     report = build_graph(["examples/articles/82548.txt"], out=d + "/g.trig")
    >>> report.articles, report.written[0].name
    (1, 'g.trig')
    """
    from kg.ingest import ArticleStream
    from kg.nlp import load_model
    from kg.store import export_format

    if out is None and store is None and not dry_run:
        raise OptionError("out", None, "say where the graph goes: give {out} FILE or {store}")
    if screenshot is not None and html is None:
        raise OptionError("screenshot", screenshot, "pictures the HTML view: give {html} too")
    if out is not None:
        export_format(out)  # a format that would lose the article graphs fails before the build
    published = default_published(date) if isinstance(date, str) else date
    articles = ArticleStream(list(inputs), date=published, on_error=on_error)
    nlp = load_model(model)
    with _opened(store, dry_run) as graph_store:
        with _analysis(dask, model, extractor, min_confidence) as analyse:
            report = build(
                articles, graph_store, nlp, extractor=extractor, n_process=workers,
                batch_size=batch_size, min_confidence=min_confidence, dry_run=dry_run,
                progress=progress, analyse=analyse,
            )  # fmt: skip
        report.errors = articles.errors
        if dry_run:
            return report
        if out is not None:
            report.written.append(graph_store.export(out))
        if html is not None:
            from kg.view import write_view

            view = write_view(graph_store, html, screenshot=screenshot)
            report.written.append(view.summary.path)
            report.holds[view.summary.path] = view.summary.stated
            if view.screenshot is not None:
                report.written.append(view.screenshot)
            if view.skipped is not None and screenshot is not None:
                report.not_written.append((Path(screenshot), view.skipped))
    return report


def _analysis(
    dask: str | None, model: str | None, extractor: str, min_confidence: float
) -> AbstractContextManager[Callable[[Iterable[Article]], Iterable[AnalysedArticle]] | None]:
    """The analysis hook of a build on a Dask cluster at ``dask``; None (no hook) without."""
    if not dask:
        return nullcontext()
    from kg.distributed import dask_analysis

    return dask_analysis(dask, model=model, extractor=extractor, min_confidence=min_confidence)


def _opened(location: str | Path | None, dry_run: bool) -> GraphStore:
    """The store to build into: created when missing; for a dry run, the store as it is,
    read-only (one not created yet is an empty one in memory)."""
    from kg.store import open_store

    if not dry_run:
        return open_store(location, create=True)
    remote = isinstance(location, str) and location.startswith(("http://", "https://"))
    if location is None or (not remote and not Path(location).exists()):
        return open_store(None)
    return open_store(location, create=False, read_only=True)


class _Recorder:
    """What a build does with each article around its analysis: skip it when unchanged, write
    its RDF, and note in the report which entities it links to what is already there.

    Entities described by an article of this run (written, or in a dry run as good as
    written) are remembered with the first such article: a later article naming one links to
    it without asking the store. The store is asked once per entity, at its first mention, and
    not at all when it held no graph before the run: reading every entity's labels back for
    every article filled RocksDB's block caches, so memory grew with the store.
    """

    def __init__(
        self, store: GraphStore, dry_run: bool, model: str, extractor: str, min_confidence: float
    ) -> None:
        self.store = store
        self.dry_run = dry_run
        self.settings = {"model": model, "extractor": extractor, "min_confidence": min_confidence}
        self.build = BuildReport(dry_run=dry_run)
        self.names: dict[str, set[str]] = {}  # entity key -> names gathered on it in this run
        self.run_entities: dict[str, str] = {}  # entity IRI -> first article of this run
        self.stored_before = _holds_graphs(store)
        self.digests: dict[str, str] = {}  # article id -> content hash, until it is written
        self.reports: dict[str, list[Report]] = {}  # article IRI -> its reports (kg.identity)
        # Writing into memory is ~2 ms of native work an article: the recording thread does
        # it. On disk (a RocksDB transaction, ~20 ms, longer while RocksDB compacts) or over
        # the network a write gets a thread of its own, so the analysis never waits for one.
        self.writer: InOrderThread[tuple[URIRef, ArticleGraph, str]] | None = None
        if not dry_run and store.location != ":memory:":
            self.writer = InOrderThread(lambda item: store.put_article(*item))

    def todo(
        self, articles: Iterable[Article], progress: Callable[[Article], None] | None
    ) -> Iterator[Article]:
        """The articles that are new or changed (the unchanged ones are counted and skipped)."""
        from kg.rdf import article_iri

        for article in articles:
            stored = self.store.article_hash(article_iri(article.id))
            digest = article_hash(article, **self.settings)  # type: ignore[arg-type]
            if stored == digest:
                self.build.unchanged.append(article.id)
                if progress:
                    progress(article)
                continue
            (self.build.replaced if stored else self.build.added).append(article.id)
            self.digests[article.id] = digest
            yield article

    def record(self, result: AnalysedArticle) -> None:
        """RDF, links and the store write for one analysed article (on the second thread)."""
        from rdflib import URIRef

        from kg.rdf import article_iri, article_rdf

        article = result.article
        iri = article_iri(article.id)
        graph = article_rdf(result)
        self.reports[str(iri)] = reports_from_triples(graph.triples)
        digest = self.digests.pop(article.id)
        if self.writer is not None:
            self.writer.put((iri, graph, digest))
        elif not self.dry_run:
            self.store.put_article(iri, graph, digest)
        entities = set(graph.entity_labels)
        first_seen = {node for node in entities if node not in self.run_entities}
        existing = (
            _stored_labels(self.store, {URIRef(node) for node in first_seen}, iri)
            if self.stored_before and first_seen
            else {}
        )
        for node in entities - first_seen:
            if self.run_entities[node] != article.id:
                existing.setdefault(URIRef(node), set())
        for node in first_seen:
            self.run_entities[node] = article.id
        self._note(result, graph, existing)

    def _note(
        self, result: AnalysedArticle, graph: ArticleGraph, existing: dict[URIRef, set[str]]
    ) -> None:
        from kg.rdf import entity_iri

        report, names = self.build, self.names
        for ref, labels in existing.items():
            key = _key(ref)
            report.linked.setdefault(key, []).append(result.article.id)
            names.setdefault(key, set()).update(labels)
        for entity in result.entities:
            gathered = names.setdefault(_key(entity_iri(entity.name, entity.type)), set())
            gathered.add(entity.name)
            gathered.update(entity.aliases)
        for node, stated in graph.entity_labels.items():
            names.setdefault(_key(node), set()).update(stated)
        report.articles += 1
        report.sentences += result.sentences
        report.facts += len(result.facts)
        report.triples += len(graph.triples)

    def report(self) -> BuildReport:
        """The report, with the entities gathered and merged in this run."""
        self.build.entities = len(self.names)
        self.build.merged = {k: sorted(v) for k, v in sorted(self.names.items()) if len(v) > 1}
        return self.build

    def __enter__(self) -> _Recorder:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self.writer is not None:
            self.writer.close()
        if exc_type is None and not self.dry_run:  # group the reports into happenings
            changed = {str(article_iri(a)) for a in self.build.added + self.build.replaced}
            whole = not self.stored_before and bool(changed)
            done = update_happenings(self.store, None if whole else changed, reports=self.reports)
            self.build.happenings = done.written
            if changed:  # surname-only people across articles (kg.identity._entities)
                self.build.entity_links = update_entity_links(self.store)


class InOrderThread(Generic[T]):
    """Runs ``handle`` on each item :meth:`put` here, in order, on a thread of its own.

    A build hands each parsed article to one: its analysis, RDF, links and store write then
    overlap the parse of the next articles. That pays because spaCy spends much of the parse
    in numeric kernels with the GIL released (and Oxigraph writes with it released), and
    because the Python work per article is short, so the parse never waits long for the GIL
    (measured: build / ``nlp.pipe`` time 1.15 -> 1.13 on 250 ECB+ articles, against RDF
    and writes alone on the second thread). At most ``depth`` items wait;
    leaving the ``with`` block waits for them, and an exception raised by ``handle`` is
    raised there, or at the next :meth:`put`, and no later item is handled.

    >>> done = []
    >>> with InOrderThread(done.append) as thread:
    ...     for n in range(3):
    ...         thread.put(n)
    >>> done
    [0, 1, 2]
    """

    def __init__(self, handle: Callable[[T], object], depth: int = 32) -> None:
        self._handle = handle
        self._queue: queue.Queue[tuple[T] | None] = queue.Queue(depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="kg-build-writer", daemon=True)
        self._thread.start()

    def put(self, item: T) -> None:
        """Queue one item (blocks while ``depth`` items wait)."""
        self._raise_error()
        self._queue.put((item,))

    def close(self) -> None:
        """Wait until every queued item is handled; raise the error of a failed one."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._raise_error()

    def __enter__(self) -> InOrderThread[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is None:  # after a failure, the rest is dropped, not handled
                try:
                    self._handle(item[0])
                except BaseException as error:  # raised again in the thread that puts
                    self._error = error

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error


def _key(node: str) -> str:
    """The entity key in an entity IRI (see :func:`kg.rdf.entity_key`): the IRI less its base."""
    from kg.vocab import ID

    return str(node).removeprefix(str(ID["entity/"]))


def _holds_graphs(store: GraphStore) -> bool:
    """True if ``store`` has any graph besides its bookkeeping one."""
    from kg.store import META_GRAPH

    answer = store.query(f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {META_GRAPH.n3()}) }}")
    return bool(answer.askAnswer)


def _stored_labels(
    store: GraphStore, entities: set[URIRef], article: URIRef
) -> dict[URIRef, set[str]]:
    """The labels the store already has for ``entities`` in graphs of other articles.

    One query per article; an entity is "stored" when another article's graph describes it.
    """
    from rdflib import URIRef

    from kg.store import META_GRAPH
    from kg.vocab import RDFS

    if not entities:
        return {}
    # Every term is an IRI this package made (n3() checks it), so the text is safe to build.
    values = " ".join(node.n3() for node in sorted(entities))
    rows = store.query(
        f"SELECT DISTINCT ?e ?l WHERE {{ VALUES ?e {{ {values} }} "
        f"GRAPH ?g {{ ?e {RDFS.label.n3()} ?l }} "
        f"FILTER(?g != {article.n3()} && ?g != {META_GRAPH.n3()}) }}"
    )
    found: dict[URIRef, set[str]] = {}
    for row in rows:
        node, label = row[0], row[1]  # type: ignore[index]
        found.setdefault(URIRef(str(node)), set()).add(str(label))
    return found


def default_published(value: str | None) -> date | None:
    """A publication date given as text (ISO ``YYYY-MM-DD``), or None.

    >>> default_published("2025-12-14")
    datetime.date(2025, 12, 14)
    """
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise OptionError("date", value, "not an ISO date (YYYY-MM-DD)") from exc
