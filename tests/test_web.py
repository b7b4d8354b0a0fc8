"""The pages: each renders from the same query as its JSON twin, marks what an article holds, escapes
untrusted article text everywhere, and links search -> story -> claim -> the evidence sentence."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the pages need the web extra: pip install 'claimgraph[web]'")

from fastapi.testclient import TestClient  # noqa: E402

from claimgraph.api import create_app  # noqa: E402
from claimgraph.web import CSP, http_url  # noqa: E402
from webstore import HOSTILE, MARKERS, build_store  # noqa: E402

pytestmark = pytest.mark.model  # the store is built by the extraction pipeline

HTML = {"accept": "text/html,application/xhtml+xml"}


@pytest.fixture(scope="module")
def client(tmp_path_factory, nlp) -> TestClient:
    db: Path = build_store(tmp_path_factory.mktemp("web"), nlp)
    return TestClient(create_app(str(db)))


def _ids(client, path: str) -> list[str]:
    return [a["id"] for a in client.get(path).json()["articles"]]


def _hostile_id(client) -> str:
    return next(a["id"] for a in client.get("/api/articles").json()["articles"] if a["title"] == HOSTILE["title"])


def _page(client, path: str) -> str:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, (path, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CSP
    return response.text


def _pages(client) -> list[str]:
    aid = _hostile_id(client)
    story = client.get("/api/stories").json()["stories"][0]["id"]
    return ["/", "/search?q=casualties", "/claims", "/claims?about=PRKMIL", f"/articles/{aid}", "/actors",
            "/actors/KORSPY", "/actors/PRKMIL", "/map", "/stories", f"/stories/{story}"]


def test_every_page_renders_and_has_a_json_twin(client):
    for path in _pages(client):
        _page(client, path)
        base, _, query = path.partition("?")
        twin = ("/index" if base == "/" else base) + ".json" + (f"?{query}" if query else "")
        as_json = client.get(twin)
        assert as_json.status_code == 200 and as_json.headers["content-type"] == "application/json", twin
        accepted = client.get(path, headers={"accept": "application/json"})
        assert accepted.json() == as_json.json(), path


@pytest.mark.parametrize(("page", "api"), [
    ("/articles/{aid}.json", "/api/articles/{aid}"),
    ("/search.json?q=casualties", "/api/search?q=casualties"),
    ("/claims.json?about=PRKMIL", "/api/claims?about=PRKMIL"),
    ("/actors/PRKMIL.json", "/api/actors/PRKMIL?limit=100"),
    ("/stories.json", "/api/stories"),
])
def test_json_twins_are_the_api_answers(client, page, api):
    aid = _hostile_id(client)
    assert client.get(page.format(aid=aid)).json() == client.get(api.format(aid=aid)).json()


def test_article_page_marks_sources_cues_contents_and_explains_values_on_hover(client):
    aid = next(a["id"] for a in client.get("/api/articles").json()["articles"] if a["title"].startswith("Barack"))
    page = _page(client, f"/articles/{aid}")
    for role in ("source", "cue", "content"):
        assert f'class="seg role-{role}' in page, role
    # each normalised time, place and quantity is in a title attribute (the browser's tooltip)
    assert re.search(r'class="seg[^"]*kind-time"[^>]*title="time: TIME 2009-06-01T16:00">16:00 UTC today<', page)
    assert re.search(r'title="place: Ontario, CA-ON \(\d+\.\d\d, -\d+\.\d\d\)">Ontario<', page)
    assert 'title="quantity: 60 percent">60%<' in page
    assert 'title="quantity: 30,000,000,000 US dollar">US$ 30 billion<' in page
    # every claim of the article is listed with an anchor its text spans point to
    claims = client.get(f"/api/articles/{aid}").json()["claims"]
    for c in claims:
        assert f'id="claim-{c["id"]}"' in page and f'data-claim="{c["id"]}"' in page


def test_actor_page_shows_what_it_claimed_and_what_was_claimed_about_it(client):
    page = _page(client, "/actors/KORSPY")
    claimed, about = page.split("What was claimed about it")
    assert "North Korean troops have suffered around 4,700 casualties" in claimed
    page = _page(client, "/actors/PRKMIL")
    assert "4,700 casualties" in page.split("What was claimed about it")[1]


def test_map_draws_mappable_places_on_the_shipped_base_map(client):
    page = _page(client, "/map")
    assert '<image href="/static/basemap.svg"' in page
    places = client.get("/map.json").json()["places"]
    assert places and all(p["on_map"] for p in places)
    ontario = next(p for p in places if p["name"] == "Ontario")
    assert f'cx="{ontario["lon"] + 180:.2f}" cy="{90 - ontario["lat"]:.2f}"' in page
    basemap = client.get("/static/basemap.svg")
    assert basemap.status_code == 200 and basemap.headers["content-type"].startswith("image/svg+xml")
    assert basemap.text.count("<path") > 150 and "Natural Earth" in basemap.text


def test_story_page_charts_positions_and_numbers(client):
    story = next(s for s in client.get("/api/stories").json()["stories"]
                 if any(c["source_actor"] == "KORSPY" for c in client.get(f"/api/stories/{s['id']}").json()["claims"]))
    page = _page(client, f"/stories/{story['id']}")
    data = client.get(f"/stories/{story['id']}.json").json()
    dots = re.findall(r'<circle class="dot (\w+)"', page)
    assert sorted(dots) == sorted(pt["stance"] for p in data["positions"] for pt in p["points"])
    assert "casualties" in page.split("Numbers each source gave")[1]  # an estimates panel per unit
    assert re.search(r'<polyline class="series s0" points="[\d., ]+"', page)


def test_search_leads_to_a_story_and_a_claim_to_its_evidence_sentence(client):
    search = _page(client, "/search?q=Obama")
    article = re.search(r'href="/articles/(\w+)">Barack Obama', search).group(1)
    story = next(s["id"] for s in client.get("/api/stories").json()["stories"]
                 if article in [a["id"] for a in client.get(f"/api/stories/{s['id']}").json()["articles"]])
    story_page = _page(client, f"/stories/{story}")
    aid, claim = re.search(r'class="evidence" href="/articles/(\w+)#claim-(\w+)"', story_page).groups()
    evidence = _page(client, f"/articles/{aid}")
    assert f'id="claim-{claim}"' in evidence
    spans = re.findall(rf'<span class="seg[^"]*" data-claim="{claim}"[^>]*>([^<]*)</span>', evidence)
    record = next(c for c in client.get(f"/api/articles/{aid}").json()["claims"] if c["id"] == claim)
    assert record["content"][0]["text"] in html.unescape("".join(spans))  # the claim's words are marked as its own


def test_untrusted_text_is_escaped_on_every_page(client):
    for path in _pages(client):
        page = _page(client, path)
        body = page.split("<main>", 1)[1]  # the header's own script tag is ours
        tags = re.findall(r"<[^>]*>", body)  # markup the browser would act on
        for marker in (*MARKERS, "<img"):
            assert not [t for t in tags if marker in t.lower()], (path, marker)
    article = _page(client, f"/articles/{_hostile_id(client)}")
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=&#34;alert(4)&#34;&gt;" in article
    assert html.escape(HOSTILE["title"]) .replace("&quot;", "&#34;") in article
    assert "javascript:alert(1)" in article and 'href="javascript:alert(1)"' not in article  # shown, not linked


def test_error_pages_escape_their_input(client):
    response = client.get("/articles/<script>alert(1)</script>", headers=HTML)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "<script>alert(1)" not in response.text and "&lt;script&gt;alert(1)" in response.text
    assert client.get("/articles/<script>.json").json()["error"]["input"] == "<script>"


@pytest.mark.parametrize(("url", "linked"), [
    ("https://en.wikinews.org/wiki/X", True), ("http://example.org", True), ("javascript:alert(1)", False),
    (" JavaScript:alert(1)", False), ("data:text/html,<b>", False), ("https:evil", False), ("", False),
])
def test_only_http_urls_become_links(url, linked):
    assert (http_url(url) is not None) == linked


def test_basemap_is_well_formed_svg():
    # an image the browser cannot parse shows as a broken icon on the map page
    import xml.etree.ElementTree as ET

    from conftest import ROOT

    root = ET.parse(ROOT / "src" / "claimgraph" / "web" / "static" / "basemap.svg").getroot()
    assert root.tag.endswith("svg") and len(root.findall("{http://www.w3.org/2000/svg}path")) > 150
