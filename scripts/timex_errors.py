#!/usr/bin/env python3
"""Where the time extractor goes wrong on a TempEval-3 split: error counts by kind, then examples.

    python3 scripts/timex_errors.py out/timex-dev.pred.jsonl --split dev [--show wrong_value] [--kind weekday]

Reads the gold TIMEX3 through ../shared/eval/tasks/timex.py (the benchmark stays in ../shared) and
pairs gold and predicted spans the way its scorer does. Error types: `missed` (gold span with no
overlapping prediction), `spurious` (prediction with no gold), `wrong_value`, `wrong_type` and
`span` (overlapping, not identical). Kinds are a rough reading of the gold text (or the prediction's,
for spurious ones).
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"

KINDS = [
    ("clock", r"\d[.:]?\d*\s*[ap]\.?m|noon|midnight|o'clock"),
    ("ref", r"^(the )?(now|currently|current|recent(ly)?|(the )?(near )?future|the past|former(ly)?|soon|previously"
            r"|once|already)$"),
    ("set", r"\b(daily|weekly|monthly|annually|yearly|hourly|every|each|per)\b"),
    ("ago", r"\b(ago|earlier|later)$"),
    ("quarter", r"quarter|\bhalf\b"),
    ("date_md", r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"),
    ("month", r"\b(january|february|march|april|may|june|july|august|september|october|november|december|"
              r"jan|feb|aug|sept?|oct|nov|dec)\b"),
    ("weekday", r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"),
    ("deictic", r"\b(today|yesterday|tomorrow|tonight)\b|this (morning|evening|afternoon)|last night"),
    ("season", r"\b(spring|summer|fall|autumn|winter)\b"),
    ("relative", r"\b(this|last|next|past|coming|previous|recent)\b"),
    ("decade", r"\d0'?s\b|\bcentury\b|ties\b"),
    ("year", r"^\D*\d{4}\D*$"),
    ("duration", r"\b(second|minute|hour|day|week|month|year|decade)s?\b"),
]


def kind_of(text: str) -> str:
    t = " ".join(text.lower().split())
    for name, pattern in KINDS:
        if re.search(pattern, t):
            return name
    return "other"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--show", action="append", default=[], help="error type to list (repeatable)")
    ap.add_argument("--kind", help="only list this kind")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(SHARED_EVAL / "tasks"))
    import timex  # noqa: E402  (the benchmark's own reader, from ../shared)

    docs = timex._documents(SHARED_EVAL / "data" / "timex", args.split, None)
    preds = {}
    for line in args.pred.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            preds[row["doc"]] = row
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    examples: list[tuple[str, str, str]] = []
    for d in docs:
        text, gold = d["text"], d["gold"]
        row = preds.get(d["doc"])
        pred = timex._predicted_times(row, text) if row else []
        pairs = timex._match(gold, pred)
        gi, pj = {i for i, _ in pairs}, {j for _, j in pairs}

        def ctx(s: int, e: int, text: str = text) -> str:
            return (text[max(0, s - 50):s] + "[" + text[s:e] + "]" + text[e:e + 30]).replace("\n", " ")

        for i, g in enumerate(gold):
            if i not in gi:
                k = kind_of(text[g["start"]:g["end"]])
                counts[("missed", k)] += 1
                where = ctx(g["start"], g["end"])
                examples.append(("missed", k, f"{d['published'][:10]} {g['type']} {g['value']} | {where}"))
        for j, p in enumerate(pred):
            if j not in pj:
                k = kind_of(text[p["start"]:p["end"]])
                counts[("spurious", k)] += 1
                where = ctx(p["start"], p["end"])
                examples.append(("spurious", k, f"{d['published'][:10]} {p['type']} {p['value']} | {where}"))
        for i, j in pairs:
            g, p = gold[i], pred[j]
            k = kind_of(text[g["start"]:g["end"]])
            gp = f"{d['published'][:10]} gold {g['type']} {g['value']} pred {p['type']} {p['value']}"
            if (g["start"], g["end"]) != (p["start"], p["end"]):
                counts[("span", k)] += 1
                spans = f"gold [{text[g['start']:g['end']]}] pred [{text[p['start']:p['end']]}]"
                examples.append(("span", k, f"{spans} | {ctx(g['start'], g['end'])}"))
            if (p["value"] or "").strip() != g["value"]:
                counts[("wrong_value", k)] += 1
                examples.append(("wrong_value", k, f"{gp} | {ctx(g['start'], g['end'])}"))
            if (p["type"] or "").strip().upper() != g["type"]:
                counts[("wrong_type", k)] += 1
                examples.append(("wrong_type", k, f"{gp} | {ctx(g['start'], g['end'])}"))
    types = ["missed", "spurious", "wrong_value", "wrong_type", "span"]
    kinds = sorted({k for _, k in counts}, key=lambda k: -sum(counts[(t, k)] for t in types))
    print(f"{'kind':10}" + "".join(f"{t:>12}" for t in types))
    for k in kinds:
        print(f"{k:10}" + "".join(f"{counts[(t, k)]:>12}" for t in types))
    print(f"{'total':10}" + "".join(f"{sum(counts[(t, k)] for k in kinds):>12}" for t in types))
    for t, k, line in examples:
        if t in args.show and (args.kind is None or k == args.kind):
            print(f"{t:11} {k:9} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
