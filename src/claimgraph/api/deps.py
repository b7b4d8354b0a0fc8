"""Request dependencies shared by the API and the pages: a read-only store per request, the claim filters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request

from claimgraph.api.reads import MAX_LIMIT, MAX_OFFSET, ClaimFilters, ReadOnlyStore
from claimgraph.models import Stance

__all__ = ["Db", "Filters", "Limit", "Offset", "Text", "claim_filters", "read_store"]

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page, at most {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Text = Annotated[str | None, Query(max_length=500)]


def read_store(request: Request) -> Iterator[ReadOnlyStore]:
    """The app's store on a fresh read-only connection, closed when the response is sent."""
    store = ReadOnlyStore(request.app.state.db)
    try:
        yield store
    finally:
        store.close()


def claim_filters(about: Text = None, by: Text = None, stance: Stance | None = None, since: date | None = None,
                  until: date | None = None, article: Text = None, copies: bool = False,
                  place: Text = None) -> ClaimFilters:
    """The filters of `claimgraph claims`; empty strings count as absent."""
    return ClaimFilters(about=about or None, by=by or None, stance=stance.value if stance else None, since=since,
                        until=until, article=article or None, copies=copies, place=place or None)


Db = Annotated[ReadOnlyStore, Depends(read_store)]
Filters = Annotated[ClaimFilters, Depends(claim_filters)]
