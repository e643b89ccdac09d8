"""kg analyze, kg query --format json and kg export --format on the demo graph, as a user runs
them: `kg build examples/articles --date 2025-12-14 --out g.trig`, then the command, its output
read back as CSV/JSON/GraphML/GEXF and checked against the library's own projection."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import XSD, Dataset

from kg.graph import entity_graph, exportable, find_entity
from tests.conftest import EXAMPLES

KG = str(Path(sys.executable).parent / "kg")
TIKHANOVSKAYA, US = "Svetlana Tikhanovskaya", "United States"


def kg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KG, *map(str, args)], capture_output=True, text=True, timeout=300,
                          check=False)


def ok(*args: str | Path) -> str:
    proc = kg(*args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert proc.stderr.startswith("kg: error: ") and proc.stderr.count("\n") == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stderr


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "g.trig"
    ok("build", EXAMPLES, "--date", "2025-12-14", "--out", out)
    return out


@pytest.fixture(scope="module")
def G(demo: Path) -> nx.MultiDiGraph:
    return entity_graph(demo)


# --- kg analyze: numbers ----------------------------------------------------------------------


def test_degree_is_a_whole_number_in_every_format(demo: Path, G: nx.MultiDiGraph) -> None:
    rows = list(csv.DictReader(io.StringIO(ok("analyze", demo, "--by", "degree", "--format",
                                              "csv"))))
    assert len(rows) == 10
    for row in rows:
        assert row["degree"].isdigit(), row  # "16", not "16.0"
        assert int(row["degree"]) == G.degree(find_entity(G, row["entity"]))
    records = json.loads(ok("analyze", demo, "--by", "degree", "--format", "json"))
    assert [type(r["degree"]) for r in records] == [int] * 10
    assert [r["degree"] for r in records] == [int(r["degree"]) for r in rows]
    table = ok("analyze", demo, "--by", "degree")
    assert f"│ {rows[0]['degree']} " in table and not re.search(r"\b\d+\.0\b", table)


def test_analyze_json_keeps_numbers_and_booleans(demo: Path) -> None:
    ranked = json.loads(ok("analyze", demo, "--top", "3", "--format", "json"))
    assert all(isinstance(r["rank"], int) and isinstance(r["pagerank"], float) for r in ranked)
    story = json.loads(ok("analyze", demo, "--timeline", "Maria Kolesnikova", "--format", "json"))
    assert story and all(r["negated"] is False for r in story)


# --- kg query --format json: typed literals -------------------------------------------------

FACTS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?event ?confidence ?negated ?quantity ?published ?title WHERE {
  ?event kg:confidence ?confidence ; kg:negated ?negated ; kg:quantity ?quantity ;
         kg:inArticle ?article .
  ?article dcterms:date ?published ; dcterms:title ?title .
} ORDER BY ?event
"""
COUNT = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
SELECT (COUNT(DISTINCT ?event) AS ?events) WHERE { ?event a kg:Event }
"""


def test_query_json_gives_numeric_and_boolean_literals_as_json_values(demo: Path) -> None:
    ds = Dataset(default_union=True)
    ds.parse(demo, format="trig")
    datatypes = {(str(v), row[v].datatype) for row in ds.query(FACTS) for v in row.labels
                 if v in ("confidence", "negated", "quantity", "published")}
    # what the graph holds: decimals, booleans and dates; integers come from COUNT
    assert {dt for _, dt in datatypes} >= {XSD.decimal, XSD.boolean, XSD.date}
    records = json.loads(ok("query", demo, FACTS, "--format", "json"))
    table = list(csv.DictReader(io.StringIO(ok("query", demo, FACTS, "--format", "csv"))))
    assert len(records) == len(table) >= 2
    for record, row in zip(records, table, strict=True):
        assert isinstance(record["confidence"], float) and 0 < record["confidence"] <= 1
        assert isinstance(record["quantity"], (int, float))
        assert record["negated"] in (True, False)
        assert isinstance(record["published"], str) and record["published"] == row["published"]
        assert isinstance(record["title"], str) and isinstance(record["event"], str)
        # CSV stays as it was: the literal as written
        assert float(row["confidence"]) == record["confidence"]
        assert float(row["quantity"]) == record["quantity"]
        assert row["negated"] == str(record["negated"])
    assert {r["quantity"] for r in records} >= {123, 500}
    (count,) = json.loads(ok("query", demo, COUNT, "--format", "json"))
    assert isinstance(count["events"], int) and count["events"] > 100


# --- kg analyze: several analyses, and options that would do nothing -------------------------


def test_several_analyses_each_give_a_titled_table(demo: Path) -> None:
    both = json.loads(ok("analyze", demo, "--communities", "--timeline", "Maria Kolesnikova",
                         "--format", "json"))
    assert list(both) == ["communities", "timeline of Maria Kolesnikova"]
    assert both["communities"] == json.loads(ok("analyze", demo, "--communities",
                                                "--format", "json"))
    assert both["timeline of Maria Kolesnikova"] == json.loads(
        ok("analyze", demo, "--timeline", "Maria Kolesnikova", "--format", "json"))
    table = ok("analyze", demo, "--communities", "--timeline", "Maria Kolesnikova")
    assert 0 <= table.index("communities") < table.index("timeline of Maria Kolesnikova")
    assert "imprisoned since" in table and "Belarus" in table


def test_ranking_options_add_the_ranking_to_other_analyses(demo: Path) -> None:
    alone = json.loads(ok("analyze", demo, "--top", "3", "--format", "json"))
    path = json.loads(ok("analyze", demo, "--path", TIKHANOVSKAYA, US, "--format", "json"))
    both = json.loads(ok("analyze", demo, "--top", "3", "--path", TIKHANOVSKAYA, US,
                         "--format", "json"))
    # the path's projection keeps entities in no fact: they must not change the ranking
    assert both == {"top 3 entities by pagerank": alone,
                    f"path from {TIKHANOVSKAYA} to {US}": path}
    by_degree = json.loads(ok("analyze", demo, "--by", "degree", "--ego", "Minsk", "--hops", "1",
                              "--format", "json"))
    assert list(by_degree) == ["top 10 entities by degree", "facts within 1 hop of Minsk"]
    assert by_degree["facts within 1 hop of Minsk"] == json.loads(
        ok("analyze", demo, "--ego", "Minsk", "--hops", "1", "--format", "json"))
    assert by_degree["top 10 entities by degree"] == json.loads(
        ok("analyze", demo, "--by", "degree", "--format", "json"))


def test_ego_network_is_the_same_in_every_process(demo: Path) -> None:
    # networkx.ego_graph orders its nodes by string hashes, which differ between processes
    runs = {
        subprocess.run([KG, "analyze", str(demo), "--ego", "Minsk", "--format", "csv"],
                       capture_output=True, text=True, timeout=300, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1 and len(runs.pop().splitlines()) > 5


def test_path_is_the_same_in_every_process(demo: Path) -> None:
    # Maria Kolesnikova and Donald Trump are four steps apart through Belarus or through the
    # United States: the undirected view of the graph met its neighbours in string-hash order,
    # so the path shown changed with PYTHONHASHSEED (3, 4, 6 gave the other one)
    runs = {
        subprocess.run([KG, "analyze", str(demo), "--path", "Maria Kolesnikova", "Donald Trump",
                        "--format", "csv"],
                       capture_output=True, text=True, timeout=300, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("0", "3", "4", "5", "6")
    }  # fmt: skip
    assert len(runs) == 1 and len(runs.pop().splitlines()) > 4


@pytest.mark.parametrize(
    "args, named",
    [
        (["--png", "{tmp}/plot.png"], ["--png", "--timeline"]),
        (["--png", "{tmp}/plot.png", "--communities"], ["--png", "--timeline"]),
        (["--hops", "1"], ["--hops", "--ego"]),
        (["--hops", "3", "--timeline", "Belarus"], ["--hops", "--ego"]),
        (["--communities", "--ego", "Minsk", "--format", "csv"], ["--communities", "--ego"]),
        (["--top", "5", "--timeline", "Belarus", "--format", "csv"], ["--top", "--timeline"]),
    ],
)
def test_options_that_would_be_ignored_are_refused(demo: Path, tmp_path: Path,
                                                   args: list[str], named: list[str]) -> None:
    message = one_line_error(kg("analyze", demo, *[a.format(tmp=tmp_path) for a in args]))
    for option in named:
        assert option in message
    assert not (tmp_path / "plot.png").exists()


@pytest.mark.parametrize("option", ["--top", "--hops"])
def test_counts_below_one_are_refused(demo: Path, option: str) -> None:
    proc = kg("analyze", demo, option, "0", "--ego", "Minsk")
    assert proc.returncode == 2 and option in proc.stderr and not proc.stdout


def test_png_with_its_timeline_is_drawn(demo: Path, tmp_path: Path) -> None:
    png = tmp_path / "kolesnikova.png"
    out = json.loads(ok("analyze", demo, "--timeline", "Maria Kolesnikova", "--png", png,
                        "--communities", "--format", "json"))
    assert set(out) == {"communities", "timeline of Maria Kolesnikova"}
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- kg export --format graphml|gexf|neo4j-csv ------------------------------------------------


def _edges(H: nx.MultiDiGraph, drop: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    return sorted((u, v, k, {a: x for a, x in d.items() if a not in drop})
                  for u, v, k, d in H.edges(keys=True, data=True))


def _fact_attributes_everywhere(H: nx.MultiDiGraph) -> None:
    for *_, d in H.edges(data=True):
        assert {"lemma", "predicate", "event", "sentence", "date"} <= d.keys(), d


@pytest.mark.parametrize("name, args", [("g.graphml", []), ("entities.xml", ["--format",
                                                                              "graphml"])])
def test_export_graphml_is_the_entity_projection(demo: Path, G: nx.MultiDiGraph, tmp_path: Path,
                                                 name: str, args: list[str]) -> None:
    out = tmp_path / name
    said = ok("export", demo, out, *args)
    assert said.strip() == (f"wrote {out}: entity graph of {G.number_of_nodes()} nodes and "
                            f"{G.number_of_edges()} edges")
    H = nx.read_graphml(out, force_multigraph=True)
    want = exportable(G)
    assert dict(H.nodes(data=True)) == dict(want.nodes(data=True))
    assert _edges(H) == _edges(want)
    _fact_attributes_everywhere(H)
    tikhanovskaya = find_entity(G, TIKHANOVSKAYA)
    assert find_entity(H, TIKHANOVSKAYA) == tikhanovskaya


def _days(date: str) -> tuple[str, str]:
    """The first and last day of an ISO date, month or year (written out, not computed)."""
    if len(date) == 10:
        return date, date
    if len(date) == 4:
        return f"{date}-01-01", f"{date}-12-31"
    raise AssertionError(f"the demo graph has no month-only date: {date}")


def test_export_gexf_is_dynamic_for_gephis_timeline(demo: Path, G: nx.MultiDiGraph,
                                                    tmp_path: Path) -> None:
    out = tmp_path / "g.gexf"
    ok("export", demo, out)
    graph_tag = re.search(r"<graph [^>]*>", out.read_text(encoding="utf-8"))
    assert graph_tag and 'mode="dynamic"' in graph_tag.group(0)
    assert 'timeformat="date"' in graph_tag.group(0)
    H = nx.read_gexf(out)
    want = exportable(G)
    assert _edges(H, drop=("id", "start", "end")) == _edges(want)
    _fact_attributes_everywhere(H)
    times = {(u, v, k): (d["start"], d["end"]) for u, v, k, d in H.edges(keys=True, data=True)}
    assert times == {(u, v, k): _days(d["date"]) for u, v, k, d in G.edges(keys=True, data=True)}
    for v, d in H.nodes(data=True):
        assert {a: x for a, x in d.items() if a not in ("start", "end")} == want.nodes[v]
        spans = [times[e] for e in H.in_edges(v, keys=True)] + [times[e] for e in
                                                                 H.out_edges(v, keys=True)]
        assert (d["start"], d["end"]) == (min(s for s, _ in spans), max(e for _, e in spans))
    # the Belarus story (2025) and the Airbus order (2005) are apart on the timeline
    assert H.nodes[find_entity(G, "Maria Kolesnikova")]["start"] == "2025-12-14"
    assert H.nodes[find_entity(G, "Qatar Airways")]["end"] < "2010"


def test_export_neo4j_csv_for_neo4j_admin_import(demo: Path, G: nx.MultiDiGraph,
                                                 tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    said = ok("export", demo, out, "--format", "neo4j-csv")
    nodes_csv, rels_csv = out / "nodes.csv", out / "relationships.csv"
    assert said.startswith(f"wrote {nodes_csv} and {rels_csv}: ")
    node_text = nodes_csv.read_text(encoding="utf-8")
    rel_text = rels_csv.read_text(encoding="utf-8")
    nodes = list(csv.DictReader(io.StringIO(node_text)))
    rels = list(csv.DictReader(io.StringIO(rel_text)))
    # one record per line: neo4j-admin refuses line breaks in fields unless told otherwise
    assert len(node_text.splitlines()) == len(nodes) + 1
    assert len(rel_text.splitlines()) == len(rels) + 1

    node_header = list(nodes[0])
    assert node_header[:3] == ["iri:ID", "name", ":LABEL"] and "aliases:string[]" in node_header
    ids = [n["iri:ID"] for n in nodes]
    assert len(ids) == len(set(ids)) == G.number_of_nodes() and set(ids) == set(G)
    for n in nodes:
        d = G.nodes[n["iri:ID"]]
        label = "Entity" if d["type"] == "Entity" else f"Entity;{d['type']}"
        assert n["name"] == d["label"] and n[":LABEL"] == label
        assert n["aliases:string[]"].split(";") == list(d["aliases"]) or not d["aliases"]

    rel_header = list(rels[0])
    assert rel_header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert {"event", "lemma", "predicate", "sentence", "date:date", "published:date",
            "confidence:double", "negated:boolean", "sentence_start:long"} <= set(rel_header)
    assert all(h.rsplit(":", 1)[-1] in {"long", "double", "boolean", "date", "string[]"}
               for h in rel_header[3:] if ":" in h)
    assert len(rels) == G.number_of_edges()
    assert all(r[":START_ID"] in set(ids) and r[":END_ID"] in set(ids) for r in rels)
    # an edge is keyed by its happening (by its event where it has none: a description)
    assert Counter((r[":START_ID"], r[":END_ID"], r.get("happening") or r["event"])
                   for r in rels) == Counter(list(G.edges(keys=True)))
    assert {"happening", "reports:long", "report_events:string[]"} <= set(rel_header)
    for r in rels:
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", r[":TYPE"]), r[":TYPE"]
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", r["date:date"])
        assert 0 < float(r["confidence:double"]) <= 1
        assert r["negated:boolean"] in ("true", "false")
    handed = {r[":TYPE"] for r in rels if r["lemma"] == "hand over to"}
    assert handed == {"HAND_OVER_TO"}


def test_exported_files_get_the_mode_of_an_ordinary_write(demo: Path, tmp_path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    ok("export", demo, tmp_path / "g.gexf")
    ok("export", demo, tmp_path / "neo4j", "--format", "neo4j-csv")
    for path in (tmp_path / "g.gexf", tmp_path / "neo4j" / "nodes.csv",
                 tmp_path / "neo4j" / "relationships.csv"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path  # not mkstemp's 0600
    (tmp_path / "g.gexf").chmod(0o640)
    ok("export", demo, tmp_path / "g.gexf")  # rewriting keeps the file's own mode
    assert stat.S_IMODE((tmp_path / "g.gexf").stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.gexf", "neo4j"]  # no temp files


def test_export_format_errors_are_one_line(demo: Path, tmp_path: Path) -> None:
    message = one_line_error(kg("export", demo, tmp_path / "g.dot", "--format", "dot"))
    assert "--format dot" in message and "graphml, gexf or neo4j-csv" in message
    taken = tmp_path / "notes.txt"
    taken.write_text("mine", encoding="utf-8")
    message = one_line_error(kg("export", demo, taken, "--format", "neo4j-csv"))
    assert str(taken) in message and "directory" in message
    assert taken.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
