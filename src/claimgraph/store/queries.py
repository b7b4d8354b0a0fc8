"""Read queries over the store's tables, shared by the SQLite and the PostgreSQL store.

The SQL here is what both engines run, with `?` placeholders (the PostgreSQL store's connection
rewrites them, `qmark_to_format`). Full-text search is each engine's own: the `Dialect` hook builds
that part (FTS5 `MATCH` in SQLite, tsvector `@@` tsquery in PostgreSQL).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, Protocol

from claimgraph.errors import StoreError
from claimgraph.models import Claim, Stance

__all__ = ["POSTGRES", "SQLITE", "ArticleHit", "ArticleLinks", "ClaimQuery", "ClaimRow", "Connection", "Dialect",
           "claims_sql", "fts_phrase", "fts_terms", "looks_like_code", "qmark_to_format"]

_CODE = re.compile(r"[A-Z]{3,9}(?:\+[A-Z]{3,9})*")  # "RUS", "PRKMIL", joint codes "UKRGOV+WST"


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim with the article facts a listing shows beside it."""

    claim: Claim
    article_id: str
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None
    copies: int = 0  # other articles stored as copies of this one (their claims are not listed)
    duplicate_of: str | None = None  # set when this article is itself a copy (listed with `copies=True`)


class ArticleLinks(NamedTuple):
    """An article's links: the original it copies (how, how similar), the text it replaced, its copies."""

    duplicate_of: str | None
    duplicate_kind: str | None  # exact | near
    similarity: float | None
    previous_version: str | None
    copies: int


class ArticleHit(NamedTuple):
    """One full-text hit: `snippet` marks the matched words with [ and ]."""

    article_id: str
    title: str | None
    published: date | None
    snippet: str


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    """The filters of `Store.claims`; see there for their meaning."""

    about_codes: Sequence[str] = ()
    about_text: str | None = None
    by: str | None = None
    stance: str | None = None
    since: date | None = None
    until: date | None = None
    article_id: str | None = None
    place: str | None = None
    limit: int | None = None
    copies: bool = False


def fts_phrase(text: str) -> str:
    """`text` as one FTS5 phrase: quotes doubled, so no punctuation can be read as query syntax."""
    return '"' + text.replace('"', '""') + '"'


def fts_terms(text: str) -> str:
    """Every word of `text` as its own phrase, all required (FTS5 implicit AND)."""
    return " ".join(fts_phrase(w) for w in text.split()) or '""'


class Cursor(Protocol):
    """What the store uses of a DB-API cursor (sqlite3's or psycopg's)."""

    @property
    def rowcount(self) -> int: ...
    @property
    def description(self) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the store uses of a connection: sqlite3's, or the PostgreSQL store's wrapper of psycopg's."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...
    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor: ...
    def close(self) -> None: ...


class Dialect:
    """The SQLite side of what the engines write differently: full-text search and id prefixes."""

    name = "sqlite"
    ilike = "LIKE"  # case-insensitive LIKE (SQLite's folds ASCII only)

    def claim_text(self, text: str) -> tuple[str, list[Any]]:
        """SQL true when claim `c`'s content holds `text` as a phrase."""
        return ("c.id IN (SELECT claim_id FROM claims_fts WHERE claims_fts MATCH ?)",
                ["content_text : " + fts_phrase(text)])

    def search_articles(self, query: str, limit: int) -> tuple[str, list[Any]]:
        """Columns `article_id, title, published, snippet` of articles holding every word of `query`."""
        return ("SELECT f.article_id, a.title, a.published, snippet(articles_fts, -1, '[', ']', '…', 12)"
                " FROM articles_fts AS f JOIN articles AS a ON a.id = f.article_id"
                " WHERE articles_fts MATCH ? ORDER BY f.rank, a.id LIMIT ?", [fts_terms(query), limit])

    def id_prefix(self, prefix: str) -> tuple[str, list[Any]]:
        """SQL true when `id` starts with `prefix`: a key range, so the primary key index serves it."""
        return "id >= ? AND id < ?", [prefix, prefix + "\U0010ffff"]


class PostgresDialect(Dialect):
    """PostgreSQL: generated tsvector columns (`articles.fts`, `claims.content_fts`, 'simple' configuration)."""

    name = "postgresql"
    ilike = "ILIKE"

    def claim_text(self, text: str) -> tuple[str, list[Any]]:
        return "c.content_fts @@ phraseto_tsquery('simple', ?)", [text]

    def search_articles(self, query: str, limit: int) -> tuple[str, list[Any]]:
        return ("SELECT a.id, a.title, a.published, ts_headline('simple', coalesce(a.title, '') || ' ' || a.text, q,"
                " 'StartSel=[, StopSel=], MaxWords=12, MinWords=4, MaxFragments=1, FragmentDelimiter=…')"
                " FROM articles AS a, plainto_tsquery('simple', ?) AS q"
                " WHERE a.fts @@ q ORDER BY ts_rank(a.fts, q) DESC, a.id LIMIT ?", [query, limit])

    def id_prefix(self, prefix: str) -> tuple[str, list[Any]]:
        return "starts_with(id, ?)", [prefix]  # collation-proof, unlike a key range


SQLITE = Dialect()
POSTGRES = PostgresDialect()


def qmark_to_format(sql: str) -> str:
    """The shared SQL's `?` placeholders as psycopg's `%s` (and `%` as `%%`); `?` inside quotes is kept."""
    out, quoted = [], False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
        out.append("%%" if ch == "%" else "%s" if ch == "?" and not quoted else ch)
    return "".join(out)


def looks_like_code(value: str) -> bool:
    """True for an actor code such as "RUS", "PRKMIL" or "UKRGOV+WST"."""
    return _CODE.fullmatch(value) is not None


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def code_match(column: str, codes: Sequence[str]) -> tuple[str, list[str]]:
    """SQL true when any "+"-part of `column` starts with any "+"-part of `codes`."""
    parts = sorted({p for code in codes for p in code.upper().split("+") if p})
    if not parts:
        return "0 = 1", []
    terms, params = [], []
    for part in parts:
        terms.append(f"({column} LIKE ? ESCAPE '\\' OR {column} LIKE ? ESCAPE '\\')")
        params += [_like_escape(part) + "%", "%+" + _like_escape(part) + "%"]
    return "(" + " OR ".join(terms) + ")", params


def _stance(value: str) -> str:
    try:
        return Stance(value.lower()).value
    except ValueError:
        options = ", ".join(s.value for s in Stance)
        raise StoreError("unknown stance", input=value, hint=f"use one of: {options}") from None


def place_match(place: str, dialect: Dialect) -> tuple[str, list[str]]:
    """A place record inside the claim's extent, by ISO code (a country matches its regions) or name as
    written or resolved. Place records are stored as JSON written by `json.dumps` with its default
    separators, which is what the patterns rely on."""
    like = dialect.ilike
    name = json.dumps(place.strip(), ensure_ascii=False)
    patterns = [*iso_patterns(place), f'%"country": "{place.strip().upper()}"%',
                f'%"text": {name}%', f'%"name": {name}%']
    tests = " OR ".join(f"p.record {like} ? ESCAPE '\\'" for _ in patterns)
    sql = ("EXISTS (SELECT 1 FROM annotations AS p WHERE p.article_id = c.article_id AND p.type = 'place'"
           f" AND p.start_char >= c.start_char AND p.end_char <= c.end_char AND ({tests}))")
    return sql, [_like_escape_keep(pattern) for pattern in patterns]


def iso_patterns(code: str) -> list[str]:
    """LIKE patterns for a stored place record whose ISO code is `code` or one of its regions ("RU" finds
    "RU-KRS"), as `json.dumps` writes records."""
    code = code.strip().upper()
    return [f'%"iso": "{code}"%', f'%"iso": "{code}-%']


def _like_escape_keep(pattern: str) -> str:
    """Escape LIKE's wildcards inside a pattern whose first and last characters are the wildcards."""
    return "%" + _like_escape(pattern[1:-1]) + "%"


def claims_sql(q: ClaimQuery, dialect: Dialect = SQLITE) -> tuple[str, list[Any]]:
    """The SELECT behind `Store.claims`: columns `record, article_id, title, outlet, published, url, copies,
    duplicate_of`. Pass the store's `dialect` for a PostgreSQL store."""
    where: list[str] = []
    params: list[Any] = []

    about: list[str] = []
    if q.about_codes:
        match, match_params = code_match("a.code", q.about_codes)
        # an actor mention inside the claim's extent that is not (part of) its source
        about.append(
            "EXISTS (SELECT 1 FROM actors AS a WHERE a.article_id = c.article_id"
            " AND a.start_char >= c.start_char AND a.end_char <= c.end_char"
            " AND NOT (c.source_start IS NOT NULL AND a.start_char < c.source_end"
            " AND a.end_char > c.source_start)"
            f" AND {match})"
        )
        params += match_params
    if q.about_text is not None:
        match, match_params = dialect.claim_text(q.about_text)
        about.append(match)
        params += match_params
    if about:
        where.append("(" + " OR ".join(about) + ")")

    if q.by:
        if looks_like_code(q.by):
            match, match_params = code_match("c.source_actor", [q.by])
            where.append(match)
            params += match_params
        else:
            like = dialect.ilike
            where.append(f"(c.source_text {like} ? ESCAPE '\\' OR c.source_resolved {like} ? ESCAPE '\\')")
            params += ["%" + _like_escape(q.by) + "%"] * 2
    if q.place:
        match, match_params = place_match(q.place, dialect)
        where.append(match)
        params += match_params
    if q.stance:
        where.append("c.stance = ?")
        params.append(_stance(q.stance))
    if q.since:
        where.append("ar.published >= ?")
        params.append(q.since.isoformat())
    if q.until:
        where.append("ar.published <= ?")
        params.append(q.until.isoformat())
    if q.article_id:
        where.append("c.article_id = ?")
        params.append(q.article_id)
    elif not q.copies:
        where.append("ar.duplicate_of IS NULL")

    sql = (
        "SELECT c.record, ar.id, ar.title, ar.outlet, ar.published, ar.url,"
        " (SELECT count(*) FROM articles AS d WHERE d.duplicate_of = ar.id), ar.duplicate_of"
        " FROM claims AS c JOIN articles AS ar ON ar.id = c.article_id"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY ar.published IS NULL, ar.published DESC, ar.id, c.start_char, c.seq"
    if q.limit is not None:
        sql += " LIMIT ?"
        params.append(q.limit)
    return sql, params
