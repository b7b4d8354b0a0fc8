"""Stored claims and events in the formats other tools read: JSON Lines, CSV, Parquet, ClaimReview
JSON-LD, PLOVER JSON and W3C PROV-JSON. Shared by `claimgraph export` and `GET /export/{format}`.

Every writer takes the store and the filters of `claimgraph claims` and returns the file's bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from claimgraph import __version__
from claimgraph.api.reads import ClaimFilters, claim_rows
from claimgraph.errors import ConfigError
from claimgraph.models import Article, Claim, Event, to_dict
from claimgraph.store import ClaimRow, Store

__all__ = ["EXPORTS", "CSV_COLUMNS", "Export", "PLOVER_TYPES", "export_bytes"]

# The 16 event types of PLOVER (Open Event Data Alliance), as claimgraph.extract.events codes them.
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
NS = "https://github.com/claimgraph/claimgraph/ns#"  # the prefix of claimgraph's own PROV and JSON-LD terms

CSV_COLUMNS = ("claim_id", "article_id", "published", "outlet", "title", "url", "kind", "stance", "source",
               "source_resolved", "source_actor", "person", "cue", "cue_lemma", "content", "hedges",
               "reported_via", "report_time", "event_time", "start", "end", "extractor", "version")


def _flat(row: ClaimRow) -> dict[str, Any]:
    c = row.claim
    return {"claim_id": c.id, "article_id": row.article_id, "published": to_dict(row.published),
            "outlet": row.outlet, "title": row.title, "url": row.url, "kind": c.kind.value,
            "stance": c.stance.value, "source": c.source.text if c.source else None,
            "source_resolved": c.source_resolved, "source_actor": c.source_actor, "person": c.person,
            "cue": c.cue.text if c.cue else None, "cue_lemma": c.cue_lemma, "content": c.content_text,
            "hedges": ";".join(c.hedges), "reported_via": ";".join(v.source.text for v in c.reported_via),
            "report_time": c.report_time, "event_time": c.event_time, "start": c.start, "end": c.end,
            "extractor": c.extractor, "version": c.version}


def _rows(store: Store, f: ClaimFilters) -> list[ClaimRow]:
    return claim_rows(store, f, None)


def write_jsonl(store: Store, f: ClaimFilters) -> bytes:
    """One claim a line: the Claim record with its article's title, outlet, date and URL."""
    from claimgraph.api.reads import claim_dict

    return "".join(json.dumps(claim_dict(r), ensure_ascii=False) + "\n" for r in _rows(store, f)).encode()


def write_csv(store: Store, f: ClaimFilters) -> bytes:
    """Claims flattened to CSV_COLUMNS; several hedges or outer sources are joined with ';'."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in _rows(store, f):
        writer.writerow(_flat(r))
    return buf.getvalue().encode()


def write_parquet(store: Store, f: ClaimFilters) -> bytes:
    """The CSV columns as a Parquet table (needs pyarrow)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise ConfigError("Parquet export needs pyarrow", input="parquet",
                          hint="pip install 'claimgraph[web]' (or pyarrow)") from e
    rows = [_flat(r) for r in _rows(store, f)]
    ints = {"start", "end"}
    schema = pa.schema([(c, pa.int64() if c in ints else pa.string()) for c in CSV_COLUMNS])
    table = pa.Table.from_pylist(rows, schema=schema)
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


# --- ClaimReview JSON-LD ---------------------------------------------------------------------------

def _evidence(store: Store, c: Claim, cache: dict[str, Article | None]) -> str | None:
    """The claim's sentence as the article writes it: source, cue and content."""
    if c.article_id not in cache:
        cache[c.article_id] = store.article(c.article_id)
    a = cache[c.article_id]
    return a.text[c.start:c.end] if a is not None else None


def write_claimreview(store: Store, f: ClaimFilters) -> bytes:
    """schema.org ClaimReview items, one per claim: the claim (`itemReviewed`, a Claim with its author and
    the article it appears in) and its evidence sentence. claimgraph records who said what, not whether it
    is true, so `reviewRating` is written only for claims that carry a review status (none do yet)."""
    cache: dict[str, Article | None] = {}
    now = datetime.now(UTC).date().isoformat()
    graph = []
    for r in _rows(store, f):
        c = r.claim
        appearance: dict[str, Any] = {"@type": "NewsArticle", "identifier": r.article_id}
        appearance.update({k: v for k, v in (("url", r.url), ("headline", r.title),
                                              ("datePublished", to_dict(r.published))) if v})
        if r.outlet:
            appearance["publisher"] = {"@type": "Organization", "name": r.outlet}
        claim: dict[str, Any] = {"@type": "Claim", "identifier": c.id, "appearance": appearance,
                                 "text": _evidence(store, c, cache)}
        if c.source is not None:
            author: dict[str, Any] = {"@type": "Person" if c.person else "Organization",
                                      "name": c.person or c.source_resolved or c.source.text}
            if c.source_actor:
                author["identifier"] = c.source_actor
            claim["author"] = author
        if r.published:
            claim["datePublished"] = r.published.isoformat()
        review: dict[str, Any] = {"@type": "ClaimReview", "identifier": c.id, "claimReviewed": c.content_text,
                                  "itemReviewed": claim, "datePublished": now,
                                  "author": {"@type": "Organization", "name": f"claimgraph {__version__}"}}
        status = getattr(c, "status", None)
        if status:
            review["reviewRating"] = {"@type": "Rating", "alternateName": str(status)}
        graph.append(review)
    return _json({"@context": "https://schema.org", "@graph": graph})


# --- PLOVER JSON -------------------------------------------------------------------------------------

def _events(store: Store, f: ClaimFilters) -> Iterator[tuple[Article, Event, int]]:
    """Events of the articles that hold a matching claim (every stored article without filters)."""
    if f.echo():
        ids = list(dict.fromkeys(r.article_id for r in _rows(store, f)))
    else:
        ids = [i for (i,) in store.conn.execute(
            "SELECT id FROM articles WHERE duplicate_of IS NULL ORDER BY published IS NULL, published, id")]
    for aid in ids:
        x = store.extraction(aid)
        for n, e in enumerate(x.events):
            yield x.article, e, n


def write_plover(store: Store, f: ClaimFilters) -> bytes:
    """PLOVER event records (id, date, event, mode, actor, recipient, location, source text) as one JSON
    document; negated and hypothetical events are kept and flagged, as claimgraph codes them."""
    events = []
    for a, e, n in _events(store, f):
        if e.type is None:
            continue
        events.append({
            "id": f"{a.id}-{n}", "date": e.time or to_dict(a.published), "event": e.type, "mode": e.mode or "",
            "actor": list(e.actor), "recipient": list(e.recipient), "location": e.place,
            "negated": e.negated, "hypothetical": e.hypothetical, "trigger": e.text,
            "source": {"article_id": a.id, "outlet": a.outlet, "title": a.title, "url": a.url,
                       "published": to_dict(a.published), "start": e.start, "end": e.end},
            "extractor": e.extractor, "version": e.version})
    return _json({"format": "PLOVER", "generator": f"claimgraph {__version__}", "events": events})


# --- W3C PROV-JSON -------------------------------------------------------------------------------------

def _agent_id(name: str) -> str:
    return "cg:agent/" + "".join(ch if ch.isalnum() else "_" for ch in name)[:80]


def write_prov(store: Store, f: ClaimFilters) -> bytes:
    """Attribution chains as W3C PROV-JSON: each claim an entity attributed to its source (an agent);
    each outer report ("RFE/RL reports that Kyiv maintains ...") an entity attributed to the reporter and
    derived from what it reports; the article derived from the outermost report and attributed to its outlet."""
    doc: dict[str, Any] = {"prefix": {"cg": NS, "schema": "https://schema.org/"},
                           "entity": {}, "agent": {}, "wasAttributedTo": {}, "wasDerivedFrom": {}}
    n = 0

    def agent(name: str, actor: str | None, kind: str) -> str:
        aid = _agent_id(actor or name)
        doc["agent"].setdefault(aid, {"prov:label": name, "prov:type": kind, **({"cg:actor": actor} if actor else {})})
        return aid

    def attributed(entity: str, agent_id: str) -> None:
        nonlocal n
        n += 1
        doc["wasAttributedTo"][f"_:a{n}"] = {"prov:entity": entity, "prov:agent": agent_id}

    def derived(generated: str, used: str) -> None:
        nonlocal n
        n += 1
        doc["wasDerivedFrom"][f"_:d{n}"] = {"prov:generatedEntity": generated, "prov:usedEntity": used}

    for r in _rows(store, f):
        c = r.claim
        article = f"cg:article/{r.article_id}"
        if article not in doc["entity"]:
            doc["entity"][article] = {"prov:type": "schema:NewsArticle", "prov:label": r.title or r.article_id,
                                      **({"prov:location": r.url} if r.url else {}),
                                      **({"cg:published": r.published.isoformat()} if r.published else {})}
            if r.outlet:
                attributed(article, agent(r.outlet, None, "prov:Organization"))
        claim = f"cg:claim/{c.id}"
        doc["entity"][claim] = {"prov:type": "cg:Claim", "prov:value": c.content_text, "cg:stance": c.stance.value,
                                "cg:kind": c.kind.value, **({"cg:cue": c.cue.text} if c.cue else {})}
        if c.source is not None:
            attributed(claim, agent(c.source_resolved or c.source.text, c.source_actor,
                                    "prov:Person" if c.person else "prov:Organization"))
        inner = claim
        for i, via in enumerate(c.reported_via):  # innermost first: the nearest reporter comes first
            report = f"{claim}/via/{i}"
            doc["entity"][report] = {"prov:type": "cg:Report", "prov:label": f"{via.source.text} "
                                     f"{via.cue.text if via.cue else 'reports'}"}
            attributed(report, agent(via.source.text, via.source_actor, "prov:Organization"))
            derived(report, inner)
            inner = report
        derived(article, inner)
    return _json(doc)


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode()


@dataclass(frozen=True, slots=True)
class Export:
    write: Callable[[Store, ClaimFilters], bytes]
    media_type: str
    suffix: str


EXPORTS: dict[str, Export] = {
    "jsonl": Export(write_jsonl, "application/x-ndjson", ".jsonl"),
    "csv": Export(write_csv, "text/csv; charset=utf-8", ".csv"),
    "parquet": Export(write_parquet, "application/vnd.apache.parquet", ".parquet"),
    "claimreview": Export(write_claimreview, "application/ld+json", ".jsonld"),
    "plover": Export(write_plover, "application/json", ".json"),
    "prov": Export(write_prov, "application/json", ".prov.json"),
}


def export_bytes(store: Store, format: str, filters: ClaimFilters | None = None) -> bytes:
    if format not in EXPORTS:
        raise ConfigError(f"unknown export format {format!r}", input=format,
                          hint=f"choose one of {', '.join(EXPORTS)}")
    return EXPORTS[format].write(store, filters or ClaimFilters())
