"""HTML pages to Articles: main text by trafilatura, publication date by htmldate, title, outlet, canonical URL.

trafilatura drops navigation, footers and comments, but returns nothing for short pages (under about
250 characters of text); those, and feed entries' HTML fragments, go through `html_to_text`, which
keeps every paragraph. Never imports spaCy.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from claimgraph.errors import InputError
from claimgraph.ingest.files import parse_published
from claimgraph.models import Article

__all__ = ["article_from_html", "html_to_text", "sha256"]

log = logging.getLogger(__name__)
# trafilatura and htmldate log an ERROR for every short or broken page; claimgraph reports those itself
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
                     "article", "header", "footer", "pre", "dd", "dt", "figcaption", "table", "ul", "ol"})
_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_TITLE_SUFFIX = re.compile(r"\s+[-|–—:]\s+([^-|–—:]{2,80})$")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _parse(data: bytes | str) -> Any:
    import lxml.etree
    import lxml.html

    try:
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not data.strip():
            return None
        return lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError):
        return None


def html_to_text(data: bytes | str) -> str:
    """The text of an HTML page or fragment, one paragraph a line; scripts, styles and the head dropped."""
    root = _parse(data)
    if root is None:
        return ""
    for bad in list(root.iter(*_DROP)):
        if bad.getparent() is not None:
            bad.drop_tree()
    text = _joined_text(root)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _joined_text(root: Any) -> str:
    """Text with a newline before and after each block element."""
    out: list[str] = []

    def walk(el: Any) -> None:
        block = isinstance(el.tag, str) and el.tag in _BLOCKS
        if block:
            out.append("\n")
        if isinstance(el.tag, str) and el.text:
            out.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                out.append(child.tail)
        if block:
            out.append("\n")

    walk(root)
    return "".join(out)


def article_from_html(data: bytes, *, source: str, url: str | None = None, kind: str = "html",
                      retrieved: str | None = None) -> Article:
    """One web page as an Article; raises InputError when it holds no article text.

    `url` is where the page was fetched or archived from; the page's own canonical link wins over it.
    """
    import trafilatura
    from htmldate import find_date

    if _parse(data) is None:
        raise InputError("not an HTML page (no markup could be parsed)", input=source,
                         hint="claimgraph reads HTML, feeds, WARC, plain text, Markdown and articles JSONL")
    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as e:  # trafilatura raises assorted lxml and parsing errors on broken pages
        log.debug("%s: trafilatura failed (%s); using the plain page text", source, e)
        doc = None
    meta: dict[str, Any] = {} if doc is None else doc if isinstance(doc, dict) else doc.as_dict()
    title = _clean(meta.get("title")) or _page_title(data)
    text = _clean_text(meta.get("text") or "")
    if len(text) < 200:  # trafilatura keeps only long main texts; a short page keeps all its paragraphs
        text = html_to_text(data)
    text = _without_leading_title(text, title)
    if not text.strip():
        raise InputError("no article text in this HTML page", input=source,
                         hint="the page may be a script-only app, an index or an error page")
    canonical = _clean(meta.get("url")) or url
    published = _published(meta.get("date")) or _published(_safe_find_date(find_date, data, url))
    return Article.from_text(
        text, url=canonical, title=title, outlet=_outlet(meta, title, canonical, data),
        published=published, language=meta.get("language") or "en", origin=source,
        raw_sha256=sha256(data), source_kind=kind, retrieved=retrieved)


def _safe_find_date(find_date: Any, data: bytes, url: str | None) -> str | None:
    try:
        return find_date(data, url=url, original_date=True, extensive_search=False)  # type: ignore[no-any-return]
    except Exception as e:  # htmldate, like trafilatura, has no error contract of its own
        log.debug("htmldate failed: %s", e)
        return None


def _published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        found = parse_published(value)
    except ValueError:
        return None
    return found if 1900 <= found.year <= date.today().year + 1 else None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACES.sub(" ", value).strip()
    return value or None


def _clean_text(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _without_leading_title(text: str, title: str | None) -> str:
    first, _, rest = text.partition("\n")
    if title and rest and first.strip().casefold() == title.casefold():
        return rest
    return text


def _page_title(data: bytes) -> str | None:
    root = _parse(data)
    if root is None:
        return None
    found = root.find(".//title")
    text = _clean(found.text_content()) if found is not None else None
    if text and (m := _TITLE_SUFFIX.search(text)):
        return text[: m.start()].strip() or text
    return text


def _outlet(meta: dict[str, Any], title: str | None, url: str | None, data: bytes) -> str | None:
    """og:site_name, else the `<title>` suffix ("... - Wikinews"), else trafilatura's guess, else the host."""
    root = _parse(data)
    if root is not None:
        for found in root.iterfind(".//meta[@property='og:site_name']"):
            if site := _clean(found.get("content")):
                return site
        found = root.find(".//title")
        full = _clean(found.text_content()) if found is not None else None
        if full and (m := _TITLE_SUFFIX.search(full)):
            return m.group(1).strip()
    site = _clean(meta.get("sitename"))
    if site and site != title and "." not in site:
        return site
    host = (urlsplit(url).hostname if url else None) or _clean(meta.get("hostname"))
    return host.removeprefix("www.") if host else None
