"""Event detection and typing on short texts written for these tests: what happened decides the type,
one mention per happening, background and commentary are no news, disasters are no events."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.model import Document
from rashomon.read import read
from rashomon.read.classify import classify, classify_sentences

DAY = date(2023, 5, 17)  # a Wednesday


def _live(text: str):
    reading = read(Document(text=text, source="t.txt", published=DAY))
    return [m for m in reading.mentions if not m.historical]


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("Rebels fired rocket-propelled grenades at the convoy near Beni.", "Shelling/artillery/missile attack"),
        ("A road-side bomb struck a police pickup outside Garissa.", "Remote explosive/landmine/IED"),
        ("A bomb hidden in a rubbish bin exploded near the bus station, wounding four.", "Remote explosive/landmine/IED"),
        ("The army set up a new observation post outside the village.", "Headquarters or base established"),
        ("Government troops captured a rebel-held neighbourhood of the city.", "Government regains territory"),
        ("Soldiers dislodged the insurgents from two villages on Monday.", "Government regains territory"),
        ("The air force bombed militant hideouts in the hills.", "Air/drone strike"),
        ("Nurses at the district hospital went on a 48-hour strike over unpaid wages.", "Peaceful protest"),
        ("Traders blocked the main roads into the market town.", "Violent demonstration"),
        ("Police detained 40 people who were protesting outside the court.", "Protest with intervention"),
        ("Police arrested 40 opposition activists ahead of the rally.", "Arrests"),
        ("Gunmen attacked an army checkpoint at dawn.", "Armed clash"),
        ("Thousands of protesters marched against the oil spill on the coast.", "Peaceful protest"),
    ],
)
def test_type_from_the_codebook(sentence, want):
    got = classify(sentence)
    assert got is not None and got.sub_event_type == want


def test_a_disaster_paragraph_is_no_event_in_any_of_its_sentences():
    text = ("A fire tore through a chemical plant on the edge of the port city. "
            "The blasts killed at least 30 people and injured 200, officials said.")
    assert _live(text) == []
    # sentence by sentence, without the paragraph, the second looks like an attack
    assert classify_sentences(["The blasts killed at least 30 people and injured 200, officials said."])[0]
    # a decisive conflict trigger in the paragraph keeps it an event
    text = "Warplanes struck a fuel depot near the port. The blasts killed at least 30 people."
    assert [m.event_type for m in _live(text)] == ["Explosions/Remote violence"]


def test_two_happenings_in_one_sentence_are_two_mentions():
    text = ("A roadside bomb hit a convoy near the airport on Tuesday morning, hours after two rockets "
            "were fired into the government district. Neither rocket caused any casualties.")
    subs = sorted(m.sub_event_type for m in _live(text))
    assert subs == ["Remote explosive/landmine/IED", "Shelling/artillery/missile attack"]


def test_the_main_clause_decides_the_type_not_the_background():
    text = ("The wrestler was executed on Tuesday after being convicted of killing a guard during "
            "the 2019 protests.")
    [m] = _live(text)
    assert m.event_type == "Violence against civilians"


def test_commentary_on_a_pattern_of_violence_is_no_mention():
    text = ("A rocket landed near the hospital on Tuesday, shattering windows. "
            "The hospital is regularly attacked by militants.")
    [m] = _live(text)
    assert m.sub_event_type == "Shelling/artillery/missile attack"


def test_a_sentence_without_its_own_time_continues_the_happening_of_its_kind():
    text = ("Rockets were fired at the city on Tuesday. Protesters gathered in the square on Tuesday. "
            "The rockets damaged two houses.")
    mentions = _live(text)
    assert len(mentions) == 2
    rockets = next(m for m in mentions if m.event_type == "Explosions/Remote violence")
    assert rockets.sub_event_type == "Shelling/artillery/missile attack"


def test_a_background_relative_clause_does_not_decide_the_type():
    text = ("Police arrested 40 members of a militia which had been involved in killings and rapes "
            "in the province on Tuesday.")
    [m] = _live(text)
    assert m.sub_event_type == "Arrests"


def test_fighting_that_follows_an_attack_is_one_happening():
    text = ("Soldiers were killed in the fighting which broke out on Tuesday following an attack "
            "by rebel forces on the border post.")
    assert len(_live(text)) == 1


def test_casualties_following_a_blast_are_that_blast():
    text = "A farmer was injured on Tuesday following the explosion of a landmine near his house."
    [m] = _live(text)
    assert m.sub_event_type == "Remote explosive/landmine/IED"


@pytest.mark.parametrize(
    "sentence",
    [
        "A 12-year-old boy accidentally shot his younger cousin at a farmhouse outside Tallow Creek.",
        "Deputies are investigating the accidental shooting of a four-year-old girl in Marrow Falls.",
        "A hunter was shot in the leg in a hunting accident near Pellham Ridge on Sunday.",
    ],
)
def test_a_shooting_by_accident_is_a_shooting_not_a_disaster(sentence):
    got = classify(sentence)
    assert got is not None and got.sub_event_type == "Attack"


def test_an_accident_with_no_gun_stays_a_disaster():
    assert classify("Two people were killed in a bus accident near Pellham Ridge on Sunday.") is None
    # another disaster told beside a gun accident keeps its veto
    assert classify("An earthquake shook the valley and a rifle was fired by accident in the panic.") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Activists claimed responsibility for setting fire to a timber yard in Ostrava Flats.",
        "Two men placed incendiary devices under lorries at a depot outside Marrow Falls.",
    ],
)
def test_arson_is_property_destruction(sentence):
    got = classify(sentence)
    assert got is not None and got.sub_event_type == "Looting/property destruction"


@pytest.mark.parametrize(
    "sentence",
    [
        "Three officers are fighting for their lives tonight.",
        "The minister pledged to step up the fight against terrorism after the visit.",
    ],
)
def test_a_figurative_fight_is_no_battle(sentence):
    got = classify(sentence)
    assert got is None or got.event_type != "Battles"


def test_a_happening_told_in_passing_weeks_before_the_news_is_background():
    text = ("Gunmen attacked a police post in Varnel on Tuesday, killing two officers. "
            "The attack comes after a bomb exploded at the Varnel market on April 2.")
    live = _live(text)
    assert [m.date for m in live] == [date(2023, 5, 16)]
    # the article's own happening stays news however old: a follow-up tells it first
    text = ("A bomb exploded at the Varnel market on April 2, killing three people. "
            "Police arrested two suspects in Osk on Tuesday.")
    assert date(2023, 4, 2) in [m.date for m in _live(text)]
    # a sentence about its own earlier day, not an aside to another story, is news of the article
    text = ("Gunmen attacked a police post in Varnel on Tuesday. "
            "On April 2, two border guards were killed by smugglers near Osk.")
    assert sorted(m.date for m in _live(text)) == [date(2023, 4, 2), date(2023, 5, 16)]


def test_a_happening_said_last_week_beside_the_news_is_background():
    text = ("Police fired tear gas at protesters in Varnel on Tuesday. "
            "Last week, rebels attacked an army post in Osk.")
    assert [m.date for m in _live(text)] == [date(2023, 5, 16)]


def test_sabotage_is_property_destruction():
    got = classify("Activists are suspected of sabotaging a chairlift at a ski resort near Pinecrest.")
    assert got is not None and got.sub_event_type == "Looting/property destruction"


@pytest.mark.parametrize(
    "second",
    [
        "On Monday, he wrote that even if a bomb had exploded in Osk, nobody should be blamed.",
        "On Monday, officials warned that the rebels could abduct villagers in Osk.",
        "On Monday, the militia threatened to abduct the Osk villagers who refused to pay.",
        "On Monday, the mayor of Osk said he faced neither strikes nor protests at home.",
    ],
)
def test_a_supposed_threatened_or_denied_happening_is_no_mention(second):
    text = "Gunmen attacked a police post in Varnel on Tuesday, killing two officers. " + second
    assert [m.date for m in _live(text)] == [date(2023, 5, 16)]


def test_a_happening_that_took_place_is_a_mention_beside_the_supposed_one():
    text = ("Gunmen attacked a police post in Varnel on Tuesday, killing two officers. "
            "On Monday, officials said the rebels shelled the Osk garrison.")
    assert len(_live(text)) == 2


def test_a_happening_named_by_its_calendar_date_beside_the_news_is_background():
    text = ("Leaders of Varnia and Oskland signed a peace agreement in Varnel on Tuesday. "
            "That was followed by the May 12 announcement of a trade agreement between Oskland and Tirasia.")
    assert [m.date for m in _live(text)] == [date(2023, 5, 16)]
    # told with its day as the story's own time, it is news
    text = ("Leaders of Varnia and Oskland signed a peace agreement in Varnel on Tuesday. "
            "Oskland and Tirasia announced a trade agreement on May 12.")
    assert sorted(m.date for m in _live(text)) == [date(2023, 5, 12), date(2023, 5, 16)]


def test_a_definite_reference_to_the_days_one_happening_is_that_happening():
    text = ("A huge explosion at an arms depot shook the town of Varnel today. "
            "The Oskland army declined to comment on today's blast.")
    assert len(_live(text)) == 1


def test_riot_police_are_no_riot():
    got = classify("A marcher holds a flag in front of riot police blocking the avenue during the march on Sunday.")
    assert got is not None and got.event_type == "Protests"
    assert classify("Youths rioted in the market and burned cars.").sub_event_type == "Violent demonstration"


def test_a_protest_word_with_nobody_protesting_does_not_type_a_stabbing():
    got = classify("Two reporters were brutally stabbed outside their office in Varnel.")
    assert got is not None and got.event_type == "Violence against civilians"
    got = classify("Police brutally beat the protesters in Varnel.")
    assert got is not None and got.event_type == "Protests"


def test_a_happening_with_no_casualties_is_still_a_happening():
    assert len(_live("Unknown attackers set fire to a clinic in Varnel on Tuesday. There were no casualties.")) == 1


def test_a_weapon_that_harmed_nobody_still_struck_and_its_comment_joins_that_happening():
    # "neither rocket caused any casualties" tells that the shelling harmed nobody, not that it did not happen:
    # the army's word belongs to the rockets, not to the bombing told first in the sentence before
    text = ("A roadside bomb hit a police truck outside Varnel on Tuesday morning, the governor said. "
            "The bomb blast came hours after two rockets were fired into the town's barracks. "
            "Neither rocket caused any casualties, the army said.")
    reading = read(Document(text=text, source="t.txt", published=DAY))
    said = next(c for c in reading.claims if "army" in c.source.name.lower())
    assert said.mention is not None
    assert reading.mentions[said.mention].sub_event_type == "Shelling/artillery/missile attack"
