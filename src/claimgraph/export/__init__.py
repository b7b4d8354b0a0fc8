"""Extraction records in the formats other tools read."""

from claimgraph.export.formats import FORMATS, eval_record, jsonl_record

__all__ = ["FORMATS", "eval_record", "jsonl_record"]
