"""RSS and Atom feeds (feedparser): each entry an Article, or an InputError in its place.

An entry's text is, in order of preference: its full content (`content:encoded`, Atom `content`);
the page it links to, when that is a local file (a `file:` URL, or a path relative to the feed) or
when a fetcher is given; its summary. Never imports spaCy.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from claimgraph.errors import InputError
from claimgraph.ingest.html import article_from_html, html_to_text, sha256
from claimgraph.ingest.limits import MAX_DOCUMENT_BYTES, read_document
from claimgraph.models import Article

__all__ = ["looks_like_feed", "read_feed"]

log = logging.getLogger(__name__)

FEED_HINT = "claimgraph reads RSS 0.9x/1.0/2.0 and Atom 1.0 feeds"
_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")

# A fetcher takes a URL and returns (final URL, body, retrieved-at ISO time); it raises InputError.
Fetch = Callable[[str], tuple[str, bytes, str]]


def looks_like_feed(head: bytes) -> bool:
    """True when the first KiB of a document opens an RSS, RDF or Atom root element."""
    low = head[:4096].lower()
    start = low.find(b"<", low.find(b"?>") + 1 if low.lstrip().startswith(b"<?xml") else 0)
    while start != -1 and low[start:start + 4] in (b"<!--", b"<!do"):  # skip comments and a doctype
        end = low.find(b">", start)
        if end == -1:
            return False
        start = low.find(b"<", end + 1)
    return start != -1 and any(low.startswith(root, start) for root in _ROOTS)


def read_feed(data: bytes, source: str, *, base: Path | None = None, fetch: Fetch | None = None,
              kind: str = "feed", retrieved: str | None = None) -> Iterator[Article | InputError]:
    """Every entry of the feed in `data` (read from `source`); `base` is the folder for relative links."""
    import feedparser

    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception as e:  # feedparser catches most of its own errors; anything else is a bad input
        yield InputError(f"not a readable feed ({type(e).__name__}: {e})", input=source, hint=FEED_HINT)
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            why = parsed.get("bozo_exception")
            yield InputError(f"not a readable feed ({why})", input=source, hint=FEED_HINT)
        else:
            yield InputError("a feed with no entries", input=source, hint="nothing to ingest from it yet")
        return
    feed_meta = parsed.get("feed") or {}
    outlet = _str(feed_meta.get("title"))
    language = (_str(feed_meta.get("language")) or "en").split("-")[0].lower() or "en"
    digest = sha256(data)
    for index, entry in enumerate(entries, start=1):
        where = f"{source}#{index}"
        try:
            yield _entry(entry, where, outlet, language, digest, base, fetch, kind, retrieved)
        except InputError as e:
            yield e


def _entry(entry: Any, where: str, outlet: str | None, language: str, digest: str, base: Path | None,
           fetch: Fetch | None, kind: str, retrieved: str | None) -> Article:
    link = _str(entry.get("link"))
    title = _str(entry.get("title"))
    # plain dict lookups: FeedParserDict maps one key to the other with a DeprecationWarning
    published = _date(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed"))
    full = _content(entry.get("content"))
    if not full and link:
        page = _linked_page(link, base, fetch, where)
        if page is not None:
            origin, body, page_kind, fetched_at = page
            article = article_from_html(body, source=origin, url=link, kind=page_kind, retrieved=fetched_at)
            return _with_feed_facts(article, title, outlet, published)
    text = full or _text(entry.get("summary"), _type(entry.get("summary_detail")))
    if not text.strip():
        raise InputError("a feed entry with no text (no content, summary or readable linked page)", input=where,
                         hint="give the entry a <content:encoded> or <description>, or ingest its page")
    return Article.from_text(text, url=link, title=title, outlet=outlet, published=published, language=language,
                             origin=where, raw_sha256=digest, source_kind=kind, retrieved=retrieved)


def _with_feed_facts(article: Article, title: str | None, outlet: str | None, published: date | None) -> Article:
    """The linked page's article, with the feed's title, outlet and date where the page gave none."""
    from dataclasses import replace

    return replace(article, title=article.title or title, outlet=outlet or article.outlet,
                   published=article.published or published)


def _linked_page(link: str, base: Path | None, fetch: Fetch | None,
                 where: str) -> tuple[str, bytes, str, str | None] | None:
    """(origin, bytes, source kind, retrieved) of the entry's page, or None to fall back on the summary."""
    parts = urlsplit(link)
    local: Path | None = None
    if parts.scheme == "file":
        local = Path(unquote(parts.path))
    elif not parts.scheme and base is not None:
        local = base / unquote(parts.path)
    if local is not None:
        if not local.is_file():
            raise InputError("the entry links to a local page that does not exist", input=where,
                             hint=f"check {local}")
        return str(local), read_document(local, str(local), MAX_DOCUMENT_BYTES), "html", None
    if fetch is not None and parts.scheme in ("http", "https"):
        final, body, fetched_at = fetch(link)
        return final, body, "url", fetched_at
    return None


def _content(items: Any) -> str:
    if not items:
        return ""
    texts = [_text(c.get("value"), c.get("type")) for c in items if isinstance(c, dict)]
    return max(texts, key=len, default="")


def _text(value: Any, mime: str | None) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    if mime and "html" not in mime and "xml" not in mime:
        return "\n".join(line.strip() for line in value.strip().splitlines() if line.strip())
    return html_to_text(value)


def _type(detail: Any) -> str | None:
    return detail.get("type") if isinstance(detail, dict) else None


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(value: Any) -> date | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    except ValueError:
        return None
