"""The SQLite store: one file, WAL journal, schema migrated forward on open.

Each article is written in one transaction with all its records, so an interrupted ingest leaves
whole articles or nothing, and rerunning it adds the rest.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

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
from claimgraph.store import derived
from claimgraph.store.queries import (
    RECENT_ARTICLES,
    SQLITE,
    ArticleHit,
    ArticleLinks,
    ClaimQuery,
    ClaimRow,
    Connection,
    Dialect,
    claims_sql,
    planned,
)

if TYPE_CHECKING:
    from claimgraph.store.stories import StoryIndex

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store", "migrations"]

logger = logging.getLogger(__name__)

UPGRADE_HINT = "upgrade claimgraph (pip install -U claimgraph) or open a different --db"
MIN_PREFIX = 4
ARTICLE_SELECT = ("SELECT id, text, url, outlet, title, published, language, origin, doc, raw_sha256, source_kind,"
                  " retrieved FROM articles")
# Source kinds whose `url` is the page the text was read from, so new text there is a new version of it.
# (In articles JSONL and Markdown `url` may be a citation, as in samples/: several summaries cite one page.)
VERSIONED_KINDS = ("html", "feed", "warc", "url")

# annotation type -> (record class, Extraction field)
ANNOTATIONS: dict[str, tuple[type, str]] = {
    "time": (TimeRef, "times"),
    "place": (Place, "places"),
    "quantity": (Quantity, "quantities"),
    "event": (Event, "events"),
}


ENGINES = ("sqlite", "postgres")


def migrations(engine: str) -> list[tuple[int, str, str]]:
    """(version, file name, SQL) for each version in store/migrations, in order, as `engine` runs it.

    A version is `NNNN_name.sql`, the part both engines run, plus `NNNN_name.<engine>.sql` where an
    engine needs its own (SQLite's FTS5 tables, PostgreSQL's tsvector columns); either may be absent.
    `engine="shared"` gives the shared parts alone.
    """
    parts: dict[int, dict[str, tuple[str, str]]] = {}
    for entry in resources.files("claimgraph.store").joinpath("migrations").iterdir():
        if not (entry.name.endswith(".sql") and entry.name[:4].isdigit()):
            continue
        stem = entry.name.removesuffix(".sql")
        part = stem.rsplit(".", 1)[1] if "." in stem else "shared"
        if part not in (*ENGINES, "shared"):
            raise RuntimeError(f"store migration {entry.name}: unknown engine {part!r} (use {', '.join(ENGINES)})")
        parts.setdefault(int(entry.name[:4]), {})[part] = (entry.name, entry.read_text(encoding="utf-8"))
    if sorted(parts) != list(range(1, len(parts) + 1)):
        raise RuntimeError(f"store migrations must be numbered 1..n without gaps, found {sorted(parts)}")
    found = []
    for version, files in sorted(parts.items()):
        name = (files.get("shared") or files.get(engine) or next(iter(files.values())))[0]
        found.append((version, name, "\n".join(files[p][1] for p in dict.fromkeys(("shared", engine)) if p in files)))
    return found


MIGRATIONS = migrations("sqlite")
SCHEMA_VERSION = len(MIGRATIONS)
# Rows a migration derives from the stored ones, in its transaction, as an ingest derives them (store.derived).
MIGRATION_FILLS: dict[int, Callable[[Connection], None]] = {5: derived.fill}


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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Store:
    """claimgraph's records in one SQLite file. Use as a context manager, or call `close()`.

    `claimgraph.store.postgres.PostgresStore` subclasses it: the writing and reading below is shared,
    and the hooks (`_migration_list`, `_run_script`, `_set_schema_version`, `_transaction`,
    `_size_bytes`, `dialect`, `integrity_errors`) are what an engine provides.
    """

    conn: Connection
    dialect: Dialect = SQLITE
    integrity_errors: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)
    database_errors: tuple[type[Exception], ...] = (sqlite3.Error,)

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
        version, tables = self._first_look()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database schema version {version} is newer than this claimgraph knows ({SCHEMA_VERSION})",
                input=self.path, hint=UPGRADE_HINT)
        if version == 0 and tables:
            raise StoreError("a SQLite database, but not a claimgraph one", input=self.path,
                             hint="point --db at a new file; claimgraph adds no tables to another database")
        self._migrate()

    def _first_look(self, wait: float = 30.0) -> tuple[int, int]:
        """The schema version and the number of tables, read from one snapshot: another process may be creating
        the tables of a new file right now, and read apart they would look like someone else's database. A file
        another process holds locked while it switches to WAL is waited for, not called "not a database"."""
        deadline = time.monotonic() + wait
        while True:
            began = False
            try:
                self.conn.execute("PRAGMA foreign_keys = ON")
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.conn.execute("BEGIN")
                began = True
                version = self.schema_version()
                tables = self._scalar("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite%'")
                self.conn.execute("COMMIT")
                return version, tables
            except sqlite3.DatabaseError as e:
                if began:
                    self.conn.execute("ROLLBACK")
                if not isinstance(e, sqlite3.OperationalError):
                    raise StoreError(f"not a SQLite database ({e})", input=self.path,
                                     hint="point --db at a claimgraph database, or at a new file to create one"
                                     ) from e
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise StoreError(f"cannot read the database ({e})", input=self.path,
                                     hint="another program may hold it locked; try again") from e
                time.sleep(0.05)

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migration_list(self) -> list[tuple[int, str, str]]:
        return MIGRATIONS

    def _run_script(self, script: str) -> None:
        for statement in _statements(script):
            self.conn.execute(statement)

    def _set_schema_version(self, version: int) -> None:
        self.conn.execute(f"PRAGMA user_version = {version:d}")

    def _migrate(self) -> None:
        for version, name, script in self._migration_list():
            if version <= self.schema_version():  # cheap check before taking the write lock
                continue
            with self._transaction():
                if version <= self.schema_version():  # another process migrated meanwhile
                    continue
                logger.info("migrating %s to schema version %d (%s)", self.path, version, name)
                try:
                    self._run_script(script)
                    if fill := MIGRATION_FILLS.get(version):
                        fill(self.conn)
                except self.database_errors as e:
                    raise StoreError(f"migration {name} failed ({e})", input=self.path,
                                     hint="restore a backup of the database, or report this bug") from e
                self._set_schema_version(version)
        self._index_unfingerprinted()

    def _index_unfingerprinted(self) -> None:
        """Fingerprint articles stored before schema version 2 (or with dedup off), so later ingests match them."""
        from claimgraph.ingest.dedup import fingerprint

        if self.schema_version() < 2:  # a test's stand-in migration list may stop short of version 2
            return
        while ids := [r[0] for r in self.conn.execute(
                "SELECT id FROM articles WHERE text_hash IS NULL LIMIT 500").fetchall()]:
            with self._transaction() as conn:
                for aid in ids:
                    row = conn.execute("SELECT text FROM articles WHERE id = ? AND text_hash IS NULL",
                                       (aid,)).fetchone()
                    if row is not None:
                        self._index(conn, aid, fingerprint(row[0]))

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
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

    def add(self, extraction: Extraction, *, dedup: bool = True, stories: StoryIndex | None = None) -> bool:
        """Store an article with all its records in one transaction; False if it is already stored.

        Already stored, its snapshot is still added to its evidence. A new article is linked to the
        article it copies (`duplicate_of`: the same normalised text, or a MinHash near duplicate) and
        to the earlier text at its URL (`previous_version`); see `links`. `dedup=False` skips the
        fingerprint (for timing it); the article is fingerprinted when the store is next opened.
        With `stories`, the article is linked into a story in the same transaction (store.stories).
        """
        from claimgraph.ingest.dedup import fingerprint

        article = extraction.article
        records: list[Any] = [*extraction.claims, *extraction.actors]
        records += [r for _, field in ANNOTATIONS.values() for r in getattr(extraction, field)]
        if stray := next((r for r in records if r.article_id != article.id), None):
            raise StoreError(f"a {type(stray).__name__} belongs to article {stray.article_id}",
                             input=article.id, hint="build the Extraction from one article's records only")
        fp = fingerprint(article.text) if dedup else None
        if stories is not None:
            stories.linker()  # restored before the transaction: restoring may write
        try:
            with self._transaction() as conn:
                if self.has_article(article.id):
                    self._evidence(conn, article)
                    return False
                self._insert(conn, extraction)
                self._evidence(conn, article)
                if fp is not None:
                    self._link(conn, article, fp)
                    self._index(conn, article.id, fp)
                self._link_version(conn, article)
                if stories is not None:
                    stories.link(conn, extraction)
        except BaseException as e:
            if stories is not None:
                stories.invalidate()  # the linker saw an article that was rolled back
            if not isinstance(e, self.integrity_errors):
                raise
            raise StoreError(f"cannot store the article ({e})", input=article.id,
                             hint="claim ids must be unique across articles") from e
        return True

    def _insert(self, conn: Connection, x: Extraction) -> None:
        a = x.article
        conn.execute(
            "INSERT INTO articles (id, doc, url, outlet, title, published, language, origin, text,"
            " ingested_at, raw_sha256, source_kind, retrieved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.id, a.doc, a.url, a.outlet, a.title, a.published.isoformat() if a.published else None,
             a.language, a.origin, a.text, _now(), a.raw_sha256, a.source_kind, a.retrieved))
        key = int(conn.execute("SELECT coalesce(max(key), 0) + 1 FROM claims").fetchone()[0])  # under the write lock
        conn.executemany(
            "INSERT INTO claims (id, article_id, seq, start_char, end_char, kind, stance, source_text,"
            " source_start, source_end, source_resolved, source_actor, person, cue_text, cue_lemma,"
            " content_text, hedges, record, key, published)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(c.id, a.id, seq, c.start, c.end, c.kind.value, c.stance.value,
              c.source.text if c.source else None, c.source.start if c.source else None,
              c.source.end if c.source else None, c.source_resolved, c.source_actor, c.person,
              c.cue.text if c.cue else None, c.cue_lemma, c.content_text, json.dumps(list(c.hedges)),
              _json(c), key + seq, a.published.isoformat() if a.published else "") for seq, c in enumerate(x.claims)])
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
        derived.add_article(conn, a.id, x.places)

    # --- evidence, versions, duplicates ------------------------------------------------------------

    def record_evidence(self, article: Article) -> bool:
        """Note that `article`'s stored text was read again from these bytes; False if already noted."""
        with self._transaction() as conn:
            if not self.has_article(article.id):
                raise StoreError("no such article in the store", input=article.id, hint="add() it first")
            return self._evidence(conn, article)

    def _evidence(self, conn: Connection, a: Article) -> bool:
        cur = conn.execute(
            "INSERT INTO evidence (article_id, raw_sha256, origin, source_kind, url, outlet, retrieved,"
            " seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (a.id, a.raw_sha256 or "", a.origin or "", a.source_kind, a.url, a.outlet, a.retrieved, _now()))
        return cur.rowcount > 0

    def evidence(self, article_id: str) -> list[dict[str, Any]]:
        """Every snapshot the article's text was read from, first seen first."""
        cur = self.conn.execute(
            "SELECT raw_sha256, origin, source_kind, url, outlet, retrieved, seen_at FROM evidence"
            " WHERE article_id = ? ORDER BY seen_at, rowid", (article_id,))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    def links(self, article_id: str) -> ArticleLinks:
        """What the article copies and which text it replaced at its URL."""
        row = self.conn.execute(
            "SELECT duplicate_of, duplicate_kind, similarity, previous_version,"
            " (SELECT count(*) FROM articles AS d WHERE d.duplicate_of = a.id) FROM articles AS a WHERE id = ?",
            (article_id,)).fetchone()
        if row is None:
            raise StoreError("no such article in the store", input=article_id, hint="check the id")
        return ArticleLinks(*row)

    def _link(self, conn: Connection, a: Article, fp: Any) -> None:
        """Set `duplicate_of` when an earlier article has the same normalised text or a similar MinHash."""
        from claimgraph.ingest.dedup import NEAR_THRESHOLD, similarity

        versioned = a.url is not None and a.source_kind in VERSIONED_KINDS
        found: tuple[str, str, float] | None = None
        for cid, root, url in conn.execute(
                "SELECT id, duplicate_of, url FROM articles WHERE text_hash = ? AND id != ? ORDER BY rowid",
                (fp.text_hash, a.id)):
            if not (versioned and url == a.url):  # new text at the same URL is a version, not a copy
                found = (root or cid, "exact", 1.0)
                break
        if found is None and fp.signature is not None and fp.buckets:
            marks = ", ".join("?" * len(fp.buckets))
            best: tuple[float, int, str] | None = None
            for cid, root, url, signature, rowid in conn.execute(
                    "SELECT a.id, a.duplicate_of, a.url, m.signature, a.rowid FROM articles AS a"
                    " JOIN minhashes AS m ON m.article_id = a.id"
                    f" WHERE a.id IN (SELECT article_id FROM lsh_buckets WHERE bucket IN ({marks})) AND a.id != ?",
                    (*fp.buckets, a.id)):
                if versioned and url == a.url:
                    continue
                sim = similarity(fp.signature, signature)
                if sim >= NEAR_THRESHOLD and (best is None or (sim, -rowid) > (best[0], -best[1])):
                    best = (sim, rowid, root or cid)
            if best is not None:
                found = (best[2], "near", best[0])
        if found is not None:
            conn.execute("UPDATE articles SET duplicate_of = ?, duplicate_kind = ?, similarity = ? WHERE id = ?",
                         (found[0], found[1], round(found[2], 4), a.id))

    def _index(self, conn: Connection, article_id: str, fp: Any) -> None:
        conn.execute("UPDATE articles SET text_hash = ? WHERE id = ?", (fp.text_hash, article_id))
        if fp.signature is not None:
            conn.execute("INSERT INTO minhashes (article_id, signature) VALUES (?, ?)"
                         " ON CONFLICT (article_id) DO UPDATE SET signature = excluded.signature",
                         (article_id, fp.signature))
            conn.executemany("INSERT INTO lsh_buckets (bucket, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                             [(b, article_id) for b in fp.buckets])

    def _link_version(self, conn: Connection, a: Article) -> None:
        if a.url is None or a.source_kind not in VERSIONED_KINDS:
            return
        marks = ", ".join("?" * len(VERSIONED_KINDS))
        row = conn.execute(
            f"SELECT id FROM articles WHERE url = ? AND id != ? AND source_kind IN ({marks})"
            " ORDER BY ingested_at DESC, rowid DESC LIMIT 1", (a.url, a.id, *VERSIONED_KINDS)).fetchone()
        if row is not None:
            conn.execute("UPDATE articles SET previous_version = ? WHERE id = ?", (row[0], a.id))

    def delete_article(self, article_id: str) -> bool:
        """Remove an article and everything extracted from it (e.g. to extract it again); False if absent."""
        with self._transaction() as conn:
            if not self.has_article(article_id):
                return False
            derived.remove_article(conn, article_id)
            # claims, actors and annotations go by ON DELETE CASCADE, the FTS rows by trigger
            return conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0

    # --- reading ---------------------------------------------------------------------------------

    def article(self, id_or_prefix: str) -> Article | None:
        """The article with this id, or with this unique id prefix of at least 4 characters."""
        rows = self.conn.execute(f"{ARTICLE_SELECT} WHERE id = ?", (id_or_prefix,)).fetchall()
        if not rows and len(id_or_prefix) >= MIN_PREFIX:
            prefix, params = self.dialect.id_prefix(id_or_prefix)
            rows = self.conn.execute(f"{ARTICLE_SELECT} WHERE {prefix} ORDER BY id LIMIT 3", params).fetchall()
        if len(rows) > 1:
            ids = ", ".join(r[0] for r in rows[:2])
            raise StoreError(f"ambiguous article id prefix: it starts {ids} and maybe more",
                             input=id_or_prefix, hint="give more characters of the id")
        if not rows:
            return None
        id_, text, url, outlet, title, published, language, origin, doc, raw_sha256, kind, retrieved = rows[0]
        return Article(id=id_, text=text, url=url, outlet=outlet, title=title, published=_date(published),
                       language=language, origin=origin, doc=doc, raw_sha256=raw_sha256, source_kind=kind,
                       retrieved=retrieved)

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
               article_id: str | None = None, limit: int | None = None, copies: bool = False,
               place: str | None = None) -> list[ClaimRow]:
        """Claims matching every filter given; newest articles first.

        `about_codes` (actor code prefixes mentioned inside the claim, not as its source) and
        `about_text` (a phrase in the claim's content) widen each other: a claim may match either.
        `by` is an actor code prefix ("RUS", "UKRGOV+WST") or else a case-insensitive piece of the
        source as written or resolved. `since`/`until` are inclusive and drop undated articles.
        `place` is an ISO code (a country matches its regions) or a name of a place inside the claim.
        Claims of articles that copy another (`duplicate_of`) are left out unless `copies` is true or
        `article_id` names the copy; each row counts the copies of its article instead.
        """
        return self.query_claims(ClaimQuery(about_codes=tuple(about_codes), about_text=about_text, by=by,
                                            stance=stance, since=since, until=until, article_id=article_id,
                                            limit=limit, copies=copies, place=place))

    def query_claims(self, q: ClaimQuery) -> list[ClaimRow]:
        """`claims` for a ClaimQuery (which may also skip rows: `offset`), planned for this store."""
        sql, params = claims_sql(planned(q, self.dialect, self.conn), self.dialect)
        return [ClaimRow(claim=from_dict(Claim, json.loads(record)), article_id=aid, title=title,
                         outlet=outlet, published=_date(published), url=url, copies=n_copies,
                         duplicate_of=duplicate_of)
                for record, aid, title, outlet, published, url, n_copies, duplicate_of
                in self.conn.execute(sql, params)]

    def search_articles(self, query: str, limit: int = 20) -> list[ArticleHit]:
        """Articles whose title or text hold every word of `query`, best matches first: the best among the
        articles stored last (the first of RECENT_ARTICLES' numbers of them that holds `limit` matches), else
        among every article. A window that holds every stored article is not tried."""
        newest = self.conn.execute(self.dialect.newest_article_row).fetchone()
        last = int(newest[0]) if newest and newest[0] is not None else 0
        for after in (*(last - n for n in RECENT_ARTICLES if n < last), None):
            rows = list(self.conn.execute(*self.dialect.search_articles(query, limit, after)))
            if len(rows) >= limit:
                break
        return [ArticleHit(aid, title, _date(published), snippet) for aid, title, published, snippet in rows]

    def stats(self) -> dict[str, Any]:
        """Counts for a status line (JSON-ready): records by kind, top sources, date range, schema, size."""
        one = self._scalar
        # claims of copies (articles with a duplicate_of) are counted once, with their original
        independent = "claims WHERE article_id NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)"
        by_kind = dict(self.conn.execute(f"SELECT kind, count(*) FROM {independent} GROUP BY kind ORDER BY 1"))
        by_stance = dict(self.conn.execute(f"SELECT stance, count(*) FROM {independent} GROUP BY stance ORDER BY 1"))
        top_sources = [tuple(r) for r in self.conn.execute(
            f"SELECT source_actor, count(*) AS n FROM {independent} AND source_actor IS NOT NULL"
            " GROUP BY source_actor ORDER BY n DESC, source_actor LIMIT 10")]
        copies = dict(self.conn.execute(
            "SELECT duplicate_kind, count(*) FROM articles WHERE duplicate_of IS NOT NULL GROUP BY 1 ORDER BY 1"))
        annotations = {kind: 0 for kind in ANNOTATIONS}
        annotations.update(self.conn.execute("SELECT type, count(*) FROM annotations GROUP BY type"))
        first, last = self.conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "independent_articles": one("SELECT count(*) FROM articles WHERE duplicate_of IS NULL"),
            "copies": copies,  # articles linked to an original: {"exact": n, "near": n}
            "versions": one("SELECT count(*) FROM articles WHERE previous_version IS NOT NULL"),
            "claims": one(f"SELECT count(*) FROM {independent}"),
            "claims_in_copies": one("SELECT count(*) FROM claims") - one(f"SELECT count(*) FROM {independent}"),
            "claims_by_kind": by_kind,
            "claims_by_stance": by_stance,
            "top_sources": top_sources,
            "actors": one("SELECT count(*) FROM actors"),
            "annotations": annotations,
            "published_min": first,  # ISO dates, or None when no article is dated
            "published_max": last,
            "schema_version": self.schema_version(),
            "path": self.path,
            "size_bytes": self._size_bytes(),
        }

    def _size_bytes(self) -> int:
        """Pages in use, WAL included: the file's size once checkpointed."""
        return self._scalar("PRAGMA page_count") * self._scalar("PRAGMA page_size")

    def _scalar(self, sql: str) -> int:
        return int(self.conn.execute(sql).fetchone()[0])
