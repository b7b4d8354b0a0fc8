"""Time Store.add with and without deduplication, and count the copies found.

Usage: python scripts/dedup_bench.py  (from the repository root; reads samples/ and ../shared/corpus/)
Adds articles with empty extractions, so it times the store and dedup alone, not spaCy. The corpus run
adds 120 made-up wire copies of the Wikinews articles (a dateline and byline, the last paragraph cut).
"""

from __future__ import annotations

import json
import os
import time

from claimgraph.ingest import read_inputs
from claimgraph.models import Article, Extraction
from claimgraph.store import open_store

CORPUS = "../shared/corpus"


def main() -> None:
    samples = [a for a in read_inputs(["samples/"]) if isinstance(a, Article)]
    with open(f"{CORPUS}/wikinews_timeline_semeval2015/articles.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    with open(f"{CORPUS}/wcep_portal_2025_2026/events.jsonl", encoding="utf-8") as f:
        events = [Article.from_text(json.loads(line)["text"], source_kind="jsonl") for line in f]
    wikinews = [Article.from_text(r["text"], url=r["url"], source_kind="jsonl") for r in rows]
    copies = [Article.from_text("NEW YORK (Wire) - " + "\n".join(r["text"].split("\n")[:-1])
                                + "\nReporting by Wire staff.", url=f"https://wire.example/{r['doc_id']}",
                                source_kind="html") for r in rows]
    for name, batch in (("samples", samples), ("wikinews+wcep+copies", wikinews + events + copies)):
        for dedup in (True, False):
            db = f"/tmp/claimgraph-dedup-bench-{dedup}.db"
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
            with open_store(db) as s:
                t = time.perf_counter()
                for a in batch:
                    s.add(Extraction(article=a), dedup=dedup)
                took = time.perf_counter() - t
                found = s.stats()["copies"]
                wire = s.conn.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"
                                      " AND url LIKE 'https://wire.example/%'").fetchone()[0]
            print(f"{name}: {len(batch)} articles, dedup={dedup}: {took:.2f} s "
                  f"({1000 * took / len(batch):.2f} ms/article); copies {found}, of them wire copies {wire}")


if __name__ == "__main__":
    main()
