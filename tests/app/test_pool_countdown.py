"""Offline recycle countdowns on a real replica, with an injected clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from app.clock import FakeClock
from app.models import RefValue
from app.pool import RecycleReason
from app.pool_countdown import countdowns, pool_settings
from app.services.activities import ActivityInput, ActivityService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.opportunities import OpportunityInput, OpportunityService

T0 = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)


def _me(ctx: ServiceContext) -> str:
    assert ctx.user_id is not None
    return ctx.user_id


def _customer(ctx: ServiceContext, name: str, level: str = "normal") -> str:
    return CustomerService(ctx).create(CustomerInput(
        full_name=name, industry="software", region="east_china", level=level,
        owner_id=ctx.user_id)).id


def test_countdowns_follow_the_rules(ctx: ServiceContext, clock: FakeClock) -> None:
    clock.set(T0)
    normal = _customer(ctx, "杭州普通软件有限公司")
    strategic = _customer(ctx, "深圳战略电子有限公司", level="strategic")
    won = _customer(ctx, "苏州成交机械有限公司")
    opps = OpportunityService(ctx)
    opps.move(opps.create(OpportunityInput(customer_id=won, name="Press",
                                           amount=Decimal("9000.00"))).id, "won")
    now = T0 + timedelta(hours=2)
    got = {c.customer_id: c for c in countdowns(ctx.db, _me(ctx), now)}
    assert got[strategic].deadline.reason is RecycleReason.HIGH_VALUE_24H
    assert got[strategic].left(now) == timedelta(hours=22)
    assert got[normal].deadline.at == T0 + timedelta(days=30)
    assert got[won].deadline.reason is RecycleReason.NO_FOLLOW_UP
    # Soonest first: the 24-hour rule leads.
    assert countdowns(ctx.db, _me(ctx), now)[0].customer_id == strategic
    # A completed visit stops the 24-hour clock; the 30-day clock restarts from the visit.
    clock.set(T0 + timedelta(hours=5))
    ActivityService(ctx).log(ActivityInput(customer_id=strategic, kind="visit",
                                           subject="Site visit", done_at=clock.now()))
    after = {c.customer_id: c for c in countdowns(ctx.db, _me(ctx), clock.now())}
    assert after[strategic].deadline.reason is RecycleReason.NO_FOLLOW_UP
    assert after[strategic].deadline.at == T0 + timedelta(hours=5, days=30)
    # Pre-warnings: 3 days and 1 day before.
    late = T0 + timedelta(days=27, hours=1)
    warn = {c.customer_id: c.warning for c in countdowns(ctx.db, _me(ctx), late)}
    assert warn[normal] == timedelta(days=3)


def test_team_settings_arrive_as_reference_rows(ctx: ServiceContext, clock: FakeClock) -> None:
    clock.set(T0)
    cid = _customer(ctx, "宁波设置物流有限公司")
    with ctx.db.transaction() as s:
        s.add_all([
            RefValue(list_name="pool_policy", code="no_follow_up_days", label_en="10",
                     label_zh="10"),
            RefValue(list_name="pool_policy", code="daily_claim_limit", label_en="oops",
                     label_zh="oops"),
        ])
    settings = pool_settings(ctx.db)
    assert settings.no_follow_up_days == 10
    assert settings.daily_claim_limit == 5  # malformed value: the seed stays
    (only,) = [c for c in countdowns(ctx.db, _me(ctx), T0) if c.customer_id == cid]
    assert only.deadline.at == T0 + timedelta(days=10)
