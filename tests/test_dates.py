"""Publication-date inference: per document and across a collection."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from rashomon.ingest.dates import DateGuess, infer_published, resolve_corpus_years

TODAY = dt.date(2026, 11, 23)
D = dt.date

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"

# Short articles of our own, one clue type each (none of them about the seeds' conflict).
SUDAN_EXPLICIT = (
    "KHARTOUM — Heavy fighting between the army and the Rapid Support Forces entered a second day on Sunday "
    "after clashes erupted on 15 April 2023. Residents reported air strikes near the airport on April 16, "
    "the health ministry said."
)
UKRAINE_WEEKDAY = (
    "Russian forces launched missiles at Kyiv early on Thursday, February 24, officials said. "
    "By February 25, armoured columns were approaching the capital."
)
TIGRAY_BACKGROUND = (
    "MEKELLE — Drone strikes hit the Tigray capital on January 7, aid workers said on January 8. "
    "The conflict, which began in November 2020, has displaced more than two million people."
)
SYRIA_HISTORY = (
    "DAMASCUS — Shelling killed five civilians in Idlib on June 3, rescuers said. The war, which began in "
    "2011, has killed more than 300,000 people. A ceasefire agreed in 2020 has largely held."
)
COLOMBIA_FUTURE = (
    "BOGOTA — Talks between the government and the ELN are scheduled to resume on August 30 in Havana. "
    "Rebels attacked a military base in Arauca on July 12, the army reported on July 14."
)
MYANMAR_WRAP = (
    "YANGON — Junta aircraft bombed a village in Sagaing on December 28, killing 17, and again on January 3, "
    "residents said on January 4. The military seized power in a coup on February 1, 2021."
)
GAZA_YESTERDAY = (
    "GAZA — Israeli strikes on the Jabalia camp yesterday (2023-10-31) killed dozens of people, "
    "the health ministry said."
)
SAHEL_WEEKDAY_ONLY = (
    "Gunmen killed at least 20 villagers in northern Burkina Faso on Sunday, local sources said on Tuesday."
)
MYANMAR_ANNIVERSARY = (
    "Protesters marched in Yangon on Tuesday, a year after the military coup of February 1, 2021."
)
ISO_DATE = "MOGADISHU (2022-10-30) — Two car bombs exploded at the education ministry on 2022-10-29."

# A small collection about one war: K fixes its year itself, U and L only through K.
DRC_KNOWN = (
    "On Monday, March 6, rebels of the M23 attacked Kitshanga, the army said. "
    "The offensive paused on January 15 under a ceasefire."
)
DRC_YEARLESS = (
    "Fighting around Kitshanga continued on March 8, local officials said, two days after rebels entered "
    "the town on March 6."
)
DRC_LAST_MONTH = "Rebels and the army clashed again on Friday, a year after the offensive paused last January under a ceasefire."


@pytest.mark.parametrize(
    ("text", "expected", "year_known"),
    [
        (SUDAN_EXPLICIT, D(2023, 4, 16), True),  # explicit full date anchors the year-less later day
        (UKRAINE_WEEKDAY, D(2022, 2, 25), True),  # Thursday, February 24 -> 2022
        (TIGRAY_BACKGROUND, D(2022, 1, 8), False),  # "November 2020" is background: a year or more before
        (MYANMAR_WRAP, D(2022, 1, 4), True),  # December 28 belongs to the previous year
        (GAZA_YESTERDAY, D(2023, 11, 1), True),  # "yesterday (2023-10-31)" -> published the day after
        (MYANMAR_ANNIVERSARY, D(2022, 2, 1), True),  # a year after February 1, 2021, on the Tuesday
        (ISO_DATE, D(2022, 10, 30), True),
    ],
)
def test_infer_published_single_clues(text: str, expected: dt.date, year_known: bool) -> None:
    guess = infer_published(text, today=TODAY)
    assert guess.date == expected, guess.evidence
    assert guess.year_known is year_known
    assert guess.evidence


def test_history_year_is_not_the_publication_date() -> None:
    guess = infer_published(SYRIA_HISTORY, today=TODAY)
    assert guess.date is not None
    assert (guess.date.month, guess.date.day) == (6, 3)
    assert guess.date.year >= 2020  # never 2011: a bare year is only a lower bound
    assert guess.year_known is False


def test_future_dates_are_ignored() -> None:
    guess = infer_published(COLOMBIA_FUTURE, today=TODAY)
    assert guess.date is not None and (guess.date.month, guess.date.day) == (7, 14)
    assert guess.year_known is False
    assert guess.date <= TODAY


def test_weekday_only_gives_no_date() -> None:
    guess = infer_published(SAHEL_WEEKDAY_ONLY, today=TODAY)
    assert guess.date is None and guess.year_known is False
    assert "Tuesday" in guess.evidence


def test_title_is_read_too() -> None:
    guess = infer_published(
        "Militants attacked a convoy, the army said.", "Attack on convoy, March 3, 2024", today=TODAY
    )
    assert guess.date == D(2024, 3, 3)


def test_weekday_date_year_not_after_today() -> None:
    # 12 May was a Wednesday in 2021 and 2027; with today in 2026 only 2021 is possible
    guess = infer_published("On Wednesday, May 12, troops crossed the border.", today=TODAY)
    assert guess.date == D(2021, 5, 12)
    assert guess.year_known


def test_corpus_votes_year_from_neighbouring_days_and_anniversary() -> None:
    docs = {"K": DRC_KNOWN, "U": DRC_YEARLESS, "L": DRC_LAST_MONTH, "C": COLOMBIA_FUTURE}
    own = {k: (t, infer_published(t, today=TODAY)) for k, t in docs.items()}
    assert own["U"][1].year_known is False and own["L"][1].date is None
    out = resolve_corpus_years(own, today=TODAY)
    assert set(out) == set(docs)
    assert out["K"] == own["K"][1]  # already known: unchanged
    assert out["U"].date == D(2023, 3, 8) and out["U"].year_known
    assert "K" in out["U"].evidence
    # last January = January 2023 (K dates the pause on January 15), a year later, on the Friday
    assert out["L"].date == D(2024, 1, 19) and out["L"].year_known
    # nothing in the collection is near July 14: of the years it allows, the one of the collection's period
    assert out["C"].date == D(2023, 7, 14) and not out["C"].year_known
    assert "collection" in out["C"].evidence


def test_corpus_without_anchor_keeps_guesses() -> None:
    own = {"a": (SAHEL_WEEKDAY_ONLY, infer_published(SAHEL_WEEKDAY_ONLY, today=TODAY))}
    assert resolve_corpus_years(own, today=TODAY) == {"a": own["a"][1]}


def test_corpus_month_precision_votes() -> None:
    known = "A truce signed in October 2022 collapsed on Tuesday, March 14, the rebels said."
    yearless = "The rebels said the truce signed on October 18 had collapsed; fighting resumed on March 13."
    own = {k: (t, infer_published(t, today=TODAY)) for k, t in {"k": known, "y": yearless}.items()}
    assert own["k"][1].date == D(2023, 3, 14)
    out = resolve_corpus_years(own, today=TODAY)
    assert out["y"].date == D(2023, 3, 13), out["y"].evidence


# ------------------------------------------------------------------------------------------ the seeds


def _seed_gold() -> tuple[Path, dict[str, dict[str, str]]]:
    seeds, gold = SHARED / "seeds", SHARED / "gold" / "seeds.json"
    if not seeds.is_dir() or not gold.is_file():
        pytest.skip(f"seed articles not found at {seeds.resolve()} (the shared folder is not checked out)")
    docs = json.loads(gold.read_text(encoding="utf-8"))["documents"]
    return seeds, {d["source"]: d for d in docs}


def test_seeds_publication_dates() -> None:
    seeds, gold = _seed_gold()
    own: dict[str, tuple[str, DateGuess]] = {}
    for name in gold:
        text = (seeds / name).read_text(encoding="utf-8")
        own[name] = (text, infer_published(text, today=TODAY))
    out = resolve_corpus_years(own, today=TODAY)
    for name, doc in gold.items():
        guess = out[name]
        assert guess.date is not None, (name, guess.evidence)
        lo, hi = dt.date.fromisoformat(doc["published_min"]), dt.date.fromisoformat(doc["published_max"])
        assert lo <= guess.date <= hi, (name, guess)


def test_explicit_date_off_the_news_weekday_is_background() -> None:
    text = "Gunmen attacked a market in Maiduguri on Monday, police said. It recalled the bombing of November 13, 2015."
    guess = infer_published(text, today=TODAY)
    assert guess.date == D(2015, 11, 13)  # a lower bound only: 13 November 2015 was a Friday
    assert guess.year_known is False


def test_future_dated_event_bounds_the_weekday_year() -> None:
    # 16 May was a Tuesday in 2017 and 2023; the election scheduled for July 1, 2017 is still ahead
    text = "Police fired tear gas at protesters on Tuesday, May 16. Elections are scheduled for July 1, 2017."
    assert infer_published(text, today=TODAY).date == D(2017, 5, 16)


def test_weekday_year_first_after_explicit_years() -> None:
    # 3 February was a Friday in 2017 and 2023; the article places things in 2016
    text = "Militias clashed near Kidal on Friday, February 3, after a truce signed in 2016 broke down."
    guess = infer_published(text, today=TODAY)
    assert guess.date == D(2017, 2, 3) and guess.year_known
    assert infer_published("Militias clashed near Kidal on Friday, February 3.", today=TODAY).date == D(
        2023, 2, 3
    )


def test_empty_text() -> None:
    guess = infer_published("", today=TODAY)
    assert guess.date is None and not guess.year_known
