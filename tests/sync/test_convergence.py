"""Property test: three replicas edit, delete, restore and get reassigned offline, then sync in
random orders through a transport that loses requests and responses or delivers them twice.

Checked at quiescence (everyone syncs until nothing moves): convergence within each scope,
no lost acknowledged write, no resurrection, scope, outbox drained, checksums verified.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule
from sqlalchemy import func, select

from app.clock import FakeClock
from app.db import Database
from app.models import Conflict, Customer, OutboxEntry
from sync.client.engine import SyncEngine
from sync.client.errors import SyncError
from sync.server import admin
from sync.server.tables import accounts, assignments, records
from tests.sync.faulty import FaultyTransport
from tests.sync.helpers import add_customer, edit, make_replica, make_server, remove, restore

USERS = ("alice", "bob", "mgr")
FIELDS = ("notes", "website", "short_name")
_TEMPLATE: Path | None = None


def _template() -> Path:
    """Server with three users and three signed-in replicas, made once and copied per run."""
    global _TEMPLATE
    if _TEMPLATE is None:
        root = Path(tempfile.mkdtemp(prefix="fs-sync-template-"))
        srv = make_server(root)
        srv.user("alice")
        srv.user("bob")
        srv.user("mgr", role="manager")
        for name in USERS:
            rep = make_replica(root / f"{name}.db", srv.transport, name)
            rep.sync()
            rep.db.dispose()
        srv.transport.close()
        srv.store.dispose()
        _TEMPLATE = root
    return _TEMPLATE


@dataclass
class Edit:
    replica: str
    customer: str
    field: str
    value: str
    made: int
    applied: int | None = None


@dataclass
class Life:
    op: str  # delete | restore
    replica: str
    applied: int | None = None


@dataclass
class ReplicaState:
    name: str
    db: Database
    engine: SyncEngine
    transport: FaultyTransport
    clock: FakeClock
    pending_edits: list[Edit] = field(default_factory=list)
    pending_life: list[tuple[str, Life]] = field(default_factory=list)
    pulls: list[int] = field(default_factory=list)


class SyncMachine(RuleBasedStateMachine):
    @initialize()
    def setup(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="fs-sync-run-"))
        template = _template()
        for item in template.iterdir():
            if item.suffix == ".db":
                shutil.copy(item, self.dir / item.name)
        self.server = make_server(self.dir)
        self.step = 0
        self.counter = 0
        self.edits: list[Edit] = []
        self.life: dict[str, list[Life]] = {}
        self.replicas: dict[str, ReplicaState] = {}
        base = dt.datetime.now(dt.UTC)
        for name in USERS:
            clock = FakeClock(base)
            db = Database(self.dir / f"{name}.db", clock=clock)
            transport = FaultyTransport(self.server.transport)
            engine = SyncEngine(db, transport, retries=1, backoff_s=0.0, sleep=lambda _s: None)
            self.replicas[name] = ReplicaState(name, db, engine, transport, clock)

    def teardown(self) -> None:
        if hasattr(self, "replicas"):
            for rep in self.replicas.values():
                rep.db.dispose()
            self.server.transport.close()
            self.server.store.dispose()
            shutil.rmtree(self.dir, ignore_errors=True)

    # -- helpers --------------------------------------------------------------------
    def _tick(self) -> int:
        self.step += 1
        for rep in self.replicas.values():
            rep.clock.advance(dt.timedelta(seconds=1))
        return self.step

    def _live(self, rep: ReplicaState, deleted: bool = False) -> list[str]:
        with rep.db.reader() as s:
            query = select(Customer.id).where(
                Customer.deleted_at.is_not(None) if deleted else Customer.deleted_at.is_(None))
            return sorted(s.scalars(query).all())

    # -- rules ----------------------------------------------------------------------
    @rule(who=st.sampled_from(USERS))
    def create(self, who: str) -> None:
        self._tick()
        add_customer(self.replicas[who].db, name=f"客户{self.counter}")
        self.counter += 1

    @rule(who=st.sampled_from(USERS), pick=st.integers(0, 20), fld=st.sampled_from(FIELDS))
    def change(self, who: str, pick: int, fld: str) -> None:
        rep = self.replicas[who]
        live = self._live(rep)
        if not live:
            return
        cid = live[pick % len(live)]
        step = self._tick()
        self.counter += 1
        value = f"{who}-{self.counter}"
        edit(rep.db, Customer, cid, **{fld: value})
        record = Edit(who, cid, fld, value, step)
        rep.pending_edits.append(record)
        self.edits.append(record)

    @rule(who=st.sampled_from(USERS), pick=st.integers(0, 20))
    def delete(self, who: str, pick: int) -> None:
        rep = self.replicas[who]
        live = self._live(rep)
        if not live:
            return
        cid = live[pick % len(live)]
        self._tick()
        remove(rep.db, Customer, cid)
        item = Life("delete", who)
        rep.pending_life.append((cid, item))
        self.life.setdefault(cid, []).append(item)

    @rule(who=st.sampled_from(USERS), pick=st.integers(0, 20))
    def undelete(self, who: str, pick: int) -> None:
        rep = self.replicas[who]
        gone = self._live(rep, deleted=True)
        if not gone:
            return
        cid = gone[pick % len(gone)]
        self._tick()
        restore(rep.db, Customer, cid)
        item = Life("restore", who)
        rep.pending_life.append((cid, item))
        self.life.setdefault(cid, []).append(item)

    @rule(pick=st.integers(0, 50), to=st.sampled_from(("alice", "bob")))
    def reassign(self, pick: int, to: str) -> None:
        with self.server.store.read() as conn:
            cids = sorted(conn.scalars(select(records.c.id).where(
                records.c.entity == "customers")).all())
        if not cids:
            return
        self._tick()
        admin.assign(self.server.store, cids[pick % len(cids)], to)

    @rule(who=st.sampled_from(USERS), hours=st.sampled_from((-12, -1, 0, 1, 12)))
    def skew_clock(self, who: str, hours: int) -> None:
        self.replicas[who].clock.advance(dt.timedelta(hours=hours))

    @rule(who=st.sampled_from(USERS),
          mode=st.sampled_from((None, None, "drop_request", "drop_response",
                                "drop_response_once", "duplicate")))
    def sync(self, who: str, mode: str | None) -> None:
        self._sync(self.replicas[who], mode)

    def _sync(self, rep: ReplicaState, mode: str | None) -> None:
        step = self._tick()
        rep.transport.mode = mode
        delivered_before = rep.transport.delivered
        try:
            rep.engine.sync(verify=True)
            ok = True
        except SyncError:
            ok = False
        finally:
            rep.transport.mode = None
        reached = rep.transport.delivered > delivered_before
        if reached and (rep.pending_edits or rep.pending_life):
            # The first request of a cycle is the push: the server applied it at this step.
            for e in rep.pending_edits:
                e.applied = e.applied or step
            scope = self._scope(rep.name)
            for cid, item in rep.pending_life:
                # A delete/restore of a customer reassigned away meanwhile is not applied: it
                # becomes an edit_after_reassign conflict instead.
                if cid in scope:
                    item.applied = item.applied or step
            rep.pending_edits = []
            rep.pending_life = []
        if ok:
            rep.pulls.append(step)

    @precondition(lambda self: self.step > 0)
    @rule()
    def quiesce(self) -> None:
        for _round in range(3):
            for rep in self.replicas.values():
                self._sync(rep, None)
        self.check()

    # -- invariants -----------------------------------------------------------------
    def _server_customers(self) -> dict[str, dict[str, Any]]:
        with self.server.store.read() as conn:
            return {rid: orjson.loads(data) for rid, data in conn.execute(
                select(records.c.id, records.c.data).where(records.c.entity == "customers"))}

    def _scope(self, who: str) -> set[str]:
        with self.server.store.read() as conn:
            uid = conn.scalar(select(accounts.c.id).where(accounts.c.username == who))
            team = [uid] if who != "mgr" else list(conn.scalars(select(accounts.c.id)))
            return set(conn.scalars(select(assignments.c.customer_id).where(
                assignments.c.rep_id.in_(team), assignments.c.to_seq.is_(None))))

    def check(self) -> None:
        server = self._server_customers()
        with self.server.store.read() as conn:
            rows = conn.execute(select(records.c.id, records.c.customer_id,
                                       records.c.audience_id, records.c.data)
                                .where(records.c.entity == "conflicts")).all()
            server_conflicts = [orjson.loads(r.data) for r in rows]
            users: dict[str, str] = {str(k): str(v) for k, v in conn.execute(
                select(accounts.c.username, accounts.c.id))}
        for name, rep in self.replicas.items():
            scope = self._scope(name)
            with rep.db.reader() as s:
                local = {c.id: c for c in s.scalars(select(Customer)).all()}
                outbox_left = s.scalar(select(func.count()).select_from(OutboxEntry))
                local_conflicts = {c.id for c in s.scalars(select(Conflict)).all()}
            assert outbox_left == 0, f"{name}: outbox not drained"
            # Scope: exactly the customers in scope, nothing else.
            assert set(local) == scope, f"{name}: scope {set(local) ^ scope}"
            # Convergence: same values as the server.
            for cid, row in local.items():
                want = server[cid]
                for fld in FIELDS:
                    assert getattr(row, fld) == want.get(fld), (name, cid, fld)
                assert (row.deleted_at is None) == (want.get("deleted_at") is None), (name, cid)
            visible = {r.id for r in rows
                       if r.customer_id in scope or r.audience_id == users[name]}
            assert local_conflicts == visible, f"{name}: conflicts differ"
        # No resurrection: the last applied delete/restore decides.
        for cid, items in self.life.items():
            applied = sorted((i for i in items if i.applied), key=lambda i: i.applied or 0)
            if applied:
                last = applied[-1]
                deleted = server[cid].get("deleted_at") is not None
                if last.op == "delete":
                    assert deleted, f"{cid} came back without a restore"
        # No lost acknowledged write.
        conflict_values: dict[tuple[str, str], set[str]] = {}
        for c in server_conflicts:
            for value in (c.get("kept_value"), c.get("other_value")):
                values = value.values() if isinstance(value, dict) else [value]
                for v in values:
                    if isinstance(v, str):
                        conflict_values.setdefault((c["entity_id"], c.get("field") or ""),
                                                   set()).add(v)
                        conflict_values.setdefault((c["entity_id"], "*"), set()).add(v)
        for e in self.edits:
            if e.applied is None:
                continue
            if server[e.customer].get(e.field) == e.value:
                continue
            if e.value in conflict_values.get((e.customer, e.field), set()) or \
                    e.value in conflict_values.get((e.customer, "*"), set()):
                continue
            overwritten = any(
                o.customer == e.customer and o.field == e.field and o.applied and o is not e
                and ((o.replica == e.replica and o.made > e.made)
                     or any(e.applied < p < o.made for p in self.replicas[o.replica].pulls))
                for o in self.edits)
            assert overwritten, f"acknowledged edit lost: {e}"


# PR-sized run (~30 s on 2 cores). Shrinking is off: one example costs ~1 s, and hypothesis'
# shrinker needs hundreds; the printed failing sequence is short enough to read as is.
SyncMachine.TestCase.settings = settings(
    max_examples=30, stateful_step_count=30, deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
TestConvergence = SyncMachine.TestCase
