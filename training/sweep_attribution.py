"""Train several attribution-tagger recipes side by side on one GPU and rank them on PolNeAR dev.

    python training/sweep_attribution.py --data DIR --encoder DIR --runs DIR [--deadline 420] [--jobs 12]

Each recipe (RECIPES below: train_attribution.py's options) runs as its own process, all at once; a
run still going at the deadline is stopped, and keeps the best epoch it had written. Prints one line
per run (best epoch's dev overlap F1 per role) sorted by the mean, and leaves `NAME.safetensors`,
`NAME.json` (every epoch's scores) and `NAME.probs.npz` (the best epoch's dev probabilities, which the
whole pipeline is scored from on the CPU) in --runs. This is how the shipped recipe was chosen: the scores
are the trainer's own span metric on the tagger alone; the project's scores (docs/accuracy.md) come
from `claimgraph extract` and ../shared/eval/score.py on the chosen weights.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

BASE = ["--epochs", "8", "--batch", "32", "--lr", "3e-4", "--frozen-layers", "0", "--max-tokens", "256",
        "--seed", "13"]

RECIPES: dict[str, list[str]] = {
    "base": [],
    "seed7": ["--seed", "7"],
    "ema": ["--ema", "0.995"],
    "decay": ["--layer-decay", "0.85"],
    "lr2e4x12": ["--lr", "2e-4", "--epochs", "12"],
    "lr5e4": ["--lr", "5e-4"],
    "drop2": ["--dropout", "0.2"],
    "weights": ["--class-weights", "1,2,1.2"],
    "stride64": ["--train-stride", "64", "--epochs", "5"],  # twice the windows an epoch
    "combo": ["--epochs", "12", "--ema", "0.995", "--layer-decay", "0.85"],
    # second round: the best first-round change (lr 5e-4) over seeds, and longer
    "lr5e4s7": ["--lr", "5e-4", "--seed", "7"],
    "lr5e4s21": ["--lr", "5e-4", "--seed", "21"],
    "lr5e4s3": ["--lr", "5e-4", "--seed", "3"],
    "lr5e4x10": ["--lr", "5e-4", "--epochs", "10"],
    # third round: a third seed of the shipped recipe, the baseline for the parse features tried at 2232d64
    "seed21": ["--seed", "21"],
    # fourth round: a model for cues alone (to pair with the shipped one), cues weighted up, trained embeddings
    "cue": ["--role-weights", "0,1,0"],
    "cue7": ["--role-weights", "0,1,0", "--seed", "7"],
    "cue2": ["--role-weights", "1,2,1"],
    "cue2s7": ["--role-weights", "1,2,1", "--seed", "7"],
    "emb": ["--train-embeddings"],
    "emb7": ["--train-embeddings", "--seed", "7"],
    # fifth round: masked-word prediction on the training text first (task-adaptive pretraining), and a
    # twelve-layer encoder grown from the six (each layer followed by a copy) and healed the same way
    "adapt": ["--adapt-epochs", "12"],
    "adapt7": ["--adapt-epochs", "12", "--seed", "7"],
    "grow": ["--grow", "--adapt-epochs", "12"],
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--encoder", type=Path, required=True)
    ap.add_argument("--runs", type=Path, required=True)
    ap.add_argument("--deadline", type=float, default=420, help="seconds before unfinished runs are stopped")
    ap.add_argument("--only", nargs="*", help="run only these recipes")
    ap.add_argument("--extra", nargs=argparse.REMAINDER, default=[], help="options added to every run")
    a = ap.parse_args()
    a.runs.mkdir(parents=True, exist_ok=True)
    trainer = Path(__file__).with_name("train_attribution.py")
    procs = {}
    for name, opts in RECIPES.items():
        if a.only and name not in a.only:
            continue
        cmd = [sys.executable, str(trainer), "--data", str(a.data), "--encoder", str(a.encoder),
               "--out", str(a.runs / f"{name}.safetensors"), "--log", str(a.runs / f"{name}.json"),
               "--dev-probs", str(a.runs / f"{name}.probs.npz"),
               *BASE, *opts, *a.extra]
        log = open(a.runs / f"{name}.log", "w")  # noqa: SIM115 - open for the child's lifetime
        procs[name] = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    start = time.time()
    while any(p.poll() is None for p in procs.values()) and time.time() - start < a.deadline:
        time.sleep(2)
    for name, p in procs.items():
        if p.poll() is None:
            p.kill()
            print(f"{name}: stopped at the deadline", flush=True)
        elif p.returncode:
            print(f"{name}: failed ({p.returncode}); see {a.runs / (name + '.log')}", flush=True)
    rows = []
    for name in procs:
        f = a.runs / f"{name}.json"
        if not f.exists():
            continue
        epochs = json.loads(f.read_text())["epochs"]
        top = max(epochs, key=lambda e: e["mean"])
        rows.append((top["mean"], name, top, len(epochs)))
    elapsed = time.time() - start
    print(f"{'recipe':10} {'epoch':>6} {'source':>7} {'cue':>6} {'content':>8} {'mean':>6}  ({elapsed:.0f}s)")
    for mean, name, top, n in sorted(rows, key=lambda r: r[0], reverse=True):
        print(f"{name:10} {top['epoch']:>3}/{n:<2} {top['source']:>7} {top['cue']:>6} {top['content']:>8} {mean:>6}")


if __name__ == "__main__":
    main()
