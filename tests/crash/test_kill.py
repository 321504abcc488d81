"""SIGKILL in the middle of writes, of a bulk insert and of a migration, then restart: the
replica passes ``integrity_check``, no acknowledged change is lost, the outbox matches the data.
(``bench/bench_crypto.py`` runs 100 such cycles; a few here keep the suite fast.)"""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import text

from app.replica import open_replica
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from tests.crash.harness import Report, check, make_old_replica, migration_cycles, write_cycles

MIGRATING_CUSTOMERS = 20_000  # enough rows that the FTS back-fill takes a killable while


def test_killed_writer_loses_no_acknowledged_change(tmp_path: Path, key: bytes,
                                                    rng: random.Random) -> None:
    report = write_cycles("writes", tmp_path / "replica.db", key, 8, rng, max_delay=0.8)
    assert report.ok, report
    assert report.acked > 0


def test_killed_bulk_insert_is_all_or_nothing(tmp_path: Path, key: bytes,
                                              rng: random.Random) -> None:
    report = write_cycles("bulk", tmp_path / "replica.db", key, 4, rng, max_delay=1.2)
    assert report.ok, report
    assert report.acked > 0


def test_killed_migration_is_rolled_back_and_finished_on_restart(tmp_path: Path,
                                                                 key: bytes) -> None:
    template = tmp_path / "old.db"
    make_old_replica(template, key, MIGRATING_CUSTOMERS)
    report = migration_cycles(template, tmp_path, key, MIGRATING_CUSTOMERS, [0.1, 0.4, 0.7])
    assert report.ok, report
    assert report.killed_before_ack >= 1, "at least one kill landed inside the migration"


def test_the_checks_notice_a_lost_change_and_an_outbox_gap(tmp_path: Path) -> None:
    """The harness itself: a promised row that is missing, and a row whose outbox entry is gone,
    are both reported (so a passing crash test means something)."""
    db = open_replica(tmp_path / "replica.db")
    try:
        service = CustomerService(ServiceContext(db=db, user_id="u1"))
        saved = [service.create(CustomerInput(full_name=f"绍兴{n}纺织有限公司", industry="retail",
                                              region="east_china")) for n in range(2)]
        acked = [{"kind": "customer", "id": v.id, "full_name": v.full_name} for v in saved]
        report = Report()
        check(db, acked, report)
        assert report.ok, report
        check(db, [{"kind": "customer", "id": "never-written", "full_name": "x"}], report)
        assert report.lost == ["customer never-written"]
        with db.transaction() as s:
            s.execute(text("DELETE FROM outbox WHERE client_seq = "
                           "(SELECT min(client_seq) FROM outbox WHERE entity = 'customers')"))
        report = Report()
        check(db, [], report)
        assert report.inconsistent
    finally:
        db.dispose()
