"""The product catalog: owned by the server, read-only for reps."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, DecimalText, SyncedMixin, UTCDateTime


class Product(SyncedMixin, Base):
    __tablename__ = "products"

    sku: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    name_zh: Mapped[str | None] = mapped_column(String(300), default=None)
    description: Mapped[str | None] = mapped_column(Text, default=None)
    category: Mapped[str | None] = mapped_column(String(100), default=None)
    unit: Mapped[str] = mapped_column(String(20), default="pcs")
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    list_price: Mapped[Decimal] = mapped_column(DecimalText)
    tax_rate: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal("0.13"))
    tier_mode: Mapped[str] = mapped_column(String(20), default="volume")
    # [{"min_qty": "10", "unit_price": "95.00"}, …] as strings: JSON has no decimal type.
    tiers: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    stock_on_hand: Mapped[Decimal | None] = mapped_column(DecimalText, default=None)
    stock_as_of: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
