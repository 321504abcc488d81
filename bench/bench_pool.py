"""Shared pool benchmarks: the server's recycle pass and a claim decided in a push.

Targets: the recycle pass runs every 5 minutes inside the server process, so a pass over
50 000 owned customers must stay far below that (< 5 s, also when it moves 10 % of them);
a claim decided on push (limits, cool-down, first come first served) must not slow a sync
(< 100 ms for the push that carries it).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app import outbox
from app.clock import FakeClock
from app.ids import new_id
from app.models import PoolRequest
from app.replica import open_replica
from sync.client.engine import SyncEngine
from sync.server import admin, pool
from sync.server.app import create_app
from sync.server.settings import Settings
from sync.server.store import Store
from sync.transport import InProcessTransport

Row = tuple[str, str, str]
CUSTOMERS = 50_000
REPS = 50
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _customer(name: str, owner: str, assigned: datetime) -> dict[str, Any]:
    stamp = assigned.isoformat()
    return {"full_name": name, "short_name": None, "name_core": name, "industry": "software",
            "region": "east_china", "source": "import", "level": "normal",
            "lifecycle": "prospect", "lifecycle_manual": False, "owner_id": owner,
            "address": None, "phone": None, "website": None, "uscc": None, "notes": None,
            "last_follow_up_at": None, "in_pool": False, "assigned_at": stamp,
            "protected_until": None, "created_at": stamp, "updated_at": stamp,
            "deleted_at": None}


def _seed(store: Store) -> list[str]:
    reps = [admin.add_user(store, f"rep{i}", "pw", "rep", team="east") for i in range(REPS)]
    rows: list[tuple[str, str, str | None, dict[str, Any]]] = []
    owners: dict[str, str] = {}
    for i in range(CUSTOMERS):
        cid = new_id()
        owner = reps[i % REPS]
        # One in ten was assigned 40 days earlier: due for "no follow-up in 30 days".
        assigned = START - timedelta(days=40 if i % 10 == 0 else 1)
        rows.append(("customers", cid, cid, _customer(f"客户{i}有限公司", owner, assigned)))
        owners[cid] = owner
    admin.bulk_insert(store, rows, owners)
    pool.set_settings(store, "east", {"no_won_deal_days": "off"})
    return reps


def _recycle_s(store: Store) -> tuple[float, float, int]:
    started = time.perf_counter()
    assert pool.recycle(store, now=START - timedelta(days=20)) == []  # nothing due yet
    idle = time.perf_counter() - started
    started = time.perf_counter()
    moved = len(pool.recycle(store, now=START))
    return idle, time.perf_counter() - started, moved


def _claim_push_ms(store: Store, settings: Settings, folder: Path, claims: int = 30) -> float:
    transport = InProcessTransport(create_app(settings, store))
    clock = FakeClock(START)
    db = open_replica(folder / "rep.db", clock=clock)
    engine = SyncEngine(db, transport, retries=2, backoff_s=0.01)
    me = engine.login(transport.base_url, "rep1", "pw").user_id
    with store.read() as conn:
        pooled = pool.pooled(conn)[:claims]
    times = []
    try:
        for cid in pooled:
            with db.transaction() as s:
                outbox.insert(db, s, PoolRequest(customer_id=cid, kind="claim",
                                                 requested_by=me,
                                                 requested_at=clock.now(), status="pending"))
            started = time.perf_counter()
            engine.sync(verify=False)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        db.dispose()
        transport.close()
    return statistics.median(times)


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        settings = Settings(db_url=f"sqlite:///{folder / 'server.db'}",
                            pool_recycle_interval_s=0)
        store = Store(settings)
        store.migrate()
        store.clock = lambda: START
        try:
            _seed(store)
            idle, busy, moved = _recycle_s(store)
            claim_ms = _claim_push_ms(store, settings, folder)
        finally:
            store.dispose()
    return [
        (f"recycle pass, {CUSTOMERS} owned customers, none due", f"{idle:.2f} s", "< 5 s"),
        (f"recycle pass moving {moved} customers to the pool", f"{busy:.2f} s", "< 5 s"),
        ("sync carrying one claim (decided on push), median", f"{claim_ms:.0f} ms",
         "< 100 ms"),
    ]


if __name__ == "__main__":
    for row in run():
        print(" | ".join(row))
