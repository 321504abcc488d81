"""The frame both pool request dialogs share (return to pool, protect): a question, a form, an
error line, Cancel and the action; the request is written on the writer thread, and a refusal
the replica already knows is said in words in place (anything else goes to the error box)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.pool import PoolSettings
from ui.errors import show_error
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.pool import refusal_text


class PoolRequestDialog(QDialog):
    """Subclasses fill ``form`` (and ``notes``, under it), call :meth:`send` from their
    ``submit``, and say what a recorded request means in :meth:`request_recorded`."""

    def __init__(self, services: AppServices, tasks: TaskManager, customer_id: str, *,
                 title: str, question: str, action: str, known_refusals: tuple[str, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._services, self._tasks = services, tasks
        self.customer_id = customer_id
        self.settings = PoolSettings()  # the team's, once a subclass has read them
        self._known_refusals = known_refusals
        text = QLabel(question)
        text.setWordWrap(True)
        self.form = QFormLayout()
        self.notes = QVBoxLayout()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.ok_button = QPushButton(action)
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
        layout.addWidget(text)
        layout.addLayout(self.form)
        layout.addLayout(self.notes)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)

    def submit(self) -> None:
        raise NotImplementedError

    def request_recorded(self) -> None:
        raise NotImplementedError

    def send(self, work: Callable[[], object]) -> None:
        self.ok_button.setEnabled(False)
        self._tasks.write(work, self._on_done, self._on_failed)

    def fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _on_done(self, _request: object) -> None:
        self.request_recorded()
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        code = getattr(error, "code", None)
        if isinstance(code, str) and code in self._known_refusals:
            self.fail(refusal_text(code, self.settings))
            return
        show_error(self, error)
