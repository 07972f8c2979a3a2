"""Average-linkage clustering over sparse pair scores, with pairs that must stay apart.

A pair that was never scored counts as 0 (no evidence they tell one happening). Groups are joined
best average first; ties go to the smaller indices, so the result depends only on the scores.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping

__all__ = ["average_linkage"]


def average_linkage(
    n: int,
    scores: Mapping[tuple[int, int], float],
    threshold: float,
    apart: Iterable[tuple[int, int]] = (),
) -> list[list[int]]:
    """Groups of the items 0..n-1: join the two groups with the highest mean pair score while that
    mean is at least ``threshold`` and no pair in ``apart`` would end in one group."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in scores.items():
        sums[i][j] = sums[i].get(j, 0.0) + s
        sums[j][i] = sums[j].get(i, 0.0) + s
    never: dict[int, set[int]] = defaultdict(set)
    for i, j in apart:
        never[i].add(j)
        never[j].add(i)

    def mean(a: int, b: int) -> float:
        return sums[a].get(b, 0.0) / (len(members[a]) * len(members[b]))

    heap = [(-mean(i, j), i, j) for i, j in scores if i < j and j not in never[i] and mean(i, j) >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b in never[a] or mean(a, b) != -neg:
            continue  # a group that was since joined, or a mean that has changed
        keep, gone = min(a, b), max(a, b)
        members[keep] += members.pop(gone)
        for d, s in sums.pop(gone).items():
            if d == keep:
                continue
            sums[keep][d] = sums[keep].get(d, 0.0) + s
            sums[d][keep] = sums[d].get(keep, 0.0) + s
            del sums[d][gone]
        sums[keep].pop(gone, None)
        never[keep] |= never.pop(gone, set())
        for d in never[keep]:
            never[d].discard(gone)
            never[d].add(keep)
        for d in sorted(sums[keep]):
            if d not in never[keep] and mean(keep, d) >= threshold:
                heapq.heappush(heap, (-mean(keep, d), min(keep, d), max(keep, d)))
    return sorted(sorted(g) for g in members.values())
