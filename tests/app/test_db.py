"""Storage failures become StorageError with a code, never a raw traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db import Database
from app.errors import StorageError
from app.hlc import HybridClock, Timestamp
from app.ids import deterministic_id, new_id
from app.replica import (
    ReplicaUnreadableError,
    open_replica,
    profile_dir,
    quarantine_replica,
    verify_replica,
)


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


def _make_replica_with_customer(path: Path) -> None:
    db = open_replica(path)
    with db.transaction() as s:
        s.execute(text("""INSERT INTO customers (id, full_name, name_core, industry, region,
            source, level, lifecycle, lifecycle_manual, in_pool, created_at, updated_at,
            server_seq, version) VALUES ('c1', '华强科技有限公司', '华强科技', 'software',
            'south_china', 'manual', 'key', 'prospect', 0, 0, '2026-01-01 00:00:00',
            '2026-01-01 00:00:00', 0, 1)"""))
    db.dispose()


def test_another_programs_sqlite_file_is_foreign_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "replica.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ReplicaUnreadableError) as err:
        open_replica(path)
    assert err.value.code == "foreign_database"
    assert path.read_bytes() == before, "no FieldSales table was created inside it"


def test_replica_from_a_newer_app_is_reported_not_downgraded(tmp_path: Path) -> None:
    path = tmp_path / "replica.db"
    _make_replica_with_customer(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    with pytest.raises(ReplicaUnreadableError) as err:
        open_replica(path)
    assert err.value.code == "unknown_schema"


@pytest.mark.parametrize("damage", ["truncated", "scribbled"])
def test_damaged_replica_is_detected_and_can_be_set_aside(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "replica.db"
    _make_replica_with_customer(path)
    data = bytearray(path.read_bytes())
    if damage == "truncated":
        data = data[:1500]  # the header survives, the schema page does not
    else:
        data[100:4096] = b"\xa5" * (4096 - 100)  # the first page's b-tree is overwritten
    path.write_bytes(bytes(data))
    with pytest.raises(ReplicaUnreadableError) as err:
        open_replica(path)
    assert err.value.code == "database_corrupt"
    assert err.value.params["path"] == str(path)

    aside = quarantine_replica(path)
    assert aside is not None
    assert aside.read_bytes() == bytes(data), "nothing is deleted"
    assert not path.exists()
    fresh = open_replica(path)  # the re-sync starts from an empty replica
    assert verify_replica(fresh) == []
    fresh.dispose()


def test_integrity_check_finds_damage_inside_a_table(tmp_path: Path) -> None:
    path = tmp_path / "replica.db"
    _make_replica_with_customer(path)
    conn = sqlite3.connect(path)
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_outbox_entity'"
                        ).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (page - 1) * page_size
    data[start:start + page_size] = b"\x0d" + b"\xff" * (page_size - 1)
    path.write_bytes(bytes(data))
    db = Database(path)
    assert verify_replica(db) != []
    db.dispose()
