"""From articles to `Extraction`s: parse, find claims, resolve their sources, name the actors."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

from claimgraph import __version__
from claimgraph.errors import ConfigError
from claimgraph.extract.actors import ActorRegistry, find_mentions
from claimgraph.extract.claims import Draft, find_claims
from claimgraph.extract.doc_text import remember_text, text_of
from claimgraph.extract.events import find_events
from claimgraph.extract.lexicon import lexicon
from claimgraph.extract.places import alpha3, find_places
from claimgraph.extract.quantities import find_quantities
from claimgraph.extract.sources import person_name, resolve_source
from claimgraph.extract.times import find_times
from claimgraph.models import ActorRef, Article, Claim, Extraction, Place, ReportedVia, TextSpan, TimeRef

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["EXTRACTOR", "VERSION", "extract_article", "extract_articles", "extraction_from_doc"]

EXTRACTOR = "claimgraph.claims"
VERSION = f"{__version__}.34"  # bump the suffix when rules, data or tagger weights change what is extracted
PLACE_KINDS = {"country", "capital", "demonym", "metonym"}  # registry kinds that name a country: no person



def extract_article(article: Article, nlp: Language, attribution: str = "auto",
                    actors: str | None = None, device: str = "cpu") -> Extraction:
    return extraction_from_doc(article, nlp(article.text), attribution, actors, device)


def extract_articles(articles: Iterable[Article], nlp: Language, batch_size: int = 16,
                     attribution: str = "auto", actors: str | None = None,
                     device: str = "cpu") -> Iterator[Extraction]:
    """Parse in batches (spaCy's `pipe`), yielding one Extraction per article in input order. The
    attribution tagger tags each batch's articles together, which is what keeps a GPU busy."""
    pairs = ((a.text, a) for a in articles)
    parsed = nlp.pipe(pairs, as_tuples=True, batch_size=batch_size)
    if not _uses_tagger(attribution):
        for doc, article in parsed:
            yield extraction_from_doc(article, doc, attribution, actors, device)
        return
    while group := list(islice(parsed, batch_size)):
        for doc, article in group:
            remember_text(doc, article.text)
        spans = _tag([text_of(doc) for doc, _ in group], device)
        for (doc, article), tagged in zip(group, spans, strict=True):
            yield extraction_from_doc(article, doc, attribution, actors, device, tagged)


def extraction_from_doc(article: Article, doc: Doc, attribution: str = "auto",
                        actors: str | None = None, device: str = "cpu",
                        tagged: dict[str, list[tuple[int, int]]] | None = None) -> Extraction:
    """`attribution`: "tagger" (learned; needs the ml extra), "rules", or "auto" (the tagger when installed).
    `actors`: a user's actor file extending the bundled registry (the `actors` setting). `device`:
    where the tagger runs (the `device` setting); `tagged`: the tagger's spans when already computed."""
    remember_text(doc, article.text)
    registry = ActorRegistry.load(actors)
    learned = None
    if _uses_tagger(attribution):
        from claimgraph.extract.learned import link_spans

        learned = link_spans(doc, tagged if tagged is not None else _tag([text_of(doc)], device)[0], lexicon())
    drafts = find_claims(doc, learned)
    claims: dict[str, Claim] = {}  # by id: the same cue and content twice is one claim (the store keys on it)
    earlier: list[Span] = []
    for d in drafts:
        claim, named_by = _claim(article, doc, d, registry, earlier)
        if claim.id in claims:
            continue
        claims[claim.id] = claim
        if named_by is not None:
            earlier.append(named_by)
    mentions = tuple(find_mentions(article.text, article.id, registry=registry, when=article.published))
    times = tuple(find_times(doc, article))
    places = tuple(find_places(doc, article, registry=registry))
    mentions = _located(mentions, places)
    quantities = tuple(find_quantities(doc, article))
    timed = tuple(_timed(c, article, times) for c in claims.values())
    return Extraction(article=article, claims=timed, actors=mentions,
                      times=times, places=places, quantities=quantities,
                      events=tuple(find_events(doc, article, registry, places, times, quantities)))


def _located(mentions: tuple[ActorRef, ...], places: tuple[Place, ...]) -> tuple[ActorRef, ...]:
    """A capital the places module reads as where something happens names its country, not its government:
    "detained in Tehran" is IRN (a place), "Tehran said" stays IRNGOV (a metonym)."""
    where = {(p.start, p.end): p.country for p in places
             if p.metonym_of is None and p.mention == "name" and p.country}
    out = []
    for m in mentions:
        country = where.get((m.start, m.end))
        if m.kind == "metonym" and country and (code := alpha3(country)):
            m = replace(m, code=code, kind="place")
        out.append(m)
    return tuple(out)


def _timed(claim: Claim, article: Article, times: tuple[TimeRef, ...]) -> Claim:
    """The claim with its report time (publication) and event time (the first dated time in its content)."""
    inside = [t for t in times if t.value and t.type in {"DATE", "TIME"}
              and any(f.start <= t.start and t.end <= f.end for f in claim.content)]
    return replace(claim, report_time=article.published.isoformat() if article.published else None,
                   event_time=inside[0].value if inside else None)


def _uses_tagger(attribution: str) -> bool:
    """Whether claims come from the learned attribution tagger (else from the rules alone)."""
    from claimgraph.ml import installed

    if attribution == "rules" or (attribution == "auto" and not installed()):
        return False
    if not installed():
        raise ConfigError("the attribution tagger needs the ml extra", input="attribution=tagger",
                          hint="pip install 'claimgraph[ml]', or use --attribution rules")
    return True


def _tag(texts: list[str], device: str) -> list[dict[str, list[tuple[int, int]]]]:
    """The attribution tagger's spans for each text, on `device`."""
    from claimgraph.ml.tagger import load_tagger, predict_probs_many, resolve_device, spans_from_probs

    device = resolve_device(device)
    model, tokenizer = load_tagger(device)
    probs = predict_probs_many(model, tokenizer, texts, device)
    return [spans_from_probs(text, *out) for text, out in zip(texts, probs, strict=True)]


def _span(doc: Doc, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, text_of(doc)[start:end])


def _claim(article: Article, doc: Doc, d: Draft, registry: ActorRegistry,
           earlier: list[Span]) -> tuple[Claim, Span | None]:
    """The claim record, and the span that best names its source (for resolving later sources)."""
    source = resolved = actor = person = named_by = None
    if d.source is not None:
        source = _span(doc, d.source.start_char, d.source.end_char)
        when = article.published
        hit = registry.resolve(d.source.text, when)
        if hit is not None and hit.kind in PLACE_KINDS:  # "Azerbaijan" needs no "Azerbaijan Airlines"
            resolved, named_by = None, d.source
        else:
            res = resolve_source(d.source, earlier)
            resolved, named_by = res.text, res.span
            hit = hit or (registry.resolve(res.text, when) if res.text else None)
        actor = hit.code if hit else None
        if hit is None or hit.kind not in PLACE_KINDS:
            person = person_name(named_by) or person_name(d.source)
    content = tuple(_span(doc, s, e) for s, e in sorted(d.content))
    words = {t.lower_ for s, e in d.content for t in _tokens(doc, s, e)}
    cue_words = list(_tokens(doc, *d.cue)) if d.cue else []
    if len(cue_words) == 1 and cue_words[0].pos_ == "ADV":
        words.add(cue_words[0].lower_)  # the cue itself is the hedge: "A strike reportedly kills ..."
    hedges = tuple(sorted(words & lexicon().hedges))
    via = tuple(ReportedVia(source=_span(doc, src.start_char, src.end_char), cue=_span(doc, *cue),
                            source_actor=(h.code if (h := registry.resolve(src.text, article.published)) else None))
                for src, cue in d.via)
    key = f"{article.id}|{d.cue}|{sorted(d.content)}"
    return Claim(
        id=hashlib.sha1(key.encode()).hexdigest()[:16], article_id=article.id, start=d.start, end=d.end,
        kind=d.kind, stance=d.stance, content=content, source=source, source_resolved=resolved,
        source_actor=actor, person=person, cue=_span(doc, *d.cue) if d.cue else None, cue_lemma=d.cue_lemma,
        hedges=hedges, addressee=_span(doc, d.addressee.start_char, d.addressee.end_char) if d.addressee else None,
        reported_via=via, extractor=EXTRACTOR, version=VERSION), named_by


def _tokens(doc: Doc, start: int, end: int) -> Span:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None else doc[0:0]
