"""Time expressions normalised TIMEX3-style against the publication date and the clause's tense.

Candidates come from the patterns of `timex_rules`, matched on the raw text so offsets are exact;
`timex_parse` drops look-alikes and reads each clause's tense; where candidates overlap the longest
wins; `timex_values` works out type and value ("last summer" on 2025-04-27 is 2024-SU, "on
Saturday" in a past-tense clause 2025-04-26); a month and day that name an event take its date of
record ("the October 7 attacks" is 2023-10-07 in any year's article; `named` rows of time_words.tsv).
Without a publication date relative expressions stay unresolved (None, or an underspecified
XXXX-WXX-6), absolute ones still resolve.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from claimgraph.extract.doc_text import text_of
from claimgraph.extract.timex_parse import plausible, tense
from claimgraph.extract.timex_rules import ORDER, Hit, scan
from claimgraph.extract.timex_values import Anchor, named_date, resolve
from claimgraph.models import Article, TimeRef

__all__ = ["EXTRACTOR", "VERSION", "find_times"]

EXTRACTOR = "claimgraph.times"
VERSION = "15"

DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
CLOCK_RULES = ("clock", "clock_in_the")


def find_times(doc: Doc, article: Article) -> list[TimeRef]:
    """Every time expression in the parsed article, in text order."""
    typed: list[tuple[Hit, str, str | None]] = []
    last: str | None = None  # the last date mentioned, for "the next day" and "that year"
    text = text_of(doc)
    for hit in _choose(_without_that(h, doc) for h in scan(text) if plausible(h, doc)):
        kind, value = resolve(hit, Anchor(article.published, tense(doc, hit), last))
        value = named_date(hit, text[hit.end:hit.end + 40]) or value
        repeats = hit.rule == "year" and (last or "").startswith(value or "-")  # "in 2022" after "May 2022"
        # "a year earlier" next to a quarter is that quarter a year back; it is not the period the article
        # reports on, so a second "a year ago" still counts from the first quarter, not from this one
        compared = hit.rule in ("ago", "year_ago") and "-Q" in (value or "")
        if kind == "DATE" and value and value[:4].isdigit() and not repeats and not compared:
            last = value
        typed.append((hit, kind, value))
    return [TimeRef(article_id=article.id, start=h.start, end=h.end, text=h.text, type=kind, value=value,
                    extractor=EXTRACTOR, version=VERSION) for h, kind, value in _clock_days(doc, typed)]


def _without_that(h: Hit, doc: Doc) -> Hit:
    """A "that" the patterns read as "that month" but which opens a clause: "reports that April was the
    deadliest month" is April of this year."""
    if h.groups.get("rel", "").lower() != "that":
        return h
    tok = doc.char_span(h.start, h.start + 4, alignment_mode="expand")
    if tok is None or tok[0].dep_ != "mark":
        return h
    start = h.start + len(h.text) - len(h.text[4:].lstrip())
    groups = {k: v for k, v in h.groups.items() if k != "rel"}
    return Hit(h.rule, start, h.end, text_of(doc)[start:h.end], groups)


def _choose(hits: Iterable[Hit]) -> list[Hit]:
    """Non-overlapping hits, longest first; between equal spans the rule listed first in ORDER."""
    rank = {name: i for i, name in enumerate(ORDER)}
    taken: list[Hit] = []
    for h in sorted(hits, key=lambda h: (h.start - h.end, rank[h.rule], h.start)):
        if all(h.end <= t.start or h.start >= t.end for t in taken):
            taken.append(h)
    return sorted(taken, key=lambda h: h.start)


def _clock_days(doc: Doc, typed: list[tuple[Hit, str, str | None]]) -> list[tuple[Hit, str, str | None]]:
    """A clock time without a day of its own takes that of a date right next to it in the sentence:
    "at about 10:35 a.m. (0735 GMT) Friday", "Friday at 3 p.m."."""
    out = list(typed)
    for i, (h, kind, value) in enumerate(typed):
        if h.rule not in CLOCK_RULES or "dayword" in h.groups or not value or "T" not in value:
            continue
        for j in (i + 1, i - 1):
            if not 0 <= j < len(typed):
                continue
            other, _, other_value = typed[j]
            gap = text_of(doc)[min(h.end, other.end):max(h.start, other.start)]
            dated = other_value and (DAY_VALUE.fullmatch(other_value) or (
                other.rule in CLOCK_RULES and "dayword" in other.groups and DAY_VALUE.match(other_value)))
            if dated and len(gap) <= 25 and not re.search(r"[.;!?\n]", gap):  # "4 in the morning (4 a.m. Thursday)"
                out[i] = (h, kind, (other_value or "")[:10] + value[value.index("T"):])
                break
    return out
