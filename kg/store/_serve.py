"""Publish a graph store as a SPARQL 1.1 Protocol endpoint, with a small offline query page.

Routes: ``GET/POST /sparql`` (alias ``/query``) answers queries given as the ``query``
parameter, a form field or an ``application/sparql-query`` body; ``POST /update`` runs
updates only when the server was made with ``allow_update=True`` (403 otherwise); ``GET /``
is an HTML page with a textarea, the shipped named queries and a results table. The page
loads nothing from the network and escapes everything it shows.

Results follow the ``Accept`` header (or ``?format=json|xml|csv|turtle|nt|jsonld``):
SELECT/ASK as SPARQL JSON (default), XML or CSV; CONSTRUCT/DESCRIBE as Turtle (default),
N-Triples, JSON-LD or RDF/XML.

**Limits** (:class:`ServeLimits`): at most ``max_concurrent`` queries run at once and at
most ``max_queue`` more wait for their turn (first come, first served); a request beyond
that, or one that waits longer than ``timeout``, gets ``503`` with a ``Retry-After`` at once,
never a dropped connection. A query that runs past ``timeout`` seconds is stopped and
answered ``503`` with a message saying so; an answer of more than ``max_rows`` rows (or
triples), or more than ``max_bytes`` once written, is refused with ``507`` and a message.

How a query is stopped depends on what the server publishes. A store *location* served
read-only (what ``kg serve --store DIR`` does) is queried by ``max_concurrent`` worker
processes, each holding the on-disk store open read-only (``pyoxigraph.Store.read_only``):
Oxigraph cannot cancel a running query, so a worker past its time limit, or past
``max_memory_mb`` of memory (Linux), is killed and replaced, and the memory it held goes
back to the system; a query running longer than ``SLOW_S`` has its worker's CPU priority
lowered, so that short queries go first. Such a server also keeps the answers to repeated
queries (``cache_mb``; the store is read-only, so they stay right) and answers identical
requests that arrive together with one run.

A store directory served with ``allow_update=True`` is held by one worker process, which
answers queries and updates one at a time (a store has one writer), with the same limits
and no cache: an update stopped at its time limit is rolled back whole, as it runs in one
transaction. An open :class:`GraphStore` object (an in-memory store, a remote one) is
queried on threads of this process, with no cache: a query past its time limit is answered
``503`` at once but runs on in the background until it ends, and keeps its place among the
``max_concurrent`` meanwhile, so such queries cannot pile up.

The server binds 127.0.0.1 unless told otherwise: it has no authentication.
"""

from __future__ import annotations

import contextlib
import html
import logging
import signal
import threading
import urllib.parse
from collections.abc import Callable, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.store._answer import (
    _FORMAT_PARAM,
    LIBRARY_OPTIONS,
    Answer,
    ServeLimits,
    _html_error,
    _Job,
    _Messages,
    _text,
)
from kg.store._base import GraphStore
from kg.store._pool import _AnswerCache, _Pool, _ProcessPool, _ThreadPool

__all__ = ["make_server", "serve", "SparqlServer", "ServeLimits", "LIBRARY_OPTIONS"]

log = logging.getLogger(__name__)

MAX_BODY = 16 * 1024 * 1024  # bytes; larger requests get 413


# -- the HTTP server ----------------------------------------------------------------------
class SparqlServer(ThreadingHTTPServer):
    """A threading HTTP server holding the store it publishes and the pool that queries it."""

    daemon_threads = True
    request_queue_size = 128  # connections the OS holds before accept(): a burst waits

    def __init__(
        self,
        address: tuple[str, int],
        store: GraphStore | None,
        *,
        allow_update: bool = False,
        owns_store: bool = False,
        limits: ServeLimits | None = None,
        options: Mapping[str, str] | None = None,
    ) -> None:
        #: The store, when this process holds it (None: a worker process holds it).
        self.store = store
        self.location = store.location if store is not None else ""
        self.allow_update = allow_update
        self.owns_store = owns_store
        self.limits = limits or ServeLimits()
        self.messages = _Messages(self.limits, options or {})
        self.pool: _Pool = _ThreadPool(store, self.messages) if store else _Pool(self.messages)
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        """Base URL of the server, e.g. ``http://127.0.0.1:7878``."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()
        if self.owns_store and self.store is not None:
            self.store.close()


def make_server(
    store: GraphStore | str | Path | None,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    allow_update: bool = False,
    limits: ServeLimits | None = None,
    options: Mapping[str, str] | None = None,
) -> SparqlServer:
    """A ready (not yet serving) SPARQL server; call ``serve_forever()``, e.g. in a thread.

    ``store`` is an open :class:`GraphStore` or a location for :func:`kg.store.open_store`
    (then the server owns the store and closes it in ``server_close()``; a directory or RDF
    file served read-only is queried by worker processes, see the module's docs). The store
    is opened before the port is bound, so a missing store is reported first. Port 0 picks a
    free port: read it back from ``server.url``. ``options`` says how the messages name each
    setting (default :data:`LIBRARY_OPTIONS`). Raises :class:`KgError` when the port cannot
    be bound, naming it.

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

        opened = open_store(store, create=store is None, read_only=not allow_update)
    if allow_update and host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("SPARQL updates are allowed on %s without authentication", host)
    try:
        server = SparqlServer(
            (host, port),
            opened,
            allow_update=allow_update,
            owns_store=owns,
            limits=limits,
            options=options,
        )
    except OSError as exc:
        if owns:
            opened.close()
        names = {**LIBRARY_OPTIONS, **(options or {})}
        raise KgError(_bind_problem(host, port, exc, names["port"])) from None
    local = owns and store is not None and not str(store).startswith(("http://", "https://"))
    if local:
        try:
            if opened.read_only:
                server.pool = _ProcessPool(str(store), server.messages)
                if server.limits.cache_mb:
                    server.pool.cache = _AnswerCache(server.limits)
            else:  # the worker becomes the store's one writer: this process lets it go
                opened.close()
                server.store = None
                server.pool = _ProcessPool(str(store), server.messages, writable=True)
        except BaseException:
            server.server_close()
            raise
    return server


def _bind_problem(host: str, port: int, exc: OSError, port_option: str) -> str:
    import errno

    where = f"{host}:{port}"
    if exc.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use (another kg serve?); stop that server "
            f"or choose another port with {port_option}"
        )
    if exc.errno == errno.EACCES:
        return f"{where}: not allowed to listen there; choose a port above 1023 with {port_option}"
    return f"{where}: cannot listen there ({exc.strerror or exc}); check the host and port"


def serve(
    store_location: GraphStore | str | Path | None,
    host: str = "127.0.0.1",
    port: int = 7878,
    allow_update: bool = False,
    *,
    limits: ServeLimits | None = None,
    options: Mapping[str, str] | None = None,
    on_ready: Callable[[SparqlServer], None] | None = None,
) -> None:
    """Serve the store until interrupted (Ctrl-C).

    ``on_ready(server)`` is called once the store is open and the port bound, before the
    first request is taken (``kg serve`` prints its banner there).
    """
    server = make_server(
        store_location, host, port, allow_update=allow_update, limits=limits, options=options
    )
    # SIGTERM (a service manager's stop) shuts down like Ctrl-C: workers stopped, store closed.
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if in_main else None
    try:
        if on_ready is not None:
            on_ready(server)
        log.info("SPARQL endpoint at %s/sparql (query page at %s/)", server.url, server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if in_main:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


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
        forced = _FORMAT_PARAM.get((params.get("format") or [""])[0].lower())
        accept = forced or self.headers.get("Accept") or "*/*"
        self._reply(self.server.pool.run(_Job("query", query, accept)))

    def _update(self, update: str) -> None:
        if not self.server.allow_update:
            self._reply(self.server.messages.update_refused())
            return
        self._reply(self.server.pool.run(_Job("update", update)))

    # -- HTML page ----------------------------------------------------------------------
    def _page(self, params: dict[str, list[str]]) -> None:
        from kg.store._named import bind_named_query, named_queries

        queries = named_queries()
        query = (params.get("query") or [""])[0]
        named = (params.get("named") or [""])[0]
        output = named_form = ""
        run: str | None = None
        if named in queries:
            # A named query: a field per parameter; values are bound as literals, never pasted.
            nq = queries[named]
            query = nq.sparql
            values = {p.name: params[p.name][0] for p in nq.params if p.name in params}
            named_form = _named_form(nq, values)
            if all(p.name in values for p in nq.params if p.default is None):  # optional: default
                try:
                    run = bind_named_query(nq, **values)
                except KgError as exc:
                    output = _html_error(str(exc)).decode("utf-8")
        elif query:
            run = query
        if run is not None:
            answer = self.server.pool.run(_Job("page", run))
            fragment = answer.body if answer.status == 200 else _html_error(answer.body.decode())
            output = fragment.decode("utf-8")
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
            store=html.escape(self.server.location),
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
        self._reply(_text(status, message))

    def _reply(self, answer: Answer) -> None:
        self._send(HTTPStatus(answer.status), answer.body, answer.content_type, answer.headers)

    def _send(
        self,
        status: HTTPStatus,
        data: bytes,
        content_type: str,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in headers:
            self.send_header(name, value)
        if content_type.startswith("text/html"):
            # The page needs nothing from elsewhere; say so to the browser.
            self.send_header(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
            )
        self.end_headers()
        if data and self.command != "HEAD":
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("%s " + format, self.address_string(), *args)


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
