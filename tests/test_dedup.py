"""Deduplication, versions and evidence in the store: exact and near copies linked to one original,
counted once; new text at a URL a new version; the same bytes again idempotent; old stores migrated.

Articles are real Wikinews text (CC BY 2.5) from tests/data/sources/; the store tests need no model.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

import claimgraph.store.postgres as store_postgres
import claimgraph.store.sqlite as store_sqlite
from claimgraph.ingest import read_inputs
from claimgraph.ingest.dedup import NEAR_THRESHOLD, fingerprint, normalise, similarity
from claimgraph.models import Article, Claim, ClaimKind, Extraction, Stance, TextSpan
from claimgraph.store import open_store

DATA = Path(__file__).resolve().parent / "data" / "sources"


def read(name: str) -> list[Article]:
    return [a for a in read_inputs([DATA / name]) if isinstance(a, Article)]


def with_claim(article: Article) -> Extraction:
    """The article with one claim: its first sentence, said by 'Analysts' (enough to count claims)."""
    end = article.text.index(".") + 1
    claim = Claim(id=f"{article.id}:0", article_id=article.id, start=0, end=end, kind=ClaimKind.INDIRECT,
                  stance=Stance.ASSERT, content=(TextSpan(0, end, article.text[:end]),))
    return Extraction(article=article, claims=(claim,))


@pytest.fixture
def page() -> Article:
    return read("wikinews_61327.html")[0]


@pytest.fixture
def wire() -> Article:
    return read("wire_copy_61327.html")[0]


# --- fingerprints ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("a", "b"),
    [("Stocks fell, analysts said.", "stocks  FELL — analysts said"), ("Ｄｏｗ fell", "Dow fell")],
    ids=["case-space-punctuation", "nfkc"],
)
def test_normalise_makes_trivial_differences_equal(a: str, b: str):
    assert normalise(a) == normalise(b)
    assert fingerprint(a).text_hash == fingerprint(b).text_hash


def test_wire_copy_is_similar_and_distinct_story_is_not(page: Article, wire: Article):
    other = read("wikinews_62405.html")[0]
    p, w, o = fingerprint(page.text), fingerprint(wire.text), fingerprint(other.text)
    assert p.signature and w.signature and o.signature
    assert similarity(p.signature, w.signature) >= NEAR_THRESHOLD
    assert similarity(p.signature, o.signature) < 0.2
    assert set(p.buckets) & set(w.buckets) and not set(p.buckets) & set(o.buckets)


def test_short_texts_have_no_minhash():
    fp = fingerprint("Two people are killed in an airstrike, officials said.")
    assert fp.signature is None and fp.buckets == ()


# --- the store, on each backend (the `db` fixture) ------------------------------------------------

def test_exact_copy_linked_and_counted_once(db: str, page: Article):
    copy = Article.from_text(page.text.upper() + "\n", outlet="Shouty Daily", url="https://shouty.example/a",
                             source_kind="html", raw_sha256="x" * 64, origin="shouty.html")
    with open_store(db) as s:
        assert s.add(with_claim(page)) and s.add(with_claim(copy))
        links = s.links(copy.id)
        assert (links.duplicate_of, links.duplicate_kind, links.similarity) == (page.id, "exact", 1.0)
        assert s.links(page.id).copies == 1
        rows = s.claims()
        assert [(r.article_id, r.copies) for r in rows] == [(page.id, 1)]
        assert len(s.claims(copies=True)) == 2 and len(s.claims(article_id=copy.id)) == 1
        st = s.stats()
        assert (st["articles"], st["independent_articles"], st["copies"]) == (2, 1, {"exact": 1})
        assert (st["claims"], st["claims_in_copies"]) == (1, 1)


def test_near_copy_found_across_ingests(db: str, page: Article, wire: Article):
    with open_store(db) as s:
        s.add(with_claim(page))
    with open_store(db) as s:  # a later run: the LSH index is in the store
        assert s.add(with_claim(wire))
        links = s.links(wire.id)
        assert links.duplicate_of == page.id and links.duplicate_kind == "near"
        assert NEAR_THRESHOLD <= links.similarity < 1.0
        assert [r.article_id for r in s.claims()] == [page.id]
        assert s.conn.execute("SELECT count(DISTINCT article_id) FROM lsh_buckets").fetchone()[0] == 2


def test_copy_of_a_copy_links_to_the_original(db: str, page: Article, wire: Article):
    again = Article.from_text(wire.text + "\nThis story was shared by Example Wire.", url="https://third.example/x")
    with open_store(db) as s:
        for a in (page, wire, again):
            s.add(with_claim(a))
        assert s.links(again.id).duplicate_of == page.id
        assert s.links(page.id).copies == 2


def test_dedup_off_stores_no_links_and_a_reopen_indexes_them(db: str, page: Article, wire: Article):
    with open_store(db) as s:
        s.add(with_claim(page), dedup=False)
        assert s.conn.execute("SELECT text_hash FROM articles").fetchone()[0] is None
    with open_store(db) as s:
        assert s.conn.execute("SELECT text_hash FROM articles").fetchone()[0] == fingerprint(page.text).text_hash
        s.add(with_claim(wire))
        assert s.links(wire.id).duplicate_of == page.id


def test_changed_text_at_a_url_is_a_new_version_not_a_copy(db: str):
    first, corrected, _ = read("wikinews.warc.gz")
    with open_store(db) as s:
        assert s.add(with_claim(first)) and s.add(with_claim(corrected))
        links = s.links(corrected.id)
        assert (links.previous_version, links.duplicate_of) == (first.id, None)
        assert s.article(first.id).text == first.text  # not overwritten
        assert {r.article_id for r in s.claims()} == {first.id, corrected.id}
        assert s.stats()["versions"] == 1


def test_same_url_in_jsonl_is_not_a_version(db: str, page: Article):
    """In articles JSONL `url` may be a citation (samples/ cites one page from several summaries)."""
    a = Article.from_text("Summary one, said officials.", url="https://x.example/", source_kind="jsonl")
    b = Article.from_text("Summary two, said officials.", url="https://x.example/", source_kind="jsonl")
    with open_store(db) as s:
        s.add(with_claim(a))
        s.add(with_claim(b))
        assert s.links(b.id).previous_version is None


def test_same_bytes_again_are_idempotent_and_new_snapshots_are_evidence(db: str, page: Article):
    from_warc = read("wikinews.warc.gz")[0]
    assert from_warc.id == page.id and from_warc.raw_sha256 == page.raw_sha256  # the very same page bytes
    rss_copy = replace(page, origin="elsewhere.html", raw_sha256="f" * 64)
    with open_store(db) as s:
        assert s.add(with_claim(page)) is True
        assert s.add(with_claim(page)) is False
        assert s.record_evidence(page) is False  # the same snapshot is noted once
        assert s.add(with_claim(from_warc)) is False
        assert s.record_evidence(rss_copy) is True
        evidence = s.evidence(page.id)
        assert [(e["origin"], e["raw_sha256"]) for e in evidence] == [
            (page.origin, page.raw_sha256), (from_warc.origin, page.raw_sha256), ("elsewhere.html", "f" * 64)]
        assert s.stats()["articles"] == 1
        stored = s.article(page.id)
        assert (stored.raw_sha256, stored.source_kind) == (page.raw_sha256, "html")


def test_version_1_store_migrates_and_keeps_its_articles(db: str, monkeypatch, page: Article, wire: Article):
    engine = store_postgres if db.startswith("postgresql://") else store_sqlite
    monkeypatch.setattr(engine, "MIGRATIONS", engine.MIGRATIONS[:1])
    monkeypatch.setattr(engine, "SCHEMA_VERSION", 1)
    old = replace(page, raw_sha256=None, source_kind=None)
    with open_store(db) as s:
        assert s.schema_version() == 1
        s.conn.execute(  # what claimgraph 1 wrote
            "INSERT INTO articles (id, url, outlet, title, language, origin, text, ingested_at)"
            " VALUES (?, ?, ?, ?, 'en', ?, ?, '2025-01-01T00:00:00+00:00')",
            (old.id, old.url, old.outlet, old.title, old.origin, old.text))
    monkeypatch.undo()
    with open_store(db) as s:
        assert s.schema_version() == engine.SCHEMA_VERSION >= 2
        assert s.article(page.id).text == page.text
        assert [e["origin"] for e in s.evidence(page.id)] == [page.origin]
        s.add(with_claim(wire))
        assert s.links(wire.id).duplicate_of == page.id  # the old article was fingerprinted on open
    if engine is store_sqlite:
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
