"""Linking blocks per mention (so re-linking loads only what can pair), byte-wise ("C") ordering of
ids on PostgreSQL, unbounded source names and gazetteer ids.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# (table, column, length or None for text): sorted-on columns that get the "C" collation on PostgreSQL
_KEYS = [
    ("documents", "id", 32),
    ("documents", "source", None),
    ("events", "id", 48),
    ("events", "block", 64),
    ("counts", "event_id", 48),
    ("disputes", "event_id", 48),
    ("mentions", "id", 48),
    ("mentions", "document_id", 32),
    ("mentions", "event_id", 48),
    ("places", "document_id", 32),
    ("claims", "id", 48),
    ("claims", "document_id", 32),
    ("claims", "mention_id", 48),
    ("sources", "name", None),
]


def _key(length: int) -> sa.types.TypeEngine:
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":  # SQLite neither enforces lengths nor knows collation "C"
        op.alter_column("places", "gazetteer_id", type_=sa.Text(), existing_nullable=True)
        for table, column, length in _KEYS:
            t = f'VARCHAR({length}) COLLATE "C"' if length else 'TEXT COLLATE "C"'
            op.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE {t}')
    else:  # SQLite ignores lengths, but keep the declared schema equal to the models'
        with op.batch_alter_table("places") as batch:
            batch.alter_column("gazetteer_id", type_=sa.Text(), existing_nullable=True)
        with op.batch_alter_table("sources") as batch:
            batch.alter_column("name", type_=sa.Text(), existing_nullable=False)
    op.create_table(
        "mention_blocks",
        sa.Column("block", _key(64), nullable=False),
        sa.Column("mention_id", _key(48), nullable=False),
        sa.ForeignKeyConstraint(["mention_id"], ["mentions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("block", "mention_id"),
    )
    op.create_index(op.f("ix_mention_blocks_mention_id"), "mention_blocks", ["mention_id"], unique=False)
    _backfill(bind)


def _backfill(bind: sa.engine.Connection) -> None:
    """Block rows for mentions stored before this revision."""
    m = sa.table(
        "mentions",
        sa.column("id"),
        sa.column("date"),
        sa.column("date_end"),
        sa.column("date_precision"),
        sa.column("country"),
        sa.column("countries", sa.JSON),
    )
    blocks = sa.table("mention_blocks", sa.column("block"), sa.column("mention_id"))
    rows: Sequence[Any] = bind.execute(  # plain table clauses: the values come back untyped
        sa.select(m.c.id, m.c.date, m.c.date_end, m.c.date_precision, m.c.country, m.c.countries)
    ).all()
    batch: list[dict[str, Any]] = []
    for mid, d, d_end, prec, country, countries in rows:
        keys = _block_keys(_date(d), _date(d_end), prec, country, list(countries or []))
        batch += [{"block": k, "mention_id": mid} for k in keys]
        if len(batch) >= 5000:
            bind.execute(blocks.insert(), batch)
            batch = []
    if batch:
        bind.execute(blocks.insert(), batch)


def _block_keys(d, d_end, precision, country, countries) -> list[str]:
    """The blocking rule as it stood at this revision (rashomon.link.block_keys then), frozen here so
    the migration neither imports the linking stage nor changes when the rule does: each of the
    mention's countries x each ISO week its dates, slackened, touch. ``Store.rebuild_blocks`` applies
    a later rule."""
    import datetime as dt

    if d is None:
        return []
    slack = dt.timedelta(days=3 if precision == "week" else 0)
    gap = dt.timedelta(days=1)
    start, end = d - slack - gap, (d_end or d) + slack + gap
    weeks = set()
    for n in range(0, min((end - start).days, 400) + 1):
        y, w, _ = (start + dt.timedelta(days=n)).isocalendar()
        weeks.add(f"{y}W{w:02d}")
    codes = set(countries) | ({country} if country else set())
    return sorted(f"{c}:{wk}" for c in (codes or {"?"}) for wk in weeks)


def _date(value):
    import datetime as dt

    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def downgrade() -> None:
    op.drop_index(op.f("ix_mention_blocks_mention_id"), table_name="mention_blocks")
    op.drop_table("mention_blocks")
