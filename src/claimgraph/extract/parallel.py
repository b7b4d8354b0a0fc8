"""Extraction in several processes on one machine: each worker loads the model once and sends back
`Extraction` records, not spaCy Docs (which are large to move between processes).

`nlp.pipe(n_process=2)` gains little on news because every Doc travels back to the parent; records
are a fraction of that (../shared/DEPENDENCIES.md measured about 1.8x for two such workers).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from claimgraph.extract.pipeline import extract_articles
from claimgraph.models import Article, Extraction

__all__ = ["extract_parallel"]

_worker: dict[str, Any] = {}


def extract_parallel(articles: Iterable[Article], processes: int, *, model: str = "auto", batch_size: int = 16,
                     attribution: str = "auto", actors: str | None = None,
                     device: str = "cpu") -> Iterator[Extraction]:
    """Extractions in input order. One process (`processes` <= 1) runs in this one, loading nothing twice.
    With a GPU `device` every worker process puts its own copy of the tagger on it."""
    options: dict[str, Any] = {"batch_size": batch_size, "attribution": attribution, "actors": actors,
                               "device": device}
    if processes <= 1:
        from claimgraph.nlp import load_model

        yield from extract_articles(articles, load_model(model), **options)
        return
    # spawn, not fork: torch and spaCy's thread pools do not survive a fork reliably
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_start, initargs=(model, options)) as pool:
        for chunk in pool.imap(_extract, _chunks(articles, batch_size)):
            yield from chunk


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def _start(model: str, options: dict[str, Any]) -> None:
    """Worker start-up: one thread for torch (the workers share the cores), the model loaded once."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass
    from claimgraph.nlp import load_model

    _worker["nlp"] = load_model(model)
    _worker["options"] = options


def _extract(chunk: list[Article]) -> list[Extraction]:
    return list(extract_articles(chunk, _worker["nlp"], **_worker["options"]))
