"""Places: toponyms found in a parsed article, resolved offline, and read as locations or as actors.

Recognition: spaCy's GPE, LOC and FAC entities, a region word after a name ("the Kursk region"), and
demonyms used as modifiers ("Syrian troops" names Syria). Resolution scores every gazetteer reading of
a name by population, by feature (countries and capitals are what news names most), by the countries,
regions and towns the article's other names were first read as (an article about Columbus and
Franklin County puts "Dublin" in Ohio), and by an "X, Region" qualifier ("Moscow, Idaho"); a name
that is a region and a town inside it is the town unless a region word follows. Metonymy: a capital,
country or town standing for its government or people ("Pyongyang deployed", "Moscow's efforts",
"Kyiv maintains") gets `metonym_of`, an actor code, and stays off the map.
"""

from __future__ import annotations

import csv
import difflib
import functools
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from claimgraph.extract.actors import ActorRegistry
from claimgraph.extract.doc_text import text_of
from claimgraph.geo.gazetteer import Entry, Gazetteer, fold, within
from claimgraph.models import Article, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["EXTRACTOR", "VERSION", "PlaceWords", "alpha3", "find_places", "place_words"]

EXTRACTOR = "claimgraph.places"
VERSION = "13"

_LABELS = {"GPE", "LOC", "FAC"}
# Labels the small model gives place names it does not know ("the Kursk region" as a PRODUCT): their
# tokens are looked up like unlabelled ones.
_MISREAD = {"PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
# Score weights, set by hand on the geo dev corpora (docs/accuracy.md): one unit is a factor of ten in
# population.
_FEATURE_BONUS = {"country": 2.5, "continent": 2.5, "area": 1.5, "region": 0.5, "district": 0.3, "city": 0.0}
_CAPITAL_BONUS = 1.5
_HOW_PENALTY = {"name": 0.0, "alt": 0.5, "base": 1.5, "demonym": 0.0}
_IN_COUNTRY = 2.5  # the article names the reading's country elsewhere
_IN_REGION = 1.5  # ... or its region
_QUALIFIED = 6.0  # "X, Region" and the reading lies in that region or country
_NEAR = 1.0  # ... or a town the article names lies within _NEAR_KM of the reading
_NEAR_KM = 100.0
_NAMESAKE = 10  # a region's name means a town in it of that name that holds at least 1/_NAMESAKE of its people
_SMALL_TOWN = 20000  # a town this small, read where the article names only other countries, is left unresolved
_EMBEDDED_POPULATION = 50000  # a town inside an organisation's name ("Paris High School") must be this large


@dataclass(frozen=True)
class PlaceWords:
    region_words: frozenset[str]
    prepositions: frozenset[str]
    literal_verbs: frozenset[str]
    geo_nouns: frozenset[str]
    object_verbs: frozenset[str]
    party_prepositions: frozenset[str]
    party_nouns: frozenset[str]
    generic_words: frozenset[str]


@functools.cache
def place_words() -> PlaceWords:
    roles: dict[str, set[str]] = {}
    with resources.files("claimgraph.data").joinpath("place_words.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"):
            roles.setdefault(row["role"], set()).add(row["word"])
    return PlaceWords(frozenset(roles["region_word"]), frozenset(roles["place_preposition"]),
                      frozenset(roles["literal_verb"]), frozenset(roles["geo_noun"]),
                      frozenset(roles["object_verb"]), frozenset(roles["party_preposition"]),
                      frozenset(roles["party_noun"]), frozenset(roles["generic_word"]))


@dataclass
class _Mention:
    start: int
    end: int
    span: Span
    modifier: bool = False  # a demonym: "Syrian troops"
    embedded: bool = False  # inside another name: "Paris High School"
    organisation: bool = False  # the whole name of a team or body: "Louisville" (the team)
    qualifier: _Mention | None = None  # "Idaho" in "Moscow, Idaho"
    readings: tuple[Entry, ...] = ()
    best: Entry | None = None
    evidence: str = ""


def find_places(doc: Doc, article: Article, gazetteer: Gazetteer | None = None,
                registry: ActorRegistry | None = None) -> Iterator[Place]:
    gazetteer = gazetteer or Gazetteer.default()
    registry = registry or ActorRegistry.default()
    words = place_words()
    mentions = list(_mentions(doc, words, gazetteer))
    for m in mentions:
        m.readings = _readings(gazetteer, text_of(doc)[m.start:m.end], m, words)
    _qualify(mentions)
    # Two passes: what the article names unambiguously sets the context for what it names ambiguously.
    for m in mentions:
        _choose(m, Counter(), Counter())
    # Each name's context is what the article's other names were first read as (its own repeats do not
    # vouch for it): "Dublin" in an article that also names Columbus and Franklin County is in Ohio.
    keys = [fold(text_of(doc)[m.start:m.end]) for m in mentions]
    first = [(k, m.best) for k, m in zip(keys, mentions, strict=True) if m.best is not None and not m.modifier]
    for key, m in zip(keys, mentions, strict=True):
        others = [e for k, e in first if k != key]
        countries = Counter(e.country for e in others if e.country)
        regions = Counter(e.region for e in others if e.region)
        near = [(e.lat, e.lon) for e in others if e.feature in {"city", "district"}]
        _choose(m, countries, regions, near)
    for m in mentions:
        text = text_of(doc)[m.start:m.end]
        e = m.best
        if not m.modifier and _modifies(m.span):
            m.modifier = True  # "U.S. officials", "the Ukrainian incursion"
        metonym = None if m.modifier or m.embedded else _metonym(m, e, text, registry, words)
        yield Place(article_id=article.id, start=m.start, end=m.end, text=text, iso=e.iso if e else None,
                    lat=e.lat if e else None, lon=e.lon if e else None, metonym_of=metonym,
                    name=e.name if e else None, feature=e.feature if e else None, country=e.country if e else None,
                    region=e.region if e else None, geonameid=e.geonameid if e else None,
                    mention="embedded" if m.embedded else "modifier" if m.modifier else "name", evidence=m.evidence,
                    extractor=EXTRACTOR, version=VERSION)


# ------------------------------------------------------------------------------------------- mentions

def _mentions(doc: Doc, words: PlaceWords, gazetteer: Gazetteer) -> Iterator[_Mention]:
    taken: set[int] = set()
    found: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ not in _MISREAD:
            taken.update(range(ent.start, ent.end))
        if ent.label_ in _LABELS:
            found += _split(doc, _trim(doc, ent, words), words)
        elif ent.label_ == "NORP":
            readings = gazetteer.lookup(ent.text)
            if any(e.how == "name" and e.feature == "country" for e in readings) or (
                    not _demonym(readings) and _town(readings)):
                # a country or a town read as a people: "into Tajikistan", "the Khan Yunis refugee camp"
                found += _split(doc, _trim(doc, ent, words), words)
            elif ent.root.dep_ in {"amod", "compound"} and ent.root.tag_ != "NNPS":
                found.append(_Mention(ent.start_char, ent.end_char, ent, modifier=True))
        elif ent.label_ in {"PERSON", "ORG"}:
            readings = gazetteer.lookup(ent.text)
            if _well_known(readings):
                found.append(_Mention(ent.start_char, ent.end_char, ent))  # "Kyiv maintains" read as a person
            elif ent.label_ == "ORG" and _town(readings):
                if len(ent) <= 3:  # a team or a body named after its town ("outlasted Louisville")
                    found.append(_Mention(ent.start_char, ent.end_char, ent, organisation=True))
            elif ent.label_ == "ORG":
                found += _embedded(ent, gazetteer)  # "Paris High School"
    found += _unlabelled(doc, words, gazetteer, taken)
    found.sort(key=lambda m: m.start)
    yield from _joined(doc, found, gazetteer)


def _joined(doc: Doc, found: list[_Mention], gazetteer: Gazetteer) -> Iterator[_Mention]:
    """A name and the words after it that together name one country or region ("Trinidad and Tobago", "Bosnia
    and Herzegovina", "Rio Grande do Sul"), which the model may cut short ("Bosnia and" + "Herzegovina", "Tobago"
    read as a person, "Rio Grande" + "Sul"), as one mention; and a name the gazetteer does not know with the words
    that make it a town's ("Santa Cruz de la" + "Sierra"). Up to three words on, none of them punctuation."""
    skip_to = -1
    for m in found:
        if m.start < skip_to:
            continue  # inside the name joined before it
        last = m.span.end
        while last < len(doc) and last - m.span.end < 3 and not doc[last].is_punct and not doc[last].is_sent_start:
            last += 1
        known = bool(gazetteer.lookup(m.span.text))
        for end in range(last, m.span.end, -1):
            whole = doc[m.span.start:end]
            if any(e.how == "name" and (e.feature in {"country", "region"} or not known)
                   for e in gazetteer.lookup(whole.text)):
                yield _Mention(whole.start_char, whole.end_char, whole)
                skip_to = whole.end_char
                break
        else:
            yield m


def _embedded(ent: Span, gazetteer: Gazetteer) -> Iterator[_Mention]:
    """Place names inside an organisation's or a building's name: "Paris" in "Paris High School",
    "Washington" in "The Washington Post". Longest first; only well-populated readings."""
    i = ent.start
    while i < ent.end:
        people = next((ent.doc[i:j] for j in range(min(ent.end, i + 2), i, -1)
                       if ent.doc[i].text[:1].isupper() and ent.doc[i].pos_ != "DET"
                       and _demonym(gazetteer.lookup(ent.doc[i:j].text))), None)
        if people is not None:
            # "the African Union", "the Nigerian Army": the country, by its demonym, read before any place name
            # ("the Somali National Army": Somalia's, not Ethiopia's Somali Region)
            yield _Mention(people.start_char, people.end_char, people, embedded=True, modifier=True)
            i = people.end
            continue
        for j in range(min(ent.end, i + 3), i, -1):
            part = ent.doc[i:j]
            if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in part) and any(
                    e.how == "name" and (e.feature in {"country", "region", "area"} or e.capital
                                         or e.population >= _EMBEDDED_POPULATION)
                    for e in gazetteer.lookup(part.text)):
                yield _Mention(part.start_char, part.end_char, part, embedded=True)
                i = j
                break
        else:
            i += 1


def _demonym(readings: tuple[Entry, ...]) -> bool:
    return any(e.how == "demonym" for e in readings)


def _town(readings: tuple[Entry, ...]) -> bool:
    return any(e.how == "name" and e.feature in {"city", "region"} and e.population >= _EMBEDDED_POPULATION
               for e in readings)


def _well_known(readings: tuple[Entry, ...]) -> bool:
    """A name that is first of all a country or a capital ("Kyiv"), whatever the model labelled it."""
    return any((e.how == "name" and e.feature == "country") or (e.how in {"name", "alt"} and e.capital)
               for e in readings)


def _unlabelled(doc: Doc, words: PlaceWords, gazetteer: Gazetteer, taken: set[int]) -> Iterator[_Mention]:
    """Proper names the model left unlabelled that the gazetteer knows, where the context says place:
    a region word after ("Kursk region"), a place preposition before ("near Krasnohorivka"), or a
    reading that is a country, region or large town."""
    i = 0
    while i < len(doc):
        if i in taken:
            i += 1
            continue
        if doc[i].pos_ != "PROPN":
            tok = doc[i]
            readings = gazetteer.lookup(tok.text) if tok.is_title and tok.pos_ in {"ADJ", "NOUN"} else ()
            if _well_known(readings):  # a capital or country the tagger misread ("Kyiv maintains" tagged ADJ)
                yield _Mention(tok.idx, tok.idx + len(tok), doc[i:i + 1])
            elif tok.dep_ in {"amod", "compound"} and _demonym(readings):
                # a people's name the model did not mark, as it often does first in a sentence ("Somali forces")
                yield _Mention(tok.idx, tok.idx + len(tok), doc[i:i + 1], modifier=True)
            i += 1
            continue
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and j not in taken and j - i < 4:
            j += 1
        span = doc[i:j]
        region_word = j < len(doc) and doc[j].lower_ in words.region_words and doc[j].lower_ != "state"
        named = doc[i:j + 1] if region_word else span
        readings = tuple(e for e in gazetteer.lookup(named.text) if e.how != "demonym")
        after_preposition = i > 0 and doc[i - 1].lower_ in words.prepositions
        if readings and (region_word or after_preposition or _well_known(readings)
                         or any(e.feature == "region" and e.how == "name" for e in readings)):
            yield _Mention(named.start_char, named.end_char, named)
        i = j


def _trim(doc: Doc, ent: Span, words: PlaceWords) -> Span:
    """The name without a leading "the" or a trailing "'s", with a region word that follows it."""
    start, end = ent.start, ent.end
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    if end - start > 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    if end < len(doc) and doc[end].lower_ in words.region_words and doc[end].lower_ != "state":
        end += 1
    return doc[start:end]


def _split(doc: Doc, span: Span, words: PlaceWords) -> Iterator[_Mention]:
    """ "Krasnohorivka, Donetsk Oblast" as one entity: two names, the second qualifying the first."""
    parts: list[Span] = []
    begin = span.start
    for tok in span:
        if tok.text == ",":
            if tok.i > begin:
                parts.append(doc[begin:tok.i])
            begin = tok.i + 1
    if begin < span.end:
        parts.append(doc[begin:span.end])
    mentions = [_Mention(p.start_char, p.end_char, p) for p in parts]
    for first, second in zip(mentions, mentions[1:], strict=False):
        first.qualifier = second
    yield from mentions


def _qualify(mentions: list[_Mention]) -> None:
    """ "Moscow, Idaho" parsed as two entities: the second qualifies the first. Not in a list ("Canada, Mexico,
    and the United States"), nor a name that modifies the next word ("Ankara, Turkey, U.S. president ...")."""
    if not mentions:
        return
    text = text_of(mentions[0].span.doc)
    for first, second in zip(mentions, mentions[1:], strict=False):
        between = text[first.end:second.start]
        listed = re.match(r",?\s+(?:and|or)\s", text[second.end:second.end + 6]) is not None
        if first.qualifier is None and between.strip() == "," and not second.modifier and not listed \
                and not _modifies(second.span):
            first.qualifier = second


def _modifies(span: Span) -> bool:
    """A name that stands before a noun it modifies ("U.S. officials", "the Ukrainian incursion")."""
    root = span.root
    return root.dep_ in {"compound", "amod"} and root.head.i >= span.end and root.head.pos_ in {"NOUN", "PROPN"}


def _readings(gazetteer: Gazetteer, text: str, m: _Mention, words: PlaceWords) -> tuple[Entry, ...]:
    if " ".join(t.lower_ for t in m.span) in words.generic_words:
        return ()  # "Southern", "Centre": a word, though some region is called so; "the White House", a building
    found = gazetteer.lookup(text)
    if text.isupper() and len(text) <= 3:
        found = tuple(e for e in found if e.feature == "country")  # "US", "UAE"; not "BA" (Ba, Fiji)
    demonyms = tuple(e for e in found if e.how == "demonym")
    if m.modifier:
        return demonyms
    found = tuple(e for e in found if e.how != "demonym")
    if not found and demonyms:  # "Ukrainian troops" labelled GPE
        m.modifier = True
        return demonyms
    if not found and len(m.span) > 1 and m.span[-1].lower_ in words.region_words:
        found = tuple(e for e in gazetteer.lookup(m.span[:-1].text) if e.how != "demonym")
    region_word = len(m.span) > 1 and m.span[-1].lower_ in words.region_words
    if not region_word:
        # A region or district named like a town inside it ("Kursk", "Moscow", "Paris") is the town. For a
        # region, the town must hold a tenth of its people, and be called so by its own name or one like it
        # ("New York City", "Basrah"; not Salvador, which GeoNames also calls "Bahia"): "Minnesota"
        # is no Minneota, "Quebec" no Québec (5% of the province), "Leyte" no town of 7,000.
        # (A district is compared by country too: towns' regions are matched less surely than districts'.)
        # A district named like a region of its country, or lying in a region of its name, is that region,
        # whose ISO code says more ("Kent"; "North Kivu", which the ISO list calls Nord-Kivu).
        towns = {e.region for e in found if e.feature == "city"}
        namesakes: dict[str | None, int] = {}
        key = fold(text)
        for e in found:
            if e.feature == "city" and (e.how == "name" or _alike(fold(e.name), key)):
                namesakes[e.region] = max(namesakes.get(e.region, 0), e.population)
        named = {(e.country, fold(e.name)) for e in found if e.feature == "city"}
        named_or_region = named | {(e.country, fold(e.name)) for e in found if e.feature == "region"}
        regions = {e.region for e in found if e.feature == "region"}  # "North Kivu": Nord-Kivu, not its district
        # a town that holds a quarter of the people of a region of its name is what the name means, where the
        # town's own region is unknown ("Messina", "Palermo"; not Georgia, Vermont for the state of Georgia)
        populous = {(e.country, fold(e.name)): e.population for e in found if e.feature == "city" and not e.region}
        found = tuple(e for e in found if not (
            (e.feature == "region" and (e.how == "base" or namesakes.get(e.region, -1) * _NAMESAKE >= e.population
                                        or populous.get((e.country, fold(e.name)), -1) * 4 >= e.population))
            or (e.feature == "district" and (e.region in towns or e.region in regions
                                             or (e.country, fold(e.name)) in named_or_region))))
    return found


def _alike(a: str, b: str) -> bool:
    """Two folded names that are one name written two ways or one the other's first or last words ("basrah" /
    "basra", "new york city" / "new york"; not "salvador" / "bahia", nor "jerusalem" / "salem")."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short + " ") or long.endswith(" " + short) or long == short \
        or (len(short) >= 0.75 * len(long) and difflib.SequenceMatcher(None, a, b).ratio() >= 0.6)


# ----------------------------------------------------------------------------------------- resolution

def _prior(e: Entry, key: str) -> float:
    """How likely a reading is before context: its people, its kind, how the name reaches it, and whether it is
    a capital called by its own name or one like it ("Kiev"; not "Philadelphia", an old name of Amman)."""
    score = math.log10(e.population + 10) + _FEATURE_BONUS.get(e.feature, 0.0) - _HOW_PENALTY.get(e.how, 0.0)
    return score + (_CAPITAL_BONUS if e.capital and (e.how == "name" or _alike(fold(e.name), key)) else 0.0)


def _choose(m: _Mention, countries: Counter[str], regions: Counter[str],
            near: list[tuple[float, float]] | None = None) -> None:
    if not m.readings:
        m.best, m.evidence = None, "not in the gazetteer"
        return
    qualifier = m.qualifier.best if m.qualifier and m.qualifier.best else None
    # A country's own name read as a town in it ("Mexico" as Mexico City) gets no help from that country.
    named_countries = {e.country for e in m.readings if e.feature == "country"}
    key = fold(text_of(m.span.doc)[m.start:m.end])
    scored = []
    for e in m.readings:
        score, why = _prior(e, key), []
        if qualifier and (e.country == qualifier.country and (
                qualifier.feature == "country"
                or (e.region and qualifier.region and within(e.region, qualifier.region)))):
            score += _QUALIFIED
            why.append(f"qualified by '{qualifier.name}'")
        if e.feature != "country" and e.country and countries[e.country] and e.country not in named_countries:
            score += _IN_COUNTRY
            why.append(f"in {e.country}, named in the article")
        if e.feature in {"city", "district"} and e.region and regions[e.region]:
            score += _IN_REGION
            why.append(f"in {e.region}, named in the article")
        if e.feature in {"city", "district"} and near and any(_km(e.lat, e.lon, la, lo) <= _NEAR_KM for la, lo in near):
            score += _NEAR
            why.append("near a town the article names")
        scored.append((score, e, why))
    scored.sort(key=lambda t: -t[0])
    _, best, why = scored[0]
    if best.feature == "city" and best.population < _SMALL_TOWN and countries and not qualifier \
            and not (best.country and countries[best.country]):
        m.best, m.evidence = None, "only a small town in a country the article does not name"
        return  # "at Lido Beach in Mogadishu": not Lido Beach, New York
    m.best = best
    if len(scored) == 1:
        why = why or ["only reading"]
    elif not why:
        why = [f"most prominent of {len(scored)} readings"]
    m.evidence = "; ".join(why)


# ------------------------------------------------------------------------------------------- metonymy

def _metonym(m: _Mention, e: Entry | None, text: str, registry: ActorRegistry, words: PlaceWords) -> str | None:
    """The actor code a place name stands for, or None when it names a location."""
    if e is None or e.feature not in {"country", "city", "region", "district", "continent"}:
        return None
    if not (_agentive(m.span.root, words) or (m.organisation and not _located(m.span.root, words))):
        return None
    resolution = registry.resolve(text)
    if resolution is not None and resolution.country:
        return resolution.code
    return alpha3(e.country) if e.country else None


def _agentive(tok: Token, words: PlaceWords) -> bool:
    """Whether a place name acts, owns or is acted on as a party ("Kyiv maintains", "Moscow's efforts",
    "supplied Moscow with", "talks with Russia") rather than naming a location ("in Moscow", "Georgia
    lies", "Russia's border", "visited Riyadh")."""
    while tok.dep_ in {"conj", "appos"} and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    if tok.dep_ == "nsubj" and head.pos_ in {"VERB", "AUX"}:
        return head.lemma_ not in words.literal_verbs
    if tok.dep_ == "poss":
        return head.lower_ not in words.geo_nouns
    if tok.dep_ in {"dobj", "dative"} and head.pos_ == "VERB":
        return head.lemma_ not in words.object_verbs
    if tok.dep_ == "pobj":
        preposition = head.lower_
        if preposition in words.party_prepositions:
            return head.head.lower_ not in words.geo_nouns  # "talks with Russia", not "the border with Mexico"
        if preposition == "of" and head.head.pos_ == "NOUN":
            return head.head.lower_ in words.party_nouns
    return False


def _located(tok: Token, words: PlaceWords) -> bool:
    """A name after a place preposition ("in Montpellier") or after "of" on a noun that is no party
    ("the cities of Suwon and Incheon")."""
    while tok.dep_ in {"conj", "appos", "compound"} and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "pobj":
        return False
    preposition = tok.head
    return preposition.lower_ in words.prepositions or (
        preposition.lower_ == "of" and preposition.head.lower_ not in words.party_nouns)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p = math.pi / 180
    h = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@functools.cache
def alpha3(alpha2: str) -> str | None:
    """ISO 3166-1 alpha-3 of an alpha-2 code: "IR" -> "IRN"."""
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None
