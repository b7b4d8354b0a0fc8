"""Places: an offline gazetteer (`gazetteer`) and the toponym resolver built on it (`resolve`)."""

from claimgraph.geo.gazetteer import Entry, Gazetteer, fold

__all__ = ["Entry", "Gazetteer", "fold"]
