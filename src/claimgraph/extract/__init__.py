"""Extraction stages: pure functions from a parsed article to records."""

from claimgraph.extract.pipeline import EXTRACTOR, VERSION, extract_article, extract_articles

__all__ = ["EXTRACTOR", "VERSION", "extract_article", "extract_articles"]
