"""kg.view: the HTML explorer file itself (offline, escaped, capped); the browser runs it in
tests/test_browser.py."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import KgError, MissingToolError
from kg.graph import example_graph
from kg.view import ViewSummary, render_html, screenshot, to_json_script

XSS_TITLE = "<script>alert(1)</script>"
XSS_TEXT = '"><img src=x onerror=alert(1)> said Lukashenko\u2028freed </script> Ales Bialiatski.'
EXTERNAL = re.compile(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", re.IGNORECASE)


def hostile_graph() -> nx.MultiDiGraph:
    """The example graph plus one fact whose article title and sentence are markup."""
    G = example_graph()
    luka = "https://example.org/kg/entity/alexander-lukashenko"
    ales = "https://example.org/kg/entity/ales-bialiatski"
    G.add_node("https://example.org/kg/entity/x", label="</script><b>X</b>", type="Person")
    start = XSS_TEXT.index("Lukashenko")
    G.add_edge(luka, ales, key="https://example.org/kg/event/xss", lemma="free",
               predicate="freed", event="https://example.org/kg/event/xss", sentence=XSS_TEXT,
               sentence_start=1000, sentence_end=1000 + len(XSS_TEXT),
               subject_start=1000 + start, subject_end=1000 + start + 10,
               article="https://example.org/kg/article/xss", title=XSS_TITLE,
               url="javascript:alert(1)", date="2025-12-15", confidence=0.4, negated=False)
    G.add_edge("https://example.org/kg/entity/x", luka, key="k2", lemma="say",
               predicate="said", sentence=XSS_TEXT, date="2025-12-15")
    return G


def payload(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert found, "no data block"
    return json.loads(found.group(1))


def test_render_html_writes_one_offline_file(tmp_path: Path) -> None:
    summary = render_html(example_graph(), tmp_path / "sub" / "g.html", title="Belarus")
    assert summary == ViewSummary(8, 6, 0, tmp_path / "sub" / "g.html")
    page = summary.path.read_text(encoding="utf-8")
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    assert not re.search(r"<link\b", page, re.IGNORECASE)
    # data, vis-network, page script: all inline (vis-network's code holds a "<script>" string)
    assert page.count("\n<script") == page.count("</script>") == 3
    assert "sourceMappingURL" not in page
    assert "vis-network" in page and "new vis.Network" in page
    assert "stabilizationIterationsDone" in page and "physics: false" in page
    assert "nodes not shown" not in page
    data = payload(page)
    assert len(data["nodes"]) == 8 and len(data["edges"]) == 6
    assert {t["name"] for t in data["types"]} == {"Person", "Place", "Organisation"}
    assert data["dates"] == {"min": "2025-12-12", "max": "2025-12-14"}


def test_article_text_is_escaped_in_the_page(tmp_path: Path) -> None:
    summary = render_html(hostile_graph(), tmp_path / "g.html", title=XSS_TITLE)
    page = summary.path.read_text(encoding="utf-8")
    assert XSS_TITLE not in page and "<img" not in page and "<b>X" not in page
    assert "\u2028" not in page and "\u2029" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the <title> and <h1>
    assert page.count("\n<script") == page.count("</script>") == 3
    data = payload(page)
    assert XSS_TITLE in {a["title"] for a in data["articles"]}  # the JSON decodes back intact
    assert XSS_TEXT in data["sentences"]
    assert "innerHTML" not in page.split("new vis.Network")[-1]  # the page script never uses it


def test_to_json_script_escapes_markup_and_line_separators() -> None:
    text = to_json_script({"s": "</script>&\u2028\u2029"})
    assert re.fullmatch(r"[^<>&\u2028\u2029]*", text)
    assert json.loads(text) == {"s": "</script>&\u2028\u2029"}


def test_edges_carry_highlight_spans_relative_to_the_sentence(tmp_path: Path) -> None:
    page = render_html(hostile_graph(), tmp_path / "g.html").path.read_text(encoding="utf-8")
    data = payload(page)
    xss = next(e for e in data["edges"] if e["event"] == "https://example.org/kg/event/xss")
    sentence = data["sentences"][xss["s"]]
    spans = {part: sentence[s:e] for s, e, part in xss["hl"]}
    assert spans["subject"] == "Lukashenko"
    assert spans["object"] == "Ales Bialiatski"  # no offsets: found by the node's label
    free = next(e for e in data["edges"] if e["lemma"] == "free" and e is not xss)
    sentence = data["sentences"][free["s"]]
    assert {p: sentence[s:e] for s, e, p in free["hl"]} == {
        "subject": "Belarus", "object": "Ales Bialiatski", "predicate": "freed"}


def test_parallel_edges_get_distinct_curves(tmp_path: Path) -> None:
    G = example_graph()
    u, v = "https://example.org/kg/entity/belarus", "https://example.org/kg/entity/vilnius"
    for i in range(3):
        G.add_edge(u, v, key=f"k{i}", lemma="visit")
    G.add_edge(v, u, key="back", lemma="host")
    data = payload(render_html(G, tmp_path / "g.html").path.read_text(encoding="utf-8"))
    curves = [(e["smooth"]["type"], e["smooth"]["roundness"], e["from"] < e["to"])
              for e in data["edges"] if "smooth" in e]
    assert len(curves) == 4
    # as drawn: reversed edges flip their side, so normalise direction before comparing
    drawn = {(t if fwd else {"curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}[t], r)
             for t, r, fwd in curves}
    assert len(drawn) == 4


def test_focus_keeps_the_neighbourhood(tmp_path: Path) -> None:
    summary = render_html(example_graph(), tmp_path / "g.html", focus="lukashenko", hops=1)
    assert (summary.nodes, summary.edges) == (4, 3)
    data = payload(summary.path.read_text(encoding="utf-8"))
    assert data["nodes"][data["focus"]]["label"] == "Alexander Lukashenko"


def _big_graph(n_nodes: int, n_edges: int, seed: int = 0) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    types = ["Person", "Organisation", "Place", "Group", "Product", "EVENT"]
    for i in range(n_nodes):
        G.add_node(f"n{i}", label=f"Entity number {i}", type=types[i % len(types)])
    for j in range(n_edges):
        u, v = rnd.randrange(n_nodes), rnd.randrange(n_nodes)
        sentence = f"Entity number {u} met entity number {v} in a long sentence number {j}."
        G.add_edge(f"n{u}", f"n{v}", key=f"e{j}", lemma=rnd.choice(["meet", "say", "free"]),
                   predicate="met", sentence=sentence, article=f"a{j % 300}",
                   title=f"Article {j % 300}", url=f"https://example.org/{j % 300}",
                   date=f"2025-{1 + j % 12:02d}-{1 + j % 28:02d}", confidence=rnd.random(),
                   negated=j % 17 == 0, sentence_start=0, subject_start=0,
                   subject_end=len(f"Entity number {u}"))
    return G


def test_size_cap_drops_lowest_centrality_and_says_so(tmp_path: Path) -> None:
    G = _big_graph(60, 150)
    summary = render_html(G, tmp_path / "g.html", max_nodes=20)
    assert (summary.nodes, summary.dropped_nodes) == (20, 40)
    page = summary.path.read_text(encoding="utf-8")
    assert "40 nodes not shown (lowest centrality)" in page
    assert payload(page)["dropped"] == 40


def test_five_thousand_nodes_stay_under_ten_megabytes(tmp_path: Path) -> None:
    G = _big_graph(5000, 10000)
    summary = render_html(G, tmp_path / "g.html", max_nodes=5000)
    assert (summary.nodes, summary.edges, summary.dropped_nodes) == (5000, 10000, 0)
    assert summary.renderer == "webgl"  # above WEBGL_MIN_NODES
    size = summary.path.stat().st_size
    assert size < 10_000_000, size
    forced = render_html(G, tmp_path / "vis.html", max_nodes=5000, renderer="vis")
    assert forced.renderer == "vis" and forced.path.stat().st_size < 10_000_000
    assert payload(forced.path.read_text(encoding="utf-8"))["iterations"] == 150


def test_screenshot_names_the_missing_browser(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CHROMIUM", str(tmp_path / "no-chromium"))
    page = render_html(example_graph(), tmp_path / "g.html").path
    with pytest.raises(MissingToolError) as caught:
        screenshot(page, tmp_path / "g.png")
    assert str(caught.value) == (
        f"Chromium not found at {tmp_path / 'no-chromium'} "
        "(apt-get install chromium, or set KG_CHROMIUM=/path/to/chromium)"
    )
    assert not (tmp_path / "g.png").exists()


def test_empty_graph_renders(tmp_path: Path) -> None:
    summary = render_html(nx.MultiDiGraph(), tmp_path / "g.html")
    assert (summary.nodes, summary.edges) == (0, 0)
    assert payload(summary.path.read_text(encoding="utf-8"))["nodes"] == []


def test_other_projections_render(tmp_path: Path) -> None:
    from kg.graph import comention_graph, event_graph, example_dataset

    ds = example_dataset()
    for G in (event_graph(ds), comention_graph(ds)):
        summary = render_html(G, tmp_path / "g.html")
        assert (summary.nodes, summary.edges) == (G.number_of_nodes(), G.number_of_edges())


def test_hostile_article_through_rdf_stays_text(tmp_path: Path) -> None:
    from kg.graph import entity_graph
    from kg.model import Article, Fact, Predicate, Span
    from kg.rdf import facts_to_dataset

    text = 'Lukashenko freed Bialiatski "><img src=x onerror=alert(1)>.'
    article = Article(id="x<1>", text=text, title=XSS_TITLE, url="javascript:alert(1)")
    fact = Fact("x<1>", 0, text, 0, len(text), predicate=Predicate("freed", 11, 16, lemma="free"),
                subject=Span("Lukashenko", 0, 10, entity="Lukashenko", type="PERSON"),
                object=Span("Bialiatski", 17, 27, entity="Bialiatski", type="PERSON"))
    G = entity_graph(facts_to_dataset([(article, [fact], [])]))
    page = render_html(G, tmp_path / "g.html").path.read_text(encoding="utf-8")
    assert XSS_TITLE not in page and "<img" not in page
    data = payload(page)
    assert data["articles"][0]["title"] == XSS_TITLE
    assert data["sentences"] == [text]


# ---- the big-graph (WebGL) page -------------------------------------------------------------

VENDOR = Path(__file__).resolve().parents[1] / "kg" / "view" / "vendor"


def test_auto_renderer_switches_to_webgl_above_the_threshold(tmp_path: Path) -> None:
    from kg.view import WEBGL_MIN_NODES

    at = render_html(_big_graph(WEBGL_MIN_NODES, 2000), tmp_path / "a.html", max_nodes=10**6)
    above = render_html(_big_graph(WEBGL_MIN_NODES + 1, 2000), tmp_path / "b.html",
                        max_nodes=10**6)
    assert (at.renderer, above.renderer) == ("vis", "webgl")
    assert "new vis.Network" in at.path.read_text(encoding="utf-8")
    page = above.path.read_text(encoding="utf-8")
    assert "new Sigma(" in page and "new vis.Network" not in page


def test_webgl_page_is_one_offline_file(tmp_path: Path) -> None:
    summary = render_html(hostile_graph(), tmp_path / "g.html", title=XSS_TITLE,
                          renderer="webgl")
    page = summary.path.read_text(encoding="utf-8")
    assert not EXTERNAL.search(page) and not re.search(r"<link\b", page, re.IGNORECASE)
    assert page.count("\n<script") == page.count("</script>") == 3
    assert "sourceMappingURL" not in page and "https://cdn" not in page
    for name in ("sigma.min.js", "graphology.umd.min.js"):  # the vendored builds, inlined
        head = (VENDOR / name).read_text(encoding="utf-8")[:200]
        assert head in page
    assert XSS_TITLE not in page and "<img" not in page and "\u2028" not in page
    assert "innerHTML" not in page.split("new graphology.MultiGraph")[-1]
    data = payload(page)
    assert XSS_TEXT in data["sentences"]
    assert XSS_TITLE in {a["title"] for a in data["articles"]}


def test_vendored_builds_match_their_recorded_checksums() -> None:
    import hashlib

    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    for name in ("sigma.min.js", "graphology.umd.min.js"):
        digest = hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
        assert f"{digest}  {name}" in readme, name
    for licence in ("LICENSE-sigma.txt", "LICENSE-graphology.txt"):
        assert "MIT" in (VENDOR / licence).read_text(encoding="utf-8") or "Permission is hereby" \
            in (VENDOR / licence).read_text(encoding="utf-8")


def test_webgl_payload_places_every_node_in_one_community(tmp_path: Path) -> None:
    G = _big_graph(600, 1500)
    data = payload(render_html(G, tmp_path / "g.html", renderer="webgl").path
                   .read_text(encoding="utf-8"))
    nodes, groups = data["nodes"], data["communities"]
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)
    members = sorted(i for g in groups for i in g["members"])
    assert members == list(range(600))  # each node in exactly one community
    assert all(nodes[i]["c"] == g["id"] for g in groups for i in g["members"])
    for g in groups:  # members by PageRank, the best entity (not phrase) names the community
        prs = [nodes[i]["pr"] for i in g["members"]]
        assert prs == sorted(prs, reverse=True)
        named = [i for i in g["members"] if nodes[i]["type"] != "Concept"] or g["members"]
        assert g["label"] == nodes[named[0]]["label"]
    assert data["overview"] is True  # 600 entities: the page opens on the communities
    assert "iterations" not in data and not any("smooth" in e for e in data["edges"])


def test_small_webgl_page_opens_on_the_entities(tmp_path: Path) -> None:
    data = payload(render_html(example_graph(), tmp_path / "g.html", renderer="webgl").path
                   .read_text(encoding="utf-8"))
    assert data["overview"] is False and len(data["communities"]) == 3


def test_unknown_renderer_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="renderer='gl': use 'auto', 'vis' or 'webgl'"):
        render_html(example_graph(), tmp_path / "g.html", renderer="gl")  # type: ignore[arg-type]
    assert not (tmp_path / "g.html").exists()


def test_community_layout_uses_kg_communities_and_discs_do_not_overlap() -> None:
    import math

    from kg.graph import communities
    from kg.view import community_layout

    G = _big_graph(800, 1600, seed=2)
    lay = community_layout(G)
    assert [set(g.members) for g in lay.groups] == [set(c.members) for c in communities(G)]
    assert set(lay.positions) == set(G)
    for i, a in enumerate(lay.groups):
        for b in lay.groups[i + 1:]:
            assert math.dist((a.x, a.y), (b.x, b.y)) >= a.radius + b.radius, (a.members[0],
                                                                                 b.members[0])
        inside = max(math.dist((a.x, a.y), lay.positions[v]) for v in a.members)
        assert inside <= a.radius + 1e-6
    assert community_layout(G) == lay  # deterministic


def test_negation_is_said_once_on_the_edges(tmp_path: Path) -> None:
    """'not not recognise', 'not had refused to recognise': the view said negation twice."""
    G = example_graph()
    u, v, key = next(iter(G.edges(keys=True)))
    G.add_edge(u, v, key=key + "-never", **{**G.edges[u, v, key], "lemma": "never forget",
                                             "predicate": "will never forget", "negated": True})
    G.add_edge(u, v, key=key + "-refuse", **{**G.edges[u, v, key], "lemma": "recognise",
                                              "predicate": "had refused to recognise",
                                              "negated": True})  # fmt: skip
    data = payload(render_html(G, tmp_path / "g.html").path.read_text(encoding="utf-8"))
    rels = {e["predicate"]: e["rel"] for e in data["edges"] if e["neg"]}
    assert rels["will never forget"] == "never forget"
    assert rels["had refused to recognise"] == "not recognise"
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert '"not " + e.predicate' not in page and '"not " : "") + e.predicate' not in page

