"""What runs on a Dask worker: a plugin that loads the model once, and the task that extracts one shard.

The task returns compact records (Arrow tables), never spaCy Docs, so little travels back.
"""

from __future__ import annotations

import asyncio
import logging
import os
import resource
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from distributed import WorkerPlugin

from claimgraph.batch.tables import to_tables
from claimgraph.models import Article, Extraction

__all__ = ["ExtractOptions", "ModelPlugin", "ShardOutput", "extract_shard", "peak_rss"]

log = logging.getLogger(__name__)

# A short real-world sentence that touches every extractor (claims, actors, times, places, quantities,
# events), so the plugin loads lexicons, the gazetteer and the tagger before the first shard.
# Wikipedia Current Events Portal, 2025-04-30 (CC BY-SA 4.0)
WARM_UP = ("South Korean intelligence claims North Korean troops have suffered around 4,700 casualties "
           "in Kursk Oblast since October.")


@dataclass(frozen=True)
class ExtractOptions:
    """The settings that change what a worker extracts (the `model`, `attribution`, `actors`, `batch_size`),
    and where its tagger runs (`device`)."""

    model: str = "auto"
    attribution: str = "auto"
    actors: str | None = None
    batch_size: int = 16
    device: str = "cpu"


@dataclass
class ShardOutput:
    index: int
    tables: dict[str, pa.Table]
    articles: int
    claims: int
    words: int
    seconds: float
    cpu_seconds: float  # of the thread that ran it: the work, whatever else shares the machine
    worker: str
    model: str
    errors: list[tuple[str, str]] = field(default_factory=list)  # (input, message) per article that failed


def _limit_threads() -> None:
    """One torch thread per worker process, the parallelism being the workers (Dask's nanny also sets
    OMP_NUM_THREADS=1 before the worker starts). torch is there only when the tagger loaded it."""
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(1)


class ModelPlugin(WorkerPlugin):
    """Load the spaCy pipeline (and the tagger, lexicons, gazetteer) once per worker: Dask calls `setup`
    on every worker, present and future, once the client registers the plugin."""

    idempotent = False  # registering it again (new options) runs setup again

    def __init__(self, options: ExtractOptions) -> None:
        self.options = options

    async def setup(self, worker: Any) -> None:
        """Load off the worker's event loop, so it keeps answering the scheduler meanwhile."""
        await asyncio.get_running_loop().run_in_executor(None, self._load, worker)

    def _load(self, worker: Any) -> None:
        from claimgraph.extract import extract_article
        from claimgraph.nlp import load_model

        t0 = time.perf_counter()
        nlp = load_model(self.options.model)
        extract_article(Article.from_text(WARM_UP), nlp, self.options.attribution, self.options.actors,
                        self.options.device)
        _limit_threads()  # after the warm-up: the tagger imports torch
        log.info("worker %s loaded %s in %.1f s", getattr(worker, "address", "?"), _model_name(nlp),
                 time.perf_counter() - t0)


def _model_name(nlp: Any) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}".strip()


def _worker_address() -> str:
    from distributed import get_worker

    try:
        return str(get_worker().address)
    except ValueError:  # not on a worker (called directly)
        return f"pid {os.getpid()}"


def extract_shard(index: int, articles: list[Article], options: ExtractOptions) -> ShardOutput:
    """Extract a shard's articles (spaCy's `pipe`); if that fails, each article alone, so one bad article
    costs only itself."""
    from claimgraph.extract import extract_article, extract_articles
    from claimgraph.nlp import load_model

    t0, cpu0 = time.perf_counter(), time.thread_time()
    nlp = load_model(options.model)
    errors: list[tuple[str, str]] = []
    try:
        done: list[Extraction] = list(extract_articles(articles, nlp, batch_size=options.batch_size,
                                                       attribution=options.attribution, actors=options.actors,
                                                       device=options.device))
    except Exception:
        log.warning("shard %d failed as a batch; extracting its articles one by one", index, exc_info=True)
        done = []
        for article in articles:
            try:
                done.append(extract_article(article, nlp, options.attribution, options.actors, options.device))
            except Exception as e:  # report it against its input; the rest of the shard goes on
                errors.append((article.origin or article.id, f"extraction failed ({type(e).__name__}: {e})"))
    tables = to_tables(done)
    return ShardOutput(index=index, tables=tables, articles=len(done), claims=sum(len(x.claims) for x in done),
                       words=sum(len(x.article.text.split()) for x in done), seconds=time.perf_counter() - t0,
                       cpu_seconds=time.thread_time() - cpu0, worker=_worker_address(), model=_model_name(nlp),
                       errors=errors)


def peak_rss() -> int:
    """Peak resident memory of this process in bytes (Linux reports ru_maxrss in KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024
