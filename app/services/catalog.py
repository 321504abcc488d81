"""The product catalog, read-only on a rep's replica (the server owns it)."""

from __future__ import annotations

from sqlalchemy import or_, select

from app.models import Product
from app.services.context import ServiceContext, get_live, to_view
from app.services.views import ProductView


class CatalogService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def search(
        self, text: str = "", *, include_inactive: bool = False, limit: int = 200
    ) -> list[ProductView]:
        """Products whose SKU, English or Chinese name or category contains ``text``."""
        with self.ctx.db.reader() as s:
            stmt = select(Product).where(Product.deleted_at.is_(None))
            if not include_inactive:
                stmt = stmt.where(Product.active.is_(True))
            if text.strip():
                like = f"%{text.strip()}%"
                stmt = stmt.where(
                    or_(
                        Product.sku.ilike(like),
                        Product.name.ilike(like),
                        Product.name_zh.like(like),
                        Product.category.ilike(like),
                    )
                )
            rows = s.scalars(stmt.order_by(Product.sku).limit(limit))
            return [to_view(ProductView, r) for r in rows]

    def get(self, product_id: str) -> ProductView:
        with self.ctx.db.reader() as s:
            return to_view(ProductView, get_live(s, Product, product_id))
