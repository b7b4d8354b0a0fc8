"""ECB+ story clustering: the TF-IDF + agglomerative baseline and claimgraph's story linker, in one run.

    python scripts/xdoc_baseline.py ARTICLES.jsonl EXTRACTION.jsonl [--split dev] [--threshold T] [--cv]

ARTICLES.jsonl is what `score.py prepare xdoc` writes; EXTRACTION.jsonl is the cached output of
`claimgraph extract ARTICLES.jsonl --format jsonl` over it (so the spaCy parse runs once). Both methods
are scored by the benchmark's own scorer (../shared/eval/tasks/xdoc.py, not part of this project):
  baseline  TfidfVectorizer (English stop words, sublinear tf), cosine distance, complete linkage, the
            distance threshold swept on the split (`--threshold` fixes it instead): the issue's baseline
  linker    claimgraph.link.stories, articles linked one by one in file order with the default options;
            each article's story is read at the end (`resolve(story, article)`: re-clustering on a later
            arrival may have moved it), as `claimgraph extract --format eval` writes it
Prints one JSON line per method. `--write-baseline PRED.jsonl` keeps the baseline's predictions.
`--cv` adds the cross-validation by topic of docs/accuracy.md (dev only): the split's topics in numeric
order, alternately in half A and half B; each method is tuned on one half (the baseline's threshold,
the linker's options over LINKER_GRID, each half linked on its own) and scored on the other, and the
two held-out CoNLL F1 are averaged.
Needs scikit-learn (the baseline only; claimgraph itself does not).
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import sys
import time
from pathlib import Path
from typing import Any

from claimgraph.link.stories import StoryLinker, StoryOptions
from claimgraph.models import ActorRef, Article, Claim, Event, Extraction, Place, Quantity, TimeRef, from_dict

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
BASELINE_GRID = [round(0.70 + 0.01 * i, 2) for i in range(30)]
# the linker options swept by --cv, around the defaults (each combination links both halves)
LINKER_GRID = {"min_similarity": (0.03, 0.05), "same_story_bonus": (0.03, 0.05), "merge_penalty": (0.05, 0.08)}


def _task() -> Any:
    sys.path.insert(0, str(EVAL))
    return importlib.import_module("tasks.xdoc")


def _root(split: str) -> Path:
    return EVAL / "data" / "xdoc" if split != "test" else EVAL.parent.parent / ".holdout" / "xdoc"


def _scorer(split: str) -> Any:
    task, root = _task(), _root(split)
    return lambda preds: task.score(root, split, preds, None)["all"]


def link(extractions: list[Extraction], options: StoryOptions | None = None) -> list[str]:
    """Each article's story after linking them all in order, as `extract --format eval` writes it."""
    linker = StoryLinker(options)
    stories = [linker.add(x) for x in extractions]
    return [linker.resolve(s, x.article.id) for s, x in zip(stories, extractions, strict=True)]


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
    p.add_argument("--cv", action="store_true", help="cross-validate both methods by topic (dev only)")
    a = p.parse_args()
    score = _scorer(a.split)
    articles = _read(a.articles)
    docs = [x["doc"] for x in articles]
    texts = [x["text"] for x in articles]

    grid = [a.threshold] if a.threshold is not None else BASELINE_GRID
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

    extractions = _extractions(articles, a.extraction)
    t0 = time.perf_counter()
    stories = link(extractions)
    took = time.perf_counter() - t0
    preds = [{"doc": d, "story": s} for d, s in zip(docs, stories, strict=True)]
    print(json.dumps({"method": "claimgraph story linker", "seconds": round(took, 2), **_short(score(preds))}))
    if a.cv:
        if a.split == "test":
            p.error("--cv tunes on the split's topics: use it on dev only")
        cross_validate(a.split, docs, texts, extractions)


def cross_validate(split: str, docs: list[str], texts: list[str], extractions: list[Extraction]) -> None:
    """Tune on half the topics, score on the other half, and swap (see the module docstring)."""
    task = _task()
    gold = {d["doc"]: d for d in task._documents(_root(split), split, None)}  # the scorer's own reading
    topics = sorted({gold[d]["topic"] for d in docs}, key=int)
    halves = {h: [i for i, d in enumerate(docs) if topics.index(gold[d]["topic"]) % 2 == k]
              for k, h in enumerate("AB")}

    def conll(half: list[int], labels: list[Any]) -> float:
        key = task._clusters([gold[docs[i]]["story"] for i in half])
        return float(task._metrics(key, task._clusters(labels))["conll_f1"])

    grid = [dict(zip(LINKER_GRID, v, strict=True)) for v in itertools.product(*LINKER_GRID.values())]
    methods: dict[str, dict[Any, dict[str, float]]] = {
        "baseline tfidf+agglomerative": {
            t: {h: conll(half, baseline([texts[i] for i in half], t)) for h, half in halves.items()}
            for t in BASELINE_GRID},
        "claimgraph story linker": {
            json.dumps(g): {h: conll(half, link([extractions[i] for i in half], StoryOptions(**g)))
                            for h, half in halves.items()} for g in grid},
    }
    for method, scores in methods.items():
        held_out = {}
        for tuned, scored in (("A", "B"), ("B", "A")):
            best = max(scores, key=lambda c: scores[c][tuned])
            held_out[scored] = round(scores[best][scored], 2)
            print(json.dumps({"method": method, "tuned_on": tuned, "chosen": best,
                              "tuned_f1": round(scores[best][tuned], 2), f"held_out_{scored}_f1": held_out[scored]}))
        print(json.dumps({"method": method, "cv_by_topic_conll_f1": round(sum(held_out.values()) / 2, 2)}))


if __name__ == "__main__":
    main()
