"""`make bench`: every benchmark in one run, written to docs/performance.md with the machine and date.

    python bench/run.py [--out docs/performance.md] [--quick]

Runs, one after the other (each prints its own table, kept verbatim in the report):
  1. bench_throughput.py: extract and ingest against bare spaCy at 1 and 2 processes, peak memory;
  2. bench_batch.py: `claimgraph batch` on a local Dask cluster at 1 and 2 workers;
  3. bench_tagger.py: the attribution tagger alone on the CPU, and on a GPU where torch sees one;
  4. bench_growth.py: cost per article as the store grows (to 5,000 articles here, to fit the 15
     minutes; `python bench/bench_growth.py` alone goes to 100,000 in about half an hour);
  5. bench_queries.py: p50/p95 query latency in SQLite and PostgreSQL (at 100,000 claims here: building
     a million-claim store on both takes six minutes; bench/recorded.md keeps the longer runs);
then checks the issue's targets against the figures and says which are met. Smaller benchmarks of
one component each stay outside this run: bench_extract.py (rules against tagger, one process),
bench_places.py, bench_stories.py (the linker alone) and bench_life.py (stories in the store).
`--quick` scales every benchmark down (a smoke run of the whole thing); its report says so.
Every figure is a ratio to a baseline measured in the same run where one exists: the machines are
shared and noisy, so absolute rates move from run to run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    script: str
    args: tuple[str, ...]
    quick: tuple[str, ...]  # the arguments of a --quick run
    about: str


SECTIONS = (
    Section("throughput", "Throughput: extract and ingest against bare spaCy", "bench_throughput.py",
            ("--articles", "1000"), ("--articles", "60"),
            "The parse is the floor of the cost. Every row runs in a fresh process; throughput counts from "
            "the first result (model loading and worker start-up are the `start` column). Ratios are to "
            "`nlp.pipe` with the same model at the same number of processes; \"2 vs 1\" is a row's 2-process "
            "rate over its 1-process rate. Peak MB is the largest resident set of the process or any worker."),
    Section("batch", "Distributed: `claimgraph batch` on a local Dask cluster", "bench_batch.py",
            ("--limit", "120"), ("--limit", "24"),
            "The same extraction on Dask's distributed scheduler (a `LocalCluster`; each worker loads the "
            "model once through a worker plugin), writing Parquet, against bare spaCy in the same run."),
    Section("tagger", "The attribution tagger alone, on the CPU (and a GPU where torch sees one)", "bench_tagger.py",
            ("--articles", "300"), ("--articles", "30"),
            "The learned tagger without the parse, on the first 300 of the throughput articles, one torch "
            "thread; the ratio is to float32 on the CPU, claimgraph's default (`--device cpu`). On a machine "
            "without a GPU only the CPU rows run; a run on an NVIDIA H200 is under \"Longer runs\" below."),
    Section("growth", "Cost per article as the store grows", "bench_growth.py",
            ("--max", "5000", "--marks", "0,1000"), ("--max", "2000", "--window", "100"),
            "`Store.add` (insert, exact and near-duplicate check, story linking, linker snapshots), timed in "
            "windows after the store reaches each size; flat ratios mean the cost does not grow with the store."),
    Section("queries", "Query latency", "bench_queries.py",
            ("--claims", "100000", "--queries", "100", "--budget", "10"),
            ("--claims", "10000", "--queries", "20", "--budget", "5"),
            "Claim search, story timeline and actor page, through the read functions the HTTP API and web "
            "pages call, on SQLite and on PostgreSQL."),
)


def machine() -> list[str]:
    """What the figures were measured on."""
    import spacy

    from claimgraph import __version__
    from claimgraph.nlp import load_model

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else "?"
    mem = next((int(line.split()[1]) / 2**20 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0.0) if Path("/proc/meminfo").exists() else 0.0
    meta = load_model().meta
    rows = [f"- CPU: {cpu}, {os.cpu_count()} cores; memory {mem:.0f} GiB; {platform.platform()}",
            f"- Python {platform.python_version()}, claimgraph {__version__}, spaCy {spacy.__version__}, "
            f"model {meta.get('lang')}_{meta.get('name')} {meta.get('version')}"]
    try:
        import torch

        build = f"CUDA {torch.version.cuda} build" if torch.version.cuda else "CPU build"
        rows.append(f"- torch {torch.__version__}, {build}; the attribution tagger runs one torch thread per "
                    "process (claimgraph.ml.tagger), so a process is one core everywhere")
    except ImportError:
        rows.append("- torch not installed: no learned attribution tagger")
    return rows


def commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run_section(section: Section, quick: bool, tmp: Path) -> tuple[str, dict[str, Any] | None, float, str]:
    """(the script's printed table, its JSON figures, seconds, the command as a user would type it)."""
    out = tmp / f"{section.key}.json"
    args = section.quick if quick else section.args
    cmd = [sys.executable, str(BENCH / section.script), *args, "--json", str(out)]
    shown = " ".join(["python", f"bench/{section.script}", *args])
    print(f"== {shown}", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        return f"(failed with exit status {done.returncode}; see the run's log)\n\n{done.stdout}", None, seconds, shown
    figures = json.loads(out.read_text(encoding="utf-8")) if out.exists() else None
    return done.stdout.strip(), figures, seconds, shown


# --- targets ----------------------------------------------------------------------------------------

def targets(figures: dict[str, dict[str, Any] | None]) -> list[str]:
    """One line per target of the issue: met or not, with the figure."""
    lines = []
    thr = figures.get("throughput")
    if thr:
        rows = thr["rows"]
        for r in rows:
            if r["mode"] == "extract" and r["processes"] == 1:
                lines.append(_check(f"{r['label']}: at least 0.9x of nlp.pipe (1 process)", r["ratio"] >= 0.9,
                                    f"{r['ratio']:.2f}x"))
        for r in rows:
            if r["mode"] != "pipe" and r["processes"] == 2:
                lines.append(_check(f"{r['label']}: 2 processes at least 1.8x one", r["speedup"] >= 1.8,
                                    f"{r['speedup']:.2f}x"))
        peak = max(r["peak_mb"] for r in rows)
        lines.append(_check("peak memory at most 1 GB per process", peak <= 1024, f"largest {peak:,.0f} MB"))
    growth = figures.get("growth")
    if growth and growth.get("marks"):
        marks = growth["marks"]
        # from the 1,000 mark on: below it the linker is still filling its fixed limits (candidates, samples)
        settled = next((m for m in marks if m["stored"] >= 1000), marks[0])
        last = marks[-1]
        ratio = last["cpu_ms"] / settled["cpu_ms"]
        lines.append(_check(f"cost per article flat as the store grows from {settled['stored']:,} to "
                            f"{last['stored']:,} articles (CPU ms per article, at most 1.3x)", ratio <= 1.3,
                            f"{settled['cpu_ms']:.1f} -> {last['cpu_ms']:.1f} ms, {ratio:.2f}x "
                            f"({last['cpu_ratio']:.2f}x of the empty store's)"))
    queries = figures.get("queries")
    if queries and queries.get("backends"):
        timed = [(b["backend"], r) for b in queries["backends"] for r in b["results"]
                 if not r["query"].startswith("open")]
        backend, worst = max(timed, key=lambda t: t[1]["p95_ms"])
        lines.append(_check(f"p95 query latency under 50 ms at {queries['claims']:,} claims on both backends",
                            worst["p95_ms"] < 50 and len(queries["backends"]) == 2,
                            f"slowest p95 {worst['p95_ms']:.0f} ms ({backend}, {worst['query']}); backends: "
                            + ", ".join(b["backend"] for b in queries["backends"])))
    return lines or ["- no figures to check (every benchmark failed; see above)"]


def _targets_or_error(figures: dict[str, dict[str, Any] | None]) -> list[str]:
    """The target lines; a figure missing from a benchmark's JSON must not lose the whole report."""
    try:
        return targets(figures)
    except (KeyError, TypeError, ValueError, ZeroDivisionError) as e:
        return [f"- could not check the targets ({type(e).__name__}: {e}); the tables below have the figures"]


def _check(what: str, ok: bool, figure: str) -> str:
    return f"- {'met' if ok else '**not met**'}: {what}: {figure}"


def report(parts: list[tuple[Section, str, dict[str, Any] | None, float, str]], quick: bool, total: float) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    head = ["# Performance", "",
            f"Written by `make bench` (`python bench/run.py`) on {now}, commit {commit()}, in {total / 60:.1f} "
            "minutes. Do not edit by hand: run `make bench` again.", ""]
    if quick:
        head += ["**A `--quick` run: every benchmark scaled down; these are not the figures to quote.**", ""]
    head += ["## Machine", "", *machine(), "",
             "The machine is shared with other work, so absolute rates move between runs; the ratios to a "
             "baseline measured in the same run are the figures to compare.", "",
             "## Targets", "", *_targets_or_error({s.key: f for s, _, f, _, _ in parts}), ""]
    body = []
    for section, table, _, seconds, shown in parts:
        body += [f"## {section.title}", "", section.about, "", f"    $ {shown}    # {seconds:.0f} s", "", table, ""]
    recorded = BENCH / "recorded.md"
    tail = [recorded.read_text(encoding="utf-8")] if recorded.exists() and not quick else []
    return "\n".join(head + body + tail)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    p.add_argument("--quick", action="store_true", help="scale every benchmark down (a smoke run)")
    p.add_argument("--only", nargs="*", help="run these sections only (throughput, batch, growth, queries)")
    args = p.parse_args()
    t0 = time.perf_counter()
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        for section in SECTIONS:
            if args.only and section.key not in args.only:
                continue
            parts.append((section, *run_section(section, args.quick, Path(tmp))))
    text = report(parts, args.quick, time.perf_counter() - t0)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
