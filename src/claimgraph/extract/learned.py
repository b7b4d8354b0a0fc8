"""Claims from the learned tagger's spans: each cue gets its source and content.

The tagger (`claimgraph.ml.tagger`) marks source, cue and content spans independently; this module
links them into `Draft`s with the parsed article: a content that runs on into a sentence holding
another cue is cut there (the rest is that cue's), each content goes to the nearest cue in its
sentence (else in its paragraph, else the cue before it), what goes to a noun cue that only says
where or how its verb spoke ("said in a statement", "said, on the other hand, ...") goes to the verb,
and each cue takes the nearest source in its sentence, widened to the whole noun phrase.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.claims import (
    EXPLETIVES,
    RELATIVE_PRONOUNS,
    Draft,
    Range,
    addressee_of,
    overlaps,
    quoted_speaker,
    strip_range,
    verb_source,
)
from claimgraph.extract.doc_text import text_of
from claimgraph.extract.lexicon import Lexicon
from claimgraph.models import ClaimKind, Stance

__all__ = ["link_spans"]

# "according to" and its kin: the content is the rest of the clause, the cue is not a verb
PREPOSITIONAL_CUES = {"according to": "according to", "citing": "cite", "in": "in"}


# Punctuation the tagger takes in at a source's or cue's edge; PolNeAR keeps "Inc." and "said:" whole.
EDGE_PUNCT = {"source": ",;:-–—([", "cue": ",;-–—(["}

def link_spans(doc: Doc, spans: dict[str, list[Range]], lex: Lexicon) -> list[Draft]:
    text = text_of(doc)
    spans = {role: [r for r in (strip_range(text, x, EDGE_PUNCT[role]) for x in found) if r is not None]
             if role in EDGE_PUNCT else found for role, found in spans.items()}
    cues = sorted(c for c in spans["cue"] if not _numeral(text, c))
    if not cues:
        return []
    content_of: dict[Range, list[Range]] = {c: [] for c in cues}
    for found in spans["content"]:
        if any(s[0] <= found[0] and found[1] <= s[1] and s != found for s in spans["source"]):
            continue  # marked inside a source as well: "[The U.S.] Centers for Disease Control ... reports"
        pieces = _cut_at_cues(doc, found, cues)
        owners = [_owner(doc, piece, cues) for piece in pieces]
        if len(pieces) > 1 and owners[0] is None:  # no cue of its own: the quotation leads up to "said"
            pieces[:2] = [(pieces[0][0], pieces[1][1])]
            owners[:2] = [_owner(doc, pieces[0], cues)]
        for content, owner in zip(pieces, owners, strict=True):
            if owner is not None:
                content_of[owner].append(content)
    for cue in cues:  # "said ... in [a statement]": one claim, the verb's
        if (verb_cue := _verb_of_phrase(doc, cue, cues, lex)) is not None:
            content_of[verb_cue].extend(content_of[cue])
            content_of[cue] = []
    source_of: dict[Range, Range | None] = {}
    for cue in cues:  # a source may serve several cues: "X said ... and added ..."
        if (speaker := _speaker(doc, cue)) is not None:  # "X was quoted (by Y) as saying"
            source_of[cue] = speaker
            content_of[cue] = [c for c in content_of[cue] if not overlaps(c, speaker)]
            continue
        sent = _sentence(doc, cue[0])
        kept = [c for c in content_of[cue] if not _stray(doc, c)]  # "Israel" tagged as source and content
        near = [s for s in spans["source"] if sent is not None and sent.start_char <= s[0] < sent.end_char
                and not overlaps(s, cue) and not any(overlaps(s, c) for c in kept)]
        best = min(near, key=lambda s: (_gap(s, cue), s[0] > cue[0])) if near else None
        if best is not None and (parsed := _parsed_source(doc, cue)) is not None and not overlaps(best, parsed) \
                and text[best[0]:best[1]].lower() not in RELATIVE_PRONOUNS:
            best = max((s for s in near if overlaps(s, parsed)),
                       key=lambda s: min(s[1], parsed[1]) - max(s[0], parsed[0]), default=best)
        if _hedge_word(doc, cue, lex):  # "the ELN reportedly kidnapped": the ELN did what is reported; nobody
            source_of[cue] = None  # named reports it
        elif best is not None and not _expletive(doc, best) \
                and not _passive_theme(doc, cue, best, lex):  # not "It" or "the news" of "... was announced"
            source_of[cue] = _without_time(doc, _whole_phrase(doc, best, [cue, *kept]))
        else:
            source_of[cue] = _subject(doc, cue, kept)
    drafts = []
    for cue in cues:
        if _function_word(doc, cue):  # and what the tagger linked to it: given to another cue, it scored worse
            continue
        contents = _merge(text, [c for c in content_of[cue] if not overlaps(c, cue)])
        contents = [c for c in contents if not _stray(doc, c)] or [c for c in contents if not _empty(doc, c)]
        source = source_of[cue]
        if not contents or (source is not None and any(overlaps(source, c) for c in contents)):
            continue
        drafts.append(_draft(doc, cue, source, contents, lex))
    return drafts


# Prepositions by which a noun the tagger marked as a cue tells where or how its verb spoke: "said in a
# statement", "said at a news conference", "states in a KCNA article", "talks to DuVernay"; and, for a noun
# that reports nothing itself (none of cues.tsv), "on" and "with": "said, on the other hand, “...”". Not
# "on" for a reporting noun: "is arrested on charges of ..." is the charge's claim, not the arrest's.
SETTING_PREPOSITIONS = {"in", "at", "during", "to", "from", "through"}
MANNER_PREPOSITIONS = {"on", "with"}


def _verb_of_phrase(doc: Doc, cue: Range, cues: list[Range], lex: Lexicon) -> Range | None:
    """The cue of the verb a noun cue hangs from through a preposition ("Rep. Elijah Cummings said
    ..., in [a statement]. “...”"): the tagger marked both, and the claim, with the contents given to
    the noun, is the verb's. Not a noun with a possessor of its own ("seized on [Trump's claim] that
    ..."): that is another source's claim; unless the verb's own clause follows it ("We know from his
    financial disclosure [statements] that ...")."""
    span = doc.char_span(*cue, alignment_mode="expand")
    if span is None or not len(span):
        return None
    noun = span.root
    prep, verb = noun.head, noun.head.head
    if (noun.pos_ not in {"NOUN", "PROPN"} or noun.dep_ != "pobj" or prep.dep_ != "prep"
            or verb.pos_ != "VERB" or cue[0] <= verb.idx < cue[1]):
        return None
    reports = lex.noun_stance(noun.lemma_) is not None
    if prep.lower_ not in SETTING_PREPOSITIONS and (reports or prep.lower_ not in MANNER_PREPOSITIONS):
        return None
    possessed = any(c.dep_ == "poss" for c in noun.children)
    if possessed and not any(c.dep_ == "ccomp" and c.i > noun.i for c in verb.children):
        return None
    return next((c for c in cues if c[0] <= verb.idx < c[1]), None)


def _cut_at_cues(doc: Doc, content: Range, cues: list[Range]) -> list[Range]:
    """A content cut where one of its sentences, after the first, holds a cue it does not cover: the
    tagger ran one claim's content on into the next claim's ("... by the failure of the bill to pass.
    “I dread looking at Wall Street tomorrow. It's not going to be a pleasant sight,” Reid said."),
    and the rest belongs to that sentence's cue. When that sentence ends a quotation opened earlier
    in the content, the cut is at the quotation's opening mark, so the quotation stays whole.
    PolNeAR dev: source / cue / content overlap F1 85.42 / 83.45 / 84.53 -> 85.65 / 83.64 / 84.61;
    cutting at every sentence instead: content 80.73."""
    text = text_of(doc)
    span = doc.char_span(*content, alignment_mode="expand")
    if span is None:
        return [content]
    pieces, start = [], content[0]
    for token in span[1:]:
        if not token.is_sent_start:
            continue
        cut, end = token.idx, token.sent.end_char
        if cut <= start or not any(cut <= c[0] < end and not overlaps(c, content) for c in cues):
            continue
        cut = _quotation_open_at(text, start, cut)
        if cut > start:
            pieces.append((start, cut))
            start = cut
    pieces.append((start, content[1]))
    return [r for r in (strip_range(text, piece, "") for piece in pieces) if r is not None]


def _quoted(text: str, span: Range, para_start: int) -> bool:
    """The span is inside a quotation, or holds or touches a quotation mark."""
    return any(q in text[max(span[0] - 1, 0):span[1] + 1] for q in '"“”') \
        or _quotation_open_at(text, para_start, span[0]) < span[0]


def _quotation_open_at(text: str, start: int, cut: int) -> int:
    """Where the quotation still open at `cut` opened, between `start` and `cut`; else `cut`."""
    curly = max(text.rfind("“", start, cut), text.rfind("”", start, cut))
    if curly >= 0 and text[curly] == "“":
        return curly
    straight = [i for i in range(start, cut) if text[i] == '"']
    if len(straight) % 2:
        return straight[-1]
    return cut


def _whole_phrase(doc: Doc, rng: Range, avoid: list[Range]) -> Range:
    """A source as the whole noun phrase its head heads ("officials" -> "Ukrainian and Western
    officials"; a determiner alone, the noun it determines: "The" -> "The FBI"), as PolNeAR marks
    sources, unless that would run into the cue or the content."""
    span = doc.char_span(*rng, alignment_mode="expand")
    if span is None or not len(span):
        return rng
    root = span.root
    if root.pos_ == "DET" and root.dep_ == "det" and root.head.i > root.i:
        root = root.head
    if root.pos_ not in {"NOUN", "PROPN"}:
        return rng
    left, right = root.left_edge.i, root.right_edge.i + 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (doc[right - 1].is_punct or doc[right - 1].is_space):
        right -= 1
    whole = (min(doc[left].idx, rng[0]), max(doc[right - 1].idx + len(doc[right - 1]), rng[1]))
    return rng if any(overlaps(whole, a) for a in avoid) else whole


def _without_time(doc: Doc, rng: Range) -> Range:
    """A source without the time that ends it, which dates the cue ("Foreign Minister Sergei Lavrov on
    Friday | denied", "General Motors today | named"), or the age after a name ("Quina Jones, 25")."""
    span = doc.char_span(*rng, alignment_mode="expand")
    if span is None or any(t.pos_ == "VERB" for t in span):  # in a clause of its own: "who has served ... for a decade"
        return rng
    end = span.end
    while end > span.start and doc[end - 1].ent_type_ in {"DATE", "TIME"}:
        end -= 1
    if end == span.end or (all(t.like_num for t in doc[end:span.end]) and end > span.start
                           and doc[end - 1].pos_ != "ADP" and not doc[end - 1].is_punct):
        return rng  # a number that is part of a name: "Whitey MacDonald, chairperson of Local 1520"
    while end > span.start and (doc[end - 1].pos_ == "ADP" or doc[end - 1].is_punct):
        end -= 1
    if end == span.start or doc[end - 1].pos_ not in {"NOUN", "PROPN"}:
        return rng
    return rng[0], doc[end - 1].idx + len(doc[end - 1])


# Parts of speech that never make a cue alone: the tagger marks "is", "a" or "to" of a longer cue it
# doubted ("Donald Trump [is] drawing criticism") or of none ("the DNC [to] name a replacement").
FUNCTION_POS = {"DET", "ADP", "PRON", "CCONJ", "SCONJ", "AUX", "PART"}
AUXILIARIES = {"be", "have", "do", "will", "would", "shall", "should", "can", "could", "may", "might", "must"}


def _words(doc: Doc, rng: Range) -> list[Token]:
    """The tokens of a range that are words, not punctuation or space."""
    span = doc.char_span(*rng, alignment_mode="expand")
    return [t for t in span if not t.is_punct and not t.is_space] if span is not None else []


def _function_word(doc: Doc, cue: Range) -> bool:
    """A cue that is one function word alone ("has", "a", "about"); "according to" and the colons and
    dashes of quotations are cues of other kinds and stay."""
    words = _words(doc, cue)
    if len(words) != 1 or words[0].pos_ not in FUNCTION_POS or words[0].lower_ in PREPOSITIONAL_CUES:
        return False
    return words[0].pos_ != "AUX" or words[0].lemma_.lower() in AUXILIARIES  # "felt" (betrayed) is a cue


def _numeral(text: str, cue: Range) -> bool:
    """A cue of digits alone: the tagger marks the tally of "votes 136–27 to ban ..." as well as
    "votes"; a number reports nothing, so what it would take goes to the verb."""
    marked = text[cue[0]:cue[1]]
    return any(ch.isdigit() for ch in marked) and not any(ch.isalpha() for ch in marked)


def _stray(doc: Doc, rng: Range) -> bool:
    """A content piece too small to be one on its own: punctuation or a single word ('"', "who")."""
    return len(_words(doc, rng)) < 2


def _empty(doc: Doc, rng: Range) -> bool:
    """A content piece that is one article, preposition or conjunction: "a" (the tagger's "notifies Congress of
    a ...")."""
    words = _words(doc, rng)
    return len(words) == 1 and words[0].pos_ in {"DET", "ADP", "CCONJ", "SCONJ"}


def _merge(text: str, spans: list[Range]) -> list[Range]:
    """Join fragments that only punctuation and space keep apart ("“...,” “...”")."""
    out: list[Range] = []
    for s, e in sorted(spans):
        if out and all(not ch.isalnum() for ch in text[out[-1][1]:s]) and s - out[-1][1] <= 3:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def _speaker(doc: Doc, cue: Range) -> Range | None:
    """The passive subject of a cue "was quoted" or "(quoted ... as) saying": the one who spoke."""
    span = doc.char_span(*cue, alignment_mode="expand")
    for tok in span if span is not None else ():
        if (speaker := quoted_speaker(tok)) is not None:
            return speaker.start_char, speaker.end_char
    return None


def _hedge_word(doc: Doc, cue: Range, lex: Lexicon) -> bool:
    """A cue that is one hedging adverb ("reportedly", "allegedly"): a report whose source is not named."""
    words = _words(doc, cue)
    return len(words) == 1 and words[0].pos_ == "ADV" and words[0].lower_ in lex.hedges


def _expletive(doc: Doc, source: Range) -> bool:
    """A source that is the empty "it" of a passive or of "it is ... to note": "It was announced that ...",
    "It has been reported that ..." (the rules take no source there either)."""
    span = doc.char_span(*source, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].lower_ in EXPLETIVES \
        and span[0].dep_ in {"nsubjpass", "expl"}


def _cue_verb(doc: Doc, cue: Range) -> Token | None:
    """The verb a cue ends in ("has warned", "said in a statement"), if any."""
    return next((t for t in reversed(_words(doc, cue)) if t.pos_ == "VERB"), None)


def _parsed_source(doc: Doc, cue: Range) -> Range | None:
    """The source the parse gives a cue verb (its subject, or the subject of the verb a participle hangs
    from), as a range; not a "subject" that holds a clause of its own, which is a misparse ("The Philippine
    Department of Transportation orders AirAsia to halt the sale ..., citing ... after reports revealed")."""
    verb = _cue_verb(doc, cue)
    source = verb_source(verb) if verb is not None else None
    if source is None or any(t.dep_ in {"advcl", "ccomp", "xcomp"} for t in source):
        return None
    return source.start_char, source.end_char


def _passive_theme(doc: Doc, cue: Range, source: Range, lex: Lexicon) -> bool:
    """A source that is the subject of a reporting verb in the passive with no agent: what is reported, not
    who reports it ("After the news was announced the index dipped", "the restrictions ..., which were banned
    in August"), nor a source of another clause ("The Taliban says ... as explosions are reported"). Of 160
    such cues in 300 PolNeAR train articles, gold marks no source for 122 and the subject for 25, mostly
    states ("is closely aligned with", "isn't rattled"), not reporting verbs, or contractions the parse reads
    as passives ("who's called for")."""
    verb = _cue_verb(doc, cue)
    if verb is None or lex.verb_stance(verb.lemma_) is None:
        return False
    kids = list(verb.children)
    if any(k.dep_ == "agent" for k in kids) or not any(k.dep_ == "auxpass" and k.lower_ != "'s" for k in kids):
        return False
    theme = next((k for k in kids if k.dep_ == "nsubjpass"), None)
    if theme is None:
        return False
    clause = (verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge))
    return overlaps(source, (theme.left_edge.idx, theme.right_edge.idx + len(theme.right_edge))) \
        or not overlaps(source, clause)  # or of another clause: "The Taliban says ... as explosions are reported"


def _gap(a: Range, b: Range) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _owner(doc: Doc, span: Range, cues: list[Range]) -> Range | None:
    """The cue a content belongs to: the nearest in its sentence (but the cue before it whose complement
    the parse makes it, when the nearest comes after it: "said ... that X and suggested that Y"), else
    the first in the later sentences it spans ("“This is a major milestone ...\nI want to thank ...,”
    said Tom Enders"), else the nearest in its paragraph, else the one before ('He said:' then a
    quotation; a quotation running on after "he said")."""
    sent = _sentence(doc, span[0])
    if sent is None:
        return None
    whole = doc.char_span(*span, alignment_mode="expand")
    here = [c for c in cues if sent.start_char <= c[0] < sent.end_char or overlaps(c, span)]
    if here:
        nearest = min(here, key=lambda c: _gap(span, c))
        if nearest[0] >= span[1] and (governor := _governing_cue(whole, span[0], here)) is not None:
            return governor
        return nearest
    if whole is not None and len(whole):  # a quotation of several sentences with its cue in a later one
        later = [c for c in cues if sent.end_char <= c[0] < whole[-1].sent.end_char and not overlaps(c, span)]
        if later:
            return later[0]
    para = _paragraph_of(doc, span[0])
    nearby = [c for c in cues if para[0] <= c[0] < para[1]]
    if nearby:
        nearest = min(nearby, key=lambda c: _gap(span, c))
        if nearest[0] >= sent.end_char and not _quoted(text_of(doc), span, para[0]):
            return None  # a sentence of narration before the cue's, no quotation: not what it reports
        return nearest
    before = [c for c in cues if c[1] <= span[0] and span[0] - c[1] < 1500]
    return before[-1] if before else None


# Dependency labels by which a content hangs from its cue verb: its object clause or phrase ("said that
# ...", "urged X to ...", "denied the report"), and the clauses the parse labels adverbial after a comma.
COMPLEMENT_DEPS = {"ccomp", "xcomp", "dobj", "advcl"}


def _governing_cue(content: Span | None, start: int, cues: list[Range]) -> Range | None:
    """The cue before a content whose verb the parse makes the content's head, as its complement: in
    "May said this week that the country would ... and suggested that it would ..." the first content
    is the object of "said", though "suggested" lies nearer its end."""
    if content is None or not len(content) or content.root.dep_ not in COMPLEMENT_DEPS:
        return None
    head = content.root.head
    return next((c for c in cues if c[1] <= start and c[0] <= head.idx < c[1]), None)


def _sentence(doc: Doc, char: int) -> Span | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0].sent if span is not None and len(span) else None


def _paragraph_of(doc: Doc, char: int) -> tuple[int, int]:
    start = text_of(doc).rfind("\n", 0, char) + 1
    end = text_of(doc).find("\n", char)
    return start, len(text_of(doc)) if end < 0 else end


def _draft(doc: Doc, cue: Range, source: Range | None, content: list[Range], lex: Lexicon) -> Draft:
    cue_span = doc.char_span(*cue, alignment_mode="expand")
    text = text_of(doc)[cue[0]:cue[1]].lower()
    head = cue_span.root if cue_span is not None and len(cue_span) else None
    lemma = PREPOSITIONAL_CUES.get(text) or (head.lemma_.lower() if head is not None else text)
    if text == "according to":
        kind, stance = ClaimKind.ACCORDING_TO, Stance.ASSERT
    elif head is not None and head.pos_ == "NOUN" and (noun := lex.noun_stance(lemma)) is not None:
        kind = ClaimKind.INDIRECT if source is not None else ClaimKind.UNATTRIBUTED  # "concerns that ..."
        stance = noun
    else:
        kind = ClaimKind.INDIRECT
        stance = lex.verb_stance(lemma) or lex.noun_stance(lemma) or Stance.ASSERT
    negated = head is not None and any(c.dep_ == "neg" for c in head.children)
    source_span = doc.char_span(*source, alignment_mode="expand") if source is not None else None
    return Draft(content=list(content), kind=kind, stance=Stance.OTHER if negated else stance, cue=cue,
                 cue_lemma=lemma, source=source_span, negated=negated, cue_token=head,
                 addressee=addressee_of(head) if head is not None and head.pos_ == "VERB" else None)


def _subject(doc: Doc, cue: Range, contents: list[Range]) -> Range | None:
    """The source the parse gives a cue verb the tagger found no source for: its subject, or the agent
    of a passive ("The Zimbabwean Ministry of Health reports that ..."), as the rules read it; not the
    noun a past participle describes ("26 suspects accused of ...": they are accused, not accusing), nor a
    phrase the parse built around a verb it took for a noun ("Belousov and ... Volodin visit Pyongyang,
    North Korea, inaugurating ...": "visit" with an object)."""
    verb = _cue_verb(doc, cue)
    if verb is None or (verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod"}):
        return None
    source = verb_source(verb)
    if source is None or any(t.dep_ == "dobj" and t.head.pos_ in {"NOUN", "PROPN"} for t in source):
        return None
    rng = (source.start_char, source.end_char)
    return None if overlaps(rng, cue) or any(overlaps(rng, c) for c in contents) else rng
