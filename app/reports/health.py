"""Activity and customer health (BUSINESS-RULES §5.1 completeness, §5.4, §5.7).

* follow-ups per rep: **due** (open, due in the coming ``due_days`` — 7 by default), **done**
  (completed in the period: tasks with a due time, or follow-up kinds), **overdue** (open,
  due before now);
* customers per lifecycle stage;
* **dormant candidates**: live customers with no completed follow-up for N days (never followed
  up counts from creation), oldest silence first;
* **data completeness**: the share of customers and contacts with each key field filled, in
  total and per rep — a measured standard of the data-quality goal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from app.db import Database
from app.enums import FOLLOW_UP_KINDS, Lifecycle
from app.reports.common import (
    ReportScope,
    counts,
    owner_clause,
    owners,
    parse_stamp,
    ratio,
    stamp,
    user_names,
)
from app.reports.table import ReportTable


@dataclass(frozen=True)
class FollowUpRow:
    owner_id: str
    name: str
    due: int
    done: int
    overdue: int


@dataclass(frozen=True)
class DormantCustomer:
    id: str
    full_name: str
    owner_name: str
    last_follow_up_at: datetime | None
    silent_days: int


@dataclass(frozen=True)
class HealthReport:
    scope: ReportScope
    follow_ups: tuple[FollowUpRow, ...]
    lifecycle: tuple[tuple[str, int], ...]  # every stage, in lifecycle order
    dormant_days: int
    dormant_count: int
    dormant: tuple[DormantCustomer, ...]  # the first ``limit`` of them

    def table(self) -> ReportTable:
        return ReportTable("follow_ups", ("rep", "due", "done", "overdue"),
                           tuple((r.name, r.due, r.done, r.overdue) for r in self.follow_ups))

    def lifecycle_table(self) -> ReportTable:
        return ReportTable("lifecycle", ("lifecycle", "customers"), self.lifecycle)

    def dormant_table(self) -> ReportTable:
        return ReportTable("dormant", ("customer", "owner", "last_follow_up", "silent_days"),
                           tuple((d.full_name, d.owner_name, d.last_follow_up_at,
                                  d.silent_days) for d in self.dormant))


_FOLLOW_UPS_SQL = """
SELECT a.owner_id,
       SUM(a.done_at IS NULL AND a.due_at >= ? AND a.due_at < ?),
       SUM(a.done_at >= ? AND a.done_at < ? AND (a.due_at IS NOT NULL OR a.kind IN ({kinds}))),
       SUM(a.done_at IS NULL AND a.due_at < ?)
FROM activities a
WHERE a.deleted_at IS NULL AND a.owner_id IS NOT NULL{owners}
GROUP BY 1
"""
_LIFECYCLE_SQL = """
SELECT c.lifecycle, COUNT(*) FROM customers c WHERE c.deleted_at IS NULL{owners} GROUP BY 1
"""
_DORMANT_WHERE = """
FROM customers c LEFT JOIN users u ON u.id = c.owner_id
WHERE c.deleted_at IS NULL AND COALESCE(c.last_follow_up_at, c.created_at) < ?{owners}
"""


def health(db: Database, scope: ReportScope, now: datetime, dormant_days: int = 30,
           limit: int = 200, due_days: int = 7) -> HealthReport:
    start, end, now_s = stamp(scope.start), stamp(scope.end), stamp(now)
    kinds = ",".join(f"'{k.value}'" for k in sorted(FOLLOW_UP_KINDS))
    cutoff = stamp(now - timedelta(days=dormant_days))
    with db.reader() as s:
        ids = owners(s, scope)
        conn = s.connection()
        names = user_names(s)
        where, params = owner_clause("a.owner_id", ids)
        follow = list(conn.exec_driver_sql(
            _FOLLOW_UPS_SQL.format(kinds=kinds, owners=where),
            (now_s, stamp(now + timedelta(days=due_days)), start, end, now_s, *params)))
        where, params = owner_clause("c.owner_id", ids)
        stages = counts(conn.exec_driver_sql(_LIFECYCLE_SQL.format(owners=where),
                                           params))
        count = conn.exec_driver_sql("SELECT COUNT(*)" + _DORMANT_WHERE.format(owners=where),
                                     (cutoff, *params)).scalar_one()
        dormant_rows = list(conn.exec_driver_sql(
            "SELECT c.id, c.full_name, COALESCE(u.display_name, ''), c.last_follow_up_at, "
            "COALESCE(c.last_follow_up_at, c.created_at)"
            + _DORMANT_WHERE.format(owners=where)
            + " ORDER BY COALESCE(c.last_follow_up_at, c.created_at), c.id LIMIT ?",
            (cutoff, *params, limit)))
    rows = tuple(sorted((FollowUpRow(r[0], names.get(r[0], r[0]), int(r[1] or 0),
                                     int(r[2] or 0), int(r[3] or 0)) for r in follow),
                        key=lambda r: (-r.overdue, r.name)))
    dormant = []
    for cid, name, owner, last, since in dormant_rows:
        since_at = parse_stamp(since)
        assert since_at is not None
        dormant.append(DormantCustomer(cid, name, owner, parse_stamp(last),
                                       (now - since_at).days))
    return HealthReport(scope, rows, tuple((s.value, int(stages.get(s.value, 0)))
                                           for s in Lifecycle),
                        dormant_days, int(count), tuple(dormant))


# -- completeness --------------------------------------------------------------------------

CUSTOMER_FIELDS = ("short_name", "phone", "website", "uscc", "address")
CONTACT_FIELDS = ("title", "department", "phone", "email", "wechat_id")


@dataclass(frozen=True)
class CompletenessRow:
    owner_id: str | None  # None: the total over everyone in scope
    name: str
    customers: int
    contacts: int
    customer_filled: tuple[tuple[str, Decimal | None], ...]  # field → share filled
    contact_filled: tuple[tuple[str, Decimal | None], ...]


@dataclass(frozen=True)
class CompletenessReport:
    scope: ReportScope
    total: CompletenessRow
    per_rep: tuple[CompletenessRow, ...]

    def table(self) -> ReportTable:
        columns = ("rep", "customers", *(f"customer.{f}" for f in CUSTOMER_FIELDS),
                   "contacts", *(f"contact.{f}" for f in CONTACT_FIELDS))
        rows = tuple((r.name, r.customers, *(v for _, v in r.customer_filled), r.contacts,
                      *(v for _, v in r.contact_filled)) for r in (self.total, *self.per_rep))
        return ReportTable("completeness", columns, rows)


def _filled(column: str) -> str:
    return f"SUM({column} IS NOT NULL AND TRIM({column}) <> '')"


_CUSTOMER_FILLED_SQL = """
SELECT c.owner_id, COUNT(*), {cols} FROM customers c WHERE c.deleted_at IS NULL{owners}
GROUP BY 1
""".replace("{cols}", ", ".join(_filled(f"c.{f}") for f in CUSTOMER_FIELDS))
# Phones and e-mails are JSON lists: filled when the list is not empty.
_CONTACT_FILLED_SQL = """
SELECT c.owner_id, COUNT(*), {title}, {dept}, SUM(COALESCE(json_array_length(k.phones), 0) > 0),
       SUM(COALESCE(json_array_length(k.emails), 0) > 0), {wechat}
FROM contacts k JOIN customers c ON c.id = k.customer_id
WHERE k.deleted_at IS NULL AND c.deleted_at IS NULL{owners}
GROUP BY 1
""".replace("{title}", _filled("k.title")).replace("{dept}", _filled("k.department")).replace(
    "{wechat}", _filled("k.wechat_id"))


def completeness(db: Database, scope: ReportScope) -> CompletenessReport:
    """Per rep (the customer's owner) and in total; contacts count under their customer's
    owner."""
    with db.reader() as s:
        ids = owners(s, scope)
        names = user_names(s)
        where, params = owner_clause("c.owner_id", ids)
        conn = s.connection()
        cust = {r[0]: [int(v or 0) for v in r[1:]] for r in conn.exec_driver_sql(
            _CUSTOMER_FILLED_SQL.replace("{owners}", where), params)}
        cont = {r[0]: [int(v or 0) for v in r[1:]] for r in conn.exec_driver_sql(
            _CONTACT_FILLED_SQL.replace("{owners}", where), params)}
    empty_c = [0] * (len(CUSTOMER_FIELDS) + 1)
    empty_k = [0] * (len(CONTACT_FIELDS) + 1)

    def row(owner: str | None, name: str, c: list[int], k: list[int]) -> CompletenessRow:
        return CompletenessRow(
            owner, name, c[0], k[0],
            tuple((f, ratio(n, c[0])) for f, n in zip(CUSTOMER_FIELDS, c[1:], strict=True)),
            tuple((f, ratio(n, k[0])) for f, n in zip(CONTACT_FIELDS, k[1:], strict=True)))

    total_c = [sum(v[i] for v in cust.values()) for i in range(len(empty_c))]
    total_k = [sum(v[i] for v in cont.values()) for i in range(len(empty_k))]
    reps = sorted((o for o in set(cust) | set(cont) if o is not None),
                  key=lambda o: names.get(o, o))
    return CompletenessReport(
        scope, row(None, "", total_c, total_k),
        tuple(row(o, names.get(o, o), cust.get(o, empty_c), cont.get(o, empty_k))
              for o in reps))
