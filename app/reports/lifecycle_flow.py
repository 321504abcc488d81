"""Monthly flow between lifecycle stages (BUSINESS-RULES §5.7: "flow between stages per month").

Approach. The replica keeps each customer's *current* stage only, so the flow is rebuilt from
the facts the stage is computed from: creation time, completed follow-ups (their ``done_at``),
won deals (their ``closed_at``) and each opportunity's stage history (``stage_history``). For
every calendar month (UTC) that meets the period, a customer's stage is computed with
:func:`app.lifecycle.compute` twice — as of the month's start and as of its end — each time from
the facts that existed *before* that instant. A customer whose two stages differ counts once in
``from → to`` for that month; a customer created during the month counts as ``new → to``.
The last month ends at ``min(period end, now)``, so a report is a pure function of the replica
and the injected clock: the same data and ``now`` always give the same figures.

Limits (said here so the numbers are read right):
* Several changes inside one month show as one net move (prospect → interested → customer in
  March counts once, prospect → customer); a customer who leaves a stage and returns within the
  month does not count.
* Manual overrides (``lifecycle_manual``) are not replayed: their history is a timeline note,
  not data the rules can read, so the flow shows what the rules give.
* An opportunity without any recorded stage change counts with its current stage from its
  creation; a won deal counts from its ``closed_at``.
* Deleted customers, deals and activities are left out, as if they had never existed.
* "Whose customers" is the current owner: a customer claimed from the pool brings its past
  moves with it.
Cost: one stage computation per customer and month boundary (14 for a year); measured about
2–3 s for 20 000 customers over 12 months on a loaded 2-core laptop. It runs on a reader
thread like the other reports.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from app.db import Database
from app.enums import OPEN_STAGES, Lifecycle
from app.lifecycle import CustomerFacts, LifecycleParams, compute, gather_facts
from app.reports.common import ReportScope, owner_clause, owners, parse_stamp
from app.reports.table import ReportTable

NEW = "new"  # the "from" of a customer created during the month
_OPEN = frozenset(s.value for s in OPEN_STAGES)


@dataclass(frozen=True)
class FlowRow:
    month: str  # "2026-03"
    from_stage: str  # a Lifecycle value, or NEW
    to_stage: str
    customers: int


@dataclass(frozen=True)
class MonthFlow:
    month: str
    start: datetime  # the instants the two stages were computed at (UTC)
    end: datetime
    moves: tuple[FlowRow, ...]  # only real moves (from != to), in lifecycle order
    at_end: tuple[tuple[str, int], ...]  # customers per stage at ``end``, every stage

    def entered(self, stage: str) -> int:
        """Customers who moved into ``stage`` during the month (new ones included)."""
        return sum(r.customers for r in self.moves if r.to_stage == stage)


@dataclass(frozen=True)
class LifecycleFlowReport:
    scope: ReportScope
    months: tuple[MonthFlow, ...]

    @property
    def rows(self) -> tuple[FlowRow, ...]:
        return tuple(r for m in self.months for r in m.moves)

    def count(self, month: str, from_stage: str, to_stage: str) -> int:
        return next((r.customers for r in self.rows if (r.month, r.from_stage, r.to_stage)
                     == (month, from_stage, to_stage)), 0)

    def table(self) -> ReportTable:
        return ReportTable("lifecycle_flow", ("month", "from_stage", "to_stage", "customers"),
                           tuple((r.month, r.from_stage, r.to_stage, r.customers)
                                 for r in self.rows))


@dataclass
class _History:
    """A customer's facts plus each opportunity's stage timeline, for as-of questions."""

    facts: CustomerFacts
    # per opportunity: (created_at, current stage, [(changed_at, to_stage)] sorted)
    deals: list[tuple[datetime, str, list[tuple[datetime, str]]]]

    def as_of(self, at: datetime) -> CustomerFacts:
        """The facts known just before ``at`` (follow-ups and wins are kept sorted)."""
        f = self.facts
        return CustomerFacts(
            f.created_at,
            follow_ups=f.follow_ups[:bisect_left(f.follow_ups, at)],
            wins=f.wins[:bisect_left(f.wins, at)],
            open_stages={s for s in (_stage_at(d, at) for d in self.deals) if s in _OPEN})


def _stage_at(deal: tuple[datetime, str, list[tuple[datetime, str]]],
              at: datetime) -> str | None:
    created, current, changes = deal
    if not changes:  # no history synced: the current stage since creation
        return current if created < at else None
    before = [stage for when, stage in changes if when < at]
    return before[-1] if before else None


def month_bounds(start: datetime, end: datetime) -> list[tuple[str, datetime, datetime]]:
    """Calendar months (UTC) meeting ``[start, end)``, each clipped to it."""
    out: list[tuple[str, datetime, datetime]] = []
    cursor = start.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    while cursor < end:
        following = (cursor.replace(year=cursor.year + 1, month=1) if cursor.month == 12
                     else cursor.replace(month=cursor.month + 1))
        out.append((f"{cursor:%Y-%m}", max(cursor, start), min(following, end)))
        cursor = following
    return out


_DEALS_SQL = """
SELECT o.id, o.customer_id, o.stage, o.created_at FROM opportunities o
JOIN customers c ON c.id = o.customer_id
WHERE o.deleted_at IS NULL AND c.deleted_at IS NULL{owners}
"""
_CHANGES_SQL = """
SELECT h.opportunity_id, h.changed_at, h.to_stage FROM stage_history h
JOIN customers c ON c.id = h.customer_id
WHERE h.deleted_at IS NULL AND c.deleted_at IS NULL{owners}
ORDER BY h.changed_at, h.id
"""


def _histories(db: Database, scope: ReportScope) -> dict[str, _History]:
    with db.reader() as s:
        ids = owners(s, scope)
        where, params = owner_clause("c.owner_id", ids)
        conn = s.connection()
        in_scope = {r[0] for r in conn.exec_driver_sql(
            "SELECT c.id FROM customers c WHERE c.deleted_at IS NULL" + where, params)}
        deals = list(conn.exec_driver_sql(_DEALS_SQL.format(owners=where), params))
        changes: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
        for opp_id, when, stage in conn.exec_driver_sql(_CHANGES_SQL.format(owners=where),
                                                        params):
            at = parse_stamp(when)
            if at is not None:
                changes[opp_id].append((at, stage))
    # Everyone: no id list (a 100 000-long IN clause costs more than the query).
    facts = gather_facts(db, None if ids is None else in_scope)
    for f in facts.values():  # sorted once: as_of() cuts them with a binary search
        f.follow_ups.sort()
        f.wins.sort()
    out = {cid: _History(f, []) for cid, f in facts.items()}
    for opp_id, cid, stage, created in deals:
        created_at = parse_stamp(created)
        if cid in out and created_at is not None:
            out[cid].deals.append((created_at, stage, changes.get(opp_id, [])))
    return out


def lifecycle_flow(db: Database, scope: ReportScope, now: datetime,
                   params: LifecycleParams | None = None) -> LifecycleFlowReport:
    """Customers moving between lifecycle stages in each month of ``scope`` up to ``now``."""
    params = params or LifecycleParams()
    histories = _histories(db, scope)
    order = {s.value: i for i, s in enumerate(Lifecycle)} | {NEW: -1}
    bounds = month_bounds(scope.start, min(scope.end, now))
    # A month's end is the next month's start: each customer's stage is computed once per
    # instant, not twice.
    instants = sorted({t for _key, start, end in bounds for t in (start, end)})
    stages = {cid: {t: compute(h.as_of(t), t, params).value
                    for t in instants if h.facts.created_at < t}
              for cid, h in histories.items()}
    months: list[MonthFlow] = []
    for key, start, end in bounds:
        moves: Counter[tuple[str, str]] = Counter()
        at_end: Counter[str] = Counter()
        for cid, history in histories.items():
            created = history.facts.created_at
            if created >= end:
                continue  # did not exist yet
            after = stages[cid][end]
            at_end[after] += 1
            before = NEW if created >= start else stages[cid][start]
            if before != after:
                moves[(before, after)] += 1
        rows = tuple(FlowRow(key, a, b, n) for (a, b), n in sorted(
            moves.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]])))
        months.append(MonthFlow(key, start, end, rows,
                                tuple((s.value, at_end.get(s.value, 0)) for s in Lifecycle)))
    return LifecycleFlowReport(scope, tuple(months))
