"""Protect one of the rep's customers from automatic recycling until a date (business rules:
a capped number of customers, for a capped period). The request is written on the writer
thread; the server grants it at the next sync, or refuses it with a reason the pool page shows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.pool import PoolSettings
from app.pool_countdown import pool_settings
from app.services.pool import PoolService
from ui.errors import show_error
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.pool import refusal_text

_KNOWN_REFUSALS = ("max_protected", "max_protection", "not_owner")


def protection_end(day: QDate) -> datetime:
    """Protection runs to the end of the chosen day (UTC), the way reps read a date."""
    return datetime(day.year(), day.month(), day.day(), 23, 59, tzinfo=UTC)


class ProtectDialog(QDialog):
    """Signals:
        protection_requested(str): the request was recorded (the customer's id).
    """

    protection_requested = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager, customer_id: str,
                 customer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("protectDialog")
        self.setWindowTitle(self.tr("Protect from the pool"))
        self._services, self._tasks = services, tasks
        self.customer_id = customer_id
        self._settings = PoolSettings()
        question = QLabel(self.tr("Keep “{name}” from being recycled to the pool until the date "
                                  "below. The server confirms at the next sync.").format(
                                      name=customer_name))
        question.setWordWrap(True)
        self.until = QDateEdit()
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")  # unambiguous in every locale
        self.until.setAccessibleName(self.tr("Protected until"))
        self.limits = QLabel()
        self.limits.setObjectName("muted")
        self.limits.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Protected &until"), self.until)
        self.ok_button = QPushButton(self.tr("Protect"))
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
        layout.addWidget(self.limits)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)
        self._set_range(services.db.clock.now())
        db = services.db
        tasks.read(lambda: pool_settings(db), self._on_settings_loaded)

    def _set_range(self, now: datetime) -> None:
        today = QDate(now.year, now.month, now.day)
        last = today.addDays(max(1, self._settings.max_protection.days))
        self.until.setDateRange(today.addDays(1), last)
        self.until.setDate(min(today.addDays(14), last))

    def _on_settings_loaded(self, settings: PoolSettings) -> None:
        self._settings = settings
        self._set_range(self._services.db.clock.now())
        self.limits.setText(self.tr("Your team allows {n} protected customers per rep, each for "
                                    "at most {days} days.").format(
                                        n=settings.max_protected,
                                        days=settings.max_protection.days))

    def submit(self) -> None:
        until = protection_end(self.until.date())
        pool, customer_id = PoolService(self._services.ctx), self.customer_id
        self.ok_button.setEnabled(False)
        self._tasks.write(lambda: pool.protect(customer_id, until), self._on_done,
                          self._on_failed)

    def _on_done(self, _request: object) -> None:
        self.protection_requested.emit(self.customer_id)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        code = getattr(error, "code", None)
        if isinstance(code, str) and code in _KNOWN_REFUSALS:
            self.error.setText(refusal_text(code, self._settings))
            self.error.show()
            return
        show_error(self, error)


__all__ = ["ProtectDialog", "protection_end"]
