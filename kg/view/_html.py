"""Render an entity graph as one self-contained, offline HTML explorer page.

Small graphs get vis-network (physics in the page); above :data:`WEBGL_MIN_NODES` nodes the
page uses sigma.js on WebGL with positions computed beforehand (:mod:`kg.view._webgl`). The
page is written directly rather than through pyvis's template, because that template links
tom-select/bootstrap from CDNs; only vis-network's JS/CSS (the copy bundled inside the pyvis
package), or the vendored sigma/graphology builds, are inlined, so the file opens with no
network at all.
"""

from __future__ import annotations

import html
import importlib.util
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Any, Literal

import networkx as nx

from kg.errors import KgError
from kg.graph import ego, find_entity, pagerank
from kg.rdf import negated_lemma
from kg.view._assets import PAGE, PAGE_CSS, PAGE_JS, without_source_map

__all__ = [
    "ViewSummary", "counts_text", "render_html", "to_json_script", "TYPE_COLORS", "WEBGL_MIN_NODES",
]

#: Above this many nodes, ``renderer="auto"`` writes the WebGL page. vis-network settles its
#: layout by simulating physics in the page, which grows with the graph: in headless Chromium
#: on 2 cores 500 nodes took 8 s, 1,000 nodes 16 s, 2,000 nodes 28-32 s, and its canvas
#: redraws every node each frame. The WebGL page paints a precomputed layout at once (20,000
#: nodes in under 3 s); below this size vis-network's live layout and curved, labelled edges
#: are worth the wait.
WEBGL_MIN_NODES = 1000

# Colour per entity type (kg.vocab class local names and spaCy/coarse labels); others get the
# fallback palette in order of first appearance.
TYPE_COLORS: dict[str, str] = {
    "Person": "#4e79a7",
    "PERSON": "#4e79a7",
    "Organisation": "#f28e2b",
    "Organization": "#f28e2b",
    "ORG": "#f28e2b",
    "Place": "#59a14f",
    "GPE": "#59a14f",
    "LOC": "#59a14f",
    "Group": "#b07aa1",
    "NORP": "#b07aa1",
    "Product": "#edc948",
    "PRODUCT": "#edc948",
    "Event": "#e15759",
    "EVENT": "#e15759",
    "Thing": "#bab0ac",
    "Entity": "#bab0ac",
    "Concept": "#c9c9c9",  # phrases naming no entity: quiet, so entities stand out
}
_FALLBACK = ["#76b7b2", "#ff9da7", "#9c755f", "#86bcb6", "#d37295", "#8cd17d", "#a0cbe8"]
_VIS_DIR = ("templates", "lib", "vis-9.1.2")


@dataclass(frozen=True)
class ViewSummary:
    """What :func:`render_html` wrote: visible node/edge counts and nodes left out by the cap."""

    nodes: int
    edges: int
    dropped_nodes: int
    path: Path
    renderer: str = "vis"  # "vis" (vis-network) or "webgl" (sigma.js)
    #: the page's own line of what it draws and leaves out (:func:`counts_text`)
    stated: str = field(default="", repr=False, compare=False)

    def iframe(self, height: int = 650) -> str:
        """The written page inlined in an ``<iframe srcdoc>``: the view inside a notebook.

        A notebook shows a ``ViewSummary`` this way (``_repr_html_``). The page travels inside
        the cell output, so it needs no file server and stays in the saved notebook.

        >>> import tempfile
        >>> from kg.graph import example_graph
        >>> with tempfile.TemporaryDirectory() as d:
        ...     tag = render_html(example_graph(), d + "/g.html").iframe(height=400)
        >>> tag[:30], "height:400px" in tag, tag.endswith("></iframe>")
        ('<iframe srcdoc="&lt;!DOCTYPE h', True, True)
        """
        page = html.escape(self.path.read_text(encoding="utf-8"), quote=True)
        return (
            f'<iframe srcdoc="{page}" title="kg view" '
            f'style="width:100%;height:{height}px;border:1px solid #ccc"></iframe>'
        )

    def _repr_html_(self) -> str:
        return self.iframe()


def to_json_script(data: Any) -> str:
    """JSON safe to place inside ``<script>``: ``<``, ``>``, ``&``, U+2028/9 as ``\\uXXXX``.

    >>> to_json_script({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                     ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return text


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the pyvis package (found without importing pyvis)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise KgError("pyvis is not installed; it provides vis-network for the HTML view "
                      "(pip install pyvis==0.3.2)")
    base = Path(next(iter(spec.submodule_search_locations))).joinpath(*_VIS_DIR)
    js, css = base / "vis-network.min.js", base / "vis-network.css"
    if not js.is_file():
        raise KgError(f"{js}: vis-network is missing from the pyvis package; reinstall pyvis")
    script = without_source_map(js.read_text(encoding="utf-8"))
    return script, without_source_map(css.read_text(encoding="utf-8"))


def _scalar_or_none(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def _aliases(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [a for a in value.split("|") if a]
    return [str(a) for a in value]


def _find(sentence: str, text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    at = sentence.casefold().find(text.casefold())
    return (at, at + len(text)) if at >= 0 else None


def _highlights(d: dict[str, Any], subj: str, obj: str) -> list[list[Any]]:
    """Sentence-relative ``[start, end, "subject"|"object"|"predicate"]`` spans to mark."""
    sentence = str(d.get("sentence") or "")
    base = d.get("sentence_start")
    spans: list[list[Any]] = []
    for part, fallback in (("subject", subj), ("object", obj), ("predicate", None)):
        s, e = d.get(f"{part}_start"), d.get(f"{part}_end")
        if isinstance(base, int) and isinstance(s, int) and isinstance(e, int) and s < e:
            found: tuple[int, int] | None = (s - base, e - base)
        else:
            found = _find(sentence, d.get(f"{part}_text") or fallback)
        if found and 0 <= found[0] < found[1] <= len(sentence):
            spans.append([found[0], found[1], part])
    return spans


def _reports(d: dict[str, Any]) -> tuple[int, list[str]]:
    """How many reports an edge gathers (one per happening, :func:`kg.graph.entity_graph`)
    and the sentences of those after the first (the edge's own ``sentence``)."""
    n = d.get("reports")
    count = n if isinstance(n, int) and n > 0 else 1
    texts = d.get("report_sentences")
    if not isinstance(texts, (list, tuple)):
        return count, []
    return count, [str(t) for t in texts[1:] if t]


def _cap(G: nx.Graph, rank: dict[Any, float], max_nodes: int) -> tuple[nx.Graph, int]:
    if max_nodes <= 0 or len(G) <= max_nodes:
        return G, 0
    keep = sorted(G, key=lambda v: (-rank.get(v, 0.0), str(v)))[:max_nodes]
    return G.subgraph(keep).copy(), len(G) - max_nodes


def _smooth(edge_list: list[tuple[Any, Any, Any]], index: dict[Any, int]) -> dict[Any, Any]:
    """Curve parallel edges apart: the i-th edge of a pair bends further out, sides alternating."""
    by_pair: dict[tuple[int, int], list[tuple[Any, Any, Any]]] = defaultdict(list)
    for u, v, k in edge_list:
        a, b = index[u], index[v]
        by_pair[(min(a, b), max(a, b))].append((u, v, k))
    smooth: dict[Any, Any] = {}
    for (a, _b), group in by_pair.items():
        if len(group) < 2:
            continue
        for i, (u, v, k) in enumerate(group):
            clockwise = (i % 2 == 0) == (index[u] == a)  # reversed edges flip the side
            smooth[(u, v, k)] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": round(0.15 + 0.2 * (i // 2), 2),
            }
    return smooth


def _colors(G: nx.Graph) -> tuple[Counter[str], dict[str, str]]:
    """Node counts by type and a colour per type, the commonest types first."""
    type_counts = Counter(str(G.nodes[v].get("type") or "Thing") for v in G)
    colors: dict[str, str] = {}
    for name, _ in sorted(type_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        colors[name] = TYPE_COLORS.get(name) or _FALLBACK[len(colors) % len(_FALLBACK)]
    return type_counts, colors


def _node_rows(
    G: nx.Graph, index: dict[Any, int], rank: dict[Any, float], colors: dict[str, str]
) -> list[dict[str, Any]]:
    """One row per node: label, type, IRI, aliases, descriptions (``desc``), size by PageRank."""
    prs = [rank.get(v, 0.0) for v in index]
    lo, hi = (min(prs), max(prs)) if prs else (0.0, 0.0)
    rows = []
    for v in index:
        d = G.nodes[v]
        pr = rank.get(v, 0.0)
        scale = math.sqrt((pr - lo) / (hi - lo)) if hi > lo else 0.5
        typ = str(d.get("type") or "Thing")
        rows.append({
            "id": index[v], "label": str(d.get("label") or v), "type": typ, "iri": str(v),
            "aliases": _aliases(d.get("aliases")), "desc": _aliases(d.get("descriptions")),
            "pr": round(pr, 6), "size": round(8 + 30 * scale, 1), "color": colors[typ],
        })
    return rows


class _Sources:
    """The articles and sentences edges point to, each listed once (edges hold indexes)."""

    def __init__(self) -> None:
        self.articles: dict[str, int] = {}
        self.article_rows: list[dict[str, Any]] = []
        self.sentences: dict[str, int] = {}

    def article(self, d: dict[str, Any]) -> int | None:
        key = d.get("article") or d.get("title") or d.get("url")
        if not key:
            return None
        key = str(key)
        if key not in self.articles:
            self.articles[key] = len(self.article_rows)
            self.article_rows.append({
                "id": key, "title": _scalar_or_none(d.get("title")),
                "date": _scalar_or_none(d.get("published") or d.get("date")),
                "url": _scalar_or_none(d.get("url")),
            })
        return self.articles[key]

    def sentence(self, text: Any) -> int | None:
        return self.sentences.setdefault(str(text), len(self.sentences)) if text else None


def _edge_row(i: int, u: Any, v: Any, k: Any, d: dict[str, Any], index: dict[Any, int],
              labels: list[str], sources: _Sources) -> dict[str, Any]:
    """One edge of the page: its relation, reports, sentence, article, highlights, date."""
    lemma = str(d.get("lemma") or d.get("predicate") or d.get("role") or "")
    date = d.get("date") or d.get("published")
    conf = d.get("confidence")
    n_reports, others = _reports(d)
    rel = negated_lemma(lemma, bool(d.get("negated")))
    a, s = sources.article(d), sources.sentence(d.get("sentence"))  # in this order: indexes
    return {
        "id": i, "from": index[u], "to": index[v], "lemma": lemma,
        "rel": f"{rel} ({n_reports} reports)" if n_reports > 1 else rel,
        "n": n_reports,
        "rs": [sources.sentence(t) for t in others],
        "predicate": str(d.get("predicate") or lemma), "s": s, "a": a,
        "hl": _highlights(d, labels[index[u]], labels[index[v]]),
        "date": str(date) if date else None,
        "conf": round(float(conf), 3) if isinstance(conf, (int, float)) else None,
        "neg": bool(d.get("negated")), "mod": _scalar_or_none(d.get("modality")),
        "event": _scalar_or_none(d.get("event") or (k if isinstance(k, str) else None)),
        "role": _scalar_or_none(d.get("role")),
    }


def counts_text(counts: dict[str, int]) -> str:
    """The page's statement of what it draws and what it leaves out, on one line.

    >>> parts = counts_text({"entities": 39, "concepts": 0, "edges": 58, "unlinked": 16,
    ...                      "descriptions": 12, "dropped": 0}).split(" · ")
    >>> parts[0], parts[2]
    ('39 entities, 58 edges', '12 descriptions listed in entity panels')
    >>> parts[1]
    '16 entities left out: no event links them to another entity'
    >>> counts_text({"entities": 1, "edges": 1, "unlinked": 1, "descriptions": 1}).split(" · ")
    ['1 entity, 1 edge', '1 entity left out: no event links it to another entity', \
'1 description listed in entity panels']
    """
    def n(count: int, word: str, words: str = "") -> str:
        return f"{count} {word if count == 1 else words or word + 's'}"

    text = n(counts["entities"], "entity", "entities")
    if counts.get("concepts"):
        text += ", " + n(counts["concepts"], "concept")
    text += ", " + n(counts["edges"], "edge")
    if counts.get("dropped"):
        text += f" · {n(counts['dropped'], 'node')} of lowest centrality not shown"
    unlinked = counts.get("unlinked", 0)
    if unlinked:
        # descriptions are no edges, so an entity only described is left out too
        them = "it" if unlinked == 1 else "them"
        text += (f" · {n(unlinked, 'entity', 'entities')} left out: no event links {them} to "
                 "another entity")
    if counts.get("descriptions"):
        text += f" · {n(counts['descriptions'], 'description')} listed in entity panels"
    return text


def _payload(G: nx.Graph, *, title: str, focus: Any, dropped: int,
             rank: dict[Any, float], unlinked: int = 0) -> dict[str, Any]:
    index = {v: i for i, v in enumerate(G.nodes)}
    type_counts, colors = _colors(G)
    out_nodes = _node_rows(G, index, rank, colors)
    labels = [str(n["label"]) for n in out_nodes]
    keyed = (
        list(G.edges(keys=True, data=True)) if G.is_multigraph()
        else [(u, v, None, d) for u, v, d in G.edges(data=True)]
    )
    smooth = _smooth([(u, v, k) for u, v, k, _ in keyed], index)
    sources = _Sources()
    edge_rows: list[dict[str, Any]] = []
    for i, (u, v, k, d) in enumerate(keyed):
        row = _edge_row(i, u, v, k, d, index, labels, sources)
        if (u, v, k) in smooth:
            row["smooth"] = smooth[(u, v, k)]
        edge_rows.append(row)
    lemma_counts = Counter(str(e["lemma"]) for e in edge_rows)
    dates = [str(e["date"])[:10] for e in edge_rows if e["date"]]
    n = len(index)
    concepts = type_counts.get("Concept", 0)
    counts = {
        "nodes": n, "entities": n - concepts, "concepts": concepts, "edges": len(edge_rows),
        "unlinked": unlinked, "dropped": dropped,
        "descriptions": sum(len(row["desc"]) for row in out_nodes),
    }
    return {
        "title": title,
        "types": [{"name": t, "color": c, "count": type_counts[t]} for t, c in colors.items()],
        "predicates": [{"name": p, "count": c} for p, c in
                       sorted(lemma_counts.items(), key=lambda kv: (-kv[1], kv[0]))],
        "articles": sources.article_rows,
        "sentences": list(sources.sentences),
        "nodes": out_nodes,
        "edges": edge_rows,
        "dropped": dropped,
        "counts": counts,
        "focus": index[focus] if focus is not None and focus in index else None,
        "dates": {"min": min(dates) if dates else None, "max": max(dates) if dates else None},
        # bounded stabilisation: big graphs get fewer iterations so the page settles quickly
        "iterations": 1000 if n <= 200 else 400 if n <= 1000 else 150,
    }


def render_html(
    G: nx.Graph,
    out_path: str | Path,
    *,
    title: str = "kg",
    focus: str | None = None,
    hops: int = 2,
    max_nodes: int = 2000,
    renderer: Literal["auto", "vis", "webgl"] = "auto",
    unlinked: int = 0,
) -> ViewSummary:
    """Write ``G`` as an interactive explorer page that works offline; returns what was drawn.

    ``focus`` (a label, alias or node id) keeps only the entities within ``hops`` steps of it.
    Above ``max_nodes`` the nodes with the lowest PageRank are left out, and the page says how
    many. Colours show entity types, node sizes PageRank; every fact keeps its sentence,
    article title, date and link in the side panel. ``renderer="auto"`` draws with
    vis-network up to :data:`WEBGL_MIN_NODES` nodes and with sigma.js (WebGL, laid out
    beforehand, opening on a community overview) above; ``"vis"`` or ``"webgl"`` forces one.
    The page states its counts on one line (:func:`counts_text`): the nodes and edges drawn,
    the ``unlinked`` entities the caller left out (no event links them to another entity),
    and the descriptions its panels show (the nodes' ``descriptions``).

    >>> import tempfile
    >>> from kg.graph import example_graph
    >>> with tempfile.TemporaryDirectory() as d:
    ...     summary = render_html(example_graph(), d + "/g.html", focus="Vilnius", hops=1)
    >>> summary.nodes, summary.edges, summary.dropped_nodes
    (2, 1, 0)
    """
    if renderer not in ("auto", "vis", "webgl"):
        raise KgError(f"renderer={renderer!r}: use 'auto', 'vis' or 'webgl'")
    center = None
    if focus is not None:
        center = find_entity(G, focus)
        G = ego(G, center, hops)
    rank = pagerank(G)
    G, dropped = _cap(G, rank, max_nodes)
    data = _payload(G, title=title, focus=center, dropped=dropped, rank=rank, unlinked=unlinked)
    summary = counts_text(data["counts"])
    webgl = renderer == "webgl" or (renderer == "auto" and len(G) > WEBGL_MIN_NODES)
    if webgl:
        from kg.view._webgl import webgl_assets, webgl_payload
        from kg.view._webgl_js import WEBGL_JS

        data = webgl_payload(G, data)
        lib_js, lib_css, page_js = webgl_assets(), "", WEBGL_JS
    else:
        lib_js, lib_css = _vis_assets()
        page_js = PAGE_JS
    note = (
        f'<p id="kg-note" class="kg-note">{dropped} nodes not shown (lowest centrality)</p>'
        if dropped
        else ""
    )
    page = Template(PAGE).substitute(
        title=html.escape(title),
        summary=html.escape(summary),
        note=note,
        hops=int(hops),
        data=to_json_script(data),
        vis_js=lib_js,
        vis_css=lib_css,
        page_css=PAGE_CSS,
        page_js=page_js,
    )
    path = Path(out_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return ViewSummary(G.number_of_nodes(), G.number_of_edges(), dropped, path,
                       "webgl" if webgl else "vis", stated=summary)
