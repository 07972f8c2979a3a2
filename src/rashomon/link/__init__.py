"""Link: group mentions of the same happening, across documents, into clusters.

    clusters = link(records)        # [Cluster(mentions=[...], reasons=[...]), ...]

Mentions are only compared inside blocks (``block_keys``: country x week, and ``any`` x week, where
a mention with no country meets the week's others and two mentions placed in different countries
meet when they share distinctive words; and place name x week, where two reports naming one town
meet whatever area each resolved it to; area x week, where each mention meets those of its areas up
to ``MAX_GAP`` days before it, and a follow-up up to ``FOLLOW_DAYS``; and a person's or street's
name, where a trial meets its shooting a year on), and inside a block only when their places may
agree (a shared first-level area or places within ~30 km: a town and its province, not two towns of
different provinces, unless they tell one story in alike words), so the cost grows about linearly
with the number of mentions. Each candidate
pair is weighed (``pair_score``, in ``evidence``): dates (a follow-up such as an arrest, a funeral
or a trial may come weeks later), places, type, parties, victims (ages, counts), weapon and
setting, proper names (a victim's, a suspect's, a street's), the words of their own sentences, and
how long each is told (two whole documents of a few words, such as coders' notes, need more). The
scored pairs are clustered by average linkage (``cluster``): the two groups whose pairs agree best on average are joined first, and joining stops
when no two groups agree on average above ``THRESHOLD``; one strong pair cannot chain two
happenings together, and the result depends only on the set of mentions, never on their order.
Two mentions of one document are put in one cluster only where they may tell one happening (of one
type and sub-type at most 10 days apart, or an arrest following a violent happening up; places not
apart: ``siblings_agree``) and their evidence is strong (``SIBLING_LEAST``); reading parted the others.
Such passages are one story before clustering (``cluster_stories``): the story meets another
article's mention through its best-matching passage, as one passage may carry a date or a place
misread that the other has right.
Public surface: ``link``, ``Cluster``, ``block_keys``, ``pair_score``, ``cluster_stories``, ``THRESHOLD``, ``SIBLING_LEAST``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rashomon.link.cluster import average_linkage
from rashomon.link.evidence import (
    FOLLOW_DAYS,
    MAX_GAP,
    NAMED_FOLLOW_DAYS,
    SHARED_WORDS,
    Profile,
    may_match,
    pair_evidence,
    profiles,
    siblings_agree,
)
from rashomon.model import Mention, MentionRecord

__all__ = ["link", "Cluster", "block_keys", "pair_score", "cluster_stories", "THRESHOLD", "SIBLING_LEAST", "ANY"]

THRESHOLD = 0.7  # least average agreement (0..1) for two groups to be joined; set on gvc (even half) + acled
SIBLING_LEAST = 0.95  # least evidence for two mentions of one document to share a cluster (0.7, 0.95, 0.99 tried: gvc even half)
_SLACK = {"day": 0, "week": 3, "month": 0, "year": 0}
_GAP = timedelta(days=1)  # two day-precise reports one day apart may tell one happening (time zones, night)
_FOLLOW_BACK = timedelta(days=28)  # an arrest may follow the happening it belongs to by weeks
ANY = "any"  # block of every mention in a week, where a mention with no country meets all the others


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
    """Blocks a mention belongs to: each of its countries x each ISO week its (slackened) dates touch,
    and ``any`` x each of those weeks (where mentions with no country meet the others). An arrest
    also reaches back a few weeks, to the happening it may follow."""
    span = _span(m)
    if span is None:
        return []
    back = _FOLLOW_BACK if m.sub_event_type == "Arrests" else timedelta(0)
    weeks = _weeks(span[0] - _GAP - back, span[1] + _GAP)
    return sorted(f"{c}:{wk}" for c in (_countries(m) or {"?"}) | {ANY} for wk in weeks)


def pair_score(a: MentionRecord, b: MentionRecord) -> tuple[float, list[str]]:
    """How likely two mentions tell the same happening (0..1), with the reasons."""
    pa, pb = profiles([a, b])
    return pair_evidence(pa, pb)


def _candidates(recs: list[MentionRecord], profs: list[Profile]) -> set[tuple[int, int]]:
    """Index pairs (i < j) that share a block. In an ``any`` block (all the mentions of a week) a
    pair is taken when one of them has no country, or when they share at least ``SHARED_WORDS``
    distinctive words (a place misread into another country must not keep one story apart)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        for k in block_keys(r.mention):
            blocks[k].append(i)
    known = [bool(_countries(r.mention)) for r in recs]
    out: set[tuple[int, int]] = set()
    for key, ids in blocks.items():
        if key.startswith(ANY + ":"):
            loose = [i for i in ids if not known[i]]
            for i in loose:
                out.update((min(i, j), max(i, j)) for j in ids if j != i)
            out |= _sharing_words(ids, profs)
        else:
            out |= _placed_pairs(ids, profs)
    return out | _naming_alike(recs, profs) | _following(profs) | _naming_one(profs)


def _following(profs: list[Profile]) -> set[tuple[int, int]]:
    """Pairs in a first-level area both name, the later at most ``MAX_GAP`` days after the earlier (a
    week's block misses two reports of one shooting dated a week apart across its end), or, where it
    may follow the earlier up (an arrest, a funeral, a trial), ``FOLLOW_DAYS``: blocked by area x week,
    each mention looking back over the weeks before it, and inside a block by country (one area's
    name in two countries, "Central" or "North", is two areas; a mention with no country meets all),
    so the cost stays about linear."""
    blocks: dict[tuple[str, str], dict[str | None, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, p in enumerate(profs):
        if p.span is not None:
            for wk in _weeks(p.span[0], p.span[1]):
                for a in p.areas:
                    for c in p.countries or (None,):
                        blocks[(a, wk)][c].append(i)
    out: set[tuple[int, int]] = set()
    for i, p in enumerate(profs):
        if p.span is None:
            continue
        back = timedelta(days=FOLLOW_DAYS if p.follow_up else MAX_GAP)
        for wk in _weeks(p.span[0] - back, p.span[1]):
            for a in p.areas:
                for ids in _same_country(blocks.get((a, wk)), p.countries):
                    out.update((min(i, j), max(i, j)) for j in ids if _akin(p, profs[j]))
    return out


def _same_country(block: dict[str | None, list[int]] | None, countries: set[str]) -> list[list[int]]:
    """The lists of a block (by country) that mentions of these countries meet: those of one of
    them and those of no country; every list when they are none."""
    if not block:
        return []
    if not countries:
        return list(block.values())
    return [block[c] for c in (*countries, None) if c in block]


def _naming_one(profs: list[Profile]) -> set[tuple[int, int]]:
    """Pairs that give one person's or street's name (a name few mentions give: ``Profile.names``)
    within ``NAMED_FOLLOW_DAYS``: a trial a year on names the victim and the accused. Blocked by
    name; such names are in few mentions, so the cost stays about linear."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profs):
        if p.span is not None:
            for w in p.names:
                holders[w].append(i)
    reach = timedelta(days=NAMED_FOLLOW_DAYS)
    out: set[tuple[int, int]] = set()
    for ids in holders.values():
        for n, x in enumerate(ids):
            for y in ids[n + 1 :]:
                sx, sy = profs[x].span, profs[y].span
                if sx and sy and sy[0] - sx[1] <= reach and sx[0] - sy[1] <= reach and _akin(profs[x], profs[y]):
                    out.add((x, y))
    return out


def _akin(a: Profile, b: Profile) -> bool:
    """Of other documents and of one family of events: a pair worth a look."""
    return a.document != b.document and a.family == b.family


def _naming_alike(recs: list[MentionRecord], profs: list[Profile]) -> set[tuple[int, int]]:
    """Pairs that name a place alike (a town, a district: finer than a first-level area) within
    ``MAX_GAP`` days of each other, whatever their countries, areas and weeks: one town's name read
    as two namesakes must not keep one story apart, nor a week's end two reports of it. Blocked by
    name x week of the span widened by half ``MAX_GAP`` each side (two spans at most ``MAX_GAP``
    days apart then touch a common week), so the cost stays about linear."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    half = timedelta(days=(MAX_GAP + 1) // 2)
    for i, p in enumerate(profs):
        if not p.place_names or p.span is None:
            continue
        for wk in _weeks(p.span[0] - half, p.span[1] + half):
            for name in p.place_names:
                blocks[(name, wk)].append(i)
    return {(x, y) if x < y else (y, x) for ids in blocks.values() for n, x in enumerate(ids) for y in ids[n + 1 :]}


def _weeks(start: date, end: date) -> set[str]:
    """ISO weeks a span of days touches (at most ~400 days of it)."""
    weeks = set()
    for n in range(0, min((end - start).days, 400) + 1):
        y, w, _ = (start + timedelta(days=n)).isocalendar()
        weeks.add(f"{y}W{w:02d}")
    return weeks


def _placed_pairs(ids: list[int], profs: list[Profile]) -> set[tuple[int, int]]:
    """Pairs of one block whose places may agree: a mention with no area pairs with all; the others
    pair when they share an area or have places in neighbouring 1-degree cells (about 30 km apart
    at most, up to ~74 degrees latitude), so pairs whose places lie apart are never made."""
    out: set[tuple[int, int]] = set()
    groups: dict[object, list[int]] = defaultdict(list)
    cells: dict[tuple[int, int], set[int]] = defaultdict(set)
    for i in ids:
        if not profs[i].areas:
            out.update((min(i, j), max(i, j)) for j in ids if j != i)
            continue
        for a in profs[i].areas:
            groups[a].append(i)
        for lat, lon in profs[i].points:
            cells[(math.floor(lat), math.floor(lon))].add(i)
    for members in groups.values():
        out.update((x, y) if x < y else (y, x) for n, x in enumerate(members) for y in members[n + 1 :])
    for (la, lo), here in cells.items():
        for dla in (-1, 0, 1):
            for dlo in (-1, 0, 1):
                there = cells.get((la + dla, lo + dlo))
                if there:
                    out.update((min(x, y), max(x, y)) for x in here for y in there if x != y)
    return out


def _sharing_words(ids: list[int], profs: list[Profile]) -> set[tuple[int, int]]:
    """Pairs among ids with at least SHARED_WORDS distinctive words in common (an inverted index:
    distinctive words are in few mentions, so this stays about linear)."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i in ids:
        for w in profs[i].rare:
            holders[w].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for hs in holders.values():
        for n, x in enumerate(hs):
            for y in hs[n + 1 :]:
                shared[(min(x, y), max(x, y))] += 1
    return {pair for pair, k in shared.items() if k >= SHARED_WORDS}


def link(records: Sequence[MentionRecord], threshold: float | None = None) -> list[Cluster]:
    """Cluster mentions; every mention ends in exactly one cluster. Deterministic for a given set of
    mentions, whatever order they come in."""
    if threshold is None:
        threshold = THRESHOLD
    recs = sorted(records, key=lambda r: r.id)
    profs: list[Profile] = profiles(recs)
    scores: dict[tuple[int, int], float] = {}
    for i, j in sorted(_candidates(recs, profs)):
        if may_match(profs[i], profs[j]):
            s, _ = pair_evidence(profs[i], profs[j], explain=False)
            if s > 0.0:
                scores[(i, j)] = s
    kin, apart = _kin(profs)
    groups = cluster_stories(len(recs), scores, kin, apart, threshold)
    scores.update(kin)
    out = []
    for members in groups:
        reasons = [
            f"{recs[i].id} + {recs[j].id} ({scores[(i, j)]:.2f}): "
            + "; ".join(pair_evidence(profs[i], profs[j], kin=recs[i].document == recs[j].document)[1])
            for n, i in enumerate(members)
            for j in members[n + 1 :]
            if scores.get((i, j), 0.0) >= threshold
        ]
        out.append(Cluster(mentions=[recs[i].id for i in members], reasons=reasons))
    return sorted(out, key=lambda c: c.mentions[0])


def _kin(profs: list[Profile]) -> tuple[dict[tuple[int, int], float], list[tuple[int, int]]]:
    """Pairs of mentions of one document: those that may tell one happening (``siblings_agree``)
    and whose evidence is at least ``SIBLING_LEAST``, with their scores (one shooting told twice in
    one article); and the others, never to share a cluster (reading already decided those differ)."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profs):
        by_doc[p.document].append(i)
    kin: dict[tuple[int, int], float] = {}
    apart = []
    for ids in by_doc.values():
        for n, i in enumerate(ids):
            for j in ids[n + 1 :]:
                s = 0.0
                if siblings_agree(profs[i], profs[j]):
                    s = pair_evidence(profs[i], profs[j], explain=False, kin=True)[0]
                if s >= SIBLING_LEAST:
                    kin[(i, j)] = s
                else:
                    apart.append((i, j))
    return kin, apart


def cluster_stories(
    n: int,
    scores: dict[tuple[int, int], float],
    kin: dict[tuple[int, int], float],
    apart: list[tuple[int, int]],
    threshold: float,
) -> list[list[int]]:
    """Groups of the mentions 0..n-1: each article's passages that tell one happening first become
    one story (``_stories``), a story meets another through its best-matching pair of mentions, and
    the stories are joined by average linkage; mentions of one article kept ``apart`` never share a group."""
    stories = _stories(n, kin, apart)
    of = {i: k for k, story in enumerate(stories) for i in story}
    best: dict[tuple[int, int], float] = {}
    for (i, j), s in scores.items():
        a, b = sorted((of[i], of[j]))
        if a != b:
            best[(a, b)] = max(best.get((a, b), 0.0), s)
    kept = sorted({(min(of[i], of[j]), max(of[i], of[j])) for i, j in apart})
    groups = average_linkage(len(stories), best, threshold, kept)
    return sorted(sorted(i for k in g for i in stories[k]) for g in groups)


def _stories(n: int, kin: dict[tuple[int, int], float], apart: list[tuple[int, int]]) -> list[list[int]]:
    """The mentions 0..n-1 gathered into stories: the passages of one article that tell one
    happening (``kin`` pairs, strongest first, where no pair of the two would be kept ``apart``).
    A story meets the other articles' mentions through its best-matching passage (one passage may
    carry a misread date or place the other has right)."""
    return average_linkage(n, kin, 0.0, apart)  # every kin pair joins, unless kept apart
