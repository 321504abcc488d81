"""The local change log. Every mutation a service makes is written here in the same transaction.

This module is what makes the app offline-first: a change is durable on the laptop the moment
its transaction commits, and the sync engine later pushes the outbox in ``client_seq`` order.
Only changed fields travel, so an old client can never blank a column it does not know.

Services call :func:`insert`, :func:`update`, :func:`delete` and :func:`restore` instead of
touching rows directly; sync apply writes rows *without* these helpers (server state is not a
local change).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.db import Database
from app.entities import EntitySpec, row_to_wire, spec_for, to_wire
from app.ids import new_id
from app.models import OutboxEntry


def _spec_of(row: Any) -> EntitySpec:
    return spec_for(str(row.__tablename__))


def _record(
    db: Database,
    session: Session,
    spec: EntitySpec,
    entity_id: str,
    op: str,
    fields: dict[str, Any],
    base_seq: int,
) -> OutboxEntry:
    entry = OutboxEntry(
        change_id=new_id(),
        entity=spec.name,
        entity_id=entity_id,
        op=op,
        fields=fields,
        base_seq=base_seq,
        hlc=db.hlc.tick().encode(),
        created_at=db.clock.now(),
    )
    session.add(entry)
    return entry


def insert(db: Database, session: Session, row: Any) -> Any:
    """Add a new row and log it (all its synced fields)."""
    now = db.clock.now()
    if getattr(row, "created_at", None) is None:
        row.created_at = now
    row.updated_at = now
    row.version = 1
    row.server_seq = 0
    session.add(row)
    session.flush()
    spec = _spec_of(row)
    fields = row_to_wire(spec, row)
    fields.pop("id")
    _record(db, session, spec, row.id, "insert", fields, 0)
    return row


def update(db: Database, session: Session, row: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """Apply ``changes`` to ``row`` and log the fields that really changed.

    Returns the changed fields (wire form); an empty dict means nothing was written.
    """
    spec = _spec_of(row)
    allowed = set(spec.fields())
    changed: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in allowed:
            raise KeyError(f"{spec.name}.{name} is not a synced field")
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed[name] = to_wire(value)
    if not changed:
        return changed
    row.updated_at = db.clock.now()
    changed["updated_at"] = to_wire(row.updated_at)
    row.version = (row.version or 0) + 1
    _record(db, session, spec, row.id, "update", changed, row.server_seq or 0)
    return changed


def delete(db: Database, session: Session, row: Any) -> None:
    """Tombstone a row (soft delete) and log the delete."""
    if row.deleted_at is not None:
        return
    now: datetime = db.clock.now()
    row.deleted_at = now
    row.updated_at = now
    row.version = (row.version or 0) + 1
    _record(
        db,
        session,
        _spec_of(row),
        row.id,
        "delete",
        {"deleted_at": to_wire(now)},
        row.server_seq or 0,
    )


def restore(db: Database, session: Session, row: Any) -> None:
    """Bring back a tombstoned row: the only way a deleted record returns."""
    if row.deleted_at is None:
        return
    row.deleted_at = None
    row.updated_at = db.clock.now()
    row.version = (row.version or 0) + 1
    _record(
        db, session, _spec_of(row), row.id, "restore", {"deleted_at": None}, row.server_seq or 0
    )


def pending_count(session: Session) -> int:
    from sqlalchemy import func, select

    return int(session.scalar(select(func.count()).select_from(OutboxEntry)) or 0)
