"""Opportunities, their stage history and activities (follow-ups)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, DecimalText, SyncedMixin, UTCDateTime, child_fk


class Opportunity(SyncedMixin, Base):
    __tablename__ = "opportunities"
    __table_args__ = (
        Index("ix_opportunities_customer", "customer_id"),
        Index("ix_opportunities_owner_stage", "owner_id", "stage"),
    )

    customer_id: Mapped[str] = mapped_column(child_fk("customers.id"))
    name: Mapped[str] = mapped_column(String(300))
    stage: Mapped[str] = mapped_column(String(20), default="prospect")
    lost_reason: Mapped[str | None] = mapped_column(String(40), default=None)
    amount: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    probability: Mapped[int] = mapped_column(Integer, default=10)
    expected_close: Mapped[date | None] = mapped_column(Date, default=None)
    owner_id: Mapped[str | None] = mapped_column(String(36), default=None)
    stage_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)


class StageChange(SyncedMixin, Base):
    """Append-only: one row per stage move. Replicas merge these by union, never conflict."""

    __tablename__ = "stage_history"
    __table_args__ = (
        Index("ix_stage_history_opportunity", "opportunity_id", "changed_at"),
        # Every foreign key needs an index on the child side: without it SQLite scans this
        # table for each customer inserted or deleted (quadratic bulk loads and purges).
        Index("ix_stage_history_customer", "customer_id"),
    )

    opportunity_id: Mapped[str] = mapped_column(child_fk("opportunities.id"))
    customer_id: Mapped[str] = mapped_column(child_fk("customers.id"))
    from_stage: Mapped[str | None] = mapped_column(String(20), default=None)
    to_stage: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    changed_by: Mapped[str | None] = mapped_column(String(36), default=None)


class Activity(SyncedMixin, Base):
    __tablename__ = "activities"
    __table_args__ = (
        Index("ix_activities_customer", "customer_id", "done_at"),
        Index("ix_activities_owner_due", "owner_id", "done_at", "due_at"),
    )

    customer_id: Mapped[str] = mapped_column(child_fk("customers.id"))
    contact_id: Mapped[str | None] = mapped_column(String(36), default=None)
    opportunity_id: Mapped[str | None] = mapped_column(String(36), default=None)
    quote_id: Mapped[str | None] = mapped_column(String(36), default=None)
    kind: Mapped[str] = mapped_column(String(20))  # app.enums.ActivityKind
    subject: Mapped[str] = mapped_column(String(300))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    outcome: Mapped[str | None] = mapped_column(Text, default=None)
    owner_id: Mapped[str | None] = mapped_column(String(36), default=None)
    # For tasks made by an automation rule: which rule (and version) made it.
    rule_id: Mapped[str | None] = mapped_column(String(60), default=None)
