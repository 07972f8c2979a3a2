"""Ranking the candidates for a name: a prior from the match, the kind of place, its population and
the countries the document talks about."""

from __future__ import annotations

import math

from rashomon.read.gazetteer.entries import Match

_FEATURE_PRIOR = {"country": 3.0, "admin1": 1.6, "admin2": 0.8, "populated place": 0.0, "other": 1.0}


def rank(m: Match, written: str | None = None, countries: dict[str, float] | None = None) -> float:
    """Prior score of a candidate: user entries, match quality, feature class, population and
    (optionally) how much the document talks about the candidate's country."""
    e = m.entry
    s = 4.0 * m.user + 1.2 * m.quality + (0.8 if written is not None and e.name == written else 0.0)
    s += _FEATURE_PRIOR[e.feature]
    pop = e.population if e.feature != "admin1" else max(e.population / 5, 20000)
    s += 0.6 * math.log10(pop + 1)
    if e.id.startswith("region:"):
        s += 3.0  # a named world region ("Middle East", "Darfur") outranks a hamlet of the same name
    if e.latitude is None:
        s -= 2.0
    if countries and e.country:
        s += 2.5 * countries.get(e.country, 0.0)
    elif countries and e.id.startswith("region:"):
        s += 2.5 * max(countries.values())  # a region of no one country is as near as the document's own
    return s
