"""Quotes and quote lines. A revision of a sent quote is a new row with the same number."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, DecimalText, SyncedMixin, UTCDateTime, child_fk


class Quote(SyncedMixin, Base):
    __tablename__ = "quotes"
    __table_args__ = (
        UniqueConstraint("number", "revision", name="uq_quotes_number_revision"),
        Index("ix_quotes_customer", "customer_id"),
        Index("ix_quotes_status", "status"),
    )

    customer_id: Mapped[str] = mapped_column(child_fk("customers.id"))
    opportunity_id: Mapped[str | None] = mapped_column(String(36), default=None)
    number: Mapped[str] = mapped_column(String(60))  # Q-ZHANG-2026-0042
    revision: Mapped[int] = mapped_column(Integer, default=1)  # shown as -v2 from 2 on
    previous_id: Mapped[str | None] = mapped_column(String(36), default=None)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    language: Mapped[str] = mapped_column(String(5), default="en")
    issued_on: Mapped[date | None] = mapped_column(Date, default=None)
    valid_until: Mapped[date | None] = mapped_column(Date, default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    terms: Mapped[str | None] = mapped_column(Text, default=None)
    discount_kind: Mapped[str] = mapped_column(String(10), default="none")
    discount_value: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(0))
    subtotal: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(0))
    discount_total: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(0))
    tax_total: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(0))
    grand_total: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(0))
    max_discount_percent: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(0))
    owner_id: Mapped[str | None] = mapped_column(String(36), default=None)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    decided_by: Mapped[str | None] = mapped_column(String(36), default=None)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    decision_comment: Mapped[str | None] = mapped_column(Text, default=None)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class QuoteLine(SyncedMixin, Base):
    __tablename__ = "quote_lines"
    __table_args__ = (
        Index("ix_quote_lines_quote", "quote_id", "position"),
        Index("ix_quote_lines_customer", "customer_id"),
    )

    quote_id: Mapped[str] = mapped_column(child_fk("quotes.id"))
    customer_id: Mapped[str] = mapped_column(child_fk("customers.id"))
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str | None] = mapped_column(String(36), default=None)
    sku: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(String(500))
    unit: Mapped[str] = mapped_column(String(20), default="pcs")
    quantity: Mapped[Decimal] = mapped_column(DecimalText)
    list_price: Mapped[Decimal] = mapped_column(DecimalText)
    unit_price: Mapped[Decimal] = mapped_column(DecimalText)
    discount_kind: Mapped[str] = mapped_column(String(10), default="none")
    discount_value: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(0))
    tax_rate: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(0))
    net_amount: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(0))
    tax_amount: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(0))
    total: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal(0))
