"""The read path on both backends: the same real articles stored in SQLite and in PostgreSQL read back
the same through every function of `claimgraph.api.reads` (and the story pages), `claimgraph export`
writes the same files from either, and the read-only PostgreSQL connection refuses writes.

Real text: the Wikipedia Current Events Portal summaries naming North Korea in samples/ (CC BY-SA 4.0,
"Wikipedia contributors, Portal:Current events") and the Wikinews articles there (CC BY 2.5).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from claimgraph.api import reads, stories
from claimgraph.api.reads import ClaimFilters, ReadOnlyPostgresStore, ReadOnlyStore
from claimgraph.errors import StoreError
from claimgraph.store import open_store
from conftest import ROOT
from test_cli import run

pytestmark = [pytest.mark.postgres, pytest.mark.model]  # a PostgreSQL server; stores built by extraction

WCEP = ROOT / "samples" / "wcep-north-korea-russia-ukraine.jsonl"
WIKINEWS = ROOT / "samples" / "wikinews"


@pytest.fixture(scope="module")
def extractions(nlp) -> list[Any]:
    from claimgraph.extract import extract_articles
    from claimgraph.ingest import read_inputs

    lines = [json.loads(line) for line in WCEP.read_text(encoding="utf-8").splitlines() if line.strip()]
    korea = [r for r in lines if "North Korea" in r["text"]][:30]
    wanted = {r["doc"] for r in korea}
    articles = [a for a in read_inputs([str(WCEP), str(WIKINEWS)])
                if not isinstance(a, Exception) and (a.doc in wanted or a.source_kind != "jsonl")]
    assert len(articles) == len(korea) + 10, [a.doc for a in articles]
    return list(extract_articles(articles, nlp))


def _fill(db: str, extractions: list[Any]) -> str:
    from claimgraph.store.stories import StoryIndex

    with open_store(db) as store:
        index = StoryIndex(store)
        for x in extractions:
            assert store.add(x, stories=index)
    return db


@pytest.fixture(scope="module")
def both(tmp_path_factory, postgres_server: str, extractions) -> dict[str, str]:
    """The two stores, filled from the same extractions in the same order."""
    import psycopg

    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute("CREATE DATABASE reads_both")
    return {"sqlite": _fill(str(tmp_path_factory.mktemp("reads") / "reads.db"), extractions),
            "postgres": _fill(f"{postgres_server}/reads_both", extractions)}


def _on_both(both: dict[str, str], read) -> tuple[Any, Any]:
    out = []
    for db in (both["sqlite"], both["postgres"]):
        with ReadOnlyStore(db) as store:
            out.append(read(store))
    return out[0], out[1]


def _some(both: dict[str, str], sql: str, n: int = 6) -> list[str]:
    with ReadOnlyStore(both["sqlite"]) as store:
        return [r[0] for r in store.conn.execute(sql).fetchall()][:n]


def test_the_postgresql_store_opens_read_only(both):
    with ReadOnlyStore(both["postgres"]) as store:
        assert isinstance(store, ReadOnlyPostgresStore) and store.dialect.name == "postgresql"
    with ReadOnlyStore(both["sqlite"]) as store:
        assert type(store) is ReadOnlyStore and store.dialect.name == "sqlite"


@pytest.mark.parametrize("sql", ["DELETE FROM articles", "UPDATE claims SET stance = 'deny'",
                                 "CREATE TABLE extra (x TEXT)", "INSERT INTO story_merges VALUES ('a', 'b', 1)"])
def test_the_read_only_postgresql_connection_refuses_a_write(both, sql):
    import psycopg

    with ReadOnlyStore(both["postgres"]) as store:
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            store.conn.execute(sql)
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 40


def test_the_read_session_keeps_the_urls_own_options(both):
    url = both["postgres"] + "?options=-c%20statement_timeout%3D12345"
    with ReadOnlyStore(url) as store:
        shown = [store.conn.execute(f"SHOW {name}").fetchone()[0]
                 for name in ("default_transaction_read_only", "jit", "statement_timeout")]
    assert shown == ["on", "off", "12345ms"]


@pytest.mark.parametrize("filters", [
    ClaimFilters(),
    ClaimFilters(about="PRK"),
    ClaimFilters(about="North Korean troops"),
    ClaimFilters(about="North Korea"),
    ClaimFilters(about="GM"),
    ClaimFilters(by="USAGOV"),
    ClaimFilters(by="Obama"),
    ClaimFilters(by="president"),  # ASCII case folded on both engines
    ClaimFilters(stance="assert", since=date(2025, 6, 1)),
    ClaimFilters(until=date(2025, 4, 30)),
    ClaimFilters(place="KP"),
    ClaimFilters(place="RU"),
    ClaimFilters(place="North Korea"),
    ClaimFilters(copies=True),
], ids=lambda f: ",".join(f"{k}={v}" for k, v in f.echo().items()) or "none")
@pytest.mark.parametrize(("limit", "offset"), [(200, 0), (5, 3)])
def test_claims_list_is_the_same_on_both(both, filters, limit, offset):
    sqlite, postgres = _on_both(both, lambda s: reads.claims_list(s, filters, limit, offset))
    assert sqlite == postgres
    if filters == ClaimFilters() and offset == 0:
        assert len(sqlite["claims"]) > 40


def test_claim_rows_without_a_limit_page_on_both(both):
    every, rest = _on_both(both, lambda s: (reads.claim_rows(s, ClaimFilters(), None),
                                            reads.claim_rows(s, ClaimFilters(), None, offset=7)))
    assert every == rest and every[0][7:] == every[1]


def test_an_article_page_is_the_same_on_both(both):
    for aid in _some(both, "SELECT id FROM articles ORDER BY id", 40):
        sqlite, postgres = _on_both(both, lambda s, aid=aid: reads.article_page(s, aid[:8]))
        for row in sqlite["evidence"] + postgres["evidence"]:
            row.pop("seen_at")  # when each store was filled
        assert sqlite == postgres, aid


def test_articles_list_is_the_same_on_both(both):
    for offset in (0, 10, 35):
        sqlite, postgres = _on_both(both, lambda s, o=offset: reads.articles_list(s, 10, o))
        assert sqlite == postgres


@pytest.mark.parametrize("q", [None, "rus", "korea", "PRK", "obama", "100%"])
def test_actors_list_is_the_same_on_both(both, q):
    sqlite, postgres = _on_both(both, lambda s: reads.actors_list(s, q, 20, 0))
    assert sqlite == postgres
    if q in (None, "rus", "korea"):
        assert sqlite["actors"]


def test_an_actor_page_is_the_same_on_both(both):
    codes = _some(both, "SELECT code FROM actors WHERE code IS NOT NULL GROUP BY code ORDER BY count(*) DESC, code")
    codes += _some(both, "SELECT source_actor FROM claims WHERE source_actor IS NOT NULL GROUP BY 1 ORDER BY 1")
    for code in dict.fromkeys(codes):
        sqlite, postgres = _on_both(both, lambda s, code=code: reads.actor_page(s, code, 50))
        assert sqlite == postgres, code
        assert sqlite["claimed"] or sqlite["claimed_about"] or sqlite["mentions"]
    with pytest.raises(reads.NotFound):
        _on_both(both, lambda s: reads.actor_page(s, "ZZZ", 50))


@pytest.mark.parametrize("on_map", [False, True])
def test_places_list_is_the_same_on_both(both, on_map):
    sqlite, postgres = _on_both(both, lambda s: reads.places_list(s, 50, 0, on_map))
    assert sqlite == postgres and sqlite["places"]


@pytest.mark.parametrize("q", ["North Korea", "troops", "Kursk Oblast", "Jobs", "missile launch", "  "])
def test_search_finds_the_same_on_both(both, q):
    """The claims are the same; the article hits are the same articles, each engine ranking them and
    cutting their snippets its own way (FTS5 bm25 and snippet(), ts_rank and ts_headline)."""
    sqlite, postgres = _on_both(both, lambda s: reads.search(s, q, 50))
    assert sqlite["claims"] == postgres["claims"]
    strip = [{k: v for k, v in hit.items() if k != "snippet"} for hit in sqlite["articles"]]
    assert sorted(strip, key=str) == sorted(({k: v for k, v in hit.items() if k != "snippet"}
                                             for hit in postgres["articles"]), key=str)
    for hit in sqlite["articles"] + postgres["articles"]:
        assert "[" in hit["snippet"] and "]" in hit["snippet"]
    if q.strip():
        assert sqlite["articles"]


def test_stats_are_the_same_on_both(both):
    sqlite, postgres = _on_both(both, reads.stats)
    assert sqlite.pop("size_bytes") > 0 and postgres.pop("size_bytes") > 0
    assert sqlite == postgres and sqlite["articles"] == 40


def test_story_pages_are_the_same_on_both(both):
    source = stories.StoredStories()
    sqlite, postgres = _on_both(both, lambda s: stories.stories_list(source, s, 50, 0))
    assert sqlite == postgres and sqlite["stories"]
    for story in sqlite["stories"]:
        sqlite, postgres = _on_both(both, lambda s, sid=story["id"]: stories.story_timeline(source, s, sid))
        assert sqlite == postgres and sqlite["articles"]


@pytest.mark.parametrize(("format", "filters"), [("jsonl", []), ("jsonl", ["--about", "North Korea"]),
                                                 ("csv", ["--by", "USAGOV"]), ("plover", [])])
def test_export_writes_the_same_file_from_both(capsys, both, tmp_path: Path, format, filters):
    files = []
    for name, db in both.items():
        out = tmp_path / f"{name}.{format}"
        code, _, err = run(capsys, "--db", db, "export", "--format", format, "-o", str(out), *filters)
        assert code == 0, err
        files.append(out.read_bytes())
    assert files[0] == files[1]
    if format == "jsonl" and not filters:
        assert len(files[0].splitlines()) > 40


def test_the_api_serves_a_postgresql_store(both):
    pytest.importorskip("fastapi", reason="the API needs the web extra: pip install 'claimgraph[web]'")
    from fastapi.testclient import TestClient

    from claimgraph.api import create_app

    got = []
    for db in (both["sqlite"], both["postgres"]):
        client = TestClient(create_app(db))
        pages = [client.get(path) for path in ("/api/claims?about=PRK", "/api/actors/USAGOV", "/", "/export/csv")]
        assert [p.status_code for p in pages] == [200] * 4
        got.append([pages[0].json(), pages[1].json(), pages[3].content])
    assert got[0] == got[1]


def test_serving_an_empty_postgresql_database_names_it_and_creates_nothing(postgres_url):
    import psycopg

    with pytest.raises(StoreError, match="no claimgraph store in this database") as info:
        reads.check_store(postgres_url)
    assert "ingest" in str(info.value)
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone()[0] == 0


def test_check_store_migrates_an_older_postgresql_store(postgres_url, monkeypatch):
    import claimgraph.store.postgres as store_postgres

    with monkeypatch.context() as m:  # a store written by the claimgraph before the last migration
        m.setattr(store_postgres, "MIGRATIONS", store_postgres.MIGRATIONS[:-1])
        open_store(postgres_url).close()
    with pytest.raises(StoreError, match="schema version"):
        ReadOnlyStore(postgres_url)
    reads.check_store(postgres_url)
    with ReadOnlyStore(postgres_url) as store:
        assert store.schema_version() == store_postgres.SCHEMA_VERSION
