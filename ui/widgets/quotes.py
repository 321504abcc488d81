"""Quotes: the list of this rep's quotes, and the quote builder (placeholder until the quotes
UI lands: the pricing engine and PDF exist in app/ and ui/pdf/)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import labels, theme
from ui.format import Formatter
from ui.queries.quotes import QuoteRow, quote_list
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import Card, EmptyState, page_header


class QuotesView(QWidget):
    """Signals:
        customer_open_requested(str): open the customer of a quote.
    """

    customer_open_requested = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._fmt = fmt
        self._rows: list[QuoteRow] = []
        self.stack = QStackedWidget()
        header, actions = page_header(self.tr("Quotes"))
        self.new_button = QPushButton(theme.icon("plus", "#ffffff", 16), self.tr("New quote"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.show_builder)
        actions.addWidget(self.new_button)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setHeaderLabels([self.tr("Number"), self.tr("Customer"), self.tr("Status"),
                                    self.tr("Total"), self.tr("Issued"),
                                    self.tr("Valid until")])
        for col, width in enumerate((190, 330, 150, 140, 120)):
            self.table.setColumnWidth(col, width)
        self.table.itemActivated.connect(lambda item, _c: self.customer_open_requested.emit(
            str(item.data(0, Qt.ItemDataRole.UserRole))))
        self.empty = EmptyState("quotes", self.tr("No quotes yet"),
                                self.tr("Open a customer and choose New quote, or start one "
                                        "here. Quotes are numbered and priced offline."),
                                self.tr("New quote"))
        assert self.empty.button is not None
        self.empty.button.clicked.connect(self.show_builder)
        self.builder = Card(self.tr("Quote builder"))
        hint = QLabel(self.tr(
            "Pick a customer, add products from the catalog (volume tiers apply automatically), "
            "set discounts and send a PDF in the customer's language. Quotes above the "
            "discount limit go to your manager for approval."))
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        self.builder.body.addWidget(hint)
        self.builder.body.addWidget(EmptyState(
            "quotes", self.tr("The quote builder is coming in the next update"),
            self.tr("Until then, quotes created on another device appear in this list.")), 1)
        back = QPushButton(self.tr("Back to quotes"))
        back.clicked.connect(lambda: self.stack.setCurrentIndex(0 if self._rows else 1))
        self.builder.body.addWidget(back, 0, Qt.AlignmentFlag.AlignRight)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.builder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(header)
        layout.addWidget(self.stack, 1)

    def show_builder(self) -> None:
        self.stack.setCurrentWidget(self.builder)

    def refresh(self) -> None:
        db, owner = self._services.db, self._services.owner_filter
        self._tasks.read(lambda: quote_list(db, owner), self._on_loaded)

    def _on_loaded(self, rows: list[QuoteRow]) -> None:
        self._rows = rows
        self.table.clear()
        fmt = self._fmt
        for r in rows:
            item = QTreeWidgetItem(self.table, [
                r.display_number, r.customer_name, labels.quote_status(r.status),
                fmt.money(r.grand_total, r.currency), fmt.date(r.issued_on),
                fmt.date(r.valid_until)])
            item.setData(0, Qt.ItemDataRole.UserRole, r.customer_id)
        if self.stack.currentWidget() is not self.builder:
            self.stack.setCurrentWidget(self.table if rows else self.empty)
