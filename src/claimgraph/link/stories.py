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
most recent, `members` in all; each trimmed to its strongest `member_features` per group). An
arriving article is scored only against candidate stories: those that share one of its strongest
words or names in an inverted index from feature to the `posting_cap` stories that used it most
recently, the `candidates` best by that overlap, less those outside the time window. Against each
candidate it is compared with every sampled member: it may join when the mean similarity reaches
`threshold`, the lowest reaches `min_similarity` (a complete-linkage test over the sample: one
article about another fight vetoes the join) and the mean names cosine reaches `names_floor`. It
joins the qualifying story with the best mean, or starts a story. Another qualifying story is
merged into the joined one when the mean similarity between the two samples reaches
`merge_threshold` and their lowest pair `min_similarity`: a bridge article alone does not fuse two
stories. Nothing is ever re-clustered, so the work per article is bounded by the options
(`candidates` x `members` comparisons of vectors of at most `member_features` features), not by the
number of articles or stories seen. A story whose latest article is `retire_days` older than the
newest article seen, and that no article joined in the last `retire_after` arrivals, is retired
(forgotten; its articles keep their ids in the store), so the linker's memory holds recent stories,
not every story of every year it has read.

`LinkerState` is the whole memory of the linker, plain values only: `to_dict()` is JSON and
`LinkerState.from_dict` resumes linking where it stopped.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from claimgraph.models import Extraction

__all__ = ["GROUPS", "LinkerState", "Story", "StoryLinker", "StoryOptions", "article_features"]

log = logging.getLogger(__name__)

STATE_VERSION = 2  # 2: stories keep a sample of member articles (raw counts), not summed vectors
GROUPS = ("words", "names", "time", "known")
Vectors = dict[str, dict[str, float]]  # group -> feature -> weight


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """How the linker weighs and decides. Calibrated on ECB+ dev (772 articles, 66 stories; weights
    and thresholds by a small grid over that split, scored with scripts/xdoc_baseline.py). On dev the
    `known` group (actors, places, event frames) did not add to words and names, so it weighs 0 here;
    resolved and event years act through `time` and `year_penalty`."""

    threshold: float = 0.15  # mean similarity to a story's sampled articles at which an article may join
    min_similarity: float = 0.05  # and the lowest similarity to any of them (complete linkage on the sample)
    names_floor: float = 0.0  # and mean names cosine it needs as well (an article naming no one: not tested)
    merge_threshold: float = 0.20  # mean similarity between two stories' samples at which they merge
    merge_min: float = -0.05  # and the lowest similarity of a pair across them
    merge_candidates: int = 6  # candidate stories (the best by index overlap) tested for a merge after a join
    year_penalty: float = 0.10  # taken off the similarity of two articles whose years are disjoint
    words: float = 0.5  # weight of each group's cosine in the similarity
    names: float = 0.4
    time: float = 0.1
    known: float = 0.0
    query_features: int = 30  # an article's strongest words and names looked up in the index
    candidates: int = 12  # stories scored, the best by index overlap
    posting_cap: int = 50  # stories kept per feature in the index, the most recently joined
    members: int = 10  # articles a story keeps to compare with: the first `seed_members`, then the latest
    seed_members: int = 3
    member_features: int = 80  # strongest features kept of an article, per group
    window_days: int = 60  # a dated article is not compared with a story dated further away
    retire_days: int = 180  # a story whose latest article is this much older than the newest seen,
    retire_after: int = 5000  # and which no article joined in this many arrivals, leaves memory
    retire_every: int = 100  # arrivals between two looks for stories to retire

    def weight(self, group: str) -> float:
        return float(getattr(self, group))


@dataclass(slots=True)
class Story:
    id: str
    size: int = 0
    members: list[dict[str, float]] = field(default_factory=list)  # sampled articles' trimmed counts
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
    next_id: int = 1
    latest: str | None = None  # ISO date of the newest dated article seen

    def to_dict(self) -> dict[str, Any]:
        return {"version": STATE_VERSION, "articles": self.articles, "df": self.df,
                "stories": [{"id": s.id, "size": s.size, "members": s.members, "first": s.first,
                             "last": s.last, "seen": s.seen} for s in self.stories.values()],
                "postings": {k: list(v) for k, v in self.postings.items()}, "merged": self.merged,
                "next_id": self.next_id, "latest": self.latest}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinkerState:
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"story linker state version {data.get('version')!r}, expected {STATE_VERSION}")
        return cls(articles=data["articles"], df=dict(data["df"]),
                   stories={s["id"]: Story(id=s["id"], size=s["size"], members=[dict(m) for m in s["members"]],
                                           first=s["first"], last=s["last"], seen=s.get("seen", 0))
                            for s in data["stories"]},
                   postings={k: dict.fromkeys(v) for k, v in data["postings"].items()},
                   merged=dict(data["merged"]), next_id=data["next_id"], latest=data.get("latest"))


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


class StoryLinker:
    """Links articles into stories one at a time; `add` returns the story an article joined."""

    def __init__(self, options: StoryOptions | None = None, state: LinkerState | None = None) -> None:
        self.options = options or StoryOptions()
        self.state = state or LinkerState()

    def add(self, x: Extraction) -> str:
        """Link one article and remember it; returns its story id (see `resolve` after merges)."""
        o, st = self.options, self.state
        counts = article_features(x)
        when = x.article.published.isoformat() if x.article.published else None
        self._count(counts)  # the article's own features count in the idf it is weighed by
        article = self._article(self._trim(counts))
        cache: dict[int, _Article] = {}
        qualified = []
        scored = self._candidates(article.vectors, when)
        for sid in scored:
            story = st.stories[sid]
            members = [self._member(m, cache) for m in story.members]
            sims = [self._similarity(article, m) for m in members]
            mean = sum(sims) / len(sims)
            if mean < o.threshold or min(sims) < o.min_similarity:
                continue
            if o.names_floor and article.vectors.get("names"):
                names = sum(_dot(article.vectors["names"], m.vectors.get("names", {})) for m in members)
                if names / len(members) < o.names_floor:
                    continue  # same kind of event, other people: another story
            qualified.append((mean, sid))
        qualified.sort(reverse=True)
        story = st.stories[qualified[0][1]] if qualified else self._new_story()
        self._join(story, article, when)
        joined = [self._member(m, cache) for m in story.members]
        for sid in scored[: o.merge_candidates]:
            if sid == story.id or sid not in st.stories:
                continue
            other = st.stories[sid]
            others = [self._member(m, cache) for m in other.members]
            sims = [self._similarity(a, b) for a in joined for b in others]
            if sum(sims) / len(sims) >= o.merge_threshold and min(sims) >= o.merge_min:
                self._merge(story, other)
                joined = [self._member(m, cache) for m in story.members]
        if when and (st.latest is None or when > st.latest):
            st.latest = when
        if st.articles % o.retire_every == 0:
            self._retire()
        return story.id

    def resolve(self, story_id: str) -> str:
        """The story a (possibly merged-away) story id now belongs to."""
        while story_id in self.state.merged:
            story_id = self.state.merged[story_id]
        return story_id

    # --- internals

    def _count(self, counts: dict[str, float]) -> None:
        st = self.state
        st.articles += 1
        for k in counts:
            st.df[k] = st.df.get(k, 0) + 1

    def _idf(self, feature: str) -> float:
        st = self.state
        return math.log((1 + st.articles) / (1 + st.df.get(feature, 0))) + 1.0

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
            groups.setdefault(_KIND_GROUP[k[0]], {})[k] = v * self._idf(k)
        vectors = {}
        for g, vec in groups.items():
            norm = math.sqrt(sum(v * v for v in vec.values()))
            vectors[g] = {k: v / norm for k, v in vec.items()}
        return _Article(counts, vectors, _years(counts))

    def _member(self, counts: dict[str, float], cache: dict[int, _Article]) -> _Article:
        hit = cache.get(id(counts))
        if hit is None:
            hit = cache[id(counts)] = self._article(counts)
        return hit

    def _similarity(self, a: _Article, b: _Article) -> float:
        o = self.options
        sim = sum(o.weight(g) * _dot(a.vectors[g], b.vectors[g]) for g in GROUPS
                  if g in a.vectors and g in b.vectors and o.weight(g))
        if a.years and b.years and not a.years & b.years:
            sim -= o.year_penalty
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

    def _new_story(self) -> Story:
        st = self.state
        story = Story(id=f"s{st.next_id}")
        st.next_id += 1
        st.stories[story.id] = story
        return story

    def _join(self, story: Story, article: _Article, when: str | None) -> None:
        o = self.options
        story.size += 1
        story.seen = self.state.articles
        self._sample(story, [article.counts])
        if when:
            story.first = min(story.first or when, when)
            story.last = max(story.last or when, when)
        query = {k: v for g in ("words", "names") for k, v in article.vectors.get(g, {}).items()}
        for k in sorted(query, key=lambda k: (-query[k], k))[: o.query_features]:
            self._post(k, story.id)

    def _sample(self, story: Story, new: list[dict[str, float]]) -> None:
        """Keep the first `seed_members` articles and then the most recent, `members` in all."""
        o = self.options
        members = story.members + new
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
        is joining them.) Their articles keep their story ids; undated stories stay."""
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
        for feature in list(st.postings):
            posting = st.postings[feature]
            for sid in old.intersection(posting):
                del posting[sid]
            if not posting:
                del st.postings[feature]
        log.debug("retired %d stories older than %s", len(old), cutoff)

    def _merge(self, into: Story, other: Story) -> None:
        log.debug("merging story %s (%d articles) into %s", other.id, other.size, into.id)
        st = self.state
        into.size += other.size
        self._sample(into, other.members)
        dates = [d for d in (into.first, into.last, other.first, other.last) if d]
        into.first, into.last = (min(dates), max(dates)) if dates else (None, None)
        del st.stories[other.id]
        st.merged[other.id] = into.id  # its postings now lead to `into` through `resolve`


def _within(story: Story, when: str, days: int) -> bool:
    """Whether a dated article falls within `days` of the story's dated span (an undated story: always)."""
    if not story.first or not story.last:
        return True
    day = date.fromisoformat(when)
    gap = max((date.fromisoformat(story.first) - day).days, (day - date.fromisoformat(story.last)).days, 0)
    return gap <= days
