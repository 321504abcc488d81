"""Offline pool visibility: which of my customers will be recycled, when, and why.

Computed on the replica from synced rows with the same pure rules the server applies
(``app.pool``), so "recycled in 5 h" shown on a train matches what the server will do.
The team's parameters arrive from the server as ``ref_values`` rows of list ``pool_policy``
(code = a ``PoolSettings`` field, value in ``label_en``); the seeds apply when absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.clock import parse_utc
from app.db import Database
from app.enums import Stage
from app.models import Customer, Opportunity, RefValue
from app.pool import (
    SETTING_NAMES,
    Deadline,
    OwnedCustomer,
    PoolSettings,
    recycle_deadline,
    settings_from,
    warning_due,
)
from app.rules import high_value_customer

POLICY_LIST = "pool_policy"


@dataclass(frozen=True)
class Countdown:
    customer_id: str
    name: str
    deadline: Deadline
    warning: timedelta | None  # the pre-warning step in force (3 d, 1 d), if any

    def left(self, now: datetime) -> timedelta:
        return self.deadline.at - now


def pool_settings(db: Database) -> PoolSettings:
    """The team's pool parameters as synced; a malformed value keeps the seed default
    (parsed by ``app.pool.settings_from``, the same reader the server uses)."""
    with db.reader() as s:
        rows = s.execute(select(RefValue.code, RefValue.label_en).where(
            RefValue.list_name == POLICY_LIST, RefValue.retired.is_(False),
            RefValue.deleted_at.is_(None)))
        values = {str(code): str(value) for code, value in rows if code in SETTING_NAMES}
    return settings_from(values)


def countdowns(db: Database, owner_id: str, now: datetime,
               settings: PoolSettings | None = None) -> list[Countdown]:
    """The rep's customers that have a recycle deadline, soonest first."""
    s_ = settings or pool_settings(db)
    last_won = (select(Opportunity.customer_id, func.max(Opportunity.closed_at).label("won"))
                .where(Opportunity.deleted_at.is_(None), Opportunity.stage == Stage.WON.value)
                .group_by(Opportunity.customer_id).subquery())
    high_value = high_value_customer()
    stmt = (select(Customer.id, Customer.full_name,
                   func.coalesce(Customer.assigned_at, Customer.created_at),
                   Customer.last_follow_up_at, last_won.c.won, high_value,
                   Customer.protected_until)
            .outerjoin(last_won, last_won.c.customer_id == Customer.id)
            .where(Customer.deleted_at.is_(None), Customer.in_pool.is_(False),
                   Customer.owner_id == owner_id))
    out: list[Countdown] = []
    with db.reader() as s:
        for cid, name, assigned, followed, won, hv, protected in s.execute(stmt):
            facts = OwnedCustomer(assigned, followed, parse_utc(won), bool(hv), protected)
            deadline = recycle_deadline(facts, s_)
            if deadline is not None:
                out.append(Countdown(cid, name, deadline, warning_due(deadline, now, s_)))
    out.sort(key=lambda c: c.deadline.at)
    return out

