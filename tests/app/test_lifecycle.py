"""Lifecycle stages from synced facts, driven through the services with an injected clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from app.clock import FakeClock
from app.enums import Lifecycle
from app.lifecycle import CustomerFacts, compute, stages
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
