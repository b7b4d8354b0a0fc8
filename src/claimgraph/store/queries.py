"""Read queries over the store's tables, shared by the SQLite and the PostgreSQL store.

The SQL here is what both engines run, with `?` placeholders (the PostgreSQL store's connection
rewrites them, `qmark_to_format`). Full-text search is each engine's own: the `Dialect` hook builds
that part (FTS5 `MATCH` in SQLite, tsvector `@@` tsquery in PostgreSQL).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, NamedTuple, Protocol

from claimgraph.errors import StoreError
from claimgraph.models import Claim, Stance

__all__ = ["POSTGRES", "PROBE_FROM", "RECENT_ARTICLES", "SQLITE", "WALK_FROM", "ArticleHit", "ArticleLinks",
           "ClaimQuery", "ClaimRow", "Connection", "Dialect", "claims_sql", "code_parts", "fts_phrase", "fts_terms",
           "looks_like_code", "planned", "qmark_to_format"]

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
    offset: int = 0  # rows skipped before the `limit` returned
    text_matches: int | None = None  # how many claims hold `about_text`; picks the plan (`planned` fills it)
    walk_by: bool = False  # list from the `by` code's claims, testing `about` on each (`planned` sets it)


# How a page of full-text matches is found (SQLite), by their number: below WALK_FROM every match is sorted;
# from it, the listing order is walked keeping the matches (collected first); from PROBE_FROM, the walk asks
# the full-text index about each claim it passes instead (collecting half a million matches costs 100 ms).
# At 1M claims sorting costs 11 ms for 1,600 matches, 60 for 19,000 and 700 for 524,000; the walk 2-60 ms
# from 3,000 matches on; the probing walk 1.5 ms for 524,000 but seconds for rare words (bench/recorded.md).
WALK_FROM = 15_000
PROBE_FROM = 100_000
# The ranked article search ranks the matches among the articles stored last, the first of these numbers of them
# that holds a page of matches, else every match: ranking costs 2 us a match on SQLite (230 ms for a word in
# 110,000 articles at 1M claims) and up to 40 on PostgreSQL (it decompresses each article's words), and for a word
# that frequent the newest matches are the ones a reader of the news is after.
RECENT_ARTICLES = (5_000, 50_000)
# Full-text search by a source's code (`about_text` and a `by` code): listed from the source's claims, each
# tested for the text, when the source has fewer claims than the text has matches; PostgreSQL does not count
# matches (it would read each one) but estimates them; with no estimate, a source with fewer claims than this.
BY_WALK_UNTIL = 5_000


def planned(q: ClaimQuery, dialect: Dialect, conn: Connection) -> ClaimQuery:
    """`q` with what the store knows that changes how its page is best found, for a full-text search with a
    LIMIT (a walk needs one to stop). The number of full-text matches of `about_text` (SQLite counts them
    from the index alone, in a few ms): a walk down the listing order keeping them pays only when most
    matches it meets make the page, so not with another filter (a stance, dates, a place), where it may
    walk far for few. With a source's code: whether that source has fewer claims than the text has
    matches (PostgreSQL: the planner's estimate of them), so the page is found from the source's claims in
    listing order, each tested for the text, instead of sorting every match (claim search by actor at 1M
    claims: p95 57 -> 24 ms on SQLite, 60 -> 36 on PostgreSQL; bench/recorded.md)."""
    if q.about_text is None or q.limit is None:
        return q
    if q.by and looks_like_code(q.by):
        matches = dialect.count_text_matches(conn, q.about_text)
        bound = BY_WALK_UNTIL if matches is None else matches
        parts = code_parts([q.by])
        marks = ", ".join("?" * len(parts))
        claims = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM claim_order WHERE role = 'by' AND code IN"
                              f" ({marks}) LIMIT ?) AS b", [*parts, bound]).fetchone()[0]
        return replace(q, walk_by=int(claims) < bound)
    if q.by or q.stance or q.since or q.until or q.place or not dialect.walks_text:
        return q
    return replace(q, text_matches=dialect.count_text_matches(conn, q.about_text))


def fts_phrase(text: str) -> str:
    """`text` as one FTS5 phrase: quotes doubled, so no punctuation can be read as query syntax, and NUL
    characters dropped (FTS5's parser takes one for the end of the query: "unterminated string")."""
    return '"' + text.replace("\x00", "").replace('"', '""') + '"'


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


# The order of every claim listing: newest article first, undated ones last, then by article and place.
LISTING_ORDER = "ar.published IS NULL, ar.published DESC, ar.id, c.start_char, c.seq"
# The same order in claim_order, whose index holds it (`published` is '' for an undated article).
WALK_ORDER = "o.published DESC, o.article_id, o.start_char, o.seq"
NO_LIMIT = 2**62  # LIMIT for "every row" with an OFFSET: SQLite needs a LIMIT there, PostgreSQL a non-negative one


class Dialect:
    """The SQLite side of what the engines write differently: full-text search and id prefixes."""

    name = "sqlite"
    ilike = "LIKE"  # case-insensitive LIKE (SQLite's folds ASCII only)
    walks_text = True  # a page of many full-text matches may be found by walking the listing order (WALK_FROM)

    def claim_text(self, text: str, key: str) -> tuple[str, list[Any]]:
        """SQL true when the content of the claim whose key is `key` (a column) holds `text` as a phrase."""
        keys, params = self.claim_text_keys(text)
        return f"{key} IN ({keys})", params

    def claim_text_keys(self, text: str) -> tuple[str, list[Any]]:
        """A SELECT of column `key`: the keys of the claims whose content holds `text` as a phrase."""
        return ("SELECT rowid AS key FROM claims_fts WHERE claims_fts MATCH ?",  # rowid: claims.key
                ["content_text : " + fts_phrase(text)])

    def count_text_matches(self, conn: Connection, text: str) -> int | None:
        """How many claims hold `text` as a phrase (counted up to PROBE_FROM), or None where the count
        would not change the plan."""
        keys, params = self.claim_text_keys(text)
        return int(conn.execute(f"SELECT count(*) FROM ({keys} LIMIT ?)", [*params, PROBE_FROM]).fetchone()[0])

    def claim_text_ordered(self, text: str, matches: int | None = None) -> tuple[str, list[Any]]:
        """A SELECT of claim_order's columns `claim_key, published, article_id, start_char, seq` for the claims
        whose content holds `text`, in listing order. By default each match's 'all' entry, read from the
        index claim_order_claim alone (a claim's row is wide), then sorted. Given many `matches` (and a
        LIMIT above, which stops it), a walk down the 'all' entries in listing order keeping the matches."""
        keys, params = self.claim_text_keys(text)
        walk = "SELECT o.claim_key, o.published, o.article_id, o.start_char, o.seq FROM claim_order AS o"
        if matches is not None and matches >= PROBE_FROM:
            return (f"{walk} WHERE o.role = 'all' AND o.code = '' AND EXISTS (SELECT 1 FROM claims_fts"
                    f" WHERE claims_fts MATCH ? AND rowid = o.claim_key) ORDER BY {WALK_ORDER}", params)
        if matches is not None and matches >= WALK_FROM:
            return (f"{walk} WHERE o.role = 'all' AND o.code = '' AND o.claim_key IN ({keys})"
                    f" ORDER BY {WALK_ORDER}", params)
        return (f"SELECT o.claim_key, o.published, o.article_id, o.start_char, o.seq FROM ({keys}) AS f"
                " CROSS JOIN claim_order AS o WHERE o.claim_key = f.key AND o.role = 'all' AND o.code = ''"
                f" ORDER BY {WALK_ORDER}", params)

    # The row id of the article stored last, in the index the ranked search reads (FTS5 reads rowid order directly).
    newest_article_row = "SELECT rowid FROM articles_fts ORDER BY rowid DESC LIMIT 1"

    def search_articles(self, query: str, limit: int, after: int | None = None) -> tuple[str, list[Any]]:
        """Columns `article_id, title, published, snippet` of articles holding every word of `query`; with
        `after`, only among the articles stored after that row id (`newest_article_row` less a number)."""
        # Ranked twice: first the rank of the limit-th best match, from the index alone, then only the matches
        # ranked as well or better (ties included) read their article id and are sorted; reading every
        # match's id took half the time for a frequent word (34 against 19 ms for 10,000 matches).
        outer, inner = (" AND f.rowid > ?3", " AND rowid > ?3") if after is not None else ("", "")
        return ("SELECT f.article_id, a.title, a.published, snippet(articles_fts, -1, '[', ']', '…', 12)"
                " FROM articles_fts AS f JOIN articles AS a ON a.id = f.article_id"
                f" WHERE articles_fts MATCH ?1{outer}"
                " AND f.rank <= coalesce((SELECT rank FROM articles_fts"
                f" WHERE articles_fts MATCH ?1{inner} ORDER BY rank LIMIT 1 OFFSET ?2 - 1), 1e308)"
                " ORDER BY f.rank, a.id LIMIT ?2", [fts_terms(query), limit, *([after] if after is not None else [])])

    def id_prefix(self, prefix: str) -> tuple[str, list[Any]]:
        """SQL true when `id` starts with `prefix`: a key range, so the primary key index serves it."""
        return "id >= ? AND id < ?", [prefix, prefix + "\U0010ffff"]


class PostgresDialect(Dialect):
    """PostgreSQL: tsvectors in the 'simple' configuration, `articles.fts` (a generated column) and
    `claims_fts.content_fts` (a narrow table a trigger keeps in step with `claims`, migration 6)."""

    name = "postgresql"
    ilike = "ILIKE"
    walks_text = False  # the matches are always sorted (claim_text_ordered)

    def claim_text(self, text: str, key: str) -> tuple[str, list[Any]]:
        # one claim's words looked up by key: a walk down a source's claims tests a few thousand this way
        return (f"EXISTS (SELECT 1 FROM claims_fts AS f WHERE f.key = {key}"
                " AND f.content_fts @@ phraseto_tsquery('simple', ?))", [text])

    def claim_text_keys(self, text: str) -> tuple[str, list[Any]]:
        return "SELECT key FROM claims_fts WHERE content_fts @@ phraseto_tsquery('simple', ?)", [text]

    def count_text_matches(self, conn: Connection, text: str) -> int | None:
        """The planner's estimate, from the column's statistics (its most common words and their frequency):
        counting would read every match, which is what a plan chosen by the count is there to avoid."""
        plan = conn.execute("EXPLAIN (FORMAT JSON) SELECT 1 FROM claims_fts WHERE content_fts @@"
                            " phraseto_tsquery('simple', ?)", [text]).fetchone()[0]
        return int((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])

    def claim_text_ordered(self, text: str, matches: int | None = None) -> tuple[str, list[Any]]:
        # From the rows the match reads anyway (claims_fts holds the listing order's columns): sorted before any
        # article is looked up for the other filters, which then stop at the page.
        return ("SELECT f.key AS claim_key, f.published, f.article_id, f.start_char, f.seq FROM claims_fts AS f"
                " WHERE f.content_fts @@ phraseto_tsquery('simple', ?)"
                " ORDER BY f.published DESC, f.article_id, f.start_char, f.seq", [text])

    newest_article_row = "SELECT max(rowid) FROM articles"  # index articles_rowid

    def search_articles(self, query: str, limit: int, after: int | None = None) -> tuple[str, list[Any]]:
        window = " AND a.rowid > ?" if after is not None else ""  # index articles_rowid
        return ("SELECT a.id, a.title, a.published, ts_headline('simple', coalesce(a.title, '') || ' ' || a.text, q,"
                " 'StartSel=[, StopSel=], MaxWords=12, MinWords=4, MaxFragments=1, FragmentDelimiter=…')"
                " FROM articles AS a, plainto_tsquery('simple', ?) AS q"
                f" WHERE a.fts @@ q{window} ORDER BY ts_rank(a.fts, q) DESC, a.id LIMIT ?",
                [query, *([after] if after is not None else []), limit])

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


def code_parts(codes: Sequence[str]) -> list[str]:
    """The "+"-parts of `codes`, upper-cased: a code filter matches a stored code when any of its parts
    starts with any of these (claim_order lists each part's prefixes, so that is one index lookup)."""
    return sorted({p for code in codes for p in code.upper().split("+") if p})


def claims_sql(q: ClaimQuery, dialect: Dialect = SQLITE) -> tuple[str, list[Any]]:
    """The SELECT behind `Store.claims`: columns `record, article_id, title, outlet, published, url, copies,
    duplicate_of`. Pass the store's `dialect` for a PostgreSQL store.

    The claims are found by one or more branches, each of them the keys of at most `limit + offset` claims in
    listing order: a walk down one claim_order term (the `about` or `by` code's parts, else every claim) that
    stops once enough claims pass the other filters, the full-text matches of `about_text` (sorted), or one
    article's claims. Their union is then joined to the claims and articles, and sorted once more: only the
    page's rows are read whole.
    """
    n = None if q.limit is None else q.limit + q.offset
    branches = [_branch(q, dialect, driver, n) for driver in _drivers(q)]
    union = " UNION ".join(f"SELECT key FROM ({sql}) AS b{i}" for i, (sql, _) in enumerate(branches))
    params = [p for _, branch_params in branches for p in branch_params]
    sql = (
        "SELECT c.record, ar.id, ar.title, ar.outlet, ar.published, ar.url,"
        " (SELECT count(*) FROM articles AS d WHERE d.duplicate_of = ar.id), ar.duplicate_of"
        f" FROM ({union}) AS hit CROSS JOIN claims AS c CROSS JOIN articles AS ar"
        f" WHERE c.key = hit.key AND ar.id = c.article_id ORDER BY {LISTING_ORDER}"
    )
    if q.limit is not None or q.offset:
        sql += " LIMIT ?"
        params.append(NO_LIMIT if q.limit is None else q.limit)
    if q.offset:
        sql += " OFFSET ?"
        params.append(q.offset)
    return sql, params


# A branch's driver: ("walk", role, code) down claim_order, ("text", None, None) the full-text matches of
# about_text, ("article", None, None) one article's claims, ("none", None, None) nothing.
Driver = tuple[str, str | None, str | None]


def _drivers(q: ClaimQuery) -> list[Driver]:
    """Where the claims come from: one article's; else each `about` code part and the `about` text (a claim
    may match either), unless `planned` chose the `by` code's claims for a full-text search (`walk_by`); else
    each `by` code part; else every claim, in order."""
    if q.article_id:
        return [("article", None, None)]
    by_code = q.by if q.by and looks_like_code(q.by) else None
    if (q.about_codes or q.about_text is not None) and not (q.walk_by and by_code):
        drivers: list[Driver] = [("walk", "about", part) for part in code_parts(q.about_codes)]
        if q.about_text is not None:
            drivers.append(("text", None, None))
        return drivers or [("none", None, None)]
    if by_code:
        return [("walk", "by", part) for part in code_parts([by_code])]
    return [("walk", "all", "")]


def _branch(q: ClaimQuery, dialect: Dialect, driver: Driver, n: int | None) -> tuple[str, list[Any]]:
    """The keys of the first `n` claims (every one for None) that `driver` finds and the filters pass."""
    kind, role, code = driver
    if kind in ("walk", "text"):
        where, params, needs_claim = _filters(q, dialect, "o.claim_key", "o.published", about=role == "by",
                                              by=role != "by")
        if kind == "walk":
            source, head, head_params = "claim_order AS o", ["o.role = ?", "o.code = ?"], [role, code]
        else:  # the matches in order, with claim_order's columns
            matches, head_params = dialect.claim_text_ordered(q.about_text or "", q.text_matches)
            source, head = f"({matches}) AS o", []
        sql = f"SELECT o.claim_key AS key FROM {source} CROSS JOIN articles AS ar"
        where = [*head, "ar.id = o.article_id", *where]
        if needs_claim:
            sql += " CROSS JOIN claims AS c"
            where.insert(len(head) + 1, "c.key = o.claim_key")
        params = [*head_params, *params]
        order = WALK_ORDER
    else:
        where, params, _ = _filters(q, dialect, "c.key", "ar.published", about=kind == "article", by=True)
        sql = "SELECT c.key AS key FROM claims AS c CROSS JOIN articles AS ar"
        where.insert(0, "ar.id = c.article_id")
        if kind == "none":
            where.insert(1, "0 = 1")
        order = LISTING_ORDER
    sql += " WHERE " + " AND ".join(where) + f" ORDER BY {order}"
    if n is not None:
        sql += " LIMIT ?"
        params.append(n)
    return sql, params


def _filters(q: ClaimQuery, dialect: Dialect, key: str, published: str, *, about: bool, by: bool
             ) -> tuple[list[str], list[Any], bool]:
    """The conditions a branch tests row by row, on article `ar`, claim `c`, the claim's key `key` and its
    article's date `published` (an `o.published` is '' when undated), and whether they need the claim row:
    the `about` filter only where no branch stands for it, the `by` code where no walk down it does."""
    where: list[str] = []
    params: list[Any] = []
    needs_claim = False
    if about and (q.about_codes or q.about_text is not None):
        tests = []
        if parts := code_parts(q.about_codes):
            tests.append(_has_terms(key, "about", parts))
            params += parts
        if q.about_text is not None:
            match, match_params = dialect.claim_text(q.about_text, key)
            tests.append(match)
            params += match_params
        where.append("(" + (" OR ".join(tests) or "0 = 1") + ")")
    if q.by and looks_like_code(q.by):
        if by:
            parts = code_parts([q.by])
            where.append(_has_terms(key, "by", parts))
            params += parts
    elif q.by:
        like = dialect.ilike
        where.append(f"(c.source_text {like} ? ESCAPE '\\' OR c.source_resolved {like} ? ESCAPE '\\')")
        params += ["%" + _like_escape(q.by) + "%"] * 2
        needs_claim = True
    if q.place:
        match, match_params = place_match(q.place, dialect)
        where.append(match)
        params += match_params
        needs_claim = True
    if q.stance:
        where.append("c.stance = ?")
        params.append(_stance(q.stance))
        needs_claim = True
    if q.since:
        where.append(f"{published} >= ?")
        params.append(q.since.isoformat())
    if q.until:
        where.append(f"{published} <= ? AND {published} != ''")
        params.append(q.until.isoformat())
    if q.article_id:
        where.append("c.article_id = ?")
        params.append(q.article_id)
        needs_claim = True
    elif not q.copies:
        where.append("ar.duplicate_of IS NULL")
    return where, params, needs_claim


def _has_terms(key: str, role: str, parts: list[str]) -> str:
    """SQL true when the claim `key` is listed under one of `parts` as `role` (one probe of its own terms)."""
    marks = ", ".join("?" * len(parts))
    return f"EXISTS (SELECT 1 FROM claim_order AS t WHERE t.claim_key = {key} AND t.role = '{role}'" \
           f" AND t.code IN ({marks}))"
