"""The global search (Ctrl+K): customers, contacts, opportunities and quotes as you type."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.search import SearchHit, search
from ui import labels, theme
from ui.services import AppServices
from ui.tasks import TaskManager

DELAY_MS = 150
_ICONS = {"customer": "building", "contact": "customers", "opportunity": "opportunities",
          "quote": "quotes"}


class SearchPopup(QDialog):
    """Signals:
        hit_chosen(object): the user picked a SearchHit.
        results_shown(int): the list now shows the hits of the latest query (their count).
    """

    hit_chosen = Signal(object)
    results_shown = Signal(int)

    def __init__(self, services: AppServices, tasks: TaskManager,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.FramelessWindowHint | Qt.WindowType.Popup)
        self._services = services
        self._tasks = tasks
        self._generation = 0
        self.setObjectName("searchDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        frame = QFrame()
        frame.setObjectName("searchPopup")
        self.input = QLineEdit()
        self.input.setObjectName("globalSearch")
        self.input.setPlaceholderText(self.tr("Search customers, contacts, opportunities, "
                                              "quotes…"))
        self.input.addAction(theme.icon("search", theme.MUTED, 16),
                             QLineEdit.ActionPosition.LeadingPosition)
        self.input.setStyleSheet("QLineEdit { font-size: 15px; padding: 8px; border: none; "
                                 "border-bottom: 1px solid #e5e7eb; border-radius: 0; }")
        self.input.setAccessibleName(self.tr("Global search"))
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.hint = QLabel(self.tr("Type at least one character. ↑↓ to move, Enter to open, "
                                   "Esc to close."))
        self.hint.setObjectName("muted")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(10, 10, 10, 10)
        inner.addWidget(self.input)
        inner.addWidget(self.results, 1)
        inner.addWidget(self.hint)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.resize(640, 420)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DELAY_MS)
        self._debounce.timeout.connect(self._run_query)
        self.input.textChanged.connect(self._debounce.start)
        self.input.installEventFilter(self)
        self.results.itemActivated.connect(self._on_item_activated)

    def popup(self, anchor: QWidget) -> None:
        top_left = anchor.mapToGlobal(anchor.rect().topLeft())
        self.move(top_left.x() + (anchor.width() - self.width()) // 2, top_left.y() + 56)
        self.input.clear()
        self.results.clear()
        self.show()
        self.input.setFocus()

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.input and isinstance(event, QKeyEvent) and (
                event.type() == QEvent.Type.KeyPress):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive():
                    self._run_query()
                item = self.results.currentItem()
                if item is not None:
                    self._on_item_activated(item)
                return True
        return super().eventFilter(watched, event)

    def _run_query(self) -> None:
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        db, text = self._services.db, self.input.text()
        self._tasks.read(lambda: search(db, text, limit=8),
                         lambda hits: self._on_results(generation, hits))

    def _on_results(self, generation: int, hits: list[SearchHit]) -> None:
        if generation != self._generation:
            return
        self.results.clear()
        kinds = {"customer": self.tr("Customer"), "contact": self.tr("Contact"),
                 "opportunity": self.tr("Opportunity"), "quote": self.tr("Quote")}
        for hit in hits:
            subtitle = hit.subtitle
            if hit.kind == "opportunity":
                subtitle = labels.stage(hit.subtitle)
            elif hit.kind == "quote":
                subtitle = labels.quote_status(hit.subtitle)
            item = QListWidgetItem(theme.icon(_ICONS.get(hit.kind, "search"), theme.MUTED, 18),
                                   f"{hit.title}\n{kinds.get(hit.kind, hit.kind)}"
                                   f"{' · ' + subtitle if subtitle else ''}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
            self.hint.setText(self.tr("{n} results").format(n=len(hits)))
        else:
            self.hint.setText(self.tr("Nothing found. Try part of a name, a phone number or "
                                      "a quote number.") if self.input.text().strip() else
                              self.tr("Type at least one character."))
        self.results_shown.emit(len(hits))

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        hit = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(hit, SearchHit):
            self.hide()
            self.hit_chosen.emit(hit)
