"""The quote builder: a rep and a client, a catalog, and totals that follow every keystroke.

Start it from a customer (``start_new``) or an opportunity (``start_new(customer, opp)``), or
open a saved quote (``open_quote``). Lines are added from the catalog with the keyboard: type
in the search box, Up/Down to pick, Enter to add. Quantity and discount are edited in the
table; the totals update as you type (pricing is pure and runs here; it takes well under a
millisecond for 200 lines). Every database call runs on the TaskManager's executors.

Status decides what can be done: draft / pending / approved can be edited and saved (an edit
returns an approved quote to draft); an approved quote can be marked sent; a sent quote is
read-only and can be revised (same number, next version) or closed as accepted/rejected.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.enums import QuoteStatus
from app.errors import AppError
from app.quote_document import Language
from app.services.quote_views import BuilderData, builder_data, product_entry
from app.services.quotes import ApprovalPolicy, QuoteHeader, QuoteView
from app.services.views import ProductView
from ui import labels, theme
from ui.format import Formatter
from ui.quotes.line_model import (
    COL_DISCOUNT,
    COL_QTY,
    EditLine,
    QuoteLinesModel,
    parse_decimal,
)
from ui.quotes.messages import error_text
from ui.quotes.pdf_export import Seller, export_quote_pdf
from ui.services import AppServices
from ui.tasks import Pool, TaskManager
from ui.widgets.common import Card

log = logging.getLogger(__name__)

CURRENCIES = ("CNY", "USD", "EUR")
EDITABLE = (QuoteStatus.DRAFT, QuoteStatus.PENDING_APPROVAL, QuoteStatus.APPROVED)


class _LiveDelegate(QStyledItemDelegate):
    """Commits quantity and discount on every keystroke, so totals follow the typing."""

    @override
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.textEdited.connect(lambda _t: self.commitData.emit(editor))
        return editor


class QuoteBuilder(QWidget):
    """Signals:
        quote_loaded(str): a quote (new or saved) is shown; the id.
        quote_saved(str): the quote was saved; the id.
        status_changed(str, str): id and new status after submit/send/close/revise.
        pdf_exported(str): the path of a written PDF.
        error_shown(str): a message was shown to the rep (also for tests).
        customer_open_requested(str): the rep wants the quote's customer (360 view).
        closed(): the rep left the builder.
    """

    quote_loaded = Signal(str)
    quote_saved = Signal(str)
    status_changed = Signal(str, str)
    pdf_exported = Signal(str)
    error_shown = Signal(str)
    customer_open_requested = Signal(str)
    closed = Signal()

    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 seller: Seller | None = None, pdf_dir: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._fmt = fmt
        self._seller = seller or Seller()
        self._pdf_dir = pdf_dir or Path.home() / "Documents" / "FieldSales quotes"
        self._data: BuilderData | None = None
        self._policy = ApprovalPolicy()
        self._results: list[ProductView] = []
        self._dirty = False
        self._loading = False
        self.model = QuoteLinesModel(fmt)
        self.model.repriced.connect(self._on_model_repriced)
        self._build()
        self._set_enabled_for(None)

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(self.tr("New quote"))
        self.title.setObjectName("pageTitle")
        self.status_badge = QLabel()
        self.customer_label = QLabel()
        self.customer_label.setObjectName("muted")
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.status_badge)
        top.addStretch(1)
        self.customer_button = QPushButton(self.tr("Open customer"))
        self.customer_button.clicked.connect(self._on_customer_button_clicked)
        top.addWidget(self.customer_button)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(self._on_back_button_clicked)
        top.addWidget(self.back_button)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Add a product: type SKU or name, ↑↓ to pick, "
                                               "Enter to add"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(theme.icon("search", theme.MUTED, 16),
                              QLineEdit.ActionPosition.LeadingPosition)
        self.search.installEventFilter(self)
        self.search.returnPressed.connect(self.add_current_result)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._run_search)
        self.search.textChanged.connect(self._debounce.start)
        self.results = QListWidget()
        self.results.setMaximumHeight(130)
        self.results.itemActivated.connect(lambda _i: self.add_current_result())
        self.results.setVisible(False)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(_LiveDelegate(self.table))
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 110), (2, 80), (3, 110), (4, 90), (5, 60), (6, 120), (7, 80)):
            self.table.setColumnWidth(col, width)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected_line)

        lines_card = Card(self.tr("Lines"))
        lines_card.body.addWidget(self.search)
        lines_card.body.addWidget(self.results)
        lines_card.body.addWidget(self.table, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {theme.DANGER};")
        self.stock_note = QLabel()
        self.stock_note.setWordWrap(True)
        self.stock_note.setStyleSheet(f"color: {theme.WARNING};")
        lines_card.body.addWidget(self.message)
        lines_card.body.addWidget(self.stock_note)

        side = QVBoxLayout()
        side.addWidget(self._details_card())
        side.addWidget(self._totals_card())
        side.addWidget(self._actions_card())
        side.addStretch(1)

        body = QHBoxLayout()
        body.addWidget(lines_card, 3)
        body.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)  # the hosting page gives the margins
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.customer_label)
        layout.addLayout(body, 1)

    def _details_card(self) -> Card:
        card = Card(self.tr("Details"))
        form = QFormLayout()
        self.currency = QComboBox()
        self.currency.addItems(CURRENCIES)
        self.currency.currentTextChanged.connect(self._on_currency_changed)
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("中文", "zh")
        self.language.currentIndexChanged.connect(lambda _i: self._mark_dirty())
        self.valid_until = QDateEdit()
        self.valid_until.setCalendarPopup(True)
        self.valid_until.setDisplayFormat("yyyy-MM-dd")
        self.valid_until.dateChanged.connect(lambda _d: self._mark_dirty())
        self.quote_discount = QLineEdit()
        self.quote_discount.setPlaceholderText(self.tr("e.g. 5"))
        self.quote_discount.textEdited.connect(self._on_quote_discount_edited)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("Notes for the client"))
        self.notes.setMaximumHeight(60)
        self.notes.textChanged.connect(self._mark_dirty)
        self.terms = QPlainTextEdit()
        self.terms.setPlaceholderText(self.tr("Terms (one per line; empty: company terms)"))
        self.terms.setMaximumHeight(60)
        self.terms.textChanged.connect(self._mark_dirty)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("PDF language"), self.language)
        form.addRow(self.tr("Valid until"), self.valid_until)
        form.addRow(self.tr("Quote discount %"), self.quote_discount)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow(self.tr("Terms"), self.terms)
        card.body.addLayout(form)
        return card

    def _totals_card(self) -> Card:
        card = Card(self.tr("Totals"))
        grid = QGridLayout()
        self.subtotal_value = QLabel()
        self.discount_value = QLabel()
        self.tax_value = QLabel()
        self.total_value = QLabel()
        self.total_value.setObjectName("kpiValue")
        rows = ((self.tr("Subtotal"), self.subtotal_value),
                (self.tr("Discount"), self.discount_value),
                (self.tr("Tax"), self.tax_value), (self.tr("Total"), self.total_value))
        for row, (caption, value) in enumerate(rows):
            grid.addWidget(QLabel(caption), row, 0)
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(value, row, 1)
        card.body.addLayout(grid)
        self.approval_note = QLabel()
        self.approval_note.setWordWrap(True)
        self.approval_note.setObjectName("muted")
        card.body.addWidget(self.approval_note)
        return card

    def _actions_card(self) -> Card:
        card = Card(self.tr("Actions"))
        self.save_button = QPushButton(self.tr("Save draft"))
        self.save_button.clicked.connect(self.save)
        self.submit_button = QPushButton(self.tr("Submit"))
        self.submit_button.setObjectName("primary")
        self.submit_button.clicked.connect(self.submit)
        self.send_button = QPushButton(self.tr("Mark sent"))
        self.send_button.clicked.connect(self.mark_sent)
        self.pdf_button = QPushButton(self.tr("Export PDF"))
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.revise_button = QPushButton(self.tr("Revise (new version)"))
        self.revise_button.clicked.connect(self.revise)
        self.accept_button = QPushButton(self.tr("Client accepted"))
        self.accept_button.clicked.connect(lambda: self.close_quote(True))
        self.reject_button = QPushButton(self.tr("Client declined"))
        self.reject_button.clicked.connect(lambda: self.close_quote(False))
        self.version_label = QLabel()
        self.version_label.setObjectName("muted")
        self.version_label.setWordWrap(True)
        for button in (self.save_button, self.submit_button, self.send_button, self.pdf_button,
                       self.revise_button, self.accept_button, self.reject_button):
            card.body.addWidget(button)
        card.body.addWidget(self.version_label)
        return card

    # -- keyboard catalog search -------------------------------------------------------------
    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and self.results.count():
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None:
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _run_search(self) -> None:
        text = self.search.text()
        if not text.strip():
            self._on_results([])
            return
        catalog = self._services.catalog
        self._tasks.read(lambda: catalog.search(text, limit=30), self._on_results)

    def _on_results(self, rows: list[ProductView]) -> None:
        self._results = rows
        self.results.clear()
        fmt = self._fmt
        for p in rows:
            stock = fmt.number(p.stock_on_hand) if p.stock_on_hand is not None else "—"
            name = f"{p.name} · {p.name_zh}" if p.name_zh else p.name
            QListWidgetItem(f"{p.sku}   {name}   {fmt.money(p.list_price, p.currency)}   "
                            + self.tr("stock {n}").format(n=stock), self.results)
        self.results.setVisible(bool(rows))
        if rows:
            self.results.setCurrentRow(0)

    def add_current_result(self) -> None:
        """Add the highlighted search result as a line (quantity 1)."""
        row = self.results.currentRow()
        if self.model.read_only or not 0 <= row < len(self._results):
            return
        product = self._results[row]
        if product.currency != self.currency.currentText():
            self._show_error(self.tr("{sku} is priced in {cur}; this quote is in {quote}. "
                                     "Pick a product from the {quote} price list.").format(
                sku=product.sku, cur=product.currency, quote=self.currency.currentText()))
            return
        db = self._services.db
        self._tasks.read(lambda: product_entry(db, product.id), self._on_product_loaded,
                         self._on_error)

    def _on_product_loaded(self, entry: tuple[ProductView, Any]) -> None:
        product, price = entry
        row = self.model.add_line(EditLine.of(product, price))
        self._mark_dirty()
        self.search.clear()
        self._on_results([])
        self.table.setCurrentIndex(self.model.index(row, COL_QTY))
        self.search.setFocus()

    def remove_selected_line(self) -> None:
        index = self.table.currentIndex()
        if index.isValid() and not self.model.read_only:
            self.model.remove_line(index.row())
            self._mark_dirty()

    def set_quantity(self, row: int, text: str) -> None:
        """Programmatic edit (tests, shortcuts): the same path as typing in the cell."""
        self.model.setData(self.model.index(row, COL_QTY), text)

    def set_line_discount(self, row: int, text: str) -> None:
        self.model.setData(self.model.index(row, COL_DISCOUNT), text)

    # -- loading ----------------------------------------------------------------------------
    def start_new(self, customer_id: str, opportunity_id: str | None = None,
                  currency: str = "CNY") -> None:
        """Create a draft for the customer (and opportunity) and show it."""
        quotes = self._services.quotes
        self._tasks.write(lambda: quotes.create_draft(customer_id, opportunity_id, currency),
                          lambda view: self.open_quote(view.id), self._on_error)

    def open_quote(self, quote_id: str) -> None:
        db, quotes = self._services.db, self._services.quotes

        def load() -> tuple[BuilderData, ApprovalPolicy]:
            return builder_data(db, quote_id), quotes.policy()

        self._tasks.read(load, self._on_loaded, self._on_error)

    def _on_loaded(self, loaded: tuple[BuilderData, ApprovalPolicy]) -> None:
        data, self._policy = loaded
        self._data = data
        q = data.quote
        self._loading = True
        try:
            self.currency.setCurrentText(q.currency)
            self.language.setCurrentIndex(1 if q.language == "zh" else 0)
            valid = q.valid_until or date.today() + timedelta(days=30)
            self.valid_until.setDate(QDate(valid.year, valid.month, valid.day))
            self.notes.setPlainText(q.notes or "")
            self.terms.setPlainText(q.terms or "")
            self.quote_discount.setText(
                "" if q.discount_kind == "none" else format(q.discount_value.normalize(), "f"))
            self.model.currency = q.currency
            self.model.quote_discount_text = self.quote_discount.text()
            self.model.read_only = q.status not in EDITABLE
            self.model.set_lines([
                EditLine(b.line.product_id or "", b.line.sku, b.line.description, b.line.unit,
                         b.product.tax_rate if b.product else b.line.tax_rate,
                         b.product.stock_on_hand if b.product else None, b.price,
                         format(b.line.quantity.normalize(), "f"),
                         "" if b.line.discount_kind == "none"
                         else format(b.line.discount_value.normalize(), "f"))
                for b in data.lines])
        finally:
            self._loading = False
        self._dirty = False
        self._show_header(q, data)
        self._set_enabled_for(q)
        self._show_error("")
        self.quote_loaded.emit(q.id)

    def _show_header(self, q: QuoteView, data: BuilderData) -> None:
        self.title.setText(self.tr("Quote {number}").format(number=q.display_number))
        self.status_badge.setText(labels.quote_status(q.status))
        color = {QuoteStatus.PENDING_APPROVAL: theme.WARNING, QuoteStatus.APPROVED: theme.SUCCESS,
                 QuoteStatus.SENT: theme.ACCENT, QuoteStatus.ACCEPTED: theme.SUCCESS,
                 QuoteStatus.REJECTED: theme.DANGER}.get(QuoteStatus(q.status), theme.MUTED)
        self.status_badge.setStyleSheet(theme.badge_style(color))
        who = data.customer_name
        if data.opportunity_name:
            who = self.tr("{customer} · opportunity {opp}").format(
                customer=who, opp=data.opportunity_name)
        self.customer_label.setText(who)
        others = [v.display_number for v in data.revisions if v.id != q.id]
        text = self.tr("Other versions (read-only): {list}").format(list=", ".join(others)) \
            if others else ""
        if q.decision_comment:
            text = (text + "\n" if text else "") + self.tr("Manager: {comment}").format(
                comment=q.decision_comment)
        self.version_label.setText(text)

    def _set_enabled_for(self, q: QuoteView | None) -> None:
        status = q.status if q else None
        editable = status in EDITABLE
        for widget in (self.search, self.results, self.currency, self.language,
                       self.valid_until, self.quote_discount, self.notes, self.terms,
                       self.save_button):
            widget.setEnabled(editable)
        self.submit_button.setEnabled(status == QuoteStatus.DRAFT)
        self.send_button.setEnabled(status == QuoteStatus.APPROVED)
        self.pdf_button.setEnabled(q is not None)
        closed = (QuoteStatus.SENT, QuoteStatus.ACCEPTED, QuoteStatus.REJECTED,
                  QuoteStatus.EXPIRED)
        self.revise_button.setEnabled(status in closed)
        self.accept_button.setEnabled(status == QuoteStatus.SENT)
        self.reject_button.setEnabled(status == QuoteStatus.SENT)

    # -- editing ----------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        if not self._loading:
            self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _on_currency_changed(self, currency: str) -> None:
        if self._loading:
            return
        self.model.set_currency(currency)
        self._mark_dirty()

    def _on_quote_discount_edited(self, text: str) -> None:
        self.model.set_quote_discount(text)
        self._mark_dirty()

    def _on_model_repriced(self) -> None:
        if not self._loading and self.sender() is self.model:
            self._mark_dirty()
        self._show_totals()

    def _show_totals(self) -> None:
        pricing, fmt, cur = self.model.pricing, self._fmt, self.model.currency
        errors = self.model.errors()
        if pricing is None:
            for label in (self.subtotal_value, self.discount_value, self.tax_value,
                          self.total_value):
                label.setText("—")
        else:
            t = pricing.totals
            self.subtotal_value.setText(fmt.money(t.subtotal, cur))
            self.discount_value.setText(fmt.money(-t.discount_total, cur)
                                        if t.discount_total else fmt.money(t.discount_total, cur))
            self.tax_value.setText(fmt.money(t.tax_total, cur))
            self.total_value.setText(fmt.money(t.grand_total, cur))
        problems = [self.tr("Line {n}: {text}").format(n=i + 1, text=error_text(e))
                    for i, e in errors]
        if self.model.quote_error is not None:
            problems.append(error_text(self.model.quote_error))
        self.message.setText("\n".join(problems))
        warnings = self.model.stock_warnings()
        lines = self.model.lines()
        self.stock_note.setText("\n".join(
            self.tr("Line {n}: {sku} has only {stock} in stock (as of the last sync).").format(
                n=i + 1, sku=lines[i].sku, stock=self._fmt.number(s))
            for i, s in sorted(warnings.items())))
        self.approval_note.setText(self._approval_text())

    def _approval_text(self) -> str:
        pricing = self.model.pricing
        if pricing is None or not pricing.lines:
            return ""
        given = max((ln.discount / ln.gross * 100 for ln in pricing.lines if ln.gross > 0),
                    default=Decimal(0))
        policy = self._policy
        if policy.needs_approval(given, pricing.totals.grand_total):
            return self.tr("Needs manager approval (your limit: {p} % discount, "
                           "{total} total).").format(
                p=self._fmt.number(policy.max_discount_percent),
                total=self._fmt.money(policy.max_total, self.model.currency))
        return self.tr("Within your limits: approved on submit.")

    def header(self) -> QuoteHeader:
        d = self.valid_until.date()
        quote_discount = self.quote_discount.text().strip()
        value = parse_decimal(quote_discount)
        return QuoteHeader(
            currency=self.currency.currentText(), valid_until=date(d.year(), d.month(), d.day()),
            notes=self.notes.toPlainText(), terms=self.terms.toPlainText(),
            language=str(self.language.currentData()),
            discount_kind="percent" if value else "none",
            discount_value=value if value is not None else Decimal(0))

    def _on_back_button_clicked(self) -> None:
        """Leave the builder; unsaved edits are saved first (a bad line keeps the rep here,
        with the reason, rather than losing the work)."""
        quote_id = self._quote_id()
        if quote_id is None or not self._dirty or self.model.read_only:
            self.closed.emit()
            return
        quotes, header, drafts = self._services.quotes, self.header(), self.model.drafts()

        def saved(view: QuoteView) -> None:
            self._dirty = False
            self.quote_saved.emit(view.id)
            self.closed.emit()

        self._tasks.write(lambda: quotes.save(quote_id, header, drafts), saved, self._on_error)

    def _on_customer_button_clicked(self) -> None:
        if self._data is not None:
            self.customer_open_requested.emit(self._data.quote.customer_id)

    # -- actions ----------------------------------------------------------------------------
    def _quote_id(self) -> str | None:
        return self._data.quote.id if self._data else None

    def save(self) -> None:
        """Save the draft as shown (header and lines, one transaction)."""
        quote_id = self._quote_id()
        if quote_id is None or self.model.read_only:
            return
        if not self._dirty:
            # Nothing changed: saving again would send an approved quote back to draft.
            self.quote_saved.emit(quote_id)
            return
        quotes, header, drafts = self._services.quotes, self.header(), self.model.drafts()
        self._tasks.write(lambda: quotes.save(quote_id, header, drafts), self._on_saved,
                          self._on_error)

    def _on_saved(self, view: QuoteView) -> None:
        self._dirty = False
        self.quote_saved.emit(view.id)
        self.open_quote(view.id)

    def submit(self) -> None:
        """Save (if edited) and submit: approved, or pending a manager's approval."""
        quote_id = self._quote_id()
        if quote_id is None:
            return
        quotes, header, drafts, dirty = (self._services.quotes, self.header(),
                                         self.model.drafts(), self._dirty)

        def work() -> QuoteView:
            if dirty:
                quotes.save(quote_id, header, drafts)
            return quotes.submit(quote_id)

        self._tasks.write(work, self._on_status, self._on_error)

    def mark_sent(self) -> None:
        self._run_status(lambda q, i: q.mark_sent(i))

    def revise(self) -> None:
        self._run_status(lambda q, i: q.revise(i))

    def close_quote(self, accepted: bool) -> None:
        self._run_status(lambda q, i: q.close(i, accepted))

    def _run_status(self, action: Any) -> None:
        quote_id = self._quote_id()
        if quote_id is None:
            return
        quotes = self._services.quotes
        self._tasks.write(lambda: action(quotes, quote_id), self._on_status, self._on_error)

    def _on_status(self, view: QuoteView) -> None:
        self._dirty = False
        self.status_changed.emit(view.id, view.status)
        self.open_quote(view.id)

    def export_pdf(self, path: Path | None = None) -> None:
        """Render the saved quote to PDF on the heavy executor."""
        if self._data is None:
            return
        q = self._data.quote
        target = path or self._pdf_dir / f"{q.display_number}.pdf"
        db, seller = self._services.db, self._seller
        lang: Language = "zh" if self.language.currentData() == "zh" else "en"
        self._tasks.submit(Pool.HEAVY, lambda: export_quote_pdf(db, q.id, target, seller, lang),
                           lambda written: self.pdf_exported.emit(str(written)), self._on_error)

    # -- errors -----------------------------------------------------------------------------
    def _on_error(self, error: BaseException) -> None:
        if not isinstance(error, AppError):
            log.error("quote builder task failed", exc_info=error)
            self._tasks.failed.emit(error)
            return
        self._show_error(error_text(error))

    def _show_error(self, text: str) -> None:
        if text:
            existing = self.message.text()
            self.message.setText(text if not existing else f"{existing}\n{text}")
            self.error_shown.emit(text)
        else:
            self._show_totals()
