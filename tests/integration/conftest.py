"""Integration fixtures: PostgreSQL (tests/conftest_pg.py) and the sync fixtures."""

from tests.conftest_pg import pg_server, pg_url
from tests.sync.conftest import replica_factory, server

__all__ = ["pg_server", "pg_url", "replica_factory", "server"]
