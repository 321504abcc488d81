"""Extras for the demo profile that app.demo does not generate yet: a few quotes for the demo
rep (made through QuoteService) and two sync conflicts to resolve (as a server would send
them). TO MOVE into app.demo so the server's seed-demo makes the same."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from app.db import Database
from app.models import Conflict, Customer, Product, User
from app.services.context import ServiceContext
from app.services.quotes import LineDraft, QuoteService


def add_demo_extras(db: Database, username: str) -> None:
    with db.reader() as s:
        rep = s.scalar(select(User).where(User.username == username))
        if rep is None:
            return
        other = s.scalar(select(User).where(User.username != username, User.role == "rep"))
        customers = s.scalars(select(Customer).where(Customer.owner_id == rep.id)
                              .order_by(Customer.created_at).limit(6)).all()
        products = s.scalars(select(Product).where(Product.active.is_(True))
                             .order_by(Product.sku).limit(8)).all()
    quotes = QuoteService(ServiceContext(db=db, user_id=rep.id))
    for i, customer in enumerate(customers[:4]):
        draft = quotes.create_draft(customer.id, language="zh" if i % 2 else "en")
        lines = [LineDraft(products[(i + k) % len(products)].id, Decimal(5 * (k + 1) + i))
                 for k in range(2 + i % 2)]
        quotes.save_lines(draft.id, lines)
    now = db.clock.now()
    with db.transaction() as s:
        if customers:
            c = customers[0]
            s.add(Conflict(entity="customers", entity_id=c.id, customer_id=c.id,
                           field="phone", kind="field", kept_value=c.phone,
                           other_value="+8675588886666", other_user_id=other.id if other else None,
                           created_at=now - timedelta(hours=3), server_seq=1))
            s.add(Conflict(entity="customers", entity_id=c.id, customer_id=c.id,
                           field="address", kind="field", kept_value=c.address,
                           other_value="深圳市南山区科技园南区8栋1201",
                           other_user_id=other.id if other else None,
                           created_at=now - timedelta(hours=2), server_seq=1))
