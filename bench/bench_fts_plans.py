"""Full-text claim search with the store's plan against sorting every match, query by query (SQLite).

    python bench/bench_queries.py --claims 1000000 --no-postgres --keep DIR    # builds DIR/bench.db once
    python bench/bench_fts_plans.py DIR [--queries 100]

Runs bench_queries.py's own "claim search" and "claim search by actor" queries on the kept store, each
twice in turn: as the store plans it (`claimgraph.store.queries.planned`: by the number of matches) and
with every match sorted (the plan before). Interleaving query by query keeps the machine's drift out
of the comparison. Prints p50/p95 ms of each, and how many pages differ (none should).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", type=Path, help="the --keep folder of bench_queries.py")
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()

    from bench_queries import Base, query_sets

    import claimgraph.store.queries as plans
    from claimgraph.api import reads
    from claimgraph.api.reads import ClaimFilters, ReadOnlyStore

    store = ReadOnlyStore(str(args.dir / "bench.db"))
    claims = store._scalar("SELECT count(*) FROM claims")
    sets = query_sets(Base(args.dir / "base.db"), args.queries + 5, claims)

    def run(kind: str, q: object) -> dict[str, object]:
        if kind == "claim search":
            return reads.claims_list(store, ClaimFilters(about=q), 50, 0)  # type: ignore[arg-type]
        about, by = q  # type: ignore[misc]
        return reads.claims_list(store, ClaimFilters(about=about, by=by), 50, 0)

    for kind in ("claim search", "claim search by actor"):
        planned: list[float] = []
        sorted_all: list[float] = []
        differ = 0
        for q in sets[kind][5:]:
            t = time.perf_counter()
            a = run(kind, q)
            planned.append(1000 * (time.perf_counter() - t))
            thresholds = plans.WALK_FROM, plans.PROBE_FROM
            plans.WALK_FROM = plans.PROBE_FROM = 10**12  # every plan sorts
            try:
                t = time.perf_counter()
                b = run(kind, q)
                sorted_all.append(1000 * (time.perf_counter() - t))
            finally:
                plans.WALK_FROM, plans.PROBE_FROM = thresholds
            differ += a != b
        for name, ts in (("sort every match", sorted_all), ("planned", planned)):
            ts = sorted(ts)
            p95 = ts[int(0.95 * len(ts)) - 1]
            print(f"{kind:22s} {name:17s} p50 {statistics.median(ts):6.1f} ms  p95 {p95:6.1f} ms")
        print(f"{kind:22s} pages that differ: {differ} of {len(planned)}")


if __name__ == "__main__":
    main()
