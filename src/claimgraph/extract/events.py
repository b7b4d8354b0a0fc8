"""Political events (PLOVER): each sentence's events with type, mode, actor, recipient, place and time.

A trigger word (data/event_triggers.tsv) names the event; the rules follow the PLOVER coding order:
- the main verb's own type comes first: "agreed to send troops" is AGREE, "threatened to blockade"
  THREATEN (its mode from what is threatened), "refused to lift the curfew" REJECT; the complement
  ("send troops") is listed after it as a hypothetical event;
- light verbs take the type of their object ("staged a hunger strike": PROTEST hunger), reporting
  verbs that of the reported clause ("said it had called off the strike": CONCEDE);
- intent ("will give", "promised to", "is ready to") is AGREE when what is intended cooperates and
  THREATEN when it is conflict, the intended event being hypothetical; "must" in what is said is a
  REQUEST; "may" and "if" make an event hypothetical; "did not" makes it negated. Hypothetical and
  negated events are kept, flagged, and never stand for something that happened;
- stopping something ("lifted the curfew", "suspended aid") is CONCEDE or RETREAT when the thing
  stopped is conflict, SANCTION when it is cooperation.
Actor and recipient codes come from `event_actors.event_codes`. Place is a place in the sentence
attached to the predicate by a locative preposition, time the first dated TIMEX in the predicate's
clause, quantities the positions in `Extraction.quantities` of those in it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, LOWER

from claimgraph.extract.actors import ActorRegistry
from claimgraph.extract.doc_text import text_of
from claimgraph.extract.event_actors import (
    attack_maker,
    event_codes,
    event_owner,
    main_predicate,
    movement_doer,
    participle_doer,
    passive,
)
from claimgraph.extract.lexicon import lexicon
from claimgraph.extract.timex_parse import ahead_of_event
from claimgraph.models import Article, Event, Place, Quantity, Stance, TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["EXTRACTOR", "TYPES", "VERSION", "Trigger", "find_events", "names_hazard", "trigger_of", "triggers"]

EXTRACTOR = "claimgraph.events"
VERSION = "60"

COOPERATION = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
VERBAL_CONFLICT = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"})
MATERIAL_CONFLICT = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
TYPES = COOPERATION | VERBAL_CONFLICT | MATERIAL_CONFLICT
# Event nouns a trigger word before them only says the subject of: "ceasefire talks" are talks, not a ceasefire.
_ABOUT_HEADS = frozenset({"CONSULT", "AGREE"})
_ROLES = {"intent", "light", "report", "stop", "hazard", "none", "weapon", "use", "affect", "unrealised"}

# The mode of a threat, from what is threatened (CAMEO 13x as mapped by CAMEO2PLOVER 2021):
# force -> violence, curfew -> curfew, bans -> ban, other restrictions and blockades -> restrict,
# sanctions, cut ties and protest -> relations, expulsions -> expel.
_THREAT_MODES = {("ASSAULT", None): "violence", ("MOBILIZE", None): "violence",
                 ("COERCE", "curfew"): "curfew", ("COERCE", "ban"): "ban", ("COERCE", "seize"): "territory",
                 ("COERCE", None): "restrict", ("SANCTION", "expel"): "expel", ("SANCTION", None): "relations",
                 ("PROTEST", None): "relations"}
# What stopping an event is: the end of conflict yields (RETREAT, CONCEDE), the end of cooperation
# reduces relations (SANCTION). "lifted sanctions" -> RETREAT ease (CAMEO 085).
_STOPPED = {"ASSAULT": ("RETREAT", "ceasefire"), "MOBILIZE": ("RETREAT", "withdraw"), "COERCE": ("CONCEDE", None),
            "PROTEST": ("CONCEDE", None), "SANCTION": ("RETREAT", "ease"), "THREATEN": ("CONCEDE", None)}

_FUTURE = {"will", "shall", "'ll", "wo", "would", "going"}
_POSSIBLE = {"may", "might", "could", "can", "ca"}
_MUST = {"must", "should", "ought"}
_PARTY_ENTITIES = {"GPE", "NORP", "ORG", "PERSON"}
_SCORE = re.compile(r"\d{1,3}\s?[-–—]\s?\d{1,3}")  # a game's score, "6–4"
_PARTY_NOUNS = {"country", "nation", "state", "side", "party", "member", "ally", "neighbour", "neighbor", "everyone"}
_CLAUSES = {"xcomp", "ccomp"}
# Where a light verb looks for the event it stands for: its objects and their phrases.
_OBJECT_DEPS = {"dobj", "attr", "oprd", "prep", "pobj", "pcomp", "acomp", "dative", "compound", "amod", "nmod",
                "conj", "npadvmod", "acl", "advmod", "nsubjpass"}
_LOCATIVE = {"in", "at", "near", "into", "inside", "outside", "across", "to", "from", "on", "throughout", "within",
             "around", "toward", "towards", "over"}


@dataclass(frozen=True, slots=True)
class Trigger:
    words: tuple[str, ...]  # lemmas, the head included
    head: str
    pos: str  # V | N | A
    type: str  # a PLOVER type or a role (intent, light, report, stop, none); weapon rows are ASSAULT
    mode: str | None
    default: str | None = None  # a stop verb's type when what it stops is not known
    weapon: bool = False  # an ASSAULT only where the weapon is used ("launches 100 drones", not "produce drones")
    party: bool = False  # an event only when the subject names a party ("Putin flies", not "the 777 can fly")


@dataclass(frozen=True)
class Triggers:
    by_head: dict[tuple[str, str], list[Trigger]]
    hazards: frozenset[tuple[str, str]] = frozenset()  # natural hazards and accidents: (lemmas, pos)
    things: frozenset[str] = frozenset()  # "none" rows: lemmas of phrases that name things, no event
    uses: frozenset[str] = frozenset()  # "use" and "affect" rows: verbs that use a weapon ("launch", "strike")
    affects: frozenset[str] = frozenset()  # "affect" rows: their object is the target ("damaging two drones")
    unrealised: frozenset[str] = frozenset()  # "unrealised" rows: nouns whose to-infinitive is not done ("plans to")
    heads: frozenset[str] = field(init=False)  # every trigger's head word, whatever its part of speech

    def __post_init__(self) -> None:
        object.__setattr__(self, "heads", frozenset(head for head, _ in self.by_head))

    def match(self, token: Token, for_mode: bool = False) -> Trigger | None:
        """The longest trigger headed by the token whose other words are among its dependents; none for a
        proper noun inside a named entity ("March 23 Movement rebels": no march), nor for a participle that
        describes a noun or a weapon not in use, unless the trigger is wanted only `for_mode` ("in a bomb
        attack" is an attack with explosives)."""
        pos = _pos(token)
        if pos is None or (token.pos_ == "PROPN" and token.ent_type_):
            return None
        if token.dep_ == "amod" and token.tag_ in {"VBN", "VBG"} and not for_mode:
            return None  # a participle that describes a noun names no event: "alleged misconduct", "the defending
            # champion", "a suspended sentence", "Russian-occupied territories", "the Saudi-backed government"
        if token.dep_ == "compound" and f"{token.lemma_.lower()} {token.head.lemma_.lower()}" in self.things:
            return None  # "an asylum-seeker", "a tank truck": the word only says what kind of thing
        if not for_mode and token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ == "NOUN" \
                and (head := self.match(token.head)) is not None \
                and (head.type in _ABOUT_HEADS
                     or (head.type == "ASSAULT" and (own := self._match(token, "N")) is not None and own.weapon)):
            return None  # what the talks after it are about, or the weapon of the attack: "ceasefire negotiations",
            # "a drone attack" (the attack is the event)
        found = self._match(token, pos)
        if (found is None or found.weapon) and pos == "N" and token.dep_ == "ROOT" and token.tag_ == "NNS" \
                and (any(c.dep_ == "nsubj" for c in token.children) or _compound_subject(token)):
            # a verb the tagger read as a noun: "the court ... sentences", "The Israel Air Force bombs ..."
            found = self._match(token, "V") or found
        if found is not None and found.mode == "beat" and any(_SCORE.fullmatch(t.text) for t in token.subtree):
            return None  # "England beats France 6–4 in the ... third-place playoff": a game won, no beating
        if found is not None and found.weapon and not for_mode and not self.in_use(token):
            return None  # "AirAsia purchases 150 Airbus A220 aircraft", "a sightseeing helicopter ... crashes"
        return found

    def in_use(self, weapon: Token) -> bool:
        """The weapon is used: the object or subject of a "use" verb ("Russia launches over 100 drones",
        "Kuwait intercepts eight missiles and 19 drones", "a missile strikes"), or of one after it ("drones
        fired by Iran-backed militias", "missiles launched to the base"), or it comes from somewhere
        ("three missiles from Iran")."""
        chain = [weapon]
        while weapon.dep_ in {"conj", "appos", "compound"} and weapon.head.pos_ in {"NOUN", "PROPN"}:
            weapon = weapon.head  # "eight missiles and 19 drones", "launch mortar shells"
            chain.append(weapon)
        head = weapon.head
        if weapon.dep_ == "pobj" and head.dep_ in {"prep", "agent"}:
            head = head.head  # "responds to 14 ballistic missiles", "killed by an improvised explosive device"
        if weapon.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in self.affects:
            return False  # the target: "damaging two MQ-9 Reaper drones", "two tanks are destroyed"
        if weapon.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj"} and head.lemma_.lower() in self.uses:
            return True
        if weapon.dep_ == "nsubj" and head.dep_ in {"ccomp", "xcomp"} and head.head.lemma_.lower() in self.uses:
            return True  # "intercepted Iranian drones entering the country's airspace": the parse's small clause
        return any((c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in self.uses)
                   or (c.dep_ == "prep" and c.lower_ == "from" and any(g.dep_ == "pobj" for g in c.children))
                   for w in chain for c in w.children)  # "a drone launched from Yemen"

    def _match(self, token: Token, pos: str) -> Trigger | None:
        near: set[str] | None = None
        for key in {token.lemma_.lower(), token.lower_}:
            for trigger in self.by_head.get((key, pos), ()):
                if len(trigger.words) == 1:
                    return trigger
                if near is None:
                    near = _near_words(token)
                if all(w in near for w in trigger.words if w != trigger.head):
                    return trigger
        return None


def _compound_subject(token: Token) -> bool:
    """A sentence's root the tagger read as a plural noun, with its subject read as a name before it and
    something after it: "The Israel Air Force bombs at least ten Houthi targets" (not "The remains of ...");
    or read as a common noun before it, with a count after it: "An Iranian cluster bomb wounds nine people"."""
    after = [c for c in token.children
             if c.i > token.i and c.dep_ in {"dobj", "appos", "prep", "dative", "ccomp", "xcomp", "conj"}]
    if any(c.dep_ == "compound" and c.i < token.i and c.pos_ == "PROPN" for c in token.children) and after:
        return True
    return any(c.dep_ == "compound" and c.i < token.i and c.pos_ == "NOUN" for c in token.children) \
        and any(c.dep_ in {"dobj", "appos"} and any(g.dep_ == "nummod" for g in c.children) for c in after)


def _pos(token: Token) -> str | None:
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ != "aux"):
        return "V"
    if token.pos_ in {"NOUN", "PROPN"}:
        return "N"
    if token.pos_ == "ADJ":
        return "A"
    return None


def _near_words(token: Token) -> set[str]:
    out: set[str] = set()
    for child in token.children:
        out |= {child.lemma_.lower(), child.lower_}
        for grandchild in child.children:
            out |= {grandchild.lemma_.lower(), grandchild.lower_}
    return out


@lru_cache(maxsize=1)
def triggers() -> Triggers:
    text = resources.files("claimgraph").joinpath("data", "event_triggers.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    by_head: dict[tuple[str, str], list[Trigger]] = {}
    hazards: set[tuple[str, str]] = set()
    things: set[str] = set()
    uses: set[str] = set()
    affects: set[str] = set()
    unrealised: set[str] = set()
    for row in csv.DictReader(lines, delimiter="\t"):
        words = tuple(row["pattern"].lower().split())
        pos = row["pos"]
        kind, _, default = row["type"].partition(":")
        if kind not in TYPES and kind not in _ROLES:
            raise ValueError(f"event_triggers.tsv: unknown type {row['type']!r} for {row['pattern']!r}; "
                             f"use a PLOVER type ({', '.join(sorted(TYPES))}) or a role ({', '.join(sorted(_ROLES))})")
        if kind == "hazard":
            hazards.add((" ".join(words), pos))
            continue
        if kind in ("use", "affect"):
            uses.add(" ".join(words))
            if kind == "affect":
                affects.add(" ".join(words))
            continue
        if kind == "unrealised":
            unrealised.add(" ".join(words))
            continue
        starred = [w.rstrip("*") for w in words if w.endswith("*")]
        words = tuple(w.rstrip("*") for w in words)
        if kind == "none":
            things.add(" ".join(words))
        head = starred[0] if starred else words[-1] if pos == "N" and "of" not in words else words[0]
        weapon = kind == "weapon"
        trigger = Trigger(words, head, pos, "ASSAULT" if weapon else kind, (row.get("mode") or "").strip() or None,
                          default or None, weapon, (row.get("subject") or "").strip() == "party")
        by_head.setdefault((head, pos), []).append(trigger)
    for rows in by_head.values():
        rows.sort(key=lambda t: -len(t.words))
    return Triggers(by_head, frozenset(hazards), frozenset(things), frozenset(uses), frozenset(affects),
                    frozenset(unrealised))


@dataclass
class _Frame:
    type: str | None
    mode: str | None
    token: Token
    negated: bool = False
    hypothetical: bool = False
    inner: list[_Frame] = field(default_factory=list)  # what the event is about: intended, demanded, refused

    def flat(self) -> Iterator[_Frame]:
        yield self
        for f in self.inner:
            yield from f.flat()


def find_events(doc: Doc, article: Article, registry: ActorRegistry | None = None,
                places: Sequence[Place] = (), times: Sequence[TimeRef] = (),
                quantities: Sequence[Quantity] = ()) -> Iterator[Event]:
    """Each sentence's events, its main event first; an event needs a type or an actor code."""
    registry = registry or ActorRegistry.default()
    when = article.published.isoformat() if article.published else None
    words: list[list[int]] | None = None  # each token's lower-case form and lemma (hash ids), read once
    sents = list(doc.sents)
    for before, sent in zip([None, *sents], sents, strict=False):  # the sentence before, for accidents
        predicate = main_predicate(sent)
        if predicate is None:
            continue
        if words is None:
            words = doc.to_array([LOWER, LEMMA]).tolist()
        frames = _sentence_frames(sent, predicate, words)
        hazard_acts = _hazard_does(predicate)
        seen: set[tuple[int, str | None]] = set()
        for n, frame in enumerate(frames):
            if (frame.token.i, frame.type) in seen:
                continue
            seen.add((frame.token.i, frame.type))
            by = _coded_by(predicate, frame, registry) if n == 0 else _own_verb(frame.token)
            if frame.type == "ASSAULT" and by.i != frame.token.i and names_hazard([by]):
                continue  # "an Air Force Il-76 aircraft crashes while landing ..., killing all crew members"
            actor, recipient = event_codes(by, registry, when)
            if frame.type == "ASSAULT" and (maker := attack_maker(frame.token, registry, when)):
                # an attack its own words name the maker of: "declares the Indian attacks to be an act of war"
                # is India's attack, not Pakistan's, and the one the sentence is about is its target unless
                # another is named ("Turkey intercepts an Iranian ballistic missile": Turkey's airspace)
                recipient = [c for c in recipient if c not in maker] or [c for c in actor if c not in maker]
                actor = maker
            elif frame.type in ("RETREAT", "MOBILIZE") and (moved := movement_doer(frame.token, registry, when))[0]:
                actor, recipient = moved  # "assurances ... that the withdrawal of Israeli troops from Lebanon"
            elif frame.type not in _DONE_TO and (owner := event_owner(frame.token, registry, when)):
                # an event noun whose possessor names a party is that party's: "during Rahmon's state visit to
                # Uzbekistan" is Tajikistan's, whoever the sentence's subject is (not a ban, a blockade or an arrest,
                # whose possessor is as often the one it is done to: "extends Russia's ban")
                recipient = [c for c in recipient if c not in owner] or [c for c in actor if c not in owner]
                actor = owner
            if frame.type is None and not actor and not recipient:
                continue
            if frame.type == "ASSAULT" and not actor and not _has_agent(frame.token) and _disaster(sent, before):
                continue  # "Eight people are killed when a landslide buries ...": a disaster, no attack
            if _hazard_does(frame.token) or (hazard_acts and not actor):
                continue  # "A Mw 7.3 earthquake strikes near the coast", "a wildfire burns ..., destroying"
            if frame.type is None and n > 0:
                continue
            tok = frame.token
            yield Event(article_id=article.id, start=tok.idx, end=tok.idx + len(tok.text), text=tok.text,
                        type=frame.type, mode=frame.mode, actor=tuple(actor), recipient=tuple(recipient),
                        negated=frame.negated, hypothetical=frame.hypothetical or _unrealised(tok),
                        place=_place(tok if n else predicate, frame, places),
                        time=_time(predicate if n == 0 and not _in_relative_clause(tok, predicate) else tok, times,
                                   tok),
                        quantities=_quantities(predicate if n == 0 else tok, quantities),
                        extractor=EXTRACTOR, version=VERSION)


def _unrealised(token: Token) -> bool:
    """The verb is the to-infinitive of a noun that names what is not done (yet), an "unrealised" row of
    event_triggers.tsv, or a verb joined to it: "intensified efforts to end the insurgency", "a proposal to
    end the death penalty", "in order to execute a warrant", "plans to reduce ..., extend ... and end ...".
    Not a noun or a clause inside it, which may name what did happen: "an attempt to record all major
    massacres", "an effort to break the blockade", "plans to reshuffle the cabinet following weeks of
    protests"."""
    if token.pos_ != "VERB":
        return False
    nouns = triggers().unrealised
    t = token
    for _ in range(8):
        if t.dep_ == "acl" and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in nouns \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            return True
        if t.dep_ not in {"conj", "xcomp"} or t.head.pos_ != "VERB":
            return False
        t = t.head
    return False


def _has_agent(token: Token) -> bool:
    """A doer the registry may not know is still a doer: "is sunk by U.S forces"."""
    return any(c.dep_ == "agent" and any(g.dep_ == "pobj" and not names_hazard(g.subtree) for g in c.children)
               for c in token.children)


def _disaster(sent: Span, before: Span | None) -> bool:
    """Deaths in this sentence come from a hazard or accident it names, or that the sentence before names
    when this one names no attack ("... collides with a firetruck while landing. Both pilots are killed")."""
    if names_hazard(sent):
        return True
    if before is None or not names_hazard(before):
        return False
    return not any(t.pos_ == "NOUN" and (g := triggers().match(t)) is not None and g.type == "ASSAULT" for t in sent)


def _hazard_does(token: Token) -> bool:
    """The word's subject is a hazard: "an earthquake strikes", "a storm hits" (also where the tagger made
    the verb a noun with the hazard before it: "A Mw 7.3 earthquake strikes near the coast")."""
    deps = {"nsubj", "compound"} if token.dep_ == "ROOT" and token.pos_ == "NOUN" else {"nsubj"}
    return any(c.dep_ in deps and names_hazard([*(x for x in c.lefts if x.dep_ in {"compound", "det"}), c])
               for c in token.children)  # the subject's own noun: not "projects" of "flood control projects"


_BOUNDS = frozenset({"since", "until", "till"})
_SEQUENCE = frozenset({"after", "before"})  # a clause these open is another event, with its own date
_DONE_TO = frozenset({"COERCE", "ASSAULT", "SANCTION"})  # acts whose noun's possessor may be the one they are done to
# Prepositions whose phrase is a circumstance of an act (another event, a cause, a time), not what it acts on.
_CIRCUMSTANCE = frozenset({"after", "before", "following", "amid", "amidst", "despite", "during", "since", "until"})
_CAUSE_VERBS = frozenset({"cause", "spark", "start", "trigger", "ignite"})


def names_hazard(tokens: Iterable[Token]) -> bool:
    """The words name a natural hazard or an accident ("flooding", "collides", "heat wave", "Storm
    Kristin"; not "protesters storm the consulate")."""
    hazards = triggers().hazards
    before = ""
    for t in tokens:
        lemma, pos = t.lemma_.lower(), _pos(t)
        if t.dep_ == "dobj" and t.head.lemma_.lower() in _CAUSE_VERBS:
            before = lemma
            continue  # what an attack caused: "A drone strikes a fuel tank ..., causing a fire"
        if pos is not None and ((lemma, pos) in hazards or (f"{before} {lemma}", pos) in hazards):
            return True
        if pos == "N" and (lemma, "V") in hazards and (t.tag_ == "NNS" or t.dep_ in {"advcl", "ccomp", "relcl"}
                                                       or any(c.dep_ == "nsubj" for c in t.children)):
            return True  # a verb the tagger read as a noun: "a flight ... collides with", "a minibus ... overturns",
            # "after a bus and a truck collide head-on" (a noun heading a clause)
        before = lemma
    return False


def _coded_by(predicate: Token, frame: _Frame, registry: ActorRegistry) -> Token:
    """The word whose subject and objects are the event's parties: the reported clause's verb where
    a report carries a material event ("officials said Pyongyang deployed troops": Pyongyang acts),
    else the predicate (the reporter demands, threatens, promises)."""
    reported = frame.token
    if reported.pos_ == "NOUN" and reported.head.pos_ == "VERB" and (
            reported.dep_ == "dobj" or (reported.dep_ in {"nsubj", "nsubjpass"} and frame.type == "ASSAULT")):
        # the clause's verb: "say that American airstrikes targeted ...", "that Afghan nationals carried out
        # the bombing", "that gunfire has been heard" (no party named: not the one who says so)
        reported = reported.head
    own_doer = {"nsubj", "agent"} if reported.dep_ == "pcomp" else {"nsubj", "nsubjpass", "agent"}
    if (reported.i != predicate.i and reported.pos_ == "VERB" and predicate in reported.ancestors
            and (frame.type in MATERIAL_CONFLICT | (COOPERATION - {"AGREE"})
                 or (reported.dep_ == "pcomp" and reported.tag_ == "VBG"))  # not "with all secretaries ordered to"
            and any(c.dep_ in own_doer and c.pos_ != "PRON" for c in reported.children)):
        # also "the World Cup to be hosted by Canada, Mexico, and the United States", and a clause after "with"
        # that names its own doer ("..., with opposition candidate Fernando Dias da Costa alleging the coup ...")
        return reported
    if reported.i != predicate.i and reported.pos_ == "NOUN" and any(
            c.dep_ == "prep" and c.lower_ == "by" for c in reported.children):
        return reported  # "during a state visit by Ramaphosa": the visit's own doer
    if reported.dep_ == "relcl" and reported.pos_ == "VERB" and reported.i != predicate.i:
        subject = _nsubj(reported)
        if subject is not None and subject.tag_ in {"WDT", "WP"}:
            subject = reported.head
        if subject is not None and subject.pos_ in {"NOUN", "PROPN"} and not _no_party(subject):
            return reported  # "... after the Ukrainian Insurgent Army, which massacred Poles": not the one stripping
        # (but "passes a law that allows military trials": the law's maker)
    if reported.i != predicate.i and reported.pos_ == "VERB" and (doer := participle_doer(reported, registry)) \
            and predicate in doer.ancestors:
        return reported  # "reports witnessing armed men looting and setting fire to shops": not the reporter's
    if reported.dep_ == "conj" and reported.head.i == predicate.i and reported.pos_ == "VERB":
        return reported  # a clause of its own: "journalists linked to Navalny are convicted" (no one linked them)
    if reported.i != predicate.i and reported.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in reported.children) \
            and lexicon().verb_stance(predicate.lemma_) is None:
        return reported  # "two tankers catch fire after being struck": not struck by the tankers (but "Thailand
        # announces that refugees will be granted legal status": the one announcing grants it)
    return predicate


def _own_verb(token: Token) -> Token:
    """The verb whose parties a noun event has when it is the verb's object: "(Hezbollah fires rockets ...)
    and launches a drone into northern Israel" (the drone is Hezbollah's)."""
    if token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.pos_ == "VERB" and not any(
            c.dep_ == "prep" and c.lower_ == "by" for c in token.children):  # "the first talks by the AU": its own
        return token.head
    return token


def _sentence_frames(sent: Span, predicate: Token, words: list[list[int]]) -> list[_Frame]:
    """The main frame and what it contains, then the typed events of other clauses of the sentence.
    `words`: each token's LOWER and LEMMA hash ids (`Doc.to_array`), so a sentence is searched for
    trigger words without making a Token of each of its words."""
    main = _frame(predicate) or _Frame(None, None, predicate)
    if main.type is None:  # no typed predicate: the first typed event word of the sentence stands in
        doc = sent.doc
        # A word names a typed event only through a trigger word or a "must" at or below it in the
        # parse, so only those words and their ancestors are tried (the same answer, for less).
        marked: set[int] = set()
        for i in range(sent.start, sent.end):
            lower, lemma = words[i]
            if _is_trigger_word(lower, lemma, doc):
                marked.add(i)
                marked.update(a.i for a in doc[i].ancestors)
        fallback = next((f for i in sorted(marked) if sent.start <= i < sent.end and i != predicate.i
                         and (f := _frame(doc[i])) and f.type), None)
        if fallback is not None:
            main = fallback
    frames = list(main.flat())
    used = {f.token.i for f in frames}
    others = list(_other_clauses(predicate))
    for verb in others:
        if verb.i in used:
            continue
        frame = _frame(verb)
        if frame is not None and frame.type is not None:
            frames.extend(frame.flat())
            used |= {f.token.i for f in frame.flat()}
    for verb in (predicate, *others):
        for frame in _circumstances(verb):
            if frame.token.i not in used:
                frames.append(frame)
                used.add(frame.token.i)
    return frames


def _circumstances(verb: Token) -> Iterator[_Frame]:
    """The events a verb's circumstance phrases name ("... are killed and one survives after three American
    airstrikes", "expels three Russian diplomats ... after accusing the Russian embassy"): events of their own,
    after the sentence's main one, not what the verb acts on (`_object_frame` leaves them out)."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _CIRCUMSTANCE:
            for word in child.children:
                if word.dep_ == "pcomp" and word.pos_ == "VERB":  # "expels three Russian diplomats ... after accusing"
                    frame = _frame(word)
                    if frame is not None and frame.type is not None:
                        yield from frame.flat()
                trigger = trigger_of(word) if word.dep_ == "pobj" and word.pos_ in {"NOUN", "PROPN"} else None
                if trigger is not None and trigger.type in TYPES:
                    yield _Frame(trigger.type, trigger.mode or _mode_near(word, trigger.type), word)


# Whether a word's lower-case form (or lemma) is a trigger head or a "must": by hash id, for every word read.
_TRIGGER_LOWER: dict[int, bool] = {}
_TRIGGER_LEMMA: dict[int, bool] = {}


def _is_trigger_word(lower: int, lemma: int, doc: Doc) -> bool:
    """The word is a trigger's head (as written or by its lemma, lower-cased) or a "must"."""
    found = _TRIGGER_LOWER.get(lower)
    if found is None:
        text = doc.vocab.strings[lower]
        found = _TRIGGER_LOWER[lower] = text in triggers().heads or text in _MUST
    if found:
        return True
    found = _TRIGGER_LEMMA.get(lemma)
    if found is None:
        found = _TRIGGER_LEMMA[lemma] = doc.vocab.strings[lemma].lower() in triggers().heads
    return found


def _other_clauses(predicate: Token) -> Iterator[Token]:
    """Coordinated verbs and participle clauses of the predicate ("kidnapped ... and exploded ...",
    "opened fire, killing one person and arresting 12")."""
    for child in predicate.children:
        if child.dep_ in {"conj", "advcl"} and child.pos_ == "VERB":
            yield child
            yield from (c for c in child.children if c.dep_ == "conj" and c.pos_ == "VERB")


def _frame(token: Token, depth: int = 0) -> _Frame | None:
    """The event a word names, with what it embeds; None when it names none."""
    if depth > 4:
        return None
    if token.lemma_ == "be":  # "is ready to", "is opposed to": the adjective names it, the copula bears the tense
        adjective = next((c for c in token.children if c.dep_ in {"acomp", "attr"} and c.pos_ == "ADJ"), None)
        described = _frame(adjective, depth + 1) if adjective is not None else None
        return _modal(token, described) if described is not None else _must(token)
    trigger = trigger_of(token)
    kind = trigger.type if trigger else None
    clause = _clause(token)
    cue = lexicon().verb_stance(token.lemma_) if token.pos_ == "VERB" else None
    if kind == "REJECT" and cue is Stance.DENY and clause is not None and clause.dep_ == "ccomp":
        inner = _clause_frame(clause, depth)  # "denied that its troops attacked": it did not happen
        if inner is not None:
            inner.negated = True
        return inner
    frame: _Frame | None
    if trigger is not None and kind in TYPES and trigger.party \
            and (_thing_subject(token) or (token.tag_ == "VBN" and passive(token))):
        return None  # "The 777-200LR can fly for 9,420 nautical miles", "a liquefied natural gas carrier ... arrived";
        # one who "is captured ... and flown out of the country" by others makes no visit
    if trigger is not None and kind in TYPES:
        frame = _Frame(kind, trigger.mode, token)
        _embed(frame, clause, depth)
        if frame.mode is None:
            frame.mode = _mode_near(token, kind)
    elif trigger is not None and kind == "stop":
        stopped = _object_frame(token, depth)
        subject = _nsubj(token)
        # "the war ends", "whose term ends": a thing as the subject and no object, so what ends is the subject
        transitive = subject is None or subject.pos_ != "NOUN" or any(c.dep_ in {"dobj", "nsubjpass"}
                                                                      for c in token.children)
        if stopped is None and subject is not None and not transitive:
            found = trigger_of(subject)
            stopped = _Frame(found.type, found.mode, subject) if found is not None and found.type in TYPES else None
        if stopped is not None and stopped.type in _STOPPED:
            frame = _Frame(*_STOPPED[stopped.type], token)
        elif stopped is not None and stopped.type is not None:
            frame = _Frame("SANCTION", None, token)
        else:  # "suspends flights to Cuba"; not "whose term ends December 31", which stops nothing named
            frame = _Frame(trigger.default if transitive else None, trigger.mode, token)
    elif kind == "intent":
        inner = _clause_frame(clause, depth) if clause is not None else _object_frame(token, depth)
        if inner is None and clause is None:
            inner = _money_given(token)
        if inner is None:
            return None
        frame = _intent(token, inner)
    elif kind == "report" or (kind is None and cue is not None):
        # the event reported: "announced a suspension of air links", "said it would ...", "admitted to deploying"
        frame = _object_frame(token, depth)
        if frame is None and clause is not None:
            frame = _clause_frame(clause, depth) or _must(clause)
        return frame or _prep_clause(token, depth)
    else:  # a light verb, or none: the event of its object, else of its clause ("continued to send arms")
        frame = _object_frame(token, depth)
        if frame is None and clause is not None:
            frame = _clause_frame(clause, depth)
        if frame is None:
            return _must(token)
    return _modal(token, frame)


_STRIKE = Trigger(("strike",), "strike", "N", "ASSAULT", "heavy-weapons")


def trigger_of(token: Token) -> Trigger | None:
    """The trigger a word names an event by; a "strike" some country made or aims at another is an attack,
    not a walkout: "Israel's strikes on Iran", "an American strike on the same base", "Russian strikes in
    Kyiv" ("a general strike" stays); so is one that kills or damages: "three are killed in a strike", "the
    pipeline damaged in a war-related strike"."""
    table = triggers()
    trigger = table.match(token)
    if trigger is None or trigger.type != "PROTEST" or trigger.words != ("strike",):
        return trigger
    if token.dep_ == "pobj" and token.head.lower_ in {"in", "by"} and token.head.head.lemma_ in table.uses:
        return _STRIKE
    registry = ActorRegistry.default()
    for child in token.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"} and registry.resolve(child.text) is not None:
            return _STRIKE
        if child.dep_ == "prep" and child.lower_ in {"on", "against"}:
            return _STRIKE
    return trigger


def _embed(frame: _Frame, clause: Token | None, depth: int) -> None:
    """What a verbal act is about, as a hypothetical inner event: "agreed [to send troops]",
    "threatened [to blockade]" (the threat's mode), "called [for sanctions]"."""
    if frame.type not in VERBAL_CONFLICT | {"AGREE", "SUPPORT"}:
        return
    inner = _clause_frame(clause, depth) if clause is not None else None
    if inner is None and frame.type == "REQUEST":
        inner = _object_frame(frame.token, depth)
    if inner is None:
        return
    _hypothetical(inner)
    frame.inner.append(inner)
    if frame.type == "THREATEN" and frame.mode is None:
        frame.mode = _threat_mode(inner)
    asked_to_act = (inner.token.pos_ == "NOUN" if clause is None else clause.dep_ == "xcomp")
    stopping = (t := triggers().match(inner.token)) is not None and t.type == "stop"
    if frame.type == "REQUEST" and frame.token.lemma_ == "order" and inner.type in MATERIAL_CONFLICT - {"PROTEST"} \
            and not stopping:
        # an order to arrest, ban or close, to strike or to deploy is that act, by the authority that orders it
        # ("Trump orders a series of airstrikes on Houthi-controlled areas": the US strikes)
        frame.type, frame.mode = inner.type, inner.mode
    elif frame.type == "REQUEST" and inner.type in MATERIAL_CONFLICT - {"PROTEST"} and asked_to_act and not stopping:
        # soliciting others to act against a target ("called for sanctions against", "called on Arabs
        # to mobilize against") is disapproval of the target (CAMEO 113); "demanded that X end ..." is not
        frame.type, frame.mode = "ACCUSE", "disapprove"


def _clause_frame(clause: Token, depth: int) -> _Frame | None:
    """The event of a clause, or of the first of its coordinated verbs that names one ("to unite and mobilize")."""
    for verb in (clause, *(c for c in clause.children if c.dep_ == "conj" and c.pos_ == "VERB")):
        frame = _frame(verb, depth + 1)
        if frame is not None:
            return frame
    return None


def _must(token: Token) -> _Frame | None:
    """A clause with "must" or "should" is a demand, even when what it demands has no event type."""
    if any(c.dep_ == "aux" and c.lower_ in _MUST for c in token.children) and not _thing_subject(token):
        return _Frame("REQUEST", None, token)
    return None


def _thing_subject(token: Token) -> bool:
    """The verb's subject is a common noun that names no party: no name, role, institution or country in it
    ("the aircraft", "the bankruptcy"; not "their countries", "US and British forces", "the minister"). So
    "must"/"should" of it is expected, not asked ("the aircraft should enter airline service in 2008"; a
    passive is asked of whoever would do it: "sanctions should be lifted"), and its "arrive" no visit."""
    subject = _nsubj(token)
    while subject is None and token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "a liquefied natural gas carrier has crossed the Strait of Hormuz and arrived in Ulsan"
        subject = _nsubj(token)
    return subject is not None and subject.pos_ == "NOUN" and _no_party(subject)


def _nsubj(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ == "nsubj"), None)


def _no_party(noun: Token) -> bool:
    """A noun phrase that names no party: no name, role, institution or country in the noun or before it."""
    if noun.lemma_.lower() in _PARTY_NOUNS:
        return False
    registry = ActorRegistry.default()
    own = [noun, *(t for c in noun.lefts for t in c.subtree)]  # not "from the United States" after it
    return not any(t.ent_type_ in _PARTY_ENTITIES or t.pos_ == "PROPN" or registry.names_role(t.lemma_)
                   or registry.names_role(t.text) for t in own)


def _prep_clause(token: Token, depth: int) -> _Frame | None:
    """A reporting verb's gerund clause: "admitted to deploying soldiers"."""
    for child in token.children:
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pcomp" and grandchild.pos_ == "VERB":
                    return _frame(grandchild, depth + 1)
    return None


def _modal(token: Token, frame: _Frame) -> _Frame:
    """The frame as the word's tense, modality, negation and conditions leave it."""
    aux = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    negated = any(c.dep_ == "neg" for c in token.children)
    conditional = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)
                      for c in token.children)
    in_condition = any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in token.children)
    going = token.dep_ == "xcomp" and token.head.lower_ == "going"
    if frame.type is None:
        return frame
    if aux & _MUST and not _thing_subject(token):
        _hypothetical(frame)
        frame.negated = frame.negated or negated
        return _Frame("REQUEST", None, token, inner=[frame])
    if (aux & _FUTURE or going) and not in_condition:
        frame.negated = frame.negated or negated
        return _intent(token, frame)
    if aux & _POSSIBLE and conditional and frame.type in MATERIAL_CONFLICT:
        return _intent(token, frame)  # "may halt mediation if ...": a conditional threat
    frame.negated = frame.negated or negated
    if aux & _POSSIBLE or conditional or in_condition:
        _hypothetical(frame)
    return frame


def _intent(token: Token, inner: _Frame) -> _Frame:
    """A stated intent: to cooperate is AGREE, to engage in conflict THREATEN; refusing to cooperate
    ("will not allow") is REJECT and forgoing conflict ("will not attack") AGREE."""
    negated, kind = inner.negated, inner.type
    if kind is None:
        return inner
    if kind in VERBAL_CONFLICT and not negated:
        return inner  # "will demand": the demand is what is said
    _hypothetical(inner)
    if (kind in COOPERATION) != negated:
        return _Frame("AGREE", None, token, inner=[inner])
    if negated:
        return _Frame("REJECT", None, token, inner=[inner])
    return _Frame("THREATEN", _threat_mode(inner), token, inner=[inner])


def _hypothetical(frame: _Frame) -> None:
    for f in frame.flat():
        f.hypothetical = True


def _threat_mode(inner: _Frame) -> str | None:
    key = (inner.type or "", inner.mode)
    return _THREAT_MODES.get(key) or _THREAT_MODES.get((inner.type or "", None))


def _money_given(token: Token) -> _Frame | None:
    """A sum of money a verb of intent promises is aid: "pledges €50 million in food, emergency shelters, and
    medical care to Syria" (CAMEO 033, intent to provide material aid)."""
    money = next((c for c in token.children if c.dep_ == "dobj" and c.ent_type_ == "MONEY"), None)
    return _Frame("AID", None, money) if money is not None else None


def _clause(token: Token) -> Token | None:
    """The clause a word embeds: "agreed [to send]", "said [it would]", "ready [to contribute]"."""
    return next((c for c in token.children if c.dep_ in _CLAUSES and c.pos_ in {"VERB", "AUX"}), None)


def _object_frame(token: Token, depth: int) -> _Frame | None:
    """The nearest event word among a verb's objects and their phrases ("began a hunger strike")."""
    queue = [c for c in token.children if c.dep_ in _OBJECT_DEPS - {"conj", "acl", "advmod"}]
    seen = 0
    while queue and seen < 40:
        seen += 1
        t = queue.pop(0)
        if t.dep_ == "prep" and t.lower_ in _CIRCUMSTANCE:
            continue  # "halts all LNG production ... following an Iranian drone attack": the attack is not halted
        if t.pos_ in {"NOUN", "PROPN"}:
            trigger = trigger_of(t)
            if trigger is not None and trigger.type in TYPES:
                mode = trigger.mode or _mode_near(t, trigger.type)
                return _Frame(trigger.type, mode, t)
        elif t.pos_ == "VERB" and t.dep_ in {"pcomp", "acl", "xcomp"}:
            frame = _frame(t, depth + 1)
            if frame is not None and frame.type is not None:
                return frame
        queue.extend(c for c in t.children if c.dep_ in _OBJECT_DEPS)
    return None


def _mode_near(token: Token, kind: str) -> str | None:
    """The mode of the nearest word of the same type in the word's clause ("killed by an explosive
    device" -> explosives)."""
    head = token if token.pos_ == "VERB" else token.head
    near = sorted((t for t in head.subtree if t.i != token.i), key=lambda t: abs(t.i - token.i))
    for t in near:
        if t.pos_ not in {"NOUN", "PROPN"}:
            continue
        trigger = triggers().match(t, for_mode=True)  # "in a bomb attack": the bomb names the mode, used or not
        if trigger is not None and trigger.type == kind and trigger.mode:
            return trigger.mode
    return None


# --- place, time, quantities ------------------------------------------------------------------

def _clause_tokens(token: Token) -> set[int]:
    """Token indices of the predicate's clause, without the clauses of the verbs that report it."""
    return {t.i for t in token.subtree}


def _place(token: Token, frame: _Frame, places: Sequence[Place]) -> str | None:
    """The ISO code of a place attached to the predicate (or a verb of its chain) by a locative preposition."""
    if not places:
        return None
    doc = token.doc
    chain = {f.token.i for f in frame.flat()} | {token.i}
    for place in places:
        if place.iso is None or place.metonym_of is not None or place.mention != "name":
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or not (span.sent.start <= token.i < span.sent.end):
            continue
        head = span.root.head
        if span.root.dep_ != "pobj" or head.lower_ not in _LOCATIVE:
            continue
        t, steps = head, 0
        while t.i not in chain and t.head.i != t.i and steps < 8:  # up to the predicate, through its phrases
            t, steps = t.head, steps + 1
        if t.i in chain and not _in_relative_clause(head, t, events_too=False):
            return place.iso
    return None


def _in_relative_clause(token: Token, top: Token, events_too: bool = True) -> bool:
    """The word is in a relative clause below `top`, which describes a noun, not the event: "killed two militants
    who took part in the October 7 attacks on Israel" (not on October 7, not in Israel), "lifts sanctions ...,
    which were previously imposed in 2024". Not an infinitive ("approve a measure to send troops from Uganda")
    nor a "when" clause, which the parser may hang on a noun ("are injured ... when a man drives into a terrace"),
    and for a place (`events_too` False) not a clause about an event ("launch a drone attack that damages the
    Abqaiq oil field in eastern Saudi Arabia": the attack's place)."""
    return any(t.dep_ == "relcl" and not any((c.dep_ == "aux" and c.lower_ == "to") or c.lower_ == "when"
                                            for c in t.children)
               and (events_too or triggers().match(t.head) is None) for t in _up_to(token, top))


def _up_to(token: Token, top: Token) -> Iterator[Token]:
    """The word and the words above it in the parse, up to `top` (left out) or the root."""
    while token.i != top.i and token.head.i != token.i:
        yield token
        token = token.head


def _time(token: Token, times: Sequence[TimeRef], event: Token) -> str | None:
    """The date of the event `event` names, in the clause of `token` (its own word, or the sentence's predicate)."""
    clause = _clause_tokens(token)
    doc = token.doc
    for time in times:
        if not time.value or time.type not in {"DATE", "TIME"}:
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None or span.root.i not in clause or _in_relative_clause(span.root, token) \
                or _bound(span.root, token, event):
            continue
        ahead = ahead_of_event(text_of(doc), time.start)  # "ahead of his inauguration on Monday": that event's
        if ahead is None or ahead <= event.idx < time.start:
            return time.value
    return None


def _bound(token: Token, top: Token, event: Token) -> bool:
    """The time is a bound of the event, not its date: "its largest mobilization since seizing the city in 2023",
    "the first vessel attacked since the war started on February 28", "extends the search until June 30, 2027";
    or the date of another event the clause sets it after or before: "will reopen its embassy in Kabul after it
    was shut down four years ago" (unless the event is inside that clause: "just before Starmer is to meet with
    Trump on Thursday", "after it was damaged in a missile attack ... on May 4")."""
    return any(t.lower_ in _BOUNDS
               or (not t.left_edge.i <= event.i <= t.right_edge.i
                   and any(c.dep_ == "mark" and c.lower_ in _SEQUENCE for c in t.children))
               for t in _up_to(token, top))


def _quantities(token: Token, quantities: Sequence[Quantity]) -> tuple[int, ...]:
    clause = _clause_tokens(token)
    doc = token.doc
    out = []
    for n, q in enumerate(quantities):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None and span.root.i in clause:
            out.append(n)
    return tuple(out)
