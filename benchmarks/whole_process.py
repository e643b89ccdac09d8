"""Whole-command build speed as a user times it: ``kg build`` of the first 150 ECB+ articles
against ``pipe_only.py`` (the same model, ``nlp.pipe`` over the same texts, nothing else).

Each pair runs in turn (kg, pipe, kg, pipe, ...) as separate processes, model load included on
both sides; the ratio is taken pair by pair and the median of ``--runs`` (3) pairs reported,
with each side's median wall and CPU seconds (the children's own accounting, ``getrusage``).

    python benchmarks/whole_process.py [--articles 150] [--runs 3] [--only one,default,store]

- ``one``: ``kg build DIR --out g.trig --workers 1`` (issue 17 target: <= 1.10x);
- ``default``: ``kg build DIR --out g.trig`` with the defaults (target on 2 cores: <= 0.75x;
  the default is one worker until ``--workers auto`` is measured faster);
- ``store``: ``kg build DIR --store S`` (target: <= 1.20x).

``make bench`` runs it as its ``command`` part (benchmarks/run.py).
"""

from __future__ import annotations

import argparse
import json
import resource
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

from corpus import first_articles  # noqa: E402

KG = Path(sys.executable).with_name("kg")
CASES = {
    "one": ["--out", "{tmp}/g.trig", "--workers", "1"],
    "default": ["--out", "{tmp}/g.trig"],
    "store": ["--store", "{tmp}/store"],
}


def _run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process (its children's accounting)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def compare(case: str, folder: Path, runs: int) -> dict[str, Any]:
    """``runs`` alternating pairs of ``kg build`` (``case``) and ``pipe_only.py``."""
    pipe = [sys.executable, str(HERE / "pipe_only.py"), str(folder)]
    kg_walls, kg_cpus, pipe_walls, pipe_cpus, ratios = [], [], [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            args = [a.format(tmp=tmp) for a in CASES[case]]
            wall, cpu = _run([str(KG), "build", str(folder), *args])
        kg_walls.append(wall)
        kg_cpus.append(cpu)
        wall, cpu = _run(pipe)
        pipe_walls.append(wall)
        pipe_cpus.append(cpu)
        ratios.append(kg_walls[-1] / pipe_walls[-1])
    med = statistics.median
    return {
        "command": f"kg build DIR {' '.join(CASES[case])}",
        "kg_wall_s": round(med(kg_walls), 2),
        "kg_cpu_s": round(med(kg_cpus), 2),
        "pipe_wall_s": round(med(pipe_walls), 2),
        "pipe_cpu_s": round(med(pipe_cpus), 2),
        "ratio": round(med(ratios), 3),
    }


def bench_command(out: dict[str, Any], articles: int = 150, runs: int = 3,
                  cases: tuple[str, ...] = tuple(CASES)) -> None:  # fmt: skip
    """The ``command`` part of ``make bench``: each case's figures into ``out``."""
    folder = Path(tempfile.mkdtemp(prefix="kg-ecb-"))
    try:
        first_articles(articles, folder)
        out["articles"] = articles
        for case in cases:
            out[case] = compare(case, folder, runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default=",".join(CASES))
    args = parser.parse_args()
    figures: dict[str, Any] = {}
    bench_command(figures, args.articles, args.runs, tuple(args.only.split(",")))
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
