"""Place spotting and resolution on sentences from several conflicts."""

from __future__ import annotations

import pytest

from rashomon.model import Place
from rashomon.read.places import DEMONYM_PREFIX, FALLBACK_PREFIX, find_places, geo_precision, locate


def places(text: str) -> dict[str, Place]:
    out = {}
    for p in find_places(text):
        assert text[p.start : p.end]  # offsets point into the text
        out[text[p.start : p.end]] = p
    return out


def test_ukraine_cities_and_oblasts() -> None:
    ps = places(
        "Russian forces shelled Kharkiv and Mariupol in Donetsk Oblast on Tuesday, Ukrainian officials said."
    )
    assert ps["Kharkiv"].country == "UKR" and ps["Kharkiv"].feature == "populated place"
    assert ps["Mariupol"].admin1 == "Donetsk"
    assert ps["Donetsk"].feature == "admin1"
    # a country's adjective names the country (as geoparsing corpora annotate it), marked so that it
    # is never taken for where a happening is
    assert ps["Russian"].country == "RUS" and ps["Russian"].gazetteer_id.startswith(DEMONYM_PREFIX)
    assert ps["Ukrainian"].country == "UKR" and ps["Ukrainian"].feature == "country"


def test_sudan_states() -> None:
    ps = places("The RSF attacked El Fasher, the capital of North Darfur state, and Nyala in South Darfur.")
    assert ps["El Fasher"].country == "SDN" and ps["El Fasher"].admin1 == "North Darfur"
    assert ps["North Darfur"].feature == "admin1"
    assert ps["Nyala"].admin1 == "South Darfur"


def test_syria_governorate_and_myanmar_state() -> None:
    ps = places("Airstrikes hit the town of Saraqib in Idlib province, the Syrian Observatory said.")
    assert ps["Saraqib"].country == "SYR" and ps["Idlib"].feature == "admin1"
    ps = places("Fighting erupted in Rakhine State near Sittwe, Myanmar's military said.")
    assert ps["Sittwe"].admin1 == "Rakhine" and ps["Myanmar"].feature == "country"


def test_sahel_and_context() -> None:
    ps = places("Jihadists attacked a convoy near Gao in northern Mali.")
    assert ps["Gao"].country == "MLI" and ps["Mali"].country == "MLI"


def test_caucasus_names_and_demonyms() -> None:
    text = (
        "Azerbaijani soldiers crossed into Armenia's Syunik and Gegharkunik provinces, near Dashkesen "
        "and Zangilan, officials in Baku said."
    )
    ps = places(text)
    assert ps["Armenia"].country == "ARM"
    assert ps["Syunik"].admin1 == "Syunik" and ps["Gegharkunik"].country == "ARM"
    assert ps["Dashkesen"].country == "AZE" and ps["Zangilan"].country == "AZE"
    assert ps["Baku"].country == "AZE"
    assert ps["Azerbaijani"].gazetteer_id.startswith(DEMONYM_PREFIX)


def test_common_words_are_not_places() -> None:
    ps = places("Support for the ceasefire grew in Yerevan. Reply from the ministry came later.")
    assert "Support" not in ps and "Reply" not in ps
    assert ps["Yerevan"].country == "ARM"


def test_unknown_village_falls_back_to_its_district() -> None:
    text = "Militants stormed the village of Bokovinsk in the Kherson region overnight."
    ps = places(text)
    assert ps["Kherson"].feature == "admin1"
    fb = ps["Bokovinsk"]
    assert fb.country == "UKR" and fb.latitude == ps["Kherson"].latitude
    assert geo_precision(fb) == 2 and geo_precision(ps["Kherson"]) == 3


def test_locate_prefers_the_most_precise_place() -> None:
    ps = find_places("Drones struck Kramatorsk in Donetsk Oblast, Ukraine.")
    best, precision = locate(ps)
    assert best is not None and best.name == "Kramatorsk" and precision == 1
    assert locate([]) == (None, 3)


@pytest.mark.parametrize("text", ["", "   ", "no capitalised words here at all."])
def test_empty_inputs(text: str) -> None:
    assert find_places(text) == []


def test_weapon_names_used_as_modifiers_are_not_villages() -> None:
    ps = places("Turkish-made Bayraktar drones struck Russian positions near Kherson, the ministry said.")
    assert "Bayraktar" not in ps and ps["Kherson"].country == "UKR"
    ps = places("Ukrainian troops fired Javelin missiles and HIMARS rockets at targets near Izium.")
    assert set(ps) == {"Izium", "Ukrainian"} and ps["Ukrainian"].gazetteer_id.startswith(DEMONYM_PREFIX)


def test_area_written_after_a_comma_picks_the_same_named_town() -> None:
    ps = places("Police in London, Ontario, arrested two men after the protest.")
    assert ps["London"].country == "CAN" and ps["London"].admin1 == "Ontario"
    ps = places("Protesters gathered in Paris, Texas, on Sunday.")
    assert ps["Paris"].country == "USA"


def test_area_after_a_comma_is_the_one_holding_the_town() -> None:
    ps = places("Refugees from the war were resettled in Atlanta, Georgia, last year.")
    assert ps["Georgia"].country == "USA" and ps["Georgia"].feature == "admin1"
    ps = places("Refugees from Abkhazia were resettled in Tbilisi, Georgia, last year.")
    assert ps["Georgia"].country == "GEO" and ps["Georgia"].feature == "country"


def test_unknown_village_written_with_its_area_falls_back_to_the_area() -> None:
    ps = places("Drone strikes hit Adi Zewayeh, Tigray, on Monday, residents said.")
    assert ps["Tigray"].feature == "admin1"
    fb = ps["Adi Zewayeh"]
    assert (fb.latitude, fb.country) == (ps["Tigray"].latitude, "ETH") and geo_precision(fb) == 2


def test_a_list_of_towns_is_not_read_as_town_and_area() -> None:
    ps = places("Sirens sounded in Moscow, Kyiv and Minsk.")
    assert ps["Kyiv"].feature == "populated place" and ps["Moscow"].country == "RUS"


def test_same_named_town_near_the_other_places_wins() -> None:
    text = "A fire broke out in Edmonton overnight. Crews from Enfield, Tottenham and Walthamstow helped."
    assert places(text)["Edmonton"].country == "GBR"
    assert places("Oil workers in Edmonton and Calgary went on strike.")["Edmonton"].country == "CAN"


def test_world_regions_outrank_same_named_hamlets():
    places = find_places("Tensions are rising across the Middle East after new fighting in Darfur.")
    by_name = {p.name: p for p in places}
    assert by_name["Middle East"].feature == "other" and by_name["Middle East"].country is None
    assert by_name["Darfur"].country == "SDN"


def test_airports_and_air_bases_are_places() -> None:
    ps = places("Rockets hit Al Asad Air Base in Anbar province, while travellers at Heathrow faced delays.")
    assert ps["Al Asad Air Base"].country == "IRQ" and ps["Al Asad Air Base"].feature == "other"
    assert ps["Heathrow"].country == "GBR" and ps["Heathrow"].admin1 == "England"
    ps = places("Police in Kandahar said the attack on the airport was repelled.")
    assert ps["Kandahar"].feature == "populated place"  # the town, not the airport named after it


def test_words_around_a_name_say_which_place_it_is() -> None:
    ps = places("Kharkiv Governor Oleh Syniehubov said two people were wounded.")
    assert ps["Kharkiv"].feature == "admin1"
    ps = places("Borno Governor Babagana Zulum visited Gwoza after the attack.")
    assert ps["Borno"].feature == "admin1" and ps["Gwoza"].admin1 == "Borno"


def test_the_city_of_a_name_settles_its_bare_mentions() -> None:
    # the small tagger calls this town a person; "the city of" shows it is a place, in both mentions
    text = "Shelling hit the city of Kherson overnight. Kherson has no power."
    found = [p for p in find_places(text) if text[p.start : p.end] == "Kherson"]
    assert len(found) == 2 and all(p.feature == "populated place" and p.country == "UKR" for p in found)
    assert "Steele" not in places("Christopher Steele met officials in Moscow. Steele said little.")


# --- places in context (issue 12) ---------------------------------------------------------------


def _main_place(text: str):
    from rashomon.model import Document
    from rashomon.read import read

    ms = [m for m in read(Document(text=text, source="t.txt")).mentions if not m.historical]
    assert ms
    return ms[0]


def test_us_state_codes_and_abbreviations_put_a_local_story_in_the_us() -> None:
    ps = places("Two men were shot Friday near Danville, IL, and taken to a hospital in Champaign.")
    assert ps["IL"].name == "Illinois" and ps["Danville"].admin1 == "Illinois"
    ps = places("A teenager was killed in Anderson, Ind., police said.")
    assert ps["Anderson"].country == "USA" and ps["Anderson"].admin1 == "Indiana"


def test_words_only_us_news_writes_put_a_local_story_in_the_us() -> None:
    # no country named: a sheriff's deputies, a 911 call, a state written in full say it is the US
    assert places("Officers answered a call from a farmhouse outside Ashford late Sunday.")["Ashford"].country == "GBR"
    ps = places("Sheriff's deputies answered a 911 call from a farmhouse outside Ashford late Sunday.")
    assert ps["Ashford"].country == "USA"
    ps = places("A gunman opened fire outside a bar in Mansfield, and the Ohio governor ordered flags lowered.")
    assert ps["Mansfield"].country == "USA" and ps["Mansfield"].admin1 == "Ohio"
    # another country named: the cue gives way
    ps = places("British detectives asked the FBI for help after a stabbing outside Ashford.")
    assert ps["Ashford"].country == "GBR"


def test_streets_and_people_are_not_towns() -> None:
    ps = places("The shooting happened on the 3300 block of Wallace Avenue in Indianapolis.")
    assert "Wallace" not in ps and ps["Indianapolis"].admin1 == "Indiana"
    ps = places("Sidney Davis, 44, was charged. The boy was shot at Davis' home in Bamberg County.")
    assert "Davis" not in ps


def test_a_foreign_hamlet_is_not_taken_in_a_story_plainly_about_another_country(tmp_path) -> None:
    from rashomon.read.gazetteer import Gazetteer

    f = tmp_path / "hamlet.csv"  # an invented New Zealand hamlet
    f.write_text("name,alternatenames,latitude,longitude,country,admin1,feature\n"
                 "Mount Qorvel,,-36.9,174.8,NZL,Auckland,populated place\n", encoding="utf-8")
    gaz = Gazetteer(extra_csv=[f])
    text = ("Police in Chicago said a boy was shot in Englewood on Sunday. Officers from Chicago, Illinois "
            "and Cook County responded. He was taken to a hospital near Mount Qorvel.")
    ps = {text[p.start : p.end]: p for p in find_places(text, gazetteer=gaz)}
    assert "Mount Qorvel" not in ps or ps["Mount Qorvel"].country == "USA"
    text = "Police in Auckland said a boy was hurt in Manukau on Sunday. He was taken to a clinic near Mount Qorvel."
    ps = {text[p.start : p.end]: p for p in find_places(text, gazetteer=gaz)}
    assert ps["Mount Qorvel"].country == "NZL"


def test_a_local_institution_is_named_after_its_town() -> None:
    ps = places("He was arrested by the Danbury Police Department in Connecticut on Monday.")
    assert ps["Danbury"].country == "USA" and ps["Danbury"].admin1 == "Connecticut"


def test_a_village_the_gazetteer_lacks_is_placed_from_its_distance_to_a_town() -> None:
    text = "A blast hit a depot in the village of Zorbanita, 30 miles south of Beirut, on Tuesday."
    ps = places(text)
    z = ps["Zorbanita"]
    assert z.gazetteer_id.startswith(FALLBACK_PREFIX) and geo_precision(z) == 2
    assert z.country == "LBN" and 32.9 < z.latitude < 33.7 and z.admin1 != "Beirut"
    m = _main_place(text)
    assert m.location == "Zorbanita" and m.geo_precision == 2  # not Beirut, the reference point


def test_the_event_is_where_it_happened_not_where_officials_spoke() -> None:
    m = _main_place("Five people were killed in a bomb blast in Herat, the interior ministry in Kabul said.")
    assert m.admin1 == "Herat"
    m = _main_place("Officials told reporters in Baghdad that a car bomb exploded in Mosul on Monday.")
    assert m.location == "Mosul"


def test_a_mention_without_a_place_of_its_own_takes_the_article_s_place() -> None:
    m = _main_place("Militants stormed a police post in Kismayo on Sunday. Three officers were killed.")
    assert m.location == "Kismayo" and m.country == "SOM"


def test_an_upper_case_dateline_names_a_place() -> None:
    ps = places("EDMONTON, Ky. (WBKO) -- One man is dead following a hunting accident.")
    assert ps["EDMONTON"].country == "USA" and ps["EDMONTON"].admin1 == "Kentucky"
    ps = places("BEIRUT — A ceasefire to evacuate fighters began on Thursday.")
    assert ps["BEIRUT"].country == "LBN"


def test_a_name_that_is_a_country_and_a_us_state_follows_the_story() -> None:
    ps = places("Briar Newsome of Carlton, Georgia, was pronounced dead. It happened in Madison County, deputies said.")
    assert ps["Georgia"].country == "USA" and ps["Carlton"].admin1 == "Georgia"
    ps = places("Russian troops left Georgia in 2008, officials in Tbilisi said.")
    assert ps["Georgia"].country == "GEO"


def test_list_join_bound_covers_every_joiner_and_stops_at_a_word() -> None:
    from rashomon.read.places import _list_join_start

    text = "Kharkiv, Sumy and Chernihiv"
    assert _list_join_start(text, text.index("Chernihiv")) == text.index("Sumy") + len("Sumy")  # "y" stops it
    assert _list_join_start(text, text.index("Sumy")) == len("Kharkiv")
    assert _list_join_start("in Baku, or Gyumri", 12) == len("in Baku")


# --- names that are not places, and places written in other ways (issue 12, second pass) -----------------


def test_words_of_a_facility_or_an_institution_are_not_places() -> None:
    ps = places("Deputies found the man shot at the Harbor Bay Apartments in Tampa, Florida, on Sunday.")
    assert "Bay" not in ps and ps["Tampa"].country == "USA"
    ps = places("The Tampa Police Department said the boy was taken to University Hospital in Tampa.")
    assert "Police" not in ps and "University" not in ps and ps["Tampa"].admin1 == "Florida"


def test_a_county_named_with_its_word_is_that_county() -> None:
    ps = places("Deputies with the Pasco County Sheriff's Office said the boy was shot in the arm.")
    assert ps["Pasco County"].country == "USA" and ps["Pasco County"].feature == "admin2"
    assert "Pasco" not in ps


def test_a_big_city_outranks_a_small_district_of_the_same_name_abroad() -> None:
    ps = places("Three people were hurt in a shooting in Toledo early Sunday.")
    assert ps["Toledo"].country == "USA"


def test_a_headline_in_title_case_is_no_evidence_of_a_name() -> None:
    text = "Two Shots Ring Out at the Mall\n\nPolice said shots were fired at a shopping centre in Bethesda."
    ps = places(text)
    assert "Ring" not in ps and "Mall" not in ps and ps["Bethesda"].country == "USA"


def test_a_surname_the_tagger_calls_a_place_stays_a_person() -> None:
    text = ("Marco Maldonado, 19, was charged on Friday. Maldonado appeared in court in Chicago, where a judge "
            "set bond. Police later took Maldonado into custody.")
    ps = places(text)
    assert "Maldonado" not in ps and ps["Chicago"].country == "USA"


def test_armed_groups_are_not_places_and_point_to_their_country() -> None:
    ps = places("Hamas said its fighters fired rockets overnight.")
    assert "Hamas" not in ps
    ps = places("Boko Haram gunmen raided Gwoza at dawn, residents said.")
    assert ps["Gwoza"].country == "NGA"


def test_a_town_naming_its_people_is_a_place() -> None:
    ps = places("A 19-year-old Chalmette man was arrested after the shooting, deputies said.")
    assert ps["Chalmette"].country == "USA"
    ps = places("Police detained 40 Bulawayo youth members who were marching against unemployment.")
    assert ps["Bulawayo"].country == "ZWE"


def test_a_near_spelling_needs_its_country_in_the_text() -> None:
    ps = places("A bus was attacked by gunmen near Ndissi village on the road north.")
    assert "Ndissi" not in ps


def test_a_town_missing_from_its_state_falls_back_to_the_state() -> None:
    ps = places("On Tuesday night, in Gifford, Washington, United States, activists freed animals from a farm.")
    assert ps["Gifford"].admin1 == "Washington" and geo_precision(ps["Gifford"]) == 2


def test_a_clause_cut_from_its_sentence_keeps_the_sentence_day() -> None:
    from datetime import date

    from rashomon.model import Document
    from rashomon.read import read

    text = ("A 17-year-old boy was arrested after a girl was accidentally shot while he was showing off a pistol "
            "Monday night in Chalmette, officials said.")
    ms = read(Document(text=text, source="t.txt", published=date(2016, 1, 19))).mentions
    assert ms and ms[0].date == date(2016, 1, 18) and ms[0].date_precision == "day"


def test_with_no_dated_event_sentence_the_first_named_day_leads() -> None:
    from datetime import date

    from rashomon.model import Document
    from rashomon.read import read

    text = ("14-year-old boy dies in shooting near Graysville\n\n"
            "Deputies responded to the scene around noon Monday in the 4100 block of State Road 154.")
    ms = [m for m in read(Document(text=text, source="t.txt", published=date(2016, 9, 7))).mentions]
    assert ms and ms[0].date == date(2016, 9, 5)


def test_a_named_zone_is_no_town_abroad() -> None:
    text = ("Two rockets were fired into Baghdad's Green Zone overnight, the Iraqi military said. Air defences "
            "over Baghdad and Basra were seen in action.")
    ps = places(text)
    assert all(p.country == "IRQ" for p in ps.values()) and "Green" not in ps and "Green Zone" not in ps
    ps = places("Clashes erupted in the Abyei Area on Monday.")
    assert "Area" not in ps


def _user_gazetteer(tmp_path, rows: str):
    from rashomon.read.gazetteer import Gazetteer

    f = tmp_path / "mine.csv"
    f.write_text("name,alternatenames,latitude,longitude,country,admin1,feature\n" + rows, encoding="utf-8")
    return Gazetteer(extra_csv=[f])


def test_a_place_known_only_by_another_name_abroad_is_not_taken_where_the_text_points_elsewhere(tmp_path) -> None:
    # an invented Mongolian town whose old name is "Korbatpur"
    gaz = _user_gazetteer(tmp_path, "Dzelmoron,Korbatpur,47.9,106.9,MNG,Ulaanbaatar,populated place\n")

    def found(text: str) -> dict[str, Place]:
        return {text[p.start : p.end]: p for p in find_places(text, gazetteer=gaz)}

    # the people it names point to Kenya: "Korbatpur" is no old name of a town in Mongolia here
    ps = found("Kenyan troops clashed with gunmen near Korbatpur on Sunday.")
    assert "Korbatpur" not in ps or ps["Korbatpur"].country != "MNG"
    assert ps["Kenyan"].country == "KEN"
    # with nothing pointing elsewhere the old name still finds the town
    assert found("Troops clashed with gunmen near Korbatpur on Sunday.")["Korbatpur"].country == "MNG"


def test_a_town_written_with_its_state_is_that_town_whatever_the_tagger_says() -> None:
    from rashomon.read.gazetteer import GazEntry, Match
    from rashomon.read.places import _blocked_ok, _Cand

    state = GazEntry("s", "Oregon", 44.0, -120.5, "USA", "Oregon", "admin1")
    town = GazEntry("t", "Dorvane", 46.1, -123.2, "USA", "Oregon", "populated place", 1700)
    elsewhere = GazEntry("e", "Dorvane", 40.0, -89.0, "USA", "Illinois", "populated place", 1700)
    doc = pytest.importorskip("rashomon.read.nlp").get_nlp()("Fires were set near Dorvane, Oregon.")
    c = _Cand(20, 27, "Dorvane", False, blocked="PERSON", whole=True, within=state)
    assert _blocked_ok(c, doc, Match(town, 3), {"USA": 1.0})
    assert not _blocked_ok(c, doc, Match(elsewhere, 3), {"USA": 1.0})  # a town of another state: no


def _km(a: Place, lat: float, lon: float) -> float:
    import math

    assert a.latitude is not None and a.longitude is not None
    p = math.pi / 180
    h = math.sin((lat - a.latitude) * p / 2) ** 2 + math.cos(a.latitude * p) * math.cos(lat * p) * math.sin(
        (lon - a.longitude) * p / 2
    ) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def test_a_neighbourhood_of_a_town_lies_in_that_town() -> None:
    # a Springfield far away is not meant: the neighbourhood falls back to the town, coarser
    ps = places("Police said the fire broke out in the Springfield neighborhood of Tucson, Arizona, late on Friday.")
    assert _km(ps["Springfield"], 32.22, -110.93) < 50
    assert ps["Springfield"].gazetteer_id.startswith(FALLBACK_PREFIX) and geo_precision(ps["Springfield"]) == 2
    # "the Houston suburb of Katy" says it the other way round: the bigger place first
    ps = places("He grew up in the Houston suburb of Katy, Texas.")
    assert not ps["Houston"].gazetteer_id.startswith(FALLBACK_PREFIX)
    assert ps["Katy"].name == "Katy"


def test_an_unknown_place_written_before_its_town_falls_back_to_the_town() -> None:
    ps = places("Protesters burned tyres in Zelmoor Heights, Nairobi, on Tuesday.")
    assert ps["Zelmoor Heights"].country == "KEN" and ps["Zelmoor Heights"].gazetteer_id.startswith(FALLBACK_PREFIX)


def test_nigerian_local_government_areas_are_districts() -> None:
    ps = places("Gunmen killed four farmers in Konduga Local Government Area of Borno State.")
    assert ps["Konduga"].feature == "admin2" and ps["Konduga"].country == "NGA"
    assert places("Militants attacked a market in Dikwa LGA, Borno State.")["Dikwa"].feature == "admin2"


def test_countries_bordering_those_named_get_a_weak_share() -> None:
    from rashomon.read.countries import neighbours
    from rashomon.read.places import _neighbour_shares

    assert "SOM" in neighbours()["KEN"]
    near = _neighbour_shares({"SOM": 1.0})
    assert 0 < near["KEN"] < 0.5 and "NGA" not in near and "SOM" not in near
    assert "KEN" not in _neighbour_shares({"SOM": 0.5, "KEN": 0.5})  # a country named has its own share


def test_a_word_inside_an_unknown_place_name_is_no_village_of_that_word() -> None:
    # "Abu Zelqarin" is invented: its first word is no village of Japan named Abu
    ps = places("A boy was shot dead at a checkpoint in Abu Zelqarin on Monday.")
    assert "Abu" not in ps
