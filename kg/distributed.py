"""Distributed extraction over a Dask cluster, with a single writer.

Workers parse, extract and resolve batches of articles (plain data in, plain data out); the
client writes each article's named graph to the store in input order, so a distributed build
gives the same graph as a serial one. Dask is imported only here, only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from kg.model import Article
from kg.pipeline import ArticleResult, BuildReport, analyse_articles, build

if TYPE_CHECKING:
    from kg.store import GraphStore

__all__ = ["analyse_batch", "build_with_dask"]


def analyse_batch(
    articles: Sequence[Article], model: str | None, extractor: str, min_confidence: float
) -> list[ArticleResult]:
    """Run on a worker: the model is loaded once per worker process (cached by name)."""
    from kg.nlp import load_model

    nlp = load_model(model)
    return list(analyse_articles(articles, nlp, extractor=extractor, min_confidence=min_confidence))


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def build_with_dask(
    articles: Iterable[Article],
    store: GraphStore,
    address: str,
    *,
    model: str | None = None,
    extractor: str = "kg.dep.v1",
    min_confidence: float = 0.0,
    dry_run: bool = False,
    batch_size: int = 16,
    window: int = 8,
) -> BuildReport:
    """Build into ``store`` with extraction on a Dask cluster.

    ``address`` is a scheduler address (``tcp://host:8786``) or ``"local"`` for a
    ``LocalCluster`` on 127.0.0.1 without dashboard. At most ``window`` batches are in
    flight, so the client's memory stays flat however large the corpus.
    """
    from dask.distributed import Client, LocalCluster

    from kg.nlp import load_model

    cluster = None
    if address == "local":
        cluster = LocalCluster(
            host="127.0.0.1",
            dashboard_address=None,
            n_workers=2,
            threads_per_worker=1,
            processes=True,
        )
        client = Client(cluster)
    else:
        client = Client(address)

    def analyse(items: Iterable[Article]) -> Iterator[ArticleResult]:
        pending = []
        for batch in _batches(items, batch_size):
            pending.append(
                client.submit(analyse_batch, batch, model, extractor, min_confidence, pure=False)
            )
            if len(pending) >= window:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()

    try:
        nlp = load_model(model)
        return build(
            articles,
            store,
            nlp,
            extractor=extractor,
            min_confidence=min_confidence,
            dry_run=dry_run,
            analyse=analyse,
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
