"""`eval`: the benchmark format of ../shared/eval/FORMATS.md; `jsonl`: every record, in full."""

from __future__ import annotations

from typing import Any

from claimgraph.models import Claim, ClaimKind, Extraction, TextSpan, to_dict

__all__ = ["FORMATS", "eval_record", "jsonl_record", "outermost"]


def _pair(span: TextSpan | None) -> list[list[int]]:
    return [[span.start, span.end]] if span is not None else []


_FREE_RELATIVE = ("what ", "whatever ")


def outermost(claims: tuple[Claim, ...]) -> list[Claim]:
    """The claims whose cue is not inside the content of another attributed claim.

    "He stated that he expected GM to make ..." holds two claims; benchmarks of attribution (PolNeAR)
    annotate only the outer one, so the benchmark format gives only that. The inner claims stay in
    the extraction and the store. A claim inside an "according to" ("Kyiv maintains ..., according to
    RFE/RL") is not left out: it is the claim, and the outer source is the channel it reached us
    through (its `reported_via`). Nor is a claim inside a free relative that opens the outer content
    ("Russia confirmed what Ukrainian and Western officials have long asserted: that Pyongyang ..."):
    the narrator, not the outer source, tells us that the officials asserted it."""
    outer = [c for c in claims if c.kind not in {ClaimKind.UNATTRIBUTED, ClaimKind.ACCORDING_TO}]

    def inside(cue: TextSpan, f: TextSpan) -> bool:
        return f.start <= cue.start and cue.end <= f.end and not f.text.lower().startswith(_FREE_RELATIVE)

    def nested(c: Claim) -> bool:
        return c.cue is not None and any(o is not c and any(inside(c.cue, f) for f in o.content) for o in outer)

    return [c for c in claims if not nested(c)]


def eval_record(x: Extraction, story: str | None = None) -> dict[str, Any]:
    """One line of extraction JSONL: spans as [start, end) lists, codes as strings; `story` (the
    linker's story id, FORMATS.md "Cross-document") only when stories were linked. Claims nested in
    another claim's content are left out (`outermost`), as the attribution benchmark scores them."""
    return {
        "doc": x.article.doc or x.article.id,
        **({"story": story} if story is not None else {}),
        "claims": [
            {"source": _pair(c.source), "cue": _pair(c.cue), "content": [[f.start, f.end] for f in c.content],
             "kind": c.kind.value, "stance": c.stance.value, "source_actor": c.source_actor,
             "hedges": list(c.hedges)}
            for c in outermost(x.claims)
        ],
        "times": [{"start": t.start, "end": t.end, "type": t.type, "value": t.value} for t in x.times],
        "places": [{"start": p.start, "end": p.end, "lat": p.lat, "lon": p.lon, "iso": p.iso,
                    "metonym_of": p.metonym_of} for p in x.places],
        "quantities": [{"start": q.start, "end": q.end, "value": q.value, "qualifier": q.qualifier,
                        "unit": q.unit} for q in x.quantities],
        "events": [{"start": e.start, "end": e.end, "type": e.type, "mode": e.mode, "actor": list(e.actor),
                    "recipient": list(e.recipient), "negated": e.negated, "hypothetical": e.hypothetical,
                    "place": e.place, "time": e.time, "quantities": list(e.quantities)} for e in x.events],
    }


def jsonl_record(x: Extraction, story: str | None = None) -> dict[str, Any]:
    """The article's metadata (not its text) and every record, as `models.to_dict` writes them."""
    article = to_dict(x.article)
    article.pop("text")
    return {"article": article, **({"story": story} if story is not None else {}), "claims": to_dict(x.claims),
            "actors": to_dict(x.actors), "times": to_dict(x.times), "places": to_dict(x.places),
            "quantities": to_dict(x.quantities), "events": to_dict(x.events)}


FORMATS = {"eval": eval_record, "jsonl": jsonl_record}
