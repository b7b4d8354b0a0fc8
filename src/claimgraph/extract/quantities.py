"""Quantities with qualifiers and units (issue 4: to be filled)."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.models import Article, Quantity

__all__ = ["EXTRACTOR", "VERSION", "find_quantities"]

EXTRACTOR = "claimgraph.quantities"
VERSION = "0"


def find_quantities(doc: Doc, article: Article) -> list[Quantity]:
    """Every quantity in the parsed article, in text order."""
    return []
