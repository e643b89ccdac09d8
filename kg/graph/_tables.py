"""The analyses as ``(header, rows)`` tables: what ``kg analyze`` prints, CSVs and JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import networkx as nx

from kg.graph._analysis import (
    _label,
    communities,
    facts_between,
    plot_timeline,
    shortest_path,
    timeline,
    top_entities,
)
from kg.graph._analysis import ego as _ego_graph

__all__ = ["analysis_table"]

Table = tuple[list[str], list[list[Any]]]


def analysis_table(
    G: Any,
    *,
    top: int = 10,
    by: Literal["pagerank", "degree", "betweenness"] = "pagerank",
    path: tuple[str, str] | None = None,
    communities: bool = False,
    timeline: str | None = None,
    ego: str | None = None,
    hops: int = 2,
    png: str | Path | None = None,
) -> Table:
    """One analysis of ``G`` as a table; the first option given picks which.

    ``G`` is an entity graph, or anything :func:`kg.graph.entity_graph` accepts (a dataset,
    store or file: then it is projected here, and timelines also list facts with a single
    participant). ``path`` → the shortest path and every fact along each of its steps (an
    entity found inside a phrase is shown as ``United States (in "the US embassy in
    Vilnius")``); ``communities`` → one row per community; ``timeline`` → the entity's dated
    facts (and a PNG plot when ``png`` is given); ``ego`` → the facts within ``hops`` of the
    entity; else the ``top`` entities ranked ``by`` centrality.

    >>> from kg.graph import example_graph
    >>> header, rows = analysis_table(example_graph(), top=2, by="degree")
    >>> header, [r[1] for r in rows]
    (['rank', 'entity', 'type', 'degree'], ['Ales Bialiatski', 'Alexander Lukashenko'])
    """
    source: Any = None
    if not isinstance(G, nx.Graph):
        from kg.graph._project import _index, entity_graph

        source = _index(G)  # read once; the timeline reads the events themselves
        # a path or ego network of an entity in no fact is "no path", not "no such entity"
        G = entity_graph(source, isolated=path is not None or ego is not None)
    if path is not None:
        return _path_table(G, *path)
    if communities:
        return _community_table(G)
    if timeline is not None:
        return _timeline_table(G if source is None else source, timeline, png)
    if ego is not None:
        return _fact_table(_ego_graph(G, ego, hops))
    rows = [
        [rank, label, G.nodes[node].get("type"), round(score, 4)]
        for rank, (node, label, score) in enumerate(top_entities(G, by, top), start=1)
    ]
    return ["rank", "entity", "type", by], rows


def _end(G: nx.Graph, node: Any, phrase: Any) -> str:
    label = _label(G, node)
    return f'{label} (in "{phrase}")' if phrase is not None and phrase != label else label


def _path_table(G: nx.MultiDiGraph, a: str, b: str) -> Table:
    nodes = shortest_path(G, a, b)
    rows: list[list[Any]] = []
    for step, (u, v) in enumerate(zip(nodes, nodes[1:], strict=False), start=1):
        for fact in facts_between(G, u, v):  # node ids: two entities may share a label
            rows.append(
                [
                    step,
                    _end(G, fact["source"], fact.get("subject_phrase")),
                    fact.get("predicate"),
                    _end(G, fact["target"], fact.get("object_phrase")),
                    fact.get("sentence"),
                ]
            )
    return ["step", "subject", "predicate", "object", "sentence"], rows


def _community_table(G: nx.MultiDiGraph) -> Table:
    rows = [
        [i, c.label, len(c), ", ".join(_label(G, m) for m in c.members[:8])]
        for i, c in enumerate(communities(G), start=1)
    ]
    return ["community", "label", "size", "members"], rows


def _timeline_table(G: Any, name: str, png: str | Path | None) -> Table:
    rows = timeline(G, name)
    if png is not None:
        plot_timeline(rows, png, title=name)
    return ["date", "predicate", "other", "negated", "sentence"], [
        [r.date, r.predicate, r.other, r.negated, r.sentence] for r in rows
    ]


def _fact_table(H: nx.MultiDiGraph) -> Table:
    rows = [
        [_end(H, s, d.get("subject_phrase")), d.get("predicate"),
         _end(H, t, d.get("object_phrase")), d.get("date"), d.get("sentence")]
        for s, t, d in H.edges(data=True)
    ]
    return ["subject", "predicate", "object", "date", "sentence"], rows
