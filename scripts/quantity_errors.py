#!/usr/bin/env python3
"""Where the quantity extractor goes wrong on a quantity split: error counts by kind, then examples.

    python3 scripts/quantity_errors.py out/q-dev.pred.jsonl --split dev [--show missed] [--kind power]

Reads the gold through ../shared/eval/tasks/quantity.py (the benchmark stays in ../shared) and pairs
gold and predicted quantities the way its scorer does. Error types: `missed` (gold with no prediction
of its value), `spurious` (prediction with no gold), `wrong_unit` (paired, in a document that annotates
units, units disagree) and `wrong_qual` (paired, in a document that annotates qualifiers, qualifiers
disagree). Kinds are a rough reading of the text around the quantity; rows are split by spec model
(`--by-model`). Examples go to the terminal only, never into the repository.
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
    ("power", r"\^|\*\s*10|\bpower\b|\d[eE][-+]?\d"),
    ("over", r"\d\s+over\s+\d|\b(one|two|three|four|five|six|seven|eight|nine)\s+over\b"),
    ("tokenised", r"\d \. \d|\d , \d"),
    ("fraction", r"\d\s*/\s*\d|[½⅓⅔¼¾]|\b(half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?"
                 r"|eighths?|ninths?|tenths?|\w+ieths?|hundredths?|thousandths?|millionths?)\b"),
    ("code", r"\d[-/.:]\d+[-/.:]\d|\d{3}-\d{4}"),
    ("temperature", r"°|\bdegrees?\b|celsius|fahrenheit|centigrade|\d\s*[CF]\b"),
    ("money", r"[$€£¥₹]|\b[A-Z]{3}\b|dollars?|euros?|pounds?|cents?|yuan|yen|pesos?|rupees?|francs?|\bbn\b"),
    ("percent", r"%|per ?cent|percentage"),
    ("age", r"\bold\b|\baged?\b"),
    ("measure", r"\d\s*(k?m|cm|mm|ft|in|lbs?|kg|g|mi|mph|km/h)\b|\b(miles?|feet|foot|inch(es)?|meters?|metres?"
                r"|kilo\w+|grams?|pounds?|gallons?|liters?|litres?|acres?|yards?|tons?|tonnes?|ounces?)\b"),
    ("range", r"\b(between|from|to)\b|\d\s*[-–~]\s*\d"),
    ("qualified", r"\b(more|less|fewer|greater|at least|at most|up to|over|under|above|below|about|around)\b|[<>≤≥]"),
    ("words", r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred"
              r"|thousand|million|billion|trillion|dozen)\b"),
    ("digits", r"\d"),
]


def kind_of(text: str) -> str:
    for name, pattern in KINDS:
        if re.search(pattern, text, flags=0 if name in ("money", "temperature") else re.IGNORECASE):
            return name
    return "other"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--show", action="append", default=[], help="error type to list (repeatable)")
    ap.add_argument("--kind", help="only list this kind")
    ap.add_argument("--model", help="only documents whose id starts with this (e.g. CurrencyModel)")
    ap.add_argument("--by-model", action="store_true", help="count rows by spec model, not by kind")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(SHARED_EVAL / "tasks"))
    import quantity  # noqa: E402  (the benchmark's own reader, from ../shared)

    docs = quantity._articles(SHARED_EVAL / "data" / "quantity", args.split)
    preds = {}
    for line in args.pred.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            preds[row["doc"]] = row
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    examples: list[tuple[str, str, str]] = []
    for d in docs:
        if args.model and not d["doc"].startswith(args.model):
            continue
        text, gold = d["text"], d["gold"]
        row = preds.get(d["doc"])
        pred = quantity._predicted(row, text) if row else []
        pairs = quantity._match(gold, pred)
        gi, pj = {i for i, *_ in pairs}, {j for _, j, *_ in pairs}
        model = d["doc"].rsplit("-", 1)[0]

        def where(span: tuple[int, int] | None, text: str = text) -> str:
            if span is None:
                return text
            s, e = span
            return (text[max(0, s - 40):s] + "[" + text[s:e] + "]" + text[e:e + 30]).replace("\n", " ")

        def kind(span: tuple[int, int] | None, text: str = text, model: str = model) -> str:
            if args.by_model:
                return model
            if span is None:
                return kind_of(text)
            s, e = span
            return kind_of(text[max(0, s - 12):e + 12] if kind_of(text[s:e]) == "digits" else text[s:e])

        for i, g in enumerate(gold):
            if i not in gi:
                k = kind(g["span"])
                counts[("missed", k)] += 1
                examples.append(("missed", k, f"{d['doc']} gold {g['value']:g} {g['qualifier']} {g['units']} | "
                                              f"{where(g['span'])}"))
        for j, p in enumerate(pred):
            if j not in pj:
                k = kind(p["span"])
                counts[("spurious", k)] += 1
                examples.append(("spurious", k, f"{d['doc']} pred {p['value']} {p['qualifier']} {p['unit']} | "
                                                f"{where(p['span'])}"))
        for i, j, qual_ok, unit_ok in pairs:
            g, p = gold[i], pred[j]
            k = kind(g["span"])
            gp = f"{d['doc']} gold {g['value']:g} {g['qualifier']} {g['units']} pred {p['qualifier']} {p['unit']}"
            if d["units"] and g["units"] and not unit_ok:
                counts[("wrong_unit", k)] += 1
                examples.append(("wrong_unit", k, f"{gp} | {where(g['span'])}"))
            if d["qualifiers"] and g["qualifier"] is not None and not qual_ok:
                counts[("wrong_qual", k)] += 1
                examples.append(("wrong_qual", k, f"{gp} | {where(g['span'])}"))
    types = ["missed", "spurious", "wrong_unit", "wrong_qual"]
    kinds = sorted({k for _, k in counts}, key=lambda k: -sum(counts[(t, k)] for t in types))
    width = max([12, *map(len, kinds)]) + 1
    print(f"{'kind':{width}}" + "".join(f"{t:>12}" for t in types))
    for k in kinds:
        print(f"{k:{width}}" + "".join(f"{counts[(t, k)]:>12}" for t in types))
    print(f"{'total':{width}}" + "".join(f"{sum(counts[(t, k)] for k in kinds):>12}" for t in types))
    for t, k, line in examples:
        if t in args.show and (args.kind is None or k == args.kind):
            print(f"{t:11} {k:12} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
