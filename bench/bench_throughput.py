"""Throughput of `claimgraph extract` and `claimgraph ingest` against bare spaCy, at 1 and 2 processes.

    python bench/bench_throughput.py [--articles 1000] [--json FILE] [--corpus ../shared/corpus]

The articles: the bundled samples/ (Wikinews CC BY 2.5, Wikipedia Current Events Portal CC BY-SA 4.0),
then the 120 Wikinews articles of ../shared/corpus/wikinews_timeline_semeval2015 (CC BY 2.5, "Wikinews
contributors"), then Current Events Portal summaries from ../shared/corpus/wcep_portal_2025_2026
(CC BY-SA 4.0, "Wikipedia contributors, Portal:Current events") in date order, up to `--articles`.

Every measurement runs in a fresh process, so that peak memory (the largest resident set of the
process and of any worker it started) belongs to that measurement alone:
  - bare spaCy: `spacy.load` of the same model (without claimgraph's components) and `nlp.pipe`,
    n_process 1 and 2: the parse alone, the baseline;
  - extraction (`extract_parallel`, what `claimgraph extract` runs, records serialised to JSON as it
    writes them) with the rules and with the learned tagger (when the ml extra is installed);
  - ingest (`claimgraph ingest`'s loop: extraction, then `Store.add` with deduplication and story
    linking, one transaction per article) into a fresh SQLite file, with the default settings.
Throughput is steady-state: counted from the moment the first result arrives, so model loading and
worker start-up (reported apart, as "start") do not count against it. Ratios are to `nlp.pipe` at
the same number of processes, and "x1" is a mode's 2-process throughput over its 1-process one;
all are measured in the same run, since the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def bench_articles(limit: int, corpus: Path = CORPUS) -> list[Any]:
    """Real articles for benchmarks, bundled samples first, then the shared corpus, distinct texts."""
    from datetime import date

    from claimgraph.ingest import read_inputs
    from claimgraph.models import Article

    found: dict[str, Article] = {}
    sources = [ROOT / "samples", corpus / "wikinews_timeline_semeval2015" / "articles.jsonl"]
    for item in read_inputs([str(s) for s in sources if s.exists()]):
        if isinstance(item, Article):
            found.setdefault(item.text, item)
    events = corpus / "wcep_portal_2025_2026" / "events.jsonl"
    if events.exists():
        with events.open(encoding="utf-8") as f:
            rows = sorted((json.loads(line) for line in f), key=lambda r: (r["date"], r["event_id"]))
        for r in rows:
            if len(found) >= limit:
                break
            found.setdefault(r["text"], Article(id=f"wcep-{r['event_id']}", text=r["text"],
                                                published=date.fromisoformat(r["date"]),
                                                outlet="Wikipedia Current Events Portal"))
    return list(found.values())[:limit]


def bare_spacy() -> Any:
    """The pipeline `load_model` starts from, as spaCy loads it: none of claimgraph's components."""
    import spacy

    from claimgraph.nlp.model import available_models

    return spacy.load(available_models()[0])


def write_articles(articles: list[Any], path: Path) -> None:
    """The articles as articles JSONL, as `read_inputs` reads them back."""
    with path.open("w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps({"doc": a.doc or a.id, "text": a.text, "title": a.title, "outlet": a.outlet,
                                "url": a.url, "published": a.published.isoformat() if a.published else None})
                    + "\n")


# --- one measurement, in its own process -----------------------------------------------------------

def _peak_mb() -> float:
    """The largest resident set of this process or of any finished child (workers), in MB."""
    kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return kb / 1024


def _timed(results: Iterator[Any], words_of: list[int]) -> dict[str, float]:
    """Consume `results` (one per article, in order); steady throughput from the first result on."""
    t0 = time.perf_counter()
    first = None
    n = 0
    for _ in results:
        n += 1
        if first is None:
            first = time.perf_counter()
    end = time.perf_counter()
    assert first is not None and n == len(words_of), f"{n} results for {len(words_of)} articles"
    steady = end - first
    return {"start_s": first - t0, "total_s": end - t0, "articles_per_s": (n - 1) / steady,
            "words_per_s": sum(words_of[1:]) / steady}


def _child(mode: str, processes: int, attribution: str, path: Path) -> dict[str, Any]:
    from claimgraph.ingest import read_inputs
    from claimgraph.models import Article

    articles = [a for a in read_inputs([str(path)]) if isinstance(a, Article)]
    words = [len(a.text.split()) for a in articles]
    if processes > 1:  # the workers share the cores: one BLAS thread each, as claimgraph's workers use
        os.environ["OMP_NUM_THREADS"] = "1"
    if mode == "pipe":
        nlp = bare_spacy()
        docs = nlp.pipe((a.text for a in articles), batch_size=16, n_process=processes)
        result = _timed(docs, words)
    elif mode == "extract":
        result = _timed(_extract(articles, processes, attribution), words)
    else:
        result = _timed(_ingest(articles, processes, attribution), words)
    return result | {"peak_mb": _peak_mb()}


def _extract(articles: list[Any], processes: int, attribution: str) -> Iterator[str]:
    from claimgraph.export import FORMATS
    from claimgraph.extract.parallel import extract_parallel
    from claimgraph.nlp import load_model

    if processes <= 1:
        load_model()  # loaded before the clock starts, as a worker's is
    writer = FORMATS["jsonl"]
    for x in extract_parallel(articles, processes, attribution=attribution):
        yield json.dumps(writer(x), ensure_ascii=False)


def _ingest(articles: list[Any], processes: int, attribution: str) -> Iterator[bool]:
    from claimgraph.extract.parallel import extract_parallel
    from claimgraph.nlp import load_model
    from claimgraph.store import open_store
    from claimgraph.store.stories import StoryIndex

    if processes <= 1:
        load_model()
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.db") as store:
        stories = StoryIndex(store)
        for x in extract_parallel(articles, processes, attribution=attribution):
            yield store.add(x, stories=stories)


def measure(mode: str, processes: int, attribution: str, path: Path) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; its figures as a dict."""
    cmd = [sys.executable, __file__, "--child", mode, str(processes), attribution, str(path)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# --- the whole run ----------------------------------------------------------------------------------

def run(limit: int, corpus: Path) -> dict[str, Any]:
    from claimgraph.ml import installed

    articles = bench_articles(limit, corpus)
    words = sum(len(a.text.split()) for a in articles)
    runs = [("pipe", "spaCy nlp.pipe (baseline)", "-")]
    runs += [("extract", "extract, rules", "rules")]
    if installed():
        runs += [("extract", "extract, tagger", "tagger")]
    runs += [("ingest", "ingest into SQLite (default)", "auto")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        write_articles(articles, path)
        for mode, label, attribution in runs:
            for processes in (1, 2):
                figures = measure(mode, processes, attribution, path)
                rows.append({"mode": mode, "label": label, "attribution": attribution,
                             "processes": processes} | figures)
                print(f"  {label:32} {processes} proc  {figures['words_per_s']:7.0f} words/s", file=sys.stderr)
    base = {r["processes"]: r["words_per_s"] for r in rows if r["mode"] == "pipe"}
    one = {(r["label"]): r["words_per_s"] for r in rows if r["processes"] == 1}
    for r in rows:
        r["ratio"] = r["words_per_s"] / base[r["processes"]]
        r["speedup"] = r["words_per_s"] / one[r["label"]]
    return {"articles": len(articles), "words": words, "rows": rows}


def table(result: dict[str, Any]) -> str:
    lines = [f"{result['articles']} articles, {result['words']:,} words.", "",
             "| what | processes | articles/s | words/s | vs nlp.pipe | 2 vs 1 process | start (s) | peak MB |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in result["rows"]:
        lines.append(f"| {r['label']} | {r['processes']} | {r['articles_per_s']:.1f} | {r['words_per_s']:,.0f} "
                     f"| {r['ratio']:.2f}x | {r['speedup']:.2f}x | {r['start_s']:.1f} | {r['peak_mb']:,.0f} |")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        mode, processes, attribution, path = sys.argv[2:6]
        print(json.dumps(_child(mode, int(processes), attribution, Path(path))))
        return
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument("--json", type=Path, help="also write the figures here")
    args = p.parse_args()
    result = run(args.articles, args.corpus)
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
