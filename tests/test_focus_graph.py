"""`kg view --focus` on a store reads the neighbourhood's article graphs only, and draws what
the whole projection cut to the neighbourhood draws: the same nodes (labels, aliases, types),
the same facts, in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph import ego, entity_graph, focus_graph
from kg.ingest import read_articles
from kg.pipeline import build
from kg.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.fixture(scope="module")
def store_path(nlp, tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("focus") / "store"
    with open_store(location, create=True) as store:
        build(read_articles([EXAMPLES]), store, nlp)
    return location


def _drawn(G) -> tuple[list, list]:
    return list(G.nodes(data=True)), list(G.edges(keys=True, data=True))


@pytest.mark.parametrize("concepts", [False, True])
def test_focus_graph_is_the_whole_projection_cut_to_the_neighbourhood(
    store_path: Path, concepts: bool
) -> None:
    with open_store(store_path, read_only=True) as store:
        whole = entity_graph(store, concepts=concepts)
        ranked = sorted(whole, key=lambda n: -whole.degree(n))
        centres = ranked[:3] + ranked[-2:]  # hubs and leaves
        for centre in centres:
            for hops in (1, 2):
                near = focus_graph(store, centre, hops, concepts=concepts)
                assert near is not None
                assert _drawn(near) == _drawn(ego(whole, centre, hops)), (centre, hops)
        label = whole.nodes[ranked[0]]["label"]
        by_name = focus_graph(store, label.upper(), 2, concepts=concepts)
        assert by_name is not None
        assert _drawn(by_name) == _drawn(ego(whole, label, 2))
        assert len(by_name) < len(whole)  # the examples are not one neighbourhood


def test_focus_graph_leaves_unknown_names_and_files_to_the_whole_projection(
    store_path: Path,
) -> None:
    with open_store(store_path, read_only=True) as store:
        assert focus_graph(store, "Atlantis", 2) is None
    assert focus_graph(EXAMPLES / "82548.txt", "Vilnius") is None
