"""Monthly lifecycle flow on a small known data set, every figure computed by hand.

The data (an injected clock moves through 2026):
    A  created Jan 10, never followed up          → prospect; dormant from Apr 10 (90 days)
    B  created Jan 10, calls on Feb 3 and Feb 10  → interested at Mar 1; prospect again at Apr 1
                                                    (no follow-up in the 30 days before)
    C  created Jan 20, deal at prospect, moved to qualified Feb 15, won Mar 5
                                                  → interested at Mar 1; customer at Apr 1
    D  created Feb 20, set to "loyal" by hand      → new in Feb; the flow ignores the override
    E  created Jan 10 and deleted                  → never counted
    F  another rep's customer (created Jan 10)     → only when everyone is in scope
Report period Jan 1 – May 1, now = Apr 20 09:00: April ends at "now".
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from app.clock import FakeClock
from app.db import Database
from app.lifecycle import LifecycleParams
from app.reports.common import ReportScope
from app.reports.lifecycle_flow import NEW, lifecycle_flow, month_bounds
from app.services.activities import ActivityInput, ActivityService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.opportunities import OpportunityInput, OpportunityService

REP = "01900000-0000-7000-8000-000000000101"
OTHER = "01900000-0000-7000-8000-000000000102"
NOW = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 9, 0, tzinfo=UTC)


def _customer(ctx: ServiceContext, name: str, owner: str | None = None) -> str:
    return CustomerService(ctx).create(CustomerInput(
        full_name=name, industry="software", region="east_china", owner_id=owner)).id


@pytest.fixture
def known(ctx: ServiceContext, clock: FakeClock) -> dict[str, str]:
    clock.set(at(1, 10))
    ids = {"A": _customer(ctx, "甲公司有限公司"), "B": _customer(ctx, "乙公司有限公司"),
           "E": _customer(ctx, "戊公司有限公司"),
           "F": _customer(ctx, "己公司有限公司", owner=OTHER)}
    CustomerService(ctx).delete(ids["E"])
    clock.set(at(1, 20))
    ids["C"] = _customer(ctx, "丙公司有限公司")
    opps = OpportunityService(ctx)
    deal = opps.create(OpportunityInput(customer_id=ids["C"], name="Line",
                                        amount=Decimal("1000.00")))
    acts = ActivityService(ctx)
    for day in (3, 10):
        clock.set(at(2, day))
        acts.log(ActivityInput(customer_id=ids["B"], kind="call", subject="call",
                               done_at=clock.now()))
    clock.set(at(2, 15))
    opps.move(deal.id, "qualified")
    clock.set(at(2, 20))
    ids["D"] = _customer(ctx, "丁公司有限公司")
    CustomerService(ctx).update(ids["D"], {"lifecycle": "loyal"})
    clock.set(at(3, 5))
    opps.move(deal.id, "won")
    clock.set(NOW)
    return ids


def _scope(owner_ids: tuple[str, ...] | None = (REP,)) -> ReportScope:
    return ReportScope(datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC),
                       owner_ids=owner_ids)


def test_hand_computed_monthly_moves(replica: Database, known: dict[str, str]) -> None:
    report = lifecycle_flow(replica, _scope(), NOW)
    assert [m.month for m in report.months] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    got = {m.month: {(r.from_stage, r.to_stage): r.customers for r in m.moves}
           for m in report.months}
    assert got == {
        "2026-01": {(NEW, "prospect"): 3},  # A, B, C
        "2026-02": {(NEW, "prospect"): 1,  # D (its manual "loyal" is not replayed)
                    ("prospect", "interested"): 2},  # B (two calls), C (qualified deal)
        "2026-03": {("interested", "prospect"): 1,  # B, no follow-up in March
                    ("interested", "customer"): 1},  # C won on Mar 5
        "2026-04": {("prospect", "dormant"): 1},  # A, 90 days on Apr 10
    }
    april = report.months[-1]
    assert april.end == NOW  # the running month ends at the injected now
    assert dict(april.at_end) == {"prospect": 2, "interested": 0, "customer": 1, "loyal": 0,
                                  "dormant": 1}
    assert report.months[1].entered("interested") == 2
    assert report.count("2026-03", "interested", "customer") == 1
    table = report.table()
    assert table.columns == ("month", "from_stage", "to_stage", "customers")
    assert table.rows[0] == ("2026-01", NEW, "prospect", 3)
    assert len(table.rows) == 6


def test_scope_and_determinism(replica: Database, known: dict[str, str]) -> None:
    everyone = lifecycle_flow(replica, _scope(None), NOW)
    assert everyone.count("2026-01", NEW, "prospect") == 4  # F joins A, B, C
    assert everyone.count("2026-04", "prospect", "dormant") == 2  # A and F
    # Same replica, same clock: the same figures (the report reads no wall clock).
    assert lifecycle_flow(replica, _scope(), NOW) == lifecycle_flow(replica, _scope(), NOW)
    # On Apr 9, A has been quiet for 89 days: not yet dormant.
    earlier = lifecycle_flow(replica, _scope(), at(4, 9))
    assert earlier.count("2026-04", "prospect", "dormant") == 0
    # Parameters are the rules' own: with a 60-day dormancy A sleeps in March (Mar 11).
    short = lifecycle_flow(replica, _scope(), NOW, LifecycleParams(dormant_days=60))
    assert short.count("2026-03", "prospect", "dormant") == 1


def test_month_bounds_clip_to_the_period() -> None:
    bounds = month_bounds(datetime(2025, 11, 15, tzinfo=UTC),
                          datetime(2026, 2, 3, tzinfo=UTC))
    assert [(k, s.day, e.month, e.day) for k, s, e in bounds] == [
        ("2025-11", 15, 12, 1), ("2025-12", 1, 1, 1), ("2026-01", 1, 2, 1),
        ("2026-02", 1, 2, 3)]
    assert bounds[1][2] - bounds[1][1] == timedelta(days=31)
