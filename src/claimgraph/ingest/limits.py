"""Size limits on inputs, and gzip decompression that refuses bombs instead of filling memory.

One document (a text or HTML file, a feed, one JSONL line, a WARC record's payload, a fetched body) may
hold at most `MAX_DOCUMENT_BYTES`; a news page is rarely over 2 MiB, so 16 MiB leaves room while keeping
one bad input from taking the machine. Gzip data may expand at most `MAX_GZIP_RATIO` times: HTML and
WARC files compress 4-10x, a run of zeros 1000x, so 100x tells them apart within the first megabytes.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path
from typing import BinaryIO

from claimgraph.errors import InputError

__all__ = [
    "GZIP_MAGIC",
    "MAX_DOCUMENT_BYTES",
    "MAX_GZIP_RATIO",
    "GuardedGzip",
    "read_document",
    "too_large",
]

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
MAX_GZIP_RATIO = 100
GZIP_SLACK = 1024 * 1024  # the first MiB out is always allowed: tiny files have poor ratios
GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 64 * 1024


def too_large(source: str, size: int | None, limit: int, what: str = "input") -> InputError:
    shown = f"{size / 2**20:.1f} MiB" if size is not None else "more"
    return InputError(f"{what} too large ({shown}; the limit is {limit / 2**20:.0f} MiB)", input=source,
                      hint="split it into smaller files, or remove it if it is not an article")


class GuardedGzip(io.RawIOBase):
    """A file's gzip data (one member or many, as in .warc.gz) read decompressed, with two limits.

    Raises InputError from `read` when the output passes `max_bytes` or one member grows more than
    `max_ratio` times its compressed bytes (a decompression bomb; checked per member, so a bomb appended
    to a large honest archive is caught as early as one on its own), and when the data is not gzip or
    ends inside a member.
    """

    def __init__(self, raw: BinaryIO, source: str, *, max_bytes: int | None = None,
                 max_ratio: int = MAX_GZIP_RATIO) -> None:
        super().__init__()
        self.raw = raw
        self.source = source
        self.max_bytes = max_bytes
        self.max_ratio = max_ratio
        self.bytes_in = 0
        self.bytes_out = 0
        self._zlib = zlib.decompressobj(wbits=31)
        self._pending = b""
        self._in_member = False
        self._member_in = 0  # compressed bytes of the current member, and what they expanded to
        self._member_out = 0
        self._out = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if not self._out:
            self._out = self._decompress()
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        self._out = self._out[n:]
        return n

    def _decompress(self) -> bytes:
        while True:
            if not self._pending:
                self._pending = self.raw.read(_CHUNK)
                self.bytes_in += len(self._pending)
                if not self._pending:
                    if self._in_member:
                        raise InputError("gzip data ends in the middle of a member (truncated file)",
                                         input=self.source, hint="download or copy the file again")
                    return b""
            if not self._in_member and self._pending.strip(b"\x00") == b"":
                self._pending = b""  # zero padding after the last member, which gzip(1) also allows
                continue
            self._in_member = True
            before = len(self._pending)
            try:
                out = self._zlib.decompress(self._pending, _CHUNK)
            except zlib.error as e:
                raise InputError(f"not valid gzip data ({e}) after {self.bytes_out} bytes", input=self.source,
                                 hint="check the file with gzip -t") from None
            self._pending = self._zlib.unconsumed_tail
            ended = self._zlib.eof
            if ended:
                self._pending = self._zlib.unused_data + self._pending
            self._member_in += before - len(self._pending)
            self._member_out += len(out)
            self.bytes_out += len(out)
            self._check()
            if ended:
                self._zlib = zlib.decompressobj(wbits=31)
                self._in_member = False
                self._member_in = self._member_out = 0
            if out:
                return out

    def _check(self) -> None:
        if self._member_out > self.max_ratio * self._member_in + GZIP_SLACK:
            raise InputError(
                f"refused as a decompression bomb: {self._member_in} compressed bytes expanded to more than "
                f"{self._member_out} (over {self.max_ratio}x)", input=self.source,
                hint="real news pages and WARC files compress less than 20x; remove this file")
        if self.max_bytes is not None and self.bytes_out > self.max_bytes:
            raise too_large(self.source, None, self.max_bytes, "decompressed input")


def read_document(path: Path, source: str, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """A whole file's bytes (gunzipped when it is gzip), refused past `limit`; raises InputError."""
    from claimgraph.ingest.files import unreadable

    try:
        with path.open("rb") as f:
            head = f.read(2)
            f.seek(0)
            if head == GZIP_MAGIC:
                data = GuardedGzip(f, source, max_bytes=limit).read()  # type: ignore[arg-type]
            else:
                data = f.read(limit + 1)
                if len(data) > limit:
                    raise too_large(source, path.stat().st_size, limit)
    except OSError as e:
        raise unreadable(e, source) from None
    return data

