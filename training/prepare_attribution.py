"""Write PolNeAR train and dev as training data for the attribution tagger.

    python training/prepare_attribution.py ../shared/eval/data/attribution out/attribution-data [--features]

Reads the canonical annotation of each article (lowest annotator id, the `canonical` flag in the
corpus's jsonl/ copy), exactly the gold that ../shared/eval/tasks/attribution.py scores, and writes
one line per article: {"doc", "text", "spans": {"source": [[s, e], ...], "cue": [...], "content": [...]}}.
PolNeAR v1.0.0 (networkdynamics/PolNeAR), see ../shared/eval/SOURCES.md. The output is training
material only: it is never committed to the project.

With --features it also parses each article with claimgraph's spaCy pipeline and writes the words'
parse labels (claimgraph.ml.features.word_labels) to SPLIT.features.jsonl, one line per article in
the same order, for a tagger trained with parse features (train_attribution.py --features).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROLES = ("source", "cue", "content")


def main(src: Path, out: Path, features: bool = False) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        lines = (src / "jsonl" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines]
        n = 0
        with open(out / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for row in rows:
                if not row.get("canonical"):
                    continue
                with open(src / split / "text" / f"{row['doc_id']}.txt", encoding="utf-8", newline="") as t:
                    text = t.read()
                spans: dict[str, list[list[int]]] = {r: [] for r in ROLES}
                for att in row["attributions"]:
                    if not att.get("cue") or not att.get("content"):
                        continue
                    for role in ROLES:
                        spans[role].extend(att.get(role) or [])
                f.write(json.dumps({"doc": row["doc_id"], "text": text, "spans": spans}, ensure_ascii=False) + "\n")
                n += 1
        print(f"{split}: {n} articles -> {out / (split + '.jsonl')}")
        if features:
            write_features(out / f"{split}.jsonl", out / f"{split}.features.jsonl")


def write_features(articles: Path, dest: Path) -> None:
    """Parse each article as claimgraph does and write its words' labels, one line per article."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from claimgraph.extract.lexicon import lexicon
    from claimgraph.ml.features import word_labels
    from claimgraph.nlp.model import load_model

    nlp, lex = load_model(), lexicon()
    texts = [json.loads(line)["text"] for line in articles.read_text(encoding="utf-8").splitlines()]
    with open(dest, "w", encoding="utf-8") as f:
        for doc in nlp.pipe(texts, batch_size=16):
            f.write(json.dumps(word_labels(doc, lex).to_json()) + "\n")
    print(f"  parse features of {len(texts)} articles -> {dest}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path, help="the PolNeAR copy (../shared/eval/data/attribution)")
    ap.add_argument("out", type=Path)
    ap.add_argument("--features", action="store_true", help="also write the words' parse features")
    a = ap.parse_args()
    main(a.src, a.out, a.features)
