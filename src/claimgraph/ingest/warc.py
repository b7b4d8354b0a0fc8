"""WARC and ARC web archives (warcio): every archived HTML page an Article.

Read: `response` records holding an HTTP 2xx response, and `resource` records, whose content type is
HTML. Skipped silently: warcinfo, request, metadata, revisit records, redirects and non-HTML payloads.
Gzip files (one member per record, as crawlers write them) are decompressed by `GuardedGzip`, which
refuses decompression bombs; a record whose payload passes `MAX_DOCUMENT_BYTES` is an error of its
own and the rest of the archive is still read. Never imports spaCy.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from claimgraph.errors import InputError
from claimgraph.ingest.html import article_from_html
from claimgraph.ingest.limits import GZIP_MAGIC, MAX_DOCUMENT_BYTES, GuardedGzip, too_large
from claimgraph.models import Article

__all__ = ["WARC_SUFFIXES", "looks_like_warc", "read_warc"]

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_HINT = "claimgraph reads WARC/1.0, WARC/1.1 and ARC files, plain or gzipped"


def looks_like_warc(head: bytes) -> bool:
    """True for the start of an uncompressed WARC (`WARC/1.x`) or ARC (`filedesc://`) file."""
    return head.startswith((b"WARC/1.", b"filedesc://"))


def read_warc(path: Path, source: str, *, max_record: int = MAX_DOCUMENT_BYTES) -> Iterator[Article | InputError]:
    """Every HTML page archived in the WARC/ARC file at `path`, or an InputError in place of a bad record."""
    from claimgraph.ingest.files import unreadable

    try:
        f = path.open("rb")
    except OSError as e:
        yield unreadable(e, source)
        return
    with f:
        head = f.read(2)
        f.seek(0)
        stream: BinaryIO = GuardedGzip(f, source) if head == GZIP_MAGIC else f  # type: ignore[assignment]
        yield from _records(stream, source, max_record)


def _records(stream: BinaryIO, source: str, max_record: int) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    n = 0
    try:
        records = ArchiveIterator(stream, arc2warc=True)
        for n, record in enumerate(records, start=1):  # noqa: B007 (n is reported after the loop)
            where = f"{source}#record-{n}"
            try:
                item = _record(record, where, max_record)
            except InputError as e:
                yield e
                continue
            if item is not None:
                found += 1
                yield item
    except InputError as e:  # from GuardedGzip: a bomb, a truncated or corrupt gzip member
        yield InputError(f"{e.message}; stopped after record {n}", input=e.input, hint=e.hint)
        return
    except (ArchiveLoadFailed, ValueError, EOFError, OSError, AttributeError, TypeError, IndexError) as e:
        # warcio has no error contract: malformed headers surface as any of these
        first = str(e).splitlines()[0][:120] if str(e) else type(e).__name__
        yield InputError(f"not a readable WARC/ARC file after record {n} ({first})", input=source, hint=WARC_HINT)
        return
    if found == 0 and n == 0:
        yield InputError("an archive with no records", input=source, hint=WARC_HINT)
    elif found == 0:
        log.warning("%s: %d records, none an HTML page", source, n)


def _record(record: Any, where: str, max_record: int) -> Article | None:
    if not record.rec_type:
        raise InputError("a record without a WARC-Type header", input=where, hint=WARC_HINT)
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        media = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    else:
        media = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if media not in HTML_TYPES:
        return None
    if record.length is not None and record.length > max_record * 4:  # compressed bodies may expand later
        raise too_large(where, record.length, max_record, "archived page")
    try:
        body = record.content_stream().read(max_record + 1)
    except Exception as e:  # warcio decodes chunked and gzip bodies and raises what zlib raises
        raise InputError(f"cannot decode the archived body ({type(e).__name__}: {e})", input=where,
                         hint="the record's HTTP body is corrupt; the other records are still read") from None
    if len(body) > max_record:
        raise too_large(where, None, max_record, "archived page")
    return article_from_html(body, source=where, url=url, kind="warc", retrieved=headers.get_header("WARC-Date"))
