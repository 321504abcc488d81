"""Integration fixtures: PostgreSQL (tests/conftest_pg.py), the sync fixtures, and a sync
server backed by a fresh PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.server.local import start_local_server
from sync.server.settings import Settings
from sync.server.store import Store
from tests.conftest_pg import pg_server, pg_url
from tests.sync.conftest import replica_factory, server
from tests.sync.helpers import Server, make_server

__all__ = ["live", "pg", "pg_server", "pg_url", "replica_factory", "server"]


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Store]]:
    """A real server on loopback (its own SQLite file): its URL, and its store for admin
    commands in the test."""
    db_path = tmp_path / "server.db"
    url, stop = start_local_server(db_path)
    store = Store(Settings(db_url=f"sqlite:///{db_path}"))
    try:
        yield url, store
    finally:
        store.dispose()
        stop()


@pytest.fixture
def pg(tmp_path: Path, pg_url: str) -> Iterator[Server]:
    """A loopback sync server on its own PostgreSQL database; small pages so that paging runs."""
    srv = make_server(tmp_path, url=pg_url, page_limit=50)
    yield srv
    srv.transport.close()
    srv.store.dispose()
