"""The HTTP API, in-process (FastAPI's TestClient): read endpoints, filters, pages of results, one error
shape, read-only access, the token-guarded ingest, and schemathesis over the published OpenAPI schema."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the API needs the web extra: pip install 'claimgraph[web]'")

from fastapi.testclient import TestClient  # noqa: E402

from claimgraph.api import create_app  # noqa: E402
from claimgraph.api.reads import MAX_LIMIT, ReadOnlyStore  # noqa: E402
from claimgraph.errors import StoreError  # noqa: E402
from claimgraph.store import open_store  # noqa: E402
from conftest import ROOT  # noqa: E402
from webstore import build_store, wcep_lines, writable_copy  # noqa: E402

pytestmark = pytest.mark.model  # the store is built by the extraction pipeline


@pytest.fixture(scope="module")
def db(tmp_path_factory, nlp) -> Path:
    return build_store(tmp_path_factory.mktemp("api"), nlp)


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(str(db)))


def _digest(path: Path) -> str:
    return hashlib.sha256(b"".join(Path(str(path) + s).read_bytes() for s in ("", "-wal")
                                   if Path(str(path) + s).exists())).hexdigest()


def test_articles_are_listed_newest_first_with_their_claim_counts(client, db):
    body = client.get("/api/articles").json()
    assert body["total"] == 4
    dates = [a["published"] for a in body["articles"]]
    assert dates == sorted(dates, reverse=True)
    with open_store(db) as store:
        for a in body["articles"]:
            assert a["claims"] == len(store.extraction(a["id"]).claims)


def test_an_article_comes_with_every_record_its_evidence_and_segments(client):
    doc = wcep_lines()[0]
    found = client.get("/api/search", params={"q": "4,700 casualties fatalities"}).json()["articles"]
    aid = found[0]["article_id"]
    body = client.get(f"/api/articles/{aid[:6]}").json()  # a unique prefix will do
    assert body["article"]["text"] == doc["text"] and body["article"]["id"] == aid
    assert [q["value"] for q in body["quantities"]] == [4700.0, 600.0, 15000.0]
    assert body["evidence"][0]["origin"].endswith("articles.jsonl:1")
    assert "".join(s["text"] for s in body["segments"]) == doc["text"]
    roles = {s.get("role") for s in body["segments"]}
    assert {"source", "cue", "content"} <= roles
    notes = {s["text"]: (s["kind"], s["note"]) for s in body["segments"] if "kind" in s}
    assert notes["around 4,700 casualties"] == ("quantity", "~ 4,700 casualties")
    assert notes["North Korean"] == ("place", "North Korea, KP (40.00, 127.00)")


@pytest.mark.parametrize(("params", "expected"), [
    ({"about": "PRKMIL"}, dict(about_codes=["PRKMIL"], about_text="PRKMIL")),
    ({"about": "North Korean troops"}, dict(about_codes=["PRKMIL"], about_text="North Korean troops")),
    ({"by": "KORSPY"}, dict(by="KORSPY")),
    ({"by": "Obama", "stance": "assert"}, dict(by="Obama", stance="assert")),
    ({"since": "2025-05-01"}, dict(since=date(2025, 5, 1))),
    ({"until": "2025-04-30"}, dict(until=date(2025, 4, 30))),
    ({"place": "KP"}, dict(place="KP")),  # "North Korean troops": the country by its demonym
    ({"place": "US"}, dict(place="US")),
])
def test_claim_filters_are_those_of_the_cli(client, db, params, expected):
    with open_store(db) as store:
        want = [r.claim.id for r in store.claims(**expected)]
    got = [c["id"] for c in client.get("/api/claims", params={**params, "limit": MAX_LIMIT}).json()["claims"]]
    assert got == want and got


def test_pages_of_claims_follow_on_without_overlap(client):
    everything = [c["id"] for c in client.get("/api/claims", params={"limit": MAX_LIMIT}).json()["claims"]]
    seen, offset = [], 0
    while offset is not None:
        page = client.get("/api/claims", params={"limit": 7, "offset": offset}).json()
        seen += [c["id"] for c in page["claims"]]
        offset = page["next_offset"]
    assert seen == everything and len(everything) > 7


def test_actor_places_and_stats_endpoints(client):
    actor = client.get("/api/actors/KORSPY").json()
    assert actor["claimed"] and all(c["source_actor"] == "KORSPY" for c in actor["claimed"])
    about = client.get("/api/actors/PRKMIL").json()["claimed_about"]
    assert any("North Korean troops" in c["content_text"] for c in about)
    places = client.get("/api/places", params={"on_map": True}).json()["places"]
    assert {"Canada", "Ontario"} <= {p["name"] for p in places}
    assert all(p["on_map"] and p["lat"] is not None for p in places)
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 4 and "path" not in stats


def test_stories_group_the_stored_articles(client):
    stories = client.get("/api/stories").json()
    members = []
    for s in stories["stories"]:
        story = client.get(f"/api/stories/{s['id']}").json()
        members += [a["id"] for a in story["articles"]]
        assert all(p["points"] for p in story["positions"])
    assert sorted(members) == sorted(a["id"] for a in client.get("/api/articles").json()["articles"])


@pytest.mark.parametrize(("method", "path", "status", "input_"), [
    ("get", "/api/articles/ffffffffffff", 404, "ffffffffffff"),
    ("get", "/api/actors/ZZZZZZ", 404, "ZZZZZZ"),
    ("get", "/api/stories/nope", 404, "nope"),
    ("get", "/no/such/page", 404, "GET /no/such/page"),
    ("get", "/api/claims?limit=0", 422, "query.limit=0"),
    ("get", f"/api/claims?limit={MAX_LIMIT + 1}", 422, f"query.limit={MAX_LIMIT + 1}"),
    ("get", "/api/claims?offset=-1", 422, "query.offset=-1"),
    ("get", "/api/claims?stance=shouts", 422, "query.stance=shouts"),
    ("get", "/api/claims?since=yesterday", 422, "query.since=yesterday"),
    ("get", "/api/claims?article=ffffffffffff", 404, "ffffffffffff"),
    ("get", "/export/xml", 404, "xml"),
    ("delete", "/api/articles", 405, "DELETE /api/articles"),
    ("post", "/api/ingest", 404, "POST /api/ingest"),  # off: the server has no token
])
def test_every_error_has_one_shape(client, method, path, status, input_):
    response = client.request(method, path)
    assert response.status_code == status
    error = response.json()["error"]
    assert set(error) == {"message", "input", "hint"}
    assert error["message"] and error["hint"]
    assert error["input"] == input_


def test_large_bodies_are_refused_before_they_are_read(db):
    client = TestClient(create_app(str(db), token="secret"))
    response = client.post("/api/ingest", content=b"x" * (2 << 20), headers={"Authorization": "Bearer secret"})
    assert response.status_code == 413 and "at most" in response.json()["error"]["hint"]


def test_read_endpoints_never_write(db, client):
    before = _digest(db)
    for path in ("/api/articles", "/api/claims?about=PRK", "/api/search?q=troops", "/api/stats", "/api/places",
                 "/api/actors", "/api/stories", "/", "/map", "/export/csv"):
        assert client.get(path).status_code == 200, path
    assert _digest(db) == before
    with ReadOnlyStore(db) as store, pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
        store.conn.execute("DELETE FROM articles")


def test_a_missing_store_is_named_with_a_hint(tmp_path):
    with pytest.raises(StoreError) as info:
        create_app(str(tmp_path / "none.db"))
    assert "none.db" in str(info.value) and "ingest" in str(info.value)


@pytest.mark.parametrize(("header", "status"), [(None, 401), ("Bearer wrong", 401), ("Basic secret", 401)])
def test_ingest_needs_the_bearer_token(db, header, status):
    client = TestClient(create_app(str(db), token="secret"))
    headers = {"Authorization": header} if header else {}
    response = client.post("/api/ingest", json={"articles": [{"text": "x"}]}, headers=headers)
    assert response.status_code == status and response.json()["error"]["input"] == "Authorization"
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.slow
def test_ingest_with_the_token_stores_and_serves_the_article(db, tmp_path):
    copy = writable_copy(db, tmp_path)
    client = TestClient(create_app(str(copy), token="secret"))
    # Wikipedia Current Events Portal, 2026-02-06 (CC BY-SA 4.0)
    text = "Amnesty International reports that North Koreans are being executed for watching Squid Game."
    response = client.post("/api/ingest", headers={"Authorization": "Bearer secret"},
                           json={"articles": [{"text": text, "published": "2026-02-06", "outlet": "WCEP"}]})
    assert response.status_code == 200, response.text
    assert response.json()["ingested"] == 1
    claims = client.get("/api/claims", params={"by": "Amnesty"}).json()["claims"]
    assert claims and claims[0]["published"] == "2026-02-06" and "Squid Game" in claims[0]["content_text"]


def test_openapi_schema_documents_the_read_endpoints(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/claims", "/api/actors", "/api/actors/{code}",
                 "/api/places", "/api/search", "/api/stats", "/api/stories", "/api/stories/{story_id}",
                 "/export/{format}"):
        assert "get" in paths[path], path
    claims = {p["name"] for p in paths["/api/claims"]["get"]["parameters"]}
    assert {"about", "by", "stance", "since", "until", "article", "limit", "offset"} <= claims
    assert "/api/ingest" not in paths  # off without a token


def test_api_web_and_exports_never_import_spacy():
    code = ("import sys, claimgraph.api.app, claimgraph.web, claimgraph.export.store; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'torch')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert json.loads(out.stdout.replace("'", '"')) == []


def test_schemathesis_finds_no_server_errors(client):
    """Generated requests for every operation in the OpenAPI schema: no 5xx, and every error in the one shape."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error

    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    failures: list[tuple[str, str]] = []

    def fuzz(operation):
        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call()
            try:
                case.validate_response(response, checks=[not_a_server_error])
                if response.status_code >= 400:
                    assert set(response.json()["error"]) == {"message", "input", "hint"}
            except Exception as e:  # collect, so one run reports every failing operation
                failures.append((operation.label, str(e)[:500]))
        check()

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 11
    for operation in operations:
        fuzz(operation)
    assert not failures, failures


def test_serve_binds_to_localhost_unless_told(db, monkeypatch, capsys):
    import uvicorn

    from claimgraph import cli

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.setenv("CLAIMGRAPH_TOKEN", "from-env")
    for args in ([], ["--host", "0.0.0.0", "--port", "9000"]):
        old, sys.argv = sys.argv, ["claimgraph", "--db", str(db), "serve", *args]
        try:
            with pytest.raises(SystemExit) as info:
                cli.main()
        finally:
            sys.argv = old
        assert info.value.code == 0
    assert [(kw["host"], kw["port"]) for _, kw in calls] == [("127.0.0.1", 8000), ("0.0.0.0", 9000)]
    assert "ingest on (bearer token)" in capsys.readouterr().err
    paths = TestClient(calls[0][0]).get("/openapi.json").json()["paths"]
    assert "/api/ingest" in paths  # the token from the environment turned it on


@pytest.mark.parametrize("command", ["serve", "export"])
def test_serve_and_export_have_help_and_are_in_the_readme(capsys, command):
    from claimgraph import cli

    old, sys.argv = sys.argv, ["claimgraph", command, "--help"]
    try:
        with pytest.raises(SystemExit) as info:
            cli.main()
    finally:
        sys.argv = old
    assert info.value.code == 0 and "Usage" in capsys.readouterr().out
    assert f"| `claimgraph {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_place_filter_keeps_only_claims_naming_the_place(client):
    every = client.get("/api/claims", params={"limit": MAX_LIMIT}).json()["claims"]
    korea = client.get("/api/claims", params={"place": "KP", "limit": MAX_LIMIT}).json()["claims"]
    assert korea and len(korea) < len(every)
    assert all("North Korea" in c["content_text"] for c in korea)
    assert client.get("/api/claims", params={"place": "FR"}).json()["claims"] == []


def test_stories_linked_in_memory_match_the_stories_a_store_keeps(tmp_path):
    """A store of unlinked articles is linked in memory, in publication order; a store that linked the
    same articles as they came (in that order) holds the same story for each, though re-clustering
    moved some of them after they joined."""
    from claimgraph.api.stories import LinkedStories
    from claimgraph.link import StoryLinker
    from claimgraph.models import Extraction
    from claimgraph.store.stories import StoryIndex
    from test_life import wcep_articles

    articles = sorted(wcep_articles()[:40], key=lambda a: (a.published, a.id))
    linker = StoryLinker()
    for a in articles:
        linker.add(Extraction(article=a))
    assert linker.state.moves
    with open_store(tmp_path / "plain.db") as plain, open_store(tmp_path / "linked.db") as linked:
        index = StoryIndex(linked)
        for a in articles:
            plain.add(Extraction(article=a))
            linked.add(Extraction(article=a), stories=index)
        found = LinkedStories().story_ids(plain)
        kept = dict(linked.conn.execute("SELECT id, story_id FROM articles").fetchall())
    assert {aid: sid for sid, aids in found.items() for aid in aids} == kept


def test_stories_are_read_from_the_store_that_keeps_them(tmp_path, monkeypatch):
    from claimgraph.api.reads import ReadOnlyStore
    from claimgraph.api.stories import LinkedStories, StoredStories
    from claimgraph.store.stories import StoryIndex
    from test_store import EXTRACTIONS

    db = tmp_path / "linked.db"
    with open_store(db) as store:
        index = StoryIndex(store)
        for build in EXTRACTIONS.values():
            assert store.add(build(), stories=index)
        kept = dict(store.conn.execute("SELECT id, story_id FROM articles").fetchall())

    def relink(*_):
        raise AssertionError("the store keeps its stories; nothing should be relinked")

    monkeypatch.setattr(LinkedStories, "story_ids", relink)
    store = ReadOnlyStore(db)
    try:
        found = StoredStories().story_ids(store)
    finally:
        store.close()
    assert {aid: sid for sid, aids in found.items() for aid in aids} == kept
