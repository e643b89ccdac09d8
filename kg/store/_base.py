"""What every graph store does, written once over two primitives: a SPARQL query and a
SPARQL update.

Layout of a store (the same for embedded and remote ones):

* one **named graph per article**, named by the article IRI, holding exactly the triples of
  :func:`kg.rdf.article_graph` for it;
* one **bookkeeping graph** :data:`META_GRAPH` holding ``<article> kg:contentHash "..."``;
* queries run over the **union default graph**: a pattern outside ``GRAPH`` matches triples of
  every graph, so ``SELECT ?e ?l { ?e rdfs:label ?l }`` sees all articles. The union is taken
  over quads: a triple copied into two article graphs (an entity's label) matches twice, so
  use ``SELECT DISTINCT`` or ``COUNT(DISTINCT ...)``. The hash triples of the meta graph are
  part of the union too (``kg:contentHash`` is a property of the article node).

Replacing an article is one SPARQL update request (``DROP SILENT GRAPH``, delete the old
hash, ``INSERT DATA`` graph and new hash), which Oxigraph (and any SPARQL 1.1 store that runs
a request as one transaction) applies atomically: readers see the old or the new article,
never a mix. The embedded store writes an article it does not hold yet as one N-Quads load
(graph and hash in one transaction), which is faster. Either way the request is built only
after every triple converted, so a graph holding an invalid term raises before anything is
written.

Entities shared by articles are copied into each article's graph. Removing article A drops
A's copies only: an entity B also mentions keeps its label and type from B's graph.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.rdf import ArticleGraph
from kg.store._sparql import check_text
from kg.store._terms import (
    TermCache,
    check_var_name,
    from_ox,
    sparql_term,
    to_ox,
)
from kg.vocab import ID, KG, PREFIXES

#: One triple: subject, predicate, object (rdflib terms).
Triple = tuple[Node, Node, Node]

__all__ = [
    "GraphStore",
    "Triple",
    "META_GRAPH",
    "HAPPENINGS_GRAPH",
    "ENTITY_LINKS_GRAPH",
    "CONTENT_HASH",
    "RDF_FORMATS",
    "ImportReport",
    "article_node",
    "rdf_format",
    "export_format",
    "as_bindings",
]

#: The bookkeeping graph: which articles the store holds, with the hash of their content.
META_GRAPH = ID["meta"]
#: The graph of the happenings (:mod:`kg.identity`): derived from the article graphs, kept in
#: step with them by builds and ``kg remove``, and not an article.
HAPPENINGS_GRAPH = ID["happenings"]
#: The graph of the entities of different articles taken to be one (owl:sameAs, each with its
#: rule: :mod:`kg.identity._entities`): derived like :data:`HAPPENINGS_GRAPH`, not an article.
ENTITY_LINKS_GRAPH = ID["entity-links"]
#: ``<article> kg:contentHash "..."`` in :data:`META_GRAPH`.
try:
    CONTENT_HASH = KG.contentHash
except AttributeError:  # not yet declared in ontologies/kg.ttl + kg.vocab
    CONTENT_HASH = URIRef(f"{KG}contentHash")

# File extension -> pyoxigraph format; the dataset formats keep named graphs.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}


def rdf_format(path: str | Path) -> ox.RdfFormat:
    """The RDF format for a file name, by extension.

    >>> rdf_format("graph.trig").name
    'TriG'
    """
    suffix = Path(path).suffix.lower()
    try:
        return RDF_FORMATS[suffix]
    except KeyError:
        known = ", ".join(sorted(RDF_FORMATS))
        raise StoreError(f"{path}: unknown RDF file extension {suffix!r} (use {known})") from None


def export_format(path: str | Path) -> ox.RdfFormat:
    """The format to write a whole store to ``path``: one that keeps named graphs.

    A store is its article graphs plus the bookkeeping graph of their content hashes; a
    format without named graphs (Turtle, N-Triples, RDF/XML, N3) would merge them into one
    and lose both, so it is refused, naming the file and the formats that work.

    >>> export_format("backup.nq").name
    'N-Quads'
    >>> export_format("graph.ttl")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.StoreError: graph.ttl: Turtle has no named graphs, so the article graphs ...
    """
    fmt = rdf_format(path)
    if not fmt.supports_datasets:
        working = [e for e, f in RDF_FORMATS.items() if f.supports_datasets and e != ".json"]
        choice = ", ".join(working[:-1]) + " or " + working[-1]
        raise StoreError(
            f"{path}: {fmt.name} has no named graphs, so the article graphs and their content "
            f"hashes would be lost; write the store to {choice} instead"
        )
    return fmt


def article_node(article: str | URIRef) -> URIRef:
    """The IRI naming an article's graph: an IRI as given, a bare article id via kg.rdf.

    >>> article_node("https://w3id.org/kg-news/id/article/a1")
    rdflib.term.URIRef('https://w3id.org/kg-news/id/article/a1')
    """
    if isinstance(article, URIRef) or ":" in article:
        return URIRef(article)
    try:
        from kg.rdf import article_iri  # the RDF stage owns the article IRI scheme
    except ImportError as exc:
        raise StoreError(f"article {article!r}: pass an IRI (kg.rdf unavailable: {exc})") from exc
    return URIRef(article_iri(article))


def as_bindings(bindings: Mapping[Any, Any] | None) -> dict[str, Node]:
    """Normalise a bindings mapping: names without ``?``, values as rdflib terms.

    Python values that are not RDF terms become literals (``"x"`` → ``Literal("x")``), never
    SPARQL text.

    >>> as_bindings({"?n": 3})
    {'n': rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))}
    """
    out: dict[str, Node] = {}
    for key, value in (bindings or {}).items():
        name = check_var_name(str(key))
        out[name] = value if isinstance(value, Node) else Literal(value)
    return out


@dataclass
class ImportReport:
    """What :meth:`GraphStore.import_file` read and where it went."""

    path: Path
    format: str  # the file's RDF format, e.g. "TriG"
    quads: int = 0  # statements read from the file
    articles: int = 0  # article graphs that came with their content hash
    replaced: int = 0  # ... of which the store held a version, now replaced
    unhashed_graphs: int = 0  # named graphs without a content hash (not tracked as articles)
    default_triples: int = 0  # triples outside any named graph (in the store's default graph)
    into_graph: str | None = None  # the graph given for triples outside named graphs
    stored_articles: int = 0  # articles the store holds afterwards

    def summary(self) -> str:
        """A line or two for the terminal, saying where the statements went.

        >>> print(ImportReport(Path("g.ttl"), "Turtle", 3, default_triples=3).summary())
        ... # doctest: +ELLIPSIS
        imported g.ttl: 3 triples into the default graph, outside every article graph (...)
        store holds 0 articles
        """
        parts = []
        if self.articles:
            replaced = f" ({self.replaced} replacing the store's version)" if self.replaced else ""
            parts.append(f"{self.articles} articles with their content hashes{replaced}")
        if self.unhashed_graphs:
            parts.append(
                f"{self.unhashed_graphs} named graphs without a content hash (not tracked as "
                "articles; a build of such an article replaces its graph)"
            )
        if self.into_graph is not None and self.default_triples:
            parts.append(f"{self.default_triples} triples into the graph <{self.into_graph}>")
        elif self.default_triples:
            parts.append(
                f"{self.default_triples} triples into the default graph, outside every article "
                f"graph ({self.format} has no named graphs: queries see these triples, but "
                "removing or rebuilding an article leaves them as they are)"
                if self.format in _TRIPLE_FORMATS
                else f"{self.default_triples} triples into the default graph"
            )
        if not parts:
            parts.append("no statements")
        head = f"imported {self.path}: " + "; ".join(parts)
        if self.articles or self.unhashed_graphs:
            head += f"; {self.quads} quads in all"
        return f"{head}\nstore holds {self.stored_articles} articles"


#: The formats without named graphs, by pyoxigraph's name.
_TRIPLE_FORMATS = {f.name for f in RDF_FORMATS.values() if not f.supports_datasets}


class GraphStore(ABC):
    """A set of article graphs you can put, replace, remove, query and export.

    Use :func:`kg.store.open_store` to get one; stores are context managers.
    """

    location: str
    read_only: bool

    # -- primitives each backend provides ---------------------------------------------
    @abstractmethod
    def _query(self, sparql: str, bindings: dict[str, Node]) -> Result:
        """Run a query over the union default graph."""

    @abstractmethod
    def _update(self, sparql: str) -> None:
        """Run an update request as one transaction."""

    @abstractmethod
    def _quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store (meta graph included)."""

    @abstractmethod
    def _add_quads(self, quads: list[ox.Quad]) -> None:
        """Add quads in one transaction."""

    @property
    @abstractmethod
    def dataset(self) -> Dataset:
        """An rdflib Dataset over the store (union default graph)."""

    @abstractmethod
    def close(self) -> None:
        """Release the store; further calls raise :class:`StoreError`."""

    # -- the API -------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[Any, Any] | None = None) -> Result:
        """Run a SPARQL query; ``bindings`` maps variable names to values, bound safely.

        Values are bound as RDF terms, never pasted into the text: ``{"name": 'x" }'}`` binds
        ``?name`` to the literal ``"x\\" }"``. The prefixes of :data:`kg.vocab.PREFIXES`
        (``kg:``, ``rdfs:``, ``sem:``, ...) are declared for every query; the query's own
        ``PREFIX`` lines win. A query that does not parse raises :class:`QueryError` with its
        line and column (and the name of an undeclared prefix). Returns an rdflib ``Result``:
        iterate rows of a SELECT, ``bool()`` an ASK, ``.graph`` of a CONSTRUCT/DESCRIBE.
        """
        return self._query(check_text(sparql, "query"), as_bindings(bindings))

    def select_values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """The rows of a SELECT query (no bindings) as plain text: each a tuple of its terms'
        lexical values (an IRI, a literal's lexical form; None where unbound), in the order
        of the projected variables. An embedded store reads them without making rdflib terms
        (the identity step reads tens of thousands of rows a build).

        >>> from kg.store import open_store
        >>> with open_store(None) as store:
        ...     store.select_values('SELECT ?x ?y WHERE { VALUES ?x { <http://e/a> "1" } }')
        [('http://e/a', None), ('1', None)]
        """
        return [
            tuple(None if t is None else str(t) for t in row)  # type: ignore[union-attr]
            for row in self.query(sparql)
        ]

    def update(self, sparql: str) -> None:
        """Run a raw SPARQL update (one transaction). Bypasses the article bookkeeping.

        The prefixes of :data:`kg.vocab.PREFIXES` are declared, as for :meth:`query`.
        """
        self._check_writable()
        self._update(check_text(sparql, "update"))

    def article_hash(self, article: str | URIRef) -> str | None:
        """The content hash stored with an article, or None if the store lacks it."""
        node = sparql_term(article_node(article))
        rows = self._query(
            f"SELECT ?h WHERE {{ GRAPH {sparql_term(META_GRAPH)} "
            f"{{ {node} {sparql_term(CONTENT_HASH)} ?h }} }}",
            {},
        )
        for row in _rows(rows):
            return str(row[0])
        return None

    def has_article(self, article: str | URIRef, content_hash: str) -> bool:
        """True if the article is stored with this exact content hash (so it can be skipped)."""
        return self.article_hash(article) == content_hash

    def put_article(
        self,
        article: str | URIRef,
        graph: Graph | Iterable[Triple] | ArticleGraph,
        content_hash: str,
    ) -> None:
        """Store ``graph`` as the article's named graph, replacing any previous version.

        ``graph`` is an rdflib ``Graph``, any iterable of ``(s, p, o)`` triples, or the
        :class:`kg.rdf.ArticleGraph` of :func:`kg.rdf.article_rdf` (what a build writes: no
        rdflib terms at all, the fastest; its text is made here, where the store loads it).
        One transaction does it all (drop old graph, swap hash, insert new triples), so the
        replacement is atomic. A triple with a term that is not valid RDF
        raises :class:`StoreError` before anything is written, and so does any error while
        iterating ``graph``.
        """
        self._check_writable()
        name = article_node(article)
        if isinstance(graph, ArticleGraph):
            self._put(name, graph.statements(), content_hash)
            return
        triples = graph if isinstance(graph, list) else list(graph)
        # Convert everything first: a bad term must fail before the store changes.
        try:
            statements = self._terms().lines(triples, end="")
        except QueryError as exc:
            raise StoreError(f"article {name}: cannot store triple term: {exc}") from None
        self._put(name, statements, content_hash)

    def _terms(self) -> TermCache:
        """The term cache converting rdflib triples to N-Triples text (one per request)."""
        return TermCache()

    def _put(self, name: URIRef, statements: Sequence[str], content_hash: str) -> None:
        """Write an article graph (N-Triples statements, no final dot) and its hash in one
        update request: a statement that is not valid RDF fails the whole request."""
        body = "".join(f"{statement} .\n" for statement in statements)
        try:
            self._update(self._put_request(name, body, content_hash))
        except QueryError as exc:  # the request is ours: only a statement can be malformed
            raise StoreError(f"article {name}: cannot store: {exc}") from None

    def _put_request(self, name: URIRef, body: str, content_hash: str) -> str:
        """The update request replacing an article: ``body`` is its triples, one a line."""
        g = sparql_term(name)
        meta = sparql_term(META_GRAPH)
        predicate = sparql_term(CONTENT_HASH)
        return (
            f"DROP SILENT GRAPH {g} ;\n"
            f"DELETE WHERE {{ GRAPH {meta} {{ {g} {predicate} ?h }} }} ;\n"
            f"INSERT DATA {{\nGRAPH {g} {{\n{body}\n}}\n"
            f"GRAPH {meta} {{ {g} {predicate} {_term(Literal(content_hash), name)} }}\n}}"
        )

    def remove_article(self, article: str | URIRef) -> None:
        """Drop an article's graph and hash (a no-op if absent).

        Entity triples also present in other articles' graphs stay (they are copies).
        """
        self._check_writable()
        g = sparql_term(article_node(article))
        self._update(
            f"DROP SILENT GRAPH {g} ;\n"
            f"DELETE WHERE {{ GRAPH {sparql_term(META_GRAPH)} "
            f"{{ {g} {sparql_term(CONTENT_HASH)} ?h }} }}"
        )

    def articles(self) -> list[tuple[URIRef, str]]:
        """Every stored article as (IRI, content hash), sorted by IRI."""
        rows = self._query(
            f"SELECT ?a ?h WHERE {{ GRAPH {sparql_term(META_GRAPH)} "
            f"{{ ?a {sparql_term(CONTENT_HASH)} ?h }} }} ORDER BY ?a",
            {},
        )
        return [(URIRef(str(row[0])), str(row[1])) for row in _rows(rows)]

    def quad_count(self) -> int:
        """Quads in every named graph but the bookkeeping one: an entity triple copied into
        three article graphs counts three times. A streaming count, cheap on a store of any
        size.
        """
        meta = sparql_term(META_GRAPH)
        return self._count(f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {meta})")

    def triple_count(self) -> int:
        """Distinct triples over all graphs but the bookkeeping one.

        An entity triple copied into three article graphs counts once. The count holds every
        distinct triple in memory (~200 bytes each): see :meth:`quad_count` for large stores.
        """
        meta = sparql_term(META_GRAPH)
        return self._count(
            "SELECT DISTINCT ?s ?p ?o WHERE {"
            " { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }"
            f" FILTER NOT EXISTS {{ GRAPH {meta} {{ ?s ?p ?o }} }} }}"
        )

    def _count(self, pattern: str) -> int:
        """``COUNT(*)`` of the solutions of a group graph pattern."""
        rows = self._query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}", {})
        for row in _rows(rows):
            return int(row[0])
        return 0

    def export(self, path: str | Path) -> Path:
        """Write the whole store to ``path``: every article graph and the bookkeeping graph
        of their content hashes, so that :meth:`import_file` into an empty store gives this
        store back, quad for quad.

        The format comes from the extension and must keep named graphs: TriG, N-Quads or
        JSON-LD (:func:`export_format`; Turtle and the like raise :class:`StoreError`). The
        file is written whole or not at all (:func:`kg.rdf.atomic_file`), with the mode the
        umask gives an ordinary file.
        """
        from kg.rdf import atomic_file

        path = Path(path)
        fmt = export_format(path)
        # by graph, then subject: TriG writes one block per graph and equal stores give
        # equal files
        quads = sorted(self._quads(), key=_quad_key)
        with atomic_file(path) as out:
            ox.serialize(quads, out, fmt, prefixes=_prefixes(fmt))
        return path

    def import_file(self, path: str | Path, graph: str | URIRef | None = None) -> ImportReport:
        """Add the statements of an RDF file in one transaction; says what went where.

        A file written by :meth:`export` carries the store's bookkeeping graph: each article
        graph with a content hash there replaces the store's version of that article (graph
        and hash), so importing an export into an empty store gives the exported store, and
        importing it twice changes nothing. Named graphs without a hash are added to as they
        are. Triples outside a named graph (all of a Turtle or N-Triples file) go to
        ``graph`` if given, else to the default graph, where queries see them but they belong
        to no article.
        """
        self._check_writable()
        path = Path(path)
        fmt = rdf_format(path)
        target = ox.NamedNode(str(graph)) if graph is not None else None
        try:
            quads = list(ox.parse(path=path, format=fmt))
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{path}: not valid {fmt.name}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from None
        report = ImportReport(path, fmt.name, len(quads), into_graph=graph and str(graph))
        report.default_triples = sum(1 for q in quads if isinstance(q.graph_name, ox.DefaultGraph))
        if target is not None:
            quads = [
                ox.Quad(q.subject, q.predicate, q.object, target)
                if isinstance(q.graph_name, ox.DefaultGraph)
                else q
                for q in quads
            ]
        meta, hashed = to_ox(META_GRAPH), to_ox(CONTENT_HASH)
        articles = {q.subject for q in quads if q.graph_name == meta and q.predicate == hashed}
        named = {q.graph_name for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
        stored = {to_ox(iri) for iri, _ in self.articles()} if articles else set()
        report.articles = len(articles)
        report.replaced = len(articles & stored)
        report.unhashed_graphs = len(
            named - articles - {meta, target, to_ox(HAPPENINGS_GRAPH), to_ox(ENTITY_LINKS_GRAPH)}
        )
        replace = sorted(
            (URIRef(a.value) for a in articles if isinstance(a, ox.NamedNode)), key=str
        )
        self._import_quads(quads, replace)
        report.stored_articles = len(self.articles())
        return report

    def _import_quads(self, quads: list[ox.Quad], replace: Sequence[URIRef]) -> None:
        """Add ``quads`` in one transaction, first dropping the graph and hash of each
        article in ``replace``."""
        if not replace:
            self._add_quads(quads)
            return
        meta, predicate = sparql_term(META_GRAPH), sparql_term(CONTENT_HASH)
        drops = "".join(
            f"DROP SILENT GRAPH {sparql_term(a)} ;\n"
            f"DELETE WHERE {{ GRAPH {meta} {{ {sparql_term(a)} {predicate} ?h }} }} ;\n"
            for a in replace
        )
        self._update(drops + insert_data(quads))

    # -- helpers -------------------------------------------------------------------------
    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(
                f"{self.location}: store is read-only (a file view or opened read_only=True); "
                "open a directory or endpoint to write"
            )

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<{type(self).__name__} {self.location} {mode}>"


def _rows(result: Result) -> list[tuple[Any, ...]]:
    """The rows of a SELECT result as plain tuples."""
    return [tuple(row) for row in result]  # type: ignore[arg-type]


def _term(term: Node, article: URIRef) -> str:
    try:
        return sparql_term(term)
    except QueryError as exc:
        raise StoreError(f"article {article}: cannot store triple term: {exc}") from None


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)


def insert_data(quads: Iterable[ox.Quad]) -> str:
    """A SPARQL ``INSERT DATA`` request adding ``quads`` (pyoxigraph terms, already valid).

    >>> q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("x"),
    ...             ox.NamedNode("http://e/g"))
    >>> print(insert_data([q]))
    INSERT DATA {
    GRAPH <http://e/g> {
    <http://e/s> <http://e/p> "x" .
    }
    }
    """
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        key = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        by_graph.setdefault(key, []).append(f"{q.subject} {q.predicate} {q.object} .")
    blocks = [
        ("\n".join(lines) if not name else f"GRAPH {name} {{\n" + "\n".join(lines) + "\n}")
        for name, lines in by_graph.items()
    ]
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"


def _prefixes(fmt: ox.RdfFormat) -> dict[str, str] | None:
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML):
        return dict(PREFIXES)
    return None


def result_from_ox(result: Any) -> Result:
    """An rdflib Result from a pyoxigraph query answer."""
    # Answers repeat their terms (predicates, articles, dates, labels): each distinct term
    # is converted once (a 45k-row answer: 0.25 s to convert instead of 0.9 s).
    term = cache(from_ox)

    if isinstance(result, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(result)
        return out
    if isinstance(result, ox.QuerySolutions):
        out = Result("SELECT")
        names = [Variable(v.value) for v in result.variables]
        out.vars = names
        out.bindings = [
            {
                name: term(value)  # type: ignore[misc]
                for name, value in zip(names, solution, strict=True)
                if value is not None
            }
            for solution in result
        ]
        return out
    out = Result("CONSTRUCT")
    graph = Graph()
    for triple in result:
        graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
    out.graph = graph
    return out
