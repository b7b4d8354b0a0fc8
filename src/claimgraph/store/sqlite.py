"""The SQLite store: one file, WAL journal, schema migrated forward on open.

Each article is written in one transaction with all its records, so an interrupted ingest leaves
whole articles or nothing, and rerunning it adds the rest.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

from claimgraph.errors import StoreError
from claimgraph.models import (
    ActorRef,
    Article,
    Claim,
    Event,
    Extraction,
    Place,
    Quantity,
    TimeRef,
    from_dict,
    to_dict,
)
from claimgraph.store.queries import ArticleHit, ClaimQuery, ClaimRow, claims_sql, fts_terms

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store"]

logger = logging.getLogger(__name__)

UPGRADE_HINT = "upgrade claimgraph (pip install -U claimgraph) or open a different --db"
MIN_PREFIX = 4
ARTICLE_SELECT = "SELECT id, text, url, outlet, title, published, language, origin, doc FROM articles"

# annotation type -> (record class, Extraction field)
ANNOTATIONS: dict[str, tuple[type, str]] = {
    "time": (TimeRef, "times"),
    "place": (Place, "places"),
    "quantity": (Quantity, "quantities"),
    "event": (Event, "events"),
}


def _migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) for every `NNNN_name.sql` in store/migrations, in order."""
    found = []
    for entry in resources.files("claimgraph.store").joinpath("migrations").iterdir():
        if entry.name.endswith(".sql") and entry.name[:4].isdigit():
            found.append((int(entry.name[:4]), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"store migrations must be numbered 1..n without gaps, found {versions}")
    return found


MIGRATIONS = _migrations()
SCHEMA_VERSION = len(MIGRATIONS)


def _statements(script: str) -> Iterator[str]:
    """Split an SQL script into statements (trigger bodies stay whole)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            yield buf.strip()
            buf = ""
    if buf.strip() and not all(ln.strip().startswith("--") for ln in buf.splitlines() if ln.strip()):
        raise RuntimeError(f"unterminated SQL statement in a migration: {buf.strip()[:60]!r}")


def _json(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Store:
    """claimgraph's records in one SQLite file. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        memory = self.path == ":memory:"
        if not memory and Path(self.path).is_dir():
            raise StoreError("is a directory, not a database file", input=self.path,
                             hint="give a file path such as claimgraph.db")
        if not memory and not Path(self.path).parent.is_dir():
            raise StoreError("its directory does not exist", input=self.path,
                             hint=f"create {Path(self.path).parent} first or choose another path")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open the database ({e})", input=self.path,
                             hint="check the path and its permissions") from e
        try:
            self._setup()
        except BaseException:
            self.conn.close()
            raise

    # --- opening and migrating -------------------------------------------------------------------

    def _setup(self) -> None:
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            version = self.schema_version()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"not a SQLite database ({e})", input=self.path,
                             hint="point --db at a claimgraph database, or at a new file to create one"
                             ) from e
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database schema version {version} is newer than this claimgraph knows ({SCHEMA_VERSION})",
                input=self.path, hint=UPGRADE_HINT)
        if version == 0 and self._scalar("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite%'"):
            raise StoreError("a SQLite database, but not a claimgraph one", input=self.path,
                             hint="point --db at a new file; claimgraph adds no tables to another database")
        self._migrate()

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        for version, name, script in MIGRATIONS:
            if version <= self.schema_version():  # cheap check before taking the write lock
                continue
            with self._transaction():
                if version <= self.schema_version():  # another process migrated meanwhile
                    continue
                logger.info("migrating %s to schema version %d (%s)", self.path, version, name)
                try:
                    for statement in _statements(script):
                        self.conn.execute(statement)
                except sqlite3.Error as e:
                    raise StoreError(f"migration {name} failed ({e})", input=self.path,
                                     hint="restore a backup of the file, or report this bug") from e
                self.conn.execute(f"PRAGMA user_version = {version:d}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add(self, extraction: Extraction) -> bool:
        """Store an article with all its records in one transaction; False if it is already stored."""
        article = extraction.article
        records: list[Any] = [*extraction.claims, *extraction.actors]
        records += [r for _, field in ANNOTATIONS.values() for r in getattr(extraction, field)]
        if stray := next((r for r in records if r.article_id != article.id), None):
            raise StoreError(f"a {type(stray).__name__} belongs to article {stray.article_id}",
                             input=article.id, hint="build the Extraction from one article's records only")
        try:
            with self._transaction() as conn:
                if self.has_article(article.id):
                    return False
                self._insert(conn, extraction)
        except sqlite3.IntegrityError as e:
            raise StoreError(f"cannot store the article ({e})", input=article.id,
                             hint="claim ids must be unique across articles") from e
        return True

    def _insert(self, conn: sqlite3.Connection, x: Extraction) -> None:
        a = x.article
        conn.execute(
            "INSERT INTO articles (id, doc, url, outlet, title, published, language, origin, text,"
            " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.id, a.doc, a.url, a.outlet, a.title, a.published.isoformat() if a.published else None,
             a.language, a.origin, a.text, datetime.now(UTC).isoformat(timespec="seconds")))
        conn.executemany(
            "INSERT INTO claims (id, article_id, seq, start_char, end_char, kind, stance, source_text,"
            " source_start, source_end, source_resolved, source_actor, person, cue_text, cue_lemma,"
            " content_text, hedges, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(c.id, a.id, seq, c.start, c.end, c.kind.value, c.stance.value,
              c.source.text if c.source else None, c.source.start if c.source else None,
              c.source.end if c.source else None, c.source_resolved, c.source_actor, c.person,
              c.cue.text if c.cue else None, c.cue_lemma, c.content_text, json.dumps(list(c.hedges)),
              _json(c)) for seq, c in enumerate(x.claims)])
        conn.executemany(
            "INSERT INTO actors (article_id, seq, start_char, end_char, text, code, kind, person, role,"
            " record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(a.id, seq, r.start, r.end, r.text, r.code, r.kind, r.person, r.role, _json(r))
             for seq, r in enumerate(x.actors)])
        conn.executemany(
            "INSERT INTO annotations (article_id, type, seq, start_char, end_char, text, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(a.id, kind, seq, r.start, r.end, r.text, _json(r))
             for kind, (_, field) in ANNOTATIONS.items() for seq, r in enumerate(getattr(x, field))])

    def delete_article(self, article_id: str) -> bool:
        """Remove an article and everything extracted from it (e.g. to extract it again); False if absent."""
        with self._transaction() as conn:
            # claims, actors and annotations go by ON DELETE CASCADE, the FTS rows by trigger
            return conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0

    # --- reading ---------------------------------------------------------------------------------

    def article(self, id_or_prefix: str) -> Article | None:
        """The article with this id, or with this unique id prefix of at least 4 characters."""
        rows = self.conn.execute(f"{ARTICLE_SELECT} WHERE id = ?", (id_or_prefix,)).fetchall()
        if not rows and len(id_or_prefix) >= MIN_PREFIX:
            # a key range rather than LIKE, so the primary key index serves it
            rows = self.conn.execute(
                f"{ARTICLE_SELECT} WHERE id >= ? AND id < ? ORDER BY id LIMIT 3",
                (id_or_prefix, id_or_prefix + "\U0010ffff")).fetchall()
        if len(rows) > 1:
            ids = ", ".join(r[0] for r in rows[:2])
            raise StoreError(f"ambiguous article id prefix: it starts {ids} and maybe more",
                             input=id_or_prefix, hint="give more characters of the id")
        if not rows:
            return None
        id_, text, url, outlet, title, published, language, origin, doc = rows[0]
        return Article(id=id_, text=text, url=url, outlet=outlet, title=title, published=_date(published),
                       language=language, origin=origin, doc=doc)

    def extraction(self, article_id: str) -> Extraction:
        """Everything stored for an article (id or unique prefix), rebuilt as records."""
        article = self.article(article_id)
        if article is None:
            raise StoreError("no such article in the store", input=article_id,
                             hint="list stored articles with search_articles() or `claimgraph stats`")
        claims = tuple(from_dict(Claim, json.loads(r)) for (r,) in self.conn.execute(
            "SELECT record FROM claims WHERE article_id = ? ORDER BY seq", (article.id,)))
        actors = tuple(from_dict(ActorRef, json.loads(r)) for (r,) in self.conn.execute(
            "SELECT record FROM actors WHERE article_id = ? ORDER BY seq", (article.id,)))
        notes: dict[str, list[Any]] = {kind: [] for kind in ANNOTATIONS}
        rows = self.conn.execute(
            "SELECT type, record FROM annotations WHERE article_id = ? ORDER BY type, seq", (article.id,))
        for kind, record in rows:
            notes[kind].append(from_dict(ANNOTATIONS[kind][0], json.loads(record)))
        return Extraction(article=article, claims=claims, actors=actors,
                          **{field: tuple(notes[kind]) for kind, (_, field) in ANNOTATIONS.items()})

    def claims(self, *, about_codes: Sequence[str] = (), about_text: str | None = None, by: str | None = None,
               stance: str | None = None, since: date | None = None, until: date | None = None,
               article_id: str | None = None, limit: int | None = None) -> list[ClaimRow]:
        """Claims matching every filter given; newest articles first.

        `about_codes` (actor code prefixes mentioned inside the claim, not as its source) and
        `about_text` (a phrase in the claim's content) widen each other: a claim may match either.
        `by` is an actor code prefix ("RUS", "UKRGOV+WST") or else a case-insensitive piece of the
        source as written or resolved. `since`/`until` are inclusive and drop undated articles.
        """
        sql, params = claims_sql(ClaimQuery(about_codes=tuple(about_codes), about_text=about_text, by=by,
                                            stance=stance, since=since, until=until, article_id=article_id,
                                            limit=limit))
        return [ClaimRow(claim=from_dict(Claim, json.loads(record)), article_id=aid, title=title,
                         outlet=outlet, published=_date(published), url=url)
                for record, aid, title, outlet, published, url in self.conn.execute(sql, params)]

    def search_articles(self, query: str, limit: int = 20) -> list[ArticleHit]:
        """Articles whose title or text hold every word of `query`, best matches first."""
        rows = self.conn.execute(
            "SELECT f.article_id, a.title, a.published, snippet(articles_fts, -1, '[', ']', '…', 12)"
            " FROM articles_fts AS f JOIN articles AS a ON a.id = f.article_id"
            " WHERE articles_fts MATCH ? ORDER BY f.rank, a.id LIMIT ?",
            (fts_terms(query), limit))
        return [ArticleHit(aid, title, _date(published), snippet) for aid, title, published, snippet in rows]

    def stats(self) -> dict[str, Any]:
        """Counts for a status line (JSON-ready): records by kind, top sources, date range, schema, size."""
        one = self._scalar
        by_kind = dict(self.conn.execute("SELECT kind, count(*) FROM claims GROUP BY kind ORDER BY 1"))
        by_stance = dict(self.conn.execute("SELECT stance, count(*) FROM claims GROUP BY stance ORDER BY 1"))
        top_sources = [tuple(r) for r in self.conn.execute(
            "SELECT source_actor, count(*) AS n FROM claims WHERE source_actor IS NOT NULL"
            " GROUP BY source_actor ORDER BY n DESC, source_actor LIMIT 10")]
        annotations = {kind: 0 for kind in ANNOTATIONS}
        annotations.update(self.conn.execute("SELECT type, count(*) FROM annotations GROUP BY type"))
        first, last = self.conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "claims": one("SELECT count(*) FROM claims"),
            "claims_by_kind": by_kind,
            "claims_by_stance": by_stance,
            "top_sources": top_sources,
            "actors": one("SELECT count(*) FROM actors"),
            "annotations": annotations,
            "published_min": first,  # ISO dates, or None when no article is dated
            "published_max": last,
            "schema_version": self.schema_version(),
            "path": self.path,
            # pages in use, WAL included: the file's size once checkpointed
            "size_bytes": one("PRAGMA page_count") * one("PRAGMA page_size"),
        }

    def _scalar(self, sql: str) -> int:
        return int(self.conn.execute(sql).fetchone()[0])
