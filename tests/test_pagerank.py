"""kg.graph.pagerank (numpy power iteration) gives the scores of the pure-Python loop it
replaced, bit for bit, on the example graph and on a built one."""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
from conftest import EXAMPLES

from kg.graph import entity_graph, example_graph, pagerank, top_entities
from kg.ingest import read_articles
from kg.pipeline import build
from kg.store import open_store


def loop_pagerank(
    G: nx.Graph, alpha: float = 0.85, *, directed: bool = False, tol: float = 1e-10
) -> dict[Any, float]:
    """kg.graph.pagerank as it was: one Python loop over the nodes per step."""
    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    out_w: dict[Any, float] = dict.fromkeys(nodes, 0.0)
    incoming: dict[Any, list[tuple[Any, float]]] = {v: [] for v in nodes}
    directed = directed and G.is_directed()
    for u, v, w in G.edges(data="weight", default=1):
        w = float(w or 1)
        pairs = [(u, v)] if directed else [(u, v), (v, u)] if u != v else [(u, v)]
        for a, b in pairs:
            out_w[a] += w
            incoming[b].append((a, w))
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(200):
        dangling = alpha * sum(rank[v] for v in nodes if out_w[v] == 0) / n
        new = {
            v: (1 - alpha) / n
            + dangling
            + alpha * sum(rank[u] * w / out_w[u] for u, w in incoming[v])
            for v in nodes
        }
        err = sum(abs(new[v] - rank[v]) for v in nodes)
        rank = new
        if err < n * tol:
            break
    return rank


def test_example_graph_scores_are_the_loops():
    G = example_graph()
    for directed in (False, True):
        assert pagerank(G, directed=directed) == loop_pagerank(G, directed=directed)
    assert pagerank(nx.MultiDiGraph()) == {}


def test_weighted_graph_with_self_loops_and_dangling_nodes():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", weight=2)
    G.add_edge("b", "b")  # a self-loop counts once
    G.add_edge("c", "a", weight=0)  # weight 0 counts as 1
    G.add_node("lonely")  # dangling: spreads its rank evenly
    for directed in (False, True):
        scores = pagerank(G, directed=directed)
        assert scores == loop_pagerank(G, directed=directed)
        assert abs(sum(scores.values()) - 1.0) < 1e-12


def test_built_demo_graph_ranks_as_before(nlp):
    with open_store(None) as store:
        build(read_articles([EXAMPLES], date=date(2025, 12, 14)), store, nlp)
        G = entity_graph(store, concepts=True)
    assert G.number_of_nodes() > 50
    assert pagerank(G) == loop_pagerank(G)
    ranked = [label for _, label, _ in top_entities(G, "pagerank", 5)]
    by_loop = sorted(loop_pagerank(G).items(), key=lambda kv: (-kv[1], G.nodes[kv[0]]["label"]))
    assert ranked == [G.nodes[v]["label"] for v, _ in by_loop[:5]]
