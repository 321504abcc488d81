"""Return a customer to the shared pool: a reason from the server's list is required, a note
is optional. The request is written on the writer thread and travels with the next sync."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.pool import PoolSettings
from app.services.pool import PoolService
from ui.errors import show_error
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.pool import refusal_text, return_reasons


def compose_reason(code: str, note: str) -> str:
    """What the request carries: the reason's code, then the rep's note if any."""
    note = " ".join(note.split())
    return f"{code}: {note}" if note else code


class ReturnToPoolDialog(QDialog):
    """Signals:
        customer_returned(str): the return was recorded (the customer's id).
    """

    customer_returned = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager, customer_id: str,
                 customer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnToPoolDialog")
        self.setWindowTitle(self.tr("Return to pool"))
        self._services = services
        self._tasks = tasks
        self.customer_id = customer_id
        question = QLabel(self.tr("Give “{name}” back to the shared pool? Other reps can then "
                                  "claim it.").format(name=customer_name))
        question.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.addItem(self.tr("Choose a reason…"), None)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("Optional: what the next rep should know"))
        self.note.setMaxLength(300)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Reason"), self.reason)
        form.addRow(self.tr("&Note"), self.note)
        self.ok_button = QPushButton(self.tr("Return to pool"))
        self.ok_button.setObjectName("primary")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.addWidget(question)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)
        db = services.db
        tasks.read(lambda: return_reasons(db), self._on_reasons_loaded)

    def _on_reasons_loaded(self, reasons: list[tuple[str, str, str]]) -> None:
        chinese = QLocale().language() == QLocale.Language.Chinese
        for code, en, zh in reasons:
            self.reason.addItem(zh if chinese and zh else en, code)
        if not reasons:  # the list has not synced yet: a note then says why
            self.reason.addItem(self.tr("Other (say why in the note)"), "other")

    def submit(self) -> None:
        code = self.reason.currentData()
        if code is None:
            self._fail(self.tr("Choose a reason for returning the customer."))
            self.reason.setFocus()
            return
        note = self.note.text()
        if code == "other" and not note.strip():
            self._fail(self.tr("Say why in the note."))
            self.note.setFocus()
            return
        reason = compose_reason(str(code), note)
        pool, customer_id = PoolService(self._services.ctx), self.customer_id
        self.ok_button.setEnabled(False)
        self._tasks.write(lambda: pool.give_back(customer_id, reason), self._on_done,
                          self._on_failed)

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _on_done(self, _request: object) -> None:
        self.customer_returned.emit(self.customer_id)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        code = getattr(error, "code", None)
        if isinstance(code, str) and code in ("reason_required", "not_owner"):
            self._fail(refusal_text(code, PoolSettings()))  # these texts need no parameter
            return
        show_error(self, error)
