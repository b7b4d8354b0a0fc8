"""A claim's life: in one story, who held what about each proposition, when, and on what evidence.

`story_life(story_id, extractions)` takes a story's articles (records only; no spaCy) and:
  1. reads every attributed claim as a `Position` of its source (asserts, claims, acknowledges /
     confirms, denies, disputes, retracts, speculates) dated by its article, with the sentence
     that holds it as evidence;
  2. groups positions into propositions, in date order: a claim joins the proposition it is most
     like when the likeness reaches `SAME`, else starts one. Likeness weighs the countries its
     content names (actor mentions and event participants), its PLOVER event types, and its words
     (stemmed, soldiers = troops = forces, sent = deployed). Two article-level rules come first:
     "Russia confirmed what Western officials have long asserted: ..." (content "what") takes the
     proposition of the claim right after it, and a denial or dispute with nothing like it takes
     the proposition of the claim by another party just before it in the same article;
  3. derives each proposition's status, its parties concerned (the countries acting in, or on
     the receiving end of, its most reported event type), contradictions and numeric estimates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from claimgraph.models import (
    Claim,
    Contradiction,
    Estimate,
    Extraction,
    Position,
    Proposition,
    Stance,
    StoryLife,
    TextSpan,
)

__all__ = ["SAME", "STATUSES", "evidence_sentence", "story_life"]

SAME = 0.5  # likeness at which a claim joins a proposition; set on the Kursk scenario (tests/test_life.py)
STATUSES = ("asserted", "disputed", "confirmed", "confirmed_by_party", "retracted")
SUPPORT = frozenset({"asserts", "claims", "acknowledges", "confirms"})
AGAINST = frozenset({"denies", "disputes"})
RETRACT_CUES = frozenset({"retract", "withdraw", "recant", "backtrack", "walk back", "take back"})
_POSITION = {Stance.ASSERT: "asserts", Stance.CLAIM: "claims", Stance.ACKNOWLEDGE: "acknowledges",
             Stance.DENY: "denies", Stance.DISPUTE: "disputes", Stance.SPECULATE: "speculates",
             Stance.OTHER: "says"}
# Words that name the same thing in these stories; written for this module.
_SYNONYMS = {"soldier": "troop", "force": "troop", "army": "troop", "personnel": "troop", "fighter": "troop",
             "sent": "deploy", "send": "deploy", "dispatch": "deploy", "presence": "deploy",
             "deployment": "deploy", "fought": "fight", "fighting": "fight", "korean": "korea"}
UNIT_FAMILY = {"soldiers": "troops", "soldier": "troops", "troops": "troops", "troop": "troops",
               "forces": "troops", "personnel": "troops", "fighters": "troops", "servicemen": "troops"}
_STOP = frozenset("""a an the and or of to in on at by for from with that this these those its it their
their his her has have had was were is are be been being will would could should may might not no
as than then also about into over after before more most some any what which who whom whose""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_BREAK = re.compile(r"(?<![A-Z])[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z])|\n")


def evidence_sentence(text: str, start: int, end: int) -> TextSpan:
    """The sentence(s) of `text` holding [start, end): from the break before start to the one after end."""
    s = 0
    e = len(text)
    for m in _BREAK.finditer(text):
        if m.end() <= start:
            s = m.end()
        elif m.start() >= max(end - 1, start):
            e = m.start() + len(m.group().rstrip())
            break
    e = max(e, end)
    while s < e and text[s].isspace():
        s += 1
    return TextSpan(s, e, text[s:e])


def story_life(story_id: str, extractions: Iterable[Extraction], as_of: date | None = None) -> StoryLife:
    """The life of each proposition in a story, from its articles' records, as known on `as_of`."""
    xs = [x for x in extractions
          if as_of is None or (x.article.published is not None and x.article.published <= as_of)]
    xs.sort(key=lambda x: (x.article.published or date.max, x.article.id))
    props: list[_Prop] = []
    for x in xs:
        _place_article(x, props)
    built = [_build(i, p) for i, p in enumerate(props, 1)]
    built.sort(key=lambda p: (-len(p.positions), p.positions[0].date or "", p.id))
    dates = [x.article.published.isoformat() for x in xs if x.article.published]
    return StoryLife(story_id=story_id, as_of=as_of.isoformat() if as_of else None,
                     articles=tuple(x.article.id for x in xs), first=min(dates, default=None),
                     last=max(dates, default=None), propositions=tuple(built))


# --- reading claims --------------------------------------------------------------------------------

@dataclass(slots=True)
class _Item:
    """One claim as grouping sees it."""

    claim: Claim
    x: Extraction
    countries: set[str]
    types: set[str]
    words: set[str]
    frames: list[tuple[str, tuple[str, ...], tuple[str, ...]]]  # (type, actor countries, recipient countries)
    owners: set[str]  # whose troops it speaks of: "North Korean soldiers", "Pyongyang deployed ... troops"


@dataclass(slots=True)
class _Prop:
    items: list[_Item] = field(default_factory=list)


def _country(code: str) -> str:
    return code[:3]


def _party_countries(party: str | None) -> set[str]:
    return {_country(p) for p in party.split("+")} if party else set()


def _inside(start: int, end: int, claim: Claim) -> bool:
    return any(f.start <= start and end <= f.end for f in claim.content)


def _stem(word: str) -> str:
    w = word.casefold().strip("'’-")
    for form in (w, w[:-1] if w.endswith("s") else w):
        if form in _SYNONYMS:
            return _SYNONYMS[form]
    for suffix in ("ments", "ment", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return _SYNONYMS.get(w, w)


def _item(c: Claim, x: Extraction) -> _Item:
    source = _party_countries(c.source_actor)
    countries = {_country(a.code) for a in x.actors if a.code and _inside(a.start, a.end, c)}
    types, frames = set(), []
    for e in x.events:
        if not e.type or not _inside(e.start, e.end, c):
            continue
        types.add(e.type)
        actors = tuple(_country(a) for a in e.actor)
        recipients = tuple(_country(a) for a in e.recipient)
        countries.update(actors + recipients)
        if not e.negated and not e.hypothetical:
            if c.stance not in (Stance.ACKNOWLEDGE, Stance.DENY):  # the reporting source read as the actor
                actors = tuple(a for a in actors if a not in source)
            frames.append((e.type, actors, recipients))
    named = [(a.start, a.end) for a in x.actors if _inside(a.start, a.end, c)]
    words = set()
    for f in c.content:  # its words, less the actors' names (the countries stand for them)
        for m in _WORD.finditer(f.text):
            at = f.start + m.start()
            if not any(s <= at < e for s, e in named):
                words.add(_stem(m.group()))
    words = {w for w in words if len(w) > 2 and w not in _STOP}
    return _Item(c, x, countries, types, words, frames, _owners(c, x, frames))


def _owners(c: Claim, x: Extraction, frames: list[tuple[str, tuple[str, ...], tuple[str, ...]]]) -> set[str]:
    """The countries whose troops the claim speaks of: the actor named just before a troop word
    ("North Korean soldiers", "Pyongyang deployed thousands of troops") or just after it ("soldiers
    of the Korean People's Army"), else the actor of a deployment it reports ("the deployment of its
    soldiers", said by North Korea)."""
    named = sorted((a.start, a.end, _country(a.code)) for a in x.actors if a.code and _inside(a.start, a.end, c))
    for f in c.content:  # the first troop word says whose troops the claim is about
        for m in _WORD.finditer(f.text):
            if _stem(m.group()) != "troop":
                continue
            at, end = f.start + m.start(), f.start + m.end()
            before = [code for s, e, code in named if s <= at and at - e <= 30]
            after = [code for s, e, code in named  # "soldiers of the Korean People's Army"
                     if s >= end and x.article.text[end:s].strip().casefold() in {"of", "of the"}]
            if before or after:
                return {before[-1] if before else after[0]}
            return {a for t, actors, _ in frames if t == "MOBILIZE" for a in actors}
    return set()


def _likeness(a: _Item, b: _Item) -> float:
    def overlap(p: set[str], q: set[str]) -> float:
        return len(p & q) / min(len(p), len(q)) if p and q else 0.0

    def jaccard(p: set[str], q: set[str]) -> float:
        return len(p & q) / len(p | q) if p and q else 0.0

    score = 0.35 * jaccard(a.countries, b.countries) + 0.4 * overlap(a.words, b.words)
    score = score + 0.25 * overlap(a.types, b.types) if a.types and b.types else score / 0.75
    if a.owners and b.owners:  # the same country's troops, or two armies
        score += 0.5 if a.owners & b.owners else -0.3
    return min(score, 1.0)


def _place_article(x: Extraction, props: list[_Prop]) -> None:
    claims = sorted((c for c in x.claims if c.source is not None or c.source_actor), key=lambda c: c.start)
    # "..., according to RFE/RL" around "Kyiv maintains that ...": the inner claim is the position
    claims = [c for c in claims if not any(d is not c and d.cue is not None and _inside(d.cue.start, d.cue.end, c)
                                           for d in claims)]
    items = [_item(c, x) for c in claims]
    placed: dict[int, _Prop] = {}
    # "Russia confirmed what ... have long asserted: that ...": decided once the next claim is placed
    pending = [i for i, it in enumerate(items) if it.claim.content_text.strip().casefold() in {"what", "this", "it"}
               and i + 1 < len(items) and items[i + 1].claim.start - it.claim.end <= 3]
    for i, it in enumerate(items):
        if i in pending:
            continue
        best, score = None, 0.0
        for p in props:
            s = max(_likeness(it, m) for m in p.items)
            if s > score:
                best, score = p, s
        if it.claim.stance in (Stance.DENY, Stance.DISPUTE) and i and i - 1 in placed:
            prev = items[i - 1].claim  # "Russia claims ...; however, Kyiv maintains ...": the same question
            if prev.source_actor != it.claim.source_actor and it.claim.start - prev.end <= 20:
                best, score = placed[i - 1], SAME
        if best is None or score < SAME:
            best = _Prop()
            props.append(best)
        best.items.append(it)
        placed[i] = best
    for i in pending:
        target = placed[i + 1]
        target.items.append(items[i])
        placed[i] = target


# --- building a proposition -------------------------------------------------------------------------

def _party(c: Claim) -> str:
    if c.source_actor:
        return c.source_actor
    if c.source_resolved or c.source:
        return c.source_resolved or (c.source.text if c.source else "")
    return "(unattributed)"


def _position(it: _Item, concerned: set[str]) -> Position:
    c, a = it.claim, it.x.article
    lemma = (c.cue_lemma or "").casefold()
    position = "retracts" if lemma in RETRACT_CUES else _POSITION[c.stance]
    if position == "acknowledges" and lemma == "confirm":
        position = "confirms"
    source = c.source_resolved or (c.source.text if c.source else None)
    return Position(party=_party(c), source=source, position=position,
                    date=c.report_time or (a.published.isoformat() if a.published else None),
                    claim_id=c.id, article_id=a.id, start=c.start, end=c.end,
                    cue=c.cue.text if c.cue else None, content=c.content_text,
                    sentence=evidence_sentence(a.text, c.start, c.end),
                    concerned=bool(_party_countries(c.source_actor) & concerned), outlet=a.outlet,
                    event_time=c.event_time)


def _concerned(items: list[_Item]) -> tuple[str | None, tuple[str, ...]]:
    types = Counter(t for it in items for t, _, _ in it.frames)
    if not types:
        return None, ()
    main = types.most_common(1)[0][0]
    who: Counter[str] = Counter()
    for it in items:
        for t, actors, recipients in it.frames:
            if t == main and actors:  # a recipient without an actor is too often a misread
                who.update(actors + recipients)
    return main, tuple(c for c, _ in who.most_common())


def _estimates(it: _Item, party: str, when: str | None) -> list[Estimate]:
    c, x = it.claim, it.x
    out = []
    for q in x.quantities:
        if q.value is None or not _inside(q.start, q.end, c):
            continue
        if q.qualifier == "=" and abs(q.value) < 10:  # "two countries": a count, not an estimate
            continue
        unit = UNIT_FAMILY.get((q.unit or "").casefold(), q.unit or "")
        out.append(Estimate(unit=unit, value=q.value, qualifier=q.qualifier, text=q.text, vague=q.vague,
                            party=party, source=c.source_resolved or (c.source.text if c.source else None),
                            date=when, claim_id=c.id, article_id=x.article.id, start=q.start, end=q.end,
                            sentence=evidence_sentence(x.article.text, q.start, q.end)))
    return out


def _status(positions: list[Position]) -> str:
    latest: dict[str, Position] = {}
    for p in positions:
        latest[p.party] = p
    held = list(latest.values())
    if any(p.position == "retracts" for p in held) and not any(p.position in SUPPORT for p in held):
        return "retracted"
    if any(p.concerned and p.position in {"acknowledges", "confirms"} for p in held):
        return "confirmed_by_party"
    if any(p.position in AGAINST for p in held):
        return "disputed"
    if any(p.position in {"acknowledges", "confirms"} for p in held):
        return "confirmed"
    return "asserted"


def _contradictions(positions: list[Position]) -> list[Contradiction]:
    out = []
    first_for: dict[tuple[str, bool], Position] = {}
    pairs: set[frozenset[str]] = set()
    for p in positions:
        if p.position not in SUPPORT | AGAINST:
            continue
        side = p.position in SUPPORT
        other = next((q for (party, s), q in first_for.items() if s != side and party != p.party), None)
        if other is not None and (pair := frozenset((other.party, p.party))) not in pairs:
            pairs.add(pair)
            out.append(Contradiction("parties", other.claim_id, p.claim_id,
                                     f"{p.party} {p.position} what {other.party} {other.position}"))
        before = first_for.get((p.party, not side))
        if before is not None:
            out.append(Contradiction("reversal", before.claim_id, p.claim_id,
                                     f"{p.party} {before.position} ({before.date}), then {p.position} ({p.date})"))
        first_for.setdefault((p.party, side), p)
    return out


def _build(n: int, prop: _Prop) -> Proposition:
    main, actors = _concerned(prop.items)
    positions, estimates = [], []
    for it in prop.items:
        p = _position(it, set(actors))
        positions.append(p)
        estimates += _estimates(it, p.party, p.date)
    order = {id(p): i for i, p in enumerate(positions)}
    positions.sort(key=lambda p: (p.date or "9999", order[id(p)]))
    estimates.sort(key=lambda e: (e.date or "9999", e.article_id, e.start))
    label = next((p.content for p in positions if p.position in SUPPORT), positions[0].content)
    return Proposition(id=f"p{n}", label=label, event_type=main, actors=actors, status=_status(positions),
                       positions=tuple(positions), estimates=tuple(estimates),
                       contradictions=tuple(_contradictions(positions)))
