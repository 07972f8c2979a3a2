"""SQLAlchemy 2 tables. Portable types only (String, Text, Integer, Float, Date, Boolean, JSON), so
the same models run on SQLite and PostgreSQL; ids are strings derived from content."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeEngine

from rashomon.model import ClaimFields


def key(length: int) -> TypeEngine[str]:
    """An id column: on PostgreSQL it sorts byte-wise ("C" collation) as SQLite does, so both
    backends return rows in the same order."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def label() -> TypeEngine[str]:
    """Free text that is sorted on: byte-wise order on both backends."""
    return Text().with_variant(Text(collation="C"), "postgresql")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(key(32), primary_key=True)
    source: Mapped[str] = mapped_column(label())
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    published_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    year_known: Mapped[bool] = mapped_column(Boolean, default=True)
    date_evidence: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="en")
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)

    places: Mapped[list[PlaceRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="PlaceRow.start"
    )


class PlaceRow(Base):
    __tablename__ = "places"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(3))
    admin1: Mapped[str | None] = mapped_column(Text)
    feature: Mapped[str] = mapped_column(String(32))
    gazetteer_id: Mapped[str | None] = mapped_column(Text)
    document: Mapped[DocumentRow] = relationship(back_populates="places")


class SourceRow(Base):
    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(label(), unique=True)
    country: Mapped[str | None] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(32))


class EventColumns:
    """The event columns (``model.EVENT_FIELDS``, in its order), written once for the two tables that
    hold them: a mention tells them as one document does, an event as merging settled them."""

    event_type: Mapped[str] = mapped_column(String(64))
    sub_event_type: Mapped[str | None] = mapped_column(String(64))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(8))
    historical: Mapped[bool] = mapped_column(Boolean, default=False)
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int] = mapped_column(Integer, default=3)
    actor1: Mapped[str | None] = mapped_column(Text)
    actor2: Mapped[str | None] = mapped_column(Text)
    actors: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")
    date_inferred: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class MentionRow(EventColumns, Base):
    """One event as one document tells it; linking assigns it to an event."""

    __tablename__ = "mentions"
    id: Mapped[str] = mapped_column(key(48), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[str | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    countries: Mapped[list[Any]] = mapped_column(JSON, default=list)
    places: Mapped[list[Any]] = mapped_column(JSON, default=list)


class ClaimRow(Base):
    __tablename__ = "claims"
    id: Mapped[str] = mapped_column(key(48), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    mention_id: Mapped[str | None] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    stance: Mapped[str] = mapped_column(String(16))
    fields: Mapped[ClaimFields] = mapped_column(JSON, default=dict)  # as reading wrote it
    source: Mapped[SourceRow] = relationship(lazy="joined")


class EventRow(EventColumns, Base):
    __tablename__ = "events"
    id: Mapped[str] = mapped_column(key(48), primary_key=True)
    block: Mapped[str] = mapped_column(key(64), index=True)
    explanation: Mapped[list[Any]] = mapped_column(JSON, default=list)

    counts: Mapped[list[CountRow]] = relationship(cascade="all, delete-orphan", order_by="CountRow.id")
    disputes: Mapped[list[DisputeRow]] = relationship(cascade="all, delete-orphan", order_by="DisputeRow.id")


class CountRow(Base):
    __tablename__ = "counts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    side: Mapped[str | None] = mapped_column(String(3))
    party: Mapped[str | None] = mapped_column(Text)
    low: Mapped[int] = mapped_column(Integer)
    best: Mapped[int] = mapped_column(Integer)
    high: Mapped[int | None] = mapped_column(Integer)
    claims: Mapped[list[Any]] = mapped_column(JSON, default=list)


class DisputeRow(Base):
    __tablename__ = "disputes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(64))
    positions: Mapped[list[Any]] = mapped_column(JSON, default=list)


class MentionBlockRow(Base):
    """The linking blocks (country x ISO week) a mention belongs to, so that re-linking a few
    documents loads only the mentions that can pair with theirs, not the whole corpus."""

    __tablename__ = "mention_blocks"
    block: Mapped[str] = mapped_column(key(64), primary_key=True)
    mention_id: Mapped[str] = mapped_column(
        ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True, index=True
    )


Index("ix_mentions_block", MentionRow.date, MentionRow.country)
Index("ix_events_event_type", EventRow.event_type)  # the event list filters on it
