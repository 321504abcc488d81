"""Property test: random claims, returns, recycles, clock advances and syncs in random order,
over a real server store and three rep replicas (issue #10's target).

Invariants, after every step on the server and after a full sync on every replica:
no customer is ever owned by two reps; the daily claim limit, the maximum held and the
previous owner's cool-down are never exceeded.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import func, select

from app import outbox
from app.clock import FakeClock
from app.errors import NotFoundError, ValidationError
from app.models import Customer, PoolRequest
from app.services.context import ServiceContext
from app.services.pool import PoolService
from sync.server import pool
from sync.server.records import load
from sync.server.tables import assignments, pool_claims, records
from tests.sync.helpers import Replica, make_replica, make_server

LIMIT, MAX_HELD, COOL_DOWN = 2, 3, timedelta(hours=6)
REPS = ("r0", "r1", "r2")
ENTRY_KINDS = ("returned", "recycled", "protection_expired")


class PoolSystem(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="pool-prop-"))
        self.server = make_server(self.dir, pool_recycle_interval_s=0)
        self.clock = FakeClock()
        self.server.store.clock = self.clock.now
        self.users = {name: self.server.user(name) for name in REPS}
        pool.set_settings(self.server.store, "east", {
            "daily_claim_limit": str(LIMIT), "max_held": str(MAX_HELD), "cool_down": "6",
            "no_follow_up_days": "2", "no_won_deal_days": "off", "high_value_hours": "off"})
        self.reps: dict[str, Replica] = {}
        self.customers: list[str] = []
        for name in REPS:
            rep = make_replica(self.dir / f"{name}.db", self.server.transport, name,
                               clock=self.clock)
            self.reps[name] = rep
            for i in range(2):
                self.customers.append(self._create(rep, f"{name}客户{i}有限公司"))
            rep.sync()
        # Start with a pool: each rep gives one customer back (claims need something to take).
        for index, name in enumerate(REPS):
            self._svc(name).give_back(self.customers[2 * index], "no_need")
            self.reps[name].sync(verify=False)

    def teardown(self) -> None:
        for rep in self.reps.values():
            rep.db.dispose()
        self.server.transport.close()
        self.server.store.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    @staticmethod
    def _create(rep: Replica, name: str) -> str:
        with rep.db.transaction() as s:
            row = Customer(full_name=name, name_core=name, industry="electronics",
                           region="south_china", source="manual", level="normal")
            outbox.insert(rep.db, s, row)
            return row.id

    def _svc(self, name: str) -> PoolService:
        return PoolService(ServiceContext(self.reps[name].db, user_id=self.users[name]))

    # -- rules -----------------------------------------------------------------------------
    @rule(name=st.sampled_from(REPS), index=st.integers(0, 5), raw=st.booleans())
    def claim(self, name: str, index: int, raw: bool) -> None:
        cid = self.customers[index]
        rep = self.reps[name]
        if raw:  # straight to the server's rules, as a replica with stale knowledge might
            with rep.db.transaction() as s:
                outbox.insert(rep.db, s, PoolRequest(
                    customer_id=cid, kind="claim", requested_by=self.users[name],
                    requested_at=self.clock.now(), status="pending"))
            return
        with contextlib.suppress(ValidationError):
            self._svc(name).claim(cid)

    @rule(name=st.sampled_from(REPS), data=st.data())
    def claim_from_the_pool(self, name: str, data: st.DataObject) -> None:
        """What a rep does: pick from the pool as this replica last saw it."""
        listed = [v.id for v in self._svc(name).pool()]
        if listed:
            self.claim(name, self.customers.index(data.draw(st.sampled_from(listed))),
                       raw=data.draw(st.booleans()))

    @rule(name=st.sampled_from(REPS), index=st.integers(0, 5))
    def give_back(self, name: str, index: int) -> None:
        # Not this rep's (ValidationError) or not on this replica at all (NotFoundError).
        with contextlib.suppress(ValidationError, NotFoundError):
            self._svc(name).give_back(self.customers[index], "no_need")

    @rule(name=st.sampled_from(REPS))
    def sync(self, name: str) -> None:
        self.reps[name].sync(verify=False)

    @rule()
    def recycle(self) -> None:
        pool.recycle(self.server.store)

    @rule(hours=st.integers(1, 30))
    def time_passes(self, hours: int) -> None:
        self.clock.advance(timedelta(hours=hours))

    @rule()
    def everyone_syncs(self) -> None:
        for _round in range(2):
            for rep in self.reps.values():
                rep.sync(verify=False)
        owners = self._server_owners()
        seen: Counter[str] = Counter()
        for name, rep in self.reps.items():
            with rep.db.reader() as s:
                held = s.execute(select(Customer.id, Customer.owner_id).where(
                    Customer.deleted_at.is_(None), Customer.in_pool.is_(False))).all()
            for cid, owner in held:
                seen[cid] += 1
                assert owner == self.users[name] == owners.get(cid), (name, cid)
        assert all(n == 1 for n in seen.values()), "a customer on two reps' replicas"

    # -- invariants ------------------------------------------------------------------------
    def _server_owners(self) -> dict[str, str]:
        with self.server.store.read() as conn:
            rows = conn.execute(select(assignments.c.customer_id, assignments.c.rep_id)
                                .where(assignments.c.to_seq.is_(None))).all()
        counts = Counter(c for c, _r in rows)
        assert all(n == 1 for n in counts.values()), "a customer owned by two reps"
        return {str(c): str(r) for c, r in rows}

    @invariant()
    def one_owner_and_limits(self) -> None:
        owners = self._server_owners()
        held = Counter(owners.values())
        assert all(n <= MAX_HELD for n in held.values()), held
        with self.server.store.read() as conn:
            claims = conn.execute(select(pool_claims.c.rep_id, pool_claims.c.customer_id,
                                         pool_claims.c.at).where(pool_claims.c.counts == 1)
                                  .order_by(pool_claims.c.id)).all()
            pooled = conn.scalar(select(func.count()).select_from(records).where(
                records.c.entity == "customers", records.c.data.like('%"in_pool":true%')))
            keys = [("pool_events", i) for i in conn.scalars(select(records.c.id).where(
                records.c.entity == "pool_events"))]
            events = sorted(load(conn, keys).values(), key=lambda r: r.seq)
        assert pooled == len(self.customers) - len(owners), "owned xor pooled"
        by_rep: dict[str, list[datetime]] = defaultdict(list)
        for rep, _cid, at in claims:
            by_rep[rep].append(at)
        for times in by_rep.values():
            for t in times:
                window = [u for u in times if timedelta(0) <= t - u < timedelta(days=1)]
                assert len(window) <= LIMIT, "daily claim limit exceeded"
        last_entry: dict[str, tuple[str | None, str]] = {}
        for ev in events:
            cid, kind = ev.data["customer_id"], ev.data["kind"]
            if kind in ENTRY_KINDS:
                last_entry[cid] = (ev.data.get("from_owner"), ev.data["at"])
            elif kind == "claimed" and cid in last_entry:
                prev, at = last_entry[cid]
                if prev == ev.data.get("to_owner"):
                    gap = datetime.fromisoformat(ev.data["at"]) - datetime.fromisoformat(at)
                    assert gap >= COOL_DOWN, "cool-down broken"


PoolSystem.TestCase.settings = settings(max_examples=10, stateful_step_count=25,
                                        deadline=None)
TestPoolSystem = PoolSystem.TestCase
