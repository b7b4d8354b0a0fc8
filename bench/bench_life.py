"""Cost per article of storing it with its story, as the store grows; and of reopening the store.

    python bench/bench_life.py [EVENTS.jsonl] [--articles 1000] [--window 100] [--snapshot-every 100]

Ingests Wikipedia Current Events Portal summaries (../shared/corpus/wcep_portal_2025_2026, CC BY-SA
4.0, "Wikipedia contributors, Portal:Current events"), in date order, one `Store.add(x, stories=...)`
each (its own transaction: insert, dedup fingerprint, story link, every `--snapshot-every` articles
the linker's state) into a fresh SQLite file, and prints for each window of `--window` articles the
mean milliseconds per article, the part of it spent in `StoryIndex.link`, and their ratios to the
first window: flat ratios mean linking does not grow with the store. Then it times a reopen (the
snapshot restored and the articles after it re-linked) and the story of the largest story. The
articles carry their text and date only (no spaCy parse): this times the store and the linker.
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
from datetime import date
from pathlib import Path

from claimgraph.models import Article, Extraction
from claimgraph.store import open_store
from claimgraph.store.stories import StoryIndex, story_life_of, story_list

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "wcep_portal_2025_2026" / "events.jsonl"


class _Timed(StoryIndex):
    """A StoryIndex that adds up the time spent linking."""

    spent = 0.0

    def link(self, conn, x):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return super().link(conn, x)
        finally:
            self.spent += time.perf_counter() - t0


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("events", nargs="?", type=Path, default=DEFAULT)
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--window", type=int, default=100)
    p.add_argument("--snapshot-every", type=int, default=100)
    a = p.parse_args()
    with open(a.events, encoding="utf-8") as f:
        rows = sorted((json.loads(line) for line in f if line.strip()), key=lambda r: (r["date"], r["event_id"]))
    articles = [Extraction(article=Article.from_text(r["text"], doc=r["event_id"],
                                                     published=date.fromisoformat(r["date"])))
                for r in rows[: a.articles]]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        results = []
        with open_store(db) as store:
            index = _Timed(store, snapshot_every=a.snapshot_every)
            for start in range(0, len(articles), a.window):
                gc.collect()
                gc.freeze()  # the collector's passes over a growing heap are the interpreter's, not linking's
                index.spent = 0.0
                t0 = time.perf_counter()
                batch = articles[start:start + a.window]
                for x in batch:
                    store.add(x, stories=index)
                took = (time.perf_counter() - t0) / len(batch)
                gc.unfreeze()
                results.append((start + len(batch), took, index.spent / len(batch),
                                len(index.linker().state.stories)))
            row = store.conn.execute("SELECT state FROM link_state").fetchone()
            state_kb = len(row[0]) / 1024 if row else 0.0
        t0 = time.perf_counter()
        with open_store(db) as store:
            index = StoryIndex(store, snapshot_every=a.snapshot_every)
            index.linker()
            reopen = time.perf_counter() - t0
            biggest = story_list(store.conn)[0]
            t0 = time.perf_counter()
            life = story_life_of(store, biggest.id)
            life_s = time.perf_counter() - t0
    print(f"{len(articles)} WCEP summaries stored one by one, snapshot every {a.snapshot_every}; "
          f"ms per article in each window of {a.window}")
    print(f"{'stored':>7} {'stories':>8} {'add ms':>7} {'ratio':>6} {'link ms':>8} {'ratio':>6}")
    for n, took, link, stories in results:
        print(f"{n:>7} {stories:>8} {1000 * took:>7.2f} {took / results[0][1]:>6.2f} {1000 * link:>8.2f} "
              f"{link / results[0][2]:>6.2f}")
    print(f"linker state snapshot: {state_kb:.0f} KiB of JSON; reopen and restore: {1000 * reopen:.0f} ms")
    n_props = len(life.propositions) if life else 0
    print(f"largest story {biggest.id}: {biggest.articles} articles, life in {1000 * life_s:.0f} ms "
          f"({n_props} propositions; these records carry no claims)")


if __name__ == "__main__":
    main()
