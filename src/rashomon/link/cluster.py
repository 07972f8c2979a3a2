"""Average-linkage clustering over sparse pair scores, with pairs that must stay apart.

A pair that was never scored counts as 0 (no evidence they tell one happening). Groups are joined
strongest first, by their pairs' mean log-odds (clipped), so that among candidates that all look
near-certain as probabilities the better-supported join wins; two groups may join only while their
pairs' mean probability is at least the threshold. Ties go to the smaller indices, so the result
depends only on the scores.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

__all__ = ["average_linkage"]

_CLIP = 12.0  # log-odds beyond +-this say no more (and a pair never scored counts as -_CLIP)


def _log_odds(p: float) -> float:
    if p <= 0.0:
        return -_CLIP
    if p >= 1.0:
        return _CLIP
    return max(-_CLIP, min(_CLIP, math.log(p / (1 - p))))


def average_linkage(
    n: int,
    scores: Mapping[tuple[int, int], float],
    threshold: float,
    apart: Iterable[tuple[int, int]] = (),
) -> list[list[int]]:
    """Groups of the items 0..n-1: join the two groups whose pairs have the highest mean log-odds,
    among those whose mean pair score is at least ``threshold`` and where no pair in ``apart`` would
    end in one group."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    strength: dict[int, dict[int, float]] = defaultdict(dict)  # sums of log-odds, clipped to +-_CLIP
    for (i, j), s in scores.items():
        sums[i][j] = sums[i].get(j, 0.0) + s
        sums[j][i] = sums[j].get(i, 0.0) + s
        lo = _log_odds(s) + _CLIP  # shifted so that a pair never scored counts as the least (0)
        strength[i][j] = strength[i].get(j, 0.0) + lo
        strength[j][i] = strength[j].get(i, 0.0) + lo
    never: dict[int, set[int]] = defaultdict(set)
    for i, j in apart:
        never[i].add(j)
        never[j].add(i)

    def mean(a: int, b: int) -> float:
        return sums[a].get(b, 0.0) / (len(members[a]) * len(members[b]))

    def rank(a: int, b: int) -> float:
        return strength[a].get(b, 0.0) / (len(members[a]) * len(members[b]))

    heap = [(-rank(i, j), i, j) for i, j in scores if i < j and j not in never[i] and mean(i, j) >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b in never[a] or rank(a, b) != -neg:
            continue  # a group that was since joined, or a mean that has changed
        keep, gone = min(a, b), max(a, b)
        members[keep] += members.pop(gone)
        for table in (sums, strength):
            for d, s in table.pop(gone).items():
                if d == keep:
                    continue
                table[keep][d] = table[keep].get(d, 0.0) + s
                table[d][keep] = table[d].get(keep, 0.0) + s
                del table[d][gone]
            table[keep].pop(gone, None)
        never[keep] |= never.pop(gone, set())
        for d in never[keep]:
            never[d].discard(gone)
            never[d].add(keep)
        for d in sorted(sums[keep]):
            if d not in never[keep] and mean(keep, d) >= threshold:
                heapq.heappush(heap, (-rank(keep, d), min(keep, d), max(keep, d)))
    return sorted(sorted(g) for g in members.values())
