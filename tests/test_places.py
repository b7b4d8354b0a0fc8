"""Places: the gazetteer's names, toponym resolution in context, and metonymy.

Sentences marked WCEP are from Wikipedia's Current Events Portal (CC BY-SA 4.0, "Wikipedia
contributors, Portal:Current events", ../shared/corpus/wcep_portal_2025_2026, event id given);
the founding article is read from ../shared/seed; the rest are written for these tests.
"""

from __future__ import annotations

import pytest

from claimgraph.geo.gazetteer import fold
from claimgraph.models import Article


@pytest.mark.parametrize(("name", "key"), [
    ("Kyiv", "kyiv"), ("Bogotá", "bogota"), ("the Gaza Strip", "gaza strip"), ("U.S.", "us"),
    ("Tenn.", "tenn."), ("Ivano-Frankivsk", "ivano frankivsk"), ("Moscow’s", "moscow's"),
])
def test_fold_makes_one_key_for_spellings_of_a_name(name, key):
    assert fold(name) == key


@pytest.mark.parametrize(("name", "feature", "iso"), [
    # transliteration variants and older spellings reach the same place
    ("Kiev", "city", "UA-30"), ("Kyiv", "city", "UA-30"), ("Kharkov", "city", "UA-63"),
    ("Kharkiv", "city", "UA-63"), ("Zaporizhzhia", "city", "UA-23"),
    # a region by its ISO name, its type word, or the town it is named after
    ("Kursk region", "region", "RU-KRS"), ("Kursk Oblast", "region", "RU-KRS"),
    ("Donetsk Oblast", "region", "UA-14"), ("Donetsk region", "region", "UA-14"),
    ("Zaporizhzhia Oblast", "region", "UA-23"), ("Kharkiv Oblast", "region", "UA-63"),
    ("Bavaria", "region", "DE-BY"), ("Tenn.", "region", "US-TN"),
    ("Walker County", "district", None), ("Gaza Strip", "area", "PS"), ("North Korea", "country", "KP"),
])
def test_gazetteer_knows_the_name(gazetteer, name, feature, iso):
    readings = [e for e in gazetteer.lookup(name) if e.feature == feature]
    assert readings, f"{name!r}: no {feature} among {gazetteer.lookup(name)}"
    if iso is not None:
        assert iso in {e.iso for e in readings}


def test_gazetteer_lists_every_reading_of_an_ambiguous_name(gazetteer):
    moscow = gazetteer.lookup("Moscow")
    assert {("RU", "RU-MOW"), ("US", "US-ID")} <= {(e.country, e.region) for e in moscow if e.feature == "city"}
    georgia = {e.iso for e in gazetteer.lookup("Georgia")}
    assert {"GE", "US-GA"} <= georgia


def test_gazetteer_keeps_abbreviations_apart_from_names(gazetteer):
    assert not [e for e in gazetteer.lookup("Pa.") if e.feature == "city"]
    assert [e.iso for e in gazetteer.lookup("Pa.")] == ["US-PA"]


def _places(nlp, text: str) -> dict[str, list]:
    from claimgraph.extract.places import find_places

    found: dict[str, list] = {}
    for p in find_places(nlp(text), Article.from_text(text)):
        found.setdefault(p.text, []).append(p)
    return found


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "iso"), [
    # the same name, resolved by what the article says around it
    ("Police in Moscow, Idaho, said the suspect was arrested in Pennsylvania.", "Moscow", "US-ID"),
    ("Putin met the delegation in Moscow on Tuesday.", "Moscow", "RU-MOW"),
    # WCEP 2025-01-15_011
    ("A general strike takes place in Georgia with hundreds of Georgian firms urging the government to release all "
     "political prisoners and hold new elections amid nationwide protests.", "Georgia", "GE"),
    ("The storm flooded streets in Savannah and Augusta before it moved across Georgia into South Carolina.",
     "Georgia", "US-GA"),
    # a small town near the other places the article names, not its famous namesake
    ("The Dublin city council met on Monday, and residents of Hilliard and Worthington in Franklin County "
     "came to speak.", "Dublin", "US-OH"),
    # "X, Region": the town inside that region, not its namesakes
    # WCEP 2025-01-09_004
    ("Russian artillery strikes kill two people in Siversk, Donetsk Oblast, Ukraine, according to the region's "
     "governor.", "Siversk", "UA-14"),
    ("Russian artillery strikes kill two people in Siversk, Donetsk Oblast, Ukraine, according to the region's "
     "governor.", "Donetsk Oblast", "UA-14"),
    # WCEP 2025-01-05_000
    ("The Ukrainian Army launches a new offensive in Kursk Oblast, Russia.", "Kursk Oblast", "RU-KRS"),
    # an older transliteration resolves like the current one
    ("Artillery was heard on the outskirts of Kiev overnight.", "Kiev", "UA-30"),
])
def test_toponym_resolves_in_context(nlp, text, name, iso):
    found = _places(nlp, text)
    assert name in found, f"{name!r} not found; places: {list(found)}"
    place = found[name][0]
    assert place.iso == iso, f"{name!r} -> {place.iso} ({place.evidence})"
    assert place.lat is not None and place.evidence


@pytest.mark.model
def test_qualified_town_says_why(nlp):
    text = "Russian artillery strikes kill two people in Siversk, Donetsk Oblast, Ukraine."
    assert "qualified by" in _places(nlp, text)["Siversk"][0].evidence


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "actor"), [
    # the founding article's metonyms, each in its sentence's construction
    ("Ukrainian and Western officials have long asserted that Pyongyang deployed thousands of troops.",
     "Pyongyang", "PRKGOV"),
    ("Kyiv maintains that its forces are still operating inside Russian territory.", "Kyiv", "UKRGOV"),
    ("It acknowledges the contribution of North Korean troops to Moscow’s military efforts.", "Moscow", "RUSGOV"),
    ("North Korea has also supplied Moscow with short-range missiles.", "Moscow", "RUSGOV"),
    # WCEP 2025-02-07_001: a country that speaks
    ("Russia says its forces have taken full control of Toretsk, Donetsk Oblast, after months of urban warfare.",
     "Russia", "RUS"),
    ("The talks with Iran ended without an agreement.", "Iran", "IRN"),
])
def test_metonym_stands_for_an_actor(nlp, text, name, actor):
    place = _places(nlp, text)[name][0]
    assert place.metonym_of == actor
    assert not place.on_map


@pytest.mark.model
@pytest.mark.parametrize(("text", "name"), [
    ("Putin met the delegation in Moscow on Tuesday.", "Moscow"),
    ("Russia says its forces have taken full control of Toretsk, Donetsk Oblast, after months of urban warfare.",
     "Toretsk"),
    ("Georgia lies on the Black Sea.", "Georgia"),
    ("Refugees crossed Russia's border with Georgia overnight.", "Russia"),
    ("The minister visited Riyadh last year.", "Riyadh"),
])
def test_location_is_no_metonym(nlp, text, name):
    place = _places(nlp, text)[name][0]
    assert place.metonym_of is None
    assert place.on_map


@pytest.mark.model
def test_demonym_modifier_names_the_country_but_is_no_location(nlp):
    # WCEP 2025-01-09_004
    place = _places(nlp, "Russian artillery strikes kill two people in Siversk.")["Russian"][0]
    assert (place.mention, place.country, place.on_map) == ("modifier", "RU", False)


@pytest.mark.model
def test_region_word_after_an_unknown_to_the_model_name(nlp, seed_text):
    kursk = [p for p in _places(nlp, seed_text).get("Kursk region", [])]
    assert len(kursk) == 3 and {p.iso for p in kursk} == {"RU-KRS"}


@pytest.mark.model
def test_place_inside_an_organisation_name_is_embedded(nlp):
    place = _places(nlp, "Tuition to the Paris High School rose this year, the Chicago Tribune reported.")
    assert any(p.mention == "embedded" for ps in place.values() for p in ps)
