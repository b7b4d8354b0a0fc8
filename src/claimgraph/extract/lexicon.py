"""Cue words with their stance, and hedge words, read from the data files in claimgraph/data."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from claimgraph.models import Stance

__all__ = ["Lexicon", "lexicon"]


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Stance]  # lemma -> stance
    nouns: dict[str, Stance]
    hedges: frozenset[str]

    def verb_stance(self, lemma: str) -> Stance | None:
        return self.verbs.get(lemma.lower())

    def noun_stance(self, lemma: str) -> Stance | None:
        return self.nouns.get(lemma.lower())


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("claimgraph").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    verbs: dict[str, Stance] = {}
    nouns: dict[str, Stance] = {}
    for row in _rows("cues.tsv"):
        table = verbs if row["pos"] == "VERB" else nouns
        table[row["lemma"]] = Stance(row["stance"])
    hedges = frozenset(row["word"] for row in _rows("hedges.tsv"))
    return Lexicon(verbs=verbs, nouns=nouns, hedges=hedges)
