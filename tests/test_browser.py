"""The explorer page in headless Chromium: data loads offline, controls filter, the panel shows
sources as text; each test runs on both pages (vis-network and the WebGL one, forced). Skips
without Chromium ($KG_CHROMIUM, else /usr/bin/chromium; fails under CI=true)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.graph import example_graph
from kg.view import render_html
from kg.view._screenshot import CHROMIUM_ARGS
from tests.conftest import require_chromium

pytestmark = pytest.mark.browser

ARGS = list(CHROMIUM_ARGS)
RENDERERS = ("vis", "webgl")
XSS_TITLE = "<script>alert(1)</script>"
XSS_SENTENCE = (
    'Lukashenko freed "><img src=x onerror=alert(1)> Ales Bialiatski <script>alert(2)</script>.'
)
LUKA = "https://example.org/kg/entity/alexander-lukashenko"
ALES = "https://example.org/kg/entity/ales-bialiatski"
XSS_EVENT = "https://example.org/kg/event/xss"


def sample_graph() -> nx.MultiDiGraph:
    """The example graph plus a fact from an article whose title and sentence are markup."""
    G = example_graph()
    at = XSS_SENTENCE.index("Ales")
    G.add_edge(LUKA, ALES, key=XSS_EVENT, lemma="free", predicate="freed", event=XSS_EVENT,
               sentence=XSS_SENTENCE, sentence_start=500, sentence_end=500 + len(XSS_SENTENCE),
               subject_start=500, subject_end=510, object_start=500 + at,
               object_end=500 + at + 15, article="https://example.org/kg/article/xss",
               title=XSS_TITLE + ' "><img src=x onerror=alert(1)>',
               url="https://example.org/news/xss?a=1&b=<2>", published="2025-12-15",
               date="2025-12-15", confidence=0.95, negated=False, role="patient")
    G.nodes[LUKA]["descriptions"] = ("title: Belarusian President",)  # as entity_graph lists it
    return G


@dataclass
class Session:
    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expr: str, arg: Any = None) -> Any:
        return self.page.evaluate(expr, arg)

    @property
    def renderer(self) -> str:
        return str(self.js("window.kgView.renderer"))

    def visible(self) -> tuple[int, int]:
        """Entities and facts that pass the filters (vis: its DataViews' lengths)."""
        n, e = self.js("window.kgView.counts()")
        return n, e

    def node_id(self, iri: str) -> int:
        return int(self.js("(iri) => window.kgView.data.nodes.find(n => n.iri === iri).id", iri))

    def edge_id(self, event: str) -> int:
        return int(self.js("(ev) => window.kgView.data.edges.find(e => e.event === ev).id", event))

    def screen_of(self, node: int) -> dict[str, float]:
        """Where a node is drawn, in CSS pixels from the canvas's top left corner."""
        if self.renderer == "vis":
            return self.js("""(id) => { const net = window.kgView.network;
                return net.canvasToDOM(net.getPositions([id])[id]); }""", node)
        return self.js("(id) => window.kgView.screenOf(id)", node)

    def selected(self) -> list[int]:
        if self.renderer == "vis":
            return self.js("window.kgView.network.getSelectedNodes()")
        return [] if (s := self.js("window.kgView.state.selected")) is None else [s]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    exe = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(exe), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module", params=RENDERERS)
def page_file(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("view") / "graph.html"
    summary = render_html(sample_graph(), out, title="Belarus " + XSS_TITLE,
                          renderer=request.param)
    assert summary.renderer == request.param
    return out


@pytest.fixture
def session(browser: Any, page_file: Path) -> Iterator[Session]:
    page = browser.new_page(viewport={"width": 1300, "height": 850})
    s = Session(page)

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            s.requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: s.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: s.errors.append(str(exc)))

    def dialog(d: Any) -> None:
        s.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(page_file.as_uri())
    page.wait_for_function("window.kgView && window.kgView.state.ready", timeout=30_000)
    yield s
    assert s.errors == [], s.errors
    assert s.requests == [], s.requests
    assert s.dialogs == [], s.dialogs
    page.close()


def _expected(G: nx.MultiDiGraph, node_ok: Any, edge_ok: Any,
              edge_filtered: bool) -> tuple[int, int]:
    nodes = {v for v in G if node_ok(G.nodes[v])}
    edges = [(u, v) for u, v, d in G.edges(data=True) if u in nodes and v in nodes and edge_ok(d)]
    if edge_filtered:
        nodes = {x for e in edges for x in e}
    return len(nodes), len(edges)


def test_page_loads_every_node_and_edge(session: Session) -> None:
    G = sample_graph()
    assert session.visible() == (G.number_of_nodes(), G.number_of_edges()) == (8, 7)
    assert session.js("window.kgView.data.nodes.length") == 8
    if session.renderer == "vis":
        assert session.js("window.kgView.network.physics.options.enabled") is False
    else:  # a small graph opens with every entity drawn, at the positions computed in Python
        assert session.js("window.kgView.drawn()") == {"nodes": 8, "edges": 7, "communities": 0}
        assert session.js("window.kgView.data.nodes.every(n => typeof n.x === 'number')")
    assert session.page.inner_text("#kg-counts") == "8 entities, 7 links shown"
    legend = session.page.inner_text("#kg-types")
    assert "Person (4)" in legend and "Place (3)" in legend and "Organisation (1)" in legend


def test_type_checkbox_hides_entities_and_their_facts(session: Session) -> None:
    G = sample_graph()
    session.page.uncheck("#kg-types input[data-type=Person]")
    assert session.visible() == _expected(G, lambda d: d["type"] != "Person",
                                          lambda d: True, False) == (4, 1)
    session.page.check("#kg-types input[data-type=Person]")
    assert session.visible() == (8, 7)


def test_date_predicate_and_confidence_filters(session: Session) -> None:
    G = sample_graph()
    session.page.fill("#kg-date-from", "2025-12-14")
    assert session.visible() == _expected(G, lambda d: True,
                                          lambda d: d["date"] >= "2025-12-14", True) == (4, 3)
    session.page.fill("#kg-date-to", "2025-12-14")
    assert session.visible() == (4, 2)
    session.page.fill("#kg-date-from", "")
    session.page.fill("#kg-date-to", "")
    assert session.visible() == (8, 7)
    session.page.select_option("#kg-predicate", "release")
    assert session.visible() == (3, 2)
    session.page.select_option("#kg-predicate", "")
    session.js("""() => { const r = document.getElementById('kg-min-conf');
        r.value = '0.85'; r.dispatchEvent(new Event('input', {bubbles: true})); }""")
    assert session.page.inner_text("#kg-min-conf-value") == "0.85"
    assert session.visible() == _expected(G, lambda d: True,
                                          lambda d: d["confidence"] >= 0.85, True) == (4, 3)
    session.js("""() => { const r = document.getElementById('kg-min-conf');
        r.value = '0'; r.dispatchEvent(new Event('input', {bubbles: true})); }""")
    session.page.check("#kg-hide-negated")
    assert session.visible() == _expected(G, lambda d: True,
                                          lambda d: not d["negated"], True) == (7, 6)


def test_edge_panel_shows_sentence_as_text_with_marks(session: Session) -> None:
    edge_id = session.edge_id(XSS_EVENT)
    # the same handler a click on the edge runs
    session.js("(id) => window.kgView.onClick({nodes: [], edges: [id]})", edge_id)
    panel = session.page.locator("#kg-panel")
    assert panel.locator(".kg-sentence").inner_text() == XSS_SENTENCE
    assert panel.locator("mark.kg-subject").inner_text() == "Lukashenko"
    assert panel.locator("mark.kg-object").inner_text() == "Ales Bialiatski"
    assert panel.locator(".kg-title").inner_text().startswith(XSS_TITLE)
    assert panel.locator("img, script").count() == 0
    link = panel.locator("a")
    assert link.get_attribute("href") == "https://example.org/news/xss?a=1&b=<2>"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert "2025-12-15" in panel.inner_text()
    assert session.dialogs == []


def test_clicking_a_node_on_the_canvas_opens_its_panel(session: Session) -> None:
    node = session.node_id(LUKA)
    box = session.page.locator("#kg-network").bounding_box()
    pos = session.screen_of(node)
    session.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    panel = session.page.locator("#kg-panel")
    assert panel.locator("h2").inner_text().strip() == "Alexander Lukashenko"
    assert panel.locator(".kg-facts li").count() == 4
    panel.locator(".kg-facts button", has_text="did not release").click()
    assert "did not release Maria Kalesnikava" in panel.locator(".kg-sentence").inner_text()


def test_the_page_states_its_counts_and_the_panel_lists_descriptions(session: Session) -> None:
    assert session.page.inner_text("#kg-summary") == (
        "8 entities, 7 edges · 1 description listed in entity panels"
    )
    session.page.fill("#kg-search", "lukashenko")
    session.page.press("#kg-search", "Enter")
    said = session.page.locator("#kg-panel .kg-descriptions li")
    assert said.all_inner_texts() == ["title: Belarusian President"]


def test_search_and_focus(session: Session) -> None:
    session.page.fill("#kg-search", "lukashenko")
    session.page.press("#kg-search", "Enter")
    assert session.page.locator("#kg-panel h2").inner_text().strip() == "Alexander Lukashenko"
    assert len(session.selected()) == 1
    session.page.fill("#kg-hops", "1")
    session.page.click("#kg-focus")
    assert session.visible() == (4, 4)
    assert "Alexander Lukashenko" in session.page.inner_text("#kg-focus-status")
    session.page.click("#kg-unfocus")
    assert session.visible() == (8, 7)
    session.page.fill("#kg-search", "Atlantis")
    session.page.press("#kg-search", "Enter")
    assert session.page.inner_text("#kg-search-status") == "No entity matches."


def test_title_is_text(session: Session) -> None:
    assert session.page.title() == "Belarus " + XSS_TITLE
    assert session.page.locator("h1").inner_text() == "Belarus " + XSS_TITLE


@pytest.mark.parametrize("renderer", RENDERERS)
def test_capped_page_shows_the_note(browser: Any, tmp_path: Path, renderer: str) -> None:
    G = sample_graph()
    out = render_html(G, tmp_path / "capped.html", max_nodes=5, renderer=renderer)
    page = browser.new_page()
    try:
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                   else r.abort())
        page.goto(out.path.as_uri())
        page.wait_for_function("window.kgView && window.kgView.state.ready")
        assert page.inner_text("#kg-note") == "3 nodes not shown (lowest centrality)"
        assert page.evaluate("window.kgView.counts()[0]") == 5
    finally:
        page.close()



def test_only_http_links_are_clickable(session: Session) -> None:
    session.js("""() => { const v = window.kgView, e = v.data.edges.find(e => e.a !== null);
        Object.assign(v.data.articles[e.a], {title: "t", url: "javascript:alert(1)"});
        v.showEdge(e.id); }""")
    assert session.page.locator("#kg-panel a").count() == 0
    assert session.page.locator("#kg-panel .kg-title").inner_text() == "t"
