"""Faster stand-ins for two rule-based components of spaCy's English pipelines, with the same output.

In `en_core_web_sm` the attribute ruler and the lemmatizer take about a fifth of the parse: both are
rules applied token by token in Python. These stand-ins compute the same values from arrays and
memos and write them with the same spaCy functions:

- the attribute ruler's single-token patterns (179 in en_core_web_sm, all but 8 of them: a tag, a
  word, a dependency label, or a few of these together) become dictionary lookups on the token's
  values; the others still run through a spaCy `Matcher`; each token then gets the attributes of
  every pattern that matched it, later patterns taking precedence, as `AttributeRuler` applies them;
- the rule lemmatizer's answer depends only on the token's text, part of speech and morphology
  (spaCy's own cache key), so each distinct triple is lemmatized once per process by the original
  lemmatizer and the lemmas are written back as one array.

`speed_up(nlp)` (called by `load_model`) runs them in place of the originals, which stay in the
pipeline, disabled, holding the rules and tables; tests/test_nlp.py checks that every token
attribute comes out identical on real articles. A lookup lemmatizer is left as it is, and patterns
that a lookup cannot stand for (several tokens, operators) still go through a spaCy `Matcher`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens._retokenize import set_token_attrs

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.tokens import Doc

__all__ = ["FAST_ATTRIBUTES", "FAST_LEMMAS", "speed_up"]

FAST_ATTRIBUTES = "claimgraph_attribute_ruler"
FAST_LEMMAS = "claimgraph_lemmatizer"

# The token attributes a single-token pattern may test for a lookup to stand in for the Matcher.
_KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMNS = (TAG, LOWER, DEP, IS_SPACE)


class FastAttributeRuler:
    """`AttributeRuler.__call__` with single-token equality patterns looked up instead of matched."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        strings = ruler.vocab.strings
        # signature (which columns a pattern tests) -> {their values: rule indices}
        self.lookups: dict[tuple[int, ...], dict[tuple[int, ...], list[int]]] = {}
        self.matcher = Matcher(ruler.vocab, validate=False)
        self.rest = False
        patterns = cast("list[dict[str, Any]]", ruler.patterns)
        for rule, entry in enumerate(patterns):
            for pattern in entry["patterns"]:
                if _simple(pattern):
                    spec = pattern[0]
                    columns = tuple(sorted(_COLUMNS.index(_KEYS[k]) for k in spec))
                    by_column = {_COLUMNS.index(_KEYS[k]): v for k, v in spec.items()}
                    values = tuple(int(by_column[c]) if _COLUMNS[c] == IS_SPACE else strings.add(by_column[c])
                                   for c in columns)
                    self.lookups.setdefault(columns, {}).setdefault(values, []).append(rule)
                else:
                    self.matcher.add(str(rule), [pattern])
                    self.rest = True
        self.memo: dict[tuple[int, ...], tuple[int, ...]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rules_of: dict[int, list[int]] = {}
        for i, row in enumerate(doc.to_array(list(_COLUMNS)).tolist()):
            key = tuple(row)
            found = self.memo.get(key)
            if found is None:
                found = self.memo[key] = self._rules(key)
            if found:
                rules_of[i] = list(found)
        if self.rest:
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                rule = int(self.ruler.vocab.strings[match_id])
                index = self.ruler.indices[rule]
                token = (start if index >= 0 else end) + index
                if not start <= token < end:
                    self.ruler.set_annotations(doc, [(rule, match_id, start, end)])  # spaCy's own error
                rules_of.setdefault(token, []).append(rule)
        for i, rules in rules_of.items():
            merged: dict[Any, Any] = {}
            for rule in sorted(rules):  # later rules take precedence, as in AttributeRuler.match
                merged.update(self.ruler.attrs[rule])
            set_token_attrs(doc[i], merged)
        return doc

    def _rules(self, values: tuple[int, ...]) -> tuple[int, ...]:
        out: list[int] = []
        for columns, table in self.lookups.items():
            out.extend(table.get(tuple(values[c] for c in columns), ()))
        return tuple(out)


def _simple(pattern: list[dict[str, Any]]) -> bool:
    """One token, tested for equality on tag, lower-case form, dependency label or being a space."""
    return (len(pattern) == 1 and bool(pattern[0]) and all(k in _KEYS for k in pattern[0])
            and all(isinstance(v, bool) if k == "IS_SPACE" else isinstance(v, str) for k, v in pattern[0].items()))


class FastLemmatizer:
    """A rule `Lemmatizer` whose answers are kept per (text, part of speech, morphology)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = self.memo.get(key)
            if found is None:
                found = self.memo[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], cast(Any, lemmas.reshape(-1, 1).astype(numpy.uint64)))
        return doc


@Language.factory(FAST_ATTRIBUTES, default_config={"original": "attribute_ruler"})
def _fast_attributes(nlp: Language, name: str, original: str) -> FastAttributeRuler:  # noqa: ARG001
    return FastAttributeRuler(cast("AttributeRuler", nlp.get_pipe(original)))


@Language.factory(FAST_LEMMAS, default_config={"original": "lemmatizer"})
def _fast_lemmas(nlp: Language, name: str, original: str) -> FastLemmatizer:  # noqa: ARG001
    return FastLemmatizer(cast("Lemmatizer", nlp.get_pipe(original)))


def speed_up(nlp: Language) -> None:
    """Put the stand-ins right after the attribute ruler and a rule lemmatizer, and disable those (they
    stay in the pipeline, where the stand-ins read their rules and tables)."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    for name, component in list(nlp.pipeline):
        if type(component) is AttributeRuler:
            nlp.add_pipe(FAST_ATTRIBUTES, after=name, config={"original": name})
            nlp.disable_pipe(name)
        elif isinstance(component, Lemmatizer) and component.mode == "rule":
            nlp.add_pipe(FAST_LEMMAS, after=name, config={"original": name})
            nlp.disable_pipe(name)
