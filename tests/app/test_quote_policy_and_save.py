"""Quotes: the server's approval policy, atomic saves, and bad input that must save nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from app import outbox
from app.clock import FakeClock
from app.errors import ValidationError
from app.ids import new_id
from app.models import Product, RefValue, User
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.quote_views import approval_queue, builder_data, document_data, quote_list
from app.services.quotes import (
    ApprovalPolicy,
    LineDraft,
    QuoteHeader,
    QuoteService,
    policy_from_values,
)

REP = "01900000-0000-7000-8000-000000000101"


@pytest.fixture
def setup(ctx: ServiceContext, clock: FakeClock) -> tuple[str, str]:
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
    return customer, product.id


def _set_policy(ctx: ServiceContext, **values: str) -> None:
    with ctx.db.transaction() as s:
        for code, value in values.items():
            s.add(RefValue(list_name="quote_policy", code=code.replace("__", "."),
                           label_en=value, label_zh=value))


def test_policy_from_values_reads_the_role_and_ignores_junk() -> None:
    assert policy_from_values({}, "rep") == ApprovalPolicy()
    policy = policy_from_values({"rep.max_discount_percent": "10",
                                 "rep.max_total": "50000.00",
                                 "manager.max_discount_percent": "40",
                                 "rep.unknown": "1"}, "rep")
    assert policy == ApprovalPolicy(Decimal(10), Decimal("50000.00"), False)
    assert policy_from_values({"manager.max_discount_percent": "40"},
                              "manager").max_discount_percent == Decimal(40)
    junk = policy_from_values({"rep.max_discount_percent": "ten", "rep.max_total": "-5"}, "rep")
    assert junk == ApprovalPolicy(), "bad values fall back to the documented defaults"
    assert policy_from_values({"rep.every_quote": "true"}, "rep").every_quote


def test_submit_uses_the_synced_policy(ctx: ServiceContext, setup: tuple[str, str]) -> None:
    customer, product = setup
    quotes = QuoteService(ctx)
    q = quotes.create_draft(customer)
    quotes.save_lines(q.id, [LineDraft(product, Decimal(1), "percent", Decimal(12))])
    _set_policy(ctx, rep__max_discount_percent="10")
    assert quotes.policy().max_discount_percent == Decimal(10)
    assert quotes.submit(q.id).status == "pending_approval"
    rows = approval_queue(ctx.db)
    assert [(r.id, r.owner_name, r.max_discount_percent) for r in rows] == [
        (q.id, "张伟", Decimal("12.00"))]


def test_total_threshold_needs_approval(ctx: ServiceContext, setup: tuple[str, str]) -> None:
    customer, product = setup
    _set_policy(ctx, rep__max_total="1000")
    quotes = QuoteService(ctx)
    q = quotes.create_draft(customer)
    quotes.save_lines(q.id, [LineDraft(product, Decimal(10))])  # 950 + 13 % tax > 1000
    assert quotes.submit(q.id).status == "pending_approval"


def test_save_stores_header_and_lines_together(ctx: ServiceContext, clock: FakeClock,
                                               setup: tuple[str, str]) -> None:
    customer, product = setup
    quotes = QuoteService(ctx)
    q = quotes.create_draft(customer)
    valid = clock.now().date() + timedelta(days=14)
    header = QuoteHeader("CNY", valid, notes="Delivery to Shenzhen", terms="Net 30",
                         language="zh", discount_kind="percent", discount_value=Decimal(5))
    saved = quotes.save(q.id, header, [LineDraft(product, Decimal(2))])
    assert (saved.valid_until, saved.notes, saved.terms, saved.language) == (
        valid, "Delivery to Shenzhen", "Net 30", "zh")
    assert saved.subtotal == Decimal("200.00")
    assert saved.discount_total == Decimal("10.00")
    assert saved.grand_total == Decimal("214.70")
    assert [r.display_number for r in quote_list(ctx.db, None)] == [q.number]

    # A bad line: nothing changes, not even the header fields saved with it.
    bad = QuoteHeader("CNY", valid, notes="changed", language="en")
    with pytest.raises(ValidationError) as err:
        quotes.save(q.id, bad, [LineDraft(product, Decimal(-1))])
    assert (err.value.code, err.value.field) == ("quantity_not_positive", "lines[0].quantity")
    after = quotes.get(q.id)
    assert (after.notes, after.grand_total) == ("Delivery to Shenzhen", Decimal("214.70"))
    assert len(quotes.lines(q.id)) == 1


@pytest.mark.parametrize(("header_currency", "valid_days", "code"), [
    ("XXQ", 30, "unknown_currency"),
    ("USD", 30, "currency_mismatch"),
    ("CNY", -1, "in_the_past"),
])
def test_bad_headers_are_refused(ctx: ServiceContext, clock: FakeClock,
                                 setup: tuple[str, str], header_currency: str,
                                 valid_days: int, code: str) -> None:
    customer, product = setup
    quotes = QuoteService(ctx)
    q = quotes.create_draft(customer)
    header = QuoteHeader(header_currency, clock.now().date() + timedelta(days=valid_days))
    with pytest.raises(ValidationError) as err:
        quotes.save(q.id, header, [LineDraft(product, Decimal(1))])
    assert err.value.code == code
    assert quotes.get(q.id).currency == "CNY"
    assert quotes.lines(q.id) == []


@pytest.mark.parametrize("how", ["inactive", "deleted"])
def test_product_retired_since_the_draft(ctx: ServiceContext, setup: tuple[str, str],
                                         how: str) -> None:
    customer, product = setup
    quotes = QuoteService(ctx)
    q = quotes.create_draft(customer)
    quotes.save_lines(q.id, [LineDraft(product, Decimal(3))])
    with ctx.db.transaction() as s:
        row = s.get(Product, product)
        assert row is not None
        if how == "inactive":
            outbox.update(ctx.db, s, row, {"active": False})
        else:
            outbox.delete(ctx.db, s, row)
    with pytest.raises(ValidationError) as err:
        quotes.submit(q.id)
    assert (err.value.code, err.value.field) == ("product_inactive", "lines[0].product")
    assert quotes.get(q.id).status == "draft"
    with pytest.raises(ValidationError):
        quotes.save_lines(q.id, [LineDraft(product, Decimal(4))])
    assert [ln.quantity for ln in quotes.lines(q.id)] == [Decimal(3)], "old lines intact"
    data = builder_data(ctx.db, q.id)
    assert data.lines[0].price is not None
    assert not data.lines[0].price.active, "the builder shows the line as no longer sold"


def test_document_data_carries_chinese_names(ctx: ServiceContext,
                                             setup: tuple[str, str]) -> None:
    customer, product = setup
    quotes = QuoteService(ctx)
    q = quotes.create_draft(customer, language="zh")
    quotes.save_lines(q.id, [LineDraft(product, Decimal(12))])
    data = document_data(ctx.db, q.id)
    assert data.names_zh == {product: "伺服电机"}
    assert data.customer_name == "深圳市华强科技有限公司"
    assert data.prepared_by == "张伟"
    assert data.lines[0].net_amount == Decimal("1140.00")
