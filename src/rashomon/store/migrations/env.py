"""Alembic environment: run on the connection Store.open hands over, or on ``-x db=URL`` / the
ini's URL from the command line."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from rashomon.store import database_url
from rashomon.store.tables import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(database_url(url))
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
    engine.dispose()
