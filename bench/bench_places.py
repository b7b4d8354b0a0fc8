"""Place resolution cost: gazetteer lookups and the places stage, against the spaCy parse in the same run.

    python bench/bench_places.py [ARTICLES.jsonl]   (default: the bundled Wikinews samples)

Builds the gazetteer first if the cache lacks it (not timed). Prints lookups per second for the
names spaCy finds in the articles (cold: first sight of each name; warm: the cache in front of
SQLite), and the time `find_places` adds to the parse, as a ratio.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from claimgraph.extract.places import find_places
from claimgraph.geo import Gazetteer
from claimgraph.geo.gazetteer import fold
from claimgraph.ingest import read_inputs
from claimgraph.models import Article
from claimgraph.nlp import load_model


def main() -> None:
    src = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parent.parent / "samples" / "wikinews")
    articles = [a for a in read_inputs([src]) if isinstance(a, Article)]
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_model()
    gazetteer = Gazetteer.default()
    t0 = time.perf_counter()
    docs = [nlp(a.text) for a in articles]
    parse = time.perf_counter() - t0
    names = [e.text for d in docs for e in d.ents] * 20
    fresh = Gazetteer(gazetteer.path)  # an empty lookup cache
    t0 = time.perf_counter()
    for name in dict.fromkeys(names):
        fresh._lookup_uncached(fold(name))
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for name in names:
        fresh.lookup(name)
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    places = sum(len(list(find_places(d, a, gazetteer))) for a, d in zip(articles, docs, strict=True))
    stage = time.perf_counter() - t0
    unique = len(dict.fromkeys(names))
    print(f"{len(articles)} articles, {words} words, {places} places; gazetteer {gazetteer.path}")
    print(f"{'gazetteer lookup, cold':28} {unique / cold:10.0f} names/s")
    print(f"{'gazetteer lookup, warm':28} {len(names) / warm:10.0f} names/s")
    print(f"{'spaCy parse (baseline)':28} {words / parse:10.0f} words/s  1.00x")
    print(f"{'parse + places':28} {words / (parse + stage):10.0f} words/s  {parse / (parse + stage):.2f}x")


if __name__ == "__main__":
    main()
