"""Export schema v2: every party of a mention and an event (``actors``), whose people a count counts
(``counts.party``), and whether an event's date rests on an inferred date (``date_inferred``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TABLES = ("mentions", "events")


def upgrade() -> None:
    # plain ADD COLUMN on both backends (a batch copy of ``mentions`` on SQLite would cascade-delete
    # its linking blocks): the defaults are constants, so existing rows get them
    for table in _TABLES:
        op.add_column(table, sa.Column("actors", sa.JSON(), nullable=False, server_default="[]"))
        op.add_column(table, sa.Column("date_inferred", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("counts", sa.Column("party", sa.Text(), nullable=True))


def downgrade() -> None:
    # plain DROP COLUMN (SQLite 3.35 and later), for the same reason as above
    op.drop_column("counts", "party")
    for table in _TABLES:
        op.drop_column(table, "date_inferred")
        op.drop_column(table, "actors")
