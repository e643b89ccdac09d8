"""``make bench``: build throughput, extractor share, peak memory, SPARQL, view and ECB+ scores.

Prints a table and saves ``benchmarks/results/latest.json``. Each part can run alone:
``python benchmarks/run.py --only throughput,command,memory,sparql,view,ecbplus,serve,webgl,scale``
(each name a part).
``command`` (benchmarks/whole_process.py) times whole ``kg build`` processes against a bare
``nlp.pipe`` script on 150 ECB+ articles. Long
by design (about half an hour on 2 cores): it is not part of ``make test``. ``webgl`` (the
big-graph page on a synthetic 20,000-node graph, benchmarks/view_webgl.py) needs no corpus or
store. ``scale`` (benchmarks/store_scale.py) times the identity step's share of ``kg build`` on
150 ECB+ articles, adding one article to a store of the other 981, and ``kg view`` /
``kg analyze`` as whole commands on that store.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import ecb_articles, named_query_params, segment_texts, word_count  # noqa: E402
from store_scale import bench_scale  # noqa: E402, F401  (run by name from main)
from view_webgl import bench_webgl  # noqa: E402, F401  (run by name from main)
from whole_process import bench_command  # noqa: E402, F401  (run by name from main)

RESULTS = HERE / "results"
PARTS = (
    "throughput", "command", "memory", "sparql", "view", "ecbplus", "serve", "webgl", "scale",
)  # fmt: skip
STORELESS = ("throughput", "command", "webgl", "scale")  # parts that do not read the stores


def timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def bench_throughput(out: dict[str, Any]) -> None:
    """kg build against spaCy's own nlp.pipe on the same segments, 1 and 2 processes (in-memory
    store), and 1 process into an on-disk store."""
    from kg.extract import extract_facts
    from kg.nlp import load_model
    from kg.parse import parse_articles
    from kg.pipeline import build
    from kg.resolve import annotate_time_place, resolve_entities
    from kg.store import open_store

    articles = ecb_articles()
    texts = segment_texts(articles)
    words = word_count(articles)
    nlp = load_model()
    list(nlp.pipe(texts[:50]))  # warm up
    for workers in (1, 2):
        t_spacy, _ = timed(lambda w=workers: sum(1 for _ in nlp.pipe(texts, n_process=w)))
        with open_store(None) as store:
            t_kg, report = timed(build, articles, store, nlp, n_process=workers)
        out[f"spacy_pipe_{workers}w_s"] = round(t_spacy, 1)
        out[f"kg_build_{workers}w_s"] = round(t_kg, 1)
        out[f"spacy_words_per_s_{workers}w"] = round(words / t_spacy)
        out[f"kg_words_per_s_{workers}w"] = round(words / t_kg)
        out[f"build_over_pipe_{workers}w"] = round(t_kg / t_spacy, 3)
    # The same 1-worker build into an on-disk store (what `kg build --store DIR` does): its
    # transactional RocksDB writes cost more than the in-memory store's, on the writer thread.
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        with open_store(Path(tmp) / "store") as store:
            build(articles, store, nlp)
        t_disk = time.perf_counter() - start  # includes the final flush
    out["kg_build_disk_1w_s"] = round(t_disk, 1)
    out["build_disk_over_pipe_1w"] = round(t_disk / out["spacy_pipe_1w_s"], 3)
    out["words"] = words
    out["articles"] = len(articles)
    out["facts"] = report.facts
    out["speedup_2w_over_1w"] = round(out["kg_build_1w_s"] / out["kg_build_2w_s"], 2)

    # Extractor (and resolver) time as a share of parse time, on articles parsed once.
    t_parse, parsed = timed(lambda: list(parse_articles(articles, nlp)))
    t_extract = t_resolve = 0.0
    for one in parsed:
        t, facts = timed(extract_facts, one)
        t_extract += t
        t, resolved = timed(resolve_entities, one, facts)
        t_resolve += t
        t, _ = timed(annotate_time_place, one.article, resolved[0])
        t_resolve += t
    out["parse_s"] = round(t_parse, 1)
    out["extract_s"] = round(t_extract, 2)
    out["resolve_s"] = round(t_resolve, 2)
    out["extract_share_of_parse"] = round(t_extract / t_parse, 3)
    out["resolve_share_of_parse"] = round(t_resolve / t_parse, 3)


def bench_memory(out: dict[str, Any], stores: dict[int, Path]) -> None:
    """Peak RSS of a build at 1x and 4x the corpus, each in a fresh process."""
    for repeat in (1, 4):
        # A fresh store: a kept one from an earlier run would make an incremental no-op.
        shutil.rmtree(stores[repeat], ignore_errors=True)
        proc = subprocess.run(
            [
                sys.executable,
                str(HERE / "memory_build.py"),
                "--repeat",
                str(repeat),
                "--store",
                str(stores[repeat]),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        out[f"x{repeat}"] = json.loads(proc.stdout.strip().splitlines()[-1])
    out["peak_ratio_4x_over_1x"] = round(out["x4"]["peak_rss_mb"] / out["x1"]["peak_rss_mb"], 3)


#: Benchmark entries that run a named query under another name (with other parameters).
_QUERY_OF = {"who-did-what-all": "who-did-what"}


def bench_sparql(out: dict[str, Any], stores: dict[int, Path]) -> None:
    """Named queries on a >= 1M-triple store: embedded Oxigraph (best of 3, rows converted to
    rdflib terms as `run_named_query` returns them) against rdflib's Memory store."""
    from kg.store import named_queries, open_store, run_named_query

    location = next(
        (stores[r] for r in sorted(stores) if _triples(stores[r]) >= 1_000_000), stores[4]
    )
    queries = named_queries()
    with open_store(location) as store:
        out["triples"] = store.triple_count()
        params = named_query_params(store)
        for label, values in params.items():
            name = _QUERY_OF.get(label, label)
            if name not in queries:
                continue
            runs = [
                timed(lambda n=name, v=values: list(run_named_query(store, n, **v)))
                for _ in range(3)
            ]
            out[f"oxigraph_{label}_s"] = round(min(t for t, _ in runs), 3)
            out[f"rows_{label}"] = len(runs[0][1])
        dump = location.parent / "graph.nq"
        store.export(dump)
    # Load time of the same data into a fresh on-disk Oxigraph store (its bulk loader).
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory(dir=location.parent) as fresh:
        t, _ = timed(
            lambda: ox.Store(fresh).bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        )
        out["oxigraph_load_s"] = round(t, 1)
    # rdflib's Memory store takes minutes a query: the named queries only, once each.
    memory_params = {k: v for k, v in params.items() if k in queries}
    proc = subprocess.run(
        [
            sys.executable,
            str(HERE / "memory_store_queries.py"),
            str(dump),
            json.dumps(memory_params),
            "120",
        ],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if proc.returncode == 0:
        memory = json.loads(proc.stdout.strip().splitlines()[-1])
        out.update({f"rdflib_memory_{k}": v for k, v in memory.items()})
        for name in memory_params:
            fast, slow = out.get(f"oxigraph_{name}_s"), memory.get(f"{name}_s")
            if not (isinstance(fast, float) and isinstance(slow, float)):
                continue
            # A ratio only where both engines give the same answer: rdflib's evaluator
            # returns no rows for some of these standard queries.
            if memory.get(f"{name}_rows") == out.get(f"rows_{name}"):
                out[f"memory_over_oxigraph_{name}"] = round(slow / max(fast, 1e-4), 1)
            else:
                out[f"memory_over_oxigraph_{name}"] = "rows differ"
    else:
        out["rdflib_memory_error"] = proc.stderr.strip().splitlines()[-1:]


def _triples(location: Path) -> int:
    from kg.store import open_store

    with open_store(location) as store:
        return store.triple_count()


def bench_view(out: dict[str, Any], stores: dict[int, Path]) -> None:
    """A 5,000-node view from the ECB+ graph: file size and time to stop moving in Chromium."""
    from kg.graph import entity_graph
    from kg.store import open_store
    from kg.view import render_html

    with open_store(stores[1]) as store:
        graph = entity_graph(store.dataset)
    page = stores[1].parent / "view-5000.html"
    t_render, summary = timed(render_html, graph, page, max_nodes=5000, title="ECB+")
    out["graph_nodes"] = graph.number_of_nodes()
    out["view_nodes"] = summary.nodes
    out["view_edges"] = summary.edges
    out["render_s"] = round(t_render, 2)
    out["page_mb"] = round(page.stat().st_size / 1e6, 2)
    from playwright.sync_api import sync_playwright

    from kg.view import find_chromium
    from kg.view._screenshot import CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(find_chromium()), args=list(CHROMIUM_ARGS))
        tab = browser.new_page()
        start = time.perf_counter()
        tab.goto(page.as_uri())
        tab.wait_for_function(
            "window.kgView && window.kgView.state.ready === true", timeout=120_000
        )
        out["stabilised_s"] = round(time.perf_counter() - start, 2)
        browser.close()


def bench_ecbplus(out: dict[str, Any], stores: dict[int, Path]) -> None:
    """ECB+ dev coreference (``kg eval ecbplus``): CoNLL F1 per setting, group and system,
    mention recall/precision of kg's predicted mentions, and the time of the whole run."""
    from kg.eval.ecbplus import evaluate_ecbplus

    data = HERE.parents[1] / "shared" / "data" / "ecbplus"
    t, result = timed(evaluate_ecbplus, data, split="dev")
    dev = result.splits["dev"]
    for row in dev.rows:
        name = f"{row.setting}_{row.group}_{row.system}".replace(" ", "_")
        name = name.replace("same-head-lemma_(", "lemma_").replace(")", "")
        out[f"{name}_conll"] = round(100 * row.scores.conll, 1)
        if row.mention_recall is not None:
            out[f"{name}_mention_recall"] = round(100 * row.mention_recall, 1)
            out[f"{name}_mention_precision"] = round(100 * (row.mention_precision or 0), 1)
    out["dev_run_s"] = round(t, 1)


def bench_serve(out: dict[str, Any], stores: dict[int, Path]) -> None:
    """`kg serve` on 200 ECB+ articles under 50 clients for 60 s, then the same with a runaway
    query (``serve_load.py``): requests, errors, throughput, latency, server memory."""
    from serve_load import run

    store = stores[1].parent.parent / "serve" / "store"
    store.parent.mkdir(parents=True, exist_ok=True)
    figures = run(store)
    for phase in ("mix", "runaway"):
        figures[phase].pop("per_query", None)  # kept by serve_load.py --out, not here
    out.update(figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default=",".join(PARTS))
    parser.add_argument("--keep", help="keep the stores in this directory")
    args = parser.parse_args()
    parts = [p for p in args.only.split(",") if p]
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.keep or tmp)
        stores = {1: root / "x1" / "store", 4: root / "x4" / "store"}
        for s in stores.values():
            s.parent.mkdir(parents=True, exist_ok=True)
        built = "memory" in parts or (stores[1] / "CURRENT").exists()  # an Oxigraph store
        if not built and {"sparql", "view"} & set(parts):
            # Without it they would time queries on an empty store and save those figures.
            raise SystemExit(
                "sparql and view read the stores the memory part builds: run them with it "
                "(--only memory,sparql,view) or give --keep DIR of a run that built them"
            )
        for part in PARTS:
            if part not in parts:
                continue
            section: dict[str, Any] = {}
            print(f"== {part}", flush=True)
            t, _ = timed(
                globals()[f"bench_{part}"], section, *(() if part in STORELESS else (stores,))
            )
            section["wall_s"] = round(t, 1)
            results[part] = section
            for key, value in section.items():
                print(f"  {key:34} {value}", flush=True)
    RESULTS.mkdir(exist_ok=True)
    latest = RESULTS / "latest.json"
    # --only refreshes its parts and keeps the others' last figures (each part is dated).
    previous = json.loads(latest.read_text()) if latest.exists() else {}
    for part in PARTS:
        if part in results:
            results[part]["date"] = results["date"]
        elif isinstance(previous.get(part), dict):
            results[part] = previous[part]
    latest.write_text(json.dumps(results, indent=2) + "\n")
    print(f"saved {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
