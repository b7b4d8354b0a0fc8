"""Actor codes: a source phrase, or every actor named in a text, to CAMEO-style codes.

A code is an ISO 3166-1 alpha-3 country or a CAMEO region (WST, EUR ...) plus an optional sector
(GOV, MIL, MED ...): "South Korea’s military" -> KORMIL; or an organisation's fixed CAMEO code
(NATO -> IGOWSTNAT). Several actors in a coordination are joined with "+" in order of mention:
"Ukrainian and Western officials" -> UKRGOV+WST. The knowledge lives in data/countries.tsv,
data/actor_aliases.tsv and data/sectors.tsv; this module is plain Python on strings (no spaCy), so
each rule is testable without a model.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any, Generic, TypeVar

from claimgraph.errors import ConfigError
from claimgraph.models import ActorRef

__all__ = ["EXTRACTOR", "VERSION", "ActorRegistry", "Alias", "Resolution", "Sector", "find_mentions"]

EXTRACTOR = "claimgraph.actors"
VERSION = "1"

# When one alias has rows of several kinds, the first kind here wins ("Singapore" the country, not
# the capital; "Brussels" the EU, not Belgium's government).
_KIND_ORDER = ("organisation", "person", "ignore", "country", "region", "demonym", "capital")
_COUNTRYISH = {"country", "region", "demonym", "capital"}
_SEPARATOR = re.compile(r",\s*(?:and|or)\s+|\s+(?:and|or|&)\s+|\s*[,;]\s*")
# A prepositional phrase after the head names where or to whom, not whose: "Ukraine's envoy to the UN".
_POSTMODIFIER = re.compile(
    r"\s(?:to|in|at|from|for|on|with|near|against|over|after|during|via|inside|into|across)\s"
)
_OF = re.compile(r"\sof\s")
_FILLER = re.compile(r"(?i)\b(?:the|a|an|its|their|both)\b|[\W_]")
_POSSESSIVE = re.compile(r"(?:['’]s)?\s+")
_SPACE = re.compile(r"\s+")
_T = TypeVar("_T", "Alias", "Sector")


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    code: str  # "" for kind "ignore"
    kind: str  # organisation | person | country | region | demonym | capital | ignore
    name: str = ""  # canonical name of a person or organisation


@dataclass(frozen=True, slots=True)
class Sector:
    term: str
    sector: str  # GOV, MIL, ...
    strong: bool  # names an institution ("ministry"), not a person by role ("spokesman")


@dataclass(frozen=True, slots=True)
class Resolution:
    code: str  # "RUSGOV", "UKRGOV+WST", "IGOWSTNAT"
    country: str | None  # alpha-3 or region code; None for IGOs and coordinations
    sector: str | None
    kind: str  # kind of the deciding alias (capital -> "metonym"), or "group" for a coordination
    matched: str  # the alias text that decided the code (" + "-joined for a group)


@dataclass(frozen=True, slots=True)
class _Hit(Generic[_T]):
    start: int
    end: int
    item: _T


@dataclass
class _Part:
    """One conjunct of a phrase: the actors it names and the sector it carries."""

    actors: list[tuple[Alias, str]]  # (alias, matched text)
    sector: Sector | None
    bare: bool  # only a country word ("Ukrainian" in "Ukrainian and Western officials")


def _pattern(terms: Iterable[str], inflect: bool = False) -> re.Pattern[str]:
    alternatives = []
    for term in sorted(set(terms), key=len, reverse=True):
        body = _inflected(term) if inflect else re.escape(term)
        body = re.sub(r"['’]", "['’]", body.replace(r"\ ", r"\s+"))
        if term.islower():
            body = f"(?i:{body})"
        alternatives.append(body + (r"(?!\w)" if term[-1].isalnum() else ""))
    return re.compile(r"(?<!\w)(?<![Pp]ro-)(?<![Aa]nti-)(?=(" + "|".join(alternatives) + "))")


def _inflected(term: str) -> str:
    head, _, last = term.rpartition(" ")
    prefix = re.escape(head + " ") if head else ""
    if re.search(r"[^aeiou]y$", last):
        return prefix + re.escape(last[:-1]) + "(?:y|ies)"
    if last.endswith("man"):
        return prefix + re.escape(last[:-3]) + "m[ae]n"
    if re.search(r"(?:s|x|ch|sh)$", last):
        return prefix + re.escape(last) + "(?:es)?"
    return prefix + re.escape(last) + "s?"


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'"))


def _singulars(word: str) -> list[str]:
    forms = [word]
    for suffix, repl in (("ies", "y"), ("men", "man"), ("es", ""), ("s", "")):
        if word.endswith(suffix):
            forms.append(word[: -len(suffix)] + repl)
    return forms


def _select(candidates: list[_Hit[_T]]) -> list[_Hit[_T]]:
    """Non-overlapping hits, longest first, then leftmost."""
    chosen: list[_Hit[_T]] = []
    for hit in sorted(candidates, key=lambda h: (h.start - h.end, h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _inside(start: int, end: int, hits: Iterable[_Hit[Any]]) -> bool:
    return any(start < h.end and end > h.start for h in hits)


class ActorRegistry:
    """Aliases and sector words, compiled for matching. `ActorRegistry.default()` reads the data files."""

    def __init__(self, aliases: Iterable[Alias], sectors: Iterable[Sector]) -> None:
        self._aliases: dict[str, Alias] = {}
        aliases = list(aliases)
        for alias in aliases:
            if alias.kind not in _KIND_ORDER:
                raise ConfigError(f"unknown actor alias kind {alias.kind!r}", input=alias.text,
                                  hint=f"use one of: {', '.join(_KIND_ORDER)}")
        for alias in sorted(aliases, key=lambda a: _KIND_ORDER.index(a.kind)):
            key = _key(alias.text.lower() if alias.text.islower() else alias.text)
            self._aliases.setdefault(key, alias)
        self._sectors = {_key(s.term.lower() if s.term.islower() else s.term): s for s in sectors}
        self.countries = frozenset(a.code for a in self._aliases.values() if a.kind == "country")
        self._alias_re = _pattern(a.text for a in self._aliases.values())
        self._sector_re = _pattern((s.term for s in self._sectors.values()), inflect=True)

    @classmethod
    def default(cls) -> ActorRegistry:
        return _default_registry()

    def lookup(self, alias: str) -> Alias | None:
        key = _key(alias)
        return self._aliases.get(key) or self._aliases.get(key.lower())

    def resolve(self, text: str) -> Resolution | None:
        """The actor code of a source phrase; None when it names no country or organisation."""
        aliases = self._alias_hits(text)
        sectors = self._sector_hits(text, aliases)
        taken: list[_Hit[Any]] = [*aliases, *sectors]
        cuts = [m for m in _SEPARATOR.finditer(text) if not _inside(m.start(), m.end(), taken)]
        bounds = [0] + [x for m in cuts for x in (m.start(), m.end())] + [len(text)]
        spans = zip(bounds[::2], bounds[1::2], strict=True)
        parts = [self._part(text, a, b, aliases, sectors) for a, b in spans]
        for i, part in enumerate(parts):  # "Ukrainian and Western officials": Ukrainian officials too
            if part.bare and part.sector is None:
                part.sector = next((p.sector for p in parts[i + 1 :] if p.sector and p.actors), None)
        found = [(self._code(a, part.sector), a, matched) for part in parts for a, matched in part.actors]
        codes = [code for code, _, _ in found]
        found = [f for i, f in enumerate(found) if f[0] not in codes[:i] and not self._vaguer(f[0], codes)]
        if not found:
            return None
        if len(found) > 1:
            code, matched = "+".join(f[0] for f in found), " + ".join(f[2] for f in found)
            return Resolution(code, None, None, "group", matched)
        code, alias, matched = found[0]
        country = code[:3] if code[:3] in self.countries or alias.kind == "region" else None
        sector = (code[3:] or None) if country else None
        return Resolution(code, country, sector, _public_kind(alias.kind), matched)

    def mentions(self, text: str, article_id: str, offset: int = 0) -> list[ActorRef]:
        """Every actor alias in `text`; a country word directly before a sector word takes it."""
        aliases = self._alias_hits(text)
        sectors = {h.start: h for h in self._sector_hits(text, aliases)}
        refs = []
        for hit in aliases:
            alias, end, code = hit.item, hit.end, hit.item.code
            if alias.kind == "ignore":
                continue
            if alias.kind == "capital":
                code += "GOV"
            elif alias.kind in ("country", "demonym"):  # "North Korean soldiers", "U.S. officials"
                gap = (_POSSESSIVE if alias.kind == "country" else _SPACE).match(text, hit.end)
                follow = sectors.get(gap.end()) if gap else None
                if follow is not None:
                    end, code = follow.end, code + follow.item.sector
            person = alias.name if alias.kind == "person" else None
            refs.append(ActorRef(article_id, hit.start + offset, end + offset, text[hit.start : end], code,
                                 _public_kind(alias.kind), person, extractor=EXTRACTOR, version=VERSION))
        return refs

    # --- matching -------------------------------------------------------------------------------

    def _alias_hits(self, text: str) -> list[_Hit[Alias]]:
        candidates = []
        for m in self._alias_re.finditer(text):
            alias = self.lookup(m.group(1))
            if alias is not None:
                candidates.append(_Hit(m.start(1), m.end(1), alias))
        return _select(candidates)

    def _sector_hits(self, text: str, aliases: list[_Hit[Alias]]) -> list[_Hit[Sector]]:
        candidates = []
        for m in self._sector_re.finditer(text):
            if _inside(m.start(1), m.end(1), aliases):
                continue
            head, _, last = _key(m.group(1)).rpartition(" ")
            for form in _singulars(last):
                term = f"{head} {form}" if head else form
                sector = self._sectors.get(term) or self._sectors.get(term.lower())
                if sector is not None:
                    candidates.append(_Hit(m.start(1), m.end(1), sector))
                    break
        return _select(candidates)

    def _part(
        self, text: str, start: int, end: int, aliases: list[_Hit[Alias]], sectors: list[_Hit[Sector]]
    ) -> _Part:
        """Read one conjunct, only its head (before "to the UN", "in Russia") when the head names an actor."""
        taken: list[_Hit[Any]] = [*aliases, *sectors]
        names = [h for h in aliases if start <= h.start and h.end <= end and h.item.kind != "ignore"]
        for post in _POSTMODIFIER.finditer(text, start, end):
            if not _inside(post.start(), post.end(), taken):
                if any(h.end <= post.start() for h in names):
                    end = post.start()
                    names = [h for h in names if h.end <= end]
                break
        people = [h for h in names if h.item.kind in ("organisation", "person")]
        chosen = people[:1] or [h for h in names if h.item.kind in _COUNTRYISH]
        ofs = (m.start() for m in _OF.finditer(text, start, end) if not _inside(m.start(), m.end(), taken))
        of = next(ofs, end)
        candidates = [h for h in sectors if start <= h.start and h.end <= end]
        best = max(candidates, key=lambda h: (h.item.strong, h.start < of, h.start), default=None)
        rest = text[start:end]
        if len(chosen) == 1:
            rest = text[start : chosen[0].start] + text[chosen[0].end : end]
        bare = len(chosen) == 1 and not people and not _FILLER.sub("", rest)
        return _Part([(h.item, text[h.start : h.end]) for h in chosen], best.item if best else None, bare)

    def _code(self, alias: Alias, sector: Sector | None) -> str:
        if alias.kind in ("organisation", "person", "region"):
            return alias.code
        if sector is not None:
            return alias.code + sector.sector
        return alias.code + "GOV" if alias.kind == "capital" else alias.code

    def _vaguer(self, code: str, codes: list[str]) -> bool:
        """A bare country next to the same country with a sector adds nothing: "Seoul, South Korea"."""
        return code in self.countries and any(len(c) > 3 and c[:3] == code for c in codes)


def _public_kind(kind: str) -> str:
    return "metonym" if kind == "capital" else kind


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("claimgraph").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@functools.cache
def _default_registry() -> ActorRegistry:
    aliases = [Alias(r["alias"], r["code"], r["kind"]) for r in _rows("countries.tsv")]
    aliases += [Alias(r["alias"], r["code"], r["kind"], r["name"]) for r in _rows("actor_aliases.tsv")]
    sectors = [Sector(r["term"], r["sector"], r["strength"] == "strong") for r in _rows("sectors.tsv")]
    return ActorRegistry(aliases, sectors)


def find_mentions(
    text: str, article_id: str, offset: int = 0, registry: ActorRegistry | None = None
) -> list[ActorRef]:
    """Every country, demonym, capital, organisation and person named in `text`, offsets + `offset`."""
    return (registry or ActorRegistry.default()).mentions(text, article_id, offset)
