"""Log a follow-up in one step: what happened, and (optionally) when to follow up next."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.enums import ActivityKind
from app.services.activities import ActivityInput
from app.services.views import ActivityView
from ui import labels
from ui.errors import show_error
from ui.services import AppServices
from ui.tasks import TaskManager

FOLLOW_UP_CHOICES = (ActivityKind.CALL, ActivityKind.VISIT, ActivityKind.MEETING,
                     ActivityKind.EMAIL, ActivityKind.WECHAT)


class FollowUpDialog(QDialog):
    """Signals:
        follow_up_logged(str): a follow-up was saved for this customer id.
    """

    follow_up_logged = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager, customer_id: str,
                 customer_name: str, task: ActivityView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._customer_id = customer_id
        self._task = task
        self.setObjectName("followUpDialog")
        self.setWindowTitle(self.tr("Log follow-up"))
        self.setMinimumWidth(460)
        who = QLabel(customer_name)
        who.setObjectName("sectionTitle")
        self.kind = QComboBox()
        for kind in FOLLOW_UP_CHOICES:
            self.kind.addItem(labels.activity_kind(kind), kind.value)
        self.subject = QLineEdit(task.subject if task else self.tr("Follow-up call"))
        self.outcome = QPlainTextEdit()
        self.outcome.setPlaceholderText(self.tr("What was agreed? Next steps?"))
        self.outcome.setFixedHeight(80)
        self.schedule = QCheckBox(self.tr("Schedule the next follow-up"))
        self.schedule.setChecked(True)
        self.next_at = QDateTimeEdit(QDateTime.currentDateTime().addDays(3))
        self.next_at.setCalendarPopup(True)
        self.schedule.toggled.connect(self.next_at.setEnabled)
        form = QFormLayout()
        form.addRow(self.tr("Type"), self.kind)
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.schedule, self.next_at)
        self.save_button = QPushButton(self.tr("Log follow-up"))
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._on_save_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def _on_save_clicked(self) -> None:
        activities = self._services.activities
        customer_id = self._customer_id
        task_id = self._task.id if self._task else None
        kind = str(self.kind.currentData())
        subject = self.subject.text()
        outcome = self.outcome.toPlainText() or None
        next_at: datetime | None = None
        if self.schedule.isChecked():
            chosen = self.next_at.dateTime().toPython()
            assert isinstance(chosen, datetime)
            next_at = chosen.astimezone(UTC)
        now = datetime.now(UTC)

        def work() -> None:
            activities.log(ActivityInput(customer_id=customer_id, kind=kind, subject=subject,
                                         outcome=outcome, done_at=now))
            if task_id is not None:
                activities.complete(task_id, outcome=outcome, done_at=now)
            if next_at is not None:
                activities.log(ActivityInput(
                    customer_id=customer_id, kind=ActivityKind.TASK.value,
                    subject=subject, due_at=max(next_at, now + timedelta(minutes=5))))

        self.save_button.setEnabled(False)
        self._tasks.write(work, self._on_saved, self._on_failed)

    def _on_saved(self, _result: None) -> None:
        self.follow_up_logged.emit(self._customer_id)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        show_error(self, error)
