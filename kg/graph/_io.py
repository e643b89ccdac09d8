"""Write projections as GraphML or GEXF (Gephi, Cytoscape, yEd) or Neo4j import CSV.

GraphML and GEXF take only scalar attributes, so attributes are converted on the way out:
``None`` is dropped (absent = unknown), lists/tuples of strings become ``"a|b"``, other
non-scalars JSON text. Reading back (``networkx.read_graphml``) therefore gives aliases as
``"a|b"``; :func:`kg.graph.find_entity` understands that form. GEXF files are dynamic: each
edge lasts from the start to the end of its fact's date (a day, a month or a year; a range
``2020/..`` stays open), each node over its edges, so Gephi's timeline can play the story.

:func:`write_entity_graph` is what ``kg export … --format`` runs: the entity projection of
a store or file in one of :data:`GRAPH_FORMATS`, written atomically.
"""

from __future__ import annotations

import calendar
import contextlib
import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

import networkx as nx

from kg.errors import KgError, OptionError

__all__ = [
    "GRAPH_FORMATS",
    "GraphExport",
    "edge_interval",
    "exportable",
    "graph_format",
    "write_entity_graph",
    "write_gexf",
    "write_graphml",
    "write_neo4j_csv",
]

#: The formats of :func:`write_entity_graph`, and the file extensions that name them.
GRAPH_FORMATS: dict[str, str | None] = {"graphml": ".graphml", "gexf": ".gexf",
                                        "neo4j-csv": None}
NEO4J_FILES = ("nodes.csv", "relationships.csv")

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


@contextlib.contextmanager
def _atomic(path: Path, mode: str = "wb", **kw: Any) -> Iterator[IO[Any]]:
    """:func:`kg.rdf.atomic_file` (whole or not at all, an ordinary file's mode), opened in
    text mode when ``mode`` is ``"w"`` (``kw``: ``encoding``, ``newline``)."""
    from kg.rdf import atomic_file

    with atomic_file(path) as out:
        if "b" in mode:
            yield out
            return
        text = io.TextIOWrapper(out, **kw)
        yield text
        text.flush()
        text.detach()  # the binary file stays open for atomic_file to close


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
    H = exportable(G)
    with _atomic(out) as f:
        nx.write_graphml(H, f, encoding="utf-8")
    return out


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _day(value: Any, last: bool) -> str | None:
    """The first (or ``last``) day of an ISO year, month or date, as ``YYYY-MM-DD``."""
    found = _ISO_DATE.fullmatch(str(value)[:10]) if value else None
    if found is None:
        return None
    year, month, day = found.groups()
    if day is not None:
        return f"{year}-{month}-{day}"
    if month is not None:
        end = calendar.monthrange(int(year), int(month))[1] if last else 1
        return f"{year}-{month}-{end:02d}"
    return f"{year}-12-31" if last else f"{year}-01-01"


def edge_interval(attrs: dict[str, Any]) -> tuple[str | None, str | None]:
    """The ``(start, end)`` days a fact's edge lasts: its time range, else its ``date``.

    A date lasts its whole day, month or year; an open end (``2020/..``) is ``None``; an
    undated edge is ``(None, None)``.

    >>> edge_interval({"date": "2025-12"}), edge_interval({"date": "2020", "time": "2020/.."})
    (('2025-12-01', '2025-12-31'), ('2020-01-01', None))
    """
    time = str(attrs.get("time") or "")
    if "/" in time:
        begin, _, end = time.partition("/")
        start, stop = _day(begin, last=False), _day(end, last=True)
        if start or stop:
            return start, stop
    date = attrs.get("date")
    return _day(date, last=False), _day(date, last=True)


def write_gexf(G: nx.Graph, path: str | Path, *, dynamic: bool = True) -> Path:
    """Write ``G`` as GEXF 1.2 (attributes made scalar, see :func:`exportable`); returns the path.

    GEXF reserves the edge attribute names ``type``/``start``/``end``/``label``/``weight``,
    so such edge attributes are written with a ``kg_`` prefix. ``dynamic=True`` gives each
    dated edge the ``start``/``end`` of :func:`edge_interval` and each node the span of its
    edges (open where one of them is), so Gephi's timeline shows facts as they happen.

    >>> import tempfile, networkx as nx
    >>> from kg.graph import example_graph
    >>> with tempfile.TemporaryDirectory() as d:
    ...     H = nx.read_gexf(write_gexf(example_graph(), d + "/g.gexf"))
    >>> H.number_of_nodes(), H.number_of_edges(), H.graph["mode"]
    (8, 6, 'dynamic')
    >>> sorted({(d["start"], d["end"]) for *_, d in H.edges(data=True)})[0]
    ('2025-12-12', '2025-12-12')
    """
    H = exportable(G)
    reserved = {"type", "start", "end", "label", "weight", "id"}
    spans: dict[Any, list[tuple[str | None, str | None]]] = {v: [] for v in H}
    for u, v, d in H.edges(data=True):
        interval = edge_interval(d)
        for name in reserved & d.keys():
            d["kg_" + name] = d.pop(name)
        if dynamic:
            spans[u].append(interval)
            spans[v].append(interval)
            _set_interval(d, interval)
    for v, intervals in spans.items():
        if intervals:  # a node lives while its facts do: open where one of them is
            _set_interval(H.nodes[v], _span(intervals))
    out = Path(path)
    with _atomic(out) as f:
        nx.write_gexf(H, f, encoding="utf-8")
    return out


def _span(intervals: list[tuple[str | None, str | None]]) -> tuple[str | None, str | None]:
    starts = [s for s, _ in intervals if s is not None]
    ends = [e for _, e in intervals if e is not None]
    return (min(starts) if len(starts) == len(intervals) else None,
            max(ends) if len(ends) == len(intervals) else None)


def _set_interval(attrs: dict[str, Any], interval: tuple[str | None, str | None]) -> None:
    for name, value in zip(("start", "end"), interval, strict=True):
        if value is not None:
            attrs[name] = value


# --- Neo4j admin-import CSV ------------------------------------------------------------------

#: Attributes whose ISO year/month/date values are Neo4j ``date`` properties.
_DATE_ATTRIBUTES = {"date", "published"}
_NEO4J_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _neo4j_name(text: Any, fallback: str) -> str:
    """``text`` as a Neo4j label or relationship type: word characters only, no leading digit."""
    name = re.sub(r"\W+", "_", str(text or "")).strip("_")
    if not name:
        return fallback
    return f"{fallback}_{name}" if name[0].isdigit() else name


def _neo4j_type(name: str, values: list[Any]) -> str:
    """The header type of a column (``""`` for strings) from all its non-empty values."""
    if not values:
        return ""
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"  # not "float": 32 bits would read 0.2703 back as 0.27030000090599060
    if all(isinstance(v, (list, tuple, set, frozenset)) for v in values):
        return "string[]"
    if name in _DATE_ATTRIBUTES and all(_NEO4J_DATE.fullmatch(str(v)) for v in values):
        return "date"
    return ""


def _neo4j_text(value: Any) -> str:
    # neo4j-admin reads one record per line unless told --multiline-fields=true
    return re.sub(r"[\r\n]+", " ", value if isinstance(value, str) else json.dumps(
        value, default=str, ensure_ascii=False, sort_keys=True))


def _neo4j_value(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("long", "double"):
        return repr(value)
    if kind == "string[]":  # ";" is the importer's array delimiter
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return ";".join(_neo4j_text(str(x)).replace(";", ",") for x in items)
    return _neo4j_text(value)


def _columns(rows: list[dict[str, Any]], skip: set[str]) -> list[tuple[str, str]]:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(k for k, v in row.items() if v is not None and k not in skip))
    return [(n, _neo4j_type(n, [r[n] for r in rows if r.get(n) is not None])) for n in names]


def _write_csv(path: Path, header: list[str], rows: Iterator[list[str]]) -> None:
    with _atomic(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def write_neo4j_csv(G: nx.Graph, directory: str | Path) -> tuple[Path, Path]:
    """Write ``G`` as ``nodes.csv`` and ``relationships.csv`` in ``directory``, the files of
    ``neo4j-admin database import full --nodes=DIR/nodes.csv
    --relationships=DIR/relationships.csv``.

    Nodes: ``iri:ID``, ``name`` (the label), ``:LABEL`` (``Entity;Person``, or ``Concept``) and
    the other node attributes (``aliases:string[]``). Relationships: ``:START_ID``,
    ``:END_ID``, ``:TYPE`` (the lemma as ``RELEASE``, ``HAND_OVER_TO``) and every edge
    attribute, typed in the header when all its values agree (``date:date``,
    ``published:date``, ``confidence:double``, ``negated:boolean``, ``sentence_start:long``),
    text otherwise; line breaks in text become spaces. Returns the two paths.

    >>> import csv, tempfile
    >>> from kg.graph import example_graph
    >>> with tempfile.TemporaryDirectory() as d:
    ...     nodes, rels = write_neo4j_csv(example_graph(), d)
    ...     header = rels.read_text(encoding="utf-8").splitlines()[0].split(",")
    ...     first = next(csv.DictReader(nodes.read_text(encoding="utf-8").splitlines()))
    >>> header[:3], "date:date" in header, "confidence:double" in header
    ([':START_ID', ':END_ID', ':TYPE'], True, True)
    >>> first["name"], first[":LABEL"]
    ('Belarus', 'Entity;Place')
    """
    out = Path(directory)
    if out.exists() and not out.is_dir():
        raise KgError(f"{out}: Neo4j CSV goes into a directory (nodes.csv, relationships.csv); "
                      "this is a file")
    nodes = [dict(d) for _, d in G.nodes(data=True)]
    node_cols = _columns(nodes, {"label"})
    edges = [(u, v, d) for u, v, d in G.edges(data=True)]
    edge_cols = _columns([d for *_, d in edges], set())

    def header(cols: list[tuple[str, str]]) -> list[str]:
        return [f"{n}:{k}" if k else n for n, k in cols]

    def labels(d: dict[str, Any]) -> str:
        typ = str(d.get("type") or "Entity")
        if typ == "Concept":
            return "Concept"
        return "Entity" if typ == "Entity" else f"Entity;{_neo4j_name(typ, 'Entity')}"

    def node_rows() -> Iterator[list[str]]:
        for (v, d) in G.nodes(data=True):
            yield [str(v), _neo4j_text(d.get("label", v)), labels(d),
                   *(_neo4j_value(d.get(n), k) for n, k in node_cols)]

    def edge_rows() -> Iterator[list[str]]:
        for u, v, d in edges:
            kind = d.get("lemma") or d.get("predicate") or d.get("role")
            yield [str(u), str(v), _neo4j_name(str(kind or "").upper(), "RELATED_TO"),
                   *(_neo4j_value(d.get(n), k) for n, k in edge_cols)]

    paths = out / NEO4J_FILES[0], out / NEO4J_FILES[1]
    _write_csv(paths[0], ["iri:ID", "name", ":LABEL", *header(node_cols)], node_rows())
    _write_csv(paths[1], [":START_ID", ":END_ID", ":TYPE", *header(edge_cols)], edge_rows())
    return paths


# --- the entity projection, as `kg export --format` writes it ---------------------------------


class GraphExport(NamedTuple):
    """What :func:`write_entity_graph` wrote: the files, and the projection's size."""

    format: str
    paths: tuple[Path, ...]
    nodes: int
    edges: int

    def summary(self) -> str:
        """One line for a person: what was written, how big.

        >>> GraphExport("gexf", (Path("g.gexf"),), 45, 65).summary()
        'wrote g.gexf: entity graph of 45 nodes and 65 edges'
        """
        what = " and ".join(str(p) for p in self.paths)
        return f"wrote {what}: entity graph of {self.nodes} nodes and {self.edges} edges"


def graph_format(path: str | Path, fmt: str | None = None) -> str | None:
    """The graph format to write ``path`` in: ``fmt`` when given, else named by the extension
    (``.graphml``, ``.gexf``); ``None`` when neither names one (an RDF file, say).

    >>> graph_format("out/demo.GEXF"), graph_format("neo4j", "neo4j-csv"), graph_format("g.trig")
    ('gexf', 'neo4j-csv', None)
    >>> graph_format("g.trig", "dot")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.OptionError: format='dot': choose graphml, gexf or neo4j-csv (RDF files go by ...)
    """
    if fmt is not None:
        if fmt not in GRAPH_FORMATS:
            raise OptionError("format", fmt, f"choose {', '.join(list(GRAPH_FORMATS)[:-1])} or "
                              f"{list(GRAPH_FORMATS)[-1]} (RDF files go by their extension: "
                              ".trig, .nq, .jsonld)")
        return fmt
    suffix = Path(path).suffix.lower()
    return next((name for name, ext in GRAPH_FORMATS.items() if ext == suffix), None)


def write_entity_graph(
    source: Any, path: str | Path, fmt: str | None = None, *, concepts: bool = False
) -> GraphExport:
    """Write the entity projection of ``source`` (an entity graph, or anything
    :func:`kg.graph.entity_graph` accepts) as GraphML, GEXF or Neo4j CSV.

    ``fmt`` is one of :data:`GRAPH_FORMATS`; by default the extension of ``path`` names it.
    Edges carry every fact attribute (lemma, predicate, event IRI, sentence, date, article,
    confidence …); GEXF edges and nodes also a ``start``/``end`` (:func:`write_gexf`). For
    ``neo4j-csv``, ``path`` is a directory that gets ``nodes.csv`` and ``relationships.csv``
    (:func:`write_neo4j_csv`). Each file is written whole or not at all.

    >>> import tempfile
    >>> from kg.graph import example_dataset
    >>> with tempfile.TemporaryDirectory() as d:
    ...     done = write_entity_graph(example_dataset(), d + "/g.graphml")
    >>> done.format, done.nodes, done.edges
    ('graphml', 8, 6)
    """
    kind = graph_format(path, fmt)
    if kind is None:
        raise KgError(f"{path}: give a format ({', '.join(GRAPH_FORMATS)}) or a file ending "
                      f"in {' or '.join(e for e in GRAPH_FORMATS.values() if e)}")
    if isinstance(source, nx.Graph):
        G = source
    else:
        from kg.graph._project import entity_graph

        G = entity_graph(source, concepts=concepts)
    writers: dict[str, Callable[[nx.Graph, Path], Any]] = {
        "graphml": write_graphml, "gexf": write_gexf, "neo4j-csv": write_neo4j_csv}
    written = writers[kind](G, Path(path))
    paths = tuple(written) if isinstance(written, tuple) else (written,)
    return GraphExport(kind, paths, G.number_of_nodes(), G.number_of_edges())
