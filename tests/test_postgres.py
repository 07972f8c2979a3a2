"""Storage, migrations, ingest and linking behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from rashomon.export import export_json
from rashomon.link import block_keys
from rashomon.model import Claim, Document, Mention, Reading, Source
from rashomon.pipeline import ingest, relink
from rashomon.scale.synth import write_corpus
from rashomon.store import Store, database_url
from rashomon.store.migrations import BASE, HEAD


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "feed.jsonl", 12)


def _reading(country: str = "SDN") -> Reading:
    m = Mention(
        event_type="Battles",
        sub_event_type="Armed clash",
        date=date(2024, 4, 13),
        country=country,
        countries=[country],
    )
    src = Source("Sudanese Armed Forces", country, "military")
    return Reading(
        places=[],
        mentions=[m],
        claims=[
            Claim(
                start=0,
                end=10,
                text="clashes",
                source=src,
                stance="asserted",
                fields={"killed": {"side": None, "value": 3}},
                mention=0,
            )
        ],
    )


def _revision(url: str) -> str:
    eng = create_engine(database_url(url))
    with eng.connect() as c:
        v = c.execute(text("SELECT version_num FROM alembic_version")).scalar()
    eng.dispose()
    return v


def test_new_database_is_at_head_and_matches_the_models(db_url):
    store = Store.open(db_url)
    assert _revision(db_url) == HEAD
    assert set(store.counts()) >= {"documents", "mentions", "claims", "events", "mention_blocks"}
    store.close()


def test_migrations_give_the_schema_of_the_models(db_url):
    """Upgrading through every revision yields exactly what tables.py declares (no autogenerate diff)."""
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.migration import MigrationContext

    from rashomon.store.migrations import LOCATION
    from rashomon.store.tables import Base

    eng = create_engine(database_url(db_url))
    cfg = Config()
    cfg.set_main_option("script_location", str(LOCATION))
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with eng.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    eng.dispose()
    assert diff == []


def test_database_from_before_migrations_is_stamped_and_upgraded(db_url):
    """A database made by the first schema (no alembic_version) keeps its data and gains the blocks."""
    from alembic import command
    from alembic.config import Config

    from rashomon.store.migrations import LOCATION

    eng = create_engine(database_url(db_url))
    cfg = Config()
    cfg.set_main_option("script_location", str(LOCATION))
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, BASE)
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(
            text(
                "INSERT INTO documents (id, source, published_inferred, year_known, language, text, "
                "ingested_at) VALUES ('d1', 'a.txt', false, true, 'en', 'x', '2024-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO mentions (id, document_id, event_type, date, date_precision, historical, "
                "country, geo_precision, start, \"end\", countries, places) VALUES ('d1-m0', 'd1', "
                "'Battles', '2024-04-13', 'day', false, 'SDN', 3, 0, 5, '[\"SDN\"]', '[]')"
            )
        )
    eng.dispose()
    store = Store.open(db_url)
    assert _revision(db_url) == HEAD
    counts = store.counts()
    assert counts["documents"] == 1 and counts["mention_blocks"] >= 1
    assert store.link_scope(["d1"]) == {"d1-m0"}
    store.close()


def test_storage_round_trip_and_duplicate_documents(db_url):
    store = Store.open(db_url)
    doc = Document(text="Clashes near El Fasher.", source="a.txt", published=date(2024, 4, 13))
    assert store.add_document(doc, _reading(), block_keys) is True
    assert store.add_document(doc, _reading(), block_keys) is False
    assert store.has_document(doc.id)
    [rec] = store.mention_records()
    assert rec.mention.country == "SDN" and rec.claims[0].fields == {"killed": {"side": None, "value": 3}}
    assert store.unlinked_documents() == {doc.id}
    assert relink(store, [doc.id]) == 1
    assert store.unlinked_documents() == set()
    store.close()


def test_concurrent_writers_of_one_document_and_one_source(db_url):
    """Two processes storing the same article, or new claims by the same source, at once: no error."""
    Store.open(db_url).close()
    stores = [Store.open(db_url) for _ in range(4)]
    docs = [Document(text=f"Shelling of Kharkiv, report {i}.", source=f"{i}.txt") for i in range(4)]
    results: list[object] = []

    def write(i: int) -> None:
        try:
            results.append(stores[i].add_document(docs[i], _reading("UKR"), block_keys))
            results.append(stores[i].add_document(docs[0], _reading("UKR"), block_keys))
        except Exception as e:  # collected, asserted below
            results.append(e)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not [r for r in results if isinstance(r, Exception)], results
    assert stores[0].counts()["documents"] == 4 and stores[0].counts()["sources"] == 1
    for s in stores:
        s.close()


def test_ingest_resume_and_relink_on_each_backend(db_url, corpus):
    store = Store.open(db_url)
    first = ingest(store, [corpus])
    assert first.added == 12 and first.failed == 0 and first.events > 0
    again = ingest(store, [corpus])
    assert again.added == 0 and again.skipped == 12
    # an interrupted run: stored, never linked; the next ingest links it
    doc = Document(text="Fighting in Omdurman.", source="late.txt", published=date(2023, 1, 3))
    store.add_document(doc, _reading(), block_keys)
    assert doc.id in store.unlinked_documents()
    ingest(store, [corpus])
    assert store.unlinked_documents() == set()
    store.close()


def _export(store: Store) -> str:
    return json.dumps(export_json(store), sort_keys=True, default=str)


def test_sqlite_and_postgresql_give_the_same_export(tmp_path, pg_url, corpus):
    a, b = Store.open(tmp_path / "a.db"), Store.open(pg_url)
    ingest(a, [corpus])
    ingest(b, [corpus])
    assert _export(a) == _export(b)
    assert len(json.loads(_export(a))["events"]) >= 3
    a.close()
    b.close()


def test_scoped_and_periodic_linking_equal_linking_everything(db_url, corpus):
    """Linking every few documents (bounded memory) and relinking only the affected blocks give the
    events a full relink gives."""
    store = Store.open(db_url)
    ingest(store, [corpus], link_every=4)
    incremental = _export(store)
    relink(store)
    assert _export(store) == incremental
    store.close()


def test_link_scope_is_blocks_and_event_mates(db_url):
    store = Store.open(db_url)
    d1 = Document(text="Clashes in North Darfur.", source="1.txt", published=date(2024, 4, 13))
    d2 = Document(text="Fighting in North Darfur.", source="2.txt", published=date(2024, 4, 13))
    d3 = Document(text="Shelling in Kharkiv.", source="3.txt", published=date(2024, 4, 13))
    d4 = Document(text="Fighting again in North Darfur.", source="4.txt", published=date(2024, 6, 1))
    later = _reading("SDN")
    later.mentions[0].date = date(2024, 6, 1)
    for d, r in ((d1, _reading("SDN")), (d2, _reading("SDN")), (d3, _reading("UKR")), (d4, later)):
        store.add_document(d, r, block_keys)
    # every mention of a week shares its `any` block (where a mention with no country, or one placed in
    # another country by a misread place, meets the others); weeks apart, nothing is in scope
    week = {f"{d1.id}-m0", f"{d2.id}-m0", f"{d3.id}-m0"}
    assert store.link_scope([d1.id]) == week
    assert store.link_scope([d3.id]) == week
    assert store.link_scope([d4.id]) == {f"{d4.id}-m0"}
    store.close()


_V2_EVENT_FIELDS = ("actors", "date_inferred")


def _without_v2(data: dict) -> dict:
    """An export with the fields schema v2 added taken out."""
    data = json.loads(json.dumps(data))
    data.pop("schema_version")
    for e in data["events"]:
        for f in _V2_EVENT_FIELDS:
            e.pop(f)
        for c in e["counts"]:
            c.pop("party")
    return data


def test_database_of_the_previous_schema_upgrades_and_exports_the_same(db_url, tmp_path):
    """A database written at revision 0002 (before parties and date_inferred) is upgraded on open,
    keeps every row, and exports the same apart from the new fields."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    from conftest import SAMPLES
    from rashomon.store.migrations import LOCATION

    store = Store.open(db_url)
    ingest(store, [SAMPLES])
    before = export_json(store)
    assert before["schema_version"] == 2 and before["events"]
    store.close()
    eng = create_engine(database_url(db_url))
    cfg = Config()
    cfg.set_main_option("script_location", str(LOCATION))
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    with eng.connect() as conn:
        assert "party" not in {c["name"] for c in inspect(conn).get_columns("counts")}
        assert "actors" not in {c["name"] for c in inspect(conn).get_columns("events")}
    eng.dispose()
    assert _revision(db_url) == "0002"
    store = Store.open(db_url)
    assert _revision(db_url) == HEAD
    after = export_json(store)
    store.close()
    assert after["schema_version"] == 2
    assert all(e["actors"] == [] and e["date_inferred"] is False for e in after["events"])
    assert _without_v2(after) == _without_v2(before)
