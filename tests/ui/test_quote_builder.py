"""The quote builder on a real replica: keyboard search, lines, live totals, save, submit."""

from __future__ import annotations

import statistics
import time
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.models import Opportunity, Product, Quote, QuoteLine
from app.pricing import PriceTier, ProductPrice, TierMode, TierTable
from app.services.views import ProductView
from ui.format import Formatter
from ui.quotes.builder import QuoteBuilder
from ui.quotes.line_model import EditLine, QuoteLinesModel
from ui.services import AppServices
from ui.tasks import TaskManager

SHOTS = Path("/tmp/shots-quotes")


def _customer_with_opportunity(services: AppServices) -> tuple[str, str]:
    with services.db.reader() as s:
        row = s.execute(select(Opportunity.customer_id, Opportunity.id)
                        .where(Opportunity.stage.in_(["prospect", "qualified"]),
                               Opportunity.deleted_at.is_(None)).limit(1)).one()
        return str(row[0]), str(row[1])


def _product(services: AppServices, sku: str) -> Product:
    with services.db.reader() as s:
        product = s.scalar(select(Product).where(Product.sku == sku))
        assert product is not None
        s.expunge(product)
        return product


@pytest.fixture
def builder(qtbot: QtBot, services: AppServices, tasks: TaskManager,
            tmp_path: Path) -> QuoteBuilder:
    widget = QuoteBuilder(services, tasks, Formatter("en_US"), pdf_dir=tmp_path / "pdf")
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    return widget


def _type_and_add(qtbot: QtBot, builder: QuoteBuilder, tasks: TaskManager, text: str,
                  down: int = 0) -> None:
    builder.search.setFocus()
    qtbot.keyClicks(builder.search, text)
    qtbot.waitUntil(lambda: builder.results.count() > 0, timeout=3000)
    for _ in range(down):
        qtbot.keyClick(builder.search, Qt.Key.Key_Down)
    count = builder.model.rowCount()
    qtbot.keyClick(builder.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: builder.model.rowCount() == count + 1, timeout=3000)
    assert tasks.wait_idle()


def test_build_save_and_submit_a_quote(qtbot: QtBot, builder: QuoteBuilder,
                                       services: AppServices, tasks: TaskManager) -> None:
    customer, opp = _customer_with_opportunity(services)
    with qtbot.waitSignal(builder.quote_loaded, timeout=5000):
        builder.start_new(customer, opp)
    assert builder.title.text().startswith("Quote Q-")
    assert "opportunity" in builder.customer_label.text()

    _type_and_add(qtbot, builder, tasks, "FS-MOT-0001")
    _type_and_add(qtbot, builder, tasks, "PLC", down=1)
    motor = _product(services, "FS-MOT-0001")
    assert builder.model.lines()[0].sku == "FS-MOT-0001"
    assert builder.model.lines()[1].sku.startswith("FS-CON-")

    # Typing a quantity reprices at once: 10 reaches the first volume tier (95 %).
    builder.table.setCurrentIndex(builder.model.index(0, 2))
    builder.set_quantity(0, "1")
    builder.set_quantity(0, "10")
    pricing = builder.model.pricing
    assert pricing is not None
    tier_price = Decimal(str(motor.tiers[0]["unit_price"]))
    assert pricing.lines[0].unit_price == tier_price
    assert pricing.lines[0].net == (tier_price * 10).quantize(Decimal("0.01"))
    assert builder.total_value.text() == Formatter("en_US").money(
        pricing.totals.grand_total, "CNY")
    assert pricing.totals.grand_total == sum((ln.total for ln in pricing.lines), Decimal(0))

    builder.set_line_discount(1, "5")
    assert builder.model.pricing is not None
    assert builder.model.pricing.lines[1].line_discount > 0
    assert builder.dirty

    with qtbot.waitSignal(builder.quote_saved, timeout=5000):
        builder.save_button.click()
    assert tasks.wait_idle()
    assert not builder.dirty
    quote_id = builder._quote_id()
    assert quote_id is not None
    with services.db.reader() as s:
        stored = s.get(Quote, quote_id)
        assert stored is not None
        lines = list(s.scalars(select(QuoteLine).where(QuoteLine.quote_id == quote_id,
                                                       QuoteLine.deleted_at.is_(None))))
        assert len(lines) == 2
        assert stored.grand_total == pricing_total(builder)
        assert stored.status == "draft"

    with qtbot.waitSignal(builder.status_changed, timeout=5000) as sig:
        builder.submit_button.click()
    assert sig.args is not None
    assert sig.args[1] in ("approved", "pending_approval")
    assert tasks.wait_idle()
    SHOTS.mkdir(exist_ok=True)
    builder.grab().save(str(SHOTS / "builder-submitted.png"))


def pricing_total(builder: QuoteBuilder) -> Decimal:
    assert builder.model.pricing is not None
    return builder.model.pricing.totals.grand_total


def test_bad_input_is_shown_on_the_line_and_not_saved(
        qtbot: QtBot, builder: QuoteBuilder, services: AppServices, tasks: TaskManager) -> None:
    customer, _opp = _customer_with_opportunity(services)
    with qtbot.waitSignal(builder.quote_loaded, timeout=5000):
        builder.start_new(customer)
    _type_and_add(qtbot, builder, tasks, "FS-MOT-0001")
    _type_and_add(qtbot, builder, tasks, "FS-SEN-0003")
    builder.set_quantity(0, "0")
    assert "Line 1: Enter a quantity greater than zero." in builder.message.text()
    assert builder.model.pricing is not None
    assert len(builder.model.pricing.lines) == 1, "the good line keeps being priced"
    builder.set_quantity(0, "2")
    builder.set_line_discount(1, "120")
    assert "Line 2: A discount cannot be more than 100 %." in builder.message.text()
    with qtbot.waitSignal(builder.error_shown, timeout=5000) as sig:
        builder.save_button.click()
    assert sig.args is not None
    assert "100 %" in sig.args[0]
    assert tasks.wait_idle()
    with services.db.reader() as s:
        assert s.scalar(select(QuoteLine.id).where(
            QuoteLine.quote_id == builder._quote_id())) is None, "nothing half-saved"
    builder.set_line_discount(1, "")
    big = builder.model.lines()[0].stock_on_hand
    assert big is not None
    builder.set_quantity(0, str(big + 1))
    assert "in stock" in builder.stock_note.text()
    # A product of another price list is refused with a clear message.
    builder.currency.setCurrentText("USD")
    assert "priced in CNY, the quote is in USD" in builder.message.text()


def test_inactive_products_cannot_be_added(qtbot: QtBot, builder: QuoteBuilder,
                                           services: AppServices, tasks: TaskManager) -> None:
    customer, _opp = _customer_with_opportunity(services)
    with services.db.reader() as s:
        inactive = s.scalar(select(Product.sku).where(Product.active.is_(False)))
    assert inactive is not None
    with qtbot.waitSignal(builder.quote_loaded, timeout=5000):
        builder.start_new(customer)
    qtbot.keyClicks(builder.search, inactive)
    qtbot.wait(400)
    assert tasks.wait_idle()
    assert builder.results.count() == 0, "the catalog search offers only active products"


def test_revision_keeps_the_number_and_locks_the_old_version(
        qtbot: QtBot, builder: QuoteBuilder, services: AppServices, tasks: TaskManager) -> None:
    customer, _opp = _customer_with_opportunity(services)
    with qtbot.waitSignal(builder.quote_loaded, timeout=5000):
        builder.start_new(customer)
    _type_and_add(qtbot, builder, tasks, "FS-MOT-0001")
    with qtbot.waitSignal(builder.status_changed, timeout=5000):
        builder.submit_button.click()
    assert tasks.wait_idle()
    first = builder._data
    assert first is not None
    assert first.quote.status == "approved"
    with qtbot.waitSignal(builder.status_changed, timeout=5000):
        builder.send_button.click()
    assert tasks.wait_idle()
    assert not builder.save_button.isEnabled(), "a sent quote is read-only"
    assert builder.model.flags(builder.model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable == \
        Qt.ItemFlag.NoItemFlags
    with qtbot.waitSignal(builder.status_changed, timeout=5000):
        builder.revise_button.click()
    assert tasks.wait_idle()
    second = builder._data
    assert second is not None
    assert second.quote.number == first.quote.number
    assert second.quote.display_number.endswith("-v2")
    assert builder.save_button.isEnabled()
    assert first.quote.display_number in builder.version_label.text()


def test_line_model_passes_the_model_tester(qtbot: QtBot) -> None:
    model = QuoteLinesModel(Formatter("en_US"))
    tester = ModelTester(qtbot)
    tester.check(model)
    for index in range(5):
        model.add_line(_edit_line(index))
    model.setData(model.index(2, 2), "30")
    tester.check(model)
    assert model.pricing is not None
    assert model.pricing.lines[2].unit_price == Decimal("90.00")


def _edit_line(index: int) -> EditLine:
    price = ProductPrice(f"p{index}", f"SKU-{index}", f"Item {index}", "CNY", Decimal("100.00"),
                         TierTable(TierMode.VOLUME, (PriceTier(Decimal(10), Decimal("95.00")),
                                                     PriceTier(Decimal(20), Decimal("90.00")))))
    view = ProductView(f"p{index}", f"SKU-{index}", f"Item {index}", None, None, None, "pcs",
                       "CNY", Decimal("100.00"), Decimal("0.13"), "volume", (), Decimal(50),
                       None, True)
    return EditLine.of(view, price, quantity=str(index + 1), discount="2")


def test_recalc_of_200_lines_is_fast(qtbot: QtBot) -> None:
    model = QuoteLinesModel(Formatter("en_US"))
    model.set_lines([_edit_line(i) for i in range(200)])
    times = []
    for edit in range(50):
        started = time.perf_counter()
        model.setData(model.index(edit % 200, 2), str(edit + 3))
        times.append(time.perf_counter() - started)
    assert statistics.median(times) < 0.005
    assert model.pricing is not None
    assert len(model.pricing.lines) == 200



def test_quotes_page_picks_a_customer_and_opens_the_builder(
        qtbot: QtBot, window: object, services: AppServices, tasks: TaskManager) -> None:
    from ui.widgets.shell import MainWindow

    assert isinstance(window, MainWindow)
    window.show_page("quotes")
    page = window.quotes
    page.show_builder()
    assert tasks.wait_idle()
    assert page.stack.currentWidget() is page.picker
    assert page.customer_list.count() > 0
    with qtbot.waitSignal(page.builder.quote_loaded, timeout=5000):
        qtbot.keyClick(page.customer_search, Qt.Key.Key_Return)
    builder = page.builder
    _type_and_add(qtbot, builder, tasks, "FS-MOT")
    _type_and_add(qtbot, builder, tasks, "FS-SEN", down=2)
    builder.set_quantity(0, "12")
    builder.set_line_discount(1, "20")
    builder.quote_discount.setText("2")
    builder.model.set_quote_discount("2")
    assert "Needs manager approval" in builder.approval_note.text()
    qtbot.wait(50)
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "quotes-page-builder.png"))
    quote_id = builder._quote_id()
    assert quote_id is not None
    with qtbot.waitSignal(builder.closed, timeout=5000):
        builder.back_button.click()  # unsaved edits are saved on the way out
    assert tasks.wait_idle()
    assert page.stack.currentWidget() is page.table
    assert len(services.quotes.lines(quote_id)) == 2
    assert services.quotes.get(quote_id).grand_total == pricing_total(builder)
    window.grab().save(str(SHOTS / "quotes-page-list.png"))


def test_a_product_retired_since_the_draft_is_flagged_on_open(
        qtbot: QtBot, builder: QuoteBuilder, services: AppServices, tasks: TaskManager) -> None:
    from app import outbox
    from app.services.quotes import LineDraft

    customer, _opp = _customer_with_opportunity(services)
    motor = _product(services, "FS-MOT-0001")
    sensor = _product(services, "FS-SEN-0003")
    q = services.quotes.create_draft(customer)
    services.quotes.save_lines(q.id, [LineDraft(motor.id, Decimal(2)),
                                      LineDraft(sensor.id, Decimal(1))])
    with services.db.transaction() as s:
        row = s.get(Product, sensor.id)
        assert row is not None
        outbox.update(services.db, s, row, {"active": False})
    with qtbot.waitSignal(builder.quote_loaded, timeout=5000):
        builder.open_quote(q.id)
    assert "Line 2: This product is no longer sold: remove the line." in builder.message.text()
    assert builder.model.pricing is not None
    assert len(builder.model.pricing.lines) == 1
    with qtbot.waitSignal(builder.error_shown, timeout=5000):
        builder.submit_button.click()
    assert tasks.wait_idle()
    assert services.quotes.get(q.id).status == "draft", "not submitted with a retired product"
    builder.table.setCurrentIndex(builder.model.index(1, 0))
    builder.remove_selected_line()
    assert builder.message.text() == ""
    with qtbot.waitSignal(builder.status_changed, timeout=5000):
        builder.submit_button.click()
    assert tasks.wait_idle()
    assert len(services.quotes.lines(q.id)) == 1
