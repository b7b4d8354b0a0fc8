"""What the parse tells about a time-expression candidate: is it one at all, and in what tense.

`plausible` rules out look-alikes the patterns cannot: "may" the modal, "Theresa May", "the fall of
Kabul", "1,500 troops", "52 years old", "$500 million a year". `tense` reads the clause the
expression belongs to (PAST, PRESENT, FUTURE or None), which decides whether "Saturday" or "June"
lies before or after publication.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.actors import ActorRegistry
from claimgraph.extract.doc_text import text_of
from claimgraph.extract.timex_calendar import AROUND, FUTURE, PAST, PRESENT
from claimgraph.extract.timex_rules import Hit, words

__all__ = ["ahead_of_event", "plausible", "tense"]

# A month or weekday word inside one of these entities is part of a name: "Theresa May", "Sunday Times".
NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "NORP", "LAW"})
NOT_YEAR_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY", "ORDINAL", "PERSON", "ORG", "PRODUCT", "LAW", "FAC"})
# Counted things after a four-digit number: "1998 troops" is not a year.
COUNTED = frozenset({"%", "percent", "feet", "metres", "meters", "miles", "km", "kilometers", "kilometres",
                     "people", "troops", "soldiers", "votes", "points", "cases", "pounds", "tons", "tonnes"})
# Words after which a bare year, season or "two thousand" is a time: "in 1998", "since the summer".
PREPOSITIONS = frozenset({"in", "during", "by", "until", "till", "since", "through", "throughout", "over", "for",
                          "before", "after", "this", "that", "each", "every", "from", "of", "to", "early", "late",
                          "around", "into"})
FULL_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"})

FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo", "would", "may", "might", "can", "should", "must"})
PERFECT_AUX = frozenset({"has", "have", "'ve", "’ve"})
PROGRESSIVE_AUX = frozenset({"is", "are", "am", "'s", "'re", "’s", "’re"})
# Verbs whose object lies ahead of them: "has scheduled a news conference Thursday", "plans to visit Friday".
FUTURE_VERBS = frozenset({"expect", "plan", "schedule", "set", "hope", "intend", "aim", "want", "prepare", "decide",
                          "promise", "vow", "threaten", "seek", "propose", "due", "likely", "go", "wish", "need",
                          "pledge"})
# Modifiers of a noun that make it something planned, so its time lies ahead of the clause's: "an expected
# announcement Friday of August unemployment data could ...", "the upcoming vote on Tuesday".
PLANNED = frozenset({"expected", "expect", "planned", "plan", "scheduled", "schedule", "upcoming", "forthcoming",
                     "proposed", "propose"})
# Verbs whose time, written after them in a past clause, is that of what was planned, not of the
# planning: "planned a demonstration on Saturday", "a service planned for Saturday was canceled" (AROUND:
# the nearer Saturday); "On Friday, the government planned ..." is the Friday before.
TARGET_VERBS = frozenset({"plan", "schedule", "slate"})
# A present-tense clause these open is as future as the clause it times: "will resign once a successor
# is chosen", "losses are expected when markets reopen Tuesday".
TIME_CLAUSE = frozenset({"when", "once", "after", "before", "until", "till", "as soon as"})
# "since March 30" lies behind the clause, "until Tuesday" and "as early as next week" ahead of it,
# whatever its verb's tense.
PAST_SIGNAL = re.compile(r"\b(?:since|ever since)\s+(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)
FUTURE_SIGNAL = re.compile(r"\b(?:until|till|as (?:early|soon|late) as|no later than|starting|beginning|ahead of)"
                           r"\s+(?:early\s+|late\s+)?$", re.IGNORECASE)
# "ahead of his inauguration on Monday": the time of what is ahead, wherever the parse hangs it.
AHEAD_OF_EVENT = re.compile(r"\bahead of (?!schedule\b|time\b)(?:[\w'’-]+ ){1,5}(?:on|in|at) (?:the )?$", re.IGNORECASE)


def plausible(h: Hit, doc: Doc) -> bool:
    g, text = h.groups, text_of(doc)
    for key in ("mon", "wd", "holiday"):
        word = g.get(key)
        if word and not word.isdigit():
            at = h.start + max(h.text.find(word), 0)
            if not _name_word_ok(doc, at, at + len(word), word):
                return False
            if key == "wd" and words().get("day_name", f"{_word_before(text, at)} {word}"):
                return False  # "Black Monday", "Super Tuesday"
    if h.rule == "month" and not {"year", "yrel", "rel", "edge"} & g.keys():
        mon = g["mon"].lower()
        if mon not in FULL_MONTHS and not mon.endswith("."):
            return False  # a bare "Dec" or "Mar" is too often something else
    if h.rule == "clock" and "hour2" in g and "tz" not in g and "dayword" not in g:
        return False  # "3:1" is a score unless a day or time zone follows
    if h.rule == "clock" and "named" in g and _word_before(text, h.start) == "high":
        return False  # "high noon", the idiom (and the film)
    if h.rule in ("relunit", "deictic", "weekend") and _title_case_inside(h, doc):
        return False  # ABC's "This Week", "VOA Today"
    if _begins_name(h, doc) or _dates_a_name(h, doc):
        return False  # "the 21st Century ROAD to Housing Act", "21st Century Fox", "March 23 Movement rebels"
    if g.get("rel", "").lower() == "last" and _verb_last(h, doc):
        return False  # "a round that may last months"
    if h.rule == "year_words" and g["yw"].lower().startswith("two") and not h.text.lower().startswith("the"):
        return _word_before(text, h.start) in PREPOSITIONS
    if h.rule == "duration":
        return _duration_ok(h, doc)
    if h.rule == "year":
        return _year_ok(h, doc)
    if h.rule == "season":
        return _season_ok(h, doc)
    if h.rule == "ref":
        return _ref_ok(h, doc)
    if h.rule == "set_word":
        span = _tokens(doc, h.start, h.end)
        return span is None or span.root.pos_ not in ("NOUN", "PROPN")  # "the Party daily" is a newspaper
    return True


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([\w'’-]+)\W*$", text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


def _name_word_ok(doc: Doc, start: int, end: int, word: str) -> bool:
    """A month, weekday or holiday word: capitalised, not a verb ("may", "march"), not inside a name."""
    if not word[:1].isupper():
        return False
    span = _tokens(doc, start, end)
    if span is None:
        return True
    tok = span[0]
    if tok.tag_ == "MD" or tok.tag_.startswith("VB") or tok.ent_type_ in NAME_ENTS:
        return False
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if word.lower() == "march" and _a_march(doc, tok, prev):
        return False
    return not (word.lower() in ("may", "march") and prev is not None and prev.pos_ == "PROPN"
                and prev.ent_type_ in ("PERSON", ""))


# A capitalised "March" before one of these and a name is a march: "the annual March for Life".
MARCH_TO = frozenset({"for", "against", "on", "of", "to"})


def _a_march(doc: Doc, tok: Token, prev: Token | None) -> bool:
    """ "the annual March for Life", "the People's March against ...", "the Women's March holds a protest":
    the name of a march, unless a preposition or number before makes it the month ("in March for the
    first time", "until March to")."""
    if prev is None or prev.lower_ in PREPOSITIONS or prev.like_num or tok.i + 2 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    if prev.tag_ == "POS" and nxt.pos_ in ("VERB", "AUX", "ADP"):
        return True
    after = doc[tok.i + 2]
    if after.lower_ in ("the", "our") and tok.i + 3 < len(doc):
        after = doc[tok.i + 3]
    kinds = words()
    if any(kinds.get(k, after.text) for k in ("month", "weekday", "holiday")):
        return False  # "held March on Tuesday"
    return nxt.lower_ in MARCH_TO and after.text[:1].isupper()


def _verb_last(h: Hit, doc: Doc) -> bool:
    at = h.start + h.text.lower().find("last")
    span = _tokens(doc, at, at + 4)
    if span is None:
        return False
    tok = span[0]
    return tok.pos_ in ("VERB", "AUX") or (tok.i > 0 and doc[tok.i - 1].tag_ in ("MD", "TO"))


def _title_case_inside(h: Hit, doc: Doc) -> bool:
    """A capitalised word after the first, or a capitalised first word mid-sentence: a title."""
    first, *rest = h.text.split()
    if any(w[:1].isupper() for w in rest):
        return True
    span = _tokens(doc, h.start, h.end)
    if span is None or not first[:1].isupper() or span[0].is_sent_start:
        return False
    prev = doc[span[0].i - 1]
    return prev.is_alpha


def _begins_name(h: Hit, doc: Doc) -> bool:
    """A capitalised unit ("Century", "Hours") that the parse makes part of a capitalised name after it.
    Only a unit: a day's own name stays a time ("his Sunday Mass" is on a Sunday, "Today Apple is ...")."""
    span = _tokens(doc, h.start, h.end)
    if span is None or "holiday" in h.groups or not span[-1].text[:1].isupper():
        return False  # a holiday names its day: "May Day Strong" events are on May Day
    last = span[-1]
    if not (words().get("unit", last.text) or last.text.endswith("s") and words().get("unit", last.text[:-1])):
        return False
    return last.dep_ == "compound" and last.head.i > last.i and last.head.text[:1].isupper()


def _dates_a_name(h: Hit, doc: Doc) -> bool:
    """A month and day that begin the name of an organisation the actor registry knows: "March 23 Movement
    rebels begin their advance" (M23; mid-sentence the entity tagger takes in the date and `_name_word_ok`
    sees it). Not a date before another name: "your Oct. 23 Centennial Journal item", "In March Apple said"."""
    span = _tokens(doc, h.start, h.end)
    if span is None or "mon" not in h.groups:
        return False
    j = span.end
    while j < len(doc) and doc[j].like_num:
        j += 1  # the month alone, before its day
    if j >= len(doc) or not any(t.like_num for t in doc[span.start:j]) or doc[j].ent_iob_ != "B":
        return False
    k = j + 1
    while k < len(doc) and doc[k].ent_iob_ == "I":
        k += 1
    name = text_of(doc)[span.start_char:doc[k - 1].idx + len(doc[k - 1].text)]
    found = ActorRegistry.default().resolve(name)
    return found is not None and found.matched.casefold() == name.casefold()


def _duration_ok(h: Hit, doc: Doc) -> bool:
    num = " ".join(h.groups.get("num", "").lower().split())
    unit = h.groups["unit"].lower()
    after = text_of(doc)[h.end:h.end + 16]
    if num.isdigit() and 1000 <= int(num) <= 2100:
        return False  # "the 1988 quarter"
    if re.match(r"\s+(?:old\b|or (?:older|younger|over)\b|of age\b)", after):
        return False  # "52 years old", "people 55 years or older": an age
    if h.groups["unit"][:1].isupper() and re.match(r"\s+of\s+[A-Z]", text_of(doc)[h.end:h.end + 8]):
        return False  # "the 24 Hours of Le Mans": a capitalised unit before "of" and a name is a title
    if num in ("a", "an") and not h.groups.get("vague"):
        span = _tokens(doc, h.start, h.end)
        prev = doc[span[0].i - 1] if span is not None and span[0].i > 0 else None
        if prev is not None and (prev.pos_ in ("NOUN", "NUM", "SYM", "PROPN") or prev.lower_ == "%"):
            return False  # "$500 million a year", "700 seats a week": a rate
    if unit.startswith("second") and num in ("a", "an", "one"):
        return False  # "a second term"
    if unit.startswith("quarter") and (num in ("a", "an", "one", "three") or after.startswith(" of")):
        return False  # "a quarter of the vote", "three quarters of"
    return True


def _year_ok(h: Hit, doc: Doc) -> bool:
    g = h.groups
    if g.get("edge") or g.get("fiscal"):
        return True
    span = _tokens(doc, h.start + h.text.find(g["year"]), h.end)
    if span is None:
        return False
    tok = span[0]
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if tok.ent_type_ in NOT_YEAR_ENTS or (nxt is not None and nxt.lower_ in COUNTED):
        return False
    if tok.i > 0 and _names_number(doc[tok.i - 1]):
        return False  # "Local 1520", "the Russell 2000 index", "Flight 1549"
    if tok.ent_type_ in ("DATE", "TIME") or 1900 <= int(g["year"]) <= 2039:
        return True
    return tok.i > 0 and doc[tok.i - 1].lower_ in PREPOSITIONS  # "in 1648"


def _names_number(tok: Token) -> bool:
    """A capitalised name right before a number, which the number belongs to: not a month, weekday,
    season or holiday ("March 2009", "Christmas 2008" are dates)."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
        return False
    kinds = words()
    return not any(kinds.get(k, tok.text) for k in ("month", "weekday", "season", "holiday"))


def _season_ok(h: Hit, doc: Doc) -> bool:
    g = h.groups
    word = g["season"]
    at = h.start + h.text.lower().find(word.lower())
    span = _tokens(doc, at, at + len(word))
    if span is not None and span.root.pos_ not in ("NOUN", "PROPN"):
        return False  # "prices fall", "spring into action"
    if span is not None and word[:1].isupper() and not span[0].is_sent_start and span.end < len(doc) \
            and doc[span.end].text[:1].isupper():
        return False  # a name: "the Winter Olympics", "the Winter Paralympics"
    if "year" in g:
        return True
    if text_of(doc)[h.end:h.end + 4] == " of ":
        return False  # "the fall of Kabul"
    rel = g.get("rel", "").lower()
    if (rel and rel != "the") or g.get("edge"):
        return True
    before = _word_before(text_of(doc), h.start)  # "in the summer", "since spring"; a bare "fall" is too risky
    return before in PREPOSITIONS and (rel == "the" or word.lower() != "fall")


def _ref_ok(h: Hit, doc: Doc) -> bool:
    word = h.groups["ref"].lower()
    span = _tokens(doc, h.end - len(h.groups["ref"]), h.end)
    if word in ("future", "the past", "the present") and span is not None and span.root.pos_ not in ("NOUN", "PROPN"):
        return False  # "future generations"
    before = _word_before(text_of(doc), h.start)
    if word == "future" and not h.groups.get("edge") and before not in ("in", "the", "near"):
        return False
    if word in ("current", "recent"):
        return span is not None and span.root.dep_ == "amod"  # "the current weakness", "a recent filing"
    return True


# --- tense ---------------------------------------------------------------------------------------------

def tense(doc: Doc, h: Hit) -> str | None:
    """The tense of the clause the expression belongs to: the first verb up its chain of heads."""
    before = text_of(doc)[max(0, h.start - 25):h.start]
    if PAST_SIGNAL.search(before):
        return PAST
    if FUTURE_SIGNAL.search(before) or ahead_of_event(text_of(doc), h.start) is not None:
        # "until Thursday" looks ahead, except in a past perfect clause: "Until Thursday, they had not ..."
        return None if re.search(r"\bhad\b", text_of(doc)[h.start:h.start + 60].split(".")[0]) else FUTURE
    span = _tokens(doc, h.start, h.end)
    if span is None:
        return None
    tok = span.root
    if tok.dep_ == "poss":
        return None  # "Wednesday's ruling": the verb says nothing about when the ruling was
    planned = False  # the expression times a noun of what is planned: "an expected announcement Friday"
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and not span.start <= tok.i < span.end:
            break
        if _past_relative(tok):  # "in January, which killed 78 people", "a January decision that lifted the ban"
            return PAST
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lemma_.lower() in PLANNED for c in tok.children):
            planned = True
    if tok.pos_ not in ("VERB", "AUX"):
        tok = span.sent.root
        if tok.pos_ not in ("VERB", "AUX"):
            return None
    found = _verb_tense(tok, 0, ahead=span.start > tok.i)
    if planned:
        return AROUND if found == PAST else FUTURE
    return found


def _past_relative(noun: Token) -> bool:
    """A relative clause in the simple past describes the noun: what it names is past ("a January decision
    that lifted the ban", "in January, which killed 78 people")."""
    return any(c.dep_ == "relcl" and c.tag_ == "VBD" for c in noun.children)


def ahead_of_event(text: str, start: int) -> int | None:
    """Where "ahead of" begins when the time expression at `start` times the event ahead ("ahead of his
    inauguration on Monday"), else None."""
    m = AHEAD_OF_EVENT.search(text, max(0, start - 60), start)
    return m.start() if m else None


def _verb_tense(v: Token, depth: int, ahead: bool = False) -> str | None:
    """The tense of verb v's clause; `ahead`: the expression follows v, so it may time what v plans."""
    aux = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
    past_aux = any(c.tag_ == "VBD" for c in v.children if c.dep_ in ("aux", "auxpass"))
    if "had" in aux and v.tag_ in ("VBN", "VBG"):
        return PAST  # "had been due to expire Friday"
    if aux & FUTURE_AUX:
        return FUTURE
    if ahead and v.lemma_ in TARGET_VERBS and not aux and (v.tag_ == "VBD" or v.tag_ == "VBN" and v.dep_ == "acl"):
        return AROUND if v.tag_ == "VBD" or _up(v, depth) == PAST else FUTURE
    if v.lemma_ in FUTURE_VERBS and v.tag_ != "VBD" and (v.lemma_ != "set" or _set_for(v)):
        return FUTURE
    if aux & PERFECT_AUX and v.tag_ in ("VBN", "VBG"):
        return PAST  # "have been searching since Oct. 23"
    if v.tag_ == "VBD" or past_aux:
        return PAST
    if v.tag_ == "VBN" and "to" in aux:  # "is expected to be sentenced on Thursday": as "to" + verb below
        return FUTURE if v.head.i != v.i and v.head.lemma_ in FUTURE_VERBS else _up(v, depth)
    if v.tag_ == "VBN":
        if not aux:  # a reduced relative: "the plan announced Friday"
            return PAST if v.dep_ not in ("xcomp", "ccomp") or depth > 2 else _up(v, depth)
        return PRESENT
    if v.tag_ == "VB" and "to" in aux:
        return FUTURE if v.head.i != v.i and v.head.lemma_ in FUTURE_VERBS else _up(v, depth)
    if v.tag_ == "VBG":
        return FUTURE if aux & PROGRESSIVE_AUX else _up(v, depth)  # "is meeting Friday"
    if v.tag_ in ("VBZ", "VBP"):
        if v.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in TIME_CLAUSE for c in v.children):
            return FUTURE if _up(v, depth) == FUTURE else PRESENT  # "losses are expected when markets reopen Tuesday"
        return PRESENT
    return _up(v, depth)


def _set_for(v: Token) -> bool:
    """ "set" looks ahead as "set to" or "set for" ("is set to take office", "the vote set for Friday"), not
    as a record set: "Gretchen Walsh's 23.55-second mark set in June"."""
    return any((c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
               or (c.dep_ == "prep" and c.lower_ == "for") for c in v.children)


def _up(v: Token, depth: int) -> str | None:
    """The tense of the clause above: "said he hopes to ...", at most three clauses up."""
    if depth >= 3 or v.head.i == v.i:
        return None
    head = v.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return _verb_tense(head, depth + 1) if head.pos_ in ("VERB", "AUX") else None
