"""Reports against hand-computed figures on known data sets (issue #5)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from app.db import Database
from app.enums import Stage
from app.models import Activity, Contact, Customer, Opportunity, StageChange, Team, User
from app.reports.common import ReportScope
from app.reports.funnel import funnel
from app.reports.health import completeness, health
from app.reports.pipeline import forecast, leaderboard

T0 = datetime(2026, 1, 1, tzinfo=UTC)
NOW = datetime(2026, 2, 1, tzinfo=UTC)
JANUARY = ReportScope(T0, NOW)
REP_A = "01900000-0000-7000-8000-0000000000a1"
REP_B = "01900000-0000-7000-8000-0000000000b2"
TEAM = "01900000-0000-7000-8000-0000000000f1"


def day(n: float) -> datetime:
    return T0 + timedelta(days=n)


class Builder:
    """Writes server-state rows directly (reports read rows, not the outbox)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.rows: list[object] = []
        self.n = 0

    def customer(self, owner: str = REP_A, **kw: object) -> str:
        self.n += 1
        cid = f"c-{self.n:06d}"
        values: dict[str, object] = {"full_name": f"客户{self.n}有限公司", "industry": "software",
                                     "region": "south_china", "source": "referral",
                                     "level": "normal", "owner_id": owner, "created_at": T0}
        values.update(kw)
        self.rows.append(Customer(id=cid, **values))
        return cid

    def opportunity(self, path: list[tuple[str, float]], owner: str = REP_A,
                    amount: str = "1000.00", lost_reason: str | None = None,
                    expected: date | None = None, currency: str = "CNY") -> str:
        cid = self.customer(owner)
        oid = f"o-{self.n:06d}"
        final, when = path[-1]
        closed = day(when) if final in ("won", "lost") else None
        self.rows.append(Opportunity(
            id=oid, customer_id=cid, name="deal", stage=final, amount=Decimal(amount),
            currency=currency, owner_id=owner, lost_reason=lost_reason, created_at=day(path[0][1]),
            stage_changed_at=day(when), closed_at=closed, expected_close=expected))
        previous = None
        for i, (stage, at) in enumerate(path):
            self.rows.append(StageChange(id=f"{oid}-{i}", opportunity_id=oid, customer_id=cid,
                                         from_stage=previous, to_stage=stage, changed_at=day(at)))
            previous = stage
        return oid

    def commit(self) -> None:
        with self.db.transaction() as s:
            s.add(Team(id=TEAM, name="South"))
            s.add_all([User(id=REP_A, username="a", display_name="Rep A", role="rep",
                            team_id=TEAM),
                       User(id=REP_B, username="b", display_name="Rep B", role="rep")])
            s.flush()
            customers = [r for r in self.rows if isinstance(r, Customer)]
            s.add_all(customers)
            s.flush()
            s.add_all([r for r in self.rows if not isinstance(r, Customer)])


@pytest.fixture
def seed_funnel(replica: Database) -> Database:
    """1000 → 400 → 120 → 60 → 48, with known dwell times (days):

    prospect: 400 leave after 2, 100 lost after 1, 500 still open (31 up to now)
    qualified: 120 leave after 3, 280 still open (29)
    proposal: 60 leave after 4, 60 still open (26)
    negotiation: 48 won after 1, 12 lost after 3
    """
    b = Builder(replica)
    for _ in range(48):
        b.opportunity([("prospect", 0), ("qualified", 2), ("proposal", 5), ("negotiation", 9),
                       ("won", 10)])
    for _ in range(12):
        b.opportunity([("prospect", 0), ("qualified", 2), ("proposal", 5), ("negotiation", 9),
                       ("lost", 12)], lost_reason="competitor")
    for _ in range(60):
        b.opportunity([("prospect", 0), ("qualified", 2), ("proposal", 5)])
    for _ in range(280):
        b.opportunity([("prospect", 0), ("qualified", 2)])
    for _ in range(100):
        b.opportunity([("prospect", 0), ("lost", 1)], lost_reason="price")
    for _ in range(500):
        b.opportunity([("prospect", 0)])
    b.commit()
    return replica


def test_funnel_counts_and_conversions_match_the_seed_example(seed_funnel: Database) -> None:
    report = funnel(seed_funnel, JANUARY, NOW)
    assert [r.reached for r in report.rows] == [1000, 400, 120, 60, 48]
    assert [r.conversion for r in report.rows] == [None, Decimal("0.4"), Decimal("0.3"),
                                                   Decimal("0.5"), Decimal("0.8")]
    assert report.won == 48
    assert report.lost == 112
    assert report.lost_reasons == (("price", 100), ("competitor", 12))


def test_funnel_dwell_times_are_hand_computed(seed_funnel: Database) -> None:
    report = funnel(seed_funnel, JANUARY, NOW)
    # (400×2 + 100×1 + 500×31) / 1000 = 16.4 days
    assert report.row("prospect").dwell == timedelta(days=16.4)
    # (120×3 + 280×29) / 400 = 21.2 days
    assert report.row("qualified").dwell == timedelta(days=21.2)
    # (60×4 + 60×26) / 120 = 15 days (the open ones entered on day 5, now is day 31)
    assert report.row("proposal").dwell == timedelta(days=15)
    # (48×1 + 12×3) / 60 = 1.4 days = 1 day 9 h 36 min
    assert report.row("negotiation").dwell == timedelta(days=1, hours=9, minutes=36)
    assert report.row("won").dwell is None
    assert report.lowest_conversion == "qualified"  # qualified → proposal: 30 %
    assert report.longest_dwell == "qualified"  # 21.2 days
    assert report.table().highlighted == frozenset({1})


def test_funnel_amounts_and_forecast_are_exact(seed_funnel: Database) -> None:
    report = funnel(seed_funnel, JANUARY, NOW)
    assert report.row("prospect").amount == Decimal("1000000.00")
    assert report.row("prospect").forecast == Decimal("100000.00")  # 10 %
    assert report.row("negotiation").forecast == Decimal("42000.00")  # 60 000 × 70 %
    assert report.row("won").amount == Decimal("48000.00")


def test_funnel_counts_entries_in_the_period_only(seed_funnel: Database) -> None:
    # From day 3: only moves on or after day 3 count (qualified happened on day 2).
    report = funnel(seed_funnel, ReportScope(day(3), NOW), NOW)
    assert [r.reached for r in report.rows] == [0, 0, 120, 60, 48]
    assert report.lost == 12  # the 100 lost on day 1 fall outside
    assert report.rows[2].conversion is None  # nothing entered qualified: no ratio
    assert report.lowest_conversion == "proposal"  # proposal → negotiation, 50 %


def test_funnel_re_entries_add_every_visit(replica: Database) -> None:
    b = Builder(replica)
    b.opportunity([("prospect", 0), ("qualified", 1), ("prospect", 3), ("qualified", 4)])
    b.commit()
    report = funnel(replica, ReportScope(T0, day(6)), day(6))
    assert report.row("prospect").reached == 1
    assert report.row("prospect").dwell == timedelta(days=2)  # 1 + 1
    assert report.row("qualified").dwell == timedelta(days=4)  # 2 + 2 (open until now)


def test_funnel_per_rep_and_per_team(replica: Database) -> None:
    b = Builder(replica)
    b.opportunity([("prospect", 0), ("qualified", 1)], owner=REP_A)
    b.opportunity([("prospect", 0)], owner=REP_B)
    b.opportunity([("prospect", 0)], owner=REP_B)
    b.commit()
    assert funnel(replica, ReportScope(T0, NOW, owner_ids=(REP_B,)), NOW).rows[0].reached == 2
    team = funnel(replica, ReportScope(T0, NOW, team_id=TEAM), NOW)
    assert [r.reached for r in team.rows[:2]] == [1, 1]
    assert team.rows[1].conversion == Decimal(1)


def test_forecast_weights_open_pipeline_by_stage_probability(replica: Database) -> None:
    b = Builder(replica)
    b.opportunity([("prospect", 0)], amount="100000", expected=date(2026, 3, 15))
    b.opportunity([("prospect", 0), ("proposal", 2)], amount="200000.50",
                  expected=date(2026, 3, 1))
    b.opportunity([("prospect", 0), ("negotiation", 2)], amount="50000",
                  expected=date(2026, 4, 2))
    b.opportunity([("prospect", 0), ("won", 5)], amount="70000")
    b.opportunity([("prospect", 0), ("won", 40)], amount="99999")  # won after the period
    b.opportunity([("prospect", 0)], amount="500", currency="USD")  # another currency
    b.commit()
    report = forecast(replica, JANUARY, target=Decimal("140000"))
    stages = {c.key: c for c in report.by_stage}
    assert stages["prospect"].count == 1
    assert stages["prospect"].weighted == Decimal("10000.00")
    assert stages["proposal"].weighted == Decimal("100000.25")  # 200 000.50 × 50 %
    assert stages["negotiation"].weighted == Decimal("35000.00")
    months = {c.key: c for c in report.by_month}
    assert months["2026-03"].amount == Decimal("300000.50")
    assert months["2026-03"].weighted == Decimal("110000.25")
    assert months["2026-04"].weighted == Decimal("35000.00")
    assert report.weighted_amount == Decimal("145000.25")
    assert report.won_amount == Decimal("70000.00")
    assert report.won_count == 1
    assert report.attainment == Decimal("0.5")


def test_leaderboard_per_rep(replica: Database) -> None:
    b = Builder(replica)
    b.opportunity([("prospect", 0), ("won", 10)], owner=REP_A, amount="30000")
    b.opportunity([("prospect", 2), ("won", 6)], owner=REP_A, amount="10000")
    b.opportunity([("prospect", 0), ("lost", 3)], owner=REP_A, lost_reason="price")
    b.opportunity([("prospect", 0), ("lost", 3)], owner=REP_B, lost_reason="price")
    cid = b.customer(REP_B, created_at=day(5))
    b.rows += [
        Activity(id="a1", customer_id=cid, kind="call", subject="x", done_at=day(4),
                 owner_id=REP_B),
        Activity(id="a2", customer_id=cid, kind="note", subject="x", done_at=day(4),
                 owner_id=REP_B),  # a note is no follow-up
        Activity(id="a3", customer_id=cid, kind="task", subject="x", due_at=day(20),
                 owner_id=REP_B),  # overdue at NOW
        Activity(id="a4", customer_id=cid, kind="task", subject="x", due_at=day(40),
                 owner_id=REP_B),  # not yet due
    ]
    b.commit()
    board = leaderboard(replica, JANUARY, NOW)
    a, rep_b = board.rows
    assert (a.name, a.won_amount, a.won_count, a.lost_count) == ("Rep A", Decimal("40000.00"),
                                                                 2, 1)
    assert a.win_rate == Decimal("0.6667")
    assert a.avg_cycle_days == Decimal("7.0")  # (10 + 4) / 2
    assert (rep_b.win_rate, rep_b.follow_ups, rep_b.overdue) == (Decimal(0), 1, 1)
    assert rep_b.new_customers == 2  # the lost deal's customer and the one of day 5


def test_health_follow_ups_lifecycle_and_dormant(replica: Database) -> None:
    b = Builder(replica)
    quiet = b.customer(REP_A, last_follow_up_at=day(-60), lifecycle="customer")
    b.customer(REP_A, last_follow_up_at=day(30), lifecycle="interested")
    never = b.customer(REP_B, created_at=day(-10))  # never followed up: counts from creation
    b.rows += [
        Activity(id="t1", customer_id=quiet, kind="task", subject="x", due_at=day(35),
                 owner_id=REP_A),  # due within the coming 7 days
        Activity(id="t4", customer_id=quiet, kind="task", subject="x", due_at=day(45),
                 owner_id=REP_A),  # due later
        Activity(id="t2", customer_id=quiet, kind="task", subject="x", due_at=day(10),
                 owner_id=REP_A),  # overdue
        Activity(id="t3", customer_id=quiet, kind="visit", subject="x", done_at=day(33),
                 owner_id=REP_A),  # done in the period
    ]
    b.commit()
    february = ReportScope(NOW, NOW + timedelta(days=28))
    report = health(replica, february, NOW + timedelta(days=1), dormant_days=30)
    rows = {r.name: r for r in report.follow_ups}
    assert (rows["Rep A"].due, rows["Rep A"].done, rows["Rep A"].overdue) == (1, 1, 1)
    stages = dict(report.lifecycle)
    assert (stages["customer"], stages["interested"], stages["prospect"]) == (1, 1, 1)
    assert report.dormant_count == 2
    assert [d.id for d in report.dormant] == [quiet, never]
    assert report.dormant[0].silent_days == 92


def test_completeness_shares_per_field(replica: Database) -> None:
    b = Builder(replica)
    full = b.customer(REP_A, phone="+8675586001234", website="https://a.cn", uscc=None,
                      address="深圳", short_name="A")
    b.customer(REP_A, phone=None, website="  ", short_name="B")
    b.customer(REP_B)
    b.rows += [
        Contact(id="k1", customer_id=full, name="张伟", title="CEO", phones=[{"kind": "mobile",
                "e164": "+8613800138000", "ext": None}], emails=["a@b.cn"]),
        Contact(id="k2", customer_id=full, name="李娜", phones=[], emails=[]),
    ]
    b.commit()
    report = completeness(replica, JANUARY)
    total = dict(report.total.customer_filled)
    assert report.total.customers == 3
    assert total["phone"] == Decimal("0.3333")
    assert total["website"] == Decimal("0.3333")  # blank text is not filled
    assert total["short_name"] == Decimal("0.6667")
    assert total["uscc"] == Decimal(0)
    contact = dict(report.total.contact_filled)
    assert (contact["title"], contact["phone"], contact["email"]) == (
        Decimal("0.5"), Decimal("0.5"), Decimal("0.5"))
    per = {r.name: r for r in report.per_rep}
    assert dict(per["Rep A"].customer_filled)["short_name"] == Decimal(1)
    assert per["Rep B"].contacts == 0
    assert dict(per["Rep B"].contact_filled)["title"] is None
    assert len(report.table().rows) == 3


def test_scope_refuses_bad_periods() -> None:
    from app.errors import ValidationError

    with pytest.raises(ValidationError) as err:
        ReportScope(NOW, T0)
    assert err.value.code == "empty_period"
    _ = Stage


def test_funnel_sees_every_change_after_it_was_computed(replica: Database) -> None:
    from app.services.context import ServiceContext
    from app.services.opportunities import OpportunityService

    b = Builder(replica)
    oid = b.opportunity([("prospect", 0)])
    b.commit()
    assert funnel(replica, JANUARY, NOW).row("qualified").reached == 0
    service = OpportunityService(ServiceContext(db=replica, user_id=REP_A))
    service.move(oid, "qualified")  # the FakeClock says 5 January
    moved = funnel(replica, JANUARY, NOW)
    assert moved.row("qualified").reached == 1
    assert moved.row("prospect").dwell == timedelta(days=4, hours=9)
    service.update(oid, {"amount": Decimal("2500.50")})
    assert funnel(replica, JANUARY, NOW).row("qualified").amount == Decimal("2500.50")
