"""Read models for the quote screens: the list, the approval queue, the builder and the PDF.

Plain SQL reads returning frozen rows, so the screens never see ORM objects and each query
runs on a reader thread. Writes stay in :mod:`app.services.quotes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.enums import QuoteStatus
from app.models import Contact, Customer, Opportunity, Product, Quote, QuoteLine, User
from app.pricing import ProductPrice
from app.services.context import get_live, to_view
from app.services.quotes import QuoteLineView, QuoteView, product_price
from app.services.views import ProductView

Q = Quote.__table__.c
C = Customer.__table__.c
U = User.__table__.c


@dataclass(frozen=True)
class QuoteRow:
    """One row of the quotes list."""

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


@dataclass(frozen=True)
class ApprovalRow:
    """A quote waiting for a manager: what they need to decide without opening it."""

    id: str
    customer_name: str
    owner_name: str
    number: str
    revision: int
    currency: str
    grand_total: Decimal
    max_discount_percent: Decimal
    submitted_at: datetime | None

    @property
    def display_number(self) -> str:
        return self.number if self.revision == 1 else f"{self.number}-v{self.revision}"


@dataclass(frozen=True)
class BuilderLine:
    """A saved line with the catalog entry it prices against *today* (None: gone)."""

    line: QuoteLineView
    product: ProductView | None
    price: ProductPrice | None


@dataclass(frozen=True)
class BuilderData:
    """Everything the builder shows for one quote, loaded in one read."""

    quote: QuoteView
    customer_name: str
    opportunity_name: str | None
    lines: tuple[BuilderLine, ...]
    revisions: tuple[QuoteView, ...]


@dataclass(frozen=True)
class DocumentData:
    """What the PDF needs beyond the lines: the client block and who prepared it."""

    quote: QuoteView
    lines: tuple[QuoteLineView, ...]
    names_zh: dict[str, str]
    customer_name: str
    customer_address: str | None
    customer_phone: str | None
    customer_tax_id: str | None
    contact_name: str | None
    prepared_by: str


def quote_list(db: Database, owner_id: str | None, limit: int = 1000) -> list[QuoteRow]:
    """This rep's quotes (everyone's for a manager: ``owner_id`` None), newest first."""
    stmt = (select(Q.id, Q.customer_id, C.full_name, Q.number, Q.revision, Q.status,
                   Q.currency, Q.grand_total, Q.issued_on, Q.valid_until)
            .join(Customer.__table__, C.id == Q.customer_id).where(Q.deleted_at.is_(None))
            .order_by(Q.issued_on.desc(), Q.number.desc(), Q.revision.desc()).limit(limit))
    if owner_id:
        stmt = stmt.where(Q.owner_id == owner_id)
    with db.reader() as s:
        return [QuoteRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], Decimal(str(r[7])), r[8],
                         r[9]) for r in s.execute(stmt)]


def approval_queue(db: Database) -> list[ApprovalRow]:
    """Quotes pending approval in this replica (a manager's replica holds the team's)."""
    stmt = (select(Q.id, C.full_name, U.display_name, Q.number, Q.revision, Q.currency,
                   Q.grand_total, Q.max_discount_percent, Q.submitted_at)
            .join(Customer.__table__, C.id == Q.customer_id)
            .outerjoin(User.__table__, U.id == Q.owner_id)
            .where(Q.deleted_at.is_(None), Q.status == QuoteStatus.PENDING_APPROVAL)
            .order_by(Q.submitted_at, Q.number))
    with db.reader() as s:
        return [ApprovalRow(r[0], r[1], r[2] or "", r[3], r[4], r[5], Decimal(str(r[6])),
                            Decimal(str(r[7])), r[8]) for r in s.execute(stmt)]


def _product_entry(s: Session, product_id: str | None) -> tuple[ProductView | None,
                                                                ProductPrice | None]:
    product = s.get(Product, product_id) if product_id else None
    if product is None:
        return None, None
    return to_view(ProductView, product), product_price(product)


def builder_data(db: Database, quote_id: str) -> BuilderData:
    """The quote, its lines with today's catalog entries, and its other versions."""
    with db.reader() as s:
        row = get_live(s, Quote, quote_id)
        customer = s.get(Customer, row.customer_id)
        opp = s.get(Opportunity, row.opportunity_id) if row.opportunity_id else None
        lines = []
        for line in s.scalars(select(QuoteLine).where(
                QuoteLine.quote_id == quote_id, QuoteLine.deleted_at.is_(None))
                .order_by(QuoteLine.position)):
            product, price = _product_entry(s, line.product_id)
            lines.append(BuilderLine(to_view(QuoteLineView, line), product, price))
        revisions = s.scalars(select(Quote).where(
            Quote.number == row.number, Quote.deleted_at.is_(None)).order_by(Quote.revision))
        return BuilderData(
            quote=to_view(QuoteView, row),
            customer_name=customer.full_name if customer else "",
            opportunity_name=opp.name if opp else None,
            lines=tuple(lines),
            revisions=tuple(to_view(QuoteView, r) for r in revisions))


def product_entry(db: Database, product_id: str) -> tuple[ProductView, ProductPrice]:
    """A catalog entry and its pricing view (the builder adds a line with it)."""
    with db.reader() as s:
        product = get_live(s, Product, product_id, field="product")
        return to_view(ProductView, product), product_price(product)


def document_data(db: Database, quote_id: str) -> DocumentData:
    """The saved quote as the PDF prints it."""
    with db.reader() as s:
        row = get_live(s, Quote, quote_id)
        customer = get_live(s, Customer, row.customer_id, field="customer_id")
        lines = [to_view(QuoteLineView, r) for r in s.scalars(select(QuoteLine).where(
            QuoteLine.quote_id == quote_id, QuoteLine.deleted_at.is_(None))
            .order_by(QuoteLine.position))]
        ids = [ln.product_id for ln in lines if ln.product_id]
        names_zh = {p.id: p.name_zh for p in s.scalars(
            select(Product).where(Product.id.in_(ids))) if p.name_zh}
        contact = s.scalar(select(Contact).where(
            Contact.customer_id == customer.id, Contact.deleted_at.is_(None))
            .order_by(Contact.created_at).limit(1))
        owner = s.get(User, row.owner_id) if row.owner_id else None
        return DocumentData(
            quote=to_view(QuoteView, row), lines=tuple(lines), names_zh=names_zh,
            customer_name=customer.full_name, customer_address=customer.address,
            customer_phone=customer.phone, customer_tax_id=customer.uscc,
            contact_name=contact.name if contact else None,
            prepared_by=owner.display_name if owner else "")


def customer_choices(db: Database, text: str, owner_id: str | None,
                     limit: int = 20) -> list[tuple[str, str]]:
    """(id, name) of customers whose name contains ``text``: the "new quote for…" picker."""
    stmt = select(C.id, C.full_name).where(C.deleted_at.is_(None))
    if text.strip():
        stmt = stmt.where(C.full_name.like(f"%{text.strip()}%"))
    if owner_id:
        stmt = stmt.where(C.owner_id == owner_id)
    with db.reader() as s:
        return [(str(r[0]), str(r[1])) for r in s.execute(stmt.order_by(C.full_name)
                                                          .limit(limit))]
