"""Event type classification: ACLED sub-event types on sentences from many conflicts."""

from __future__ import annotations

import time

import pytest

from rashomon.read.classify import EVENT_TYPES, EventClass, classify, classify_sentences

CASES = [
    # Battles
    (
        "Heavy clashes between Armenian and Azerbaijani troops broke out on the border overnight.",
        "Armed clash",
    ),
    ("Sudanese army soldiers and RSF fighters exchanged fire for hours in Omdurman.", "Armed clash"),
    (
        "Ukrainian forces repelled an assault on their positions near Bakhmut, the general staff said.",
        "Armed clash",
    ),
    ("FARC dissidents ambushed an army patrol in Cauca, killing four soldiers.", "Armed clash"),
    (
        "Government troops recaptured the town of Kidal from the rebels on Tuesday.",
        "Government regains territory",
    ),
    (
        "Ukrainian troops liberated the village of Klishchiivka after weeks of fighting.",
        "Government regains territory",
    ),
    (
        "Al-Shabaab militants seized the town of Mahas after a brief gun battle.",
        "Non-state actor overtakes territory",
    ),
    (
        "The Arakan Army took control of the township after days of fighting with the junta.",
        "Non-state actor overtakes territory",
    ),
    # Explosions/Remote violence
    ("Israeli warplanes struck a house in Rafah overnight, killing seven people.", "Air/drone strike"),
    ("A drone strike hit a vehicle near Mopti, the Malian army said.", "Air/drone strike"),
    (
        "Russian artillery shelled residential areas of Kherson, wounding three civilians.",
        "Shelling/artillery/missile attack",
    ),
    ("Militants fired mortars at the army base in Borno state.", "Shelling/artillery/missile attack"),
    ("A roadside bomb killed two soldiers on the highway to Gao.", "Remote explosive/landmine/IED"),
    ("A boy was killed when he stepped on a landmine near the village.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a mosque in Peshawar, killing 59 worshippers.", "Suicide bomb"),
    ("Unknown assailants hurled a grenade at a police station in Srinagar.", "Grenade"),
    ("Government forces dropped chlorine gas on the rebel-held town, activists said.", "Chemical weapon"),
    # Violence against civilians
    ("Gunmen killed 12 villagers in an attack on a village in Plateau state.", "Attack"),
    ("Fighters raped several women during the raid on the camp in Darfur.", "Sexual violence"),
    ("Bandits abducted 30 students from a school in Zamfara.", "Abduction/forced disappearance"),
    # Protests and riots
    ("Thousands of people rallied peacefully in Tbilisi against the foreign agents law.", "Peaceful protest"),
    (
        "Police fired tear gas to disperse protesters gathered outside parliament in Nairobi.",
        "Protest with intervention",
    ),
    (
        "Security forces opened fire on protesters in Khartoum, killing five.",
        "Excessive force against protesters",
    ),
    ("Protesters threw stones at police and set fire to cars in Dakar.", "Violent demonstration"),
    ("An angry mob lynched a man accused of theft in a market in Lagos.", "Mob violence"),
    # Strategic developments
    ("The warring parties signed a ceasefire agreement in Jeddah on Saturday.", "Agreement"),
    ("Police arrested 40 opposition activists in Dhaka ahead of the rally.", "Arrests"),
    ("Russian troops were dispatched to the region after the unrest.", "Change to group/activity"),
    ("The army deployed additional units along the border with Niger.", "Change to group/activity"),
    (
        "Troops defused an improvised explosive device planted on the road to Kismayo.",
        "Disrupted weapons use",
    ),
    ("Turkish forces set up a new military base near the town.", "Headquarters or base established"),
    (
        "Shops were looted and homes torched after the militia entered the town.",
        "Looting/property destruction",
    ),
    (
        "Government troops withdrew from the town, handing over control to the local militia.",
        "Non-violent transfer of territory",
    ),
    ("Six servicemen were surrounded and taken captive near the border.", "Other"),
    # Diplomacy
    ("The European Union called on both sides to cease hostilities and return to negotiations.", "Call"),
    ("Washington imposed new sanctions on the junta's leaders.", "Sanctions"),
]

NOT_EVENTS = [
    "An earthquake killed 20 people in eastern Turkey on Monday.",
    "Floods displaced thousands of families in Sindh province.",
    "A gas explosion at a chemical plant killed six workers.",
    "Twelve people died when a bus crashed into a ravine in Nepal.",
    "A wildfire forced the evacuation of several villages.",
    "The minister was born in 1961 and studied law in Kyiv.",
    "The region is famous for its vineyards and mountain monasteries.",
]


@pytest.mark.parametrize(("text", "sub_event_type"), CASES)


def test_sub_event_type(text: str, sub_event_type: str) -> None:
    result = classify(text)
    assert result is not None, text
    assert result.sub_event_type == sub_event_type, (text, result)
    assert result.event_type == EVENT_TYPES[sub_event_type]
    assert 0.0 <= result.score <= 1.0


@pytest.mark.parametrize("text", NOT_EVENTS)


def test_disasters_and_background_are_not_events(text: str) -> None:
    assert classify(text) is None


def test_troops_entering_without_clashes_is_strategic_development() -> None:
    result = classify("Troops entered the territory of the neighbouring district; no clashes were reported.")
    assert result is not None
    assert result.event_type == "Strategic developments"
    assert result.sub_event_type in {"Non-violent transfer of territory", "Change to group/activity"}


def test_border_guards_killed_by_smugglers_is_violence() -> None:
    result = classify("Two border guards were killed by drug smugglers on the frontier.")
    assert result is not None
    assert result.event_type in {"Battles", "Violence against civilians"}


def test_captured_soldiers_are_not_police_arrests() -> None:
    result = classify("The ministry said six soldiers were captured after crossing the border.")
    assert result is not None
    assert result.event_type == "Strategic developments"
    assert result.sub_event_type != "Arrests"


def test_condemnation_of_shelling_is_the_shelling() -> None:
    result = classify("The UN condemned the shelling of a hospital in Kharkiv that killed four patients.")
    assert result is not None
    assert result.sub_event_type == "Shelling/artillery/missile attack"


def test_trigger_span_points_at_the_trigger() -> None:
    text = "On Sunday an airstrike destroyed a school building in Idlib."
    result = classify(text)
    assert isinstance(result, EventClass)
    assert result.trigger is not None
    assert text[result.trigger[0] : result.trigger[1]].lower() == "airstrike"


def test_batch_matches_single_and_is_fast() -> None:
    texts = [t for t, _ in CASES] + NOT_EVENTS
    batch = classify_sentences(texts)
    assert batch == [classify(t) for t in texts]
    many = texts * 20
    t0 = time.perf_counter()
    classify_sentences(many)
    rate = len(many) / (time.perf_counter() - t0)
    assert rate > 300, f"{rate:.0f} sentences/s"


def test_anchor_prefilter_never_skips_a_matching_rule() -> None:
    from rashomon.read.classify import _hits, _rules

    for text in [t for t, _ in CASES] + NOT_EVENTS:
        slow: dict[str, tuple[float, tuple[int, int]]] = {}
        for rule in _rules():
            m = rule.pattern.search(text)
            if m is not None and (rule.label not in slow or rule.weight > slow[rule.label][0]):
                slow[rule.label] = (rule.weight, m.span())
        assert _hits(text) == slow, text


def test_anchors_found_in_one_pass_are_those_contained() -> None:
    """The one-pass anchor finder picks exactly the rules one of whose anchors the text contains,
    anchors inside longer anchors and overlapping ones included."""
    from rashomon.read.classify import _anchoring, _rules

    rules = _rules()
    anchors = sorted({a for r in rules for a in r.anchors or ()})
    texts = (
        [t for t, _ in CASES] + NOT_EVENTS + [" ".join(anchors), "".join(anchors), "".join(reversed(anchors))]
    )
    texts += [a[1:] + a for a in anchors]
    for text in texts:
        lower = text.lower()
        expected = {i for i, r in enumerate(rules) if r.anchors is None or any(a in lower for a in r.anchors)}
        assert _anchoring().candidates(lower) == expected, text


def test_vigilantes_named_without_violence_are_no_event():
    assert classify("Members of a local vigilante group met the governor on Monday.") is None


@pytest.mark.parametrize("text", [
    "Traders protested in the town and blocked the national route.",
    "Students marched to the ministry; buses were set alight on the way.",
])


def test_road_blocking_and_burning_in_a_protest_make_a_violent_demonstration(text):
    c = classify(text)
    assert c is not None and c.sub_event_type == "Violent demonstration"


@pytest.mark.parametrize("text,sub", [
    ("Residents protested the arrest of two traders in the market town.", "Peaceful protest"),
    ("Villagers protested the recent arrest of a chief, blocking the national route.", "Violent demonstration"),
    ("Police arrested ten people who were protesting the killing of a boy.", "Protest with intervention"),
])


def test_what_a_protest_is_about_is_no_event_of_its_own(text, sub):
    c = classify(text)
    assert c is not None and c.sub_event_type == sub


def test_a_bomb_placed_at_the_wrong_house_is_no_accident() -> None:
    # "accidentally" tells that the target was mistaken, not that the bombing was an accident
    c = classify("A militant cell accidentally targeted a retired teacher's house in Varrow with a bomb.")
    assert c is not None and c.event_type == "Explosions/Remote violence"
    assert classify("A truck accidentally struck a bus shelter in Varrow, killing two people.") is None


def test_a_hijacked_plane_that_crashed_is_no_accident() -> None:
    # a crash is a disaster cue; the hijackers make the paragraph a happening of violence
    texts = ["Three hijackers seized a passenger plane, which crashed in a field near Orlaby.",
             "All 40 people on board were killed in the crash."]
    got = classify_sentences(texts, [0, 0])
    assert got[0] is not None and got[0].sub_event_type == "Abduction/forced disappearance"
    assert got[1] is not None
    assert classify_sentences(["A passenger plane crashed in a field near Orlaby.",
                               "All 40 people on board were killed in the crash."], [0, 0]) == [None, None]
    assert classify("The opposition hijacked the debate on the budget in Orlaby.") is None


def test_flooding_a_home_on_purpose_is_no_flood() -> None:
    # "to flood the home": what the perpetrators meant to do, not a natural disaster
    c = classify("Activists broke a window and diverted a garden hose to flood the home of a judge in Orlaby, "
                 "causing damage, but no casualties were reported.")
    assert c is not None
    assert classify("A flood swept through Orlaby, and two people were killed.") is None
    c = classify("Letters laced with anthrax were mailed to two senators in Orlaby.")
    assert c is not None and c.event_type == "Violence against civilians"
@pytest.mark.parametrize(
    "text",
    [
        "Investigators in Brenmoor ruled the deaths of the Quill family a murder-suicide.",
        "Darro Quill shot his wife and two sons before turning the gun on himself in an apparent murder-suicide.",
        "The coroner said the cause of death for the farmer was suicide.",
    ],
)


def test_a_shooter_who_kills_himself_is_no_suicide_bombing(text: str) -> None:
    # "suicide" alone tells a self-killing; a bombing needs an explosive
    c = classify(text)
    assert c is None or c.event_type != "Explosions/Remote violence", (text, c)


@pytest.mark.parametrize(
    "text",
    [
        "A suicide-bomber struck a checkpoint outside Kalvara, the police said.",
        "Militants detonated a suicide vehicle-borne improvised explosive device at a hotel in Kalvara.",
        "The bomb was carried by a man on a suicide mission into the Kalvara market.",
    ],
)


def test_suicide_beside_an_explosive_is_a_suicide_bombing(text: str) -> None:
    c = classify(text)
    assert c is not None and c.sub_event_type == "Suicide bomb", (text, c)


@pytest.mark.parametrize(
    "text",
    [
        "Two men with gunshot wounds were later stopped on the road out of Ferndale.",
        "An argument broke out at the barn dance and several gunshots followed.",
        "At 2:10 a.m. on Sunday, shots were fired inside the Larkspur Tavern on Quill Street.",
        "Witnesses said a man fired several shots into the crowd outside the Ferndale market.",
    ],
)


def test_gunshots_and_shots_fired_tell_a_shooting(text: str) -> None:
    c = classify(text)
    assert c is not None and c.sub_event_type == "Attack", (text, c)


def test_forces_stationed_are_a_change_of_activity_but_one_officer_at_a_door_is_not() -> None:
    c = classify("Government troops were stationed along the border with Kalvara on Monday.")
    assert c is not None and c.sub_event_type == "Change to group/activity"
    c = classify("The mayor said a police officer was stationed outside the Larkspur Tavern that night.")
    assert c is None or c.event_type != "Strategic developments", c


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Police said 15-year-old Darro Quill and 16-year-old Mina Vell were found with gunshot wounds.", "Attack"),
        ("Brenmoor County police said the investigation revealed Quill shot and killed Vell.", "Attack"),
        ("The Ferndale Police Department is investigating the Sunday shooting death of a toddler.", "Attack"),
        ("Ferndale police officers were called to Quill Street on a shooting involving a child.", "Attack"),
        ("Two police officers were shot dead at a checkpoint in Kalvara, police said.", "Armed clash"),
        ("Soldiers said three of their comrades were killed in an ambush near Kalvara.", "Armed clash"),
    ],
)


def test_armed_people_who_only_report_or_answer_a_killing_are_not_its_victims(text: str, sub: str) -> None:
    c = classify(text)
    assert c is not None and c.sub_event_type == sub, (text, c)
