"""The first schema: documents, places, sources, mentions, claims, events, counts, disputes.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_inferred", sa.Boolean(), nullable=False),
        sa.Column("year_known", sa.Boolean(), nullable=False),
        sa.Column("date_evidence", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_documents_published"), "documents", ["published"], unique=False)
    op.create_table(
        "events",
        sa.Column("id", sa.String(length=48), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("sub_event_type", sa.String(length=64), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=False),
        sa.Column("historical", sa.Boolean(), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=False),
        sa.Column("actor1", sa.Text(), nullable=True),
        sa.Column("actor2", sa.Text(), nullable=True),
        sa.Column("block", sa.String(length=64), nullable=False),
        sa.Column("explanation", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_events_block"), "events", ["block"], unique=False)
    op.create_index(op.f("ix_events_country"), "events", ["country"], unique=False)
    op.create_index(op.f("ix_events_date"), "events", ["date"], unique=False)
    op.create_index(op.f("ix_events_event_type"), "events", ["event_type"], unique=False)
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "counts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=48), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("side", sa.String(length=3), nullable=True),
        sa.Column("low", sa.Integer(), nullable=False),
        sa.Column("best", sa.Integer(), nullable=False),
        sa.Column("high", sa.Integer(), nullable=True),
        sa.Column("claims", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_counts_event_id"), "counts", ["event_id"], unique=False)
    op.create_table(
        "disputes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=48), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("positions", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_disputes_event_id"), "disputes", ["event_id"], unique=False)
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(length=48), nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=48), nullable=True),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("sub_event_type", sa.String(length=64), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=False),
        sa.Column("historical", sa.Boolean(), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=False),
        sa.Column("actor1", sa.Text(), nullable=True),
        sa.Column("actor2", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_mentions_block", "mentions", ["date", "country"], unique=False)
    op.create_index(op.f("ix_mentions_country"), "mentions", ["country"], unique=False)
    op.create_index(op.f("ix_mentions_date"), "mentions", ["date"], unique=False)
    op.create_index(op.f("ix_mentions_document_id"), "mentions", ["document_id"], unique=False)
    op.create_index(op.f("ix_mentions_event_id"), "mentions", ["event_id"], unique=False)
    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("feature", sa.String(length=32), nullable=False),
        sa.Column("gazetteer_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_places_document_id"), "places", ["document_id"], unique=False)
    op.create_table(
        "claims",
        sa.Column("id", sa.String(length=48), nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=False),
        sa.Column("mention_id", sa.String(length=48), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["mention_id"], ["mentions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_claims_document_id"), "claims", ["document_id"], unique=False)
    op.create_index(op.f("ix_claims_mention_id"), "claims", ["mention_id"], unique=False)
    op.create_index(op.f("ix_claims_source_id"), "claims", ["source_id"], unique=False)


def downgrade() -> None:
    for table in ("claims", "places", "mentions", "disputes", "counts", "sources", "events", "documents"):
        op.drop_table(table)
