"""Build the bundled demo corpus in samples/ from the shared corpus (../shared/corpus).

    python scripts/make_samples.py [--corpus ../shared/corpus] [--out samples]

Writes samples/wcep-north-korea-russia-ukraine.jsonl (articles JSONL), samples/wikinews/*.md
(Markdown with front matter), samples/README.md and the two licence notices, then reads everything
back with claimgraph.ingest to check it. The output depends only on the input files.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimgraph.errors import InputError  # noqa: E402
from claimgraph.ingest import read_inputs  # noqa: E402

WCEP = "wcep_portal_2025_2026"
WIKINEWS = "wikinews_timeline_semeval2015"
WCEP_FILE = "wcep-north-korea-russia-ukraine.jsonl"
WCEP_OUTLET = "Wikipedia Current Events Portal"
WCEP_WINDOW = ("2024-10-01", "2025-06-30")  # the corpus itself starts on 2025-01-01
WIKINEWS_COUNT = 10
CC_BY_SA_4 = "https://creativecommons.org/licenses/by-sa/4.0/"
CC_BY_2_5 = "https://creativecommons.org/licenses/by/2.5/"


def wcep_rows(corpus: Path) -> list[dict]:
    """All North Korea events, plus Russia/Ukraine events in the window or mentioning North Korea."""
    folder = corpus / WCEP
    north_korea = [json.loads(line) for line in (folder / "subset_north_korea.jsonl").open(encoding="utf-8")]
    russia_ukraine = [json.loads(line) for line in
                      (folder / "subset_russia_ukraine.jsonl").open(encoding="utf-8")]
    events: dict[str, dict] = {e["event_id"]: e for e in north_korea}
    for e in russia_ukraine:
        if WCEP_WINDOW[0] <= e["date"] <= WCEP_WINDOW[1] or "North Korea" in e["text"]:
            events.setdefault(e["event_id"], e)
    rows = []
    for e in sorted(events.values(), key=lambda e: (e["date"], e["event_id"])):
        rows.append({
            "doc": e["event_id"],
            "text": e["text"],
            "published": e["date"],
            "title": e["story_path"][-1] if e["story_path"] else None,
            "outlet": WCEP_OUTLET,
            "url": e["sources"][0]["url"] if e["sources"] else None,
        })
    return rows


def speech_score(text: str) -> int:
    """How much reported speech an article holds: said, according to, and quotations."""
    quotes = (text.count('"') + text.count("\u201c") + text.count("\u201d")) // 2
    return text.count(" said") + text.count("according to") + quotes


def wikinews_articles(corpus: Path) -> list[dict]:
    path = corpus / WIKINEWS / "articles.jsonl"
    articles = [json.loads(line) for line in path.open(encoding="utf-8")]
    articles.sort(key=lambda a: (-speech_score(a["text"]), a["doc_id"]))
    return articles[:WIKINEWS_COUNT]


def slug(title: str, limit: int = 60) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", title.lower()).split()
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out


def escape_markdown(text: str) -> str:
    """Backslash-escape what claimgraph's Markdown reader would otherwise treat as markup."""
    text = re.sub(r"([\\`*_\[\]<~])", r"\\\1", text)
    return re.sub(r"(?m)^([ \t]*)([#>+=-])", r"\1\\\2", text)


def wikinews_markdown(article: dict) -> str:
    title, url = article["title"], article["url"]
    return (
        "---\n"
        f"title: {title}\n"
        f"date: {article['date']}\n"
        f"url: {url}\n"
        "outlet: Wikinews\n"
        f"license: CC BY 2.5 ({CC_BY_2_5})\n"
        f"attribution: Wikinews contributors, {url}\n"
        f"source: ../shared/corpus/{WIKINEWS}/articles.jsonl doc_id {article['doc_id']}\n"
        "---\n\n"
        f"# {escape_markdown(title)}\n\n"
        f"{escape_markdown(article['text'].strip())}\n"
    )


def readme(rows: list[dict], articles: list[dict], names: list[str], provenance: dict[str, str]) -> str:
    nk = sum("North Korea" in r["text"] for r in rows)
    first, last = rows[0]["published"], rows[-1]["published"]
    listing = "\n".join(
        f"| `wikinews/{name}` | {a['date']} | {a['title']} | {a['url']} |"
        for a, name in zip(articles, names, strict=True)
    )
    return f"""# Demo corpus

Real, openly licensed news text for `make demo` (`claimgraph ingest samples/`) and for tests.
Built by `python scripts/make_samples.py` from `../shared/corpus/`; rerun it to rebuild this
folder. This README and the `LICENSE-*` files are not articles: `claimgraph ingest` skips them.

## `{WCEP_FILE}`

Wikipedia Current Events Portal: {len(rows)} one-paragraph event summaries dated {first} .. {last},
{nk} of them naming North Korea, as articles JSONL (one object a line: `doc`, `text`,
`published`, `title`, `outlet`, `url`).

- From `../shared/corpus/{WCEP}/`: every event of `subset_north_korea.jsonl`, plus
  the events of `subset_russia_ukraine.jsonl` dated {WCEP_WINDOW[0]} .. {WCEP_WINDOW[1]} (the
  portal pages there start on 2025-01-01) or mentioning "North Korea", each once by `event_id`.
- Upstream: Wikipedia "Portal:Current events" daily pages, as scraped by
  {provenance[WCEP]}.
- Changes: `doc` is the event id, `text` the summary as written, `published` the portal date,
  `title` the innermost story heading (null when the portal gives none), `outlet`
  "{WCEP_OUTLET}", `url` the first outlet the summary cites (the outlets'
  articles are not included, only linked).
- Licence: CC BY-SA 4.0, {CC_BY_SA_4} (notice in `LICENSE-CC-BY-SA-4.0.txt`).
  Share-alike applies to this file.
- Attribution: Wikipedia contributors, "Portal:Current events",
  https://en.wikipedia.org/wiki/Portal:Current_events

## `wikinews/`

{len(articles)} English Wikinews articles, one Markdown file each, named `<doc_id>-<slug>.md`, with
front matter (title, date, url, outlet, licence, attribution): the articles of the SemEval-2015
TimeLine corpus with the most reported speech (counts of " said", "according to" and pairs of
quotation marks).

- From `../shared/corpus/{WIKINEWS}/articles.jsonl`.
- Upstream: SemEval-2015 Task 4 "TimeLine: Cross-Document Event Ordering" (FBK, VUA, EHU),
  English Wikinews text, as distributed in
  {provenance[WIKINEWS]}.
- Changes: the text is as the corpus gives it, one sentence a line, with its tokenisation
  artefacts (for example `US$ 40 billion`); Markdown special characters are backslash-escaped.
- Licence: CC BY 2.5, {CC_BY_2_5} (notice in `LICENSE-CC-BY-2.5.txt`).
- Attribution: Wikinews contributors, and each article's URL:

| file | date | title | source |
|---|---|---|---|
{listing}
"""


def licence_notice(name: str, url: str, applies_to: str, attribution: str) -> str:
    return f"""{name}
{url}

Applies to: {applies_to}

Attribution: {attribution}

This is a notice, not the licence text. The full legal code is at
{url}legalcode
You may share and adapt the material under the terms of that licence, giving the attribution above,
a link to the licence, and saying whether changes were made (samples/README.md lists them).
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "samples")
    args = parser.parse_args()
    corpus, out = args.corpus, args.out

    provenance = {
        folder: (corpus / folder / "raw" / "PROVENANCE.txt").read_text(encoding="utf-8").split(" (")[0]
        .split(" path")[0].strip()
        for folder in (WCEP, WIKINEWS)
    }
    rows = wcep_rows(corpus)
    out.mkdir(parents=True, exist_ok=True)
    with (out / WCEP_FILE).open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")

    articles = wikinews_articles(corpus)
    wikinews = out / "wikinews"
    wikinews.mkdir(exist_ok=True)
    for old in wikinews.glob("*.md"):
        old.unlink()
    names = []
    for article in articles:
        name = f"{article['doc_id']}-{slug(article['title'])}.md"
        (wikinews / name).write_text(wikinews_markdown(article), encoding="utf-8", newline="\n")
        names.append(name)

    (out / "README.md").write_text(readme(rows, articles, names, provenance), encoding="utf-8")
    (out / "LICENSE-CC-BY-SA-4.0.txt").write_text(licence_notice(
        "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)", CC_BY_SA_4,
        WCEP_FILE, 'Wikipedia contributors, "Portal:Current events", '
                   "https://en.wikipedia.org/wiki/Portal:Current_events"), encoding="utf-8")
    (out / "LICENSE-CC-BY-2.5.txt").write_text(licence_notice(
        "Creative Commons Attribution 2.5 Generic (CC BY 2.5)", CC_BY_2_5, "wikinews/*.md",
        "Wikinews contributors, https://en.wikinews.org/ (each file's front matter gives the "
        "article's URL)"), encoding="utf-8")

    # Read it all back: every file must ingest, and the Markdown must give back the corpus text.
    expected = {a["url"]: a for a in articles}
    read = list(read_inputs([out]))
    errors = [x for x in read if isinstance(x, InputError)]
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    for article in read:
        if not isinstance(article, InputError) and article.url in expected:
            source = expected[article.url]
            assert article.text == source["text"].strip(), f"{article.origin}: text does not round-trip"
            assert article.title == source["title"], f"{article.origin}: title does not round-trip"
    count = len(read) - len(errors)
    assert count == len(rows) + len(articles), f"read {count} articles, wrote {len(rows) + len(articles)}"
    print(f"{out}: {len(rows)} WCEP events in {WCEP_FILE}, {len(articles)} Wikinews articles in wikinews/")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
