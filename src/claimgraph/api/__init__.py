"""The HTTP API and the web pages, served by `claimgraph serve` (FastAPI; needs the `web` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(db: str, token: str | None = None, **options: Any) -> FastAPI:
    """The application over the store at `db`; `token` turns on `POST /api/ingest` (bearer auth).

    Imported lazily, so `claimgraph.api.reads` (used by the exports) needs no web framework."""
    from claimgraph.api.app import create_app as create

    return create(db, token=token, **options)
