"""Time expressions normalised TIMEX3-style against the publication date (issue 4: to be filled)."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.models import Article, TimeRef

__all__ = ["EXTRACTOR", "VERSION", "find_times"]

EXTRACTOR = "claimgraph.times"
VERSION = "0"


def find_times(doc: Doc, article: Article) -> list[TimeRef]:
    """Every time expression in the parsed article, in text order."""
    return []
