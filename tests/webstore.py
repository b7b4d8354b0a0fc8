"""A small store for the API, page and export tests, built once per session through the library.

Real text: two Wikipedia Current Events Portal summaries (CC BY-SA 4.0, samples/README.md) and one
Wikinews article (CC BY 2.5). One more article is hostile: a real WCEP summary with a script tag, an
onerror handler and a javascript: URL spliced into its text, title, outlet and URL (article text is
untrusted, and the pages must show it only escaped).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from conftest import ROOT

WCEP = ROOT / "samples" / "wcep-north-korea-russia-ukraine.jsonl"
WIKINEWS = ROOT / "samples" / "wikinews" / "127227-barack-obama-presents-rescue-plan-after-gm-declaration-of.md"
DOCS = ("2025-04-30_002", "2025-08-14_005")  # casualty estimates; Kim Yo Jong calling a rumour false
HOSTILE = {
    "doc": "hostile-1", "published": "2025-05-01", "title": '<script>alert("title")</script>',
    "outlet": "<img src=x onerror=alert(2)>", "url": "javascript:alert(1)",
    "text": ('South Korean intelligence claims <script>alert("xss")</script> North Korean troops have suffered '
             'around 4,700 casualties <img src=x onerror="alert(4)">, according to <a href="javascript:alert(5)">'
             'Yonhap</a>.'),
}
MARKERS = ("<script>", "onerror=", "javascript:")  # must never reach a page unescaped

_built: dict[str, Path] = {}


def wcep_lines() -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in WCEP.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["doc"] in DOCS]


def build_store(tmp: Path, nlp: Any) -> Path:
    """The store file (built on first call); copy it before writing to it."""
    if "db" in _built:
        return _built["db"]
    from claimgraph.extract import extract_articles
    from claimgraph.ingest import read_inputs
    from claimgraph.store import open_store

    src = tmp / "articles.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in [*wcep_lines(), HOSTILE]), encoding="utf-8")
    articles = [a for a in read_inputs([str(src), str(WIKINEWS)]) if not isinstance(a, Exception)]
    assert len(articles) == 4, articles
    db = tmp / "web.db"
    with open_store(db) as store:
        for x in extract_articles(articles, nlp):
            store.add(x)
    _built["db"] = db
    return db


def writable_copy(db: Path, tmp: Path) -> Path:
    copy = tmp / "copy.db"
    shutil.copy(db, copy)
    for suffix in ("-wal", "-shm"):
        if Path(str(db) + suffix).exists():
            shutil.copy(str(db) + suffix, str(copy) + suffix)
    return copy
