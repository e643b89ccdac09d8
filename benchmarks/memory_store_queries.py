"""The named queries on rdflib's default Memory store, in their own process (for comparison
with embedded Oxigraph in ``benchmarks/run.py``). Prints one JSON line of timings; a query
still running after ``--cap`` seconds is stopped and reported as over the cap."""

from __future__ import annotations

import json
import signal
import sys
import time
from typing import Any

from rdflib import Dataset


class OverCap(Exception):
    pass


def _stop(*_: Any) -> None:
    raise OverCap


def main() -> None:
    dump, params = sys.argv[1], json.loads(sys.argv[2])
    cap = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    from kg.store import named_queries
    from kg.store._named import bind_named_query

    queries = named_queries()
    start = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(dump, format="nquads")
    timings: dict[str, Any] = {"load_s": round(time.perf_counter() - start, 1), "cap_s": cap}
    print(json.dumps(timings), file=sys.stderr, flush=True)
    signal.signal(signal.SIGALRM, _stop)
    for name, values in params.items():
        if name not in queries:
            continue
        # the same query text Oxigraph runs: parameters (or defaults) as escaped constants
        text = bind_named_query(queries[name], **values)
        start = time.perf_counter()
        signal.alarm(cap)
        try:
            rows = list(ds.query(text))
            timings[f"{name}_s"] = round(time.perf_counter() - start, 3)
            timings[f"{name}_rows"] = len(rows)
        except OverCap:
            timings[f"{name}_s"] = f">{cap}"
        finally:
            signal.alarm(0)
        print(json.dumps(timings), file=sys.stderr, flush=True)
    print(json.dumps(timings))


if __name__ == "__main__":
    main()
