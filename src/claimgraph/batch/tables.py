"""Records as Arrow tables and back: one table per record type, one Parquet part per shard.

Each record field becomes a column of its own type (text, integers, floats, booleans, dates);
fields that hold records or tuples (a claim's `content`, `source`, `reported_via`, an event's
`actor`) are JSON strings in the shape `models.to_dict` writes. Every table but `articles` has
`article_id` and `seq` (the record's position in its article's list, which `Event.quantities`
refers to), so parts join on `article_id` and rebuild the same `Extraction`s.
"""

from __future__ import annotations

import dataclasses
import json
import types
from collections.abc import Iterable, Iterator
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

import pyarrow as pa
import pyarrow.parquet as pq

from claimgraph.models import ActorRef, Article, Claim, Event, Extraction, Place, Quantity, TimeRef, from_dict, to_dict

__all__ = ["TABLES", "extractions_from_tables", "part_name", "read_extractions", "schema", "to_tables"]

# table name -> record class; the name is also the Extraction field (articles: Extraction.article)
TABLES: dict[str, type] = {
    "articles": Article,
    "claims": Claim,
    "actors": ActorRef,
    "times": TimeRef,
    "places": Place,
    "quantities": Quantity,
    "events": Event,
}
SCALARS: dict[Any, pa.DataType] = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(),
                                   date: pa.date32()}


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def _kind(hint: Any) -> tuple[pa.DataType, bool]:
    """The Arrow type of a field, and whether it is stored as JSON text."""
    if get_origin(hint) in (Union, types.UnionType):
        inner = [a for a in get_args(hint) if a is not type(None)]
        hint = inner[0] if len(inner) == 1 else object
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return pa.string(), False
    if hint in SCALARS:
        return SCALARS[hint], False
    return pa.string(), True


@cache
def _columns(cls: type) -> tuple[tuple[str, pa.DataType, bool], ...]:
    hints = get_type_hints(cls)
    return tuple((f.name, *_kind(hints[f.name])) for f in dataclasses.fields(cls))


@cache
def schema(table: str) -> pa.Schema:
    """The Arrow schema of a table: `seq` after `article_id` for every record table."""
    fields = [pa.field(name, kind) for name, kind, _ in _columns(TABLES[table])]
    if table != "articles":
        fields.insert(1 + [f.name for f in fields].index("article_id"), pa.field("seq", pa.int32()))
    return pa.schema(fields)


def _row(record: Any, cls: type) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, kind, as_json in _columns(cls):
        value = getattr(record, name)
        if as_json:
            row[name] = None if value is None else json.dumps(to_dict(value), ensure_ascii=False)
        elif kind == pa.date32():
            row[name] = value
        else:
            row[name] = to_dict(value)
    return row


def to_tables(extractions: Iterable[Extraction]) -> dict[str, pa.Table]:
    """One Arrow table per record type, every table present (empty ones too) with its full schema."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for x in extractions:
        rows["articles"].append(_row(x.article, Article))
        for name, cls in TABLES.items():
            if name != "articles":
                rows[name] += [_row(r, cls) | {"seq": seq} for seq, r in enumerate(getattr(x, name))]
    return {name: pa.Table.from_pylist(rows[name], schema=schema(name)) for name in TABLES}


def _record(row: dict[str, Any], cls: type) -> Any:
    data = {}
    for name, _, as_json in _columns(cls):
        value = row.get(name)
        if as_json and value is not None:
            value = json.loads(value)
        elif isinstance(value, date):
            value = value.isoformat()
        data[name] = value
    return from_dict(cls, data)


def extractions_from_tables(tables: dict[str, pa.Table]) -> list[Extraction]:
    """The inverse of `to_tables`: the Extractions, in the order of the articles table."""
    found: dict[str, dict[str, list[tuple[int, Any]]]] = {}
    for name, cls in TABLES.items():
        if name == "articles":
            continue
        for row in tables[name].to_pylist():
            found.setdefault(row["article_id"], {}).setdefault(name, []).append((row["seq"], _record(row, cls)))
    result = []
    for row in tables["articles"].to_pylist():
        article = _record(row, Article)
        records = found.get(article.id, {})
        result.append(Extraction(article=article, **{name: tuple(r for _, r in sorted(records.get(name, []),
                                                                                      key=lambda p: p[0]))
                                                     for name in TABLES if name != "articles"}))
    return result


def read_extractions(out: str | Path, parts: Iterable[str] | None = None) -> Iterator[Extraction]:
    """The Extractions of a batch output folder, part by part in shard order (one part in memory at a time).

    `parts` are the part file names to read, by default every part of the articles table."""
    root = Path(out)
    if parts is None:
        found = (p.name for p in (root / "articles").glob("part-*.parquet"))
        parts = sorted(found, key=lambda name: int(name.removeprefix("part-").removesuffix(".parquet")))
    for part in parts:
        tables = {name: pq.read_table(root / name / part, schema=schema(name)) for name in TABLES}
        yield from extractions_from_tables(tables)
