"""Story linking cost per article as the linker's memory grows.

    python bench/bench_stories.py [EVENTS.jsonl] [--at 100,500,1000,...] [--window 200]

Feeds the Wikipedia Current Events Portal summaries (../shared/corpus/wcep_portal_2025_2026, CC BY-SA
4.0, "Wikipedia contributors, Portal:Current events") to one StoryLinker in date order, one at a
time, and prints the mean time to link the `window` articles that arrive after `at` articles are
stored (the last mark is cut to fit the corpus), with its ratio to the first row: flat ratios mean
the cost does not grow with the store. The articles carry their text and date only (no spaCy
parse), so this times the linker alone, not extraction.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from datetime import date
from pathlib import Path

from claimgraph.link import StoryLinker
from claimgraph.models import Article, Extraction

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "wcep_portal_2025_2026" / "events.jsonl"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("events", nargs="?", type=Path, default=DEFAULT)
    p.add_argument("--at", default="100,500,1000,2000,5000,10000")
    p.add_argument("--window", type=int, default=200)
    a = p.parse_args()
    with open(a.events, encoding="utf-8") as f:
        rows = sorted((json.loads(line) for line in f if line.strip()), key=lambda r: r["date"])
    articles = [Extraction(article=Article.from_text(r["text"], published=date.fromisoformat(r["date"])))
                for r in rows]
    marks = [min(n, len(articles) - a.window) for n in (int(x) for x in a.at.split(","))]
    linker = StoryLinker()
    results = []
    done = 0
    for mark in marks:
        mark = max(mark, done)
        for x in articles[done:mark]:
            linker.add(x)
        gc.collect()
        gc.freeze()  # the collector's passes over the ever larger heap are the interpreter's cost, not linking's
        t0 = time.perf_counter()
        for x in articles[mark:mark + a.window]:
            linker.add(x)
        took = (time.perf_counter() - t0) / a.window
        gc.unfreeze()
        done = mark + a.window
        results.append((mark, len(linker.state.stories), took))
    state_kb = len(json.dumps(linker.state.to_dict())) / 1024
    print(f"{len(articles)} WCEP summaries; mean link time of the {a.window} articles after N stored")
    print(f"{'stored':>8} {'stories':>8} {'ms/article':>11} {'ratio':>6}")
    for mark, n_stories, took in results:
        print(f"{mark:>8} {n_stories:>8} {1000 * took:>11.2f} {took / results[0][2]:>6.2f}")
    print(f"state after {done} articles: {state_kb:.0f} KiB of JSON")


if __name__ == "__main__":
    main()
