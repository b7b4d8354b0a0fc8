"""Quotation spans in plain text, quotation marks included (no spaCy needed)."""

from __future__ import annotations

__all__ = ["find_quotes"]

OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}
STRAIGHT = '"'


def find_quotes(text: str) -> list[tuple[int, int]]:
    """[start, end) of each quotation, marks included.

    Curly quotes pair up; straight quotes alternate within a paragraph. A closing mark typed where an
    opening one belongs (at a word's start, with another closing mark later in the paragraph:
    '”Fear. I am truly afraid ...” ― Edwin G. Monroy') opens a quotation. A quotation left open at
    the end of a paragraph ends there when the next paragraph opens a new one (the newswire
    convention for quotations running over several paragraphs), else at the paragraph's end.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        spans.extend((pos + s, pos + e) for s, e in _paragraph_quotes(para))
        pos += len(para) + 1
    return spans


def _paragraph_quotes(para: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start: int | None = None
    closer = ""
    for i, ch in enumerate(para):
        if start is None:
            if ch in OPEN_CLOSE:
                start, closer = i, OPEN_CLOSE[ch]
            elif _wrong_way_open(para, i):
                start, closer = i, ch
            elif ch == STRAIGHT:
                start, closer = i, STRAIGHT
        elif ch == closer:
            out.append((start, i + 1))
            start = None
    if start is not None:
        end = len(para.rstrip())
        if end - start > 1:
            out.append((start, end))
    return out


def _wrong_way_open(para: str, i: int) -> bool:
    """A closing curly mark that opens: at the paragraph's or a word's start, closed later on."""
    return (para[i] == "”" and (i == 0 or para[i - 1].isspace()) and i + 1 < len(para) and para[i + 1].isalnum()
            and "”" in para[i + 1:])
