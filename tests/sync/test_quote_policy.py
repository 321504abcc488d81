"""The quote approval policy: set on the server, delivered by pull, enforced again on push."""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import redirect_stdout
from decimal import Decimal

from sqlalchemy import select

from app import outbox
from app.models import Quote, RefValue
from sync.server import admin, audit, cli
from tests.sync.helpers import Replica, Server, add_customer, conflicts, edit, get

Factory = Callable[..., Replica]


def _quote(rep: Replica, customer_id: str, discount: str, total: str) -> str:
    with rep.db.transaction() as s:
        row = Quote(customer_id=customer_id, number=f"Q-{discount}-{total}", status="draft",
                    max_discount_percent=Decimal(discount), grand_total=Decimal(total),
                    subtotal=Decimal(total))
        outbox.insert(rep.db, s, row)
        return row.id


def _policy_rows(rep: Replica) -> dict[str, str]:
    with rep.db.reader() as s:
        return {r.code: r.label_en for r in s.scalars(
            select(RefValue).where(RefValue.list_name == "quote_policy"))}


def test_policy_reaches_replicas_as_ref_values(server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["--db", server.store.url, "policy", "set", "--role", "rep",
                         "--max-discount", "10", "--max-total", "200000"]) == 0
    assert "max discount 10 %" in out.getvalue()
    a.sync()
    assert _policy_rows(a) == {"rep.max_discount_percent": "10", "rep.max_total": "200000"}
    admin.set_policy(server.store, "rep", every_quote=True)
    a.sync()
    assert _policy_rows(a)["rep.every_quote"] == "true"
    assert _policy_rows(a)["rep.max_discount_percent"] == "10"  # untouched settings stay


def test_a_rep_cannot_self_approve_a_quote_that_needs_a_manager(
        server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    server.user("mgr", role="manager")
    a = replica_factory("alice")
    cid = add_customer(a.db)
    big = _quote(a, cid, discount="20", total="5000")  # over the default 15 %
    small = _quote(a, cid, discount="5", total="5000")
    a.sync()
    # A tampered (or stale) client skips the approval step for the big quote.
    edit(a.db, Quote, big, status="approved")
    edit(a.db, Quote, small, status="approved")
    a.sync()
    a.sync()
    assert get(a.db, Quote, big).status == "draft"  # the server kept its value
    assert get(a.db, Quote, small).status == "approved"  # within the policy: fine
    refused = [c for c in conflicts(a.db) if c.kind == "rejected"]
    assert [(c.entity_id, c.field, c.reason) for c in refused] == [
        (big, "status", "approval_required")]
    # Sending it without approval is refused too.
    edit(a.db, Quote, big, status="sent")
    a.sync()
    a.sync()
    assert get(a.db, Quote, big).status == "draft"


def test_after_a_manager_approves_the_rep_may_send(server: Server,
                                                   replica_factory: Factory) -> None:
    server.user("alice")
    server.user("mgr", role="manager")
    a = replica_factory("alice")
    m = replica_factory("mgr")
    cid = add_customer(a.db)
    qid = _quote(a, cid, discount="30", total="5000")
    a.sync()
    edit(a.db, Quote, qid, status="pending_approval")
    a.sync()
    m.sync()
    edit(m.db, Quote, qid, status="approved", decision_comment="ok for this client")
    m.sync()
    a.sync()
    assert get(a.db, Quote, qid).status == "approved"
    edit(a.db, Quote, qid, status="sent")
    a.sync()
    a.sync()
    assert get(a.db, Quote, qid).status == "sent"
    assert not [c for c in conflicts(a.db) if c.kind == "rejected"]
    with server.store.read() as conn:
        approvals = audit.entries(conn, action="approval")
    assert [(e.actor, e.detail["to"], e.detail["comment"]) for e in approvals] == [
        ("mgr", "approved", "ok for this client")]


def test_a_changed_price_after_approval_needs_a_new_approval(
        server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    server.user("mgr", role="manager")
    admin.set_policy(server.store, "rep", max_total=Decimal(10000))
    a = replica_factory("alice")
    m = replica_factory("mgr")
    cid = add_customer(a.db)
    qid = _quote(a, cid, discount="0", total="50000")  # over the total threshold
    a.sync()
    m.sync()
    edit(m.db, Quote, qid, status="approved")
    m.sync()
    a.sync()
    edit(a.db, Quote, qid, grand_total=Decimal("90000"), status="sent")
    a.sync()
    a.sync()
    row = get(a.db, Quote, qid)
    assert row.status == "approved"  # not sent: the new figures were never approved
    assert row.grand_total == Decimal("90000")
    assert [c.reason for c in conflicts(a.db) if c.kind == "rejected"] == ["approval_required"]
