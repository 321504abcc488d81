"""Follow-up rules: pure functions of the replica's data and *now*.

Each rule has an id, a version and the list of actions that reset its clock (business rules
§5.4, "rule hygiene"). Reminders carry a deterministic id built from the rule, its version, the
record and (for daily repeats) the day, so computing them twice, or on two replicas, never
doubles them. Because the inputs are synced rows, online and offline answers are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import ColumnElement, Numeric, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from app.db import Database
from app.enums import OPEN_STAGES, CustomerLevel, QuoteStatus
from app.ids import deterministic_id
from app.models import Customer, Opportunity, Quote


@dataclass(frozen=True)
class Rule:
    id: str
    version: int
    description: str
    resets_on: tuple[str, ...]


NO_FOLLOW_UP = Rule(
    "no_follow_up_3d",
    1,
    "Customer not followed up for 3 days since the last follow-up or creation",
    (
        "completed call",
        "completed visit",
        "completed meeting",
        "completed email",
        "completed WeChat",
    ),
)
HIGH_VALUE_24H = Rule(
    "high_value_24h",
    1,
    "High-value customer with no follow-up within 24 h of assignment",
    ("completed follow-up after assignment", "reassignment restarts it"),
)
QUOTE_NO_ANSWER = Rule(
    "quote_no_answer_7d",
    1,
    "Quote sent 7 days ago with no answer",
    ("quote accepted", "quote rejected", "new revision sent"),
)
RULES = (NO_FOLLOW_UP, HIGH_VALUE_24H, QUOTE_NO_ANSWER)

FOLLOW_UP_DAYS = 3
HIGH_VALUE_HOURS = 24
HIGH_VALUE_AMOUNT = Decimal("500000")
QUOTE_DAYS = 7


@dataclass(frozen=True)
class Reminder:
    id: str
    rule_id: str
    rule_version: int
    customer_id: str
    subject: str
    since: datetime
    severity: str  # info | warning | urgent
    record_id: str


def _no_follow_up(s: Session, now: datetime, owner_id: str | None, limit: int) -> list[Reminder]:
    cutoff = now - timedelta(days=FOLLOW_UP_DAYS)
    last = func.coalesce(Customer.last_follow_up_at, Customer.created_at)
    stmt = select(Customer.id, Customer.full_name, last).where(
        Customer.deleted_at.is_(None), Customer.in_pool.is_(False), last <= cutoff
    )
    if owner_id:
        stmt = stmt.where(Customer.owner_id == owner_id)
    day = now.date().isoformat()  # repeated daily until done: one reminder per day
    return [
        Reminder(
            deterministic_id(NO_FOLLOW_UP.id, str(NO_FOLLOW_UP.version), cid, day),
            NO_FOLLOW_UP.id,
            NO_FOLLOW_UP.version,
            cid,
            name,
            since,
            "info",
            cid,
        )
        for cid, name, since in s.execute(stmt.order_by(last).limit(limit))
    ]


def high_value_customer(*, per_row: bool = False) -> ColumnElement[bool]:
    """SQL condition: a strategic customer, or one with an open deal of at least
    ``HIGH_VALUE_AMOUNT`` (the 24-hour rule and the pool's recycle clock share it).

    Two spellings of the same condition: by default the big deals are listed once (one scan of
    every opportunity, right when most customers are asked about); ``per_row`` looks up each
    customer's own deals through ``ix_opportunities_customer`` instead, which is what a query
    that first narrows the customers to a handful wants (the 24-hour rule).
    """
    deal = [
        Opportunity.deleted_at.is_(None),
        Opportunity.stage.in_([x.value for x in OPEN_STAGES]),
        # Amounts are exact decimal text; CAST is only used to pre-filter candidates.
        cast(Opportunity.amount, Numeric(20, 2)) >= HIGH_VALUE_AMOUNT,
    ]
    big_deal: ColumnElement[bool]
    if per_row:
        big_deal = select(Opportunity.id).where(
            Opportunity.customer_id == Customer.id, *deal).exists()
    else:
        big_deal = Customer.id.in_(select(Opportunity.customer_id).where(*deal))
    return or_(Customer.level == CustomerLevel.STRATEGIC.value, big_deal)


def _high_value(s: Session, now: datetime, owner_id: str | None, limit: int) -> list[Reminder]:
    start = func.coalesce(Customer.assigned_at, Customer.created_at)
    # Cheap column tests first and the deal lookup last, per remaining row: few customers
    # are still waiting for their first follow-up, so few ever reach the lookup.
    stmt = select(Customer.id, Customer.full_name, start).where(
        Customer.deleted_at.is_(None),
        Customer.in_pool.is_(False),
        start <= now - timedelta(hours=HIGH_VALUE_HOURS),
        or_(Customer.last_follow_up_at.is_(None), Customer.last_follow_up_at < start),
    )
    if owner_id:
        stmt = stmt.where(Customer.owner_id == owner_id)
    stmt = stmt.where(high_value_customer(per_row=True))
    return [
        Reminder(
            deterministic_id(
                HIGH_VALUE_24H.id, str(HIGH_VALUE_24H.version), cid, since.isoformat()
            ),
            HIGH_VALUE_24H.id,
            HIGH_VALUE_24H.version,
            cid,
            name,
            since,
            "urgent",
            cid,
        )
        for cid, name, since in s.execute(stmt.order_by(start).limit(limit))
    ]


def _quote_no_answer(s: Session, now: datetime, owner_id: str | None, limit: int) -> list[Reminder]:
    stmt = select(Quote.id, Quote.customer_id, Quote.number, Quote.sent_at).where(
        Quote.deleted_at.is_(None),
        Quote.status == QuoteStatus.SENT.value,
        and_(Quote.sent_at.is_not(None), Quote.sent_at <= now - timedelta(days=QUOTE_DAYS)),
    )
    if owner_id:
        stmt = stmt.where(Quote.owner_id == owner_id)
    return [
        Reminder(
            deterministic_id(QUOTE_NO_ANSWER.id, str(QUOTE_NO_ANSWER.version), qid),
            QUOTE_NO_ANSWER.id,
            QUOTE_NO_ANSWER.version,
            cid,
            number,
            sent,
            "warning",
            qid,
        )
        for qid, cid, number, sent in s.execute(stmt.order_by(Quote.sent_at).limit(limit))
    ]


def reminders(
    db: Database, owner_id: str | None, now: datetime | None = None, limit: int = 200
) -> list[Reminder]:
    """All reminders for ``owner_id`` (None: everyone in the replica, as a manager sees)."""
    when = now or db.clock.now()
    with db.reader() as s:
        return [
            *_high_value(s, when, owner_id, limit),
            *_quote_no_answer(s, when, owner_id, limit),
            *_no_follow_up(s, when, owner_id, limit),
        ]
