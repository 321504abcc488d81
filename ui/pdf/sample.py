"""A realistic sample quote: for tests, the benchmark, and a "preview quote PDF" in settings.

Built through ``app.pricing`` like a real quote, so the sample always adds up.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from app.pricing import (
    Discount,
    LineInput,
    PriceTier,
    ProductPrice,
    QuoteInput,
    QuotePricing,
    TierMode,
    TierTable,
    price_quote,
)
from app.quote_document import Language, Party, QuoteDocument, document_lines, document_totals

__all__ = ["sample_logo", "sample_pricing", "sample_quote_document"]

_PRODUCTS = (
    ("Hydraulic gear pump 液压齿轮泵 CBN-E316", "125.00", TierMode.GRADUATED),
    ("Stainless ball valve DN50 不锈钢球阀", "45.00", TierMode.VOLUME),
    ("Pressure gauge 0-25 MPa 压力表", "38.50", TierMode.GRADUATED),
    ("O-ring kit NBR, 382 pcs assorted sizes for maintenance O 型圈套装", "96.00", TierMode.VOLUME),
)


def _tiers(list_price: Decimal, mode: TierMode) -> TierTable:
    return TierTable(
        mode,
        (
            PriceTier(Decimal(20), (list_price * Decimal("0.95")).quantize(Decimal("0.0001"))),
            PriceTier(Decimal(100), (list_price * Decimal("0.9")).quantize(Decimal("0.0001"))),
        ),
    )


def sample_pricing(lines: int = 50, currency: str = "CNY") -> QuotePricing:
    """A priced quote with mixed tiers, line discounts and a quote discount."""
    items = []
    for index in range(lines):
        description, price, mode = _PRODUCTS[index % len(_PRODUCTS)]
        list_price = Decimal(price)
        product = ProductPrice(
            product_ref=f"p{index}",
            sku=f"HD-{1000 + index * 7}",
            description=description,
            currency=currency,
            list_price=list_price,
            tiers=_tiers(list_price, mode),
        )
        discount = Discount.percent(5) if index % 5 == 0 else None
        items.append(LineInput(product, Decimal(5 + index * 3), Decimal(13), discount))
    return price_quote(QuoteInput(currency, tuple(items), Discount.amount("500")))


def sample_logo(path: Path) -> Path:
    """Draw a simple brand logo PNG at ``path`` (tests need a logo that exists)."""
    image = QImage(360, 120, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#1f4e79"))
        painter.drawEllipse(QRectF(4, 4, 112, 112))
        font = QFont("DejaVu Sans")
        font.setPixelSize(60)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(4, 4, 112, 112), Qt.AlignmentFlag.AlignCenter, "H")
        font.setPixelSize(44)
        painter.setFont(font)
        painter.setPen(QColor("#1f4e79"))
        painter.drawText(QRectF(130, 0, 230, 120), Qt.AlignmentFlag.AlignVCenter, "HAIDA")
    finally:
        painter.end()
    image.save(str(path))
    return path


def sample_quote_document(
    language: Language, lines: int = 50, logo_path: Path | None = None, draft: bool = True
) -> QuoteDocument:
    """A 50-line bilingual-content quote in ``language``."""
    zh = language == "zh"
    pricing = sample_pricing(lines)
    seller = Party(
        "杭州海达液压设备有限公司" if zh else "Hangzhou Haida Hydraulics Co., Ltd.",
        ("浙江省杭州市余杭区文一西路 998 号",)
        if zh
        else ("998 Wenyi West Rd, Yuhang District", "Hangzhou, Zhejiang 311121, China"),
        phone="+86 571 8888 6666",
        email="sales@haida-hydraulics.cn",
        tax_id="91330110MA2H3K8X1Q",
    )
    client = Party(
        "苏州精工机械制造有限公司",
        ("江苏省苏州市工业园区星湖街 328 号",),
        phone="+86 512 6288 1234",
        contact="王建国（采购经理）" if zh else "Wang Jianguo, Purchasing",
    )
    terms_zh = (
        "价格不含 13% 增值税（单列），运费另计。",
        "付款方式：合同签订后预付 30%，发货前付清余款。",
        "交货期：收到预付款后 15 个工作日。",
    )
    terms_en = (
        "Prices exclude 13% VAT, shown separately; freight not included.",
        "Payment: 30% advance on order, balance before shipment.",
        "Delivery: 15 working days after receipt of the advance payment.",
    )
    doc = QuoteDocument(
        seller=seller,
        client=client,
        quote_number="Q-ZW-2025-0042",
        version=2,
        issue_date=date(2025, 3, 14),
        valid_until=date(2025, 4, 13),
        currency=pricing.currency,
        language=language,
        lines=document_lines(pricing, ["件" if zh else "pcs"] * lines),
        totals=document_totals(pricing),
        logo_path=logo_path,
        terms=terms_zh if zh else terms_en,
        notes="如有疑问请联系报价人。" if zh else "Please contact us with any questions.",
        watermark=("草稿 — 待审批" if zh else "DRAFT — pending approval"),
        prepared_by="张伟 Zhang Wei",
    )
    return doc if draft else replace(doc, watermark="")
