"""Return a customer to the shared pool: a reason from the server's list is required, a note
is optional. The request is written on the writer thread and travels with the next sync."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.services.pool import PoolService
from ui.dialogs.pool_request import PoolRequestDialog
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.pool import return_reasons


def compose_reason(code: str, note: str) -> str:
    """What the request carries: the reason's code, then the rep's note if any."""
    note = " ".join(note.split())
    return f"{code}: {note}" if note else code


class ReturnToPoolDialog(PoolRequestDialog):
    """Signals:
        customer_returned(str): the return was recorded (the customer's id).
    """

    customer_returned = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager, customer_id: str,
                 customer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(
            services, tasks, customer_id, title=self.tr("Return to pool"),
            question=self.tr("Give “{name}” back to the shared pool? Other reps can then "
                             "claim it.").format(name=customer_name),
            action=self.tr("Return to pool"), known_refusals=("reason_required", "not_owner"),
            parent=parent)
        self.setObjectName("returnToPoolDialog")
        self.reason = QComboBox()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.addItem(self.tr("Choose a reason…"), None)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("Optional: what the next rep should know"))
        self.note.setMaxLength(300)
        self.form.addRow(self.tr("&Reason"), self.reason)
        self.form.addRow(self.tr("&Note"), self.note)
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
            self.fail(self.tr("Choose a reason for returning the customer."))
            self.reason.setFocus()
            return
        note = self.note.text()
        if code == "other" and not note.strip():
            self.fail(self.tr("Say why in the note."))
            self.note.setFocus()
            return
        reason = compose_reason(str(code), note)
        pool, customer_id = PoolService(self._services.ctx), self.customer_id
        self.send(lambda: pool.give_back(customer_id, reason))

    def request_recorded(self) -> None:
        self.customer_returned.emit(self.customer_id)
