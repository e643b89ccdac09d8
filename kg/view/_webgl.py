"""The big-graph page: sigma.js + graphology (WebGL), positions computed here beforehand.

:func:`kg.view.render_html` picks it above :data:`kg.view.WEBGL_MIN_NODES` nodes. The page
has the vis-network page's skeleton, controls and JSON payload (:mod:`kg.view._html`), plus
each node's position and community from :func:`kg.view.community_layout`, so it paints at
once, and opens on a community overview when the graph is big.
"""

from __future__ import annotations

from collections import Counter
from importlib.resources import files
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.view._assets import without_source_map
from kg.view._layout import Layout, community_layout

__all__ = ["OVERVIEW_MIN_NODES", "VENDOR_FILES", "webgl_assets", "webgl_payload"]

#: Pages with more entities than this open on the community overview (one disc per
#: community); smaller ones show every entity at once, where a disc would hide little.
OVERVIEW_MIN_NODES = 200

#: The vendored builds inlined into the page, in load order (see vendor/README.md).
VENDOR_FILES = ("graphology.umd.min.js", "sigma.min.js")


def webgl_assets() -> str:
    """graphology's and sigma's minified builds, from the package's ``vendor`` folder."""
    folder = files("kg.view").joinpath("vendor")
    parts = []
    for name in VENDOR_FILES:
        path = folder.joinpath(name)
        if not path.is_file():
            raise KgError(f"{path}: the page's vendored JavaScript is missing; reinstall kg")
        parts.append(without_source_map(path.read_text(encoding="utf-8")))
    return "\n;\n".join(parts)


def webgl_payload(G: nx.Graph, data: dict[str, Any], *, seed: int = 0,
                  layout: Layout | None = None) -> dict[str, Any]:
    """``data`` (the vis page's payload for ``G``, in ``G``'s node order) plus positions.

    Each node gets ``x``, ``y`` and its community ``c``; ``communities`` lists each one's
    centre, size, colour (its commonest entity type's, Concept last), members (highest
    PageRank first) and label (its highest-PageRank member's, an entity before a Concept);
    ``overview`` says whether the page opens on them.
    """
    lay = layout if layout is not None else community_layout(G, seed=seed)
    nodes = data["nodes"]
    index = {v: i for i, v in enumerate(G.nodes)}
    for v, row in zip(G.nodes, nodes, strict=True):
        x, y = lay.positions[v]
        row["x"], row["y"], row["c"] = x, y, lay.community[v]
    colors = {t["name"]: t["color"] for t in data["types"]}
    out = []
    for i, group in enumerate(lay.groups):
        members = sorted((index[v] for v in group.members), key=lambda j: -nodes[j]["pr"])
        # its commonest entity type; phrases (Concept) only when it holds nothing else
        kinds = Counter(nodes[j]["type"] for j in members)
        named = [k for k, _ in kinds.most_common() if k != "Concept"]
        kind = named[0] if named else "Concept"
        # named after its most central entity: a phrase ("it", "the police") only when it
        # holds no entity
        head = next((j for j in members if nodes[j]["type"] != "Concept"), members[0])
        out.append({
            "id": i, "x": group.x, "y": group.y, "r": group.radius, "size": len(members),
            "label": nodes[head]["label"], "color": colors[kind], "members": members,
        })
    for row in data["edges"]:
        row.pop("smooth", None)  # vis-network's curves for parallel edges: drawn straight here
    payload = {k: v for k, v in data.items() if k != "iterations"}
    payload["communities"] = out
    payload["overview"] = len(nodes) > OVERVIEW_MIN_NODES and len(out) > 1
    return payload
