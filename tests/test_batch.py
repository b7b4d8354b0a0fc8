"""`claimgraph batch`: the same records as `claimgraph extract`, on a local Dask cluster of 2 workers.

The cluster tests share one batch run (module fixture) over four Wikinews articles (samples/wikinews,
CC BY 2.5, "Wikinews contributors"), in shards of two, with the rule-based attribution so the run
stays well under a minute on two shared cores.
"""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
import sys
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from claimgraph import cli
from claimgraph.batch import MANIFEST, TABLES, read_extractions
from claimgraph.batch.tables import extractions_from_tables, to_tables
from claimgraph.export.formats import jsonl_record
from claimgraph.models import (
    ActorRef,
    Article,
    Claim,
    ClaimKind,
    Event,
    Extraction,
    Place,
    Quantity,
    ReportedVia,
    Stance,
    TextSpan,
    TimeRef,
)
from conftest import ROOT
from test_cli import run

WIKINEWS = sorted((ROOT / "samples" / "wikinews").glob("*.md"))[:4]
TIME_COLUMNS = {"ingested_at", "seen_at"}  # when a row was written: differs between any two runs


def _by_article(records: list[dict]) -> dict[str, dict]:
    return {r["article"]["id"]: r for r in records}


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    """One `claimgraph batch --workers 2 --load DB` run over the articles and one empty file:
    (exit status, stdout, stderr, out dir, db)."""
    tmp = tmp_path_factory.mktemp("batch")
    out, db = tmp / "out", tmp / "batch.db"
    (tmp / "empty.txt").write_text("", encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()  # module scope has no capsys
    old = sys.argv
    sys.argv = ["claimgraph", "--attribution", "rules", "batch", *map(str, WIKINEWS), str(tmp / "empty.txt"),
                "--out", str(out),
                "--workers", "2", "--shard-size", "2", "--load", str(db)]
    code = 0
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            cli.main()
    except SystemExit as e:
        code = int(e.code or 0)
    finally:
        sys.argv = old
    return code, stdout.getvalue(), stderr.getvalue(), out, db


@pytest.mark.slow
@pytest.mark.model
def test_batch_records_equal_a_single_process_extract(batch_run, capsys, tmp_path):
    code, stdout, stderr, out, _ = batch_run
    assert stdout.startswith(f"wrote {len(WIKINEWS)} articles (") and "in 2 shards" in stdout
    assert stdout.rstrip().endswith("already stored")
    lines = tmp_path / "x.jsonl"
    code, _, err = run(capsys, "--attribution", "rules", "extract", *map(str, WIKINEWS), "-o", str(lines))
    assert code == 0, err
    single = _by_article([json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()])
    distributed = _by_article([jsonl_record(x) for x in read_extractions(out)])
    assert distributed.keys() == single.keys() and len(single) == len(WIKINEWS)
    for article_id, expected in single.items():
        for table in ("article", *(t for t in TABLES if t != "articles")):
            assert distributed[article_id][table] == expected[table], (article_id, table)
    assert sum(len(x["claims"]) for x in single.values()) > 10  # real claims were compared, not empty lists


@pytest.mark.slow
@pytest.mark.model
def test_batch_reports_a_bad_input_and_goes_on(batch_run):
    code, stdout, stderr, out, _ = batch_run
    assert code == 1 and "; 1 errors" in stdout
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "empty.txt" in errors[0] and "Traceback" not in stderr
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert [e["input"].endswith("empty.txt") for e in manifest["errors"]] == [True]


@pytest.mark.slow
@pytest.mark.model
def test_batch_parquet_reads_back_with_pyarrow(batch_run):
    out = batch_run[3]
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["attribution"] == "rules" and manifest["workers"] == 2 and len(manifest["errors"]) == 1
    assert [s["part"] for s in manifest["shards"]] == ["part-00000.parquet", "part-00001.parquet"]
    assert len({s["worker"] for s in manifest["shards"]}) >= 1
    for name in TABLES:
        table = pq.read_table(out / name)  # the folder is one Parquet dataset per record type
        assert table.num_rows == manifest["tables"][name]["rows"], name
        assert table.column_names == manifest["tables"][name]["columns"], name
    articles = pq.read_table(out / "articles").to_pylist()
    assert sorted(a["origin"] for a in articles) == sorted(str(p) for p in WIKINEWS)
    assert all(isinstance(a["published"], date) for a in articles)
    claims = pq.read_table(out / "claims", columns=["article_id", "seq", "content", "stance"]).to_pylist()
    assert claims and {c["article_id"] for c in claims} <= {a["id"] for a in articles}
    first = claims[0]
    text = next(a["text"] for a in articles if a["id"] == first["article_id"])
    assert all(text[f["start"]:f["end"]] == f["text"] for f in json.loads(first["content"]))


def _rows(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                                   " AND name NOT LIKE 'sqlite%' ORDER BY name")]
        found = {}
        for name in tables:
            columns = [c[1] for c in conn.execute(f"PRAGMA table_info({name})") if c[1] not in TIME_COLUMNS]
            found[name] = sorted(conn.execute(f"SELECT {', '.join(columns)} FROM {name}").fetchall(), key=repr)
        return found
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.model
def test_batch_load_equals_ingest(batch_run, capsys, tmp_path):
    _, stdout, _, _, db = batch_run
    assert f"loaded {len(WIKINEWS)} articles (" in stdout
    ingested = tmp_path / "ingest.db"
    code, _, err = run(capsys, "--attribution", "rules", "--db", str(ingested), "ingest", *map(str, WIKINEWS))
    assert code == 0, err
    loaded, expected = _rows(db), _rows(ingested)
    assert loaded.keys() == expected.keys()
    for table in expected:
        assert loaded[table] == expected[table], table
    assert len(expected["claims"]) > 10 and len(expected["articles"]) == len(WIKINEWS)


def test_tables_round_trip_every_field():
    """Records built by hand (no model): nested spans, enums, dates, None and tuples come back equal."""
    text = "Russia's defence ministry said on Monday that 300 troops left Kursk."
    a = Article.from_text(text, url="https://example.org/a", outlet="Example", published=date(2025, 4, 28),
                          origin="a.txt", source_kind="text")
    aid = a.id
    claim = Claim(id="c1", article_id=aid, start=0, end=len(text), kind=ClaimKind.INDIRECT, stance=Stance.ASSERT,
                  content=(TextSpan(46, 68, text[46:68]),), source=TextSpan(0, 25, text[0:25]),
                  source_actor="RUSMIL", cue=TextSpan(26, 30, "said"), cue_lemma="say", hedges=("reportedly",),
                  reported_via=(ReportedVia(source=TextSpan(0, 6, "Russia"), cue=None),), report_time="2025-04-28",
                  extractor="x", version="1")
    x = Extraction(
        article=a, claims=(claim,),
        actors=(ActorRef(aid, 0, 6, "Russia", "RUS", "country"), ActorRef(aid, 9, 25, text[9:25], None, "other")),
        times=(TimeRef(aid, 34, 40, "Monday", "DATE", "2025-04-28"),),
        places=(Place(aid, 62, 67, "Kursk", iso="RU-KRS", lat=51.7, lon=36.2, geonameid=538560),),
        quantities=(Quantity(aid, 46, 56, "300 troops", 300.0, unit="troops"),),
        events=(Event(aid, 57, 61, "left", None, actor=("RUSMIL",), quantities=(0,), negated=True),))
    empty = Extraction(article=Article.from_text("Nothing here."))
    back = extractions_from_tables(to_tables([x, empty]))
    assert back == [x, empty]


def test_batch_refuses_an_output_folder_with_other_files(capsys, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "batch", str(WIKINEWS[0]), "--out", str(tmp_path))
    assert code == 2 and "holds other files (notes.txt)" in err and (tmp_path / "notes.txt").exists()


def test_batch_workers_flag_is_for_a_local_cluster(capsys, tmp_path):
    code, _, err = run(capsys, "batch", str(WIKINEWS[0]), "--out", str(tmp_path / "o"), "--scheduler",
                       "tcp://127.0.0.1:8786", "--workers", "4")
    assert code == 2 and "--workers sizes a local cluster only" in err


def test_batch_names_a_missing_model_before_starting_a_cluster(capsys, tmp_path):
    code, _, err = run(capsys, "--model", "en_core_web_xx", "batch", str(WIKINEWS[0]), "--out", str(tmp_path / "o"))
    assert code == 2 and "cannot load spaCy pipeline 'en_core_web_xx'" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_shard_that_fails_as_a_batch_loses_only_the_bad_article(monkeypatch):
    """No model: spaCy's batch fails, so each article is extracted alone and only the bad one is reported."""
    import claimgraph.extract
    import claimgraph.nlp
    from claimgraph.batch.worker import ExtractOptions, extract_shard

    class FakeNlp:
        meta = {"lang": "en", "name": "fake", "version": "0"}

    good, bad = Article.from_text("Officials said it rained.", origin="a.txt"), Article.from_text("x", origin="b.txt")

    def one(article, nlp, attribution, actors, device="cpu"):
        if article is bad:
            raise ValueError("cannot parse")
        return Extraction(article=article)

    def many(articles, nlp, **options):
        raise ValueError("batch failed")
        yield

    monkeypatch.setattr(claimgraph.nlp, "load_model", lambda name: FakeNlp())
    monkeypatch.setattr(claimgraph.extract, "extract_article", one)
    monkeypatch.setattr(claimgraph.extract, "extract_articles", many)
    output = extract_shard(3, [good, bad], ExtractOptions(attribution="rules"))
    assert output.index == 3 and output.articles == 1 and output.model == "en_fake 0"
    assert output.errors == [("b.txt", "extraction failed (ValueError: cannot parse)")]
    assert extractions_from_tables(output.tables) == [Extraction(article=good)]
