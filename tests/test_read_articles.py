"""Reading on articles about other wars (written for the project, in samples/articles and inline):
events, sources, stances, places and counts as a conflict coder would code them."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.model import Document
from rashomon.read import read


def _read(text: str, published: date):
    doc = Document(text=text, source="t.txt", published=published)
    return read(doc)


def _claims(reading, **want):
    out = []
    for c in reading.claims:
        if all(getattr(c, k) == v if k != "source" else want["source"] in c.source.name for k, v in want.items()):
            out.append(c)
    return out


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """The bundled sample corpus, ingested and exported once."""
    from conftest import SAMPLES
    from rashomon.export import export_json
    from rashomon.pipeline import ingest
    from rashomon.store import Store

    store = Store.open(tmp_path_factory.mktemp("samples") / "s.db")
    report = ingest(store, [SAMPLES])
    assert report.failed == 0
    return export_json(store)


def _event(data, sub_event_type):
    evs = [e for e in data["events"] if e["sub_event_type"] == sub_event_type and not e["historical"]]
    assert len(evs) == 1, [(e["sub_event_type"], e["date"]) for e in data["events"]]
    return evs[0]


def _names(data, claim_ids):
    claims = {c["id"]: c for c in data["claims"]}
    return {claims[c]["source"]["name"] for c in claim_ids}


def _count(e, kind):
    return [c for c in e["counts"] if c["kind"] == kind]


def test_kharkiv_two_outlets_one_event(samples):
    e = _event(samples, "Shelling/artillery/missile attack")
    assert e["event_type"] == "Explosions/Remote violence"
    assert e["date"] == "2022-03-03" and e["country"] == "UKR" and "Kharkiv" in (e["admin1"] or "")
    docs = {c["document"] for c in samples["claims"] if c["id"] in e["claims"]}
    assert len(docs) == 2, "the wire story and the HTML daily tell one event"
    (killed,) = _count(e, "killed")
    assert killed["best"] == 8 and killed["low"] == 8 and killed["high"] is None  # "at least eight"
    assert _count(e, "wounded")[0]["best"] == 19
    (dispute,) = [d for d in e["disputes"] if d["field"] == "civilian_targeting"]
    by_value = {p["value"]: _names(samples, p["claims"]) for p in dispute["positions"]}
    assert any("Synehubov" in n for n in by_value[True])
    assert any("Ministry of Defense of Russia" in n for n in by_value[False])


def test_el_fasher_accusation_and_denial(samples):
    e = _event(samples, "Attack")
    assert e["event_type"] == "Violence against civilians"
    assert e["country"] == "SDN" and e["admin1"] == "North Darfur" and e["location"] == "El Fasher"
    assert _count(e, "killed")[0]["best"] == 12
    (dispute,) = [d for d in e["disputes"] if d["field"] == "civilian_targeting"]
    by_value = {p["value"]: _names(samples, p["claims"]) for p in dispute["positions"]}
    assert "Armed Forces of Sudan" in by_value[True] and "Rapid Support Forces" in by_value[False]


def test_menaka_figures_from_two_sources(samples):
    e = _event(samples, "Armed clash")
    assert e["country"] == "MLI" and e["date"] == "2024-06-10"
    soldiers = [c for c in _count(e, "killed") if c["best"] == 5]
    assert soldiers and soldiers[0]["low"] == 5 and soldiers[0]["high"] is None  # the official: "at least seven"
    assert any(c["best"] == 14 for c in _count(e, "killed"))  # attackers "neutralised" are counted apart
    assert _count(e, "wounded")[0]["best"] == 2


def test_sagaing_airstrike_and_military_denial(samples):
    e = _event(samples, "Air/drone strike")
    assert e["country"] == "MMR" and e["admin1"] == "Sagaing" and e["date"] == "2023-04-11"
    assert _count(e, "killed")[0]["best"] == 17
    denials = [c for c in samples["claims"] if c["id"] in e["claims"] and c["stance"] == "denied"]
    assert denials and denials[0]["source"]["country"] == "MMR"


# -- inline sentences: one mechanism each ---------------------------------------------------------

def test_according_to_and_reporting_verbs():
    r = _read("According to Ukraine's General Staff, Russian forces shelled Kherson on Monday, killing three "
              "civilians. The Russian Defence Ministry denied the reports.", date(2023, 5, 2))
    assert _claims(r, source="Armed Forces of Ukraine") or _claims(r, source="Ukraine")
    (deny,) = _claims(r, source="Ministry of Defense of Russia")
    assert deny.stance == "denied"
    killed = [c.fields["killed"] for c in r.claims if "killed" in c.fields]
    assert killed and killed[0]["value"] == 3


def test_unconfirmed_and_cannot_confirm():
    r = _read("Rebels reportedly seized the town of Kidal on Sunday. The army said it could not confirm the "
              "information.", date(2023, 11, 14))
    stances = {c.stance for c in r.claims}
    assert "unconfirmed" in stances


def test_quotation_speaker_named_after_the_quote():
    text = ('"Our units repelled the attack near Bakhmut and destroyed two tanks," the spokesman of the '
            "Ukrainian army said on Tuesday.")
    r = _read(text, date(2023, 2, 8))
    assert r.claims and all("Ukraine" in c.source.name for c in r.claims)


def test_sum_with_total_and_open_ended_figure():
    r = _read("The ministry of defence of Ethiopia said on Friday that 30 soldiers and 12 militiamen, a total "
              "of 42 people, were killed in the clashes in Amhara. The toll could rise.", date(2023, 8, 5))
    killed = [c.fields["killed"] for c in r.claims if "killed" in c.fields]
    assert {k["value"] for k in killed} == {42} and any(k.get("open_ended") for k in killed)


def test_numbers_that_are_not_people():
    r = _read("The 101st brigade lost two positions and three villages at 4:30 am on Monday near Bakhmut, "
              "the army said.", date(2023, 2, 8))
    assert not any(k in c.fields for c in r.claims for k in ("killed", "wounded", "captured"))


def test_background_war_is_historical():
    r = _read("Militants attacked a checkpoint in Borno on Tuesday, killing four soldiers, the army said. "
              "The insurgency, which began in 2009, has killed more than 35,000 people.", date(2021, 6, 10))
    news = [m for m in r.mentions if not m.historical]
    assert news and news[0].date == date(2021, 6, 8)
    killed_news = [c.fields["killed"]["value"] for c in r.claims
                   if "killed" in c.fields and c.mention is not None and not r.mentions[c.mention].historical]
    assert 35000 not in killed_news and 4 in killed_news


def test_another_happening_elsewhere_the_same_day_is_its_own_mention():
    r = _read("An Israeli air strike hit a school in Rafah on Saturday, killing at least 20 people, the Gaza "
              "health ministry said. Later on Saturday the ministry said the death toll had risen to 25. "
              "Protesters gathered in Tel Aviv on Saturday evening; police detained 12 people.", date(2024, 5, 26))
    kinds = sorted((m.event_type, m.country) for m in r.mentions)
    assert ("Explosions/Remote violence", "PSE") in kinds and len(r.mentions) == 2
    strike = next(i for i, m in enumerate(r.mentions) if m.country == "PSE")
    killed = [c.fields["killed"]["value"] for c in r.claims if c.mention == strike and "killed" in c.fields]
    assert sorted(killed) == [20, 25]
    assert not any("captured" in c.fields for c in r.claims if c.mention == strike)


def test_actor_and_source_names_use_short_country_names():
    r = _read("Russian troops shelled Kherson on Monday, the Russian Defence Ministry said.", date(2023, 5, 2))
    assert r.mentions[0].actor1 == "Military Forces of Russia"
    assert r.claims[0].source.name == "Ministry of Defense of Russia"


def test_lists_of_figures_add_up_and_numeric_dates_resolve():
    r = _read("01/14/2016: Gunmen attacked a checkpoint near Gao, killing 5 policemen, 2 soldiers and "
              "4 civilians.", date(2016, 1, 20))
    assert r.mentions[0].date == date(2016, 1, 14)
    killed = sorted((c.fields["killed"].get("group"), c.fields["killed"]["value"])
                    for c in r.claims if "killed" in c.fields)
    assert killed == [("civilians", 4), ("forces", 7)]


@pytest.mark.parametrize("sentence, want", [
    ("Clashes in Bay region; 4 soldiers and 7 militants killed.", [("killed", 4), ("killed", 7)]),
    ("Gunmen shot dead a village chief in Kidal.", [("killed", 1)]),
    ("Forces shelled rebel positions, killing at least 10 fighters and wounding 20.", [("killed", 10), ("wounded", 20)]),
    ("14 attackers were neutralised and two soldiers were wounded in the clash.", [("killed", 14), ("wounded", 2)]),
    ("Six servicemen were surrounded, neutralised and taken prisoner.", [("captured", 6)]),
    # a figure's own verb after it wins over the previous figure's verb: the two never add up
    ("Two people were killed and three others were injured in the attack.", [("killed", 2), ("wounded", 3)]),
    ("At least 16 people, including the bomber, were killed and 100 others were injured in the blast.",
     [("killed", 16), ("wounded", 100)]),
    # parts of a figure are not counted again; a single victim heading a list is counted
    ("The blast killed 12 people, including 5 children, and wounded 30.", [("killed", 12), ("wounded", 30)]),
    ("Clashes left at least 10 people dead, among them 4 policemen.", [("killed", 10)]),
    ("A soldier and two civilians were killed in the blast.", [("killed", 1), ("killed", 2)]),
])
def test_which_figure_goes_with_which_predicate(sentence, want):
    from rashomon.read.counts import find_counts

    assert sorted((f.kind, f.value) for f in find_counts(sentence)) == sorted(want)


def test_headline_does_not_swallow_the_first_sentence_and_unverified_figures():
    text = ("Both sides claim heavy losses near Avdiivka\n\n"
            "Ukraine's General Staff said on Wednesday that its forces had repelled 25 attacks near Avdiivka "
            "in the Donetsk region, killing about 400 Russian soldiers.\n\n"
            "Russia's Defence Ministry said its troops had killed up to 150 Ukrainian servicemen. The figures "
            "could not be independently verified.")
    r = _read(text, date(2023, 11, 22))
    by_source = {c.source.name: c for c in r.claims if "killed" in c.fields}
    assert by_source["Armed Forces of Ukraine"].fields["killed"]["side"] == "RUS"
    assert by_source["Ministry of Defense of Russia"].fields["killed"]["value"] == 150
    unverified = [c for c in r.claims if c.stance == "unconfirmed"]
    assert unverified and unverified[0].fields["killed"]["side"] == "UKR"


def test_dateline_and_split_subject():
    r = _read("KHARTOUM, Nov 3 (Sample Wire) - The paramilitary Rapid Support Forces said on Sunday they had "
              "taken control of the town of Babanusa in West Kordofan.", date(2024, 11, 3))
    assert r.claims[0].source.name == "Rapid Support Forces"
    assert r.mentions[0].admin1 == "West Kordofan"


def test_a_figure_outside_the_denied_clause_is_asserted():
    r = _read("The Sudanese army denied that the town had fallen, saying its 22nd Division was still holding "
              "its base there and had killed dozens of attackers.", date(2024, 11, 3))
    (c,) = [c for c in r.claims if "killed" in c.fields]
    # "dozens" says people were killed, but gives no count
    assert c.stance == "asserted" and c.fields["killed"]["value"] is None
    r = _read("Russia's defence ministry denied that its forces had killed 12 civilians in Kherson on Monday.",
              date(2024, 11, 3))
    assert [c.stance for c in r.claims if "killed" in c.fields] == ["denied"]


def test_a_semicolon_that_introduces_another_speaker_splits_the_claims():
    r = _read("Gunmen attacked an army base near Bossaso on Friday. Local media report that at least 12 soldiers "
              "were killed; the government did not confirm the toll.", date(2024, 3, 2))
    killed = [c for c in r.claims if "killed" in c.fields]
    # the government's non-confirmation is about the figure just given (issue 13: a denial's content is
    # the claim it denies), so it carries that figure with its own stance
    assert [(c.stance, c.fields["killed"]["value"]) for c in killed] == [("asserted", 12), ("unconfirmed", 12)]
    assert killed[1].text.startswith("the government")


def test_a_town_the_tagger_calls_a_nationality_is_still_a_place():
    r = _read("Police fired tear gas at protesters in Kasese town on Monday, a police spokesman said.",
              date(2016, 3, 1))
    assert [(p.name, p.country) for p in r.places] == [("Kasese", "UGA")]


def test_anonymous_sources_are_unnamed_not_media():
    r = _read("Local sources said 5 civilians were killed in Idlib on Sunday.", date(2016, 1, 18))
    assert [(c.source.name, c.source.kind) for c in r.claims] == [("Local sources", "unnamed")]


@pytest.mark.parametrize(
    ("text", "published_inferred", "year_known", "inferred"),
    [
        # an absolute date with its year in the text is no guess, whatever the publication date
        ("On May 3, 2021, gunmen killed five soldiers near Menaka, the army said.", True, False, False),
        ("On May 3, 2021, gunmen killed five soldiers near Menaka, the army said.", True, True, False),
        # a weekday read against an inferred publication date (or a guessed year) is
        ("On Monday, gunmen killed five soldiers near Menaka, the army said.", True, True, True),
        ("On Monday, gunmen killed five soldiers near Menaka, the army said.", True, False, True),
        # ... but not against a publication date given by the metadata
        ("On Monday, gunmen killed five soldiers near Menaka, the army said.", False, True, False),
    ],
)
def test_event_date_inferred(text, published_inferred, year_known, inferred):
    doc = Document(text=text, source="d.txt", published=date(2021, 5, 5))
    doc.published_inferred, doc.year_known = published_inferred, year_known
    (m,) = [m for m in read(doc).mentions if not m.historical]
    assert m.date is not None and m.date_inferred is inferred


def test_a_time_that_dates_a_later_act_only_bounds_the_happening():
    # published Wednesday 2019-03-13: the naming happened on Monday, the shooting before it
    r = _read("Police on Monday identified the man who shot two neighbours in Dunmore.", date(2019, 3, 13))
    assert r.mentions and r.mentions[0].date_precision != "day"
    r = _read("Prosecutors announced charges Monday against a man who shot two neighbours in Dunmore.",
              date(2019, 3, 13))
    assert r.mentions and r.mentions[0].date_precision != "day"


def test_a_death_the_next_day_does_not_date_the_shooting():
    r = _read("On Friday night a man was shot outside a bar in Dunmore. He was taken to hospital but died the "
              "next day.", date(2019, 3, 13))
    assert [(m.date, m.date_end) for m in r.mentions] == [(date(2019, 3, 8), None)]


def test_a_later_day_in_the_story_does_not_move_a_happening_dated_before_it():
    r = _read("Police were called to Dunmore on Thursday evening. A gunman shot two men outside a bar there. "
              "The gunman who killed one of the men was still being sought by police on Friday.", date(2019, 3, 13))
    assert [m.date for m in r.mentions] == [date(2019, 3, 7)]


def test_civilians_the_account_names_by_their_nationality_are_of_that_side():
    told = ("Two rockets were fired from the Varn hills towards Kellberg on Tuesday night. One of them hit "
            "a shop in Kellberg. At least three people received light injuries, paramedics said. The army "
            "blamed the Varn Front for what it called terror against {} civilians.")
    r = _read(told.format("Moldovan"), date(2021, 5, 5))
    [figure] = [c.fields["wounded"] for c in r.claims if "wounded" in c.fields]
    assert (figure["value"], figure["side"]) == (3, "MDA")
    assert figure["party"] == "Civilians (Moldova)"
    # another country's civilians told of beside the counted ones: not the side of those counted
    r = _read("Rockets hit a market in Kellberg, Armenia, on Tuesday night. At least three people received light "
              "injuries, paramedics in Armenia said. The army blamed a group it accused of terror against Moldovan "
              "civilians.", date(2021, 5, 5))
    [figure] = [c.fields["wounded"] for c in r.claims if "wounded" in c.fields]
    assert figure["value"] == 3 and figure["side"] is None
    # civilians of no stated nationality have no side
    r = _read(told.format("innocent"), date(2021, 5, 5))
    [figure] = [c.fields["wounded"] for c in r.claims if "wounded" in c.fields]
    assert figure["value"] == 3 and figure["side"] is None


def test_casualties_told_as_also_harmed_belong_to_the_happening_just_told():
    text = ("A student died in police custody in Drelberg on Wednesday after officers beat him, his family said. "
            "Protests against the police turned violent across Drelberg on Thursday night. The demonstrations "
            "have left 120 people injured, the national police said. A total of 40 police officers have also "
            "suffered injuries, including 12 in the old town.")
    r = _read(text, date(2021, 3, 5))
    told = {c.fields["wounded"]["value"]: c.mention for c in r.claims if "wounded" in c.fields}
    assert told[40] == told[120] is not None


def test_a_figure_of_two_groups_together_is_no_one_partys():
    text = ("Riots broke out in Drelberg on Thursday night after a student died in custody. At least four protesters "
            "died and 90 police officers and protesters suffered injuries, the city hall said.")
    r = _read(text, date(2021, 3, 5))
    [wounded] = [c.fields["wounded"] for c in r.claims if "wounded" in c.fields]
    assert wounded["value"] == 90 and not wounded.get("party") and wounded["side"] is None
    [killed] = [c.fields["killed"] for c in r.claims if c.fields.get("killed", {}).get("value") == 4]
    assert killed.get("party", "").startswith("Protesters")
