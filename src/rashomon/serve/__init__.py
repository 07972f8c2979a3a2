"""Serve: the HTTP API and the web UI over a store (FastAPI).

Public surface: ``create_app``, and ``app_from_environment`` for an ASGI server
(``uvicorn --factory rashomon.serve:app_from_environment``; ``rashomon serve`` starts it so).
"""

from __future__ import annotations

from typing import Any

from rashomon.store import Store

__all__ = ["app_from_environment", "create_app"]


def create_app(store: Store) -> Any:
    from rashomon.serve.app import build_app

    return build_app(store)


def app_from_environment() -> Any:
    """The app over the database ``$RASHOMON_DB`` names (else ./rashomon.db): the factory an ASGI
    server imports by name."""
    return create_app(Store.open())
