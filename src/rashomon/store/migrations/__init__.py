"""Alembic migrations of the Rashomon schema (SQLite and PostgreSQL alike).

``Store.open`` upgrades every database to ``HEAD`` on first use; a database created before
migrations existed (tables but no ``alembic_version``) is stamped at the first revision, which is
that schema, and upgraded from there. To add a revision: change ``tables.py``, then

    .venv/bin/alembic -c src/rashomon/store/migrations/alembic.ini revision --autogenerate -m "..."

(against a database at head, e.g. ``-x db=sqlite:///tmp.db``), review it, and set ``HEAD`` below.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["HEAD", "BASE", "LOCATION", "upgrade"]

HEAD = "0003"
BASE = "0001"
LOCATION = Path(__file__).resolve().parent
