"""Quotes: numbering, pricing from the catalog, approval, sending, revisions."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from app.clock import FakeClock
from app.errors import ConflictError, ValidationError
from app.ids import new_id
from app.models import Product, User
from app.services.activities import ActivityService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.opportunities import OpportunityInput, OpportunityService
from app.services.quotes import LineDraft, QuoteService

REP = "01900000-0000-7000-8000-000000000101"


@pytest.fixture
def setup(ctx: ServiceContext, clock: FakeClock) -> tuple[str, str, str]:
    with ctx.db.transaction() as s:
        s.add(User(id=REP, username="zhang", display_name="张伟", role="rep", rep_code="ZHANG"))
        product = Product(id=new_id(), sku="FS-MOT-0001", name="Servo motor A1",
                          name_zh="伺服电机", currency="CNY", list_price=Decimal("100.00"),
                          tax_rate=Decimal("0.13"), tier_mode="volume",
                          tiers=[{"min_qty": "10", "unit_price": "95.00"}],
                          stock_on_hand=Decimal(20), stock_as_of=clock.now())
        s.add(product)
    customer = CustomerService(ctx).create(CustomerInput(
        full_name="深圳市华强科技有限公司", industry="software", region="south_china")).id
    opp = OpportunityService(ctx).create(OpportunityInput(customer_id=customer, name="Line"))
    return customer, opp.id, product.id


def test_draft_numbers_are_per_rep_and_year(ctx: ServiceContext,
                                            setup: tuple[str, str, str]) -> None:
    customer, _opp, _product = setup
    quotes = QuoteService(ctx)
    first = quotes.create_draft(customer)
    second = quotes.create_draft(customer)
    assert first.number == "Q-ZHANG-2026-0001"
    assert second.number == "Q-ZHANG-2026-0002"
    assert first.valid_until is not None
    assert first.issued_on is not None
    assert (first.valid_until - first.issued_on).days == 30


def test_lines_are_priced_from_tiers_and_totals_add_up(ctx: ServiceContext,
                                                       setup: tuple[str, str, str]) -> None:
    customer, _opp, product = setup
    quotes = QuoteService(ctx)
    q = quotes.create_draft(customer)
    saved = quotes.save_lines(q.id, [LineDraft(product, Decimal(10)),
                                     LineDraft(product, Decimal(2), "percent", Decimal(5))])
    lines = quotes.lines(q.id)
    assert [line.unit_price for line in lines] == [Decimal("95.00"), Decimal("100.00")]
    assert lines[0].net_amount == Decimal("950.00")
    assert lines[1].net_amount == Decimal("190.00")
    assert saved.subtotal - saved.discount_total + saved.tax_total == saved.grand_total
    assert saved.grand_total == sum((line.total for line in lines), Decimal(0))
    assert quotes.stock_warnings([LineDraft(product, Decimal(25))]) == {0: Decimal(20)}


def test_bad_lines_give_clear_errors_and_save_nothing(ctx: ServiceContext,
                                                      setup: tuple[str, str, str]) -> None:
    customer, _opp, product = setup
    quotes = QuoteService(ctx)
    q = quotes.create_draft(customer)
    with pytest.raises(ValidationError) as err:
        quotes.save_lines(q.id, [LineDraft(product, Decimal(0))])
    assert "quantity" in (err.value.field or "")
    with pytest.raises(ValidationError) as err2:
        quotes.save_lines(q.id, [LineDraft(product, Decimal(1), "percent", Decimal(120))])
    assert err2.value.code == "discount_over_100_percent"
    with pytest.raises(ValidationError):
        quotes.save_lines(q.id, [LineDraft(new_id(), Decimal(1))])
    assert quotes.lines(q.id) == []


def test_deep_discount_needs_a_manager_and_approval_flow(ctx: ServiceContext,
                                                         setup: tuple[str, str, str]) -> None:
    customer, opp, product = setup
    quotes = QuoteService(ctx)
    q = quotes.create_draft(customer, opp)
    quotes.save_lines(q.id, [LineDraft(product, Decimal(1), "percent", Decimal(20))])
    assert quotes.submit(q.id).status == "pending_approval"
    with pytest.raises(ConflictError):
        quotes.decide(q.id, approve=True)  # a rep cannot approve
    manager = QuoteService(ServiceContext(db=ctx.db, user_id=new_id(), role="manager"))
    assert [x.id for x in manager.approval_queue()] == [q.id]
    with pytest.raises(ValidationError):
        manager.decide(q.id, approve=False)  # a rejection needs a reason
    rejected = manager.decide(q.id, approve=False, comment="max 15 %")
    assert rejected.status == "draft"
    assert rejected.decision_comment == "max 15 %"
    quotes.save_lines(q.id, [LineDraft(product, Decimal(1), "percent", Decimal(10))])
    assert quotes.submit(q.id).status == "approved"


def test_sending_moves_opportunity_creates_one_follow_up_and_revision(
        ctx: ServiceContext, clock: FakeClock, setup: tuple[str, str, str]) -> None:
    customer, opp, product = setup
    quotes = QuoteService(ctx)
    q = quotes.create_draft(customer, opp)
    quotes.save_lines(q.id, [LineDraft(product, Decimal(3))])
    quotes.submit(q.id)
    sent = quotes.mark_sent(q.id)
    assert sent.status == "sent"
    assert OpportunityService(ctx).get(opp).stage == "proposal"
    due = ActivityService(ctx).due(None, within=timedelta(days=8))
    assert [a.subject for a in due] == ["Follow up quote Q-ZHANG-2026-0001"]
    assert due[0].due_at == clock.now() + timedelta(days=7)
    with pytest.raises(ConflictError):
        quotes.save_lines(q.id, [LineDraft(product, Decimal(4))])  # sent is read-only
    v2 = quotes.revise(q.id)
    assert (v2.number, v2.revision, v2.status) == (q.number, 2, "draft")
    assert v2.display_number == "Q-ZHANG-2026-0001-v2"
    assert len(quotes.lines(v2.id)) == 1
    assert quotes.get(q.id).status == "sent", "the old version stays as it was"


def test_acceptance_wins_the_opportunity_and_closes_the_follow_up(
        ctx: ServiceContext, setup: tuple[str, str, str]) -> None:
    customer, opp, product = setup
    quotes = QuoteService(ctx)
    q = quotes.create_draft(customer, opp)
    quotes.save_lines(q.id, [LineDraft(product, Decimal(3))])
    quotes.submit(q.id)
    quotes.mark_sent(q.id)
    assert quotes.close(q.id, accepted=True).status == "accepted"
    assert OpportunityService(ctx).get(opp).stage == "won"
    assert ActivityService(ctx).due(None, within=timedelta(days=30)) == []
