"""Claim listings (`claims_sql`) against a plain Python reading of their filters, on both backends.

The store is synthetic, built by hand so that every filter has something to tell apart: joint actor codes
("UKRGOV+WST"), mentions inside a claim, inside its source and outside it, articles dated the same day
and undated ones, copies of an article, and pages cut anywhere. Each query's rows, in order, must be what
filtering and sorting every claim in Python gives.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest

from claimgraph.models import ActorRef, Article, Claim, ClaimKind, Extraction, Place, Stance, TextSpan
from claimgraph.store import Store, open_store
from claimgraph.store.queries import ClaimQuery, claims_sql, looks_like_code

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa "
         "quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split()
CODES = ("RUS", "RUSGOV", "RUSMIL", "UKR", "UKRGOV", "UKRGOV+WST", "USAGOV+GBRGOV", "GBR", "WST", "PRKMIL", "",
         None)
DATES = (date(2024, 1, 1), date(2024, 1, 1), date(2023, 6, 30), date(2022, 2, 24), None)
# (iso, name, lat, lon, metonym_of, mention): places on the map and off it (metonyms, modifiers), resolved to a
# point, to a code alone or not at all, and two Georgias
PLACES = (("UA", "Ukraine", 49.0, 32.0, None, "name"), ("UA", "Ukraine", 49.0, 32.0, "UKRGOV", "name"),
          ("UA", "Ukraine", 49.0, 32.0, None, "modifier"), ("RU-KRS", "Kursk Oblast", 51.7, 36.2, None, "name"),
          ("KP", None, None, None, None, "name"), ("GB", None, None, None, None, "modifier"),
          (None, None, None, None, None, "name"), ("US-GA", "Georgia", 32.7, -83.4, None, "name"),
          ("GE", "Georgia", 42.0, 43.5, None, "name"))


def synthetic(n: int = 40, seed: int = 9) -> list[Extraction]:
    """`n` articles of 60 words (the first names the article), with claims, sources and mentions at random."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        words = [f"article{i}"] + [rnd.choice(WORDS) for _ in range(59)]
        text = " ".join(words)
        starts = [sum(len(w) + 1 for w in words[:k]) for k in range(len(words) + 1)]
        a = Article.from_text(text, title=f"synthetic {i}", published=rnd.choice(DATES))

        def span(k: int, m: int, starts: list[int] = starts, text: str = text) -> TextSpan:
            return TextSpan(starts[k], starts[m] - 1, text[starts[k]:starts[m] - 1])

        claims, actors = [], []
        for c in range(rnd.randint(0 if i % 5 else 1, 4)):
            first = 1 + 14 * c
            source = span(first, first + 2) if rnd.random() < 0.7 else None
            claims.append(_claim(a, span(first + 3, first + 3 + rnd.randint(3, 10)), source, rnd))
        for _ in range(rnd.randint(0, 12)):
            k = rnd.randrange(1, 59)
            s = span(k, k + 1)
            actors.append(ActorRef(a.id, s.start, s.end, s.text, rnd.choice(CODES), "group", extractor="test",
                                   version="1"))
        actors.sort(key=lambda r: r.start)
        places = []
        for k in sorted(rnd.sample(range(1, 59), rnd.randint(0, 5))):
            iso, name, lat, lon, metonym, mention = rnd.choice(PLACES)
            s = span(k, k + 1)
            places.append(Place(a.id, s.start, s.end, s.text, iso=iso, lat=lat, lon=lon, metonym_of=metonym, name=name,
                                feature="country" if iso else None, country=iso[:2] if iso else None,
                                mention=mention, extractor="test", version="1"))
        out.append(Extraction(article=a, claims=tuple(claims), actors=tuple(actors), places=tuple(places)))
    return out


def _claim(a: Article, content: TextSpan, source: TextSpan | None, rnd: random.Random) -> Claim:
    start = source.start if source else content.start
    return Claim(id=f"{a.id}:{start}", article_id=a.id, start=start, end=content.end, kind=ClaimKind.INDIRECT,
                 stance=rnd.choice([Stance.ASSERT, Stance.DENY]), content=(content,), source=source,
                 source_resolved=rnd.choice([None, "The Kilo Ministry"]) if source else None,
                 source_actor=rnd.choice(CODES) or None if source else None, extractor="test", version="1")


def fill(store: Store, extractions: list[Extraction], copies: int = 3) -> None:
    """Store the articles, then mark the last `copies` as copies of the first (as dedup would)."""
    for x in extractions:
        assert store.add(x, dedup=False)
    with store._transaction() as conn:
        for x in extractions[-copies:]:
            conn.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (extractions[0].article.id, x.article.id))


# --- the reference: every claim, filtered and sorted in Python ------------------------------------------

@dataclass(frozen=True)
class Row:
    claim: Claim
    published: date | None
    copy: bool
    actors: tuple[ActorRef, ...]


def _starts(code: str | None, parts: list[str]) -> bool:
    return bool(code) and any(p.startswith(q) for p in code.split("+") for q in parts)  # type: ignore[union-attr]


def _about(row: Row, q: ClaimQuery) -> bool:
    c = row.claim
    parts = sorted({p for code in q.about_codes for p in code.upper().split("+") if p})
    for m in row.actors:
        inside = m.start >= c.start and m.end <= c.end
        in_source = c.source is not None and m.start < c.source.end and m.end > c.source.start
        if inside and not in_source and _starts(m.code, parts):
            return True
    return q.about_text is not None and q.about_text.lower() in c.content_text.lower().split()


def expected(rows: list[Row], q: ClaimQuery) -> list[str]:
    """Claim ids, in listing order, as `Store.claims` documents its filters."""
    keep = []
    for row in rows:
        c = row.claim
        if (q.about_codes or q.about_text is not None) and not _about(row, q):
            continue
        if q.by and looks_like_code(q.by) and not _starts(c.source_actor, q.by.split("+")):
            continue
        if q.by and not looks_like_code(q.by) and not any(
                q.by.lower() in (s or "").lower() for s in (c.source.text if c.source else None, c.source_resolved)):
            continue
        if q.stance and c.stance.value != q.stance:
            continue
        if (q.since or q.until) and row.published is None:
            continue
        if (q.since and row.published < q.since) or (q.until and row.published > q.until):  # type: ignore[operator]
            continue
        if q.article_id and c.article_id != q.article_id:
            continue
        if row.copy and not (q.copies or q.article_id):
            continue
        keep.append(row)
    keep.sort(key=lambda r: (r.published is None, -(r.published or date.min).toordinal(), r.claim.article_id,
                             r.claim.start))
    ids = [r.claim.id for r in keep][q.offset:]
    return ids if q.limit is None else ids[:q.limit]


def reference_rows(extractions: list[Extraction], copies: int = 3) -> list[Row]:
    copied = {x.article.id for x in extractions[-copies:]}
    return [Row(c, x.article.published, x.article.id in copied, x.actors) for x in extractions for c in x.claims]


def listed(store: Store, q: ClaimQuery) -> list[str]:
    import json

    return [json.loads(record)["id"] for record, *_ in store.conn.execute(*claims_sql(q, store.dialect))]


def queries(n: int, seed: int = 3) -> list[ClaimQuery]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        about: Any = rnd.choice([(), (), (), ("RUS",), ("R",), ("UKRGOV",), ("XXX+GBR",), ("RUSMIL+UKR",), ("WS",)])
        text = rnd.choice([None, None, None, None, "delta", "zulu", "nothing"])
        by = rnd.choice([None, None, None, None, "RUS", "UKRGOV+WST", "GBR+USA", "WST", "kilo", "ministry"])
        since, until = rnd.choice([(None, None), (None, None), (date(2023, 1, 1), None), (None, date(2023, 6, 30)),
                                   (date(2022, 2, 24), date(2023, 6, 30))])
        limit, offset = rnd.choice([(None, 0), (50, 0), (5, 0), (3, 4), (None, 7), (2, 1)])
        out.append(ClaimQuery(about_codes=about, about_text=text, by=by, stance=rnd.choice([None, None, None, "deny"]),
                              since=since, until=until, limit=limit, offset=offset, copies=rnd.random() < 0.3))
    return out


def test_synthetic_store_has_what_the_filters_need():
    rows = reference_rows(synthetic())
    assert len(rows) > 40
    assert {r.published for r in rows} >= {None, date(2024, 1, 1)}
    assert any(r.claim.source_actor and "+" in r.claim.source_actor for r in rows)
    assert any(r.copy for r in rows)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def listing(request, tmp_path_factory) -> Iterator[tuple[Store, list[Row]]]:
    """The synthetic store on each backend, and its reference rows."""
    if request.param == "postgres":
        import psycopg

        server = request.getfixturevalue("postgres_server")
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE query_claims")
        db = f"{server}/query_claims"
    else:
        db = str(tmp_path_factory.mktemp("query_claims") / "claims.db")
    extractions = synthetic()
    with open_store(db) as store:
        fill(store, extractions)
        yield store, reference_rows(extractions)


@pytest.mark.parametrize("q", queries(120), ids=lambda q: None)
def test_claim_listing_is_every_claim_filtered_and_sorted(listing, q: ClaimQuery):
    store, rows = listing
    assert listed(store, q) == expected(rows, q)


def test_one_articles_claims_under_every_filter(listing):
    store, rows = listing
    for x in synthetic()[:8]:
        for q in queries(20, seed=11):
            q = replace(q, article_id=x.article.id)
            assert listed(store, q) == expected(rows, q), q


def test_a_nul_in_searched_text_finds_nothing_instead_of_failing():
    with open_store(":memory:") as store:
        fill(store, synthetic(5), copies=0)
        assert listed(store, ClaimQuery(about_text="del\x00ta")) == listed(store, ClaimQuery(about_text="delta"))
        assert store.search_articles("\x00") == []


@pytest.mark.parametrize("plan", ["sort", "walk", "probe"])
def test_every_plan_for_full_text_matches_lists_the_same(listing, plan: str):
    """Many full-text matches are walked in listing order instead of sorted (SQLite picks by their count,
    `planned`): the hint that picks each plan, forced here, must not change a single row."""
    from claimgraph.store.queries import PROBE_FROM, WALK_FROM

    store, rows = listing
    hint = {"sort": 0, "walk": WALK_FROM, "probe": PROBE_FROM}[plan]
    text_queries = [q for q in queries(300, seed=5) if q.about_text is not None]
    assert sum(1 for q in text_queries if q.limit is not None and not (q.by or q.stance or q.since or q.until)) > 10
    for q in text_queries:
        assert listed(store, replace(q, text_matches=hint)) == expected(rows, q), q


def test_the_store_counts_full_text_matches_to_plan_a_listing(listing):
    from claimgraph.store.queries import planned

    store, rows = listing
    q = planned(ClaimQuery(about_text="delta", limit=5), store.dialect, store.conn)
    holding = sum(1 for r in rows if "delta" in r.claim.content_text.split())
    assert q.text_matches == (holding if store.dialect.name == "sqlite" else None)
    assert planned(ClaimQuery(about_text="delta"), store.dialect, store.conn).text_matches is None  # no page: no walk


def test_a_listing_by_a_source_s_claims_lists_the_same(listing):
    """A full-text search by a source's code may be listed from the source's claims, each tested for the
    text and the `about` codes (`walk_by`, which `planned` sets): forced on every query with a source's
    code, it must list what the reference does."""
    store, rows = listing
    by_code = [q for q in queries(300, seed=5) if q.by and looks_like_code(q.by)
               and (q.about_text is not None or q.about_codes)]
    assert sum(1 for q in by_code if q.about_text is not None) > 10
    for q in by_code:
        assert listed(store, replace(q, walk_by=True)) == expected(rows, q), q


def test_the_store_walks_a_source_s_claims_when_it_has_fewer_than_the_text_has_matches(listing):
    from claimgraph.store.queries import planned

    store, rows = listing
    if store.dialect.name == "postgresql":
        store.conn.execute("ANALYZE claims_fts")  # PostgreSQL estimates the matches from the statistics
    by_wst = sum(1 for r in rows if _starts(r.claim.source_actor, ["WST"]))
    holding = sum(1 for r in rows if "delta" in r.claim.content_text.split())
    assert 0 < by_wst < holding
    assert planned(ClaimQuery(about_text="delta", by="WST", limit=5), store.dialect, store.conn).walk_by is True
    assert planned(ClaimQuery(about_text="nothing", by="WST", limit=5), store.dialect, store.conn).walk_by is False
    assert planned(ClaimQuery(about_text="delta", by="WST"), store.dialect, store.conn).walk_by is False  # no page


def test_every_listing_as_the_store_plans_it_is_the_reference(listing):
    """`Store.query_claims` plans each listing first (`planned`: a walk by the number of full-text matches
    on SQLite, a source's claims); whatever it picks, the rows are the reference's."""
    from claimgraph.store.queries import planned

    store, rows = listing
    if store.dialect.name == "postgresql":
        store.conn.execute("ANALYZE claims_fts")  # PostgreSQL estimates the matches from the statistics
    qs = [q for q in queries(300, seed=5) if q.about_text is not None or q.by]
    by_source = 0
    for q in qs:
        assert [r.claim.id for r in store.query_claims(q)] == expected(rows, q), q
        by_source += planned(q, store.dialect, store.conn).walk_by
    assert by_source > 5
