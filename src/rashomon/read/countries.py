"""Country words: names, demonyms and capital metonyms to ISO3 (pycountry + data/demonyms.tsv)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import pycountry

_ALIASES = {
    "russia": "RUS", "iran": "IRN", "syria": "SYR", "united states": "USA", "the united states": "USA",
    "united states of america": "USA", "usa": "USA", "america": "USA", "uk": "GBR", "britain": "GBR",
    "great britain": "GBR", "united kingdom": "GBR", "england": "GBR", "south korea": "KOR",
    "north korea": "PRK", "dr congo": "COD", "drc": "COD", "democratic republic of the congo": "COD",
    "congo": "COG", "ivory coast": "CIV", "cote d'ivoire": "CIV", "turkey": "TUR", "türkiye": "TUR",
    "turkiye": "TUR", "vietnam": "VNM", "laos": "LAO", "moldova": "MDA", "bolivia": "BOL",
    "venezuela": "VEN", "tanzania": "TZA", "palestine": "PSE", "gaza": "PSE", "west bank": "PSE",
    "taiwan": "TWN", "kosovo": "XKX", "czech republic": "CZE", "czechia": "CZE", "burma": "MMR",
    "myanmar": "MMR", "the netherlands": "NLD", "netherlands": "NLD", "holland": "NLD",
    "the philippines": "PHL", "philippines": "PHL", "the gambia": "GMB", "macedonia": "MKD",
    "north macedonia": "MKD", "eswatini": "SWZ", "swaziland": "SWZ", "cape verde": "CPV",
    "east timor": "TLS", "vatican": "VAT", "south sudan": "SSD", "sudan": "SDN", "azerbaijan": "AZE",
    "armenia": "ARM", "ukraine": "UKR", "belarus": "BLR", "georgia": "GEO", "uae": "ARE",
    "united arab emirates": "ARE", "saudi arabia": "SAU", "central african republic": "CAF", "car": "CAF",
}
_FOLD = re.compile(r"[’`´]")


def _key(s: str) -> str:
    return _FOLD.sub("'", s).replace("-", " ").strip().casefold()


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                names.setdefault(_key(v), c.alpha_3)
    names.update(_ALIASES)
    words: dict[str, str] = {}
    raw = resources.files("rashomon.read").joinpath("data/demonyms.tsv").read_text(encoding="utf-8")
    for line in raw.splitlines():
        if line and not line.startswith("#") and "\t" in line:
            w, iso = line.split("\t")
            words[_key(w)] = iso.strip()
    return names, words


def country_code(word: str) -> str | None:
    """ISO3 for a country name ("Azerbaijan", "the United States"), demonym ("Azerbaijani") or
    capital used for its government ("Baku"); None otherwise."""
    names, words = _tables()
    k = _key(word)
    k2 = k[4:] if k.startswith("the ") else k
    return names.get(k) or names.get(k2) or words.get(k) or words.get(k2) or (
        words.get(k[:-2]) if k.endswith("'s") else None) or (names.get(k[:-2]) if k.endswith("'s") else None)


def is_country_name(word: str) -> bool:
    names, _ = _tables()
    k = _key(word)
    return k in names or (k.startswith("the ") and k[4:] in names)


# country abbreviations that are also English words or names: they count only when written in capitals
_ABBREVIATIONS = frozenset({"us", "usa", "uk", "drc", "uae", "car"})
_WORD = re.compile(r"[^\W\d_][\w'’.]*")
_JOINERS = {"of", "the", "and"}
_MAX_WORDS = 5


@lru_cache(maxsize=1)
def _keys() -> frozenset[str]:
    names, words = _tables()
    return frozenset(names) | frozenset(words)


@lru_cache(maxsize=1)
def _starts() -> frozenset[str]:
    """Every word a key starts with, and the word after a key's leading "the": a phrase can only be a
    key (or "the" + a key) if it starts with one of these."""
    out = set()
    for k in _keys():
        out.add(k.split(" ")[0])
        if k.startswith("the "):
            out.add(k[4:].split(" ")[0])
    return frozenset(out)


def _may_start(word: str, starts: frozenset[str]) -> bool:
    """Whether a key can start with this word (also with its possessive "'s" or "s'" dropped)."""
    k = _key(word)
    return k in starts or (k.endswith(("'s", "s'")) and k[:-2] in starts)


# the head of a building's or a site's name: a country word before it ("the Chinese Offices", "the Kenyan
# Embassy") is part of that name, not a country the text tells of
_SITE_NAME_HEAD = re.compile(r"\s+(?:Offices?|Embassy|Consulate|Quarter|Hospital|School|Market|Mosque|Church|Hotel|"
                             r"Bank|Compound|Club|Restaurant|Buildings?|Bridge|Road|Street)\b")


def countries_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO3) of every country word in the text: names, demonyms, capitals speaking for
    their governments ("Baku said"). Proper nouns only (capitalised; "us" is not the US), longest
    match first; none that begins a building's name ("the Chinese Offices")."""
    return [c for c in _countries_in(text) if not _SITE_NAME_HEAD.match(text, c[1])]


@lru_cache(maxsize=8192)
def _countries_in(text: str) -> tuple[tuple[int, int, str], ...]:
    keys, starts = _keys(), _starts()
    toks = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    out = []
    i = 0
    while i < len(toks):
        start, _, first = toks[i]
        if not first[0].isupper() and first.casefold() != "the":
            i += 1
            continue
        if _key(first) == "the":  # a key itself, or "the" + a key
            if "the" not in keys and not (i + 1 < len(toks) and _may_start(toks[i + 1][2], starts)):
                i += 1
                continue
        elif not _may_start(first, starts):
            i += 1
            continue
        found = None
        for n in range(min(_MAX_WORDS, len(toks) - i), 0, -1):
            last = toks[i + n - 1]
            if n > 1 and last[2].casefold() in _JOINERS:
                continue
            if text[start : last[1]].count("\n"):
                continue
            phrase = " ".join(t[2] for t in toks[i : i + n])
            head = phrase[4:] if phrase.casefold().startswith("the ") else phrase
            if not head[:1].isupper():
                continue
            if _key(head).removesuffix("'s") in _ABBREVIATIONS and not head[:2].isupper():
                continue  # "Car bomb", "Us": an abbreviation ("CAR", "US") only in capitals
            k = _key(phrase)
            bare = k[:-2] if k.endswith(("'s", "s'")) else k
            if k in keys or bare in keys or (k.startswith("the ") and (k[4:] in keys or bare[4:] in keys)):
                iso = country_code(phrase) or country_code(bare)
                if iso:
                    # "the Azerbaijani army": the word is "Azerbaijani"; "the United States" is a name
                    if k.startswith("the ") and k not in keys and n > 1:
                        found = (toks[i + 1][0], last[1], iso, n)
                    else:
                        found = (start, last[1], iso, n)
                    break
        if found:
            out.append(found[:3])
            i += found[3]
        else:
            i += 1
    return tuple(out)


@lru_cache(maxsize=1)
def neighbours() -> dict[str, frozenset[str]]:
    """ISO3 -> the countries it shares a land border with, from the ``countryinfo`` package's data
    (CIA World Factbook borders; MIT licence). Empty without the package."""
    try:
        import countryinfo
    except ImportError:  # pragma: no cover
        return {}
    import json
    from pathlib import Path

    out: dict[str, frozenset[str]] = {}
    for f in sorted((Path(countryinfo.__file__).resolve().parent / "data").glob("*.json")):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso3 = (d.get("ISO") or {}).get("alpha3")
        borders = d.get("borders") or []
        if iso3 and isinstance(borders, list):
            out[iso3.upper()] = frozenset(b.upper() for b in borders if isinstance(b, str) and len(b) == 3)
    return out
