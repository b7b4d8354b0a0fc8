"""Cost per article of the ingest write path as the store grows from 0 to 100,000 articles.

    python bench/bench_growth.py [EVENTS.jsonl] [--max 100000] [--marks 0,1000,10000,30000,100000]
                                 [--window 300] [--snapshot-every 100] [--json FILE]

At each mark (a store size: the marks below `--max`, then `--max`), the next `--window` articles go
one by one through the real write path, `Store.add(x, stories=StoryIndex)`, each its own
transaction: insert (with full-text index), exact and MinHash near-duplicate lookup against the
stored fingerprints and LSH buckets, story link, and every `--snapshot-every` linked articles the
linker's state. It prints per mark the mean and p95 ms per article (the p95 leaves out the one
article in 100 that writes a snapshot; the mean has it), this process's CPU ms per article (on a
shared machine the wall time also counts waiting for a core), the CPU ms spent in dedup
(fingerprint, lookup, index) and in story linking (and of that in snapshots), with ratios to the
first mark: flat ratios mean the cost per article does not grow with the store. Between marks the
store is filled by the same `Store.add` calls, 500 in one transaction, writing no linker snapshot
until the last few hundred articles: the store, dedup index and stories end as the per-article
path leaves them (the snapshots skipped are overwritten on that path anyway; this is checked).
Collector passes over the heap are kept out of the windows, as in bench_life.py.

The articles are real text, recombined. The 10,588 Wikipedia Current Events Portal summaries
(../shared/corpus/wcep_portal_2025_2026, CC BY-SA 4.0, "Wikipedia contributors, Portal:Current
events") are one paragraph of ~28 words, below dedup's 80-word floor for MinHash. So an article
leads with one summary and goes on with earlier ones of the same WCEP story (up to 60 days back),
then of its top story, its category, the same days, until it has 4 paragraphs and 90 words (110
on average). Two articles never share three summaries, and share two only where those make up
under 30% of both articles' words together (shingle Jaccard under ~0.45; dedup's threshold is
0.5). The summaries are walked in date order, pass after pass, each pass dated 599 days (the
corpus span) after the one before (2025 .. 2040 for 100,000 articles): stories recur, but never
within the linker's 60-day window. On purpose, 1% of the articles come again 1-300 articles later
with only their spacing changed (exact copies) and 3% as a wire rewrite, a dateline added and the
last paragraph dropped or a credit line appended (near copies, Jaccard 0.7-0.85). Over 100,000
the store marks all exact copies and 99.8% of the near ones, and ~0.2% of the distinct articles
as near copies too, where WCEP itself has near-identical summaries (a death toll updated next day).
Each article carries the actors `find_mentions` (extract.actors, plain Python) finds in it; no
spaCy parse, no claims.

Filling is story linking, ~15 ms of CPU per article here (2 cores): `--max 10000` runs in about
3 minutes, the default 100,000 in about half an hour.
"""

from __future__ import annotations

import argparse
import gc
import heapq
import itertools
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import claimgraph.ingest.dedup as dedup
from claimgraph.extract.actors import find_mentions
from claimgraph.models import ActorRef, Article, Extraction
from claimgraph.store.sqlite import Store
from claimgraph.store.stories import SNAPSHOT_EVERY, StoryIndex

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "wcep_portal_2025_2026" / "events.jsonl"
MARKS = "0,1000,10000,30000,100000"
FILL_BATCH = 500  # articles per transaction while filling
EXACT, NEAR = 0.01, 0.03  # shares of articles re-sent as exact and as near copies
COPY_DELAY = 300  # a copy arrives 1 to this many articles after its original
PARTS, WORDS = 4, 90  # an article has at least this many summaries and words
# Two articles may share two paragraphs of at most this share of their words together (shingle Jaccard
# about 0.45 at most, under dedup's 0.5), and never three.
SHARE = 0.3
# (story heading depth, days back) tried in turn for an article's further paragraphs: its WCEP story,
# top story, category, then any summary of those days
POOLS = (("leaf", 60), ("top", 14), ("category", 3), ("any", 1))
DATELINES = ("WASHINGTON (Reuters) – ", "LONDON (AP) — ", "GENEVA (AFP) – ", "NEW DELHI (PTI) – ",
             "NAIROBI (Reuters) – ", "SYDNEY (AAP) – ")
CREDIT = "(Reporting by the newsroom; editing by the desk.)"


# --- articles ------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Summary:
    day: date
    doc: str
    text: str
    words: int
    groups: dict[str, str | None]


class Corpus:
    """Distinct articles recombined from WCEP summaries, with some copies on purpose; see the module docstring."""

    def __init__(self, path: Path, seed: int = 1) -> None:
        with open(path, encoding="utf-8") as f:
            rows = sorted((json.loads(line) for line in f if line.strip()), key=lambda r: (r["date"], r["event_id"]))
        self.rows = [_Summary(date.fromisoformat(r["date"]), r["event_id"], r["text"], len(r["text"].split()),
                              {"leaf": r["story_path"][-1] if r["story_path"] else None,
                               "top": r["story_path"][0] if r["story_path"] else None,
                               "category": r["category"], "any": ""}) for r in rows]
        self.span = (self.rows[-1].day - self.rows[0].day).days + 1
        self.groups: dict[tuple[str, str], tuple[list[int], list[int]]] = {}  # -> (day ordinals, row numbers)
        for i, s in enumerate(self.rows):
            for depth, name in s.groups.items():
                if name is not None:
                    days, members = self.groups.setdefault((depth, name), ([], []))
                    days.append(s.day.toordinal())
                    members.append(i)
        self.rng = random.Random(seed)
        self.pairs: dict[int, int] = {}  # two summaries that have been in one article -> its fewest words
        self.triples: set[int] = set()  # three summaries that have been in one article
        self.drawn = dict.fromkeys([*(depth for depth, _ in POOLS), "random"], 0)  # further paragraphs, by pool
        self._actors: dict[int, list[ActorRef]] = {}
        self.made = {"new": 0, "exact": 0, "near": 0}

    def articles(self) -> Iterator[Extraction]:
        """Articles in arrival order, without end: pass after pass over the summaries, copies mixed in."""
        pending: list[tuple[int, int, str, Extraction]] = []  # (due, tie, kind, copy)
        sent = 0
        for number in itertools.count():
            if pending and pending[0][0] <= sent:
                _, _, kind, copy = heapq.heappop(pending)
                self.made[kind] += 1
                yield copy
                sent += 1
                continue
            era, lead = divmod(number, len(self.rows))
            parts = self._parts(lead)
            published = self.rows[lead].day + timedelta(days=era * self.span)
            doc = f"{self.rows[lead].doc}~{era}"
            yield self._article(parts, published, doc)
            self.made["new"] += 1
            sent += 1
            roll = self.rng.random()
            if roll < EXACT + NEAR:
                kind = "exact" if roll < EXACT else "near"
                copy = self._copy(parts, published, doc, kind)
                heapq.heappush(pending, (sent + self.rng.randint(0, COPY_DELAY - 1), number, kind, copy))

    def _parts(self, lead: int) -> list[int]:
        s, rows = self.rows[lead], self.rows
        parts, words = [lead], s.words
        day = s.day.toordinal()
        for depth, back in POOLS:
            name = s.groups[depth]
            if name is None or (len(parts) >= PARTS and words >= WORDS):
                continue
            days, members = self.groups[depth, name]
            pool = [j for j in members[bisect_left(days, day - back):bisect_right(days, day)] if j not in parts]
            self.rng.shuffle(pool)
            for j in pool:
                if len(parts) >= PARTS and words >= WORDS:
                    break
                if self._fits(parts, words, j):
                    parts.append(j)
                    words += rows[j].words
                    self.drawn[depth] += 1
        while len(parts) < PARTS or words < WORDS:  # a thin day: any summary will do
            j = self.rng.randrange(len(rows))
            if j not in parts and self._fits(parts, words, j):
                parts.append(j)
                words += rows[j].words
                self.drawn["random"] += 1
        n = len(rows)
        for i, a in enumerate(parts):
            for k, b in enumerate(parts[i + 1:], i + 1):
                pair = _key(n, a, b)
                self.pairs[pair] = min(self.pairs.get(pair, words), words)
                self.triples.update(_key(n, a, b, c) for c in parts[k + 1:])
        return [lead, *sorted(parts[1:], key=lambda j: (-rows[j].day.toordinal(), j))]  # latest first

    def _fits(self, parts: list[int], words: int, j: int) -> bool:
        """Whether summary `j` can join `parts` and the article still share too little with any other."""
        n, rows = len(self.rows), self.rows
        words = max(words + rows[j].words, WORDS)
        for i, a in enumerate(parts):
            pair = _key(n, a, j)
            other = self.pairs.get(pair)
            if other is None:
                continue
            if rows[a].words + rows[j].words > SHARE * (words + other):
                return False
            if any(_key(n, a, b, j) in self.triples for b in parts[i + 1:]):
                return False
        return True

    def _copy(self, parts: list[int], published: date, doc: str, kind: str) -> Extraction:
        if kind == "exact":  # the same words, spaced otherwise: normalised, the same text
            return self._article(parts, published, doc + ":exact", sep="\n \n")
        dateline = self.rng.choice(DATELINES)
        kept = parts[:-1]
        if sum(self.rows[j].words for j in kept) >= WORDS:  # the last paragraph dropped
            return self._article(kept, published, doc + ":near", prefix=dateline)
        return self._article(parts, published, doc + ":near", prefix=dateline, suffix=CREDIT)

    def _article(self, parts: list[int], published: date, doc: str, sep: str = "\n", prefix: str = "",
                 suffix: str = "") -> Extraction:
        paragraphs = [self.rows[j].text for j in parts] + ([suffix] if suffix else [])
        text = prefix + sep.join(paragraphs)
        aid = Article.from_text(text).id
        actors, at = [], len(prefix)
        for j, paragraph in zip(parts, paragraphs, strict=False):
            actors += [ActorRef(aid, at + r.start, at + r.end, r.text, r.code, r.kind, r.person, r.role,
                                r.extractor, r.version) for r in self._mentions(j)]
            at += len(paragraph) + len(sep)
        return Extraction(article=Article(id=aid, text=text, published=published, doc=doc), actors=tuple(actors))

    def _mentions(self, j: int) -> list[ActorRef]:
        if j not in self._actors:
            s = self.rows[j]
            self._actors[j] = find_mentions(s.text, "", when=s.day)
        return self._actors[j]


def _key(n: int, *rows: int) -> int:
    """One int for a set of row numbers below `n`."""
    key = 0
    for r in sorted(rows):
        key = key * n + r
    return key


# --- the store, timed ----------------------------------------------------------------------------

@dataclass
class Clock:
    """CPU seconds spent in the parts of `Store.add`, since the last `reset`."""

    dedup: float = 0.0
    link: float = 0.0
    snapshot: float = 0.0
    snapshots: int = 0

    def reset(self) -> None:
        self.dedup = self.link = self.snapshot = 0.0
        self.snapshots = 0

    @contextmanager
    def timing(self, part: str) -> Iterator[None]:
        """Add the CPU time of the `with` block to `part` ("dedup", "link" or "snapshot")."""
        t0 = time.process_time()
        try:
            yield
        finally:
            setattr(self, part, getattr(self, part) + time.process_time() - t0)


CLOCK = Clock()
_fingerprint = dedup.fingerprint


def _timed_fingerprint(text: str) -> dedup.Fingerprint:
    with CLOCK.timing("dedup"):
        return _fingerprint(text)


class TimedStore(Store):
    """A SQLite store that times its duplicate lookup and index, and can run many `add`s in one transaction."""

    def __init__(self, path: str | Path) -> None:
        self.batch = False
        super().__init__(path)

    @contextmanager
    def _transaction(self):  # type: ignore[no-untyped-def]
        if self.batch:  # inside `fill`'s transaction
            yield self.conn
            return
        with super()._transaction() as conn:
            yield conn

    def _link(self, conn, a, fp):  # type: ignore[no-untyped-def]
        with CLOCK.timing("dedup"):
            super()._link(conn, a, fp)

    def _index(self, conn, article_id, fp):  # type: ignore[no-untyped-def]
        with CLOCK.timing("dedup"):
            super()._index(conn, article_id, fp)


class TimedIndex(StoryIndex):
    """A StoryIndex that times linking and snapshots, and skips snapshots while `defer` is set."""

    defer = False

    def link(self, conn, x):  # type: ignore[no-untyped-def]
        with CLOCK.timing("link"):
            return super().link(conn, x)

    def _snapshot(self, conn, linker, seq):  # type: ignore[no-untyped-def]
        if self.defer:
            return
        with CLOCK.timing("snapshot"):
            super()._snapshot(conn, linker, seq)
        CLOCK.snapshots += 1


def fill(store: TimedStore, index: TimedIndex, source: Iterator[Extraction], count: int) -> None:
    """Add `count` articles, FILL_BATCH to a transaction, snapshotting only in the last few hundred."""
    tail = 3 * index.snapshot_every  # holds a snapshot point unless two in three are copies
    left = count
    while left:
        store.conn.execute("BEGIN IMMEDIATE")
        store.batch = True
        try:
            for _ in range(min(FILL_BATCH, left)):
                index.defer = left > tail
                if not store.add(next(source), stories=index):
                    raise RuntimeError("a synthesised article was already stored")
                left -= 1
        except BaseException:
            store.conn.execute("ROLLBACK")
            index.invalidate()
            raise
        finally:
            store.batch = False
            index.defer = False
        store.conn.execute("COMMIT")
        gc.freeze()  # the fill's objects live on; the collector need not walk them again
    row = store.conn.execute("SELECT link_seq FROM link_state").fetchone()
    seq = index._seq - index._seq % index.snapshot_every
    if seq and (row is None or row[0] != seq):
        raise RuntimeError(f"the fill left the snapshot of article {row and row[0]}, the per-article path {seq}")


# --- the run -------------------------------------------------------------------------------------

@dataclass
class Mark:
    stored: int  # articles in the store when the window began
    stories: int  # stories the linker holds after it
    wall: list[float]  # seconds per article in the window
    cpu: list[float]  # this process's CPU seconds per article (steadier on a shared machine)
    dedup: float  # CPU seconds in the window
    link: float
    snapshot: float
    snapshots: int
    state_mb: float  # the last snapshot of the linker's state

    def figures(self, first: Mark) -> dict[str, Any]:
        n = len(self.wall)
        mean, p95, cpu = statistics.fmean(self.wall), _p95(self.wall), statistics.fmean(self.cpu)
        return {"stored": self.stored, "stories": self.stories, "mean_ms": 1000 * mean,
                "mean_ratio": mean / statistics.fmean(first.wall), "p95_ms": 1000 * p95,
                "p95_ratio": p95 / _p95(first.wall), "cpu_ms": 1000 * cpu,
                "cpu_ratio": cpu / statistics.fmean(first.cpu),
                "dedup_ms": 1000 * self.dedup / n, "dedup_share": self.dedup / n / cpu,
                "link_ms": 1000 * self.link / n, "link_share": self.link / n / cpu,
                "snapshot_ms": 1000 * self.snapshot / n, "snapshots": self.snapshots,
                "snapshot_each_ms": 1000 * self.snapshot / self.snapshots if self.snapshots else 0.0,
                "state_mb": self.state_mb}


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def run(events: Path, marks: list[int], window: int, snapshot_every: int) -> tuple[list[Mark], dict[str, Any]]:
    t_start = time.perf_counter()
    corpus = Corpus(events)
    source = corpus.articles()
    _fingerprint(" ".join(s.text for s in corpus.rows[:5]))  # imports datasketch, sizes the LSH bands
    out: list[Mark] = []
    fill_s = 0.0
    dedup.fingerprint = _timed_fingerprint  # type: ignore[assignment]  # Store.add imports it per call
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "growth.db"
            with TimedStore(db) as store:
                index = TimedIndex(store, snapshot_every=snapshot_every)
                stored = 0
                for mark in marks:
                    mark = max(mark, stored)  # the window before reached past it
                    t0 = time.perf_counter()
                    fill(store, index, source, mark - stored)
                    took = time.perf_counter() - t0
                    fill_s += took
                    if mark > stored:
                        print(f"filled {stored:,} to {mark:,} in {took:.0f} s ({1000 * took / (mark - stored):.1f} ms "
                              f"per article)", file=sys.stderr, flush=True)
                    gc.collect()
                    gc.freeze()
                    CLOCK.reset()
                    wall, cpu = [], []
                    for x in (next(source) for _ in range(window)):
                        t0, c0 = time.perf_counter(), time.process_time()
                        if not store.add(x, stories=index):
                            raise RuntimeError("a synthesised article was already stored")
                        wall.append(time.perf_counter() - t0)
                        cpu.append(time.process_time() - c0)
                    stored = mark + window
                    row = store.conn.execute("SELECT length(CAST(state AS BLOB)) FROM link_state").fetchone()
                    out.append(Mark(mark, len(index.linker().state.stories), wall, cpu, CLOCK.dedup, CLOCK.link,
                                    CLOCK.snapshot, CLOCK.snapshots, (row[0] if row else 0) / 2**20))
                    print(f"measured at {mark:,}: {1000 * statistics.fmean(wall):.1f} ms per article",
                          file=sys.stderr, flush=True)
                copies = dict(store.conn.execute(
                    "SELECT duplicate_kind, count(*) FROM articles WHERE duplicate_of IS NOT NULL"
                    " GROUP BY duplicate_kind").fetchall())
                n_articles = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            db_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 2**20
    finally:
        dedup.fingerprint = _fingerprint  # type: ignore[assignment]
    info = {"articles": n_articles, "window": window, "snapshot_every": snapshot_every, "sent": dict(corpus.made),
            "found": {"exact": copies.get("exact", 0), "near": copies.get("near", 0)}, "db_mb": db_mb,
            "fill_s": fill_s, "total_s": time.perf_counter() - t_start,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    return out, info


def table(marks: list[Mark], info: dict[str, Any]) -> str:
    lines = [
        f"`Store.add(x, stories=StoryIndex)` into a fresh SQLite store, one transaction per article: ms per "
        f"article over the {info['window']} articles stored after each mark, ratios to the first mark. Mean and p95: "
        f"wall clock; CPU: this process's; dedup (fingerprint, lookup, index) and link (story, and every "
        f"{info['snapshot_every']} linked articles a snapshot of the linker's state): CPU ms, with their share of it",
        "",
        "| stored | stories | mean ms | ratio | p95 ms | ratio | CPU ms | ratio | dedup ms | link ms "
        "| of it snapshot | one snapshot ms | state MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in marks:
        f = m.figures(marks[0])
        lines.append(
            f"| {f['stored']:,} | {f['stories']:,} | {f['mean_ms']:.1f} | {f['mean_ratio']:.2f} | {f['p95_ms']:.1f} "
            f"| {f['p95_ratio']:.2f} | {f['cpu_ms']:.1f} | {f['cpu_ratio']:.2f} "
            f"| {f['dedup_ms']:.1f} ({f['dedup_share']:.0%}) | {f['link_ms']:.1f} ({f['link_share']:.0%}) "
            f"| {f['snapshot_ms']:.1f} | {f['snapshot_each_ms']:.0f} | {f['state_mb']:.1f} |")
    sent, found = info["sent"], info["found"]
    lines += [
        "",
        f"{info['articles']:,} articles: {sent['new']:,} distinct, and {sent['exact']:,} exact and {sent['near']:,} "
        f"near copies sent on purpose; the store marked {found['exact']:,} exact and {found['near']:,} near copies. "
        f"Store {info['db_mb']:.0f} MB; peak memory {info['peak_rss_mb']:.0f} MB; filling {info['fill_s']:.0f} s, "
        f"whole run {info['total_s']:.0f} s.",
    ]
    return "\n".join(lines)


def to_json(marks: list[Mark], info: dict[str, Any]) -> dict[str, Any]:
    rows = [{k: round(v, 3) if isinstance(v, float) else v for k, v in m.figures(marks[0]).items()} for m in marks]
    rounded = {k: round(v, 1) if isinstance(v, float) else v for k, v in info.items()}
    return {"bench": "growth", **rounded, "marks": rows, "table": table(marks, info)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("events", nargs="?", type=Path, default=DEFAULT)
    p.add_argument("--max", type=int, default=100_000, help="the largest store size measured at (default 100000)")
    p.add_argument("--marks", default=MARKS, help=f"store sizes to measure at, below --max (default {MARKS})")
    p.add_argument("--window", type=int, default=300, help="articles timed after each mark (default 300)")
    p.add_argument("--snapshot-every", type=int, default=SNAPSHOT_EVERY)
    p.add_argument("--json", type=Path, help="also write the figures to this file as JSON")
    a = p.parse_args()
    if a.window < 20 or a.max < 0:
        p.error(f"--window {a.window} --max {a.max}: give a window of 20 articles or more and a --max of 0 or more")
    marks = sorted({int(m) for m in a.marks.split(",") if int(m) < a.max} | {a.max})
    results, info = run(a.events, marks, a.window, a.snapshot_every)
    print(table(results, info))
    if a.json:
        a.json.write_text(json.dumps(to_json(results, info), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
