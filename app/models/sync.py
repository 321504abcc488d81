"""Local sync bookkeeping: the outbox, replica metadata, and conflicts to show a person."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncedMixin, UTCDateTime, utcnow


class OutboxEntry(Base):
    """One local change waiting to be pushed, written in the same transaction as the change.

    ``client_seq`` is dense and increasing per replica, and never reused (AUTOINCREMENT, so
    the numbering does not restart when the outbox empties; migration 0004); the server
    acknowledges up to a ``client_seq`` so a retried push is applied exactly once. ``fields``
    holds only the changed fields (new values, JSON-encoded: decimals as strings, datetimes as
    ISO-8601 UTC).
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_entity", "entity", "entity_id"),
                      {"sqlite_autoincrement": True})

    client_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(36), unique=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(10))  # insert | update | delete | restore
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    base_seq: Mapped[int] = mapped_column(Integer, default=0)
    hlc: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SyncMeta(Base):
    """Key/value facts about this replica (pull cursor, server epoch, client id, hlc …)."""

    __tablename__ = "sync_meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Conflict(SyncedMixin, Base):
    """A value that lost a merge (or an edit the server could not apply), kept for a person.

    ``kind``: field | edit_after_delete | edit_after_merge | edit_after_reassign | rejected |
    duplicate.
    Resolving one is an ordinary synced edit of ``resolution`` (keep_mine, keep_theirs, dismissed).
    """

    __tablename__ = "conflicts"
    __table_args__ = (Index("ix_conflicts_open", "resolution", "entity"),)

    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    customer_id: Mapped[str | None] = mapped_column(String(36), default=None)
    field: Mapped[str | None] = mapped_column(String(60), default=None)
    kind: Mapped[str] = mapped_column(String(30))
    kept_value: Mapped[Any] = mapped_column(JSON, nullable=True, default=None)
    other_value: Mapped[Any] = mapped_column(JSON, nullable=True, default=None)
    kept_hlc: Mapped[str | None] = mapped_column(String(80), default=None)
    other_hlc: Mapped[str | None] = mapped_column(String(80), default=None)
    other_user_id: Mapped[str | None] = mapped_column(String(36), default=None)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    resolution: Mapped[str | None] = mapped_column(String(20), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class RefValue(SyncedMixin, Base):
    """Reference lists (industry, region, level, source, lost reason …) defined by the server.

    A retired value stays readable on old records but cannot be chosen any more.
    """

    __tablename__ = "ref_values"
    __table_args__ = (Index("ix_ref_values_list", "list_name", "position"),)

    list_name: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(40))
    label_en: Mapped[str] = mapped_column(String(100))
    label_zh: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(default=False)
