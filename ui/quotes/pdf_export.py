"""A saved quote as a PDF: the stored (already rounded) figures, in the quote's language.

Runs on the ``heavy`` executor: :func:`export_quote_pdf` reads the replica and renders with
``QPdfWriter``, both off the UI thread. The renderer never computes money; the figures come
from the quote as saved, so the PDF is what the rep saw when they saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from app.db import Database
from app.enums import QuoteStatus
from app.pricing import minor_unit
from app.quote_document import DocumentLine, DocumentTotals, Language, Party, QuoteDocument
from app.services.quote_views import DocumentData, document_data
from ui.pdf.quote_pdf import render_quote_pdf

_WATERMARKS: dict[str, dict[str, str]] = {
    "en": {QuoteStatus.DRAFT: "DRAFT", QuoteStatus.PENDING_APPROVAL: "DRAFT — pending approval"},
    "zh": {QuoteStatus.DRAFT: "草稿", QuoteStatus.PENDING_APPROVAL: "草稿 — 待审批"},
}


@dataclass(frozen=True)
class Seller:
    """The company block and logo printed on every quote (from the app's settings)."""

    name_en: str = "FieldSales Demo Trading Co., Ltd."
    name_zh: str = "菲尔德销售演示贸易有限公司"
    address_en: tuple[str, ...] = ("88 Century Avenue, Pudong", "Shanghai 200120, China")
    address_zh: tuple[str, ...] = ("上海市浦东新区世纪大道 88 号",)
    phone: str = "+86 21 5888 0000"
    email: str = "sales@fieldsales.example"
    tax_id: str = ""
    logo_path: Path | None = None
    terms_en: tuple[str, ...] = field(default=(
        "Prices in the currency shown; VAT shown per line.",
        "Payment: 30 days from invoice.",))
    terms_zh: tuple[str, ...] = field(default=(
        "价格以所示币种计，增值税逐行列示。", "付款方式：发票开具后 30 天内付款。"))

    def party(self, language: Language) -> Party:
        zh = language == "zh"
        return Party(self.name_zh if zh else self.name_en,
                     self.address_zh if zh else self.address_en,
                     phone=self.phone, email=self.email, tax_id=self.tax_id)


def _line_discount(quantity: Decimal, unit_price: Decimal, net: Decimal,
                   currency: str) -> Decimal:
    """Gross minus net. Exact for volume pricing (gross = quantity × tier price, rounded
    once, as app.pricing does); a graduated line's shown price is an average, so its
    discount can be off by the rounding of that average."""
    gross = (quantity * unit_price).quantize(minor_unit(currency), rounding=ROUND_HALF_UP)
    return max(gross - net, Decimal(0) * minor_unit(currency))


def build_document(data: DocumentData, seller: Seller,
                   language: Language | None = None) -> QuoteDocument:
    """The printable quote from saved data (pure; tested without Qt)."""
    quote = data.quote
    lang: Language = language or ("zh" if quote.language == "zh" else "en")
    lines = []
    for position, ln in enumerate(data.lines, start=1):
        name = ln.description
        if lang == "zh" and ln.product_id and ln.product_id in data.names_zh:
            name = f"{data.names_zh[ln.product_id]} {ln.description}"
        lines.append(DocumentLine(
            position=position, sku=ln.sku, description=name, quantity=ln.quantity,
            unit=ln.unit, unit_price=ln.unit_price,
            discount=_line_discount(ln.quantity, ln.unit_price, ln.net_amount, quote.currency),
            tax_percent=(ln.tax_rate * 100).normalize(), tax=ln.tax_amount,
            amount=ln.net_amount))
    net_total = quote.subtotal - quote.discount_total
    totals = DocumentTotals(quote.subtotal, quote.discount_total, net_total, quote.tax_total,
                            quote.grand_total)
    client = Party(data.customer_name, tuple(filter(None, [data.customer_address])),
                   phone=data.customer_phone or "", contact=data.contact_name or "",
                   tax_id=data.customer_tax_id or "")
    # The service always sets both dates; a synced row from an older client may not.
    issued = quote.issued_on or date.today()
    valid_until = quote.valid_until or issued
    terms = tuple(filter(None, (quote.terms or "").splitlines())) or (
        seller.terms_zh if lang == "zh" else seller.terms_en)
    return QuoteDocument(
        seller=seller.party(lang), client=client, quote_number=quote.number,
        version=quote.revision, issue_date=issued, valid_until=valid_until,
        currency=quote.currency, language=lang, lines=tuple(lines), totals=totals,
        logo_path=seller.logo_path, terms=terms, notes=quote.notes or "",
        watermark=_WATERMARKS[lang].get(quote.status, ""), prepared_by=data.prepared_by)


def export_quote_pdf(db: Database, quote_id: str, path: Path, seller: Seller,
                     language: Language | None = None) -> Path:
    """Read the quote and write its PDF to ``path`` (call on a worker thread)."""
    document = build_document(document_data(db, quote_id), seller, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    render_quote_pdf(document, path)
    return path
