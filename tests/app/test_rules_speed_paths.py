"""The follow-up rules' faster SQL gives the rules' answers, and takes the indexed path.

The 24-hour rule narrows the customers with plain column tests first and then looks up each
remaining customer's deals through ``ix_opportunities_customer`` (instead of listing every big
deal in the replica first). These tests pin both halves: the answers equal a plain-Python
reading of the rule over the same rows, and the query plan uses the per-customer lookup.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import event, select, update

from app.clock import FakeClock
from app.enums import OPEN_STAGES, CustomerLevel
from app.models import Customer, Opportunity
from app.rules import (
    HIGH_VALUE_24H,
    HIGH_VALUE_AMOUNT,
    HIGH_VALUE_HOURS,
    high_value_customer,
    reminders,
)
from app.services.activities import ActivityInput, ActivityService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.opportunities import OpportunityInput, OpportunityService

OTHER_REP = "01900000-0000-7000-8000-000000000999"


def _customer(ctx: ServiceContext, name: str, level: str = "normal") -> str:
    return CustomerService(ctx).create(CustomerInput(
        full_name=name, industry="software", region="south_china", level=level)).id


def _deal(ctx: ServiceContext, customer_id: str, amount: str) -> str:
    return OpportunityService(ctx).create(OpportunityInput(
        customer_id=customer_id, name="Deal", amount=Decimal(amount))).id


def _mixed_book(ctx: ServiceContext, clock: FakeClock) -> dict[str, str]:
    """Customers covering every branch of the 24-hour rule."""
    book = [("strategic", "Acme Robotics Inc.", "strategic"),
            ("big_deal", "上海宏达电子有限公司", "normal"),
            ("small_deal", "北京小型商贸有限公司", "normal"),
            ("lost_big_deal", "广州市金海贸易有限公司", "normal"),
            ("deleted_big_deal", "深圳市华宏科技有限公司", "normal"),
            ("followed_up", "Wayne Motors Ltd.", "strategic"),
            ("pooled", "杭州市云峰网络有限公司", "strategic"),
            ("removed", "成都市天府软件有限公司", "strategic"),
            ("other_rep", "Globex Trading Co.", "strategic"),
            ("plain", "南京市普通商行", "normal")]
    names: dict[str, str] = {}
    for key, name, level in reversed(book):  # newest first in the book: the rule sorts
        names[key] = _customer(ctx, name, level)
        clock.advance(timedelta(minutes=1))  # distinct assignment times: one right order
    _deal(ctx, names["big_deal"], "800000")
    _deal(ctx, names["big_deal"], "1000")
    _deal(ctx, names["small_deal"], "499999.99")
    lost = _deal(ctx, names["lost_big_deal"], "900000")
    gone = _deal(ctx, names["deleted_big_deal"], "700000")
    with ctx.db.transaction() as s:
        s.execute(update(Opportunity).where(Opportunity.id == lost)
                  .values(stage="lost", lost_reason="price"))
        s.execute(update(Opportunity).where(Opportunity.id == gone)
                  .values(deleted_at=clock.now()))
        s.execute(update(Customer).where(Customer.id == names["pooled"]).values(in_pool=True))
        s.execute(update(Customer).where(Customer.id == names["removed"])
                  .values(deleted_at=clock.now()))
        s.execute(update(Customer).where(Customer.id == names["other_rep"])
                  .values(owner_id=OTHER_REP))
    clock.advance(timedelta(hours=HIGH_VALUE_HOURS + 1))
    ActivityService(ctx).log(ActivityInput(customer_id=names["followed_up"], kind="call",
                                           subject="c", done_at=clock.now()))
    return names


def _reference(ctx: ServiceContext, now: datetime, owner_id: str | None) -> list[str]:
    """The 24-hour rule read off the rows in Python (exact Decimal amounts)."""
    open_stages = {s.value for s in OPEN_STAGES}
    with ctx.db.reader() as s:
        deals = s.execute(select(Opportunity.customer_id, Opportunity.amount, Opportunity.stage,
                                 Opportunity.deleted_at)).all()
        big = {cid for cid, amount, stage, deleted in deals
               if deleted is None and stage in open_stages
               and Decimal(amount) >= HIGH_VALUE_AMOUNT}
        found = []
        for c in s.scalars(select(Customer)):
            start = c.assigned_at or c.created_at
            if (c.deleted_at is None and not c.in_pool
                    and (owner_id is None or c.owner_id == owner_id)
                    and (c.level == CustomerLevel.STRATEGIC.value or c.id in big)
                    and start <= now - timedelta(hours=HIGH_VALUE_HOURS)
                    and (c.last_follow_up_at is None or c.last_follow_up_at < start)):
                found.append((start, c.id))
    return [cid for _start, cid in sorted(found)]


def test_high_value_rule_gives_the_rules_answer(ctx: ServiceContext, clock: FakeClock) -> None:
    names = _mixed_book(ctx, clock)
    now = clock.now()
    for owner in (None, ctx.user_id):
        flagged = [r.customer_id for r in reminders(ctx.db, owner, now)
                   if r.rule_id == HIGH_VALUE_24H.id]
        assert flagged == _reference(ctx, now, owner)
    everyone = {r.customer_id for r in reminders(ctx.db, None, now)
                if r.rule_id == HIGH_VALUE_24H.id}
    assert everyone == {names["strategic"], names["big_deal"], names["other_rep"]}


def test_both_spellings_of_high_value_select_the_same_customers(
        ctx: ServiceContext, clock: FakeClock) -> None:
    names = _mixed_book(ctx, clock)
    with ctx.db.reader() as s:
        listed = set(s.scalars(select(Customer.id).where(high_value_customer())))
        per_row = set(s.scalars(select(Customer.id).where(high_value_customer(per_row=True))))
    assert listed == per_row
    assert names["big_deal"] in per_row
    assert names["small_deal"] not in per_row
    assert names["lost_big_deal"] not in per_row
    assert names["deleted_big_deal"] not in per_row


def test_high_value_rule_looks_up_deals_per_customer(ctx: ServiceContext,
                                                     clock: FakeClock) -> None:
    _mixed_book(ctx, clock)
    seen: list[tuple[str, object]] = []

    def capture(_conn: object, _cursor: object, statement: str, parameters: object,
                _context: object, _many: bool) -> None:
        if "FROM opportunities" in statement:
            seen.append((statement, parameters))

    event.listen(ctx.db.engine, "before_cursor_execute", capture)
    try:
        reminders(ctx.db, ctx.user_id, clock.now())
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", capture)
    assert len(seen) == 1
    statement, parameters = seen[0]
    with ctx.db.reader() as s:
        plan = " / ".join(str(row[3]) for row in s.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN " + statement, parameters))  # type: ignore[arg-type]
    # Each remaining customer's deals through the index, never a scan of every deal.
    assert "CORRELATED" in plan, plan
    assert "ix_opportunities_customer (customer_id=?)" in plan, plan
    assert "SCAN opportunities" not in plan, plan


def _rule_plans(ctx: ServiceContext, owner: str | None, now: datetime) -> list[str]:
    seen: list[tuple[str, object]] = []

    def capture(_conn: object, _cursor: object, statement: str, parameters: object,
                _context: object, _many: bool) -> None:
        if statement.lstrip().startswith("SELECT customers.id"):
            seen.append((statement, parameters))

    event.listen(ctx.db.engine, "before_cursor_execute", capture)
    try:
        reminders(ctx.db, owner, now)
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", capture)
    with ctx.db.reader() as s:
        return [" / ".join(str(row[3]) for row in s.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN " + statement, parameters))  # type: ignore[arg-type]
            for statement, parameters in seen]


def test_customer_rules_read_their_partial_indexes(ctx: ServiceContext,
                                                   clock: FakeClock) -> None:
    _mixed_book(ctx, clock)
    for owner in (ctx.user_id, None):
        high_value, no_follow_up = _rule_plans(ctx, owner, clock.now())
        unfollowed = "ix_customers_owner_unfollowed" if owner else "ix_customers_unfollowed"
        assert unfollowed in high_value, high_value
        expected = "ix_customers_owner_quiet" if owner else "ix_customers_quiet"
        assert expected in no_follow_up, no_follow_up
        assert "TEMP B-TREE" not in no_follow_up, no_follow_up  # read in order, 200 rows
