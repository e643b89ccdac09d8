"""Questions asked of an entity graph: who matters, which groups, how are two entities linked.

All functions take the :class:`networkx.MultiDiGraph` that :func:`kg.graph.entity_graph`
returns (node attributes ``label``/``type``/``aliases``; edges keyed by their fact's event
IRI). Entities are named by label, case-insensitively, by alias, or by node id (IRI).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

import networkx as nx

from kg.errors import KgError

__all__ = [
    "Community",
    "EntityNotFound",
    "NoPath",
    "TimelineRow",
    "communities",
    "ego",
    "facts_between",
    "find_entity",
    "pagerank",
    "plot_timeline",
    "shortest_path",
    "timeline",
    "top_entities",
    "undirected_weighted",
]


class EntityNotFound(KgError, KeyError):
    """No entity in the graph has that label, alias or id."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class NoPath(KgError, nx.NetworkXNoPath):
    """Two entities of the graph that no chain of facts links."""


def find_entity(G: nx.Graph, name: str) -> str:
    """The node whose id, label (any case) or alias is ``name``; ties go to the busiest node.

    >>> from kg.graph import example_graph
    >>> G = example_graph()
    >>> G.nodes[find_entity(G, "lukashenko")]["label"]
    'Alexander Lukashenko'
    >>> find_entity(G, "Atlantis")
    Traceback (most recent call last):
    kg.graph._analysis.EntityNotFound: no entity 'Atlantis' in the graph (8 nodes)
    """
    if name in G:
        return name
    want = name.casefold().strip()
    by_label = [n for n, d in G.nodes(data=True) if str(d.get("label", "")).casefold() == want]
    if not by_label:
        by_label = [
            n for n, d in G.nodes(data=True) if want in {a.casefold() for a in _aliases(d)}
        ]
    if not by_label:
        hint = _close_labels(G, want)
        more = f"; did you mean {', '.join(map(repr, hint))}?" if hint else ""
        raise EntityNotFound(f"no entity {name!r} in the graph ({len(G)} nodes){more}")
    return max(by_label, key=lambda n: (G.degree(n), str(n)))


def _aliases(data: dict[str, Any]) -> list[str]:
    value = data.get("aliases") or ()
    if isinstance(value, str):  # read back from GraphML/GEXF as "a|b"
        return [a for a in value.split("|") if a]
    return [str(a) for a in value]


def _close_labels(G: nx.Graph, want: str, n: int = 3) -> list[str]:
    labels = [str(d.get("label", "")) for _, d in G.nodes(data=True)]
    return sorted(x for x in labels if want and want in x.casefold())[:n]


def undirected_weighted(G: nx.Graph) -> nx.Graph:
    """A simple undirected graph with ``weight`` = number of edges (facts) between each pair.

    >>> from kg.graph import example_graph
    >>> H = undirected_weighted(example_graph())
    >>> H.number_of_edges(), max(w for _, _, w in H.edges(data="weight"))
    (6, 1)
    """
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, w in G.edges(data="weight", default=1):
        if u == v:
            continue
        H.add_edge(u, v, weight=H.get_edge_data(u, v, {"weight": 0})["weight"] + (w or 1))
    return H


def pagerank(
    G: nx.Graph, alpha: float = 0.85, *, directed: bool = False, tol: float = 1e-10
) -> dict[Any, float]:
    """PageRank by power iteration, counting parallel edges (numpy, no SciPy needed).

    By default edges count both ways: in news facts the direction says who acted on whom,
    not who matters, and a directed rank would crown every sink ("Vilnius"). ``directed=True``
    gives ``networkx.pagerank``'s numbers (which need SciPy, which `kg` does not depend on);
    dangling nodes spread their rank evenly. Each step is a handful of array operations over
    the edges (a weight of 0 or None counts as 1), adding in edge order as the loop over
    nodes this replaced did, so the scores are that loop's.

    >>> from kg.graph import example_graph
    >>> pr = pagerank(example_graph())
    >>> round(sum(pr.values()), 6)
    1.0
    """
    import numpy as np

    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    directed = directed and G.is_directed()
    src: list[int] = []
    dst: list[int] = []
    weights: list[float] = []
    for u, v, w in G.edges(data="weight", default=1):
        a, b, weight = index[u], index[v], float(w or 1)
        src.append(a)
        dst.append(b)
        weights.append(weight)
        if not directed and a != b:
            src.append(b)
            dst.append(a)
            weights.append(weight)
    source, target = np.array(src, dtype=np.intp), np.array(dst, dtype=np.intp)
    weight_of = np.array(weights, dtype=np.float64)
    out_w = np.bincount(source, weights=weight_of, minlength=n)
    dangling = np.flatnonzero(out_w == 0)
    spent = out_w[source]  # an edge's source has out-weight: never 0 here
    rank = np.full(n, 1.0 / n)
    for _ in range(200):
        spread = alpha * sum(rank[dangling].tolist()) / n
        inflow = np.bincount(target, weights=rank[source] * weight_of / spent, minlength=n)
        new = ((1 - alpha) / n + spread) + alpha * inflow
        err = float(np.abs(new - rank).sum())
        rank = new
        if err < n * tol:
            break
    return dict(zip(nodes, rank.tolist(), strict=True))


def top_entities(
    G: nx.Graph,
    by: Literal["pagerank", "degree", "betweenness"] = "pagerank",
    n: int = 10,
) -> list[tuple[str, str, float]]:
    """The ``n`` most central entities as ``(node, label, score)``, highest first.

    ``pagerank`` is :func:`pagerank` (edges count both ways); ``degree`` counts facts
    (parallel edges count), so its scores are integers; ``betweenness`` is computed on the
    undirected projection (sampled with a fixed seed above 2,000 nodes).

    >>> from kg.graph import example_graph
    >>> [(label, score) for _, label, score in top_entities(example_graph(), "degree", 2)]
    [('Ales Bialiatski', 3), ('Alexander Lukashenko', 3)]
    """
    scores: dict[Any, float]
    if by == "pagerank":
        scores = pagerank(G)
    elif by == "degree":
        scores = {v: int(d) for v, d in G.degree()}
    elif by == "betweenness":
        H = undirected_weighted(G)
        k = 500 if len(H) > 2000 else None
        scores = nx.betweenness_centrality(H, k=k, seed=0)
    else:
        raise ValueError(f"by={by!r}: use 'pagerank', 'degree' or 'betweenness'")
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], _label(G, kv[0])))
    return [(v, _label(G, v), s) for v, s in ranked[:max(n, 0)]]


def _label(G: nx.Graph, v: Any) -> str:
    return str(G.nodes[v].get("label", v))


@dataclass(frozen=True)
class Community:
    """A group of densely linked entities, named after its best-connected member."""

    label: str
    members: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.members)


def communities(G: nx.Graph, *, resolution: float = 1.0) -> list[Community]:
    """Louvain communities (``seed=0``) of the undirected weighted projection, largest first.

    Members are sorted by degree, highest first; the label is the first member's label.

    >>> from kg.graph import example_graph
    >>> [c.label for c in communities(example_graph())]
    ['Ales Bialiatski', 'Alexander Lukashenko', 'Belaruskali']
    """
    H = undirected_weighted(G)
    groups = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=0)
    found = []
    for group in groups:
        members = sorted(group, key=lambda v: (-G.degree(v), _label(G, v)))
        found.append(Community(_label(G, members[0]), tuple(members)))
    return sorted(found, key=lambda c: (-len(c), c.label))


def shortest_path(G: nx.Graph, a: str, b: str) -> list[str]:
    """The nodes on a shortest path from ``a`` to ``b``, ignoring edge direction.

    Raises :class:`NoPath` (a :class:`kg.errors.KgError` and a ``networkx.NetworkXNoPath``)
    when they are not connected, and :class:`EntityNotFound` when either is not in ``G``;
    both messages name the two entities asked for.

    >>> from kg.graph import example_graph
    >>> G = example_graph()
    >>> [G.nodes[v]["label"] for v in shortest_path(G, "John Coale", "Vilnius")]
    ['John Coale', 'Alexander Lukashenko', 'Ales Bialiatski', 'Vilnius']
    >>> shortest_path(G, "John Coale", "Belaruskali")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.graph._analysis.NoPath: no path between 'John Coale' and 'Belaruskali': ... 6 and 2 entities)
    """
    try:
        src, dst = find_entity(G, a), find_entity(G, b)
    except EntityNotFound as exc:
        raise EntityNotFound(f"no path between {a!r} and {b!r}: {exc}") from None
    # An undirected copy in G's order: a view of G's two directions meets each node's
    # neighbours in string-hash order, so the path among equally short ones varied by process.
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_edges_from((u, v) for u, v, *_ in G.edges)
    try:
        return list(nx.shortest_path(H, src, dst))
    except nx.NetworkXNoPath:
        sizes = (len(nx.node_connected_component(H, src)), len(nx.node_connected_component(H, dst)))
        raise NoPath(
            f"no path between {a!r} and {b!r}: no chain of facts links them "
            f"(they are in separate groups of {sizes[0]} and {sizes[1]} entities)"
        ) from None


def facts_between(G: nx.Graph, a: str, b: str) -> list[dict[str, Any]]:
    """Every fact (edge attributes plus ``source``/``target``/``key``) linking ``a`` and ``b``.

    Both directions, sorted by date and sentence position.

    >>> from kg.graph import example_graph
    >>> [f["predicate"] for f in facts_between(example_graph(), "Ales Bialiatski", "lukashenko")]
    ['released']
    """
    u, v = find_entity(G, a), find_entity(G, b)
    found: list[dict[str, Any]] = []
    for s, t in {(u, v), (v, u)}:
        data = G.get_edge_data(s, t) or {}
        items: Iterable[tuple[Any, dict[str, Any]]] = (
            data.items() if G.is_multigraph() else [(None, data)] if data else []
        )
        for key, attrs in items:
            found.append({**attrs, "source": s, "target": t, "key": key})
    return sorted(found, key=lambda f: (str(f.get("date") or ""), f.get("sentence_start") or 0))


def ego(G: nx.Graph, name: str, hops: int = 2) -> nx.Graph:
    """The entities within ``hops`` steps of ``name`` (either direction) and the facts among them.

    Nodes and edges keep their order in ``G``, so the same graph gives the same ego network in
    every process (``networkx.ego_graph`` orders them by string hashes, which vary).

    >>> from kg.graph import example_graph
    >>> [d["label"] for _, d in ego(example_graph(), "Vilnius", 1).nodes(data=True)]
    ['Vilnius', 'Ales Bialiatski']
    """
    center = find_entity(G, name)
    near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), center,
                                                 cutoff=hops)
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((v, dict(d)) for v, d in G.nodes(data=True) if v in near)
    if G.is_multigraph():
        H.add_edges_from((u, v, k, dict(d)) for u, v, k, d in G.edges(keys=True, data=True)
                         if u in near and v in near)
    else:
        H.add_edges_from((u, v, dict(d)) for u, v, d in G.edges(data=True)
                         if u in near and v in near)
    return H


class TimelineRow(NamedTuple):
    """One fact in an entity's timeline, seen from that entity."""

    date: str | None
    predicate: str
    other: str
    sentence: str
    outgoing: bool  # True when the entity is the fact's subject
    negated: bool
    title: str | None
    event: str | None
    reports: int = 1  # the reports of the happening (one row per happening)
    happening: str | None = None


def timeline(G_or_ds: Any, name: str) -> list[TimelineRow]:
    """The happenings an entity takes part in, in date order (undated last): one row per
    happening (:mod:`kg.identity`: the reports of one real-world event in several articles
    are one row, ``reports`` says how many, ``event`` is the first of them), one per fact
    where the graph has no happenings.

    ``date`` is the normalised time of the fact when known (the start of a range: "since
    2020" is 2020), else the article's date. Accepts an entity graph (rows come from its
    edges) or anything :func:`kg.graph.entity_graph` accepts: then the facts are read from the
    events themselves, so facts with no second participant ("Kolesnikova has been imprisoned
    since 2020") and facts about phrases that name no entity are listed too. ``other`` names
    the other participants ("; "-joined), or the phrase the entity was found in or linked to.

    >>> from kg.graph import example_graph
    >>> for r in timeline(example_graph(), "Lukashenko"):
    ...     print(r.date, r.predicate, r.other, r.negated)
    2025-12-12 met John Coale False
    2025-12-13 released Ales Bialiatski False
    2025-12-14 did not release Maria Kalesnikava True
    """
    from kg.graph._project import _entity_facts, _index, entity_graph

    source = None
    if isinstance(G_or_ds, nx.Graph):
        G = G_or_ds
    else:
        source = _index(G_or_ds)  # read the triples once for both passes
        G = entity_graph(source, concepts=True, isolated=True)
    v = find_entity(G, name)
    # one row per fact and direction; its partners (edges of the same event) joined by "; "
    found: dict[tuple[Any, bool], tuple[dict[str, Any], list[str]]] = {}
    edges = list(G.out_edges(v, data=True)) + [
        (s, t, d) for s, t, d in G.in_edges(v, data=True) if s != t
    ]
    for s, t, d in edges:
        out = s == v
        phrase = d.get("object_phrase") if out else d.get("subject_phrase")
        other = str(phrase) if phrase is not None else _label(G, t if out else s)
        key = d.get("happening") or d.get("event") or id(d)
        _, others = found.setdefault((key, out), (d, []))
        if other not in others:
            others.append(other)
    rows = [_row(d, out, "; ".join(others)) for (_, out), (d, others) in found.items()]
    if source is not None:
        covered = {key for key, _ in found}
        alone: dict[str, tuple[dict[str, Any], int]] = {}
        for fact in _entity_facts(source, v):
            key = fact["happening"] or fact["event"]
            if key not in covered:
                first, n = alone.get(key, (fact, 0))
                alone[key] = (first, n + 1)
        rows += [
            _row({**fact, "reports": n}, bool(fact["outgoing"]), str(fact["other"]))
            for fact, n in alone.values()
        ]
    return sorted(rows, key=lambda r: (r.date is None, str(r.date or ""), r.predicate, r.other))


def _row(d: dict[str, Any], outgoing: bool, other: str) -> TimelineRow:
    return TimelineRow(
        date=d.get("date") or d.get("published"),
        predicate=str(d.get("predicate") or d.get("lemma") or ""),
        other=other,
        sentence=str(d.get("sentence") or ""),
        outgoing=outgoing,
        negated=bool(d.get("negated")),
        title=d.get("title"),
        event=d.get("event"),
        reports=int(d.get("reports") or 1),
        happening=d.get("happening"),
    )


def _as_datetime(value: str | None) -> Any:
    """``2025``, ``2025-12`` or ``2025-12-14`` (or a longer ISO string) as a datetime, else None."""
    from datetime import datetime

    if not value:
        return None
    text = str(value)[:10]
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def plot_timeline(rows: Iterable[TimelineRow], png_path: str | Path, *, title: str = "") -> Path:
    """Draw timeline rows as dated, labelled points into a PNG file; returns its path.

    Undated rows are left out. Uses matplotlib's non-interactive Agg backend.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    dated = [(when, r) for r in rows if (when := _as_datetime(r.date)) is not None]
    path = Path(png_path)
    height = max(2.5, min(0.45 * len(dated) + 1.5, 40.0))
    fig, ax = plt.subplots(figsize=(10, height))
    try:
        for i, (when, r) in enumerate(dated):
            text = f"{r.predicate} {r.other}" if r.outgoing else f"{r.other} {r.predicate}"
            ax.plot([when], [i], "o", color="#c0392b" if r.negated else "#2c7fb8")
            ax.annotate(text[:80], (when, i), xytext=(6, 0), textcoords="offset points",
                        va="center", fontsize=8)
        ax.set_yticks([])
        ax.set_ylim(-1, max(len(dated), 1))
        ax.set_title(title or f"{len(dated)} dated facts")
        fig.autofmt_xdate()
        fig.tight_layout()
        fig.savefig(path, dpi=100)
    finally:
        plt.close(fig)
    return path

