"""What a claim says about its event (fields), its stance, and which event it lands on; invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.model import Document, Place
from rashomon.read import read
from rashomon.read.attribution import stance_of
from rashomon.read.fields import activity, territory


def _reading(text: str):
    return read(Document(text=text, source="t.txt", published=date(2021, 5, 3)))


@pytest.mark.parametrize(("content", "label"), [
    ("she had made an illegal attempt to flee the country", "fleeing"),
    ("they arrived at the checkpoint with the aim of fleeing across the river", "fleeing"),
    ("the guards took action to prevent her forcible expulsion", "being expelled"),
    ("he was driven to the frontier against his will", "being expelled"),
    ("he was convicted of stabbing a baker to death during the unrest in Dorsk", "killing"),
    ("whose only crime was a peaceful demonstration in Velmora square", "protesting"),
    ("He went to a rally outside the town hall", "protesting"),
    ("the villagers were working in the fields when the shells fell", "working"),
    ("they met the patrol while going to buy bread", "shopping"),
    ("officers were called when the men became aggressive", "fighting"),
    ("there was no fight, the men were walking home", "not fighting"),
    ("the students were not protesting", "not protesting"),
    ("they were not only protesting but blocking the road", "protesting"),
])
def test_activity_is_a_label_two_accounts_can_agree_or_disagree_on(content: str, label: str) -> None:
    assert activity(content) == label


@pytest.mark.parametrize("content", [
    "Two colleagues were smoking outside the building where they work",  # the verb itself tells no activity
    "prosecutors opened a probe into charges of attempted murder",  # an attempt named, not made
    "a union called for Velmora's expulsion from world sport",  # a country expelled, not a person
    "Two rockets were fired at the town on Monday",
])
def test_no_activity_where_none_is_told(content: str) -> None:
    assert activity(content) is None


def test_the_old_free_text_activities_stay() -> None:
    assert activity("four soldiers who tried to mine the supply road were captured") == "mine the supply road were captured"


def test_a_hedge_about_another_time_does_not_hedge_the_statement() -> None:
    said = "She was expelled at dawn, the ministry said, a day after she was allegedly seized in Velmora."
    assert stance_of(said) == "asserted"
    assert stance_of("She was reportedly seized in Velmora.") == "unconfirmed"
    assert stance_of("Hours after the raid, she was allegedly seized in Velmora.") == "unconfirmed"


def test_disputing_an_account_is_a_denial_by_its_speaker() -> None:
    text = ("Police shot dead a farmer in Velmora on Monday. Officers said the farmer attacked them with a machete. "
            "But his brothers have disputed the police account, saying there was no fight.")
    [c] = [c for c in _reading(text).claims if "disputed" in c.text]
    assert c.source.name == "his brothers" and c.stance == "denied"
    assert c.fields.get("activity") == "not fighting"


def test_a_denial_of_the_accusations_lands_on_the_happening_accused() -> None:
    text = ("Police shot dead a farmer in Velmora on Saturday.\n\n"
            "His cousins accused the police of beating him before he died.\n\n"
            "On Sunday, soldiers clashed with rebels near Dorsk, killing two fighters.\n\n"
            "The interior ministry denied the accusations.")
    r = _reading(text)
    [accused] = [c for c in r.claims if "accused" in c.text]
    [clash] = [c for c in r.claims if "clashed" in c.text]
    [denial] = [c for c in r.claims if "denied" in c.text]
    assert denial.stance == "denied" and accused.mention != clash.mention
    assert denial.mention == accused.mention
    # a denial whose content is told in the same breath is about what it says, not a statement told before
    text2 = text.replace("denied the accusations", "rejected the accusation that the police beat the rebels on Sunday")
    [denial2] = [c for c in _reading(text2).claims if "rejected" in c.text]
    assert denial2.mention == clash.mention


def test_what_a_person_once_did_told_to_plead_for_him_is_no_happening() -> None:
    text = ("The president pleaded for the life of Arno Kess on Friday, saying his 'only crime was a peaceful "
            "protest in the streets'.")
    r = _reading(text)
    assert not [m for m in r.mentions if m.event_type == "Protests"]
    assert any(c.fields.get("activity") == "protesting" for c in r.claims)


@pytest.mark.parametrize(("sentence", "stance"), [
    ("She tore up her passport so that the guards would deny her entry, local media said.", "asserted"),
    ("Thousands marched in Velmora to reject the election results, the organisers said.", "asserted"),
    ("The general was dismissed from his post on Monday, the ministry said.", "asserted"),
    ("The ministry denied her entry and denied that she was beaten.", "denied"),
    ("The ministry dismissed the report as lies.", "denied"),
])
def test_refusing_or_removing_is_no_denial(sentence: str, stance: str) -> None:
    assert stance_of(sentence) == stance


def test_a_source_that_refuses_something_is_not_denying_a_statement() -> None:
    [c] = _reading("Border guards in Velmora denied her entry on Monday.").claims
    assert c.stance == "asserted"
    [d] = _reading("Border guards in Velmora denied that she had crossed on Monday.").claims
    assert d.stance == "denied"


def test_a_place_name_in_a_compound_is_not_where_it_happened() -> None:
    west = Place(name="Western", start=0, end=7, country="UGA", feature="admin1", latitude=0.5, longitude=30.5)
    assert territory("the rebels rejected the legitimacy of the Western-backed government", None, [west]) is None
    assert territory("the rebels attacked a village in the Western region", None, [west]) == "UGA"


@pytest.mark.parametrize("sentence", [
    "The minister said a video showing soldiers beating a farmer near Dorsk is fake.",
    "The minister claimed the footage was faked by 'malicious people' to harm the army.",
    "The army said the images had been doctored.",
])
def test_calling_a_report_fake_is_a_denial(sentence: str) -> None:
    assert stance_of(sentence) == "denied"
