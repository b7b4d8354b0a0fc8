#!/usr/bin/env python3
"""Where attribution extraction goes wrong on a PolNeAR split: error counts per role, then the commonest words.

    python3 scripts/attribution_errors.py out/polnear-dev.tagger.jsonl --split dev [--top 15]

Reads the gold through ../shared/eval/tasks/attribution.py (the benchmark stays in ../shared) and
compares, per document and role, the set of unique gold fragments with the predicted ones, as the
element-level score does. Each gold fragment is `exact`, `longer` (one prediction covers it and
more), `shorter` (one prediction inside it), `split` (two or more predictions overlap it), `crossing`
(one prediction overlaps it with neither inside the other) or `missed`; each prediction that
overlaps no gold fragment is `spurious`. Then the commonest texts of missed and spurious cues.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
ROLES = ("source", "cue", "content")
KINDS = ("exact", "longer", "shorter", "split", "crossing", "missed", "spurious")


def classify(gold: set[tuple[int, int]], pred: set[tuple[int, int]]) -> collections.Counter:
    """Error kinds of one role in one document."""
    out: collections.Counter = collections.Counter()
    for gs, ge in gold:
        hits = [(ps, pe) for ps, pe in pred if ps < ge and gs < pe]
        if not hits:
            out["missed"] += 1
        elif (gs, ge) in hits:
            out["exact"] += 1
        elif len(hits) > 1:
            out["split"] += 1
        elif hits[0][0] <= gs and ge <= hits[0][1]:
            out["longer"] += 1
        elif gs <= hits[0][0] and hits[0][1] <= ge:
            out["shorter"] += 1
        else:
            out["crossing"] += 1
    out["spurious"] += sum(1 for ps, pe in pred if not any(ps < ge and gs < pe for gs, ge in gold))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("predictions", type=Path, help="claimgraph extract --format eval output")
    ap.add_argument("--split", default="dev", choices=["train", "dev"])
    ap.add_argument("--top", type=int, default=15, help="how many missed and spurious cue texts to list")
    a = ap.parse_args()
    sys.path.insert(0, str(SHARED_EVAL))
    from tasks import attribution as task  # ../shared/eval, the benchmark's own reader and scorer

    preds = {row["doc"]: row for row in map(json.loads, a.predictions.read_text(encoding="utf-8").splitlines())}
    counts = {r: collections.Counter() for r in ROLES}
    missed_cues: collections.Counter = collections.Counter()
    spurious_cues: collections.Counter = collections.Counter()
    for d in task._documents(SHARED_EVAL / "data" / "attribution", a.split, None):
        text = d["text"]
        pred = task._predicted_claims(preds.get(d["doc"], {"doc": d["doc"]}), text)
        for role in ROLES:
            g = {f for att in d["gold"] for f in att[role]}
            p = {f for att in pred for f in att[role]}
            counts[role] += classify(g, p)
            if role == "cue":
                missed_cues.update(text[s:e].lower() for s, e in g if not any(ps < e and s < pe for ps, pe in p))
                spurious_cues.update(text[s:e].lower() for s, e in p if not any(gs < e and s < ge for gs, ge in g))
    print("| role | " + " | ".join(KINDS) + " |")
    print("|---|" + "---|" * len(KINDS))
    for role in ROLES:
        print(f"| {role} | " + " | ".join(str(counts[role][k]) for k in KINDS) + " |")
    print("\nmissed cues:", ", ".join(f"{t!r} {n}" for t, n in missed_cues.most_common(a.top)))
    print("spurious cues:", ", ".join(f"{t!r} {n}" for t, n in spurious_cues.most_common(a.top)))


if __name__ == "__main__":
    main()
