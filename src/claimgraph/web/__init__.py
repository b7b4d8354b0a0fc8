"""Server-rendered pages, each with a JSON twin (the same path + `.json`, or `Accept: application/json`)
built from the same read call. Templates and assets ship in the package; nothing is fetched at run time.

Article text is untrusted: templates autoescape everything, pages send a Content-Security-Policy that
allows only this server's own scripts and styles, and no template marks article data `safe`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from claimgraph.api import reads
from claimgraph.api.deps import Db, Limit, Offset, Text
from claimgraph.api.reads import MAX_LIMIT, ClaimFilters
from claimgraph.api.stories import stories_list, story_timeline
from claimgraph.models import Stance
from claimgraph.web.charts import estimates_chart, positions_chart

__all__ = ["CSP", "install_pages", "prefers_json"]

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
STANCES = [s.value for s in Stance]



def prefers_json(request: Request) -> bool:
    """True for a `.json` path, or an Accept header naming JSON before (or without) HTML."""
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    json_at, html_at = accept.find("application/json"), accept.find("text/html")
    return json_at >= 0 and (html_at < 0 or json_at < html_at)


def http_url(value: str | None) -> str | None:
    """`value` when it is an http(s) URL, else None: a stored URL is untrusted (javascript:, data:)."""
    if not value:
        return None
    scheme = value.strip().split(":", 1)[0].lower()
    return value.strip() if scheme in ("http", "https") and value.strip()[len(scheme):].startswith("://") else None


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("claimgraph.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["http_url"] = http_url
    env.filters["short"] = lambda s, n=200: s if s is None or len(s) <= n else s[: n - 1] + "…"
    env.globals["STANCES"] = STANCES
    return env


def install_pages(app: FastAPI) -> None:
    templates = Jinja2Templates(env=_environment())
    stories = app.state.stories
    app.mount("/static", StaticFiles(packages=[("claimgraph.web", "static")]), name="static")

    def respond(request: Request, template: str, data: dict[str, Any], **extra: Any) -> Response:
        """The JSON twin, or the page rendered from the same `data`."""
        if prefers_json(request):
            return JSONResponse(data)
        path = request.url.path
        twin = ("/index" if path == "/" else path) + ".json" + (f"?{request.url.query}" if request.url.query else "")
        response = templates.TemplateResponse(request, template, {"data": data, "json_url": twin, **extra})
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    def render_error(request: Request, status: int, message: str, input: str | None, hint: str | None) -> Response:
        response = templates.TemplateResponse(
            request, "error.html", {"data": {"error": {"message": message, "input": input, "hint": hint}},
                                    "json_url": None, "status": status}, status_code=status)
        response.headers["Content-Security-Policy"] = CSP
        return response

    app.state.render_error = render_error

    @app.get("/", include_in_schema=False)
    @app.get("/index.json", include_in_schema=False)
    def home(request: Request, s: Db) -> Response:
        data = {"stats": reads.stats(s), "articles": reads.articles_list(s, 20, 0)}
        return respond(request, "home.html", data)

    @app.get("/search.json", include_in_schema=False)
    @app.get("/search", include_in_schema=False)
    def search(request: Request, s: Db, q: Annotated[str, Query(max_length=500)] = "",
               limit: Limit = 20) -> Response:
        return respond(request, "search.html", reads.search(s, q, limit))

    @app.get("/claims.json", include_in_schema=False)
    @app.get("/claims", include_in_schema=False)
    def claims(request: Request, s: Db, about: Text = None, by: Text = None, stance: Stance | None = None,
               since: date | None = None, until: date | None = None, article: Text = None,
               limit: Limit = 50, offset: Offset = 0) -> Response:
        f = ClaimFilters(about=about or None, by=by or None, stance=stance.value if stance else None, since=since,
                         until=until, article=article or None)
        data = reads.claims_list(s, f, limit, offset)
        more = None
        if data["next_offset"] is not None:
            more = "/claims?" + urlencode({**f.echo(), "limit": limit, "offset": data["next_offset"]})
        return respond(request, "claims.html", data, next_url=more)

    @app.get("/articles/{article_id}", include_in_schema=False)
    @app.get("/articles/{article_id}.json", include_in_schema=False)
    def article(request: Request, s: Db, article_id: str) -> Response:
        return respond(request, "article.html", reads.article_page(s, article_id))

    @app.get("/actors.json", include_in_schema=False)
    @app.get("/actors", include_in_schema=False)
    def actors(request: Request, s: Db, q: Text = None, limit: Limit = 100, offset: Offset = 0) -> Response:
        return respond(request, "actors.html", reads.actors_list(s, q or None, limit, offset))

    @app.get("/actors/{code}", include_in_schema=False)
    @app.get("/actors/{code}.json", include_in_schema=False)
    def actor(request: Request, s: Db, code: str) -> Response:
        return respond(request, "actor.html", reads.actor_page(s, code, 100))

    @app.get("/map.json", include_in_schema=False)
    @app.get("/map", include_in_schema=False)
    def places_map(request: Request, s: Db) -> Response:
        return respond(request, "map.html", reads.places_list(s, MAX_LIMIT, 0, on_map=True))

    @app.get("/stories.json", include_in_schema=False)
    @app.get("/stories", include_in_schema=False)
    def story_list(request: Request, s: Db, limit: Limit = 50, offset: Offset = 0) -> Response:
        return respond(request, "stories.html", stories_list(stories, s, limit, offset))

    @app.get("/stories/{story_id}", include_in_schema=False)
    @app.get("/stories/{story_id}.json", include_in_schema=False)
    def story(request: Request, s: Db, story_id: str) -> Response:
        data = story_timeline(stories, s, story_id)
        return respond(request, "story.html", data, positions=positions_chart(data["positions"]),
                       estimates=estimates_chart(data["estimates"]))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg")
