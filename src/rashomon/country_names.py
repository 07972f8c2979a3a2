"""Country names and demonyms for ISO 3166 alpha-3 codes ("RUS" -> "Russia", "ARM" -> "Armenian").

Knowledge shared by reading (actor names) and presentation (labels), so it sits beside ``model`` and
imports neither: the web app shows country names without loading the reader (and spaCy)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pycountry

__all__ = ["SHORT_NAMES", "country_name", "demonym"]

# the short names newsrooms and ACLED's actor names use ("Military Forces of Russia")
SHORT_NAMES = {
    "RUS": "Russia", "IRN": "Iran", "SYR": "Syria", "KOR": "South Korea", "PRK": "North Korea",
    "COD": "Democratic Republic of Congo", "COG": "Republic of Congo", "TZA": "Tanzania", "VEN": "Venezuela",
    "BOL": "Bolivia", "MDA": "Moldova", "PSE": "Palestine", "LAO": "Laos", "VNM": "Vietnam", "TWN": "Taiwan",
    "USA": "United States", "GBR": "United Kingdom", "XKX": "Kosovo", "FSM": "Micronesia", "BRN": "Brunei",
    "CZE": "Czech Republic", "TUR": "Turkey", "CIV": "Ivory Coast", "CPV": "Cape Verde", "SWZ": "eSwatini",
    "MKD": "North Macedonia", "VAT": "Vatican City",
}


def country_name(iso3: str | None) -> str | None:
    if not iso3:
        return None
    if iso3 in SHORT_NAMES:
        return SHORT_NAMES[iso3]
    c = pycountry.countries.get(alpha_3=iso3)
    if c is None:
        return iso3
    name = getattr(c, "common_name", None) or c.name
    return name.split(",")[0]


def demonym(iso3: str | None) -> str | None:
    """An adjective for the country ("ARM" -> "Armenian"), the first listed in the data."""
    return _demonyms().get(iso3) if iso3 else None


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    out: dict[str, str] = {}
    # read through the top package, so that finding the file does not import rashomon.read (spaCy)
    raw = resources.files("rashomon").joinpath("read/data/demonyms.tsv").read_text(encoding="utf-8")
    for line in raw.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        w, iso = line.split("\t")
        iso = iso.strip()
        if iso not in out and w[0].isupper() and (w.endswith(("an", "i", "ese", "ish", "ch", "ss")) or len(w) < 8):
            out[iso] = w
    return out
