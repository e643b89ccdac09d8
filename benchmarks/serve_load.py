"""Load on ``kg serve``: many concurrent clients on 127.0.0.1, then the same with a runaway query.

Builds (or reuses, with ``--store DIR``) a store of the first 200 ECB+ articles in sorted
order, starts ``kg serve`` on it in its own process (a fresh one for each phase), and runs:

0. **alone**: each query of the mix, one after the other, best of three: the README's
   example queries (its ```sparql blocks) and the named queries, with parameters taken from
   the data. Those not answered within ``ALONE_LIMIT_S`` alone cannot meet the latency
   target under any load and are left out of the next phases (unless ``--mix all``);
1. **mix**: ``--clients`` clients for ``--seconds``, each sending its next request as soon as
   the last one is answered, going round the mix;
2. **runaway**: the same, plus one more client that sends a cartesian product
   (``SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }``) again and again.

Each phase reports requests, errors by kind, throughput, p50/p99 latency (over every request
answered or failed), the figures per query, and the RSS of the server's processes (the
server and its query workers) at the start and end. Only 127.0.0.1 is ever contacted; every
loop stops by itself at its deadline.

Run alone: ``python benchmarks/serve_load.py [--store DIR] [--kg PATH] [--server-args "..."]``;
``benchmarks/run.py --only serve`` runs it with the defaults and saves the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import shlex
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import ecb_articles, named_query_params  # noqa: E402

RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: The load phases send the queries that the server answers alone within this many seconds
#: (half the p99 target); the others are reported with their time alone (``--mix all``
#: sends them too).
ALONE_LIMIT_S = 1.0
#: Each query alone is timed this many times, the best counted (the machine may be busy).
ALONE_RUNS = 3
_SPARQL_BLOCK = re.compile(r"```sparql\n(?P<query>.*?)```", re.S)
#: A request not answered within this long counts as a client timeout (a hung connection).
CLIENT_TIMEOUT_S = 90.0


def build_store(location: Path, articles: int) -> None:
    """The first ``articles`` ECB+ articles (sorted order) in an on-disk store at ``location``."""
    from kg.nlp import load_model
    from kg.pipeline import build
    from kg.store import open_store

    chosen = ecb_articles()[:articles]
    with open_store(location) as store:
        build(chosen, store, load_model())


def query_mix(location: Path) -> list[tuple[str, str]]:
    """(label, SPARQL text): the README's example queries, then the named queries bound."""
    from kg.store import named_queries, open_store
    from kg.store._named import bind_named_query

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    mix = [
        (f"readme-{i}", m["query"]) for i, m in enumerate(_SPARQL_BLOCK.finditer(readme), 1)
    ]
    queries = named_queries()
    with open_store(location, read_only=True) as store:
        params = named_query_params(store)
    for label, values in params.items():
        name = "who-did-what" if label.startswith("who-did-what") else label
        if name in queries:
            mix.append((label, bind_named_query(queries[name], **values)))
    return mix


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(kg: str, location: Path, port: int, extra: list[str]) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [kg, "serve", "--store", str(location), "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"kg serve exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            status, _, _ = request(port, "ASK { }", timeout=5)
            if status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("kg serve did not answer within 60 s")


def request(port: int, query: str, timeout: float = CLIENT_TIMEOUT_S) -> tuple[int, str, float]:
    """POST one query; (status, first line of an error body, seconds)."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(
            "POST",
            "/sparql",
            body=query.encode("utf-8"),
            headers={
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json",
            },
        )
        response = conn.getresponse()
        body = response.read()
        status = response.status
    finally:
        conn.close()
    message = "" if status == 200 else body.decode("utf-8", "replace").strip().split("\n")[0]
    return status, message, time.perf_counter() - start


def server_rss_mb(pid: int) -> float:
    """RSS of the server process and all its children (query workers), in MB."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += p.memory_info().rss
    return round(total / 1e6, 1)


def _error_kind(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError | socket.timeout):
        return "client timeout"
    if isinstance(exc, ConnectionResetError | BrokenPipeError | http.client.RemoteDisconnected):
        return "connection reset"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    return type(exc).__name__


def run_phase(
    port: int, pid: int, mix: list[tuple[str, str]], clients: int, seconds: float, runaway: bool
) -> dict[str, Any]:
    """``clients`` closed-loop clients over ``mix`` for ``seconds`` (plus a runaway one)."""
    records: list[tuple[str, int | str, float, str]] = []  # label, status or error, s, message
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(k: int, only: tuple[str, str] | None) -> None:
        i = k
        while time.monotonic() < deadline:
            label, query = only or mix[i % len(mix)]
            i += 1
            start = time.perf_counter()
            try:
                status, message, took = request(port, query)
                outcome: int | str = status
            except Exception as exc:  # noqa: BLE001 (every failure is a figure)
                outcome, message, took = _error_kind(exc), str(exc), time.perf_counter() - start
            with lock:
                records.append((label, outcome, took, message))

    rss_start = server_rss_mb(pid)
    peak = [rss_start]
    stop_sampling = threading.Event()

    def sample() -> None:
        while not stop_sampling.wait(1.0):
            peak[0] = max(peak[0], server_rss_mb(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    threads = [threading.Thread(target=client, args=(k, None)) for k in range(clients)]
    if runaway:
        threads.append(threading.Thread(target=client, args=(0, ("runaway", RUNAWAY))))
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + CLIENT_TIMEOUT_S + 30)
    wall = time.perf_counter() - started
    stop_sampling.set()
    sampler.join()
    time.sleep(1.0)  # let the server settle (a worker being replaced) before the last figure
    out = summarise([r for r in records if r[0] != "runaway"], wall)
    # The machine's load: other work on it slows every figure here.
    out["load_average_end"] = round(os.getloadavg()[0], 1)
    out["server_rss_mb_start"] = rss_start
    out["server_rss_mb_end"] = server_rss_mb(pid)
    out["server_rss_mb_peak"] = round(peak[0], 1)
    if runaway:
        mine = [r for r in records if r[0] == "runaway"]
        out["runaway"] = {
            "requests": len(mine),
            "outcomes": dict(Counter(str(r[1]) for r in mine)),
            "seconds": [round(r[2], 2) for r in mine],
            "message": next((r[3] for r in mine if r[3]), ""),
        }
    return out


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)


def summarise(records: list[tuple[str, int | str, float, str]], wall: float) -> dict[str, Any]:
    ok = [r for r in records if r[1] == 200]
    errors = Counter(
        f"http {r[1]}" if isinstance(r[1], int) else str(r[1]) for r in records if r[1] != 200
    )
    latencies = [r[2] for r in records]
    per_query: dict[str, dict[str, Any]] = {}
    for label in sorted({r[0] for r in records}):
        mine = [r for r in records if r[0] == label]
        times = [r[2] for r in mine]
        per_query[label] = {
            "requests": len(mine),
            "errors": sum(1 for r in mine if r[1] != 200),
            "p50_s": _pct(times, 0.5),
            "max_s": round(max(times), 3),
        }
        failed = next((r for r in mine if r[1] != 200), None)
        if failed:
            per_query[label]["error"] = f"{failed[1]}: {failed[3]}"[:200]
    return {
        "requests": len(records),
        "ok": len(ok),
        "errors": sum(errors.values()),
        "errors_by_kind": dict(errors),
        "throughput_rps": round(len(records) / wall, 1) if wall else 0.0,
        "p50_s": _pct(latencies, 0.5),
        "p99_s": _pct(latencies, 0.99),
        "mean_s": round(statistics.fmean(latencies), 3) if latencies else 0.0,
        "per_query": per_query,
    }


def run(
    store: Path,
    *,
    kg: str | None = None,
    server_args: list[str] | None = None,
    clients: int = 50,
    seconds: float = 60.0,
    articles: int = 200,
    mix_all: bool = False,
) -> dict[str, Any]:
    """Both phases against a fresh ``kg serve``; builds the store first if missing."""
    if not (store / "CURRENT").exists():
        t = time.perf_counter()
        build_store(store, articles)
        build_s = round(time.perf_counter() - t, 1)
    else:
        build_s = 0.0
    from kg.store import open_store

    with open_store(store, read_only=True) as opened:
        triples = opened.triple_count()
        stored = len(opened.articles())
    mix = query_mix(store)
    kg = kg or str(Path(sys.executable).parent / "kg")
    out: dict[str, Any] = {
        "articles": stored,
        "triples": triples,
        "build_s": build_s,
        "clients": clients,
        "seconds": seconds,
        "server_args": " ".join(server_args or []),
        "queries": [label for label, _ in mix],
    }
    port = free_port()
    proc = start_server(kg, store, port, server_args or [])
    try:
        alone = {}
        for label, query in mix:
            runs = []
            while len(runs) < ALONE_RUNS:
                # A comment makes each run a new query text: no answer kept by a cache.
                text = f"{query}\n# alone, run {len(runs) + 1}\n"
                try:
                    status, message, took = request(port, text)
                except Exception as exc:  # noqa: BLE001
                    status, message, took = 0, _error_kind(exc), CLIENT_TIMEOUT_S
                runs.append({"status": status, "s": round(took, 3), "message": message[:200]})
                if took > 5 * ALONE_LIMIT_S:
                    break  # clearly too slow: no need to ask again
            alone[label] = min(runs, key=lambda r: (r["status"] != 200, r["s"]))
    finally:
        stop_server(proc)
    out["alone"] = alone
    slow = [k for k, v in alone.items() if v["status"] != 200 or v["s"] > ALONE_LIMIT_S]
    out["left_out"] = [] if mix_all else slow
    load_mix = [(k, q) for k, q in mix if k not in out["left_out"]]
    for phase, runaway in (("mix", False), ("runaway", True)):
        port = free_port()
        proc = start_server(kg, store, port, server_args or [])
        try:
            out[phase] = run_phase(port, proc.pid, load_mix, clients, seconds, runaway)
        finally:
            stop_server(proc)
    return out


def stop_server(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/kg-serve-bench/store"))
    parser.add_argument("--kg", help="the kg executable to serve with (default: this venv's)")
    parser.add_argument("--server-args", default="", help='e.g. "--timeout 30"')
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--mix", choices=("fast", "all"), default="fast")
    parser.add_argument("--out", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    args.store.parent.mkdir(parents=True, exist_ok=True)
    result = run(
        args.store,
        kg=args.kg,
        server_args=shlex.split(args.server_args),
        clients=args.clients,
        seconds=args.seconds,
        articles=args.articles,
        mix_all=args.mix == "all",
    )
    text = json.dumps(result, indent=2)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
