"""The shared pool through a real server on 127.0.0.1 and reps' replicas over HTTP.

alice gives a customer back with a reason; bob and carol both claim it while offline; both
sync: one is granted, the other sees "taken" in its requests. Then the server's recycle (driven
with a fixed clock) returns a neglected customer, and a follow-up alice logged offline before
the deadline reverses it when she syncs.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from app.clock import FakeClock
from app.models import Contact, Customer, PoolEvent
from app.replica import open_replica
from app.services.activities import ActivityInput, ActivityService
from app.services.contacts import ContactInput, ContactService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.pool import PoolService
from sync.client.engine import SyncEngine
from sync.server import admin, pool, scope
from sync.server.local import start_local_server
from sync.server.settings import Settings
from sync.server.store import Store
from sync.transport import RequestsTransport
from tests.sync.helpers import PASSWORD, Replica, Server, get, http_replica, ids, make_replica


def _ctx(rep: Replica, user_id: str) -> ServiceContext:
    return ServiceContext(rep.db, user_id=user_id)


def _new_customer(rep: Replica, user_id: str, name: str) -> str:
    ctx = _ctx(rep, user_id)
    made = CustomerService(ctx).create(CustomerInput(
        full_name=name, industry="electronics", region="south_china"))
    ContactService(ctx).create(ContactInput(customer_id=made.id, name="张伟"))
    return made.id


def test_return_offline_claims_recycle_and_reversal_over_http(
        tmp_path: Path, live: tuple[str, Store]) -> None:
    url, store = live
    users = {name: admin.add_user(store, name, PASSWORD, "rep", team="east")
             for name in ("alice", "bob", "carol")}
    pool.set_settings(store, "east", {"no_follow_up_days": "3", "no_won_deal_days": "off"})
    alice, bob, carol = (http_replica(tmp_path, url, n) for n in ("alice", "bob", "carol"))

    # alice gives a customer back, with a reason.
    given = _new_customer(alice, users["alice"], "深圳市华强科技有限公司")
    kept = _new_customer(alice, users["alice"], "上海金桥贸易有限公司")
    alice.sync()
    PoolService(_ctx(alice, users["alice"])).give_back(given, "no_budget: 今年没有预算")
    alice.sync()
    assert given not in ids(alice.db, Customer)
    bob.sync()
    carol.sync()
    assert [v.id for v in PoolService(_ctx(bob, users["bob"])).pool()] == [given]
    assert ids(bob.db, Contact) == set(), "limited fields until claimed"

    # bob and carol claim while offline; bob's reaches the server first.
    bob_asked = PoolService(_ctx(bob, users["bob"])).claim(given)
    carol_asked = PoolService(_ctx(carol, users["carol"])).claim(given)
    bob.sync()
    carol.sync()
    bob_view = PoolService(_ctx(bob, users["bob"])).requests()[0]
    carol_view = PoolService(_ctx(carol, users["carol"])).requests()[0]
    assert (bob_view.id, bob_view.status) == (bob_asked.id, "granted")
    assert (carol_view.id, carol_view.status, carol_view.refusal) == (
        carol_asked.id, "refused", "taken")
    assert get(bob.db, Customer, given).owner_id == users["bob"]
    assert len(ids(bob.db, Contact)) == 1, "the contacts arrive with the claim"
    assert given not in ids(carol.db, Customer)
    assert PoolService(_ctx(carol, users["carol"])).pool() == []

    # Recycle by clock: alice's other customer, untouched for 3 days, goes to the pool —
    # but she logged a call offline an hour before the deadline.
    created = get(alice.db, Customer, kept).created_at
    deadline = created + timedelta(days=3)
    ActivityService(_ctx(alice, users["alice"])).log(ActivityInput(
        customer_id=kept, kind="call", subject="回访", done_at=deadline - timedelta(hours=1)))
    moved = pool.recycle(store, now=deadline + timedelta(hours=1))
    # bob's claim (3 days ago on that clock, no follow-up since) goes back too.
    assert {(m.customer_id, m.reason.value) for m in moved} == {
        (kept, "no_follow_up"), (given, "no_follow_up")}
    carol.sync()
    assert {v.id for v in PoolService(_ctx(carol, users["carol"])).pool()} == {kept, given}

    alice.sync()  # the offline follow-up reaches the server after the recycle: reversed
    assert get(alice.db, Customer, kept).owner_id == users["alice"]
    assert get(alice.db, Customer, kept).last_follow_up_at == deadline - timedelta(hours=1)
    with alice.db.reader() as s:
        kinds = sorted(e.kind for e in s.scalars(select(PoolEvent).where(
            PoolEvent.customer_id == kept)))
        note = s.scalar(select(PoolEvent.note).where(PoolEvent.kind == "reversed"))
    assert kinds == ["recycled", "reversed"]
    assert note is not None
    assert "before the recycle deadline" in note
    with store.read() as conn:
        assert scope.current_owner(conn, kept) == users["alice"]
    carol.sync()
    assert [v.id for v in PoolService(_ctx(carol, users["carol"])).pool()] == [given]
    assert datetime.now(UTC) < deadline, "the recycle ran on the injected clock"


def test_claims_and_recycle_on_postgresql(tmp_path: Path, pg: Server) -> None:
    """The same decisions with PostgreSQL's row locks instead of SQLite's single writer."""
    clock = FakeClock()
    pg.store.clock = clock.now
    users = {name: pg.user(name) for name in ("alice", "bob", "carol")}
    reps = {name: make_replica(tmp_path / f"{name}.db", pg.transport, name, clock=clock)
            for name in users}
    try:
        given = _new_customer(reps["alice"], users["alice"], "深圳市华强科技有限公司")
        reps["alice"].sync()
        PoolService(_ctx(reps["alice"], users["alice"])).give_back(given, "no_need")
        reps["alice"].sync()
        for name in ("bob", "carol"):
            reps[name].sync()
            PoolService(_ctx(reps[name], users[name])).claim(given)
        reps["carol"].sync()
        reps["bob"].sync()
        bob_view = PoolService(_ctx(reps["bob"], users["bob"])).requests()[0]
        assert (bob_view.status, bob_view.refusal) == ("refused", "taken")
        assert get(reps["carol"].db, Customer, given).owner_id == users["carol"]
        clock.advance(timedelta(days=31))
        assert [m.customer_id for m in pool.recycle(pg.store)] == [given]
        reps["carol"].sync()
        assert given not in ids(reps["carol"].db, Customer)
    finally:
        for rep in reps.values():
            rep.db.dispose()


def test_the_server_process_recycles_on_its_own_timer(tmp_path: Path) -> None:
    db_path = tmp_path / "timer.db"
    url, stop = start_local_server(db_path, pool_recycle_interval_s=1)
    store = Store(Settings(db_url=f"sqlite:///{db_path}"))
    try:
        alice_id = admin.add_user(store, "alice", PASSWORD, "rep", team="east")
        db = open_replica(tmp_path / "alice.db", clock=FakeClock())  # created months ago
        engine = SyncEngine(db, RequestsTransport(url), retries=2, backoff_s=0.01)
        engine.login(url, "alice", PASSWORD)
        alice = Replica(db, engine)
        old = _new_customer(alice, alice_id, "北京东方物流有限公司")
        alice.sync()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with store.read() as conn:
                if pool.pooled(conn) == [old]:
                    break
            time.sleep(0.2)
        with store.read() as conn:
            assert pool.pooled(conn) == [old]
        alice.sync()
        assert old not in ids(alice.db, Customer)
        db.dispose()
    finally:
        store.dispose()
        stop()
