"""The view of :func:`kg.view.render_html` as a ``pyvis.network.Network``, for notebook users.

pyvis 0.3.2's template links Bootstrap from a CDN whatever ``cdn_resources`` says, keeps an
HTML comment naming ``../node_modules/vis`` files, and its inlined vis-network ends in a
source-map comment naming a file it does not ship. The network made here renders through a
copy of that template without the remote ``<link>``/``<script>`` tags and the comment, with
vis-network's JS/CSS as :mod:`kg.view._html` inlines them, so what it writes
(``generate_html``, ``write_html``, ``show``) opens with no network at all. pyvis is imported
only when :func:`to_pyvis` runs.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.graph import ego, find_entity, pagerank
from kg.view._assets import without_source_map
from kg.view._html import _cap, _payload, _vis_assets

__all__ = ["to_pyvis"]

_TEMPLATE = "template.html"
_VIS = "lib/vis-9.1.2/"
# <link ... href="https://..."> and <script src="https://..."></script>, across lines
_REMOTE = re.compile(
    r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>"
    r"|<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>",
    re.IGNORECASE | re.DOTALL,
)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)  # one names ../node_modules/vis files


@functools.cache
def _offline_environment() -> Any:
    """pyvis's Jinja environment with the CDN tags taken out of its template."""
    from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader
    from pyvis.network import Network

    probe = Network()
    source, *_ = probe.templateEnv.loader.get_source(probe.templateEnv, _TEMPLATE)
    offline = _REMOTE.sub("", _COMMENT.sub("", source))
    left = re.search(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//",
                     offline, re.IGNORECASE)
    if left:
        raise KgError(f"pyvis's {_TEMPLATE} links {left.group(0)!r}, which kg cannot take out; "
                      "install pyvis==0.3.2")
    vis_js, vis_css = _vis_assets()
    own = {_TEMPLATE: offline, _VIS + "vis-network.min.js": vis_js,
           _VIS + "vis-network.css": vis_css}
    for name in ("lib/tom-select/tom-select.complete.min.js", "lib/tom-select/tom-select.css"):
        text, *_ = probe.templateEnv.loader.get_source(probe.templateEnv, name)
        own[name] = without_source_map(text)
    # pyvis renders without autoescaping and includes the libraries as templates, as it does
    return Environment(loader=ChoiceLoader([DictLoader(own),
                                            FileSystemLoader(probe.template_dir)]))


@functools.cache
def _network_class() -> type:
    from pyvis.network import Network

    class KgNetwork(Network):  # type: ignore[misc]
        """A pyvis ``Network`` that renders offline and shows itself inline in Jupyter."""

        def _repr_html_(self) -> str:
            # an iframe keeps pyvis's fixed element ids apart from the notebook's (and from
            # other networks shown in it); srcdoc needs no file and no server
            page = html.escape(self.generate_html(), quote=True)
            return (f'<iframe srcdoc="{page}" style="width: 100%; height: '
                    f'calc({self.height} + 40px); border: 0"></iframe>')

    KgNetwork.__module__ = __name__
    return KgNetwork


def _node_title(n: dict[str, Any]) -> str:
    aliases = n["aliases"]
    return f"{n['label']} ({n['type']})" + ("\naka " + ", ".join(aliases) if aliases else "")


def _edge_title(e: dict[str, Any], sentence: str) -> str:
    return (str(e["predicate"]) + (f"  [{e['date']}]" if e["date"] else "")
            + (f"\n{sentence}" if sentence else ""))


def _style(net: Any, n_nodes: int, iterations: int) -> None:
    """The vis-network options of the explorer page (``kg.view._assets.PAGE_JS``), set
    through pyvis's own option objects so that its methods (``show_buttons``,
    ``toggle_physics`` ...) keep working."""
    many = n_nodes > 150
    options = net.options
    options.layout = {"improvedLayout": not many, "randomSeed": 7}
    options.nodes = {"shape": "dot", "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#fff"}}
    options.edges.font = {"size": 10, "align": "middle", "strokeWidth": 3, "strokeColor": "#fff"}
    options.edges.smooth.type, options.edges.smooth.roundness = "curvedCW", 0.08
    options.edges.arrows = {"to": {"enabled": True, "scaleFactor": 0.5}}
    options.edges.width = 1.2
    net.force_atlas_2based(gravity=-60, spring_length=120, overlap=0.3)
    options.physics.stabilization.iterations = iterations
    options.interaction.hover = True
    options.interaction.tooltipDelay = 150
    options.interaction.hideEdgesOnDrag = many


def to_pyvis(
    G: nx.Graph,
    *,
    focus: str | None = None,
    hops: int = 2,
    max_nodes: int = 2000,
    height: str = "650px",
    width: str = "100%",
) -> Any:
    """``G`` as a ``pyvis.network.Network`` drawn like ``kg view``, working offline.

    Nodes have the page's labels, colours (by type), sizes (by PageRank) and hover titles
    ("Ales Bialiatski (Person)", "aka ..."); edges its labels (the lemma, "not ..." when
    negated), dashes, colours, curves and titles (predicate, date, sentence). ``focus``,
    ``hops`` and ``max_nodes`` cut the graph as :func:`kg.view.render_html` does. Node ids are
    the graph's node ids (IRIs). Every page the network writes inlines its scripts and styles.
    As a notebook cell's value it shows itself inline (in an iframe); ``generate_html()``,
    ``write_html(path)`` and ``show(path)`` work as in pyvis.

    >>> from kg.graph import example_graph
    >>> net = to_pyvis(example_graph())
    >>> net.num_nodes(), net.num_edges()
    (8, 6)
    >>> net.get_node("https://example.org/kg/entity/alexander-lukashenko")["title"]
    'Alexander Lukashenko (Person)\\naka Lukashenko'
    >>> page = net.generate_html()
    >>> "vis.Network" in page, "https://cdn" in page, '<script src="http' in page
    (True, False, False)
    """
    center = None
    if focus is not None:
        center = find_entity(G, focus)
        G = ego(G, center, hops)
    rank = pagerank(G)
    G, dropped = _cap(G, rank, max_nodes)
    data = _payload(G, title="", focus=center, dropped=dropped, rank=rank)

    net = _network_class()(height=height, width=width, directed=True, notebook=True,
                           cdn_resources="in_line")
    net.templateEnv = _offline_environment()
    net.template = net.templateEnv.get_template(net.path)
    ids = [n["iri"] for n in data["nodes"]]
    for n in data["nodes"]:
        net.add_node(
            n["iri"], label=n["label"], shape="dot", size=n["size"], title=_node_title(n),
            color={"background": n["color"], "border": "#555",
                   "highlight": {"background": n["color"], "border": "#000"}},
        )
    for e in data["edges"]:
        sentence = "" if e["s"] is None else data["sentences"][e["s"]]
        options: dict[str, Any] = {
            "id": e["id"], "label": e["rel"],
            "title": _edge_title(e, sentence), "arrows": "to", "dashes": e["neg"],
            "color": ({"color": "#c0392b", "highlight": "#7b241c"} if e["neg"]
                      else {"color": "#8c8c8c", "highlight": "#222"}),
        }
        if "smooth" in e:
            options["smooth"] = e["smooth"]
        net.add_edge(ids[e["from"]], ids[e["to"]], **options)
    _style(net, len(ids), data["iterations"])
    return net
