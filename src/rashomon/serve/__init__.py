"""Serve: the HTTP API and the web UI over a store (FastAPI).

Public surface: ``create_app``.
"""

from __future__ import annotations

from typing import Any

from rashomon.store import Store

__all__ = ["create_app"]


def create_app(store: Store) -> Any:
    from rashomon.serve.app import build_app

    return build_app(store)
