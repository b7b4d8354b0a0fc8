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

# Claims each extractor is known to get wrong, and why. The test fails when one starts passing.
KNOWN_MISSES: dict[str, dict[tuple[str, ...], str]] = {
    "rules": {
        ("The group", "said"): "'the group' -> 'Consumer Reports' needs coreference beyond matching words",
        ("North Korea", "confirms"): "the parser attaches 'a day after ...' to the object, so the content runs on",
    },
    "tagger": {
        ("The group", "said"): "'the group' -> 'Consumer Reports' needs coreference beyond matching words",
        ("The South Korean military", "reports"): "the tagged content stops before ', in what would be ...'",
        ("Kim Yo Jong, sister of North Korean supreme leader Kim Jong Un", "states"):
            "the tagger reads 'states in a KCNA article' with 'article' as the cue",
        ("Jobs", "said", "that Apple will offer"): "the tagger takes 'said yesterday' as the cue",
        ("Jobs", "said", "that those who had al"): "the tagger takes 'also said' as the cue",
    },
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
    for extractor, misses in KNOWN_MISSES.items():
        for n, (article, gold) in enumerate(cases):
            keys = [(gold["source"], gold["cue"]), (gold["source"], gold["cue"], gold["content"][:21])]
            reason = next((misses[k] for k in keys if k in misses), None)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(extractor, article, gold, marks=marks,
                                       id=f"{extractor}-{n}-{gold['source'][:24]}|{gold['cue']}"))
    return params


_cache: dict[tuple[str, str], list[Claim]] = {}


@pytest.mark.parametrize(("extractor", "article", "gold"), _cases())
def test_golden_claim(nlp, extractor: str, article: Article, gold: dict):
    for field in ("source", "cue", "content"):
        assert gold[field] in article.text, f"golden {field} is not in the article: fix the golden file"
    key = (extractor, article.id)
    if key not in _cache:
        _cache[key] = list(extract_article(article, nlp, attribution=extractor).claims)
    candidates = [c for c in _cache[key] if c.source is not None and c.source.text == gold["source"]
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
