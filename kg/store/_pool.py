"""Running the server's jobs within its limits: a pool of threads (an open store object) or of
query worker processes (a store location), with the time and memory limits, the queue bound,
the answer cache and the sharing of identical requests in flight. :mod:`kg.store._serve` has
the whole picture.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Mapping
from http import HTTPStatus
from multiprocessing.connection import Connection
from typing import Any

from kg.errors import KgError, StoreError
from kg.store._answer import (
    Answer,
    ServeLimits,
    _Job,
    _Messages,
    _text,
    perform,
)
from kg.store._base import GraphStore

log = logging.getLogger(__name__)

#: How often a running query's worker is checked against the time and memory limits.
_WATCH_S = 0.05
#: A query running longer than this many seconds has its worker's CPU priority lowered to
#: nice ``SLOW_NICE``, so that short queries run first on a busy machine.
SLOW_S = 1.0
SLOW_NICE = 10


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
