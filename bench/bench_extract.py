"""Extraction throughput: the spaCy parse alone (baseline), then claims by rules and by the tagger.

    python bench/bench_extract.py [ARTICLES.jsonl]   (default: the bundled Wikinews samples)

Prints words per second for each and the ratio to the parse alone, measured in one run, since the
machines are shared and noisy. Uses one process and the CPU.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from claimgraph.extract.pipeline import extraction_from_doc
from claimgraph.ingest import read_inputs
from claimgraph.ml import installed
from claimgraph.models import Article
from claimgraph.nlp import load_model


def main() -> None:
    src = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parent.parent / "samples" / "wikinews")
    articles = [a for a in read_inputs([src]) if isinstance(a, Article)]
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_model()
    modes = ["rules"] + (["tagger"] if installed() else [])
    if "tagger" in modes:  # load the weights outside the timed part, as a long ingest would
        extraction_from_doc(articles[0], nlp(articles[0].text), "tagger")
    t0 = time.perf_counter()
    docs = [nlp(a.text) for a in articles]
    parse = time.perf_counter() - t0
    print(f"{len(articles)} articles, {words} words")
    print(f"{'spaCy parse (baseline)':28} {words / parse:8.0f} words/s  1.00x")
    for mode in modes:
        t0 = time.perf_counter()
        for article, doc in zip(articles, docs, strict=True):
            extraction_from_doc(article, doc, mode)
        total = parse + time.perf_counter() - t0
        print(f"{'parse + claims by ' + mode:28} {words / total:8.0f} words/s  {parse / total:.2f}x")


if __name__ == "__main__":
    main()
