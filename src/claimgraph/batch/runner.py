"""Run extraction over shards of articles on a Dask cluster and write the records as Parquet.

The client reads the inputs (as `claimgraph ingest` does), cuts them into shards of `shard_size`
articles in input order and sends each shard's text to a worker, so workers need no shared
filesystem; the results come back as Arrow tables and the client writes one Parquet part per shard
and table, then `manifest.json` last (its presence marks a complete output). At most two shards per
worker are in flight, so the inputs stream through in bounded memory.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimgraph import __version__
from claimgraph.errors import ConfigError, InputError
from claimgraph.models import Article

if TYPE_CHECKING:
    from distributed import Client, Future

    from claimgraph.batch.worker import ShardOutput

__all__ = ["MANIFEST", "BatchOptions", "BatchResult", "run_batch"]

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
INSTALL_HINT = "pip install 'claimgraph[dask]' (dask.distributed and pyarrow)"
IN_FLIGHT_PER_WORKER = 2
PLUGIN_NAME = "claimgraph-model"
WAIT_FOR_WORKERS_S = 300  # a SLURM or Kubernetes cluster may still be starting its workers


@dataclass(frozen=True)
class BatchOptions:
    out: Path
    scheduler: str | None = None  # "tcp://host:8786"; None starts a LocalCluster
    workers: int = 2  # local cluster only
    shard_size: int = 32
    model: str = "auto"
    attribution: str = "auto"
    actors: str | None = None
    batch_size: int = 16
    device: str = "cpu"  # where each worker's tagger runs
    published: date | None = None  # for text files, as in `claimgraph ingest`
    outlet: str | None = None
    overwrite: bool = False


@dataclass
class BatchResult:
    out: Path
    articles: int = 0
    claims: int = 0
    words: int = 0
    cpu_s: float = 0.0  # CPU time the workers spent on the shards
    shards: int = 0
    repeated: int = 0  # articles whose text (id) was already read earlier in the inputs
    errors: list[InputError] = field(default_factory=list)
    workers: int = 0
    startup_s: float = 0.0  # cluster up and the model loaded on every worker
    elapsed_s: float = 0.0  # start-up included
    peak_rss: dict[str, int] = field(default_factory=dict)  # worker address -> peak resident bytes
    model: str = ""


def _require_dask() -> None:
    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as e:
        raise ConfigError(f"claimgraph batch needs {e.name}", input="batch", hint=INSTALL_HINT) from None


def _prepare(out: Path, overwrite: bool) -> None:
    """Make `out`; an earlier batch output there is replaced only with `overwrite`, anything else never."""
    from claimgraph.batch.tables import TABLES

    if out.exists() and not out.is_dir():
        raise ConfigError("is a file, not a folder", input=str(out), hint="give --out a folder to write into")
    ours = {MANIFEST, *TABLES}
    present = sorted(p.name for p in out.iterdir()) if out.is_dir() else []
    if strangers := [n for n in present if n not in ours]:
        raise ConfigError(f"the output folder holds other files ({', '.join(strangers[:3])})", input=str(out),
                          hint="give --out a new or empty folder")
    if present and not overwrite:
        raise ConfigError("the output folder holds an earlier batch output", input=str(out),
                          hint="add --overwrite to replace it, or give --out a new folder")
    (out / MANIFEST).unlink(missing_ok=True)
    for name in TABLES:
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for part in folder.glob("part-*.parquet"):
            part.unlink()


@contextmanager
def _client(options: BatchOptions) -> Iterator[Client]:
    """A client of the scheduler at `options.scheduler`, or of a new LocalCluster of worker processes."""
    import dask
    from distributed import Client, LocalCluster

    if options.scheduler:
        try:
            client = Client(options.scheduler, timeout="20s")
        except (OSError, TimeoutError) as e:
            raise ConfigError(f"cannot reach the Dask scheduler ({e})", input=options.scheduler,
                              hint="start one with `dask scheduler`, or leave out --scheduler for a local cluster"
                              ) from None
        with client:
            yield client
        return
    # Processes, one thread each: spaCy holds the GIL; dask sets OMP_NUM_THREADS=1 in each worker. The
    # scheduler's routine INFO lines (and the nanny's warning when a worker with torch loaded takes over
    # 4 s to exit) show only when claimgraph itself logs at INFO or below.
    quiet = logging.getLogger("claimgraph").getEffectiveLevel() > logging.INFO
    dask_log = logging.getLogger("distributed")
    level = dask_log.level
    if quiet:
        dask_log.setLevel(logging.ERROR)
    # Dask's default MALLOC_TRIM_THRESHOLD_=65536 hands freed memory back to the OS at once; the tagger's
    # tensors then fault their pages in again on every sentence: about 15% more CPU per word, measured
    # with bench/bench_batch.py-style runs on 12 Wikinews articles (905-914 vs 1050-1081 words/CPU-s).
    environ = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
               if k != "MALLOC_TRIM_THRESHOLD_"}
    try:
        # the scheduler's HTTP server always starts: on a free local port, not a busy :8787 (a warning)
        with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}), \
                LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                             dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR if quiet else False
                             ) as cluster, Client(cluster) as client:
            yield client
    finally:
        dask_log.setLevel(level)


def _shards(items: Iterable[Article | InputError], size: int, result: BatchResult,
            on_error: Callable[[InputError], None] | None) -> Iterator[tuple[int, list[Article]]]:
    """(index, articles) in input order; an article already read (same id) is not extracted again."""
    seen: set[str] = set()
    shard: list[Article] = []
    index = 0
    for item in items:
        if isinstance(item, InputError):
            result.errors.append(item)
            if on_error:
                on_error(item)
            continue
        if item.id in seen:
            result.repeated += 1
            continue
        seen.add(item.id)
        shard.append(item)
        if len(shard) == size:
            yield index, shard
            index, shard = index + 1, []
    if shard:
        yield index, shard


def _write_parts(out: Path, output: ShardOutput) -> None:
    import pyarrow.parquet as pq

    from claimgraph.batch.tables import part_name

    for name, table in output.tables.items():
        target = out / name / part_name(output.index)
        tmp = target.with_suffix(".tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, target)


def run_batch(paths: Sequence[str], options: BatchOptions,
              on_error: Callable[[InputError], None] | None = None,
              on_shard: Callable[[ShardOutput], None] | None = None) -> BatchResult:
    """Extract every article in `paths` on a Dask cluster into Parquet under `options.out`.

    `on_error` sees each input that could not be read or extracted, `on_shard` each shard written.
    """
    _require_dask()
    from distributed import as_completed

    from claimgraph.batch.tables import TABLES, part_name, schema
    from claimgraph.batch.worker import ExtractOptions, ModelPlugin, extract_shard, peak_rss
    from claimgraph.ingest import read_inputs

    if options.shard_size < 1:
        raise ConfigError(f"bad shard size {options.shard_size}", input="--shard-size", hint="give 1 or more")
    if options.workers < 1:
        raise ConfigError(f"bad number of workers {options.workers}", input="--workers", hint="give 1 or more")
    if options.scheduler is None:
        _check_local(options)
    out = Path(options.out)
    _prepare(out, options.overwrite)
    result = BatchResult(out=out)
    extract = ExtractOptions(model=options.model, attribution=options.attribution, actors=options.actors or None,
                             batch_size=options.batch_size, device=options.device)
    shard_rows: dict[int, dict[str, Any]] = {}
    run_id = uuid.uuid4().hex[:8]
    t0 = time.perf_counter()
    with _client(options) as client:
        # setup runs on every worker present (this returns once they have loaded it) and on each that joins later
        client.register_plugin(ModelPlugin(extract), name=PLUGIN_NAME)
        try:
            client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS_S)
        except TimeoutError:
            raise ConfigError(f"the Dask cluster has had no worker for {WAIT_FOR_WORKERS_S} s",
                              input=options.scheduler or "local cluster",
                              hint="start some with `dask worker SCHEDULER_ADDRESS`") from None
        result.workers = len(client.nthreads())
        result.startup_s = time.perf_counter() - t0
        shards = _shards(read_inputs(paths, published=options.published, outlet=options.outlet),
                         options.shard_size, result, on_error)
        pending: dict[Future, list[Article]] = {}

        def submit(index: int, articles: list[Article]) -> Future:
            future = client.submit(extract_shard, index, articles, extract, key=f"claimgraph-shard-{run_id}-{index}",
                                   pure=False, retries=1)
            pending[future] = articles
            return future

        flow = as_completed([submit(i, a) for i, a in _take(shards, IN_FLIGHT_PER_WORKER * _n_workers(client))])
        for future in flow:
            articles = pending.pop(future)
            try:
                output: ShardOutput = future.result()
            except Exception as e:  # a worker died or the task failed outside extraction: the shard is lost
                for a in articles:
                    error = InputError(f"not extracted: its shard failed ({type(e).__name__}: {e})",
                                       input=a.origin or a.id, hint="rerun the batch; report the bug if it recurs")
                    result.errors.append(error)
                    if on_error:
                        on_error(error)
            else:
                _write_parts(out, output)
                _count(result, output, shard_rows, on_error)
                if on_shard:
                    on_shard(output)
            # workers may join (or leave) meanwhile
            for index, more in _take(shards, max(1, IN_FLIGHT_PER_WORKER * _n_workers(client) - len(pending))):
                flow.add(submit(index, more))
        result.peak_rss = dict(client.run(peak_rss))
        result.elapsed_s = time.perf_counter() - t0  # the cluster's shutdown is not counted
    result.shards = len(shard_rows)
    _manifest(out, paths, options, result, shard_rows, {name: schema(name).names for name in TABLES}, part_name)
    return result


def _check_local(options: BatchOptions) -> None:
    """Fail before starting a local cluster (whose workers share this environment) rather than in each worker."""
    import importlib.util

    from claimgraph.errors import ModelNotFoundError
    from claimgraph.ml import installed
    from claimgraph.nlp.model import INSTALL_HINT as MODEL_HINT
    from claimgraph.nlp.model import available_models

    if options.model.isidentifier() and options.model != "auto" and importlib.util.find_spec(options.model) is None:
        raise ModelNotFoundError(f"cannot load spaCy pipeline {options.model!r}", input=f"model={options.model}",
                                 hint=f"{MODEL_HINT}; installed: {', '.join(available_models()) or 'none'}")
    if options.attribution == "tagger" and not installed():
        raise ConfigError("the attribution tagger needs the ml extra", input="attribution=tagger",
                          hint="pip install 'claimgraph[ml]', or use --attribution rules")


def _n_workers(client: Client) -> int:
    """Worker threads in the cluster now (one shard runs on each)."""
    return sum(client.nthreads().values())


def _take(shards: Iterator[tuple[int, list[Article]]], n: int) -> list[tuple[int, list[Article]]]:
    taken = []
    for item in shards:
        taken.append(item)
        if len(taken) == n:
            break
    return taken


def _count(result: BatchResult, output: ShardOutput, shard_rows: dict[int, dict[str, Any]],
           on_error: Callable[[InputError], None] | None) -> None:
    result.articles += output.articles
    result.claims += output.claims
    result.words += output.words
    result.cpu_s += output.cpu_seconds
    result.model = output.model
    for where, message in output.errors:
        error = InputError(message, input=where, hint="this is a claimgraph bug; please report it with the article")
        result.errors.append(error)
        if on_error:
            on_error(error)
    shard_rows[output.index] = {"articles": output.articles, "words": output.words, "worker": output.worker,
                                "seconds": round(output.seconds, 3), "cpu_seconds": round(output.cpu_seconds, 3),
                                "rows": {name: table.num_rows for name, table in output.tables.items()}}


def _manifest(out: Path, paths: Sequence[str], options: BatchOptions, result: BatchResult,
              shard_rows: dict[int, dict[str, Any]], columns: dict[str, list[str]],
              part_name: Callable[[int], str]) -> None:
    from claimgraph.extract.pipeline import EXTRACTOR, VERSION

    shards = [{"part": part_name(i), **shard_rows[i]} for i in sorted(shard_rows)]
    manifest = {
        "format": "claimgraph-batch", "format_version": FORMAT_VERSION, "claimgraph": __version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "extractor": EXTRACTOR, "extractor_version": VERSION, "model": result.model,
        "attribution": options.attribution, "actors": options.actors or None, "inputs": list(paths),
        "cluster": options.scheduler or f"local, {options.workers} worker processes",
        "workers": result.workers, "shard_size": options.shard_size,
        "articles": result.articles, "claims": result.claims, "words": result.words, "repeated": result.repeated,
        "errors": [{"input": e.input, "message": e.message} for e in result.errors],
        "startup_s": round(result.startup_s, 3), "elapsed_s": round(result.elapsed_s, 3),
        "cpu_s": round(result.cpu_s, 3),
        "peak_rss_bytes": result.peak_rss,
        "tables": {name: {"rows": sum(s["rows"][name] for s in shards), "columns": cols}
                   for name, cols in columns.items()},
        "shards": shards,
    }
    tmp = out / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, out / MANIFEST)
