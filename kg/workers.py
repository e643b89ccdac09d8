"""Analysis in worker processes: parse, extract and resolve on every core, results in order.

A build with ``workers`` > 1 hands its articles to :func:`analyse_in_processes`; each process
runs the whole analysis (:mod:`kg.analyse`) of a batch of articles and sends back plain
:class:`~kg.model.AnalysedArticle` data. :func:`collect_less_often` tunes Python's garbage
collector for a build, in the building process and in the workers.
"""

from __future__ import annotations

import gc
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from kg.analyse import analyse_articles
from kg.model import AnalysedArticle, Article

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from spacy.language import Language

__all__ = [
    "GC_YOUNG_THRESHOLD",
    "analyse_in_processes",
    "collect_less_often",
    "processes_can_load",
]


#: Allocations between young-generation collections during a build (Python's default: 700).
GC_YOUNG_THRESHOLD = 20_000


@contextmanager
def collect_less_often() -> Iterator[None]:
    """Run Python's cyclic garbage collector less often inside the block, then as before.

    A build allocates millions of short-lived objects (token strings, facts, statements)
    and few cycles; at the default threshold the collector ran ~770 times per 300 ECB+
    articles, each older-generation pass re-scanning the long-lived model and gazetteer
    objects: 4% of the build. Reference counting still frees everything else at once.

    >>> import gc
    >>> before = gc.get_threshold()
    >>> with collect_less_often():
    ...     gc.get_threshold()[0]
    20000
    >>> gc.get_threshold() == before
    True
    """
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], GC_YOUNG_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _batches_of_segments(items: Iterable[Article], segments: int) -> Iterator[list[Article]]:
    """Whole articles, in order, grouped until a group holds at least ``segments`` segments.

    >>> from kg.model import Article, Segment
    >>> def article(n: int) -> Article:  # n segments
    ...     segments = tuple(Segment(i, i + 1) for i in range(n))
    ...     return Article(id=str(n), text="x" * n, segments=segments)
    >>> [[a.id for a in b] for b in _batches_of_segments(map(article, [1, 2, 3, 1, 1]), 3)]
    [['1', '2'], ['3'], ['1', '1']]
    """
    batch: list[Article] = []
    held = 0
    for article in items:
        batch.append(article)
        held += len(article.content_segments())
        if held >= segments:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


#: The model of a worker process: inherited from its parent (fork) or loaded by name.
_worker_model: Language | None = None


def _start_worker(model: str | Language | None) -> None:
    import gc

    from kg.nlp import load_model

    global _worker_model
    _worker_model = model if not isinstance(model, str | None) else load_model(model)
    # This process only analyses: the model's objects live as long as it does, so the
    # collector need not scan them again (gc.freeze; after a fork, that also keeps it from
    # writing to, and so copying, the pages shared with the parent), and young objects are
    # collected less often, as in the writing process (see kg.pipeline.collect_less_often).
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def _analyse_in_worker(
    articles: Sequence[Article], extractor: str, min_confidence: float, batch_size: int | None
) -> list[AnalysedArticle]:
    assert _worker_model is not None, "a worker process analyses after _start_worker"
    return list(
        analyse_articles(
            articles,
            _worker_model,
            extractor=extractor,
            min_confidence=min_confidence,
            batch_size=batch_size,
        )
    )


#: Workers are forked from the building process (sharing its pipeline) where that is safe.
_FORK = sys.platform.startswith("linux")


def processes_can_load(nlp: Language) -> bool:
    """True if worker processes can run ``nlp``: forked from this process, or by package name.

    >>> from kg.nlp import load_model
    >>> processes_can_load(load_model())
    True
    """
    from kg.nlp import model_package

    return _FORK or model_package(nlp) is not None


def analyse_in_processes(
    articles: Iterable[Article],
    *,
    workers: int,
    model: str | Language | None = None,
    extractor: str = "kg.dep.v1",
    min_confidence: float = 0.0,
    batch_segments: int | None = None,
    batch_size: int | None = None,
) -> Iterator[AnalysedArticle]:
    """Parse, extract and resolve in ``workers`` processes; results come back in input order.

    Each process runs the whole analysis of a batch of articles (spaCy's own ``n_process``
    would parallelise only the parse and leave extraction and coreference on one core). A
    batch is whole articles holding ``batch_segments`` segments or more, by default two
    ``nlp.pipe`` batches of ``batch_size`` segments (by default the model's own,
    ``nlp.batch_size``, or 256 when ``model`` is a name). At most two batches per worker are
    in flight, so memory stays flat.

    The processes start at this call, not at the first result. ``model`` is the pipeline
    itself, or the package name of one. On Linux the workers are forked from this process
    and share its loaded pipeline: no process imports spaCy or loads a model again, ~1 s of
    CPU per worker. Fork copies only the calling thread, so call this before starting
    threads of your own; the workers touch nothing but the pipeline and their batches (no
    store, no lock of this process), as the processes of spaCy's own ``n_process`` do.
    Elsewhere they are spawned and load the model by name (a pipeline passed in must then
    come from an installed package: see :func:`kg.nlp.model_package`).

    >>> from kg.model import Article, Segment
    >>> a = Article(id="a", text="Belarus freed 123 prisoners.", segments=(Segment(0, 28),))
    >>> [r.facts[0].predicate.lemma for r in analyse_in_processes([a], workers=1)]
    ['free']
    """
    import multiprocessing
    import warnings
    from concurrent.futures import ProcessPoolExecutor

    if batch_segments is None:
        own = getattr(model, "batch_size", None)
        batch_segments = 2 * (batch_size or own or 256)
    if not _FORK and not isinstance(model, str | None):
        from kg.errors import ModelError
        from kg.nlp import model_package

        pipeline, model = model, model_package(model)
        if model is None:  # workers would silently load another model
            raise ModelError(
                f"pipeline {pipeline.meta.get('name', '?')!r} is not an installed package: "
                "worker processes cannot load it here; use one worker"
            )
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork" if _FORK else "spawn"),
        initializer=_start_worker,
        initargs=(model,),
    )
    with warnings.catch_warnings():
        # Python 3.12+ warns about forking beside any thread, RocksDB's own included; see
        # the docstring for why these workers are safe.
        warnings.filterwarnings("ignore", r".*multi-threaded.*fork", DeprecationWarning)
        pool.submit(int).result()  # all workers start now (fork: all at the first task)
    work = (extractor, min_confidence, batch_size)
    return _in_order(pool, _batches_of_segments(articles, batch_segments), workers, work)


def _in_order(
    pool: ProcessPoolExecutor,
    batches: Iterable[list[Article]],
    workers: int,
    work: tuple[str, float, int | None],
) -> Iterator[AnalysedArticle]:
    with pool:
        pending: deque[Future[list[AnalysedArticle]]] = deque()
        for batch in batches:
            pending.append(pool.submit(_analyse_in_worker, batch, *work))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
