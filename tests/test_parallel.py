"""Extraction in several processes gives the records one process gives, in input order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.extract.parallel import extract_parallel
from claimgraph.ingest import read_inputs
from claimgraph.models import Article, to_dict

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "wikinews"


@pytest.mark.slow
@pytest.mark.model
def test_two_processes_give_the_records_of_one():
    # Wikinews articles (CC BY 2.5), see samples/README.md
    articles = [a for a in read_inputs([str(SAMPLES)]) if isinstance(a, Article)][:5]
    one = [json.dumps(to_dict(x), sort_keys=True) for x in extract_parallel(articles, 1, attribution="rules")]
    two = [json.dumps(to_dict(x), sort_keys=True)
           for x in extract_parallel(articles, 2, attribution="rules", batch_size=2)]
    assert len(one) == 5 and any(json.loads(x)["claims"] for x in one)
    assert two == one
