"""A saved 50-line quote exported from the builder in the background, read back with poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import format_currency, format_decimal
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.models import Opportunity, Product
from app.services.quote_views import document_data
from app.services.quotes import LineDraft
from ui.format import Formatter
from ui.pdf.sample import sample_logo
from ui.quotes.builder import QuoteBuilder
from ui.quotes.pdf_export import Seller, build_document
from ui.services import AppServices
from ui.tasks import TaskManager

SHOTS = Path("/tmp/shots-quotes")


def _text(pdf: Path) -> str:
    assert shutil.which("pdftotext"), "pdftotext missing: install poppler-utils"
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert match
    return int(match.group(1))


def _fifty_line_quote(services: AppServices) -> str:
    with services.db.reader() as s:
        customer = s.scalar(select(Opportunity.customer_id).limit(1))
        products = list(s.scalars(select(Product.id).where(Product.active.is_(True))
                                  .order_by(Product.sku).limit(50)))
    assert customer is not None
    assert len(products) >= 25
    quotes = services.quotes
    q = quotes.create_draft(customer, language="zh")
    lines = [LineDraft(products[i % len(products)], Decimal(1 + i % 60),
                       "percent" if i % 3 == 0 else "none", Decimal(i % 7))
             for i in range(50)]
    quotes.save_lines(q.id, lines, "percent", Decimal(2))
    return q.id


@pytest.mark.parametrize("language", ["en", "zh"])
def test_builder_exports_a_multi_page_pdf_with_the_saved_numbers(
        qtbot: QtBot, services: AppServices, tasks: TaskManager, tmp_path: Path,
        language: str) -> None:
    quote_id = _fifty_line_quote(services)
    seller = Seller(logo_path=sample_logo(tmp_path / "logo.png"))
    builder = QuoteBuilder(services, tasks, Formatter("en_US"), seller=seller,
                           pdf_dir=tmp_path)
    qtbot.addWidget(builder)
    with qtbot.waitSignal(builder.quote_loaded, timeout=5000):
        builder.open_quote(quote_id)
    builder.language.setCurrentIndex(0 if language == "en" else 1)
    target = tmp_path / f"quote-{language}.pdf"
    with qtbot.waitSignal(builder.pdf_exported, timeout=20000) as sig:
        builder.export_pdf(target)
    assert sig.args == [str(target)]
    assert tasks.wait_idle()

    data = document_data(services.db, quote_id)
    doc = build_document(data, seller, "en" if language == "en" else "zh")
    text = _text(target)
    pages = _pages(target)
    assert pages >= 2
    locale = "en_US" if language == "en" else "zh_CN"
    assert format_currency(data.quote.grand_total, "CNY", locale=locale) in text
    for line in doc.lines:
        assert text.count(line.sku) >= 1, line.sku
        assert format_decimal(line.amount, "#,##0.00", locale=locale) in text
    assert data.quote.number in text
    if language == "zh":
        for word in ("报价单", "合计", "伺服电机", "客户"):
            assert word in text, word
        assert f"第 1 页，共 {pages} 页" in text
    else:
        assert f"Page 1 of {pages}" in text
        assert "QUOTATION" in text
    # Totals on the PDF add up exactly as the service stored them.
    assert sum((ln.amount for ln in doc.lines), Decimal(0)) == doc.totals.net_total
    assert doc.totals.net_total + doc.totals.tax_total == data.quote.grand_total
    SHOTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(target),
                    str(SHOTS / f"quote-{language}")], check=True)
    assert any(SHOTS.glob(f"quote-{language}*.png"))
