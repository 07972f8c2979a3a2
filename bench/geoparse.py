"""Score find_places on TR-News (dev set) the way ../shared/eval/benchmarks.py scores the CLI.

    .venv/bin/python bench/geoparse.py [--data FILE] [--limit N] [--show-misses N]

Prints toponym_recall, acc161_found, acc161_all, precision and docs/s, separately for even
articles (tuning half) and odd articles (held-out half), then for all.
"""

from __future__ import annotations

import argparse
import math
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from rashomon.read.gazetteer import get_gazetteer
from rashomon.read.nlp import get_nlp
from rashomon.read.places import find_places

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "dev" / "trnews.xml"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def articles(path: Path, limit: int | None) -> list[tuple[str, list[tuple[int, int, float, float]]]]:
    out = []
    for a in list(ET.parse(path).getroot())[:limit]:
        gold = []
        for t in a.find("toponyms"):
            g = t.find("gaztag")
            if g is None or g.findtext("lat") is None:
                continue
            gold.append(
                (
                    int(t.findtext("start")),
                    int(t.findtext("end")),
                    float(g.findtext("lat")),
                    float(g.findtext("lon")),
                )
            )
        out.append((a.findtext("text") or "", gold))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--show-misses", type=int, default=0)
    args = ap.parse_args()
    arts = articles(args.data, args.limit)
    nlp, gaz = get_nlp(), get_gazetteer()
    docs = list(nlp.pipe([t for t, _ in arts]))
    t0 = time.time()
    results = [find_places(t, d, gaz) for (t, _), d in zip(arts, docs, strict=True)]
    t_find = time.time() - t0
    t0 = time.time()
    for t, _ in arts[:30]:
        find_places(t, nlp(t), gaz)
    t_full = (time.time() - t0) / min(30, len(arts))
    misses: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    for half, sel in (("even", 0), ("odd", 1), ("all", None)):
        total = spotted = right = returned = matched = 0
        for i, ((text, gold), places) in enumerate(zip(arts, results, strict=True)):
            if sel is not None and i % 2 != sel:
                continue
            surfaces = {text[s:e] for s, e, _, _ in gold}
            returned += len(places)
            for p in places:
                if text[p.start : p.end] in surfaces or p.name in surfaces:
                    matched += 1
                elif sel is None:
                    extra[text[p.start : p.end]] += 1
            for s, e, lat, lon in gold:
                total += 1
                surface = text[s:e]
                hits = [p for p in places if text[p.start : p.end] == surface or p.name == surface]
                if not hits:
                    if sel is None:
                        misses[surface] += 1
                    continue
                spotted += 1
                p = hits[0]
                if p.latitude is not None and km(p.latitude, p.longitude, lat, lon) <= 161:
                    right += 1
                elif sel is None:
                    wrong[
                        f"{surface} -> {p.name} {p.country} ({p.latitude},{p.longitude}) gold ({lat},{lon})"
                    ] += 1
        print(
            f"{half:5s} toponym_recall {spotted / max(1, total):.3f}  acc161_found {right / max(1, spotted):.3f}  "
            f"acc161_all {right / max(1, total):.3f}  precision {matched / max(1, returned):.3f}  (n={total})"
        )
    print(
        f"find_places: {len(arts) / t_find:.1f} docs/s given parsed docs; {1 / t_full:.1f} docs/s including spaCy"
    )
    if args.show_misses:
        print("missed:", misses.most_common(args.show_misses))
        print("wrong:", *wrong.most_common(args.show_misses), sep="\n  ")
        print("extra:", extra.most_common(args.show_misses))


if __name__ == "__main__":
    main()
