"""The web UI in real headless Chromium, on the seeds and on a hostile article.

Every page is checked with the network cut (requests off the test server are aborted and recorded),
and with dialog, console and page-error hooks that must stay silent. Screenshots go to
test-artifacts/screenshots/ for review."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

pytest.importorskip("playwright", reason="browser tests need Playwright for Python (pip install playwright)")
from playwright.sync_api import expect  # noqa: E402

from .conftest import serve_store


@pytest.fixture(scope="module")
def seeds(seeds_export) -> Any:
    with serve_store(seeds_export["_db"]) as served:
        yield served


def api(served: Any, path: str) -> Any:
    import urllib.request

    with urllib.request.urlopen(served.url + path, timeout=10) as r:  # noqa: S310 - loopback test server
        return json.loads(r.read())


def open_events(w: Any, base: str, query: str = "") -> Any:
    page = w.page
    page.goto(base + "/" + query)
    page.wait_for_selector("body[data-ready=true]")
    return page


def capture_event(served: Any) -> dict[str, Any]:
    """The 27 May 2021 event (the capture of soldiers): the dated event of that day with the most claims."""
    items = api(served, "/api/events?date_from=2021-05-27&date_to=2021-05-27&limit=500")["items"]
    assert items, "no event on 27 May 2021"
    detailed = [api(served, f"/api/events/{e['id']}") for e in items]
    captures = [d for d in detailed if any(c["kind"] == "captured" for c in d["counts"])] or detailed
    return max(captures, key=lambda d: len(d["claims"]))


MARKER = "#map .marker[data-event]"  # a circle (plain SVG map) or a path (Leaflet)


def on_map(page: Any) -> list[str]:
    """Every event the map shows, as its own marker or inside a numbered cluster (once the clusters'
    fade-in and fade-out animations are over)."""
    for _ in range(30):
        one = page.eval_on_selector_all(MARKER, "els => els.map(e => e.dataset.event)")
        grouped = page.eval_on_selector_all(
            "#map .marker-cluster [data-events]", "els => els.flatMap(e => e.dataset.events.split(' '))"
        )
        if len(set(one + grouped)) == len(one + grouped):
            break
        page.wait_for_timeout(100)
    return one + grouped


def reveal(page: Any, event_id: str) -> Any:
    """Click the clusters holding an event until its own marker shows (the map zooms in, or spreads a
    crowd of events at one point); returns the marker."""
    marker = page.locator(f'{MARKER}[data-event="{event_id}"]')
    for _ in range(8):
        if marker.count():
            return marker
        cluster = page.locator(f'#map .marker-cluster:has([data-events~="{event_id}"])')
        assert cluster.count() == 1, f"{event_id} is neither a marker nor in one cluster"
        zoom = page.get_attribute("#map", "data-zoom")
        cluster.click()
        page.wait_for_timeout(700)
        assert page.get_attribute("#map", "data-zoom") != zoom or marker.count(), "a cluster click did nothing"
    return marker


def test_map_shows_located_events(seeds, watched):
    w = watched(seeds.url)
    page = open_events(w, seeds.url)
    items = api(seeds, "/api/events?limit=500")["items"]
    located = {e["id"] for e in items if e["latitude"] is not None}
    assert located, "the seeds give no located event"
    shown = on_map(page)
    assert sorted(shown) == sorted(located)
    # every marker and cluster lies inside the visible map
    box = page.locator("#map").bounding_box()
    for m in page.locator(f"{MARKER}, #map .marker-cluster").all():
        b = m.bounding_box()
        assert b and box["x"] <= b["x"] + b["width"] / 2 <= box["x"] + box["width"]
        assert box["y"] <= b["y"] + b["height"] / 2 <= box["y"] + box["height"]
    from rashomon.serve.assets import borders_path

    if borders_path().is_file():
        assert int(page.get_attribute("#map", "data-borders")) > 200
    dated = [e for e in items if e["date"]]
    assert page.locator("#timeline .tick-event").count() == len(dated)
    assert page.locator("#event-table tbody tr").count() == len(items)
    assert page.locator("#legend .swatch").count() == len({e["event_type"] for e in items})
    w.shot("events")
    w.assert_quiet()


def test_filters_and_links_between_map_timeline_table(seeds, watched):
    w = watched(seeds.url)
    page = open_events(w, seeds.url)
    items = api(seeds, "/api/events?limit=500")["items"]
    country = max(
        {e["country"] for e in items if e["country"]}, key=lambda c: sum(e["country"] == c for e in items)
    )
    page.select_option("select[name=country]", country)
    want = [e for e in api(seeds, f"/api/events?country={country}&limit=500")["items"]]
    expect(page.locator("#event-table tbody tr")).to_have_count(len(want))
    assert f"country={country}" in page.url
    expect(page.locator("#summary")).not_to_contain_text("Loading")
    assert len(on_map(page)) == sum(e["latitude"] is not None for e in want)
    # hovering a row lights up the same event on the map and on the timeline
    target = next(e for e in want if e["latitude"] is not None and e["date"])
    reveal(page, target["id"])
    page.hover(f'#event-table tbody tr[data-event="{target["id"]}"]')
    assert "hot" in page.get_attribute(f'{MARKER}[data-event="{target["id"]}"]', "class")
    assert "hot" in page.get_attribute(f'#timeline [data-event="{target["id"]}"]', "class")
    # a filtered address opens filtered
    page2 = open_events(w, seeds.url, "?disputed=true")
    n = api(seeds, "/api/events?disputed=true&limit=500")["total"]
    assert page2.locator("#event-table tbody tr").count() == n and page2.is_checked("input[name=disputed]")
    w.assert_quiet()


def test_timeline_brush_filters_dates(seeds, watched):
    w = watched(seeds.url)
    page = open_events(w, seeds.url)
    page.locator("#timeline").scroll_into_view_if_needed()
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] - 30
    page.mouse.move(box["x"] + 160, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=5)
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"date_from=\d{4}-\d\d-\d\d"))
    expect(page.locator("#summary")).not_to_contain_text("Loading")
    date_from = page.input_value("input[name=date_from]")
    date_to = page.input_value("input[name=date_to]")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", date_from) and date_from <= date_to
    n = api(seeds, f"/api/events?date_from={date_from}&date_to={date_to}&limit=500")["total"]
    assert page.locator("#event-table tbody tr").count() == n
    w.assert_quiet()


def test_click_on_map_opens_event_page(seeds, watched):
    w = watched(seeds.url)
    page = open_events(w, seeds.url)
    ev = capture_event(seeds)["event"]
    assert ev["latitude"] is not None, "the 27 May capture has no location"
    # neighbouring events are one cluster at world scale: click it open, as a person would
    marker = reveal(page, ev["id"])
    marker.click()
    page.wait_for_url(re.compile(r"/events/" + re.escape(ev["id"]) + "$"))
    assert page.locator("article.event").get_attribute("data-event") == ev["id"]
    w.assert_quiet()


def test_event_page_lays_out_disputes(seeds, watched):
    w = watched(seeds.url)
    d = capture_event(seeds)
    page = w.page
    page.goto(f"{seeds.url}/events/{d['event']['id']}")
    assert "27 May 2021" in page.text_content("#what")
    shown = page.locator("section.dispute")
    assert shown.count() == len(d["disputes"])
    for dispute in d["disputes"]:
        table = page.locator(f'section.dispute[data-field="{dispute["field"]}"] table')
        heads = table.locator("thead th.position").all_text_contents()
        assert heads == [p["label"] for p in dispute["positions"]]
        cells = table.locator("td.position-sources")
        for i, p in enumerate(dispute["positions"]):
            assert cells.nth(i).locator("li").all_text_contents() == p["sources"]
        quotes = table.locator("td.position-evidence").nth(0).locator("blockquote")
        assert quotes.count() == len(dispute["positions"][0]["evidence"])
    counts = page.locator("table.counts tbody tr")
    assert counts.count() == len(d["counts"])
    for i, n in enumerate(d["counts"]):
        cells = counts.nth(i).locator("td").all_text_contents()
        assert cells[2:4] == [str(n["low"]), str(n["best"])]
    groups = page.locator("section.source-group h3 a").all_text_contents()
    assert groups == list(d["by_source"])
    w.shot("event")
    w.assert_quiet()


def test_capture_territory_dispute_sides(seeds, watched):
    """Azerbaijan's Ministry of Defense says one thing about whose territory it was; Armenia's Foreign
    Ministry and Russian media say another: the page shows them in different columns."""
    w = watched(seeds.url)
    d = capture_event(seeds)
    page = w.page
    page.goto(f"{seeds.url}/events/{d['event']['id']}")
    table = page.locator('section.dispute[data-field="territory"] table')
    assert table.count() == 1
    columns = [
        [s.lower() for s in c.locator("li").all_text_contents()]
        for c in table.locator("td.position-sources").all()
    ]

    def column(pattern: str) -> set[int]:
        return {i for i, col in enumerate(columns) if any(re.search(pattern, s) for s in col)}

    azerbaijan_mod = column(r"(defen[cs]e.*azerbaijan|azerbaijan.*defen[cs]e)")
    armenia_mfa = column(r"(foreign.*armenia|armenia.*foreign)")
    russian_media = column(r"russia")
    assert azerbaijan_mod and armenia_mfa and russian_media
    assert armenia_mfa & russian_media and not (azerbaijan_mod & (armenia_mfa | russian_media))


def test_document_page_highlights_evidence(seeds, watched):
    w = watched(seeds.url)
    d = capture_event(seeds)
    claim = next(c for c in d["claims"] if c["end"] - c["start"] > 20)
    page = w.page
    page.goto(f"{seeds.url}/documents/{claim['document']}#claim-{claim['id']}")
    marks = page.locator("#article-text mark.evidence")
    doc = api(seeds, f"/api/documents/{claim['document']}")
    assert marks.count() >= len([c for c in doc["claims"] if c["end"] > c["start"]])
    # the text shown is the document's text, whole
    assert page.text_content("#article-text") == doc["text"]
    first = page.locator(f"#claim-{claim['id']}")
    assert first.count() == 1 and claim["text"].startswith(first.text_content())
    w.shot("document")
    # each highlight links to its event
    first.locator("a").click()
    page.wait_for_url(re.compile(r"/events/" + re.escape(d["event"]["id"]) + "#claim-"))
    w.assert_quiet()


def test_sources_and_documents_pages(seeds, watched):
    w = watched(seeds.url)
    page = w.page
    page.goto(seeds.url + "/sources")
    sources = api(seeds, "/api/sources")["items"]
    rows = page.locator("table.sources tbody tr")
    assert rows.count() == len(sources)
    got = {
        r.locator("td").nth(0).text_content(): int(r.locator("td").nth(4).text_content()) for r in rows.all()
    }
    assert got == {s["name"]: s["n_disputed"] for s in sources}
    assert any(s["n_disputed"] for s in sources)
    # a source's link opens its claims, each linked to its document
    top = sources[0]
    page.click(f'table.sources a[href="#source-{top["id"]}"]')
    claims = page.locator(f"#source-{top['id']} li.claim")
    expect(claims.first).to_be_visible()
    assert claims.count() == top["n_claims"]
    assert page.locator(f"#source-{top['id']} li.claim.disputed").count() == top["n_disputed"]
    w.shot("sources")
    page.goto(seeds.url + "/documents")
    assert page.locator("table.documents tbody tr").count() == api(seeds, "/api/documents")["total"]
    w.shot("documents")
    w.assert_quiet()


def test_api_docs_page_works_offline(seeds, watched):
    from rashomon.serve.assets import swagger_dir

    if not (swagger_dir() / "swagger-ui-bundle.js").is_file():
        pytest.skip("the API explorer is not installed (scripts/setup.sh installs it)")
    w = watched(seeds.url)
    page = w.page
    page.goto(seeds.url + "/docs")
    expect(page.locator(".opblock-summary-path", has_text="/api/events/{event_id}")).to_have_count(1)
    w.shot("api-docs")
    w.assert_quiet()


HOSTILE_TITLE = 'Kharkiv shelled <script>alert("title")</script><img src=x onerror="alert(\'img-title\')">'
HOSTILE_TEXT = (
    "Russian forces shelled Kharkiv on 4 March 2024, killing three civilians, the regional governor said. "
    '<script>alert("text")</script> '
    "<img src=x onerror=\"alert('img')\"> "
    "<a href=\"javascript:alert('link')\">read more</a> "
    "The Ukrainian army said two soldiers were wounded in Kharkiv. "
    "<svg onload=alert('svg')></svg>"
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Any:
    from rashomon.pipeline import ingest
    from rashomon.store import Store

    tmp = tmp_path_factory.mktemp("hostile")
    src = tmp / "hostile.jsonl"
    src.write_text(
        json.dumps(
            {
                "title": HOSTILE_TITLE,
                "text": HOSTILE_TEXT,
                "source": "<b onmouseover=alert('src')>wire</b>",
                "outlet": "<script>alert('outlet')</script>",
                "url": "javascript:alert('url')",
                "published": "2024-03-05",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    store = Store.open(tmp / "hostile.db")
    report = ingest(store, [src])
    assert report.failed == 0, report.errors
    with serve_store(str(tmp / "hostile.db")) as served:
        yield served


def test_hostile_article_never_runs(hostile, watched):
    w = watched(hostile.url)
    page = w.page
    page.add_init_script(
        "window.__ran = []; ['alert','confirm','prompt'].forEach(f => { const o = window[f]; "
        "window[f] = (...a) => { window.__ran.push(f); return o.apply(window, a); }; });"
    )
    docs = api(hostile, "/api/documents")["items"]
    assert len(docs) == 1
    doc = docs[0]
    events = api(hostile, "/api/events?limit=500&historical=true")["items"]
    urls = ["/", f"/documents/{doc['id']}", "/documents", "/sources"] + [f"/events/{e['id']}" for e in events]
    for url in urls:
        page.goto(hostile.url + url)
        if url == "/":
            page.wait_for_selector("body[data-ready=true]")
        page.mouse.move(10, 10)
        for link in page.locator("a[href^='javascript']").all():
            pytest.fail(f"{url}: a javascript: link was rendered: {link.get_attribute('href')}")
        assert page.evaluate("window.__ran") == [], url
        # nothing the article carries became an element
        assert page.locator("img[src=x], svg[onload], [onerror], [onmouseover]").count() == 0, url
        inline = page.eval_on_selector_all("script", "els => els.filter(e => !e.src).length")
        assert inline == 0, url
        name = (
            "hostile-"
            + ("-".join(url.strip("/").split("/")[:1]) or "events")
            + ("-one" if url.count("/") > 1 else "")
        )
        w.shot(name)
    page.goto(hostile.url + f"/documents/{doc['id']}")
    assert page.text_content("#doc-title") == HOSTILE_TITLE
    text = page.text_content("#article-text")
    assert '<script>alert("text")</script>' in text and "<img src=x onerror=\"alert('img')\">" in text
    assert "javascript:alert('link')" in text
    assert page.locator("text=javascript:alert('url')").count() == 1  # the URL is shown, not linked
    w.assert_quiet()
