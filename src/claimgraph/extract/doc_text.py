"""A Doc's text, built once: spaCy's `Doc.text` joins every token's text anew on each access, and the
extractors slice the article text thousands of times per article (it was two thirds of their cost)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["remember_text", "text_of"]

_KEY = "claimgraph.text"


def text_of(doc: Doc) -> str:
    """`doc.text`, kept in the Doc's `user_data` after the first call (a Doc's text never changes)."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Give `text_of` the text the Doc was parsed from (spaCy keeps every character of its input, so
    it is `doc.text`), sparing the join; a text of another length is not taken."""
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        doc.user_data.setdefault(_KEY, text)
