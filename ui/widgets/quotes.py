"""Quotes: the list of this rep's quotes, the builder, and (for managers) the approval queue.

Pages of one stack: the list (or an empty state), "new quote for…" (pick a customer with the
keyboard), the builder, and the approval queue. Other screens start a quote with
:meth:`QuotesView.new_quote_for` (customer 360, an opportunity) or open one with
:meth:`QuotesView.open_quote`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.enums import Role
from app.services.quote_views import QuoteRow, customer_choices, quote_list
from ui import labels, theme
from ui.format import Formatter
from ui.quotes.approvals import ApprovalQueue
from ui.quotes.builder import QuoteBuilder
from ui.quotes.pdf_export import Seller
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import Card, EmptyState, page_header


class QuotesView(QWidget):
    """Signals:
        customer_open_requested(str): open the customer of a quote.
    """

    customer_open_requested = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 parent: QWidget | None = None, seller: Seller | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._fmt = fmt
        self._rows: list[QuoteRow] = []
        self._choices: list[tuple[str, str]] = []
        self.stack = QStackedWidget()
        header, actions = page_header(self.tr("Quotes"))
        self.header = header
        self.approvals_button = QPushButton(self.tr("Approvals"))
        self.approvals_button.clicked.connect(self.show_approvals)
        self.approvals_button.setVisible(services.user.role in (Role.MANAGER, Role.ADMIN))
        actions.addWidget(self.approvals_button)
        self.new_button = QPushButton(theme.icon("plus", "#ffffff", 16), self.tr("New quote"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.show_builder)
        actions.addWidget(self.new_button)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setUniformRowHeights(True)
        self.table.setHeaderLabels([self.tr("Number"), self.tr("Customer"), self.tr("Status"),
                                    self.tr("Total"), self.tr("Issued"),
                                    self.tr("Valid until")])
        for col, width in enumerate((210, 330, 150, 140, 120)):
            self.table.setColumnWidth(col, width)
        self.table.itemActivated.connect(lambda item, _c: self.open_quote(
            str(item.data(0, Qt.ItemDataRole.UserRole))))
        self.empty = EmptyState("quotes", self.tr("No quotes yet"),
                                self.tr("Open a customer and choose New quote, or start one "
                                        "here. Quotes are numbered and priced offline."),
                                self.tr("New quote"))
        assert self.empty.button is not None
        self.empty.button.clicked.connect(self.show_builder)
        self.picker = self._picker_page()
        self.builder = QuoteBuilder(services, tasks, fmt, seller=seller)
        self.builder.closed.connect(self.show_list)
        self.builder.customer_open_requested.connect(self.customer_open_requested)
        self.builder.quote_saved.connect(lambda _id: self.refresh_list())
        self.builder.status_changed.connect(lambda _id, _s: self.refresh_list())
        self.approvals = ApprovalQueue(services, tasks, fmt)
        self.approvals.quote_open_requested.connect(self.open_quote)
        self.approvals.decided.connect(lambda _id, _ok: self.refresh_list())
        # The builder scrolls on a short screen (a 768 px laptop) instead of making the
        # window taller than the screen.
        self.builder_scroll = QScrollArea()
        self.builder_scroll.setWidget(self.builder)
        self.builder_scroll.setWidgetResizable(True)
        self.builder_scroll.setFrameShape(QFrame.Shape.NoFrame)
        for page in (self.table, self.empty, self.picker, self.builder_scroll, self.approvals):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(header)
        layout.addWidget(self.stack, 1)

    def _picker_page(self) -> Card:
        card = Card(self.tr("New quote for…"))
        hint = QLabel(self.tr("Type part of the customer's name, ↑↓ to pick, Enter to start."))
        hint.setObjectName("muted")
        self.customer_search = QLineEdit()
        self.customer_search.setPlaceholderText(self.tr("Customer name"))
        self.customer_search.returnPressed.connect(self._on_customer_chosen)
        self.customer_list = QListWidget()
        self.customer_list.itemActivated.connect(lambda _i: self._on_customer_chosen())
        self._picker_debounce = QTimer(self)
        self._picker_debounce.setSingleShot(True)
        self._picker_debounce.setInterval(150)
        self._picker_debounce.timeout.connect(self._search_customers)
        self.customer_search.textChanged.connect(self._picker_debounce.start)
        back = QPushButton(self.tr("Back to quotes"))
        back.clicked.connect(self.show_list)
        card.body.addWidget(hint)
        card.body.addWidget(self.customer_search)
        card.body.addWidget(self.customer_list, 1)
        card.body.addWidget(back, 0, Qt.AlignmentFlag.AlignRight)
        return card

    # -- navigation -------------------------------------------------------------------------
    @property
    def rows(self) -> list[QuoteRow]:
        """The quotes the list shows (loaded on a reader thread)."""
        return list(self._rows)

    def show_builder(self) -> None:
        """"New quote": pick the customer first (the builder needs one)."""
        self.stack.setCurrentWidget(self.picker)
        self.customer_search.setFocus()
        self._search_customers()

    def new_quote_for(self, customer_id: str, opportunity_id: str | None = None) -> None:
        """Start a draft for a customer (and opportunity) and show it in the builder."""
        self.stack.setCurrentWidget(self.builder_scroll)
        self.builder.start_new(customer_id, opportunity_id)

    def open_quote(self, quote_id: str) -> None:
        self.stack.setCurrentWidget(self.builder_scroll)
        self.builder.open_quote(quote_id)

    def show_approvals(self) -> None:
        self.stack.setCurrentWidget(self.approvals)
        self.approvals.refresh()

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.table if self._rows else self.empty)
        self.refresh_list()

    # -- customer picker --------------------------------------------------------------------
    def _search_customers(self) -> None:
        db, owner, text = (self._services.db, self._services.owner_filter,
                           self.customer_search.text())
        self._tasks.read(lambda: customer_choices(db, text, owner), self._on_choices)

    def _on_choices(self, choices: list[tuple[str, str]]) -> None:
        self._choices = choices
        self.customer_list.clear()
        for _id, name in choices:
            QListWidgetItem(name, self.customer_list)
        if choices:
            self.customer_list.setCurrentRow(0)

    def _on_customer_chosen(self) -> None:
        row = self.customer_list.currentRow()
        if 0 <= row < len(self._choices):
            self.new_quote_for(self._choices[row][0])

    # -- list -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_list()
        if self.stack.currentWidget() is self.approvals:
            self.approvals.refresh()

    def refresh_list(self) -> None:
        """Expire quotes past their validity (a local write, no follow-up), then list."""
        db, owner, quotes = self._services.db, self._services.owner_filter, self._services.quotes

        def load() -> list[QuoteRow]:
            quotes.expire_due()
            return quote_list(db, owner)

        self._tasks.write(load, self._on_loaded)

    def _on_loaded(self, rows: list[QuoteRow]) -> None:
        self._rows = rows
        self.table.clear()
        fmt = self._fmt
        for r in rows:
            item = QTreeWidgetItem(self.table, [
                r.display_number, r.customer_name, labels.quote_status(r.status),
                fmt.money(r.grand_total, r.currency), fmt.date(r.issued_on),
                fmt.date(r.valid_until)])
            item.setData(0, Qt.ItemDataRole.UserRole, r.id)
        if self.stack.currentWidget() in (self.table, self.empty):
            self.stack.setCurrentWidget(self.table if rows else self.empty)
