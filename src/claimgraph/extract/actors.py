"""Actor codes: a source phrase, or every actor named in a text, to CAMEO-style codes.

A code is an ISO 3166-1 alpha-3 country or a CAMEO region (WST, EUR ...) plus an optional sector
(GOV, MIL, MED ...): "South Korea’s military" -> KORMIL; or an organisation's fixed CAMEO code
(NATO -> IGOWSTNAT). Several actors in a coordination are joined with "+" in order of mention:
"Ukrainian and Western officials" -> UKRGOV+WST. The knowledge lives in data/countries.tsv,
data/actor_aliases.tsv and data/sectors.tsv; this module is plain Python on strings (no spaCy), so
each rule is testable without a model. A user's file in the actor_aliases.tsv format extends and
overrides the bundled rows (`ActorRegistry.load(path)`, the `actors` setting). People's rows carry a
role and the dates of the office; given a date, the row in office then decides the code.
"""

from __future__ import annotations

import csv
import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any, Generic, TypeVar

from claimgraph.errors import ConfigError
from claimgraph.models import ActorRef

__all__ = ["EXTRACTOR", "VERSION", "ActorRegistry", "Alias", "Entry", "Resolution", "Sector", "find_mentions",
           "read_aliases"]

EXTRACTOR = "claimgraph.actors"
VERSION = "15"

_NEXT_WORD = re.compile(r"[ \t]+([\w][\w'’.-]*)")
_COMMA_NAME = re.compile(r",[ \t]+((?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*)")
# Capitalised words after a capital that keep it the city, not the first word of another name: an office
# ("Kyiv Mayor Vitali Klitschko") or the area named after it ("Kyiv Oblast", read as a region elsewhere).
_CITY_WORDS = frozenset({"mayor", "governor", "prefect", "city", "region", "oblast", "province"})
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
# Words that leave a country word bare ("Senior Hungarian and Romanian officials": Hungarian officials too).
# "NATO member Turkey", "EU member state Hungary", "Russian ally Belarus": the name after it is the actor.
_MEMBER_OF = re.compile(r"(?i)[\s-]*(?:fellow\s+)?(?:member(?:\s+(?:state|country|nation))?|ally|partner)\s+")
# "the Al-Qaeda-linked JNIM", "Rwanda-backed M23": the group named last is the actor, whoever backs it.
_BACKED_BY = re.compile(r"(?i)-(?:linked|backed|affiliated|aligned|allied|supported|sponsored)\s+")
_FILLER = re.compile(r"(?i)\b(?:the|a|an|its|their|both|senior|top|former|high|ranking|leading)\b|[\W_]")
_POSSESSIVE = re.compile(r"(?:['’]s)?\s+")
_SPACE = re.compile(r"\s+")
_T = TypeVar("_T", "Alias", "Sector")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_CODE = re.compile(r"(?:[A-Z]{3}){1,3}")
# CAMEO transnational actors: intergovernmental and non-governmental organisations, international
# militarised groups, multinational corporations; their codes go on with an organisation code.
_TRANSNATIONAL = {"IGO", "NGO", "IMG", "MNC"}
_COLUMNS = ("alias", "code", "kind", "name", "role", "since", "until", "note")
_FORMAT_HINT = ("a tab-separated header 'alias code kind' (optional: name role since until note), then one "
                "row per alias; see src/claimgraph/data/actor_aliases.tsv")


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    code: str  # "" for kind "ignore"
    kind: str  # organisation | person | country | region | demonym | capital | ignore
    name: str = ""  # canonical name of a person or organisation
    role: str = ""  # a person's office: "Chief of the Russian General Staff"
    since: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD; "" = open
    until: str = ""

    def covers(self, when: str) -> bool:
        """Whether the row holds on ISO date `when` (both ends inclusive, at their own precision)."""
        return (not self.since or when[: len(self.since)] >= self.since) and (
            not self.until or when[: len(self.until)] <= self.until)


@dataclass(frozen=True, slots=True)
class Entry:
    """One actor as `claimgraph actors` lists it: its code and every alias that leads to it."""

    code: str
    kind: str  # country | metonym | region | organisation | person
    name: str
    role: str = ""
    since: str = ""
    until: str = ""
    aliases: tuple[str, ...] = ()


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
    """One regex for every term, longest first. Python's `re` tries each alternative in turn at each
    word start, so the alternatives are grouped by their first character behind a one-character
    guard: a position skips every group but its own. The matches are the same: alternatives that can
    match at one position share a group and keep their order in it."""
    groups: dict[str, list[str]] = {}
    for term in sorted(set(terms), key=len, reverse=True):
        body = _inflected(term) if inflect else re.escape(term)
        body = re.sub(r"['’]", "['’]", body.replace(r"\ ", r"\s+"))
        if term.islower():
            body = f"(?i:{body})"
        groups.setdefault(_first(term), []).append(body + (r"(?!\w)" if term[-1].isalnum() else ""))
    guarded = [f"(?={_guard(first)})(?:{'|'.join(alternatives)})" for first, alternatives in groups.items()]
    return re.compile(r"(?<!\w)(?<![Pp]ro-)(?<![Aa]nti-)(?=(" + "|".join(guarded) + "))")


def _first(term: str) -> str:
    """The group of a term: its first character, lower-cased where that is one character."""
    first = term[0]
    if first in "'’":
        return "'"
    lower = first.lower()
    return lower if len(lower) == 1 else first


def _guard(first: str) -> str:
    """A class every alternative of the group can start with (a superset: case-insensitive)."""
    return "['’]" if first == "'" else f"(?i:{re.escape(first)})"


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
        self._rows = list(aliases)
        self._sector_rows = list(sectors)
        self._aliases: dict[str, Alias] = {}
        self._dated: dict[str, list[Alias]] = {}  # keys with several dated rows (offices, roles), latest first
        for alias in self._rows:
            if alias.kind not in _KIND_ORDER:
                raise ConfigError(f"unknown actor alias kind {alias.kind!r}", input=alias.text,
                                  hint=f"use one of: {', '.join(_KIND_ORDER)}")
        # The default row of a key: by kind, then a current office (no end) before a past one, latest first.
        latest = sorted(self._rows, key=lambda a: (a.since, a.until or "9999"), reverse=True)
        for alias in sorted(latest, key=lambda a: (_KIND_ORDER.index(a.kind), a.until != "")):
            key = _alias_key(alias.text)
            if key not in self._aliases:
                self._aliases[key] = alias
            elif (alias.kind == self._aliases[key].kind and alias.kind in ("person", "organisation")
                  and alias.since + alias.until):  # an office held, or a group that took power
                self._dated.setdefault(key, [self._aliases[key]]).append(alias)
        for rows in self._dated.values():
            rows.sort(key=lambda a: a.since, reverse=True)
        self._sectors = {_key(s.term.lower() if s.term.islower() else s.term): s for s in self._sector_rows}
        self.countries = frozenset(a.code for a in self._aliases.values() if a.kind == "country")
        self._alias_re = _pattern(a.text for a in self._aliases.values())
        self._sector_re = _pattern((s.term for s in self._sectors.values()), inflect=True)

    @classmethod
    def default(cls) -> ActorRegistry:
        return _default_registry()

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None) -> ActorRegistry:
        """The bundled registry extended by the user's file at `path` (None or "": the bundled one)."""
        if not path:
            return _default_registry()
        where = Path(path)
        try:
            stat = where.stat()
        except OSError:
            raise ConfigError("actors file not found", input=str(path),
                              hint="give --actors (or CLAIMGRAPH_ACTORS) the path of a TSV file") from None
        return _user_registry(str(where), stat.st_mtime_ns, stat.st_size)

    def extended(self, rows: Iterable[Alias]) -> ActorRegistry:
        """A registry where `rows` add aliases and replace every bundled row with the same alias."""
        rows = list(rows)
        replaced = {_alias_key(a.text) for a in rows}
        kept = [a for a in self._rows if _alias_key(a.text) not in replaced]
        return ActorRegistry([*kept, *rows], self._sector_rows)

    @property
    def prefixes(self) -> frozenset[str]:
        """The three-letter codes an actor code may start with: countries, regions, transnational actors."""
        return frozenset(a.code[:3] for a in self._rows if a.kind in ("country", "region")) | _TRANSNATIONAL

    @property
    def sector_codes(self) -> frozenset[str]:
        return frozenset(s.sector for s in self._sector_rows)

    def names_role(self, word: str) -> bool:
        """Whether a word (a lemma) names an institution or a person by role: "government", "police", "minister"."""
        return _key(word.lower()) in self._sectors

    def lookup(self, alias: str, when: str | date | None = None) -> Alias | None:
        """The row of an alias; for a person with several offices (or a group whose role changed: the
        Taliban before and after taking Kabul), the one that held on `when` if any."""
        key = _key(alias)
        if key not in self._aliases:
            key = key.lower()
        found = self._aliases.get(key)
        if when is not None and key in self._dated:
            day = when if isinstance(when, str) else when.isoformat()
            found = next((a for a in self._dated[key] if a.covers(day)), found)
        return found

    def entries(self) -> list[Entry]:
        """Every actor the registry codes, with its aliases (bundled and user rows; not `ignore` ones)."""
        groups: dict[tuple[str, ...], list[str]] = {}
        country_names: dict[str, str] = {}
        rows = [*self._aliases.values(), *(a for rows in self._dated.values() for a in rows[1:])]
        for alias in rows:
            if alias.kind == "country":
                country_names.setdefault(alias.code, alias.name or alias.text)
        for alias in rows:
            if alias.kind == "ignore":
                continue
            if alias.kind in ("country", "demonym"):
                key: tuple[str, ...] = ("country", alias.code, "", "", "", "")
            elif alias.kind == "capital":
                key = ("metonym", alias.code + "GOV", "", "", "", "")
            elif alias.kind == "region":
                key = ("region", alias.code, "", "", "", "")
            else:
                key = (alias.kind, alias.code, alias.name or alias.text, alias.role, alias.since, alias.until)
            groups.setdefault(key, []).append(alias.text)
        out = []
        for (kind, code, name, role, since, until), texts in groups.items():
            if not name:
                name = country_names.get(code[:3], texts[0]) if kind != "region" else texts[0]
            out.append(Entry(code, kind, name, role, since, until, tuple(sorted(set(texts), key=str.casefold))))
        order = {"organisation": 0, "person": 1, "country": 2, "metonym": 3, "region": 4}
        return sorted(out, key=lambda e: (order.get(e.kind, 5), e.code, e.name, e.since))

    def resolve(self, text: str, when: str | date | None = None) -> Resolution | None:
        """The actor code of a source phrase; None when it names no country or organisation."""
        aliases = self._alias_hits(text, when)
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

    def mentions(self, text: str, article_id: str, offset: int = 0, when: str | date | None = None) -> list[ActorRef]:
        """Every actor alias in `text`; a country word directly before a sector word takes it."""
        aliases = self._alias_hits(text, when)
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
            role = (alias.role or None) if alias.kind == "person" else None
            refs.append(ActorRef(article_id, hit.start + offset, end + offset, text[hit.start : end], code,
                                 _public_kind(alias.kind), person, role, extractor=EXTRACTOR, version=VERSION))
        return refs

    # --- matching -------------------------------------------------------------------------------

    def _alias_hits(self, text: str, when: str | date | None = None) -> list[_Hit[Alias]]:
        candidates = []
        for m in self._alias_re.finditer(text):
            alias = self.lookup(m.group(1), when)
            if alias is not None and alias.kind == "capital":
                country = self._country_after(text, m.end(1), when)
                if country is not None and country.code != alias.code:
                    continue  # a namesake: "Santo Domingo, Ecuador" is no capital of the Dominican Republic's
                if country is not None or self._begins_name(text, m.end(1)):
                    # "in Paris, France": the city as a place; "Paris Saint-Germain": a name of the country's
                    alias = replace(alias, kind="country")
            if alias is not None:
                candidates.append(_Hit(m.start(1), m.end(1), alias))
        return _select(candidates)

    def _country_after(self, text: str, end: int, when: str | date | None) -> Alias | None:
        """The country a comma after a city names: "Santo Domingo, Ecuador", "Paris, France"."""
        m = _COMMA_NAME.match(text, end)
        alias = self.lookup(m.group(1), when) if m is not None else None
        return alias if alias is not None and alias.kind == "country" else None

    def _begins_name(self, text: str, end: int) -> bool:
        """A capital city followed by another capitalised word that is no sector or office: the first word
        of a longer name, "Paris Saint-Germain", "The Moscow Times", "the Seoul Central District Court"
        (not "Kyiv Mayor", "Moscow Police"). It names something of the country, not its government."""
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None or not nxt.group(1)[:1].isupper():
            return False
        sector = self._sector_re.match(text, nxt.start(1))
        return sector is None and nxt.group(1).lower() not in _CITY_WORDS

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
        names = _head_of_member(text, names)
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


def _head_of_member(text: str, names: list[_Hit[Alias]]) -> list[_Hit[Alias]]:
    """Drop a name that only says what the next one belongs to or is backed by: "NATO" in "NATO member
    Turkey", "Al-Qaeda" in "the Al-Qaeda-linked JNIM"."""
    out = list(names)
    for a, b in pairwise(names):
        if a.item.kind != "person" and ((b.item.kind in _COUNTRYISH and _MEMBER_OF.fullmatch(text, a.end, b.start))
                                        or _BACKED_BY.fullmatch(text, a.end, b.start)):
            out.remove(a)
    return out


def _public_kind(kind: str) -> str:
    return "metonym" if kind == "capital" else kind


def _alias_key(text: str) -> str:
    return _key(text.lower() if text.islower() else text)


def _table(text: str, origin: str, required: Iterable[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated file with `#` comments, read by its header: (line number, row)."""
    header: list[str] | None = None
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))]
        if header is None:
            header = fields
            if missing := [c for c in required if c not in header]:
                raise ConfigError(f"header has no column {missing[0]!r} (found: {', '.join(header)})",
                                  input=f"{origin}:{number}", hint=_FORMAT_HINT)
            continue
        if len(fields) > len(header):
            raise ConfigError(f"{len(fields)} tab-separated fields, the header has {len(header)}",
                              input=f"{origin}:{number}", hint=_FORMAT_HINT)
        out.append((number, dict(zip(header, fields + [""] * (len(header) - len(fields)), strict=True))))
    if header is None:
        raise ConfigError("no header row", input=origin, hint=_FORMAT_HINT)
    return out


def _data(name: str) -> str:
    return resources.files("claimgraph").joinpath("data", name).read_text(encoding="utf-8")


def read_aliases(text: str, origin: str, registry: ActorRegistry | None = None) -> list[Alias]:
    """Alias rows in the actor_aliases.tsv format; each checked against `registry`'s codes when given."""
    aliases = []
    for number, row in _table(text, origin, _COLUMNS[:3]):
        alias = Alias(row["alias"], row["code"], row["kind"], row.get("name", ""), row.get("role", ""),
                      row.get("since", ""), row.get("until", ""))
        if registry is not None:
            _check(alias, registry, f"{origin}:{number}")
        aliases.append(alias)
    return aliases


def _check(alias: Alias, registry: ActorRegistry, where: str) -> None:
    if not alias.text:
        raise ConfigError("empty alias", input=where, hint=_FORMAT_HINT)
    if alias.kind not in _KIND_ORDER:
        raise ConfigError(f"unknown kind {alias.kind!r}", input=where, hint=f"use one of: {', '.join(_KIND_ORDER)}")
    if alias.kind == "ignore":
        if alias.code:
            raise ConfigError("an 'ignore' row takes no code", input=where, hint="leave the code column empty")
        return
    prefix, sector = alias.code[:3], alias.code[3:6]
    if not _CODE.fullmatch(alias.code) or prefix not in registry.prefixes:
        raise ConfigError(f"bad actor code {alias.code!r}", input=where,
                          hint="a code is an ISO 3166-1 alpha-3 country or CAMEO region (RUS, WST) with an "
                               "optional sector (RUSGOV, PRKMIL), or IGO/NGO + organisation (IGOWSTNAT)")
    if prefix not in _TRANSNATIONAL and sector and sector not in registry.sector_codes:
        raise ConfigError(f"unknown sector {sector!r} in {alias.code!r}", input=where,
                          hint=f"use one of: {', '.join(sorted(registry.sector_codes))}")
    for column, value in (("since", alias.since), ("until", alias.until)):
        if value and not _DATE.fullmatch(value):
            raise ConfigError(f"bad date {value!r} in column {column}", input=where,
                              hint="use YYYY, YYYY-MM or YYYY-MM-DD, or leave it empty")


@functools.cache
def _default_registry() -> ActorRegistry:
    aliases = [Alias(r["alias"], r["code"], r["kind"]) for _, r in _table(_data("countries.tsv"), "countries.tsv",
                                                                          _COLUMNS[:3])]
    sectors = [Sector(r["term"], r["sector"], r["strength"] == "strong")
               for _, r in _table(_data("sectors.tsv"), "sectors.tsv", ("term", "sector", "strength"))]
    countries = ActorRegistry(aliases, sectors)
    return countries.extended(read_aliases(_data("actor_aliases.tsv"), "actor_aliases.tsv", countries))


@functools.cache
def _user_registry(path: str, mtime_ns: int, size: int) -> ActorRegistry:
    """The bundled registry extended by a user's file; cached while the file is unchanged."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ConfigError(f"not UTF-8 text ({e.reason} at byte {e.start})", input=path,
                          hint="save the actors file as UTF-8") from None
    except OSError as e:
        raise ConfigError(f"cannot read the actors file ({e.strerror})", input=path,
                          hint="check the path and its permissions") from None
    default = _default_registry()
    return default.extended(read_aliases(text, path, default))


def find_mentions(
    text: str, article_id: str, offset: int = 0, registry: ActorRegistry | None = None,
    when: str | date | None = None,
) -> list[ActorRef]:
    """Every country, demonym, capital, organisation and person named in `text`, offsets + `offset`."""
    return (registry or ActorRegistry.default()).mentions(text, article_id, offset, when)
