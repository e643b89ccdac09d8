"""Publish a graph store as a SPARQL 1.1 Protocol endpoint, with a small offline query page.

Routes: ``GET/POST /sparql`` (alias ``/query``) answers queries given as the ``query``
parameter, a form field or an ``application/sparql-query`` body; ``POST /update`` runs
updates only when the server was made with ``allow_update=True`` (403 otherwise); ``GET /``
is an HTML page with a textarea, the shipped named queries and a results table. The page
loads nothing from the network and escapes everything it shows.

Results follow the ``Accept`` header (or ``?format=json|xml|csv|turtle|nt|jsonld``):
SELECT/ASK as SPARQL JSON (default), XML or CSV; CONSTRUCT/DESCRIBE as Turtle (default),
N-Triples, JSON-LD or RDF/XML.

The server binds 127.0.0.1 unless told otherwise: it has no authentication.
"""

from __future__ import annotations

import html
import logging
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from rdflib.query import Result

from kg.errors import KgError, QueryError, StoreError
from kg.store._base import GraphStore

__all__ = ["make_server", "serve", "SparqlServer"]

log = logging.getLogger(__name__)

MAX_BODY = 16 * 1024 * 1024  # bytes; larger requests get 413

# (media type, rdflib result serializer) for SELECT/ASK answers, preferred first.
_RESULT_TYPES = [
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/csv", "csv"),
]
# (media type, rdflib graph serializer) for CONSTRUCT/DESCRIBE answers, preferred first.
_GRAPH_TYPES = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
    ("text/plain", "nt"),
]
_FORMAT_PARAM = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


class SparqlServer(ThreadingHTTPServer):
    """A threading HTTP server holding the store it publishes."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        store: GraphStore,
        *,
        allow_update: bool = False,
        owns_store: bool = False,
    ) -> None:
        self.store = store
        self.allow_update = allow_update
        self.owns_store = owns_store
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        """Base URL of the server, e.g. ``http://127.0.0.1:7878``."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def server_close(self) -> None:
        super().server_close()
        if self.owns_store:
            self.store.close()


def make_server(
    store: GraphStore | str | Path | None,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    allow_update: bool = False,
) -> SparqlServer:
    """A ready (not yet serving) SPARQL server; call ``serve_forever()``, e.g. in a thread.

    ``store`` is an open :class:`GraphStore` or a location for :func:`kg.store.open_store`
    (then the server owns the store and closes it in ``server_close()``). Port 0 picks a
    free port: read it back from ``server.url``.

    >>> server = make_server(None, port=0)
    >>> server.url.startswith("http://127.0.0.1:")
    True
    >>> server.server_close()
    """
    owns = not isinstance(store, GraphStore)
    if isinstance(store, GraphStore):
        opened = store
    else:
        from kg.store._open import open_store

        opened = open_store(store, read_only=not allow_update)
    if allow_update and host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("SPARQL updates are allowed on %s without authentication", host)
    return SparqlServer((host, port), opened, allow_update=allow_update, owns_store=owns)


def serve(
    store_location: GraphStore | str | Path | None,
    host: str = "127.0.0.1",
    port: int = 7878,
    allow_update: bool = False,
) -> None:
    """Serve the store until interrupted (Ctrl-C)."""
    server = make_server(store_location, host, port, allow_update=allow_update)
    log.info("SPARQL endpoint at %s/sparql (query page at %s/)", server.url, server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql/0.1"

    # -- routing ------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query)
        if url.path in ("/", "/index.html"):
            self._page(params)
        elif url.path in ("/sparql", "/query"):
            if "query" not in params:
                self._error(HTTPStatus.BAD_REQUEST, "give the SPARQL query as ?query=...")
            else:
                self._answer(params["query"][0], params)
        elif url.path == "/update":
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, "updates must be POSTed")
        else:
            self._error(HTTPStatus.NOT_FOUND, f"no such page: {url.path}; try / or /sparql")

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()  # _send leaves the body out for HEAD

    def do_POST(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query)
        body = self._body()
        if body is None:
            return
        kind = self.headers.get_content_type()
        form: dict[str, list[str]] = {}
        if kind == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        merged = {**params, **form}
        if url.path in ("/sparql", "/query"):
            if kind == "application/sparql-query":
                self._answer(body.decode("utf-8", "replace"), merged)
            elif "query" in form:
                self._answer(form["query"][0], merged)
            elif "update" in form:
                self._update(form["update"][0])
            else:
                self._error(HTTPStatus.BAD_REQUEST, "POST a query form field or sparql-query body")
        elif url.path == "/update":
            if kind == "application/sparql-update":
                self._update(body.decode("utf-8", "replace"))
            elif "update" in form:
                self._update(form["update"][0])
            else:
                self._error(HTTPStatus.BAD_REQUEST, "POST an update form field or sparql-update")
        else:
            self._error(HTTPStatus.NOT_FOUND, f"no such endpoint: {url.path}")

    # -- SPARQL -------------------------------------------------------------------------
    def _answer(self, query: str, params: dict[str, list[str]]) -> None:
        try:
            result = self.server.store.query(query)
        except QueryError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
            return
        except KgError as exc:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
            return
        forced = _FORMAT_PARAM.get((params.get("format") or [""])[0].lower())
        accept = forced or self.headers.get("Accept") or "*/*"
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            chosen = _negotiate(accept, _GRAPH_TYPES)
            if chosen is None:
                self._error(HTTPStatus.NOT_ACCEPTABLE, _offer(_GRAPH_TYPES))
                return
            media, fmt = chosen
            assert result.graph is not None
            data = result.graph.serialize(format=fmt, encoding="utf-8")
        else:
            types = _RESULT_TYPES if result.type == "SELECT" else _RESULT_TYPES[:4]
            chosen = _negotiate(accept, types)
            if chosen is None:
                self._error(HTTPStatus.NOT_ACCEPTABLE, _offer(types))
                return
            media, fmt = chosen
            data = _serialize_result(result, fmt)
        self._send(HTTPStatus.OK, data, f"{media}; charset=utf-8")

    def _update(self, update: str) -> None:
        if not self.server.allow_update:
            self._error(HTTPStatus.FORBIDDEN, "updates are disabled (start with allow_update)")
            return
        try:
            self.server.store.update(update)
        except QueryError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
            return
        except StoreError as exc:
            status = HTTPStatus.FORBIDDEN if self.server.store.read_only else 500
            self._error(HTTPStatus(status), str(exc))
            return
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain")

    # -- HTML page ----------------------------------------------------------------------
    def _page(self, params: dict[str, list[str]]) -> None:
        from kg.store._named import named_queries, run_named_query

        queries = named_queries()
        query = (params.get("query") or [""])[0]
        named = (params.get("named") or [""])[0]
        output = named_form = ""
        if named in queries:
            # A named query: a field per parameter; values are bound as literals, never pasted.
            nq = queries[named]
            query = nq.sparql
            values = {p.name: params[p.name][0] for p in nq.params if p.name in params}
            named_form = _named_form(nq, values)
            if all(p.name in values for p in nq.params if p.default is None):  # optional: default
                try:
                    output = _html_result(run_named_query(self.server.store, named, **values))
                except KgError as exc:
                    output = f'<p class="error">{html.escape(str(exc))}</p>'
        elif query:
            try:
                output = _html_result(self.server.store.query(query))
            except KgError as exc:
                output = f'<p class="error">{html.escape(str(exc))}</p>'
        links = "".join(
            f'<li><a href="/?named={urllib.parse.quote(name)}">{html.escape(name)}</a>: '
            f"{html.escape(q.description)}</li>"
            for name, q in queries.items()
        )
        page = _PAGE.format(
            query=html.escape(query or "SELECT * WHERE { ?s ?p ?o } LIMIT 25"),
            named=named_form,
            output=output,
            links=links,
            store=html.escape(self.server.store.location),
        )
        self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8")

    # -- plumbing -----------------------------------------------------------------------
    def _body(self) -> bytes | None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"body over {MAX_BODY} bytes")
            return None
        return self.rfile.read(length)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if content_type.startswith("text/html"):
            # The page needs nothing from elsewhere; say so to the browser.
            self.send_header(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
            )
        self.end_headers()
        if data and self.command != "HEAD":
            self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("%s " + format, self.address_string(), *args)


def _negotiate(accept: str, offers: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The offer the Accept header likes best (ties go to our order); None if none."""
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        pieces = [p.strip() for p in part.split(";")]
        q = 1.0
        for piece in pieces[1:]:
            if piece.startswith("q="):
                try:
                    q = float(piece[2:])
                except ValueError:
                    q = 0.0
        if pieces[0]:
            ranges.append((pieces[0].lower(), q))
    best: tuple[float, int, tuple[str, str]] | None = None
    for order, offer in enumerate(offers):
        media = offer[0]
        for pattern, q in ranges:
            major = media.split("/")[0] + "/*"
            if q > 0 and pattern in (media, major, "*/*"):
                # Exact media ranges outrank wildcards at equal q.
                score = q + (0.001 if pattern == media else 0.0)
                if best is None or score > best[0] or (score == best[0] and order < best[1]):
                    best = (score, order, offer)
    return best[2] if best else None


def _offer(offers: list[tuple[str, str]]) -> str:
    return "acceptable types: " + ", ".join(dict.fromkeys(m for m, _ in offers))


def _serialize_result(result: Result, fmt: str) -> bytes:
    data = result.serialize(format=fmt, encoding="utf-8")
    return data if isinstance(data, bytes) else str(data).encode("utf-8")


def _named_form(query: Any, values: dict[str, str]) -> str:
    esc = html.escape
    fields = "".join(
        f'<label>{esc(p.name)} <input name="{esc(p.name)}" value="{esc(values.get(p.name, ""))}"'
        f' title="{esc(p.doc)}"></label> '
        for p in query.params
    )
    return (
        f'<form method="get" action="/"><b>{esc(query.name)}</b>: {esc(query.description)}<br>'
        f'<input type="hidden" name="named" value="{esc(query.name)}">{fields}'
        '<button type="submit">Run named query</button></form>'
    )


def _html_result(result: Result) -> str:
    esc = html.escape
    if result.type == "ASK":
        return f"<p>ASK: <b>{'yes' if result.askAnswer else 'no'}</b></p>"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        header = ["subject", "predicate", "object"]
        assert result.graph is not None
        rows = [[s, p, o] for s, p, o in result.graph]
    else:
        header = [str(v) for v in result.vars or []]
        rows = [[row[i] for i in range(len(header))] for row in result]  # type: ignore[index]
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc('' if v is None else str(v))}</td>" for v in r) + "</tr>"
        for r in rows
    )
    return f"<p>{len(rows)} rows</p><table><tr>{head}</tr>{body}</table>"


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; }}
textarea {{ width: 100%; height: 12em; font-family: monospace; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
td, th {{ border: 1px solid #999; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }}
.error {{ color: #a00; white-space: pre-wrap; }}
</style></head>
<body>
<h1>kg SPARQL</h1>
<p>Store: <code>{store}</code>. Endpoint: <code>/sparql</code>.</p>
{named}
<form method="get" action="/">
<textarea name="query">{query}</textarea><br>
<button type="submit">Run</button>
</form>
{output}
<h2>Named queries</h2>
<ul>{links}</ul>
</body></html>
"""
