"""Fixtures for sync tests: a server on a temporary SQLite file, called in-process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.sync.helpers import Replica, Server, make_replica, make_server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = make_server(tmp_path)
    yield srv
    srv.transport.close()
    srv.store.dispose()


@pytest.fixture
def replica_factory(tmp_path: Path, server: Server) -> Iterator[Callable[..., Replica]]:
    made: list[Replica] = []

    def make(username: str, **kwargs: object) -> Replica:
        rep = make_replica(tmp_path / f"{username}-{len(made)}.db", server.transport, username,
                           **kwargs)  # type: ignore[arg-type]
        made.append(rep)
        return rep

    yield make
    for rep in made:
        rep.db.dispose()
