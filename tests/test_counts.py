"""Casualty counts on short sentences: a figure's kind is the predicate it belongs to, single and
named victims count one each, agents and numbers that are not people never count, vague words and
totals over a period give no count."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.model import Document
from rashomon.read import read
from rashomon.read.counts import find_counts
from rashomon.read.nlp import get_nlp


def counts(sentence: str) -> dict[str, int | None]:
    """kind -> summed figure of the sentence, read with its parse (None: people, but no figure)."""
    out: dict[str, int | None] = {}
    for f in find_counts(sentence, get_nlp()(sentence)[:], 0):
        if f.value is None:
            out.setdefault(f.kind, None)
        else:
            out[f.kind] = (out.get(f.kind) or 0) + f.value
    return out


def test_a_verb_of_arresting_after_a_killing_does_not_crash_the_reader():
    text = ("Police opened fire to disperse protesters on Monday night, killing one person and arresting 12, "
            "security sources said.")
    assert counts(text) == {"killed": 1, "captured": 12}
    assert {f.kind: f.value for f in find_counts(text)} == {"killed": 1, "captured": 12}  # without a parse too
    r = read(Document(text=text, source="t", published=date(2020, 8, 11)))
    assert any(c.fields.get("killed", {}).get("value") == 1 for c in r.claims)


@pytest.mark.parametrize("sentence, want", [
    ("Police shot and killed Flores and his daughter outside the house.", {"killed": 2}),
    ("A man was pronounced dead at the scene.", {"killed": 1}),
    ("A father-of-two died in police custody in Varnos.", {"killed": 1}),
    ("Ivo Marek, a mother-of-three from Kellberg, was killed in the blast.", {"killed": 1}),
    ("The driver died of his wounds in hospital on Tuesday.", {"killed": 1}),
    ("A nine-year-old boy fatally shot himself with his father's pistol.", {"killed": 1}),
    ("A 17-year-old was killed in the exchange of fire.", {"killed": 1}),
    ("Gunmen assassinated a district judge near his home.", {"killed": 1}),
    ("The 3 suspects were shot dead by the police.", {"killed": 3}),
    ("A sergeant was killed and another wounded when a mine exploded.", {"killed": 1, "wounded": 1}),
    ("Two al Shabaab fighters dead after the raid.", {"killed": 2}),
])
def test_single_and_named_victims_count(sentence, want):
    assert counts(sentence) == want


def test_at_least_is_a_count_and_open_ended():
    (f,) = find_counts("At least four people were killed in the market.", get_nlp()("At least four people "
                                                                                   "were killed in the market.")[:], 0)
    assert (f.kind, f.value, f.open_ended) == ("killed", 4, True)


@pytest.mark.parametrize("sentence, want", [
    ("The blast left five killed and 63 injured.", {"killed": 5, "wounded": 63}),
    ("Five killed and 63 injured in a car bomb in the capital.", {"killed": 5, "wounded": 63}),
    ("One person was killed and eight others, including a guard, were wounded in the attack.",
     {"killed": 1, "wounded": 8}),
    ("Two armed men on motorcycles killed two gendarmes and wounded a soldier.", {"killed": 2, "wounded": 1}),
    ("The militia killed seven people and kidnapped 20 in the village.", {"killed": 7, "captured": 20}),
])
def test_a_figure_takes_the_kind_of_its_own_verb(sentence, want):
    assert counts(sentence) == want


@pytest.mark.parametrize("sentence", [
    "Three gunmen stormed the hotel with rifles.",
    "Troops freed 16 hostages and seized 4 vehicles in the forest.",
    "The army deployed 300 soldiers to the border after the talks.",
])
def test_agents_and_other_verbs_objects_are_not_casualties(sentence):
    assert "killed" not in counts(sentence) and "wounded" not in counts(sentence)


@pytest.mark.parametrize("sentence, want", [
    ("Crowds angry over the death of the student attacked two officers with stones.", {}),
    ("Riots broke out over the killing of Jane Roe after a friend filmed two guards beating her.", {}),
    ("The deaths of two soldiers were confirmed by the army.", {"killed": 2}),
    ("Families mourned the killing of 14 villagers in the raid.", {"killed": 14}),
])
def test_a_death_told_of_someone_named_after_it_is_not_a_later_figures(sentence, want):
    assert counts(sentence) == want


@pytest.mark.parametrize("sentence, want", [
    ("A farmer was killed by two gunmen near Tarvel on Monday.", {"killed": 1}),
    ("A woman was shot dead by three men who fled in a car.", {"killed": 1}),
    ("He was beaten by two guards and later died in hospital.", {"killed": 1}),
])
def test_who_did_it_in_a_passive_is_no_victim(sentence, want):
    assert counts(sentence) == want


@pytest.mark.parametrize("sentence", [
    "More than 12,000 civilians have been killed since February, the UN said.",
    "This year's toll stands at 340 dead, the monitor said.",
    "Some 250 people have been killed in such attacks so far this year.",
    "About 140 people were wounded in the two attacks on the Varna road.",
    "Three people were killed in two separate shootings in Dunmore on Sunday.",
    "The parcels, collectively, injured nine postal workers.",
    "Police cracked down on marchers in the first days of the protests, arresting some 3,000 people.",
    "In the first weeks of the war, 1,200 soldiers were killed.",
])
def test_totals_over_a_period_are_not_an_events_count(sentence):
    assert not [f for f in find_counts(sentence, get_nlp()(sentence)[:], 0) if f.value]


@pytest.mark.parametrize("sentence", [
    "The decade-long insurgency in the Varnos hills has killed 12,000 people and forced thousands from their homes.",
    "The conflict has taken more than 3,000 lives.",
    "Ostmark's civil war, which has claimed 40,000 lives, entered its ninth year.",
    "The war between Drelia and Ostmark has already killed at least 900 soldiers.",
])
def test_a_wars_own_toll_is_not_an_events_count(sentence):
    assert not [f for f in find_counts(sentence, get_nlp()(sentence)[:], 0) if f.value]


@pytest.mark.parametrize("sentence, want", [
    ("The protests, which have raged for five days, have left at least 13 dead.", {"killed": 13}),
    ("Rebels killed four soldiers in the war-torn province of Varnos on Monday.", {"killed": 4}),
    ("Two civilians died when the war plane crashed on the market.", {"killed": 2}),
])
def test_one_storys_toll_near_war_words_still_counts(sentence, want):
    assert counts(sentence) == want


@pytest.mark.parametrize("sentence", [
    "Several people were killed in the clashes.",
    "Dozens of protesters were injured when police fired tear gas.",
    "An unknown number of soldiers died in the ambush.",
])
def test_vague_figures_give_no_count(sentence):
    assert all(v is None for v in counts(sentence).values())


@pytest.mark.parametrize("sentence, want", [
    ("In 2014 two soldiers were killed at the 5th checkpoint, on Article 5 road, at 10:30.", {"killed": 2}),
    ("A 45-year-old man was wounded by a .22 calibre round; $300 was stolen.", {"wounded": 1}),
    ("Three vehicles were destroyed and 2 people injured.", {"wounded": 2}),
])
def test_numbers_that_are_not_people_never_count(sentence, want):
    assert counts(sentence) == want


@pytest.mark.parametrize("sentence, want", [
    ("No one was injured in the blast.", {}),
    ("The officers were not hurt.", {}),
    ("Had the device gone off, the guard would have been killed.", {}),
    ("Four killed, including one soldier, when a vehicle hit a landmine.", {"killed": 4}),
    ("Two hundred people were killed and twenty-five wounded.", {"killed": 200, "wounded": 25}),
])
def test_negated_hypothetical_and_included_victims(sentence, want):
    assert counts(sentence) == want


def test_a_single_victim_told_wounded_then_dead_is_among_the_dead():
    r = read(Document(text="A 16-year-old boy was critically wounded in a shooting in Chicago on Friday. "
                           "The boy died on Saturday, police said.", source="t", published=date(2016, 5, 8)))
    kinds = {k for c in r.claims for k in ("killed", "wounded") if k in c.fields}
    assert kinds == {"killed"}
    r = read(Document(text="A man was killed and another man was wounded in a shooting in Chicago on Friday.",
                      source="t", published=date(2016, 5, 8)))
    assert {k for c in r.claims for k in ("killed", "wounded") if k in c.fields} == {"killed", "wounded"}


@pytest.mark.parametrize("sentence, want", [
    ("A gunman shot five people outside a bar on Saturday, killing two.", {"killed": 2, "wounded": 3}),
    ("Three men were shot near the river on Friday night.", {"wounded": 3}),
    ("A teenager shot herself in the hand while cleaning a rifle.", {"wounded": 1}),
    ("The farmer shot and killed his neighbour after an argument.", {"killed": 1}),
    ("The soldiers shot down a drone and shot at the crowd.", {}),
    ("Police said the suspect fired 30 shots and shot the door twice.", {}),
])
def test_people_told_shot_are_wounded_less_the_dead(sentence, want):
    assert counts(sentence) == want


def _kinds_read(text: str) -> dict[str, int]:
    r = read(Document(text=text, source="t", published=date(2019, 3, 4)))
    out: dict[str, int] = {}
    for c in r.claims:
        for k in ("killed", "wounded"):
            v = c.fields.get(k)
            if isinstance(v, dict) and v.get("value"):
                out[k] = max(out.get(k, 0), v["value"])
    return out


def test_a_victim_told_shot_then_dead_in_another_sentence_is_not_wounded():
    assert _kinds_read("A man was shot outside a petrol station in Leeds on Sunday night. "
                       "He died at the hospital an hour later, police said.") == {"killed": 1}
    assert _kinds_read("A woman was shot in the leg outside a shop in Leeds on Sunday night. "
                       "She is in a stable condition, police said.") == {"wounded": 1}
    # a deadly shooting whose one victim is told only as shot: the victim is the dead
    assert _kinds_read("Police are investigating a fatal shooting in Leeds on Sunday night. "
                       "A 20-year-old man was shot in the chest in a car park.") == {"killed": 1}
    # an early hit figure, then the dead among them: the rest are wounded
    assert _kinds_read("Four people were shot at a party in Leeds on Sunday night. "
                       "One of the victims, a 19-year-old man, died in hospital on Monday.") == {"killed": 1, "wounded": 3}


def test_a_states_forces_counted_as_a_party_carry_its_side_and_civilians_none():
    r = read(Document(text="Protesters clashed with riot police in the Colombian city of Cali on Tuesday. Twelve police "
                           "officers were injured and 30 protesters were hurt, the national police said.",
                      source="t", published=date(2019, 3, 4)))
    figures = {(v["value"], v["side"]) for c in r.claims for k, v in c.fields.items() if k == "wounded"}
    assert figures == {(12, "COL"), (30, None)}


def test_a_range_counts_its_lower_bound():
    assert counts("Between two and five people were killed when the bus hit a mine.") == {"killed": 2}


def test_people_along_with_the_subject_are_victims_too():
    assert counts("Ann and Tom Reed, along with their three children, were found dead at the farm.") == {"killed": 5}


def test_people_told_shot_in_a_deadly_shooting_with_no_death_figure_give_no_wounded():
    assert _kinds_read("A woman shot her two sons and then herself in a murder-suicide in Leeds on Sunday, "
                       "police said.") == {}
    assert _kinds_read("Police are investigating the toddler's death in Leeds on Sunday. The girl was shot "
                       "in the chest in the kitchen.") == {"killed": 1}
    assert _kinds_read("A man was shot in the leg in Leeds on Sunday. His neighbour was charged with attempted "
                       "murder, police said.") == {"wounded": 1}


def test_a_pronoun_told_dead_sentences_later_is_not_the_wounded_victim():
    text = ("A gunman fired on two guards at a depot in Leeds on Sunday. One guard died and the other guard was "
            "wounded. The gunman, a former employee, had posted threats online. Police later found the gunman in "
            "a barn where he had died of a self-inflicted gunshot wound.")
    assert _kinds_read(text).get("wounded") == 1


def test_two_victims_told_by_one_word_in_one_sentence_are_two_people():
    assert _kinds_read("A man shot his younger cousin to death, wounded an older cousin and fled in Leeds on "
                       "Sunday, police said.") == {"killed": 1, "wounded": 1}
    assert _kinds_read("A man shot his 9-year-old nephew to death and wounded an older nephew in Leeds on Sunday. "
                       "Police said he killed the 9-year-old nephew with a rifle.") == {"killed": 1, "wounded": 1}
    assert _kinds_read("A 16-year-old boy was critically wounded in a shooting in Leeds on Friday. "
                       "The boy died on Saturday, police said.") == {"killed": 1}


@pytest.mark.parametrize("sentence,want", [
    ("The gunman killed three shoppers before turning the gun on himself.", [("killed", 4)]),
    ("Marlow then turned the rifle on himself, the sheriff said.", [("killed", 1)]),
    ("Guards turned the hoses on the crowd.", []),
    ("The attacker also suffered self-inflicted injuries before he was arrested.", [("wounded", 1)]),
    ("A 9-year-old boy died after he suffered a self-inflicted gunshot wound.", [("killed", 1)]),
])
def test_the_one_who_harmed_himself_counts(sentence: str, want: list[tuple[str, int]]) -> None:
    got = find_counts(sentence, get_nlp()(sentence)[:], 0)
    assert sorted((f.kind, f.value) for f in got if f.value and f.kind in ("killed", "wounded")) == want


def test_his_own_wound_is_not_the_plainer_word_for_the_others() -> None:
    """People told stabbed are the wounded even where the attacker's own injuries are told plainly."""
    from rashomon.model import Document
    from rashomon.read import read

    text = ("A man armed with a knife entered a bakery in Dunmore on Friday and stabbed two customers. "
            "The attacker also suffered self-inflicted injuries before he was arrested by police.")
    got = [c.fields["wounded"]["value"] for c in read(Document(text=text, source="t")).claims if "wounded" in c.fields]
    assert 2 in got


@pytest.mark.parametrize("sentence,want", [
    ("The mayor initially said six people were injured.", [("wounded", 6, True)]),
    ("Early reports said three guards were killed.", [("killed", 3, True)]),
    ("The death toll, initially put at five, rose to eleven.", [("killed", 11, False)]),
    ("The mayor said six people were injured.", [("wounded", 6, False)]),
])
def test_a_figure_told_as_an_earlier_one_is_superseded(sentence: str, want: list[tuple[str, int, bool]]) -> None:
    got = find_counts(sentence, get_nlp()(sentence)[:], 0)
    assert [(f.kind, f.value, f.superseded) for f in got] == want


def test_the_correcting_figure_is_not_superseded_the_first_one_is() -> None:
    text = ("Two people were stabbed in Tarvos on Friday. Interior Minister Ivo Rusk initially said four people "
            "were injured, but the Tarvos prosecutor later clarified that there were two victims.")
    claims = read(Document(text=text, source="t", published=date(2021, 3, 8))).claims
    got = sorted((c.fields["wounded"]["value"], bool(c.fields["wounded"].get("superseded")))
                 for c in claims if "wounded" in c.fields and c.source.name != "t")
    assert (4, True) in got and (2, False) in got and (2, True) not in got


@pytest.mark.parametrize("sentence,want", [
    # the parse hangs both participles on the first figure: each figure keeps the participle right after it
    ("The clashes included 3 killed and 5 injured in Valdor and 2 killed near Brenna.", {"killed": 5, "wounded": 5}),
    # the verbs of one shooter hung side by side on "said": his suicide is the first verb's subject's
    ("A 15-year-old boy shot his 8-year-old sister to death, wounded a cousin and then committed suicide "
     "on Friday, the Marlow County sheriff said.", {"killed": 2, "wounded": 1}),
    # "dead" parsed as the object: the people it qualifies are the dead, not the next conjunct
    ("Officers found the 40-year-old and 12-year-old dead and the 9-year-old with a gunshot wound, the chief said.",
     {"killed": 2}),
    # the parse hangs the second victim on the first one's appositive
    ("His mother, 27-year-old Mara Voss, and his brother, 8-year-old Tam Voss, were injured in the shooting.",
     {"wounded": 2}),
    # "suffering from wounds" is a wound, not the death told before it
    ("Two people are dead and two other victims are suffering from gunshot wounds after a shooting in Marlow.",
     {"killed": 2, "wounded": 2}),
    # the shooter's own death is not among those he shot
    ("The gunman shot three people at the depot before turning the gun on himself.", {"wounded": 3, "killed": 1}),
])
def test_each_victim_takes_the_fate_told_of_him(sentence: str, want: dict[str, int]) -> None:
    assert counts(sentence) == want


def test_a_pronoun_told_hurt_after_a_death_is_the_dead_victim() -> None:
    text = ("A 17-year-old boy was shot and killed inside an apartment in Tarlow on Friday, police said. "
            "His friend cried all night, saying: 'Mama, I hurt him.'")
    assert _kinds_read(text) == {"killed": 1}


@pytest.mark.parametrize("sentence, want", [
    # the next items of a list of parts after "including" are parts too
    ("At least nine people, including three nurses from Valdoria, four Marnish pilgrims, and one Tesk guide, "
     "were killed in the crash.", {"killed": 9}),
    ("The blast killed 4 people, including a ranger, and a child was injured.", {"killed": 4, "wounded": 1}),
    # "both X" is two
    ("Both gunmen fled the farm but were located and killed in a shootout with deputies.", {"killed": 2}),
    # the attacker who was killed is not among those he shot
    ("The gunman shot two customers and was killed by deputies.", {"killed": 1, "wounded": 2}),
    ("Deputies shot and killed a man who had stabbed two women.", {"killed": 1, "wounded": 2}),
    # a name the tagger may take for a place, told killed, is a person
    ("Okwudili and Brannagh were killed in the attack.", {"killed": 2}),
    ("The farmer later passed away at Corvel Memorial Hospital.", {"killed": 1}),
    ("That's when Trask reportedly took his own life.", {"killed": 1}),
    ("Jon Tavish and Mara Tavish were deceased, both having suffered gunshot wounds.", {"killed": 2}),
    ("Teodor Vance and his cousin suffered gunshot wounds.", {"wounded": 2}),
    ("A 6-year-old girl has died and her uncle is listed in critical condition after they were shot.",
     {"killed": 1, "wounded": 1}),
    ("Ona Breck suffered numerous cuts to her face during the assault.", {"wounded": 1}),
    ("The cashier suffered minor injuries in the robbery.", {"wounded": 1}),
    ("Deputies say a Corvale teenager suffered minor injuries when she was shot by another hunter.", {"wounded": 1}),
    ("A man suffered a gunshot wound to the chest.", {}),  # one who may have died of it: told elsewhere
    # a death the happening brought about counts; one it followed ("protests over the death of X") does not
    ("The standoff ended in a firefight that resulted in the death of Ivo Marek.", {"killed": 1}),
    ("The explosion caused the deaths of three workers.", {"killed": 3}),
    ("Crowds marched through Lindale over the death of Ivo Marek.", {}),
    # the objects of other verbs are not victims; a figure glued to letters is a place's or a unit's name
    ("The gunman fatally wounded the pastor, threatened two others, and then escaped.", {"killed": 1}),
    ("Peacekeepers went to KM7 to secure the release of the guards.", {}),
    ("At least 3 fatalities were reported among the attackers.", {"killed": 3}),
    ("Two men were summarily shot by a militia in the market.", {"killed": 2}),
    # figures over many separate shootings are no one event's count
    ("At least seven people had been killed and 40 wounded in 33 separate shooting incidents since Friday.", {}),
    ("Two students have died in separate gun-related incidents this term.", {}),
])
def test_victims_told_in_other_ways(sentence, want):
    assert counts(sentence) == want


def test_a_victim_who_succumbed_later_stays_with_the_happening():
    text = ("Gunmen shot two guards at a depot in Corvale on March 3, 2019. One of the wounded guards, Ivo Marek, "
            "succumbed to his injuries on April 20, 2019. Police arrested a suspect later that week.")
    r = read(Document(text=text, source="t"))
    assert [m.date for m in r.mentions] == [date(2019, 3, 3)]  # the day he died is not another happening's
    assert any(c.fields.get("killed", {}).get("value") == 1 and c.mention == 0 for c in r.claims)
