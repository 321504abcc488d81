"""Quote benchmarks: live recalculation while editing, and the PDF a rep sends.

Targets: recalculating a 200-line quote after one edit must feel instant (< 5 ms, the
keystroke budget); a 50-line PDF must render before the rep notices (< 0.5 s).
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from app.pricing import (
    Discount,
    LineInput,
    PriceTier,
    ProductPrice,
    QuoteInput,
    TierMode,
    TierTable,
    price_quote,
)

Row = tuple[str, str, str]


def _recalc_after_one_edit_ms(lines: int = 200, edits: int = 200) -> float:
    tiers = TierTable(
        TierMode.GRADUATED,
        (PriceTier(Decimal(10), Decimal("9.00")), PriceTier(Decimal(50), Decimal("8.00"))),
    )
    items = [
        LineInput(
            ProductPrice(f"p{i}", f"SKU-{i}", "Widget", "CNY", Decimal("10.00"), tiers),
            Decimal(i + 1),
            Decimal(13),
            Discount.percent(3) if i % 4 == 0 else None,
        )
        for i in range(lines)
    ]
    discount = Discount.percent(2)
    price_quote(QuoteInput("CNY", tuple(items), discount))
    times = []
    for edit in range(edits):
        index = (edit * 37) % lines
        items[index] = dataclasses.replace(items[index], quantity=items[index].quantity + 1)
        quote = QuoteInput("CNY", tuple(items), discount)
        started = time.perf_counter()
        price_quote(quote)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _builder_recalc_ms(lines: int = 200, edits: int = 100) -> float:
    """The builder's path for one keystroke: the line model's setData, repricing, and the
    dataChanged repaint bookkeeping of an attached table view (offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from app.services.views import ProductView
    from ui.format import Formatter
    from ui.quotes.line_model import COL_QTY, EditLine, QuoteLinesModel

    app = QApplication.instance() or QApplication([])
    tiers = TierTable(TierMode.VOLUME, (PriceTier(Decimal(10), Decimal("95.00")),
                                        PriceTier(Decimal(50), Decimal("90.00"))))
    model = QuoteLinesModel(Formatter("en_US"))
    model.set_lines([
        EditLine.of(ProductView(f"p{i}", f"SKU-{i}", f"Item {i}", None, None, None, "pcs", "CNY",
                                Decimal("100.00"), Decimal("0.13"), "volume", (),
                                Decimal(500), None, True),
                    ProductPrice(f"p{i}", f"SKU-{i}", f"Item {i}", "CNY", Decimal("100.00"),
                                 tiers), str(i % 60 + 1), "3" if i % 4 == 0 else "")
        for i in range(lines)])
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 700)
    view.show()
    app.processEvents()
    times = []
    for edit in range(edits):
        index = model.index((edit * 37) % lines, COL_QTY)
        started = time.perf_counter()
        model.setData(index, str(edit % 70 + 1))
        times.append(time.perf_counter() - started)
    view.close()
    return statistics.median(times) * 1000


def _render_pdf_s(runs: int = 7) -> tuple[float, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from ui.pdf.quote_pdf import render_quote_pdf
    from ui.pdf.sample import sample_logo, sample_quote_document

    app = QGuiApplication.instance() or QGuiApplication([])
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        logo = sample_logo(Path(tmp) / "logo.png")
        for language in ("en", "zh"):
            doc = sample_quote_document(language, lines=50, logo_path=logo)
            render_quote_pdf(doc, Path(tmp) / "warmup.pdf")  # font registration, caches
            times = []
            for run in range(runs):
                started = time.perf_counter()
                render_quote_pdf(doc, Path(tmp) / f"{language}-{run}.pdf")
                times.append(time.perf_counter() - started)
            results.append(statistics.median(times))
    del app
    return results[0], results[1]


def run() -> list[Row]:
    """Rows of (metric, measured, target)."""
    recalc = _recalc_after_one_edit_ms()
    builder = _builder_recalc_ms()
    en, zh = _render_pdf_s()
    return [
        ("recalc 200-line quote after one edit (median)", f"{recalc:.2f} ms", "< 5 ms"),
        ("builder: type a quantity in a 200-line quote, reprice + refresh (median)",
         f"{builder:.2f} ms", "< 5 ms"),
        ("render 50-line quote PDF, en (median)", f"{en:.3f} s", "< 0.5 s"),
        ("render 50-line quote PDF, zh + bilingual lines (median)", f"{zh:.3f} s", "< 0.5 s"),
    ]


if __name__ == "__main__":
    for row in run():
        print(" | ".join(row))
