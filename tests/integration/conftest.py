"""Integration fixtures: PostgreSQL (tests/conftest_pg.py), the sync fixtures, and a sync
server backed by a fresh PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest_pg import pg_server, pg_url
from tests.sync.conftest import replica_factory, server
from tests.sync.helpers import Server, make_server

__all__ = ["pg", "pg_server", "pg_url", "replica_factory", "server"]


@pytest.fixture
def pg(tmp_path: Path, pg_url: str) -> Iterator[Server]:
    """A loopback sync server on its own PostgreSQL database; small pages so that paging runs."""
    srv = make_server(tmp_path, url=pg_url, page_limit=50)
    yield srv
    srv.transport.close()
    srv.store.dispose()
