"""Pipeline and forecast, and the manager's per-rep leaderboard (BUSINESS-RULES §5.3).

* **Open pipeline**: opportunities in an open stage now, by stage and by expected close month,
  each amount weighted by its *stage* probability (the server's stage win rates).
* **Won this period**: opportunities closed as won in the period, against a target.
* **Leaderboard** per rep: won amount and count, win rate (won ÷ closed in the period), average
  cycle (created → won, days), follow-ups logged (completed calls, visits, meetings, e-mails,
  WeChat in the period), overdue follow-ups (open with a due time before now), new customers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from app.db import Database
from app.enums import DEFAULT_PROBABILITY, FOLLOW_UP_KINDS, OPEN_STAGES, Stage
from app.reports.common import (
    CENT,
    CENTS_SQL,
    ReportScope,
    cents_to_money,
    counts,
    owner_clause,
    owners,
    ratio,
    stamp,
    user_names,
)
from app.reports.table import ReportTable
from app.reports.visits import STAGE_CODE, STAGES, visits


@dataclass(frozen=True)
class PipelineCell:
    key: str  # a stage, or a month "2026-07" ("" when no expected close is set)
    count: int
    amount: Decimal
    weighted: Decimal


@dataclass(frozen=True)
class ForecastReport:
    scope: ReportScope
    by_stage: tuple[PipelineCell, ...]
    by_month: tuple[PipelineCell, ...]
    won_amount: Decimal
    won_count: int
    target: Decimal | None

    @property
    def open_amount(self) -> Decimal:
        return sum((c.amount for c in self.by_stage), Decimal(0))

    @property
    def weighted_amount(self) -> Decimal:
        return sum((c.weighted for c in self.by_stage), Decimal(0))

    @property
    def attainment(self) -> Decimal | None:
        """Won ÷ target (None without a target)."""
        if not self.target:
            return None
        return (self.won_amount / self.target).quantize(Decimal("0.0001"))

    def table(self) -> ReportTable:
        rows = [("stage", c.key, c.count, c.amount, c.weighted) for c in self.by_stage]
        rows += [("month", c.key, c.count, c.amount, c.weighted) for c in self.by_month]
        return ReportTable("forecast", ("group", "key", "count", "amount", "weighted"),
                           tuple(rows))


def forecast(db: Database, scope: ReportScope, target: Decimal | None = None,
             probabilities: Mapping[Stage, int] = DEFAULT_PROBABILITY) -> ForecastReport:
    """Over the opportunity columns of :mod:`app.reports.visits` (milliseconds, not a scan)."""
    with db.reader() as s:
        ids = owners(s, scope)
        v = visits(db, s)
    mask = v.currency == v.currency_code(scope.currency)
    codes = v.owner_codes(ids)
    if codes is not None:
        mask &= np.isin(v.owner, codes)
    weight = np.zeros(len(STAGES), dtype=np.int64)
    for stage, percent in probabilities.items():
        weight[STAGE_CODE[stage.value]] = percent
    open_codes = [STAGE_CODE[s.value] for s in OPEN_STAGES]
    live = mask & np.isin(v.current, open_codes)
    stage, cents, month = v.current[live], v.cents[live], v.close_month[live]
    # Weighted in cents × percent: exact integers until the one division at the end.
    weighted = cents * weight[stage]

    def cell(key: str, where: npt.NDArray[np.bool_]) -> PipelineCell:
        return PipelineCell(key, int(where.sum()), cents_to_money(int(cents[where].sum())),
                            (Decimal(int(weighted[where].sum())) / 10000).quantize(CENT))

    by_stage = tuple(cell(s.value, stage == STAGE_CODE[s.value]) for s in OPEN_STAGES)
    months = sorted(set(month.tolist()), key=lambda m: (m < 0, m))
    by_month = tuple(cell(f"{m // 100:04d}-{m % 100:02d}" if m >= 0 else "", month == m)
                     for m in months)
    won = (mask & (v.current == STAGE_CODE[Stage.WON.value]) & (v.closed >= _ms(scope.start))
           & (v.closed < _ms(scope.end)))
    return ForecastReport(scope, by_stage, by_month, cents_to_money(int(v.cents[won].sum())),
                          int(won.sum()), target)


def _ms(value: datetime) -> int:
    return (value - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(milliseconds=1)


@dataclass(frozen=True)
class RepRow:
    owner_id: str
    name: str
    won_amount: Decimal
    won_count: int
    lost_count: int
    win_rate: Decimal | None
    avg_cycle_days: Decimal | None
    follow_ups: int
    overdue: int
    new_customers: int


@dataclass(frozen=True)
class Leaderboard:
    scope: ReportScope
    rows: tuple[RepRow, ...]  # by won amount, best first

    def table(self) -> ReportTable:
        return ReportTable(
            "leaderboard",
            ("rep", "won_amount", "won_count", "lost_count", "win_rate", "avg_cycle_days",
             "follow_ups", "overdue", "new_customers"),
            tuple((r.name, r.won_amount, r.won_count, r.lost_count, r.win_rate,
                   r.avg_cycle_days, r.follow_ups, r.overdue, r.new_customers)
                  for r in self.rows))


_CLOSED_SQL = """
SELECT o.owner_id, o.stage, COUNT(*), SUM(CASE WHEN o.currency = ? THEN {cents} ELSE 0 END),
       SUM(CAST(ROUND((julianday(o.closed_at) - julianday(o.created_at)) * 86400) AS INTEGER))
FROM opportunities o
WHERE o.deleted_at IS NULL AND o.stage IN ('won', 'lost') AND o.owner_id IS NOT NULL
  AND o.closed_at >= ? AND o.closed_at < ?{owners}
GROUP BY 1, 2
"""
_FOLLOW_UPS_SQL = """
SELECT a.owner_id, COUNT(*) FROM activities a
WHERE a.deleted_at IS NULL AND a.done_at >= ? AND a.done_at < ? AND a.kind IN ({kinds}){owners}
GROUP BY 1
"""
_OVERDUE_SQL = """
SELECT a.owner_id, COUNT(*) FROM activities a
WHERE a.deleted_at IS NULL AND a.done_at IS NULL AND a.due_at < ?{owners}
GROUP BY 1
"""
_NEW_CUSTOMERS_SQL = """
SELECT c.owner_id, COUNT(*) FROM customers c
WHERE c.deleted_at IS NULL AND c.created_at >= ? AND c.created_at < ?{owners}
GROUP BY 1
"""


def leaderboard(db: Database, scope: ReportScope, now: datetime) -> Leaderboard:
    start, end = stamp(scope.start), stamp(scope.end)
    kinds = ",".join(f"'{k.value}'" for k in sorted(FOLLOW_UP_KINDS))
    with db.reader() as s:
        ids = owners(s, scope)
        conn = s.connection()
        names = user_names(s)
        where, params = owner_clause("o.owner_id", ids)
        closed = list(conn.exec_driver_sql(
            _CLOSED_SQL.format(cents=CENTS_SQL.format(col="o.amount"), owners=where),
            (scope.currency, start, end, *params)))
        where, params = owner_clause("a.owner_id", ids)
        follow = counts(conn.exec_driver_sql(
            _FOLLOW_UPS_SQL.format(kinds=kinds, owners=where), (start, end, *params)))
        overdue = counts(conn.exec_driver_sql(_OVERDUE_SQL.format(owners=where),
                                            (stamp(now), *params)))
        where, params = owner_clause("c.owner_id", ids)
        new = counts(conn.exec_driver_sql(_NEW_CUSTOMERS_SQL.format(owners=where),
                                        (start, end, *params)))
        reps = [r[0] for r in conn.exec_driver_sql(
            "SELECT id FROM users WHERE role = 'rep' AND deleted_at IS NULL")]
    stats: dict[str, dict[str, int]] = {}
    for owner, stage, count, cents, cycle in closed:
        entry = stats.setdefault(owner, {})
        entry[f"{stage}_count"] = int(count)
        if stage == "won":
            entry["won_cents"] = int(cents or 0)
            entry["cycle"] = int(cycle or 0)
    everyone = set(stats) | set(follow) | set(overdue) | set(new)
    everyone |= {r for r in reps if ids is None or r in ids}
    everyone = {o for o in everyone if o}  # unowned rows (the pool) belong to no rep
    rows = []
    for owner in everyone:
        entry = stats.get(owner, {})
        won, lost = entry.get("won_count", 0), entry.get("lost_count", 0)
        cycle = (Decimal(entry.get("cycle", 0)) / 86400 / won).quantize(Decimal("0.1")) \
            if won else None
        rows.append(RepRow(owner, names.get(owner, owner), cents_to_money(
            entry.get("won_cents", 0)), won, lost, ratio(won, won + lost), cycle,
            int(follow.get(owner, 0)), int(overdue.get(owner, 0)), int(new.get(owner, 0))))
    rows.sort(key=lambda r: (-r.won_amount, -r.won_count, r.name))
    return Leaderboard(scope, tuple(rows))
