"""Query latency (p50, p95) of claim search, story timelines and actor pages at a million claims, on SQLite
and on PostgreSQL, through the read functions the API serves them with (claimgraph.api.reads, .stories).

    python bench/bench_queries.py [--claims 1000000] [--queries 200] [--budget 60] [--json FILE]
                                  [--postgres URL | --no-postgres] [--keep DIR]

How the store is synthesised. Real articles are extracted once with `--attribution rules` (fast): the
120 English Wikinews articles of ../shared/corpus/wikinews_timeline_semeval2015 (CC BY 2.5, "Wikinews
contributors") and the 228 Wikipedia Current Events Portal summaries of samples/ (CC BY-SA 4.0,
"Wikipedia contributors, Portal:Current events"), and stored through `Store.add` with story linking,
as `claimgraph ingest` stores them. The articles holding a claim (196, 620 claims) are then copied,
with every row they own (claims, actor mentions, times, places, quantities, events), until the store
holds `--claims` claims (1613 copies for a million): each copy gets new article and claim ids, its
publication date moved back by up to 20 years, its story id suffixed by the copy number (a story keeps
the articles the linker gave it; 184,000 stories at a million claims), and its actor codes rotated:
the country part of every code, in the columns and in the JSON records, is mapped to another
country's, one of 16 mappings per copy (420 distinct sources, 493 mentioned codes at a million
claims). Article texts and claim contents are the real ones, so every content phrase occurs in 1613
claims or more: more matches per phrase than a real store of that size would give, which makes
full-text search harder here, not easier. Copies are written in bulk with the secondary indexes
dropped first and built after: one transaction of executemany on SQLite, COPY in one transaction on
PostgreSQL, followed by VACUUM ANALYZE as autovacuum would; the two builds run side by side. The tables
derived from those rows (claim_order, the actor counts: claimgraph.store.derived) are then filled as a
schema migration fills them.

What is timed, on an open read-only store (`ReadOnlyStore`; the API opens one per request, timed on
its own line), each over `--queries` varied arguments after 5 warm-up ones, stopping a kind after
`--budget` seconds (the table says how many ran): claim search `claims_list(about=PHRASE)` (a word or
two of a real claim's content, stop words left out; the API's 50 rows), the same with `by=ACTOR` (a
code that made such a claim), the search page `search(q)` (articles and claims), a story page
`story_timeline(id)` and an actor page `actor_page(code)` (half the codes met, half as often as
mentioned). PostgreSQL runs on a throwaway server from the postgresql binaries (pg_ctl, initdb on PATH
or Debian's /usr/lib/postgresql/*/bin; fsync off, shared_buffers 512MB), or in the empty database
`--postgres URL` names; without either it is skipped with one line. `--keep DIR` keeps both stores
and reuses them while the claim count, the migrations and this script are unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import multiprocessing
import os
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from claimgraph.store.postgres import server_bindir

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = ROOT.parent / "shared" / "corpus" / "wikinews_timeline_semeval2015" / "articles.jsonl"
WCEP = ROOT / "samples" / "wcep-north-korea-russia-ukraine.jsonl"
TABLES = ("articles", "claims", "actors", "annotations")
VARIANTS = 16  # actor-code mappings the copies cycle through
MAX_SHIFT_DAYS = 7300  # copies are dated up to 20 years before their original
TARGET_MS = 50.0  # the target for p95
WARMUP = 5


# --- the real articles -------------------------------------------------------------------------------

def real_articles() -> list[Any]:
    from claimgraph.models import Article

    articles = []
    if WIKINEWS.is_file():
        for line in WIKINEWS.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            articles.append(Article.from_text(r["text"], title=r["title"], url=r["url"], outlet="Wikinews",
                                              published=date.fromisoformat(r["date"]), doc=r["doc_id"]))
    else:
        print(f"note: {WIKINEWS} not found; the store is built from samples/ alone", file=sys.stderr)
    for line in WCEP.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        articles.append(Article.from_text(r["text"], title=r["title"], url=r["url"], outlet=r["outlet"],
                                          published=date.fromisoformat(r["published"]), doc=r["doc"]))
    return articles


def build_base(path: Path) -> None:
    """Extract the real articles (rules attribution) into a store at `path`, linking stories."""
    from claimgraph.extract import extract_articles
    from claimgraph.nlp import load_model
    from claimgraph.store import open_store
    from claimgraph.store.stories import StoryIndex

    with open_store(path) as store:
        index = StoryIndex(store)
        for x in extract_articles(real_articles(), load_model(), attribution="rules"):
            store.add(x, stories=index)


# --- copies of them ----------------------------------------------------------------------------------

class Base:
    """The claim-bearing articles of the base store with their rows, and the actor-code mappings."""

    def __init__(self, path: Path) -> None:
        conn = sqlite3.connect(path)
        keep = "article_id IN (SELECT article_id FROM claims)"
        self.columns: dict[str, list[str]] = {}
        self.rows: dict[str, list[tuple[Any, ...]]] = {}
        for table in TABLES:
            where = "id IN (SELECT article_id FROM claims)" if table == "articles" else keep
            order = "published, id" if table == "articles" else "article_id, seq"
            cur = conn.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY {order}")
            self.columns[table] = [d[0] for d in cur.description]
            self.rows[table] = cur.fetchall()
        conn.close()
        for table in ("actors", "annotations"):  # copied_rows relies on this layout
            assert self.columns[table][0] == "article_id" and self.columns[table][-1] == "record", table
        codes = {c for (c,) in ((r[self.columns["actors"].index("code")],) for r in self.rows["actors"]) if c}
        codes |= {r[self.columns["claims"].index("source_actor")] for r in self.rows["claims"]} - {None}
        self.prefixes = sorted({p[:3] for code in codes for p in code.split("+") if len(p) >= 3})
        # per article: its rows in each table, once per variant (codes mapped, ids to be replaced per copy)
        self.articles = [self._article(i) for i in range(len(self.rows["articles"]))]

    def claims(self) -> int:
        return len(self.rows["claims"])

    def _mapping(self, variant: int) -> dict[str, str]:
        n = len(self.prefixes)
        return {p: self.prefixes[(i + variant * 7) % n] for i, p in enumerate(self.prefixes)} if variant else {}

    def _article(self, i: int) -> dict[str, Any]:
        article = self.rows["articles"][i]
        aid = article[0]
        own = {t: [r for r in self.rows[t] if r[self.columns[t].index("article_id")] == aid] for t in TABLES[1:]}
        variants = []
        for v in range(VARIANTS):
            mapping = self._mapping(v)
            variants.append({t: [_mapped(t, self.columns[t], r, mapping) for r in own[t]] for t in TABLES[1:]})
        return {"row": article, "variants": variants}


def _code(code: str | None, mapping: dict[str, str]) -> str | None:
    if not code or not mapping:
        return code
    return "+".join(mapping.get(p[:3], p[:3]) + p[3:] for p in code.split("+"))


def _map_record(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if k in ("source_actor", "code") and isinstance(v, str):
                out[k] = _code(v, mapping)
            elif k in ("actor", "recipient") and isinstance(v, list):
                out[k] = [_code(c, mapping) for c in v]
            else:
                out[k] = _map_record(v, mapping)
        return out
    if isinstance(value, list):
        return [_map_record(v, mapping) for v in value]
    return value


def _mapped(table: str, columns: list[str], row: tuple[Any, ...], mapping: dict[str, str]) -> tuple[Any, ...]:
    if not mapping:
        return row
    out = list(row)
    for name in ("source_actor", "code"):
        if name in columns:
            out[columns.index(name)] = _code(out[columns.index(name)], mapping)
    i = columns.index("record")
    out[i] = json.dumps(_map_record(json.loads(out[i]), mapping), ensure_ascii=False)
    return tuple(out)


def copies_needed(base: Base, claims: int) -> int:
    return -(-claims // base.claims())


def copied_rows(base: Base, claims: int) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """(table, rows) chunks of the synthetic store, one copy of the base articles at a time, stopping at
    `claims` claims (the last copy is cut at an article)."""
    cols = base.columns
    a_id, a_pub, a_hash, a_story, a_seq = (cols["articles"].index(c) for c in
                                           ("id", "published", "text_hash", "story_id", "link_seq"))
    c_id, c_aid, c_rec, c_key, c_pub = (cols["claims"].index(c) for c in
                                        ("id", "article_id", "record", "key", "published"))
    written = 0
    link_seq = key = 0
    for k in range(copies_needed(base, claims)):
        shift = timedelta(days=(k * 7919) % MAX_SHIFT_DAYS)
        out: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
        for article in base.articles:
            if written >= claims:
                break
            row = list(article["row"])
            old = row[a_id]
            new = f"{k:05x}{old[5:]}"
            link_seq += 1
            row[a_id] = new
            row[a_hash] = new  # no fingerprint pass on open; copies are not duplicates of each other
            if row[a_pub]:
                row[a_pub] = (date.fromisoformat(row[a_pub]) - shift).isoformat()
            if row[a_story]:
                row[a_story] = f"{row[a_story]}.{k}"
            row[a_seq] = link_seq
            out["articles"].append(tuple(row))
            rows = article["variants"][k % VARIANTS]
            for r in rows["claims"]:
                claim = list(r)
                cid = claim[c_id]
                claim[c_id] = f"{k:05x}{cid[5:]}"
                claim[c_aid] = new
                claim[c_rec] = claim[c_rec].replace(cid, claim[c_id]).replace(old, new)
                key += 1
                claim[c_key] = key
                claim[c_pub] = row[a_pub] or ""
                out["claims"].append(tuple(claim))
            written += len(rows["claims"])
            for table in ("actors", "annotations"):
                out[table] += [(new, *r[1:-1], r[-1].replace(old, new)) for r in rows[table]]
        for table in TABLES:
            if out[table]:
                yield table, out[table]
        if written >= claims:
            return


# --- SQLite ----------------------------------------------------------------------------------------------

def build_sqlite(path: Path, base: Base, claims: int) -> float:
    from claimgraph.store import derived, open_store

    t0 = time.perf_counter()
    open_store(path).close()  # the schema, migrated as any store is
    conn = sqlite3.connect(path, isolation_level=None)
    # no journal while loading (a failed build is thrown away), back to WAL after, as the store keeps it
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "locking_mode = EXCLUSIVE", "cache_size = -500000",
                   "temp_store = MEMORY"):
        conn.execute(f"PRAGMA {pragma}")
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                           f" AND tbl_name IN ({', '.join('?' * len(TABLES))})", TABLES).fetchall()
    conn.execute("BEGIN")
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    for table, rows in copied_rows(base, claims):
        marks = ", ".join("?" * len(base.columns[table]))
        conn.executemany(f"INSERT INTO {table} ({', '.join(base.columns[table])}) VALUES ({marks})", rows)
    for _, sql in indexes:
        conn.execute(sql)
    derived.fill(conn)  # claim_order and the actor counts, from the rows just loaded, as a migration fills them
    conn.execute("COMMIT")
    conn.execute("PRAGMA locking_mode = NORMAL")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    return time.perf_counter() - t0


# --- PostgreSQL --------------------------------------------------------------------------------------

@contextmanager
def throwaway_postgres(data: Path) -> Iterator[str]:
    """`postgresql://claimgraph@127.0.0.1:PORT/bench` on a server whose data directory is `data` (initdb'd
    there unless it exists), stopped on exit. fsync is off, and with wal_level=minimal a COPY into a
    table truncated in its transaction writes no WAL: a throwaway store, built fast."""
    bindir = server_bindir()
    assert bindir is not None
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        import pwd

        names = {u.pw_name for u in pwd.getpwall()}
        user = pwd.getpwnam(next(n for n in ("postgres", "nobody") if n in names))
        for path in (data.parent, data) if data.exists() else (data.parent,):
            os.chown(path, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", user.pw_name, "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def run(*args: str) -> None:
        done = subprocess.run([*as_user, *args], capture_output=True, text=True, timeout=300)
        if done.returncode:
            raise SystemExit(f"{Path(args[0]).name} failed: {(done.stderr or done.stdout).strip()}")

    fresh = not data.exists()
    if fresh:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "claimgraph", "--auth=trust", "--no-locale", "-E",
            "UTF8", "--no-sync")
    settings = ("-F -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c maintenance_work_mem=512MB"
                " -c max_wal_size=8GB -c wal_level=minimal -c max_wal_senders=0 -c synchronous_commit=off")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(data.parent / "server.log"), "-w", "-t", "120", "start",
        "-o", f"-p {port} -k {data.parent} {settings}")
    try:
        import psycopg

        if fresh:
            with psycopg.connect(f"postgresql://claimgraph@127.0.0.1:{port}/postgres", autocommit=True) as conn:
                conn.execute("CREATE DATABASE bench")
        yield f"postgresql://claimgraph@127.0.0.1:{port}/bench"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True, timeout=120)


def _refuse_filled(url: str) -> None:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone()
        if row and row[0]:
            raise SystemExit(f"the database at {url} is not empty; give --postgres an empty database")


def build_postgres(url: str, base_path: Path, claims: int) -> float:
    """Fill the empty database at `url`; run in a process of its own, beside the SQLite build."""
    import psycopg

    from claimgraph.store import derived, open_store

    t0 = time.perf_counter()
    base = Base(base_path)
    _refuse_filled(url)
    open_store(url).close()
    with psycopg.connect(url, autocommit=True) as conn:
        names = [*TABLES, "claims_fts"]  # claims_fts: filled by a trigger on claims (migration 6)
        indexes = conn.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes AS i WHERE i.schemaname = current_schema()"
            " AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c"
            " WHERE c.conname = i.indexname)", (names,)).fetchall()
        foreign = conn.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint AS c"
            " WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)", (names,)).fetchall()
        with conn.transaction():
            for table, name, _ in foreign:
                conn.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
            for name, _ in indexes:
                conn.execute(f"DROP INDEX {name}")
            conn.execute(f"TRUNCATE {', '.join(TABLES)} CASCADE")  # in this transaction: the COPY skips WAL
            with conn.cursor() as cur:
                for table, rows in copied_rows(base, claims):
                    with cur.copy(f"COPY {table} ({', '.join(base.columns[table])}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
        for _, sql in indexes:
            conn.execute(sql)
        for table, name, definition in foreign:
            conn.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
        with open_store(url) as store:
            derived.rebuild(store)  # claim_order and the counts, from the rows just loaded
        conn.execute("VACUUM ANALYZE")  # what autovacuum does soon after a load: statistics, visibility map
    return time.perf_counter() - t0


# --- the queries --------------------------------------------------------------------------------------

_STOP = frozenset("""about after again also among and another are around because been before being both but
could did does during each else even from further had has have her here his how into its just last later least
less made many more most much must near next not now off once only other our out over own said same say says
she should since some still such than that the their them then there these they this those though through too
under until upon very was were what when where whether which while who whom whose why will with within without
would year years yet you your""".split())
_WORD = re.compile(r"[A-Za-z]{3,}")


def _phrases(text: str) -> list[str]:
    """Search words a reader might type: a word of 4+ letters, or two adjacent ones, none a stop word."""
    tokens = text.split()
    ok = [bool(_WORD.fullmatch(w)) and w.lower() not in _STOP for w in tokens]
    single = [w for w, good in zip(tokens, ok, strict=True) if good and len(w) >= 4]
    pairs = [f"{tokens[i]} {tokens[i + 1]}" for i in range(len(tokens) - 1) if ok[i] and ok[i + 1]]
    return single + pairs


def query_sets(base: Base, n: int, claims: int, seed: int = 7) -> dict[str, list[Any]]:
    """`n` varied arguments for each timed query, drawn from the base rows (and the copies they make)."""
    rnd = random.Random(seed)
    copies = copies_needed(base, claims)
    cols = base.columns
    content = cols["claims"].index("content_text")
    source = cols["claims"].index("source_actor")
    phrases = [(p, row) for row in base.rows["claims"] for p in _phrases(row[content])]
    by = [(p, row) for p, row in phrases if row[source]]
    sources = []
    for _ in range(n):
        phrase, row = rnd.choice(by)
        sources.append((phrase, _code(row[source], base._mapping(rnd.randrange(VARIANTS)))))
    stories = sorted({r[cols["articles"].index("story_id")] for r in base.rows["articles"]} - {None})
    code = cols["actors"].index("code")
    codes = sorted({c for a in base.articles for v in a["variants"]
                    for c in [r[code] for r in v["actors"]] + [r[source] for r in v["claims"]] if c})
    mentions = [r[code] for r in base.rows["actors"] if r[code]]
    actors = [rnd.choice(codes) if i % 2 else _code(rnd.choice(mentions), base._mapping(rnd.randrange(VARIANTS)))
              for i in range(n)]  # half any code met, half as often as it is mentioned
    return {
        "claim search": [rnd.choice(phrases)[0] for _ in range(n)],
        "claim search by actor": sources,
        "search page": [rnd.choice(phrases)[0] for _ in range(n)],
        "story timeline": [f"{rnd.choice(stories)}.{rnd.randrange(max(1, copies - 1))}" for _ in range(n)],
        "actor page": actors,
    }


def timed_queries(db: str, sets: dict[str, list[Any]], budget_s: float) -> list[dict[str, Any]]:
    """p50/p95 of each kind of query on one open read-only store; a kind stops early after `budget_s`."""
    from claimgraph.api import reads
    from claimgraph.api.reads import ClaimFilters, ReadOnlyStore
    from claimgraph.api.stories import StoredStories, story_timeline

    stories = StoredStories()
    calls: dict[str, Callable[[Any, Any], Any]] = {
        "claim search": lambda s, q: reads.claims_list(s, ClaimFilters(about=q), 50, 0),
        "claim search by actor": lambda s, q: reads.claims_list(s, ClaimFilters(about=q[0], by=q[1]), 50, 0),
        "search page": lambda s, q: reads.search(s, q, 20),
        "story timeline": lambda s, q: story_timeline(stories, s, q),
        "actor page": lambda s, q: reads.actor_page(s, q, 50),
    }
    opens = []
    for _ in range(50):
        t0 = time.perf_counter()
        ReadOnlyStore(db).close()
        opens.append(time.perf_counter() - t0)
    results = [_figures("open read-only store (per request)", opens, None)]
    with ReadOnlyStore(db) as store:
        for name, args in sets.items():
            for q in args[-WARMUP:]:  # warm-up: other arguments than the timed ones
                _call(calls[name], store, q)
            took, empty = [], 0
            stop = time.perf_counter() + budget_s
            for q in args[:-WARMUP]:
                t0 = time.perf_counter()
                empty += not _call(calls[name], store, q)
                took.append(time.perf_counter() - t0)
                if t0 > stop:
                    break
            results.append(_figures(name, took, empty))
            print(f"  {name}: {results[-1]['n']} queries, p95 {results[-1]['p95_ms']} ms", file=sys.stderr)
    return results


def _call(call: Callable[[Any, Any], Any], store: Any, q: Any) -> bool:
    """Run one query; True when it found something."""
    from claimgraph.api.reads import NotFound

    try:
        body = call(store, q)
    except NotFound:
        return False
    return bool(body.get("claims") or body.get("claimed") or body.get("claimed_about") or body.get("articles"))


def _figures(name: str, took: list[float], empty: int | None) -> dict[str, Any]:
    ms = sorted(1000 * t for t in took)
    return {"query": name, "n": len(ms), "p50_ms": round(statistics.median(ms), 2),
            "p95_ms": round(ms[max(0, math.ceil(0.95 * len(ms)) - 1)], 2), "max_ms": round(ms[-1], 2),
            "empty": empty}


# --- main ---------------------------------------------------------------------------------------------

def store_counts(db: str) -> dict[str, int]:
    from claimgraph.api.reads import ReadOnlyStore

    with ReadOnlyStore(db) as store:
        counts = {t: int(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}
        counts["size_bytes"] = store._size_bytes()
    return counts


def _stamp(claims: int, postgres: str | None) -> dict[str, Any]:
    """What a kept store was built from: reused only when all of it is the same."""
    from claimgraph.store import SCHEMA_VERSION
    from claimgraph.store.sqlite import migrations

    digest = hashlib.sha256()
    for engine in ("sqlite", "postgres"):
        for _, name, sql in migrations(engine):
            digest.update(name.encode() + sql.encode())
    digest.update(Path(__file__).read_bytes())
    return {"claims": claims, "postgres": postgres, "schema_version": SCHEMA_VERSION, "digest": digest.hexdigest()}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--claims", type=int, default=1_000_000, help="claims in the synthetic store [1000000]")
    p.add_argument("--queries", type=int, default=200, help="timed queries of each kind [200]")
    p.add_argument("--budget", type=float, default=60.0, metavar="SECONDS",
                   help="stop a kind of query after this long on one backend and report the ones run [60]")
    p.add_argument("--postgres", metavar="URL", help="an empty PostgreSQL database to fill, instead of a "
                                                     "throwaway server")
    p.add_argument("--no-postgres", action="store_true", help="time SQLite only")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    p.add_argument("--keep", type=Path, metavar="DIR",
                   help="build the stores (SQLite file, PostgreSQL data directory) in DIR and keep them; a later "
                        "run with the same --claims, schema and script reuses them")
    a = p.parse_args()
    postgres = None if a.no_postgres else a.postgres or ("throwaway" if server_bindir() else None)
    if postgres is None and not a.no_postgres:
        print("PostgreSQL skipped: no pg_ctl/initdb on PATH or in /usr/lib/postgresql/*/bin "
              "(apt-get install postgresql, or give --postgres URL)", file=sys.stderr)

    t_start = time.perf_counter()
    report: dict[str, Any] = {"claims": a.claims, "queries": a.queries, "target_p95_ms": TARGET_MS,
                              "cpus": os.cpu_count(), "load_before": os.getloadavg()[0], "backends": []}
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp, ExitStack() as servers:
        work = a.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            work.chmod(0o755)  # the server runs as another user, under work/postgres
        stamp_file, stamp = work / "stamp.json", _stamp(a.claims, postgres)
        reuse = stamp_file.is_file() and json.loads(stamp_file.read_text()) == stamp
        stamp_file.unlink(missing_ok=True)
        base_path, path = work / "base.db", work / "bench.db"
        url = a.postgres
        if postgres == "throwaway":
            data = work / "postgres" / "data"
            if not reuse:
                shutil.rmtree(data.parent, ignore_errors=True)
            data.parent.mkdir(exist_ok=True)
            url = servers.enter_context(throwaway_postgres(data))
        built: dict[str, float] = {}
        if not reuse:
            if a.postgres:
                _refuse_filled(a.postgres)  # before the extraction, not after it
            t0 = time.perf_counter()
            for f in (base_path, path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                f.unlink(missing_ok=True)
            build_base(base_path)
            base = Base(base_path)
            report["extract_s"] = round(time.perf_counter() - t0, 1)
            print(f"extracted and stored the real articles in {report['extract_s']} s", file=sys.stderr)
            t0 = time.perf_counter()
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
                pending = pool.submit(build_postgres, url, base_path, a.claims) if url else None
                built["sqlite"] = build_sqlite(path, base, a.claims)
                print(f"sqlite: built in {built['sqlite']:.0f} s", file=sys.stderr)
                if pending is not None:
                    built["postgresql"] = pending.result()
                    print(f"postgresql: built in {built['postgresql']:.0f} s (beside the SQLite build)",
                          file=sys.stderr)
            report["build_s"] = round(time.perf_counter() - t0, 1)
            if a.keep:
                stamp_file.write_text(json.dumps(stamp) + "\n")
        else:
            print(f"reusing the stores in {work}", file=sys.stderr)
            base = Base(base_path)
        report["base"] = {"articles": len(base.rows["articles"]), "claims": base.claims(),
                          "copies": copies_needed(base, a.claims)}
        sets = query_sets(base, a.queries + WARMUP, a.claims)
        for backend, db in (("sqlite", str(path)), ("postgresql", url)):
            if db is None:
                continue
            counts = store_counts(db)
            print(f"{backend}: {counts['claims']} claims, {counts['articles']} articles, "
                  f"{counts['size_bytes'] / 2**20:.0f} MiB; timing", file=sys.stderr)
            t0 = time.perf_counter()
            rows = timed_queries(db, sets, a.budget)
            report["backends"].append({"backend": backend, "build_s": round(built.get(backend, 0.0), 1) or None,
                                       **counts, "query_s": round(time.perf_counter() - t0, 1), "results": rows})
    report["total_s"] = round(time.perf_counter() - t_start, 1)
    print(markdown(report))
    if a.json:
        a.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


def markdown(report: dict[str, Any]) -> str:
    lines = ["| backend | query | queries | p50 ms | p95 ms | store size |", "|---|---|---:|---:|---:|---|"]
    for b in report["backends"]:
        size = f"{b['claims']:,} claims, {b['articles']:,} articles, {b['size_bytes'] / 2**30:.1f} GiB"
        for r in b["results"]:
            over = not r["query"].startswith("open") and r["p95_ms"] > report["target_p95_ms"]
            lines.append(f"| {b['backend']} | {r['query']} | {r['n']} | {r['p50_ms']:.1f} | "
                         f"{r['p95_ms']:.1f}{' (over)' if over else ''} | {size} |")
    base = report["base"]
    built = ("; the stores were reused" if "build_s" not in report else
             f"; extraction {report['extract_s']} s, build " +
             ", ".join(f"{b['backend']} {b['build_s']} s" for b in report["backends"] if b["build_s"]) +
             f" (side by side: {report['build_s']} s in all)")
    lines += ["", f"{base['claims']} claims of {base['articles']} real articles copied {base['copies']} times"
              f"{built}; whole run {report['total_s']} s on {report['cpus']} CPUs (load average "
              f"{report['load_before']:.1f} at the start). Target: p95 under {report['target_p95_ms']:.0f} ms."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
