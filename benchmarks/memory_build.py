"""One build of the ECB+ corpus repeated ``--repeat`` times into an on-disk store, in its own
process, printing one JSON line with the peak RSS (what ``benchmarks/run.py`` records).

Run by ``make bench``; usable alone: ``python benchmarks/memory_build.py --repeat 1 --store DIR``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ecb_articles, word_count  # noqa: E402

from kg.model import Article  # noqa: E402


def repeated(articles: list[Article], repeat: int) -> Iterator[Article]:
    """The corpus ``repeat`` times, each copy under new ids (so the store grows with it)."""
    for k in range(repeat):
        for article in articles:
            yield replace(article, id=f"{article.id}-r{k}") if k else article


def _peak_rss_kib() -> int:
    """This process's peak RSS. Linux's VmHWM belongs to the address space, which exec
    replaces; ``ru_maxrss`` outlives exec and so starts at the RSS of the parent that
    forked this process (``benchmarks/run.py``, near 1 GB after its throughput part)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--store", required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    from kg.nlp import load_model
    from kg.pipeline import build
    from kg.store import open_store

    articles = ecb_articles()
    nlp = load_model()
    start = time.perf_counter()
    with open_store(args.store, create=True) as store:
        report = build(repeated(articles, args.repeat), store, nlp, n_process=args.workers)
    seconds = time.perf_counter() - start
    # The build's peak, read before counting: a distinct-triple count over the whole store
    # holds every triple in memory (about 800 MB at 1x) and is no part of the build.
    peak_kib = _peak_rss_kib()
    with open_store(args.store, read_only=True) as store:
        triples = store.triple_count()
    print(
        json.dumps(
            {
                "repeat": args.repeat,
                "articles": report.articles,
                "words": word_count(articles) * args.repeat,
                "facts": report.facts,
                "triples": triples,
                "seconds": round(seconds, 1),
                "peak_rss_mb": round(peak_kib / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
