"""The big-graph (WebGL) page on a few hundred entities, in headless Chromium with the network
blocked: it paints the community overview, opens a community, labels the central entities,
finds, filters, and fills the panel from a click on an edge. The timed 20,000-node checks are
in ``make bench`` (benchmarks/view_webgl.py). Skips without Chromium ($KG_CHROMIUM, else
/usr/bin/chromium; fails under CI=true)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from benchmarks.synthetic_graph import synthetic_entity_graph
from kg.view import render_html
from kg.view._screenshot import CHROMIUM_ARGS
from tests.conftest import require_chromium

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return synthetic_entity_graph(400, 1000, seed=3)


@pytest.fixture(scope="module")
def page_file(graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("webgl") / "big.html"
    summary = render_html(graph, out, renderer="webgl", max_nodes=10_000)
    assert (summary.renderer, summary.nodes, summary.edges) == ("webgl", 400, 1000)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    exe = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(exe), args=list(CHROMIUM_ARGS))
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, page_file: Path) -> Iterator[Any]:
    tab = browser.new_page(viewport={"width": 1300, "height": 850})
    attempted: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            attempted.append(r.request.url)
            r.abort()

    tab.route("**/*", route)
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(page_file.as_uri())
    tab.wait_for_function("window.kgView && window.kgView.state.ready", timeout=60_000)
    yield tab
    assert errors == [], errors
    assert attempted == [], attempted  # nothing but the file itself was asked for
    tab.close()


def coloured_pixels(tab: Any) -> int:
    """Pixels of the graph canvas that are not the white background."""
    from PIL import Image

    png = tab.locator("#kg-network").screenshot()
    img = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(1 for px in img.getdata() if min(px) < 235)


def test_first_paint_is_the_community_overview(page: Any, graph: nx.MultiDiGraph) -> None:
    drawn = page.evaluate("window.kgView.drawn()")
    n_groups = len(page.evaluate("window.kgView.data.communities"))
    assert n_groups > 5
    assert drawn == {"nodes": 0, "edges": 0, "communities": n_groups}
    assert coloured_pixels(page) > 2000  # discs and links on the canvas, not a blank page
    counts = page.inner_text("#kg-counts")
    phrases = sum(1 for _, t in graph.nodes(data="type") if t == "Concept")
    assert 0 < phrases < 400  # entities and phrases are counted apart
    assert counts == (
        f"{400 - phrases} entities, {phrases} phrases, 1000 links shown ({n_groups} communities)"
    )
    labels = page.evaluate("Array.from(window.kgView.sigma.getNodeDisplayedLabels())")
    assert labels and all(key.startswith("c") for key in labels)  # communities are named
    # a community is named after its most central entity (a Concept only when all are)
    biggest = page.evaluate("window.kgView.data.communities[0]")
    members = page.evaluate("(ids) => ids.map(i => window.kgView.data.nodes[i])",
                            biggest["members"])
    named = [n for n in members if n["type"] != "Concept"] or members
    assert biggest["label"] == max(named, key=lambda n: n["pr"])["label"]


def test_clicking_a_community_opens_it(page: Any) -> None:
    community = page.evaluate("window.kgView.data.communities[0]")
    box = page.locator("#kg-network").bounding_box()
    pos = page.evaluate("""(c) => { const v = window.kgView;
        const a = v.graph.getNodeAttributes("c" + c);
        return v.sigma.graphToViewport({x: a.x, y: a.y}); }""", community["id"])
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    drawn = page.evaluate("window.kgView.drawn()")
    assert drawn["nodes"] == community["size"]
    assert drawn["communities"] == len(page.evaluate("window.kgView.data.communities")) - 1
    assert page.locator("#kg-panel h2").inner_text().strip() == community["label"]
    assert community["label"] in page.inner_text("#kg-group-status")
    page.click("#kg-overview")
    assert page.evaluate("window.kgView.drawn()")["nodes"] == 0


def test_labels_go_to_the_most_central_entities(page: Any) -> None:
    page.click("#kg-show-all")
    assert page.evaluate("window.kgView.drawn()") == {"nodes": 400, "edges": 1000,
                                                      "communities": 0}
    page.wait_for_timeout(100)
    shown = set(page.evaluate("Array.from(window.kgView.sigma.getNodeDisplayedLabels())"))
    ranked = page.evaluate("""window.kgView.data.nodes.slice()
        .sort((a, b) => b.pr - a.pr).map(n => "n" + n.id)""")
    assert 0 < len(shown) < 400 / 2  # not every name at once: the canvas stays readable
    assert ranked[0] in shown  # the most central entity is named
    top = set(ranked[: len(ranked) // 4])
    assert len(shown & top) > len(shown) / 2  # mostly the top quarter by PageRank
    # zooming in names more entities
    page.evaluate("window.kgView.sigma.getCamera().setState({x: 0.5, y: 0.5, ratio: 0.3})")
    page.wait_for_timeout(200)
    closer = page.evaluate("window.kgView.sigma.getNodeDisplayedLabels().size")
    assert closer > 0


def test_search_opens_the_entity_community(page: Any, graph: nx.MultiDiGraph) -> None:
    target = page.evaluate("""() => { const v = window.kgView.data;
        return v.nodes[v.communities[3].members[0]]; }""")
    page.fill("#kg-search", target["label"].lower())
    page.press("#kg-search", "Enter")
    assert page.locator("#kg-panel h2").inner_text().strip() == target["label"]
    assert page.evaluate("window.kgView.state.selected") == target["id"]
    drawn = page.evaluate("window.kgView.drawn()")
    community = page.evaluate("(c) => window.kgView.data.communities[c]", target["c"])
    assert drawn["nodes"] == community["size"]
    node = next(v for v in graph if graph.nodes[v]["label"] == target["label"])
    facts = graph.degree(node)
    assert page.locator("#kg-panel").inner_text().count("\n") >= min(facts, 200)
    page.fill("#kg-search", "Atlantis")
    page.press("#kg-search", "Enter")
    assert page.inner_text("#kg-search-status") == "No entity matches."


def test_type_filter_hides_entities(page: Any, graph: nx.MultiDiGraph) -> None:
    kept = {v for v in graph if graph.nodes[v]["type"] != "Person"}
    # on the overview, each community's disc counts the members that pass the filters
    page.uncheck("#kg-types input[data-type=Person]")
    first = page.evaluate("window.kgView.data.communities[0]")
    iris = page.evaluate("(ids) => ids.map(i => window.kgView.data.nodes[i].iri)",
                         first["members"])
    label = page.evaluate("window.kgView.sigma.getNodeDisplayData('c0').label")
    assert label == f"{first['label']} ({sum(1 for v in iris if v in kept)})"
    page.check("#kg-types input[data-type=Person]")
    assert page.evaluate("window.kgView.sigma.getNodeDisplayData('c0').label") == (
        f"{first['label']} ({first['size']})")
    page.click("#kg-show-all")
    page.uncheck("#kg-types input[data-type=Person]")
    facts = sum(1 for u, v in graph.edges() if u in kept and v in kept)
    assert page.evaluate("window.kgView.counts()") == [len(kept), facts]
    assert page.evaluate("window.kgView.drawn()") == {"nodes": len(kept), "edges": facts,
                                                      "communities": 0}
    page.check("#kg-types input[data-type=Person]")
    assert page.evaluate("window.kgView.drawn()")["nodes"] == 400


def test_clicking_an_edge_shows_its_sentence(page: Any, graph: nx.MultiDiGraph) -> None:
    page.click("#kg-show-all")
    page.wait_for_timeout(100)
    # the point on the canvas that only one edge passes near: that edge's midpoint
    hit = page.evaluate("""() => { const v = window.kgView, s = v.sigma;
        const box = s.getContainer().getBoundingClientRect();
        let best = null;
        for (const e of v.data.edges) {
            const p = v.screenOf(e.from), q = v.screenOf(e.to);
            const m = {x: (p.x + q.x) / 2, y: (p.y + q.y) / 2};
            if (Math.hypot(q.x - p.x, q.y - p.y) < 40) continue;
            if (m.x < 20 || m.y < 20 || m.x > box.width - 20 || m.y > box.height - 20) continue;
            const a = v.edgeAt(m.x, m.y);
            if (a && a.id === e.id && v.edgeAt(m.x + 6, m.y) === null) { best = {e, m}; break; }
        }
        return best; }""")
    assert hit is not None
    box = page.locator("#kg-network").bounding_box()
    page.mouse.click(box["x"] + hit["m"]["x"], box["y"] + hit["m"]["y"])
    edge = hit["e"]
    u, v = (page.evaluate("(i) => window.kgView.data.nodes[i].iri", i)
            for i in (edge["from"], edge["to"]))
    attrs = graph.edges[u, v, edge["event"]]
    panel = page.locator("#kg-panel")
    assert panel.locator(".kg-sentence").inner_text() == attrs["sentence"]
    assert panel.locator("mark.kg-subject").inner_text() == graph.nodes[u]["label"]
    assert panel.locator("mark.kg-object").inner_text() == graph.nodes[v]["label"]
    assert panel.locator(".kg-title").inner_text() == attrs["title"]
    assert panel.locator("a").get_attribute("href") == attrs["url"]
    assert attrs["date"] in panel.inner_text()
