"""Stories as the API and pages read them: a story id, its articles, its claims and their timeline.

`StorySource` is the whole interface the endpoints use. `StoredStories` reads the story ids that
`claimgraph ingest` keeps on each article (store/stories.py); the API opens the store read-only, so
a store holding unlinked articles (written before stories were kept, or by a batch load without
linking) is linked in memory instead by `LinkedStories`, which runs the story linker over the stored
articles in publication order, once, when a story is first asked for.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any, Protocol

from claimgraph.api.reads import ClaimFilters, NotFound, claim_dict, claim_rows
from claimgraph.models import Quantity, to_dict
from claimgraph.store import Store
from claimgraph.store.stories import story_articles

__all__ = ["LinkedStories", "StorySource", "StoredStories", "stories_list", "story_timeline"]


class StorySource(Protocol):
    def story_ids(self, store: Store) -> dict[str, list[str]]:
        """Story id -> its article ids, oldest first."""
        ...

    def story(self, store: Store, story_id: str) -> list[str]:
        """One story's article ids, oldest first; empty when there is no such story."""
        ...


class StoredStories:
    """The stories the store keeps; the linker in memory for a store with unlinked articles."""

    def __init__(self) -> None:
        self._linked = LinkedStories()

    def story_ids(self, store: Store) -> dict[str, list[str]]:
        if self._unlinked(store):
            return self._linked.story_ids(store)
        stories: dict[str, list[str]] = defaultdict(list)
        for aid, sid in store.conn.execute(
                "SELECT id, story_id FROM articles WHERE duplicate_of IS NULL"
                " ORDER BY published IS NULL, published, link_seq, id"):
            stories[sid].append(aid)
        return dict(stories)

    def story(self, store: Store, story_id: str) -> list[str]:
        """By the index on `articles.story_id`: a story page reads its own articles, not every story's."""
        if self._unlinked(store):
            return self._linked.story(store, story_id)
        return story_articles(store.conn, story_id)

    @staticmethod
    def _unlinked(store: Store) -> bool:
        return store.conn.execute("SELECT 1 FROM articles WHERE story_id IS NULL AND duplicate_of IS NULL"
                                  " LIMIT 1").fetchone() is not None


class LinkedStories:
    """Stories found by `StoryLinker` over every stored article; computed once per source object."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stories: dict[str, list[str]] | None = None

    def story_ids(self, store: Store) -> dict[str, list[str]]:
        with self._lock:
            if self._stories is None:
                self._stories = self._link(store)
            return self._stories

    def story(self, store: Store, story_id: str) -> list[str]:
        return self.story_ids(store).get(story_id, [])

    @staticmethod
    def _link(store: Store) -> dict[str, list[str]]:
        from claimgraph.link import StoryLinker

        linker = StoryLinker()
        joined: list[tuple[str, str]] = []
        ids = [r[0] for r in store.conn.execute(
            "SELECT id FROM articles WHERE duplicate_of IS NULL ORDER BY published IS NULL, published, id")]
        for aid in ids:
            joined.append((aid, linker.add(store.extraction(aid))))
        stories: dict[str, list[str]] = defaultdict(list)
        for aid, sid in joined:
            stories[linker.resolve(sid, aid)].append(aid)  # merges, and moves by later re-clustering
        return dict(stories)


def stories_list(source: StorySource, store: Store, limit: int, offset: int, min_size: int = 1) -> dict[str, Any]:
    """Stories with most articles first."""
    found = source.story_ids(store)
    order = sorted((sid for sid, arts in found.items() if len(arts) >= min_size),
                   key=lambda s: (-len(found[s]), s))
    page = order[offset:offset + limit + 1]
    out = []
    for sid in page[:limit]:
        arts = found[sid]
        first = store.article(arts[0])
        out.append({"id": sid, "articles": len(arts), "title": first.title if first else None,
                    "first": _published(store, arts[0]), "last": _published(store, arts[-1])})
    return {"limit": limit, "offset": offset, "next_offset": offset + limit if len(page) > limit else None,
            "total": len(order), "stories": out}


def _published(store: Store, article_id: str) -> str | None:
    row = store.conn.execute("SELECT published FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def story_timeline(source: StorySource, store: Store, story_id: str, limit: int = 500) -> dict[str, Any]:
    """A story's articles and claims, each party's stances over time, and numeric estimates per source."""
    found = source.story(store, story_id)
    if not found:
        raise NotFound("no such story", input=story_id, hint="story ids are listed at /api/stories")
    articles, claims = [], []
    positions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    estimates: list[dict[str, Any]] = []
    for aid in found:
        x = store.extraction(aid)
        articles.append({"id": aid, "title": x.article.title, "outlet": x.article.outlet,
                         "published": to_dict(x.article.published), "url": x.article.url})
        for row in claim_rows(store, ClaimFilters(article=aid), limit):
            c = row.claim
            claims.append(claim_dict(row))
            party = _party(c.source_actor, c.source_resolved, c.source.text if c.source else None)
            when = to_dict(row.published)
            positions[party].append({"date": when, "stance": c.stance.value, "claim": c.id, "article": aid,
                                     "content": c.content_text[:200]})
            for q in _inside(x.quantities, c):
                estimates.append({"date": when, "source": party, "value": q.value, "unit": q.unit,
                                  "qualifier": q.qualifier, "text": q.text, "claim": c.id, "article": aid})
    return {"id": story_id, "articles": articles, "claims": claims[:limit],
            "positions": [{"party": p, "points": pts} for p, pts in sorted(positions.items())],
            "estimates": estimates}


def _party(actor: str | None, resolved: str | None, written: str | None) -> str:
    return actor or resolved or written or "(unattributed)"


def _inside(quantities: tuple[Quantity, ...], claim: Any) -> list[Quantity]:
    return [q for q in quantities if q.value is not None
            and any(f.start <= q.start and q.end <= f.end for f in claim.content)]

