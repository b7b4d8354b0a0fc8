"""ECB+ story clustering: the TF-IDF + agglomerative baseline and claimgraph's story linker, in one run.

    python scripts/xdoc_baseline.py ARTICLES.jsonl EXTRACTION.jsonl [--split dev] [--threshold T]

ARTICLES.jsonl is what `score.py prepare xdoc` writes; EXTRACTION.jsonl is the cached output of
`claimgraph extract ARTICLES.jsonl --format jsonl` over it (so the spaCy parse runs once). Both methods
are scored by the benchmark's own scorer (../shared/eval/tasks/xdoc.py, not part of this project):
  baseline  TfidfVectorizer (English stop words, sublinear tf), cosine distance, complete linkage, the
            distance threshold swept on the split (`--threshold` fixes it instead): the issue's baseline
  linker    claimgraph.link.stories, articles linked one by one in file order with the default options
Prints one JSON line per method. `--write-baseline PRED.jsonl` keeps the baseline's predictions.
Needs scikit-learn (the baseline only; claimgraph itself does not).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path
from typing import Any

from claimgraph.link.stories import StoryLinker
from claimgraph.models import ActorRef, Article, Claim, Event, Extraction, Place, Quantity, TimeRef, from_dict

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def _scorer(split: str) -> Any:
    sys.path.insert(0, str(EVAL))
    task = importlib.import_module("tasks.xdoc")
    root = EVAL / "data" / "xdoc" if split != "test" else EVAL.parent.parent / ".holdout" / "xdoc"
    return lambda preds: task.score(root, split, preds, None)["all"]


def baseline(texts: list[str], threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts).toarray()
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="complete",
                                    distance_threshold=threshold)
    return [int(v) for v in model.fit_predict(x)]


def _read(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _extractions(articles: list[dict[str, Any]], path: Path) -> list[Extraction]:
    """The cached `--format jsonl` lines as Extractions again, with the article text put back."""
    text = {a["doc"]: a["text"] for a in articles}
    out = []
    for row in _read(path):
        article = from_dict(Article, {**row["article"], "text": text[row["article"]["doc"]]})
        out.append(Extraction(article=article, **{
            name: tuple(from_dict(cls, r) for r in row.get(name, ()))
            for name, cls in (("claims", Claim), ("actors", ActorRef), ("times", TimeRef), ("places", Place),
                              ("quantities", Quantity), ("events", Event))}))
    return out


def _short(m: dict[str, Any]) -> dict[str, Any]:
    keys = ("conll_f1", "b3_f1", "muc_f1", "ceafe_f1", "ari", "b3_p", "b3_r", "n_pred_clusters")
    return {k: m[k] for k in keys}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("articles", type=Path)
    p.add_argument("extraction", type=Path)
    p.add_argument("--split", default="dev")
    p.add_argument("--threshold", type=float, default=None, help="baseline distance threshold (default: swept)")
    p.add_argument("--write-baseline", type=Path, default=None)
    a = p.parse_args()
    score = _scorer(a.split)
    articles = _read(a.articles)
    docs = [x["doc"] for x in articles]
    texts = [x["text"] for x in articles]

    grid = [a.threshold] if a.threshold is not None else [round(0.70 + 0.01 * i, 2) for i in range(30)]
    best: tuple[float, float, list[int]] | None = None
    for t in grid:
        labels = baseline(texts, t)
        f1 = score([{"doc": d, "story": s} for d, s in zip(docs, labels, strict=True)])["conll_f1"]
        if best is None or f1 > best[0]:
            best = (f1, t, labels)
    assert best is not None
    _, t, labels = best
    preds = [{"doc": d, "story": s} for d, s in zip(docs, labels, strict=True)]
    print(json.dumps({"method": "baseline tfidf+agglomerative", "threshold": t, **_short(score(preds))}))
    if a.write_baseline:
        with open(a.write_baseline, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(r) + "\n" for r in preds)

    linker = StoryLinker()
    t0 = time.perf_counter()
    stories = [linker.add(x) for x in _extractions(articles, a.extraction)]
    took = time.perf_counter() - t0
    preds = [{"doc": d, "story": linker.resolve(s)} for d, s in zip(docs, stories, strict=True)]
    print(json.dumps({"method": "claimgraph story linker", "seconds": round(took, 2), **_short(score(preds))}))


if __name__ == "__main__":
    main()
