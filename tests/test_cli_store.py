"""Stores from the command line, as a user moves them about: build, export, import, remove,
query. Real `kg` processes, real on-disk stores, the demo articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.rdf import article_iri
from kg.store import META_GRAPH
from kg.vocab import RDFS
from tests.conftest import BELARUS, EXAMPLES

KG = str(Path(sys.executable).parent / "kg")
DEMO_IDS = sorted(p.stem for p in EXAMPLES.glob("*.txt"))
TURTLE_REFUSED = (
    "Turtle has no named graphs, so the article graphs and their content hashes would be "
    "lost; write the store to .trig, .nq or .jsonld instead"
)
COUNT_ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }"


def run_kg(*args: str | Path, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [KG, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.umask(umask),  # the files' mode is under test
    )


def ok(*args: str | Path) -> str:
    proc = run_kg(*args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def refused(*args: str | Path) -> str:
    """The one error line of a command that must fail with exit code 1."""
    proc = run_kg(*args)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("kg: error: ")
    return lines[0].removeprefix("kg: error: ")


def store_quads(location: Path) -> set[str]:
    """Every quad of an on-disk store, bookkeeping graph included, as N-Quads lines."""
    store = ox.Store.read_only(str(location))
    try:
        return {str(q) for q in store}
    finally:
        del store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo articles built into an on-disk store (and, in the same run, --out graph.trig)."""
    folder = tmp_path_factory.mktemp("demo")
    ok(
        "build",
        EXAMPLES,
        "--date",
        "2025-12-14",
        "--store",
        folder / "store",
        "--out",
        folder / "graph.trig",
        "--html",
        folder / "graph.html",
    )
    return folder


def plan(store: Path) -> dict[str, list[str]]:
    """`kg build --dry-run` of the demo articles against ``store``: article ids by action."""
    out = ok("build", EXAMPLES, "--date", "2025-12-14", "--store", store, "--dry-run")
    actions: dict[str, list[str]] = {}
    for line in out.splitlines():
        action, _, rest = line.partition(" ")
        if action in ("add", "replace", "unchanged"):
            actions.setdefault(action, []).append(rest.strip())
    return {k: sorted(v) for k, v in actions.items()}


# ---------------------------------------------------------------- export, import, remove


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".jsonld"])
def test_export_then_import_gives_an_identical_working_store(
    demo: Path, tmp_path: Path, suffix: str
) -> None:
    source = demo / "store"
    dump = tmp_path / f"store{suffix}"
    assert ok("export", source, dump) == f"wrote {dump}\n"
    copy = tmp_path / "copy"
    out = ok("import", dump, "--store", copy)
    quads = store_quads(source)
    assert out.splitlines() == [
        f"imported {dump}: 5 articles with their content hashes; {len(quads)} quads in all",
        "store holds 5 articles",
    ]
    assert store_quads(copy) == quads
    assert sum(f"<{META_GRAPH}>" in q for q in quads) == len(DEMO_IDS)  # the hashes came along
    if suffix != ".jsonld":  # (the same store, quad for quad: once per format is enough)
        assert plan(copy) == {"unchanged": DEMO_IDS}  # nothing to rebuild
    assert ok("remove", "11716", "--store", copy) == "removed 11716\n"
    gone = f"<{article_iri('11716')}> ."
    assert not any(q.endswith(gone) for q in store_quads(copy))


def test_build_out_file_imports_as_the_built_store(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    ok("import", demo / "graph.trig", "--store", copy)
    assert store_quads(copy) == store_quads(demo / "store")


def test_graph_files_get_the_mode_the_umask_gives(demo: Path, tmp_path: Path) -> None:
    assert (demo / "graph.html").stat().st_mode & 0o777 == 0o644
    assert (demo / "graph.trig").stat().st_mode & 0o777 == 0o644  # was 0600
    dump = tmp_path / "store.nq"
    ok("export", demo / "store", dump)
    assert dump.stat().st_mode & 0o777 == 0o644
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_build_out_refuses_a_format_that_loses_the_graphs(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"graph{suffix}"
    message = refused("build", BELARUS, "--store", tmp_path / "store", "--out", out)
    name = "Turtle" if suffix == ".ttl" else "N-Triples"
    assert message == f"{out}: {TURTLE_REFUSED.replace('Turtle', name)}"
    assert not out.exists() and not (tmp_path / "store").exists()  # refused before building


def test_export_refuses_turtle_with_the_same_message(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    assert refused("export", demo / "store", out) == f"{out}: {TURTLE_REFUSED}"
    assert not out.exists()


def test_import_of_turtle_says_where_the_triples_went(demo: Path, tmp_path: Path) -> None:
    ttl = tmp_path / "merged.ttl"
    ttl.write_text(
        f'<http://example.org/minsk> <{RDFS.label}> "Minsk" .\n',
        encoding="utf-8",
    )
    out = ok("import", ttl, "--store", tmp_path / "store")
    assert out.splitlines() == [
        f"imported {ttl}: 1 triples into the default graph, outside every article graph (Turtle"
        " has no named graphs: queries see these triples, but removing or rebuilding an article"
        " leaves them as they are)",
        "store holds 0 articles",
    ]


# ---------------------------------------------------------------- query


def test_query_takes_the_store_before_the_query_or_as_store_option(demo: Path) -> None:
    store = demo / "store"
    for args in (
        (store, COUNT_ARTICLES),
        (COUNT_ARTICLES, "--store", store),
        ("--store", store, COUNT_ARTICLES),
        (demo / "graph.trig", COUNT_ARTICLES),
    ):
        assert ok("query", *args, "--format", "csv").splitlines() == ["n", "5"], args


def test_query_on_a_file_sees_the_project_prefixes_and_the_hashes(demo: Path) -> None:
    out = ok(
        "query",
        demo / "graph.trig",
        "SELECT (COUNT(?h) AS ?n) WHERE { ?a kg:contentHash ?h }",
        "--format",
        "csv",
    )
    assert out.splitlines() == ["n", "5"]


def test_named_query_through_store_option(demo: Path) -> None:
    out = ok("query", "--store", demo / "store", "--name", "timeline", "-p", "entity=Belarus")
    direct = ok("query", demo / "store", "--name", "timeline", "-p", "entity=Belarus")
    assert out == direct and "Belarus frees 123" in out


def test_query_conflicting_inputs_say_what_to_drop(demo: Path, tmp_path: Path) -> None:
    store, trig = demo / "store", demo / "graph.trig"
    query_file = tmp_path / "q.rq"
    query_file.write_text(COUNT_ARTICLES, encoding="utf-8")
    missing = tmp_path / "missing.rq"
    cases = {
        (trig, "--store", store): f"both {trig} and --store {store} name the graph: drop one",
        (trig, COUNT_ARTICLES, "--store", store): (
            f"both {trig} and --store {store} name the graph: drop one"
        ),
        (store, COUNT_ARTICLES, "--file", query_file): (
            f"the query text and --file {query_file} both give the query: drop one of them"
        ),
        (COUNT_ARTICLES, "--store", store, "--name", "timeline", "-p", "entity=Belarus"): (
            "the query text and --name timeline both give the query: drop one of them"
        ),
        (store, "--file", query_file, "--name", "timeline"): (
            f"--file {query_file} and --name timeline both give the query: drop one of them"
        ),
        (store, COUNT_ARTICLES, "-p", "entity=Belarus"): (
            "--param binds the parameters of a --name query: add --name NAME or drop -p"
        ),
        (store,): "give a SPARQL query (text or --file FILE) or --name NAME",
        (COUNT_ARTICLES,): (
            "'SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE…' is not a graph file or store: give the"
            ' graph first (kg query GRAPH "SPARQL") or --store DIR|URL'
        ),
        (store, "--file", missing): f"{missing}: no such query file",
    }
    for args, message in cases.items():
        assert refused("query", *args) == message, args


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "SELECT * WHERE { ?s foo:bar ?o }",
            "query line 1, column 21: unknown prefix 'foo:' (declare it: PREFIX foo: <...>)",
        ),
        (
            "SELECT ?e WHERE {\n  ?e a kg:Event ;\n     nope:x ?y }",
            "query line 3, column 6: unknown prefix 'nope:' (declare it: PREFIX nope: <...>)",
        ),
    ],
)
def test_query_syntax_error_is_one_line_with_its_position(
    demo: Path, query: str, message: str
) -> None:
    assert refused("query", demo / "store", query) == message
