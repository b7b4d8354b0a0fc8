"""Exports (`claimgraph export` and GET /export/{format}): each round-trips or validates.

JSON Lines back to Claim records; CSV and Parquet (read back with pyarrow) to the same rows; ClaimReview
checked against the schema.org types and properties it uses; PLOVER events against the 16 PLOVER types;
PROV-JSON against the structure of the W3C PROV-JSON submission, with the seed article's chain
"Kyiv maintains ..., according to RFE/RL" as agents, entities, attribution and derivation.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from claimgraph.export.store import CSV_COLUMNS, EXPORTS, PLOVER_TYPES
from claimgraph.models import Claim, from_dict
from claimgraph.store import open_store
from test_cli import run
from webstore import build_store

pytestmark = pytest.mark.model  # the stores are built by the extraction pipeline

# schema.org: the properties of each type that the ClaimReview export writes (https://schema.org/ClaimReview,
# /Claim, /NewsArticle, /Organization, /Person, /Rating); each is defined on the type or a supertype.
SCHEMA_ORG = {
    "ClaimReview": {"claimReviewed", "itemReviewed", "datePublished", "author", "identifier", "reviewRating"},
    "Claim": {"author", "appearance", "datePublished", "text", "identifier", "firstAppearance"},
    "NewsArticle": {"url", "headline", "datePublished", "publisher", "identifier"},
    "Organization": {"name", "identifier"},
    "Person": {"name", "identifier"},
    "Rating": {"alternateName", "ratingValue", "bestRating", "worstRating"},
}
# W3C PROV-JSON (https://www.w3.org/submissions/prov-json/): top-level keys and each relation's roles
PROV_KEYS = {"prefix", "entity", "activity", "agent", "wasGeneratedBy", "used", "wasInformedBy", "wasStartedBy",
             "wasEndedBy", "wasInvalidatedBy", "wasDerivedFrom", "wasAttributedTo", "wasAssociatedWith",
             "actedOnBehalfOf", "wasInfluencedBy", "specializationOf", "alternateOf", "hadMember", "bundle"}
PROV_ROLES = {"wasAttributedTo": {"prov:entity": "entity", "prov:agent": "agent"},
              "wasDerivedFrom": {"prov:generatedEntity": "entity", "prov:usedEntity": "entity"}}




@pytest.fixture(scope="module")
def db(tmp_path_factory, nlp) -> Path:
    return build_store(tmp_path_factory.mktemp("export"), nlp)


def export(capsys, db: Path, tmp_path: Path, format: str, *filters: str) -> bytes:
    out = tmp_path / f"out.{format}"
    code, _, err = run(capsys, "--db", str(db), "export", "--format", format, "-o", str(out), *filters)
    assert code == 0, err
    assert f"of {format} to {out}" in err
    return out.read_bytes()


def test_jsonl_round_trips_to_the_stored_claims(capsys, db, tmp_path):
    lines = export(capsys, db, tmp_path, "jsonl").decode().splitlines()
    with open_store(db) as store:
        stored = [r.claim for r in store.claims()]
    assert [from_dict(Claim, json.loads(line)) for line in lines] == stored


def test_csv_and_parquet_hold_the_same_flattened_rows(capsys, db, tmp_path):
    import pyarrow.parquet as pq

    rows = list(csv.DictReader(io.StringIO(export(capsys, db, tmp_path, "csv").decode())))
    table = pq.read_table(io.BytesIO(export(capsys, db, tmp_path, "parquet")))
    assert table.column_names == list(CSV_COLUMNS)
    assert str(table.schema.field("start").type) == "int64"
    back = table.to_pylist()
    with open_store(db) as store:
        stored = store.claims()
    assert len(rows) == len(back) == len(stored)
    for row, pq_row, r in zip(rows, back, stored, strict=True):
        assert row["claim_id"] == pq_row["claim_id"] == r.claim.id
        assert row["content"] == pq_row["content"] == r.claim.content_text
        assert int(row["start"]) == pq_row["start"] == r.claim.start
        assert (row["source_actor"] or None) == pq_row["source_actor"] == r.claim.source_actor


def _check_schema_org(node: object) -> None:
    if isinstance(node, list):
        for item in node:
            _check_schema_org(item)
    elif isinstance(node, dict):
        kind = node["@type"]
        assert set(node) - {"@type"} <= SCHEMA_ORG[kind], (kind, set(node) - SCHEMA_ORG[kind])
        for value in node.values():
            if isinstance(value, (dict, list)):
                _check_schema_org(value)


def test_claimreview_uses_schema_org_properties_with_evidence(capsys, db, tmp_path):
    doc = json.loads(export(capsys, db, tmp_path, "claimreview", "--by", "KORSPY"))
    assert doc["@context"] == "https://schema.org"
    reviews = doc["@graph"]
    assert len(reviews) == 2  # South Korean intelligence's claim, in the real and the hostile summary
    _check_schema_org(reviews)
    with open_store(db) as store:
        for review in reviews:
            claim = review["itemReviewed"]
            assert review["@type"] == "ClaimReview" and claim["@type"] == "Claim"
            assert review["claimReviewed"].startswith("North Korean troops have suffered around 4,700 casualties")
            assert claim["author"] == {"@type": "Organization", "name": "South Korean intelligence",
                                       "identifier": "KORSPY"}
            article = store.article(claim["appearance"]["identifier"])
            assert claim["text"] in article.text and claim["text"].startswith("South Korean intelligence claims")
            assert claim["datePublished"] == article.published.isoformat()
            assert "reviewRating" not in review  # no claim carries a review status yet


def test_plover_events_use_plover_types_and_point_at_their_text(capsys, db, tmp_path):
    doc = json.loads(export(capsys, db, tmp_path, "plover"))
    events = doc["events"]
    assert events and len({e["id"] for e in events}) == len(events)
    with open_store(db) as store:
        for e in events:
            assert e["event"] in PLOVER_TYPES
            text = store.article(e["source"]["article_id"]).text
            assert text[e["source"]["start"]:e["source"]["end"]] == e["trigger"]
            assert all(isinstance(a, str) for a in e["actor"] + e["recipient"])


def _check_prov(doc: dict) -> None:
    assert set(doc) <= PROV_KEYS and doc["prefix"]["cg"].startswith("https://")
    for section in ("entity", "agent"):
        for name in doc[section]:
            assert name.split(":", 1)[0] in doc["prefix"], name
    for relation, roles in PROV_ROLES.items():
        for rid, body in doc[relation].items():
            assert rid.startswith("_:") and set(body) == set(roles)
            for role, section in roles.items():
                assert body[role] in doc[section], (relation, role, body[role])


def test_prov_json_has_a_valid_structure(capsys, db, tmp_path):
    doc = json.loads(export(capsys, db, tmp_path, "prov"))
    _check_prov(doc)
    with open_store(db) as store:
        assert sum(k.startswith("cg:claim/") for k in doc["entity"]) == len(store.claims())


@pytest.mark.slow
def test_prov_json_traces_a_report_of_a_report(capsys, seed_text, nlp, tmp_path):
    """The seed article: "... Kyiv maintains that its forces are still operating inside Russian territory,
    according to Radio Free Europe/Radio Liberty (RFE/RL)"."""
    from claimgraph.extract import extract_article
    from claimgraph.models import Article

    db = tmp_path / "seed.db"
    with open_store(db) as store:
        store.add(extract_article(Article.from_text(seed_text, outlet="seed"), nlp))
    doc = json.loads(export(capsys, db, tmp_path, "prov", "--by", "Kyiv"))
    _check_prov(doc)
    claim = next(k for k, v in doc["entity"].items() if v["prov:type"] == "cg:Claim"
                 and "still operating inside Russian territory" in v["prov:value"])
    report = next(k for k, v in doc["entity"].items() if v["prov:type"] == "cg:Report" and k.startswith(claim))

    def agent_of(entity: str) -> str:
        return next(doc["agent"][r["prov:agent"]]["prov:label"] for r in doc["wasAttributedTo"].values()
                    if r["prov:entity"] == entity)

    assert agent_of(claim) == "Kyiv"
    assert agent_of(report) == "Radio Free Europe/Radio Liberty (RFE/RL)"
    derived = {(r["prov:generatedEntity"], r["prov:usedEntity"]) for r in doc["wasDerivedFrom"].values()}
    article = next(k for k in doc["entity"] if k.startswith("cg:article/"))
    assert (report, claim) in derived and (article, report) in derived


def test_filters_narrow_the_export_and_the_api_gives_the_same_bytes(capsys, db, tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from claimgraph.api import create_app

    narrowed = export(capsys, db, tmp_path, "csv", "--about", "PRKMIL", "--since", "2025-04-30")
    assert len(narrowed.decode().splitlines()) == 3  # header and two claims about North Korean troops
    client = TestClient(create_app(str(db)))
    response = client.get("/export/csv", params={"about": "PRKMIL", "since": "2025-04-30"})
    assert response.content == narrowed and response.headers["content-type"] == EXPORTS["csv"].media_type
    assert 'filename="claimgraph.csv"' in response.headers["content-disposition"]


@pytest.mark.parametrize(("args", "message"), [
    (("--format", "xml"), "--format: unknown format 'xml'"),
    (("--format", "csv", "--stance", "yells"), "--stance: unknown stance 'yells'"),
    (("--format", "csv", "--since", "soon"), "--since: bad date 'soon'"),
])
def test_bad_export_options_are_one_line_with_a_hint(capsys, db, args, message):
    code, _, err = run(capsys, "--db", str(db), "export", *args)
    assert code == 2 and message in err and "hint" in err and "Traceback" not in err


def test_export_to_stdout(capsys, db):
    code, out, _ = run(capsys, "--db", str(db), "export", "--format", "jsonl", "--by", "KORSPY")
    assert code == 0
    assert [json.loads(line)["source_actor"] for line in out.splitlines()] == ["KORSPY", "KORSPY"]


def test_readme_export_commands_run(capsys, db, tmp_path, monkeypatch):
    """Every `claimgraph export` line of the README's "Web pages, API and exports" section runs."""
    import shlex

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Web pages, API and exports"):readme.index("## How it works")]
    lines = [line.removeprefix("$ .venv/bin/claimgraph ") for line in section.splitlines()
             if line.startswith("$ .venv/bin/claimgraph export")]
    assert len(lines) == len(EXPORTS)
    monkeypatch.chdir(tmp_path)
    for line in lines:
        code, _, err = run(capsys, "--db", str(db), *shlex.split(line))
        assert code == 0, (line, err)
    assert {p.name for p in tmp_path.iterdir()} >= {"claims.csv", "claims.parquet", "claimreview.jsonld",
                                                    "events.json", "provenance.json"}
