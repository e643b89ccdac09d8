"""kg.view.to_pyvis: the explorer's view as a pyvis Network, offline, shown by a real Jupyter
kernel and drawn by real Chromium (those tests skip without /usr/bin/chromium, fail under CI)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import networkx as nx
import pytest
from nbclient import NotebookClient

from kg.graph import example_graph
from kg.view import render_html, to_pyvis
from tests.conftest import REPO, require_chromium
from tests.test_view import hostile_graph, payload

# a tag that makes the browser fetch something: with an absolute URL, or any src/href at all
REMOTE = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?"
                    r"(?:https?:)?//", re.IGNORECASE)
FETCHING = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=", re.IGNORECASE)
LUKA = "https://example.org/kg/entity/alexander-lukashenko"


def _offline(page: str) -> None:
    assert not FETCHING.search(page), FETCHING.search(page)
    assert "sourceMappingURL" not in page and "node_modules" not in page
    assert "vis.Network" in page and "vis-network" in page


def test_pyvis_alone_links_cdns_even_in_line() -> None:
    # why to_pyvis renders through its own copy of the template: pyvis 0.3.2 does not
    from pyvis.network import Network

    page = Network(cdn_resources="in_line").generate_html()
    assert REMOTE.search(page) and "cdn.jsdelivr.net" in page


def test_every_page_the_network_writes_is_offline(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    net = to_pyvis(example_graph())
    _offline(net.generate_html())
    net.write_html(str(tmp_path / "written.html"))
    _offline((tmp_path / "written.html").read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    frame = net.show("shown.html")  # what pyvis users call in notebooks: a file and an IFrame
    assert frame.src == "shown.html"
    _offline((tmp_path / "shown.html").read_text(encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shown.html", "written.html"]  # no lib/
    inline = net._repr_html_()
    assert inline.startswith("<iframe srcdoc=") and "<script" not in inline
    _offline(html.unescape(inline))


def test_nodes_and_edges_are_the_explorer_pages(tmp_path: Path) -> None:
    G = example_graph()
    data = payload(render_html(G, tmp_path / "g.html").path.read_text(encoding="utf-8"))
    net = to_pyvis(G)
    assert (net.num_nodes(), net.num_edges()) == (len(data["nodes"]), len(data["edges"])) == (8, 6)
    for n in data["nodes"]:
        mine = net.get_node(n["iri"])
        assert (mine["label"], mine["size"], mine["color"]["background"]) == (
            n["label"], n["size"], n["color"])
    iri = [n["iri"] for n in data["nodes"]]
    assert sorted((iri[e["from"]], iri[e["to"]], e["lemma"], e["neg"]) for e in data["edges"]) == \
        sorted((e["from"], e["to"], e["label"].removeprefix("not "), e["dashes"])
               for e in net.edges)
    negated = [e for e in net.edges if e["dashes"]]
    assert [e["label"] for e in negated] == ["not release"]
    assert negated[0]["title"].startswith("did not release  [2025-12-14]\n")


def test_focus_and_cap_cut_the_graph_as_the_page_does(tmp_path: Path) -> None:
    net = to_pyvis(example_graph(), focus="lukashenko", hops=1)
    assert (net.num_nodes(), net.num_edges()) == (4, 3) and LUKA in net.get_nodes()
    summary = render_html(example_graph(), tmp_path / "g.html", max_nodes=3)
    capped = to_pyvis(example_graph(), max_nodes=3)
    kept = {n["iri"] for n in payload(summary.path.read_text(encoding="utf-8"))["nodes"]}
    assert set(capped.get_nodes()) == kept and len(kept) == 3


def test_article_text_stays_text() -> None:
    page = to_pyvis(hostile_graph()).generate_html()
    assert "<img" not in page and "<b>X" not in page and "</script><b>" not in page
    _offline(page)


def test_pyvis_methods_still_work_on_the_network() -> None:
    net = to_pyvis(example_graph())
    net.toggle_physics(False)
    net.show_buttons(filter_=["physics"])
    options = json.loads(net.options.to_json())
    assert options["physics"]["enabled"] is False and options["configure"]["enabled"] is True
    assert options["physics"]["solver"] == "forceAtlas2Based"
    assert "vis.Network" in net.generate_html()


# --- in a real Jupyter kernel ----------------------------------------------------------------

CELLS = [
    "from kg.graph import example_graph\n"
    "from kg.view import to_pyvis\n"
    "net = to_pyvis(example_graph())\n"
    "net",
    "from IPython.display import HTML\n"
    "HTML(net.generate_html())",
]


def test_notebook_shows_the_network_inline_and_offline() -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(REPO)}}).execute()
    shown = []
    for cell in nb.cells:
        assert [o["output_type"] for o in cell.outputs] == ["execute_result"], cell.outputs
        shown.append(cell.outputs[0]["data"]["text/html"])
    frame, page = shown
    assert frame.startswith("<iframe srcdoc=")
    for text in (html.unescape(frame), page):
        _offline(text)
        for label in ("Alexander Lukashenko", "Ales Bialiatski", "Belaruskali", "Vilnius"):
            assert f'"label": "{label}"' in text


# --- in Chromium ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    exe = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(exe),
                              args=["--no-sandbox", "--disable-gpu",
                                    "--disable-background-networking"])
        yield b
        b.close()


def _open(browser: Any, url: str | None = None,
          content: str | None = None) -> tuple[Any, list[str]]:
    """A page that may fetch nothing but files; the list collects fetches and errors."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    problems: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "about:", "data:")):
            r.continue_()
        else:
            problems.append(f"fetched {r.request.url}")
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    if url is not None:
        page.goto(url)
    else:
        page.set_content(content or "")
    return page, problems


def _key(item: list[Any]) -> str:
    return json.dumps(item, sort_keys=True)


@pytest.mark.browser
def test_chromium_draws_the_same_nodes_and_edges_as_the_explorer(browser: Any,
                                                                 tmp_path: Path) -> None:
    G = hostile_graph()
    ours = render_html(G, tmp_path / "kg.html").path
    net = to_pyvis(G)
    net.write_html(str(tmp_path / "pyvis.html"))

    kg_page, kg_problems = _open(browser, ours.as_uri())
    kg_page.wait_for_function("window.kgView && window.kgView.state.ready", timeout=30_000)
    want = kg_page.evaluate("""() => {
      const iri = Object.fromEntries(kgView.nodes.get().map((n) => [n.id, n.iri]));
      return {
        nodes: kgView.nodes.get().map((n) => [n.iri, n.label, n.size, n.color, n.title]),
        edges: kgView.edges.get().map((e) => [iri[e.from], iri[e.to], e.label, e.title,
                                              e.dashes, e.color, e.smooth || null]),
      };
    }""")
    py_page, py_problems = _open(browser, (tmp_path / "pyvis.html").as_uri())
    py_page.wait_for_function("typeof network !== 'undefined' && network.body", timeout=30_000)
    got = py_page.evaluate("""() => ({
      nodes: nodes.get().map((n) => [n.id, n.label, n.size, n.color, n.title]),
      edges: edges.get().map((e) => [e.from, e.to, e.label, e.title, e.dashes, e.color,
                                     e.smooth || null]),
      drawn: Object.keys(network.body.nodes).length,
    })""")
    assert sorted(map(_key, got["nodes"])) == sorted(map(_key, want["nodes"]))
    assert sorted(map(_key, got["edges"])) == sorted(map(_key, want["edges"]))
    assert len(got["edges"]) == G.number_of_edges() == 8
    assert got["drawn"] == G.number_of_nodes() == 9
    assert kg_problems == [] and py_problems == []
    kg_page.close()
    py_page.close()


@pytest.mark.browser
def test_chromium_draws_the_inline_notebook_frame_offline(browser: Any) -> None:
    G = nx.MultiDiGraph(example_graph())
    page, problems = _open(browser, content=to_pyvis(G)._repr_html_())
    frame = page.frame_locator("iframe")
    frame.locator("#mynetwork canvas").wait_for(timeout=30_000)
    inner = page.frames[1]
    assert inner.evaluate("Object.keys(network.body.nodes).length") == 8
    assert inner.evaluate("edges.length") == 6
    box = page.locator("iframe").bounding_box()
    assert box is not None and box["height"] >= 650
    assert problems == []
    page.close()
