"""Answering one SPARQL request against a store, within the result limits.

What a query worker process (or a thread, for an open store object) runs for each job
(:func:`perform`), and the pieces the HTTP handler shares with it: the limits
(:class:`ServeLimits`), the answers (:class:`Answer`), the refusals, which name each setting
as the user sets it (:class:`_Messages`), content negotiation and the query page's HTML
tables. :mod:`kg.store._serve` has the whole picture.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import NamedTuple

from rdflib.query import Result

from kg.errors import KgError, QueryError, StoreError
from kg.store._base import GraphStore

#: Rows the HTML page shows of an answer (the endpoint itself returns them all).
PAGE_ROWS = 1000

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


@dataclass(frozen=True)
class ServeLimits:
    """How long one query may run, how much it may return, how many run and wait at once.

    >>> ServeLimits(timeout=5).max_concurrent
    4
    >>> ServeLimits(max_concurrent=0)
    Traceback (most recent call last):
    ...
    ValueError: ServeLimits.max_concurrent must be at least 1, not 0
    """

    timeout: float = 30.0  # seconds a query may run, and may wait for its turn
    max_concurrent: int = 4  # queries running at once (worker processes)
    max_queue: int = 64  # requests waiting for their turn; more are answered 503 at once
    max_rows: int = 100_000  # rows (SELECT) or triples (CONSTRUCT) of one answer
    max_bytes: int = 256 * 1024 * 1024  # one answer, serialized
    max_memory_mb: int = 1024  # one query worker's resident memory (Linux)
    cache_mb: int = 64  # answers kept for repeated queries (read-only store location only)

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError(f"ServeLimits.timeout must be positive, not {self.timeout}")
        for name in ("max_concurrent", "max_rows", "max_bytes", "max_memory_mb"):
            if getattr(self, name) < 1:
                value = getattr(self, name)
                raise ValueError(f"ServeLimits.{name} must be at least 1, not {value}")
        for name in ("max_queue", "cache_mb"):
            if getattr(self, name) < 0:
                value = getattr(self, name)
                raise ValueError(f"ServeLimits.{name} must be 0 or more, not {value}")


#: How the server's messages tell a library user to change a setting; ``kg serve`` passes
#: its own flags instead (``{"allow_update": "--allow-update", ...}``).
LIBRARY_OPTIONS: Mapping[str, str] = {
    "allow_update": "allow_update=True",
    "port": "port=N",
    "timeout": "ServeLimits(timeout=SECONDS)",
    "max_concurrent": "ServeLimits(max_concurrent=N)",
    "max_rows": "ServeLimits(max_rows=N)",
}


class Answer(NamedTuple):
    """An HTTP answer: status, content type, body and any extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


class _Job(NamedTuple):
    """What a query worker is asked to do: ``query`` (answer per ``accept``), ``page`` (an
    HTML table for the query page) or ``update``."""

    kind: str
    text: str
    accept: str = "*/*"


def _text(status: int, message: str, *headers: tuple[str, str]) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)


class _Messages:
    """The server's refusals, naming the settings as the user sets them (flags or keywords)."""

    def __init__(self, limits: ServeLimits, options: Mapping[str, str]) -> None:
        self.limits = limits
        self.options = {**LIBRARY_OPTIONS, **options}

    def timeout(self) -> Answer:
        return _text(
            HTTPStatus.SERVICE_UNAVAILABLE,
            f"query stopped: it ran past this server's time limit of {self.limits.timeout:g} s; "
            "narrow it (join its patterns on shared variables, add LIMIT) or restart the "
            f"server with a longer {self.options['timeout']}",
        )

    def busy(self, running: int, waiting: int, can_grow: bool = True) -> Answer:
        more = f", or restart the server with a higher {self.options['max_concurrent']}"
        return _text(
            HTTPStatus.SERVICE_UNAVAILABLE,
            f"server busy: {running} queries running and {waiting} waiting, its limit; retry "
            f"in a moment{more if can_grow else ''}",
            ("Retry-After", "1"),
        )

    def waited(self) -> Answer:
        return _text(
            HTTPStatus.SERVICE_UNAVAILABLE,
            f"server busy: no query finished within {self.limits.timeout:g} s to make room for "
            "this one; retry in a moment",
            ("Retry-After", "1"),
        )

    def too_many_rows(self, rows: int) -> Answer:
        return _text(
            HTTPStatus.INSUFFICIENT_STORAGE,
            f"answer too large: {rows} rows, more than this server's limit of "
            f"{self.limits.max_rows}; add LIMIT (and OFFSET to page through it) or restart "
            f"the server with a higher {self.options['max_rows']}",
        )

    def too_many_bytes(self, size: int) -> Answer:
        return _text(
            HTTPStatus.INSUFFICIENT_STORAGE,
            f"answer too large: {size // 1024 // 1024} MB written, more than this server's "
            f"limit of {self.limits.max_bytes // 1024 // 1024} MB; add LIMIT or select fewer "
            "variables",
        )

    def memory(self) -> Answer:
        return _text(
            HTTPStatus.INSUFFICIENT_STORAGE,
            f"query stopped: it needed more than {self.limits.max_memory_mb} MB of memory, "
            "this server's limit for one query; narrow it or add LIMIT",
        )

    def crashed(self, code: int | None) -> Answer:
        return _text(
            HTTPStatus.INTERNAL_SERVER_ERROR,
            f"query failed: its worker process stopped (exit code {code}); it is being replaced",
        )

    def update_refused(self) -> Answer:
        return _text(
            HTTPStatus.FORBIDDEN,
            "updates are disabled on this endpoint (it serves the store read-only); restart "
            f"the server with {self.options['allow_update']} to allow them",
        )


# -- answering, in a query worker or a thread ---------------------------------------------
def perform(store: GraphStore, job: _Job, messages: _Messages) -> Answer:
    """Run one job on ``store`` within the result limits; never raises for a bad query."""
    if job.kind == "update":
        return _answer_update(store, job.text)
    if job.kind == "page":
        return Answer(200, "text/html; charset=utf-8", _page_output(store, job.text, messages))
    return _answer_query(store, job.text, job.accept, messages)


def _answer_query(store: GraphStore, query: str, accept: str, messages: _Messages) -> Answer:
    try:
        result = store.query(query)
    except QueryError as exc:
        return _text(HTTPStatus.BAD_REQUEST, str(exc))
    except KgError as exc:
        return _text(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
    if result.type != "ASK" and len(result) > messages.limits.max_rows:
        return messages.too_many_rows(len(result))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        chosen = _negotiate(accept, _GRAPH_TYPES)
        if chosen is None:
            return _text(HTTPStatus.NOT_ACCEPTABLE, _offer(_GRAPH_TYPES))
        media, fmt = chosen
        assert result.graph is not None
        data = result.graph.serialize(format=fmt, encoding="utf-8")
    else:
        types = _RESULT_TYPES if result.type == "SELECT" else _RESULT_TYPES[:4]
        chosen = _negotiate(accept, types)
        if chosen is None:
            return _text(HTTPStatus.NOT_ACCEPTABLE, _offer(types))
        media, fmt = chosen
        data = _serialize_result(result, fmt)
    if len(data) > messages.limits.max_bytes:
        return messages.too_many_bytes(len(data))
    return Answer(HTTPStatus.OK, f"{media}; charset=utf-8", data)


def _answer_update(store: GraphStore, update: str) -> Answer:
    try:
        store.update(update)
    except QueryError as exc:
        return _text(HTTPStatus.BAD_REQUEST, str(exc))
    except StoreError as exc:
        status = HTTPStatus.FORBIDDEN if store.read_only else HTTPStatus.INTERNAL_SERVER_ERROR
        return _text(status, str(exc))
    return Answer(HTTPStatus.NO_CONTENT, "text/plain", b"")


def _page_output(store: GraphStore, query: str, messages: _Messages) -> bytes:
    """The HTML fragment the query page shows for ``query``: a table or an error."""
    try:
        result = store.query(query)
    except KgError as exc:
        return _html_error(str(exc))
    if result.type != "ASK" and len(result) > messages.limits.max_rows:
        return _html_error(messages.too_many_rows(len(result)).body.decode("utf-8"))
    return _html_result(result).encode("utf-8")


def _html_error(message: str) -> bytes:
    return f'<p class="error">{html.escape(message.strip())}</p>'.encode()


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
        for r in rows[:PAGE_ROWS]
    )
    shown = f", the first {PAGE_ROWS} shown" if len(rows) > PAGE_ROWS else ""
    return f"<p>{len(rows)} rows{shown}</p><table><tr>{head}</tr>{body}</table>"
