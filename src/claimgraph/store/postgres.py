"""The PostgreSQL store: the SQLite store's schema, writes and queries on a server, through psycopg 3.

Selected by a `postgresql://` URL as `--db`. What differs from SQLite is here: connecting, the schema
version (a one-row table), migrations run whole (shared part plus `NNNN_name.postgres.sql`, BLOB as
bytea and REAL as double precision), and writes. Each write transaction first takes one
transaction-scoped advisory lock, so writers from any number of processes take turns as SQLite's
BEGIN IMMEDIATE makes them: an article is stored once (the second writer sees it and records only
evidence), a copy ingested by one process at the same time as its original by another is still
linked to it, and nothing waits on a unique-key conflict. Reads take no lock.
Needs psycopg (`pip install 'psycopg[binary]'`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from claimgraph.errors import StoreError
from claimgraph.store.queries import POSTGRES, ArticleHit, Connection, Cursor, qmark_to_format
from claimgraph.store.sqlite import UPGRADE_HINT, Store, migrations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "PostgresStore", "is_postgres_url", "server_bindir"]

logger = logging.getLogger(__name__)

MIGRATIONS = migrations("postgres")
SCHEMA_VERSION = len(MIGRATIONS)
# pg_advisory_xact_lock key held by every write transaction: "claimgraph" in ASCII, cut to 63 bits
WRITE_LOCK = int.from_bytes(b"claimgrp", "big") & (2**63 - 1)
_TYPES = [(re.compile(r"\bBLOB\b"), "BYTEA"), (re.compile(r"\bREAL\b"), "DOUBLE PRECISION")]
INSTALL_HINT = "install the PostgreSQL driver: pip install 'psycopg[binary]'"


def server_bindir() -> Path | None:
    """The directory of PostgreSQL's `pg_ctl` and `initdb` (for a throwaway server: tests, benchmarks):
    on PATH, or Debian's /usr/lib/postgresql/<version>/bin, the newest version; None when neither."""
    import shutil

    if found := shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                    key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return debian[-1].parent if debian else None


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """`url` without its password, for messages and `stats()`."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def postgres_sql(script: str) -> str:
    """A shared migration's SQL in PostgreSQL's type names."""
    for pattern, name in _TYPES:
        script = pattern.sub(name, script)
    return script


class _Connection:
    """A psycopg connection (autocommit) that takes the shared SQL's `?` placeholders."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Any = (), /) -> Cursor:
        cur: Cursor = self.raw.execute(qmark_to_format(sql), tuple(parameters))
        return cur

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor:
        cur = self.raw.cursor()
        rows = [tuple(p) for p in parameters]
        if rows:
            cur.executemany(qmark_to_format(sql), rows)
        result: Cursor = cur
        return result

    def close(self) -> None:
        self.raw.close()


class PostgresStore(Store):
    """claimgraph's records in one PostgreSQL database (its current schema). Use as a context manager."""

    dialect = POSTGRES

    def __init__(self, url: str) -> None:  # noqa: D107 - Store.__init__ opens a file
        raw = self._connect(url)
        try:
            self._setup()
        except BaseException:
            raw.close()
            raise

    def _connect(self, url: str, options: str | None = None) -> Any:
        """Connect (autocommit; `options` as libpq's, e.g. "-c jit=off"), set `path`, the error types and
        `conn`; returns psycopg's own connection, or raises StoreError naming the URL without its password."""
        try:
            import psycopg
        except ImportError as e:
            raise StoreError("a postgresql:// store needs psycopg, which is not installed", input=redact(url),
                             hint=INSTALL_HINT) from e
        self.path = redact(url)
        self.integrity_errors = (psycopg.IntegrityError,)
        self.database_errors = (psycopg.Error,)
        extra: dict[str, Any] = {"options": options} if options else {}
        try:
            raw = psycopg.connect(url, autocommit=True, connect_timeout=10, **extra)
        except psycopg.Error as e:
            raise StoreError(f"cannot connect to PostgreSQL ({str(e).strip()})", input=self.path,
                             hint="check the server is running and the URL: postgresql://USER@HOST:PORT/DBNAME"
                             ) from e
        self.conn: Connection = _Connection(raw)
        return raw

    def _setup(self) -> None:
        with self._transaction():  # under the write lock: two first opens create one version table
            if self.conn.execute("SELECT to_regclass('claimgraph_schema')").fetchone()[0] is None:
                others = self.conn.execute(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone()[0]
                if others:
                    raise StoreError("a PostgreSQL database, but not a claimgraph one", input=self.path,
                                     hint="create a database for claimgraph (createdb claimgraph) and name it "
                                          "in the URL; claimgraph adds no tables to another database")
                self.conn.execute("CREATE TABLE claimgraph_schema (version INTEGER NOT NULL)")
                self.conn.execute("INSERT INTO claimgraph_schema (version) VALUES (0)")
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database schema version {version} is newer than this claimgraph knows ({SCHEMA_VERSION})",
                input=self.path, hint=UPGRADE_HINT)
        self._migrate()

    # --- the hooks of Store ----------------------------------------------------------------------

    def schema_version(self) -> int:
        return int(self.conn.execute("SELECT version FROM claimgraph_schema").fetchone()[0])

    def _migration_list(self) -> list[tuple[int, str, str]]:
        return MIGRATIONS

    def _run_script(self, script: str) -> None:
        script = postgres_sql(script)
        if any(line.strip() and not line.strip().startswith("--") for line in script.splitlines()):
            assert isinstance(self.conn, _Connection)
            self.conn.raw.execute(script)  # no parameters: the whole script in one round trip

    def _set_schema_version(self, version: int) -> None:
        self.conn.execute("UPDATE claimgraph_schema SET version = ?", (version,))

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """BEGIN, the write lock, ... COMMIT; rolled back on any exception."""
        assert isinstance(self.conn, _Connection)
        with self.conn.raw.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            yield self.conn

    def _size_bytes(self) -> int:
        return self._scalar("SELECT pg_database_size(current_database())")

    def search_articles(self, query: str, limit: int = 20) -> list[ArticleHit]:
        """As Store's, through the full-text index even for a frequent word: the planner would scan the table,
        testing every article's tsvector, each a TOAST fetch it does not count (60-150 ms at 31,600 articles
        against 4-35 ms through the index)."""
        assert isinstance(self.conn, _Connection)
        with self.conn.raw.transaction():
            self.conn.execute("SET LOCAL enable_seqscan = off")
            return super().search_articles(query, limit)
