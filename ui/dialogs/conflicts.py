"""Open conflicts, side by side: my value and theirs, per field, with Keep mine / Keep theirs."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import labels
from ui.errors import show_error
from ui.queries.conflicts import ConflictRow, open_conflicts, resolve
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import EmptyState


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class ConflictsDialog(QDialog):
    """Signals:
        conflict_resolved(str): a conflict was resolved (its id).
    """

    conflict_resolved = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self.rows: list[ConflictRow] = []
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.resize(1040, 460)
        intro = QLabel(self.tr(
            "Someone else changed the same field while you were offline. FieldSales kept one "
            "value; choose which one is right. Your choice syncs to everyone."))
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            self.tr("Record"), self.tr("Field"), self.tr("Mine"), self.tr("Theirs"),
            self.tr("Changed by"), ""])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(5, 220)
        self.table.setColumnWidth(1, 90)
        self.table.setColumnWidth(2, 190)
        self.table.setColumnWidth(3, 190)
        self.table.setColumnWidth(4, 100)
        self.empty = EmptyState("check", self.tr("No conflicts"),
                                self.tr("Everything you changed offline merged cleanly."))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.addWidget(intro)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        db, me = self._services.db, self._services.user.id
        self._tasks.read(lambda: open_conflicts(db, me), self._on_loaded)

    def _on_loaded(self, rows: list[ConflictRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            record = f"{labels.entity(row.entity)} · {row.customer_name or row.entity_id[:8]}"
            items = [record, labels.field_name(row.field or ""), _show(row.mine),
                     _show(row.theirs), row.other_user or "—"]
            for col, text in enumerate(items):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col == 2:
                    item.setForeground(Qt.GlobalColor.darkBlue)
                self.table.setItem(i, col, item)
            actions = QWidget()
            box = QHBoxLayout(actions)
            box.setContentsMargins(4, 2, 4, 2)
            mine = QPushButton(self.tr("Keep mine"))
            mine.setObjectName(f"keepMine{i}")
            theirs = QPushButton(self.tr("Keep theirs"))
            theirs.setObjectName(f"keepTheirs{i}")
            mine.clicked.connect(lambda _c=False, cid=row.id: self.resolve(cid, "mine"))
            theirs.clicked.connect(lambda _c=False, cid=row.id: self.resolve(cid, "theirs"))
            box.addWidget(mine)
            box.addWidget(theirs)
            self.table.setCellWidget(i, 5, actions)
        self.stack.setCurrentWidget(self.table if rows else self.empty)

    def resolve(self, conflict_id: str, keep: str) -> None:
        db, me = self._services.db, self._services.user.id
        self._tasks.write(lambda: resolve(db, conflict_id, keep, me),
                          lambda _r: self._on_resolved(conflict_id),
                          lambda exc: show_error(self, exc))

    def _on_resolved(self, conflict_id: str) -> None:
        self.conflict_resolved.emit(conflict_id)
        self.reload()
