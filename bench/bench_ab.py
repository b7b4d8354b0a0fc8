"""CPU time of extraction with the rules against the parse alone, at two commits, interleaved.

    python bench/bench_ab.py OLD_REV [NEW_REV] [--articles 500] [--rounds 5]

On a shared machine wall-clock rates move by a fifth from run to run, so a change to the rules path
is measured here by process CPU time, in rounds that alternate the two commits (each round: a fresh
process per commit extracting the articles with `--attribution rules`, and a fresh process parsing
them with bare spaCy). NEW_REV defaults to the working tree; OLD_REV is checked out in a temporary
git worktree. The articles are bench_throughput.py's. Prints each round, the mean CPU seconds and
the parse-alone over extract ratio per commit (the figure `make bench` reports as "vs nlp.pipe",
by CPU time instead of wall time), and the median of the rounds' new/old extract ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[2])
from bench_throughput import bench_articles, bare_spacy
articles = bench_articles(int(sys.argv[4]))
if sys.argv[3] == "parse":
    nlp = bare_spacy()
    list(nlp.pipe([a.text for a in articles[:20]]))
    t = time.process_time()
    list(nlp.pipe([a.text for a in articles], batch_size=16))
else:
    from claimgraph.extract.pipeline import extract_articles
    from claimgraph.nlp import load_model
    nlp = load_model()
    list(extract_articles(articles[:20], nlp, attribution="rules"))
    t = time.process_time()
    list(extract_articles(articles, nlp, attribution="rules"))
print(json.dumps(time.process_time() - t))
"""


def cpu_seconds(src: Path, what: str, articles: int) -> float:
    done = subprocess.run([sys.executable, "-c", CHILD, str(src), str(ROOT / "bench"), what, str(articles)],
                          capture_output=True, text=True, check=True)
    return float(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old", help="the commit to compare against")
    parser.add_argument("new", nargs="?", help="the other commit (default: the working tree)")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        trees = {}
        for name, rev in (("old", args.old), ("new", args.new)):
            if rev is None:
                trees[name] = ROOT / "src"
                continue
            path = Path(tmp) / name
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(path), rev], check=True)
            trees[name] = path / "src"
        try:
            runs: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
            for r in range(args.rounds):
                order = ("old", "new") if r % 2 == 0 else ("new", "old")
                for name in order:
                    extract = cpu_seconds(trees[name], "extract", args.articles)
                    parse = cpu_seconds(trees[name], "parse", args.articles)
                    runs[name].append((extract, parse))
                    print(f"round {r + 1} {name}: extract {extract:.2f} s, parse alone {parse:.2f} s CPU", flush=True)
        finally:
            for name, rev in (("old", args.old), ("new", args.new)):
                if rev is not None:
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(Path(tmp) / name)],
                                   check=False)
    parse = statistics.mean(p for rows in runs.values() for _, p in rows)
    for name in ("old", "new"):
        extract = statistics.mean(e for e, _ in runs[name])
        print(f"{name} ({args.old if name == 'old' else args.new or 'working tree'}): extract {extract:.2f} s CPU "
              f"mean; parse alone {parse:.2f} s (all rounds): {parse / extract:.2f}x of the parse")
    paired = statistics.median(n[0] / o[0] for n, o in zip(runs["new"], runs["old"], strict=True))
    print(f"median new/old extract CPU over {args.rounds} rounds: {paired:.2f}")


if __name__ == "__main__":
    main()
