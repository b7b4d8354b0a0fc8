"""spaCy side of claimgraph: loading the English pipeline."""

from claimgraph.nlp.model import load_model

__all__ = ["load_model"]
