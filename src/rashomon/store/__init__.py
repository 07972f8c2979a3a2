"""Store: the database behind every command (SQLite file by default, PostgreSQL by URL).

    store = Store.open("rashomon.db")          # or "postgresql://user@host/db"
    store.add_document(doc, reading, block_keys)   # one transaction per document; block_keys from link
    store.replace_events(events, blocks)           # after linking

The store computes nothing of linking: the blocking rule is handed in by the caller.

Public surface: ``Store``, ``database_url``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, bindparam, create_engine, delete, event, exists, func, inspect, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from rashomon.model import (
    EVENT_FIELDS,
    Actor,
    ClaimRecord,
    Count,
    Dispute,
    Document,
    Event,
    Mention,
    MentionRecord,
    Position,
    Reading,
    Source,
    as_count_kind,
    as_source_kind,
    as_stance,
)
from rashomon.store.tables import (
    Base,
    ClaimRow,
    CountRow,
    DisputeRow,
    DocumentRow,
    EventRow,
    MentionBlockRow,
    MentionRow,
    PlaceRow,
    SourceRow,
)

__all__ = ["Store", "database_url", "DEFAULT_DB"]

DEFAULT_DB = "rashomon.db"
BlockKeys = Callable[[Mention], Iterable[str]]  # linking's blocking rule: a mention -> its block keys


def database_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from --db, else $RASHOMON_DB, else ./rashomon.db. Paths become SQLite files."""
    value = str(db) if db else os.environ.get("RASHOMON_DB") or DEFAULT_DB
    if "://" in value:
        if value.startswith("postgres://"):
            value = "postgresql://" + value[len("postgres://") :]
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value[len("postgresql://") :]
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (a no-op costing one query when it is there).
    A database made before migrations existed (tables, no ``alembic_version``) is stamped at the
    first revision, which is that schema, then upgraded."""
    from rashomon.store.migrations import HEAD

    with engine.connect() as conn:
        if _revision(conn) == HEAD:
            return
    if _create_fresh(engine, HEAD):
        return
    from alembic import command
    from alembic.config import Config

    from rashomon.store.migrations import BASE, LOCATION

    cfg = Config()
    cfg.set_main_option("script_location", str(LOCATION))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # two processes opening a new database: one migrates
            conn.execute(text("SELECT pg_advisory_xact_lock(72630001)"))
        cfg.attributes["connection"] = conn
        insp = inspect(conn)
        if not insp.has_table("alembic_version") and insp.has_table("documents"):
            command.stamp(cfg, BASE)
        command.upgrade(cfg, "head")


def _create_fresh(engine: Engine, head: str) -> bool:
    """An empty database gets the current tables and is stamped at head directly, the recipe Alembic
    recommends (a test checks that tables.py and the migrations give the same schema). Fast: no
    migration scripts are loaded."""
    from rashomon.store.tables import Base

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(72630001)"))
        if inspect(conn).get_table_names():
            return False
        Base.metadata.create_all(conn)
        conn.execute(
            text(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
        )
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": head})
    return True


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


_HAS_DOCUMENT = select(DocumentRow.id).where(DocumentRow.id == bindparam("id"))


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.session = sessionmaker(engine, expire_on_commit=False)
        self._source_ids: dict[str, int] = {}  # committed sources, name -> id (sources are never deleted)
        migrate(engine)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None) -> Store:
        url = database_url(db)
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- documents ---------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:  # a bare query: no ORM session or identity map needed
            return conn.execute(_HAS_DOCUMENT, {"id": doc_id}).first() is not None

    def add_document(self, doc: Document, reading: Reading, block_keys: BlockKeys | None = None) -> bool:
        """Store a document with everything read from it, atomically. False if it was already there
        (also when another process stored it at the same moment). ``block_keys`` is linking's rule
        (``rashomon.link.block_keys``): with it each mention's blocks are stored, so that incremental
        re-linking (``link_scope``) finds what it can pair with; the store knows no linking rule."""
        try:
            return self._add_document(doc, reading, block_keys)
        except IntegrityError:
            if self.has_document(doc.id):
                return False
            raise

    def _add_document(self, doc: Document, reading: Reading, block_keys: BlockKeys | None) -> bool:
        doc_id = doc.id
        with self.session.begin() as s:
            # a plain insert: a document already there violates the primary key (IntegrityError, which
            # add_document turns into False), and the whole transaction rolls back
            s.execute(
                _table(DocumentRow).insert(),
                {
                    "id": doc_id,
                    "source": doc.source,
                    "title": doc.title,
                    "outlet": doc.outlet,
                    "url": doc.url,
                    "published": doc.published,
                    "published_inferred": doc.published_inferred,
                    "year_known": doc.year_known,
                    "date_evidence": doc.date_evidence,
                    "language": doc.language,
                    "text": doc.text,
                    "ingested_at": datetime.now(UTC).replace(tzinfo=None),
                },
            )
            sources = self._write_reading(s, doc_id, reading, block_keys)
        self._source_ids.update(sources)  # only once committed: a rolled-back id must not be reused
        return True

    def replace_reading(self, doc: Document, reading: Reading, block_keys: BlockKeys | None = None) -> None:
        """Swap what was read from a stored document (e.g. after its date was re-inferred); ``block_keys``
        as in ``add_document``."""
        with self.session.begin() as s:
            row = s.get(DocumentRow, doc.id)
            if row is None:
                raise KeyError(doc.id)
            row.published, row.year_known, row.date_evidence = (
                doc.published,
                doc.year_known,
                doc.date_evidence,
            )
            # the events this document's mentions were in are dissolved; their other mentions wait
            # (unlinked) for the next relink
            gone = set(
                s.scalars(
                    select(MentionRow.event_id).where(
                        MentionRow.document_id == doc.id, MentionRow.event_id.is_not(None)
                    )
                )
            )
            for chunk in _chunks(sorted(e for e in gone if e is not None), 500):
                s.execute(
                    _table(MentionRow).update().where(MentionRow.event_id.in_(chunk)).values(event_id=None)
                )
                s.execute(delete(CountRow).where(CountRow.event_id.in_(chunk)))
                s.execute(delete(DisputeRow).where(DisputeRow.event_id.in_(chunk)))
                s.execute(delete(EventRow).where(EventRow.id.in_(chunk)))
            s.execute(delete(ClaimRow).where(ClaimRow.document_id == doc.id))
            s.execute(
                delete(MentionBlockRow).where(
                    MentionBlockRow.mention_id.in_(
                        select(MentionRow.id).where(MentionRow.document_id == doc.id)
                    )
                )
            )
            s.execute(delete(MentionRow).where(MentionRow.document_id == doc.id))
            s.execute(delete(PlaceRow).where(PlaceRow.document_id == doc.id))
            self._write_reading(s, doc.id, reading, block_keys)

    def _source_ids_of(self, s: Session, sources: Iterable[Source]) -> dict[str, int]:
        """name -> id of these sources, the ones not stored yet inserted in the order given: one select
        and at most one insert and one more select per reading, however many sources it names."""
        want = {src.name: src for src in sources}
        ids = {name: self._source_ids[name] for name in want if name in self._source_ids}
        todo = [name for name in want if name not in ids]
        if not todo:
            return ids
        ids.update(self._stored_source_ids(s, todo))
        fresh = [name for name in todo if name not in ids]
        if fresh:
            rows = [{"name": n, "country": want[n].country, "kind": want[n].kind} for n in fresh]
            # insert-if-absent, so that writers in several processes never collide on the name; executed
            # row by row in this order, so ids follow the order the reading names them
            if self.dialect == "postgresql":
                from sqlalchemy.dialects import postgresql

                s.execute(postgresql.insert(_table(SourceRow)).on_conflict_do_nothing(index_elements=["name"]), rows)
            else:
                from sqlalchemy.dialects import sqlite

                s.execute(sqlite.insert(_table(SourceRow)).on_conflict_do_nothing(index_elements=["name"]), rows)
            ids.update(self._stored_source_ids(s, fresh))
        return ids

    @staticmethod
    def _stored_source_ids(s: Session, names: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for chunk in _chunks(names, 500):
            rows = s.execute(select(SourceRow.name, SourceRow.id).where(SourceRow.name.in_(chunk)))
            out.update((name, sid) for name, sid in rows)
        return out

    def _write_reading(
        self, s: Session, doc_id: str, reading: Reading, block_keys: BlockKeys | None = None
    ) -> dict[str, int]:
        """All rows of one reading, as a few multi-row inserts (the ORM's per-object work was the
        store's hot spot). Returns the ids of the sources it used, name -> id."""
        s.flush()  # the document row first, if it is pending in the session: the rows below refer to it
        if reading.places:
            s.execute(
                _table(PlaceRow).insert(), [{"document_id": doc_id, **p.to_json()} for p in reading.places]
            )
        mids = [f"{doc_id}-m{i}" for i in range(len(reading.mentions))]
        if reading.mentions:
            rows = [
                {
                    "id": mid,
                    "document_id": doc_id,
                    "event_id": None,
                    **_event_columns(m),
                    "start": m.start,
                    "end": m.end,
                    "countries": list(m.countries),
                    "places": [p.to_json() for p in m.places],
                }
                for mid, m in zip(mids, reading.mentions, strict=True)
            ]
            s.execute(_table(MentionRow).insert(), rows)
        blocks = [
            {"block": b, "mention_id": mid}
            for mid, m in zip(mids, reading.mentions, strict=True)
            for b in (block_keys(m) if block_keys else ())
        ]
        if blocks:
            s.execute(_table(MentionBlockRow).insert(), blocks)
        cache = self._source_ids_of(s, (c.source for c in reading.claims))
        claims = [
            {
                "id": f"{doc_id}-c{i}",
                "document_id": doc_id,
                "mention_id": mids[c.mention] if c.mention is not None else None,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "source_id": cache[c.source.name],
                "stance": c.stance,
                "fields": c.fields,
            }
            for i, c in enumerate(reading.claims)
        ]
        if claims:
            s.execute(_table(ClaimRow).insert(), claims)
        return cache

    def documents(self) -> list[DocumentRow]:
        with self.session() as s:
            return list(
                s.scalars(
                    select(DocumentRow)
                    .options(selectinload(DocumentRow.places))
                    .order_by(DocumentRow.published.asc().nulls_first(), DocumentRow.source, DocumentRow.id)
                )
            )

    def document(self, doc_id: str) -> DocumentRow | None:
        with self.session() as s:
            return s.scalar(
                select(DocumentRow).options(selectinload(DocumentRow.places)).where(DocumentRow.id == doc_id)
            )

    def to_document(self, row: DocumentRow) -> Document:
        return Document(
            text=row.text,
            source=row.source,
            title=row.title,
            outlet=row.outlet,
            url=row.url,
            published=row.published,
            published_inferred=row.published_inferred,
            language=row.language,
            date_evidence=row.date_evidence,
            year_known=row.year_known,
        )

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and tests."""
        out = {}
        with self.session() as s:
            for t in (
                DocumentRow,
                PlaceRow,
                SourceRow,
                MentionRow,
                ClaimRow,
                EventRow,
                CountRow,
                DisputeRow,
                MentionBlockRow,
            ):
                out[t.__tablename__] = s.scalar(select(func.count()).select_from(t)) or 0
        return out

    # -- mentions and events -----------------------------------------------------------------
    def mention_records(self, ids: Iterable[str] | None = None) -> list[MentionRecord]:
        """Stored mentions with their claims, ordered by id: all of them, or those with the given ids
        (``link_scope`` finds the ids a re-link needs from the stored blocks)."""
        out: list[MentionRecord] = []
        with self.session() as s:
            if ids is None:
                chunks: Iterable[Sequence[str] | None] = [None]
            else:
                chunks = _chunks(sorted(set(ids)), 500)
            for chunk in chunks:
                q = select(MentionRow)
                cq = select(ClaimRow).where(ClaimRow.mention_id.is_not(None))
                if chunk is not None:
                    q = q.where(MentionRow.id.in_(chunk))
                    cq = cq.where(ClaimRow.mention_id.in_(chunk))
                mentions = list(s.scalars(q))
                docs = sorted({m.document_id for m in mentions})
                pubs: dict[str, Any] = {}
                for dchunk in _chunks(docs, 500):
                    for doc_id, pub in s.execute(
                        select(DocumentRow.id, DocumentRow.published).where(DocumentRow.id.in_(dchunk))
                    ):
                        pubs[doc_id] = pub
                claims: dict[str, list[ClaimRecord]] = {}
                for c in s.scalars(cq):
                    claims.setdefault(c.mention_id or "", []).append(
                        ClaimRecord(
                            id=c.id,
                            document=c.document_id,
                            stance=as_stance(c.stance),
                            fields=c.fields,
                            text=c.text,
                            source=Source(c.source.name, c.source.country, as_source_kind(c.source.kind)),
                        )
                    )
                for m in mentions:
                    out.append(
                        MentionRecord(
                            id=m.id,
                            document=m.document_id,
                            mention=_mention(m),
                            claims=sorted(claims.get(m.id, []), key=lambda c: c.id),
                            published=pubs.get(m.document_id),
                            event=m.event_id,
                        )
                    )
                s.expunge_all()
        out.sort(key=lambda r: r.id)
        return out

    def link_scope(self, documents: Iterable[str]) -> set[str]:
        """Mentions that re-linking these documents can affect: theirs, every mention sharing a
        linking block with one of them (only those can pair with them), and all current event-mates
        of those (their events are rebuilt whole). Found in the database, so only these are loaded."""
        with self.session() as s:
            seeds: set[str] = set()
            for chunk in _chunks(sorted(set(documents)), 500):
                seeds |= set(s.scalars(select(MentionRow.id).where(MentionRow.document_id.in_(chunk))))
            blocks: set[str] = set()
            for chunk in _chunks(sorted(seeds), 500):
                blocks |= set(
                    s.scalars(select(MentionBlockRow.block).where(MentionBlockRow.mention_id.in_(chunk)))
                )
            near = set(seeds)
            for chunk in _chunks(sorted(blocks), 500):
                near |= set(
                    s.scalars(select(MentionBlockRow.mention_id).where(MentionBlockRow.block.in_(chunk)))
                )
            events: set[str] = set()
            for chunk in _chunks(sorted(near), 500):
                events |= set(
                    s.scalars(
                        select(MentionRow.event_id).where(
                            MentionRow.id.in_(chunk), MentionRow.event_id.is_not(None)
                        )
                    )
                )
            for chunk in _chunks(sorted(events), 500):
                near |= set(s.scalars(select(MentionRow.id).where(MentionRow.event_id.in_(chunk))))
        return near

    def has_open_years(self) -> bool:
        """Whether some stored document's publication year is still open (``ingest.dates.year_open``)."""
        with self.session() as s:
            return bool(
                s.scalar(
                    select(
                        exists().where(
                            DocumentRow.published_inferred.is_(True), DocumentRow.year_known.is_(False)
                        )
                    )
                )
            )

    def iter_date_facts(
        self, with_text: bool = True, batch: int = 500
    ) -> Iterator[tuple[str, str | None, Any, bool, bool, str | None]]:
        """(id, text or None, published, year_known, published_inferred, date_evidence) per document,
        streamed in id order without holding the collection in memory."""
        query = select(
            DocumentRow.id,
            DocumentRow.text if with_text else DocumentRow.id,
            DocumentRow.published,
            DocumentRow.year_known,
            DocumentRow.published_inferred,
            DocumentRow.date_evidence,
        )
        last = ""
        with self.session() as s:
            while True:
                rows = s.execute(query.where(DocumentRow.id > last).order_by(DocumentRow.id).limit(batch)).all()
                for r in rows:
                    yield (r[0], r[1] if with_text else None, r[2], bool(r[3]), bool(r[4]), r[5])
                if len(rows) < batch:
                    return
                last = rows[-1][0]

    def replace_events(self, events: Sequence[Event], mention_ids: Iterable[str]) -> None:
        """Replace the events that own the given mentions with new ones, in one transaction."""
        mention_ids = list(mention_ids)
        with self.session.begin() as s:
            old = set()
            for chunk in _chunks(mention_ids, 500):
                old |= set(s.scalars(select(MentionRow.event_id).where(MentionRow.id.in_(chunk))))
            old.discard(None)
            for chunk in _chunks(mention_ids, 500):
                s.execute(_table(MentionRow).update().where(MentionRow.id.in_(chunk)).values(event_id=None))
            for chunk in _chunks(sorted(e for e in old if e is not None), 500):
                s.execute(delete(CountRow).where(CountRow.event_id.in_(chunk)))
                s.execute(delete(DisputeRow).where(DisputeRow.event_id.in_(chunk)))
                s.execute(delete(EventRow).where(EventRow.id.in_(chunk)))
            # multi-row inserts, in the order the ORM used (an event's counts and disputes numbered in turn)
            if events:
                s.execute(
                    _table(EventRow).insert(),
                    [
                        {"id": ev.id, **_event_columns(ev), "block": ev.block, "explanation": ev.explanation}
                        for ev in events
                    ],
                )
            counts = [
                {
                    "event_id": ev.id,
                    "kind": c.kind,
                    "side": c.side,
                    "party": c.party,
                    "low": c.low,
                    "best": c.best,
                    "high": c.high,
                    "claims": c.claims,
                }
                for ev in events
                for c in ev.counts
            ]
            if counts:
                s.execute(_table(CountRow).insert(), counts)
            disputes = [
                {
                    "event_id": ev.id,
                    "field": d.field,
                    "positions": [{"value": p.value, "claims": p.claims} for p in d.positions],
                }
                for ev in events
                for d in ev.disputes
            ]
            if disputes:
                s.execute(_table(DisputeRow).insert(), disputes)
            for ev in events:
                for chunk in _chunks(ev.mentions, 500):
                    s.execute(
                        _table(MentionRow).update().where(MentionRow.id.in_(chunk)).values(event_id=ev.id)
                    )

    def events(self, include_historical: bool = True) -> list[Event]:
        with self.session() as s:
            q = select(EventRow).options(selectinload(EventRow.counts), selectinload(EventRow.disputes))
            if not include_historical:
                q = q.where(EventRow.historical.is_(False))
            rows = list(s.scalars(q.order_by(EventRow.date.asc().nulls_first(), EventRow.id)))
            links = s.execute(
                select(MentionRow.event_id, MentionRow.id).where(MentionRow.event_id.is_not(None))
            )
            mentions: dict[str, list[str]] = {}
            for eid, mid in links:
                if eid is not None:  # as the query asks
                    mentions.setdefault(eid, []).append(mid)
            claim_of: dict[str, list[str]] = {}
            for told_in, cid in s.execute(
                select(ClaimRow.mention_id, ClaimRow.id).where(ClaimRow.mention_id.is_not(None))
            ):
                if told_in is not None:
                    claim_of.setdefault(told_in, []).append(cid)
            return [_event(r, sorted(mentions.get(r.id, [])), claim_of) for r in rows]

    def claims(self) -> list[ClaimRow]:
        with self.session() as s:
            return list(
                s.scalars(select(ClaimRow).order_by(ClaimRow.document_id, ClaimRow.start, ClaimRow.id))
            )

    def claim_events(self) -> dict[str, str | None]:
        """claim id -> event id."""
        with self.session() as s:
            rows = s.execute(
                select(ClaimRow.id, MentionRow.event_id).join(
                    MentionRow, MentionRow.id == ClaimRow.mention_id, isouter=True
                )
            )
            return {k: v for k, v in rows}

    def rebuild_blocks(self, block_keys: BlockKeys) -> int:
        """Recompute every mention's linking blocks with linking's rule (``rashomon.link.block_keys``),
        after that rule changed. Returns rows written."""
        n = 0
        with self.session.begin() as s:
            s.execute(delete(MentionBlockRow))
            for m in s.scalars(select(MentionRow).execution_options(yield_per=1000)):
                rows = [{"block": b, "mention_id": m.id} for b in block_keys(_mention(m))]
                if rows:
                    s.execute(_table(MentionBlockRow).insert(), rows)
                    n += len(rows)
        return n

    def unlinked_documents(self) -> set[str]:
        """Documents with mentions that no event holds yet (linking has not run on them)."""
        with self.session() as s:
            return set(
                s.scalars(select(MentionRow.document_id).where(MentionRow.event_id.is_(None)).distinct())
            )

    def iter_document_ids(self) -> Iterator[str]:
        with self.session() as s:
            yield from s.scalars(select(DocumentRow.id).order_by(DocumentRow.id))


def _chunks(seq: Sequence[str], n: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def _event_columns(value: Mention | Event) -> dict[str, Any]:
    """The event columns (``model.EVENT_FIELDS``) of a mention or event, as row values."""
    out = {f: getattr(value, f) for f in EVENT_FIELDS}
    out["actors"] = [a.to_json() for a in value.actors]
    return out


def _table(row: type[Base]) -> Table:
    """A model's table, for the store's multi-row inserts and updates (declarative classes declare
    ``__table__`` as any FromClause; each of ours is a Table)."""
    table = row.__table__
    assert isinstance(table, Table)
    return table


def _event_values(row: MentionRow | EventRow) -> dict[str, Any]:
    """The event columns of a mention or event row, as the model's values."""
    out = {f: getattr(row, f) for f in EVENT_FIELDS}
    out["actors"] = [Actor(**a) for a in (row.actors or [])]
    return out


def _mention(m: MentionRow) -> Mention:
    from rashomon.model import Place

    return Mention(
        **_event_values(m),
        start=m.start,
        end=m.end,
        countries=list(m.countries or []),
        places=[Place(**p) for p in (m.places or [])],
    )


def _event(r: EventRow, mentions: list[str], claim_of: dict[str, list[str]]) -> Event:
    claims = sorted(c for m in mentions for c in claim_of.get(m, []))
    return Event(
        id=r.id,
        **_event_values(r),
        mentions=mentions,
        claims=claims,
        counts=[
            Count(kind=as_count_kind(c.kind), side=c.side, low=c.low, best=c.best, high=c.high, claims=list(c.claims),
                  party=c.party)
            for c in r.counts
        ],
        disputes=[
            Dispute(field=d.field, positions=[Position(p["value"], list(p["claims"])) for p in d.positions])
            for d in r.disputes
        ],
        explanation=list(r.explanation or []),
        block=r.block,
    )
