"""The quotes list with customer names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.db import Database
from app.models import Customer, Quote

Q = Quote.__table__.c
C = Customer.__table__.c


@dataclass(frozen=True)
class QuoteRow:
    id: str
    customer_id: str
    customer_name: str
    number: str
    revision: int
    status: str
    currency: str
    grand_total: Decimal
    issued_on: date | None
    valid_until: date | None

    @property
    def display_number(self) -> str:
        return self.number if self.revision == 1 else f"{self.number}-v{self.revision}"


def quote_list(db: Database, owner_id: str | None, limit: int = 1000) -> list[QuoteRow]:
    stmt = (select(Q.id, Q.customer_id, C.full_name, Q.number, Q.revision, Q.status,
                   Q.currency, Q.grand_total, Q.issued_on, Q.valid_until)
            .join(Customer.__table__, C.id == Q.customer_id).where(Q.deleted_at.is_(None))
            .order_by(Q.issued_on.desc(), Q.number.desc()).limit(limit))
    if owner_id:
        stmt = stmt.where(Q.owner_id == owner_id)
    with db.reader() as s:
        return [QuoteRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], Decimal(str(r[7])), r[8],
                         r[9]) for r in s.execute(stmt)]
