"""The pipeline board: cards (with customer names) and exact totals per stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from app.db import Database
from app.enums import Stage
from app.models import Customer, Opportunity

OPP = Opportunity.__table__.c
C = Customer.__table__.c


@dataclass(frozen=True)
class Card:
    id: str
    customer_id: str
    customer_name: str
    name: str
    stage: str
    amount: Decimal
    currency: str
    probability: int
    expected_close: date | None


@dataclass
class StageTotal:
    count: int = 0
    amount: Decimal = Decimal(0)
    weighted: Decimal = Decimal(0)


@dataclass
class Board:
    cards: dict[str, list[Card]] = field(default_factory=dict)
    totals: dict[str, StageTotal] = field(default_factory=dict)


def board(db: Database, owner_id: str | None, limit_per_stage: int = 150) -> Board:
    """Most recently moved cards per stage, and totals over *all* of the stage's deals."""
    result = Board({s.value: [] for s in Stage}, {s.value: StageTotal() for s in Stage})
    with db.reader() as s:
        for stage in Stage:
            stmt = (select(OPP.id, OPP.customer_id, C.full_name, OPP.name, OPP.stage, OPP.amount,
                           OPP.currency, OPP.probability, OPP.expected_close)
                    .join(Customer.__table__, C.id == OPP.customer_id)
                    .where(OPP.stage == stage.value, OPP.deleted_at.is_(None))
                    .order_by(OPP.stage_changed_at.desc()).limit(limit_per_stage))
            if owner_id:
                stmt = stmt.where(OPP.owner_id == owner_id)
            result.cards[stage.value] = [
                Card(r[0], r[1], r[2], r[3], r[4], Decimal(str(r[5])), r[6], r[7], r[8])
                for r in s.execute(stmt)]
        # Exact decimal sums in Python (amounts are decimal text; SUM() would go through REAL).
        # One row per stage and probability, its amounts joined: at 100 000 customers a rep's
        # 50 000 deals arrive as a few hundred strings, not 50 000 result rows. The weighted
        # sum per group is (sum of amounts) × p / 100, the same exact Decimal as row by row.
        amounts = func.group_concat(OPP.amount, " ")
        totals = (select(OPP.stage, OPP.probability, func.count(), amounts)
                  .where(OPP.deleted_at.is_(None)).group_by(OPP.stage, OPP.probability))
        if owner_id:
            totals = totals.where(OPP.owner_id == owner_id)
        for stage_code, probability, count, joined in s.execute(totals):
            total = result.totals.setdefault(stage_code, StageTotal())
            value = sum(map(Decimal, joined.split(" ")), Decimal(0))
            total.count += count
            total.amount += value
            total.weighted += value * probability / 100
    for total in result.totals.values():
        total.weighted = total.weighted.quantize(Decimal("0.01"))
    return result


@dataclass(frozen=True)
class OpportunityRow:
    id: str
    customer_id: str
    customer_name: str
    name: str
    stage: str
    amount: Decimal
    currency: str
    probability: int
    expected_close: date | None


def opportunity_list(db: Database, owner_id: str | None, open_only: bool = True,
                     limit: int = 2000) -> list[OpportunityRow]:
    stmt = (select(OPP.id, OPP.customer_id, C.full_name, OPP.name, OPP.stage, OPP.amount,
                   OPP.currency, OPP.probability, OPP.expected_close)
            .join(Customer.__table__, C.id == OPP.customer_id).where(OPP.deleted_at.is_(None))
            .order_by(OPP.expected_close.is_(None), OPP.expected_close).limit(limit))
    if owner_id:
        stmt = stmt.where(OPP.owner_id == owner_id)
    if open_only:
        stmt = stmt.where(OPP.stage.notin_([Stage.WON.value, Stage.LOST.value]))
    with db.reader() as s:
        return [OpportunityRow(r[0], r[1], r[2], r[3], r[4], Decimal(str(r[5])), r[6], r[7],
                               r[8]) for r in s.execute(stmt)]
