"""Build the source fixtures in tests/data/sources/ from real Wikinews articles in ../shared/corpus/.

Usage: python scripts/make_fixtures.py [../shared/corpus]

Text, titles, dates and URLs are real (Wikinews, CC BY 2.5); the HTML template, the feeds' channel
data, the HTTP and WARC headers, the "wire copy" edits and the "correction" paragraph are made here.
Deterministic: rerunning it rewrites the same bytes (fixed dates, record ids and gzip mtimes).
"""

from __future__ import annotations

import gzip
import html
import io
import json
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "sources"
ATTRIBUTION = ("From Wikinews, the free news source (en.wikinews.org). Text licensed CC BY 2.5 "
               "(https://creativecommons.org/licenses/by/2.5/); attribution: Wikinews contributors.")
DOCS = ("61327", "62405", "76437", "82738", "96770", "113219")
LOCAL = "http://127.0.0.1:8765"  # where README's `python -m http.server` serves this folder
CORRECTION = ("Correction: an earlier version of this article misstated the size of the Dow Jones "
              "decline; it has been updated.")


def page(doc: dict, *, outlet: str = "Wikinews, the free news source", paragraphs: list[str] | None = None,
         url: str | None = None) -> bytes:
    paras = paragraphs if paragraphs is not None else [p for p in doc["text"].split("\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paras)
    title = html.escape(doc["title"])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} - {html.escape(outlet)}</title>
<link rel="canonical" href="{html.escape(url or doc['url'])}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{doc['date']}T00:00:00Z">
<script>var tracking = "not article text";</script>
</head><body>
<nav>Main page | Latest news | Random article</nav>
<article><h1>{title}</h1>
<time datetime="{doc['date']}">{doc['date']}</time>
{body}
</article>
<footer><small>{html.escape(ATTRIBUTION)}</small></footer>
</body></html>
""".encode()


def rfc822(day: str) -> str:
    from datetime import date
    from email.utils import format_datetime

    d = date.fromisoformat(day)
    from datetime import UTC, datetime

    return format_datetime(datetime(d.year, d.month, d.day, tzinfo=UTC))


def rss(docs: dict[str, dict]) -> bytes:
    full, local, remote = docs["76437"], docs["62405"], docs["82738"]
    content = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in full["text"].split("\n") if p.strip())
    items = [
        f"""  <item>
    <title>{html.escape(full['title'])}</title>
    <link>{full['url']}</link>
    <guid isPermaLink="true">{full['url']}</guid>
    <pubDate>{rfc822(full['date'])}</pubDate>
    <description>{html.escape(full['text'].split(chr(10))[0])}</description>
    <content:encoded><![CDATA[{content}]]></content:encoded>
  </item>""",
        f"""  <item>
    <title>{html.escape(local['title'])}</title>
    <link>wikinews_62405.html</link>
    <pubDate>{rfc822(local['date'])}</pubDate>
    <description>{html.escape(local['text'].split(chr(10))[0])}</description>
  </item>""",
        f"""  <item>
    <title>{html.escape(remote['title'])}</title>
    <link>{remote['url']}</link>
    <pubDate>{rfc822(remote['date'])}</pubDate>
    <description>{html.escape(remote['text'].split(chr(10))[0])}</description>
  </item>""",
    ]
    return ("""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Wikinews markets</title>
  <link>https://en.wikinews.org/</link>
  <description>""" + html.escape(ATTRIBUTION) + """</description>
  <language>en</language>
""" + "\n".join(items) + "\n</channel>\n</rss>\n").encode()


def atom(docs: dict[str, dict]) -> bytes:
    entries = []
    for doc_id in ("96770", "113219"):
        doc = docs[doc_id]
        content = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in doc["text"].split("\n") if p.strip())
        entries.append(f"""  <entry>
    <title>{html.escape(doc['title'])}</title>
    <link href="{doc['url']}"/>
    <id>{doc['url']}</id>
    <updated>{doc['date']}T00:00:00Z</updated>
    <content type="html">{html.escape(content)}</content>
  </entry>""")
    return ("""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Wikinews world markets</title>
  <id>https://en.wikinews.org/</id>
  <updated>2008-09-17T00:00:00Z</updated>
  <rights>""" + html.escape(ATTRIBUTION) + """</rights>
""" + "\n".join(entries) + "\n</feed>\n").encode()


def warc(docs: dict[str, dict]) -> bytes:
    """warcinfo; a request and its response; a later capture of the same URL with a correction; a second
    page; a 404; a PNG. One gzip member per record, fixed dates and ids."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    counter = iter(range(1, 100))

    def ids(date: str) -> dict[str, str]:
        return {"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{next(counter):012d}>", "WARC-Date": date}

    info = writer.create_warcinfo_record("wikinews.warc.gz", {"software": "claimgraph scripts/make_fixtures.py",
                                                                "description": ATTRIBUTION})
    for k, v in ids("2024-01-01T00:00:00Z").items():
        info.rec_headers.replace_header(k, v)
    writer.write_record(info)

    def response(url: str, body: bytes, date: str, status: str = "200 OK", ctype: str = "text/html; charset=utf-8"):
        http = StatusAndHeaders(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))],
                                protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                        warc_headers_dict=ids(date))
        writer.write_record(rec)
        rec.raw_stream.close()

    first = docs["61327"]
    req = StatusAndHeaders("GET /wiki/x HTTP/1.1", [("Host", "en.wikinews.org")], is_http_request=True)
    rec = writer.create_warc_record(first["url"], "request", payload=io.BytesIO(b""), http_headers=req,
                                    warc_headers_dict=ids("2007-02-27T12:00:00Z"))
    writer.write_record(rec)
    rec.raw_stream.close()
    response(first["url"], page(first), "2007-02-27T12:00:00Z")
    paras = [p for p in first["text"].split("\n") if p.strip()] + [CORRECTION]
    response(first["url"], page(first, paragraphs=paras), "2007-02-28T12:00:00Z")
    response(docs["113219"]["url"], page(docs["113219"]), "2008-09-17T12:00:00Z")
    response("http://en.wikinews.org/wiki/No_such_page", b"<html><body><p>Not found</p></body></html>",
             "2008-09-17T12:00:01Z", status="404 Not Found")
    response("http://en.wikinews.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "2008-09-17T12:00:02Z",
             ctype="image/png")
    return buf.getvalue()


def wire_copy(doc: dict) -> bytes:
    """The article as a syndicating outlet runs it: a dateline and a byline added, the last paragraph cut."""
    paras = [p for p in doc["text"].split("\n") if p.strip()]
    edited = ["NEW YORK (Example Wire) — " + paras[0], *paras[1:-1], "Reporting by Example Wire staff."]
    return page(doc, outlet="Example Daily", paragraphs=edited, url="https://daily.example/markets/stocks-plummet")


def main(corpus: Path) -> None:
    rows = [json.loads(line) for line in
            (corpus / "wikinews_timeline_semeval2015" / "articles.jsonl").open(encoding="utf-8")]
    docs = {r["doc_id"]: r for r in rows if r["doc_id"] in DOCS}
    OUT.mkdir(parents=True, exist_ok=True)
    files = {
        "wikinews_61327.html": page(docs["61327"]),
        "wikinews_62405.html": page(docs["62405"]),
        "wire_copy_61327.html": wire_copy(docs["61327"]),
        "wikinews.rss": rss(docs),
        "wikinews.atom": atom(docs),
        "wikinews.warc.gz": warc(docs),
        "localhost.urls": (f"# pages of this folder, as README's `python -m http.server` serves them\n"
                           f"{LOCAL}/wikinews_61327.html\n{LOCAL}/wikinews_62405.html\n").encode(),
    }
    for name, data in files.items():
        (OUT / name).write_bytes(data)
        print(f"wrote {OUT.relative_to(ROOT) / name} ({len(data)} bytes)")
    assert gzip.decompress(files["wikinews.warc.gz"])  # every member is valid gzip


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus")
