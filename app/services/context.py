"""What every service is given: the replica, the acting user, and local conventions."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from app.clock import Clock
from app.db import Database
from app.errors import NotFoundError


@dataclass
class ServiceContext:
    db: Database
    user_id: str | None = None
    default_region: str = "CN"
    role: str = "rep"

    @property
    def clock(self) -> Clock:
        return self.db.clock


V = TypeVar("V")


def to_view(cls: type[V], row: Any) -> V:
    """Build a frozen view dataclass from an ORM row (lists become tuples: views are immutable)."""
    values: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        value = getattr(row, f.name)
        if isinstance(value, list):
            value = tuple(tuple(sorted(v.items())) if isinstance(v, dict) else v for v in value)
        values[f.name] = value
    return cls(**values)


M = TypeVar("M")


def get_live(session: Session, model: type[M], entity_id: str, field: str = "id") -> M:
    """Load a row that exists and is not deleted, or raise NotFoundError naming the entity."""
    row = session.get(model, entity_id)
    if row is None or getattr(row, "deleted_at", None) is not None:
        raise NotFoundError("not_found", field=field,
                            entity=getattr(model, "__tablename__", model.__name__), id=entity_id)
    return row
