"""The gazetteer's values: a place entry and a candidate match for a name."""

from __future__ import annotations

from dataclasses import dataclass

FEATURES = ("country", "admin1", "admin2", "populated place", "other")


@dataclass(frozen=True)
class GazEntry:
    """One gazetteer place. ``country`` is ISO3; ``feature`` is one of FEATURES."""

    id: str
    name: str
    latitude: float | None
    longitude: float | None
    country: str | None
    admin1: str | None
    feature: str
    population: int = 0


@dataclass(frozen=True)
class Match:
    """A candidate entry for a name and how well the name matched (3 exact ... 0 skeleton)."""

    entry: GazEntry
    quality: int
    user: bool = False
