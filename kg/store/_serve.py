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
import multiprocessing
import os
import queue
import signal
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NamedTuple

from rdflib.query import Result

from kg.errors import KgError, QueryError, StoreError
from kg.store._base import GraphStore

__all__ = ["make_server", "serve", "SparqlServer", "ServeLimits", "LIBRARY_OPTIONS"]

log = logging.getLogger(__name__)

MAX_BODY = 16 * 1024 * 1024  # bytes; larger requests get 413
#: Rows the HTML page shows of an answer (the endpoint itself returns them all).
PAGE_ROWS = 1000
#: How often a running query's worker is checked against the time and memory limits.
_WATCH_S = 0.05
#: A query running longer than this many seconds has its worker's CPU priority lowered to
#: nice ``SLOW_NICE``, so that short queries run first on a busy machine.
SLOW_S = 1.0
SLOW_NICE = 10

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


# -- running jobs within the limits -------------------------------------------------------
class _Flight:
    """A query being answered, for the identical requests that arrive meanwhile."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.answer: Answer | None = None


class _AnswerCache:
    """Answers to repeated queries, least recently used out first, at most ``cache_mb``.

    Only for a store no one writes while it is served (a location opened read-only): an
    answer then stays right. Identical requests that arrive while the first is being
    answered wait for its answer instead of taking a worker each.
    """

    def __init__(self, limits: ServeLimits) -> None:
        from collections import OrderedDict

        self.budget = limits.cache_mb * 1024 * 1024
        self.wait = 2 * limits.timeout + 5  # a queued turn and a full run
        self._entries: OrderedDict[_Job, Answer] = OrderedDict()
        self._size = 0
        self._flights: dict[_Job, _Flight] = {}
        self._lock = threading.Lock()

    def answer(self, job: _Job, compute: Callable[[_Job], Answer]) -> Answer:
        with self._lock:
            hit = self._entries.get(job)
            if hit is not None:
                self._entries.move_to_end(job)
                return hit
            flight = self._flights.get(job)
            leader = flight is None
            if flight is None:
                flight = self._flights[job] = _Flight()
        if not leader:
            if flight.done.wait(self.wait) and flight.answer is not None:
                return flight.answer
            return compute(job)
        answer: Answer | None = None
        try:
            answer = compute(job)
            return answer
        finally:
            with self._lock:
                del self._flights[job]
                if answer is not None and answer.status == HTTPStatus.OK:
                    self._keep(job, answer)
            flight.answer = answer
            flight.done.set()

    def _keep(self, job: _Job, answer: Answer) -> None:
        size = len(answer.body) + len(job.text) + 200
        if size > self.budget // 8:
            return  # one answer never takes more than an eighth of the cache
        self._entries[job] = answer
        self._size += size
        while self._size > self.budget:
            old, dropped = self._entries.popitem(last=False)
            self._size -= len(dropped.body) + len(old.text) + 200


class _Pool:
    """Runs jobs, at most ``max_concurrent`` at once, with at most ``max_queue`` waiting."""

    def __init__(self, messages: _Messages) -> None:
        self.messages = messages
        self.limits = messages.limits
        self._lock = threading.Lock()
        self._waiting = 0
        self._running = 0  # slots taken, until really given back
        self.size = self.limits.max_concurrent  # jobs that can run at once

    cache: _AnswerCache | None = None

    def run(self, job: _Job) -> Answer:
        """The answer to ``job``: the job's own, or a refusal saying which limit it met."""
        if self.cache is None or job.kind == "update":
            return self._queued(job)
        return self.cache.answer(job, self._queued)

    def _queued(self, job: _Job) -> Answer:
        with self._lock:
            full = self._running >= self.size
            if full and self._waiting >= self.limits.max_queue:
                can_grow = self.size == self.limits.max_concurrent
                return self.messages.busy(self._running, self._waiting, can_grow)
            self._waiting += 1
        try:
            slot = self._acquire(self.limits.timeout)
            if slot is not None:
                with self._lock:
                    self._running += 1
        finally:
            with self._lock:
                self._waiting -= 1
        if slot is None:
            return self.messages.waited()
        return self._run(slot, job)

    def _given_back(self) -> None:
        """A slot is free again (the job's work is over, not just its answer)."""
        with self._lock:
            self._running -= 1

    def _acquire(self, timeout: float) -> Any:
        """A free slot within ``timeout`` seconds, or None."""
        raise NotImplementedError

    def _run(self, slot: Any, job: _Job) -> Answer:
        """Run ``job`` in ``slot``; calls :meth:`_given_back` when the slot is free again."""
        raise NotImplementedError

    def close(self) -> None:
        """Stop running jobs and release what the pool holds."""


class _ThreadPool(_Pool):
    """Jobs on threads of this process, over a store object it shares.

    A job past its time limit is answered at once; its thread runs on until the store
    returns and holds its slot until then, so abandoned queries never exceed the limit.
    """

    def __init__(self, store: GraphStore, messages: _Messages) -> None:
        super().__init__(messages)
        self.store = store
        self._slots = threading.Semaphore(self.limits.max_concurrent)

    def _acquire(self, timeout: float) -> Any:
        return True if self._slots.acquire(timeout=timeout) else None

    def _run(self, slot: Any, job: _Job) -> Answer:
        done = threading.Event()
        box: list[Answer] = []

        def work() -> None:
            try:
                box.append(perform(self.store, job, self.messages))
            except Exception as exc:  # a store failure is an answer, not a dead thread
                box.append(_text(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {exc}"))
            finally:
                self._given_back()
                self._slots.release()
                done.set()

        threading.Thread(target=work, name="kg-sparql-query", daemon=True).start()
        if done.wait(self.limits.timeout):
            return box[0]
        log.warning("query past the time limit (it runs on in the background): %.80r", job.text)
        return self.messages.timeout()


def _rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (Linux ``/proc``), or None where unknown."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


class _Worker:
    """One query worker process and the pipe to it."""

    def __init__(self, process: multiprocessing.process.BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self._close_lock = threading.Lock()

    def call(self, job: _Job, messages: _Messages) -> tuple[Answer, bool]:
        """The worker's answer to ``job`` and whether the worker can take another."""
        limits = messages.limits
        started = time.monotonic()
        lowered = False
        try:
            self.conn.send(job)
            while not self.conn.poll(_WATCH_S):
                if not self.process.is_alive():
                    return messages.crashed(self.process.exitcode), False
                running = time.monotonic() - started
                if running > SLOW_S and not lowered:
                    # A long query yields the CPU to short ones: it cannot starve them.
                    lowered = self._lower_priority()
                if running > limits.timeout:
                    log.warning("query stopped at the time limit: %.80r", job.text)
                    return messages.timeout(), False
                rss = _rss_mb(self.pid)
                if rss is not None and rss > limits.max_memory_mb:
                    log.warning("query stopped at the memory limit: %.80r", job.text)
                    return messages.memory(), False
            answer: Answer = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(1)
            return messages.crashed(self.process.exitcode), False
        rss = _rss_mb(self.pid)
        # A worker that grew to half its limit is replaced: memory stays flat. So is one
        # whose priority was lowered, where it cannot be raised again (not root).
        fit = rss is None or rss < limits.max_memory_mb / 2
        return answer, fit and (not lowered or self._restore_priority())

    def _lower_priority(self) -> bool:
        try:
            os.setpriority(os.PRIO_PROCESS, self.pid, SLOW_NICE)
        except (OSError, AttributeError):  # no such process yet/anymore; no setpriority
            return False
        return True

    def _restore_priority(self) -> bool:
        try:
            os.setpriority(os.PRIO_PROCESS, self.pid, 0)
        except (OSError, AttributeError):
            return False
        return True

    @property
    def pid(self) -> int:
        return int(self.process.pid or 0)

    def stop(self, wait: float = 2.0) -> None:
        """Ask the worker to finish (when idle), else kill it."""
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(wait)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self._close_pipe()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self._close_pipe()

    def _close_pipe(self) -> None:
        # A retiring worker and a closing pool may both stop the same worker, from two
        # threads: the pipe is closed once.
        with self._close_lock:
            if not self.conn.closed:
                self.conn.close()


def _context() -> Any:
    """Fork server where there is one (workers start in milliseconds, from a process with no
    threads), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([__name__])
        return ctx
    return multiprocessing.get_context("spawn")


class _ProcessPool(_Pool):
    """Jobs in ``max_concurrent`` worker processes, each holding the store open read-only
    (or one worker holding it read-write, when ``writable``: a store has one writer).

    A worker past the time or memory limit is killed and a new one started in the
    background; the answer goes out at once.
    """

    def __init__(self, location: str, messages: _Messages, *, writable: bool = False) -> None:
        super().__init__(messages)
        self.location = location
        self.writable = writable
        if writable:
            self.size = 1
        self._ctx = _context()
        # Last in, first out: the worker used last has the warmest caches (RocksDB's blocks,
        # the page cache), so a lightly loaded server answers from one warm worker.
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._closed = False
        self._all: set[_Worker] = set()
        starting = [self._start() for _ in range(self.size)]
        try:
            for worker in starting:
                self._ready(worker)
                self._idle.put(worker)
        except BaseException:
            for worker in starting:
                worker.kill()
            raise

    def _start(self) -> _Worker:
        mine, theirs = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker_main,
            args=(
                theirs,
                self.location,
                self.messages.limits,
                self.messages.options,
                self.writable,
            ),
            name="kg-sparql-worker",
            daemon=True,
        )
        process.start()
        theirs.close()
        worker = _Worker(process, mine)
        with self._lock:
            self._all.add(worker)
        return worker

    def _ready(self, worker: _Worker) -> None:
        """Wait for a new worker to open the store; StoreError with its reason if it cannot."""
        if worker.conn.poll(120):
            try:
                status, detail = worker.conn.recv()
            except EOFError:
                status, detail = "error", f"it exited with code {worker.process.exitcode}"
        else:
            status, detail = "error", "it did not open the store within 120 s"
        if status != "ready":
            worker.kill()
            with self._lock:
                self._all.discard(worker)
            raise StoreError(f"{self.location}: a query worker could not open the store: {detail}")

    def _acquire(self, timeout: float) -> Any:
        try:
            return self._idle.get(timeout=timeout)
        except queue.Empty:
            return None

    def _run(self, slot: Any, job: _Job) -> Answer:
        worker: _Worker = slot
        try:
            answer, healthy = worker.call(job, self.messages)
        except BaseException:
            healthy = False
            raise
        finally:
            if healthy and not self._closed:
                self._idle.put(worker)
            else:
                self._retire(worker)
            self._given_back()
        return answer

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        if not self._closed:
            threading.Thread(target=self._replace, name="kg-sparql-respawn", daemon=True).start()

    def _replace(self) -> None:
        while not self._closed:
            try:
                worker = self._start()
                self._ready(worker)
            except (StoreError, OSError) as exc:
                log.error("cannot start a query worker (retrying in 1 s): %s", exc)
                time.sleep(1.0)
                continue
            if self._closed:
                worker.stop()
            else:
                self._idle.put(worker)
            return

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop(wait=0.5)


def _worker_main(
    conn: Connection,
    location: str,
    limits: ServeLimits,
    options: Mapping[str, str],
    writable: bool = False,
) -> None:
    """A query worker: open the store (read-only unless ``writable``), then answer jobs
    until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    from kg.store._open import open_store

    try:
        store = open_store(location, create=False, read_only=not writable)
    except KgError as exc:
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", os.getpid()))
    messages = _Messages(limits, options)
    with store:
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                return
            if job is None:
                return
            try:
                answer = perform(store, job, messages)
            except Exception as exc:  # an answer, never a dead worker
                answer = _text(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {exc}")
            conn.send(answer)


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
