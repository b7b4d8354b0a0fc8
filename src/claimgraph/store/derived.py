"""Tables derived from the stored records (migration 0005), written in each article's transaction.

`claim_order` lists every claim under the terms a claim listing selects by, in the listing's order, so
`claims_sql` walks one term's index entries and stops when its page is full. `actor_codes` and
`actor_names` count mentions, so the actor list and page read a few rows instead of every mention;
`place_mentions`, `place_counts` and `place_texts` do the same for the place list. `add_article` and
`remove_article` keep them in step with one article's rows; `fill` derives them from every stored row
(schema migration 5, a bulk load) with the SQL and the grouping an ingest uses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any

from claimgraph.models import Place, from_dict
from claimgraph.store.queries import Connection

if TYPE_CHECKING:
    from claimgraph.store.sqlite import Store

__all__ = ["TABLES", "add_article", "fill", "place_key", "rebuild", "remove_article"]

TABLES = ("claim_order", "actor_codes", "actor_names", "place_mentions", "place_counts", "place_texts")

# The claims and the codes they are listed under: the source's code ('by'), each code mentioned inside
# the claim but not inside its source ('about'); every prefix of every "+"-part of each, walked a character
# at a time (portable SQL: no string splitting functions are common to SQLite and PostgreSQL).
# `{claims}` narrows it to one article's claims.
_CLAIM_ORDER = """
WITH RECURSIVE coded (role, code, claim_key) AS (
    SELECT 'by', c.source_actor, c.key FROM claims AS c WHERE c.source_actor IS NOT NULL {claims}
    UNION
    SELECT 'about', a.code, c.key FROM claims AS c JOIN actors AS a ON a.article_id = c.article_id
        AND a.start_char >= c.start_char AND a.end_char <= c.end_char
        AND NOT (c.source_start IS NOT NULL AND a.start_char < c.source_end AND a.end_char > c.source_start)
    WHERE a.code IS NOT NULL {claims}
),
prefix (role, code, claim_key, pos, part) AS (
    SELECT role, code, claim_key, 0, CAST('' AS TEXT) FROM coded
    UNION ALL
    SELECT role, code, claim_key, pos + 1,
           CASE WHEN substr(code, pos + 1, 1) = '+' THEN '' ELSE part || substr(code, pos + 1, 1) END
    FROM prefix WHERE pos < length(code)
),
term (role, code, claim_key) AS (
    SELECT DISTINCT role, part, claim_key FROM prefix WHERE part != ''
    UNION ALL
    SELECT 'all', '', c.key FROM claims AS c WHERE 1 = 1 {claims}
)
INSERT INTO claim_order (role, code, published, article_id, start_char, seq, claim_key)
SELECT t.role, t.code, c.published, c.article_id, c.start_char, c.seq, c.key
FROM term AS t JOIN claims AS c ON c.key = t.claim_key
"""
_ONE_ARTICLE = "AND c.article_id = ?"


def fill(conn: Connection) -> None:
    """Derive every table from the stored rows; they must be empty."""
    conn.execute(_CLAIM_ORDER.format(claims=""))
    conn.execute("INSERT INTO actor_codes (code, mentions, articles)"
                 " SELECT code, count(*), count(DISTINCT article_id) FROM actors WHERE code IS NOT NULL GROUP BY code")
    conn.execute("INSERT INTO actor_names (code, text, mentions)"
                 " SELECT code, text, count(*) FROM actors WHERE code IS NOT NULL GROUP BY code, text")
    _fill_places(conn)


def _fill_places(conn: Connection, batch: int = 500) -> None:
    """The place tables from every place record, decoded and grouped in Python as `add_article` does, `batch`
    articles at a time."""
    ids = [aid for (aid,) in conn.execute("SELECT DISTINCT article_id FROM annotations WHERE type = 'place'")]
    for i in range(0, len(ids), batch):
        chunk = ids[i:i + batch]
        rows = conn.execute("SELECT article_id, seq, record FROM annotations WHERE type = 'place' AND article_id IN"
                            f" ({', '.join('?' * len(chunk))}) ORDER BY article_id, seq", chunk).fetchall()
        _count_places(conn, [m for aid, records in groupby(rows, key=lambda r: r[0])
                             for m in _place_mentions(aid, ((seq, from_dict(Place, json.loads(record)))
                                                            for _, seq, record in records))], +1)


def rebuild(store: Store) -> None:
    """Derive every table afresh, in one transaction: after rows were loaded around `Store.add` (a benchmark's
    bulk load), or to check that the kept rows are what deriving them gives."""
    with store._transaction() as conn:
        for table in TABLES:
            conn.execute(f"DELETE FROM {table}")
        fill(conn)


def add_article(conn: Connection, article_id: str, places: Sequence[Place]) -> None:
    """Add the just-stored article's claims to claim_order and its mentions to the counts; `places` are its
    place records as stored (annotations.seq is their index), so they are not read back and decoded."""
    conn.execute(_CLAIM_ORDER.format(claims=_ONE_ARTICLE), [article_id] * 3)
    _count_mentions(conn, article_id, +1)
    _count_places(conn, _place_mentions(article_id, enumerate(places)), +1)


def remove_article(conn: Connection, article_id: str) -> None:
    """Take the article's claims and mentions out again, before its rows are deleted."""
    conn.execute("DELETE FROM claim_order WHERE claim_key IN (SELECT key FROM claims WHERE article_id = ?)",
                 (article_id,))
    _count_mentions(conn, article_id, -1)
    _count_places(conn, [tuple(r) for r in conn.execute(
        "SELECT place_key, on_map, text, article_id, first_seq, mentions FROM place_mentions WHERE article_id = ?",
        (article_id,))], -1)


def _count_mentions(conn: Connection, article_id: str, sign: int) -> None:
    """Add (`sign` +1) or subtract (-1) the article's mentions in actor_codes and actor_names; a count
    that reaches 0 takes its row with it, so the tables hold what `fill` would derive."""
    names: list[tuple[Any, ...]] = [tuple(r) for r in conn.execute(
        "SELECT code, text, count(*) FROM actors WHERE article_id = ? AND code IS NOT NULL GROUP BY code, text",
        (article_id,))]
    codes: dict[str, int] = {}
    for code, _, n in names:
        codes[code] = codes.get(code, 0) + n
    conn.executemany(
        "INSERT INTO actor_codes (code, mentions, articles) VALUES (?, ?, ?) ON CONFLICT (code) DO UPDATE"
        " SET mentions = actor_codes.mentions + excluded.mentions, articles = actor_codes.articles + excluded.articles",
        [(code, sign * n, sign) for code, n in codes.items()])
    conn.executemany(
        "INSERT INTO actor_names (code, text, mentions) VALUES (?, ?, ?) ON CONFLICT (code, text) DO UPDATE"
        " SET mentions = actor_names.mentions + excluded.mentions",
        [(code, text, sign * n) for code, text, n in names])
    if sign < 0:
        conn.executemany("DELETE FROM actor_codes WHERE code = ? AND mentions <= 0", [(c,) for c in codes])
        conn.executemany("DELETE FROM actor_names WHERE code = ? AND text = ? AND mentions <= 0",
                         [(code, text) for code, text, _ in names])


def place_key(p: Place) -> str:
    """What the place list groups a mention under: what it resolved to, else its text (JSON, compared as text)."""
    lat, lon = (None if v is None else float(v) for v in (p.lat, p.lon))
    return json.dumps([p.iso, p.name, lat, lon] if p.name or p.iso else [None, p.text, None, None],
                      ensure_ascii=False)


def _place_mentions(article_id: str, places: Iterable[tuple[int, Place]]) -> list[tuple[Any, ...]]:
    """place_mentions rows of one article, from its place records (seq, Place) in seq order."""
    rows: dict[tuple[str, int, str], list[int]] = {}
    for seq, p in places:
        row = rows.setdefault((place_key(p), int(p.on_map), p.text), [seq, 0])
        row[1] += 1
    return [(key, on_map, text, article_id, first, n) for (key, on_map, text), (first, n) in rows.items()]


def _count_places(conn: Connection, mentions: list[tuple[Any, ...]], sign: int) -> None:
    """Add (`sign` +1) or take out (-1) place_mentions rows and their sums in place_counts and place_texts."""
    if sign > 0:
        conn.executemany("INSERT INTO place_mentions (place_key, on_map, text, article_id, first_seq, mentions)"
                         " VALUES (?, ?, ?, ?, ?, ?)", mentions)
    else:
        conn.executemany("DELETE FROM place_mentions WHERE article_id = ?", {(m[3],) for m in mentions})
    counts: dict[tuple[str, int], int] = {}
    texts: dict[tuple[str, int, str], int] = {}
    for key, on_map, text, _, _, n in mentions:
        counts[key, on_map] = counts.get((key, on_map), 0) + n
        texts[key, on_map, text] = texts.get((key, on_map, text), 0) + n
    conn.executemany(
        "INSERT INTO place_counts (place_key, on_map, mentions) VALUES (?, ?, ?) ON CONFLICT (place_key, on_map)"
        " DO UPDATE SET mentions = place_counts.mentions + excluded.mentions",
        [(*k, sign * n) for k, n in counts.items()])
    conn.executemany(
        "INSERT INTO place_texts (place_key, on_map, text, mentions) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (place_key, on_map, text) DO UPDATE SET mentions = place_texts.mentions + excluded.mentions",
        [(*k, sign * n) for k, n in texts.items()])
    if sign < 0:
        conn.executemany("DELETE FROM place_counts WHERE place_key = ? AND on_map = ? AND mentions <= 0", list(counts))
        conn.executemany("DELETE FROM place_texts WHERE place_key = ? AND on_map = ? AND text = ? AND mentions <= 0",
                         list(texts))
