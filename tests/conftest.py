"""Shared fixtures. Model-dependent tests are marked `model`; they run in `make test`."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SEED_TEXT = SHARED / "seed" / "kursk-north-korea.txt"
SEED_EXPECTED = SHARED / "seed" / "kursk-north-korea.expected.jsonl"


@pytest.fixture(scope="session")
def nlp():
    """The English spaCy pipeline, loaded once per test session."""
    from claimgraph.nlp import load_model

    return load_model()


@pytest.fixture
def seed_text() -> str:
    """The founding article; its licence is unknown, so it is read from ../shared, never copied."""
    if not SEED_TEXT.is_file():
        pytest.skip(f"the founding article is not here ({SEED_TEXT}); CI has ../shared/seed")
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


def claims_in(nlp, text: str, attribution: str) -> list:
    """The claims one extractor ("rules" or "tagger") finds in a text."""
    from claimgraph.extract import extract_article
    from claimgraph.models import Article

    return list(extract_article(Article.from_text(text), nlp, attribution=attribution).claims)


def by_cue(claims: list, cue: str):
    """The first claim whose cue reads `cue`; fails listing the cues found."""
    found = [c for c in claims if c.cue is not None and c.cue.text == cue]
    assert found, f"no claim with cue {cue!r}; cues: {[c.cue.text for c in claims if c.cue]}"
    return found[0]


@pytest.fixture(scope="session")
def gazetteer():
    """The offline gazetteer, built into the cache on first use (about half a minute)."""
    from claimgraph.geo import Gazetteer

    return Gazetteer.default()
