"""The named queries on rdflib's default Memory store, in their own process (for comparison
with embedded Oxigraph in ``benchmarks/run.py``). Prints one JSON line of timings."""

from __future__ import annotations

import json
import sys
import time

from rdflib import Dataset, Literal


def main() -> None:
    dump, params = sys.argv[1], json.loads(sys.argv[2])
    from kg.store import named_queries

    queries = named_queries()
    start = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(dump, format="nquads")
    timings: dict[str, float] = {"load_s": round(time.perf_counter() - start, 1)}
    for name, values in params.items():
        if name not in queries:
            continue
        bindings = {k: Literal(v) for k, v in values.items()}
        start = time.perf_counter()
        rows = list(ds.query(queries[name].sparql, initBindings=bindings))
        timings[f"{name}_s"] = round(time.perf_counter() - start, 3)
        timings[f"{name}_rows"] = len(rows)
    print(json.dumps(timings))


if __name__ == "__main__":
    main()
