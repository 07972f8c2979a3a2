"""Linking on small hand-made mentions: what joins, what stays apart, and that order does not matter."""

from __future__ import annotations

import random
from datetime import date

from rashomon.link import block_keys, link
from rashomon.link.cluster import average_linkage
from rashomon.model import ClaimRecord, Mention, MentionRecord, Place, Source

TOWNS = {
    "Springfield": (39.80, -89.64, "Illinois"),
    "Chatham": (39.68, -89.70, "Illinois"),  # ~14 km from Springfield
    "Chicago": (41.88, -87.63, "Illinois"),  # ~280 km from Springfield
    "Dayton": (39.76, -84.19, "Ohio"),
}


def rec(doc: str, text: str, day: date, town: str | None = "Springfield", *, n: int = 0,
        etype: str = "Violence against civilians", sub: str = "Attack", precision: str = "day",
        killed: int | None = None) -> MentionRecord:
    places = []
    lat = lon = admin1 = None
    if town:
        lat, lon, admin1 = TOWNS[town]
        places = [Place(0, len(town), town, lat, lon, "USA", admin1, "populated place")]
    m = Mention(event_type=etype, sub_event_type=sub, date=day, date_precision=precision,  # type: ignore[arg-type]
                country="USA" if town else None, admin1=admin1, location=town, latitude=lat, longitude=lon,
                geo_precision=1, places=places, countries=["USA"] if town else [])
    fields = {"killed": {"side": None, "value": killed}} if killed is not None else {}
    claims = [ClaimRecord(id=f"{doc}-c{k}", document=doc, source=Source("outlet", None, "outlet"),
                          stance="asserted", fields=fields if k == 0 else {}, text=s.strip())
              for k, s in enumerate(text.split(". "))]
    return MentionRecord(id=f"{doc}-m{n}", document=doc, mention=m, claims=claims)


def groups(records: list[MentionRecord]) -> set[frozenset[str]]:
    return {frozenset(r.split("-m")[0] for r in c.mentions) for c in link(records)}


# two reports of one shooting, a third report of another shooting the same day elsewhere in the state,
# and a fourth of a shooting in the same town two days later with another victim
BOY = ("A 7-year-old boy was shot and killed Saturday night on Maple Street in Springfield, police said. "
       "Tyrone Baxter was playing in the backyard when a stray bullet hit him. A handgun was recovered")
BOY2 = ("Police in Springfield say a stray bullet killed 7-year-old Tyrone Baxter in his backyard on Maple "
        "Street. Neighbours heard several shots. Detectives found a handgun nearby")
OTHER = ("A 52-year-old woman was shot dead in her car outside a Chicago grocery store on Saturday. "
         "Marlene Ostrowski died at the scene. A rifle was used")
LATER = ("A 19-year-old man was wounded in a drive-by shooting at a Springfield gas station on Monday. "
         "Darnell Fuchs was taken to hospital")


def reports() -> list[MentionRecord]:
    return [
        rec("d1", BOY, date(2016, 3, 5), killed=1),
        rec("d2", BOY2, date(2016, 3, 5), "Chatham", killed=1),
        rec("d3", OTHER, date(2016, 3, 5), "Chicago", killed=1),
        rec("d4", LATER, date(2016, 3, 7)),
    ]


def test_one_shooting_told_twice_joins_and_others_stay_apart():
    assert groups(reports()) == {frozenset({"d1", "d2"}), frozenset({"d3"}), frozenset({"d4"})}


def test_towns_far_apart_do_not_join_even_with_like_victims():
    far = rec("d5", "A 7-year-old boy was shot and killed Saturday night in Dayton, police said. A handgun "
                    "was found in the backyard", date(2016, 3, 5), "Dayton", killed=1)
    near = rec("d1", BOY, date(2016, 3, 5), killed=1)
    assert groups([near, far]) == {frozenset({"d1"}), frozenset({"d5"})}


def test_different_victims_same_town_same_day_stay_apart():
    a = rec("d1", "A 15-year-old girl was shot in the leg on Elm Avenue in Springfield. Keisha Moore "
                  "was treated at Memorial hospital", date(2016, 3, 5))
    b = rec("d2", "A 60-year-old man was shot dead in a Springfield bar. Walter Lindqvist died before "
                  "officers arrived", date(2016, 3, 5))
    assert groups([a, b]) == {frozenset({"d1"}), frozenset({"d2"})}


def test_follow_up_arrest_joins_the_shooting_it_follows():
    arrest = rec("d6", "Police arrested a 17-year-old in the death of 7-year-old Tyrone Baxter, killed by "
                       "a stray bullet in his Maple Street backyard. He was charged with murder and held "
                       "without bond", date(2016, 3, 21), etype="Strategic developments", sub="Arrests")
    shooting = rec("d1", BOY, date(2016, 3, 5), killed=1)
    assert groups([shooting, arrest]) == {frozenset({"d1", "d6"})}


def test_a_mention_without_country_meets_the_others_of_its_week():
    bare = rec("d7", BOY2.replace("Police in Springfield say", "Police say").replace(" on Maple Street", ""),
               date(2016, 3, 5), None)
    assert any(k.startswith("any:") for k in block_keys(bare.mention))
    assert frozenset({"d1", "d2", "d7"}) in groups(reports() + [bare])


def test_two_mentions_of_one_document_of_other_kinds_never_join():
    a = rec("d1", BOY, date(2016, 3, 5), killed=1)
    b = rec("d1", BOY2, date(2016, 3, 5), n=1, killed=1, sub="Abduction/forced disappearance")
    assert len(link([a, b])) == 2


def test_one_shooting_told_twice_in_one_article_acts_as_one():
    # reading parted the article's lede (the day) from its account further down (read as the week)
    lede = rec("d1", BOY, date(2016, 3, 5), killed=1)
    again = rec("d1", BOY2, date(2016, 3, 6), n=1, killed=1, precision="week")
    other = rec("d2", BOY2.replace("Police in Springfield say", "Officers said"), date(2016, 3, 5), "Chatham",
                killed=1)
    assert groups([lede, again, other]) == {frozenset({"d1", "d2"})}
    assert len(link([lede, again, other])) == 1


def test_an_arrest_told_with_its_shooting_in_one_article_joins_it_and_the_other_reports():
    # the article's lede tells the arrest, its account further down the shooting; another outlet the shooting
    arrest = rec("d1", "Police arrested Curtis Halloran, 24, in the killing of 7-year-old Tyrone Baxter. He was "
                       "charged with murder on Maple Street in Springfield and held without bond", date(2016, 3, 5),
                 etype="Strategic developments", sub="Arrests")
    shooting = rec("d1", BOY, date(2016, 3, 5), n=1, killed=1)
    other = rec("d2", BOY2, date(2016, 3, 5), "Chatham", killed=1)
    assert len(link([arrest, shooting, other])) == 1


def test_an_arrest_told_before_the_shooting_of_its_article_stays_apart():
    # an arrest dated before the shooting told beside it does not follow that shooting up
    arrest = rec("d1", "Police arrested Curtis Halloran, 24, on Maple Street in Springfield on drug charges. "
                       "He was held without bond", date(2016, 2, 20), etype="Strategic developments", sub="Arrests")
    shooting = rec("d1", BOY, date(2016, 3, 5), n=1, killed=1)
    assert len(link([arrest, shooting])) == 2


def test_a_trial_months_later_that_names_the_victim_joins_the_shooting():
    trial = rec("d8", "A jury convicted Curtis Halloran of murder in the death of Tyrone Baxter, the 7-year-old "
                      "shot in his Maple Street backyard. Judge Ingrid Vasquez set sentencing for June",
                date(2016, 11, 14), etype="Strategic developments", sub="Arrests")
    shooting = rec("d1", BOY, date(2016, 3, 5), killed=1)
    assert groups([shooting, trial]) == {frozenset({"d1", "d8"})}


def test_a_follow_up_weeks_later_meets_every_report_of_its_shooting():
    # a funeral five weeks on: beyond a week's block, it is weighed against both reports of the shooting
    funeral = rec("d9", "Hundreds attended the funeral of 7-year-old Tyrone Baxter, killed by a stray bullet "
                        "in his Maple Street backyard in Springfield. Mourners released balloons",
                  date(2016, 4, 9), etype="Strategic developments", sub="Arrests")
    assert frozenset({"d1", "d2", "d9"}) in groups(reports() + [funeral])


def test_a_follow_up_weeks_later_that_tells_nothing_of_its_own_alike_stays_apart():
    # a funeral three weeks on in a town nearby, of another victim, both told at length: a shared state
    # and a follow-up's words are no evidence that it follows this shooting up
    shooting = rec("d1", "A 7-year-old boy was shot and killed Saturday night on Maple Street in Springfield, "
                         "police said. Tyrone Baxter was playing in the backyard when a stray bullet hit him. "
                         "Neighbours heard several shots fired from a passing sedan. Detectives recovered "
                         "casings near the fence and asked witnesses to come forward. The boy's grandmother "
                         "described him as cheerful and curious", date(2016, 3, 5), killed=1)
    funeral = rec("d10", "Relatives gathered Saturday for the funeral of Lena Ostrom, 34, shot dead outside her "
                         "Chatham home by an estranged partner. Her brother asked for justice and thanked the "
                         "volunteers who cooked for the family. The pastor spoke about her garden, her choir "
                         "and the bakery she opened downtown. Mourners carried white lilies to the cemetery",
                  date(2016, 3, 26), "Chatham")
    assert groups([shooting, funeral]) == {frozenset({"d1"}), frozenset({"d10"})}


def test_two_brief_notes_sharing_only_a_surname_are_likelier_two_happenings_than_one():
    # two coders' notes of one town and day: a surname both give (a governor's) is no victim's full name
    from rashomon.link.evidence import pair_evidence, profiles

    a = rec("n1", "Militiamen clashed with soldiers near the Springfield checkpoint, Governor Okafor said. Two "
                  "soldiers died", date(2016, 3, 5), killed=2, etype="Battles", sub="Armed clash")
    b = rec("n2", "Soldiers repelled an attack on a Springfield checkpoint; Amos Okafor praised the troops. One "
                  "attacker died", date(2016, 3, 5), killed=1, etype="Battles", sub="Armed clash")
    one, _ = pair_evidence(*profiles([a, b]))
    b.claims[0].text = b.claims[0].text.replace("Amos Okafor", "Governor Okafor")
    full, why = pair_evidence(*profiles([a, b]))
    assert one < 0.5 and full > one and "same names governor, okafor" in why


def test_two_shootings_of_one_state_a_day_apart_with_nothing_of_their_own_alike_stay_apart():
    # one state, one kind, one toll, other victims' ages: nothing either tells of its own is alike
    a = rec("d1", "A 45-year-old man was shot dead on Tuesday evening outside a liquor store in Springfield, police said. "
                  "Officers found him lying near the entrance after callers reported gunfire. Investigators "
                  "collected casings and reviewed footage from nearby cameras. No suspect was named and the "
                  "motive remained unclear late Wednesday. Shopkeepers along the avenue described repeated "
                  "burglaries, broken windows and stolen delivery vans during recent winter months. The "
                  "alderman promised brighter streetlights", date(2016, 3, 8), killed=1)
    b = rec("d2", "Deputies said a 19-year-old woman died after gunfire erupted at a crowded party in Chatham early "
                  "Wednesday. Guests fled into surrounding yards while paramedics worked on the victim. The "
                  "sheriff asked anyone with phone videos to contact detectives. Relatives gathered at the "
                  "hospital throughout the morning. Neighbours complained about loud music, parked cars blocking "
                  "driveways and fireworks during previous weekends. Organisers had rented the hall through "
                  "an online listing", date(2016, 3, 9), "Chatham", killed=1)
    assert groups([a, b]) == {frozenset({"d1"}), frozenset({"d2"})}


def test_one_victim_named_in_full_joins_reports_whose_places_were_read_far_apart():
    # one report's town resolved to a namesake in another state: the victim's full name outweighs it
    misread = rec("d2", BOY2, date(2016, 3, 5), "Dayton", killed=1)
    assert groups([rec("d1", BOY, date(2016, 3, 5), killed=1), misread]) == {frozenset({"d1", "d2"})}


def test_two_shootings_of_one_article_the_same_day_stay_apart():
    a = rec("d1", "A 15-year-old girl was shot in the leg on Elm Avenue in Springfield. Keisha Moore "
                  "was treated at Memorial hospital", date(2016, 3, 5))
    b = rec("d1", "A 60-year-old man was shot dead in a Springfield bar. Walter Lindqvist died before "
                  "officers arrived", date(2016, 3, 5), n=1)
    assert len(link([a, b])) == 2


def test_order_of_mentions_does_not_matter():
    recs = reports() + [rec("d8", BOY + ". The family held a vigil", date(2016, 3, 6), killed=1)]
    reference = [c.mentions for c in link(recs)]
    for seed in range(6):
        shuffled = recs[:]
        random.Random(seed).shuffle(shuffled)
        assert [c.mentions for c in link(shuffled)] == reference
    assert [c.mentions for c in link(list(reversed(recs)))] == reference
    assert [c.mentions for c in link(recs[1::2] + recs[0::2])] == reference


def test_average_linkage_does_not_chain_through_one_strong_pair():
    # 0-1 and 1-2 agree, 0-2 clash: single linkage would chain all three; average linkage keeps 2 out
    scores = {(0, 1): 0.95, (1, 2): 0.6, (0, 2): 0.0}
    assert average_linkage(3, scores, 0.5) == [[0, 1], [2]]


def test_average_linkage_respects_pairs_kept_apart():
    scores = {(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.9}
    assert average_linkage(3, scores, 0.5, apart=[(0, 2)]) == [[0, 1], [2]]


def test_average_linkage_ties_go_by_index_whatever_the_dict_order():
    a = {(0, 1): 0.7, (2, 3): 0.7, (1, 2): 0.7}
    b = dict(reversed(list(a.items())))
    assert average_linkage(4, a, 0.5) == average_linkage(4, b, 0.5)


def test_a_states_forces_abroad_are_linking_evidence_at_home_they_are_not():
    from rashomon.link.evidence import profiles
    from rashomon.model import Actor, is_generic_party

    abroad = [Actor("Military Forces of Canada", "CAN", "external forces", "actor1")]
    home = [Actor("Police Forces of United States", "USA", "state forces", "actor1")]
    assert not is_generic_party("Military Forces of Canada", abroad, "USA")
    assert is_generic_party("Military Forces of Canada", abroad, "CAN")
    assert is_generic_party("Military Forces of Canada", abroad)  # where it happened unknown
    assert is_generic_party("Police Forces of United States", home, "USA")
    a = rec("d1", "Canadian troops were sent to the town on Saturday", date(2016, 3, 5),
            etype="Strategic developments", sub="Change to group/activity")
    b = rec("d2", "Police were deployed in the town on Saturday", date(2016, 3, 5),
            etype="Strategic developments", sub="Change to group/activity")
    a.mention.actor1, a.mention.actors = "Military Forces of Canada", abroad
    b.mention.actor1, b.mention.actors = "Police Forces of United States", home
    pa, pb = profiles([a, b])
    assert pa.actors == {"Military Forces of Canada"} and pa.actor1 == "Military Forces of Canada"
    assert pb.actors == set() and pb.actor1 is None


def test_a_party_many_articles_of_its_country_and_week_name_says_less_than_a_rare_one():
    from rashomon.link.evidence import pair_features, profiles
    from rashomon.model import Actor

    def clash(doc: str, town: str, day: int) -> MentionRecord:
        r = rec(doc, f"Fighters clashed with the army near {town}", date(2016, 3, day), town,
                etype="Battles", sub="Armed clash")
        r.mention.actor1 = "Tigers Militia"
        r.mention.actors = [Actor("Tigers Militia", None, "rebel group", "actor1")]
        return r

    two = profiles([clash("d1", "Springfield", 7), clash("d2", "Chatham", 8)])
    many = profiles([clash("d1", "Springfield", 7), clash("d2", "Chatham", 8), clash("d3", "Chicago", 9),
                     clash("d4", "Springfield", 10)])
    rare = pair_features(two[0], two[1], explain=False)
    common = pair_features(many[0], many[1], explain=False)
    assert rare and common
    assert rare[0]["shared_actor"] == 1.0
    assert 0 < common[0]["shared_actor"] < rare[0]["shared_actor"]


def test_one_town_read_as_two_namesakes_does_not_keep_its_story_apart():
    # the second report's "Springfield" was resolved to a namesake in another state, 1000 km away
    a = rec("d1", BOY, date(2016, 3, 5), killed=1)
    b = rec("d2", BOY2, date(2016, 3, 5), killed=1)
    far = Place(0, 11, "Springfield", 37.21, -93.29, "USA", "Missouri", "populated place")
    b.mention.places, b.mention.admin1, b.mention.latitude, b.mention.longitude = [far], "Missouri", 37.21, -93.29
    assert groups([a, b]) == {frozenset({"d1", "d2"})}


def test_proper_names_leave_out_places_parties_and_words_also_written_in_lower_case():
    from rashomon.link.evidence import profiles

    a = rec("d1", "Gunmen shot Rosa Vidal near the Medical Centre in Springfield. The medical staff fled",
            date(2016, 3, 5))
    b = rec("d2", "Rosa Vidal was shot near the Medical Centre on Elm Road in Springfield", date(2016, 3, 5))
    pa, pb = profiles([a, b])
    assert {"rosa", "vidal"} <= pa.names & pb.names
    assert "medical" not in pa.names and "springfield" not in pa.names


def test_among_near_certain_joins_the_better_supported_goes_first():
    # 0 may join 1 or 2 (1 and 2 are of one document): both look near-certain, 0-2 is the stronger
    scores = {(0, 1): 0.99990, (0, 2): 0.9999999}
    assert average_linkage(3, scores, 0.7, apart=[(1, 2)]) == [[0, 2], [1]]


def test_a_peace_operation_is_no_evidence_that_two_events_are_one():
    from rashomon.model import Actor, is_generic_party

    mission = "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali"
    actors = [Actor(mission, None, "external forces", "actor1"), Actor("JNIM", "MLI", "rebels", "actor2")]
    assert is_generic_party(mission, actors, "MLI")
    assert not is_generic_party("JNIM", actors, "MLI")


def test_one_area_name_in_two_countries_is_two_areas_when_looking_back():
    from rashomon.link import _following
    from rashomon.link.evidence import profiles

    def placed(doc: str, country: str | None, day: date) -> MentionRecord:
        m = Mention(event_type="Battles", sub_event_type="Armed clash", date=day, date_precision="day",
                    country=country, admin1="Central", countries=[country] if country else [])
        return MentionRecord(id=f"{doc}-m0", document=doc, mention=m, claims=[])

    recs = [placed("d1", "Oldavia", date(2019, 4, 1)), placed("d2", "Oldavia", date(2019, 4, 8)),
            placed("d3", "Nortania", date(2019, 4, 8)), placed("d4", None, date(2019, 4, 8))]
    assert _following(profiles(recs)) == {(0, 1), (0, 3), (1, 3), (2, 3)}


def test_two_arsons_each_stating_its_own_day_in_full_stay_apart_and_a_trial_still_joins():
    # one group, one state, alike words: each report states its own day with its year, and the days differ
    tail = ("The Ashgrove Front claimed the arson in a letter sent to a local newspaper. Firefighters worked "
            "through the night to contain the flames, and investigators collected fuel cans near the fence. "
            "Nobody was hurt, the sheriff said. Neighbours described a loud bang, then thick smoke drifting over "
            "the highway, where deputies closed both lanes until morning. The owner estimated the damage at "
            "several hundred thousand dollars and offered a reward for information about the culprits")
    first = rec("g1", "On March 2, 2016, members of the Ashgrove Front set fire to a timber yard in Springfield. "
                + tail, date(2016, 3, 2), etype="Strategic developments", sub="Looting/property destruction")
    second = rec("g2", "On March 4, 2016, members of the Ashgrove Front set fire to a sawmill in Chatham. " + tail,
                 date(2016, 3, 4), "Chatham", etype="Strategic developments", sub="Looting/property destruction")
    assert groups([first, second]) == {frozenset({"g1"}), frozenset({"g2"})}
    # told without the year, either day may be a report's: they are weighed as before, and join
    first.claims[0].text = first.claims[0].text.replace("March 2, 2016", "Wednesday")
    assert groups([first, second]) == {frozenset({"g1", "g2"})}
    # a trial stating its own day follows up the shooting it is about, whatever day that states
    trial = rec("d8", "On November 14, 2016, a jury convicted Curtis Halloran of murder in the death of Tyrone "
                      "Baxter, the 7-year-old shot in his Maple Street backyard", date(2016, 11, 14),
                etype="Strategic developments", sub="Arrests")
    shooting = rec("d1", "On March 5, 2016, a 7-year-old boy, Tyrone Baxter, was shot and killed on Maple Street in "
                         "Springfield", date(2016, 3, 5), killed=1)
    assert groups([shooting, trial]) == {frozenset({"d1", "d8"})}


def test_a_story_told_in_two_passages_meets_a_report_through_its_better_passage():
    # the article's lede tells the shooting; a passage further down, naming the victim again, is placed
    # where he grew up: another outlet's report that does not name him meets the lede, not that passage,
    # and the story acts as one with it
    lede = rec("d1", BOY, date(2016, 3, 5), killed=1)
    aside = rec("d1", "Tyrone Baxter had moved from Chicago with his grandmother last year, relatives said. "
                      "Tyrone Baxter loved football and drawing, and his teachers planned a vigil",
                date(2016, 3, 5), "Chicago", n=1)
    other = rec("d2", "Police say a stray bullet killed a 7-year-old boy in his backyard on Maple Street in "
                      "Springfield. Neighbours heard several shots. Detectives found a handgun nearby",
                date(2016, 3, 5), "Chatham", killed=1)
    assert groups([lede, aside, other]) == {frozenset({"d1", "d2"})}


def test_stories_join_kin_passages_but_never_a_pair_kept_apart():
    from rashomon.link import cluster_stories

    # 0-1 and 1-2 are kin, 0-2 kept apart; 3 (another article) matches 0 only
    groups_ = cluster_stories(4, {(0, 3): 0.99}, {(0, 1): 0.99, (1, 2): 0.96}, [(0, 2)], 0.7)
    assert groups_ == [[0, 1, 3], [2]]


def test_a_brief_that_agrees_on_type_day_town_and_toll_joins_the_longer_report():
    # a wire brief of a few words: alone its words say too little, but what, when, where and how many agree
    brief = rec("d5", "One man died after a shooting in Springfield early Saturday", date(2016, 3, 5), killed=1)
    full = rec("d6", "A 31-year-old man was shot dead early Saturday outside an apartment block in Springfield, "
                     "police said. Officers found him in the parking lot after neighbours reported gunfire. "
                     "Detectives were reviewing footage from a nearby store and asked witnesses to call. The "
                     "victim's name was withheld until relatives were told", date(2016, 3, 5), killed=1)
    assert groups([brief, full]) == {frozenset({"d5", "d6"})}
    other_toll = rec("d5", "Two men died after a shooting in Springfield early Saturday", date(2016, 3, 5), killed=2)
    assert groups([other_toll, full]) == {frozenset({"d5"}), frozenset({"d6"})}
    other_day = rec("d5", "One man died after a shooting in Springfield on Thursday", date(2016, 3, 3), killed=1)
    assert groups([other_day, full]) == {frozenset({"d5"}), frozenset({"d6"})}
