"""The analyses as titled ``(header, rows)`` tables: what ``kg analyze`` prints, CSVs and JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, NamedTuple

import networkx as nx

from kg.errors import KgError, OptionError
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

__all__ = ["AnalysisTable", "analysis_table", "analysis_tables", "requested_analyses"]

Table = tuple[list[str], list[list[Any]]]
Measure = Literal["pagerank", "degree", "betweenness"]
MEASURES: tuple[str, ...] = ("pagerank", "degree", "betweenness")


class AnalysisTable(NamedTuple):
    """One analysis: its ``name`` (``top``, ``communities``, ``path``, ``timeline``, ``ego``),
    a ``title`` saying what was asked, and the table itself."""

    name: str
    title: str
    header: list[str]
    rows: list[list[Any]]


def analysis_tables(
    G: Any,
    *,
    top: int | None = None,
    by: Measure | None = None,
    path: tuple[str, str] | None = None,
    communities: bool = False,
    timeline: str | None = None,
    ego: str | None = None,
    hops: int | None = None,
    png: str | Path | None = None,
) -> list[AnalysisTable]:
    """Every analysis asked for, each as its own titled table, in this order: the ranking,
    the communities, the path, the timeline, the ego network.

    ``G`` is an entity graph, or anything :func:`kg.graph.entity_graph` accepts (a dataset,
    store or file: then it is projected here, and timelines also list facts with a single
    participant). ``top``/``by`` → the ``top`` (default 10) entities ranked ``by`` centrality
    (default ``pagerank``), also the analysis made when no other is asked for; ``communities``
    → one row per community; ``path`` → the shortest path and every fact along each of its
    steps (an entity found inside a phrase is shown as ``United States (in "the US embassy in
    Vilnius")``); ``timeline`` → the entity's dated facts (and a PNG plot when ``png`` is
    given); ``ego`` → the facts within ``hops`` (default 2) of the entity. ``png`` without
    ``timeline``, or ``hops`` without ``ego``, would be ignored: they raise
    :class:`kg.errors.KgError` instead.

    >>> from kg.graph import example_graph
    >>> for t in analysis_tables(example_graph(), top=2, by="degree", ego="Vilnius", hops=1):
    ...     print(t.title, [row[1] for row in t.rows])
    top 2 entities by degree ['Ales Bialiatski', 'Alexander Lukashenko']
    facts within 1 hop of Vilnius ['arrived in']
    >>> analysis_tables(example_graph(), png="plot.png")
    Traceback (most recent call last):
    kg.errors.OptionError: png='plot.png': draws a timeline: add timeline NAME, or drop png
    """
    if png is not None and timeline is None:
        raise OptionError("png", png, "draws a timeline: add {timeline} NAME, or drop {png}")
    if hops is not None and ego is None:
        raise OptionError("hops", hops, "sets the reach of {ego}: add {ego} NAME, or drop {hops}")
    if by is not None and by not in MEASURES:
        raise OptionError("by", by, f"choose {', '.join(MEASURES[:-1])} or {MEASURES[-1]}")
    if top is not None and top < 1:
        raise OptionError("top", top, "give a number of entities of 1 or more")
    if hops is not None and hops < 1:
        raise OptionError("hops", hops, "give a number of steps of 1 or more")
    source: Any = None
    linked = G  # what the ranking and communities see
    if not isinstance(G, nx.Graph):
        from kg.graph._project import _index, entity_graph

        source = _index(G)  # read once; the timeline reads the events themselves
        # a path or ego network of an entity in no fact is "no path", not "no such entity"
        G = linked = entity_graph(source, isolated=path is not None or ego is not None)
        if path is not None or ego is not None:  # ranks as if projected without them
            linked = G.subgraph([v for v in G if G.degree(v)])
    asked = requested_analyses(top=top, by=by, path=path, communities=communities,
                               timeline=timeline, ego=ego)
    tables: list[AnalysisTable] = []
    if "top" in asked:
        n, measure = top or 10, by or "pagerank"
        plural = "entity" if n == 1 else "entities"
        tables.append(AnalysisTable("top", f"top {n} {plural} by {measure}",
                                    *_top_table(linked, measure, n)))
    if communities:
        tables.append(AnalysisTable("communities", "communities", *_community_table(linked)))
    if path is not None:
        a, b = path
        tables.append(AnalysisTable("path", f"path from {a} to {b}", *_path_table(G, a, b)))
    if timeline is not None:
        table = _timeline_table(G if source is None else source, timeline, png)
        tables.append(AnalysisTable("timeline", f"timeline of {timeline}", *table))
    if ego is not None:
        reach = 2 if hops is None else hops
        title = f"facts within {reach} {'hop' if reach == 1 else 'hops'} of {ego}"
        tables.append(AnalysisTable("ego", title, *_fact_table(_ego_graph(G, ego, reach))))
    return tables


def requested_analyses(
    *,
    top: int | None = None,
    by: str | None = None,
    path: tuple[str, str] | None = None,
    communities: bool = False,
    timeline: str | None = None,
    ego: str | None = None,
) -> list[str]:
    """The names of the tables :func:`analysis_tables` makes for these options, in order.

    The ranking (``top``) is made when ``top`` or ``by`` is given, or when nothing else is.

    >>> requested_analyses(), requested_analyses(by="degree", communities=True)
    (['top'], ['top', 'communities'])
    >>> requested_analyses(timeline="Belarus", ego="Minsk")
    ['timeline', 'ego']
    """
    asked = [name for name, wanted in (("communities", communities), ("path", path is not None),
                                       ("timeline", timeline is not None),
                                       ("ego", ego is not None)) if wanted]
    return ["top", *asked] if top is not None or by is not None or not asked else asked


def analysis_table(
    G: Any,
    *,
    top: int | None = None,
    by: Measure | None = None,
    path: tuple[str, str] | None = None,
    communities: bool = False,
    timeline: str | None = None,
    ego: str | None = None,
    hops: int | None = None,
    png: str | Path | None = None,
) -> Table:
    """One analysis of ``G`` as ``(header, rows)``: :func:`analysis_tables` for a single one.

    Asking for several (say ``communities=True`` and ``timeline="Belarus"``) raises
    :class:`kg.errors.KgError` naming them, rather than answering only one.

    >>> from kg.graph import example_graph
    >>> header, rows = analysis_table(example_graph(), top=2, by="degree")
    >>> header, rows[0]
    (['rank', 'entity', 'type', 'degree'], [1, 'Ales Bialiatski', 'Person', 3])
    >>> analysis_table(example_graph(), communities=True, timeline="Vilnius")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.KgError: analysis_table makes one table, not 2 (communities, timeline): use ...
    """
    tables = analysis_tables(G, top=top, by=by, path=path, communities=communities,
                             timeline=timeline, ego=ego, hops=hops, png=png)
    if len(tables) > 1:
        names = ", ".join(t.name for t in tables)
        raise KgError(f"analysis_table makes one table, not {len(tables)} ({names}): "
                      "use analysis_tables")
    return tables[0].header, tables[0].rows


def _top_table(G: nx.MultiDiGraph, by: Measure, n: int) -> Table:
    rows = [
        [rank, label, G.nodes[node].get("type"), round(score, 4)]
        for rank, (node, label, score) in enumerate(top_entities(G, by, n), start=1)
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
    return ["date", "predicate", "other", "negated", "reports", "sentence"], [
        [r.date, r.predicate, r.other, r.negated, r.reports, r.sentence] for r in rows
    ]


def _fact_table(H: nx.MultiDiGraph) -> Table:
    rows = [
        [_end(H, s, d.get("subject_phrase")), d.get("predicate"),
         _end(H, t, d.get("object_phrase")), d.get("date"), d.get("reports", 1),
         d.get("sentence")]
        for s, t, d in H.edges(data=True)
    ]
    return ["subject", "predicate", "object", "date", "reports", "sentence"], rows
