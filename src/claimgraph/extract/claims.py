"""Attributed claims from a parsed article: who said (or believes, or admits) what.

Rules over the dependency parse and the article's quotation marks:
  - reporting verbs with a clause, infinitive or quotation ("said that", "claims to have",
    "admitted to deploying", "“...,” the Ministry declared", "X stated: ..."),
  - reporting nouns with a clause ("concerns that ...", "Russia's claim that ..."),
  - "according to X" (the rest of the clause is the content),
  - quotations that continue an attributed quotation in the next sentence or paragraph.
The output is `Draft`s with token and character spans; `extract.sources` resolves their sources.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.doc_text import text_of
from claimgraph.extract.lexicon import Lexicon, lexicon
from claimgraph.extract.quotes import find_quotes
from claimgraph.models import ClaimKind, Stance

__all__ = ["Draft", "Range", "addressee_of", "find_claims", "overlaps", "relative_antecedent", "strip_range",
           "verb_source"]

Range = tuple[int, int]  # [start, end) character offsets

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
QUOTING = {"quote", "cite"}  # "X was quoted as saying": X spoke
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
EXPLETIVES = {"it", "there"}
# Verbs that take a plain noun phrase as what is held: "Russia denied the report".
NP_CONTENT_VERBS = {"deny", "confirm", "acknowledge", "admit", "dispute", "reject", "allege", "claim",
                    "announce", "predict", "concede", "refute", "contest"}
# Verbs whose complement must be a clause or quotation, not an infinitive ("asked him to leave").
NO_XCOMP_VERBS = {"ask", "tell", "call", "urge", "say", "learn", "show", "find", "continue"}
# Cue verbs that, passive before an infinitive, are a modal and report nothing: "what it's supposed to
# do", "was supposed to keep producing coal" (ought to, was meant to; PolNeAR train marks none of 36).
MODAL_PASSIVES = {"suppose"}
# Conjunctions that make a clause hypothetical or open: "If Trump's plan rejected single mothers, ...",
# "asked whether he thought ...". Nobody has said it yet (PolNeAR train marks 15 of 117 such cue verbs).
HYPOTHETICAL_MARKS = {"if", "unless", "whether"}
# "X announced that it acknowledges ...": these inner verbs of the same speaker set the stance.
STANCE_SETTING_VERBS = {"acknowledge", "admit", "concede", "confess", "deny", "dispute", "claim", "allege"}
CONTRAST_WORDS = {"however", "but", "while", "whereas", "although", "though", "yet"}
TRIM_PUNCT = set(",;:.-–—()[]") | {"--"}
QUOTE_CHARS = set("“”\"«»„‘’'")


@dataclass
class Draft:
    """A claim under construction: character ranges plus the tokens later stages need."""

    content: list[Range]
    kind: ClaimKind
    stance: Stance
    cue: Range | None = None
    cue_lemma: str | None = None
    source: Span | None = None
    addressee: Span | None = None
    negated: bool = False
    via: list[tuple[Span, Range]] = field(default_factory=list)  # (source, cue) it is reported through
    cue_token: Token | None = None
    typographic: bool = False  # found by layout alone ("“...” ― Name"), so as sure as a parse-based claim

    @property
    def start(self) -> int:
        points = [s for s, _ in self.content] + ([self.cue[0]] if self.cue else [])
        points += [self.source.start_char] if self.source is not None else []
        return min(points)

    @property
    def end(self) -> int:
        points = [e for _, e in self.content] + ([self.cue[1]] if self.cue else [])
        points += [self.source.end_char] if self.source is not None else []
        return max(points)


def find_claims(doc: Doc, learned: list[Draft] | None = None) -> list[Draft]:
    """All claims of a parsed article, in text order.

    With `learned` (claims linked from the attribution tagger's spans), those come first and a
    rule's claim is added only where its cue is not already a learned cue.
    """
    lex = lexicon()
    quotes = find_quotes(text_of(doc))
    drafts: list[Draft] = []
    for sent in doc.sents:
        drafts.extend(_according_to(sent))
        drafts.extend(_verb_cues(sent, lex, quotes))
        drafts.extend(_verbs_tagged_as_nouns(sent, lex))
        drafts.extend(_noun_cues(sent, lex))
    drafts.extend(_dash_signed_quotes(doc, quotes))
    drafts.extend(_speaker_turns(doc))
    drafts = _dedupe(drafts)
    if learned is not None:
        learned = _yield_to_signed(learned, [d for d in drafts if d.typographic])
        found = [r for x in learned for r in _ranges(x)]
        drafts = learned + [d for d in drafts if _keep_rule(d, learned, found)]
    _continue_quotes(doc, drafts, quotes)
    for d in drafts:
        d.kind = _kind(text_of(doc), d, quotes)
    _link_nested(drafts)
    _contrast(drafts)
    drafts.sort(key=lambda d: (d.start, d.cue or (0, 0)))
    return drafts


# --- spans ----------------------------------------------------------------------------------------

def _is_trimmable(tok: Token) -> bool:
    return tok.is_space or (tok.is_punct and tok.text not in QUOTE_CHARS) or tok.text in TRIM_PUNCT


def _balanced_close(span_text: str, tok: Token) -> bool:
    """A closing bracket that closes one opened inside the span: "Radio Liberty (RFE/RL)"."""
    return tok.text == ")" and span_text.count("(") > span_text.count(")") - 1


def _trim(doc: Doc, start: int, end: int, *, keep_quotes: bool = True) -> Span | None:
    """doc[start:end] without leading or trailing punctuation and space (quotation marks stay)."""
    while start < end and (_is_trimmable(doc[start]) or (not keep_quotes and doc[start].text in QUOTE_CHARS)):
        start += 1
    while end > start and (_is_trimmable(doc[end - 1]) or doc[end - 1].lower_ in {"and", "but"}):
        if _balanced_close(doc[start:end - 1].text, doc[end - 1]):
            break
        end -= 1
    return doc[start:end] if start < end else None


def _subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _snap_to_quotes(rng: Range, quotes: list[Range]) -> Range:
    """Take in the quotation marks of a quotation the range starts or ends just inside of."""
    s, e = rng
    for qs, qe in quotes:
        if qs < s < qe and s - qs <= 2:
            s = qs
        if qs < e < qe and qe - e <= 3:
            e = qe
    return s, e


def _chars(span: Span) -> Range:
    return span.start_char, span.end_char


# --- according to X --------------------------------------------------------------------------------

def _according_to(sent: Span) -> Iterator[Draft]:
    doc = sent.doc
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 1 >= sent.end or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        source = _trim(doc, *_subtree(objs[0]))
        pp_start, pp_end = tok.i, max(objs[0].right_edge.i + 1, to.i + 1)
        fragments = [(sent.start, pp_start), (pp_end, sent.end)]
        content = [sp for s, e in fragments if (sp := _trim(doc, s, e)) is not None]
        if source is None or not content:
            continue
        yield Draft(content=[_chars(c) for c in content], kind=ClaimKind.ACCORDING_TO,
                    stance=Stance.ASSERT, cue=(tok.idx, to.idx + len(to)), cue_lemma="according to",
                    source=source, cue_token=tok)


# --- quotations signed with a dash -------------------------------------------------------------

SIGNATURE = re.compile(r"[ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*(?P<name>[A-Z][^\n“”\"]{1,60}?)[.\u00a0 \t]*(?:\n|$)")


def _dash_signed_quotes(doc: Doc, quotes: list[Range]) -> Iterator[Draft]:
    """'“He represents our greatest shame.” ― Sonya Herridge': a quotation signed at the line's end."""
    for qs, qe in quotes:
        m = SIGNATURE.match(text_of(doc), qe)
        if m is None:
            continue
        source = doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
        if source is None or not any(t.pos_ == "PROPN" for t in source):
            continue
        yield Draft(content=[(qs, qe)], kind=ClaimKind.DIRECT, stance=Stance.ASSERT,
                    cue=(m.start("dash"), m.end("dash")), cue_lemma="―", source=source, typographic=True)


# --- a transcript's turns -------------------------------------------------------------------------

TURN = re.compile(r"^[ \t\u00a0]*[\"“]?(?P<name>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):"
                  r"[ \t\u00a0]+(?P<said>\S[^\n]*)", re.M)


def _speaker_turns(doc: Doc) -> Iterator[Draft]:
    """'PENCE: Well, look, you know, ...': a transcript's turns, each paragraph opened by a speaker's
    name in capitals and a colon; what follows is what they said, to the paragraph's end, and on
    through the paragraphs before the next turn, save one in brackets ("(CROSSTALK.)"). Only in a
    transcript, where a name the article gives a person elsewhere ("Gov. Mike Pence") opens a turn,
    and only names of such people or names that open two turns or more ("WALLACE", the moderator), so
    that "CORRECTION:" or "UPDATE:" heading a note is no speaker."""
    text = text_of(doc)
    turns = list(TURN.finditer(text))
    if len(turns) < 2:
        return
    people = {t.text.upper() for t in doc if t.ent_type_ == "PERSON" and t.text.isalpha() and not t.is_upper}
    names = Counter(m.group("name") for m in turns)
    if not any(name.split()[-1] in people for name in names):
        return
    turns = [m for m in turns if m.group("name").split()[-1] in people or names[m.group("name")] >= 2]
    if len(turns) < 2:
        return
    for m, following in zip(turns, [*turns[1:], None], strict=True):
        source = doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
        said = [(m.start("said"), m.end("said"))]
        if following is not None:  # the paragraphs up to the next turn
            pos = m.end("said")
            for para in text[pos:following.start()].split("\n"):
                if (body := para.strip(" \t\u00a0\"“”")) and not body.startswith("("):
                    said.append((pos, pos + len(para)))
                pos += len(para) + 1
        # where each paragraph opens with a quotation mark (the newswire's way of quoting over several
        # paragraphs), the turn's content goes without those marks
        marks = "\"“”" if m.start("name") > 0 and text[m.start("name") - 1] in "\"“" else ""
        content = [r for r in (strip_range(text, r, marks) for r in said) if r is not None and r[1] - r[0] >= 2]
        if source is None or not content:
            continue
        yield Draft(content=content, kind=ClaimKind.DIRECT, stance=Stance.ASSERT,
                    cue=(m.end("name"), m.end("name") + 1), cue_lemma=":", source=source, typographic=True)


# --- reporting verbs -------------------------------------------------------------------------------

def _verb_cues(sent: Span, lex: Lexicon, quotes: list[Range]) -> Iterator[Draft]:
    for tok in sent:
        if tok.pos_ not in {"VERB", "AUX"} or tok.dep_ in {"amod", "aux", "auxpass"}:
            continue
        stance = lex.verb_stance(tok.lemma_)
        if stance is None or any(qs < tok.idx < qe for qs, qe in quotes):  # speech inside a quotation
            continue
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in tok.children):
            continue
        content = _verb_content(tok, sent, quotes)
        if content is None:
            continue
        source = verb_source(tok)
        if source is not None and overlaps(_chars(source), content):
            continue
        fragments = [content]
        if text_of(sent.doc)[content[0]] in QUOTE_CHARS:  # '“...,” he said, “...”'
            fragments += [q for q in _abutting_quotes(tok, sent, quotes) if not overlaps(q, content)]
        negated = any(c.dep_ == "neg" for c in tok.children)
        yield Draft(content=fragments, kind=ClaimKind.INDIRECT,
                    stance=Stance.OTHER if negated else stance, cue=_cue_range(tok),
                    cue_lemma=tok.lemma_.lower(), source=source, addressee=addressee_of(tok),
                    negated=negated, cue_token=tok)


def _cue_range(verb: Token) -> Range:
    """The verb with its auxiliaries, negation and particle: "have long asserted", "pointed out"."""
    doc = verb.doc
    start = verb.i
    while start > 0 and doc[start - 1].dep_ in {"aux", "auxpass", "neg", "advmod"} and \
            doc[start - 1].head.i == verb.i and doc[start - 1].pos_ in {"AUX", "PART", "ADV"}:
        start -= 1
    while start < verb.i and doc[start].dep_ == "advmod":  # never start on an adverb
        start += 1
    end = verb.i + 1
    if end < len(doc) and doc[end].dep_ == "prt" and doc[end].head.i == verb.i:
        end += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _verb_content(verb: Token, sent: Span, quotes: list[Range]) -> Range | None:
    doc = verb.doc
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    right_ccomps = [c for c in kids if c.dep_ in {"ccomp", "parataxis"} and c.i > verb.i
                    and c.pos_ in {"VERB", "AUX"}]
    if right_ccomps:
        start = min(c.left_edge.i for c in right_ccomps)
        end = max(c.right_edge.i for c in right_ccomps) + 1
        for c in right_ccomps:  # "acknowledged that ..., but dismissed ...": the speaker's next act
            for conj in c.children:
                if conj.dep_ == "conj" and conj.pos_ == "VERB" and not any(
                        g.dep_ in SUBJECTS for g in conj.children):
                    cc = [g.i for g in c.children if g.dep_ == "cc" and g.i < conj.i]
                    end = min(end, cc[-1] if cc else conj.left_edge.i)
        return _span_range(doc, start, end, quotes)
    for c in kids:  # "“...,” the Ministry declared."
        if c.dep_ == "ccomp" and c.i < verb.i and _only_punct_or_subject(doc, c.right_edge.i + 1, verb):
            return _span_range(doc, *_subtree(c), quotes)
    if colon := _after_colon(verb, sent):
        return _span_range(doc, colon, sent.end, quotes)
    if lemma in MODAL_PASSIVES and _passive_before_infinitive(verb):
        return None
    if lemma not in NO_XCOMP_VERBS:
        for c in _to_infinitives(verb):
            if c.i > verb.i:
                return _span_range(doc, *_subtree(c), quotes)
    for c in kids:  # "admitted to deploying", "denied having"
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pcomp" for g in c.children):
            return _span_range(doc, *_subtree(c), quotes)
    if abutting := _abutting_quotes(verb, sent, quotes):
        return abutting[0]
    if lemma in NP_CONTENT_VERBS:
        for c in kids:
            if c.dep_ == "dobj" and c.lower_ not in {"what", "it", "this", "that", "so"}:
                return _span_range(doc, *_subtree(c), quotes)
    return None


def _to_infinitives(verb: Token) -> list[Token]:
    """The verb's complements that are to-infinitives: "urged X [to leave]", "was supposed [to keep]"."""
    return [c for c in verb.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)]


def _passive_before_infinitive(verb: Token) -> bool:
    """"was supposed to keep", "the money supposed to come from": passive (or a participle after its
    noun) with a to-infinitive; not "had supposed that", "it was supposed that"."""
    passive = verb.tag_ == "VBN" and (verb.dep_ == "acl" or any(c.dep_ == "auxpass" for c in verb.children))
    return passive and bool(_to_infinitives(verb))


def _span_range(doc: Doc, start: int, end: int, quotes: list[Range]) -> Range | None:
    span = _trim(doc, start, end)
    if span is None:
        return None
    return _snap_to_quotes(_chars(span), quotes)


def _only_punct_or_subject(doc: Doc, start: int, verb: Token) -> bool:
    """Between a fronted quotation and its verb stand only punctuation and the verb's subject."""
    subject = {t.i for c in verb.children if c.dep_ in SUBJECTS for t in c.subtree}
    return start < verb.i and all(doc[i].is_punct or doc[i].is_space or i in subject
                                  for i in range(start, verb.i))


def _after_colon(verb: Token, sent: Span) -> int | None:
    """Token index after "X said:" or "what X asserted:"."""
    doc = verb.doc
    i = verb.i + 1
    while i < sent.end and (doc[i].dep_ in {"prt", "advmod"} or doc[i].lower_ in {"what"}):
        i += 1
    if i < sent.end - 1 and doc[i].text == ":":
        return i + 1
    return None


def _abutting_quotes(verb: Token, sent: Span, quotes: list[Range]) -> list[Range]:
    """Quotations that abut the reporting clause: '“...,” he said, “...”' or 'He said: “...”'."""
    doc = verb.doc
    clause = [verb] + [t for c in verb.children if c.dep_ in SUBJECTS | {"aux", "neg", "prt"}
                       for t in c.subtree]
    lo = min(t.idx for t in clause)
    hi = max(t.idx + len(t) for t in clause)
    found = []
    for qs, qe in quotes:
        if not (sent.start_char <= qs < sent.end_char) or qe - qs <= 3 or qs <= verb.idx < qe:
            continue
        gap = text_of(doc)[qe:lo] if qe <= lo else text_of(doc)[hi:qs] if qs >= hi else "x"
        if all(not ch.isalnum() for ch in gap):
            found.append((qs, qe))
    return found


def quoted_speaker(tok: Token) -> Span | None:
    """Who "was quoted as saying" something: the passive subject of quote or cite, reached from the verb
    itself or from the "saying" after its "as" ("Lavrov was quoted by Interfax as saying ..."; Interfax
    only carried the words)."""
    verb = tok.head.head if tok.dep_ == "pcomp" and tok.head.lower_ == "as" else tok
    if verb.lemma_.lower() not in QUOTING or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return _trim(tok.doc, *_subtree(subject)) if subject is not None else None


def verb_source(verb: Token) -> Span | None:
    """Who a reporting verb's parse says is speaking: the one "quoted as saying", the agent of a passive,
    the subject (the noun a relative clause hangs on, for "who said"), else None."""
    doc = verb.doc
    if (speaker := quoted_speaker(verb)) is not None:
        return speaker
    for c in verb.children:
        if c.dep_ == "agent":  # passive: "it was reported by X"
            objs = [g for g in c.children if g.dep_ == "pobj"]
            return _trim(doc, *_subtree(objs[0])) if objs else None
    for c in verb.children:
        if c.dep_ in {"nsubj", "csubj"}:
            if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return relative_antecedent(c)
            if c.lower_ in EXPLETIVES and c.dep_ == "expl":
                return None
            return _trim(doc, *_subtree(c))
        if c.dep_ == "nsubjpass":
            return None
    for aux in verb.children:  # "Russia has, for the first time, admitted": the parser hangs it on "has"
        if aux.dep_ == "aux":
            for c in aux.children:
                if c.dep_ == "nsubj":
                    return _trim(doc, *_subtree(c))
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:  # "critics saying that ..."
        return _trim(doc, verb.head.left_edge.i, verb.i)
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp":  # "said that ..., but dismissed ..."
        return verb_source(verb.head.head)
    if verb.dep_ in {"advcl", "conj", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"} and verb.head.i != verb.i:
        return verb_source(verb.head)
    return None


def relative_antecedent(pronoun: Token) -> Span | None:
    """What a relative pronoun subject stands for: the phrase its clause hangs on, up to the pronoun ("a report
    released by the US Labor Department on the same day, which said ..." -> that report; "critics who said")."""
    verb = pronoun.head
    if pronoun.lower_ not in RELATIVE_PRONOUNS or pronoun.dep_ not in SUBJECTS or verb.dep_ != "relcl":
        return None
    return _trim(pronoun.doc, verb.head.left_edge.i, pronoun.left_edge.i)


def addressee_of(verb: Token) -> Span | None:
    """Whom a speaker told: "informed President Vladimir Putin that ..."."""
    if verb.lemma_.lower() not in {"tell", "inform", "notify", "assure", "remind", "warn", "brief"}:
        return None
    for c in verb.children:
        if c.dep_ in {"dobj", "dative"}:
            return _trim(verb.doc, *_subtree(c))
    return None


def overlaps(a: Range, b: Range) -> bool:
    """Two character ranges share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def strip_range(text: str, rng: Range, chars: str) -> Range | None:
    """A range without the spaces and the given characters at its ends ("Staff," -> "Staff"), or None if
    nothing is left."""
    s, e = rng
    while s < e and (text[s] in chars or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in chars or text[e - 1].isspace()):
        e -= 1
    return (s, e) if s < e else None


def _verbs_tagged_as_nouns(sent: Span, lex: Lexicon) -> Iterator[Draft]:
    """"The South Korean military reports that ...": the tagger reads "reports" as a plural noun."""
    doc = sent.doc
    for tok in sent:
        if tok.dep_ != "ROOT" or tok.tag_ != "NNS" or (stance := lex.verb_stance(tok.lemma_)) is None:
            continue
        clauses = [c for c in tok.children if c.i > tok.i and c.dep_ in {"acl", "ccomp", "relcl", "xcomp"}
                   and c.pos_ in {"VERB", "AUX"} and c.left_edge.i <= c.i]
        if not clauses or clauses[0].left_edge.i != tok.i + 1:
            continue
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        source = _trim(doc, *_subtree(subjects[0])) if subjects else _trim(doc, tok.left_edge.i, tok.i)
        content = _trim(doc, *_subtree(clauses[0]))
        if source is None or content is None:
            continue
        yield Draft(content=[_chars(content)], kind=ClaimKind.INDIRECT, stance=stance,
                    cue=(tok.idx, tok.idx + len(tok)), cue_lemma=tok.lemma_.lower(), source=source, cue_token=tok)


# --- reporting nouns -------------------------------------------------------------------------------

def _noun_cues(sent: Span, lex: Lexicon) -> Iterator[Draft]:
    doc = sent.doc
    for tok in sent:
        if tok.pos_ != "NOUN" or (stance := lex.noun_stance(tok.lemma_)) is None:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < sent.end else None
        if nxt is None or nxt.lower_ != "that":
            continue
        clauses = [c for c in tok.children if c.i > tok.i and c.dep_ in {"acl", "ccomp", "relcl", "appos"}
                   and c.pos_ in {"VERB", "AUX"} and c.left_edge.i == nxt.i]
        if not clauses or _is_relative(clauses[0], nxt):
            continue
        content = _trim(doc, *_subtree(clauses[0]))
        if content is None:
            continue
        source = None
        for c in tok.children:
            if c.dep_ == "poss" and c.lower_ not in {"its", "their", "his", "her"}:
                source = _trim(doc, *_subtree(c))
                source = _trim(doc, source.start, source.end - 1) if source and source[-1].dep_ == "case" else source
            elif c.dep_ == "prep" and c.lower_ in {"by", "from", "among"} and c.i < clauses[0].i:
                objs = [g for g in c.children if g.dep_ == "pobj"]
                source = _trim(doc, *_subtree(objs[0])) if objs else None
        yield Draft(content=[_chars(content)], kind=ClaimKind.INDIRECT if source else ClaimKind.UNATTRIBUTED,
                    stance=stance, cue=(tok.idx, tok.idx + len(tok)), cue_lemma=tok.lemma_.lower(),
                    source=source, cue_token=tok)


def _is_relative(clause: Token, that: Token) -> bool:
    """'the concerns that he raised': "that" fills the clause's object (or subject) gap."""
    for role in ("dobj", "nsubj"):
        if that.dep_ == role and not any(c.dep_ == role and c is not that for c in clause.children):
            return True
    return False


# --- after the sentence pass ---------------------------------------------------------------------

def _ranges(d: Draft) -> list[Range]:
    """A draft's content pieces and cue."""
    return [*d.content, *([d.cue] if d.cue else [])]


def _keep_rule(d: Draft, learned: list[Draft], found: list[Range]) -> bool:
    """Which rule claims join the tagger's: where their cue is not a tagger cue, unattributed ones,
    ones holding a stance other than assert, ones nested in a learned "according to" claim (inner
    claims PolNeAR leaves unannotated), and sourced ones of which the tagger found nothing, neither
    cue nor content ("Morrisons announces that it will ..."). Adding every rule claim, or fewer,
    measured worse on PolNeAR dev or lost founding-article claims (docs/accuracy.md). `found`: the
    learned drafts' content pieces and cues."""
    if d.cue is not None and any(x.cue is not None and overlaps(x.cue, d.cue) for x in learned):
        return False
    if d.kind is ClaimKind.UNATTRIBUTED or d.typographic:
        return True
    nested = d.cue is not None and any(s <= d.cue[0] < e for x in learned if x.kind is ClaimKind.ACCORDING_TO
                                       for s, e in x.content)
    unseen = d.source is not None and not any(overlaps(r, f) for r in _ranges(d) for f in found)
    return nested or unseen or d.stance not in {Stance.ASSERT, Stance.OTHER}


def _yield_to_signed(learned: list[Draft], signed: list[Draft]) -> list[Draft]:
    """The tagger's claims less what quotations signed with a dash settle by layout: a learned claim on
    a signature's dash gives way to the signed claim, and no other learned claim keeps a signed
    quotation as its content (the tagger gave the quotations after "“...” ― Julie A. Diaz Martinez"
    to her dash too). A learned claim inside a signed quotation stays as it is, a nested claim."""
    quoted = [q for s in signed for q in s.content]
    kept = []
    for x in learned:
        if x.cue is not None and any(s.cue is not None and overlaps(x.cue, s.cue) for s in signed):
            continue
        if x.cue is None or not any(q[0] <= x.cue[0] < q[1] for q in quoted):
            x.content = [c for c in x.content if not any(overlaps(c, q) for q in quoted)]
        if x.content:
            kept.append(x)
    return kept


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One claim per cue: the first pass that found it (according to, verbs, nouns) keeps it."""
    seen: dict[Range | None, Draft] = {}
    for d in drafts:
        key = d.cue
        if key not in seen:
            seen[key] = d
    return list(seen.values())


def _continue_quotes(doc: Doc, drafts: list[Draft], quotes: list[Range]) -> None:
    """A quotation with no cue of its own continues the nearest attributed quotation before it."""
    used = [r for d in drafts for r in d.content] + [d.cue for d in drafts if d.cue]
    used += [_chars(d.source) for d in drafts if d.source is not None]
    for q in quotes:
        if any(overlaps(q, u) for u in used) or q[1] - q[0] < 4:
            continue
        sent = doc.char_span(q[0], q[1], alignment_mode="expand")
        if sent is None:
            continue
        sentence = sent[0].sent
        if any(d.cue and sentence.start_char <= d.cue[0] < sentence.end_char for d in drafts):
            continue
        before = [d for d in drafts if d.end <= q[0] and d.source is not None and d.kind != ClaimKind.ACCORDING_TO
                  and any(_has_quote(r, quotes) for r in d.content)]
        if not before:
            continue
        prev = max(before, key=lambda d: d.end)
        if text_of(doc).count("\n", prev.end, q[0]) > 2:
            continue
        prev.content.append(q)
        used.append(q)


def _has_quote(rng: Range, quotes: list[Range]) -> bool:
    return any(rng[0] <= qs and qe <= rng[1] for qs, qe in quotes)


def _kind(text: str, d: Draft, quotes: list[Range]) -> ClaimKind:
    if d.kind in {ClaimKind.ACCORDING_TO, ClaimKind.UNATTRIBUTED} or d.typographic:  # layout says: verbatim
        return d.kind
    direct = mixed = 0
    for s, e in d.content:
        fragment = text[s:e]
        lead = len(fragment) - len(fragment.lstrip())
        if fragment.lower().startswith("that "):
            lead = 5
        if any(qs == s + lead and qe >= e - 1 for qs, qe in quotes):
            direct += 1
        elif _has_quote((s, e), quotes):
            mixed += 1
    if direct and not mixed and direct == len(d.content):
        return ClaimKind.DIRECT
    return ClaimKind.MIXED if direct or mixed else ClaimKind.INDIRECT


def _link_nested(drafts: list[Draft]) -> None:
    """A claim inside an "according to" claim's content is reported through that source."""
    for outer in drafts:
        if outer.kind != ClaimKind.ACCORDING_TO or outer.source is None or outer.cue is None:
            continue
        for inner in drafts:
            if inner is not outer and inner.cue and any(s <= inner.cue[0] < e for s, e in outer.content):
                inner.via.append((outer.source, outer.cue))
    for d in drafts:  # "Citing X, the Ministry stated ..."
        if d.cue_token is None:
            continue
        for c in d.cue_token.children:
            if c.lemma_ == "cite" and c.dep_ in {"advcl", "xcomp", "conj"}:
                objs = [g for g in c.children if g.dep_ == "dobj"]
                if objs and (src := _trim(c.doc, *_subtree(objs[0]))) is not None:
                    d.via.append((src, (c.idx, c.idx + len(c))))


def _contrast(drafts: list[Draft]) -> None:
    """"X claims ...; however, Y maintains ...": Y disputes X's claim. Also nested stance verbs."""
    for d in drafts:
        tok = d.cue_token
        if tok is None or d.kind == ClaimKind.ACCORDING_TO:
            continue
        if d.stance in {Stance.ASSERT, Stance.CLAIM}:
            contrasted = any(c.lower_ in CONTRAST_WORDS for c in tok.children if c.i < tok.i)
            earlier = [o for o in drafts if o is not d and o.cue and o.cue_token is not None
                       and o.cue_token.sent == tok.sent and o.cue[0] < d.cue[0] and o.source is not None]  # type: ignore[index]
            if contrasted and earlier and d.source is not None and \
                    earlier[-1].source.text.lower() != d.source.text.lower():  # type: ignore[union-attr]
                d.stance = Stance.DISPUTE
        # "announced that it acknowledges": the inner verb of the same speaker sets the stance
        for c in tok.children:
            if c.dep_ == "ccomp" and c.i > tok.i and any(s.dep_ == "nsubj" and s.pos_ == "PRON" for s in c.children):
                if c.lemma_ in STANCE_SETTING_VERBS:
                    d.stance = lexicon().verb_stance(c.lemma_) or d.stance
