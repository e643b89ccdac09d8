"""The embedded store: Oxigraph in this process, in memory, in a directory, or a file view.

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDFS
>>> g = Graph()
>>> _ = g.add((URIRef("http://example.org/e"), RDFS.label, Literal("Belarus")))
>>> with EmbeddedStore.memory() as store:
...     store.put_article("http://example.org/article/a1", g, "sha1")
...     [str(r.l) for r in store.query("SELECT ?l WHERE { ?e ?label ?l }", {"label": RDFS.label})]
['Belarus']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.store._base import (
    CONTENT_HASH,
    META_GRAPH,
    GraphStore,
    rdf_format,
    result_from_ox,
)
from kg.store._sparql import QUERY_PREFIXES, check_text, parse_error_position, syntax_error
from kg.store._terms import TermCache, checked_ox, inject_values, sparql_term

__all__ = ["EmbeddedStore"]


#: Triples written to an on-disk store between flushes. RocksDB keeps writes in memory
#: tables until they fill, which made a build's memory grow with the store (measured: about
#: 2 MB per ECB+ article, 1 GB after 300); flushing every ~50k triples keeps it flat.
FLUSH_EVERY = 50_000

#: Distinct terms kept in the N-Quads text cache between articles (about 100 bytes each).
TERM_CACHE_SIZE = 100_000

#: The files RocksDB writes while it creates a store, before ``CURRENT`` names the store's
#: manifest (the last step: until then, no write can have been committed).
_ROCKSDB_FILE = re.compile(
    r"LOG(\.old\.\d+)?|LOCK|IDENTITY|MANIFEST-\d+|OPTIONS-\d+(\.dbtmp)?|\d+\.(log|sst|dbtmp)"
)

_CONTENT_HASH = ox.NamedNode(str(CONTENT_HASH))
_META = ox.NamedNode(str(META_GRAPH))


class EmbeddedStore(GraphStore):
    """A pyoxigraph ``Store`` with the :class:`GraphStore` API."""

    def __init__(self, store: ox.Store, location: str, *, read_only: bool = False) -> None:
        self._store: ox.Store | None = store
        self._dataset: Dataset | None = None
        self.location = location
        self.read_only = read_only
        self._on_disk = False
        self._unflushed = 0
        self._term_cache: TermCache | None = None

    def _terms(self) -> TermCache:
        # One cache across articles: vocabulary terms and shared entities recur in every
        # article; capped so a long build's memory stays flat.
        if self._term_cache is None or len(self._term_cache) > TERM_CACHE_SIZE:
            self._term_cache = TermCache()
        return self._term_cache

    def _put(self, name: URIRef, statements: Sequence[str], content_hash: str) -> None:
        """Write an article graph and its hash in one transaction.

        A new article (no graph, no hash yet) goes in as one N-Quads ``load``, graph and hash
        in one transaction: 2-3 times faster than a SPARQL ``INSERT DATA`` of the same
        triples, whose parser is slower. Replacing an article takes the one-update path of
        :class:`GraphStore` (drop, swap hash, insert). Either way the parser checks every
        statement, and one that is not valid RDF fails the whole write before anything is
        stored.
        """
        store = self.inner
        try:
            g = sparql_term(name)
        except QueryError as exc:
            raise StoreError(f"article {name}: not a valid graph name: {exc}") from None
        graph = ox.NamedNode(str(name))
        if store.contains_named_graph(graph) or any(
            True for _ in store.quads_for_pattern(graph, _CONTENT_HASH, None, _META)
        ):
            super()._put(name, statements, content_hash)
        else:
            end = f" {g} .\n"
            quads = end.join(statements) + end if statements else ""
            quads += f"{g} {_CONTENT_HASH} {ox.Literal(content_hash)} {_META} .\n"
            try:
                # lenient: the parser still checks the syntax, but not IRI and language-tag
                # details, which every statement's maker has checked (pyoxigraph terms for
                # rdflib triples, pyoxigraph itself for an ArticleGraph): ~1/3 of the load
                store.load(quads.encode(), format=ox.RdfFormat.N_QUADS, lenient=True)
            except (SyntaxError, UnicodeEncodeError) as exc:
                raise StoreError(f"article {name}: cannot store: {exc}") from None
            except OSError as exc:
                raise StoreError(f"{self.location}: write failed: {exc}") from None
        if self._on_disk:
            self._unflushed += len(statements)
            if self._unflushed >= FLUSH_EVERY:
                store.flush()
                self._unflushed = 0

    @classmethod
    def memory(cls) -> EmbeddedStore:
        """A new empty in-memory store."""
        return cls(ox.Store(), ":memory:")

    @classmethod
    def directory(
        cls, path: str | Path, *, create: bool = True, read_only: bool = False
    ) -> EmbeddedStore:
        """The on-disk store in directory ``path`` (created if missing and ``create``)."""
        path = Path(path)
        if not path.exists() and (read_only or not create):
            raise StoreError(f"{path}: no store directory here (run `kg build` to create one)")
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: not a directory; a store location must be a directory")
        if path.is_dir() and not (path / "CURRENT").exists() and not _unborn_store(path):
            # RocksDB would scatter its files among the user's: refuse a foreign directory.
            raise StoreError(
                f"{path}: directory holds files but no Oxigraph store; use a new or empty one"
            )
        if read_only and not (path / "CURRENT").exists():
            # empty, or a creation cut short: a store holding nothing, which read-only
            # RocksDB cannot open
            return cls(ox.Store(), str(path), read_only=True)
        try:
            if not read_only:
                path.parent.mkdir(parents=True, exist_ok=True)  # RocksDB makes one level only
            inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            # RocksDB holds a lock: a second writer in another process lands here.
            raise StoreError(f"{path}: cannot open the store: {exc}") from None
        store = cls(inner, str(path), read_only=read_only)
        store._on_disk = True
        return store

    @classmethod
    def from_file(cls, path: str | Path) -> EmbeddedStore:
        """A read-only in-memory view of an RDF file (TriG, N-Quads, Turtle, JSON-LD, ...)."""
        path = Path(path)
        fmt = rdf_format(path)
        inner = ox.Store()
        try:
            inner.load(path=str(path), format=fmt)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{path}: not valid {fmt.name}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from None
        return cls(inner, str(path), read_only=True)

    @property
    def inner(self) -> ox.Store:
        """The pyoxigraph store itself."""
        if self._store is None:
            raise StoreError(f"{self.location}: store is closed")
        return self._store

    def _query(self, sparql: str, bindings: dict[str, Node]) -> Result:
        store = self.inner
        substitutions: dict[ox.Variable, Any] = {
            ox.Variable(k): checked_ox(v) for k, v in bindings.items()
        }
        try:
            try:
                answer = store.query(
                    sparql,
                    use_default_graph_as_union=True,
                    substitutions=substitutions or None,
                    prefixes=QUERY_PREFIXES,
                )
            except RuntimeError as exc:
                # pyoxigraph substitutes only projected variables of a SELECT; others are
                # bound by a VALUES block at the top of the WHERE group (same effect there).
                if "projection" not in str(exc):
                    raise
                answer = store.query(
                    inject_values(sparql, bindings),
                    use_default_graph_as_union=True,
                    prefixes=QUERY_PREFIXES,
                )
            return result_from_ox(answer)
        except SyntaxError as exc:
            raise _syntax_error(sparql, exc, "query") from None
        except OSError as exc:
            raise StoreError(f"{self.location}: query failed: {exc}") from None
        except RuntimeError as exc:
            raise QueryError(f"query failed: {exc}") from None

    def select_values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """:meth:`GraphStore.select_values` read from pyoxigraph's terms directly."""
        try:
            answer = self.inner.query(
                check_text(sparql, "query"),
                use_default_graph_as_union=True,
                prefixes=QUERY_PREFIXES,
            )
            if not isinstance(answer, ox.QuerySolutions):
                raise QueryError("select_values runs SELECT queries only")
            return [tuple(None if t is None else t.value for t in row) for row in answer]
        except SyntaxError as exc:
            raise _syntax_error(sparql, exc, "query") from None
        except OSError as exc:
            raise StoreError(f"{self.location}: query failed: {exc}") from None
        except RuntimeError as exc:
            raise QueryError(f"query failed: {exc}") from None

    def _update(self, sparql: str) -> None:
        try:
            self.inner.update(sparql, prefixes=QUERY_PREFIXES)
        except SyntaxError as exc:
            raise _syntax_error(sparql, exc, "update") from None
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{self.location}: update failed: {exc}") from None

    def _quads(self) -> Iterator[ox.Quad]:
        return iter(self.inner.quads_for_pattern(None, None, None, None))

    def _import_quads(self, quads: list[ox.Quad], replace: Sequence[URIRef]) -> None:
        # Only articles the store holds need replacing; into a store holding none of them
        # (a restore into a new store) the quads go in as one fast transactional extend.
        store = self.inner
        held = [
            a
            for a in replace
            if store.contains_named_graph(ox.NamedNode(str(a)))
            or any(
                True
                for _ in store.quads_for_pattern(ox.NamedNode(str(a)), _CONTENT_HASH, None, _META)
            )
        ]
        super()._import_quads(quads, held)

    def _add_quads(self, quads: list[ox.Quad]) -> None:
        try:
            self.inner.extend(quads)  # transactional: all or nothing
        except OSError as exc:
            raise StoreError(f"{self.location}: write failed: {exc}") from None

    @property
    def dataset(self) -> Dataset:
        """An rdflib Dataset backed by this very store (union default graph), via oxrdflib."""
        if self._dataset is None:
            from oxrdflib import OxigraphStore

            self._dataset = Dataset(store=OxigraphStore(store=self.inner), default_union=True)
        return self._dataset

    def close(self) -> None:
        """Flush (on disk) and drop the store, which releases the directory lock."""
        if self._store is None:
            return
        if self._on_disk and not self.read_only:
            self._store.flush()
        self._dataset = None
        self._store = None


def _syntax_error(sparql: str, exc: SyntaxError, what: str) -> QueryError:
    """The readable one-line error for Oxigraph's parse error of ``sparql``."""
    position = parse_error_position(str(exc))
    if position is None:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid"
        return QueryError(f"SPARQL {what} syntax error: {first}")
    return syntax_error(sparql, *position, what=what)


def _unborn_store(path: Path) -> bool:
    """True if the directory ``path`` (without ``CURRENT``) is empty or holds only the files of
    a store whose creation was interrupted (a build killed as it opened its store): it holds
    no data, and opening it creates the store afresh.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _unborn_store(folder)
    True
    >>> for name in ("LOG", "LOCK", "000000.dbtmp"):
    ...     _ = (folder / name).write_bytes(b"")
    >>> _unborn_store(folder)
    True
    >>> _ = (folder / "notes.txt").write_text("mine")
    >>> _unborn_store(folder)
    False
    """
    return all(
        entry.is_file() and _ROCKSDB_FILE.fullmatch(entry.name) for entry in path.iterdir()
    )
