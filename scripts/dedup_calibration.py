"""Calibrate claimgraph.ingest.dedup: similarity of syndication-style edits vs distinct stories.

Usage: python scripts/dedup_calibration.py [../shared/corpus]
Prints, for 120 Wikinews articles, the estimated Jaccard of each edited copy to its original, and the
highest similarity between two distinct stories (Wikinews articles; WCEP summaries), then how many
pairs the store's LSH finds among the WCEP summaries. Seeded; runs in about a minute.
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import date
from itertools import combinations
from pathlib import Path

import numpy as np

from claimgraph.ingest.dedup import NEAR_THRESHOLD, fingerprint, lsh_params, similarity

EDITS = {
    "dateline+byline": lambda ps, rng: ["NEW YORK (Wire) —" + ps[0], *ps[1:], "Reporting by Staff; editing by Desk."],
    "drop last paragraph": lambda ps, rng: ps[:-1] if len(ps) > 2 else ps,
    "drop last 30%": lambda ps, rng: ps[: max(1, round(len(ps) * 0.7))],
    "5% words changed": lambda ps, rng: [" ".join(w if rng.random() > 0.05 else "changed" for w in p.split())
                                          for p in ps],
    "lead rewritten": lambda ps, rng: ["In a surprise move on the day, officials said markets moved.", *ps[1:]],
}


def main(corpus: Path) -> None:
    rng = random.Random(13)
    wikinews = [json.loads(line)["text"] for line in
                (corpus / "wikinews_timeline_semeval2015" / "articles.jsonl").open(encoding="utf-8")]
    print(f"LSH bands x rows: {lsh_params()}; threshold {NEAR_THRESHOLD}")
    for name, edit in EDITS.items():
        sims = []
        for text in wikinews:
            ps = [p for p in text.split("\n") if p.strip()]
            a, b = fingerprint(text), fingerprint("\n".join(edit(ps, rng)))
            if a.signature and b.signature:
                sims.append(similarity(a.signature, b.signature))
        print(f"{name:22s} n={len(sims)} min {min(sims):.2f} "
              f"p10 {np.percentile(sims, 10):.2f} "
              f"median {np.median(sims):.2f}; "
              f"found at >= {NEAR_THRESHOLD}: {np.mean(np.array(sims) >= NEAR_THRESHOLD):.0%}")
    sigs = [fingerprint(t).signature for t in wikinews]
    best = max(similarity(x, y) for x, y in combinations([s for s in sigs if s], 2))
    print(f"wikinews distinct stories: highest pairwise similarity {best:.2f}")

    rows = [json.loads(line) for line in (corpus / "wcep_portal_2025_2026" / "events.jsonl").open(encoding="utf-8")]
    events = [r["text"] for r in rows]
    dates = [date.fromisoformat(r["date"]) for r in rows]
    t = time.perf_counter()
    fps = [fingerprint(e) for e in events]
    took = time.perf_counter() - t
    buckets: dict[bytes, list[int]] = {}
    for i, fp in enumerate(fps):
        for key in fp.buckets:
            buckets.setdefault(key, []).append(i)
    pairs = {(i, j) for ids in buckets.values() for i, j in combinations(ids, 2)}
    near = sorted(((similarity(fps[i].signature, fps[j].signature), i, j) for i, j in pairs
                   if fps[i].signature and fps[j].signature), reverse=True)
    exact = len(fps) - len({fp.text_hash for fp in fps})
    hits = [n for n in near if n[0] >= NEAR_THRESHOLD]
    print(f"wcep: {len(events)} summaries ({sum(1 for f in fps if f.signature)} long enough), fingerprinted in "
          f"{took:.1f} s; {exact} exact repeats; {len(pairs)} LSH candidate pairs, {len(hits)} at >= {NEAR_THRESHOLD}")
    for s, i, j in near[:10]:
        print(f"  {s:.2f} {dates[i]} | {events[i][:90]!r}\n       {dates[j]} | {events[j][:90]!r}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus")
