"""`claimgraph batch`: the same extraction on a Dask cluster, records written as Parquet.

    result = run_batch(["samples/"], BatchOptions(out=Path("out/batch"), workers=2))
    for extraction in read_extractions("out/batch"):
        ...

Needs the `dask` extra (dask.distributed, pyarrow); `run_batch` says so when it is missing. Output:
`DIR/<table>/part-NNNNN.parquet` for each of the tables in `TABLES` (one part per shard) and
`DIR/manifest.json`, written last. `load_into` bulk-loads such a folder into a store.
"""

from typing import TYPE_CHECKING

from claimgraph.batch.runner import MANIFEST, BatchOptions, BatchResult, run_batch

if TYPE_CHECKING:
    from claimgraph.batch.load import load_into
    from claimgraph.batch.tables import TABLES, read_extractions

__all__ = ["MANIFEST", "TABLES", "BatchOptions", "BatchResult", "load_into", "read_extractions", "run_batch"]


def __getattr__(name: str) -> object:
    """The Parquet side (`TABLES`, `read_extractions`, `load_into`) imports pyarrow only when asked for."""
    if name in {"TABLES", "read_extractions"}:
        from claimgraph.batch import tables

        return getattr(tables, name)
    if name == "load_into":
        from claimgraph.batch.load import load_into

        return load_into
    raise AttributeError(f"module 'claimgraph.batch' has no attribute {name!r}")
