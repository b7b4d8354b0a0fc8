"""The read queries behind every endpoint and page: each returns JSON-ready values, so a page and its
JSON twin are built from the same call.

The store is opened read-only (SQLite: `mode=ro`, `query_only`; PostgreSQL: a session whose
transactions are READ ONLY), so nothing here can write. The SQL is written once for both engines:
`?` placeholders (the PostgreSQL connection rewrites them), full-text search and case-insensitive
LIKE through the store's `Dialect`. No spaCy: actor names are resolved through the mentions the
store holds, not through the extraction pipeline.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any

from claimgraph.errors import StoreError
from claimgraph.models import Claim, Place, Quantity, TimeRef, from_dict, to_dict
from claimgraph.store import SCHEMA_VERSION, ClaimRow, Store, open_store
from claimgraph.store.postgres import PostgresStore, is_postgres_url
from claimgraph.store.queries import ClaimQuery, looks_like_code

__all__ = ["MAX_LIMIT", "MAX_OFFSET", "ClaimFilters", "NotFound", "ReadOnlyPostgresStore", "ReadOnlyStore",
           "actor_page", "actors_list", "article_page", "articles_list", "check_store", "claim_dict", "claim_rows",
           "claims_list", "places_list", "resolve_about", "search", "stats"]

MAX_LIMIT = 200  # rows a page may ask for
MAX_OFFSET = 1_000_000  # past this a client should narrow its filters instead


class NotFound(StoreError):
    """What was asked for is not in the store (HTTP 404)."""


class _OldSchema(StoreError):
    """The store's schema is not the one this claimgraph reads: `check_store` migrates it."""


class ReadOnlyStore(Store):
    """A `Store` on a read-only connection: no migration, no writes, usable from any one thread at a time.

    `db` is a SQLite file or a `postgresql://` URL (then the object is a `ReadOnlyPostgresStore`)."""

    def __new__(cls, db: str | Path) -> ReadOnlyStore:
        if cls is ReadOnlyStore and is_postgres_url(str(db)):
            return object.__new__(ReadOnlyPostgresStore)
        return object.__new__(cls)

    def __init__(self, db: str | Path) -> None:  # noqa: D107 - Store.__init__ opens read-write
        self.path = str(db)
        uri = Path(self.path).resolve().as_uri() + "?mode=ro"
        try:
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30, check_same_thread=False)
            self.conn.execute("PRAGMA query_only = ON")
            version = self.schema_version()
        except sqlite3.Error as e:
            raise StoreError(f"cannot open the store read-only ({e})", input=self.path,
                             hint="check the path; create a store with `claimgraph --db FILE ingest PATH`") from e
        self._check_version(version)

    def _check_version(self, version: int) -> None:
        if version != SCHEMA_VERSION:
            self.conn.close()
            raise _OldSchema(f"store schema version {version}, this claimgraph reads {SCHEMA_VERSION}",
                             input=self.path, hint="run `claimgraph --db DB stats` once to migrate it")


class ReadOnlyPostgresStore(ReadOnlyStore, PostgresStore):
    """A PostgreSQL store on a session whose transactions are all READ ONLY: a write fails in the server."""

    def __init__(self, db: str | Path) -> None:  # noqa: D107 - PostgresStore.__init__ migrates
        url = str(db)
        # Every transaction READ ONLY from the first statement on, so a write fails in the server; no JIT,
        # which costs a page's query more (0.2-0.7 s at a million claims) than running it. Added to any
        # options the URL gives.
        options = "-c default_transaction_read_only=on -c jit=off"
        try:
            from psycopg.conninfo import conninfo_to_dict

            given = conninfo_to_dict(url).get("options")
        except ImportError:
            given = None  # _connect says psycopg is missing
        raw = self._connect(url, f"{given} {options}" if given else options)
        import psycopg

        # Every query planned with its own values: psycopg would otherwise prepare a statement run 5 times, and
        # PostgreSQL's generic plan for it cannot use an index for `code LIKE $1`.
        raw.prepare_threshold = None
        try:
            version = self.schema_version()
        except psycopg.errors.UndefinedTable:
            raw.close()
            raise StoreError("no claimgraph store in this database", input=self.path,
                             hint=f"create one with `claimgraph --db {self.path} ingest samples/`") from None
        except BaseException:
            raw.close()
            raise
        self._check_version(version)


def check_store(db: str | Path) -> None:
    """Fail early, naming the store, when `db` is no claimgraph store; migrate an older one (the only write)."""
    if not is_postgres_url(str(db)) and not Path(db).is_file():
        raise StoreError("no store at this path", input=str(db),
                         hint=f"create one with `claimgraph --db {db} ingest samples/`")
    try:
        ReadOnlyStore(db).close()
    except StoreError as e:
        if is_postgres_url(str(db)) and not isinstance(e, _OldSchema):
            raise  # no server, no claimgraph tables: nothing a migration would mend
        open_store(db).close()  # migrates an older schema forward, or raises naming the problem
        ReadOnlyStore(db).close()


# --- claims ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ClaimFilters:
    """The filters of `claimgraph claims`, as the API and the exports take them."""

    about: str | None = None
    by: str | None = None
    stance: str | None = None
    since: date | None = None
    until: date | None = None
    article: str | None = None
    copies: bool = False
    place: str | None = None

    def echo(self) -> dict[str, Any]:
        return {k: to_dict(v) for k, v in (("about", self.about), ("by", self.by), ("stance", self.stance),
                                           ("since", self.since), ("until", self.until),
                                           ("article", self.article), ("copies", self.copies),
                                           ("place", self.place)) if v}


def resolve_about(store: Store, text: str | None) -> list[str]:
    """"PRK" stays a code; a name becomes the code its stored mentions most often resolved to."""
    if not text:
        return []
    if looks_like_code(text):
        return [text]
    row = store.conn.execute(  # lower(): ASCII case folding in both engines, served by index actor_names_text
        "SELECT code FROM actor_names WHERE lower(text) = lower(?) AND code != ''"
        " GROUP BY code ORDER BY sum(mentions) DESC, code LIMIT 1", (text.strip(),)).fetchone()
    return [row[0]] if row else []


def _query(store: Store, f: ClaimFilters, limit: int | None) -> ClaimQuery:
    article_id = None
    if f.article:
        found = store.article(f.article)
        if found is None:
            raise NotFound("no such article in the store", input=f.article,
                           hint="article ids are listed at /api/articles")
        article_id = found.id
    return ClaimQuery(about_codes=tuple(resolve_about(store, f.about)), about_text=f.about, by=f.by,
                      stance=f.stance, since=f.since, until=f.until, article_id=article_id, limit=limit,
                      copies=f.copies, place=f.place)


def claim_rows(store: Store, f: ClaimFilters, limit: int | None, offset: int = 0) -> list[ClaimRow]:
    """`Store.claims` with an offset: the same SQL, paged; `limit=None` for every row."""
    return store.query_claims(replace(_query(store, f, limit), offset=offset))


def claim_dict(row: ClaimRow) -> dict[str, Any]:
    record = to_dict(row.claim)
    record.update(content_text=row.claim.content_text, article_title=row.title, outlet=row.outlet,
                  published=to_dict(row.published), url=row.url, copies=row.copies, duplicate_of=row.duplicate_of)
    return record


def claims_list(store: Store, f: ClaimFilters, limit: int, offset: int) -> dict[str, Any]:
    q = _query(store, f, limit + 1)  # one more tells whether a next page exists; `about` resolved once
    rows = store.query_claims(replace(q, offset=offset))
    return {"filters": f.echo(), "about_codes": list(q.about_codes), **_page(limit, offset, rows),
            "claims": [claim_dict(r) for r in rows[:limit]]}


def _page(limit: int, offset: int, rows: list[Any]) -> dict[str, Any]:
    return {"limit": limit, "offset": offset, "next_offset": offset + limit if len(rows) > limit else None}


# --- articles --------------------------------------------------------------------------------------

def articles_list(store: Store, limit: int, offset: int) -> dict[str, Any]:
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.outlet, a.published, a.url, a.duplicate_of,"
        " (SELECT count(*) FROM claims AS c WHERE c.article_id = a.id)"
        " FROM articles AS a ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?",
        (limit + 1, offset)).fetchall()
    return {**_page(limit, offset, rows), "total": store._scalar("SELECT count(*) FROM articles"),
            "articles": [{"id": r[0], "title": r[1], "outlet": r[2], "published": r[3], "url": r[4],
                          "duplicate_of": r[5], "claims": r[6]} for r in rows[:limit]]}


def article_page(store: Store, article_id: str) -> dict[str, Any]:
    """The article with every record and the segments a page highlights (see `segments`)."""
    if store.article(article_id) is None:
        raise NotFound("no such article in the store", input=article_id,
                       hint="article ids are listed at /api/articles; give at least 4 characters of one")
    x = store.extraction(article_id)
    article = to_dict(x.article)
    return {"article": article, "claims": [to_dict(c) | {"content_text": c.content_text} for c in x.claims],
            "actors": to_dict(x.actors), "times": to_dict(x.times), "places": to_dict(x.places),
            "quantities": to_dict(x.quantities), "events": to_dict(x.events),
            "evidence": store.evidence(x.article.id), "links": store.links(x.article.id)._asdict(),
            "segments": segments(x.article.text, x.claims, x.times, x.places, x.quantities)}


def _value_note(rec: Any) -> str:
    if isinstance(rec, TimeRef):
        return f"{rec.type} {rec.value}" if rec.value else f"{rec.type} (unresolved)"
    if isinstance(rec, Place):
        where = ", ".join(v for v in (rec.name, rec.iso) if v) or "unresolved"
        if rec.lat is not None and rec.lon is not None:
            where += f" ({rec.lat:.2f}, {rec.lon:.2f})"
        return where + (f"; stands for {rec.metonym_of}" if rec.metonym_of else "")
    assert isinstance(rec, Quantity)
    if rec.value is None:
        return "vague" if rec.vague else "no value"
    qualifier = "" if rec.qualifier == "=" else rec.qualifier + " "
    value = f"{int(rec.value):,}" if rec.value.is_integer() and abs(rec.value) < 1e18 else f"{rec.value:,g}"
    return f"{qualifier}{value}{' ' + rec.unit if rec.unit else ''}"


def segments(text: str, claims: tuple[Claim, ...], times: tuple[TimeRef, ...], places: tuple[Place, ...],
             quantities: tuple[Quantity, ...]) -> list[dict[str, Any]]:
    """The text cut where any mark starts or ends: each piece with its role (source, cue, content), the
    claim it belongs to, and the normalised time, place or quantity it lies in (`kind`, `note`)."""
    cuts = {0, len(text)}
    marks: list[tuple[int, int, str, str]] = []
    for c in claims:
        spans = [("content", s) for s in c.content] + [(n, s) for n, s in (("source", c.source), ("cue", c.cue))
                                                         if s is not None]
        for name, s in spans:
            cuts.update((s.start, s.end))
            marks.append((s.start, s.end, name, c.id))
    for kind, records in (("time", times), ("place", places), ("quantity", quantities)):
        for r in records:
            cuts.update((r.start, r.end))
            marks.append((r.start, r.end, kind, _value_note(r)))
    bounds = sorted(b for b in cuts if 0 <= b <= len(text))
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a == b:
            continue
        piece: dict[str, Any] = {"start": a, "end": b, "text": text[a:b]}
        for start, end, name, value in marks:
            if start <= a and b <= end:
                if name in ("source", "cue", "content"):
                    # a source or cue wins over the content it may sit in
                    if name != "content" or "role" not in piece:
                        piece["role"], piece["claim"] = name, value
                else:
                    piece["kind"], piece["note"] = name, value
        out.append(piece)
    return out


# --- actors, places, search, stats -------------------------------------------------------------------

def actors_list(store: Store, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Actor codes met in the store, most mentioned first, with their commonest mention text. With `q`, the
    mentions whose code or text holds it: every mention of a code that holds it, else those of its names."""
    if not q:
        rows = store.conn.execute(
            "SELECT code, mentions, articles FROM actor_codes WHERE code != '' ORDER BY mentions DESC, code"
            " LIMIT ? OFFSET ?", (limit + 1, offset)).fetchall()
    else:
        rows = _actors_matching(store, q, limit + 1, offset)
    return {"q": q, **_page(limit, offset, rows),
            "actors": [{"code": code, "mentions": n, "articles": arts, "names": _names(store, code)}
                       for code, n, arts in rows[:limit]]}


def _actors_matching(store: Store, q: str, limit: int, offset: int) -> list[tuple[str, int, int]]:
    """(code, mentions, articles) counted over the mentions whose code or text holds `q`, from the per-name
    counts; the articles of a code matched by some of its names alone are counted over those names' mentions."""
    op = store.dialect.ilike  # SQLite's LIKE ignores ASCII case; PostgreSQL's needs ILIKE
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    code_holds, text_holds = f"n.code {op} ? ESCAPE '\\'", f"n.text {op} ? ESCAPE '\\'"
    rows = store.conn.execute(
        f"SELECT n.code, sum(n.mentions), ({code_holds}) FROM actor_names AS n"
        f" WHERE n.code != '' AND ({code_holds} OR {text_holds}) GROUP BY n.code"
        " ORDER BY sum(n.mentions) DESC, n.code LIMIT ? OFFSET ?",
        (pattern, pattern, pattern, limit, offset)).fetchall()
    out = []
    for code, mentions, whole in rows:
        if whole:
            sql, params = "SELECT articles FROM actor_codes WHERE code = ?", [code]
        else:
            sql = ("SELECT count(DISTINCT article_id) FROM actors WHERE code = ? AND text IN"
                   f" (SELECT n.text FROM actor_names AS n WHERE n.code = ? AND {text_holds})")
            params = [code, code, pattern]
        out.append((code, int(mentions), int(store.conn.execute(sql, params).fetchone()[0])))
    return out


def _names(store: Store, code: str, n: int = 3) -> list[str]:
    return [t for (t,) in store.conn.execute(
        "SELECT text FROM actor_names WHERE code = ? ORDER BY mentions DESC, text LIMIT ?", (code, n))]


def actor_page(store: Store, code: str, limit: int) -> dict[str, Any]:
    """What the actor claimed (`by`) and what was claimed about it (`about`)."""
    row = store.conn.execute("SELECT mentions FROM actor_codes WHERE code = ?", (code,)).fetchone()
    mentions = int(row[0]) if row else 0
    if not mentions and store.conn.execute("SELECT 1 FROM claims WHERE source_actor = ? LIMIT 1",
                                           (code,)).fetchone() is None:
        raise NotFound("no actor with this code in the store", input=code,
                       hint="codes are listed at /api/actors (e.g. RUS, PRKMIL, UKRGOV)")
    by = claim_rows(store, ClaimFilters(by=code), limit) if looks_like_code(code) else []
    about = [r for r in claim_rows(store, ClaimFilters(about=code), limit) if r.claim.source_actor != code] \
        if looks_like_code(code) else []
    return {"code": code, "names": _names(store, code, 5), "mentions": mentions,
            "claimed": [claim_dict(r) for r in by], "claimed_about": [claim_dict(r) for r in about]}


def places_list(store: Store, limit: int, offset: int, on_map: bool = False) -> dict[str, Any]:
    """Resolved places, grouped by what they resolved to, most mentioned first, then by name, then as first met
    (article id, position), from the counts kept with the articles (claimgraph.store.derived); only the page's
    places are read further, each through its first mention."""
    totals: dict[str, int] = {}
    mapped: set[str] = set()
    for key, flag, n in store.conn.execute("SELECT place_key, on_map, mentions FROM place_counts"):
        if flag:
            mapped.add(key)
        if flag or not on_map:
            totals[key] = totals.get(key, 0) + int(n)
    names = {key: str(json.loads(key)[1]) for key in totals}
    ordered = _in_order(totals, lambda k: (-totals[k], names[k]), lambda k: _first_mention(store, k, on_map),
                        offset, offset + limit + 1)
    page = ordered[offset:offset + limit + 1]
    return {**_page(limit, offset, page), "total": len(ordered),
            "places": [_place(store, key, on_map, key in mapped, totals[key]) for key in page[:limit]]}


def _in_order(items: Iterable[Any], rank: Callable[[Any], Any], first: Callable[[Any], Any], start: int,
              stop: int) -> list[Any]:
    """`items` sorted by `rank`, ties by `first` (where they were first met), looked up only for the ties
    that reach into [start, stop)."""
    out: list[Any] = []
    for _, run in groupby(sorted(items, key=rank), key=rank):
        tied = list(run)
        if len(tied) > 1 and len(out) < stop and len(out) + len(tied) > start:
            tied.sort(key=first)
        out += tied
    return out


def _first_mention(store: Store, key: str, on_map: bool, text: str | None = None) -> tuple[str, int]:
    """(article id, seq) of the first mention of place `key` (with `text`), as the place list meets them."""
    found = []
    for flag in (1,) if on_map else (0, 1):
        if text is None:
            row = store.conn.execute("SELECT article_id, first_seq FROM place_mentions WHERE place_key = ?"
                                     " AND on_map = ? ORDER BY article_id, first_seq LIMIT 1", (key, flag)).fetchone()
        else:
            row = store.conn.execute("SELECT article_id, first_seq FROM place_mentions WHERE place_key = ?"
                                     " AND on_map = ? AND text = ? ORDER BY article_id LIMIT 1",
                                     (key, flag, text)).fetchone()
        if row is not None:
            found.append((row[0], int(row[1])))
    return min(found)


def _place(store: Store, key: str, on_map: bool, mapped: bool, mentions: int) -> dict[str, Any]:
    """One place of the list: the fields of its first mention, its first 20 articles, its 3 commonest texts."""
    aid, seq = _first_mention(store, key, on_map)
    (record,) = store.conn.execute("SELECT record FROM annotations WHERE article_id = ? AND type = 'place'"
                                   " AND seq = ?", (aid, seq)).fetchone()
    p = from_dict(Place, json.loads(record))
    articles: set[str] = set()
    for bit in (1,) if on_map else (0, 1):  # the first 20 of each kind hold the first 20 of both
        articles.update(a for (a,) in store.conn.execute(
            "SELECT DISTINCT article_id FROM place_mentions WHERE place_key = ? AND on_map = ? ORDER BY article_id"
            " LIMIT 20", (key, bit)))
    flag = " AND on_map = 1" if on_map else ""
    counts = {t: int(n) for t, n in store.conn.execute(
        f"SELECT text, sum(mentions) FROM place_texts WHERE place_key = ?{flag} GROUP BY text", (key,))}
    texts = _in_order(counts, lambda t: -counts[t], lambda t: _first_mention(store, key, on_map, t), 0, 3)[:3]
    return {"name": p.name or p.text, "iso": p.iso, "feature": p.feature, "lat": p.lat, "lon": p.lon,
            "country": p.country, "on_map": mapped, "mentions": mentions, "articles": sorted(articles)[:20],
            "texts": texts}


def search(store: Store, q: str, limit: int) -> dict[str, Any]:
    """Articles holding every word of `q`, and claims whose content holds the phrase."""
    if not q.strip():
        return {"q": q, "articles": [], "claims": []}
    hits = store.search_articles(q, limit=limit)
    claims = claim_rows(store, ClaimFilters(about=q), limit)
    return {"q": q, "articles": [h._asdict() | {"published": to_dict(h.published)} for h in hits],
            "claims": [claim_dict(r) for r in claims]}


def stats(store: Store) -> dict[str, Any]:
    numbers = store.stats()
    numbers.pop("path", None)  # the server's file layout is not the client's business
    return numbers
