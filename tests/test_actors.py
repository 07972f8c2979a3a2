"""Parties: recognition, normalisation, roles and counts per party, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.model import Document
from rashomon.read import read
from rashomon.read.actors import find_parties, mention_actors, party_name
from rashomon.read.nlp import get_nlp


def _mention(text: str):
    r = read(Document(text=text, source="t.txt", published=date(2024, 5, 1)))
    assert r.mentions, text
    return r, r.mentions[0]


def _roles(m) -> dict[str, str]:
    return {a.name: a.role for a in m.actors}


def _parties(text: str):
    doc = get_nlp()(text)
    return find_parties(doc[:])


def test_state_forces_by_country_and_branch():
    ps = _parties("Kenyan police and Ugandan soldiers patrolled the border.")
    names = [party_name(p, None) for p in ps]
    assert "Police Forces of Kenya" in names and "Military Forces of Uganda" in names


@pytest.mark.parametrize("text,name", [
    ("ISWAP fighters raided the town.", "Islamic State West Africa Province"),
    ("Fighters of the Islamic State West Africa Province raided the town.", "Islamic State West Africa Province"),
    ("The Houthis fired a drone at the port.", "Ansar Allah"),
    ("Ansar Allah fired a drone at the port.", "Ansar Allah"),
    ("The RSF shelled the market.", "Rapid Support Forces"),
    ("Al-Shabaab fighters stormed the hotel.", "Al Shabaab"),
])
def test_named_groups_and_aliases(text, name):
    assert name in [party_name(p, None) for p in _parties(text)]


@pytest.mark.parametrize("text,name", [
    ("The Tatmadaw shelled the village.", "Military Forces of Myanmar"),
    ("The IDF struck a house.", "Military Forces of Israel"),
])
def test_state_forces_by_their_own_name(text, name):
    assert name in [party_name(p, None) for p in _parties(text)]


def test_short_alias_needs_capitals():
    assert not [p for p in _parties("It is what the town is known for.") if p.category == "NAMED"]


def test_civil_war_two_sides_and_two_tolls():
    r, m = _mention("Nigerian troops killed 20 militants near Maiduguri on Monday. Three soldiers died in the fighting.")
    roles = _roles(m)
    assert roles["Military Forces of Nigeria"] == "actor1"
    assert m.actor1 == "Military Forces of Nigeria"
    parties = {c.fields["killed"]["value"]: c.fields["killed"].get("party") for c in r.claims if "killed" in c.fields}
    assert parties[3] == "Military Forces of Nigeria"
    assert parties[20] and parties[20] != parties[3]


def test_generic_rebels_are_the_group_the_report_names():
    r, m = _mention("Boko Haram attacked Gwoza, Nigeria, on Monday. Troops killed 12 of the insurgents.")
    killed = [c.fields["killed"] for c in r.claims if "killed" in c.fields]
    assert killed and killed[0]["party"] == "Boko Haram"


def test_unidentified_gunmen_and_civilian_victims_take_the_events_country():
    r, m = _mention("Unidentified gunmen killed five villagers in Mopti, Mali, on Tuesday.")
    assert _roles(m) == {"Unidentified Armed Group (Mali)": "actor1", "Civilians (Mali)": "victim"}
    assert r.claims[0].fields["killed"]["party"] == "Civilians (Mali)"
    kinds = {a.name: a.inter for a in m.actors}
    assert kinds["Civilians (Mali)"] == 7 and kinds["Unidentified Armed Group (Mali)"] == 3


def test_protest_and_police_intervention():
    _, m = _mention("Police fired tear gas at protesters in Minsk, Belarus, on Sunday.")
    roles = _roles(m)
    assert roles.get("Protesters (Belarus)") == "actor1"
    assert roles.get("Police Forces of Belarus") == "actor2"


def test_only_victims_told_means_an_unidentified_perpetrator():
    _, m = _mention("Two civilians were killed in an ambush near Gao, Mali, on Friday.")
    assert m.actor1 == "Unidentified Armed Group (Mali)"
    assert _roles(m)["Civilians (Mali)"] == "victim"


def test_state_forces_stand_first_in_a_fight_with_a_group():
    # ACLED lists the state's forces as actor1 of a battle with a group; who started it is the claims' initiator
    _, m = _mention("Boko Haram fighters attacked an army post near Bama, Nigeria, on Friday, killing two soldiers.")
    roles = _roles(m)
    assert roles["Military Forces of Nigeria"] == "actor1"
    assert roles["Boko Haram"] == "actor2"


def test_unknown_assailants_who_fell_on_state_forces_stay_first():
    _, m = _mention("Gunmen attacked an army post near Gao, Mali, on Friday, killing two soldiers.")
    roles = _roles(m)
    assert roles["Unidentified Armed Group (Mali)"] == "actor1"
    assert roles["Military Forces of Mali"] == "actor2"


def test_violence_against_civilians_keeps_its_perpetrator_first():
    ps = _parties("Unidentified gunmen shot dead an off-duty soldier outside his home.")
    actors = mention_actors([ps], "Violence against civilians", "Attack", "SOM")
    assert [a.name for a in actors if a.role == "actor1"] == ["Unidentified Armed Group (Somalia)"]
    battle = mention_actors([ps], "Battles", "Armed clash", "SOM")
    assert [a.name for a in battle if a.role == "actor1"] == ["Unidentified Armed Group (Somalia)"]


@pytest.mark.parametrize("text,name", [
    ("FARDC troops clashed with rebels near Beni.", "Military Forces of Democratic Republic of Congo"),
    ("The Kenya Defence Forces shelled a camp near the border.", "Military Forces of Kenya"),
    ("The SAF shelled the market in the morning.", "Military Forces of Sudan"),
])
def test_national_forces_by_their_own_name(text, name):
    assert name in [party_name(p, None) for p in _parties(text)]


def test_peace_operations_are_external_forces_and_un_agencies_are_not():
    ps = _parties("MINUSMA peacekeepers escorted a convoy that UNDP staff had organised.")
    named = {p.name: p.kind for p in ps if p.category == "NAMED"}
    assert named == {"MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali": "external forces"}


def test_blocking_a_road_in_protest_makes_rioters():
    # ACLED's codebook: road-blocking with barricades or burning tyres is a violent demonstration
    _, m = _mention("Shopkeepers protested in Kalma, Sudan, and blocked the main national road on Monday.")
    assert m.actor1 == "Rioters (Sudan)"


def test_a_protest_where_cars_were_burnt_is_a_riot():
    _, m = _mention("Hundreds of students protested against fee increases in Kisumu, Kenya, on Monday; several cars were set alight.")
    assert m.actor1 == "Rioters (Kenya)"


def test_a_partys_supporters_are_the_crowd_with_the_party_associated():
    _, m = _mention("MDC supporters protested in Harare, Zimbabwe, on Monday against the election results.")
    roles = _roles(m)
    assert roles["Protesters (Zimbabwe)"] == "actor1"
    assert roles["MDC"] == "associated"


def test_a_partys_cadres_who_attack_are_the_party_and_their_victims_civilians():
    _, m = _mention("PF cadres attacked UPND supporters with machetes in Kabwe, Zambia, on Monday, injuring four.")
    roles = _roles(m)
    assert m.actor1 == "PF"
    assert roles["Civilians (Zambia)"] == "victim"
    assert roles["UPND"] == "associated"


def test_rioters_stand_against_the_civilians_they_turn_on():
    _, m = _mention("A mob beat two men accused of theft in Kisumu, Kenya, on Saturday.")
    assert (m.actor1, m.actor2) == ("Rioters (Kenya)", "Civilians (Kenya)")


def test_reported_to_have_taken_makes_an_actor():
    ps = _parties("The Nigerian army is reported to have retaken the town of Marte.")
    assert [p.role for p in ps if p.category == "MIL"] == ["actor"]


def test_soldiers_without_a_country_are_those_of_the_state_the_account_names():
    r, m = _mention("Kenyan troops repelled an attack on their base near Kismayo, Somalia, on Monday. "
                    "Six soldiers were killed in the fighting.")
    parties = {c.fields["killed"]["value"]: c.fields["killed"].get("party") for c in r.claims if "killed" in c.fields}
    assert parties[6] == "Military Forces of Kenya"


def test_passive_agent_acts():
    _, m = _mention("Three civilians were killed by Boko Haram in Konduga, Nigeria, on Friday.")
    assert m.actor1 == "Boko Haram"


def test_unknown_named_group_keeps_the_texts_name():
    _, m = _mention("Members of the Zanga militia attacked Bunia, Congo, on Monday.")
    assert m.actor1 == "Zanga"


def test_foreign_forces_are_external():
    _, m = _mention("Rwandan troops clashed with M23 rebels near Goma, Democratic Republic of Congo, on Friday.")
    kinds = {a.name: a.kind for a in m.actors}
    assert kinds["Military Forces of Rwanda"] == "external forces"
    assert kinds["M23"] == "rebels"


def test_initiator_is_a_party_when_both_sides_are_of_one_country():
    r, m = _mention("Boko Haram fighters attacked an army base in Monguno, Nigeria, on Monday, killing four soldiers.")
    init = {c.fields.get("initiator") for c in r.claims} - {None}
    assert init == {"Boko Haram"}


def test_interstate_initiator_stays_a_country():
    r, _ = _mention("Armenian forces shelled Azerbaijani positions near Tovuz on Monday, Baku said.")
    assert all(c.fields.get("initiator") in (None, "ARM") for c in r.claims)


def test_dispersed_protesters_stand_first():
    _, m = _mention("Riot police dispersed hundreds of protesters with tear gas in Harare, Zimbabwe, on Monday.")
    # the crowd is actor1 (protesters, or rioters where the event is read as a riot), the police actor2
    assert m.actor1 in ("Protesters (Zimbabwe)", "Rioters (Zimbabwe)")
    assert m.actor2 == "Police Forces of Zimbabwe"


def test_unarmed_attackers_are_rioters():
    _, m = _mention("A mob beat a man to death in Kisumu, Kenya, on Saturday.")
    assert m.actor1 == "Rioters (Kenya)"


def test_police_and_civilian_tolls_are_told_apart():
    r, m = _mention("Militants killed three policemen and two civilians in an attack in Quetta, Pakistan, on Sunday.")
    parties = {(c.fields["killed"]["value"], c.fields["killed"].get("party")) for c in r.claims if "killed" in c.fields}
    assert (3, "Police Forces of Pakistan") in parties
    assert (2, "Civilians (Pakistan)") in parties


def test_ethnic_herdsmen_are_an_identity_militia():
    _, m = _mention("Fulani herdsmen attacked the village of Agatu, Nigeria, on Monday, killing ten farmers.")
    kinds = {a.name: a.kind for a in m.actors}
    assert kinds.get("Fulani Ethnic Militia") == "identity militia"
    assert m.actor1 == "Fulani Ethnic Militia"


def test_a_place_in_a_country_the_account_never_names_yields_to_the_one_it_names():
    from types import SimpleNamespace

    from rashomon.model import Mention
    from rashomon.read import _party_country

    text = "Soldiers ambushed Boko Haram fighters near the village on Monday, killing ten."
    sents = [SimpleNamespace(text=text)]
    # the village was geocoded to a namesake in Congo: the account names only a Nigerian group
    m = Mention("Battles", "Armed clash", None, country="COG")
    assert _party_country(m, sents, [_parties(text)], "COG") == "NGA"
    # a state's forces travel: "Rwandan troops" near a Congolese town do not move it to Rwanda
    text = "Rwandan troops clashed with rebels near the town on Friday."
    m = Mention("Battles", "Armed clash", None, country="COD")
    assert _party_country(m, [SimpleNamespace(text=text)], [_parties(text)], "COD") == "COD"


def test_a_crowd_the_account_calls_rioters_is_rioters():
    ps = _parties("Police clashed with rioters in the town centre.")
    actors = mention_actors([ps], "Protests", "Protest with intervention", "ETH")
    assert [a.name for a in actors if a.role == "actor1"] == ["Rioters (Ethiopia)"]


def test_rival_political_groups_who_clash_are_rioters():
    _, m = _mention("Rival political groups clashed in Koudougou, Burkina Faso, after the vote, injuring six.")
    assert m.actor1 == "Rioters (Burkina Faso)"


@pytest.mark.parametrize("text,kind,name", [
    ("A local militia abducted two traders near the market.", "identity militia", "Unidentified Communal Militia (Chad)"),
    ("A tribal militia burned houses in the valley.", "identity militia", "Unidentified Communal Militia (Chad)"),
    ("A paramilitary group whipped farmers in the fields.", "political militia", "Militia (Pro-Government)"),
    ("Gunmen whipped farmers in the fields.", "unidentified armed group", "Unidentified Armed Group (Chad)"),
])
def test_generic_militias_as_acled_codes_them(text, kind, name):
    actors = mention_actors([_parties(text)], "Violence against civilians", "Attack", "TCD")
    a1 = [a for a in actors if a.role == "actor1"]
    assert [(a.name, a.kind) for a in a1] == [(name, kind)]


def test_paramilitary_forces_stay_the_states():
    ps = _parties("Paramilitary forces patrolled the border.")
    assert [p.category for p in ps] == ["MIL"]


@pytest.mark.parametrize("text", [
    "A truck hit a Boko Haram landmine on the road to Bolo.",
    "Three farmers died in a Boko Haram ambush on the road to Bolo.",
])
def test_a_group_that_modifies_an_attack_or_weapon_made_it(text):
    assert [p.role for p in _parties(text) if p.name == "Boko Haram"] == ["actor"]


def test_a_number_of_soldiers_killed_suffered():
    ps = _parties("A number of Kenyan soldiers were killed near the border.")
    assert [p.role for p in ps if p.category == "MIL"] == ["target"]


def test_a_peace_operation_stands_first_like_state_forces():
    ps = _parties("Al Shabaab fired mortar shells at AMISOM positions near the airport.")
    actors = mention_actors([ps], "Explosions/Remote violence", "Shelling/artillery/missile attack", "SOM")
    a1 = [a for a in actors if a.role == "actor1"]
    assert [a.kind for a in a1] == ["external forces"]


def test_an_arrest_no_one_is_named_for_is_the_polices():
    ps = _parties("A provincial governor was arrested in the capital on Monday.")
    actors = mention_actors([ps], "Strategic developments", "Arrests", "TCD")
    assert [a.name for a in actors if a.role == "actor1"] == ["Police Forces of Chad"]


def test_the_country_word_nearest_the_troops_is_theirs():
    ps = _parties("Rebels ambushed Zanga and Ethiopian troops outside the town.")
    assert [p.country for p in ps if p.category == "MIL"] == ["ETH"]


def test_suspected_before_a_partys_cadres_is_not_part_of_its_name():
    ps = _parties("Suspected ZDP cadres attacked two candidates in the market.")
    assert [p.of for p in ps if p.of] == ["ZDP"]


def test_a_group_the_sentence_names_after_a_generic_noun_is_that_group():
    ps = _parties("A new rebel group called the Front for Zangan Renewal (FZR) attacked the town of Bolo.")
    assert ("FZR: Front for Zangan Renewal", "rebels") in [(p.name, p.kind) for p in ps]
    ps = _parties("Gunmen known as bandits attacked the town of Bolo.")
    assert not [p for p in ps if p.category == "NAMED"]


@pytest.mark.parametrize("text", [
    "Two herders were shot dead near Kana in communal clashes on Monday.",
    "Two herders were shot dead near Kana over a land dispute on Monday.",
    "Two herders were kidnapped near Kana by a militia from Bolo on Monday.",
    "Two herders were shot dead near Kana in a cattle raid on Monday.",
    "Cattle rustlers shot two herders dead near Kana on Monday.",
])
def test_communal_violence_has_communal_militias(text):
    actors = mention_actors([_parties(text)], "Violence against civilians", "Attack", "TCD")
    assert [a.kind for a in actors if a.role == "actor1"] == ["identity militia"]


def test_violence_with_no_communal_sign_stays_unidentified():
    actors = mention_actors([_parties("Two herders were shot dead near Kana on Monday.")],
                            "Violence against civilians", "Attack", "TCD")
    assert [a.kind for a in actors if a.role == "actor1"] == ["unidentified armed group"]


def test_a_land_dispute_is_no_party_beside_those_named():
    ps = _parties("Police arrested five herders near Kana over a land dispute on Monday.")
    actors = mention_actors([ps], "Strategic developments", "Arrests", "TCD")
    assert [a.role for a in actors if a.kind == "identity militia"] in ([], ["associated"])
    assert [a.name for a in actors if a.role == "actor1"] == ["Police Forces of Chad"]


def test_vigilantes_are_a_vigilante_militia():
    ps = _parties("Vigilantes armed with machetes beat two traders in the market at Kana.")
    actors = mention_actors([ps], "Violence against civilians", "Attack", "TCD")
    assert [(a.name, a.kind) for a in actors if a.role == "actor1"] == [("Vigilante Militia (Chad)", "identity militia")]


def test_soldiers_killed_in_a_noun_phrase_report_suffered():
    ps = _parties("3 soldiers killed in Kana.")
    assert [p.role for p in ps if p.category == "MIL"] == ["target"]
    actors = mention_actors([ps], "Battles", "Armed clash", "TCD")
    assert [a.kind for a in actors if a.role == "actor1"] == ["unidentified armed group"]


@pytest.mark.parametrize("text", [
    "Two commanders from the Zanga Brigade were killed near Kana.",
    "Fighters of the Zanga Brigade were killed near Kana.",
])
def test_a_named_groups_people_are_that_group_not_a_state(text):
    ps = _parties(text)
    assert [(p.category, p.name, p.role) for p in ps] == [("NAMED", "Zanga Brigade", "target")]


def test_the_attackers_after_a_party_told_acting_are_that_party():
    doc = get_nlp()("Members of the Kana Youth Union stormed a radio station in Bolo. The attackers stole a generator.")
    ps = [find_parties(s) for s in doc.sents]
    assert any(p.definite for p in ps[1])
    actors = mention_actors(ps, "Strategic developments", "Looting/property destruction", "TCD")
    assert [(a.name, a.kind) for a in actors if a.role == "actor1"] == [("Rioters (Chad)", "rioters")]
    assert not [a for a in actors if a.kind == "unidentified armed group"]


def test_attackers_told_first_stay_unidentified():
    ps = _parties("The attackers stormed a radio station in Bolo.")
    actors = mention_actors([ps], "Violence against civilians", "Attack", "TCD")
    assert [a.name for a in actors if a.role == "actor1"] == ["Unidentified Armed Group (Chad)"]


def test_peoples_joined_before_herdsmen_are_each_an_ethnic_militia():
    ps = _parties("Clashes between Zanga and Morobi herdsmen near Kana killed four.")
    assert [(p.name, p.kind) for p in ps] == [("Zanga Ethnic Militia", "identity militia"),
                                              ("Morobi Ethnic Militia", "identity militia")]


def test_an_alias_that_starts_another_name_is_not_the_group():
    ps = _parties("Students of the Shining Path College marched in Kana.")
    assert "shining path" not in [(p.name or "").casefold() for p in ps]
    ps = _parties("Shining Path fighters ambushed a patrol near Kana.")
    assert "shining path" in [(p.name or "").casefold() for p in ps]


@pytest.mark.parametrize("text,name", [
    ("Tutsis attacked the market in Kana, killing two traders.", "Tutsi Ethnic Militia"),
    ("Hutu militiamen raided a camp near Kana.", "Hutu Ethnic Militia"),
    ("Tiv youths burnt houses in Kana.", "Tiv Ethnic Militia"),
])
def test_a_known_people_named_as_a_body_is_an_ethnic_militia(text, name):
    assert (name, "identity militia") in [(p.name, p.kind) for p in _parties(text)]


@pytest.mark.parametrize("text", [
    "Members of the Tiv Youth Council met the governor in Kana.",  # a body's name, not armed youths
    "Raiders beat a trader from the Fula ethnic group in Kana.",  # the people, not its armed men
    "Tutsi Kana lives in the town.",
])
def test_a_people_word_inside_a_name_or_a_phrase_is_no_militia(text):
    assert not [p for p in _parties(text) if p.kind == "identity militia"]


def test_a_place_s_militia_is_a_communal_militia_and_the_named_one_keeps_its_name():
    local = _parties("A Zanga militia executed a trader near Kana.")
    assert [(p.name, p.kind) for p in local if p.category == "NAMED"] == [("Zanga Communal Militia", "identity militia")]
    named = _parties("The Zanga militia executed a trader near Kana.")
    assert [(p.name, p.kind) for p in named if p.category == "NAMED"] == [("Zanga", "political militia")]


def test_a_group_called_by_name_is_the_group_not_its_fighters_and_its_founding_is_its_act():
    ps = _parties("A new rebel group composed of former fighters, called the Kana Renewal Front (KRF), "
                  "has been formed near Tolo.")
    group = [p for p in ps if p.name == "KRF: Kana Renewal Front"]
    assert [(p.text, p.kind, p.role) for p in group] == [("rebel group", "rebels", "actor")]


@pytest.mark.parametrize("text", ["Two died near Tolo over a land ownership dispute.",
                                  "Two died near Tolo over a land boundary issue."])
def test_a_fight_over_land_implies_communal_militias_whatever_the_dispute_is_called(text):
    assert [(p.category, p.implied) for p in _parties(text)] == [("IDM", True)]


@pytest.mark.parametrize("text,name", [
    ("Lagos police arrested two traders at the market.", "Police Forces of Nigeria"),
    ("Puntland forces clashed with gunmen near the port.", "Military Forces of Somalia"),
])
def test_a_region_or_city_of_a_country_gives_its_forces_the_country(text, name):
    assert name in [party_name(p, None) for p in _parties(text)]


def test_a_country_word_that_begins_a_building_s_name_names_no_country():
    from rashomon.read.countries import countries_in
    assert countries_in("Troops took the Chinese Offices in Kana.") == []
    assert [iso for *_, iso in countries_in("Chinese engineers left Kana.")] == ["CHN"]
    _, m = _mention("Troops have taken the Chinese Offices in Kana after heavy fighting.")
    assert "Military Forces of China" not in [a.name for a in m.actors]


@pytest.mark.parametrize("text", [
    "Officials of the Kana Treaty Organization met in Tolo.",  # a translation alias ending another name
    "Troops from the Philippines and Venezuela arrived in Tolo.",  # a bracketed country is no group's name
])
def test_a_country_or_a_common_word_is_no_armed_group(text):
    assert not [p for p in _parties(text) if p.category == "NAMED"]


def test_anonymous_attackers_who_fell_on_the_police_stay_first():
    _, m = _mention("A policeman in Tolo was killed in front of his home on Monday after anonymous militants shot him.")
    first = [a for a in m.actors if a.role == "actor1"]
    assert [a.kind for a in first] == ["unidentified armed group"]
