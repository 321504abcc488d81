"""The registry of synced entities: what travels, in which order, and how it merges.

Sync code (client engine and server) works from this table instead of knowing each model.
``rank`` orders parents before children when a page is applied. ``append_only`` entities are
insert-only and merge by union. ``server_owned`` entities are read-only on a rep's replica.
``scoped`` entities hang off a customer (``customer_id`` is the scope root).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, inspect
from sqlalchemy.orm import DeclarativeBase

from app.models import (
    Activity,
    Conflict,
    Contact,
    Customer,
    DecimalText,
    Opportunity,
    PoolCustomer,
    PoolEvent,
    PoolRequest,
    Product,
    Quote,
    QuoteLine,
    RefValue,
    StageChange,
    Team,
    User,
    UTCDateTime,
)

# Columns that describe the local copy, not the record: never pushed, never pulled.
LOCAL_COLUMNS = frozenset({"id", "server_seq", "version"})


@dataclass(frozen=True)
class EntitySpec:
    name: str
    model: type[DeclarativeBase]
    rank: int
    scoped: bool
    append_only: bool = False
    server_owned: bool = False

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)

    def fields(self) -> list[str]:
        """The synced columns of this entity, in table order."""
        return [c.key for c in inspect(self.model).columns if c.key not in LOCAL_COLUMNS]


ENTITIES: dict[str, EntitySpec] = {
    spec.name: spec
    for spec in (
        EntitySpec("teams", Team, 0, scoped=False, server_owned=True),
        EntitySpec("users", User, 1, scoped=False, server_owned=True),
        EntitySpec("ref_values", RefValue, 2, scoped=False, server_owned=True),
        EntitySpec("products", Product, 3, scoped=False, server_owned=True),
        # The pool (app.models.pool): the team's pooled customers (limited fields) and the
        # rep's own requests are not scoped to a customer; the history travels with it.
        EntitySpec("pool_customers", PoolCustomer, 4, scoped=False, server_owned=True),
        EntitySpec("pool_requests", PoolRequest, 5, scoped=False),
        EntitySpec("customers", Customer, 10, scoped=True),
        EntitySpec("contacts", Contact, 11, scoped=True),
        EntitySpec("opportunities", Opportunity, 12, scoped=True),
        EntitySpec("stage_history", StageChange, 13, scoped=True, append_only=True),
        EntitySpec("activities", Activity, 14, scoped=True),
        EntitySpec("quotes", Quote, 15, scoped=True),
        EntitySpec("quote_lines", QuoteLine, 16, scoped=True),
        EntitySpec("pool_events", PoolEvent, 17, scoped=True, append_only=True,
                   server_owned=True),
        EntitySpec("conflicts", Conflict, 20, scoped=True),
    )
}


def spec_for(entity: str) -> EntitySpec:
    try:
        return ENTITIES[entity]
    except KeyError:
        raise KeyError(f"unknown entity {entity!r}") from None


def to_wire(value: Any) -> Any:
    """A Python column value as JSON: decimals and dates as strings, datetimes in UTC ISO."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def from_wire(spec: EntitySpec, field: str, value: Any) -> Any:
    """The inverse of ``to_wire`` for one column, using the column's type."""
    if value is None:
        return None
    column = inspect(spec.model).columns[field]
    col_type = column.type
    if isinstance(col_type, DecimalText):
        return Decimal(str(value))
    if isinstance(col_type, UTCDateTime):
        parsed = dt.datetime.fromisoformat(str(value))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    if isinstance(col_type, Date):
        return dt.date.fromisoformat(str(value))
    return value


def row_to_wire(spec: EntitySpec, row: Any) -> dict[str, Any]:
    """All synced fields of an ORM row as a JSON-ready dict (plus its id)."""
    data = {name: to_wire(getattr(row, name)) for name in spec.fields()}
    data["id"] = row.id
    return data
