"""Synthetic conflict news for benchmarks and scale tests: articles built from templates that vary
the country, place, forces, figures, weekday and date, a few outlets telling each happening (so
linking has work to do). Deterministic for a seed; dates advance with the index, like a news feed.

    for i, text in synthetic_articles(1000): ...

Public surface: ``synthetic_articles``, ``write_corpus``.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

__all__ = ["synthetic_articles", "write_corpus"]

# (country, place, region, force, other side, speaker)
_THEATRES = [
    ("Ukraine", "Kharkiv", "Kharkiv Oblast", "Russian forces", "Ukrainian troops", "regional governor"),
    (
        "Ukraine",
        "Kherson",
        "Kherson Oblast",
        "Russian forces",
        "Ukrainian troops",
        "the regional administration",
    ),
    (
        "Sudan",
        "El Fasher",
        "North Darfur",
        "the Rapid Support Forces",
        "the Sudanese army",
        "a local monitor",
    ),
    ("Sudan", "Omdurman", "Khartoum", "the Rapid Support Forces", "the Sudanese army", "medical sources"),
    ("Syria", "Idlib", "Idlib Governorate", "Syrian government forces", "rebel fighters", "a war monitor"),
    ("Mali", "Menaka", "Menaka Region", "armed men", "Malian soldiers", "a local official"),
    ("Burkina Faso", "Djibo", "Sahel Region", "jihadist fighters", "army auxiliaries", "security sources"),
    ("Myanmar", "Sagaing", "Sagaing Region", "the military", "resistance fighters", "a local administrator"),
    ("Colombia", "Tumaco", "Narino", "dissident guerrillas", "Colombian soldiers", "the army"),
    ("Ethiopia", "Gondar", "Amhara Region", "Fano militia", "federal troops", "residents"),
    ("Somalia", "Mogadishu", "Banaadir", "al-Shabaab militants", "Somali troops", "police"),
    ("Nigeria", "Maiduguri", "Borno", "Boko Haram fighters", "Nigerian soldiers", "a military spokesman"),
]
_OUTLETS = ["Sample Wire", "Daily Ledger", "Frontline Post", "Regional Herald"]
_VERBS = [("shelled", "shelling"), ("attacked", "attack"), ("bombed", "air strike"), ("ambushed", "ambush")]
_TEMPLATE = """{headline}

{place}, {country} - {force} {verb} {target} in {place} in {region} on {weekday}, {date}, \
killing {killed} civilians and wounding {wounded}, {speaker} said.

"{quote}" the {speaker_short} said in a statement. The number of victims could rise, {speaker} added.

{other} said they had repelled the assault. {force_cap} did not comment on the {noun}.

The claims could not be independently verified.
"""


def synthetic_articles(
    n: int, *, seed: int = 7, start: date = date(2023, 1, 2), per_event: int = 3
) -> Iterator[tuple[int, str]]:
    """``n`` articles (index, text); every ``per_event`` consecutive ones tell one happening, from
    different outlets with slightly different figures. One new happening a few hours apart."""
    rng = random.Random(seed)
    event: dict[str, Any] = {}  # the happening the next articles tell
    for i in range(n):
        if i % per_event == 0:
            country, place, region, force, other, speaker = rng.choice(_THEATRES)
            verb, noun = rng.choice(_VERBS)
            event = dict(
                country=country,
                place=place,
                region=region,
                force=force,
                other=other,
                speaker=speaker,
                verb=verb,
                noun=noun,
                day=start + timedelta(days=i // (per_event * 4)),
                killed=rng.randint(2, 40),
                target=rng.choice(
                    [
                        "a market",
                        "a residential district",
                        "a village",
                        "a displacement camp",
                        "an army position",
                        "a school",
                    ]
                ),
            )
        d: date = event["day"]
        killed = int(event["killed"]) + rng.choice([0, 0, 1, -1])
        text = _TEMPLATE.format(
            headline=f"{str(event['noun']).capitalize()} in {event['place']} kills {killed}, officials say",
            weekday=d.strftime("%A"),
            date=d.strftime("%B %-d, %Y"),
            wounded=rng.randint(3, 60),
            quote=rng.choice(
                [
                    "They struck homes where families were sleeping.",
                    "This was a deliberate attack on civilians.",
                    "Rescuers are still searching the rubble.",
                ]
            ),
            speaker_short=str(event["speaker"]).split()[-1],
            killed=max(1, killed),
            force_cap=str(event["force"])[0].upper() + str(event["force"])[1:],
            **{k: v for k, v in event.items() if k not in ("day", "killed")},
        )
        yield i, text + f"\nReport {i}.\n"


def write_corpus(path: str | Path, n: int, *, seed: int = 7, jsonl: bool = True) -> Path:
    """Write ``n`` synthetic articles: one .jsonl file (``{"text": ...}`` a line) or a folder of .txt."""
    path = Path(path)
    if jsonl:
        with path.open("w", encoding="utf-8") as f:
            for i, text in synthetic_articles(n, seed=seed):
                f.write(json.dumps({"text": text, "outlet": _OUTLETS[i % len(_OUTLETS)]}) + "\n")
    else:
        path.mkdir(parents=True, exist_ok=True)
        for i, text in synthetic_articles(n, seed=seed):
            (path / f"article-{i:06d}.txt").write_text(text, encoding="utf-8")
    return path
