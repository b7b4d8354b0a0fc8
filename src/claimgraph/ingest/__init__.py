"""Sources to `Article` records: plain text, Markdown and articles JSONL files, and directories of them.

    for item in read_inputs(["samples/"]):
        if isinstance(item, InputError):
            ...  # report it and carry on: the other inputs are still read
        else:
            ...  # an Article

The format follows the suffix: `.jsonl` is articles JSONL (one article a line), `.md`/`.markdown`
is Markdown, anything else named explicitly is plain text. Never imports spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.ingest.files import JSONL_SUFFIXES, iter_paths, markdown_to_text, read_text_file
from claimgraph.ingest.jsonl import read_jsonl
from claimgraph.models import Article

__all__ = ["iter_paths", "markdown_to_text", "read_inputs"]


def read_inputs(paths: Iterable[str | Path], *, published: date | None = None,
                outlet: str | None = None) -> Iterator[Article | InputError]:
    """Every article in `paths`, in order, and an InputError in its place for each bad file or line.

    `published` and `outlet` are given to plain-text and Markdown articles that do not state their
    own (in front matter); articles JSONL lines keep exactly what they say.
    """
    for item in iter_paths(paths):
        if isinstance(item, InputError):
            yield item
        elif item.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(item)
        else:
            try:
                yield read_text_file(item, published=published, outlet=outlet)
            except InputError as e:
                yield e
