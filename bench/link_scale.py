"""How linking cost grows with the number of mentions.

    .venv/bin/python bench/link_scale.py [--sizes 1000,10000,100000]

Synthetic mentions spread over 40 countries and four years, with ~3 reports per happening (so
there is real linking to do), go through ``rashomon.link.link`` and ``reconcile``. Prints the time
for each size and the ratio to the previous size; 10x the mentions should cost at most ~15x.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from rashomon.link import link
from rashomon.model import ClaimRecord, Mention, MentionRecord, Place, Source
from rashomon.reconcile import reconcile

COUNTRIES = ["UKR", "RUS", "SDN", "SSD", "ETH", "SOM", "MLI", "BFA", "NER", "NGA", "COD", "CAF", "MMR", "AFG",
             "SYR", "IRQ", "YEM", "LBY", "ARM", "AZE", "ISR", "PSE", "LBN", "COL", "MEX", "HTI", "PAK", "IND",
             "PHL", "MOZ", "CMR", "TCD", "KEN", "TUR", "IRN", "GEO", "BDI", "UGA", "VEN", "BRA"]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Change to group/activity"),
         ("Protests", "Peaceful protest")]


def synthetic(n: int, seed: int = 7) -> list[MentionRecord]:
    rng = random.Random(seed)
    out = []
    happenings = max(1, n // 3)
    start = date(2020, 1, 1)
    for i in range(n):
        h = rng.randrange(happenings)
        hr = random.Random(h)
        country = hr.choice(COUNTRIES)
        etype, sub = hr.choice(TYPES)
        day = start + timedelta(days=hr.randrange(4 * 365))
        area = f"Area{hr.randrange(30)}"
        killed = hr.randrange(1, 60)
        place = Place(0, 5, area, 10.0 + hr.random(), 20.0 + hr.random(), country, area, "admin1", None)
        m = Mention(event_type=etype, sub_event_type=sub, date=day + timedelta(days=rng.choice([0, 0, 0, 1])),
                    date_precision="day", country=country, admin1=area, location=area, latitude=place.latitude,
                    longitude=place.longitude, places=[place], countries=[country],
                    actor1=f"Military Forces of {country}")
        claim = ClaimRecord(id=f"d{i}-c0", document=f"d{i}", source=Source(f"src{rng.randrange(50)}", country,
                            "media"), stance="asserted", fields={"killed": {"side": country, "value": killed}})
        out.append(MentionRecord(id=f"d{i}-m0", document=f"d{i}", mention=m, claims=[claim]))
    return out


def run(n: int) -> tuple[float, int]:
    recs = synthetic(n)
    by_id = {r.id: r for r in recs}
    t0 = time.perf_counter()
    clusters = link(recs)
    for c in clusters:
        reconcile(c, by_id)
    return time.perf_counter() - t0, len(clusters)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    args = ap.parse_args()
    prev = None
    print(f"{'mentions':>10} {'seconds':>9} {'events':>8} {'ratio vs previous':>18}")
    for n in (int(x) for x in args.sizes.split(",")):
        secs, events = run(n)
        ratio = f"{secs / prev[1]:.1f}x for {n / prev[0]:.0f}x" if prev else "-"
        print(f"{n:>10} {secs:>9.2f} {events:>8} {ratio:>18}")
        prev = (n, secs)


if __name__ == "__main__":
    main()
