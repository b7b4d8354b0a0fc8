"""Parse features for the attribution tagger: each word's part of speech, dependency label and whether
it (or the word it depends on) is a cue word of `cues.tsv`.

spaCy gives them (`word_labels` reads a parsed Doc); the tagger sees them as ids (`WordFeatures`),
numbered by the vocabulary its weights were trained with (`FeatureVocab`, kept in the weights'
metadata), and each word piece takes the ids of the word it lies in (`piece_features`). Training
(`training/prepare_attribution.py --features`) and tagging read them through these same functions.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from claimgraph.extract.lexicon import Lexicon

__all__ = ["CUE_VALUES", "FeatureVocab", "WordFeatures", "WordLabels", "piece_features", "word_labels"]

CUE_VALUES = 4  # 0 neither, 1 a cue word, 2 depends on a cue word, 3 both


@dataclass(frozen=True)
class WordLabels:
    """One article's words as spaCy parsed them: character spans and labels."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    pos: tuple[str, ...]
    dep: tuple[str, ...]
    cue: tuple[int, ...]

    def to_json(self) -> dict[str, list]:
        return {"starts": list(self.starts), "ends": list(self.ends), "pos": list(self.pos), "dep": list(self.dep),
                "cue": list(self.cue)}

    @classmethod
    def from_json(cls, row: dict[str, list]) -> WordLabels:
        return cls(tuple(row["starts"]), tuple(row["ends"]), tuple(row["pos"]), tuple(row["dep"]), tuple(row["cue"]))


@dataclass(frozen=True)
class FeatureVocab:
    """The labels a tagger was trained with, each numbered from 1 in this order (0: unknown or none)."""

    pos: tuple[str, ...]
    dep: tuple[str, ...]

    @property
    def sizes(self) -> tuple[int, int, int]:
        """Rows of each feature's table in the tagger: part of speech, dependency label, cue."""
        return len(self.pos) + 1, len(self.dep) + 1, CUE_VALUES

    def to_json(self) -> str:
        return json.dumps({"pos": list(self.pos), "dep": list(self.dep)})

    @classmethod
    def from_json(cls, text: str) -> FeatureVocab:
        row = json.loads(text)
        return cls(tuple(row["pos"]), tuple(row["dep"]))

    @classmethod
    def of(cls, articles: list[WordLabels]) -> FeatureVocab:
        """Every label the articles use, sorted."""
        pos = {p for a in articles for p in a.pos}
        return cls(tuple(sorted(pos)), tuple(sorted({d for a in articles for d in a.dep})))

    def ids(self, words: WordLabels) -> WordFeatures:
        pos = {p: i + 1 for i, p in enumerate(self.pos)}
        dep = {d: i + 1 for i, d in enumerate(self.dep)}
        return WordFeatures(words.starts, words.ends, tuple(
            (pos.get(p, 0), dep.get(d, 0), c) for p, d, c in zip(words.pos, words.dep, words.cue, strict=True)))


@dataclass(frozen=True)
class WordFeatures:
    """One article's words with their feature ids."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    ids: tuple[tuple[int, int, int], ...]


def word_labels(doc: Doc, lex: Lexicon) -> WordLabels:
    """The labels of each word of a parsed Doc (whitespace tokens left out)."""
    words = [t for t in doc if not t.is_space]
    return WordLabels(tuple(t.idx for t in words), tuple(t.idx + len(t) for t in words),
                      tuple(t.pos_ for t in words), tuple(t.dep_ for t in words),
                      tuple(_is_cue(t, lex) + 2 * (t.head.i != t.i and _is_cue(t.head, lex)) for t in words))


def _is_cue(token, lex: Lexicon) -> int:  # noqa: ANN001 - a spaCy Token
    lemma = token.lemma_.lower()
    if token.pos_ in {"VERB", "AUX"}:
        return int(lemma in lex.verbs)
    return int(token.pos_ == "NOUN" and lemma in lex.nouns)


NONE = (0, 0, 0)


def piece_features(words: WordFeatures, offsets: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """The feature ids of the word each word piece begins in; none for pieces outside every word."""
    out = []
    for start, end in offsets:
        k = bisect_right(words.starts, start) - 1
        out.append(words.ids[k] if end > start and k >= 0 and start < words.ends[k] else NONE)
    return out
