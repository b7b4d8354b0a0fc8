"""`claimgraph batch` on a local Dask cluster against bare spaCy, on the same texts in one run.

    python bench/bench_batch.py [ARTICLES.jsonl] [--limit N] [--attribution rules|tagger|auto] [--json FILE]

Default input: the first `--limit` (60) articles of bench_throughput.py's mix (the bundled samples, then
the shared corpus's Wikinews articles and Current Events Portal summaries). Measures articles/s and words/s of
  - spaCy `nlp.pipe` in one process, and `nlp.pipe(n_process=2)` (Docs travel back to the parent),
    the parse alone, as the baselines;
  - `claimgraph batch` (full extraction, Parquet written) at 1 and 2 workers: steady throughput
    (after start-up) and end to end (start-up included), start-up time, peak memory per worker;
and prints each as a ratio to the baseline measured in the same run, since machines are shared and
noisy. `claimgraph extract` in this process (the same extraction, no Dask) separates Dask's cost
from extraction's. Every process runs one BLAS thread, as Dask's workers do, so a "process" is one
core everywhere. Needs the dask extra; the `__main__` guard is required (Dask re-imports this file).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLES_PER_DAY = 1_000_000
# words in a news article for the projection: the 120 Wikinews articles of ../shared/corpus average 284,
# wire and newspaper stories run longer
NEWS_ARTICLE_WORDS = 500


def _articles(source: Path, limit: int) -> list[Any]:
    from claimgraph.ingest import read_inputs
    from claimgraph.models import Article

    found = []
    for item in read_inputs([source]):
        if isinstance(item, Article):
            found.append(item)
            if len(found) == limit:
                break
    return found


ROWS: list[dict[str, Any]] = []


def _row(name: str, n: int, words: int, wall: float, cpu: float | None, base: tuple[float, float] | None,
         extra: str = "") -> tuple[float, float]:
    """One table row: wall-clock rates and words per CPU-second (what the work costs, however busy the
    machine), each with its ratio to `base`. Returns (words/s, words/CPU-s)."""
    rate, per_cpu = words / wall, words / cpu if cpu else 0.0
    ROWS.append({"what": name, "articles_per_s": n / wall, "words_per_s": rate,
                 "ratio": rate / base[0] if base else 1.0, "words_per_cpu_s": per_cpu if cpu else None,
                 "cpu_ratio": (per_cpu / base[1] if base else 1.0) if cpu else None, "note": extra})
    return rate, per_cpu


def _table() -> str:
    lines = ["| what | articles/s | words/s | vs nlp.pipe | words/CPU-s | vs nlp.pipe | |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for r in ROWS:
        cpu = (f"{r['words_per_cpu_s']:,.0f} | {r['cpu_ratio']:.2f}x" if r["words_per_cpu_s"] is not None
               else " | ")
        lines.append(f"| {r['what']} | {r['articles_per_s']:.2f} | {r['words_per_s']:,.0f} | {r['ratio']:.2f}x "
                     f"| {cpu} | {r['note']} |")
    return "\n".join(lines)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path,
                        help="articles (default: bench_throughput.py's mix of the samples and the shared corpus)")
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--attribution", default="auto", choices=("auto", "rules", "tagger"))
    parser.add_argument("--shard-size", type=int, default=8)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # before numpy is imported
        os.environ.setdefault(var, "1")
    from claimgraph.batch import BatchOptions, run_batch
    from claimgraph.extract import extract_articles
    from claimgraph.nlp import load_model

    if args.source is None:
        from bench_throughput import bench_articles

        articles = bench_articles(args.limit)
    else:
        articles = _articles(args.source, args.limit)
    texts = [a.text for a in articles]
    n, words = len(articles), sum(len(t.split()) for t in texts)
    origin = args.source.name if args.source else "samples and shared corpus"
    print(f"{n} articles, {words:,} words ({origin}); attribution={args.attribution}; "
          f"{os.cpu_count()} CPUs.\n")
    with tempfile.TemporaryDirectory() as tmp:
        # the same texts for every run: batch reads this file back
        shard_input = Path(tmp) / "articles.jsonl"
        from bench_throughput import bare_spacy, write_articles

        write_articles(articles, shard_input)

        t0 = time.perf_counter()
        nlp = bare_spacy()  # the baseline: spaCy as it loads the model, none of claimgraph's components
        load_s = time.perf_counter() - t0
        for _ in nlp.pipe(texts[:2]):  # warm
            pass
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        base = _row("spaCy nlp.pipe, 1 process", n, words, time.perf_counter() - t0, time.process_time() - c0, None,
                    f"(model load {load_s:.1f} s; peak {_mb(_peak(resource.RUSAGE_SELF))} this process)")
        t0, c0, k0 = time.perf_counter(), time.process_time(), _cpu(resource.RUSAGE_CHILDREN)
        for _ in nlp.pipe(texts, batch_size=16, n_process=2):
            pass
        wall = time.perf_counter() - t0
        _row("spaCy nlp.pipe(n_process=2)", n, words, wall,
             time.process_time() - c0 + _cpu(resource.RUSAGE_CHILDREN) - k0, base,
             f"(start-up included; peak {_mb(_peak(resource.RUSAGE_CHILDREN))} per child)")

        ours = load_model()
        list(extract_articles(articles[:1], ours, attribution=args.attribution))  # load lexicons, tagger
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in extract_articles(articles, ours, attribution=args.attribution):
            pass
        extract = _row("claimgraph extract, 1 process", n, words, time.perf_counter() - t0,
                       time.process_time() - c0, base, "(the same extraction, no Dask)")

        steady = {}
        for workers in (1, 2):
            result = run_batch([str(shard_input)], BatchOptions(
                out=Path(tmp) / f"out-{workers}", workers=workers, shard_size=args.shard_size,
                attribution=args.attribution))
            if result.errors or result.articles != n:
                raise SystemExit(f"batch with {workers} workers: {result.articles} of {n} articles, "
                                 f"errors: {[str(e) for e in result.errors[:3]]}")
            peaks = ", ".join(_mb(v) for v in sorted(result.peak_rss.values()))
            steady[workers] = _row(f"claimgraph batch, {workers} worker{'s' * (workers > 1)}", n, words,
                                   result.elapsed_s - result.startup_s, result.cpu_s, base,
                                   f"(start-up {result.startup_s:.1f} s; peak per worker {peaks})")
            _row("  end to end, start-up included", n, words, result.elapsed_s, None, base)
    dask_cost = steady[1][1] / extract[1]
    scaling = steady[2][0] / steady[1][0]
    per_worker = steady[2][1] / (words / n)  # articles per CPU-second of one worker
    cores = math.ceil(ARTICLES_PER_DAY / 86400 / per_worker)
    # the same words per CPU-second at a news article's length, the cost a newsroom would meet
    news_cores = math.ceil(ARTICLES_PER_DAY / 86400 / (steady[2][1] / NEWS_ARTICLE_WORDS))
    print(_table())
    print(f"\nbatch with 1 worker / extract in 1 process: {steady[1][0] / extract[0]:.2f}x wall, {dask_cost:.2f}x "
          f"per CPU-second (Dask's own cost); 2 workers / 1 worker: {scaling:.2f}x wall.\n"
          f"1M articles/day is {ARTICLES_PER_DAY / 86400:.1f} articles/s: about {cores} busy "
          f"core{'s' if cores != 1 else ''} (one worker each) at this article length ({words / n:.0f} words), "
          f"{news_cores} at {NEWS_ARTICLE_WORDS} words an article, at this machine's CPU speed.")
    if args.json:
        args.json.write_text(json.dumps({"articles": n, "words": words, "rows": ROWS, "dask_cost": dask_cost,
                                         "workers_2_vs_1": scaling, "cores_for_1m_per_day": cores,
                                         "cores_for_1m_per_day_at_news_length": news_cores}, indent=1),
                             encoding="utf-8")


def _peak(who: int) -> int:
    return resource.getrusage(who).ru_maxrss * 1024  # KiB on Linux


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


if __name__ == "__main__":
    main()
