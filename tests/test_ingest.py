"""ingest/: files, Markdown and articles JSONL to Article records; bad inputs become InputErrors.

Good cases use real news text from samples/ (Wikipedia Current Events Portal, CC BY-SA 4.0;
Wikinews, CC BY 2.5; see samples/README.md). Bad inputs are generated in tmp_path.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest import iter_paths, markdown_to_text, read_inputs
from claimgraph.models import Article, article_id_for

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
WCEP = SAMPLES / "wcep-north-korea-russia-ukraine.jsonl"
WIKINEWS = SAMPLES / "wikinews"

# Real sentences from samples/ (Wikipedia contributors, "Portal:Current events", CC BY-SA 4.0).
NK_TROOPS = ("North Korea has sent 3,000 more soldiers to bolster Russia’s war on Ukraine, "
             "South Korea’s military says.")
UNGA_VOTE = ("The United Nations General Assembly votes 93–18, with 65 abstentions, to pass a resolution "
             "condemning Russia's war against Ukraine. The 18 countries that voted against include the "
             "United States, Russia, Israel, Belarus, and North Korea.")


def _wcep_rows() -> list[dict]:
    return [json.loads(line) for line in WCEP.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(UNGA_VOTE + "\n", encoding="utf-8")
    return path


def _split(items: list) -> tuple[list[Article], list[InputError]]:
    articles = [x for x in items if isinstance(x, Article)]
    errors = [x for x in items if isinstance(x, InputError)]
    assert len(articles) + len(errors) == len(items)
    return articles, errors


def _one_error_and_good(items: list, good_file: Path) -> InputError:
    """The run went on past the bad input: one error, and the good file still read."""
    articles, errors = _split(items)
    assert len(errors) == 1, errors
    assert [a.origin for a in articles] == [str(good_file)]
    assert articles[0].text == UNGA_VOTE + "\n"
    error = errors[0]
    assert error.hint
    assert str(error).startswith(f"{error.input}: ")
    return error


# --- plain text: decoding and bad files ---------------------------------------------------------

def test_ingest_text_file_verbatim(good_file: Path):
    (article,) = read_inputs([good_file], published=date(2025, 2, 24), outlet="Wikipedia")
    assert article.text == UNGA_VOTE + "\n"
    assert article.id == article_id_for(UNGA_VOTE)
    assert (article.origin, article.published, article.outlet, article.title) == (
        str(good_file), date(2025, 2, 24), "Wikipedia", None)


def test_ingest_single_path_string(good_file: Path):
    (article,) = read_inputs(str(good_file))  # a lone str is one path, not its characters
    assert article.origin == str(good_file)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xef\xbb\xbf" + UNGA_VOTE.encode(), UNGA_VOTE),  # UTF-8 BOM dropped
        (UNGA_VOTE.replace(". ", ".\r\n").encode(), UNGA_VOTE.replace(". ", ".\n")),  # CRLF
        (UNGA_VOTE.replace(". ", ".\r").encode(), UNGA_VOTE.replace(". ", ".\n")),  # old Mac CR
    ],
    ids=["utf8-bom", "crlf", "cr"],
)
def test_ingest_text_utf8_variants(tmp_path: Path, raw: bytes, expected: str):
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    (article,) = read_inputs([path])
    assert article.text == expected


@pytest.mark.parametrize(
    ("text", "encoding", "logged"),
    [
        ("café – “quoted”", "cp1252", "cp1252"),
        (f"{NK_TROOPS} The café – “quoted” – was closed.\n", "cp1252", "cp1252"),
        ("Le café de la Gare, où l'on dîne. Zoë said the naïve plan would fail.\n", "latin-1", "cp1252"),
        (NK_TROOPS, "utf-16", "utf-16-le"),
    ],
    ids=["cp1252-short", "cp1252-news", "latin-1", "utf-16-bom"],
)
def test_ingest_text_legacy_encoding_decoded_with_warning(
    tmp_path: Path, good_file: Path, caplog: pytest.LogCaptureFixture, text: str, encoding: str, logged: str
):
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    with caplog.at_level(logging.WARNING, logger="claimgraph.ingest"):
        articles, errors = _split(list(read_inputs([path, good_file])))
    assert not errors
    assert articles[0].text == text
    assert any(str(path) in r.getMessage() and logged in r.getMessage() for r in caplog.records)


def _random_high_bytes() -> bytes:
    rng = random.Random(20250327)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(400))


@pytest.mark.parametrize(
    ("name", "raw", "message", "hint_has"),
    [
        ("empty.txt", b"", "empty file", "no text"),
        ("blank.txt", b" \n\t\r\n  \n", "empty file", "no text"),
        ("bom-only.md", b"\xef\xbb\xbf\n", "empty file", "no text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file, not text", "PNG"),
        ("story.txt.gz", gzip.compress(gzip.compress(UNGA_VOTE.encode(), mtime=0), mtime=0),
         "binary file, not text", "gunzip"),  # one gzip layer is read (test_sources), a second is not
        ("nul.txt", b"North Korea\x00\x00\x01\x02 said", "binary file, not text", "NUL"),
        ("controls.txt", bytes(range(1, 9)) * 20 + b"text", "binary file, not text", "control"),
        ("noise.txt", _random_high_bytes(),
         "not UTF-8 text and its encoding could not be identified", "iconv -f <encoding> -t utf-8"),
    ],
    ids=["empty", "whitespace", "bom-only", "png", "gzip-in-gzip", "nul", "control-bytes", "undecodable"],
)
def test_ingest_bad_file_reported_and_run_goes_on(
    tmp_path: Path, good_file: Path, name: str, raw: bytes, message: str, hint_has: str
):
    bad = tmp_path / name
    bad.write_bytes(raw)
    error = _one_error_and_good(list(read_inputs([bad, good_file])), good_file)
    assert error.input == str(bad)
    assert error.message == message
    assert hint_has in error.hint


def test_ingest_missing_path(tmp_path: Path, good_file: Path):
    missing = tmp_path / "nope" / "article.txt"
    error = _one_error_and_good(list(read_inputs([missing, good_file])), good_file)
    assert (error.input, error.message, error.hint) == (str(missing), "no such file or directory",
                                                       "check the path")


def test_ingest_explicit_unknown_suffix_read_as_text(tmp_path: Path):
    path = tmp_path / "story.news"
    path.write_text(NK_TROOPS, encoding="utf-8")
    (article,) = read_inputs([path])
    assert article.text == NK_TROOPS


# --- discovery ----------------------------------------------------------------------------------

def test_ingest_directory_walk_skips_hidden_readme_licence(tmp_path: Path):
    corpus = tmp_path / "corpus"
    for rel, text in {
        "b.txt": UNGA_VOTE,
        "a.md": f"# Troops\n\n{NK_TROOPS}",
        "sub/deeper/c.text": "Deep story said here.",
        "sub/d.markdown": "Another story.",
        "sub/e.jsonl": json.dumps({"doc": "e1", "text": "A JSONL story."}),
        "README.md": "# About this corpus\n\nDemo articles.",
        "readme.txt": "about",
        "LICENSE": "CC BY-SA 4.0",
        "LICENSE-CC-BY-2.5.txt": "CC BY 2.5",
        "sub/ATTRIBUTION.md": "Wikinews contributors",
        "NOTICE.txt": "notice",
        ".hidden.txt": "hidden",
        ".git/f.txt": "hidden dir",
        "notes.csv": "a,b",
        "data.json": "{}",
    }.items():
        path = corpus / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    found = [p.relative_to(corpus).as_posix() for p in iter_paths([corpus])]
    assert found == ["a.md", "b.txt", "sub/d.markdown", "sub/deeper/c.text", "sub/e.jsonl"]
    # named twice, or a directory and a file in it: each file is read once
    items = list(read_inputs([corpus, corpus / "b.txt", corpus]))
    articles, errors = _split(items)
    assert not errors
    assert [a.text for a in articles] == [NK_TROOPS, UNGA_VOTE, "Another story.", "Deep story said here.",
                                          "A JSONL story."]
    assert articles[0].title == "Troops"
    assert articles[-1].origin == f"{corpus / 'sub' / 'e.jsonl'}:1"
    # a skipped name is still read when it is named explicitly
    (readme,) = read_inputs([corpus / "README.md"])
    assert readme.title == "About this corpus"


def test_ingest_directory_without_articles(tmp_path: Path, good_file: Path):
    empty = tmp_path / "empty"
    (empty / ".cache").mkdir(parents=True)
    (empty / "README.md").write_text("nothing here", encoding="utf-8")
    error = _one_error_and_good(list(read_inputs([empty, good_file])), good_file)
    assert error.input == str(empty)
    assert ".jsonl" in error.hint


# --- Markdown -----------------------------------------------------------------------------------

def test_ingest_markdown_front_matter_and_title(tmp_path: Path):
    path = tmp_path / "story.md"
    path.write_text(
        "---\n"
        'title: "UN General Assembly condemns Russia"\n'
        "date: 2025-02-24T18:00:00-05:00\n"
        "url: https://en.wikipedia.org/wiki/Portal:Current_events/2025_February_24\n"
        "tags: [un, ukraine]\n"
        "---\n\n"
        "# United Nations General Assembly vote\n\n"
        f"{UNGA_VOTE}\n",
        encoding="utf-8",
    )
    (article,) = read_inputs([path], published=date(2000, 1, 1), outlet="Wikipedia")
    assert article.text == UNGA_VOTE
    assert article.title == "UN General Assembly condemns Russia"  # front matter wins over "# ..."
    assert article.published == date(2025, 2, 24)  # front matter wins over the option; date as written
    assert article.outlet == "Wikipedia"  # the option fills what the front matter does not give
    assert article.url.endswith("2025_February_24")


def test_ingest_markdown_heading_title_without_front_matter(tmp_path: Path):
    path = tmp_path / "story.md"
    path.write_text(f"# North Korean troops\n\n{NK_TROOPS}\n", encoding="utf-8")
    (article,) = read_inputs([path], published=date(2025, 3, 27))
    assert (article.title, article.text, article.published) == ("North Korean troops", NK_TROOPS,
                                                               date(2025, 3, 27))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("---\ntitle: X\ndate: 27 March 2025\n---\n\nText.", "front matter 'date' is not an ISO 8601 date"),
        ("---\ntitle: Only a title\n---\n\n# Heading\n", "no article text after the front matter and title"),
    ],
    ids=["bad-date", "no-body"],
)
def test_ingest_markdown_bad(tmp_path: Path, good_file: Path, content: str, message: str):
    bad = tmp_path / "bad.md"
    bad.write_text(content, encoding="utf-8")
    error = _one_error_and_good(list(read_inputs([bad, good_file])), good_file)
    assert error.input == str(bad)
    assert error.message.startswith(message)


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("He said **no** and *never*, __again__ and _again_.", "He said no and never, again and again."),
        ("See [the report](https://example.org/a_(b)) and [this][ref].\n\n[ref]: https://x.org",
         "See the report and this."),
        ("Before ![a map](map.png) after.", "Before  after."),
        ("## Section ##\ntext", "Section\ntext"),
        ("- first\n* second\n+ third\n1. numbered stays", "first\nsecond\nthird\n1. numbered stays"),
        ('> "We will do it right," he said.', '"We will do it right," he said.'),
        ("```\ncode *kept* as_is\n```\nafter", "code *kept* as_is\nafter"),
        ("a `x*y*z` b", "a x*y*z b"),
        ("5*3*2 and snake_case_name stay", "5*3*2 and snake_case_name stay"),
        (r"\# not a heading, \*not emphasis\* \[1\]", "# not a heading, *not emphasis* [1]"),
        ("one\n\n\n\ntwo\n---\nthree <!-- note -->", "one\n\ntwo\n\nthree"),
        ("---\nnot: front matter without its end\n", "not: front matter without its end"),
    ],
    ids=["emphasis", "links", "image", "heading", "bullets", "quote", "fence", "code-span", "no-emphasis",
         "escapes", "blank-lines-rule-comment", "unclosed-front-matter"],
)
def test_ingest_markdown_to_text(markdown: str, text: str):
    assert markdown_to_text(markdown)[0] == text


# --- articles JSONL -----------------------------------------------------------------------------

def test_ingest_jsonl_bad_lines_reported_and_good_lines_read(tmp_path: Path, good_file: Path):
    rows = _wcep_rows()[:3]
    lines = [
        json.dumps(rows[0], ensure_ascii=False),  # 1
        "",  # 2: blank, skipped
        '{"doc": "broken", "text": "unterminated',  # 3
        json.dumps({"doc": "no-text", "published": "2025-01-01"}),  # 4
        json.dumps({"doc": "empty-text", "text": "  "}),  # 5
        json.dumps({"doc": "bad-date", "text": NK_TROOPS, "published": "27/03/2025"}),  # 6
        json.dumps(["not", "an", "object"]),  # 7
        json.dumps({"doc": "num-text", "text": 42}),  # 8
        json.dumps(rows[1], ensure_ascii=False),  # 9
        json.dumps({"doc": 7, "text": NK_TROOPS, "published": "2025-03-27T09:15:00+09:00",
                    "title": None, "outlet": "AP"}),  # 10
        json.dumps(rows[2], ensure_ascii=False),  # 11
    ]
    path = tmp_path / "articles.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'{"text": "caf\xe9"}\n')  # 12: not UTF-8

    articles, errors = _split(list(read_inputs([path, good_file])))
    assert [a.doc for a in articles] == [rows[0]["doc"], rows[1]["doc"], "7", rows[2]["doc"], None]
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:9", f"{path}:10", f"{path}:11",
                                            str(good_file)]
    assert articles[2].published == date(2025, 3, 27)  # a date-time keeps its date
    assert (articles[2].title, articles[2].outlet) == (None, "AP")

    by_line = {e.input: e for e in errors}
    assert sorted(by_line, key=lambda s: int(s.rsplit(":", 1)[1])) == [
        f"{path}:{n}" for n in (3, 4, 5, 6, 7, 8, 12)]
    for e in errors:
        assert e.hint
        assert str(e).startswith(f"{path}:")
    assert by_line[f"{path}:3"].message.startswith("not JSON (Unterminated string")
    assert by_line[f"{path}:4"].message == 'no "text" key'
    assert by_line[f"{path}:5"].message == '"text" is empty'
    assert by_line[f"{path}:6"].message == "\"published\" is not an ISO 8601 date: '27/03/2025'"
    assert "YYYY-MM-DD" in by_line[f"{path}:6"].hint
    assert by_line[f"{path}:7"].message == "a JSON array where an object was expected"
    assert by_line[f"{path}:8"].message == '"text" is a JSON number, not a string'
    assert by_line[f"{path}:12"].message.startswith("line is not UTF-8")


def test_ingest_jsonl_text_kept_exactly_and_options_ignored(tmp_path: Path):
    text = "  Line one,\r\nline two said.  "
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"doc": "x", "text": text, "published": None}) + "\n", encoding="utf-8")
    (article,) = read_inputs([path], published=date(2025, 1, 1), outlet="Wikipedia")
    assert (article.text, article.published, article.outlet) == (text, None, None)


@pytest.mark.parametrize(
    ("raw", "message"),
    [(b"\n\n", "empty file"),
     (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip data ends in the middle of a member (truncated file)"),
     (gzip.compress(b"SQLite format 3\x00" + bytes(100), mtime=0), "binary file, not text")],
    ids=["empty", "truncated-gzip", "gzipped-sqlite"],
)
def test_ingest_jsonl_bad_file(tmp_path: Path, good_file: Path, raw: bytes, message: str):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(raw)
    error = _one_error_and_good(list(read_inputs([bad, good_file])), good_file)
    assert (error.input, error.message) == (str(bad), message)


# --- the bundled samples ------------------------------------------------------------------------

def test_ingest_sample_jsonl_round_trip():
    rows = _wcep_rows()
    articles, errors = _split(list(read_inputs([WCEP])))
    assert not errors
    assert len(articles) == len(rows) == 228
    assert len({a.doc for a in articles}) == len(articles)
    for article, row in zip(articles, rows, strict=True):
        assert article.doc == row["doc"] and article.text == row["text"] and article.text.strip()
        assert article.published is not None and article.published.isoformat() == row["published"]
        assert article.outlet == "Wikipedia Current Events Portal"
    assert sum("North Korea" in a.text for a in articles) >= 44


def test_ingest_samples_directory():
    wikinews = sorted(WIKINEWS.glob("*.md"))
    assert 8 <= len(wikinews) <= 12
    articles, errors = _split(list(read_inputs([SAMPLES])))
    assert not errors
    assert len(articles) == len(_wcep_rows()) + len(wikinews)  # README and LICENSE files skipped
    md = [a for a in articles if a.origin.endswith(".md")]
    assert [Path(a.origin).name for a in md] == [p.name for p in wikinews]
    for article in md:
        assert article.outlet == "Wikinews"
        assert article.title and article.published and article.url.startswith("http://en.wikinews.org/")
        assert " said" in article.text
        assert not article.text.startswith(("---", "#"))


@pytest.mark.slow
def test_ingest_does_not_import_spacy():
    code = ("import sys, claimgraph.ingest; "
            f"list(claimgraph.ingest.read_inputs([{str(WCEP)!r}])); "
            "sys.exit('spacy' in sys.modules)")
    env_path = str(ROOT / "src")
    result = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": env_path}, timeout=60)
    assert result.returncode == 0
