"""Link: group mentions of the same happening, across documents, into clusters.

    clusters = link(records)        # [Cluster(mentions=[...], reasons=[...]), ...]

Mentions are only compared inside blocks (country x week), so the cost grows with the number of
mentions, not its square. Within a block, candidate pairs are scored (type, dates, places, actors,
shared counts) and merged greedily, best pair first, never putting two mentions of one document in
one cluster (reading already decided those are different happenings).
Public surface: ``link``, ``Cluster``, ``block_keys``, ``pair_score``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rashomon.model import FAMILY, Mention, MentionRecord

__all__ = ["link", "Cluster", "block_keys", "pair_score", "THRESHOLD"]

THRESHOLD = 0.5
_SLACK = {"day": 0, "week": 3, "month": 0, "year": 0}
_GAP = timedelta(days=1)  # two day-precise reports one day apart may tell one happening (time zones, night)
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


@dataclass
class Cluster:
    mentions: list[str]
    reasons: list[str] = field(default_factory=list)


def _span(m: Mention) -> tuple[date, date] | None:
    if m.date is None:
        return None
    end = m.date_end or m.date
    slack = timedelta(days=_SLACK.get(m.date_precision, 0))
    return m.date - slack, end + slack


def _countries(m: Mention) -> set[str]:
    return set(m.countries) | ({m.country} if m.country else set())


def block_keys(m: Mention) -> list[str]:
    """Blocks a mention belongs to: each of its countries x each ISO week its (slackened) dates touch."""
    span = _span(m)
    if span is None:
        return []
    span = (span[0] - _GAP, span[1] + _GAP)
    weeks = set()
    days = min((span[1] - span[0]).days, 400)
    for n in range(0, days + 1):
        y, w, _ = (span[0] + timedelta(days=n)).isocalendar()
        weeks.add(f"{y}W{w:02d}")
    return sorted(f"{c}:{wk}" for c in (_countries(m) or {"?"}) for wk in weeks)


def pair_score(a: MentionRecord, b: MentionRecord) -> tuple[float, list[str]]:
    """How likely two mentions tell the same happening (0..1), with the reasons."""
    ma, mb = a.mention, b.mention
    if a.document == b.document or ma.historical != mb.historical:
        return 0.0, []
    fa, fb = FAMILY.get(ma.event_type, "other"), FAMILY.get(mb.event_type, "other")
    if fa != fb:
        return 0.0, []
    sa, sb = _span(ma), _span(mb)
    if sa is None or sb is None or sa[1] + _GAP < sb[0] or sb[1] + _GAP < sa[0]:
        return 0.0, []
    ca, cb = _countries(ma), _countries(mb)
    if ca and cb and not ca & cb:
        return 0.0, []
    reasons = []
    score = 0.0
    exact_day = ma.date_precision == mb.date_precision == "day" and ma.date == mb.date
    if exact_day:
        score += 0.3
        reasons.append(f"same day {ma.date}")
    else:
        score += 0.15
        reasons.append("overlapping dates")
    if ma.event_type == mb.event_type:
        score += 0.2
        reasons.append(f"same type {ma.event_type}")
        if ma.sub_event_type and ma.sub_event_type == mb.sub_event_type:
            score += 0.05
    elif {ma.event_type, mb.event_type} <= _VIOLENT | {"Strategic developments"}:
        score += 0.05
        reasons.append(f"compatible types {ma.event_type} / {mb.event_type}")
    pa = _areas(ma)
    pb = _areas(mb)
    if ma.country and mb.country and ma.country != mb.country and not pa & pb:
        # told as happening in different countries, with no place in common: a country both merely
        # mention in passing is no evidence
        score -= 0.3
        reasons.append(f"different countries {ma.country} / {mb.country}")
    shared = ca & cb
    if shared:
        score += 0.1
        reasons.append("shared countries " + ",".join(sorted(shared)))
    if pa & pb:
        score += 0.25
        reasons.append("shared places " + ", ".join(sorted(pa & pb)))
    elif pa and pb:
        score -= 0.1
    if ma.actor1 and mb.actor1 and ma.actor1 != mb.actor1 and ma.actor1 != mb.actor2 and mb.actor1 != ma.actor2:
        score -= 0.2
        reasons.append(f"different actors {ma.actor1} / {mb.actor1}")
    actors = {ma.actor1, ma.actor2} & {mb.actor1, mb.actor2} - {None}
    if actors:
        score += 0.1 * len(actors)
        reasons.append("shared actors " + ", ".join(sorted(a for a in actors if a)))
    shared_counts = _count_keys(a) & _count_keys(b)
    if shared_counts:
        score += 0.15
        reasons.append("same figures " + ", ".join(sorted(shared_counts)))
    return min(score, 1.0), reasons


def _areas(m: Mention) -> set[str]:
    """First-level areas a mention names (an admin1 place stands for itself), for comparison."""
    out = {m.admin1} | {p.area for p in m.places if p.feature != "country"}
    return {a.casefold() for a in out if a}


def _count_keys(r: MentionRecord) -> set[str]:
    """The figures a mention gives, as evidence of sameness: a single victim ("killed ? 1") is told
    of most shootings and says nothing about which one."""
    out = set()
    for c in r.claims:
        for kind in ("killed", "wounded", "captured", "missing"):
            v = c.fields.get(kind)
            if isinstance(v, dict) and isinstance(v.get("value"), int) and v["value"] > 1:
                out.add(f"{kind} {v.get('side') or '?'} {v['value']}")
    return out


def link(records: Sequence[MentionRecord], threshold: float = THRESHOLD) -> list[Cluster]:
    """Cluster mentions; every mention ends in exactly one cluster. Deterministic for a given set of
    mentions, whatever order they come in."""
    recs = sorted(records, key=lambda r: r.id)
    index = {r.id: r for r in recs}
    blocks: dict[str, list[str]] = defaultdict(list)
    for r in recs:
        for k in block_keys(r.mention):
            blocks[k].append(r.id)
    pairs: dict[tuple[str, str], tuple[float, list[str]]] = {}
    for ids in blocks.values():
        for i, x in enumerate(ids):
            for y in ids[i + 1 :]:
                key = (x, y) if x < y else (y, x)
                if key in pairs:
                    continue
                s, why = pair_score(index[key[0]], index[key[1]])
                if s >= threshold:
                    pairs[key] = (s, why)
    parent = {r.id: r.id for r in recs}
    docs = {r.id: {r.document} for r in recs}
    reasons: dict[str, list[str]] = {r.id: [] for r in recs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (x, y), (s, why) in sorted(pairs.items(), key=lambda kv: (-kv[1][0], kv[0])):
        rx, ry = find(x), find(y)
        if rx == ry or docs[rx] & docs[ry]:
            continue
        root, other = (rx, ry) if rx < ry else (ry, rx)
        parent[other] = root
        docs[root] |= docs.pop(other)
        reasons[root] += reasons.pop(other) + [f"{x} + {y} ({s:.2f}): " + "; ".join(why)]
    groups: dict[str, list[str]] = defaultdict(list)
    for r in recs:
        groups[find(r.id)].append(r.id)
    return [Cluster(mentions=sorted(ms), reasons=reasons.get(root, [])) for root, ms in sorted(groups.items())]
