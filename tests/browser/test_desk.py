"""The web UI as an analyst's desk (issue 16), in headless Chromium: filtered exports, dates with their
certainty, undated events, plain words, evidence cards, the Rashomon view, a phone-sized layout.

Most tests run on a store built from model values (tests/test_api.py's fixture: parties, per-party counts,
an inferred date, an undated event); the Rashomon-view test runs on the seeds. Screenshots of every page,
at desktop and phone size, go to test-artifacts/screenshots/."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import urllib.request
from typing import Any

import pytest

pytest.importorskip("playwright", reason="browser tests need Playwright for Python (pip install playwright)")
from playwright.sync_api import expect  # noqa: E402

from .conftest import serve_store  # noqa: E402
from .test_web import capture_event, open_events  # noqa: E402

PHONE = (390, 844)


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Any:
    from test_api import build_store

    path = tmp_path_factory.mktemp("desk") / "desk.db"
    build_store(path)
    with serve_store(str(path)) as served:
        yield served


@pytest.fixture(scope="module")
def seeds(seeds_export) -> Any:
    with serve_store(seeds_export["_db"]) as served:
        yield served


def fetch(served: Any, path: str) -> tuple[bytes, dict[str, str]]:
    with urllib.request.urlopen(served.url + path, timeout=10) as r:  # noqa: S310 - loopback test server
        return r.read(), dict(r.headers)


def api(served: Any, path: str) -> Any:
    return json.loads(fetch(served, path)[0])


def pages_of(served: Any) -> dict[str, str]:
    """One address per kind of page, named for the screenshots."""
    events = api(served, "/api/events?limit=500&historical=true")["items"]
    ev = max(events, key=lambda e: (len(e["disputed_fields"]), len(e["source_names"])))
    doc = api(served, "/api/documents")["items"][0]
    src = api(served, "/api/sources")["items"][0]
    return {
        "events": "/",
        "event": f"/events/{ev['id']}",
        "documents": "/documents",
        "document": f"/documents/{doc['id']}",
        "sources": "/sources",
        "source": f"/sources/{src['id']}",
        "api-docs": "/docs",
    }


def visit(w: Any, base: str, url: str) -> Any:
    page = w.page
    page.goto(base + url)
    if url.startswith("/?") or url == "/":
        page.wait_for_selector("body[data-ready=true]")
    elif url == "/docs":
        page.wait_for_timeout(300)
    return page


def test_export_links_follow_the_filter(desk, watched):
    w = watched(desk.url)
    page = open_events(w, desk.url)
    page.select_option("select[name=country]", "SDN")
    expect(page.locator("#event-table tbody tr")).to_have_count(1)
    expect(page.locator("#export-count")).to_have_text("1")
    for fmt in ("json", "csv", "geojson"):
        href = page.get_attribute(f"#export-{fmt}", "href")
        assert "country=SDN" in href, href
        body, headers = fetch(desk, href)
        assert headers["x-total-count"] == "1"
        if fmt == "csv":
            assert [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(body.decode()))] == ["ev-sdn1"]
        elif fmt == "json":
            assert [e["id"] for e in json.loads(body)["events"]] == ["ev-sdn1"]
        else:
            assert [f["id"] for f in json.loads(body)["features"]] == ["ev-sdn1"]
    # the same with a search and the history box: the count shown is what the file holds
    page.select_option("select[name=country]", "")
    page.check("input[name=historical]")
    expect(page.locator("#export-count")).to_have_text("5")
    body, _ = fetch(desk, page.get_attribute("#export-json", "href"))
    assert len(json.loads(body)["events"]) == 5
    w.assert_quiet()


def test_inferred_date_marked_on_table_timeline_and_event_page(desk, watched):
    w = watched(desk.url)
    page = open_events(w, desk.url)
    row = page.locator('#event-table tbody tr[data-event="ev-nowhere"] td.when')
    assert row.get_attribute("data-certainty") == "inferred" and "(inferred)" in row.text_content()
    assert "Feb 2024" in row.text_content()
    plain = page.locator('#event-table tbody tr[data-event="ev-sdn1"] td.when')
    assert plain.get_attribute("data-certainty") == "read" and "inferred" not in plain.text_content()
    mark = page.locator('#timeline [data-event="ev-nowhere"]')
    assert "inferred" in mark.get_attribute("class") and mark.get_attribute("data-inferred") == "true"
    assert "inferred" not in page.get_attribute('#timeline [data-event="ev-sdn1"]', "class")
    # known to the month: drawn as a bar across the month, not a point
    assert mark.evaluate("n => n.tagName") == "rect"
    # month ticks on the axis, not arbitrary days
    ticks = page.locator("#timeline text.axis-label").all_text_contents()
    assert ticks and all(re.fullmatch(r"(\d+ [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{4}|\d{4})", t) for t in ticks), (
        ticks
    )
    page.goto(desk.url + "/events/ev-nowhere")
    when = page.locator("#event-date .when")
    assert when.get_attribute("data-certainty") == "inferred"
    assert "inferred from the publication date" in page.text_content("#event-date")
    assert "inferred" in page.text_content("#what")
    w.assert_quiet()


def test_undated_events_have_their_own_panel(desk, watched):
    w = watched(desk.url)
    page = open_events(w, desk.url)
    expect(page.locator("#undated-count")).to_have_text("1")
    link = page.locator('#undated-list li[data-event="ev-undated"] a')
    assert link.count() == 1 and "Attack" in link.text_content()
    assert "undated" in page.text_content("#summary")
    assert "1 event(s) reported as history are not shown" in page.text_content("#summary")
    # a date filter says what it leaves out
    page.fill("input[name=date_from]", "2024-01-01")
    page.dispatch_event("input[name=date_from]", "change")
    expect(page.locator("#summary")).to_contain_text("leaves out 1 undated")
    expect(page.locator("#undated-note")).to_contain_text("leaves out 1 undated")
    page.goto(desk.url + "/?date_from=2024-03-01")
    page.wait_for_selector("body[data-ready=true]")
    expect(page.locator("#summary")).to_contain_text("leaves out 1 undated")
    expect(page.locator("#summary")).to_contain_text("1 event(s) whose date is only inferred")
    page.goto(desk.url + "/")
    page.wait_for_selector("body[data-ready=true]")
    page.click('#undated-list li[data-event="ev-undated"] a')
    page.wait_for_url(re.compile(r"/events/ev-undated$"))
    assert "undated" in page.text_content("#event-date")
    w.assert_quiet()


def test_event_page_speaks_plainly(desk, watched):
    w = watched(desk.url)
    page = w.page
    page.goto(desk.url + "/events/ev-sdn1")
    assert page.text_content("#toll").strip() == "Civilians (Sudan): 12 (12 to 15 in the reports) killed"
    parties = page.locator("#parties li").all_text_contents()
    assert any("Rapid Support Forces" in p and "rebels" in p for p in parties), parties
    assert any(p.startswith("hit:") and "Civilians (Sudan)" in p for p in parties), parties
    assert page.locator('section.dispute[data-field="initiator"] h3').text_content() == "Who started it"
    assert "Sudan" in page.text_content("dl.facts") and ", SDN" not in page.text_content("dl.facts")
    # evidence cards: outlet, title linked to its document, date; one card per statement
    card = page.locator("section.source-group blockquote.card").first
    assert card.locator(".card-outlet").text_content() == "Wire A"
    assert card.locator("a.card-doc").text_content() == "Market shelled in El Fasher"
    assert card.locator(".card-date").text_content() == "2024-03-04"
    texts = page.locator("section.source-group blockquote.card > a").all_text_contents()
    assert len(texts) == len(set(texts)) and not any(t.startswith("““") for t in texts)
    card.locator("a.card-doc").click()
    page.wait_for_url(re.compile(r"/documents/"))
    w.shot("desk-event-followed")
    w.assert_quiet()


def test_table_sorts_and_regions_follow_country(desk, watched):
    w = watched(desk.url)
    page = open_events(w, desk.url)
    order = lambda: page.eval_on_selector_all(  # noqa: E731
        "#event-table tbody tr", "rows => rows.map(r => r.dataset.event)"
    )
    assert order()[-1] == "ev-undated"  # undated last when sorted by date
    page.click('#event-table th[data-sort="fatalities"] button')
    assert order()[0] != "ev-sdn1"
    page.click('#event-table th[data-sort="fatalities"] button')
    assert order()[0] == "ev-sdn1"
    regions = lambda: page.eval_on_selector_all(  # noqa: E731
        "select[name=admin1] option", "os => os.map(o => o.value).filter(Boolean)"
    )
    assert set(regions()) == {"North Darfur", "Kharkiv"}
    page.select_option("select[name=country]", "UKR")
    assert regions() == ["Kharkiv"]
    names = page.eval_on_selector_all("select[name=country] option", "os => os.map(o => o.textContent)")
    assert "Sudan" in names and "SDN" not in names
    w.assert_quiet()


def test_rashomon_view_of_the_capture(seeds, watched):
    """27 May 2021: Azerbaijan's Ministry of Defense and the Armenian side sit in different cells for
    territory, each cell the source's own claim with its stance."""
    w = watched(seeds.url)
    d = capture_event(seeds)
    page = w.page
    page.goto(f"{seeds.url}/events/{d['event']['id']}")
    table = page.locator("table.rashomon-view")
    assert table.count() == 1
    assert "territory" in table.locator("thead th[data-field]").evaluate_all(
        "hs => hs.map(h => h.dataset.field)"
    )
    cells = {
        r.get_attribute("data-source"): r.locator('td[data-field="territory"]').get_attribute("data-values")
        for r in table.locator("tbody tr").all()
    }
    mod = {
        v
        for s, vals in cells.items()
        if re.search(r"defen[cs]e.*azerbaijan", s, re.I)
        for v in vals.split("|")
        if v
    }
    armenia = {v for s, vals in cells.items() if re.search(r"armenia", s, re.I) for v in vals.split("|") if v}
    assert mod and armenia, cells
    assert not (mod & armenia), (mod, armenia)
    assert table.locator("td .stance").count() > 0
    # and how each report tells it: one row per document, with its own date and place
    reports = page.locator("table.reports tbody tr")
    assert reports.count() == d["event"]["n_sources"]
    assert all(r.locator("td.when").text_content().strip() for r in reports.all())
    w.shot("rashomon-view")
    w.assert_quiet()


def test_source_page_shows_claims_over_time(seeds, watched):
    w = watched(seeds.url)
    page = w.page
    src = api(seeds, "/api/sources")["items"][0]
    page.goto(seeds.url + "/sources")
    page.click(f'table.sources a[href="#source-{src["id"]}"]')
    page.click(f"#source-{src['id']} a.source-page")
    page.wait_for_url(re.compile(rf"/sources/{src['id']}$"))
    rows = page.locator("table.source-claims tbody tr")
    assert rows.count() == src["n_claims"]
    days = [d for d in rows.evaluate_all("rs => rs.map(r => r.dataset.day)") if d]
    assert days == sorted(days)
    outlets = page.goto(seeds.url + "/sources") and page.locator("table.outlets tbody tr")
    assert outlets.count() == len({d["outlet"] or d["source"] for d in api(seeds, "/api/documents")["items"]})
    w.assert_quiet()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_page_fits_and_is_photographed(desk, seeds, watched, size):
    """At 390x844 no page is wider than the screen; every page, at both sizes, has its screenshot."""
    viewport = PHONE if size == "phone" else (1280, 900)
    for name, served in (("desk", desk), ("seeds", seeds)):
        w = watched(served.url, viewport)
        for kind, url in pages_of(served).items():
            page = visit(w, served.url, url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width == viewport[0], f"{url} is {width}px wide at {viewport[0]}px"
            w.shot(f"{name}-{kind}-{size}")
        w.assert_quiet()
    if size == "phone":
        w = watched(seeds.url, PHONE)
        page = open_events(w, seeds.url)
        # the header's links all on screen; the table scrolls inside its box
        for a in page.locator("header.top a").all():
            b = a.bounding_box()
            assert b and b["x"] >= 0 and b["x"] + b["width"] <= PHONE[0]
        box = page.locator(".table-box").bounding_box()
        assert box["width"] <= PHONE[0]
        # timeline labels do not overlap
        boxes = [t.bounding_box() for t in page.locator("#timeline text.axis-label").all()]
        for a, b in zip(boxes, boxes[1:], strict=False):
            assert a["x"] + a["width"] <= b["x"] + 1, (a, b)
        w.assert_quiet()


def wait_zoom(page: Any, ok: Any) -> bool:
    for _ in range(40):
        if ok(float(page.get_attribute("#map", "data-zoom"))):
            return True
        page.wait_for_timeout(100)
    return False


def test_map_clusters_zoom_and_coarse_marks(seeds, watched):
    """Leaflet map: zoom buttons, a cluster that zooms in when clicked, place labels that never overlap,
    a dashed mark for approximate locations."""
    from rashomon.serve.assets import map_installed

    from .test_web import MARKER, on_map

    if not map_installed():
        assert not os.environ.get("CI"), "CI must install the map's scripts (scripts/setup.sh)"
        pytest.skip("Leaflet is not installed (python -m rashomon.serve.assets installs it)")
    items = api(seeds, "/api/events?limit=500")["items"]
    w = watched(seeds.url)
    page = open_events(w, seeds.url)
    assert page.locator("#map .leaflet-control-zoom-in").count() == 1
    assert int(page.get_attribute("#map", "data-borders")) > 200
    cluster = page.locator("#map .marker-cluster").first
    assert cluster.count() == 1, "the seeds' Caucasus events should cluster at the default view"
    inside = cluster.locator("[data-events]").get_attribute("data-events").split()
    zoom = float(page.get_attribute("#map", "data-zoom"))
    cluster.click()
    assert wait_zoom(page, lambda z: z > zoom)
    page.wait_for_timeout(600)
    assert set(inside) <= set(on_map(page))
    # labels that are shown never overlap
    boxes = [
        t.bounding_box() for t in page.locator("#map .place-label:not(.crowded)").all() if t.is_visible()
    ]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x"] + a["width"] <= b["x"]
                or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"]
                or b["y"] + b["height"] <= a["y"]
            )
            assert apart, (a, b)
    # approximate locations are drawn dashed, with a ring
    coarse = {e["id"] for e in items if e["latitude"] is not None and e["geo_precision"] > 1}
    shown = page.eval_on_selector_all(f"{MARKER}.coarse", "els => els.map(e => e.dataset.event)")
    assert set(shown) <= coarse
    assert page.locator("#map path.coarse-ring").count() == len(coarse)
    page.locator("#map").scroll_into_view_if_needed()
    w.shot("map-zoomed")
    # zoom buttons work
    before = float(page.get_attribute("#map", "data-zoom"))
    page.click("#map .leaflet-control-zoom-out")
    assert wait_zoom(page, lambda z: z < before)
    w.assert_quiet()
