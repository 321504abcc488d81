"""Unlock this computer's copy of the customers with the user's password.

Shown when the app starts on a computer without a keyring: the replica's key is then derived
from the password (Argon2id), so it is asked before anything is opened. The attempt runs on a
worker (Argon2id takes a moment); a wrong password says so and keeps the dialog open, and the
data is left exactly as it was. Cancel falls back to the sign-in form.

Also :func:`add_storage_warning`: the permanent status-bar warning shown when SQLCipher is not
available and the replica is stored unencrypted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import errors, theme
from ui.tasks import Pool, TaskManager

# password -> a session; runs on a worker thread.
UnlockAttempt = Callable[[str], Any]


class UnlockDialog(QDialog):
    """Signals:
        unlocked(object): the session the attempt returned (the dialog then closes).
    """

    unlocked = Signal(object)

    def __init__(self, tasks: TaskManager, attempt: UnlockAttempt, *, username: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._attempt = attempt
        self.busy = False
        self.setObjectName("unlockDialog")
        self.setWindowTitle(self.tr("Unlock FieldSales"))
        self.setWindowIcon(theme.icon("logo", theme.ACCENT, 32))
        self.setMinimumWidth(460)
        title = QLabel(self.tr("Unlock your data"))
        title.setObjectName("pageTitle")
        who = self.tr(" ({user})").format(user=username) if username else ""
        intro = QLabel(self.tr(
            "Your customers are stored encrypted on this computer{who}. This computer has no "
            "keyring, so the key is made from your password: enter the password you signed in "
            "with.").format(who=who))
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.password.returnPressed.connect(self.submit)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color:{theme.DANGER};")
        self.error.setAccessibleName(self.tr("Unlock error"))
        self.error.hide()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(self.tr("Sign in instead"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Password")))
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.password.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        password = self.password.text()
        if not password:
            self.show_error(self.tr("Enter your password."))
            return
        self._set_busy(True)
        self.error.hide()
        attempt = self._attempt
        self._tasks.submit(Pool.WRITER, lambda: attempt(password),
                           self._on_unlocked, self._on_failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.password, self.unlock_button, self.cancel_button):
            widget.setEnabled(not busy)
        self.unlock_button.setText(self.tr("Unlocking…") if busy else self.tr("Unlock"))

    def _on_unlocked(self, session: Any) -> None:
        self._set_busy(False)
        self.unlocked.emit(session)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.show_error(self.message_for(error), errors.details_for(error))
        self.password.setFocus()
        self.password.selectAll()

    def show_error(self, text: str, details: str = "") -> None:
        """The sentence under the password; the technical text (English) as its tooltip."""
        self.error.setText(text)
        self.error.setToolTip(details)
        self.error.show()
        self.adjustSize()

    def message_for(self, error: BaseException) -> str:
        code = getattr(error, "code", "")
        if code == "wrong_password":
            return self.tr("Wrong password: it does not unlock the data on this computer. "
                           "Nothing was changed. Try again, or sign in instead.")
        if errors.is_expected(error):
            return self.tr("Could not open your data: {reason}").format(
                reason=errors.message_for(error))
        return self.tr("Could not open your data because of an unexpected problem. Nothing was "
                       "changed. Try again, or sign in instead; the details (hover this "
                       "message) help support.")


def add_storage_warning(window: QMainWindow, warning: str | None) -> QLabel | None:
    """A permanent status-bar warning while the replica is stored unencrypted (no SQLCipher):
    never clear text without the user being told. None when there is nothing to warn about."""
    if not warning:
        return None
    label = QLabel(f"<span style='color:{theme.WARNING}'>⚠</span> "
                   + QCoreApplication.translate("UnlockDialog", "Data not encrypted"))
    label.setObjectName("encryptionWarning")
    label.setToolTip(warning)
    label.setAccessibleName(warning)
    window.statusBar().addPermanentWidget(label)
    return label


async def ask_unlock(tasks: TaskManager, attempt: UnlockAttempt,
                     username: str = "") -> Any | None:
    """Show the unlock dialog until the password opens the data; the session, or None when
    the user chose to sign in instead."""
    dialog = UnlockDialog(tasks, attempt, username=username)
    result: asyncio.Future[Any | None] = asyncio.get_running_loop().create_future()

    def done(session: Any | None) -> None:
        if not result.done():
            result.set_result(session)

    dialog.unlocked.connect(done)
    dialog.rejected.connect(lambda: done(None))
    dialog.open()
    try:
        return await result
    finally:
        dialog.deleteLater()
