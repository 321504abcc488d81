"""Quote approval through a real sync: a server on 127.0.0.1, a rep's and a manager's replica.

The approval limits come from the server (``ref_values`` list ``quote_policy``); the rep's
quote over the limit is queued offline as pending approval, travels up, the manager approves
it with a comment on their own replica, and the decision travels back down so the rep can send.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from app.ids import deterministic_id
from app.models import Conflict
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.quote_views import approval_queue
from app.services.quotes import ApprovalPolicy, LineDraft, QuoteService
from sync.server import admin
from sync.server.store import Store
from tests.sync.helpers import PASSWORD, http_replica

PRODUCT_ID = deterministic_id("product", "FS-MOT-0001")



def _seed_catalog_and_policy(store: Store) -> None:
    """What an admin sets up on the server: one product and the reps' approval limits."""
    now = datetime.now(UTC).isoformat()
    with store.write() as conn:
        seq = store.next_seq(conn)
        hlc = admin._server_hlc(store, conn)
        admin.put_record(store, conn, seq, hlc, "products", PRODUCT_ID, {
            "sku": "FS-MOT-0001", "name": "Servo motor A1", "name_zh": "伺服电机 A1",
            "description": None, "category": "Motion", "unit": "pcs", "currency": "CNY",
            "list_price": "1000.00", "tax_rate": "0.13", "tier_mode": "volume",
            "tiers": [{"min_qty": "10", "unit_price": "950.00"}], "stock_on_hand": "40",
            "stock_as_of": now, "active": True, "created_at": now, "updated_at": now,
            "deleted_at": None})
    admin.set_policy(store, "rep", max_discount=Decimal(10), max_total=Decimal(200_000))



def test_manager_approves_over_the_limit_quote_through_sync(
        tmp_path: Path, live: tuple[str, Store]) -> None:
    url, store = live
    rep_id = admin.add_user(store, "zhang", PASSWORD, "rep", team="east", rep_code="ZHANG")
    manager_id = admin.add_user(store, "li", PASSWORD, "manager", team="east")
    _seed_catalog_and_policy(store)
    rep = http_replica(tmp_path, url, "zhang")
    manager = http_replica(tmp_path, url, "li")
    try:
        rep.sync()
        rep_ctx = ServiceContext(db=rep.db, user_id=rep_id, role="rep")
        rep_quotes = QuoteService(rep_ctx)
        policy = rep_quotes.policy()
        assert policy.max_discount_percent == Decimal(10), "the server's limit, not 15 %"

        # Offline at the client's desk: 12 % is under the default 15 % but over the server's 10 %.
        customer = CustomerService(rep_ctx).create(CustomerInput(
            full_name="苏州精工机械制造有限公司", industry="manufacturing",
            region="east_china")).id
        draft = rep_quotes.create_draft(customer)
        rep_quotes.save_lines(draft.id, [LineDraft(PRODUCT_ID, Decimal(5), "percent",
                                                   Decimal(12))])
        assert rep_quotes.submit(draft.id).status == "pending_approval"
        rep.sync()

        manager.sync()
        queue = approval_queue(manager.db)
        assert [row.id for row in queue] == [draft.id]
        assert queue[0].owner_name == "zhang"
        assert queue[0].max_discount_percent == Decimal("12.00")
        boss = QuoteService(ServiceContext(db=manager.db, user_id=manager_id, role="manager"))
        approved = boss.decide(draft.id, approve=True, comment="OK for this client, once")
        assert approved.status == "approved"
        manager.sync()

        rep.sync()
        back = rep_quotes.get(draft.id)
        assert back.status == "approved"
        assert back.decision_comment == "OK for this client, once"
        sent = rep_quotes.mark_sent(draft.id)
        assert sent.status == "sent"
        rep.sync()

        manager.sync()
        assert QuoteService(ServiceContext(db=manager.db, user_id=manager_id,
                                           role="manager")).get(draft.id).status == "sent"
        assert approval_queue(manager.db) == []
    finally:
        for replica in (rep, manager):
            replica.engine.transport.close()
            replica.db.dispose()


def test_server_refuses_a_self_approval_from_a_client_with_a_stale_policy(
        tmp_path: Path, live: tuple[str, Store]) -> None:
    """An old client that still believes in 15 % approves its own 12 % quote offline; the
    server, which enforces 10 %, refuses the status and says why."""
    url, store = live
    rep_id = admin.add_user(store, "zhang", PASSWORD, "rep", team="east", rep_code="ZHANG")
    _seed_catalog_and_policy(store)
    rep = http_replica(tmp_path, url, "zhang")
    try:
        rep.sync()
        ctx = ServiceContext(db=rep.db, user_id=rep_id, role="rep")
        stale = QuoteService(ctx, ApprovalPolicy(max_discount_percent=Decimal(15)))
        customer = CustomerService(ctx).create(CustomerInput(
            full_name="无锡华东机电有限公司", industry="manufacturing", region="east_china")).id
        q = stale.create_draft(customer)
        stale.save_lines(q.id, [LineDraft(PRODUCT_ID, Decimal(2), "percent", Decimal(12))])
        assert stale.submit(q.id).status == "approved"
        rep.sync()
        rep.sync()
        assert stale.get(q.id).status != "approved"
        with rep.db.reader() as s:
            refused = s.scalars(select(Conflict).where(Conflict.entity_id == q.id)).all()
            assert [(c.kind, c.field, c.reason) for c in refused] == [
                ("rejected", "status", "approval_required")]
    finally:
        rep.engine.transport.close()
        rep.db.dispose()
