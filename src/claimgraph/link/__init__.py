"""Cross-article linking: stories of articles that report the same event, built as articles arrive."""

from claimgraph.link.stories import GROUPS, LinkerState, Story, StoryLinker, StoryOptions, article_features

__all__ = ["GROUPS", "LinkerState", "Story", "StoryLinker", "StoryOptions", "article_features"]
