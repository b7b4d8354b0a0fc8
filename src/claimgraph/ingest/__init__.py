"""Sources to `Article` records: text, Markdown, articles JSONL, HTML pages, RSS/Atom feeds, WARC/ARC
archives, URL lists and URLs, and directories of them.

    for item in read_inputs(["samples/", "feed.xml", "crawl.warc.gz", "https://example.org/story"]):
        if isinstance(item, InputError):
            ...  # report it and carry on: the other inputs are still read
        else:
            ...  # an Article

`detect.detect_kind` picks the reader of each file (by suffix, then by its first bytes); see there.
Every Article carries the SHA-256 of the bytes it was read from (`raw_sha256`), its `source_kind`
and its `origin`. Never imports spaCy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.errors import InputError
from claimgraph.ingest.files import iter_paths, markdown_to_text, read_text_file
from claimgraph.ingest.jsonl import read_jsonl
from claimgraph.models import Article

if TYPE_CHECKING:
    from claimgraph.ingest.web import Fetcher

__all__ = ["iter_paths", "markdown_to_text", "read_file", "read_inputs"]

log = logging.getLogger(__name__)


def read_inputs(paths: Iterable[str | Path], *, published: date | None = None, outlet: str | None = None,
                fetcher: Fetcher | None = None, follow_links: bool = False) -> Iterator[Article | InputError]:
    """Every article in `paths` (files, directories, http(s) URLs), in order, and an InputError in place
    of each bad file, line, record, entry or URL.

    `published` and `outlet` are given to plain-text and Markdown articles that do not state their
    own (in front matter); other kinds keep exactly what they say. `fetcher` fetches URLs; one with
    default settings is made when a URL is met and none is given. `follow_links` makes feed entries
    without full content fetch the page they link to.
    """
    from claimgraph.ingest.web import Fetcher, is_url, read_url

    if isinstance(paths, str | Path):
        paths = [paths]
    own: list[Fetcher] = []

    def get_fetcher() -> Fetcher:
        if fetcher is not None:
            return fetcher
        if not own:
            own.append(Fetcher())
        return own[0]

    seen: set[Path] = set()
    try:
        for given in paths:
            if isinstance(given, str) and is_url(given):
                url = given.strip()
                yield from _guarded(partial(read_url, url, get_fetcher()), given)
                continue
            for item in iter_paths([given], seen):
                if isinstance(item, InputError):
                    yield item
                else:
                    yield from _guarded(partial(read_file, item, published=published, outlet=outlet,
                                                fetcher=get_fetcher, follow_links=follow_links), str(item))
    finally:
        for f in own:
            f.close()


def read_file(path: Path, *, published: date | None = None, outlet: str | None = None,
              fetcher: Callable[[], Fetcher] | None = None, follow_links: bool = False
              ) -> Iterator[Article | InputError]:
    """The articles in one file, read by the reader its kind needs. `fetcher` returns the fetcher to use;
    it is called only when the file needs one (a URL list, or a feed with `follow_links`)."""
    from claimgraph.ingest.detect import detect_kind
    from claimgraph.ingest.feeds import read_feed
    from claimgraph.ingest.html import article_from_html
    from claimgraph.ingest.limits import read_document
    from claimgraph.ingest.warc import read_warc
    from claimgraph.ingest.web import Fetcher, read_url_list

    source = str(path)
    try:
        kind = detect_kind(path, source)
        if kind == "jsonl":
            yield from read_jsonl(path, source)
        elif kind == "warc":
            yield from read_warc(path, source)
        elif kind == "html":
            yield article_from_html(read_document(path, source), source=source)
        elif kind == "feed":
            yield from read_feed(read_document(path, source), source, base=path.parent,
                                 fetch=fetcher() if follow_links and fetcher else None)
        elif kind == "urls":
            if fetcher is not None:
                yield from read_url_list(path, source, fetcher())
            else:
                with Fetcher() as own:
                    yield from read_url_list(path, source, own)
        else:
            yield read_text_file(path, published=published, outlet=outlet)
    except InputError as e:
        yield e


def _guarded(read: Callable[[], Iterator[Article | InputError]], source: str) -> Iterator[Article | InputError]:
    """The items of one input; an unexpected exception in a reader ends that input only, as an InputError."""
    try:
        yield from read()
    except Exception as e:  # a reader bug must not end the whole run: report it against its input
        log.debug("reading %s failed", source, exc_info=True)
        yield InputError(f"could not be read ({type(e).__name__}: {e})", input=source,
                         hint="this is a claimgraph bug; please report it with the file")
