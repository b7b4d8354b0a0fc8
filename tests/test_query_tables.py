"""The tables derived from the stored records (claimgraph.store.derived, migration 0005): written with each
article, they hold what deriving them from every stored row gives, after ingesting, re-ingesting, deleting
and a failed ingest; a version-4 store is upgraded in place and answers as a store written at version 5.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

import claimgraph.store.postgres as store_postgres
import claimgraph.store.sqlite as store_sqlite
from claimgraph.api import reads
from claimgraph.api.reads import ClaimFilters
from claimgraph.errors import StoreError
from claimgraph.models import Article, Extraction
from claimgraph.store import Store, derived, open_store
from test_query_claims import synthetic
from test_store import EXTRACTIONS

DERIVED = derived.TABLES


def extractions() -> list[Extraction]:
    """The hand-built Wikinews articles of test_store and 12 synthetic ones (joint codes, undated articles)."""
    return [build() for build in EXTRACTIONS.values()] + synthetic(12, seed=5)


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """The derived tables' rows, sorted, with each claim named by its id rather than its key."""
    return {
        "claim_order": sorted(tuple(r) for r in store.conn.execute(
            "SELECT o.role, o.code, o.published, o.article_id, o.start_char, o.seq, c.id FROM claim_order AS o"
            " LEFT JOIN claims AS c ON c.key = o.claim_key")),
        **{table: sorted(tuple(r) for r in store.conn.execute(f"SELECT * FROM {table}")) for table in DERIVED[1:]},
    }


def derived_afresh(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """What `derived.fill` makes of the stored rows (a migration's fill), left in place of the tables."""
    derived.rebuild(store)
    return snapshot(store)


def test_derived_tables_follow_ingests_and_deletes(db: str):
    xs = extractions()
    with open_store(db) as store:
        for x in xs:
            assert store.add(x)
        written = snapshot(store)
        assert {r[0] for r in written["claim_order"]} == {"all", "by", "about"}
        assert written == derived_afresh(store)
        for x in xs[1::3]:
            assert store.delete_article(x.article.id)
        assert snapshot(store) == derived_afresh(store)
        for x in xs[1::3]:  # extracted again: back as before
            assert store.add(x)
        assert snapshot(store) == written
        assert store.conn.execute("SELECT count(*) FROM claim_order WHERE role = 'all'").fetchone()[0] == \
            store.conn.execute("SELECT count(DISTINCT key) FROM claims").fetchone()[0] == sum(len(x.claims) for x in xs)


def test_a_joint_code_is_listed_under_every_prefix_of_its_parts(db: str):
    apple = EXTRACTIONS["apple"]()
    with open_store(db) as store:
        store.add(apple)
        register = next(c for c in apple.claims if c.source_actor == "GBRMED")
        about = {code for (code,) in store.conn.execute(
            "SELECT o.code FROM claim_order AS o JOIN claims AS c ON c.key = o.claim_key"
            " WHERE c.id = ? AND o.role = 'about'", (register.id,))}
    # "the record labels" (USABUS+GBRBUS) and "UK" (GBR) inside the claim, not "The Register" (its source)
    assert about == {"U", "US", "USA", "USAB", "USABU", "USABUS", "G", "GB", "GBR", "GBRB", "GBRBU", "GBRBUS"}


def test_reingesting_an_article_changes_no_count(db: str):
    xs = extractions()
    with open_store(db) as store:
        for x in xs:
            store.add(x)
        before = snapshot(store)
        assert not any(store.add(x) for x in xs)
        assert snapshot(store) == before


def test_a_failed_ingest_leaves_the_derived_tables_as_they_were(db: str, monkeypatch):
    xs = extractions()
    with open_store(db) as store:
        for x in xs[:-1]:
            store.add(x)
        before = snapshot(store)

        def fail(*args: Any) -> None:  # after the article's rows and derived rows are written
            raise RuntimeError("disk full")

        monkeypatch.setattr(Store, "_link_version", fail)
        with pytest.raises(RuntimeError, match="disk full"):
            store.add(xs[-1])
        monkeypatch.undo()
        assert not store.has_article(xs[-1].article.id)
        assert snapshot(store) == before
        stray = EXTRACTIONS["gm"]().claims[0]  # a claim id that is stored already: refused whole
        other = Article.from_text(xs[-1].article.text + " (Updated.)")
        with pytest.raises(StoreError, match="unique"):
            store.add(Extraction(article=other, claims=(replace(stray, article_id=other.id),)))
        assert snapshot(store) == before
        assert store.add(xs[-1])
        assert snapshot(store) == derived_afresh(store)


def test_actor_counts_are_what_counting_every_mention_gives(db: str):
    with open_store(db) as store:
        for x in extractions():
            store.add(x)
        for q in (None, "usa", "GB", "ministry", "kilo", "%", "gov"):
            got = reads.actors_list(store, q, 50, 0)["actors"]
            assert [(a["code"], a["mentions"], a["articles"]) for a in got] == _counted(store, q)
        for code in ("USABUS", "UKRGOV+WST", "RUS", "IGOEUREEC"):
            page = reads.actor_page(store, code, 10)
            assert page["mentions"] == store.conn.execute("SELECT count(*) FROM actors WHERE code = ?",
                                                          (code,)).fetchone()[0]
            assert page["names"] == [t for (t,) in store.conn.execute(
                "SELECT text FROM actors WHERE code = ? GROUP BY text ORDER BY count(*) DESC, text LIMIT 5", (code,))]


def _counted(store: Store, q: str | None) -> list[tuple[str, int, int]]:
    """actors_list's rows by counting every mention, as it did before the counts were kept."""
    where, params = "WHERE code IS NOT NULL AND code != ''", []
    if q:
        op = store.dialect.ilike
        where += f" AND (code {op} ? ESCAPE '\\' OR text {op} ? ESCAPE '\\')"
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params = [pattern, pattern]
    return [tuple(r) for r in store.conn.execute(
        f"SELECT code, count(*), count(DISTINCT article_id) FROM actors {where} GROUP BY code"
        " ORDER BY count(*) DESC, code LIMIT 50", params)]


# --- upgrading a version-4 store ------------------------------------------------------------------

GENERATED = {"fts", "content_fts", "rowid"}  # PostgreSQL's generated columns


def _second_store(request, db: str, tmp_path) -> str:
    """Another empty store on the same backend as `db`."""
    if not db.startswith("postgresql://"):
        return str(tmp_path / "reference.db")
    import psycopg

    server, name = db.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}_reference")
    return f"{server}/{name}_reference"


def _copy_rows(source: Store, target: Store) -> None:
    """The stored records of `source` into `target` as claimgraph 4 wrote them: no claim keys, nothing derived."""
    with target._transaction() as conn:
        for table in ("articles", "claims", "actors", "annotations", "evidence"):
            cur = conn.execute(f"SELECT * FROM {table} LIMIT 0")
            columns = [d[0] for d in cur.description if d[0] not in GENERATED]
            rows = [tuple(r) for r in source.conn.execute(f"SELECT {', '.join(columns)} FROM {table}")]
            conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                             rows)


def _answers(store: Store) -> list[Any]:
    filters = [ClaimFilters(), ClaimFilters(about="USA"), ClaimFilters(about="GBR"),
               ClaimFilters(about="record labels"), ClaimFilters(by="USAGOV"), ClaimFilters(by="UKRGOV+WST"),
               ClaimFilters(by="paulson"), ClaimFilters(about="RUS", by="UKR"), ClaimFilters(stance="deny")]
    out: list[Any] = [reads.claims_list(store, f, 4, offset) for f in filters for offset in (0, 3)]
    out += [reads.actors_list(store, q, 10, 0) for q in (None, "us", "kilo")]
    out += [reads.actor_page(store, code, 10) for code in ("USABUS", "GBR", "RUSMIL")]
    out.append(reads.search(store, "record labels", 10)["claims"])
    return out


def test_a_version_4_store_upgrades_in_place_and_answers_the_same(db: str, request, tmp_path, monkeypatch):
    xs = extractions()
    with open_store(_second_store(request, db, tmp_path)) as reference:
        for x in xs:
            reference.add(x)
        engine = store_postgres if db.startswith("postgresql://") else store_sqlite
        with monkeypatch.context() as m:  # the store as claimgraph 4 left it
            m.setattr(engine, "MIGRATIONS", engine.MIGRATIONS[:4])
            m.setattr(engine, "SCHEMA_VERSION", 4)
            with open_store(db) as old:
                assert old.schema_version() == 4
                _copy_rows(reference, old)
        with open_store(db) as upgraded:
            assert upgraded.schema_version() == engine.SCHEMA_VERSION
            assert snapshot(upgraded) == snapshot(reference)
            assert _answers(upgraded) == _answers(reference)
            # the full-text rows were keyed anew (SQLite), or moved to their own table (PostgreSQL, migration 6)
            same = ("f.rowid = c.key AND f.claim_id = c.id" if upgraded.dialect.name == "sqlite" else
                    "f.key = c.key AND f.article_id = c.article_id"
                    " AND f.content_fts = to_tsvector('simple', c.content_text)")
            assert upgraded.conn.execute(f"SELECT count(*) FROM claims AS c JOIN claims_fts AS f ON {same}"
                                         ).fetchone()[0] == sum(len(x.claims) for x in xs)
            upgraded.delete_article(xs[0].article.id)  # written on after the upgrade: keys go on from the last
            reference.delete_article(xs[0].article.id)
            assert upgraded.add(xs[0]) and reference.add(xs[0])
            assert snapshot(upgraded) == snapshot(reference)
            assert _answers(upgraded) == _answers(reference)


# --- the place list -----------------------------------------------------------------------------------

def _places_by_reading_every_record(store: Store, limit: int, offset: int, on_map: bool) -> dict[str, Any]:
    """places_list as it was before the counts were kept: every place record read and grouped in Python."""
    from collections import Counter

    from claimgraph.models import Place, from_dict

    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    mentions: Counter[tuple[Any, ...]] = Counter()
    for (record,) in store.conn.execute("SELECT record FROM annotations WHERE type = 'place' ORDER BY article_id, seq"):
        p = from_dict(Place, json.loads(record))
        if on_map and not p.on_map:
            continue
        key = (p.iso, p.name, p.lat, p.lon) if p.name or p.iso else (None, p.text, None, None)
        mentions[key] += 1
        g = groups.setdefault(key, {"name": p.name or p.text, "iso": p.iso, "feature": p.feature, "lat": p.lat,
                                    "lon": p.lon, "country": p.country, "on_map": False, "articles": set(),
                                    "texts": Counter()})
        g["on_map"] = g["on_map"] or p.on_map
        g["articles"].add(p.article_id)
        g["texts"][p.text] += 1
    ordered = sorted(groups, key=lambda k: (-mentions[k], str(k[1])))
    page = ordered[offset:offset + limit + 1]
    return {"limit": limit, "offset": offset, "next_offset": offset + limit if len(page) > limit else None,
            "total": len(ordered),
            "places": [{**{k: v for k, v in groups[key].items() if k not in ("articles", "texts")},
                        "mentions": mentions[key], "articles": sorted(groups[key]["articles"])[:20],
                        "texts": [t for t, _ in groups[key]["texts"].most_common(3)]} for key in page[:limit]]}


@pytest.mark.parametrize("on_map", [False, True])
def test_place_list_is_what_reading_every_record_gives(db: str, on_map: bool):
    xs = synthetic(60, seed=21)
    with open_store(db) as store:
        for x in xs:
            store.add(x)
        for x in xs[::4]:  # deleted and extracted again, and some gone for good
            store.delete_article(x.article.id)
        for x in xs[::8]:
            store.add(x)
        pages = [(50, 0), (3, 0), (2, 3), (1, 5), (4, 7)]
        got = [reads.places_list(store, limit, offset, on_map) for limit, offset in pages]
        assert got == [_places_by_reading_every_record(store, limit, offset, on_map) for limit, offset in pages]
    every = got[0]["places"]
    assert len(every) > (3 if on_map else 5) and sum(p["name"] == "Georgia" for p in every) == 2
    if not on_map:
        assert len({p["mentions"] for p in every}) < len(every)  # ties, ordered by name, then as first met
