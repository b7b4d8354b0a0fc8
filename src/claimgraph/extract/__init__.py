"""Extraction stages: pure functions from a parsed article to records.

The pipeline is imported on first use, so `claimgraph.extract.actors` (plain Python) can be used
without loading what the pipeline needs (spaCy, the gazetteer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import EXTRACTOR, VERSION, extract_article, extract_articles

__all__ = ["EXTRACTOR", "VERSION", "extract_article", "extract_articles"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from claimgraph.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'claimgraph.extract' has no attribute {name!r}")
