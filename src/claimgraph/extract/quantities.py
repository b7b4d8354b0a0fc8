"""Quantities: a value, its qualifier and its unit or counted thing, from a parsed article.

"more than 11,000 North Korean soldiers" -> 11000 ">" "soldiers"; "thousands of troops" -> 1000 ">"
"troops", vague; "$5 million" -> 5000000 "dollar"; "fell 5%" -> 5 "down" "percent"; a range
"10,000-12,000 troops" -> one quantity per end, both with the range's span; "5 ft 2 in" -> 5.1667 "foot";
"2.3m people" -> 2300000 "people" (a glued "m" before a plural noun is a million); "Fifteen people are killed
and 19 more injured" -> 19 "people" (a count whose noun is left out takes the one counted before it in the
sentence, in the same role; "on top of the four billion" takes the currency of a sum before it); "five of its
factories" -> 5 "factories". Years, dates, clock times, ordinals, codes ("F-16", "5/17/2018"), names
("Resolution 2231", "Four Seasons", and "the 787" once the article has written "Boeing 787") and rows of set
scores ("6–4, 3–6") are not quantities.

Numbers are read by `numbers.py` without a model; units, currencies, qualifiers and change words are
data (`units.tsv`, `quantity_cues.tsv`, read by `quantity_words.py`); spaCy's parse gives the counted
noun ("soldiers"), the lemma of a change verb ("sank" -> sink) and tells a year from a count.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from claimgraph.extract.doc_text import text_of
from claimgraph.extract.numbers import Number, Piece, lex, read_number, word_kinds
from claimgraph.extract.quantity_words import cues, match_cue, match_cue_before, match_scaled_currency, match_unit
from claimgraph.models import Article, Quantity

__all__ = ["EXTRACTOR", "VERSION", "find_quantities"]

EXTRACTOR = "claimgraph.quantities"
VERSION = "26"

_TABLE_KINDS = ("currency", "percent", "measure", "time", "age")
_MINOR_UNITS = {"cent", "pence", "penny"}
# How far before a digit literal or number word a quantity may start: a currency written before it
# ("U.S.$", five pieces), a sign, "a" ("a few thousand").
_REACH = 8
# A unit and the smaller one that may follow it in the same measure: "5 ft 2 in", "7 lb 6 oz".
_SUBUNITS = {"foot": ("inch", 12.0), "pound": ("ounce", 16.0)}
_ORDINAL_KINDS = {"ordinal", "denominator"}
# What may stand between a number and the noun it counts: "11,000 North Korean soldiers".
_IN_NOUN_PHRASE = {"ADJ", "NOUN", "PROPN", "NUM", "ADV", "PUNCT", "PART", "SYM"}
_NUMERIC_ENTITIES = {"", "CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME", "ORDINAL"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
                "your", "each", "every", "some", "any", "all", "both"}
_DATE_PREPOSITIONS = {"on", "in", "since", "until", "till", "from", "by", "of", "early", "late", "mid", "next", "last"}
_DAY_RANGE = frozenset({"and", "to", "-", "–", "through", "until"})  # "May 28 and 31": a second day


@dataclass(slots=True)
class _Found:
    """A number being read, with what belongs to it, as piece indices [first, last)."""

    first: int
    num: Number
    last: int
    value: float
    unit: str | None = None
    unit_kind: str | None = None  # a units.tsv kind, or "noun" for a counted noun
    qualifier: str = "="
    currency: bool = False  # written before the number ("$5")
    end_char: int | None = None  # past the counted noun, when it follows closely
    year_ok: bool = True  # may be read as a year (not when the other end of its range is no year)


class _Context:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.pieces = lex(text_of(doc))
        # token starts and ends, in order, for bisecting a character to its token (arrays: no Token objects)
        self._starts = doc.to_array(IDX).tolist()
        self._ends = [s + n for s, n in zip(self._starts, doc.to_array(LENGTH).tolist(), strict=True)]
        # Digit literals seen naming something ("Boeing 787"): the same number standing alone elsewhere in
        # the article ("the 787", "five new 737 aircraft") names it too.
        self.names: set[str] = set()
        # For each piece, the first piece at or after it that is a digit literal, a fraction or a number
        # word: a quantity starts at most _REACH pieces before one ("U.S.$ 5", "a few thousand").
        self.next_number = [len(self.pieces)] * (len(self.pieces) + 1)
        for k in range(len(self.pieces) - 1, -1, -1):
            q = self.pieces[k]
            numeric = q.kind in ("num", "frac") or bool(word_kinds(q))
            self.next_number[k] = k if numeric else self.next_number[k + 1]

    def token(self, piece: int) -> Token | None:
        """The token whose characters hold the piece's first character; None between tokens."""
        if not 0 <= piece < len(self.pieces):
            return None
        c = self.pieces[piece].start
        i = bisect_right(self._starts, c) - 1
        return self.doc[i] if i >= 0 and c < self._ends[i] else None

    def tokens(self, first: int, last: int) -> list[Token]:
        seen: dict[int, Token] = {}
        for k in range(first, last):
            t = self.token(k)
            if t is not None:
                seen.setdefault(t.i, t)
        return [seen[i] for i in sorted(seen)]


def find_quantities(doc: Doc, article: Article) -> list[Quantity]:
    """Every quantity in the parsed article, in text order."""
    ctx = _Context(doc)
    out = []
    found = list(_scan(ctx))
    named = {(f.first, f.last) for f in found if _named_elsewhere(ctx, f)}
    for f in found:
        if (f.first, f.last) in named:
            continue  # both ends of "the 737-800"
        start = ctx.pieces[f.first].start
        end = max(ctx.pieces[f.last - 1].end, f.end_char or 0)
        out.append(Quantity(article_id=article.id, start=start, end=end, text=ctx.text[start:end],
                            value=_clean(f.value), qualifier=f.qualifier, unit=f.unit, vague=f.num.vague,
                            extractor=EXTRACTOR, version=VERSION))
    return sorted(out, key=lambda q: (q.start, q.end))


def _clean(value: float) -> float:
    """The value without the binary rounding of its scaling: "₵68.1 billion" is 68100000000.0, not
    68099999999.99999 (12 significant digits are more than any written number here carries)."""
    return float(f"{value:.12g}")


def _scan(ctx: _Context) -> Iterator[_Found]:
    p = ctx.pieces
    i = 0
    counted: tuple[int, str, str | None] | None = None  # sentence, noun and role of the last count of something
    money: tuple[int, str] | None = None  # sentence and currency of the last sum of money
    change: tuple[int, int, str, str | None] | None = None  # the last amount of a change: end piece and character,
    # up/down and unit kind
    while i < len(p):
        if ctx.next_number[i] - i > _REACH:  # nothing here can be read as a number: skip ahead
            i = ctx.next_number[i] - _REACH
            continue
        a = _read(ctx, i)
        if a is None:
            i += 1
            continue
        _qualify(ctx, a)
        if _noise(ctx, a):
            i = a.num.last
            if i < len(p) and p[i].text in "-–" and (b := _read(ctx, i + 1)) is not None:
                i = b.num.last  # "May 10-12", "1939-1945": the other end is as much a date
            continue
        score = _score(ctx, a)
        if score:
            i = score
            continue
        b = _range_end(ctx, a)
        if b is None:
            _unit_from_next(ctx, a)
        group = [a, b] if b is not None else [a]
        i = group[-1].last
        if not all(_year_like(f.num) for f in group):
            for f in group:
                f.year_ok = False
        elif b is not None and a.qualifier == "=" and a.unit_kind not in _TABLE_KINDS \
                and 1800 <= a.value < b.value <= min(2100, a.value + 30):
            continue  # "2018–2019", "between 2010 and 2015"
        noun = _counted(ctx, b or a)
        if noun is not None:
            last = ctx.token((b or a).num.last - 1)
            # close enough to take into the span, but not over the "and 400" of "1,600 and 400 jobs"
            close = last is not None and 0 < noun.i - last.i <= 4 \
                and not any(x.dep_ == "conj" for x in ctx.doc[last.i + 1:noun.i])
            end_char = noun.idx + len(noun.text) if close else None
            unit = noun.text.lower()
            if unit == "others" and counted is not None and counted[0] == noun.sent.start and not _listed_with(noun):
                unit = counted[1]  # "Twelve people are killed and eight others are injured": 8 people
            for f in group:
                f.unit, f.unit_kind, f.end_char = unit, "noun", end_char
        elif a.unit is None and (bare := _bare_count(ctx, a)) is not None \
                and (whole := bare[2] or (counted[1] if counted is not None and _takes(bare, counted) else None)):
            for f in group:  # "Fifteen people are killed and 19 more injured": 19 people
                f.unit, f.unit_kind = whole, "noun"
        elif a.unit is None and (tallied := _tally(ctx, b or a)) is not None:
            for f in group:  # "The death toll from the wildfires increases to 24": 24 deaths
                f.unit, f.unit_kind = tallied, "noun"
        elif a.unit is None and money is not None and (b or a).num.scale >= 1e6 and money[0] == _sentence(ctx, a) \
                and a.first > 0 and ctx.pieces[a.first - 1].kind == "word":  # not after a sign unread: "S/124 million"
            for f in group:  # "US$ 5 billion in aid on top of the four billion it has already received"
                f.unit, f.unit_kind = money[1], "currency"
        if a.unit_kind == "currency" and a.unit is not None:
            money = (_sentence(ctx, a), a.unit)
        if a.num.literal and a.first == a.num.first > 0 and _in_name(ctx, a):  # "Boeing 787", "Flight 447"
            if len(a.num.literal) >= 3 and a.unit_kind in (None, "noun"):
                ctx.names.add(a.num.literal)  # a model the article may go on to name alone: "the 787"
            if b is not None:
                continue  # "Boeing 737-800", "an ATR 72-500": a model, not a range
        kept = False
        for f in group:
            if not _keep(ctx, f):
                continue
            kept = True
            if f.qualifier == "=" or f.qualifier == "~":
                f.qualifier = _change(ctx, f) or f.qualifier
            if f.qualifier == "=" and change is not None and _same_change(ctx, change, f):
                f.qualifier = change[2]  # "went up by 41.25 points (21.48%)", "went up by 10.24% and 6.57%"
            end = max(ctx.pieces[f.last - 1].end, f.end_char or 0)
            change = (f.last, end, f.qualifier, f.unit_kind) if f.qualifier in ("up", "down") else None
            yield f
        if noun is not None and not _in_part(noun):  # a year read with its noun ("the 2015 bombing") ends it
            counted = (noun.sent.start, (b or a).unit or noun.text.lower(), _role(noun)) if kept else None


def _same_change(ctx: _Context, change: tuple[int, int, str, str | None], f: _Found) -> bool:
    """The amount restates or continues the change just before it: in brackets or after "or" ("went up by 41.25
    points (21.48%)", "a drop of 9% or 998.50 points"), or, in the same kind of unit, joined to it by "and" or a
    comma ("the Hang Seng and Singapore Straits Times went up by 10.24% and 6.57% respectively")."""
    between = [x.lower for x in ctx.pieces[change[0]:f.first] if x.start >= change[1]]
    if between in (["("], ["or"], [",", "or"]):  # "fell 82.65 points or 3.44%", "lost 631 points, or 5.7%"
        return f.unit_kind in ("percent", "currency") or f.unit in ("point", "points")
    return between in (["and"], [","], [",", "and"]) and f.unit_kind == change[3] and f.unit_kind is not None


def _score(ctx: _Context, a: _Found) -> int:
    """ "won 4–2", "votes 86–11": a score or a vote, not two quantities. The piece after it, or 0."""
    p = ctx.pieces
    e = a.last
    if a.unit is not None or a.qualifier != "=" or not a.num.literal or e + 1 >= len(p) or p[e].text not in "-–—":
        return 0
    b = _read(ctx, e + 1)
    if b is None or b.unit is not None or not b.num.literal:
        return 0
    if b.value > a.value and not _in_set_scores(ctx, p[a.first].start, p[b.last - 1].end):
        return 0
    return b.last


_SET_SCORE = r"\d{1,2}\s?[-–—]\s?\d{1,2}"


def _in_set_scores(ctx: _Context, start: int, end: int) -> bool:
    """One of a row of scores, "4–6, 6–4, 6–4": a game's sets, whichever side won each."""
    return bool(re.match(rf",\s*{_SET_SCORE}\b", ctx.text[end:end + 12])
                or re.search(rf"\b{_SET_SCORE},\s*$", ctx.text[max(0, start - 12):start]))


def _read(ctx: _Context, i: int) -> _Found | None:
    """The number at pieces[i] with a currency before it and a unit after it."""
    p = ctx.pieces
    if p[i].kind == "code":
        return None
    cur = match_unit(p, i, "before")  # "$", "USD", "aged"
    times = 1.0
    if cur is None and (scaled := match_scaled_currency(p, i)) is not None:
        cur, times = (scaled[0], i + 1), scaled[1]  # "MAUD 60"
    k = cur[1] if cur is not None else i
    if k >= len(p):
        return None
    num = read_number(p, k, money=cur is not None and cur[0].kind == "currency")
    if num is None:
        return None
    code_after = times == 1 and cur is None and (scaled := match_scaled_currency(p, num.last)) is not None
    if code_after and scaled is not None:
        cur, times = (scaled[0], num.last + 1), scaled[1]  # "30 MUSD"
        num = replace(num, last=num.last + 1)
    if times != 1:
        num = replace(num, value=num.value * times, scale=times, literal=None)
    f = _Found(first=i, num=num, last=num.last, value=num.value)
    if cur is not None:
        f.unit, f.unit_kind = cur[0].unit, cur[0].kind
        f.currency = cur[0].kind == "currency" and not code_after
    j = num.last
    if _million_m(ctx, num):  # "2.3m people", "3m tonnes": "m" is a million, not a metre
        num = replace(num, last=j + 1, value=num.value * 1e6, scale=1e6, literal=None)
        f.num, f.last, f.value = num, num.last, num.value
        j = num.last
    after = match_unit(p, j, "after")
    if after is None and j + 1 < len(p) and p[j].text in "-‐" and p[j].glued and p[j + 1].glued:
        after = match_unit(p, j + 1, "after")  # "3-inch", "12-cent", "five-year-old"
    if after is not None and not num.vague:
        u, end = after
        if f.unit is None:
            f.unit, f.unit_kind, f.last = u.unit, u.kind, end
        elif u.unit == f.unit and u.surface[0].isalpha():  # "$10 dollars"
            f.last = end
        if u.kind == "currency" and u.unit not in _MINOR_UNITS:
            _scale_after(p, f)
            _cents(p, f, u.surface[0].isalpha())
        elif u.unit in _SUBUNITS and u.kind == "measure":
            _subunit(p, f)
    return f


def _million_m(ctx: _Context, num: Number) -> bool:
    """A glued "m" after digits is a million before a plural noun or a unit ("2.3m people", "3m tonnes",
    "5m years"), a metre before anything else ("5m high", "the 100m sprint")."""
    p = ctx.pieces
    j = num.last
    if num.spelled or num.vague or num.scale != 1 or j + 1 >= len(p) or p[j].text != "m" or not p[j].glued:
        return False
    if j + 1 < len(p) and p[j + 1].glued:
        return False
    unit = match_unit(p, j + 1, "after")
    if unit is not None and not unit[0].letter and unit[0].kind in ("currency", "measure", "time"):
        return True
    tok = ctx.token(j + 1)
    return tok is not None and tok.tag_ == "NNS" and tok.pos_ == "NOUN"


def _scale_after(p: list[Piece], f: _Found) -> None:
    """ "75 USD million", "5 dollars billion": a scale word after the currency."""
    k = f.last
    if k < len(p) and f.num.scale == 1 and "scale" in word_kinds(p[k]) and word_kinds(p[k])["scale"] >= 1e6:
        f.value *= word_kinds(p[k])["scale"]
        f.last = k + 1


def _cents(p: list[Piece], f: _Found, named: bool) -> None:
    """ "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars 50", "10 $ 30 cents";
    a bare "50" only after a currency written as a word (`named`)."""
    k = f.last + 1 if f.last < len(p) and p[f.last].lower == "and" else f.last
    sub = read_number(p, k) if k < len(p) and p[k].lower not in ("a", "an") else None
    if sub is None or sub.vague or not sub.value.is_integer() or not 0 < sub.value < 100:
        return
    minor = match_unit(p, sub.last, "after")
    if minor is not None and minor[0].unit in _MINOR_UNITS:
        f.value += sub.value / 100
        f.last = minor[1]
    elif named and (sub.last >= len(p) or p[sub.last].kind == "sym"):
        f.value += sub.value / 100
        f.last = sub.last


def _subunit(p: list[Piece], f: _Found) -> None:
    """ "5 ft 2 in", "5 feet and 2 inches", "7 lb 6 oz": the smaller unit adds to the larger."""
    minor_unit, per = _SUBUNITS[f.unit or ""]
    k = f.last + 1 if f.last < len(p) and p[f.last].lower == "and" else f.last
    sub = read_number(p, k) if k < len(p) else None
    if sub is None or sub.vague or not 0 < sub.value < per or sub.last >= len(p):
        return
    minor = match_unit(p, sub.last, "after")
    if minor is not None and minor[0].unit == minor_unit:
        f.value += sub.value / per
        f.last = minor[1]
    elif minor_unit == "inch" and p[sub.last].lower == "in" and not _starts_phrase(p, sub.last + 1):
        f.value += sub.value / per  # "5 ft 2 in": "in" is inches only after feet, and before no noun phrase
        f.last = sub.last + 1


def _starts_phrase(p: list[Piece], k: int) -> bool:
    """Could pieces[k] start the object of a preposition ("in the photo", "in 2020", "in Paris")?"""
    if k >= len(p):
        return False
    return p[k].kind in ("num", "frac") or p[k].text[:1].isupper() or p[k].lower in _DETERMINERS


def _qualify(ctx: _Context, f: _Found) -> None:
    """A qualifier before the number ("more than", "about") or after it ("or more", "100-odd")."""
    p = ctx.pieces
    before = match_cue_before(p, f.first, "before")
    if before is not None and not _over_a_period(ctx, f, before[1]):
        f.qualifier, f.first = before
    after = match_cue(p, f.last, "after")
    if after is not None and p[after[1] - 1].lower == "than" and after[1] < len(p) \
            and read_number(p, after[1]) is not None:
        after = None  # "equal to 5000 or less than 6000": "less than" is the next number's
    if after is not None and (p[f.last].text != "+" or p[f.last].glued):
        if f.qualifier in ("=", "~"):
            f.qualifier = after[0]
        f.last = after[1]
    if f.num.vague and f.qualifier == "=":
        f.qualifier = ">"


def _over_a_period(ctx: _Context, f: _Found, start: int) -> bool:
    """ "over ten years" that is the time something takes, not more than ten years: the parse hangs "over" on
    the verb ("invest US$1.4 trillion ... over ten years", "strikes 150 sites ... over two days"), where "more
    than" hangs it on the number ("suspended for over 18 months", "sentences him to over four years")."""
    over = ctx.token(start)
    return (f.unit_kind == "time" and start == f.first - 1 and ctx.pieces[start].lower == "over"
            and over is not None and over.dep_ == "prep")


def _range_end(ctx: _Context, a: _Found) -> _Found | None:
    """The other end of "10,000-12,000", "between 10 and 12 million", "from $5 to $6": it shares the
    unit, the scale, the qualifier and the span with the first end."""
    p = ctx.pieces
    e = a.last
    if e >= len(p) or a.num.vague:
        return None
    opener = match_cue_before(p, a.first, "range_open")
    between = opener is not None and p[opener[1]].lower == "between"
    link = p[e].lower
    if not ((link,) in cues().get("range_link", {}) or (link == "and" and between)):
        return None
    if link == "-" and e + 2 < len(p) and p[e + 1].text == "-":
        e += 1  # "30 -- 40 days": a dash typed as two hyphens
    b = _read(ctx, e + 1)
    if b is None or b.num.vague or _noise(ctx, b):
        return None
    if link in "-–—" and not a.value < b.value:
        return None  # "3-1" is a score, not a range
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        if not (a.currency and b.currency and (a.unit.endswith(" " + b.unit) or b.unit.endswith(" " + a.unit))):
            return None
        a.unit = b.unit = max(a.unit, b.unit, key=len)  # "US$ 16 million to $28 million": US dollars both
    if link in ("to", "through") and a.unit is not None and b.unit is None and opener is None and not a.currency:
        return None  # "rose 5% to 300": a change and a level
    if link == "to" and opener is None and a.first > 0 and p[a.first - 1].lower == "by":
        return None  # "cut by $200 to $399": the change, then the level
    if link == "to" and opener is None and a.unit is not None and b.unit is not None and _after_change_verb(ctx, a):
        return None  # "Oil prices dropped $2.50 to $78.40 a barrel": both ends written with their unit
    _qualify(ctx, b)
    if a.num.scale == 1 and b.num.scale > 1 and 0 < abs(a.value) <= abs(b.value / b.num.scale):
        a.value *= b.num.scale  # "5-6 million", "between 10 and 12 billion"
    if a.unit is None:
        a.unit, a.unit_kind = b.unit, b.unit_kind
    elif b.unit is None:
        b.unit, b.unit_kind = a.unit, a.unit_kind
    first = opener[1] if opener is not None and opener[1] < a.first else a.first
    qualifier = a.qualifier if a.qualifier != "=" else b.qualifier if b.qualifier not in ("=", ">", "<") else "="
    for f in (a, b):
        f.first, f.last, f.qualifier = first, b.last, qualifier
    return b


def _after_change_verb(ctx: _Context, a: _Found) -> bool:
    """The quantity follows a verb of change or "up"/"down": "dropped $2.50", "rose 3%", "was down $2.86"."""
    if a.first > 0 and ctx.pieces[a.first - 1].lower in ("up", "down"):
        return True  # "Benchmark crude was down $2.86 to $77.11"
    verb = ctx.token(a.first - 1) if a.first > 0 else None
    if verb is None or verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    return _verb_change(lemma, money=True) is not None or (lemma,) in cues().get("market_verb", {})


def _unit_from_next(ctx: _Context, a: _Found) -> None:
    """ "fell by 1.5 and 3 percent": the unit written once serves both numbers."""
    p = ctx.pieces
    e = a.last
    if a.unit is not None or e + 1 >= len(p) or p[e].lower not in ("and", "or"):
        return
    b = _read(ctx, e + 1)
    if b is not None and b.unit_kind in _TABLE_KINDS and not b.currency and not _noise(ctx, b):
        a.unit, a.unit_kind = b.unit, b.unit_kind


def _noise(ctx: _Context, f: _Found) -> bool:
    """Ordinals, decades, clock times, dates, codes and numbered names: not quantities."""
    p = ctx.pieces
    s, e = f.num.first, f.num.last
    nxt = p[e] if e < len(p) else None
    prev = p[s - 1] if s > 0 else None
    if nxt is not None and nxt.glued and nxt.kind == "word" and e == f.last and f.unit is None:
        return True  # "1st", "1990s", "777F", "5G", "3D"
    if nxt is not None and nxt.text in "'’" and e + 1 < len(p) and p[e + 1].lower == "s" and f.num.literal:
        return True  # "1990's"
    if nxt is not None and f.num.literal and nxt.lower == _ordinal_suffix(f.num.value) and e == f.last:
        return True  # "the 15,599 th plane", an ordinal in text split into words
    if nxt is not None and nxt.text in "-‐" and e + 1 < len(p) and _ORDINAL_KINDS & set(word_kinds(p[e + 1])):
        return True  # "twenty-first"
    if nxt is not None and nxt.text in "-‐" and f.unit is None and e - s == 1 and p[s].lower in ("one", "zero"):
        return True  # "one-time", "zero-coupon"
    if nxt is not None and nxt.text == ")" and f.num.literal and f.unit is None:
        return True  # "1)", "(2)": a list item
    if prev is not None and p[s].glued and not f.currency:
        if prev.kind == "word" and f.num.literal:
            return True  # "G7", "MH17", "A320"
        if prev.text in "-‐" and prev.glued and s >= 2 and p[s - 2].kind == "word" \
                and (not word_kinds(p[s - 2]) or _capital_letter(p[s - 2])):
            return True  # "F-16", "COVID-19", "Su-34", "number-one", "B-52" (not a billion)
    scale = p[e - 1]
    if not f.currency and f.unit is None and scale.glued and _capital_letter(scale) and prev is not None \
            and prev.kind == "word" and prev.text[:1].isupper():
        return True  # "Cessna 208B", "Long March 10B", "Airbus A400M": a model, not billions or millions
        if prev.text in "'’" and f.num.literal and len(f.num.literal) == 2:
            return True  # "'11": a year
    if f.unit is None and match_cue(p, e, "clock") is not None:
        return True
    if _beside_month(p, s, e, f.num):
        return True
    if f.qualifier != "=" or match_cue_before(p, s, "id_before") is None:
        return False
    # "Resolution 2231", "No. 1"; a number word only after a whole word: "phase two", "the number one
    # airline" (not "no two cases")
    return bool(f.num.literal) or (f.num.spelled and e - s == 1 and len(p[s - 1].text) > 2)


def _capital_letter(piece: Piece) -> bool:
    return piece.kind == "word" and len(piece.text) == 1 and piece.text.isupper()


def _ordinal_suffix(value: float) -> str:
    n = int(value)
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _beside_month(p: list[Piece], s: int, e: int, num: Number) -> bool:
    """ "May 8", "nov. 6", "8 May", "September 2022": a day or a year, not a quantity."""
    if not num.value.is_integer() or not (1 <= num.value <= 31 or num.literal and len(num.literal) == 4):
        return False
    k = s - 1
    if k >= 0 and p[k].text == ".":
        k -= 1
    on = s > 0 and p[s - 1].lower in _DATE_PREPOSITIONS  # "on 1 may"
    if k >= 2 and p[k].lower in _DAY_RANGE and p[k - 1].kind == "num" and _month(p, k - 2) and num.value <= 31:
        return True  # "between May 28 and 31": the second day
    return _month(p, k) or _month(p, e, on) or (e + 1 < len(p) and p[e].lower == "of" and _month(p, e + 1))


def _month(p: list[Piece], k: int, lenient: bool = False) -> bool:
    """A month name at pieces[k]; "may" and "march" only capitalised or after "on", "in", "since" ..."""
    if not 0 <= k < len(p):
        return False
    cap = cues().get("month", {}).get((p[k].lower,))
    if cap is None:
        return False
    return cap != "cap" or p[k].text[0].isupper() or lenient or (k > 0 and p[k - 1].lower in _DATE_PREPOSITIONS)


def _keep(ctx: _Context, f: _Found) -> bool:
    """Rules that need the unit and the parse: years, "one" as a pronoun, names like "Boeing 777"."""
    p = ctx.pieces
    num = f.num
    if num.bare_fraction and f.qualifier == "=":
        return False  # "half" alone; "more than half" is kept
    if num.vague and any(t.pos_ == "VERB" or (t.dep_ == "ROOT" and f.unit is None)
                         for t in ctx.tokens(num.first, num.last)):
        return False  # "he scores", "it tens"; "Max Dowman scores for Arsenal" (parsed as a noun, but the root)
    if f.year_ok and _year_like(num) and f.unit_kind not in _TABLE_KINDS:
        tok = ctx.token(num.first)
        date = tok is not None and tok.ent_type_ == "DATE"
        det = p[f.first - 1].lower if f.first == num.first > 0 else ""
        named = det in _DETERMINERS or det in ("'s", "’s")
        if date or (f.unit_kind != "noun" and f.qualifier == "=") or (named and f.qualifier == "="):
            return False  # "in 2022", "1988 sales", "until at least 2007", "the 2022 killings of four students"
    if num.last - num.first == 1 and p[num.first].lower == "one":
        nxt = p[num.last].lower if num.last < len(p) else ""
        before = p[num.first - 1].lower if num.first > 0 else ""
        if f.unit is None or nxt in ("of", "another") \
                or ((before,) in cues().get("pronoun_det", {}) and f.unit_kind not in ("currency", "measure")):
            return False  # "the one you mentioned", "one of them"; not "that one mile"
    if f.first == num.first and num.first > 0 and _in_name(ctx, f):
        return False  # "Boeing 777", "Apollo 11", "Highway 35", "Mirage 2000 jets", "CBP One app"
    if f.first == num.first and f.last == num.last and _name_starts(ctx, f):
        return False  # "the Four Seasons Hotel", "near Seven Sisters station"
    if num.literal and _begins_place_name(ctx, num.last):
        return False  # "10 Downing Street", "The proposed 2 World Trade Center"
    return True


def _begins_place_name(ctx: _Context, k: int) -> bool:
    """Capitalised words after pieces[k-1] up to an address or building word: "Downing Street"."""
    p, places = ctx.pieces, cues().get("place_name", {})
    for j in range(k, min(k + 4, len(p))):
        if p[j].kind != "word" or not p[j].text[:1].isupper():
            return False
        if (p[j].lower,) in places:
            return True
    return False


def _name_starts(ctx: _Context, f: _Found) -> bool:
    """A capitalised number word inside a sentence that begins a name: the parse makes it a compound
    of the proper noun after it ("Four Seasons"), where a count is its nummod ("Five People Killed").
    Outside a title-case line, a number written in capitalised words mid-sentence is a name whatever the
    parse: "Formula One drivers", "our One Ford plan", "the Five Hundred" (a car)."""
    tok = ctx.token(f.num.first)
    if tok is None or not f.num.spelled or not tok.text[:1].isupper() or tok.is_sent_start:
        return False
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    if tok.dep_ == "compound" and nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() \
            and tok.head.pos_ == "PROPN":
        return True
    words = [x.text for x in ctx.tokens(f.num.first, f.num.last) if x.is_alpha]
    prev = tok.doc[tok.i - 1]
    return all(w[:1].isupper() for w in words) and prev.is_alpha and not _title_case(tok.sent)


def _title_case(sent: Span) -> bool:
    """A headline written in title case: most of its words capitalised."""
    words = [t.text for t in sent if t.is_alpha and len(t.text) > 3]
    return len(words) > 2 and sum(w[:1].isupper() for w in words) > 0.6 * len(words)


def _named_elsewhere(ctx: _Context, f: _Found) -> bool:
    """A plain number the article uses as a name elsewhere: "the 787" after "Boeing 787"."""
    return (f.num.literal in ctx.names and f.qualifier == "=" and not f.currency
            and f.unit_kind in (None, "noun"))


def _in_name(ctx: _Context, f: _Found) -> bool:
    """A number right after a proper noun that names something with it."""
    num = f.num
    tok, prev = ctx.token(num.first), ctx.token(num.first - 1)
    if tok is None or prev is None or prev.i != tok.i - 1:
        return False
    if prev.text[:1].islower() and not prev.text.islower():
        return True  # "iPhone 4 owners": a camel-cased name
    if prev.tag_ == "POS" and prev.i > 0 and ctx.doc[prev.i - 1].pos_ == "PROPN" and tok.i + 1 < len(ctx.doc) \
            and ctx.doc[tok.i + 1].tag_ == "NN" and num.value > 1 and f.unit_kind in (None, "noun"):
        return True  # "the Standard & Poor's 500 index": a plural count of a singular noun after a name is its label
    if prev.pos_ != "PROPN" or not prev.text[:1].isupper() or _month(ctx.pieces, num.first - 1):
        return False
    if num.literal and f.unit is None and num.value.is_integer():
        return True
    return (tok.head.i <= prev.i or tok.ent_type_ not in _NUMERIC_ENTITIES
            or (num.spelled and ctx.pieces[num.first].text[:1].isupper()))


def _year_like(num: Number) -> bool:
    return bool(num.literal and len(num.literal) == 4 and 1000 <= num.value <= 2100)


def _counted(ctx: _Context, f: _Found) -> Token | None:
    """The noun a number counts: "11,000 North Korean soldiers", "thousands of troops"."""
    if f.unit is not None:
        return None
    toks = ctx.tokens(f.num.first, f.num.last)
    if not toks:
        return None
    after_name = _after_name(toks[-1])
    if after_name is not None:
        return after_name
    inside = {t.i for t in toks}
    for t in reversed(toks):
        h = t.head
        if h.pos_ == "PROPN" and h.dep_ == "compound" and h.head.tag_ == "NNS" and h.i < h.head.i <= h.i + 3:
            h = h.head  # "Nine CJNG members", "Thirteen Taliban fighters": the name qualifies the noun
        if h.i not in inside and t.i < h.i <= t.i + 8 and _nounish(h) \
                and all(x.pos_ in _IN_NOUN_PHRASE or _modifier_verb(x, t) or _joins_numbers(x, t)
                        or (x.pos_ == "CCONJ" and t.i < x.head.i < h.i  # "40 hypersonic, ballistic, and cruise"
                            and not any(y.pos_ == "NUM" for y in ctx.doc[x.i:h.i]))
                        for x in ctx.doc[toks[-1].i + 1:h.i]):
            return _plural_conj(h) if f.num.value != 1 else h
    last = toks[-1]
    for c in last.children:  # "thousands of troops"; "95 of 143 drones"
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj" and _nounish(g) and (f.num.vague or last.pos_ == "NOUN" or g.tag_ == "NNS"
                                                         or any(x.dep_ == "nummod" for x in g.children)):
                    return g  # "thousands of troops", "95 of 143 drones", "about 1,100 of its dealerships"
    if last.i + 1 < len(ctx.doc) and ctx.token(f.last) is not None:
        nxt = ctx.doc[last.i + 1]
        if _nounish(nxt) and nxt.tag_ in ("NNS", "NN") and nxt.idx >= ctx.pieces[f.last - 1].end:
            return nxt
    return None


def _after_name(last: Token) -> Token | None:
    """The plural noun after a name that qualifies it, read from the words (the parse often makes the name
    the head): "Eighty-four National Liberation Army (ELN) combatants", "four University of Idaho students",
    "Between 10,000 and 15,000 Congolese civilians", "two more MQ-9 Reaper unmanned reconnaissance drones",
    "over 200,000 Bronco and Bronco Sport vehicles". A name is capitalised words and codes, with "of" and
    "and" between capitalised words and an acronym in brackets; lower-case modifiers may follow it."""
    doc, end = last.doc, min(last.sent.end, last.i + 14)
    j = last.i + 1
    while j < end and doc[j].pos_ == "ADJ" and doc[j].text.islower():
        j += 1  # "two more MQ-9 ...", "three other Hamas commanders"
    named = False
    while j < end:
        t = doc[j]
        if t.text[:1].isupper() and not t.like_num:
            named = True
        elif not (t.text in "()" or (named and t.lower_ in ("of", "and", "&", "-", "–") and j + 1 < end
                                       and doc[j + 1].text[:1].isupper())):
            break  # "of", "and", a dash inside a name: "University of Idaho", "IS–Somalia militants"
        j += 1
    if not named:
        return None
    while j < end and doc[j].text.islower() and (doc[j].pos_ in ("ADJ", "NOUN") or doc[j].tag_ == "VBN"):
        if doc[j].tag_ == "NNS" and _nounish(doc[j]):
            noun = doc[j]  # the plural a run of compounds ends in: "human rights groups", "women football players"
            while noun.dep_ == "compound" and noun.i < noun.head.i < end and noun.head.tag_ == "NNS" \
                    and all(x.pos_ == "NOUN" and x.text.islower() for x in doc[noun.i + 1:noun.head.i + 1]):
                noun = noun.head
            return noun
        j += 1
    return None


def _plural_conj(noun: Token) -> Token:
    """A singular noun a count above one hangs on, joined to a plural noun shortly after: the parse made
    a modifier the head ("more than 300 suspected kidnapping and cattle-rustling gang members": members)."""
    if noun.tag_ != "NN" or noun.lemma_.lower() != noun.lower_:  # "servicemen", tagged NN, is a plural
        return noun
    for c in noun.children:
        if c.dep_ == "conj" and c.tag_ == "NNS" and c.i <= noun.i + 6 and _nounish(c) \
                and any(x.dep_ in ("compound", "amod") for x in c.children) \
                and not any(x.dep_ == "nummod" for x in c.children):
            return c  # a head with modifiers of its own: "cattle-rustling gang members"
    return noun


def _joins_numbers(x: Token, t: Token) -> bool:
    """The "and" of "500 and 1,000 songs", "1,600 and 400 jobs": both count the noun after them."""
    return x.dep_ == "cc" and x.head.i == t.i


def _sentence(ctx: _Context, f: _Found) -> int:
    """Where the sentence of a number starts (a token index; -1 between tokens)."""
    tok = ctx.token(f.num.first)
    return tok.sent.start if tok is not None else -1


def _modifier_verb(x: Token, number: Token) -> bool:
    """A participle inside a noun phrase: "62,700 heat-related deaths", "5,000 displaced people"; also
    right after the number when the parser hangs it on the number ("Thirteen suspected Los Lobos gang
    members")."""
    if x.pos_ != "VERB" or x.tag_ not in ("VBN", "VBG"):
        return False
    return (x.dep_ in ("amod", "compound") and x.head.i > x.i) or (x.head.i == number.i == x.i - 1)


def _listed_with(noun: Token) -> bool:
    """A noun joined to a count of something else in one phrase: the "two others" of "three soldiers and two
    others were killed" are not soldiers, while the "two others" of "three soldiers are killed and two others
    wounded" are."""
    return noun.dep_ == "conj" and noun.head.i < noun.i and any(c.dep_ == "nummod" for c in noun.head.children)


def _in_part(noun: Token) -> bool:
    """A noun counted after "including" or "among": a part of a count, not a count of its own ("At least 41
    people are killed, including three soldiers, and 40 more injured": 40 people)."""
    while noun.dep_ == "conj" and noun.head.i < noun.i:
        noun = noun.head
    return noun.dep_ == "pobj" and noun.head.lower_ in ("including", "among")


def _bare_count(ctx: _Context, f: _Found) -> tuple[int, str, str | None] | None:
    """Sentence and role of a number that stands for a noun left out: the subject or object of a verb
    or adjective ("killing 12 and injuring four", "thirteen are rescued", "... are killed and eight
    injured"); "any" role for a part after "including" ("five people, including three in Luanda"), "N more"
    and a count joined to a count ("seven people in Kharkiv and three in Zaporizhzhia"). Third, the noun
    of the whole a part after "including" belongs to, where the parse says which."""
    tok = ctx.token(f.num.last - 1)
    if tok is None:
        return None
    while tok.dep_ == "conj" and tok.head.pos_ == "NUM":  # "including 13 in Tel Aviv and 5 in Haifa"
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ in ("including", "among"):
        whole = tok.head.head  # "50,000 protestors across over 150 locations, including around 30,000 ..."
        while whole.dep_ == "compound" and whole.head.i > whole.i:
            whole = whole.head  # "383 aid workers ..., including 181 who were killed"
        counts = _nounish(whole) and whole.i < tok.i and any(c.dep_ == "nummod" for c in whole.children)
        return tok.sent.start, "any", whole.text.lower() if counts else None
    after = ctx.pieces[f.num.last:f.num.last + 2]
    if after and after[0].lower == "more" and (len(after) < 2 or after[1].lower != "than"):
        return tok.sent.start, "any", None  # "and 279 more missing", "wounding 39 more"; not "200 more than 2023"
    if tok.dep_ == "conj" and tok.head.i < tok.i and any(c.dep_ == "nummod" for c in tok.head.children):
        return tok.sent.start, "any", None  # "seven people in Kharkiv and three in Zaporizhzhia"
    before = ctx.pieces[f.first - 1].lower if f.first > 0 else ""
    if before in (",", "and") and len(after) == 2 and after[0].lower in ("in", "at", "from") \
            and after[1].lower != "another":  # not "26 people from one vessel and 38 from another"
        return tok.sent.start, "any", None  # "4,300 jobs in France, 3,700 in Germany, 1,600 in UK and 400 in Spain"
    if tok.dep_ == "nummod" and tok.head.lower_ == "more":  # "14 more injured"
        tok = tok.head
    if tok.dep_ == "conj" and tok.head.pos_ == "VERB":  # "are killed and eight injured": a clause of its own
        return tok.sent.start, "subj", None
    role = _role(tok)
    if role is None or tok.head.pos_ not in ("VERB", "ADJ", "AUX"):  # AUX: "and six are missing", as parsed
        return None
    return tok.sent.start, role, None


def _tally(ctx: _Context, f: _Found) -> str | None:
    """What a level counts when a tally (quantity_cues.tsv's tally and tally_of rows) rises or falls to it, is
    brought to it or reaches it: "The death toll from the wildfires increases to 24" (deaths), "the number of
    measles cases in Texas increases to 146" (cases), "bringing the total number of foreign peacekeepers killed
    in recent clashes to 17" (peacekeepers). Read from the words of the sentence, which the parser often gets
    wrong here ("increases" as a noun, "to 17" hung on "killed")."""
    tok = ctx.token(f.num.first)
    if tok is None or tok.i == tok.sent.start:
        return None
    table = cues()
    reach, level = table.get("reach_verb", {}), table.get("level_verb", {})
    before = ctx.doc[tok.i - 1]
    if before.lower_ != "to" and (before.lemma_.lower(),) not in reach:
        return None
    words = ctx.doc[tok.sent.start:before.i]
    if not any((t.lemma_.lower(),) in level or (t.lemma_.lower(),) in reach for t in words):
        return None
    for holder in reversed(words):  # the nearest tally before the number
        if holder.pos_ not in ("NOUN", "PROPN") or any(t.like_num and t.ent_type_ not in ("DATE", "TIME")
                                                        for t in ctx.doc[holder.i + 1:tok.i]):
            continue  # another count between them (a date's number does not count: "two weeks earlier")
        lemma = holder.lemma_.lower()
        keys: list[tuple[str, ...]] = [(lemma,)]
        if holder.i > tok.sent.start:
            keys.insert(0, (ctx.doc[holder.i - 1].lemma_.lower(), lemma))  # "death toll" before "toll"
        for key in keys:
            if (unit := table.get("tally", {}).get(key)) is not None:
                return unit
            if key in table.get("tally_of", {}):
                of = [g for c in holder.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj" and _nounish(g) and g.tag_ == "NNS"]
                return of[0].text.lower() if of else None
    return None


def _takes(bare: tuple[int, str, str | None], counted: tuple[int, str, str | None]) -> bool:
    """Whether a bare number takes the noun counted before it: in the same sentence, in the same role
    ("killing six passengers and injuring more than 20": passengers; "Three vehicles collided, killing
    15": no vehicles), or in any role ("any": "at least 94 people dead ... and 279 more missing")."""
    return bare[0] == counted[0] and bare[1] in (counted[2], "any")


def _role(tok: Token) -> str | None:
    """subj or obj of its verb, a conjunct taking the first conjunct's role; else None."""
    if tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return "subj" if tok.dep_ in ("nsubj", "nsubjpass") else "obj" if tok.dep_ == "dobj" else None


def _nounish(t: Token) -> bool:
    return ((t.pos_ == "NOUN" or (t.pos_ == "PROPN" and (t.text.islower() or t.tag_ == "NNPS")))
            and t.is_alpha and len(t.text) > 1
            and not t.like_num
            and (t.lower_,) not in cues().get("month", {}))


def _change(ctx: _Context, f: _Found) -> str | None:
    """up / down when the number is the amount of a change: "rose 5%", "fell by 300", "up 2%",
    "a 5% increase", "an increase of 5%". A level reached ("rose to 300") is not a change."""
    p = ctx.pieces
    table = cues()
    s, e = f.first, f.last
    if s > 0 and p[s - 1].lower in ("to", "from") and (s < 2 or p[s - 2].lower not in ("up", "down")):
        return None  # "cut by $200 to $399", "fell from 300": a level, whatever the parse says
    money = f.unit_kind in ("currency", "percent") or f.unit in ("point", "points")
    adverb = ctx.token(s - 1) if s > 0 else None
    if adverb is not None and p[s - 1].lower in ("up", "down"):
        verb = ctx.doc[adverb.i - 1] if adverb.i > 0 else None
        if (verb is not None and (verb.lemma_.lower(),) in table.get("market_verb", {})) \
                or (adverb.dep_ != "prt" and (verb is None or verb.pos_ != "VERB")):
            return table["change_adv"][(p[s - 1].lower,)]  # "is up 82%", "closed down 74 points"; not "shot down 95"
    if e < len(p) and p[e].lower in ("higher", "lower"):
        return table["change_adv"][(p[e].lower,)]
    after = ctx.token(e)
    while after is not None and f.end_char is not None and after.idx < f.end_char:
        after = ctx.doc[after.i + 1] if after.i + 1 < len(ctx.doc) else None  # past the noun: "a 6 point gain"
    if after is not None and after.pos_ == "NOUN" and (after.lemma_.lower(),) in table["change_noun"] \
            and after.idx >= p[e - 1].end:
        return table["change_noun"][(after.lemma_.lower(),)]
    if s >= 2 and p[s - 1].lower == "of":
        noun = ctx.token(s - 2)
        if noun is not None and noun.pos_ == "NOUN" and (noun.lemma_.lower(),) in table["change_noun"]:
            return table["change_noun"][(noun.lemma_.lower(),)]
        if noun is not None and noun.pos_ == "NOUN" and (f.unit_kind == "percent" or f.unit in ("point", "points")) \
                and (noun.lemma_.lower(),) in table.get("change_noun_pct", {}):
            return table["change_noun_pct"][(noun.lemma_.lower(),)]  # "a loss of 3.30%", not "a loss of $2 billion"
    tok = ctx.token(s)
    if tok is None:
        return None
    span = ctx.tokens(f.num.first, e)
    inside = {t.i for t in span}
    for t in span:  # "reducing its workforce by 15%"
        h = t.head
        if h.i not in inside and h.lower_ == "by" and h.head.pos_ == "VERB":
            found = _verb_change(h.head.lemma_.lower(), money)
            if found:
                return found
            for c in h.head.children:
                if c.dep_ == "prt" and c.lower_ in ("up", "down"):
                    return table["change_adv"][(c.lower_,)]  # "has gone up in value by 8,26%"
    for idx in range(tok.i - 1, max(-1, tok.i - 4), -1):
        t = ctx.doc[idx]
        if t.lower_ == "by" and idx > 0 and ctx.doc[idx - 1].lower_ in ("up", "down"):
            return table["change_adv"][(ctx.doc[idx - 1].lower_,)]  # "went up by 0.16%"
        if t.lower_ == "by" or t.pos_ == "ADV":
            continue
        if t.pos_ != "VERB":
            return None
        return _verb_change(t.lemma_.lower(), money, sum_after=f.unit_kind == "currency")
    return None


def _verb_change(lemma: str, money: bool, sum_after: bool = False) -> str | None:
    """up / down for a verb of change (quantity_cues.tsv's change rows; change_money ones only for `money`,
    change_not_money ones not for a sum of money right after the verb: "raised $5 billion" is collected)."""
    table, key = cues(), (lemma,)
    if not sum_after and key in table["change_not_money"]:
        return table["change_not_money"][key]
    return table["change"].get(key) or (table["change_money"].get(key) if money else None)
