"""Protect one of the rep's customers from automatic recycling until a date (business rules:
a capped number of customers, for a capped period). The request is written on the writer
thread; the server grants it at the next sync, or refuses it with a reason the pool page shows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

from app.pool import PoolSettings
from app.pool_countdown import pool_settings
from app.services.pool import PoolService
from ui.dialogs.pool_request import PoolRequestDialog
from ui.services import AppServices
from ui.tasks import TaskManager


def protection_end(day: QDate) -> datetime:
    """Protection runs to the end of the chosen day (UTC), the way reps read a date."""
    return datetime(day.year(), day.month(), day.day(), 23, 59, tzinfo=UTC)


class ProtectDialog(PoolRequestDialog):
    """Signals:
        protection_requested(str): the request was recorded (the customer's id).
    """

    protection_requested = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager, customer_id: str,
                 customer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(
            services, tasks, customer_id, title=self.tr("Protect from the pool"),
            question=self.tr("Keep “{name}” from being recycled to the pool until the date "
                             "below. The server confirms at the next sync.").format(
                                 name=customer_name),
            action=self.tr("Protect"),
            known_refusals=("max_protected", "max_protection", "not_owner"), parent=parent)
        self.setObjectName("protectDialog")
        self.until = QDateEdit()
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")  # unambiguous in every locale
        self.until.setAccessibleName(self.tr("Protected until"))
        self.limits = QLabel()
        self.limits.setObjectName("muted")
        self.limits.setWordWrap(True)
        self.form.addRow(self.tr("Protected &until"), self.until)
        self.notes.addWidget(self.limits)
        self._set_range(services.db.clock.now())
        db = services.db
        tasks.read(lambda: pool_settings(db), self._on_settings_loaded)

    def _set_range(self, now: datetime) -> None:
        today = QDate(now.year, now.month, now.day)
        last = today.addDays(max(1, self.settings.max_protection.days))
        self.until.setDateRange(today.addDays(1), last)
        self.until.setDate(min(today.addDays(14), last))

    def _on_settings_loaded(self, settings: PoolSettings) -> None:
        self.settings = settings
        self._set_range(self._services.db.clock.now())
        self.limits.setText(self.tr("Your team allows {n} protected customers per rep, each for "
                                    "at most {days} days.").format(
                                        n=settings.max_protected,
                                        days=settings.max_protection.days))

    def submit(self) -> None:
        until = protection_end(self.until.date())
        pool, customer_id = PoolService(self._services.ctx), self.customer_id
        self.send(lambda: pool.protect(customer_id, until))

    def request_recorded(self) -> None:
        self.protection_requested.emit(self.customer_id)


__all__ = ["ProtectDialog", "protection_end"]
