"""Opportunities and their stage moves. Every move appends a stage-history row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from app import outbox
from app.enums import DEFAULT_PROBABILITY, OPEN_STAGES, LostReason, Stage
from app.errors import ValidationError
from app.models import Customer, Opportunity, StageChange
from app.services.context import ServiceContext, get_live, to_view
from app.services.customers import _clean_text, _enum
from app.services.views import OpportunityView, StageChangeView

CURRENCIES = frozenset({"CNY", "USD", "EUR", "JPY", "HKD", "GBP"})


@dataclass
class OpportunityInput:
    customer_id: str
    name: str
    amount: Decimal = Decimal(0)
    currency: str = "CNY"
    stage: str = Stage.PROSPECT
    expected_close: date | None = None
    probability: int | None = None


def _amount(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError("not_a_number", field="amount") from None
    if amount < 0 or not amount.is_finite():
        raise ValidationError("negative", field="amount", message="must be zero or more")
    return amount


class OpportunityService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def create(self, data: OpportunityInput) -> OpportunityView:
        stage = Stage(_enum("stage", data.stage, Stage))
        if stage is Stage.LOST:
            raise ValidationError("lost_needs_reason", field="stage")
        if data.currency not in CURRENCIES:
            raise ValidationError("not_in_list", field="currency", value=data.currency)
        probability = DEFAULT_PROBABILITY[stage] if data.probability is None else data.probability
        if not 0 <= probability <= 100:
            raise ValidationError("out_of_range", field="probability", min=0, max=100)
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            get_live(s, Customer, data.customer_id, field="customer_id")
            row = Opportunity(
                customer_id=data.customer_id,
                name=_clean_text("name", data.name, required=True),
                amount=_amount(data.amount),
                currency=data.currency,
                stage=stage,
                probability=probability,
                expected_close=data.expected_close,
                owner_id=self.ctx.user_id,
                stage_changed_at=now,
                closed_at=now if stage is Stage.WON else None,
            )
            outbox.insert(self.ctx.db, s, row)
            outbox.insert(
                self.ctx.db,
                s,
                StageChange(
                    opportunity_id=row.id,
                    customer_id=row.customer_id,
                    from_stage=None,
                    to_stage=stage,
                    changed_at=now,
                    changed_by=self.ctx.user_id,
                ),
            )
            return to_view(OpportunityView, row)

    def move(
        self, opportunity_id: str, to_stage: str, lost_reason: str | None = None
    ) -> OpportunityView:
        """Move to a stage (skips and moving back are allowed, and recorded)."""
        stage = Stage(_enum("stage", to_stage, Stage))
        changes: dict[str, Any] = {"stage": stage, "probability": DEFAULT_PROBABILITY[stage]}
        if stage is Stage.LOST:
            if not lost_reason:
                raise ValidationError(
                    "lost_needs_reason",
                    field="lost_reason",
                    message="say why the opportunity was lost",
                )
            changes["lost_reason"] = _enum("lost_reason", lost_reason, LostReason)
        else:
            changes["lost_reason"] = None
        now = self.ctx.clock.now()
        changes["closed_at"] = now if stage in (Stage.WON, Stage.LOST) else None
        with self.ctx.db.transaction() as s:
            row = get_live(s, Opportunity, opportunity_id)
            previous = row.stage
            if previous == stage:
                return to_view(OpportunityView, row)
            changes["stage_changed_at"] = now
            outbox.update(self.ctx.db, s, row, changes)
            outbox.insert(
                self.ctx.db,
                s,
                StageChange(
                    opportunity_id=row.id,
                    customer_id=row.customer_id,
                    from_stage=previous,
                    to_stage=stage,
                    changed_at=now,
                    changed_by=self.ctx.user_id,
                ),
            )
            return to_view(OpportunityView, row)

    def update(self, opportunity_id: str, changes: dict[str, Any]) -> OpportunityView:
        values: dict[str, Any] = {}
        for name, value in changes.items():
            match name:
                case "name":
                    values[name] = _clean_text(name, value, required=True)
                case "amount":
                    values[name] = _amount(value)
                case "currency":
                    if value not in CURRENCIES:
                        raise ValidationError("not_in_list", field=name, value=value)
                    values[name] = value
                case "expected_close" | "notes":
                    values[name] = value
                case "probability":
                    if not 0 <= int(value) <= 100:
                        raise ValidationError("out_of_range", field=name, min=0, max=100)
                    values[name] = int(value)
                case _:
                    raise ValidationError(
                        "not_editable", field=name, message="use move() to change the stage"
                    )
        with self.ctx.db.transaction() as s:
            row = get_live(s, Opportunity, opportunity_id)
            outbox.update(self.ctx.db, s, row, values)
            return to_view(OpportunityView, row)

    def get(self, opportunity_id: str) -> OpportunityView:
        with self.ctx.db.reader() as s:
            return to_view(OpportunityView, get_live(s, Opportunity, opportunity_id))

    def for_customer(self, customer_id: str) -> list[OpportunityView]:
        with self.ctx.db.reader() as s:
            rows = s.scalars(
                select(Opportunity)
                .where(Opportunity.customer_id == customer_id, Opportunity.deleted_at.is_(None))
                .order_by(Opportunity.created_at.desc())
            )
            return [to_view(OpportunityView, r) for r in rows]

    def board(
        self,
        owner_id: str | None = None,
        limit_per_stage: int = 200,
    ) -> dict[str, list[OpportunityView]]:
        """Open and recently closed opportunities per stage, for the pipeline board."""
        result: dict[str, list[OpportunityView]] = {s.value: [] for s in Stage}
        with self.ctx.db.reader() as s:
            for stage in Stage:
                stmt = select(Opportunity).where(
                    Opportunity.stage == stage, Opportunity.deleted_at.is_(None)
                )
                if owner_id:
                    stmt = stmt.where(Opportunity.owner_id == owner_id)
                stmt = stmt.order_by(Opportunity.stage_changed_at.desc()).limit(limit_per_stage)
                result[stage.value] = [to_view(OpportunityView, r) for r in s.scalars(stmt)]
        return result

    def history(self, opportunity_id: str) -> list[StageChangeView]:
        with self.ctx.db.reader() as s:
            rows = s.scalars(
                select(StageChange)
                .where(StageChange.opportunity_id == opportunity_id)
                .order_by(StageChange.changed_at)
            )
            return [to_view(StageChangeView, r) for r in rows]


def is_open(stage: str) -> bool:
    return stage in {s.value for s in OPEN_STAGES}
