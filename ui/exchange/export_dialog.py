"""Export customers, contacts, opportunities or quotes to .xlsx or CSV, respecting the filters
of the list the user came from; written on a worker with progress."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.exchange.export import ExportFilter, export_list
from ui import theme
from ui.errors import message_for
from ui.services import AppServices
from ui.tasks import Pool, Progress, TaskManager


class ExportDialog(QDialog):
    """Signals:
        exported(str, int): the file path written and its number of rows.
    """

    exported = Signal(str, int)

    def __init__(self, services: AppServices, tasks: TaskManager, *, entity: str = "customers",
                 customer_rowids: Sequence[int] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._rowids = customer_rowids
        self._cancel = threading.Event()
        self.setWindowTitle(self.tr("Export"))
        self.entity = QComboBox()
        for label, key in ((self.tr("Customers"), "customers"), (self.tr("Contacts"), "contacts"),
                           (self.tr("Opportunities"), "opportunities"),
                           (self.tr("Quotes"), "quotes")):
            self.entity.addItem(label, key)
        self.entity.setCurrentIndex(max(0, self.entity.findData(entity)))
        self.format = QComboBox()
        self.format.addItem(self.tr("Excel workbook (.xlsx)"), (".xlsx", "utf-8-sig"))
        self.format.addItem(self.tr("CSV, UTF-8 (.csv)"), (".csv", "utf-8-sig"))
        self.format.addItem(self.tr("CSV, GB18030 for older Excel (.csv)"), (".csv", "gb18030"))
        self.only_list = QCheckBox(self.tr("Only the {n} customers in the current list").format(
            n=f"{len(customer_rowids):,}" if customer_rowids is not None else 0))
        self.only_list.setChecked(customer_rowids is not None)
        self.only_list.setEnabled(customer_rowids is not None)
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._on_browse_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        self.bar = QProgressBar()
        self.bar.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(self.tr("Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Export"), self.entity)
        form.addRow(self.tr("Format"), self.format)
        form.addRow("", self.only_list)
        form.addRow(self.tr("File"), path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, 260)

    def _on_browse_clicked(self) -> None:
        suffix = self.format.currentData()[0]
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"),
                                              f"{self.entity.currentData()}{suffix}")
        if path:
            self.path.setText(path)

    def filter(self) -> ExportFilter:
        return ExportFilter(
            customer_rowids=self._rowids if self.only_list.isChecked() else None,
            owner_id=self._services.owner_filter)

    def start(self) -> None:
        """Write the file on a worker (the dialog stays open with a progress bar)."""
        suffix, encoding = self.format.currentData()
        text = self.path.text().strip()
        if not text:
            self.status.setText(self.tr("Choose a file to write."))
            return
        path = Path(text if text.lower().endswith(suffix) else text + suffix)
        db, entity, flt = self._services.db, str(self.entity.currentData()), self.filter()
        self._cancel.clear()
        self.bar.show()
        self.export_button.setEnabled(False)

        def report(_phase: str, done: int, total: int) -> None:
            def show() -> None:
                self.bar.setMaximum(max(total, 1))
                self.bar.setValue(done)
            self._tasks.call_in_ui(show)

        progress = Progress(report)
        progress.cancelled = self._cancel
        self._tasks.submit(
            Pool.HEAVY,
            lambda: export_list(db, entity, path, flt, progress.report, progress.cancelled,
                                encoding=encoding),
            lambda n: self._on_done(path, n), self._on_failed)

    def _on_done(self, path: Path, count: int) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("{n} rows written to {file}").format(
            n=f"{count:,}", file=path.name))
        self.status.setStyleSheet(f"color: {theme.SUCCESS}")
        self.exported.emit(str(path), count)

    def _on_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(message_for(exc))
        self.status.setStyleSheet(f"color: {theme.DANGER}")

    @override
    def reject(self) -> None:
        self._cancel.set()
        super().reject()
