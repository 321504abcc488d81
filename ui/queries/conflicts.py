"""Open conflicts (values that lost a merge) and resolving them: keep mine / keep theirs.

TO MOVE into ``app/services/conflicts.py``: resolving writes through ``app.outbox`` in one
transaction (the entity's field, then the conflict's ``resolution``), so it syncs like any edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app import outbox
from app.db import Database
from app.entities import from_wire, spec_for
from app.errors import NotFoundError
from app.models import Conflict, Customer, User


@dataclass(frozen=True)
class ConflictRow:
    id: str
    entity: str
    entity_id: str
    customer_id: str | None
    customer_name: str
    field: str | None
    kind: str
    mine: Any
    theirs: Any
    mine_is_current: bool
    other_user: str
    created_at: datetime


def open_conflicts(db: Database, me: str | None, limit: int = 500) -> list[ConflictRow]:
    """Unresolved conflicts. "Mine" is the value this user wrote; "theirs" the other one."""
    with db.reader() as s:
        users = dict(s.execute(select(User.id, User.display_name)).tuples().all())
        rows = s.scalars(select(Conflict).where(Conflict.resolution.is_(None),
                                                Conflict.deleted_at.is_(None))
                         .order_by(Conflict.created_at.desc()).limit(limit)).all()
        names: dict[str, str] = {}
        ids = [r.customer_id for r in rows if r.customer_id]
        if ids:
            names = dict(s.execute(select(Customer.id, Customer.full_name)
                                   .where(Customer.id.in_(ids))).tuples().all())
        result = []
        for r in rows:
            other_is_me = me is not None and r.other_user_id == me
            mine, theirs = ((r.other_value, r.kept_value) if other_is_me
                            else (r.kept_value, r.other_value))
            result.append(ConflictRow(
                r.id, r.entity, r.entity_id, r.customer_id, names.get(r.customer_id or "", ""),
                r.field, r.kind, mine, theirs, not other_is_me,
                users.get(r.other_user_id or "", ""), r.created_at))
        return result


def resolve(db: Database, conflict_id: str, keep: str, me: str | None) -> None:
    """``keep`` is ``mine`` or ``theirs``; writes the chosen value if it is not the current one."""
    if keep not in ("mine", "theirs"):
        raise ValueError(keep)
    with db.transaction() as s:
        row = s.get(Conflict, conflict_id)
        if row is None or row.resolution is not None:
            raise NotFoundError("not_found", entity="conflicts", id=conflict_id)
        other_is_me = me is not None and row.other_user_id == me
        wants_other = (keep == "mine") == other_is_me
        if wants_other and row.field:
            spec = spec_for(row.entity)
            target = s.get(spec.model, row.entity_id)
            if target is not None:
                outbox.update(db, s, target,
                              {row.field: from_wire(spec, row.field, row.other_value)})
        outbox.update(db, s, row, {"resolution": f"keep_{keep}",
                                   "resolved_at": db.clock.now()})


def open_count(db: Database) -> int:
    from sqlalchemy import func

    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(Conflict).where(
            Conflict.resolution.is_(None), Conflict.deleted_at.is_(None))) or 0)
