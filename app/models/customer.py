"""Customers (accounts) and their contacts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncedMixin, UTCDateTime, child_fk


class Customer(SyncedMixin, Base):
    __tablename__ = "customers"
    __table_args__ = (
        Index("ix_customers_owner_name", "owner_id", "full_name"),
        Index("ix_customers_name_core", "name_core"),
        Index("ix_customers_uscc", "uscc"),
        Index("ix_customers_short_name", "short_name"),
        Index("ix_customers_full_name", "full_name"),
        # The list's default order over live rows (migration 0005).
        Index("ix_customers_live_name", "full_name", sqlite_where=text("deleted_at IS NULL")),
    )

    full_name: Mapped[str] = mapped_column(String(300))  # 工商注册全称
    short_name: Mapped[str | None] = mapped_column(String(100), default=None)
    # Normalised company name (app.company_names); derived, kept for duplicate look-ups.
    name_core: Mapped[str] = mapped_column(String(300), default="")
    industry: Mapped[str] = mapped_column(String(40))
    region: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(20))
    lifecycle: Mapped[str] = mapped_column(String(20), default="prospect")
    lifecycle_manual: Mapped[bool] = mapped_column(Boolean, default=False)
    owner_id: Mapped[str | None] = mapped_column(String(36), default=None)
    address: Mapped[str | None] = mapped_column(Text, default=None)
    phone: Mapped[str | None] = mapped_column(String(32), default=None)  # E.164
    website: Mapped[str | None] = mapped_column(String(300), default=None)
    uscc: Mapped[str | None] = mapped_column(String(18), default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    last_follow_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # The shared pool (公海): a pooled customer has no owner until claimed.
    in_pool: Mapped[bool] = mapped_column(Boolean, default=False)
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    protected_until: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # Set on a tombstone merged into another customer (duplicate cleaning): where it went.
    # It syncs, so the server re-points late children and edits to the survivor.
    merged_into: Mapped[str | None] = mapped_column(String(36), default=None)


class Contact(SyncedMixin, Base):
    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_customer", "customer_id", "name"),
        Index("ix_contacts_name", "name"),
    )

    customer_id: Mapped[str] = mapped_column(
        child_fk("customers.id")
    )
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200), default=None)
    department: Mapped[str | None] = mapped_column(String(200), default=None)
    # [{"kind": "mobile|office|fax|other", "e164": "+86…", "ext": "12"|null}, …]
    phones: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    wechat_id: Mapped[str | None] = mapped_column(String(100), default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    source: Mapped[str] = mapped_column(String(20), default="manual")
    # File name (inside the profile's card folder) of the scanned card image, when scanned.
    card_image: Mapped[str | None] = mapped_column(String(300), default=None)
    owner_id: Mapped[str | None] = mapped_column(String(36), default=None)
    # As Customer.merged_into: the contact this tombstone was merged into.
    merged_into: Mapped[str | None] = mapped_column(String(36), default=None)


class ContactPoint(Base):
    """Derived, local-only index of every contact's phone numbers and emails.

    Maintained by triggers (see migration 0002) so that services and sync both keep it right;
    it makes "is there already a contact with this mobile/email?" an index look-up.
    """

    __tablename__ = "contact_points"
    __table_args__ = (Index("ix_contact_points_value", "value"),)

    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[str] = mapped_column(String(254), primary_key=True)
