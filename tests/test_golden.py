"""Bundled sample articles against claims written down by reading them (tests/data/golden/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.extract import extract_article
from claimgraph.ingest import read_inputs
from claimgraph.models import Article, Claim
from conftest import DATA, ROOT

pytestmark = pytest.mark.model

GOLDEN = DATA / "golden"
SAMPLES = ROOT / "samples"
WIKINEWS_17036 = SAMPLES / "wikinews" / "17036-apple-to-give-free-cases-refunds-to-iphone-4-owners.md"

# Claims the extractor is known to get wrong, and why. The test fails when one starts passing.
KNOWN_MISSES = {
    ("The group", "said"): "'the group' -> 'Consumer Reports' needs coreference beyond matching words",
    ("North Korea", "confirms"): "the parser attaches 'a day after ...' to the object, so the content runs on",
}


def _articles(path: Path) -> dict[str, Article]:
    arts = [a for a in read_inputs([path]) if isinstance(a, Article)]
    return {a.doc or a.id: a for a in arts}


def _golden(name: str) -> list[dict]:
    return [json.loads(line) for line in (GOLDEN / name).read_text(encoding="utf-8").splitlines() if line]


def _cases() -> list:
    wcep = _articles(SAMPLES / "wcep-north-korea-russia-ukraine.jsonl")
    wikinews = next(iter(_articles(WIKINEWS_17036).values()))
    cases = []
    for gold in _golden("wcep.jsonl"):
        cases.append((wcep[gold["doc"]], gold))
    for gold in _golden("wikinews-17036.jsonl"):
        cases.append((wikinews, gold))
    params = []
    for article, gold in cases:
        key = (gold["source"], gold["cue"])
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[key])] if key in KNOWN_MISSES else []
        params.append(pytest.param(article, gold, id=f"{gold['source'][:30]}|{gold['cue']}", marks=marks))
    return params


_cache: dict[str, list[Claim]] = {}


@pytest.mark.parametrize(("article", "gold"), _cases())
def test_golden_claim(nlp, article: Article, gold: dict):
    for field in ("source", "cue", "content"):
        assert gold[field] in article.text, f"golden {field} is not in the article: fix the golden file"
    if article.id not in _cache:
        _cache[article.id] = list(extract_article(article, nlp).claims)
    candidates = [c for c in _cache[article.id] if c.source is not None and c.source.text == gold["source"]
                  and c.cue is not None and c.cue.text == gold["cue"]
                  and c.content and gold["content"] in article.text[c.content[0].start:c.content[-1].end]]
    assert candidates, f"no claim by {gold['source']!r} with cue {gold['cue']!r} holding the golden content"
    claim = candidates[0]
    assert claim.content_text == gold["content"]
    assert claim.kind.value == gold["kind"]
    assert claim.stance.value == gold["stance"]
    for field in ("source_actor", "person", "source_resolved"):
        if field in gold:
            assert getattr(claim, field) == gold[field], field
