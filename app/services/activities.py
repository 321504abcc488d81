"""Activities and follow-ups: log them, complete them, list what is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app import outbox
from app.clock import to_utc
from app.enums import FOLLOW_UP_KINDS, ActivityKind
from app.errors import ValidationError
from app.models import Activity, Customer
from app.services.context import ServiceContext, get_live, to_view
from app.services.customers import _clean_text, _enum
from app.services.views import ActivityView


@dataclass
class ActivityInput:
    customer_id: str
    kind: str
    subject: str
    contact_id: str | None = None
    opportunity_id: str | None = None
    quote_id: str | None = None
    due_at: datetime | None = None
    done_at: datetime | None = None
    outcome: str | None = None
    rule_id: str | None = None
    id: str | None = None  # for rule-made tasks with a deterministic id


class ActivityService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def log(self, data: ActivityInput) -> ActivityView:
        kind = ActivityKind(_enum("kind", data.kind, ActivityKind))
        subject = _clean_text("subject", data.subject, required=True)
        if data.due_at is None and data.done_at is None and kind is ActivityKind.TASK:
            raise ValidationError(
                "task_needs_due", field="due_at", message="a task needs a due time"
            )
        with self.ctx.db.transaction() as s:
            customer = get_live(s, Customer, data.customer_id, field="customer_id")
            if data.id is not None and s.get(Activity, data.id) is not None:
                return to_view(ActivityView, s.get(Activity, data.id))  # rule re-run: no double
            row = Activity(
                customer_id=data.customer_id,
                contact_id=data.contact_id,
                opportunity_id=data.opportunity_id,
                quote_id=data.quote_id,
                kind=kind,
                subject=subject,
                due_at=to_utc(data.due_at) if data.due_at else None,
                done_at=to_utc(data.done_at) if data.done_at else None,
                outcome=_clean_text("outcome", data.outcome, max_len=4000),
                owner_id=self.ctx.user_id,
                rule_id=data.rule_id,
            )
            if data.id is not None:
                row.id = data.id
            outbox.insert(self.ctx.db, s, row)
            self._touch_follow_up(s, customer, row)
            return to_view(ActivityView, row)

    def complete(
        self, activity_id: str, outcome: str | None = None, done_at: datetime | None = None
    ) -> ActivityView:
        with self.ctx.db.transaction() as s:
            row = get_live(s, Activity, activity_id)
            when = to_utc(done_at) if done_at else self.ctx.clock.now()
            outbox.update(
                self.ctx.db,
                s,
                row,
                {"done_at": when, "outcome": _clean_text("outcome", outcome, max_len=4000)},
            )
            self._touch_follow_up(s, get_live(s, Customer, row.customer_id), row)
            return to_view(ActivityView, row)

    def _touch_follow_up(self, s: object, customer: Customer, row: Activity) -> None:
        from sqlalchemy.orm import Session

        assert isinstance(s, Session)
        if row.done_at is None or row.kind not in FOLLOW_UP_KINDS:
            return
        last = customer.last_follow_up_at
        if last is None or row.done_at > last:
            outbox.update(self.ctx.db, s, customer, {"last_follow_up_at": row.done_at})

    def timeline(self, customer_id: str, limit: int = 200) -> list[ActivityView]:
        with self.ctx.db.reader() as s:
            rows = s.scalars(
                select(Activity)
                .where(Activity.customer_id == customer_id, Activity.deleted_at.is_(None))
                .order_by(Activity.created_at.desc())
                .limit(limit)
            )
            return [to_view(ActivityView, r) for r in rows]

    def due(
        self, owner_id: str | None, within: timedelta = timedelta(days=1), limit: int = 500
    ) -> list[ActivityView]:
        """Open follow-ups due before now + ``within`` (overdue ones first)."""
        horizon = self.ctx.clock.now() + within
        with self.ctx.db.reader() as s:
            stmt = select(Activity).where(
                Activity.done_at.is_(None),
                Activity.due_at.is_not(None),
                Activity.due_at <= horizon,
                Activity.deleted_at.is_(None),
            )
            if owner_id:
                stmt = stmt.where(Activity.owner_id == owner_id)
            rows = s.scalars(stmt.order_by(Activity.due_at).limit(limit))
            return [to_view(ActivityView, r) for r in rows]
