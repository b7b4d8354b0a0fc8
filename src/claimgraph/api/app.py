"""The FastAPI application: JSON endpoints under /api, exports under /export, the pages of `claimgraph.web`.

Every error, validation and 404 included, answers `{"error": {"message", "input", "hint"}}` (pages asked
for as HTML get the same three fields as a page). Read endpoints use a read-only connection per request.
"""

from __future__ import annotations

import hmac
import logging
import threading
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimgraph import __version__
from claimgraph.api import reads
from claimgraph.api.deps import Db, Filters, Limit, Offset, Text
from claimgraph.api.reads import NotFound
from claimgraph.api.stories import StoredStories, StorySource, stories_list, story_timeline
from claimgraph.errors import ClaimgraphError

__all__ = ["MAX_BODY", "ApiError", "create_app", "error_body"]

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20  # bytes a request body may hold (POST /api/ingest)
MAX_INGEST = 50  # articles one ingest request may carry
MAX_TEXT = 200_000  # characters of one article



class ApiError(ClaimgraphError):
    """An error with an HTTP status."""

    def __init__(self, status: int, message: str, *, input: str | None = None, hint: str | None = None) -> None:
        self.status = status
        super().__init__(message, input=input, hint=hint)


def error_body(message: str, input: str | None = None, hint: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "input": input, "hint": hint}}


def wants_json(request: Request) -> bool:
    """JSON for /api, /export, a `.json` path or an Accept header that prefers JSON over HTML."""
    path = request.url.path
    if path.startswith(("/api", "/export", "/openapi")) or path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "text/html" not in accept or accept.find("application/json") in range(0, accept.find("text/html"))


def _error(request: Request, status: int, message: str, input: str | None, hint: str | None,
           headers: dict[str, str] | None = None) -> Response:
    if not wants_json(request) and hasattr(request.app.state, "render_error"):
        return request.app.state.render_error(request, status, message, input, hint)  # type: ignore[no-any-return]
    return JSONResponse(error_body(message, input, hint), status_code=status, headers=headers)


# --- requests and errors ---------------------------------------------------------------------------

class IngestArticle(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)
    published: date | None = None
    doc: str | None = Field(default=None, max_length=200)


class IngestRequest(BaseModel):
    articles: list[IngestArticle] = Field(min_length=1, max_length=MAX_INGEST)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(ClaimgraphError)
    async def claimgraph_error(request: Request, e: ClaimgraphError) -> Response:
        status = e.status if isinstance(e, ApiError) else 404 if isinstance(e, NotFound) else 400
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return _error(request, status, e.message, e.input, e.hint, headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, e: RequestValidationError) -> Response:
        problems = e.errors()
        first = problems[0] if problems else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        value = first.get("input")
        shown = value if isinstance(value, str) else None
        return _error(request, 422, f"invalid request: {where}: {first.get('msg', 'invalid value')}",
                      f"{where}={shown[:200]}" if shown is not None else where,
                      "; ".join(f"{'.'.join(str(p) for p in x.get('loc', ()))}: {x.get('msg')}" for x in problems[:5])
                      + "; see /docs for each parameter")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, e: StarletteHTTPException) -> Response:
        hint = "the endpoints are listed at /docs" if e.status_code in (404, 405) else None
        return _error(request, e.status_code, str(e.detail), f"{request.method} {request.url.path}", hint)

    @app.exception_handler(Exception)
    async def server_error(request: Request, e: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _error(request, 500, "internal error", f"{request.method} {request.url.path}",
                      "this is a bug in claimgraph: please report it with the request")

    @app.middleware("http")
    async def cap_body(request: Request, call_next: Any) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return _error(request, 413, "request body too large", f"content-length {length[:20]}",
                          f"send at most {MAX_BODY} bytes ({MAX_INGEST} articles) per request")
        response: Response = await call_next(request)
        return response


# --- the application -------------------------------------------------------------------------------

def create_app(db: str, token: str | None = None, stories: StorySource | None = None) -> FastAPI:
    reads.check_store(db)
    app = FastAPI(title="claimgraph", version=__version__,
                  description="Who claimed what, about whom, when and where: attributed claims from news, "
                              "with their provenance. Every error is "
                              "`{\"error\": {\"message\", \"input\", \"hint\"}}`.")
    story_source: StorySource = stories or StoredStories()

    app.state.db = db
    app.state.stories = story_source
    _install_errors(app)

    @app.get("/api/articles", tags=["articles"])
    def api_articles(s: Db, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Stored articles, newest first (metadata only)."""
        return reads.articles_list(s, limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(s: Db, article_id: str) -> dict[str, Any]:
        """An article (id or unique prefix of 4+ characters) with every record, its evidence and links."""
        return reads.article_page(s, article_id)

    @app.get("/api/claims", tags=["claims"])
    def api_claims(s: Db, f: Filters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Claims matching every filter, newest articles first: the filters of `claimgraph claims`.

        `about`: an actor code (PRK matches PRKGOV) or a name or words of the content; `by`: a source actor
        code or words of the source; `since`/`until`: YYYY-MM-DD, inclusive; `article`: id or prefix; `place`: an
        ISO code (RU matches RU-KRS) or a name of a place inside the claim."""
        return reads.claims_list(s, f, limit, offset)

    @app.get("/api/actors", tags=["actors"])
    def api_actors(s: Db, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Actor codes met in the store, most mentioned first; `q` keeps codes or mention texts containing it."""
        return reads.actors_list(s, q or None, limit, offset)

    @app.get("/api/actors/{code}", tags=["actors"])
    def api_actor(s: Db, code: str, limit: Limit = 50) -> dict[str, Any]:
        """What an actor claimed and what was claimed about it."""
        return reads.actor_page(s, code, limit)

    @app.get("/api/places", tags=["places"])
    def api_places(s: Db, limit: Limit = 50, offset: Offset = 0, on_map: bool = False) -> dict[str, Any]:
        """Resolved places, most mentioned first; `on_map` keeps locations (no metonyms or modifiers)."""
        return reads.places_list(s, limit, offset, on_map)

    @app.get("/api/search", tags=["search"])
    def api_search(s: Db, q: Annotated[str, Query(max_length=500)], limit: Limit = 20) -> dict[str, Any]:
        """Full text: articles holding every word of `q`, best matches first (for a word in many articles, the
        best among the 5,000, then 50,000, stored last), and claims whose content holds the phrase."""
        return reads.search(s, q, limit)

    @app.get("/api/stats", tags=["stats"])
    def api_stats(s: Db) -> dict[str, Any]:
        """Counts: articles, copies, claims by kind and stance, top sources, date range."""
        return reads.stats(s)

    @app.get("/api/stories", tags=["stories"])
    def api_stories(s: Db, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Stories (articles reporting the same event), most articles first."""
        return stories_list(story_source, s, limit, offset)

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(s: Db, story_id: str) -> dict[str, Any]:
        """A story's articles and claims, each party's stances over time and the numbers each source gave."""
        return story_timeline(story_source, s, story_id)

    @app.get("/export/{format}", tags=["export"], response_class=Response,
             responses={200: {"content": {"application/octet-stream": {}}}})
    def export(s: Db, format: str, f: Filters) -> Response:
        """The matching claims (PLOVER: their articles' events) as jsonl, csv, parquet, claimreview, plover, prov."""
        from claimgraph.export.store import EXPORTS, export_bytes

        if format not in EXPORTS:
            raise NotFound(f"unknown export format {format!r}", input=format,
                           hint=f"choose one of {', '.join(EXPORTS)}")
        body = export_bytes(s, format, f)
        name = f"claimgraph{EXPORTS[format].suffix}"
        return Response(body, media_type=EXPORTS[format].media_type,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    if token:
        _install_ingest(app, db, token)

    from claimgraph.web import install_pages

    install_pages(app)
    return app


def _install_ingest(app: FastAPI, db: str, token: str) -> None:
    lock = threading.Lock()
    cache: dict[str, Any] = {}

    def authorised(request: Request) -> None:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
            raise ApiError(401, "missing or wrong bearer token", input="Authorization",
                           hint="send 'Authorization: Bearer TOKEN' with the token `claimgraph serve` was given")

    @app.post("/api/ingest", tags=["ingest"], dependencies=[Depends(authorised)])
    def ingest(body: IngestRequest) -> dict[str, Any]:
        """Extract and store articles (bearer token required; on only when the server has a token)."""
        from claimgraph.models import Article
        from claimgraph.store import open_store

        articles = [Article.from_text(a.text, title=a.title, url=a.url, outlet=a.outlet, published=a.published,
                                      doc=a.doc, source_kind="api") for a in body.articles]
        with lock:  # one writer, and the model loaded once
            if "nlp" not in cache:
                from claimgraph.nlp import load_model

                cache["nlp"] = load_model()
            from claimgraph.extract import extract_articles

            results = []
            with open_store(db) as s:
                for x in extract_articles(articles, cache["nlp"]):
                    added = s.add(x)
                    results.append({"id": x.article.id, "stored": added, "claims": len(x.claims)})
        return {"ingested": sum(r["stored"] for r in results), "articles": results}
