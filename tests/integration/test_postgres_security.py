"""Sessions, remote wipe, lock-out, the quote policy and duplicate detection on a real
PostgreSQL server database (the same code paths as the SQLite tests in tests/sync)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import update

from app import outbox
from app.models import Customer, Quote
from sync.client.errors import WipedError
from sync.protocol import dumps, loads
from sync.server import admin, audit
from sync.server.tables import tokens
from tests.sync.helpers import (
    PASSWORD,
    Server,
    add_customer,
    conflicts,
    edit,
    get,
    ids,
    make_replica,
    outbox_size,
)

pytestmark = pytest.mark.postgres



def test_refresh_and_device_wipe_on_postgres(pg: Server, tmp_path: Path) -> None:
    pg.user("alice")
    lost = make_replica(tmp_path / "lost.db", pg.transport, "alice")
    kept = make_replica(tmp_path / "kept.db", pg.transport, "alice")
    add_customer(lost.db)
    with pg.store.write() as conn:
        conn.execute(update(tokens).values(expires_at=datetime.now(UTC) - timedelta(1)))
    lost.sync()  # renews its token on the way
    assert outbox_size(lost.db) == 0
    admin.revoke_device(pg.store, lost.db.client_id)
    with pytest.raises(WipedError):
        lost.sync()
    assert not lost.db.path.exists()
    kept.sync()
    assert len(ids(kept.db, Customer)) == 1
    kept.db.dispose()


def test_lock_out_on_postgres(pg: Server) -> None:
    pg.user("alice")
    for _ in range(5):
        resp = pg.transport.request("POST", "/auth/login", body=dumps(
            {"username": "alice", "password": "wrong"}))
        assert resp.status == 401
    resp = pg.transport.request("POST", "/auth/login", body=dumps(
        {"username": "alice", "password": PASSWORD}))
    assert resp.status == 429
    assert loads(resp.body)["code"] == "locked"


def test_quote_policy_on_postgres(pg: Server, tmp_path: Path) -> None:
    pg.user("alice")
    admin.set_policy(pg.store, "rep", max_discount=Decimal(10))
    a = make_replica(tmp_path / "a.db", pg.transport, "alice")
    cid = add_customer(a.db)
    with a.db.transaction() as s:
        row = Quote(customer_id=cid, number="Q-1", status="draft",
                    max_discount_percent=Decimal(12), grand_total=Decimal(100))
        outbox.insert(a.db, s, row)
        qid = row.id
    a.sync()
    edit(a.db, Quote, qid, status="approved")
    a.sync()
    a.sync()
    assert get(a.db, Quote, qid).status == "draft"
    assert [c.reason for c in conflicts(a.db)] == ["approval_required"]
    a.db.dispose()


def test_same_company_created_at_once_by_two_reps_is_linked(pg: Server, tmp_path: Path) -> None:
    """Duplicate detection runs under the counter lock: two pushes racing with the same
    USCC still produce a ``duplicate`` conflict."""
    for rounds in range(3):
        reps = []
        for n in range(4):
            name = f"r{rounds}-{n}"
            pg.user(name)
            reps.append(make_replica(tmp_path / f"{name}.db", pg.transport, name))
        phone = f"+86138000{rounds:05d}"
        for rep in reps:
            add_customer(rep.db, name="深圳市同名科技有限公司", phone=phone)
        threads = [threading.Thread(target=rep.sync) for rep in reps]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        duplicates = 0
        for rep in reps:
            rep.sync()
            duplicates += sum(1 for c in conflicts(rep.db) if c.kind == "duplicate")
            rep.db.dispose()
        # Each later creator is linked to every earlier one: 0 + 1 + 2 + 3.
        assert duplicates == 6
    with pg.store.read() as conn:
        assert len(audit.entries(conn, action="login")) == 12
