"""The HTTP API and the server-rendered pages, through FastAPI's TestClient over a real SQLite file.

The store is built directly from model values (no reading stage), so these tests are fast and say
exactly what the API must return."""

from __future__ import annotations

import csv
import io
import json
import os
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rashomon.model import (
    Actor,
    Claim,
    Count,
    Dispute,
    Document,
    Event,
    Mention,
    Position,
    Reading,
    Source,
)
from rashomon.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SUDAN = (
    "Shelling hit a market in El Fasher on 3 March 2024, killing 12 civilians, the Sudanese army said. "
    "The Rapid Support Forces denied shelling the market. "
    "A local monitor said 15 people were killed."
)
KHARKIV = (
    "<b>Kharkiv</b> was struck by drones on 5 March 2024, the regional governor said. "
    "Two people were wounded, according to the governor."
)
ARMY = Source("Sudanese Armed Forces", "SDN", "military")
RSF = Source("Rapid Support Forces", "SDN", "military")
MONITOR = Source("local monitor", None, "unnamed")
GOVERNOR = Source("Governor of Kharkiv Oblast", "UKR", "government")


def _span(text: str, sentence_start: str) -> tuple[int, int, str]:
    a = text.index(sentence_start)
    b = text.index(".", a) + 1
    return a, b, text[a:b]


def build_store(path: Path) -> Store:
    """Two documents, their claims, and four events: one disputed (SDN), one with a date range (UKR),
    one without a location, one historical."""
    store = Store.open(path)
    sudan = Document(
        text=SUDAN,
        source="sudan.txt",
        title="Market shelled in El Fasher",
        outlet="Wire A",
        url="https://example.org/a",
        published=date(2024, 3, 4),
    )
    kharkiv = Document(
        text=KHARKIV,
        source="kharkiv.txt",
        title="Drones hit Kharkiv",
        outlet="Wire B",
        url="javascript:alert(1)",
        published=date(2024, 3, 6),
    )
    m_sdn = Mention(
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        date(2024, 3, 3),
        country="SDN",
        admin1="North Darfur",
        location="El Fasher",
        latitude=13.63,
        longitude=25.35,
        geo_precision=1,
        actor1="Rapid Support Forces",
        actor2="Civilians (Sudan)",
    )
    claims_sdn = [
        Claim(*_span(SUDAN, "Shelling hit"), ARMY, "asserted", {"killed": {"side": "SDN", "value": 12}}, mention=0),
        Claim(*_span(SUDAN, "The Rapid Support"), RSF, "denied", {"initiator": "RSF"}, mention=0),
        Claim(*_span(SUDAN, "A local monitor"), MONITOR, "asserted", {"killed": {"side": "SDN", "value": 15}}, mention=0),
    ]
    m_ukr = Mention(
        "Explosions/Remote violence",
        "Air/drone strike",
        date(2024, 3, 5),
        date_end=date(2024, 3, 6),
        country="UKR",
        admin1="Kharkiv",
        location="Kharkiv",
        latitude=49.99,
        longitude=36.23,
        geo_precision=1,
    )
    claims_ukr = [
        Claim(*_span(KHARKIV, "<b>Kharkiv"), GOVERNOR, "asserted", {}, mention=0),
        Claim(*_span(KHARKIV, "Two people"), GOVERNOR, "asserted", {"wounded": {"side": "UKR", "value": 2}}, mention=0),
    ]
    assert store.add_document(sudan, Reading(mentions=[m_sdn], claims=claims_sdn))
    assert store.add_document(kharkiv, Reading(mentions=[m_ukr], claims=claims_ukr))
    sid, kid = sudan.id, kharkiv.id
    events = [
        Event(
            "ev-sdn1",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            date(2024, 3, 3),
            None,
            "day",
            False,
            "SDN",
            "North Darfur",
            "El Fasher",
            13.63,
            25.35,
            1,
            "Rapid Support Forces",
            "Civilians (Sudan)",
            mentions=[f"{sid}-m0"],
            claims=[f"{sid}-c0", f"{sid}-c1", f"{sid}-c2"],
            counts=[
                Count("killed", "SDN", 12, 12, 15, [f"{sid}-c0", f"{sid}-c2"], party="Civilians (Sudan)")
            ],
            actors=[
                Actor("Rapid Support Forces", "SDN", "rebels", "actor1"),
                Actor("Civilians (Sudan)", "SDN", "civilians", "victim"),
            ],
            disputes=[
                Dispute(
                    "initiator", [Position("RSF", [f"{sid}-c0"]), Position({"not": "RSF"}, [f"{sid}-c1"])]
                )
            ],
        ),
        Event(
            "ev-ukr1",
            "Explosions/Remote violence",
            "Air/drone strike",
            date(2024, 3, 5),
            date(2024, 3, 6),
            "day",
            False,
            "UKR",
            "Kharkiv",
            "Kharkiv",
            49.99,
            36.23,
            1,
            None,
            None,
            mentions=[f"{kid}-m0"],
            claims=[f"{kid}-c0", f"{kid}-c1"],
            counts=[Count("wounded", "UKR", 2, 2, 2, [f"{kid}-c1"])],
        ),
        Event(
            "ev-nowhere",
            "Battles",
            "Armed clash",
            date(2024, 2, 1),
            None,
            "month",
            False,
            "MLI",
            None,
            None,
            None,
            None,
            3,
            None,
            None,
            date_inferred=True,
        ),
        Event(
            "ev-undated",
            "Violence against civilians",
            "Attack",
            None,
            None,
            "day",
            False,
            None,
            None,
            None,
            None,
            None,
            3,
            None,
            None,
            counts=[Count("wounded", None, 3, 3, None, [])],
        ),
        Event(
            "ev-old",
            "Battles",
            "Armed clash",
            date(1995, 7, 11),
            None,
            "day",
            True,
            "BIH",
            None,
            "Srebrenica",
            44.1,
            19.3,
            1,
            None,
            None,
        ),
    ]
    store.replace_events(events, [f"{sid}-m0", f"{kid}-m0"])
    return store


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    from rashomon.serve import create_app

    store = build_store(tmp_path_factory.mktemp("api") / "api.db")
    with TestClient(create_app(store)) as c:
        yield c


def ids(resp: Any) -> list[str]:
    assert resp.status_code == 200, resp.text
    return [e["id"] for e in resp.json()["items"]]


def test_events_list_filters(client):
    # by date, the undated first; history left out
    assert ids(client.get("/api/events")) == ["ev-undated", "ev-nowhere", "ev-sdn1", "ev-ukr1"]
    assert "ev-old" in ids(client.get("/api/events?historical=true"))
    assert ids(client.get("/api/events?country=sdn")) == ["ev-sdn1"]
    assert ids(client.get("/api/events?admin1=kharkiv")) == ["ev-ukr1"]
    assert ids(client.get("/api/events?event_type=Battles")) == ["ev-nowhere"]
    assert ids(client.get("/api/events?event_type=Air/drone strike")) == ["ev-ukr1"]
    assert ids(client.get("/api/events?disputed=true")) == ["ev-sdn1"]
    assert ids(client.get("/api/events?source=rapid support forces")) == ["ev-sdn1"]
    assert ids(client.get("/api/events?q=market")) == ["ev-sdn1"]
    assert ids(client.get("/api/events?q=nothing-like-this")) == []
    # a date range overlaps events: the Kharkiv strike runs 5-6 March
    assert ids(client.get("/api/events?date_from=2024-03-06")) == ["ev-ukr1"]
    assert ids(client.get("/api/events?date_from=2024-03-01&date_to=2024-03-04")) == ["ev-sdn1"]
    assert ids(client.get("/api/events?date_to=2024-02-28")) == ["ev-nowhere"]


def test_events_list_items(client):
    items = {e["id"]: e for e in client.get("/api/events").json()["items"]}
    sdn = items["ev-sdn1"]
    assert sdn["place"] == "El Fasher, North Darfur, Sudan" and sdn["country_name"] == "Sudan"
    assert sdn["fatalities"] == 12 and sdn["disputed_fields"] == ["initiator"]
    assert sdn["n_sources"] == 1 and set(sdn["source_names"]) == {ARMY.name, RSF.name, MONITOR.name}
    assert items["ev-nowhere"]["latitude"] is None


def test_events_paging(client):
    seen = []
    for offset in range(0, 5):
        body = client.get(f"/api/events?limit=1&offset={offset}&historical=true").json()
        assert body["total"] == 5 and body["limit"] == 1 and body["offset"] == offset
        seen += [e["id"] for e in body["items"]]
    assert seen == ids(client.get("/api/events?historical=true"))
    assert client.get("/api/events?offset=10").json()["items"] == []


@pytest.mark.parametrize(
    "query,needle",
    [
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=abc", "limit"),
        ("offset=-1", "offset"),
        ("date_from=2024-02-30", "date_from"),
        ("date_to=yesterday", "date_to"),
        ("date_from=2024-03-05&date_to=2024-03-01", "after"),
        ("country=Sudan", "country"),
        ("country=S1N", "country"),
        ("event_type=picnic", "event_type"),
        ("disputed=maybe", "disputed"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_events_bad_parameters(client, query, needle):
    r = client.get("/api/events?" + query)
    assert r.status_code == 422, r.text
    assert needle in r.json()["detail"]


def test_event_detail(client):
    d = client.get("/api/events/ev-sdn1").json()
    assert d["event"]["id"] == "ev-sdn1" and d["place"] == "El Fasher, North Darfur, Sudan"
    assert d["counts"] == [
        {
            "kind": "killed",
            "side": "SDN",
            "party": "Civilians (Sudan)",
            "label": "Civilians (Sudan): 12 (12 to 15 in the reports) killed",
            "low": 12,
            "best": 12,
            "high": 15,
            "claims": d["counts"][0]["claims"],
            "sources": sorted([ARMY.name, MONITOR.name]),
        }
    ]
    (dispute,) = d["disputes"]
    assert dispute["field"] == "initiator"
    assert [p["label"] for p in dispute["positions"]] == ["RSF", "not RSF"]
    assert [p["sources"] for p in dispute["positions"]] == [[ARMY.name], [RSF.name]]
    assert dispute["positions"][1]["evidence"][0]["stance"] == "denied"
    assert list(d["by_source"]) == sorted([ARMY.name, RSF.name, MONITOR.name], key=str.casefold)
    assert {c["text"] for c in d["claims"]} >= {"The Rapid Support Forces denied shelling the market."}


def test_event_detail_errors(client):
    assert client.get("/api/events/ev-missing").status_code == 404
    assert "no event" in client.get("/api/events/ev-missing").json()["detail"]
    assert client.get("/api/events/" + "x" * 65).status_code == 422
    assert client.get("/api/events/a%20b").status_code == 422


def test_documents(client):
    body = client.get("/api/documents").json()
    assert body["total"] == 2
    assert {d["title"] for d in body["items"]} == {"Market shelled in El Fasher", "Drones hit Kharkiv"}
    assert all("text" not in d for d in body["items"])
    page = client.get("/api/documents?limit=1&offset=1").json()
    assert page["total"] == 2 and len(page["items"]) == 1
    doc_id = next(d["id"] for d in body["items"] if d["title"] == "Market shelled in El Fasher")
    d = client.get(f"/api/documents/{doc_id}").json()
    assert d["text"] == SUDAN and d["events"] == ["ev-sdn1"]
    assert [(c["start"], c["end"]) for c in d["claims"]] == [
        _span(SUDAN, s)[:2] for s in ("Shelling hit", "The Rapid Support", "A local monitor")
    ]
    assert all(SUDAN[c["start"] : c["end"]] == c["text"] for c in d["claims"])
    assert client.get("/api/documents/0000000000000000").status_code == 404
    assert client.get("/api/documents?limit=1000").status_code == 422


def test_sources(client):
    body = client.get("/api/sources").json()
    by_name = {s["name"]: s for s in body["items"]}
    assert set(by_name) == {ARMY.name, RSF.name, MONITOR.name, GOVERNOR.name}
    assert by_name[GOVERNOR.name]["n_claims"] == 2 and by_name[GOVERNOR.name]["n_disputed"] == 0
    # the army and the RSF hold opposite positions on who fired: each is disputed by the other
    assert by_name[ARMY.name]["n_disputed"] == 1 and by_name[RSF.name]["n_disputed"] == 1
    assert by_name[MONITOR.name]["n_disputed"] == 0
    one = client.get(f"/api/sources/{by_name[RSF.name]['id']}").json()
    assert one["name"] == RSF.name and [c["disputed"] for c in one["claims"]] == [True]
    assert one["claims"][0]["event"] == "ev-sdn1"
    assert client.get("/api/sources/999999").status_code == 404
    assert client.get("/api/sources/abc").status_code == 422
    assert client.get("/api/sources/0").status_code == 422


def test_facets_and_stats(client):
    f = client.get("/api/facets").json()
    assert f["countries"] == ["BIH", "MLI", "SDN", "UKR"]
    assert "Air/drone strike" in f["sub_event_types"] and f["date_max"] == "2024-03-06"
    assert client.get("/api/stats").json()["events"] == 5
    assert f["undated"] == 1 and f["country_names"]["BIH"] == "Bosnia and Herzegovina"
    assert f["admin1_by_country"] == {"SDN": ["North Darfur"], "UKR": ["Kharkiv"]}


def test_exports(client):
    everything = {"ev-sdn1", "ev-ukr1", "ev-nowhere", "ev-old", "ev-undated"}
    r = client.get("/api/export/json?historical=true")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    assert {e["id"] for e in r.json()["events"]} == everything and r.headers["x-total-count"] == "5"
    r = client.get("/api/export/csv?historical=true")
    assert r.headers["content-type"].startswith("text/csv") and r.headers["content-disposition"].endswith(
        '.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {row["event_id_cnty"] for row in rows} == everything
    r = client.get("/api/export/geojson?historical=true")
    geo = json.loads(r.text)
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 3  # ev-nowhere has no point
    r = client.get("/api/export/xml")
    assert r.status_code == 422 and "json" in r.json()["detail"]


def test_borders(client):
    from rashomon.serve.assets import borders_path

    r = client.get("/api/borders")
    if not borders_path().is_file():
        assert r.status_code == 404 and "setup" in r.json()["detail"]
        assert not os.environ.get("CI"), "CI must install the country borders (scripts/setup.sh)"
        pytest.skip("country borders are not installed (scripts/setup.sh installs them)")
    geo = r.json()
    names = {f["properties"]["name"] for f in geo["features"]}
    assert {"Sudan", "Ukraine", "Mali", "Colombia", "Myanmar"} <= names
    ukraine = next(f for f in geo["features"] if f["properties"]["name"] == "Ukraine")
    lons = [p[0] for poly in ukraine["geometry"]["coordinates"] for ring in poly for p in ring]
    lats = [p[1] for poly in ukraine["geometry"]["coordinates"] for ring in poly for p in ring]
    assert 21 < min(lons) < 24 and 39 < max(lons) < 41 and 44 < min(lats) < 46 and 51 < max(lats) < 53


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) >= {
        "/api/events",
        "/api/events/{event_id}",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/sources",
        "/api/sources/{source_id}",
        "/api/export/{fmt}",
        "/api/facets",
        "/api/borders",
    }
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert params >= {
        "date_from",
        "date_to",
        "country",
        "admin1",
        "event_type",
        "disputed",
        "source",
        "q",
        "limit",
        "offset",
    }
    bad = spec["paths"]["/api/events"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]
    assert bad["$ref"].endswith("/Problem")  # the documented error is the one the API sends
    page = client.get("/docs")
    assert page.status_code == 200 and "/openapi.json" in page.text + client.get("/static/docs-init.js").text
    assert "cdn" not in page.text.lower()


def test_request_limits_and_headers(client):
    assert client.get("/api/events?q=" + "x" * 5000).status_code == 414
    r = client.post("/api/events", content=b"x" * 100_000)
    assert r.status_code == 413
    assert client.post("/api/events", content=b"{}").status_code == 405
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_pages_render_and_escape(client):
    docs = {d["title"]: d["id"] for d in client.get("/api/documents").json()["items"]}
    for url in (
        "/",
        "/events/ev-sdn1",
        "/documents",
        f"/documents/{docs['Drones hit Kharkiv']}",
        "/sources",
        "/docs",
    ):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert "<script>" not in r.text  # only <script src=...> of our own
    event = client.get("/events/ev-sdn1").text
    assert 'data-field="initiator"' in event and "not RSF" in event and "Rapid Support Forces" in event
    doc = client.get(f"/documents/{docs['Drones hit Kharkiv']}").text
    assert "&lt;b&gt;Kharkiv&lt;/b&gt;" in doc and "<b>Kharkiv</b>" not in doc  # article text is literal
    assert 'href="javascript:' not in doc  # unsafe document URLs are never links
    assert doc.count('<mark class="evidence') == 2 and 'href="/events/ev-ukr1#claim-' in doc
    assert client.head("/").status_code == 200 and client.head("/events/ev-sdn1").status_code == 200
    assert client.get("/events/nope").status_code == 404
    assert client.get("/documents/nope").status_code == 404


def test_segments_cover_text_once():
    from rashomon.serve.app import _segments

    text = "abcdefghij"
    claims = [
        {"id": "a", "start": 1, "end": 6},
        {"id": "b", "start": 3, "end": 5},
        {"id": "c", "start": 8, "end": 99},
    ]
    segs = _segments(text, claims)
    assert "".join(s["text"] for s in segs) == text
    assert [(s["text"], [c["id"] for c in s["claims"]]) for s in segs] == [
        ("a", []),
        ("bc", ["a"]),
        ("de", ["a", "b"]),
        ("f", ["a"]),
        ("gh", []),
        ("ij", ["c"]),
    ]
    assert [s["anchors"] for s in segs] == [[], ["a"], ["b"], [], [], ["c"]]


def test_catalog_follows_the_store(tmp_path):
    """A new ingest or a relink shows without restarting the server."""
    from rashomon.serve.app import build_app

    store = build_store(tmp_path / "live.db")
    with TestClient(build_app(store, refresh=0)) as c:
        assert "ev-ukr1" in ids(c.get("/api/events"))
        ukr = next(e for e in store.events() if e.id == "ev-ukr1")
        ukr.id = "ev-ukr2"  # a relink that renames an event keeps every row count
        store.replace_events([ukr], ukr.mentions)
        assert "ev-ukr2" in ids(c.get("/api/events")) and "ev-ukr1" not in ids(c.get("/api/events"))


@pytest.mark.parametrize(
    "query",
    [
        "country=SDN",
        "country=ukr",
        "admin1=Kharkiv",
        "event_type=Battles",
        "disputed=true",
        "source=Rapid Support Forces",
        "q=market",
        "date_from=2024-03-05",
        "date_to=2024-02-28",
        "historical=true&date_to=2000-01-01",
        "",
    ],
)
def test_exports_are_exactly_the_filter(client, query):
    """Every format of /api/export takes the list's filter and returns exactly the events it lists."""
    want = set(ids(client.get("/api/events?limit=500&" + query)))
    j = client.get("/api/export/json?" + query)
    assert {e["id"] for e in j.json()["events"]} == want and j.headers["x-total-count"] == str(len(want))
    kept = {c for e in j.json()["events"] for c in e["claims"]}
    assert {c["id"] for c in j.json()["claims"]} == kept
    assert {d["id"] for d in j.json()["documents"]} == {c["document"] for c in j.json()["claims"]}
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/csv?" + query).text)))
    assert {r["event_id_cnty"] for r in rows} == want
    geo = client.get("/api/export/geojson?" + query).json()
    located = {e["id"] for e in client.get("/api/events?limit=500&" + query).json()["items"] if e["latitude"]}
    assert {f["id"] for f in geo["features"]} == located


def test_export_parameters_match_the_list(client):
    spec = client.get("/openapi.json").json()["paths"]
    listed = {p["name"] for p in spec["/api/events"]["get"]["parameters"]} - {"limit", "offset"}
    exported = {p["name"] for p in spec["/api/export/{fmt}"]["get"]["parameters"]} - {"fmt"}
    assert listed == exported
    assert client.get("/api/export/csv?country=Sudan").status_code == 422
    assert client.get("/api/export/csv?event_type=picnic").status_code == 422


def test_undated_events_are_counted_not_hidden(client):
    assert client.get("/api/events").json()["undated_hidden"] == 0
    assert client.get("/api/events").json()["history_hidden"] == 1  # Srebrenica, 1995
    assert client.get("/api/events?historical=true").json()["history_hidden"] == 0
    assert client.get("/api/events?country=SDN").json()["history_hidden"] == 0
    body = client.get("/api/events?date_from=2024-01-01").json()
    assert "ev-undated" not in [e["id"] for e in body["items"]] and body["undated_hidden"] == 1
    assert client.get("/api/events?date_from=2024-01-01&country=SDN").json()["undated_hidden"] == 0
    # ev-nowhere's date (Feb 2024) is inferred: a filter that leaves it out says so
    assert client.get("/api/events?date_from=2024-03-01").json()["inferred_hidden"] == 1
    assert client.get("/api/events?date_to=2024-02-15").json()["inferred_hidden"] == 0  # it is shown
    assert client.get("/api/events?date_from=2024-03-01&country=SDN").json()["inferred_hidden"] == 0
    items = {e["id"]: e for e in client.get("/api/events").json()["items"]}
    assert items["ev-undated"]["date_text"] == "undated"
    assert items["ev-nowhere"]["date_inferred"] is True
    assert items["ev-nowhere"]["date_text"] == "Feb 2024"
    assert items["ev-nowhere"]["date_note"] == "inferred from the publication date"
    assert items["ev-sdn1"]["date_note"] is None and items["ev-sdn1"]["date_text"] == "3 Mar 2024"
    assert items["ev-ukr1"]["date_text"] == "5 Mar 2024 to 6 Mar 2024"


def test_event_page_in_plain_words(client):
    page = client.get("/events/ev-sdn1").text
    assert "Civilians (Sudan): 12 (12 to 15 in the reports) killed" in page
    assert "Rapid Support Forces (rebels, Sudan)" in page and "Who started it" in page
    assert "Wire A" in page and "Market shelled in El Fasher" in page and "2024-03-04" in page
    assert "SDN" not in page.replace('"SDN"', "")  # no bare ISO code shown
    assert "inferred from the publication date" in client.get("/events/ev-nowhere").text
    assert "undated" in client.get("/events/ev-undated").text
    assert "side not stated: 3 or more wounded" in client.get("/events/ev-undated").text
    # how each report tells it: the Sudan article dates the shelling 3 March and names El Fasher
    report = page[page.index('id="reports"') :]
    assert "Market shelled in El Fasher" in report and "3 Mar 2024" in report and "El Fasher, North Darfur" in report


def test_sources_page_lists_outlets_and_source_page(client):
    page = client.get("/sources").text
    assert 'data-outlet="Wire A"' in page and 'data-outlet="Wire B"' in page
    by_name = {s["name"]: s for s in client.get("/api/sources").json()["items"]}
    one = client.get(f"/sources/{by_name[GOVERNOR.name]['id']}")
    assert one.status_code == 200 and one.text.count('<tr class="claim') == 2
    assert "Wounded: 2" in one.text and "Drones hit Kharkiv" not in one.text or "Wire B" in one.text
    assert client.get("/sources/999999").status_code == 404


def test_labels_in_plain_words():
    from rashomon.present.labels import count_label, date_label, date_note, field_label, value_label

    assert (
        value_label("civilian_targeting", False) == "No" and value_label("civilian_targeting", True) == "Yes"
    )
    assert (
        value_label("territory", "ARM") == "Armenia"
        and value_label("territory", {"not": "AZE"}) == "not Azerbaijan"
    )
    assert value_label("killed", {"side": "ARM", "value": 6}) == "Armenian side: 6"
    assert field_label("territory") == "On whose territory" and field_label("civilian_targeting").endswith(
        "?"
    )
    assert field_label("weapon_used") == "Weapon used"
    assert count_label(
        {"kind": "killed", "side": "ARM", "party": None, "low": 49, "best": 49, "high": None}
    ) == ("Armenian side: 49 or more killed")
    police = {
        "kind": "killed",
        "side": "RUS",
        "party": "Police Forces of Russia",
        "low": 5,
        "best": 5,
        "high": 5,
    }
    assert count_label(police) == "Police Forces of Russia: 5 killed"
    assert date_label({"date": "2021-05-14", "date_precision": "week"}) == "week of 14 May 2021"
    assert date_label({"date": None}) == "undated"
    assert date_note({"date": "2022-09-13", "date_inferred": True, "year_guessed": True}) == (
        "inferred; the year is a guess"
    )


def test_rashomon_view_puts_each_source_in_its_row():
    from rashomon.serve.detail import cards, rashomon_view

    def claim(
        i: str, source: str, stance: str, fields: dict[str, Any], kind: str = "military"
    ) -> dict[str, Any]:
        return {
            "id": i,
            "document": "d1",
            "start": int(i),
            "end": int(i) + 5,
            "text": f" “claim {i}” ",
            "source": source,
            "source_id": 1,
            "source_kind": kind,
            "source_country": None,
            "stance": stance,
            "fields": fields,
            "outlet": "Wire A",
        }

    cl = [
        claim("1", "Ministry of Defense of Azerbaijan", "asserted", {"territory": "AZE"}),
        claim("2", "Ministry of Defense of Armenia", "asserted", {"territory": "ARM", "initiator": "AZE"}),
        claim("3", "Ministry of Defense of Azerbaijan", "denied", {"territory": "ARM"}),
        claim("4", "the article", "asserted", {"killed": {"side": "ARM", "value": 2}}, kind="outlet"),
    ]
    view = rashomon_view(cl)
    assert [c["field"] for c in view["columns"]] == ["initiator", "territory", "killed"]
    rows = {r["source"]: r for r in view["rows"]}
    assert rows["Ministry of Defense of Azerbaijan"]["cells"]["territory"]["values"] == [
        "Azerbaijan",
        "not Armenia",
    ]
    assert rows["Ministry of Defense of Armenia"]["cells"]["territory"]["values"] == ["Armenia"]
    assert rows["Wire A (own voice)"]["cells"]["killed"]["values"] == ["Armenian side: 2"]
    # one card per statement, quote marks not doubled
    twice = [cl[0], {**cl[0], "id": "9", "source": "Interfax"}]
    (card,) = cards(twice)
    assert card["text"] == "claim 1" and card["also"] == ["Interfax"]


def test_outlet_from_the_address_when_none_is_named():
    from rashomon.serve.catalog import _site

    assert _site("https://www.reuters.com/world/asia/x") == "reuters.com"
    assert _site("http://apnews.com/article/1") == "apnews.com"
    assert _site("javascript:alert(1)") is None and _site("file:///etc/passwd") is None
    assert _site(None) is None and _site("not a url") is None


def test_the_cli_serves_the_app_uvicorn_builds_from_the_factory_it_names(tmp_path, monkeypatch):
    # `rashomon serve` hands uvicorn an import string, not an app: the string must name a factory
    # that serves the database $RASHOMON_DB names
    from uvicorn.importer import import_from_string

    from rashomon.cli import SERVE_FACTORY

    build_store(tmp_path / "factory.db").close()
    monkeypatch.setenv("RASHOMON_DB", str(tmp_path / "factory.db"))
    with TestClient(import_from_string(SERVE_FACTORY)()) as c:
        assert "ev-ukr1" in ids(c.get("/api/events"))
