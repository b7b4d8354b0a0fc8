"""Bulk-load a batch output into a store, in shard order, through the store's `add()`.

Any store with `add(extraction, dedup=...) -> bool` serves (SQLite now; PostgreSQL behind the same
interface), and the result equals `claimgraph ingest` of the same inputs: an article already stored
is not added again, only its snapshot noted as more evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from claimgraph.batch.tables import read_extractions
from claimgraph.models import Extraction

__all__ = ["LoadResult", "load_into"]


class Loadable(Protocol):
    def add(self, extraction: Extraction, *, dedup: bool = True) -> bool: ...


@dataclass(frozen=True)
class LoadResult:
    new: int
    claims: int
    seen: int  # already in the store


def load_into(store: Loadable, out: str | Path, *, dedup: bool = True) -> LoadResult:
    new = claims = seen = 0
    for extraction in read_extractions(out):
        if store.add(extraction, dedup=dedup):
            new += 1
            claims += len(extraction.claims)
        else:
            seen += 1
    return LoadResult(new=new, claims=claims, seen=seen)
