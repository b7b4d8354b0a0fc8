"""Fetching URLs politely with httpx, and URL lists (a file of URLs, or URLs given as arguments).

The fetcher names itself (`USER_AGENT`), obeys robots.txt (fetched once per host; a missing one allows
everything, one that cannot be fetched for a server error forbids the host, as RFC 9309 says), follows
up to `MAX_REDIRECTS` redirects, gives up on a connection after `TIMEOUT` seconds, retries timeouts,
connection errors, 429 and 5xx up to `RETRIES` times with exponential backoff (honouring a short
Retry-After), refuses bodies over `MAX_DOCUMENT_BYTES` before reading them where the server says their
length and while reading them where it does not, and accepts only HTML, feeds and plain text.
Tests pass an `httpx.MockTransport`, so no test touches the network. Never imports spaCy.
"""

from __future__ import annotations

import logging
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from claimgraph import __version__
from claimgraph.errors import InputError
from claimgraph.ingest.feeds import looks_like_feed, read_feed
from claimgraph.ingest.html import article_from_html, sha256
from claimgraph.ingest.limits import MAX_DOCUMENT_BYTES, read_document, too_large
from claimgraph.models import Article

__all__ = ["USER_AGENT", "Fetcher", "is_url", "looks_like_url_list", "read_url", "read_url_list"]

log = logging.getLogger(__name__)

USER_AGENT = f"claimgraph/{__version__} (news claim indexer; +https://github.com/claimgraph/claimgraph)"
TIMEOUT = 20.0  # seconds to connect, and between bytes read
MAX_REDIRECTS = 5
RETRIES = 3  # attempts after the first
BACKOFF = 1.0  # seconds before the first retry; doubled each time
MAX_RETRY_AFTER = 30.0
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                        "text/xml", "application/feed+json"})
TEXT_TYPES = frozenset({"text/plain"})
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_DENY_ALL = ["User-agent: *", "Disallow: /"]


def is_url(value: str) -> bool:
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value.strip()


def looks_like_url_list(text: str) -> bool:
    """True when every line that is not blank or a `#` comment is one http(s) URL (and there is one)."""
    lines = [line.strip() for line in text.splitlines()]
    urls = [line for line in lines if line and not line.startswith("#")]
    return bool(urls) and all(is_url(u) for u in urls)


class Fetcher:
    """An httpx client with claimgraph's manners. Call it with a URL; it returns (final URL, body, fetched-at)."""

    def __init__(self, *, transport: Any = None, sleep: Callable[[float], None] = time.sleep,
                 max_bytes: int = MAX_DOCUMENT_BYTES, retries: int = RETRIES, backoff: float = BACKOFF) -> None:
        import httpx

        self.client = httpx.Client(transport=transport, timeout=httpx.Timeout(TIMEOUT), follow_redirects=True,
                                   max_redirects=MAX_REDIRECTS, headers={"User-Agent": USER_AGENT})
        self.sleep = sleep
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.content_types: dict[str, str] = {}  # final URL -> media type, for the caller to pick a reader
        self._robots: dict[str, urllib.robotparser.RobotFileParser | InputError] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __call__(self, url: str) -> tuple[str, bytes, str]:
        if not self.allowed(url):
            raise InputError("robots.txt forbids fetching this URL", input=url,
                             hint=f"the site asks crawlers such as {USER_AGENT.split(' ')[0]} to keep out; "
                                  "save the page yourself and ingest the file")
        response, body = self._get(url, url)
        final = str(response.url)
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in HTML_TYPES | FEED_TYPES | TEXT_TYPES:
            raise InputError(f"the server sent {media or 'no content type'}, not a web page or a feed", input=url,
                             hint="claimgraph fetches HTML pages, RSS/Atom feeds and plain text")
        self.content_types[final] = media
        return final, body, datetime.now(UTC).isoformat(timespec="seconds")

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch `url`; raises InputError when it cannot be fetched at all."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
            try:
                response, body = self._get(root + "/robots.txt", url, robots=True)
            except InputError as e:
                self._robots[root] = InputError(f"robots.txt could not be fetched, so nothing is ({e.message})",
                                                input=url, hint=e.hint)
            else:
                if response.status_code >= 500:  # RFC 9309: an unreachable robots.txt forbids everything
                    parser.parse(_DENY_ALL)
                elif response.status_code >= 400:
                    parser.parse([])  # no robots.txt: everything is allowed
                else:
                    parser.parse(body.decode("utf-8", errors="replace").splitlines())
                self._robots[root] = parser
        robots = self._robots[root]
        if isinstance(robots, InputError):
            raise InputError(robots.message, input=url, hint=robots.hint)
        return robots.can_fetch(USER_AGENT, url)

    def _get(self, url: str, source: str, *, robots: bool = False) -> tuple[Any, bytes]:
        """GET with retries; the response's body read, up to the size limit."""
        import httpx

        delay = self.backoff
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                with self.client.stream("GET", url) as response:
                    if response.status_code in _RETRY_STATUS and not last:
                        wait = _retry_after(response.headers.get("retry-after"), delay)
                        log.info("%s: HTTP %d; retrying in %.1f s", url, response.status_code, wait)
                        self.sleep(wait)
                        delay *= 2
                        continue
                    if not robots and response.status_code >= 400:
                        raise InputError(f"HTTP {response.status_code} {response.reason_phrase}", input=source,
                                         hint="check the URL in a browser; the page may have moved or gone")
                    return response, self._read(response, source)
            except httpx.TooManyRedirects:
                raise InputError(f"more than {MAX_REDIRECTS} redirects", input=source,
                                 hint="the site redirects in a loop; check the URL") from None
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as e:
                if last:
                    raise InputError(f"cannot fetch it ({type(e).__name__}: {e}) after {self.retries + 1} tries",
                                     input=source, hint="check the address and your connection, then rerun") from None
                log.info("%s: %s; retrying in %.1f s", url, type(e).__name__, delay)
                self.sleep(delay)
                delay *= 2
            except httpx.HTTPError as e:
                raise InputError(f"cannot fetch it ({type(e).__name__}: {e})", input=source,
                                 hint="check the URL") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _read(self, response: Any, source: str) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise too_large(source, int(declared), self.max_bytes, "response")
        body = bytearray()
        for chunk in response.iter_bytes():  # decoded: a gzip body is counted as it expands
            body += chunk
            if len(body) > self.max_bytes:
                raise too_large(source, None, self.max_bytes, "response")
        return bytes(body)


def _retry_after(value: str | None, default: float) -> float:
    if value and value.strip().isdigit():
        return min(float(value.strip()), MAX_RETRY_AFTER)
    return default


def read_url(url: str, fetch: Fetcher) -> Iterator[Article | InputError]:
    """The article at `url` (an HTML page or plain text), or every entry when it is a feed."""
    try:
        final, body, fetched_at = fetch(url)
    except InputError as e:
        yield e
        return
    media = fetch.content_types.get(final, "")
    if media in FEED_TYPES or looks_like_feed(body[:4096]):
        yield from read_feed(body, final, fetch=None, kind="url", retrieved=fetched_at)
        return
    try:
        if media in TEXT_TYPES:
            from claimgraph.ingest.files import decode_text

            yield Article.from_text(decode_text(body, final), url=final, origin=final, raw_sha256=sha256(body),
                                    source_kind="url", retrieved=fetched_at)
        else:
            yield article_from_html(body, source=final, url=final, kind="url", retrieved=fetched_at)
    except InputError as e:
        yield e


def read_url_list(path: Path, source: str, fetch: Fetcher) -> Iterator[Article | InputError]:
    """Every URL in a list file (one a line; blank lines and `#` comments skipped), each fetched and read."""
    try:
        text = read_document(path, source).decode("utf-8", errors="replace")
    except InputError as e:
        yield e
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            yield InputError(f"not an http(s) URL: {line[:80]!r}", input=f"{source}:{lineno}",
                             hint="a URL list holds one http:// or https:// URL a line")
            continue
        yield from read_url(line, fetch)
