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

# A small collection about one war: K fixes its year itself, U and L only through K (they report the
# same happening: Kitshanga, Masisi, the M23, Goma, Sake, Nyiragongo, 450).
DRC_KNOWN = (
    "On Monday, March 6, rebels of the M23 attacked Kitshanga in Masisi territory, the army said. "
    "The offensive towards Goma and Sake paused on January 15 under a ceasefire agreed in Luanda. "
    "Some 450 families fled towards Nyiragongo."
)
DRC_YEARLESS = (
    "Fighting around Kitshanga in Masisi continued on March 8, local officials said, two days after the M23 "
    "entered the town on March 6. Roads to Goma and Sake were cut, and 450 families reached Nyiragongo."
)
DRC_LAST_MONTH = (
    "The M23 and the army clashed again near Kitshanga and Sake on Friday, a year after the offensive on Goma "
    "paused last January under a ceasefire agreed in Luanda. Families fled from Masisi to Nyiragongo."
)


@pytest.mark.parametrize(
    ("text", "expected", "year_known"),
    [
        (SUDAN_EXPLICIT, D(2023, 4, 16), True),  # explicit full date anchors the year-less later day
        (UKRAINE_WEEKDAY, D(2022, 2, 25), True),  # Thursday, February 24 -> 2022
        (TIGRAY_BACKGROUND, D(2022, 1, 8), False),  # "November 2020" is background: a year or more before
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
    # "began in 2011", "agreed in 2020": background; nothing fixes the year of June 3
    guess = infer_published(SYRIA_HISTORY, today=TODAY)
    assert guess.date is None and guess.year_known is False
    assert "June 3" in guess.evidence


def test_background_years_and_ranges_never_date_the_article() -> None:
    text = (
        "Another explosion hit an arms depot in the south today, weeks after the disaster in the port on "
        "August 4. The two sides fought a month-long war in 2006, and the country is in its worst crisis "
        "since the end of the 1975-1990 civil war."
    )
    guess = infer_published(text, today=TODAY)
    assert guess.date is None and not guess.year_known


def test_a_year_wrapping_story_without_its_year_stays_unknown() -> None:
    # the coup of February 1, 2021 is background: December 28 and January 4 may be any later winter
    guess = infer_published(MYANMAR_WRAP, today=TODAY)
    assert guess.date is None and "January 4" in guess.evidence


def test_future_dates_are_ignored() -> None:
    guess = infer_published(COLOMBIA_FUTURE, today=TODAY)
    assert guess.date is None and guess.year_known is False
    assert "July 14" in guess.evidence  # not August 30, which is ahead


def test_deadline_month_year_is_not_background() -> None:
    # "by May 2021" is ahead of the article: it gives no "a year or more after" bound
    text = "The deal foresees a withdrawal by May 2021. Talks opened on September 12, officials said."
    assert infer_published(text, today=TODAY).date is None


def test_weekday_only_gives_no_date() -> None:
    guess = infer_published(SAHEL_WEEKDAY_ONLY, today=TODAY)
    assert guess.date is None and guess.year_known is False
    assert "Tuesday" in guess.evidence


def test_full_date_with_the_story_told_after_it_fixes_the_day() -> None:
    text = (
        "Delegates gather in Doha on September 11, 2020.\n\nThe envoy arrived late on Friday, ahead of an "
        "opening ceremony on Saturday. The ceremony on Saturday was attended by both delegations."
    )
    guess = infer_published(text, today=TODAY)
    assert guess.date == D(2020, 9, 12) and guess.year_known  # 11 September 2020 was a Friday


def test_full_date_alone_in_the_body_does_not_fix_the_day() -> None:
    text = (
        "Insurgents ambushed the convoy on Friday, killing 18 people, officials said. Funerals were held on "
        "Saturday.\n\nMourners at a funeral in the city on September 26, 2020 (pictured)."
    )
    assert infer_published(text, today=TODAY).date is None  # published that Saturday or any day after


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
    assert own["U"][1].date is None and own["L"][1].date is None
    out = resolve_corpus_years(own, today=TODAY)
    assert set(out) == set(docs)
    assert out["K"] == own["K"][1]  # already known: unchanged
    assert out["U"].date == D(2023, 3, 8) and out["U"].year_known
    assert "K" in out["U"].evidence
    # last January = January 2023 (K dates the pause on January 15), a year later, on the Friday
    assert out["L"].date == D(2024, 1, 19) and out["L"].year_known
    # C reports another happening: the collection says nothing about its year
    assert out["C"] == own["C"][1]


def test_corpus_without_anchor_keeps_guesses() -> None:
    own = {"a": (SAHEL_WEEKDAY_ONLY, infer_published(SAHEL_WEEKDAY_ONLY, today=TODAY))}
    assert resolve_corpus_years(own, today=TODAY) == {"a": own["a"][1]}


def test_corpus_month_precision_votes() -> None:
    known = (
        "A truce signed in Kidal in October 2022 between Bamako and the CMA collapsed on Tuesday, March 14, "
        "the rebels said; fighting spread to Anefis, Bourem and Tessalit."
    )
    yearless = (
        "The CMA said the truce signed in Kidal on October 18 had collapsed; fighting with Bamako's troops "
        "resumed on March 13 near Anefis, Bourem and Tessalit."
    )
    own = {k: (t, infer_published(t, today=TODAY)) for k, t in {"k": known, "y": yearless}.items()}
    assert own["k"][1].date == D(2023, 3, 14)
    out = resolve_corpus_years(own, today=TODAY)
    assert out["y"].date == D(2023, 3, 13), out["y"].evidence


def test_unrelated_documents_never_settle_a_year() -> None:
    # both speak of March 13 and 14, but of different happenings: no vote across them
    known = "Floods swept through Beira and Dondo on Tuesday, March 14, the INGC said; 40 people died in Sofala."
    yearless = "Gunmen attacked a market in Maiduguri and Konduga on March 13, the ISWAP faction said."
    own = {k: (t, infer_published(t, today=TODAY)) for k, t in {"k": known, "y": yearless}.items()}
    out = resolve_corpus_years(own, today=TODAY)
    assert out["y"].date is None


def test_weekday_only_report_takes_the_week_of_a_dated_report_of_the_same_happening() -> None:
    dated = (
        "On Tuesday, September 15, the leaders of Bahrain, the UAE and Israel signed the Abraham Accords at "
        "the White House, hosted by Trump, with Netanyahu, Al-Zayani and Al-Nahyan."
    )
    weekday = (
        "Rouhani said on Wednesday that Bahrain and the UAE would bear the consequences of the Abraham Accords "
        "signed at the White House by Trump, Netanyahu, Al-Zayani and Al-Nahyan."
    )
    own = {k: (t, infer_published(t, today=TODAY)) for k, t in {"d": dated, "w": weekday}.items()}
    assert own["d"][1].date == D(2026, 9, 15)  # the most recent Tuesday 15 September before TODAY
    out = resolve_corpus_years(own, today=TODAY)
    assert out["w"].date == D(2026, 9, 16), out["w"].evidence


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
    assert guess.date is None  # 13 November 2015 was a Friday: background, a lower bound only
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


OTHER_HAPPENINGS = [  # dated articles of our own about other conflicts, around the seeds' September days
    "Floods and fighting in Beira\n\nOn Thursday, September 12, 2024, militants attacked Macomia and Quissanga "
    "in Cabo Delgado, the army said. On September 13 the governor of Pemba visited the wounded.",
    "Strikes on Port Sudan\n\nDrones struck Port Sudan and Kassala on Friday, September 13, 2024, officials said. "
    "On September 12 the RSF shelled El Obeid and Kadugli.",
    "Clashes in Tessalit\n\nOn Wednesday, September 11, 2024, JNIM fighters attacked Tessalit and Aguelhok; "
    "by September 13 the convoy had reached Anefis.",
]


def test_mixed_collection_keeps_the_seed_date(tmp_path) -> None:
    """Seeds, the samples and other dated articles ingested together: the September 2022 seed keeps its
    date (other documents vote only where they report the same happening)."""
    seeds, gold = _seed_gold()
    from rashomon.pipeline import ingest
    from rashomon.store import Store

    others = tmp_path / "others"
    others.mkdir()
    for i, text in enumerate(OTHER_HAPPENINGS):
        (others / f"other{i}.txt").write_text(text, encoding="utf-8")
    samples = Path(__file__).resolve().parents[1] / "samples" / "articles"
    store = Store.open(tmp_path / "mixed.db")
    ingest(store, [seeds, samples, others])
    published = {Path(d.source).name: d.published for d in store.documents()}
    for name, doc in gold.items():
        lo, hi = dt.date.fromisoformat(doc["published_min"]), dt.date.fromisoformat(doc["published_max"])
        assert published[name] is not None and lo <= published[name] <= hi, (name, published[name])


def test_ingest_reads_a_document_once_the_collection_has_settled_its_year(tmp_path, monkeypatch) -> None:
    # U's year is open until K (same happening, its year told by a weekday) settles it: U waits and is
    # read once, with the settled date, instead of being read, stored, re-dated and read again
    import rashomon.read as reading
    from rashomon.pipeline import ingest
    from rashomon.store import Store

    read_with: list[tuple[str, dt.date | None]] = []
    real_many, real_one = reading.read_many, reading.read

    def read_many(docs, **kw):
        docs = list(docs)
        read_with.extend((d.source, d.published) for d in docs)
        return real_many(docs, **kw)

    def read(doc):
        read_with.append((doc.source, doc.published))
        return real_one(doc)

    monkeypatch.setattr(reading, "read_many", read_many)
    monkeypatch.setattr(reading, "read", read)
    (tmp_path / "k.txt").write_text(DRC_KNOWN, encoding="utf-8")
    (tmp_path / "u.txt").write_text(DRC_YEARLESS, encoding="utf-8")
    store = Store.open(tmp_path / "t.db")
    report = ingest(store, [tmp_path], workers=1)
    assert report.added == 2
    by_name = {Path(source).name: day for source, day in read_with}
    assert sorted(Path(s).name for s, _ in read_with) == ["k.txt", "u.txt"]  # each read once
    assert by_name["k.txt"] == D(2023, 3, 6)
    assert by_name["u.txt"] == D(2023, 3, 8)
    u = store.document(next(i for i in store.iter_document_ids() if store.document(i).source.endswith("u.txt")))
    assert u is not None and u.published == D(2023, 3, 8) and u.year_known
