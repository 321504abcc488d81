"""Follow-up rules with an injected clock: same answers however often they are computed."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from app.clock import FakeClock
from app.rules import HIGH_VALUE_24H, NO_FOLLOW_UP, QUOTE_NO_ANSWER, RULES, reminders
from app.services.activities import ActivityInput, ActivityService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.opportunities import OpportunityInput, OpportunityService


def _customer(ctx: ServiceContext, name: str, level: str = "normal") -> str:
    return CustomerService(ctx).create(CustomerInput(
        full_name=name, industry="software", region="south_china", level=level)).id


def test_every_rule_says_what_resets_its_clock() -> None:
    assert all(rule.resets_on and rule.version >= 1 for rule in RULES)


def test_no_follow_up_for_three_days(ctx: ServiceContext, clock: FakeClock) -> None:
    cid = _customer(ctx, "深圳市华强科技有限公司")
    clock.advance(timedelta(days=2, hours=23))
    assert [r for r in reminders(ctx.db, ctx.user_id) if r.rule_id == NO_FOLLOW_UP.id] == []
    clock.advance(timedelta(hours=2))
    due = [r for r in reminders(ctx.db, ctx.user_id) if r.rule_id == NO_FOLLOW_UP.id]
    assert [r.customer_id for r in due] == [cid]
    # Deterministic ids: computing twice gives the same reminder, not a second one.
    again = [r for r in reminders(ctx.db, ctx.user_id) if r.rule_id == NO_FOLLOW_UP.id]
    assert [r.id for r in again] == [r.id for r in due]
    # A note does not reset the clock; a completed call does.
    acts = ActivityService(ctx)
    acts.log(ActivityInput(customer_id=cid, kind="note", subject="n", done_at=clock.now()))
    assert any(r.rule_id == NO_FOLLOW_UP.id for r in reminders(ctx.db, ctx.user_id))
    acts.log(ActivityInput(customer_id=cid, kind="call", subject="c", done_at=clock.now()))
    assert not any(r.rule_id == NO_FOLLOW_UP.id for r in reminders(ctx.db, ctx.user_id))


def test_high_value_customer_flagged_after_24_hours(ctx: ServiceContext,
                                                    clock: FakeClock) -> None:
    big = _customer(ctx, "上海宏达电子有限公司")
    OpportunityService(ctx).create(OpportunityInput(customer_id=big, name="Big",
                                                    amount=Decimal("800000")))
    strategic = _customer(ctx, "Acme Robotics Inc.", level="strategic")
    _customer(ctx, "北京小型商贸有限公司")
    clock.advance(timedelta(hours=25))
    flagged = {r.customer_id for r in reminders(ctx.db, None) if r.rule_id == HIGH_VALUE_24H.id}
    assert flagged == {big, strategic}
    ActivityService(ctx).log(ActivityInput(customer_id=big, kind="visit", subject="v",
                                           done_at=clock.now()))
    flagged = {r.customer_id for r in reminders(ctx.db, None) if r.rule_id == HIGH_VALUE_24H.id}
    assert flagged == {strategic}


def test_rule_ids_are_stable_across_replicas(ctx: ServiceContext, clock: FakeClock) -> None:
    _customer(ctx, "深圳市华强科技有限公司")
    clock.advance(timedelta(days=4))
    first = reminders(ctx.db, None, now=clock.now())
    second = reminders(ctx.db, None, now=clock.now())
    assert [r.id for r in first] == [r.id for r in second]
    assert QUOTE_NO_ANSWER.id not in {r.rule_id for r in first}
