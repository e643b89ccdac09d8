"""Analysis on a Dask cluster, for a build with a single writer.

Workers parse, extract and resolve batches of articles (plain data in, plain data out); the
building process writes each article's named graph to the store in input order, so a
distributed build gives the same graph as a serial one (``kg build --dask ADDRESS``, or
:func:`kg.pipeline.build` with ``analyse=`` the hook of :func:`dask_analysis`). Dask is
imported only here, only when asked for.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any

from kg.analyse import analyse_articles
from kg.model import AnalysedArticle, Article

__all__ = ["analyse_batch", "dask_analysis"]

_MODEL_LOCK = threading.Lock()


def analyse_batch(
    articles: Sequence[Article], model: str | None, extractor: str, min_confidence: float
) -> list[AnalysedArticle]:
    """Run on a worker: the model is loaded once per worker process (cached by name).

    Workers of a threaded cluster (``processes=False``) share that one model, and a spaCy
    pipeline is not safe to run from two threads at once: they take turns.
    """
    from kg.nlp import load_model

    with _MODEL_LOCK:
        nlp = load_model(model)
        return list(
            analyse_articles(articles, nlp, extractor=extractor, min_confidence=min_confidence)
        )


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@contextmanager
def dask_analysis(
    address: str,
    *,
    model: str | None = None,
    extractor: str = "kg.dep.v1",
    min_confidence: float = 0.0,
    batch_size: int = 16,
    window: int = 8,
    n_workers: int = 2,
    processes: bool = True,
) -> Iterator[Callable[[Iterable[Article]], Iterator[AnalysedArticle]]]:
    """A Dask cluster analysing articles: the ``analyse`` hook of :func:`kg.pipeline.build`.

    ``address`` is a scheduler address (``tcp://host:8786``) or ``"local"`` for a
    ``LocalCluster`` on 127.0.0.1 without dashboard: ``n_workers`` worker processes (threads
    with ``processes=False``) of one thread each, each loading the model once. At most
    ``window`` batches of ``batch_size`` articles are in flight, so the client's memory stays
    flat however large the corpus. Results come back in input order, and the build writes
    them in this process only, so the store is the same as after a serial build. The cluster
    closes when the block ends.
    """
    from dask.distributed import Client, LocalCluster

    cluster = None
    if address == "local":
        cluster = LocalCluster(
            host="127.0.0.1",
            protocol="tcp://",  # also for threads, which would otherwise go inproc:// (no host)
            dashboard_address=None,
            n_workers=n_workers,
            threads_per_worker=1,
            processes=processes,
        )
        client = Client(cluster)
    else:
        client = Client(address)

    def analyse(items: Iterable[Article]) -> Iterator[AnalysedArticle]:
        # A bounded queue of futures, consumed oldest first: input order, flat memory.
        pending: deque[Any] = deque()
        for batch in _batches(items, batch_size):
            pending.append(
                client.submit(analyse_batch, batch, model, extractor, min_confidence, pure=False)
            )
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    try:
        yield analyse
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
