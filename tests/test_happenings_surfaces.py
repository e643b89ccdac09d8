"""What a user sees of happenings: two wire stories of one release are one happening.

Two short stories of our own, each reporting the release of Maria Kolesnikova once, go
through the commands a user runs: ``kg build`` into an on-disk store, ``kg query --name
who-did-what`` and ``timeline``, ``kg analyze --timeline``, ``kg view`` and ``kg extract``.
Each shows the release once, with its two reports, and ``kg extract`` names the same
happening IRI the build stored.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import open_store
from kg.vocab import GAF, KG
from tests.conftest import require_chromium

AP = (
    "World news in brief\n\n"
    "Vilnius, December 13 (AP) Belarus freed Maria Kolesnikova on Saturday after talks with "
    "the United States.\n"
)
REUTERS = (
    "Europe roundup\n\n"
    "Minsk, December 13 (Reuters) Belarus released opposition leader Maria Kolesnikova on "
    "Saturday.\n"
)
RELEASE = {"freed", "released"}


def run(*args: str | Path) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("wire")
    (root / "ap.txt").write_text(AP, encoding="utf-8")
    (root / "reuters.txt").write_text(REUTERS, encoding="utf-8")
    run("build", root / "ap.txt", root / "reuters.txt", "--store", root / "store",
        "--date", "2025-12-13")  # fmt: skip
    return {"ap": root / "ap.txt", "reuters": root / "reuters.txt", "store": root / "store"}


def stored_release(store: Path) -> str:
    """The IRI of the happening the build stored for the release (read with SPARQL)."""
    with open_store(store, create=False) as s:
        found = {
            str(row[0])  # type: ignore[index]
            for row in s.query(
                f'SELECT ?h WHERE {{ ?h a <{KG.Happening}> ; <{KG.eventClass}> "release" ; '
                f"<{GAF.denotedBy}> ?e }}"
            )
        }
    assert len(found) == 1, found
    return found.pop()


def test_who_did_what_shows_the_release_once_with_its_two_reports(
    stories: dict[str, Path],
) -> None:
    rows = table(run("query", stories["store"], "--name", "who-did-what", "--format", "csv"))
    release = [r for r in rows if r["action"] in RELEASE]
    assert [(r["agent"], r["patient"], r["reports"]) for r in release] == [
        ("Belarus", "Maria Kolesnikova", "2")
    ]
    assert release[0]["happening"] == stored_release(stories["store"])
    every = table(run("query", stories["store"], "--name", "who-did-what", "-p", "show=reports",
                      "--format", "csv"))  # fmt: skip
    assert sorted(r["action"] for r in every if r["action"] in RELEASE) == ["freed", "released"]
    assert {r["happening"] for r in every if r["action"] in RELEASE} == {release[0]["happening"]}


def test_timeline_lists_the_release_once(stories: dict[str, Path]) -> None:
    rows = table(run("query", stories["store"], "--name", "timeline", "-p",
                     "entity=Maria Kolesnikova", "--format", "csv"))  # fmt: skip
    # the release, once; and the description "opposition leader Maria Kolesnikova" (a fact of
    # its article, no happening: its own row)
    assert sorted((r["date"], r["role"], r["reports"]) for r in rows) == [
        ("2025-12-13", "patient", "2"), ("2025-12-13", "theme", "1"),
    ]  # fmt: skip
    analyzed = json.loads(run("analyze", stories["store"], "--timeline", "Maria Kolesnikova",
                              "--format", "json"))  # fmt: skip
    assert sorted((r["predicate"], r["reports"]) for r in analyzed) == [("freed", 2), ("is", 1)]


def test_view_draws_one_edge_with_both_reports(stories: dict[str, Path], tmp_path: Path) -> None:
    page = tmp_path / "view.html"
    run("view", stories["store"], "--out", page)
    found = re.search(
        r'<script type="application/json" id="kg-data">(.*?)</script>',
        page.read_text(encoding="utf-8"),
        re.S,
    )
    assert found
    data = json.loads(found.group(1))
    label = {n["id"]: n["label"] for n in data["nodes"]}
    release = [
        e for e in data["edges"]
        if (label[e["from"]], label[e["to"]]) == ("Belarus", "Maria Kolesnikova")
    ]  # fmt: skip
    assert len(release) == 1
    edge = release[0]
    assert edge["rel"] == "free (2 reports)" and edge["n"] == 2
    sentences = [data["sentences"][edge["s"]], *(data["sentences"][k] for k in edge["rs"])]
    assert sentences == [
        "Belarus freed Maria Kolesnikova on Saturday after talks with the United States.",
        "Belarus released opposition leader Maria Kolesnikova on Saturday.",
    ]


def test_extract_names_the_happening_the_build_stores(stories: dict[str, Path]) -> None:
    out = run("extract", stories["ap"], stories["reuters"], "--date", "2025-12-13")
    records = [json.loads(line) for line in out.splitlines()]
    release = [r for r in records if r["predicate"]["text"] in RELEASE]
    assert [r["report"].rsplit("/", 2)[-2] for r in release] == ["ap", "reuters"]
    assert {r["event"] for r in release} == {stored_release(stories["store"])}
    # a description ("opposition leader Maria Kolesnikova") is no happening
    assert [r["event"] for r in records if r["event_type"] == "be"] == [None]


@pytest.mark.browser
@pytest.mark.parametrize("renderer", ["vis", "webgl"])
def test_view_panel_lists_the_sentences_of_both_reports(
    stories: dict[str, Path], tmp_path: Path, renderer: str
) -> None:
    exe = require_chromium()
    from playwright.sync_api import sync_playwright

    from kg.graph import entity_graph
    from kg.view import render_html
    from kg.view._screenshot import CHROMIUM_ARGS

    with open_store(stories["store"], create=False) as store:
        G = entity_graph(store)
    page_file = tmp_path / "view.html"
    render_html(G, page_file, renderer=renderer)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(exe), args=list(CHROMIUM_ARGS))
        page = browser.new_page(viewport={"width": 1300, "height": 850})
        page.goto(page_file.as_uri())
        page.wait_for_function("window.kgView && window.kgView.state.ready", timeout=30_000)
        edge = page.evaluate("() => window.kgView.data.edges.find(e => e.n === 2).id")
        page.evaluate("(id) => window.kgView.onClick({nodes: [], edges: [id]})", edge)
        panel = page.locator("#kg-panel")
        assert panel.locator("h3").inner_text() == "2 reports of this happening"
        assert panel.locator(".kg-sentence").all_inner_texts() == [
            "Belarus freed Maria Kolesnikova on Saturday after talks with the United States.",
            "Belarus released opposition leader Maria Kolesnikova on Saturday.",
        ]
        browser.close()


def test_a_description_is_stored_as_a_fact_of_no_happening(stories: dict[str, Path]) -> None:
    with open_store(stories["store"], create=False) as store:
        rows = [
            (str(row[0]), row[1] is not None)  # type: ignore[index]
            for row in store.query(
                "SELECT ?type ?h WHERE { ?e a kg:Event ; kg:eventType ?type "
                "OPTIONAL { ?e kg:happening ?h } } ORDER BY ?type"
            )
        ]
    # "opposition leader Maria Kolesnikova" (a title: be) has none; freed, released, talks have one
    assert rows == [("be", False), ("free", True), ("release", True), ("talk", True)]
