"""Which reader a file needs: by its suffix, then by sniffing its first bytes (gunzipped when gzip).

| kind     | suffixes                   | or its first bytes                              |
|----------|----------------------------|-------------------------------------------------|
| warc     | .warc .arc (+ .gz)         | `WARC/1.` or `filedesc://`                      |
| jsonl    | .jsonl                     |                                                 |
| markdown | .md .markdown              |                                                 |
| urls     | .urls                      | (a .txt or unknown suffix) every line a URL     |
| feed     | .rss .atom .xml            | an `<rss>`, `<feed>` or `<rdf:RDF>` root        |
| html     | .html .htm .xhtml          | `<!DOCTYPE html>` or `<html`                    |
| text     | .txt .text, anything else  |                                                 |

Content beats suffix where they disagree on markup: a `.xml` page that is HTML is read as HTML, a
`.html` file that is a feed as a feed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from claimgraph.errors import InputError
from claimgraph.ingest.feeds import looks_like_feed
from claimgraph.ingest.files import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MARKDOWN_SUFFIXES,
    URL_LIST_SUFFIXES,
    WARC_SUFFIXES,
    suffix_of,
    unreadable,
)
from claimgraph.ingest.limits import GZIP_MAGIC, GuardedGzip
from claimgraph.ingest.warc import looks_like_warc
from claimgraph.ingest.web import looks_like_url_list

__all__ = ["Kind", "detect_kind", "looks_like_html"]

Kind = Literal["text", "markdown", "jsonl", "html", "feed", "warc", "urls"]
SNIFF_BYTES = 8192
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
    re.IGNORECASE | re.DOTALL)


def looks_like_html(head: bytes) -> bool:
    return _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")) is not None


def detect_kind(path: Path, source: str | None = None) -> Kind:
    """The kind of the file at `path`; raises InputError when it cannot be read."""
    source = source or str(path)
    suffix = suffix_of(path)
    if suffix in WARC_SUFFIXES:
        return "warc"
    head = _head(path, source)
    if looks_like_warc(head):
        return "warc"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in URL_LIST_SUFFIXES:
        return "urls"
    if looks_like_feed(head):
        return "feed"
    if suffix in HTML_SUFFIXES or looks_like_html(head):
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    text = head.decode("utf-8", errors="replace")
    if len(head) == SNIFF_BYTES:
        text = text.rpartition("\n")[0]  # whole lines only
    if looks_like_url_list(text):
        return "urls"
    return "text"


def _head(path: Path, source: str) -> bytes:
    try:
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
            if head.startswith(GZIP_MAGIC):
                f.seek(0)
                try:
                    head = GuardedGzip(f, source).read(SNIFF_BYTES)  # type: ignore[arg-type]
                except InputError:
                    return b""  # the reader reports it, with the whole file in view
    except OSError as e:
        raise unreadable(e, source) from None
    return head
