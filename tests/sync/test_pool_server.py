"""The shared pool (公海) through a real server store and replicas, with a fixed clock.

Each rule and limit of business rules §5.5 is driven here: manual return with a reason, claims
first come first served (the loser sees ``taken``), the daily claim limit, the maximum held,
the previous owner's cool-down, protection cap and period, the recycle rules (no follow-up,
no won deal, high value 24 h + grace, protection expiry) and the reversal of a recycle by a
follow-up logged offline before the deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app import outbox
from app.clock import FakeClock
from app.db import Database
from app.errors import ValidationError
from app.models import (
    Conflict,
    Contact,
    Customer,
    Opportunity,
    PoolEvent,
    PoolRequest,
    RefValue,
)
from app.pool_countdown import countdowns, pool_settings
from app.services.activities import ActivityInput, ActivityService
from app.services.context import ServiceContext
from app.services.pool import PoolService
from sync.server import admin, audit, pool
from sync.server.cli import main as server_cli
from sync.server.tables import pool_state
from tests.sync.helpers import Replica, Server, add_contact, get, ids

Factory = Callable[..., Replica]
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@pytest.fixture
def clock(server: Server) -> FakeClock:
    """One fixed clock for the server's pool and every replica."""
    fixed = FakeClock()
    server.store.clock = fixed.now
    return fixed


def _customer(db: Database, name: str, level: str = "normal") -> str:
    with db.transaction() as s:
        row = Customer(full_name=name, name_core=name, industry="electronics",
                       region="south_china", source="manual", level=level)
        outbox.insert(db, s, row)
        return row.id


def _svc(rep: Replica, user_id: str) -> PoolService:
    return PoolService(ServiceContext(rep.db, user_id=user_id))


def _raw_claim(db: Database, user_id: str, customer_id: str, clock: FakeClock) -> str:
    """A claim request as a replica would push it, without the replica's own checks (so the
    server's rules are what is tested)."""
    with db.transaction() as s:
        row = PoolRequest(customer_id=customer_id, kind="claim", requested_by=user_id,
                          requested_at=clock.now(), status="pending")
        outbox.insert(db, s, row)
        return row.id


def _request(db: Database, request_id: str) -> PoolRequest:
    found = get(db, PoolRequest, request_id)
    assert isinstance(found, PoolRequest)
    return found


def _events(server: Server, customer_id: str) -> list[tuple[str, str | None]]:
    from sync.server.records import load
    from sync.server.tables import records

    with server.store.read() as conn:
        keys = [("pool_events", i) for i in conn.scalars(select(records.c.id).where(
            records.c.entity == "pool_events", records.c.customer_id == customer_id))]
        found = load(conn, keys)
    rows = sorted(found.values(), key=lambda r: (r.data["at"], r.seq))
    return [(r.data["kind"], r.data.get("note")) for r in rows]


def _pooled(server: Server) -> list[str]:
    with server.store.read() as conn:
        return pool.pooled(conn)


def _team_of_three(server: Server, replica_factory: Factory,
                   clock: FakeClock) -> tuple[dict[str, str], dict[str, Replica]]:
    users = {name: server.user(name) for name in ("alice", "bob", "carol")}
    reps = {name: replica_factory(name, clock=clock) for name in users}
    return users, reps


def _returned(server: Server, alice: Replica, alice_id: str, clock: FakeClock,
              name: str = "深圳市华强科技有限公司") -> str:
    """alice creates a customer with a contact, syncs, and gives it back."""
    cid = _customer(alice.db, name)
    add_contact(alice.db, cid, "张伟")
    alice.sync()
    _svc(alice, alice_id).give_back(cid, "no_need: 不需要")
    alice.sync()
    return cid


def test_manual_return_puts_the_customer_in_the_teams_pool_with_limited_fields(
        server: Server, replica_factory: Factory, clock: FakeClock) -> None:
    users, reps = _team_of_three(server, replica_factory, clock)
    dave_id = server.user("dave", team="west")
    dave = replica_factory("dave", clock=clock)
    alice = reps["alice"]
    cid = _customer(alice.db, "深圳市华强科技有限公司")
    add_contact(alice.db, cid)
    alice.sync()
    with pytest.raises(ValidationError) as err:
        _svc(alice, users["alice"]).give_back(cid, "  ")
    assert err.value.code == "reason_required"

    asked = _svc(alice, users["alice"]).give_back(cid, "no budget this year")
    assert get(alice.db, Customer, cid).in_pool, "leaves the rep's lists at once"
    alice.sync()

    assert _pooled(server) == [cid]
    assert cid not in ids(alice.db, Customer), "the subtree left alice's replica"
    assert ids(alice.db, Contact) == set()
    assert _request(alice.db, asked.id).status == "granted"
    kinds = [k for k, _n in _events(server, cid)]
    assert kinds == ["returned"]
    with server.store.read() as conn:
        assert [e.action for e in audit.entries(conn, action="pool_return")] == ["pool_return"]

    for name in ("bob", "carol"):
        reps[name].sync()
        listed = _svc(reps[name], users[name]).pool()
        assert [(v.id, v.full_name, v.pooled_reason) for v in listed] == [
            (cid, "深圳市华强科技有限公司", "manual_return")]
        assert ids(reps[name].db, Customer) == set(), "no customer row before a claim"
        assert ids(reps[name].db, Contact) == set(), "no contacts before a claim"
    dave.sync()
    assert _svc(dave, dave_id).pool() == [], "another team never sees this pool"


def test_two_offline_claims_first_received_wins_and_the_loser_sees_taken(
        server: Server, replica_factory: Factory, clock: FakeClock) -> None:
    users, reps = _team_of_three(server, replica_factory, clock)
    cid = _returned(server, reps["alice"], users["alice"], clock)
    reps["bob"].sync()
    reps["carol"].sync()
    bob_req = _svc(reps["bob"], users["bob"]).claim(cid)
    carol_req = _svc(reps["carol"], users["carol"]).claim(cid)
    assert bob_req.status == carol_req.status == "pending"

    reps["carol"].sync()  # carol's request reaches the server first
    reps["bob"].sync()
    reps["carol"].sync()

    assert _request(reps["carol"].db, carol_req.id).status == "granted"
    bob_view = _svc(reps["bob"], users["bob"]).requests()[0]
    assert (bob_view.status, bob_view.refusal) == ("refused", "taken")
    assert get(reps["carol"].db, Customer, cid).owner_id == users["carol"]
    assert len(ids(reps["carol"].db, Contact)) == 1, "the whole subtree arrives on a claim"
    assert cid not in ids(reps["bob"].db, Customer)
    assert _svc(reps["bob"], users["bob"]).pool() == [], "claimed: gone from the pool"
    assert _pooled(server) == []
    assert [k for k, _n in _events(server, cid)] == ["returned", "claimed"]


def test_daily_claim_limit_counts_a_rolling_day(
        server: Server, replica_factory: Factory, clock: FakeClock) -> None:
    users, reps = _team_of_three(server, replica_factory, clock)
    pool.set_settings(server.store, "east", {"daily_claim_limit": "2"})
    cids = [_returned(server, reps["alice"], users["alice"], clock, f"客户{i}有限公司")
            for i in range(3)]
    former = _customer(reps["alice"].db, "老客户有限公司")
    with reps["alice"].db.transaction() as s:
        outbox.insert(reps["alice"].db, s, Opportunity(
            customer_id=former, name="Deal", stage="won", amount=Decimal("1000"),
            closed_at=clock.now()))
    reps["alice"].sync()
    _svc(reps["alice"], users["alice"]).give_back(former, "moved away")
    reps["alice"].sync()
    bob = reps["bob"]
    bob.sync()
    asked = [_raw_claim(bob.db, users["bob"], c, clock) for c in cids]
    bob.sync()
    assert [_request(bob.db, r).refusal for r in asked] == [None, None, "daily_limit"]
    with pytest.raises(ValidationError) as err:
        _svc(bob, users["bob"]).claim(cids[2])
    assert err.value.code == "daily_limit", "the replica knows it too, offline"
    won = _svc(bob, users["bob"]).claim(former)  # a won customer does not count
    bob.sync()
    assert _request(bob.db, won.id).status == "granted"

    clock.advance(DAY)
    again = _svc(bob, users["bob"]).claim(cids[2])
    bob.sync()
    assert _request(bob.db, again.id).status == "granted"


def test_max_held_and_cool_down(server: Server, replica_factory: Factory,
                                clock: FakeClock) -> None:
    users, reps = _team_of_three(server, replica_factory, clock)
    alice, bob = reps["alice"], reps["bob"]
    pool.set_settings(server.store, "east", {"max_held": "1", "cool_down": "12"})
    first = _returned(server, alice, users["alice"], clock, "甲公司")
    second = _returned(server, alice, users["alice"], clock, "乙公司")
    bob.sync()
    assert pool_settings(bob.db).max_held == 1, "settings travel to the replica"
    asked = [_raw_claim(bob.db, users["bob"], c, clock) for c in (first, second)]
    bob.sync()
    assert [_request(bob.db, r).refusal for r in asked] == [None, "max_held"]

    alice.sync()
    with pytest.raises(ValidationError) as err:
        _svc(alice, users["alice"]).claim(second)
    assert err.value.code == "cool_down"
    raw = _raw_claim(alice.db, users["alice"], second, clock)
    alice.sync()
    assert _request(alice.db, raw).refusal == "cool_down"
    clock.advance(12 * HOUR)
    late = _svc(alice, users["alice"]).claim(second)
    alice.sync()
    assert _request(alice.db, late.id).status == "granted"


def test_protection_cap_period_and_expiry(server: Server, replica_factory: Factory,
                                          clock: FakeClock) -> None:
    users, reps = _team_of_three(server, replica_factory, clock)
    alice = reps["alice"]
    pool.set_settings(server.store, "east", {"max_protected": "1", "max_protection": "48",
                                             "no_follow_up_days": "1", "no_won_deal_days": "off"})
    kept, other = _customer(alice.db, "甲公司"), _customer(alice.db, "乙公司")
    alice.sync()
    svc = _svc(alice, users["alice"])
    with pytest.raises(ValidationError) as err:
        svc.protect(kept, clock.now() + 72 * HOUR)
    assert err.value.code == "max_protection"
    granted = svc.protect(kept, clock.now() + 36 * HOUR)
    with pytest.raises(ValidationError) as err:
        svc.protect(other, clock.now() + 10 * HOUR)
    assert err.value.code == "max_protected"
    alice.sync()
    assert _request(alice.db, granted.id).status == "granted"
    assert get(alice.db, Customer, kept).protected_until == clock.now() + 36 * HOUR

    clock.advance(30 * HOUR)
    moved = pool.recycle(server.store)
    assert [(m.customer_id, m.reason.value) for m in moved] == [(other, "no_follow_up")]
    clock.advance(7 * HOUR)
    moved = pool.recycle(server.store)
    assert [(m.customer_id, m.reason.value) for m in moved] == [(kept, "protection_expired")]
    assert [k for k, _n in _events(server, kept)] == ["protected", "protection_expired"]
    alice.sync()
    assert ids(alice.db, Customer) == set()


def test_recycle_rules_no_won_deal_and_high_value_with_grace(
        server: Server, replica_factory: Factory, clock: FakeClock) -> None:
    _users, reps = _team_of_three(server, replica_factory, clock)
    alice = reps["alice"]
    pool.set_settings(server.store, "east", {"no_follow_up_days": "off",
                                             "no_won_deal_days": "10",
                                             "high_value_grace_hours": "2"})
    strategic = _customer(alice.db, "战略客户有限公司", level="strategic")
    plain = _customer(alice.db, "普通客户有限公司")
    winner = _customer(alice.db, "成交客户有限公司")
    with alice.db.transaction() as s:
        outbox.insert(alice.db, s, Opportunity(
            customer_id=winner, name="Deal", stage="won", amount=Decimal("1000"),
            closed_at=clock.now() + 5 * DAY))
    alice.sync()
    clock.advance(25 * HOUR)
    assert pool.recycle(server.store) == [], "24 h + 2 h grace not reached yet"
    clock.advance(1 * HOUR)
    assert [m.customer_id for m in pool.recycle(server.store)] == [strategic]
    clock.advance(10 * DAY)
    moved = pool.recycle(server.store)
    assert [(m.customer_id, m.reason.value) for m in moved] == [(plain, "no_won_deal")]
    clock.advance(5 * DAY)
    assert [m.customer_id for m in pool.recycle(server.store)] == [winner], \
        "the won deal restarted its clock"
    assert pool.recycle(server.store) == [], "recycling twice moves nothing"


def test_offline_follow_up_before_the_deadline_reverses_the_recycle(
        server: Server, replica_factory: Factory, clock: FakeClock) -> None:
    users, reps = _team_of_three(server, replica_factory, clock)
    alice, bob = reps["alice"], reps["bob"]
    pool.set_settings(server.store, "east", {"no_follow_up_days": "3"})
    cid = _customer(alice.db, "深圳市华强科技有限公司")
    add_contact(alice.db, cid)
    alice.sync()
    clock.advance(3 * DAY - HOUR)
    ActivityService(ServiceContext(alice.db, user_id=users["alice"])).log(ActivityInput(
        customer_id=cid, kind="call", subject="回访", done_at=clock.now()))  # offline
    clock.advance(2 * HOUR)
    assert [m.customer_id for m in pool.recycle(server.store)] == [cid]
    bob.sync()
    assert [v.id for v in _svc(bob, users["bob"]).pool()] == [cid]

    alice.sync()  # the follow-up arrives after the recycle
    assert get(alice.db, Customer, cid).owner_id == users["alice"]
    assert not get(alice.db, Customer, cid).in_pool
    assert len(ids(alice.db, Contact)) == 1
    kinds = _events(server, cid)
    assert [k for k, _n in kinds] == ["recycled", "reversed"]
    assert "before the recycle deadline" in (kinds[-1][1] or "")
    with alice.db.reader() as s:
        assert sorted(e.kind for e in s.scalars(select(PoolEvent))) == ["recycled", "reversed"]
    assert _pooled(server) == []
    bob.sync()
    assert _svc(bob, users["bob"]).pool() == []


def test_offline_follow_up_after_another_reps_claim_keeps_the_claim(
        server: Server, replica_factory: Factory, clock: FakeClock) -> None:
    users, reps = _team_of_three(server, replica_factory, clock)
    alice, bob = reps["alice"], reps["bob"]
    pool.set_settings(server.store, "east", {"no_follow_up_days": "3"})
    cid = _customer(alice.db, "深圳市华强科技有限公司")
    alice.sync()
    clock.advance(3 * DAY - HOUR)
    ActivityService(ServiceContext(alice.db, user_id=users["alice"])).log(ActivityInput(
        customer_id=cid, kind="visit", subject="拜访", done_at=clock.now()))
    clock.advance(2 * HOUR)
    pool.recycle(server.store)
    bob.sync()
    _svc(bob, users["bob"]).claim(cid)
    bob.sync()

    alice.sync()
    with server.store.read() as conn:
        from sync.server import scope

        assert scope.current_owner(conn, cid) == users["bob"]
    events = _events(server, cid)
    assert [k for k, _n in events] == ["recycled", "claimed", "reversal_refused"]
    assert "the claim stands" in (events[-1][1] or "")
    assert cid not in ids(alice.db, Customer)
    with alice.db.reader() as s:
        lost = s.scalars(select(Conflict).where(Conflict.kind == "edit_after_reassign")).all()
    assert lost, "alice's follow-up is kept for her as a conflict"


def test_reps_cannot_write_pool_fields_and_admin_assign_empties_the_pool(
        server: Server, replica_factory: Factory, clock: FakeClock) -> None:
    users, reps = _team_of_three(server, replica_factory, clock)
    alice = reps["alice"]
    mine = _customer(alice.db, "甲公司")
    alice.sync()
    with alice.db.transaction() as s:
        row = s.get(Customer, mine)
        assert row is not None
        outbox.update(alice.db, s, row, {"protected_until": clock.now() + 300 * DAY})
    alice.sync()
    assert get(alice.db, Customer, mine).protected_until is None
    with alice.db.reader() as s:
        assert s.scalars(select(Conflict.reason).where(Conflict.field == "protected_until")
                         ).all() == ["pool_field"]

    cid = _returned(server, alice, users["alice"], clock, "乙公司")
    admin.assign(server.store, cid, "carol")
    assert _pooled(server) == []
    reps["carol"].sync()
    reps["bob"].sync()
    assert get(reps["carol"].db, Customer, cid).owner_id == users["carol"]
    assert _svc(reps["bob"], users["bob"]).pool() == []
    with server.store.read() as conn:
        state = conn.execute(select(pool_state).where(pool_state.c.customer_id == cid)).one()
    assert state.in_pool == 0


def test_cli_pool_show_set_and_recycle(server: Server, replica_factory: Factory,
                                       capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    server.user("alice")
    alice = replica_factory("alice")
    _customer(alice.db, "甲公司")
    alice.sync()
    url = server.store.url
    assert server_cli(["--db", url, "pool", "set", "--team", "east", "--cool-down", "6",
                       "--no-follow-up-days", "0"]) == 0
    out = capsys.readouterr().out
    assert "cool_down = 6" in out
    assert "no_follow_up_days = 0" in out
    assert server_cli(["--db", url, "pool", "show", "--team", "east"]) == 0
    assert "daily_claim_limit = 5" in capsys.readouterr().out
    assert server_cli(["--db", url, "pool", "set", "--team", "nowhere", "--max-held", "3"]) == 2
    server.user("bob")
    capsys.readouterr()
    assert server_cli(["--db", url, "transfer", "--from", "alice", "--to", "bob"]) == 0
    assert "transferred 1 customer(s)" in capsys.readouterr().out
    assert server_cli(["--db", url, "pool", "recycle"]) == 0
    assert "recycled 1 customer(s)" in capsys.readouterr().out


def test_a_managers_reassignment_restarts_the_recycle_clock(
        server: Server, replica_factory: Factory, clock: FakeClock) -> None:
    users, reps = _team_of_three(server, replica_factory, clock)
    server.user("boss", role="manager")
    boss = replica_factory("boss", clock=clock)
    pool.set_settings(server.store, "east", {"no_follow_up_days": "3"})
    cid = _customer(reps["alice"].db, "甲公司")
    reps["alice"].sync()
    clock.advance(2 * DAY)
    boss.sync()
    with boss.db.transaction() as s:
        row = s.get(Customer, cid)
        assert row is not None
        outbox.update(boss.db, s, row, {"owner_id": users["bob"]})
    boss.sync()
    clock.advance(2 * DAY)
    assert pool.recycle(server.store) == [], "bob's clock started at the reassignment"
    reps["bob"].sync()
    assert get(reps["bob"].db, Customer, cid).assigned_at == clock.now() - 2 * DAY
    clock.advance(DAY)
    assert [m.customer_id for m in pool.recycle(server.store)] == [cid]


def test_transferring_a_reps_book_restarts_every_recycle_clock(
        server: Server, replica_factory: Factory, clock: FakeClock) -> None:
    users, reps = _team_of_three(server, replica_factory, clock)
    alice, bob = reps["alice"], reps["bob"]
    pool.set_settings(server.store, "east", {"no_follow_up_days": "3"})
    book = [_customer(alice.db, f"{n}号客户有限公司") for n in range(3)]
    alice.sync()
    clock.advance(2 * DAY)
    assert admin.transfer(server.store, "alice", "bob") == 3
    alice.sync()
    bob.sync()
    assert ids(alice.db, Customer) == set()
    assert ids(bob.db, Customer) == set(book)
    # No stale dates: bob's three days start at the transfer, offline and on the server.
    assert {c.deadline.at for c in countdowns(bob.db, users["bob"], clock.now())} == {
        clock.now() + 3 * DAY}
    clock.advance(2 * DAY)
    assert pool.recycle(server.store) == [], "alice's old clock would have run out by now"
    clock.advance(DAY)
    assert sorted(m.customer_id for m in pool.recycle(server.store)) == sorted(book)
    with server.store.read() as conn:
        assert any(e.target == "user:alice" for e in audit.entries(conn, action="reassign"))


def test_demo_seed_can_fill_the_pool(server: Server, replica_factory: Factory) -> None:
    from sync.server.seed import seed_demo, seed_pool

    names = seed_demo(server.store, reps=2, customers=12, password="correct horse battery")
    moved = seed_pool(server.store, 4, skip_user=names["reps"][0])
    assert len(moved) == 4
    assert _pooled(server) == sorted(moved)
    first = replica_factory(names["reps"][0])
    first.sync()
    listed = PoolService(ServiceContext(first.db, user_id="x")).pool()
    assert {v.id for v in listed} == set(moved)
    assert {v.pooled_reason for v in listed} == {"manual_return", "no_follow_up"}
    with first.db.reader() as s:
        reasons = s.scalars(select(RefValue.code).where(
            RefValue.list_name == "pool_return_reason")).all()
    assert "no_budget" in reasons
