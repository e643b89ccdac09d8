"""The demo graph, pinned: every change to what a build writes shows up here as a diff.

``tests/data/demo-graph.nq.gz`` holds the sorted N-Quads of the article graphs that
``make demo`` builds (the bookkeeping graph left out: its hashes change with kg's version).
A deliberate change to the output is refreshed with
``KG_UPDATE_CANONICAL=1 pytest tests/test_canonical_graph.py`` and named in the commit.
"""

from __future__ import annotations

import gzip
import os
from datetime import date
from pathlib import Path

from conftest import EXAMPLES

from kg.ingest import read_articles
from kg.pipeline import build
from kg.store import META_GRAPH, open_store

PINNED = Path(__file__).parent / "data" / "demo-graph.nq.gz"


def canonical_nquads(store, tmp: Path) -> list[str]:
    """The store's article quads as sorted N-Quads lines (no blank nodes: sorting is canonical)."""
    path = store.export(tmp / "graph.nq")
    meta = f"<{META_GRAPH}> .\n"
    return sorted(
        {line for line in path.read_text("utf-8").splitlines(True) if not line.endswith(meta)}
    )


def test_demo_graph_is_the_pinned_one(nlp, tmp_path):
    with open_store(None) as store:
        build(read_articles([EXAMPLES], date=date(2025, 12, 14)), store, nlp)
        lines = canonical_nquads(store, tmp_path)
    if os.environ.get("KG_UPDATE_CANONICAL") == "1":
        PINNED.write_bytes(gzip.compress("".join(lines).encode("utf-8"), mtime=0))
    pinned = gzip.decompress(PINNED.read_bytes()).decode("utf-8").splitlines(True)
    added = sorted(set(lines) - set(pinned))
    removed = sorted(set(pinned) - set(lines))
    assert not added and not removed, (
        f"{len(added)} quads added, {len(removed)} removed; first added: {added[:3]}; "
        f"first removed: {removed[:3]}"
    )
