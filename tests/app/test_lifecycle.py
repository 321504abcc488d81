"""Lifecycle stages from synced facts, driven through the services with an injected clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from app.clock import FakeClock
from app.enums import Lifecycle
from app.lifecycle import CustomerFacts, compute, refresh, stages
from app.models import OutboxEntry
from app.services.activities import ActivityInput, ActivityService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.opportunities import OpportunityInput, OpportunityService

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _customer(ctx: ServiceContext, name: str) -> str:
    return CustomerService(ctx).create(CustomerInput(
        full_name=name, industry="software", region="east_china", level="normal")).id


def test_pure_rules_in_order_of_strength() -> None:
    assert compute(CustomerFacts(T0), T0 + timedelta(days=1)) is Lifecycle.PROSPECT
    two_calls = CustomerFacts(T0, follow_ups=[T0 + timedelta(days=1), T0 + timedelta(days=5)])
    assert compute(two_calls, T0 + timedelta(days=6)) is Lifecycle.INTERESTED
    # The 30-day window: the same two calls, 40 days later, no longer make it interested.
    assert compute(two_calls, T0 + timedelta(days=40)) is Lifecycle.PROSPECT
    won = CustomerFacts(T0, wins=[T0 + timedelta(days=10)])
    assert compute(won, T0 + timedelta(days=20)) is Lifecycle.CUSTOMER
    loyal = CustomerFacts(T0, wins=[T0 + timedelta(days=10), T0 + timedelta(days=200)])
    assert compute(loyal, T0 + timedelta(days=210)) is Lifecycle.LOYAL
    # 90 days with neither a follow-up nor a win: dormant, won customers included.
    assert compute(won, T0 + timedelta(days=100)) is Lifecycle.DORMANT
    assert compute(CustomerFacts(T0), T0 + timedelta(days=90)) is Lifecycle.DORMANT
    assert compute(CustomerFacts(T0), T0 + timedelta(days=89)) is Lifecycle.PROSPECT


def test_stages_from_the_replica(ctx: ServiceContext, clock: FakeClock) -> None:
    clock.set(T0)
    quiet = _customer(ctx, "上海静默贸易有限公司")
    talking = _customer(ctx, "北京通话科技有限公司")
    buying = _customer(ctx, "广州成交电子有限公司")
    acts = ActivityService(ctx)
    for day in (1, 3):
        clock.set(T0 + timedelta(days=day))
        acts.log(ActivityInput(customer_id=talking, kind="call", subject="call",
                               done_at=clock.now()))
        # Notes never count as follow-ups.
        acts.log(ActivityInput(customer_id=quiet, kind="note", subject="note",
                               done_at=clock.now()))
    opps = OpportunityService(ctx)
    opp = opps.create(OpportunityInput(customer_id=buying, name="Line 2",
                                       amount=Decimal("120000.00")))
    opps.move(opp.id, "won")
    now = T0 + timedelta(days=4)
    got = stages(ctx.db, now)
    assert got[quiet] is Lifecycle.PROSPECT
    assert got[talking] is Lifecycle.INTERESTED
    assert got[buying] is Lifecycle.CUSTOMER
    # A manual override is recorded and kept as it is.
    CustomerService(ctx).update(quiet, {"lifecycle": "loyal"})  # marks it manual
    assert stages(ctx.db, now)[quiet] is Lifecycle.LOYAL
    # Same answers computed twice (offline replica and server use the same function).
    assert stages(ctx.db, now) == stages(ctx.db, now)


def test_refresh_writes_the_rules_stage_into_the_owners_customers(
        ctx: ServiceContext, clock: FakeClock) -> None:
    clock.set(T0)
    assert ctx.user_id is not None
    talking = _customer(ctx, "北京通话科技有限公司")
    buying = _customer(ctx, "广州成交电子有限公司")
    chosen = _customer(ctx, "上海手动贸易有限公司")
    for day in (1, 3):
        clock.set(T0 + timedelta(days=day))
        ActivityService(ctx).log(ActivityInput(customer_id=talking, kind="call",
                                               subject="call", done_at=clock.now()))
    opps = OpportunityService(ctx)
    opps.move(opps.create(OpportunityInput(customer_id=buying, name="Line 2",
                                           amount=Decimal("120000.00"))).id, "won")
    customers = CustomerService(ctx)
    customers.set_lifecycle(chosen, "loyal")
    now = T0 + timedelta(days=4)
    with ctx.db.reader() as s:
        pending = s.scalar(select(func.count()).select_from(OutboxEntry))

    assert refresh(ctx.db, ctx.user_id, now) == 2
    assert customers.get(talking).lifecycle == Lifecycle.INTERESTED
    assert customers.get(buying).lifecycle == Lifecycle.CUSTOMER
    assert customers.get(chosen).lifecycle == Lifecycle.LOYAL  # a person chose it: untouched
    with ctx.db.reader() as s:  # stored through the outbox: it syncs like any edit
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == pending + 2
    assert refresh(ctx.db, ctx.user_id, now) == 0  # idempotent
    assert refresh(ctx.db, "someone-else", now) == 0  # only the owner's replica writes
