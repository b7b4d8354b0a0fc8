"""Plain-text and Markdown articles: finding the files, decoding them, turning Markdown into prose.

Decoding: UTF-8 (a BOM is dropped), or UTF-16/UTF-32 with a BOM. Anything else goes to
charset_normalizer, and is accepted (with a logged warning) only as one of `_ACCEPTED_ENCODINGS`
with a low mess score; bytes that are valid cp1252 are read as cp1252 when that reads no worse than
the detector's pick, since a detector cannot tell Western code pages apart on mostly-ASCII English
text. Newlines become `\\n`; the text is otherwise kept as it is, because every offset points into it.

Markdown is turned into plain prose line by line, conservatively (see `markdown_to_text`).
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from claimgraph.errors import InputError
from claimgraph.models import Article

__all__ = [
    "ARTICLE_SUFFIXES",
    "FEED_SUFFIXES",
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "TEXT_SUFFIXES",
    "URL_LIST_SUFFIXES",
    "WARC_SUFFIXES",
    "binary_kind",
    "decode_text",
    "iter_paths",
    "markdown_to_text",
    "parse_published",
    "read_text_file",
    "suffix_of",
]

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
JSONL_SUFFIXES = frozenset({".jsonl"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
WARC_SUFFIXES = frozenset({".warc", ".arc"})
URL_LIST_SUFFIXES = frozenset({".urls"})
ARTICLE_SUFFIXES = (TEXT_SUFFIXES | MARKDOWN_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
                    | WARC_SUFFIXES | URL_LIST_SUFFIXES)
# Files in a walked directory that describe the corpus rather than belong to it.
_NOT_ARTICLES = re.compile(r"(readme|licen[cs]e|copying|attribution|notice)([-_.].*)?$", re.IGNORECASE)

DATE_FORMATS = "YYYY-MM-DD or an ISO 8601 date-time such as 2025-01-11T08:30:00Z"


# --- discovery ------------------------------------------------------------------------------------

def suffix_of(path: Path) -> str:
    """The suffix that names a file's format, a `.gz` after it dropped: "a.warc.gz" -> ".warc"."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def iter_paths(paths: Iterable[str | Path], seen: set[Path] | None = None) -> Iterator[Path | InputError]:
    """The article files named by `paths`, in order, each once.

    A directory is walked recursively in sorted order, taking the files whose suffix is in
    `ARTICLE_SUFFIXES` (gzipped or not: "feed.xml.gz", "crawl.warc.gz") and skipping hidden entries
    and README/LICENSE/ATTRIBUTION/NOTICE files. A
    file named explicitly is taken whatever its name. A missing path, or a directory holding no
    article file, is an InputError in the stream.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    seen = set() if seen is None else seen
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                if (key := file.resolve()) not in seen:
                    seen.add(key)
                    yield file
            if not found:
                yield InputError("no article files in this directory", input=str(given),
                                 hint=f"claimgraph reads {', '.join(sorted(ARTICLE_SUFFIXES))} files")
        elif path.exists():
            if (key := path.resolve()) not in seen:
                seen.add(key)
                yield path
        else:
            yield InputError("no such file or directory", input=str(given), hint="check the path")


def _walk(root: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as e:
        log.warning("cannot list %s: %s", root, e)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = root / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif (entry.is_file() and suffix_of(path) in ARTICLE_SUFFIXES
              and not _NOT_ARTICLES.match(entry.name)):
            yield path


# --- reading --------------------------------------------------------------------------------------

def read_text_file(path: Path, *, source: str | None = None, published: date | None = None,
                   outlet: str | None = None) -> Article:
    """A plain-text or (by its suffix) Markdown file as one Article; raises InputError.

    `published` and `outlet` fill in what a Markdown front matter does not give.
    """
    from claimgraph.ingest.limits import read_document

    source = source or str(path)
    data = read_document(path, source)
    text = decode_text(data, source)
    markdown = suffix_of(path) in MARKDOWN_SUFFIXES
    meta: dict[str, Any] = {"origin": source, "published": published, "outlet": outlet,
                            "raw_sha256": hashlib.sha256(data).hexdigest(),
                            "source_kind": "markdown" if markdown else "text"}
    if markdown:
        text, found = markdown_to_text(text, source=source)
        meta.update(found)
        if not text.strip():
            raise InputError("no article text after the front matter and title", input=source,
                             hint="put the article text below the front matter")
    return Article.from_text(text, **meta)


def unreadable(e: OSError, source: str) -> InputError:
    if isinstance(e, FileNotFoundError):
        return InputError("no such file or directory", input=source, hint="check the path")
    return InputError(f"cannot read it ({e.strerror or e})", input=source,
                      hint="check that it is a file you may read")


def parse_published(value: str) -> date:
    """An ISO 8601 date, or the date of an ISO 8601 date-time as written (no time zone shift).

    Raises ValueError for anything else.
    """
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        return datetime.fromisoformat(value).date()


# --- decoding -------------------------------------------------------------------------------------

_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# charset_normalizer names (Python codec names) we trust for news text; exotic code pages that a
# detector picks on short inputs (cp775, mac_iceland, shift_jis for KOI8-R...) are refused instead.
_ACCEPTED_ENCODINGS = frozenset({
    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "iso8859_5",
    "cp1253", "cp1254", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be",
})
_MAX_CHAOS = 0.1  # charset_normalizer mess ratio; real cp1252/latin-1 news text scores 0.0
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF-", "a PDF document (extract its text first, e.g. with pdftotext)"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first, e.g. with gunzip)"),
    (b"PK\x03\x04", "a ZIP archive or an office document"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable"),
)
# Control bytes that do not occur in text (tab, newline, form feed, carriage return do).
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\x0c\r") + b"\x7f"


def binary_kind(head: bytes) -> str | None:
    """What binary data `head` (the first few KiB of a file) looks like, or None if it may be text."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(head):
        return None
    if b"\x00" in head:
        return "binary data (it holds NUL bytes)"
    if head and sum(head.count(b) for b in _CONTROL) > len(head) * 0.1:
        return "binary data (it is mostly control bytes)"
    return None


def _utf16_without_bom(head: bytes) -> bool:
    """Mostly-ASCII text in UTF-16 has a NUL in every other byte, always on the same side."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return False
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    return max(nul_even, nul_odd) > 0.4 and min(nul_even, nul_odd) < 0.05


def decode_text(data: bytes, source: str) -> str:
    """Bytes of a text file as a str with `\\n` newlines; raises InputError when they are not text."""
    if (kind := binary_kind(data[:8192])) is not None:
        raise InputError("binary file, not text", input=source,
                         hint=f"this looks like {kind}; claimgraph reads plain text, Markdown, "
                              "articles JSONL, HTML, RSS/Atom, WARC and URL lists")
    text = _decode(data, source)
    if not text.strip():
        raise InputError("empty file", input=source, hint="the file holds no text; remove it or fill it")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, source: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                raise InputError(f"starts with a {encoding.upper()} byte order mark but is not "
                                 f"{encoding.upper()} ({e.reason} at byte {e.start + len(bom)})",
                                 input=source, hint="convert it to UTF-8, e.g. with iconv") from None
            if encoding != "utf-8":
                log.warning("%s: not UTF-8; read it as %s (it has a byte order mark)", source, encoding)
            return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        first_bad = e.start
    if (detected := _detect(data)) is not None:
        try:
            text = data.decode(detected)
        except UnicodeDecodeError:
            pass
        else:
            log.warning("%s: not UTF-8; read it as %s, detected (convert it to UTF-8 to be sure)",
                        source, detected)
            return text
    raise InputError(
        "not UTF-8 text and its encoding could not be identified", input=source,
        hint=f"byte 0x{data[first_bad]:02x} at offset {first_bad} is not UTF-8; convert the file to "
             f"UTF-8, e.g. iconv -f <encoding> -t utf-8 {source} > OUT.txt")


def _detect(data: bytes) -> str | None:
    """The encoding to read non-UTF-8 bytes with, or None when no trustworthy one is found."""
    best = from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS:
        return None
    if not best.encoding.startswith("utf"):
        cp1252 = from_bytes(data, cp_isolation=["cp1252"]).best()
        if cp1252 is not None and cp1252.chaos <= best.chaos:
            return "cp1252"
    return best.encoding if best.encoding in _ACCEPTED_ENCODINGS else None


# --- Markdown -------------------------------------------------------------------------------------

_FRONT_MATTER_KEYS = {"title": "title", "date": "published", "published": "published", "url": "url",
                      "outlet": "outlet", "language": "language"}
_ESCAPABLE = r"""\\`*_{}\[\]()<>#+\-.!|~"'"""
_ESCAPE = re.compile(rf"\\([{_ESCAPABLE}])")
_PROTECT = 0xE000  # escaped characters travel through the rules as private-use code points
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_H1 = re.compile(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_BLOCK_RULES = (
    (re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S.*$"), ""),  # link reference definition
    (re.compile(r"^ {0,3}([-*_=])[ \t]*(?:\1[ \t]*){2,}$"), ""),  # rule, or a Setext underline
    (re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$"), r"\1"),  # heading marker
    (re.compile(r"^ {0,3}(?:>[ \t]?)+"), ""),  # block quote
    (re.compile(r"^[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?"), ""),  # list bullet, task box
)
_INLINE_RULES = (
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"!\[[^\]]*\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+(?:\"[^\"]*\"|'[^']*'))?\)"), ""),
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+(?:\"[^\"]*\"|'[^']*'))?\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])"), r"\1"),
    (re.compile(r"(?<![_\w])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![_\w])"), r"\1"),
)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def markdown_to_text(markdown: str, *, source: str = "<markdown>") -> tuple[str, dict[str, Any]]:
    """Markdown as plain prose, and the metadata its front matter and `# Title` line give.

    - A leading `---` block of `key: value` lines is front matter: `title`, `date` or `published`,
      `url`, `outlet`, `language` are read (other keys are ignored) and the block is removed.
    - A first line `# Title` gives the title (unless the front matter did) and leaves the text.
    - Heading markers, list bullets, block-quote markers, rules, link reference definitions,
      HTML comments and images go; `[text](url)` keeps its text; emphasis, strike-through and
      code-span markers go; backslash escapes are undone. Numbered-list numbers stay.
    - Code fence lines go, and the lines between them are kept as they are.
    - Line breaks are kept (no paragraph unwrapping); runs of blank lines become one.
    """
    lines = markdown.split("\n")
    meta: dict[str, Any] = {}
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
        if end is not None:
            meta = _front_matter(lines[1:end], source)
            lines = lines[end + 1:]
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and (m := _H1.match(lines[0])):
        title = _inline(_protect(m.group(1))).strip()
        meta.setdefault("title", title or None)
        lines.pop(0)

    out: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        line = _protect(line)
        for pattern, repl in _BLOCK_RULES:
            line, n = pattern.subn(repl, line)
            if n:
                break
        out.append(_inline(line).rstrip())
    text = "\n".join(out)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)  # comments over several lines
    text = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text).strip()
    return text, meta


def _front_matter(lines: list[str], source: str) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for line in lines:
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in _FRONT_MATTER_KEYS or line[:1].isspace():
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if not value or value in ("null", "~"):
            continue
        field = _FRONT_MATTER_KEYS[key]
        if field == "published":
            try:
                meta[field] = parse_published(value)
            except ValueError:
                raise InputError(f"front matter {key!r} is not an ISO 8601 date: {value!r}", input=source,
                                 hint=f"write it as {DATE_FORMATS}") from None
        else:
            meta[field] = value
    return meta


def _protect(line: str) -> str:
    return _ESCAPE.sub(lambda m: chr(_PROTECT + ord(m.group(1))), line)


def _unprotect(text: str) -> str:
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group(0)) - _PROTECT), text)


def _inline(line: str) -> str:
    """Inline markup out of one line; code spans are kept literally."""
    parts: list[str] = []
    pos = 0
    for m in _CODE_SPAN.finditer(line):
        parts.append(_inline_rules(line[pos:m.start()]))
        code = m.group(2).strip() or m.group(2)
        parts.append(re.sub("[\ue000-\ue07f]", lambda c: "\\" + chr(ord(c.group(0)) - _PROTECT), code))
        pos = m.end()
    parts.append(_inline_rules(line[pos:]))
    return _unprotect("".join(parts))


def _inline_rules(text: str) -> str:
    for pattern, repl in _INLINE_RULES:
        text = pattern.sub(repl, text)
    return text
