"""A full disk during a write: a clear "disk full" StorageError, nothing half-written, every
earlier change intact, and writing works again once there is room.

SQLite's ``max_page_count`` makes the database engine itself hit SQLITE_FULL, the same error a
full disk gives, wherever the tests run (``bench/bench_crypto.py`` also fills a real tmpfs when
run as root)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from app.db import Database
from app.errors import StorageError
from app.replica import open_replica, verify_replica
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from tests.crash.harness import Report, check


def _cap_pages(db: Database, pages: int) -> None:
    """Every connection of ``db`` may grow the file to ``pages`` pages and no further."""

    def cap(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(db.engine, "connect", cap)
    db.engine.dispose()


def test_disk_full_mid_write_is_a_clear_error_and_corrupts_nothing(tmp_path: Path,
                                                                    key: bytes) -> None:
    db = open_replica(tmp_path / "replica.db", key=key)
    service = CustomerService(ServiceContext(db=db, user_id="u1"))
    acked: list[dict[str, Any]] = []
    with db.reader() as s:
        pages = int(s.scalar(text("PRAGMA page_count")) or 0)
    _cap_pages(db, pages + 8)
    with pytest.raises(StorageError) as err:  # noqa: PT012 - write until the space runs out
        for n in range(5000):
            name = f"苏州{n:05d}精密制造有限公司"
            view = service.create(CustomerInput(full_name=name, industry="manufacturing",
                                                region="east_china", notes="备注 " * 200),
                                  allow_duplicate=True)
            acked.append({"kind": "customer", "id": view.id, "full_name": name})
    assert err.value.code == "disk_full"
    assert str(err.value).startswith("disk full")
    assert acked, "some writes fitted before the disk filled"

    report = Report()
    check(db, acked, report)  # integrity_check, every saved change, outbox consistent
    assert report.ok, report
    with db.reader() as s:
        assert s.scalar(text("SELECT count(*) FROM customers")) == len(acked)
    db.dispose()

    again = open_replica(tmp_path / "replica.db", key=key)  # room again: writes work
    CustomerService(ServiceContext(db=again, user_id="u1")).create(
        CustomerInput(full_name="无锡空间充足有限公司", industry="software",
                      region="east_china"))
    assert verify_replica(again) == []
    again.dispose()
