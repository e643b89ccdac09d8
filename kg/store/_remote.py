"""A graph store behind a SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB, ...).

Endpoints. ``RemoteStore.from_url("http://host:7878")`` queries ``.../query`` and updates
``.../update``: the layout of ``oxigraph serve`` and of a Fuseki dataset
(``http://host:3030/ds`` → ``/ds/query``, ``/ds/update``). A URL ending in ``/query`` or
``/sparql`` is taken as the query endpoint, with ``update`` next to it. Anything else: pass
both URLs, ``open_store({"query": q_url, "update": u_url})``; without ``update`` the store is
read-only.

Union default graph. Queries must see every article graph without ``GRAPH`` clauses, which
is a server setting: ``oxigraph serve --union-default-graph``, Fuseki/TDB2
``tdb2:unionDefaultGraph true``. The store's own bookkeeping queries use ``GRAPH`` and work
either way.

Bound parameters are written into the query as a ``VALUES`` block at the top of its WHERE
group, each term serialised by pyoxigraph (validated and escaped), so no value can change
the query's structure. The project's prefixes a query uses without declaring them are
declared on a line in front of it (:func:`kg.store._sparql.declare_prefixes`).
"""

from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.store._base import GraphStore, insert_data
from kg.store._sparql import (
    declare_prefixes,
    parse_error_position,
    syntax_error,
    undeclared_prefix,
)
from kg.store._terms import inject_values, to_ox

__all__ = ["RemoteStore"]

_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.9, text/turtle;q=0.8"
)
_GRAPH_FORMATS = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


class RemoteStore(GraphStore):
    """The :class:`GraphStore` API over the SPARQL 1.1 Query and Update protocols.

    >>> s = RemoteStore.from_url("http://localhost:3030/ds")
    >>> s.query_endpoint, s.update_endpoint
    ('http://localhost:3030/ds/query', 'http://localhost:3030/ds/update')
    """

    def __init__(
        self,
        query_endpoint: str,
        update_endpoint: str | None = None,
        *,
        read_only: bool = False,
        timeout: float = 60.0,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.query_endpoint = query_endpoint
        self.update_endpoint = update_endpoint
        self.location = query_endpoint
        self.read_only = read_only or update_endpoint is None
        self.timeout = timeout
        self.headers = dict(headers or {})
        self._closed = False

    @classmethod
    def from_url(cls, url: str, *, read_only: bool = False) -> RemoteStore:
        """Endpoints from a base URL (``/query`` + ``/update``) or a query endpoint URL."""
        base = url.rstrip("/")
        head, _, last = base.rpartition("/")
        if last in {"query", "sparql"} and "://" in head:
            return cls(base, head + "/update", read_only=read_only)
        return cls(base + "/query", base + "/update", read_only=read_only)

    @classmethod
    def from_mapping(cls, endpoints: Mapping[str, str], *, read_only: bool = False) -> RemoteStore:
        """Explicit endpoints: ``{"query": url, "update": url}`` (``update`` optional)."""
        unknown = set(endpoints) - {"query", "update"}
        if "query" not in endpoints or unknown:
            raise StoreError(
                f"remote store endpoints {dict(endpoints)!r}: give 'query' (and 'update') URLs"
            )
        return cls(endpoints["query"], endpoints.get("update"), read_only=read_only)

    # -- HTTP ---------------------------------------------------------------------------
    def _post(self, url: str, body: bytes, content_type: str, accept: str) -> tuple[str, bytes]:
        if self._closed:
            raise StoreError(f"{self.location}: store is closed")
        headers = {"Content-Type": content_type, "Accept": accept, **self.headers}
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                kind = response.headers.get_content_type()
                return kind, response.read()
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(2000).decode("utf-8", "replace").split())
            if exc.code == 400:
                message = f"{url}: the endpoint rejected the request: {detail}"
                raise _Rejected(message, detail) from None
            raise StoreError(f"{url}: HTTP {exc.code} {exc.reason}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{url}: cannot reach the SPARQL endpoint: {reason}") from None

    def _query(self, sparql: str, bindings: dict[str, Node]) -> Result:
        text = inject_values(sparql, bindings)
        sent, added = declare_prefixes(text)
        body = urllib.parse.urlencode({"query": sent}).encode()
        try:
            kind, data = self._post(
                self.query_endpoint, body, "application/x-www-form-urlencoded", _ACCEPT
            )
        except _Rejected as exc:
            raise _readable(exc, text, added, "query") from None
        return _parse_answer(kind, data, self.query_endpoint)

    def update(self, sparql: str) -> None:
        self._check_writable()
        sent, added = declare_prefixes(sparql)
        try:
            self._update(sent)
        except _Rejected as exc:
            raise _readable(exc, sparql, added, "update") from None

    def _update(self, sparql: str) -> None:
        if self.update_endpoint is None:
            raise StoreError(f"{self.location}: no update endpoint configured")
        self._post(
            self.update_endpoint,
            sparql.encode("utf-8"),
            "application/sparql-update; charset=utf-8",
            "*/*",
        )

    # -- bulk data ----------------------------------------------------------------------
    def _quads(self) -> Iterator[ox.Quad]:
        """Quads of the named graphs (a portable query cannot single out the default graph)."""
        rows = self._query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {})
        for row in rows:
            s, p, o, g = row  # type: ignore[misc]
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))  # type: ignore[arg-type]

    def _add_quads(self, quads: list[ox.Quad]) -> None:
        self._update(insert_data(quads))

    @property
    def dataset(self) -> Dataset:
        """A snapshot of the endpoint's named graphs in an in-memory rdflib Dataset.

        Unlike the embedded store's view, later changes at the endpoint do not show.
        """
        from oxrdflib import OxigraphStore

        inner = ox.Store()
        inner.extend(list(self._quads()))
        return Dataset(store=OxigraphStore(store=inner), default_union=True)

    def close(self) -> None:
        """Forget the endpoint (HTTP connections are not kept open)."""
        self._closed = True


class _Rejected(QueryError):
    """HTTP 400 from the endpoint: the request (a query or update) was not accepted."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message)
        self.detail = detail


def _readable(exc: _Rejected, text: str, added: int, what: str) -> QueryError:
    """The endpoint's refusal of ``text`` (sent with ``added`` prefix lines in front) as the
    same one-line error the embedded store gives, where the endpoint says where it failed
    (Oxigraph server does) or the text uses an undeclared prefix."""
    position = parse_error_position(exc.detail)
    if position is not None:
        line, column, detail = position
        return syntax_error(text, max(line - added, 1), column, detail, what=what)
    if undeclared_prefix(text) is not None:
        return syntax_error(text, 1, 1, "", what=what)  # names the prefix where it is used
    return exc


def _parse_answer(kind: str, data: bytes, url: str) -> Result:
    if kind in ("application/sparql-results+json", "application/json"):
        return _plain_strings(Result.parse(io.BytesIO(data), format="json"))
    if kind in ("application/sparql-results+xml", "application/xml"):
        return _plain_strings(Result.parse(io.BytesIO(data), format="xml"))
    if kind in _GRAPH_FORMATS:
        graph = Graph()
        graph.parse(data=data, format=_GRAPH_FORMATS[kind])
        out = Result("CONSTRUCT")
        out.graph = graph
        return out
    raise StoreError(f"{url}: unexpected answer type {kind!r}")


def _plain_strings(result: Result) -> Result:
    """xsd:string literals as plain literals, as the embedded store returns them."""
    if result.type != "SELECT":
        return result
    result.bindings = [{k: _plain(v) for k, v in row.items()} for row in result.bindings]
    return result


def _plain(term: Any) -> Any:
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term
