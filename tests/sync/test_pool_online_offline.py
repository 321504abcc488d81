"""Online and offline give the same answer: the deadline a replica shows with no network
(``app.pool_countdown``) is the moment the server's recycle (``sync.server.pool.recycle``) moves
the customer — for every recycle rule, under one injected clock, with the team's settings as
they reach the replica through sync."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest

from app import outbox
from app.clock import FakeClock
from app.db import Database
from app.models import Opportunity
from app.pool import RecycleReason
from app.pool_countdown import countdowns
from app.services.activities import ActivityInput, ActivityService
from app.services.context import ServiceContext
from sync.server import pool
from tests.sync.helpers import Replica, Server, add_customer

Factory = Callable[..., Replica]
SECOND = timedelta(seconds=1)


@pytest.fixture
def clock(server: Server) -> FakeClock:
    fixed = FakeClock()
    server.store.clock = fixed.now
    return fixed


def _won_deal(db: Database, customer_id: str, clock: FakeClock) -> None:
    with db.transaction() as s:
        outbox.insert(db, s, Opportunity(customer_id=customer_id, name="Deal", stage="won",
                                         amount=Decimal("1000"), closed_at=clock.now()))


@pytest.mark.parametrize(("settings", "level", "reason"), [
    ({"no_follow_up_days": "7", "no_won_deal_days": "off", "high_value_hours": "off"},
     "normal", RecycleReason.NO_FOLLOW_UP),
    ({"no_follow_up_days": "off", "no_won_deal_days": "12", "high_value_hours": "off"},
     "normal", RecycleReason.NO_WON_DEAL),
    ({"no_follow_up_days": "off", "no_won_deal_days": "off", "high_value_hours": "24",
      "high_value_grace_hours": "3"}, "strategic", RecycleReason.HIGH_VALUE_24H),
])
def test_the_offline_deadline_is_when_the_server_recycles(
        server: Server, replica_factory: Factory, clock: FakeClock,
        settings: dict[str, str], level: str, reason: RecycleReason) -> None:
    user = server.user("alice")
    rep = replica_factory("alice", clock=clock)
    pool.set_settings(server.store, "east", settings)
    quiet = add_customer(rep.db, "深圳市安静科技有限公司", level=level)
    busy = add_customer(rep.db, "深圳市忙碌科技有限公司", level=level)
    rep.sync()  # the settings arrive; the customers are assigned now
    clock.advance(timedelta(hours=20))
    # The busy customer does what resets the clock of the rule under test (follow-up or win).
    if reason is RecycleReason.NO_WON_DEAL:
        _won_deal(rep.db, busy, clock)
    else:
        ActivityService(ServiceContext(rep.db, user_id=user)).log(ActivityInput(
            customer_id=busy, kind="visit", subject="拜访", done_at=clock.now()))
    rep.sync()

    offline = {c.customer_id: c.deadline for c in countdowns(rep.db, user, clock.now())}
    assert offline[quiet].reason is reason
    # The 24-hour rule is met for good by the first follow-up; the others restart their clock.
    due = [quiet] if reason is RecycleReason.HIGH_VALUE_24H else [quiet, busy]
    assert set(offline) == set(due)
    for customer_id in due:
        at = offline[customer_id].at
        clock.advance(at - clock.now() - SECOND)
        assert customer_id not in [m.customer_id for m in pool.recycle(server.store)], \
            "a second before the deadline the replica showed, the server keeps the customer"
        clock.advance(2 * SECOND)
        moved = pool.recycle(server.store)
        assert [(m.customer_id, m.reason) for m in moved] == [(customer_id, reason)]
    if reason is RecycleReason.HIGH_VALUE_24H:  # no deadline offline, none online either
        clock.advance(timedelta(days=30))
        assert pool.recycle(server.store) == []
    rep.sync()
    assert countdowns(rep.db, user, clock.now()) == []  # the due ones are pooled on the laptop
