"""kg analyze, kg query --format json and kg export --format on the demo graph, as a user runs
them: `kg build examples/articles --date 2025-12-14 --out g.trig`, then the command, its output
read back as CSV/JSON/GraphML/GEXF and checked against the library's own projection."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import XSD, Dataset

from kg.graph import entity_graph, find_entity
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
