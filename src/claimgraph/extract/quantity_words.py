"""The words around numbers, from data/units.tsv and data/quantity_cues.tsv, matched on `numbers.Piece`s.

A phrase is matched piece by piece ("per cent" is two pieces, "km/h" three), lower-cased unless its
table row has a capital letter ("USD", "C$", "M"): then exactly. A one-letter unit ("g", "C") only
counts glued to its number ("5g", "40C"), never as a word of its own; "m" also after a space, as
encyclopaedic style writes metres ("800 m (2,600 ft)").
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from claimgraph.extract.numbers import Piece, lex

__all__ = ["Cue", "Unit", "cues", "match_cue", "match_cue_before", "match_scaled_currency", "match_unit", "units"]

# A multiplier written before a currency code in business prose: "30 MUSD", "MEUR 120", "500 kEUR".
_CODE_SCALES = {"M": 1e6, "k": 1e3}


@dataclass(frozen=True, slots=True)
class Unit:
    surface: tuple[str, ...]  # piece texts
    unit: str  # "dollar", "kilometer", "percent"
    kind: str  # currency | percent | measure | time | age
    where: str  # before | after | both
    iso: str | None
    exact: bool  # match case-sensitively

    @property
    def letter(self) -> bool:
        return len(self.surface) == 1 and len(self.surface[0]) == 1 and self.surface[0].isalpha()


@dataclass(frozen=True, slots=True)
class Cue:
    words: tuple[str, ...]
    kind: str
    value: str


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("claimgraph").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _words(phrase: str, exact: bool) -> tuple[str, ...]:
    return tuple(p.text if exact else p.lower for p in lex(phrase))


@functools.lru_cache(maxsize=1)
def units() -> dict[str, list[Unit]]:
    """Units by their first piece, lower-cased; longest first."""
    table: dict[str, list[Unit]] = defaultdict(list)
    for row in _rows("units.tsv"):
        surface = row["surface"]
        exact = surface != surface.lower() or (len(surface) == 1 and surface.isalpha())
        words = _words(surface, exact)
        table[words[0].lower()].append(Unit(words, row["unit"], row["kind"], row["where"], row["iso"] or None, exact))
    for entries in table.values():
        entries.sort(key=lambda u: -len(u.surface))
    return dict(table)


@functools.lru_cache(maxsize=1)
def cues() -> dict[str, dict[tuple[str, ...], str]]:
    """kind -> {phrase words: value}."""
    table: dict[str, dict[tuple[str, ...], str]] = defaultdict(dict)
    for row in _rows("quantity_cues.tsv"):
        table[row["kind"]][_words(row["phrase"], False)] = row["value"] or ""
    return dict(table)


def _same(piece: Piece, word: str, exact: bool) -> bool:
    return piece.text == word if exact else piece.lower == word


def match_unit(pieces: list[Piece], i: int, where: str) -> tuple[Unit, int] | None:
    """The longest unit written at pieces[i:] that may stand `where` (before | after): (unit, end)."""
    if i >= len(pieces):
        return None
    for u in units().get(pieces[i].lower, ()):
        if u.where not in (where, "both"):
            continue
        end = i + len(u.surface)
        if end > len(pieces) or not all(_same(pieces[i + k], w, u.exact) for k, w in enumerate(u.surface)):
            continue
        if u.letter and ((not pieces[i].glued and u.surface != ("m",))
                         or (end < len(pieces) and pieces[end].glued and pieces[end].kind in ("word", "num"))):
            continue
        return u, end
    return None


def match_scaled_currency(pieces: list[Piece], i: int) -> tuple[Unit, float] | None:
    """A currency code with a scale letter glued before it ("MUSD", "kEUR") at pieces[i]: (unit, scale)."""
    if i >= len(pieces) or pieces[i].kind != "word" or len(pieces[i].text) != 4:
        return None
    scale = _CODE_SCALES.get(pieces[i].text[0])
    code = pieces[i].text[1:]
    if scale is None or not code.isupper():
        return None
    for u in units().get(code.lower(), ()):
        if u.kind == "currency" and u.exact and u.surface == (code,):
            return u, scale
    return None


@functools.lru_cache(maxsize=1)
def _cues_by_edge() -> dict[tuple[str, int, str], list[tuple[tuple[str, ...], str]]]:
    """(kind, 0 for the first word or -1 for the last, that word) -> the cues, in the file's order:
    a cue can only match where that word is, so the matchers below try only those."""
    index: dict[tuple[str, int, str], list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for kind, table in cues().items():
        for words, value in table.items():
            index[kind, 0, words[0]].append((words, value))
            index[kind, -1, words[-1]].append((words, value))
    return dict(index)


def match_cue(pieces: list[Piece], i: int, kind: str) -> tuple[str, int] | None:
    """The longest cue of `kind` starting at pieces[i]: (value, end)."""
    best: tuple[str, int] | None = None
    if i >= len(pieces):
        return None
    for words, value in _cues_by_edge().get((kind, 0, pieces[i].lower), ()):
        end = i + len(words)
        if end <= len(pieces) and all(pieces[i + k].lower == w for k, w in enumerate(words)):
            if best is None or end > best[1]:
                best = (value, end)
    return best


def match_cue_before(pieces: list[Piece], i: int, kind: str) -> tuple[str, int] | None:
    """The longest cue of `kind` ending right before pieces[i]: (value, start)."""
    best: tuple[str, int] | None = None
    if not 0 < i <= len(pieces):
        return None
    for words, value in _cues_by_edge().get((kind, -1, pieces[i - 1].lower), ()):
        start = i - len(words)
        if start >= 0 and all(pieces[start + k].lower == w for k, w in enumerate(words)):
            if best is None or start < best[1]:
                best = (value, start)
    return best
