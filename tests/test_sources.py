"""ingest/: HTML pages, RSS/Atom feeds, WARC archives, URLs and URL lists; limits; fuzzed parsers.

Fixtures are real Wikinews text (CC BY 2.5) in tests/data/sources/ (see its README). No test touches
the network: URLs are served by an httpx.MockTransport.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import zlib
from datetime import date
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import InputError
from claimgraph.ingest import read_inputs
from claimgraph.ingest.detect import detect_kind
from claimgraph.ingest.feeds import read_feed
from claimgraph.ingest.html import article_from_html, html_to_text
from claimgraph.ingest.jsonl import read_jsonl
from claimgraph.ingest.limits import GuardedGzip, read_document
from claimgraph.ingest.warc import read_warc
from claimgraph.ingest.web import USER_AGENT, Fetcher, read_url
from claimgraph.models import Article

DATA = Path(__file__).resolve().parent / "data" / "sources"
PAGE = DATA / "wikinews_61327.html"
URL_61327 = "http://en.wikinews.org/wiki/U.S._stocks_plummet_amid_global_sell-off"
FIRST_SENTENCE = ("The biggest U.S. stock market index, the Dow Jones, plunged by more than 416 points by the closing "
                  "bell on Tuesday")
LAST_SENTENCE = ("The decline also occurred on the day that a plot to assassinate U.S. Vice President Richard Cheney "
                 "failed in Afghanistan.")


def split(items: list) -> tuple[list[Article], list[InputError]]:
    for item in items:
        assert isinstance(item, Article | InputError), f"{type(item).__name__} in the stream"
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


# --- HTML -----------------------------------------------------------------------------------------

def test_html_page_main_text_and_metadata():
    data = PAGE.read_bytes()
    a = article_from_html(data, source=str(PAGE))
    assert a.text.startswith(FIRST_SENTENCE) and a.text.endswith(LAST_SENTENCE)
    for boilerplate in ("Main page", "tracking", "Text licensed CC BY", "U.S. stocks plummet amid global sell-off\n"):
        assert boilerplate not in a.text
    assert (a.title, a.outlet, a.published, a.url) == (
        "U.S. stocks plummet amid global sell-off", "Wikinews, the free news source",
        date(2007, 2, 27), URL_61327)
    assert a.source_kind == "html" and a.origin == str(PAGE)
    assert a.raw_sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (b"<p>Short news, said the minister.</p>", "Short news, said the minister."),
        (b"<html><body><script>x()</script><p>One.</p><p>Two &amp; three.</p></body></html>", "One.\nTwo & three."),
        (b"<div>Line<br>break</div>", "Line\nbreak"),
    ],
    ids=["fragment", "script-dropped", "br"],
)
def test_html_short_pages_keep_every_paragraph(html: bytes, text: str):
    assert html_to_text(html) == text
    assert article_from_html(html, source="x.html").text == text


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "not an HTML page"), (b"   \n", "not an HTML page"),
     (b"<html><head><script>app()</script></head><body></body></html>", "no article text")],
    ids=["empty", "blank", "script-only"],
)
def test_html_without_text_is_an_input_error(data: bytes, message: str):
    with pytest.raises(InputError, match=message) as e:
        article_from_html(data, source="bad.html")
    assert e.value.input == "bad.html" and e.value.hint


# --- detection ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("page.html", b"<p>x</p>", "html"),
        ("page.txt", b"<!DOCTYPE html><html><p>x</p></html>", "html"),
        ("feed.xml", b'<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "feed"),
        ("feed.html", b"<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
        ("page.xml", b"<?xml version='1.0'?><html><body><p>x</p></body></html>", "html"),
        ("crawl.bin", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("crawl.warc.gz", b"anything", "warc"),
        ("list.txt", b"# mine\nhttps://example.org/a\n\nhttp://example.org/b\n", "urls"),
        ("list.urls", b"not a url", "urls"),
        ("story.txt", b"Officials said on Tuesday https://example.org was down.", "text"),
        ("story.news", b"Plain words.", "text"),
        ("a.jsonl", b'{"text": "x"}', "jsonl"),
        ("a.md", b"# T\n\nx", "markdown"),
        ("feed.rss.gz", gzip.compress(b"<rss version='2.0'></rss>", mtime=0), "feed"),
        ("cut.txt", b"<!DO", "text"),  # found by fuzzing: an unclosed doctype looped forever
        ("cut.xml", b"<!-- <rss", "feed"),
    ],
)
def test_detect_kind_by_suffix_and_content(tmp_path: Path, name: str, data: bytes, kind: str):
    path = tmp_path / name
    path.write_bytes(data)
    assert detect_kind(path) == kind


def test_directory_walk_takes_every_source_kind():
    from claimgraph.ingest import iter_paths

    names = sorted(p.name for p in iter_paths([DATA]))
    assert names == ["localhost.urls", "wikinews.atom", "wikinews.rss", "wikinews.warc.gz", "wikinews_61327.html",
                     "wikinews_62405.html", "wire_copy_61327.html"]


# --- feeds --------------------------------------------------------------------------------------

def test_rss_entries_from_content_local_page_and_summary():
    path = DATA / "wikinews.rss"
    articles, errors = split(list(read_inputs([path])))
    assert not errors and len(articles) == 3
    full, local, summary = articles
    assert full.origin == f"{path}#1" and full.source_kind == "feed" and full.outlet == "Wikinews markets"
    assert full.text.startswith("Stock markets around the world") or len(full.text.split()) > 300
    assert full.raw_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    # the second entry has only a summary and links to a page beside the feed: the page is read
    page = DATA / "wikinews_62405.html"
    assert local.origin == str(page) and local.source_kind == "html" and len(local.text.split()) > 300
    assert local.raw_sha256 == hashlib.sha256(page.read_bytes()).hexdigest()
    assert local.id == article_from_html(page.read_bytes(), source=str(page)).id
    # the third links to the web and nothing fetches it: its summary is the text
    assert summary.url.startswith("http://en.wikinews.org/") and len(summary.text.split()) < 40
    assert str(summary.published) == "2007-10-20"


def test_atom_entries():
    articles, errors = split(list(read_inputs([DATA / "wikinews.atom"])))
    assert not errors
    assert [a.title for a in articles] == ["World stocks plunge on fears on US recession",
                                           "Stock markets worldwide fall dramatically"]
    assert [str(a.published) for a in articles] == ["2008-01-21", "2008-09-17"]
    assert all("<p>" not in a.text and len(a.text.split()) > 200 for a in articles)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<rss version='2.0'><channel><title>t</title></channel></rss>", "a feed with no entries"),
        (b"\x00\x01garbage", "not a readable feed"),
        (b"<rss version='2.0'><channel><item><title>t</title></item></channel></rss>", "a feed entry with no text"),
        (b"<rss version='2.0'><channel><item><link>missing.html</link></item></channel></rss>",
         "links to a local page that does not exist"),
    ],
    ids=["no-entries", "garbage", "entry-without-text", "missing-local-page"],
)
def test_bad_feeds_are_input_errors(tmp_path: Path, data: bytes, message: str):
    _, errors = split(list(read_feed(data, "f.xml", base=tmp_path)))
    assert len(errors) == 1 and message in errors[0].message


def test_feed_follows_links_through_a_fetcher():
    served = {"/wiki/US_stock_markets_tumble_on_'Black_Monday'_anniversary": PAGE.read_bytes()}
    with Fetcher(transport=httpx.MockTransport(site(served)), sleep=lambda s: None) as fetcher:
        articles, errors = split(list(read_inputs([DATA / "wikinews.rss"], fetcher=fetcher, follow_links=True)))
    assert not errors
    fetched = articles[2]
    assert fetched.source_kind == "url" and fetched.text.startswith(FIRST_SENTENCE)
    assert fetched.title == "U.S. stocks plummet amid global sell-off"  # the page's own title wins


# --- WARC ---------------------------------------------------------------------------------------

def test_warc_reads_html_responses_only():
    path = DATA / "wikinews.warc.gz"
    articles, errors = split(list(read_warc(path, str(path))))
    assert not errors
    assert [a.origin for a in articles] == [f"{path}#record-{n}" for n in (3, 4, 5)]
    first, corrected, other = articles
    assert first.url == corrected.url == URL_61327 and first.source_kind == "warc"
    assert first.retrieved == "2007-02-27T12:00:00Z" and corrected.retrieved == "2007-02-28T12:00:00Z"
    assert first.id == article_from_html(PAGE.read_bytes(), source="p").id  # the same page as the HTML file
    assert corrected.text.endswith("it has been updated.") and first.id != corrected.id
    assert other.title == "Stock markets worldwide fall dramatically"


def _warc_record(body: bytes, url: str = "http://news.example/a") -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
    writer.write_record(record)
    record.raw_stream.close()  # warcio buffers the block in a temporary file
    return buf.getvalue()


def _bomb(prefix: bytes, zeros: int) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = c.compress(prefix)
    chunk = b"\0" * (1 << 20)
    for _ in range(zeros // len(chunk)):
        out += c.compress(chunk)
    return out + c.flush()


def test_warc_decompression_bomb_is_refused_and_earlier_records_kept(tmp_path: Path):
    good = gzip.compress(_warc_record(b"<p>" + FIRST_SENTENCE.encode() + b".</p>"), mtime=0)
    bomb = _bomb(b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://x/\r\nContent-Type: text/html\r\n"
                 b"Content-Length: 10\r\n\r\n<p>hi</p>\n", 200 << 20)  # 200 MiB of zeros after the record
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(good + bomb)
    articles, errors = split(list(read_warc(path, str(path))))
    assert [a.text for a in articles] == [FIRST_SENTENCE + ".", "hi"]  # the records before the bomb
    (error,) = errors
    assert error.input == str(path) and "decompression bomb" in error.message and "after record 2" in error.message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "an archive with no records"),
        (b"WARC/1.0\r\nbroken", "a record without a WARC-Type header"),
        (b"HELLO/1.0\r\n\r\n", "not a readable WARC/ARC file"),
        (gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n", mtime=0)[:-12], "truncated"),
        (b"\x1f\x8b\x08\x00garbage-not-deflate", "not valid gzip data"),
    ],
    ids=["empty", "broken-header", "not-warc", "truncated-gzip", "bad-gzip"],
)
def test_bad_warc_is_an_input_error(tmp_path: Path, data: bytes, message: str):
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data)
    _, errors = split(list(read_warc(path, str(path))))
    assert len(errors) == 1 and message in errors[0].message


def test_warc_oversized_record_is_its_own_error(tmp_path: Path):
    big = b"<p>" + b"word " * 3000 + b"</p>"
    path = tmp_path / "big.warc"
    path.write_bytes(_warc_record(big, "http://news.example/big") + _warc_record(b"<p>Small one, said he.</p>"))
    articles, errors = split(list(read_warc(path, str(path), max_record=4096)))
    assert [a.text for a in articles] == ["Small one, said he."]
    assert errors[0].input == f"{path}#record-1" and "too large" in errors[0].message


# --- limits -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["story.txt.gz", "page.html.gz", "a.jsonl.gz"])
def test_gzip_bombs_are_refused_naming_the_input(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(_bomb(b"", 300 << 20))
    _, errors = split(list(read_inputs([path])))
    (error,) = errors
    assert error.input == str(path)
    assert "decompression bomb" in error.message or "too large" in error.message


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch):
    import claimgraph.ingest.limits as limits

    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    with pytest.raises(InputError, match=r"input too large \(0.0 MiB; the limit is 0 MiB\)"):
        read_document(path, str(path), limit=1000)
    monkeypatch.setattr(limits, "MAX_DOCUMENT_BYTES", 1000)
    monkeypatch.setattr(read_document, "__defaults__", (1000,))
    _, errors = split(list(read_inputs([path])))
    assert errors[0].input == str(path) and "too large" in errors[0].message


def test_gzip_text_is_read(tmp_path: Path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(FIRST_SENTENCE.encode(), mtime=0))
    (article,) = read_inputs([path])
    assert article.text == FIRST_SENTENCE


def test_guarded_gzip_reads_many_members():
    data = gzip.compress(b"one ", mtime=0) + gzip.compress(b"two", mtime=0) + b"\0" * 8
    assert GuardedGzip(io.BytesIO(data), "x").read() == b"one two"


# --- URLs ---------------------------------------------------------------------------------------

def site(pages: dict[str, bytes], robots: bytes = b"", seen: list | None = None, fail: dict | None = None):
    """A MockTransport handler serving `pages` by path, robots.txt, and `fail[path]` errors first."""
    fail = dict(fail or {})

    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append((request.url.path, request.headers.get("user-agent")))
        path = request.url.path
        if fail.get(path):
            kind = fail[path].pop(0)
            if isinstance(kind, int):
                return httpx.Response(kind)
            raise kind("boom", request=request)
        if path == "/robots.txt":
            return httpx.Response(200, content=robots) if robots else httpx.Response(404)
        if path == "/moved":
            return httpx.Response(301, headers={"location": "/wiki/page"})
        if path == "/loop":
            return httpx.Response(302, headers={"location": "/loop"})
        if path == "/image.png":
            return httpx.Response(200, content=b"\x89PNG", headers={"content-type": "image/png"})
        if path == "/feed":
            return httpx.Response(200, content=(DATA / "wikinews.atom").read_bytes(),
                                  headers={"content-type": "application/atom+xml"})
        if path in pages:
            return httpx.Response(200, content=pages[path], headers={"content-type": "text/html; charset=utf-8"})
        return httpx.Response(404)

    return handler


def fetcher_for(handler, **kw) -> Fetcher:
    return Fetcher(transport=httpx.MockTransport(handler), sleep=kw.pop("sleep", lambda s: None), **kw)


def test_url_list_fetched_with_user_agent_and_robots():
    pages = {"/" + p.name: p.read_bytes() for p in DATA.glob("wikinews_*.html")}
    seen: list = []
    with fetcher_for(site(pages, seen=seen)) as fetcher:
        articles, errors = split(list(read_inputs([DATA / "localhost.urls"], fetcher=fetcher)))
    assert not errors
    assert [a.url for a in articles] == [URL_61327,  # the page's canonical link
                                         "http://en.wikinews.org/wiki/Sub-prime_lenders_send_jitters_through_global_markets"]
    assert [a.origin for a in articles] == ["http://127.0.0.1:8765/wikinews_61327.html",
                                            "http://127.0.0.1:8765/wikinews_62405.html"]
    assert all(a.source_kind == "url" and a.retrieved for a in articles)
    assert articles[0].id == article_from_html(PAGE.read_bytes(), source="p").id
    assert [p for p, _ in seen] == ["/robots.txt", "/wikinews_61327.html", "/wikinews_62405.html"]  # robots once
    assert {ua for _, ua in seen} == {USER_AGENT}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://news.example/private/x", "robots.txt forbids"),
        ("http://news.example/gone", "HTTP 404"),
        ("http://news.example/image.png", "image/png, not a web page"),
        ("http://news.example/loop", "more than 5 redirects"),
    ],
    ids=["robots", "404", "content-type", "redirect-loop"],
)
def test_url_errors(url: str, message: str):
    robots = b"User-agent: *\nDisallow: /private/\n"
    with fetcher_for(site({}, robots=robots)) as fetcher:
        _, errors = split(list(read_url(url, fetcher)))
    assert len(errors) == 1 and message in errors[0].message and errors[0].input == url


def test_url_redirect_followed_and_feed_url_read_as_feed():
    with fetcher_for(site({"/wiki/page": PAGE.read_bytes()})) as fetcher:
        (page,) = read_url("http://news.example/moved", fetcher)
        feed = list(read_url("http://news.example/feed", fetcher))
    assert page.origin == "http://news.example/wiki/page" and page.text.startswith(FIRST_SENTENCE)
    assert len(feed) == 2 and all(a.source_kind == "url" for a in feed)


def test_url_retries_with_backoff_then_succeeds():
    waits: list[float] = []
    fail = {"/wiki/page": [503, httpx.ConnectTimeout, 429]}
    with fetcher_for(site({"/wiki/page": PAGE.read_bytes()}, fail=fail), sleep=waits.append) as fetcher:
        (article,) = read_url("http://news.example/wiki/page", fetcher)
    assert article.text.startswith(FIRST_SENTENCE)
    assert waits == [1.0, 2.0, 4.0]


def test_url_gives_up_after_retries():
    fail = {"/wiki/page": [httpx.ConnectError] * 10}
    with fetcher_for(site({"/wiki/page": PAGE.read_bytes()}, fail=fail)) as fetcher:
        (error,) = read_url("http://news.example/wiki/page", fetcher)
    assert isinstance(error, InputError) and "after 4 tries" in error.message


def test_url_body_over_the_cap_is_refused():
    with fetcher_for(site({"/wiki/page": PAGE.read_bytes()}), max_bytes=1000) as fetcher:
        (error,) = read_url("http://news.example/wiki/page", fetcher)
    assert isinstance(error, InputError) and "response too large" in error.message


# --- fuzzing: malformed input gives an Article or an InputError, nothing else --------------------

# 40 examples a test keeps `make test` quick; CLAIMGRAPH_FUZZ_EXAMPLES=1000 runs a longer campaign
FUZZ = settings(max_examples=int(os.environ.get("CLAIMGRAPH_FUZZ_EXAMPLES", "40")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
SEEDS = {
    "html": PAGE.read_bytes(),
    "feed": (DATA / "wikinews.rss").read_bytes(),
    "atom": (DATA / "wikinews.atom").read_bytes(),
    "warc": gzip.decompress((DATA / "wikinews.warc.gz").read_bytes()),
    "warcgz": (DATA / "wikinews.warc.gz").read_bytes(),
    "jsonl": (json.dumps({"doc": "a", "text": FIRST_SENTENCE, "published": "2007-02-27"}) + "\n").encode(),
    "txt": FIRST_SENTENCE.encode(),
}


@st.composite
def mangled(draw, seed: bytes) -> bytes:
    """The seed cut, spliced with random bytes, or with a stretch duplicated or deleted."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["cut", "insert", "flip", "delete", "dup"]))
        i = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "cut":
            data = data[:i]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=64))
        elif op == "flip" and data:
            data[i] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[i:i + draw(st.integers(1, 200))]
        elif op == "dup":
            data[i:i] = data[i:i + draw(st.integers(1, 200))]
    return bytes(data)


def _only_articles_or_errors(items) -> None:
    for item in items:
        assert isinstance(item, Article | InputError), type(item)


@FUZZ
@given(data=st.one_of(mangled(SEEDS["html"]), st.binary(max_size=512)))
def test_fuzz_html(data: bytes):
    try:
        _only_articles_or_errors([article_from_html(data, source="f.html")])
    except InputError:
        pass


@FUZZ
@given(data=st.one_of(mangled(SEEDS["feed"]), mangled(SEEDS["atom"]), st.binary(max_size=512)))
def test_fuzz_feed(data: bytes):
    _only_articles_or_errors(read_feed(data, "f.xml"))


@pytest.mark.parametrize("seed", ["warc", "warcgz"])
def test_fuzz_warc(tmp_path_factory, seed: str):
    @FUZZ
    @given(data=st.one_of(mangled(SEEDS[seed]), st.binary(max_size=512)))
    def run(data: bytes):
        path = tmp_path_factory.mktemp("w") / "f.warc.gz"
        path.write_bytes(data)
        _only_articles_or_errors(read_warc(path, str(path)))

    run()


@pytest.mark.parametrize("name", ["f.jsonl", "f.txt", "f.md", "f.html", "f.rss", "f.warc"])
def test_fuzz_every_kind_through_read_inputs(tmp_path_factory, name: str):
    """The whole dispatcher (detection included) on mangled seeds of every kind, under any file name."""
    seeds = list(SEEDS.values())

    @FUZZ
    @given(data=st.sampled_from(seeds).flatmap(mangled))
    def run(data: bytes):
        path = tmp_path_factory.mktemp("f") / name
        path.write_bytes(data)
        for item in read_inputs([path]):
            assert isinstance(item, Article | InputError)
            if isinstance(item, InputError):
                assert "claimgraph bug" not in (item.hint or ""), item  # no reader raised past its contract

    run()


@FUZZ
@given(data=mangled(SEEDS["jsonl"] * 3))
def test_fuzz_jsonl(tmp_path_factory, data: bytes):
    path = tmp_path_factory.mktemp("j") / "f.jsonl"
    path.write_bytes(data)
    _only_articles_or_errors(read_jsonl(path))
