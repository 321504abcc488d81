"""The shared customer pool (公海) as synced records (business rules §5.5).

* ``PoolRequest``: a rep's claim, return or protection request. Written on the replica (works
  offline), decided by the server at receipt, first come first served; the decision comes back
  as the same row with ``status`` granted/refused and the ``refusal`` the rep sees. Visible
  only to the rep who made it, so it is not scoped to the customer (a claim names a customer
  the rep cannot see yet).
* ``PoolEvent``: append-only history written by the server (returned, recycled, claimed,
  reversed, protected, protection_expired); it hangs off the customer and travels with it.
* ``PoolCustomer``: the limited view of a pooled customer every rep of its team sees until
  someone claims it (tombstoned then). Its id is the customer's id.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncedMixin, UTCDateTime, child_fk


class PoolRequest(SyncedMixin, Base):
    __tablename__ = "pool_requests"
    __table_args__ = (Index("ix_pool_requests_by", "requested_by", "requested_at"),)

    customer_id: Mapped[str] = mapped_column(String(36))  # no FK: may not be on this replica
    kind: Mapped[str] = mapped_column(String(10))  # claim | return | protect
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    requested_by: Mapped[str] = mapped_column(String(36))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    refusal: Mapped[str | None] = mapped_column(String(40), default=None)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    protect_until: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class PoolEvent(SyncedMixin, Base):
    __tablename__ = "pool_events"
    __table_args__ = (Index("ix_pool_events_customer", "customer_id", "at"),)

    customer_id: Mapped[str] = mapped_column(child_fk("customers.id"))
    # returned | recycled | claimed | reversed | protected | protection_expired
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(200), default=None)
    rule_id: Mapped[str | None] = mapped_column(String(40), default=None)
    rule_version: Mapped[int | None] = mapped_column(Integer, default=None)
    from_owner: Mapped[str | None] = mapped_column(String(36), default=None)
    to_owner: Mapped[str | None] = mapped_column(String(36), default=None)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text, default=None)


class PoolCustomer(SyncedMixin, Base):
    __tablename__ = "pool_customers"
    __table_args__ = (Index("ix_pool_customers_name", "full_name"),)

    team_id: Mapped[str | None] = mapped_column(String(36), default=None)
    full_name: Mapped[str] = mapped_column(String(300))
    industry: Mapped[str] = mapped_column(String(40))
    region: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(20))
    pooled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    pooled_reason: Mapped[str | None] = mapped_column(String(40), default=None)
    # Needed offline for the re-claim cool-down check (§5.5).
    previous_owner_id: Mapped[str | None] = mapped_column(String(36), default=None)
    # Has a won deal: claiming it does not count against the daily claim limit (§5.5).
    won: Mapped[bool] = mapped_column(Boolean, default=False)
