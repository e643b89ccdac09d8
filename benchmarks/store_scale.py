"""Speed at store scale, as a user times it (issues 15 and 17): whole ``kg`` commands on a
store of the ECB+ corpus, and the library calls apart.

    python benchmarks/store_scale.py [--only identity,add,views] [--keep DIR] [--runs 3]

- ``identity`` (issue 15): the share of ``kg build`` of the first 150 ECB+ articles spent
  in the store-level identity step (:mod:`kg.identity`: each article's reports read from its
  RDF, the happenings grouped and written, the entity links recomputed), timed by its own
  timers inside whole ``kg build`` processes (``--out g.trig`` and ``--store S``), median
  of ``--runs``. Target: <= 5 % of the build.
- ``add`` (issue 15): a store of every ECB+ article but one (981: the corpus has 982, not
  1,000) built once with ``kg build --store``; then ``kg build --store COPY ONE`` of the
  last article as a whole command, each run on a fresh copy of the store; and the library
  call (:func:`kg.pipeline.build` after :func:`kg.nlp.load_model`, the model load timed
  apart) with the identity step's own share. Target: < 2 s.
- ``views`` (issue 17): on that store, ``kg view --store S`` (< 10 s), ``kg view --store S
  --focus X --hops 2`` (< 2 s, X the busiest agent of the store) and ``kg analyze S --top
  10`` (< 3 s), each a whole command, median of ``--runs``.

``make bench`` runs it as the ``scale`` part of benchmarks/run.py. The stores go to
``--keep DIR`` (kept, and reused by a later run) or a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import article_files, link_articles, named_query_params  # noqa: E402

KG = Path(sys.executable).with_name("kg")
PARTS = ("identity", "add", "views")

#: Child-process code: ``timer(name, fn)`` wraps ``fn`` so its seconds add up in ``spent``.
_TIMER = """
spent = {}
def timer(name, fn):
    def run(*a, **k):
        t = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
    return run
"""

#: The child process of the ``identity`` part: the ``kg`` command itself, with timers around
#: the identity step's three calls in kg.pipeline; their seconds go to the last stderr line.
_TIMED_CLI = """
import json, sys, time
import kg.pipeline as p
""" + _TIMER + """for name in ("reports_from_triples", "update_happenings", "update_entity_links"):
    setattr(p, name, timer(name, getattr(p, name)))
from kg.cli import main
sys.argv = ["kg", *sys.argv[1:]]
try:
    main()
finally:
    print(json.dumps(spent), file=sys.stderr)
"""


#: A command still running after this many seconds is stopped and reported as ``> LIMIT``.
LIMIT = 300


def _wall(command: list[str], limit: float | None = None) -> tuple[float, str]:
    """Wall seconds of one whole process, and its stderr (it must succeed); with ``limit``,
    a process still running then is stopped and its wall is ``inf``."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return float("inf"), ""
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stderr[-2000:]}")
    return wall, proc.stderr


def bench_identity(out: dict[str, Any], root: Path, runs: int = 3) -> None:
    """The identity step's share of whole ``kg build`` processes on 150 ECB+ articles."""
    folder = link_articles(root / "ecb150", article_files()[:150])
    out["articles"] = 150
    for case, args in (("out", ["--out", "{tmp}/g.trig"]), ("store", ["--store", "{tmp}/s"])):
        walls, steps, shares = [], [], []
        for _ in range(runs):
            with tempfile.TemporaryDirectory(dir=root) as tmp:
                command = [sys.executable, "-c", _TIMED_CLI, "build", str(folder)]
                wall, err = _wall(command + [a.format(tmp=tmp) for a in args])
            spent = json.loads(err.strip().splitlines()[-1])
            walls.append(wall)
            steps.append(spent)
            shares.append(sum(spent.values()) / wall)
        med = statistics.median
        out[case] = {
            "command": f"kg build DIR {' '.join(args)}",
            "wall_s": round(med(walls), 2),
            **{f"{k}_s": round(med(s.get(k, 0.0) for s in steps), 3) for k in steps[0]},
            "identity_share": round(med(shares), 4),
        }


def _base_store(root: Path) -> tuple[Path, Path]:
    """The store of every ECB+ article but the last (built once, kept under ``root``) and a
    folder holding that last article."""
    files = article_files()
    base = link_articles(root / "base", files[:-1])
    one = link_articles(root / "one", files[-1:])
    store = root / "store"
    if not (store / "CURRENT").exists():
        shutil.rmtree(store, ignore_errors=True)
        wall, _ = _wall([str(KG), "build", str(base), "--store", str(store)])
        print(f"  built {store} from {len(files) - 1} articles in {wall:.0f} s", flush=True)
    return store, one


_ADD_LIBRARY = """
import json, sys, time
t = time.perf_counter()
import kg.pipeline as p
from kg.ingest import read_articles
from kg.nlp import load_model
from kg.store import open_store
nlp = load_model()
load = time.perf_counter() - t
""" + _TIMER + """for name in ("update_happenings", "update_entity_links"):
    setattr(p, name, timer(name, getattr(p, name)))
t = time.perf_counter()
with open_store(sys.argv[1]) as store:
    opened = time.perf_counter() - t
    t = time.perf_counter()
    report = p.build(read_articles([sys.argv[2]]), store, nlp)
    built = time.perf_counter() - t
    t = time.perf_counter()
closed = time.perf_counter() - t
print(json.dumps({"model_load_s": load, "open_s": opened, "build_s": built, "close_s": closed,
                  "added": report.added, **{f"{k}_s": v for k, v in spent.items()}}))
"""


def bench_add(out: dict[str, Any], root: Path, runs: int = 3) -> None:
    """One new article into the 981-article store: the whole command and the library call."""
    store, one = _base_store(root)
    out["store_articles"] = len(article_files()) - 1
    walls, calls = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(dir=root) as tmp:
            copy = Path(tmp) / "store"
            shutil.copytree(store, copy)
            wall, _ = _wall([str(KG), "build", str(one), "--store", str(copy)])
            walls.append(wall)
        with tempfile.TemporaryDirectory(dir=root) as tmp:
            copy = Path(tmp) / "store"
            shutil.copytree(store, copy)
            proc = subprocess.run(
                [sys.executable, "-c", _ADD_LIBRARY, str(copy), str(one)],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            calls.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    med = statistics.median
    out["command"] = "kg build ONE --store STORE (a fresh copy each run)"
    out["command_wall_s"] = round(med(walls), 2)
    out["command_walls_s"] = [round(w, 2) for w in walls]
    for key in calls[0]:
        if key.endswith("_s"):
            out[f"library_{key}"] = round(med(c[key] for c in calls), 3)


def bench_views(out: dict[str, Any], root: Path, runs: int = 3) -> None:
    """``kg view`` (whole and --focus) and ``kg analyze --top 10`` on the 981-article store."""
    from kg.store import open_store

    store, _one = _base_store(root)
    with open_store(store, read_only=True) as opened:
        focus = named_query_params(opened)["timeline"]["entity"]
    out["focus"] = focus
    page = root / "view.html"
    commands = {
        "view": [str(KG), "view", "--store", str(store), "--out", str(page)],
        "view_focus": [str(KG), "view", "--store", str(store), "--focus", focus,
                       "--hops", "2", "--out", str(page)],  # fmt: skip
        "analyze_top10": [str(KG), "analyze", str(store), "--top", "10"],
    }
    for name, command in commands.items():
        walls = []
        for _ in range(runs):
            walls.append(_wall(command, LIMIT)[0])
            if walls[-1] == float("inf"):
                break  # one run past the limit says enough
        wall = statistics.median(walls)
        out[name] = {
            "command": " ".join(["kg", *command[1:]]),
            "wall_s": round(wall, 2) if wall != float("inf") else f"> {LIMIT}",
            "walls_s": [round(w, 2) if w != float("inf") else f"> {LIMIT}" for w in walls],
        }


def bench_scale(out: dict[str, Any], root: Path | None = None, runs: int = 3,
                parts: tuple[str, ...] = PARTS) -> None:  # fmt: skip
    """The ``scale`` part of ``make bench``: each of ``parts`` into ``out``."""
    with tempfile.TemporaryDirectory() as tmp:
        where = root or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        for part in parts:
            section: dict[str, Any] = {}
            globals()[f"bench_{part}"](section, where, runs)
            out[part] = section
            print(f"  {part}: {json.dumps(section)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(PARTS))
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the stores here")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    figures: dict[str, Any] = {}
    bench_scale(figures, args.keep, args.runs, tuple(p for p in args.only.split(",") if p))
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
