"""The store: extracted records in SQLite, queried by actor, text, source, stance and date."""

from __future__ import annotations

from pathlib import Path

from claimgraph.store.queries import ArticleHit, ClaimRow
from claimgraph.store.sqlite import SCHEMA_VERSION, Store

__all__ = ["SCHEMA_VERSION", "ArticleHit", "ClaimRow", "Store", "open_store"]


def open_store(path: str | Path) -> Store:
    """Open (creating if missing, migrating if old) the store at `path`; ":memory:" for a throwaway one."""
    return Store(path)
