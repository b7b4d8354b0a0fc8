"""The store: extracted records in SQLite or PostgreSQL, queried by actor, text, source, stance and date."""

from __future__ import annotations

from pathlib import Path

from claimgraph.store.queries import ArticleHit, ArticleLinks, ClaimRow
from claimgraph.store.sqlite import SCHEMA_VERSION, Store

__all__ = ["SCHEMA_VERSION", "ArticleHit", "ArticleLinks", "ClaimRow", "Store", "open_store"]


def open_store(db: str | Path) -> Store:
    """Open (creating if missing, migrating if old) the store at `db`: a SQLite file, ":memory:" for a throwaway
    one, or a `postgresql://USER@HOST/DBNAME` URL (an existing database; see claimgraph.store.postgres)."""
    if isinstance(db, str) and db.startswith(("postgresql://", "postgres://")):
        from claimgraph.store.postgres import PostgresStore

        return PostgresStore(db)
    return Store(db)
