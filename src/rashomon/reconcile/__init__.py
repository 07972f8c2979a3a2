"""Reconcile: one cluster of mentions -> one Event with counts per side and explicit disputes.

Counts: the same figure said again (by another source, or twice by one) is one figure, never a
sum; ``low`` is the most conservative figure, ``best`` the most specific attributed one, ``high``
the largest, or null when any source says the figure is open-ended ("at least", "not the final
figure"). Disputes: claims that give different values for one field (territory, initiator,
civilian_targeting, activity, killed/wounded/captured per side) become positions side by side.
Public surface: ``reconcile``, ``event_id``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeGuard, get_args

from rashomon.link import Cluster, block_keys
from rashomon.model import (
    COUNT_KINDS,
    PRECISION_RANK,
    Actor,
    ActorKind,
    ActorRole,
    ClaimRecord,
    Count,
    CountField,
    CountKind,
    DisputableField,
    Dispute,
    Event,
    Mention,
    MentionRecord,
    Position,
    Precision,
    party_group,
)

__all__ = ["reconcile", "event_id", "COUNT_KINDS", "DISPUTABLE"]

DISPUTABLE: tuple[DisputableField, ...] = get_args(DisputableField)
_SEVERITY = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests",
             "Strategic developments", "Diplomacy"]
_SOURCE_WEIGHT = {"government": 3, "military": 3, "international": 3, "person": 2, "media": 2, "outlet": 1,
                  "unnamed": 1}


def event_id(mention_ids: Sequence[str]) -> str:
    """Stable id for the event made of these mentions (the same mentions give the same id)."""
    return "ev-" + hashlib.sha256("|".join(sorted(mention_ids)).encode()).hexdigest()[:12]


def reconcile(cluster: Cluster, records: dict[str, MentionRecord]) -> Event:
    recs = [records[m] for m in cluster.mentions]
    claims = [c for r in recs for c in r.claims]
    weight = {r.id: 1 + len(r.claims) for r in recs}

    types: Counter[tuple[str, str | None]] = Counter()
    for r in recs:
        types[(r.mention.event_type, r.mention.sub_event_type)] += weight[r.id]
    (etype, sub), _ = max(types.items(), key=lambda kv: (kv[1], -_SEVERITY.index(kv[0][0])
                                                           if kv[0][0] in _SEVERITY else -99, kv[0][1] or ""))
    dated = [r.mention for r in recs if r.mention.date]
    best_prec: Precision = min((m.date_precision for m in dated), key=lambda p: PRECISION_RANK.get(p, 9), default="day")
    precise = [m for m in dated if m.date_precision == best_prec]
    start = _supported_date([r for r in recs if r.mention.date and r.mention.date_precision == best_prec])
    end = max(((m.date_end or m.date) for m in precise if m.date), default=None)

    disputes = _disputes(claims)
    territory = _territory(recs, claims)
    loc: _Loc | Mention | None = _claimed_location(claims, territory)
    if loc is None:
        located = sorted(
            (r.mention for r in recs if r.mention.latitude is not None),
            key=lambda m: (m.country != territory if territory else False, m.geo_precision, m.location or ""),
        )
        loc = located[0] if located else None
    actors = _actors(recs)
    actor1 = [(a.name, 0) for a in actors if a.role == "actor1"] or \
        Counter(r.mention.actor1 for r in recs if r.mention.actor1).most_common(1)
    actor2 = [(a.name, 0) for a in actors if a.role == "actor2"] or \
        Counter(r.mention.actor2 for r in recs if r.mention.actor2).most_common(1)
    ids = cluster.mentions
    ev = Event(
        id=event_id(ids), event_type=etype, sub_event_type=sub, date=start,
        date_end=end if end and start and end > start else None, date_precision=best_prec,
        historical=all(r.mention.historical for r in recs),
        country=territory or (loc.country if loc else None) or _majority(r.mention.country for r in recs),
        admin1=loc.admin1 if loc else None, location=loc.location if loc else None,
        latitude=loc.latitude if loc else None, longitude=loc.longitude if loc else None,
        geo_precision=loc.geo_precision if loc else 3,
        actor1=actor1[0][0] if actor1 else None, actor2=actor2[0][0] if actor2 else None,
        mentions=list(ids), claims=sorted(c.id for c in claims),
        counts=_deaths_among_wounded(_counts(claims), claims, {r.document: r.published for r in recs}),
        disputes=disputes,
        explanation=[f"{len(ids)} mention(s) from {len({r.document for r in recs})} document(s)"] + cluster.reasons,
        block=(block_keys(recs[0].mention) or [""])[0],
        actors=actors,
        # the date is a reasoned guess only when every account that fixes it rests on an inferred date
        date_inferred=bool(precise) and all(m.date_inferred for m in precise),
    )
    return ev


def _supported_date(precise: list[MentionRecord]) -> date | None:
    """The day most documents give for the happening, the earliest of those equally told: a follow-up linked
    to the event (an arrest, a funeral, another shooting taken for this one) is told by fewer documents."""
    told: dict[date, set[str]] = defaultdict(set)
    for r in precise:
        if r.mention.date:
            told[r.mention.date].add(r.document)
    return min(told, key=lambda d: (-len(told[d]), d), default=None)


def _actors(recs: list[MentionRecord]) -> list[Actor]:
    """Every party the mentions name, once, in the role most mentions give it (weighted by claims),
    in the order of roles (actor1, actor2, associated, victim), then by support."""
    support: dict[str, Counter[ActorRole]] = defaultdict(Counter)
    told: dict[str, Counter[tuple[str | None, ActorKind]]] = defaultdict(Counter)  # a name's country and kind
    for r in recs:
        for a in r.mention.actors:
            support[a.name][a.role] += 1 + len(r.claims)
            told[a.name][(a.country, a.kind)] += 1 + len(r.claims)
    order = {"actor1": 0, "actor2": 1, "associated": 2, "victim": 3}
    out = []
    for name, roles in support.items():
        # one party once, even where accounts tell it at home and abroad: the best supported reading
        role = max(roles.items(), key=lambda kv: (kv[1], -order.get(kv[0], 9)))[0]
        (country, kind), _ = told[name].most_common(1)[0]
        out.append((order.get(role, 9), -sum(roles.values()), name,
                    Actor(name=name, country=country, kind=kind, role=role)))
    actors = [a for *_, a in sorted(out, key=lambda t: t[:3])]
    # one actor1 and one actor2, as ACLED has: the best supported; the others of that role side with it
    for side in ("actor1", "actor2"):
        named = [a for a in actors if a.role == side]
        actors = [replace(a, role="associated") if a in named[1:] else a for a in actors]
    return sorted(actors, key=lambda a: order.get(a.role, 9))


@dataclass
class _Loc:
    location: str | None
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int


def _claimed_location(claims: list[ClaimRecord], territory: str | None) -> _Loc | None:
    """Where the best-supported account puts it: the area that claims placing the event in the
    winning country name most often (by distinct sources), and inside it the most precise place."""
    locs = [(c, c.fields["location"]) for c in claims if "location" in c.fields
            and c.stance == "asserted" and (territory is None or c.fields["location"].get("country") == territory)]
    if not locs:
        return None
    areas: dict[tuple, set[str]] = defaultdict(set)
    told: dict[tuple, int] = defaultdict(int)
    for c, loc in locs:
        areas[(loc.get("country"), loc.get("admin1"))].add(c.source.name)
        told[(loc.get("country"), loc.get("admin1"))] += 1
    # equally supported areas: the one more claims place it in, then the one told first (max keeps the first)
    best_area = max(areas, key=lambda k: (len(areas[k]), told[k]))
    rank = {"populated place": 1, "admin2": 2, "admin1": 3}
    inside = [loc for _, loc in locs if (loc.get("country"), loc.get("admin1")) == best_area]
    loc = min(inside, key=lambda x: rank.get(x.get("feature"), 3))  # min keeps the first told of the best rank
    return _Loc(loc.get("name"), loc.get("admin1"), loc.get("country"), loc.get("latitude"), loc.get("longitude"),
                rank.get(loc.get("feature"), 3))


def _majority(values) -> str | None:
    c = Counter(v for v in values if v)
    return c.most_common(1)[0][0] if c else None


def _territory(recs: list[MentionRecord], claims: list[ClaimRecord]) -> str | None:
    """The country the best-supported account places the event in: territory claims weighted by the
    number of distinct sources behind each, then by the mentions' own countries."""
    support: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        t = c.fields.get("territory")
        if t and c.stance == "asserted" and c.source.kind != "outlet":
            support[t].add(c.source.name)
    if not support:
        for c in claims:
            t = c.fields.get("territory")
            if t and c.stance == "asserted":
                support[t].add(c.source.name)
    if support:
        return max(support.items(), key=lambda kv: (len(kv[1]), sum(_SOURCE_WEIGHT[_kind(c)] for c in claims
                                                                    if c.source.name in kv[1]), kv[0]))[0]
    return None


def _kind(c: ClaimRecord) -> str:
    return c.source.kind if c.source.kind in _SOURCE_WEIGHT else "unnamed"


def _party_key(party: str | None) -> str | None:
    """A party as a count's group (``party_group``): "Civilians (Mali)" and "Civilians", told by
    accounts placed differently, count the same people."""
    return party_group(party) if party else party


def _counts(claims: list[ClaimRecord]) -> list[Count]:
    # (kind, side, party or group) -> the figures of that kind of people
    figures: dict[tuple[CountKind, str | None, str | None], list[tuple[ClaimRecord, Mapping[str, Any]]]] = defaultdict(list)
    asserted = {k for c in claims if c.stance == "asserted" for k in COUNT_KINDS if _figure(c.fields.get(k))}
    for c in claims:
        for kind in COUNT_KINDS:
            said = c.fields.get(kind)
            # a figure only reported ("allegedly", "reportedly") counts where no source asserts one
            if _figure(said) and (c.stance == "asserted" or (c.stance == "unconfirmed" and kind not in asserted)):
                # figures of no side are kept apart by who they count (civilians, forces, fighters)
                figures[(kind, said.get("side"), _party_key(said.get("party")) or (None if said.get("side") else said.get("group")))].append((c, said))
    # "eight people" and "eight civilians" of no stated side: one group when only one is named
    # ("the gunman and a civilian were killed": a figure of no group told in the same sentence as the
    # group's own figure counts other people, and adds to it)
    for kind, side, group in [k for k in figures if k[1] is None and k[2] is None]:
        # (a state's forces named as the party carry its side: "three police officers")
        named = [k for k in figures if k[0] == kind and k[2] is not None
                 and (k[1] is None or all(v.get("party") for _, v in figures[k]))]
        if len(named) == 1:
            target = figures[named[0]]
            for c, v in figures.pop((kind, side, group)):
                mate = next((i for i, (o, _) in enumerate(target) if (o.document, o.text) == (c.document, c.text)
                             and o.id != c.id), None)
                if mate is None:
                    target.append((c, v))
                else:
                    o, ov = target[mate]
                    target[mate] = (o, {**ov, "value": ov["value"] + v["value"],
                                        "open_ended": ov.get("open_ended") or v.get("open_ended")})
    _same_people_with_a_side(figures)
    _same_party_with_a_side(figures)
    out = []
    for (kind, side, _), items in sorted(figures.items(), key=lambda kv: (kv[0][0], kv[0][1] or "",
                                                                          kv[0][2] or "")):
        values = [v["value"] for _, v in items]
        told = Counter(value for value, _ in {(v["value"], c.document) for c, v in items})
        best = max(items, key=lambda item: _specificity(item, told))[1]["value"]
        open_ended = any(v.get("open_ended") for _, v in items)
        party = _majority(v.get("party") for _, v in items)
        out.append(Count(kind=kind, side=side, low=min(values), best=best,
                         high=None if open_ended else max(values), claims=sorted({c.id for c, _ in items}),
                         party=party))
    return out


def _same_people_with_a_side(figures: dict[tuple[CountKind, str | None, str | None], list[tuple[ClaimRecord, Mapping[str, Any]]]]
                             ) -> None:
    """A figure given a side by a country word near it ("a Georgia woman") that each of its documents
    also gives with no side is the same people told twice: the two groups are one, with the side."""
    for key in [k for k in figures if k[1] is not None and not any(v.get("party") for _, v in figures[k])]:
        for twin in [k for k in figures if k[0] == key[0] and k[1] is None]:
            if key in figures and twin in figures and all(
                    any(o.document == c.document and ov["value"] == v["value"] for o, ov in figures[twin])
                    for c, v in figures[key]):
                figures[key].extend(figures.pop(twin))


def _same_party_with_a_side(figures: dict[tuple[CountKind, str | None, str | None], list[tuple[ClaimRecord, Mapping[str, Any]]]]
                            ) -> None:
    """People of one party told with a side by one account ("Israeli civilians") and with none by another
    are the same people: where the party has one side told, its figures told with no side join it."""
    for kind, side, group in [k for k in figures if k[1] is None and k[2] is not None]:
        sided = [k for k in figures if k[0] == kind and k[2] == group and k[1] is not None]
        if len(sided) == 1:
            figures[sided[0]].extend(figures.pop((kind, side, group)))


def _deaths_among_wounded(counts: list[Count], claims: list[ClaimRecord],
                          published: dict[str, date | None]) -> list[Count]:
    """Victims first told wounded whom a later report (or one of the same day) tells dead: the later
    report's new dead come off the earlier wounded ("two men were shot, one critically" then, a day later, "one of them has
    died": one killed, one wounded). Only where the later report gives no wounded figure of its own
    and the wounded are one figure (one party)."""
    wounded = [c for c in counts if c.kind == "wounded"]
    if len(wounded) != 1 or not any(c.kind == "killed" for c in counts):
        return counts
    per_doc: dict[str, dict[str, int]] = defaultdict(dict)
    kind: CountKind
    for c in claims:
        for kind in ("killed", "wounded"):
            v = c.fields.get(kind)
            if _figure(v) and c.stance == "asserted":
                per_doc[c.document][kind] = max(per_doc[c.document].get(kind, 0), _value(v))
    dated: dict[str, date] = {d: day for d in per_doc if (day := published.get(d)) is not None}
    told_wounded = [d for d in dated if per_doc[d].get("wounded")]
    later_dead = [d for d in dated if per_doc[d].get("killed") and not per_doc[d].get("wounded")]
    died = 0
    for a in told_wounded:
        for b in later_dead:
            # a death is never told first and a wound after: a report of the same day is the later one
            if b != a and dated[b] >= dated[a]:
                died = max(died, min(per_doc[b]["killed"] - per_doc[a].get("killed", 0), per_doc[a]["wounded"]))
    if died <= 0:
        return counts
    (w,) = wounded
    best = w.best - died
    if best <= 0:
        return [c for c in counts if c is not w]
    return [replace(c, low=min(c.low, best), best=best, high=None if c.high is None else max(best, c.high - died))
            if c is w else c for c in counts]


def _value(v: CountField | None) -> int:
    """The figure a claim gives of a kind; 0 where it gives none (or tells of people without one)."""
    return (v["value"] or 0) if v is not None else 0


def _figure(v: CountField | None) -> TypeGuard[CountField]:
    return _value(v) > 0


def _specificity(item: tuple[ClaimRecord, Mapping[str, Any]], told: Counter[int]) -> tuple:
    """A figure not told as superseded ("initially said four") before one that is, exact before
    approximate, named source before the outlet's voice, then official sources, then the figure
    told by most documents (``told``: value -> documents giving it; one article repeating its
    headline's figure confirms nothing), then the larger figure. "One killed" told again and again
    is most often one victim after another, not a toll confirmed: a single victim is never repeated."""
    c, v = item
    return (not v.get("superseded", False), not v.get("approx", False), c.source.kind != "outlet", _SOURCE_WEIGHT[_kind(c)],
            told[v["value"]] if v["value"] > 1 else 1, v["value"])


def _disputes(claims: list[ClaimRecord]) -> list[Dispute]:
    positions: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    values: dict[str, dict[str, Any]] = defaultdict(dict)
    f: str
    kind: CountKind
    for c in claims:
        for f in DISPUTABLE:
            if f not in c.fields:
                continue
            v = _position_value(c.fields[f], c.stance)
            key = json.dumps(v, sort_keys=True)
            positions[f][key].append(c.id)
            values[f][key] = v
        for kind in ("killed", "wounded", "captured"):
            v = c.fields.get(kind)
            if v is None:
                continue
            side = v.get("side")
            f = f"{kind}"
            claim_value = v.get("value") if c.stance == "asserted" else c.stance
            if claim_value is None:
                claim_value = True
            pv = {"side": side, "value": claim_value}
            group = v.get("group") if side is None else None
            if group:
                pv["group"] = group
            key = json.dumps(pv, sort_keys=True)
            positions[f"{f}|{side}|{group}"][key].append(c.id)
            values[f"{f}|{side}|{group}"][key] = pv
    out = []
    for f in sorted(positions):
        pos = positions[f]
        name = f.split("|")[0]
        if name in DISPUTABLE:
            # "X did not happen" only disputes a claim that X happened
            asserted = {k for k in pos if not (isinstance(values[f][k], dict) and "not" in values[f][k])}
            asserted_values = [values[f][k] for k in asserted]
            pos = {k: v for k, v in pos.items() if k in asserted or values[f][k]["not"] in asserted_values}
        if len(pos) < 2:
            continue
        if name in COUNT_KINDS and not _count_disagreement([values[f][k]["value"] for k in pos]):
            continue
        out.append(Dispute(field=name, positions=[Position(values[f][k], sorted(set(ids)))
                                                  for k, ids in sorted(pos.items())]))
    return out


def _position_value(v: object, stance: str) -> object:
    """A claim's value as a position: what a denial (or an account that cannot confirm) is about becomes
    ``{"not": value}``, as does an activity told as not done ("not fighting": "there was no fight")."""
    if isinstance(v, str) and v.startswith("not "):
        return {"not": v[4:]}
    if stance != "asserted":
        return (not v) if isinstance(v, bool) else {"not": v}
    return v


def _count_disagreement(vals: list[Any]) -> bool:
    """Figures disagree when a source denies or cannot confirm what another asserts, or when two
    exact figures differ. 'There are dead' next to '49 dead' is not a disagreement."""
    stances = {v for v in vals if isinstance(v, str)}
    numbers = {v for v in vals if isinstance(v, int) and not isinstance(v, bool)}
    return bool(stances) or len(numbers) > 1
