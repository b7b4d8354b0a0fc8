"""Who a claim's source is: short names and pronouns resolved within the article.

"the Ministry" -> "The Russian Ministry of Foreign Affairs", "Gerasimov" -> "General Valery
Gerasimov, Chief of the Russian General Staff", "he" -> the last person quoted. Looks back only
(an antecedent comes before its mention), preferring earlier claim sources to other mentions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.claims import relative_antecedent

__all__ = ["Resolved", "person_name", "resolve_source"]

PERSONAL = {"he", "she", "him", "her"}
PLURAL = {"they", "them"}
NEUTER = {"it"}
FIRST_PERSON = {"i", "we", "me", "us", "you"}


@dataclass(frozen=True)
class Resolved:
    text: str | None  # the antecedent's text, None when the source needs no resolution or has none
    span: Span  # the span that names the source best (the antecedent when there is one)


@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    text = resources.files("claimgraph").joinpath("data", "titles.tsv").read_text(encoding="utf-8")
    rows = [line.strip() for line in text.splitlines()[1:] if line.strip() and not line.startswith("#")]
    return tuple(sorted((r for r in rows if r != "title"), key=len, reverse=True))


def person_name(span: Span) -> str | None:
    """The PERSON entity the span names, titles removed: the one its head is in, or an appositive of its head
    ("Kenneth Baer, a former Obama administration official", "the firm's chief executive officer, Alan
    Mulally"), or, where the parse errs, the one that ends it ("United Kingdom prime minister Keir Starmer");
    not a person who only qualifies the head ("Clinton spokesman Nick Merrill" is Nick Merrill, "Clinton
    aides" and "Libertarian presidential candidate Gary Johnson's doctor" no one named). Of people joined by
    "and", the first."""
    root = span.root
    heads = {root.i} | {t.i for t in span if t.dep_ == "appos" and _appositive_of(t, root)}
    people = [e for e in span.ents if e.label_ == "PERSON"]
    name = None
    for ent in people:  # in text order, so of "X and Y" the first
        name = ent.text if any(ent.start <= i < ent.end for i in heads) else _ends_conjunct(span, ent)
        if name is not None:
            break
    if name is None:
        return None
    for title in _titles():
        if name.startswith(title + " "):
            name = name[len(title) + 1:]
            break
    return name.strip() or None


def _ends_conjunct(span: Span, ent: Span) -> str | None:
    """The name of a PERSON entity that ends the span or one of its conjuncts, where the parse gives no head:
    "United Kingdom prime minister Keir Starmer", "Iranian president Masoud Pezeshkian and ...", and with the
    words of the name the entity tagger left out of every entity ("Acting South Korean President Han Duck-soo":
    "Han Duck" and "-soo"; not "... Ursula von der Leyen", where "Leyen" is an entity of its own)."""
    doc = span.doc
    end = ent.end
    while end < span.end and doc[end].ent_iob_ == "O" \
            and (doc[end].pos_ == "PROPN" or doc[end].text == "-" or doc[end].text.startswith("-")):
        end += 1
    rest = [t for t in doc[end:span.end] if not t.is_punct]
    if not rest or (doc[end].lower_ in {"and", "&"} and end == ent.end):
        return doc[ent.start:end].text
    return None


def _appositive_of(tok: Token, root: Token) -> bool:
    while tok.dep_ == "appos" and tok.i != root.i:
        tok = tok.head
    return tok.i == root.i


def resolve_source(source: Span, earlier: list[Span]) -> Resolved:
    """Resolve `source` against `earlier` claim sources (text order) and the article before it."""
    doc = source.doc
    root = source.root
    if len(source) == 1 and root.head.head.pos_ in {"NOUN", "PROPN"} \
            and (antecedent := relative_antecedent(root)) is not None:
        while len(antecedent) > 1 and antecedent[-1].is_punct:  # no closing quotation mark: 'a " retina display'
            antecedent = antecedent[:-1]
        return Resolved(antecedent.text, antecedent)  # "the Labor Department report, which said ..."
    if len(source) == 1 and root.pos_ == "PRON":
        return _pronoun(source, earlier)
    if _is_short(source):
        for cand in reversed(earlier):
            if len(cand) > len(source) and cand.end <= source.start and (name := _spells_out(cand, source)):
                return Resolved(name.text, name)
        for cand in reversed(_mentions_before(doc, source.start)):
            if len(cand) > len(source) and (name := _spells_out(cand, source)):
                return Resolved(name.text, name)
    return Resolved(None, source)


def _is_short(source: Span) -> bool:
    """A surname or "the Ministry": something an earlier, longer mention may spell out."""
    words = [t for t in source if not t.is_punct]
    if len(words) == 1 and words[0].pos_ == "PROPN":
        return True
    return len(words) == 2 and words[0].lower_ == "the" and words[1].pos_ in {"PROPN", "NOUN"}


def _person_like(span: Span) -> bool:
    """Names a person: holds a PERSON entity, or starts with a title ("Mr MacFarlane")."""
    return any(e.label_ == "PERSON" for e in span.ents) or any(
        span.text.startswith(title + " ") for title in _titles())


def _spells_out(cand: Span, source: Span) -> Span | None:
    """The part of a longer mention that spells out the source's head word, or None. The word must be in a
    person's name when the mention names one ("Jobs" is "Apple CEO Steve Jobs", "Apple" is not: the company
    is only his title there), and must name what the mention names, not something that modifies it
    ("Airbus" is not "the new Airbus A380 superjumbo", nor "the yen" "the yen's value"); an acronym in
    brackets after a name stands for that name ("The UAW" is the United Auto Workers of "the United Auto
    Workers (UAW) union")."""
    head = source.root.lower_
    people = [e for e in cand.ents if e.label_ == "PERSON"]
    for tok in cand:
        if tok.lower_ != head or (people and not any(e.start <= tok.i < e.end for e in people)):
            continue
        if _names_head(tok, cand.root) and any(t.pos_ in {"PROPN", "NOUN", "ADJ"} and t.lower_ != head for t in cand):
            # it says more than the word ("the Italian company", not "out-sold Boeing"), up to a
            # possessive the entity tagger took into the name ("Apple Computer" of "Apple Computer's Mac OS")
            end = next((t.i for t in cand if t.i > tok.i and t.dep_ == "case" and tok.ent_iob_ != "O"
                        and all(u.ent_iob_ == "I" for u in cand.doc[tok.i + 1:t.i + 1])), cand.end)
            if end - cand.start > len(source):
                return cand.doc[cand.start:end]
        if (name := _defined_by_acronym(tok)) is not None:
            return name
    return None


def _names_head(tok: Token, root: Token) -> bool:
    """The word is the mention's head, in its appositive ("General Motors (GM)", "the firm's chief
    executive officer, Alan Mulally"), or part of the name that ends in its head ("Kim" of "North Korean
    leader Kim Jong Un", "Ministry" of "The Russian Ministry of Foreign Affairs")."""
    if _appositive_of(tok, root):
        return True
    between = tok.doc[min(tok.i, root.i) + 1:max(tok.i, root.i) + 1]
    return tok.ent_iob_ != "O" and root.ent_iob_ != "O" and tok.ent_type_ == root.ent_type_ \
        and all(t.ent_iob_ == "I" and t.dep_ != "case" for t in between)  # one entity, no "'s" inside


def _defined_by_acronym(tok: Token) -> Span | None:
    """The name an acronym in brackets stands for: "Gaza Humanitarian Foundation (GHF)"."""
    doc = tok.doc
    if not (0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")"
            and tok.text.isupper()):
        return None
    name = next((e for e in doc.ents if e.end == tok.i - 1 and e.label_ in {"ORG", "GPE", "NORP", "FAC"}), None)
    if name is not None and name[0].lower_ in {"a", "an"}:  # "a Gaza Humanitarian Foundation (GHF) site"
        name = name[1:]
    return name


def _mentions_before(doc: Doc, i: int) -> list[Span]:
    spans = [e for e in doc.ents if e.end <= i and e.label_ in {"PERSON", "ORG", "GPE", "NORP"}]
    spans += [c for c in doc.noun_chunks if c.end <= i]
    return sorted(spans, key=lambda s: (s.end, len(s)))


def _pronoun(source: Span, earlier: list[Span]) -> Resolved:
    word = source.root.lower_
    if word in FIRST_PERSON:
        return Resolved(None, source)
    doc = source.doc
    if word in PERSONAL:
        for cand in reversed(earlier):
            if _person_like(cand) and cand.end <= source.start:
                return Resolved(cand.text, cand)
        people = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= source.start]
        if people:
            last = people[-1]  # a surname by the full name an earlier mention gives: "Barra, 51, ..." -> "Mary Barra"
            full = next((p for p in reversed(people[:-1]) if len(p) > 1 and _spells_out(p, last)), last) \
                if len(last) == 1 else last
            return Resolved(full.text, full)
    elif word in PLURAL | NEUTER:
        plural = word in PLURAL
        for cand in reversed(earlier):
            if cand.end > source.start or cand.root.pos_ == "PRON":
                continue
            is_plural = cand.root.tag_ in {"NNS", "NNPS"} or " and " in cand.text
            if is_plural == plural and not any(e.label_ == "PERSON" for e in cand.ents):
                return Resolved(cand.text, cand)
    return Resolved(None, source)
