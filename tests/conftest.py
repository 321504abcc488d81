"""Shared fixtures. Tests under tests/ui are marked ``gui`` automatically (qutebrowser's habit),
so ``pytest -m "not gui"`` is a quick loop without Qt."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.clock import FakeClock
from app.db import Database
from app.replica import open_replica
from app.services.context import ServiceContext


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def replica(tmp_path: Path, clock: FakeClock) -> Iterator[Database]:
    """A real replica file, migrated to head."""
    db = open_replica(tmp_path / "replica.db", clock=clock)
    yield db
    db.dispose()


@pytest.fixture
def ctx(replica: Database) -> ServiceContext:
    return ServiceContext(db=replica, user_id="01900000-0000-7000-8000-000000000101")
