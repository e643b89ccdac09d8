"""Descriptions (issue 14.4): what a noun phrase says an entity is or has ("opposition leader
Svetlana Tikhanovskaya", "Oman's port of Salalah", "the clinic in Rancho Mirage") is typed
``kg:Description`` in RDF, as extraction decided (``Fact.kind``); the entity graph and the
view list it in the entity's panel instead of drawing it as an event edge, and
``who-did-what`` leaves it out unless ``kinds=all``. The page states its counts (issue 18)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLES

from kg.errors import QueryError
from kg.graph import entity_graph
from kg.ingest import read_articles
from kg.model import Article
from kg.pipeline import build
from kg.store import GraphStore, open_store, run_named_query
from kg.view import counts_text, write_view
from kg.vocab import KG

TEXT = (
    "Opposition leader Svetlana Tikhanovskaya thanked Ukraine on Saturday.\n\n"
    "The ship docked at the port of Salalah in Oman. Oman's port of Salalah was closed."
)

DESCRIPTIONS = f"SELECT ?label ?rule WHERE {{ ?e a <{KG.Description}> ; <{KG.rule}> ?rule ; "
DESCRIPTIONS += "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"


def _rows(result: object) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in row.asdict().items()} for row in result]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def news(nlp) -> GraphStore:
    store = open_store(None)
    build([Article(id="oman", text=TEXT, published=date(2025, 12, 14))], store, nlp)
    return store


@pytest.fixture(scope="module")
def demo(nlp) -> GraphStore:
    store = open_store(None)
    build(read_articles([EXAMPLES], date=date(2025, 12, 14)), store, nlp)
    return store


def _description_events(store: GraphStore) -> set[str]:
    query = f"SELECT DISTINCT ?e WHERE {{ ?e a <{KG.Description}> }}"
    return {str(row[0]) for row in store.query(query)}  # type: ignore[index]


def test_descriptions_are_typed_in_rdf_as_extraction_decided(news: GraphStore) -> None:
    got = {(r["label"], r["rule"]) for r in _rows(news.query(DESCRIPTIONS))}
    assert got == {
        ("Svetlana Tikhanovskaya is Opposition leader", "title"),
        ("the port of Salalah is in Oman", "located"),
        ("Oman has port of Salalah", "possessive"),
    }
    events = DESCRIPTIONS.replace(f"a <{KG.Description}>", f"a <{KG.Event}>")
    events = events.replace(" }", f" FILTER NOT EXISTS {{ ?e a <{KG.Description}> }} }}")
    assert {r["label"] for r in _rows(news.query(events))} == {
        "Opposition leader Svetlana Tikhanovskaya thanked Ukraine",
        "The ship docked at the port of Salalah in Oman",
        "Oman's port of Salalah was closed",
    }


def test_the_entity_graph_lists_descriptions_on_the_entity_not_as_edges(demo: GraphStore) -> None:
    described = _description_events(demo)
    G = entity_graph(demo)
    assert described and not {d["event"] for *_, d in G.edges(data=True)} & described
    lukashenko = "https://w3id.org/kg-news/id/entity/person/alexander-lukashenko"
    assert G.nodes[lukashenko]["descriptions"] == ("title: Belarusian President",)
    drawn = entity_graph(demo, descriptions=True)
    assert {d["event"] for *_, d in drawn.edges(data=True)} & described
    assert "descriptions" not in drawn.nodes[lukashenko]
    assert drawn.number_of_edges() > G.number_of_edges()


def _page(path: Path) -> tuple[dict, str]:
    page = path.read_text(encoding="utf-8")
    payload = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    summary = re.search(r'<p id="kg-summary">(.*?)</p>', page, re.S)
    assert payload is not None and summary is not None
    return json.loads(payload.group(1)), summary.group(1).replace("&#x27;", "'")


def test_the_page_states_its_counts_and_lists_descriptions_in_panels(
    demo: GraphStore, tmp_path: Path
) -> None:
    written = write_view(demo, tmp_path / "v.html")
    data, text = _page(written.summary.path)
    entities = [n for n in data["nodes"] if n["type"] != "Concept"]
    shown = sum(len(n["desc"]) for n in data["nodes"])
    assert len(data["nodes"]) == written.summary.nodes
    assert len(data["edges"]) == written.summary.edges
    assert shown > 0 and written.unlinked > 0
    assert text == (
        f"{len(entities)} entities, {len(data['edges'])} edges · {written.unlinked} entities "
        f"left out: no event links them to another entity · {shown} descriptions listed in "
        "entity panels"
    )
    assert text == counts_text(data["counts"])
    panel = {n["label"]: n["desc"] for n in data["nodes"]}
    assert panel["Alexander Lukashenko"] == ["title: Belarusian President"]

    drawn = write_view(demo, tmp_path / "d.html", descriptions=True)
    data_d, text_d = _page(drawn.summary.path)
    assert len(data_d["edges"]) > len(data["edges"])
    assert not any(n["desc"] for n in data_d["nodes"]) and "descriptions" not in text_d


KG_CLI = str(Path(sys.executable).parent / "kg")


def test_kg_view_descriptions_draws_them_as_edges(demo: GraphStore, tmp_path: Path) -> None:
    graph = tmp_path / "demo.trig"
    demo.export(graph)
    counts = []
    for extra in ([], ["--descriptions"]):
        proc = subprocess.run(
            [KG_CLI, "view", str(graph), "--out", str(tmp_path / "v.html"), *extra],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        found = re.search(r"(\d+) nodes, (\d+) edges", proc.stdout)
        assert found is not None
        counts.append((int(found.group(1)), int(found.group(2))))
    assert counts[1][1] > counts[0][1]


def test_who_did_what_leaves_descriptions_out_unless_asked(news: GraphStore) -> None:
    def actions(**params: str) -> set[tuple[str, str, str]]:
        got = _rows(run_named_query(news, "who-did-what", **params))
        return {(r.get("agent", ""), r["action"], r.get("patient", "")) for r in got}

    events = actions()
    every = actions(kinds="all")
    assert ("Svetlana Tikhanovskaya", "thanked", "Ukraine") in events
    assert not {a for _, a, _ in events} & {"has", "is in", "is"}
    assert {("Oman", "has", "port"), ("port", "is in", "Oman")} <= every - events


@pytest.mark.parametrize(
    ("param", "value", "accepted"),
    [("show", "all", "happenings, reports"), ("kinds", "descriptions", "events, all")],
)
def test_a_named_query_rejects_a_value_it_does_not_know(
    news: GraphStore, param: str, value: str, accepted: str
) -> None:
    message = f"query 'who-did-what', parameter '{param}': '{value}' is not one of {accepted}"
    with pytest.raises(QueryError, match=re.escape(message)):
        run_named_query(news, "who-did-what", **{param: value})


def test_kg_query_says_which_show_values_it_accepts(demo: GraphStore, tmp_path: Path) -> None:
    graph = tmp_path / "demo.trig"
    demo.export(graph)
    proc = subprocess.run(
        [KG_CLI, "query", str(graph), "--name", "timeline", "-p", "entity=Belarus",
         "-p", "show=everything"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr == (
        "kg: error: query 'timeline', parameter 'show': 'everything' is not one of "
        "happenings, reports\n"
    )
