"""Stories: articles that report the same event, linked one at a time as they arrive.

An article is read as four groups of features (`article_features`), each weighted tf-idf and scaled
to unit length:
  words  its words (function words left out)
  names  capitalised words inside sentences ("Klitschko", "Thompson"): who and where, as written
  time   the years and days its resolved times name (extract.times and the events' own times)
  known  what extraction resolved: actor codes and people, places (GeoNames / ISO), quantities and
         typed PLOVER event frames (type, type + actor, type + recipient, type + place)
The similarity of two articles is the weighted sum of the four cosines, less `year_penalty` when both
name the years of what they report and no year is shared (the Klitschko fight of 2008 and the one of
2012 are two stories, however alike their words). Inverse document frequencies come from the
articles seen so far and are applied when two articles are compared, so an early article is not
judged forever by the few it arrived after.

A story remembers a bounded sample of its articles (`members`: the first `seed_members`, then the
most recent, `members` in all; each trimmed to its strongest `member_features` per group, with its
article id). An arriving article is scored only against candidate stories: those that share one of
its strongest words or names in an inverted index from feature to the `posting_cap` stories that
used it most recently, the `candidates` best by that overlap, less those outside the time window.
The candidates whose sample it resembles (mean similarity at least `relink_floor`; the closest
`relink_stories`, `relink_cap` sampled articles at most) are then clustered again, locally: their
sampled articles and the newcomer, by complete linkage from single articles. Two groups join, the
closest (by lowest pair) first, while their lowest pair reaches `min_similarity` (one article about
another fight vetoes the join) and their mean pair `threshold`. The partition so far weighs in: two
articles already in one story count `same_story_bonus` more, so a story splits only on clear
evidence, and two from different stories `merge_penalty` less in the mean, so two stories merge
only when their articles are clearly alike (a bridge article alone does not fuse them). The local
story with most articles in a group keeps its id, other groups start stories; the newcomer joins
its group's story. So an arrival may join a story, start one, merge stories (a story whose whole
sample went elsewhere is merged into where most of it went: `merged`, followed by `resolve`) or
split one (its sampled articles that left are noted in `moves`: `resolve(story, article)` follows
them, and `StoryLinker.moved` lists those the last arrival moved). Unsampled articles stay with
their story. The work per article is bounded by the options (`candidates` x `members` comparisons,
then at most `relink_cap` + 1 articles clustered), not by the number of articles or stories seen.

A story whose latest article is `retire_days` older than the newest article seen, and that no
article joined in the last `retire_after` arrivals, is retired (forgotten; its articles keep their
ids in the store), so the linker's memory holds recent stories, not every story of every year it
has read. A retired story is never a candidate again, so it is neither re-clustered nor merged into
nor given articles; `merged` and `moves` may still name it, and `resolve` then gives its id.

`LinkerState` is the whole memory of the linker, plain values only: `to_dict()` is JSON and
`LinkerState.from_dict` resumes linking where it stopped.
"""

from __future__ import annotations

import heapq
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from claimgraph.models import Extraction

__all__ = ["GROUPS", "LinkerState", "Member", "Story", "StoryLinker", "StoryOptions", "article_features"]

log = logging.getLogger(__name__)

STATE_VERSION = 3  # 3: members carry their article id, arrival and date; articles moved by re-clustering
GROUPS = ("words", "names", "time", "known")
Vectors = dict[str, dict[str, float]]  # group -> feature -> weight


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """How the linker weighs and decides. Calibrated on ECB+ dev (772 articles, 66 stories; weights
    and thresholds by a small grid over that split, scored with scripts/xdoc_baseline.py). On dev the
    `known` group (actors, places, event frames) did not add to words and names, so it weighs 0 here;
    resolved and event years act through `time` and `year_penalty`. `threshold` stays at 0.15 although
    dev alone would drop it: without it, one-sentence summaries (bench/bench_stories.py's WCEP stream)
    chain into stories of a hundred unrelated events through a shared common word."""

    threshold: float = 0.15  # mean similarity of the pairs across two groups at which they may join
    min_similarity: float = 0.03  # and their lowest pair (complete linkage)
    same_story_bonus: float = 0.03  # added to a pair already in one story: a story splits on clear evidence only
    merge_penalty: float = 0.05  # taken off a pair from two stories in the mean: two stories merge at a mean of 0.20
    relink_floor: float = 0.05  # mean similarity to a story's sample at which it is re-clustered with a newcomer
    relink_stories: int = 6  # the candidate stories re-clustered with a newcomer, the closest first
    relink_cap: int = 48  # and their sampled articles at most (the cost of an arrival grows with its square)
    year_penalty: float = 0.10  # taken off the similarity of two articles whose years are disjoint
    words: float = 0.5  # weight of each group's cosine in the similarity
    names: float = 0.4
    time: float = 0.1
    known: float = 0.0
    query_features: int = 30  # an article's strongest words and names looked up in the index
    candidates: int = 12  # stories scored, the best by index overlap
    posting_cap: int = 50  # stories kept per feature in the index, the most recently joined
    members: int = 16  # articles a story keeps to compare with: the first `seed_members`, then the latest
    seed_members: int = 3
    member_features: int = 80  # strongest features kept of an article, per group
    window_days: int = 60  # a dated article is not compared with a story dated further away
    retire_days: int = 180  # a story whose latest article is this much older than the newest seen,
    retire_after: int = 5000  # and which no article joined in this many arrivals, leaves memory
    retire_every: int = 100  # arrivals between two looks for stories to retire

    def weight(self, group: str) -> float:
        return float(getattr(self, group))


@dataclass(frozen=True, slots=True)
class Member:
    """A sampled article of a story: its id, arrival number, date and trimmed feature counts."""

    article: str
    seq: int
    when: str | None
    counts: dict[str, float]


@dataclass(slots=True)
class Story:
    id: str
    size: int = 0
    members: list[Member] = field(default_factory=list)  # the sample, in arrival order
    first: str | None = None  # ISO date of its earliest dated article
    last: str | None = None  # and of its latest
    seen: int = 0  # the linker's article count when an article last joined it


@dataclass(slots=True)
class LinkerState:
    """Everything the linker remembers; `from_dict(to_dict())` resumes it."""

    articles: int = 0
    df: dict[str, int] = field(default_factory=dict)  # feature -> articles that had it
    stories: dict[str, Story] = field(default_factory=dict)
    postings: dict[str, dict[str, None]] = field(default_factory=dict)  # feature -> story ids, oldest first
    merged: dict[str, str] = field(default_factory=dict)  # a story merged away -> the story it went into
    moves: dict[str, str] = field(default_factory=dict)  # an article moved by re-clustering -> its story
    next_id: int = 1
    latest: str | None = None  # ISO date of the newest dated article seen

    def to_dict(self) -> dict[str, Any]:
        return {"version": STATE_VERSION, "articles": self.articles, "df": self.df,
                "stories": [{"id": s.id, "size": s.size, "first": s.first, "last": s.last, "seen": s.seen,
                             "members": [[m.article, m.seq, m.when, m.counts] for m in s.members]}
                            for s in self.stories.values()],
                "postings": {k: list(v) for k, v in self.postings.items()}, "merged": self.merged,
                "moves": self.moves, "next_id": self.next_id, "latest": self.latest}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinkerState:
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"story linker state version {data.get('version')!r}, expected {STATE_VERSION}")
        return cls(articles=data["articles"], df=dict(data["df"]),
                   stories={s["id"]: Story(id=s["id"], size=s["size"], first=s["first"], last=s["last"],
                                           seen=s["seen"],
                                           members=[Member(a, seq, when, dict(c)) for a, seq, when, c in s["members"]])
                            for s in data["stories"]},
                   postings={k: dict.fromkeys(v) for k, v in data["postings"].items()},
                   merged=dict(data["merged"]), moves=dict(data["moves"]), next_id=data["next_id"],
                   latest=data["latest"])


# --- features ------------------------------------------------------------------------------------

# Function words and the words of reporting; written for this module.
STOP = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so
some such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves said says say told tell according reported reports report news yet
may might must shall since still well get got go going like even back per mr mrs ms
""".split())

_WORD = re.compile(r"\w\w+")
_NAME = re.compile(r"[A-Z][A-Za-z'’.-]*[a-z][A-Za-z'’.-]*")
_STRIP = ",;:\"“”()'’.!?"
_KIND_GROUP = {"w": "words", "n": "names", "y": "time", "d": "time", "a": "known", "p": "known", "g": "known",
               "q": "known", "e": "known"}


def _names(line: str) -> list[str]:
    """Capitalised words after a line's first word, unless the line is a headline in title case."""
    words = [w.strip(_STRIP) for w in line.split()]
    caps = [bool(_NAME.fullmatch(w)) for w in words]
    if len(words) > 3 and sum(caps) > 0.6 * len(words):
        return []
    out = []
    for w, cap in zip(words[1:], caps[1:], strict=True):
        low = w.casefold()
        if cap and low not in STOP:
            out.append(low.removesuffix("'s").removesuffix("’s"))
    return out


def article_features(x: Extraction) -> dict[str, float]:
    """Sublinear counts (1 + ln n) of an article's features, keyed "kind:value". Kinds: w word,
    n name, y year, d day, a actor code, p person, g place, q quantity, e event type (alone, with its
    actors, recipients, place)."""
    counts: Counter[str] = Counter()
    text = f"{x.article.title}\n{x.article.text}" if x.article.title else x.article.text
    for line in text.splitlines():
        counts.update("n:" + n for n in _names(line))
    counts.update("w:" + w for w in (m.group().casefold() for m in _WORD.finditer(text)) if w not in STOP)
    for a in x.actors:
        if a.code:
            counts["a:" + a.code] += 1
        if a.person:
            counts["p:" + a.person.casefold()] += 1
    for p in x.places:
        if p.metonym_of is None and (p.geonameid or p.iso):
            counts[f"g:{p.geonameid or p.iso}"] += 1
    for t in x.times:
        if t.value and t.value[:4].isdigit():
            counts["y:" + t.value[:4]] += 1
            if len(t.value) >= 10 and t.value[5:7].isdigit() and t.value[8:10].isdigit():
                counts["d:" + t.value[:10]] += 1
    for q in x.quantities:
        if q.value is not None and not q.vague and abs(q.value) >= 2:
            counts[f"q:{q.value:g}{' ' + q.unit if q.unit else ''}"] += 1
    for e in x.events:
        if e.type and not e.negated and not e.hypothetical:  # what happened, not what was denied or feared
            counts["e:" + e.type] += 1
            counts.update(f"e:{e.type}:{actor}" for actor in e.actor)
            counts.update(f"e:{e.type}>{recipient}" for recipient in e.recipient)
            if e.place:
                counts[f"e:{e.type}@{e.place}"] += 1
        if e.time and e.time[:4].isdigit():  # the event's own time: counts twice as a year of the story
            counts["y:" + e.time[:4]] += 2
    return {k: 1.0 + math.log(n) for k, n in counts.items()}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _years(counts: dict[str, float]) -> frozenset[str]:
    return frozenset(k for k in counts if k.startswith("y:"))


# --- the linker ----------------------------------------------------------------------------------

@dataclass(slots=True)
class _Article:
    """An article as the linker compares it: trimmed counts, unit vectors under the current idf, years."""

    counts: dict[str, float]
    vectors: Vectors
    years: frozenset[str]


@dataclass(slots=True)
class _Entry:
    """One article of the local pool: the story it was in (None for the newcomer) and its member record."""

    story: str | None
    member: Member
    article: _Article


class StoryLinker:
    """Links articles into stories one at a time; `add` returns the story an article joined.

    `moved` holds the articles that the last `add` moved to another story (article id -> story id), so a
    store that keeps each article's story can follow; `resolve(story, article)` gives an article's story now.
    """

    def __init__(self, options: StoryOptions | None = None, state: LinkerState | None = None) -> None:
        self.options = options or StoryOptions()
        self.state = state or LinkerState()
        self.moved: dict[str, str] = {}
        self._weights = tuple((g, w) for g in GROUPS if (w := self.options.weight(g)))
        self._compared = {g for g, _ in self._weights} | {"words", "names"}  # names and words: for the index too
        self._idfs: dict[str, float] = {}  # idf by feature, until the counts change

    def add(self, x: Extraction) -> str:
        """Link one article and remember it; returns its story id (see `resolve` after later arrivals)."""
        o, st = self.options, self.state
        self.moved = {}
        counts = article_features(x)
        when = x.article.published.isoformat() if x.article.published else None
        self._count(counts)  # the article's own features count in the idf it is weighed by
        article = self._article(self._trim(counts))
        cache: dict[int, _Article] = {}
        near = []
        for sid in self._candidates(article.vectors, when):
            entries = [_Entry(sid, m, self._member(m, cache)) for m in st.stories[sid].members]
            sims = [self._similarity(article, e.article) for e in entries]
            if sum(sims) / len(sims) >= o.relink_floor:
                near.append((sum(sims) / len(sims), sid, entries, sims))
        near.sort(key=lambda r: (-r[0], r[1]))
        pool = [_Entry(None, Member(x.article.id, st.articles, when, article.counts), article)]
        first = [0.0]  # the newcomer's similarity to each article of the pool
        local = []
        for _, sid, entries, sims in near[: o.relink_stories]:
            if len(pool) - 1 + len(entries) <= o.relink_cap:
                pool += entries
                first += sims
                local.append(sid)
        joined = self._apply(pool, local, self._cluster(pool, first))
        if when and (st.latest is None or when > st.latest):
            st.latest = when
        if st.articles % o.retire_every == 0:
            self._retire()
        return joined

    def resolve(self, story_id: str, article: str | None = None) -> str:
        """The story a (possibly merged-away) story id now belongs to; given the id of an article that
        joined it, the story that article is in now (re-clustering may have moved it)."""
        if article is not None:
            story_id = self.state.moves.get(article, story_id)
        while story_id in self.state.merged:
            story_id = self.state.merged[story_id]
        return story_id

    # --- internals

    def _count(self, counts: dict[str, float]) -> None:
        st = self.state
        st.articles += 1
        for k in counts:
            st.df[k] = st.df.get(k, 0) + 1
        self._idfs = {}

    def _idf(self, feature: str) -> float:
        idf = self._idfs.get(feature)
        if idf is None:
            st = self.state
            idf = self._idfs[feature] = math.log((1 + st.articles) / (1 + st.df.get(feature, 0))) + 1.0
        return idf

    def _trim(self, counts: dict[str, float]) -> dict[str, float]:
        """The article's strongest `member_features` per group (by tf-idf now), as raw counts."""
        groups: dict[str, list[tuple[float, str]]] = {}
        for k, v in counts.items():
            groups.setdefault(_KIND_GROUP[k[0]], []).append((v * self._idf(k), k))
        out: dict[str, float] = {}
        for scored in groups.values():
            scored.sort(reverse=True)
            out.update((k, counts[k]) for _, k in scored[: self.options.member_features])
        return out

    def _article(self, counts: dict[str, float]) -> _Article:
        groups: Vectors = {}
        for k, v in counts.items():
            if (g := _KIND_GROUP[k[0]]) in self._compared:
                groups.setdefault(g, {})[k] = v * self._idf(k)
        vectors = {}
        for g, vec in groups.items():
            norm = math.sqrt(sum(v * v for v in vec.values()))
            vectors[g] = {k: v / norm for k, v in vec.items()}
        return _Article(counts, vectors, _years(counts))

    def _member(self, member: Member, cache: dict[int, _Article]) -> _Article:
        hit = cache.get(id(member))
        if hit is None:
            hit = cache[id(member)] = self._article(member.counts)
        return hit

    def _similarity(self, a: _Article, b: _Article) -> float:
        sim = sum(w * _dot(a.vectors[g], b.vectors[g]) for g, w in self._weights if g in a.vectors and g in b.vectors)
        if a.years and b.years and not a.years & b.years:
            sim -= self.options.year_penalty
        return sim

    def _candidates(self, vectors: Vectors, when: str | None) -> list[str]:
        o, st = self.options, self.state
        query = {k: v for g in ("words", "names") for k, v in vectors.get(g, {}).items()}
        overlap: dict[str, float] = {}
        for k in sorted(query, key=lambda k: (-query[k], k))[: o.query_features]:
            for sid in st.postings.get(k, ()):
                sid = self.resolve(sid)
                overlap[sid] = overlap.get(sid, 0.0) + query[k]
        out: list[str] = []
        for sid in sorted(overlap, key=lambda s: (-overlap[s], s)):
            if len(out) == o.candidates:
                break
            if sid in st.stories and (when is None or _within(st.stories[sid], when, o.window_days)):
                out.append(sid)
        return out

    def _cluster(self, pool: list[_Entry], first: list[float]) -> list[list[int]]:
        """Complete linkage over the pool, from single articles: the two groups whose lowest pair is the
        highest join, while it reaches `min_similarity`, if their mean pair reaches `threshold` (a pair
        from one story counts `same_story_bonus` more, one from two stories `merge_penalty` less in the
        mean). Returns the groups as pool indices; a heap of candidate joins keeps it near n² log n."""
        o = self.options
        n = len(pool)
        low = [[0.0] * n for _ in range(n)]  # group x group: their lowest pair, kept up to date as groups join
        total = [[0.0] * n for _ in range(n)]  # and the sum of their pairs
        heap = []
        for i in range(n):
            for j in range(i + 1, n):
                if i == 0:  # the newcomer: compared already, and in no story yet
                    s, apart = first[j], False
                else:
                    s = self._similarity(pool[i].article, pool[j].article)
                    apart = pool[i].story != pool[j].story
                    if not apart:
                        s += o.same_story_bonus
                low[i][j] = low[j][i] = s
                total[i][j] = total[j][i] = s - o.merge_penalty if apart else s
                if s >= o.min_similarity:
                    heap.append((-s, i, j))
        heapq.heapify(heap)
        groups = {i: [i] for i in range(n)}
        while heap:
            s, a, b = heapq.heappop(heap)
            if a not in groups or b not in groups or -s != low[a][b]:
                continue  # one of the two has joined another group since, or their lowest pair dropped
            if total[a][b] < o.threshold * len(groups[a]) * len(groups[b]):
                continue  # reconsidered when either group grows
            groups[a] += groups.pop(b)
            for c in groups:
                if c != a:
                    low[a][c] = low[c][a] = min(low[a][c], low[b][c])
                    total[a][c] = total[c][a] = total[a][c] + total[b][c]
                    if low[a][c] >= o.min_similarity:
                        heapq.heappush(heap, (-low[a][c], min(a, c), max(a, c)))
        return [sorted(g) for g in groups.values()]

    def _apply(self, pool: list[_Entry], local: list[str], clusters: list[list[int]]) -> str:
        """Give each group a story: the local story with most articles in it keeps its id (the largest
        overlaps first), other groups start stories. Moved articles are noted; a local story left with
        none of its sampled articles is merged into the story most of them went to."""
        st = self.state
        overlaps = []  # (articles of a story in a group, the earliest of them, the story, the group)
        for c, group in enumerate(clusters):
            held: dict[str, list[int]] = {}
            for entry in (pool[i] for i in group):
                if entry.story is not None:
                    held.setdefault(entry.story, []).append(entry.member.seq)
            overlaps += [(-len(seqs), min(seqs), sid, c) for sid, seqs in held.items()]
        names: dict[int, str] = {}
        for _, _, sid, c in sorted(overlaps):
            if c not in names and sid not in names.values():
                names[c] = sid
        for sid in local:  # their sampled articles are dealt out again below
            story = st.stories[sid]
            story.size -= len(story.members)
            story.members = []
        went: dict[str, Counter[str]] = {sid: Counter() for sid in local}
        seen = {sid: st.stories[sid].seen for sid in local}  # before any group changes it
        joined = ""
        for c, group in enumerate(clusters):
            story = st.stories[names[c]] if c in names else self._new_story()
            for i in group:
                entry = pool[i]
                story.members.append(entry.member)
                story.size += 1
                if entry.story is None:
                    joined = story.id
                    story.seen = st.articles
                    continue
                story.seen = max(story.seen, seen[entry.story])  # a story split off is as quiet as its source
                went[entry.story][story.id] += 1
                if story.id != entry.story:
                    st.moves[entry.member.article] = self.moved[entry.member.article] = story.id
                    self._index(entry.article, story.id)
            self._sample(story)
            dates = [m.when for m in story.members if m.when]
            _span(story, min(dates, default=None), max(dates, default=None))
        for sid in local:
            story = st.stories[sid]
            if not story.members:  # its unsampled articles follow where its sample went
                into = st.stories[max(went[sid], key=lambda s: (went[sid][s], s))]
                log.debug("merging story %s (%d articles) into %s", sid, story.size, into.id)
                into.size += story.size
                into.seen = max(into.seen, story.seen)
                _span(into, story.first, story.last)
                del st.stories[sid]
                st.merged[sid] = into.id
        self._index(pool[0].article, joined)
        return joined

    def _new_story(self) -> Story:
        st = self.state
        story = Story(id=f"s{st.next_id}")
        st.next_id += 1
        st.stories[story.id] = story
        return story

    def _index(self, article: _Article, story_id: str) -> None:
        query = {k: v for g in ("words", "names") for k, v in article.vectors.get(g, {}).items()}
        for k in sorted(query, key=lambda k: (-query[k], k))[: self.options.query_features]:
            self._post(k, story_id)

    def _sample(self, story: Story) -> None:
        """Keep the first `seed_members` articles and then the most recent, `members` in all."""
        o = self.options
        members = sorted(story.members, key=lambda m: m.seq)
        if len(members) > o.members:
            seed = min(o.seed_members, o.members)
            members = members[:seed] + members[len(members) - (o.members - seed):]
        story.members = members

    def _post(self, feature: str, story_id: str) -> None:
        posting = self.state.postings.setdefault(feature, {})
        posting.pop(story_id, None)
        posting[story_id] = None  # the most recent last
        if len(posting) > self.options.posting_cap:
            del posting[next(iter(posting))]

    def _retire(self) -> None:
        """Forget the stories whose latest dated article is `retire_days` older than the newest article seen
        and that no article joined in the last `retire_after` arrivals: no dated article within
        `window_days` of them is likely to come, and keeping every story ever made would make the memory,
        and its snapshots, grow with the store. (A backfill of an old archive keeps its stories while it
        is joining them.) Their articles keep their story ids; undated stories stay. A retired story is
        never a candidate again (so never re-clustered, merged into or given an article); the index
        entries that lead to it, its own and those of stories merged into it, go with it."""
        st = self.state
        if st.latest is None:
            return
        cutoff = date.fromordinal(date.fromisoformat(st.latest).toordinal() - self.options.retire_days).isoformat()
        quiet = st.articles - self.options.retire_after
        old = {sid for sid, s in st.stories.items() if s.last is not None and s.last < cutoff and s.seen < quiet}
        if not old:
            return
        for sid in old:
            del st.stories[sid]
        indexed = old | {sid for sid in st.merged if self.resolve(sid) in old}
        for feature in list(st.postings):
            posting = st.postings[feature]
            for sid in indexed.intersection(posting):
                del posting[sid]
            if not posting:
                del st.postings[feature]
        log.debug("retired %d stories older than %s", len(old), cutoff)


def _span(story: Story, first: str | None, last: str | None) -> None:
    if first:
        story.first = min(story.first or first, first)
    if last:
        story.last = max(story.last or last, last)


def _within(story: Story, when: str, days: int) -> bool:
    """Whether a dated article falls within `days` of the story's dated span (an undated story: always)."""
    if not story.first or not story.last:
        return True
    day = date.fromisoformat(when)
    gap = max((date.fromisoformat(story.first) - day).days, (day - date.fromisoformat(story.last)).days, 0)
    return gap <= days
