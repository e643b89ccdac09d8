"""Positions for a big graph, computed before the page opens so it paints without simulating.

A force layout of the whole graph costs too much in Python at the sizes the WebGL page is for
(networkx's ``spring_layout``/``forceatlas2_layout`` hold an n×n matrix: 3.2 GB at 20,000
nodes; the ``fa2`` package needs SciPy and took 0.38 s an iteration on 20,000 nodes / 50,000
edges here, so a minute for a settled layout). So the layout is coarse-to-fine:

1. Louvain communities (the same partition as :func:`kg.graph.communities`: the groups the
   page's overview shows), with the finer partitions Louvain found on its way there;
2. each community is laid out on its own: a force layout when it is small (:data:`LEAF`
   nodes; all of them at once, as one batch of numpy arrays), else split into its parts at
   the finer Louvain level and laid out the same way, recursively (a community that does
   not split is drawn as rings around its best-connected node);
3. each community becomes a disc whose area grows with its size, the discs are placed by a
   force layout of the graph *between* communities (weights: facts crossing), pushed apart
   until none overlap, and groups that share no fact are packed around them in rings.

Node spacing is about one unit everywhere, so a community of ``n`` entities has a radius of
about ``sqrt(n)`` and dense groups do not turn into specks next to sparse ones.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.graph import undirected_weighted

__all__ = ["LEAF", "Group", "Layout", "community_layout"]

#: Communities up to this size get a force layout of their own: Fruchterman-Reingold costs n²
#: a step, so bigger ones are split into their finer Louvain parts instead.
LEAF = 200
_STEPS = 50  # force-layout iterations: networkx's default
# padded sizes of the leaf batches: a leaf of n nodes costs its pad squared a step
_PADS = (8, 16, 24, 32, 48, 64, 96, 128, 160, LEAF)
_GAP = 1.5  # space between discs, in node spacings


@dataclass(frozen=True)
class Group:
    """One community as the page's overview draws it: a disc holding its members."""

    members: tuple[Any, ...]  # best-connected first (as kg.graph.communities sorts them)
    x: float
    y: float
    radius: float


@dataclass(frozen=True)
class Layout:
    """Where every node goes, and which community (index into ``groups``) it belongs to."""

    positions: dict[Any, tuple[float, float]]
    community: dict[Any, int]
    groups: list[Group]


def community_layout(G: nx.Graph, *, seed: int = 0) -> Layout:
    """Coarse-to-fine layout of ``G``: communities as non-overlapping discs, members inside.

    Deterministic for a given ``seed``; edge direction and parallel edges only add weight.
    ``groups`` are the Louvain communities of :func:`kg.graph.communities`, in its order.

    >>> from kg.graph import example_graph
    >>> lay = community_layout(example_graph())
    >>> len(lay.positions), len(lay.groups), sorted(len(g.members) for g in lay.groups)
    (8, 3, [2, 3, 3])
    >>> a, b = lay.groups[0], lay.groups[1]
    >>> math.dist((a.x, a.y), (b.x, b.y)) > a.radius + b.radius  # discs do not overlap
    True
    """
    if len(G) == 0:
        return Layout({}, {}, [])
    H = undirected_weighted(G)
    # kg.graph.communities' Louvain (weight, seed 0), keeping the levels below its result
    levels = [[sorted(p, key=str) for p in level] for level in
              nx.community.louvain_partitions(H, weight="weight", seed=0)]
    label = {v: str(d.get("label", v)) for v, d in G.nodes(data=True)}
    groups = []
    for members in levels[-1]:
        members.sort(key=lambda v: (-G.degree(v), label[v]))
        groups.append(members)
    groups.sort(key=lambda m: (-len(m), label[m[0]]))
    trees = [_tree(H, members, levels, len(levels) - 2) for members in groups]
    _force_leaves(H, [t for tree in trees for t in tree.leaves()], seed)
    centres = _arrange(H, groups, [t.compose(H, seed) for t in trees], seed)
    positions: dict[Any, tuple[float, float]] = {}
    community: dict[Any, int] = {}
    out = []
    for i, (members, tree, (cx, cy)) in enumerate(zip(groups, trees, centres, strict=True)):
        for v in members:
            x, y = tree.pos[v]
            positions[v] = (round(cx + x, 2), round(cy + y, 2))
            community[v] = i
        out.append(Group(tuple(members), round(cx, 2), round(cy, 2), round(tree.radius, 2)))
    return Layout(positions, community, out)


class _Tree:
    """A set of nodes to lay out around (0, 0): a leaf (force layout), rings, or parts."""

    def __init__(self, nodes: list[Any], parts: list[_Tree] | None, rings: bool) -> None:
        self.nodes = nodes
        self.parts = parts
        self.rings = rings
        self.pos: dict[Any, tuple[float, float]] = {}
        self.radius = 0.5

    def leaves(self) -> list[_Tree]:
        if self.parts:
            return [leaf for p in self.parts for leaf in p.leaves()]
        return [] if self.rings else [self]

    def compose(self, H: nx.Graph, seed: int) -> float:
        """Fill ``pos`` and ``radius`` (leaves already have theirs); returns the radius."""
        if self.rings:
            self.pos = _rings(H.subgraph(self.nodes), self.nodes)  # rare: fine as a view
        elif self.parts:
            radii = [p.compose(H, seed) for p in self.parts]
            centres = _arrange(H, [p.nodes for p in self.parts], radii, seed)
            self.pos = {v: (cx + x, cy + y) for p, (cx, cy) in zip(self.parts, centres, strict=True)
                        for v, (x, y) in p.pos.items()}
        self.radius = _radius(self.pos)
        return self.radius


def _tree(H: nx.Graph, nodes: list[Any], levels: list[list[list[Any]]], level: int) -> _Tree:
    """Split ``nodes`` along the finer Louvain levels until each part is at most LEAF."""
    if len(nodes) <= LEAF:
        return _Tree(nodes, None, False)
    inside = set(nodes)
    while level >= 0:
        parts = [p for p in levels[level] if p[0] in inside]
        if len(parts) > 1:
            parts.sort(key=lambda p: (-len(p), str(p[0])))
            return _Tree(nodes, [_tree(H, p, levels, level - 1) for p in parts], False)
        level -= 1
    return _Tree(nodes, None, True)


def _force_leaves(H: nx.Graph, leaves: list[_Tree], seed: int) -> None:
    """Fruchterman-Reingold (networkx's, vectorised over many graphs at once) for each leaf.

    Leaves are batched by padded size (8, 16, 24 ... nodes), so the thousands of small groups
    of a news graph cost a few numpy calls a step, not a few per group.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    buckets: dict[int, list[_Tree]] = defaultdict(list)
    for leaf in leaves:
        n = len(leaf.nodes)
        if n == 1:
            leaf.pos = {leaf.nodes[0]: (0.0, 0.0)}
        else:
            buckets[next(m for m in _PADS if m >= n)].append(leaf)
    for m, batch in sorted(buckets.items()):
        b = len(batch)
        adj = np.zeros((b, m, m), dtype=np.float32)
        valid = np.zeros((b, m), dtype=bool)
        for i, leaf in enumerate(batch):
            at = {v: j for j, v in enumerate(leaf.nodes)}
            valid[i, : len(at)] = True
            for u, j in at.items():  # H's adjacency directly: subgraph views are slow
                for v, d in H._adj[u].items():
                    k_ = at.get(v)
                    if k_ is not None:
                        adj[i, j, k_] = d.get("weight", 1)
        sizes = valid.sum(axis=1).astype(np.float32)
        x, y = rng.random((2, b, m), dtype=np.float32)
        pair = (valid[:, :, None] & valid[:, None, :]).astype(np.float32)
        k = np.sqrt(1.0 / sizes)[:, None, None]  # networkx's optimal distance in a unit square
        k2 = k * k
        t = np.float32(0.1)
        dt = t / (_STEPS + 1)
        for _ in range(_STEPS):
            dx = x[:, :, None] - x[:, None, :]
            dy = y[:, :, None] - y[:, None, :]
            dist = np.sqrt(dx * dx + dy * dy)
            np.clip(dist, 0.01, None, out=dist)
            force = (k2 / (dist * dist) - adj * dist / k) * pair
            fx = (dx * force).sum(axis=2)
            fy = (dy * force).sum(axis=2)
            step = t / np.clip(np.sqrt(fx * fx + fy * fy), 0.01, None) * valid
            x += fx * step
            y += fy * step
            t -= dt
        pos = np.stack([x, y], axis=-1)
        for i, leaf in enumerate(batch):
            n = len(leaf.nodes)
            xy = pos[i, :n].astype(float)
            xy -= xy.mean(axis=0)
            lim = float(np.abs(xy).max()) or 1.0
            xy *= math.sqrt(n) / lim  # unit spacing, as networkx's rescale_layout then scale
            leaf.pos = {v: (float(x), float(y)) for v, (x, y) in zip(leaf.nodes, xy, strict=True)}


def _radius(pos: dict[Any, tuple[float, float]]) -> float:
    return max((math.hypot(x, y) for x, y in pos.values()), default=0.0) + 0.5


def _rings(sub: nx.Graph, nodes: Sequence[Any]) -> dict[Any, tuple[float, float]]:
    """Rings around the best-connected node by distance from it (a star does not split)."""
    hub = max(nodes, key=lambda v: (sub.degree(v, weight="weight"), str(v)))
    depth = nx.single_source_shortest_path_length(sub, hub)
    rings: dict[int, list[Any]] = defaultdict(list)
    for v in sorted(nodes, key=str):
        rings[depth.get(v, max(depth.values()) + 1)].append(v)
    pos: dict[Any, tuple[float, float]] = {}
    radius = 0.0
    for d in sorted(rings):
        ring = rings[d]
        if d == 0:
            pos[ring[0]] = (0.0, 0.0)
            continue
        radius = max(radius + 2.0, len(ring) / (2 * math.pi))  # unit spacing along the ring
        for i, v in enumerate(ring):
            a = 2 * math.pi * i / len(ring)
            pos[v] = (radius * math.cos(a), radius * math.sin(a))
    return pos


def _arrange(H: nx.Graph, parts: Sequence[Iterable[Any]], radii: Sequence[float],
             seed: int) -> list[tuple[float, float]]:
    """Centres for discs of ``radii`` (one per part): linked parts near each other, no overlaps."""
    import numpy as np

    part_of = {v: i for i, p in enumerate(parts) for v in p}
    P = nx.Graph()
    P.add_nodes_from(range(len(parts)))
    weights: Counter[tuple[int, int]] = Counter()
    for u, a in part_of.items():  # each crossing edge seen from its lower-numbered part
        for v, d in H._adj[u].items():
            b = part_of.get(v)
            if b is not None and a < b:
                weights[(a, b)] += d.get("weight", 1)
    P.add_weighted_edges_from((a, b, w) for (a, b), w in weights.items())
    r = np.asarray(radii, dtype=float)
    centres = np.zeros((len(parts), 2))
    blobs: list[tuple[list[int], float]] = []  # linked parts, the radius of their arrangement
    for comp in sorted(nx.connected_components(P), key=lambda c: (-r[list(c)].sum(), min(c))):
        idx = sorted(comp)
        if len(idx) > 1:
            Q = nx.Graph()
            Q.add_nodes_from(idx)  # many crossing facts pull harder, but a hub does not swallow
            Q.add_weighted_edges_from((a, b, 1 + math.log(w)) for a, b, w in
                                      P.subgraph(idx).edges(data="weight"))
            raw = nx.spring_layout(Q, seed=seed, iterations=_STEPS, method="force")
            xy = np.asarray([raw[i] for i in idx], dtype=float)
            # spread so the discs about fit side by side, then push apart any still touching
            xy *= math.sqrt(float(((r[idx] + _GAP) ** 2).sum()))
            xy = _separate(xy, r[idx])
            xy -= xy.mean(axis=0)
            centres[idx] = xy
        extent = float((np.hypot(centres[idx, 0], centres[idx, 1]) + r[idx]).max())
        blobs.append((idx, extent))
    offsets = _ring_pack(np.asarray([e for _, e in blobs]))
    for (idx, _), off in zip(blobs, offsets, strict=True):
        centres[idx] += off
    return [(float(x), float(y)) for x, y in centres]


def _separate(xy: Any, r: Any, rounds: int = 200) -> Any:
    """Move overlapping discs apart along the line between their centres until none overlap."""
    import numpy as np

    n = len(xy)
    if n < 2:
        return xy
    xy = xy.copy()
    jitter = np.random.default_rng(0).normal(scale=1e-3, size=xy.shape)
    xy += jitter  # coincident centres have no direction to move in
    need = r[:, None] + r[None, :] + _GAP
    np.fill_diagonal(need, 0.0)
    area = (r + 0.5) ** 2
    share = area[None, :] / (area[:, None] + area[None, :])
    for _ in range(rounds):
        dx = xy[:, None, 0] - xy[None, :, 0]
        dy = xy[:, None, 1] - xy[None, :, 1]
        dist = np.maximum(np.sqrt(dx * dx + dy * dy), 1e-9)
        overlap = np.clip(need - dist, 0.0, None)
        if not overlap.any():
            break
        # the smaller disc moves more: a big one is not shoved away by its many small neighbours
        push = overlap / dist * share * 0.9
        xy[:, 0] += (push * dx).sum(axis=1)
        xy[:, 1] += (push * dy).sum(axis=1)
    return xy


def _ring_pack(extents: Any) -> Any:
    """Offsets for discs of ``extents`` (largest first): the first at the centre, the others
    side by side in rings around it, each ring just outside the one before."""
    import numpy as np

    placed = np.zeros((len(extents), 2))
    if len(extents) < 2:
        return placed
    base = float(extents[0]) + _GAP  # inner edge of the current ring
    theta, widest = 0.0, 0.0
    for i in range(1, len(extents)):
        e = float(extents[i])
        while True:
            mid = base + e
            theta += e / mid  # half this disc's width along the ring
            if theta + e / mid > 2 * math.pi:  # ring full: start the next one outside it
                base += 2 * widest + _GAP
                theta, widest = 0.0, 0.0
                continue
            x, y = mid * math.cos(theta), mid * math.sin(theta)
            gaps = np.hypot(placed[:i, 0] - x, placed[:i, 1] - y) - extents[:i] - e
            if (gaps >= _GAP / 2).all():
                placed[i] = (x, y)
                widest = max(widest, e)
                theta += (e + _GAP) / mid
                break
            theta += 0.5 / mid
    return placed
