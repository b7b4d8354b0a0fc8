"""The real pages in headless Chromium: search, a story's timeline, a claim followed to the sentence it
was read from, the map. Screenshots are saved in docs/screenshots/, which the README shows.

Debian's chromium drives the pages through Playwright (no browser download); `make test` installs it.
The store is tests/webstore.py's: real WCEP and Wikinews text (see that module for licences).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import ROOT
from webstore import build_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = ROOT / "docs" / "screenshots"
pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium, which make test installs")]


@pytest.fixture(scope="module")
def server(nlp, tmp_path_factory) -> Iterator[str]:
    """The API and pages on a free loopback port, in a thread of this process."""
    import uvicorn

    from claimgraph.api import create_app

    db = build_store(tmp_path_factory.mktemp("browser"), nlp)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def tab(server) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        yield tab
        browser.close()


def test_search_finds_the_article(server, tab):
    tab.goto(server + "/")
    tab.fill("form.search input[name=q]", "North Korean troops")
    tab.click("form.search button")
    tab.wait_for_url("**/search?q=*")
    titles = tab.locator("main li a").all_inner_texts()
    assert titles, "no search results"
    tab.screenshot(path=str(SHOTS / "search.png"), full_page=True)


def test_story_timeline_leads_to_the_evidence_sentence(server, tab):
    tab.goto(server + "/stories")
    stories = tab.locator("main li a")
    assert stories.count() >= 1
    # the story with most articles is listed first
    stories.first.click()
    tab.wait_for_url("**/stories/*")
    dots = tab.locator("svg.chart.positions circle.dot")
    assert dots.count() >= 1, "the story page draws no positions"
    assert tab.locator("svg.chart.positions circle.dot title").first.text_content()
    tab.screenshot(path=str(SHOTS / "story.png"), full_page=True)

    claim = tab.locator("li.claim").first
    content = claim.locator("q.content").inner_text()
    claim.locator("a.evidence").click()
    tab.wait_for_url("**/articles/*")
    claim_id = tab.url.rsplit("#claim-", 1)[1]
    marked = tab.locator(f'article.text span.role-content[data-claim="{claim_id}"]').all_inner_texts()
    assert marked, "the claim's content is not marked in the article text"
    # the marked pieces, joined, are the claim's content as the story page quoted it
    assert " ".join("".join(marked).split()) == " ".join(content.split())
    tab.screenshot(path=str(SHOTS / "article.png"), full_page=True)


def test_map_draws_places(server, tab):
    tab.goto(server + "/map")
    assert tab.locator("svg").count() >= 1
    tab.screenshot(path=str(SHOTS / "map.png"), full_page=True)
