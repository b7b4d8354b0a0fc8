"""spaCy components claimgraph adds to a loaded pipeline."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["PARAGRAPHS"]

PARAGRAPHS = "claimgraph_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always ends a sentence; the parser decides the rest.

    News text keeps one paragraph a line, and the small English parser otherwise runs a closing
    quotation mark and the next paragraph's opening quote into one sentence.
    """
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
    return doc
