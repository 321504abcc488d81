"""Storage failures become StorageError with a code, never a raw traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.db import Database
from app.errors import StorageError
from app.hlc import HybridClock, Timestamp
from app.ids import deterministic_id, new_id
from app.replica import open_replica, profile_dir


def test_foreign_file_at_replica_path_is_reported_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "replica.db"
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    with pytest.raises(StorageError) as err:
        open_replica(path)
    assert err.value.code == "database_corrupt"
    assert path.read_bytes().startswith(b"this is not"), "the foreign file is left untouched"


def test_client_id_is_stable_across_reopen(tmp_path: Path) -> None:
    db = open_replica(tmp_path / "r.db")
    first = db.client_id
    db.dispose()
    again = Database(tmp_path / "r.db")
    assert again.client_id == first
    again.dispose()


def test_ids_are_uuid7_and_sort_by_time() -> None:
    a, b = new_id(), new_id()
    assert len(a) == 36
    assert a[14] == "7"
    assert a[19] in "89ab"
    assert a != b
    assert deterministic_id("quote", "x") == deterministic_id("quote", "x")
    assert deterministic_id("quote", "x") != deterministic_id("quote", "y")


def test_hlc_orders_causally_despite_skewed_wall_clocks() -> None:
    slow = HybridClock("a", wall_ms=lambda: 1_000)  # a laptop 12 h behind
    fast = HybridClock("b", wall_ms=lambda: 1_000 + 12 * 3600 * 1000)
    seen = fast.tick()
    after = slow.observe(seen)
    assert after > seen
    assert slow.tick() > after
    assert Timestamp.decode(after.encode()) == after
    assert after.encode() > seen.encode(), "string order equals timestamp order"


def test_profile_dir_is_one_per_server_and_user(tmp_path: Path) -> None:
    a = profile_dir("https://crm.example.com/", "Zhang", tmp_path)
    b = profile_dir("https://crm.example.com", "li", tmp_path)
    assert a != b
    assert a == profile_dir("https://CRM.example.com", "zhang", tmp_path)
