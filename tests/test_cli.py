"""The `claimgraph` command, run in-process the way a user runs it (and once as a real subprocess)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimgraph import cli
from claimgraph.settings import SETTINGS
from conftest import ROOT, SEED_TEXT

WIKINEWS = ROOT / "samples" / "wikinews"
WCEP = ROOT / "samples" / "wcep-north-korea-russia-ukraine.jsonl"
# Every command the CLI registers, so a new one cannot skip its help or the README.
COMMANDS = tuple(c.name or c.callback.__name__ for c in cli.app.registered_commands if c.callback is not None)


def run(capsys, *args: str) -> tuple[int, str, str]:
    """Run `claimgraph ARGS` in-process; return (exit status, stdout, stderr)."""
    old = sys.argv
    sys.argv = ["claimgraph", *args]
    try:
        cli.main()
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    finally:
        sys.argv = old
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    # Wikipedia Current Events Portal, 2025-04-30 and 2026-02-06 (CC BY-SA 4.0)
    good = ["South Korean intelligence claims North Korean troops have suffered around 4,700 casualties.",
            "Amnesty International reports that North Koreans are being executed for watching Squid Game."]
    lines = [json.dumps({"doc": "ok-1", "text": good[0], "published": "2025-04-30"}),
             "{not json",
             json.dumps({"doc": "ok-2", "text": good[1]})]
    (tmp_path / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"empty": tmp_path / "empty.txt", "binary": tmp_path / "image.txt",
            "jsonl": tmp_path / "articles.jsonl", "missing": tmp_path / "nope.txt"}


def test_every_command_has_help_and_is_in_the_readme(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        code, out, _ = run(capsys, command, "--help")
        assert code == 0 and "Usage" in out, command
        assert f"claimgraph {command}" in readme or "claimgraph --db" in readme and f" {command}" in readme


def test_every_setting_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"CLAIMGRAPH_{setting.name.upper()}" in readme, setting.name


@pytest.mark.model
def test_ingest_is_idempotent_and_claims_are_searchable(capsys, db_path):
    code, out, err = run(capsys, "--db", str(db_path), "ingest", str(WIKINEWS))
    assert code == 0, err
    assert out.startswith("ingested 10 articles (")
    code, out, _ = run(capsys, "--db", str(db_path), "ingest", str(WIKINEWS))
    assert code == 0 and out.startswith("ingested 0 articles (0 claims)") and "10 already stored" in out

    code, out, _ = run(capsys, "--db", str(db_path), "claims", "--by", "Jobs", "--stance", "acknowledge", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows
    assert all(r["stance"] == "acknowledge" and "Jobs" in r["source"]["text"] for r in rows)
    assert any("a very small percentage of users" in r["content"][0]["text"] for r in rows)

    code, out, _ = run(capsys, "--db", str(db_path), "claims", "--about", "bankruptcy", "--until", "2009-12-31",
                       "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all("bankruptcy" in " ".join(f["text"] for f in r["content"]).lower() for r in rows)
    assert all(r["published"] <= "2009-12-31" for r in rows)

    code, out, _ = run(capsys, "--db", str(db_path), "stats", "--json")
    numbers = json.loads(out)
    assert numbers["articles"] == 10 and numbers["claims"] > 30


@pytest.mark.model
def test_article_view_marks_source_cue_and_content(capsys, db_path):
    apple = WIKINEWS / "17036-apple-to-give-free-cases-refunds-to-iphone-4-owners.md"
    run(capsys, "--db", str(db_path), "ingest", str(apple))
    _, out, _ = run(capsys, "--db", str(db_path), "claims", "--json", "--limit", "1")
    article_id = json.loads(out.splitlines()[0])["article_id"]
    code, out, _ = run(capsys, "--db", str(db_path), "article", article_id[:8], "--plain")
    assert code == 0
    assert "[Apple Inc.] <announced> Friday «that it will give owners of its new iPhone 4 a free case" in out
    assert "<According to> [company statistics]" in out


def test_unknown_stance_lists_the_valid_ones(capsys, db_path):
    code, _, err = run(capsys, "--db", str(db_path), "claims", "--stance", "lies")
    assert code == 2
    assert "--stance: unknown stance 'lies'" in err and "acknowledge" in err


def test_bad_date_names_the_flag(capsys, db_path):
    code, _, err = run(capsys, "--db", str(db_path), "claims", "--since", "last tuesday")
    assert code == 2 and "--since: bad date 'last tuesday'" in err and "YYYY-MM-DD" in err


@pytest.mark.model
def test_bad_inputs_are_reported_one_line_each_and_the_rest_is_ingested(capsys, db_path, bad_inputs):
    paths = [str(p) for p in bad_inputs.values()]
    code, out, err = run(capsys, "--db", str(db_path), "ingest", *paths)
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(lines) == 4, err
    expected = {bad_inputs["empty"]: "empty file", bad_inputs["binary"]: "binary file",
                f"{bad_inputs['jsonl']}:2": "not json", bad_inputs["missing"]: "no such file"}
    for where, what in expected.items():
        line = next((x for x in lines if f"{where}:" in x), "")
        assert what in line.lower() and "hint:" in line, (where, err)
    assert out.startswith("ingested 2 articles")
    con = sqlite3.connect(db_path)
    assert con.execute("select count(*) from articles").fetchone()[0] == 2


@pytest.mark.model
def test_extract_eval_format_on_the_founding_article(capsys, tmp_path, seed_text):
    src = tmp_path / "seed.jsonl"
    src.write_text(json.dumps({"doc": "kursk", "text": seed_text, "published": "2025-04-27"}) + "\n", encoding="utf-8")
    out_path = tmp_path / "pred.jsonl"
    code, _, err = run(capsys, "extract", str(src), "--format", "eval", "-o", str(out_path))
    assert code == 0, err
    (row,) = [json.loads(line) for line in out_path.read_text(encoding="utf-8").splitlines()]
    assert row["doc"] == "kursk"
    for claim in row["claims"]:
        for s, e in claim["content"] + claim["source"] + claim["cue"]:
            assert 0 <= s < e <= len(seed_text)
    kyiv = [c for c in row["claims"] if c["source"] and seed_text[slice(*c["source"][0])] == "Kyiv"]
    assert kyiv and kyiv[0]["source_actor"] == "UKRGOV" and kyiv[0]["stance"] == "dispute"


def test_unknown_format_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "extract", str(WCEP), "--format", "xml")
    assert code == 2 and "unknown format 'xml'" in err and "eval" in err


def _count(db: str, sql: str) -> int:
    """One number from the store at `db` (a SQLite file or a postgresql:// URL), without opening a Store."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            return conn.execute(sql).fetchone()[0]
    with sqlite3.connect(db, timeout=1) as con:
        n = con.execute(sql).fetchone()[0]
    con.close()
    return n


def _stored(db: str) -> int:
    try:
        return _count(db, "select count(*) from articles")
    except Exception:  # not created or not migrated yet
        return 0


@pytest.mark.model
@pytest.mark.slow
def test_killed_ingest_leaves_a_consistent_store_and_a_rerun_completes_it(db: str):
    exe = Path(sys.executable).with_name("claimgraph")
    env = {**os.environ, "CLAIMGRAPH_BATCH_SIZE": "1"}
    proc = subprocess.Popen([str(exe), "--db", db, "ingest", str(WCEP)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and _stored(db) < 5:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    total = sum(1 for line in WCEP.read_text(encoding="utf-8").splitlines() if line.strip())
    if not db.startswith("postgresql://"):
        assert _count(db, "pragma integrity_check") == "ok"
    after_kill = _stored(db)
    assert _count(db, "select count(*) from claims where article_id not in (select id from articles)") == 0
    assert 5 <= after_kill < total, "the ingest was not killed midway"
    done = subprocess.run([str(exe), "--db", db, "ingest", str(WCEP)], capture_output=True, text=True,
                          env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"ingested {total - after_kill} articles" in done.stdout and f"{after_kill} already stored" in done.stdout
    assert _stored(db) == total


@pytest.mark.model
@pytest.mark.slow
def test_two_ingests_at_once_store_each_article_once_and_lose_nothing(db: str):
    """Two `claimgraph ingest` processes over the same Wikinews articles into one store, at the same time."""
    exe = Path(sys.executable).with_name("claimgraph")
    env = {**os.environ, "CLAIMGRAPH_BATCH_SIZE": "1"}
    paths = sorted(str(p) for p in WIKINEWS.iterdir())
    procs = [subprocess.Popen([str(exe), "--db", db, "ingest", *order], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for order in (paths, paths[::-1])]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    # "ingested N articles (C claims) into DB; ..." from each: every article stored by exactly one of them
    counts = [(int(out.split()[1]), int(out.split()[3].strip("("))) for out, _ in outs]
    assert sum(n for n, _ in counts) == len(paths), outs
    assert _stored(db) == len(paths)
    assert _count(db, "select count(*) from claims") == sum(c for _, c in counts) > 0
    assert _count(db, "select count(*) from (select article_id from evidence group by article_id, raw_sha256,"
                      " origin having count(*) > 1) as twice") == 0


def test_seed_file_is_not_copied_into_the_project():
    names = {p.name for p in ROOT.rglob("*") if ".venv" not in p.parts and ".git" not in p.parts}
    assert SEED_TEXT.name not in names


@pytest.mark.model
@pytest.mark.slow
def test_readme_commands_run(capsys, tmp_path, monkeypatch):
    """Every `claimgraph` command shown under "Using it" in the README runs and exits 0."""
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    usage = readme[readme.index("## Using it"):readme.index("## Settings")]
    lines = [line[len("$ .venv/bin/claimgraph "):] for line in usage.splitlines()
             if line.startswith("$ .venv/bin/claimgraph ")]
    assert len(lines) >= 5
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("CLAIMGRAPH_DB", str(tmp_path / "readme.db"))
    for line in lines:
        args = [str(tmp_path / a) if a.endswith(".jsonl") and a.startswith("predictions") else a
                for a in shlex.split(line)]
        code, out, err = run(capsys, *args)
        assert code == 0, (line, err)


def test_usage_errors_are_one_message_not_a_traceback(capsys):
    code, _, err = run(capsys, "bogus")
    assert code == 2 and "No such command 'bogus'" in err and "Traceback" not in err


@pytest.mark.model
def test_claims_show_their_times_and_quantities(capsys, tmp_path, db_path):
    # Wikipedia Current Events Portal, 2025-04-30 (CC BY-SA 4.0)
    text = ("South Korean intelligence claims North Korean troops have suffered around 4,700 casualties, "
            "including about 600 fatalities among 15,000 soldiers.")
    src = tmp_path / "wcep.jsonl"
    src.write_text(json.dumps({"doc": "2025-04-30_002", "text": text, "published": "2025-04-30"}) + "\n",
                   encoding="utf-8")
    assert run(capsys, "--db", str(db_path), "ingest", str(src))[0] == 0
    code, out, _ = run(capsys, "--db", str(db_path), "claims", "--by", "intelligence", "--json")
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert row["report_time"] == "2025-04-30"
    found = {(q["value"], q["qualifier"], q["unit"]) for q in row["quantities"]}
    assert (4700, "~", "casualties") in found and (15000, "=", "soldiers") in found
    code, out, _ = run(capsys, "--db", str(db_path), "claims", "--by", "intelligence")
    assert "~4700" in out and "=15000" not in out and "15000" in out


def test_claims_filter_by_the_places_their_content_names(capsys, tmp_path, db_path):
    # Wikipedia Current Events Portal, 2025-01-11 and 2025-01-15 (CC BY-SA 4.0)
    lines = [{"doc": "2025-01-11_004", "published": "2025-01-11",
              "text": "Ukrainian President Volodymyr Zelenskyy announces that Ukraine has captured two North Korean "
                      "soldiers in healthy condition in Kursk Oblast, Russia."},
             {"doc": "2025-01-15_011", "published": "2025-01-15",
              "text": "Former Prime Minister Giorgi Gakharia says that the government of Georgia must release all "
                      "political prisoners."}]
    src = tmp_path / "wcep.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    assert run(capsys, "--db", str(db_path), "ingest", str(src))[0] == 0
    for wanted in ("RU-KRS", "RU", "Kursk Oblast"):
        code, out, _ = run(capsys, "--db", str(db_path), "claims", "--place", wanted, "--json")
        rows = [json.loads(line) for line in out.splitlines()]
        assert code == 0 and [r["source"]["text"] for r in rows] == ["Ukrainian President Volodymyr Zelenskyy"]
        assert "RU-KRS" in {p["iso"] for p in rows[0]["places"]}
    code, out, _ = run(capsys, "--db", str(db_path), "claims", "--place", "GE", "--json")
    assert [json.loads(line)["article_id"] for line in out.splitlines()] and "Gakharia" in out
    code, out, _ = run(capsys, "--db", str(db_path), "claims", "--place", "Kursk Oblast")
    assert "RU-KRS" in out


@pytest.mark.slow
@pytest.mark.model
def test_extract_in_two_processes_writes_what_one_writes(capsys, tmp_path):
    # Wikinews articles (CC BY 2.5), see samples/README.md
    inputs = [str(p) for p in sorted(WIKINEWS.glob("*.md"))[:3]]
    outputs = []
    for n in ("1", "2"):
        out = tmp_path / f"x{n}.jsonl"
        code, _, err = run(capsys, "--attribution", "rules", "--processes", n, "extract", *inputs, "-o", str(out))
        assert code == 0, err
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1] and outputs[0].count("\n") == 3


def test_actors_lists_the_registry_with_filters(capsys):
    code, out, _ = run(capsys, "actors", "Gerasimov", "--json")
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == [
        {"code": "RUSMIL", "kind": "person", "name": "Valery Gerasimov", "role": "Chief of the Russian General Staff",
         "since": "2012-11", "until": "", "aliases": ["Gerasimov", "Valery Gerasimov"]}]
    code, out, _ = run(capsys, "actors", "--kind", "organisation", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and {r["kind"] for r in rows} == {"organisation"}
    assert {"IGOWSTNAT", "USAMED", "PRKMED", "IGOUNOIAE"} <= {r["code"] for r in rows}
    code, out, _ = run(capsys, "actors", "NATO")
    assert code == 0 and "IGOWSTNAT" in out and "North Atlantic Treaty Organization" in out


def test_actors_unknown_kind_lists_the_valid_ones(capsys):
    code, _, err = run(capsys, "actors", "--kind", "city")
    assert code == 2 and "--kind: unknown kind 'city'" in err and "organisation, person" in err


def test_actors_option_adds_the_users_rows(capsys, tmp_path, monkeypatch):
    path = tmp_path / "mine.tsv"
    path.write_text("alias\tcode\tkind\tname\nZenda Guard\tCZEMIL\torganisation\tZenda Guard\n", encoding="utf-8")
    code, out, _ = run(capsys, "--actors", str(path), "actors", "Zenda", "--json")
    assert code == 0 and json.loads(out)["code"] == "CZEMIL"
    monkeypatch.setenv("CLAIMGRAPH_ACTORS", str(path))
    code, out, _ = run(capsys, "actors", "Zenda", "--json")
    assert code == 0 and json.loads(out)["name"] == "Zenda Guard"


@pytest.mark.parametrize(("text", "message"), [
    (None, "actors file not found"),
    ("alias\tcode\tkind\nZenda Guard\tZZZMIL\torganisation\n", ":2: bad actor code 'ZZZMIL'"),
    ("alias\tkind\nZenda Guard\torganisation\n", ":1: header has no column 'code'"),
])
def test_bad_actors_file_is_one_line_and_a_nonzero_exit(capsys, tmp_path, text, message):
    path = tmp_path / "mine.tsv"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "--actors", str(path), "stats")
    assert code == 2 and out == ""
    assert err.startswith(f"error: {path}") and message in err and "hint:" in err and len(err.splitlines()) == 1


@pytest.mark.model
def test_ingest_feed_warc_and_pages_links_copies_and_versions(capsys, db_path):
    sources = ROOT / "tests" / "data" / "sources"
    paths = [str(sources / n) for n in ("wikinews.rss", "wikinews.warc.gz", "wikinews_61327.html",
                                        "wire_copy_61327.html")]
    code, out, err = run(capsys, "--db", str(db_path), "ingest", *paths)
    assert code == 0, err
    assert out.startswith("ingested 7 articles (") and "; 1 already stored; 0 errors" in out
    assert out.rstrip().endswith("; 1 copies of stored articles; 1 new versions of stored pages")
    code, out, _ = run(capsys, "--db", str(db_path), "stats", "--json")
    numbers = json.loads(out)
    assert (numbers["articles"], numbers["independent_articles"], numbers["copies"]) == (7, 6, {"near": 1})
    assert numbers["claims_in_copies"] > 0
    code, out, _ = run(capsys, "--db", str(db_path), "claims", "--json", "--limit", "500")
    rows = [json.loads(line) for line in out.splitlines()]
    assert all(r["outlet"] != "Example Daily" for r in rows)  # the wire copy's claims are not listed twice
    assert any(r["copies"] == 1 for r in rows)
    # the same inputs again: nothing new, nothing duplicated
    code, out, _ = run(capsys, "--db", str(db_path), "ingest", *paths)
    assert code == 0 and out.startswith("ingested 0 articles (0 claims)") and "8 already stored" in out
