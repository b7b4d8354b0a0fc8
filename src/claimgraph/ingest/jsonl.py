"""Articles JSONL: one JSON object a line, the format of `../shared/eval/FORMATS.md`.

    {"doc": "a1", "text": "...", "published": "2025-01-11", "title": null, "outlet": null,
     "url": null, "language": "en"}

Only `text` is required. `text` is kept exactly as given (scorers read offsets into it). A bad
line becomes an `InputError` naming `path:line`, and the lines after it are still read.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from claimgraph.errors import InputError
from claimgraph.ingest.files import DATE_FORMATS, binary_kind, parse_published, unreadable
from claimgraph.ingest.limits import GZIP_MAGIC, MAX_DOCUMENT_BYTES, GuardedGzip, too_large
from claimgraph.models import Article

__all__ = ["read_jsonl"]

EXAMPLE_LINE = '{"doc": "a1", "text": "...", "published": "2025-01-11"}'
_OPTIONAL_STRINGS = ("title", "outlet", "url", "language")


def read_jsonl(path: Path, source: str | None = None) -> Iterator[Article | InputError]:
    """Each line of an articles JSONL file as an Article, or an InputError for a bad line."""
    source = source or str(path)
    try:
        f = path.open("rb")
    except OSError as e:
        yield unreadable(e, source)
        return
    with f:
        stream: IO[bytes] = f
        if f.read(2) == GZIP_MAGIC:
            f.seek(0)
            stream = io.BufferedReader(GuardedGzip(f, source))  # type: ignore[arg-type]
        else:
            f.seek(0)
        try:
            yield from _lines(stream, source)
        except InputError as e:  # from GuardedGzip: a bomb, or a corrupt or truncated gzip file
            yield e


def _lines(f: IO[bytes], source: str) -> Iterator[Article | InputError]:
    seen_any = False
    for lineno, raw in enumerate(iter(lambda: f.readline(MAX_DOCUMENT_BYTES + 1), b""), start=1):
        if lineno == 1 and (kind := binary_kind(raw[:8192])) is not None:
            yield InputError("binary file, not text", input=source,
                             hint=f"this looks like {kind}; an articles JSONL file is UTF-8 text, "
                                  f"one object a line, e.g. {EXAMPLE_LINE}")
            return
        if lineno == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        seen_any = True
        where = f"{source}:{lineno}"
        if len(raw) > MAX_DOCUMENT_BYTES:
            yield too_large(where, None, MAX_DOCUMENT_BYTES, "line")
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                raw = f.readline(MAX_DOCUMENT_BYTES)
            continue
        try:
            yield _article(raw, where)
        except InputError as e:
            yield e
    if not seen_any:
        yield InputError("empty file", input=source,
                         hint=f"an articles JSONL file holds one object a line, e.g. {EXAMPLE_LINE}")


def _article(raw: bytes, where: str) -> Article:
    try:
        line = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as e:
        raise InputError(f"line is not UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1})",
                         input=where, hint="JSONL is UTF-8; convert the file, e.g. "
                                           "iconv -f cp1252 -t utf-8 IN.jsonl > OUT.jsonl") from None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"not JSON ({e.msg}: column {e.colno})", input=where,
                         hint=f"each line must be one JSON object, e.g. {EXAMPLE_LINE}") from None
    if not isinstance(obj, dict):
        raise InputError(f"a JSON {_json_type(obj)} where an object was expected", input=where,
                         hint=f"each line must be one JSON object, e.g. {EXAMPLE_LINE}")

    text = obj.get("text")
    if text is None:
        raise InputError('no "text" key', input=where,
                         hint=f'every line needs the article text as "text", e.g. {EXAMPLE_LINE}')
    if not isinstance(text, str):
        raise InputError(f'"text" is a JSON {_json_type(text)}, not a string', input=where,
                         hint='give the article text as one JSON string')
    if not text.strip():
        raise InputError('"text" is empty', input=where, hint="remove the line or give the article text")

    meta: dict[str, Any] = {"origin": where, "raw_sha256": hashlib.sha256(raw.rstrip(b"\r\n")).hexdigest(),
                            "source_kind": "jsonl"}
    doc = obj.get("doc")
    if doc is not None:
        if isinstance(doc, bool) or not isinstance(doc, str | int):
            raise InputError(f'"doc" is a JSON {_json_type(doc)}, not a string', input=where,
                             hint='give the document id as a string, e.g. "doc": "a1"')
        meta["doc"] = str(doc)
    published = obj.get("published")
    if published is not None:
        if not isinstance(published, str):
            raise InputError(f'"published" is a JSON {_json_type(published)}: {published!r}', input=where,
                             hint=f"write the date as a string, {DATE_FORMATS}, or null")
        try:
            meta["published"] = parse_published(published)
        except ValueError:
            raise InputError(f'"published" is not an ISO 8601 date: {published!r}', input=where,
                             hint=f"write it as {DATE_FORMATS}, or null") from None
    for key in _OPTIONAL_STRINGS:
        value = obj.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f'"{key}" is a JSON {_json_type(value)}, not a string', input=where,
                             hint=f'give "{key}" as a string or null')
        meta[key] = value
    return Article.from_text(text, **meta)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
