"""The customer list: ordered row ids for a filter + sort, then rows for a page of ids.

Ids are SQLite rowids (ints, 8 bytes each in an ``array``), so 100 000 of them cost 800 kB and
come back in tens of milliseconds; rows are fetched a page at a time as the view scrolls.
Text search uses the FTS5 trigram index (3+ characters) or a bounded LIKE (1–2 characters).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, literal_column, select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.sql.elements import ColumnElement

from app.clock import parse_utc
from app.db import Database
from app.models import Contact, Customer, Opportunity, Quote, User

C = Customer.__table__.c
U = User.__table__.c
_SQLITE = sqlite.dialect()


@dataclass(frozen=True)
class CustomerFilter:
    text: str = ""
    level: str | None = None
    industry: str | None = None
    region: str | None = None
    lifecycle: str | None = None
    owner_id: str | None = None


@dataclass(frozen=True)
class CustomerRow:
    rowid: int
    id: str
    full_name: str
    short_name: str | None
    level: str
    industry: str
    region: str
    lifecycle: str
    owner_name: str
    phone: str | None
    last_follow_up_at: datetime | None


SORT_KEYS = ("full_name", "level", "industry", "region", "lifecycle", "owner",
             "phone", "last_follow_up_at")


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _where(flt: CustomerFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [C.deleted_at.is_(None)]
    for name in ("level", "industry", "region", "lifecycle", "owner_id"):
        value = getattr(flt, name)
        if value:
            conds.append(C[name] == value)
    term = " ".join(flt.text.split())
    if len(term) >= 3:
        fts = text("SELECT rowid FROM customers_fts WHERE customers_fts MATCH :q").bindparams(
            q='"' + term.replace('"', '""') + '"')
        conds.append(literal_column("customers.rowid").in_(fts))
    elif term:
        # A substring needs a scan, but not of the wide customer rows: each name has an index
        # holding just it and the rowid, and scanning those is ≈5× cheaper at 100 000.
        names = text("SELECT rowid FROM customers WHERE full_name LIKE :p ESCAPE '\\' "
                     "UNION ALL SELECT rowid FROM customers WHERE short_name LIKE :p "
                     "ESCAPE '\\'").bindparams(p=_like(term))
        conds.append(literal_column("customers.rowid").in_(names))
    return conds


def customer_rowids(db: Database, flt: CustomerFilter, sort: str = "full_name",
                    descending: bool = False) -> array[int]:
    """Row ids of the customers matching ``flt`` in display order."""
    sql, params = rowids_sql(flt, sort, descending)
    with db.reader() as s:
        # The raw DB-API cursor: result processing per row would double the time at 100 k.
        cursor = s.connection().connection.driver_connection.execute(sql, params)  # type: ignore[union-attr]
        return array("q", [r[0] for r in cursor.fetchall()])


def rowids_sql(flt: CustomerFilter, sort: str = "full_name",
               descending: bool = False) -> tuple[str, tuple[Any, ...]]:
    """The SQL (and its parameters) of :func:`customer_rowids`, for it and EXPLAIN."""
    rowid: Any = literal_column("customers.rowid")
    stmt = select(rowid).select_from(Customer.__table__).where(and_(*_where(flt)))
    if sort == "owner":
        owner_name = select(U.display_name).where(U.id == C.owner_id).scalar_subquery()
        key: Any = owner_name
    elif sort in SORT_KEYS:
        key = C[sort]
    else:
        key = C.full_name
    stmt = stmt.order_by(key.desc() if descending else key.asc(),
                         text("customers.rowid DESC" if descending else "customers.rowid"))
    compiled = stmt.compile(dialect=_SQLITE)
    params = compiled.construct_params()
    return str(compiled), tuple(params[name] for name in compiled.positiontup or ())


def customer_rows(db: Database, rowids: Sequence[int]) -> dict[int, CustomerRow]:
    """The list columns for these row ids (any order; missing ids are simply absent)."""
    if not rowids:
        return {}
    sql = f"""SELECT c.rowid, c.id, c.full_name, c.short_name, c.level, c.industry, c.region,
        c.lifecycle, coalesce(u.display_name, ''), c.phone, c.last_follow_up_at
        FROM customers c LEFT JOIN users u ON u.id = c.owner_id
        WHERE c.rowid IN ({",".join(str(int(r)) for r in rowids)})"""
    with db.reader() as s:
        result = s.connection().exec_driver_sql(sql)
        return {
            r[0]: CustomerRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9],
                              parse_utc(r[10]))
            for r in result
        }


def owners(db: Database) -> list[tuple[str, str]]:
    """(user id, display name) of active users, for the owner filter."""
    with db.reader() as s:
        rows = s.execute(select(U.id, U.display_name).where(
            U.active.is_(True), U.deleted_at.is_(None)).order_by(U.display_name))
        return [(r[0], r[1]) for r in rows]


def customer_names(db: Database, ids: Sequence[str]) -> dict[str, str]:
    unique = list(dict.fromkeys(ids))
    result: dict[str, str] = {}
    with db.reader() as s:
        for start in range(0, len(unique), 500):
            chunk = unique[start:start + 500]
            for cid, name in s.execute(select(C.id, C.full_name).where(C.id.in_(chunk))):
                result[cid] = name
    return result


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: tuple[str, ...]


def completeness(db: Database, customer_id: str) -> Completeness:
    """How complete a customer record is (fields a manager expects filled in)."""
    with db.reader() as s:
        row = s.execute(select(C.phone, C.website, C.uscc, C.address, C.short_name)
                        .where(C.id == customer_id)).one()
        contacts = s.scalar(select(func.count()).select_from(Contact.__table__).where(
            Contact.customer_id == customer_id, Contact.deleted_at.is_(None))) or 0
        opps = s.scalar(select(func.count()).select_from(Opportunity.__table__).where(
            Opportunity.customer_id == customer_id, Opportunity.deleted_at.is_(None))) or 0
        quotes = s.scalar(select(func.count()).select_from(Quote.__table__).where(
            Quote.customer_id == customer_id, Quote.deleted_at.is_(None))) or 0
    checks = {"phone": row[0], "website": row[1], "uscc": row[2], "address": row[3],
              "short_name": row[4], "contacts": contacts, "opportunities": opps}
    missing = tuple(k for k, v in checks.items() if not v)
    _ = quotes
    return Completeness(round(100 * (len(checks) - len(missing)) / len(checks)), missing)
