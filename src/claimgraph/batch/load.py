"""Bulk-load a batch output into a store, in shard order, through the store's `add()`.

Any store serves (SQLite, or PostgreSQL behind the same interface), and the result equals
`claimgraph ingest` of the same inputs, stories included: an article already stored is not added
again, only its snapshot noted as more evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claimgraph.batch.tables import read_extractions
from claimgraph.store.sqlite import Store

__all__ = ["LoadResult", "load_into"]


@dataclass(frozen=True)
class LoadResult:
    new: int
    claims: int
    seen: int  # already in the store


def load_into(store: Store, out: str | Path, *, dedup: bool = True) -> LoadResult:
    """Add every article in input order, linking stories as `claimgraph ingest` does."""
    from claimgraph.store.stories import StoryIndex

    stories = StoryIndex(store)
    stories.catch_up()
    new = claims = seen = 0
    for extraction in read_extractions(out):
        if store.add(extraction, dedup=dedup, stories=stories):
            new += 1
            claims += len(extraction.claims)
        else:
            seen += 1
    return LoadResult(new=new, claims=claims, seen=seen)
