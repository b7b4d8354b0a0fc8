"""Read queries over the store's tables, kept apart from the connection so a PostgreSQL store can share them.

The SQL here sticks to what both engines run, except the FTS5 `MATCH` in the full-text parts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from claimgraph.errors import StoreError
from claimgraph.models import Claim, Stance

__all__ = ["ArticleHit", "ClaimQuery", "ClaimRow", "claims_sql", "fts_phrase", "fts_terms", "looks_like_code"]

_CODE = re.compile(r"[A-Z+]{3,9}")


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim with the article facts a listing shows beside it."""

    claim: Claim
    article_id: str
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None


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
    limit: int | None = None


def fts_phrase(text: str) -> str:
    """`text` as one FTS5 phrase: quotes doubled, so no punctuation can be read as query syntax."""
    return '"' + text.replace('"', '""') + '"'


def fts_terms(text: str) -> str:
    """Every word of `text` as its own phrase, all required (FTS5 implicit AND)."""
    return " ".join(fts_phrase(w) for w in text.split()) or '""'


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


def claims_sql(q: ClaimQuery) -> tuple[str, list[Any]]:
    """The SELECT behind `Store.claims`: columns `record, article_id, title, outlet, published, url`."""
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
        about.append("c.id IN (SELECT claim_id FROM claims_fts WHERE claims_fts MATCH ?)")
        params.append("content_text : " + fts_phrase(q.about_text))
    if about:
        where.append("(" + " OR ".join(about) + ")")

    if q.by:
        if looks_like_code(q.by):
            match, match_params = code_match("c.source_actor", [q.by])
            where.append(match)
            params += match_params
        else:
            where.append("(c.source_text LIKE ? ESCAPE '\\' OR c.source_resolved LIKE ? ESCAPE '\\')")
            params += ["%" + _like_escape(q.by) + "%"] * 2
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

    sql = (
        "SELECT c.record, ar.id, ar.title, ar.outlet, ar.published, ar.url"
        " FROM claims AS c JOIN articles AS ar ON ar.id = c.article_id"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY ar.published IS NULL, ar.published DESC, ar.id, c.start_char, c.seq"
    if q.limit is not None:
        sql += " LIMIT ?"
        params.append(q.limit)
    return sql, params
