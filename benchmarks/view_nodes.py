"""What the reader sees first, on real news: the share of the view's nodes that are entities.

Builds ``N`` ECB+ articles (a seeded sample of the dev topics 1-35; the held-out topics 36-45
are left alone) and reports, for the default view (``kg view``: entities and the facts
between them) and for the view with phrases (``kg view --concepts``), the nodes drawn, how
many are entities and how many concepts (kinds, :func:`kg.resolve.concept_name`), and any
node labelled by a bare pronoun or number (issue 14: >= 80 % entities, no pronoun nodes).
Run alone: ``python benchmarks/view_nodes.py [N]`` (default 200); prints one JSON object.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.corpus import ECBPLUS  # noqa: E402

DEV_TOPICS = range(1, 36)


def sample_paths(n: int, seed: int = 14) -> list[Path]:
    """``n`` ECB+ article files of the dev topics, a seeded sample in sorted order."""
    paths = sorted(p for t in DEV_TOPICS for p in (ECBPLUS / str(t)).glob("*.txt"))
    return sorted(random.Random(seed).sample(paths, min(n, len(paths))))


def view_nodes(source: Any, *, concepts: bool, out: Path) -> dict[str, Any]:
    """The nodes of the view ``kg view`` writes of ``source``: drawn, entities, concepts."""
    from kg.graph import entity_graph
    from kg.resolve.names import is_bare_number, is_pronoun
    from kg.view import write_view

    written = write_view(source, out, concepts=concepts)
    graph = entity_graph(source, concepts=concepts)
    kinds = Counter("concept" if t == "Concept" else "entity" for _, t in graph.nodes(data="type"))
    labels = [str(label) for _, label in graph.nodes(data="label")]
    total = graph.number_of_nodes()

    def bare(kind: str) -> list[str]:
        named = {str(d["label"]) for _, d in graph.nodes(data=True)
                 if (d["type"] == "Concept") == (kind == "concept")}
        return sorted(x for x in named if is_pronoun(x) or is_bare_number(x))

    return {
        "drawn": written.summary.nodes,
        "dropped": written.summary.dropped_nodes,
        "nodes": total,
        "entities": kinds["entity"],
        "concepts": kinds["concept"],
        "entity_share": round(kinds["entity"] / total, 3) if total else None,
        "bare_pronoun_or_number_entities": bare("entity"),
        "bare_pronoun_or_number_concepts": bare("concept"),
        "long_labels": sum(len(x.split()) >= 6 for x in labels),
    }


def measure(n: int = 200, nlp: Any = None) -> dict[str, Any]:
    """Build ``n`` sampled articles in memory and measure both views (see the module)."""
    from kg.ingest import read_articles
    from kg.nlp import load_model
    from kg.pipeline import build
    from kg.store import open_store

    paths = sample_paths(n)
    start = time.perf_counter()
    with open_store(None) as store, tempfile.TemporaryDirectory() as tmp:
        build(read_articles(paths), store, nlp if nlp is not None else load_model())
        built = time.perf_counter() - start
        default = view_nodes(store, concepts=False, out=Path(tmp) / "default.html")
        with_concepts = view_nodes(store, concepts=True, out=Path(tmp) / "concepts.html")
    return {
        "articles": len(paths),
        "build_s": round(built, 1),
        "default_view": default,
        "concepts_view": with_concepts,
    }


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 200), indent=2))
