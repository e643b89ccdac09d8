"""Write projections as GraphML or GEXF for Gephi, Cytoscape, yEd.

Both formats take only scalar attributes, so attributes are converted on the way out: ``None``
is dropped (absent = unknown), lists/tuples of strings become ``"a|b"``, other non-scalars
JSON text. Reading back (``networkx.read_graphml``) therefore gives aliases as ``"a|b"``;
:func:`kg.graph.find_entity` understands that form.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["exportable", "write_gexf", "write_graphml"]

_SCALARS = (str, bool, int, float)


def _scalar(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(x, str) for x in value):
        return "|".join(sorted(value) if isinstance(value, (set, frozenset)) else value)
    return json.dumps(value, default=str, ensure_ascii=False, sort_keys=True)


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {str(k): _scalar(v) for k, v in attrs.items() if v is not None}


def exportable(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` with only scalar, non-None attributes and string node ids/keys.

    >>> from kg.graph import example_graph
    >>> H = exportable(example_graph())
    >>> H.nodes["https://example.org/kg/entity/united-states"]["aliases"]
    'U.S.|US'
    >>> "modality" in next(iter(H.edges(data=True)))[2]
    False
    """
    H = G.__class__()
    H.graph.update(_clean(dict(G.graph)))
    for v, d in G.nodes(data=True):
        H.add_node(str(v), **_clean(d))
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            H.add_edge(str(u), str(v), key=str(k), **_clean(d))
    else:
        for u, v, d in G.edges(data=True):
            H.add_edge(str(u), str(v), **_clean(d))
    return H


def write_graphml(G: nx.Graph, path: str | Path) -> Path:
    """Write ``G`` as GraphML (attributes made scalar, see :func:`exportable`); returns the path.

    >>> import tempfile, networkx as nx
    >>> from kg.graph import example_graph
    >>> with tempfile.TemporaryDirectory() as d:
    ...     H = nx.read_graphml(write_graphml(example_graph(), d + "/g.graphml"))
    >>> H.number_of_nodes(), H.number_of_edges()
    (8, 6)
    """
    out = Path(path)
    nx.write_graphml(exportable(G), out, encoding="utf-8")
    return out


def write_gexf(G: nx.Graph, path: str | Path) -> Path:
    """Write ``G`` as GEXF 1.2 (attributes made scalar, see :func:`exportable`); returns the path.

    GEXF reserves the edge attribute names ``type``/``start``/``end``/``label``/``weight``,
    so such edge attributes are written with a ``kg_`` prefix.

    >>> import tempfile, networkx as nx
    >>> from kg.graph import example_graph
    >>> with tempfile.TemporaryDirectory() as d:
    ...     H = nx.read_gexf(write_gexf(example_graph(), d + "/g.gexf"))
    >>> H.number_of_nodes(), H.number_of_edges()
    (8, 6)
    """
    H = exportable(G)
    reserved = {"type", "start", "end", "label", "weight", "id"}
    for *_, d in H.edges(data=True):
        for name in reserved & d.keys():
            d["kg_" + name] = d.pop(name)
    out = Path(path)
    nx.write_gexf(H, out, encoding="utf-8")
    return out
