"""Looking places up: the cached index opened read-only, with the user's own CSV places on top, and
the process-wide instance."""

from __future__ import annotations

import csv
import math
import os
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from rashomon.errors import RashomonError
from rashomon.read.gazetteer.builder import index_path
from rashomon.read.gazetteer.entries import FEATURES, GazEntry, Match
from rashomon.read.gazetteer.names import fold, skeleton
from rashomon.read.gazetteer.ranking import rank

ENV_VAR = "RASHOMON_GAZETTEER"


class Gazetteer:
    """Place lookup by name, country lookup, admin1 of an entry."""

    def __init__(self, extra_csv: Sequence[str | Path] = ()) -> None:
        self._path = index_path()
        self._local = threading.local()
        self._extra: dict[str, list[tuple[GazEntry, int]]] = defaultdict(list)
        self._extra_skel: dict[str, list[tuple[GazEntry, int]]] = defaultdict(list)
        for p in extra_csv:
            self._load_csv(Path(p))
        self._countries = self._load_countries()
        self._key_cache: dict[str, list[Match]] = {}
        self._largest: dict[tuple[str, str], int] = {}  # (country, admin1) -> biggest town's population

    # -- loading ---------------------------------------------------------------------------------
    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def _load_csv(self, path: Path) -> None:
        try:
            fh = path.open(encoding="utf-8", newline="")
        except OSError as e:
            raise RashomonError(f"cannot read gazetteer file {path}: {e}") from e
        with fh:
            for i, row in enumerate(csv.DictReader(fh)):
                name = (row.get("name") or "").strip()
                if not name:
                    continue
                try:
                    lat = float(row["latitude"]) if row.get("latitude") else None
                    lon = float(row["longitude"]) if row.get("longitude") else None
                except ValueError as e:
                    raise RashomonError(f"{path}, row {i + 2}: latitude/longitude must be numbers") from e
                country = (row.get("country") or "").strip().upper() or None
                feature = (row.get("feature") or "").strip() or "populated place"
                if feature not in FEATURES:
                    feature = "other"
                entry = GazEntry(f"user:{path.name}:{i + 1}", name, lat, lon, country,
                                 (row.get("admin1") or "").strip() or None, feature, 0)  # fmt: skip
                alts = [a.strip() for a in (row.get("alternatenames") or "").split("|") if a.strip()]
                seen = set()
                for n, q in [(name, 3), *((a, 2) for a in alts)]:
                    k = fold(n)
                    if k and k not in seen:
                        seen.add(k)
                        self._extra[k].append((entry, q))
                        self._extra_skel[skeleton(k)].append((entry, q))

    def _load_countries(self) -> dict[str, GazEntry]:
        out: dict[str, GazEntry] = {}
        for r in self._con().execute("SELECT * FROM entry WHERE feature='country'"):
            e = self._entry(r)
            out[e.country or ""] = e
        return out

    @staticmethod
    def _entry(r: tuple) -> GazEntry:
        return GazEntry(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] or 0)

    # -- queries ---------------------------------------------------------------------------------
    def matches(self, keys: Iterable[str], *, fuzzy: bool = True) -> dict[str, list[Match]]:
        """All candidates for many fold() keys at once (one query). Exact-key candidates first;
        skeleton (vowel-insensitive) candidates only for keys of 5+ letters with no exact hit."""
        keys = [k for k in dict.fromkeys(keys) if k]
        out: dict[str, list[Match]] = {}
        todo = [k for k in keys if k not in self._key_cache]
        if todo:
            found: dict[str, list[Match]] = defaultdict(list)
            con = self._con()
            for i in range(0, len(todo), 500):
                chunk = todo[i : i + 500]
                q = ",".join("?" * len(chunk))
                for row in con.execute(
                    f"SELECT n.key, n.quality, e.* FROM name n JOIN entry e ON e.rowid = n.entry WHERE n.key IN ({q})",
                    chunk,
                ):
                    found[row[0]].append(Match(self._entry(row[2:]), row[1]))
            skel_todo = [
                k for k in todo if fuzzy and len(k) >= 5 and not found.get(k) and not self._extra.get(k)
            ]
            by_skel = defaultdict(list)
            for k in skel_todo:
                by_skel[skeleton(k)].append(k)
            for i in range(0, len(by_skel), 500):
                chunk = list(by_skel)[i : i + 500]
                q = ",".join("?" * len(chunk))
                for row in con.execute(
                    f"SELECT n.skel, n.quality, e.* FROM name n JOIN entry e ON e.rowid = n.entry WHERE n.skel IN ({q})",
                    chunk,
                ):
                    for k in by_skel[row[0]]:
                        found[k].append(Match(self._entry(row[2:]), 0))
            for k in todo:
                ms = found.get(k, [])
                user = [Match(e, q, True) for e, q in self._extra.get(k, ())]
                if not user and fuzzy and len(k) >= 5:
                    user = [Match(e, 0, True) for e, q in self._extra_skel.get(skeleton(k), ())]
                self._key_cache[k] = user + ms
                if len(self._key_cache) > 100_000:
                    self._key_cache.clear()
        for k in keys:
            out[k] = self._key_cache.get(k, [])
        return out

    def lookup(self, name: str, *, country: str | None = None, feature: str | None = None) -> list[GazEntry]:
        """Entries for a name, best first (user entries, name quality, feature, population)."""
        k = fold(name)
        ms = self.matches([k]).get(k, [])
        if country:
            c = self.country(country)
            code = c.country if c else country.upper()
            ms = [m for m in ms if m.entry.country == code]
        if feature:
            ms = [m for m in ms if m.entry.feature == feature]
        exact = any(m.entry.name == name for m in ms)
        ms.sort(key=lambda m: -rank(m, name if exact else None))
        out: list[GazEntry] = []
        for m in ms:
            if m.entry not in out:
                out.append(m.entry)
        return out

    def country(self, name_or_code: str) -> GazEntry | None:
        """Country entry for a name, ISO2 or ISO3 code ("Armenia", "AM", "ARM")."""
        s = name_or_code.strip()
        if not s:
            return None
        if s.upper() in self._countries:
            return self._countries[s.upper()]
        if len(s) == 2 and s.isalpha():
            import pycountry

            pc = pycountry.countries.get(alpha_2=s.upper())
            if pc is not None:
                return self._countries.get(pc.alpha_3)
        for m in self.matches([fold(s)], fuzzy=False).get(fold(s), []):
            if m.entry.feature == "country" and m.quality >= 1:
                return m.entry
        return None

    def countries(self) -> dict[str, GazEntry]:
        return dict(self._countries)

    def admin1_of(self, entry: GazEntry) -> str | None:
        """The admin1 (province/state/oblast/rayon...) name of an entry, None for countries."""
        return None if entry.feature == "country" else entry.admin1

    def largest_town(self, country: str, admin1: str) -> int:
        """The population of the biggest populated place of an admin1 (0 when none is known)."""
        key = (country, admin1)
        cache = self._largest
        if key not in cache:
            row = self._con().execute(
                "SELECT MAX(population) FROM entry WHERE feature='populated place' AND country=? AND admin1=?",
                key,
            ).fetchone()
            cache[key] = int(row[0] or 0)
        return cache[key]

    def nearest_town(self, latitude: float, longitude: float, country: str | None = None,
                     within_km: float = 40.0) -> GazEntry | None:
        """The populated place nearest a point (in that country), if one lies within ``within_km``."""
        d = within_km / 111.0
        dlon = d / max(0.1, math.cos(math.radians(latitude)))
        q = ("SELECT * FROM entry WHERE feature='populated place' AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
             + (" AND country=?" if country else ""))
        args: list = [latitude - d, latitude + d, longitude - dlon, longitude + dlon] + ([country] if country else [])
        best: tuple[float, GazEntry] | None = None
        for r in self._con().execute(q, args):
            lat, lon = r[3], r[4]  # the entry's coordinates, never NULL here: the query bounds both
            k = (lat - latitude) ** 2 + ((lon - longitude) * math.cos(math.radians(latitude))) ** 2
            if best is None or k < best[0]:
                best = (k, self._entry(r))
        return best[1] if best else None

    def admin1_entry(self, country: str, admin1: str) -> GazEntry | None:
        """The admin1 entry of a country with that display name."""
        for e in self.lookup(admin1, country=country, feature="admin1"):
            if e.admin1 == admin1 or e.name == admin1:
                return e
        return None


_DEFAULT: Gazetteer | None = None
_DEFAULT_ENV: str | None = None
_LOCK = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (with the files named in $RASHOMON_GAZETTEER)."""
    global _DEFAULT, _DEFAULT_ENV
    env = os.environ.get(ENV_VAR, "")
    with _LOCK:
        if _DEFAULT is None or env != _DEFAULT_ENV:
            _DEFAULT = Gazetteer([p for p in env.split(os.pathsep) if p.strip()])
            _DEFAULT_ENV = env
        return _DEFAULT
