"""The records claimgraph produces: typed, frozen, and each traceable to its article.

Every record derived from an article carries `article_id`, character offsets into `Article.text`
(Python `str` indices, end exclusive) and the `extractor` name and `version` that made it. Records
hold plain values only (no spaCy or SQL objects), so they cross process and storage boundaries.
"""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

__all__ = [
    "ActorRef",
    "Article",
    "Claim",
    "ClaimKind",
    "Contradiction",
    "Estimate",
    "Event",
    "Place",
    "Position",
    "Proposition",
    "Quantity",
    "ReportedVia",
    "Stance",
    "StoryLife",
    "TextSpan",
    "TimeRef",
    "article_id_for",
    "from_dict",
    "to_dict",
]


class ClaimKind(StrEnum):
    DIRECT = "direct"  # the content is a quotation
    INDIRECT = "indirect"  # reported speech: "X said that ...", "X admitted to ..."
    ACCORDING_TO = "according_to"  # "..., according to X" / "citing X"
    MIXED = "mixed"  # indirect speech with a partial quotation inside
    UNATTRIBUTED = "unattributed"  # "there are concerns that ...": no source


class Stance(StrEnum):
    ASSERT = "assert"
    ACKNOWLEDGE = "acknowledge"
    CLAIM = "claim"
    DENY = "deny"
    DISPUTE = "dispute"
    SPECULATE = "speculate"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of an article's text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


def article_id_for(text: str) -> str:
    """Content hash of an article: the same text (after NFC and whitespace trimming) gets the same id."""
    norm = unicodedata.normalize("NFC", text).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    language: str = "en"
    origin: str | None = None  # where it was read from: "path" or "path:line"
    doc: str | None = None  # an id the input gave it (articles JSONL "doc"), kept for round trips
    # evidence: the snapshot the text was read from
    raw_sha256: str | None = None  # SHA-256 of the raw bytes (file, JSONL line, page, feed, WARC payload)
    source_kind: str | None = None  # text | markdown | jsonl | html | feed | warc | url
    retrieved: str | None = None  # when those bytes were fetched or archived (ISO 8601), where known

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Article:
        return cls(id=article_id_for(text), text=text, **meta)


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A mention of an actor resolved to a CAMEO-style code ("RUSGOV", "PRKMIL", "USA")."""

    article_id: str
    start: int
    end: int
    text: str
    code: str | None  # country (ISO alpha-3 or a region code like WST) + optional sector
    kind: str  # country | demonym | metonym | place | region | group | organisation | person | other
    # (place: a capital named as where something happens, coded with its country: "detained in Tehran")
    person: str | None = None  # "Valery Gerasimov"
    role: str | None = None  # "Chief of the Russian General Staff"
    extractor: str = ""
    version: str = ""


@dataclass(frozen=True, slots=True)
class ReportedVia:
    """An outer attribution the claim reaches us through: "..., according to RFE/RL"."""

    source: TextSpan
    cue: TextSpan | None
    source_actor: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """Someone's claim in an article (or an unattributed one): who, cue, what, and how they hold it."""

    id: str
    article_id: str
    start: int  # the extent of source, cue and content together
    end: int
    kind: ClaimKind
    stance: Stance
    content: tuple[TextSpan, ...]  # one or more fragments, quotation marks included
    source: TextSpan | None = None  # as written: "the Ministry", "he"
    source_resolved: str | None = None  # its antecedent in the article: "The Russian Ministry of ..."
    source_actor: str | None = None  # "RUSGOV"
    person: str | None = None  # the person behind the source, when it is one
    cue: TextSpan | None = None  # "have long asserted", "according to"
    cue_lemma: str | None = None  # "assert"
    hedges: tuple[str, ...] = ()
    addressee: TextSpan | None = None  # "informed President Vladimir Putin that ..."
    reported_via: tuple[ReportedVia, ...] = ()
    report_time: str | None = None  # when it was reported: the article's publication date, ISO
    event_time: str | None = None  # when what it says happened, where the content says: a TIMEX3 value
    extractor: str = ""
    version: str = ""

    @property
    def content_text(self) -> str:
        return " … ".join(f.text for f in self.content)


@dataclass(frozen=True, slots=True)
class TimeRef:
    article_id: str
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # TIMEX3 value ("2025-04-26", "2024-SU"); None when it cannot be resolved
    extractor: str = ""
    version: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    article_id: str
    start: int
    end: int
    text: str
    iso: str | None = None  # the most precise ISO code: 3166-2 region ("RU-KRS"), else 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    metonym_of: str | None = None  # "Kyiv" standing for UKRGOV; such a place is no location to map
    name: str | None = None  # the gazetteer's name of what it resolved to: "Kursk" (the oblast)
    feature: str | None = None  # continent | country | region | area | city; None when unresolved
    country: str | None = None  # ISO 3166-1 alpha-2
    region: str | None = None  # ISO 3166-2, where known
    geonameid: int | None = None
    mention: str = "name"  # name ("in Kursk") | modifier ("Syrian troops") | embedded ("Paris High School")
    evidence: str = ""  # why this reading: "only reading", "after 'Donetsk Oblast'", "in UA, named earlier"
    extractor: str = ""
    version: str = ""

    @property
    def on_map(self) -> bool:
        """A location to draw: resolved, and not standing for a government or a people."""
        return self.lat is not None and self.metonym_of is None and self.mention == "name"


@dataclass(frozen=True, slots=True)
class Quantity:
    article_id: str
    start: int
    end: int
    text: str
    value: float | None
    qualifier: str = "="  # = ~ > < up down
    unit: str | None = None
    vague: bool = False
    extractor: str = ""
    version: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    article_id: str
    start: int
    end: int
    text: str
    type: str | None  # PLOVER event type (AGREE ... ASSAULT); None where no trigger names one
    mode: str | None = None  # PLOVER mode: "troops", "demo", "heavy-weapons"
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    negated: bool = False  # "did not attack", "denied that ... attacked": not coded as happening
    hypothetical: bool = False  # intended, demanded, threatened, possible or conditional: not happened
    place: str | None = None  # ISO code of the place the predicate is located at ("in Kursk" -> RU-KRS)
    time: str | None = None  # TIMEX3 value of a date in the predicate's clause
    quantities: tuple[int, ...] = ()  # positions in Extraction.quantities of the clause's quantities
    extractor: str = ""
    version: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    claims: tuple[Claim, ...] = ()
    actors: tuple[ActorRef, ...] = ()
    times: tuple[TimeRef, ...] = ()
    places: tuple[Place, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    events: tuple[Event, ...] = field(default=())


# --- stories: what each party held about a proposition, over time (claimgraph.link.life) --------

@dataclass(frozen=True, slots=True)
class Position:
    """A party's position on a proposition, as one claim in one article states it."""

    party: str  # actor code ("RUS", "UKRGOV+WST"), else the source as written, else "(unattributed)"
    source: str | None  # the source as written (resolved where the article resolves it)
    position: str  # asserts | claims | acknowledges | confirms | denies | disputes | retracts | speculates
    date: str | None  # when it was reported: the article's publication date, ISO
    claim_id: str
    article_id: str
    start: int  # the claim's extent in the article
    end: int
    cue: str | None
    content: str
    sentence: TextSpan  # the evidence: the article's sentence(s) holding the claim
    concerned: bool = False  # the party is an actor of the proposition's event (it speaks about itself)
    outlet: str | None = None
    event_time: str | None = None


@dataclass(frozen=True, slots=True)
class Estimate:
    """A number a party gave for a proposition: "more than 11,000 North Korean soldiers"."""

    unit: str  # the unit's family: "troops" for soldiers, troops, forces
    value: float
    qualifier: str  # = ~ > < up down
    text: str
    vague: bool
    party: str
    source: str | None
    date: str | None
    claim_id: str
    article_id: str
    start: int  # the quantity's offsets in the article
    end: int
    sentence: TextSpan


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two positions that cannot both hold: one party against another, or a party against itself."""

    kind: str  # parties (one asserts, another denies or disputes) | reversal (a party changed side)
    first: str  # claim ids, the earlier first
    second: str
    note: str


@dataclass(frozen=True, slots=True)
class Proposition:
    """Claims in a story that say the same thing, grouped by event frame and wording."""

    id: str  # "p1", in order of first report
    label: str  # the content of its earliest supporting claim
    event_type: str | None  # the PLOVER type most of its claims report
    actors: tuple[str, ...]  # country codes of that event's actors and recipients: the parties concerned
    status: str  # asserted | disputed | confirmed | confirmed_by_party | retracted
    positions: tuple[Position, ...]  # date order
    estimates: tuple[Estimate, ...]  # date order
    contradictions: tuple[Contradiction, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryLife:
    """A story's propositions and their parties' positions, as known on `as_of` (None: everything)."""

    story_id: str
    as_of: str | None
    articles: tuple[str, ...]  # article ids, oldest first
    first: str | None
    last: str | None
    propositions: tuple[Proposition, ...]  # most positions first


# --- plain-dict round trips (JSON, the store) ----------------------------------------------------

def to_dict(record: Any) -> Any:
    """A record as JSON-ready values: dates as ISO strings, enums as their values."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (tuple, list)):
        return [to_dict(x) for x in record]
    if isinstance(record, StrEnum):
        return record.value
    if isinstance(record, date):
        return record.isoformat()
    return record


T = TypeVar("T")


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """The inverse of `to_dict` for the records above."""
    hints = _field_builders(cls)
    kwargs = {}
    for name, value in data.items():
        if name not in hints:
            continue
        kwargs[name] = hints[name](value) if value is not None else None
    return cls(**kwargs)


def _span(v: Any) -> TextSpan:
    return TextSpan(**v)


def _spans(v: Any) -> tuple[TextSpan, ...]:
    return tuple(TextSpan(**x) for x in v)


def _via(v: Any) -> tuple[ReportedVia, ...]:
    return tuple(
        ReportedVia(source=_span(x["source"]), cue=_span(x["cue"]) if x.get("cue") else None,
                    source_actor=x.get("source_actor"))
        for x in v
    )


def _same(v: Any) -> Any:
    return v


def _field_builders(cls: type) -> dict[str, Any]:
    builders: dict[str, Any] = {f.name: _same for f in dataclasses.fields(cls)}
    if cls is Claim:
        builders.update(kind=ClaimKind, stance=Stance, content=_spans, source=_span, cue=_span,
                        addressee=_span, hedges=tuple, reported_via=_via)
    elif cls is Article:
        builders.update(published=date.fromisoformat)
    elif cls is Event:
        builders.update(actor=tuple, recipient=tuple, quantities=tuple)
    return builders
