"""The manager's approval queue: quotes waiting for a decision, approve or reject with a
comment. Decisions are local writes that travel to the rep with the next sync."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.services.quote_views import ApprovalRow, approval_queue
from app.services.quotes import QuoteView
from ui import theme
from ui.format import Formatter
from ui.quotes.messages import error_text
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import EmptyState, page_header

log = logging.getLogger(__name__)


class ApprovalQueue(QWidget):
    """Signals:
        decided(str, bool): a quote id and whether it was approved.
        loaded(int): the queue was (re)loaded with this many quotes.
        quote_open_requested(str): the manager wants to read the quote in the builder.
    """

    decided = Signal(str, bool)
    loaded = Signal(int)
    quote_open_requested = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._fmt = fmt
        self._rows: list[ApprovalRow] = []
        header, actions = page_header(self.tr("Approvals"),
                                      self.tr("Quotes above a rep's discount or total limit."))
        self.count = QLabel()
        self.count.setObjectName("muted")
        actions.addWidget(self.count)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setUniformRowHeights(True)
        self.table.setHeaderLabels([self.tr("Quote"), self.tr("Customer"), self.tr("Rep"),
                                    self.tr("Max discount"), self.tr("Total"),
                                    self.tr("Submitted")])
        for col, width in enumerate((200, 280, 120, 110, 140)):
            self.table.setColumnWidth(col, width)
        self.table.currentItemChanged.connect(lambda _c, _p: self._update_buttons())
        self.table.itemActivated.connect(lambda item, _c: self.quote_open_requested.emit(
            str(item.data(0, Qt.ItemDataRole.UserRole))))
        self.empty = EmptyState("quotes", self.tr("Nothing to approve"),
                                self.tr("Quotes your reps submit above their limits appear "
                                        "here after the next sync."))
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Comment for the rep (required to reject)"))
        self.comment.textChanged.connect(lambda _t: self._update_buttons())
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.setObjectName("primary")
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        self.message = QLabel()
        self.message.setStyleSheet(f"color: {theme.DANGER};")
        bar = QHBoxLayout()
        bar.addWidget(self.comment, 1)
        bar.addWidget(self.approve_button)
        bar.addWidget(self.reject_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)  # the hosting page gives the margins
        layout.setSpacing(12)
        layout.addWidget(header)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        self._update_buttons()

    def refresh(self) -> None:
        db = self._services.db
        self._tasks.read(lambda: approval_queue(db), self._on_loaded, self._on_error)

    def rows(self) -> list[ApprovalRow]:
        return list(self._rows)

    def _on_loaded(self, rows: list[ApprovalRow]) -> None:
        current = self.selected_id()
        self._rows = rows
        self.table.clear()
        fmt = self._fmt
        for r in rows:
            item = QTreeWidgetItem(self.table, [
                r.display_number, r.customer_name, r.owner_name,
                f"{fmt.number(r.max_discount_percent)} %", fmt.money(r.grand_total, r.currency),
                fmt.datetime(r.submitted_at)])
            item.setData(0, Qt.ItemDataRole.UserRole, r.id)
            if r.id == current:
                self.table.setCurrentItem(item)
        first = self.table.topLevelItem(0)
        if self.table.currentItem() is None and first is not None:
            self.table.setCurrentItem(first)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self.count.setText(self.tr("{n} waiting").format(n=len(rows)))
        self._update_buttons()
        self.loaded.emit(len(rows))

    def selected_id(self) -> str | None:
        item = self.table.currentItem()
        return str(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.approve_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen and bool(self.comment.text().strip()))

    def decide(self, approve: bool) -> None:
        quote_id = self.selected_id()
        if quote_id is None:
            return
        quotes, comment = self._services.quotes, self.comment.text()
        self._tasks.write(lambda: quotes.decide(quote_id, approve, comment),
                          self._on_decided, self._on_error)

    def _on_decided(self, view: QuoteView) -> None:
        self.comment.clear()
        self.message.clear()
        self.decided.emit(view.id, view.status == "approved")
        self.refresh()

    def _on_error(self, error: BaseException) -> None:
        if isinstance(error, AppError):
            self.message.setText(error_text(error))
            return
        log.error("approval task failed", exc_info=error)
        self._tasks.failed.emit(error)
