"""Stories in the store: each article's story id, linked as it is added, and the linker's memory.

`StoryIndex` holds one `StoryLinker` for a store. `Store.add(x, stories=index)` calls `link` inside
the article's transaction: the article gets the next `link_seq` and its story id, stories merged by
it are renamed in `articles` and noted in `story_merges`, articles its re-clustering moved to another
story (`StoryLinker.moved`) get that story, with their copies, and every `snapshot_every` linked
articles the linker's state is written to `link_state` in that same transaction. The linker is
restored on first use: the snapshot, then the articles linked after it, linked again in `link_seq`
order (the linker is deterministic, so they get the ids they already have). A snapshot of another
linker version cannot be resumed: every stored article is then linked again, with a warning. A copy
of a stored article (`duplicate_of`) takes its original's story without passing through the linker.
Two processes ingesting into one store stay in step: under the write lock, `link` first replays the
articles the other one linked since. Articles stored without linking (older stores, batch loads) are
linked by `catch_up`, in the order they were stored.

The read side (`story_list`, `story_articles`, `resolve_story`) is plain SQL over `articles`, so the
PostgreSQL store shares it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import islice
from typing import TYPE_CHECKING, Any

from claimgraph.link import LinkerState, StoryLinker, StoryOptions
from claimgraph.link.life import story_life
from claimgraph.models import Extraction, StoryLife
from claimgraph.store.queries import iso_patterns

if TYPE_CHECKING:
    from claimgraph.store.queries import Connection
    from claimgraph.store.sqlite import Store

__all__ = ["SNAPSHOT_EVERY", "StoryIndex", "StorySummary", "resolve_story", "story_articles", "story_life_of",
           "story_list"]

log = logging.getLogger(__name__)

# Articles between two snapshots of the linker's state: the most an open re-links. A snapshot is
# the linker's whole memory (document frequencies, story samples), a few MB on 10,000 articles, so
# writing it with every article would cost more than linking.
SNAPSHOT_EVERY = 100


class StoryIndex:
    """Links a store's articles into stories as they are added; see the module docstring."""

    def __init__(self, store: Store, options: StoryOptions | None = None,
                 snapshot_every: int = SNAPSHOT_EVERY) -> None:
        self.store = store
        self.options = options
        self.snapshot_every = snapshot_every
        self._linker: StoryLinker | None = None
        self._seq = 0  # link_seq of the last article the linker has seen

    # --- writing (inside the article's transaction)

    def link(self, conn: Connection, x: Extraction) -> str | None:
        """Give a just-inserted article its story; called by `Store.add` in the article's transaction."""
        aid = x.article.id
        row = conn.execute("SELECT duplicate_of FROM articles WHERE id = ?", (aid,)).fetchone()
        if row is not None and row[0] is not None:  # a copy: its original's story
            story = conn.execute("SELECT story_id FROM articles WHERE id = ?", (row[0],)).fetchone()
            conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story[0] if story else None, aid))
            return story[0] if story else None
        linker = self.linker()
        last = conn.execute("SELECT max(link_seq) FROM articles").fetchone()[0] or 0
        if last > self._seq:  # another process linked articles meanwhile (we hold the write lock now)
            for (other,) in conn.execute("SELECT id FROM articles WHERE link_seq > ? ORDER BY link_seq",
                                         (self._seq,)).fetchall():
                linker.add(self.store.extraction(other))  # deterministic: the ids it was given
            self._seq = last
        seq = self._seq + 1
        story_id = self._add(conn, linker, x, seq)
        conn.execute("UPDATE articles SET story_id = ?, link_seq = ? WHERE id = ?", (story_id, seq, aid))
        self._seq = seq
        if seq % self.snapshot_every == 0:
            self._snapshot(conn, linker, seq)
        return story_id

    def invalidate(self) -> None:
        """Forget the in-memory linker (its transaction rolled back); it is restored on next use."""
        self._linker = None

    def catch_up(self) -> int:
        """Link stored articles that have no story yet (stored before schema 3, or by a batch load)."""
        conn = self.store.conn
        pending = [r[0] for r in conn.execute(
            "SELECT id FROM articles WHERE story_id IS NULL AND link_seq IS NULL ORDER BY ingested_at, id")]
        for aid in pending:
            x = self.store.extraction(aid)
            with self.store._transaction() as tx:
                row = tx.execute("SELECT story_id FROM articles WHERE id = ?", (aid,)).fetchone()
                if row is not None and row[0] is None:  # not linked by another process meanwhile
                    self.link(tx, x)
        if pending:
            log.info("linked %d stored articles into stories", len(pending))
        return len(pending)

    def linker(self) -> StoryLinker:
        """The linker, restored from the store on first use (call it outside a transaction)."""
        if self._linker is None:
            self._linker, self._seq = self._restore()
        return self._linker

    # --- internals

    def _add(self, conn: Connection, linker: StoryLinker, x: Extraction, seq: int) -> str:
        merged_before = len(linker.state.merged)
        story_id = linker.resolve(linker.add(x))
        fresh = len(linker.state.merged) - merged_before
        for old, into in reversed(list(islice(reversed(linker.state.merged.items()), fresh))):
            into = linker.resolve(into)
            conn.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (into, old))
            conn.execute("DELETE FROM story_merges WHERE story_id = ?", (old,))
            conn.execute("INSERT INTO story_merges (story_id, merged_into, link_seq) VALUES (?, ?, ?)",
                         (old, into, seq))
        for moved, into in linker.moved.items():  # split off by re-clustering, with their copies
            conn.execute("UPDATE articles SET story_id = ? WHERE id = ? OR duplicate_of = ?",
                         (linker.resolve(into), moved, moved))
        return story_id

    def _snapshot(self, conn: Connection, linker: StoryLinker, seq: int) -> None:
        state = json.dumps(linker.state.to_dict(), ensure_ascii=False, separators=(",", ":"))
        conn.execute("DELETE FROM link_state WHERE id = 1")
        conn.execute("INSERT INTO link_state (id, link_seq, state, saved_at) VALUES (1, ?, ?, ?)",
                     (seq, state, datetime.now(UTC).isoformat(timespec="seconds")))

    def _restore(self) -> tuple[StoryLinker, int]:
        conn = self.store.conn
        state, since = None, 0
        row = conn.execute("SELECT link_seq, state FROM link_state WHERE id = 1").fetchone()
        if row is not None:
            try:
                state, since = LinkerState.from_dict(json.loads(row[1])), int(row[0])
            except (ValueError, KeyError) as e:  # another linker version: link everything again
                log.warning("story linker state not usable (%s); linking every stored article again", e)
        linker = StoryLinker(self.options, state)
        ids = [r[0] for r in conn.execute(
            "SELECT id FROM articles WHERE link_seq > ? ORDER BY link_seq", (since,))]
        if row is not None and state is None:
            # the stories are rebuilt: old ids and merges no longer hold
            with self.store._transaction() as tx:
                tx.execute("DELETE FROM story_merges")
                tx.execute("UPDATE articles SET story_id = NULL, link_seq = NULL WHERE link_seq IS NOT NULL")
                for seq, aid in enumerate(ids, 1):
                    sid = self._add(tx, linker, self.store.extraction(aid), seq)
                    tx.execute("UPDATE articles SET story_id = ?, link_seq = ? WHERE id = ?", (sid, seq, aid))
                tx.execute("UPDATE articles SET story_id = (SELECT o.story_id FROM articles AS o"
                           " WHERE o.id = articles.duplicate_of) WHERE duplicate_of IS NOT NULL")
                if ids:
                    self._snapshot(tx, linker, len(ids))
            return linker, len(ids)
        for aid in ids:  # linked after the snapshot: replay, the ids come out as stored
            linker.add(self.store.extraction(aid))
        last = conn.execute("SELECT max(link_seq) FROM articles").fetchone()[0]
        return linker, int(last or 0)


# --- reading --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story as a listing shows it; counts and dates are those of its articles up to `as_of`."""

    id: str
    articles: int  # independent articles (copies left out)
    copies: int
    first: date | None
    last: date | None
    title: str | None  # the title (or opening) of its earliest article


def resolve_story(conn: Connection, story_id: str) -> str:
    """The story an id now names, following merges."""
    seen = set()
    while story_id not in seen:
        seen.add(story_id)
        row = conn.execute("SELECT merged_into FROM story_merges WHERE story_id = ?", (story_id,)).fetchone()
        if row is None:
            break
        story_id = row[0]
    return story_id


def _period(as_of: date | None, since: date | None = None, until: date | None = None) -> tuple[str, list[Any]]:
    where, params = [], []
    if as_of is not None:
        where.append("published IS NOT NULL AND published <= ?")
        params.append(as_of.isoformat())
    if since is not None:
        where.append("published >= ?")
        params.append(since.isoformat())
    if until is not None:
        where.append("published <= ?")
        params.append(until.isoformat())
    return "".join(f" AND {w}" for w in where), params


def story_articles(conn: Connection, story_id: str, as_of: date | None = None) -> list[str]:
    """The story's independent articles (copies left out), oldest first; up to `as_of` when given."""
    period, params = _period(as_of)
    return [r[0] for r in conn.execute(
        "SELECT id FROM articles WHERE story_id = ? AND duplicate_of IS NULL" + period +
        " ORDER BY published IS NULL, published, link_seq, id", (story_id, *params))]


def story_list(conn: Connection, *, actor: str | None = None, place: str | None = None,
               since: date | None = None, until: date | None = None, as_of: date | None = None,
               min_articles: int = 1) -> list[StorySummary]:
    """Stories with their articles published in the period, most articles first.

    `actor` is an actor code prefix ("PRK", "RUSGOV") mentioned in one of the story's articles,
    `place` an ISO 3166 code or prefix ("RU", "RU-KRS") of a place named in one; `since`/`until`
    keep stories with an article in that span (and count those); `as_of` counts only articles
    published by then.
    """
    period, params = _period(as_of, since, until)
    filters = ""
    if actor:
        filters += " AND story_id IN (SELECT s.story_id FROM articles AS s JOIN actors AS r ON r.article_id = s.id" \
                   " WHERE r.code LIKE ?)"
        params.append(actor.upper() + "%")
    if place:
        patterns = iso_patterns(place)
        filters += " AND story_id IN (SELECT s.story_id FROM articles AS s JOIN annotations AS n" \
                   " ON n.article_id = s.id WHERE n.type = 'place' AND (" + \
                   " OR ".join("n.record LIKE ?" for _ in patterns) + "))"
        params += patterns
    rows = conn.execute(
        "SELECT story_id, sum(CASE WHEN duplicate_of IS NULL THEN 1 ELSE 0 END),"
        " sum(CASE WHEN duplicate_of IS NULL THEN 0 ELSE 1 END), min(published), max(published)"
        " FROM articles WHERE story_id IS NOT NULL" + period + filters +
        " GROUP BY story_id", params).fetchall()
    out = []
    for sid, n, copies, first, last in rows:
        if n < min_articles:
            continue
        head = conn.execute(
            "SELECT title, substr(text, 1, 120) FROM articles WHERE story_id = ? AND duplicate_of IS NULL"
            " ORDER BY published IS NULL, published, link_seq LIMIT 1", (sid,)).fetchone()
        title = (head[0] or head[1].split("\n")[0]) if head else None
        out.append(StorySummary(sid, int(n), int(copies), _date(first), _date(last), title))
    out.sort(key=lambda s: (-s.articles, s.first or date.max, _sid_order(s.id)))
    return out


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _sid_order(story_id: str) -> tuple[int, str]:
    digits = story_id.lstrip("s")
    return (int(digits), story_id) if digits.isdigit() else (0, story_id)


def story_life_of(store: Store, story_id: str, as_of: date | None = None) -> StoryLife | None:
    """The claim life of a stored story (an id merged away leads to its story); None if there is none."""
    sid = resolve_story(store.conn, story_id)
    ids = story_articles(store.conn, sid)
    if not ids:
        return None
    return story_life(sid, (store.extraction(a) for a in ids), as_of=as_of)
