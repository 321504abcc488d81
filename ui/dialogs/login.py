"""Sign in to a sync server: address, user name, password.

The attempt runs on the network pool; the dialog stays open and keeps what was typed until
the server says yes, and says in plain words why not (wrong password, server unreachable, an
app too old for the server). A notice at the top explains why sign-in is asked again (signed
out by the server, session expired).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import errors, theme
from ui.tasks import Pool, TaskManager

# (server url, user name, password) -> a session; runs on a worker thread.
Attempt = Callable[[str, str, str], Any]


class LoginDialog(QDialog):
    """Signals:
        signed_in(object): the session the attempt returned (the dialog then closes).
    """

    signed_in = Signal(object)

    def __init__(self, tasks: TaskManager, attempt: Attempt, *, server_url: str = "",
                 username: str = "", notice: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._attempt = attempt
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Sign in to FieldSales"))
        self.setWindowIcon(theme.icon("logo", theme.ACCENT, 32))
        self.setMinimumWidth(460)
        title = QLabel(self.tr("Sign in"))
        title.setObjectName("pageTitle")
        intro = QLabel(self.tr("Your customers are kept on this laptop and synced with your "
                               "company's FieldSales server. Ask your manager for the address."))
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        self.notice = QLabel(notice)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background:#fef3c7; color:#92400e; padding:8px; "
                                  "border-radius:6px;")
        self.notice.setVisible(bool(notice))
        self.server = QLineEdit(server_url)
        self.server.setPlaceholderText("https://crm.example.com")
        self.server.setAccessibleName(self.tr("Server address"))
        self.username = QLineEdit(username)
        self.username.setAccessibleName(self.tr("User name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color:{theme.DANGER};")
        self.error.setAccessibleName(self.tr("Sign-in error"))
        self.error.hide()
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setObjectName("primary")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        first_empty = next((w for w in (self.server, self.username, self.password)
                            if not w.text()), self.password)
        first_empty.setFocus()
        self.busy = False

    def submit(self) -> None:
        if self.busy:
            return
        url, user, password = self.server.text(), self.username.text(), self.password.text()
        self._set_busy(True)
        self.error.hide()
        attempt = self._attempt
        self._tasks.submit(Pool.NETWORK, lambda: attempt(url, user, password),
                           self._on_signed_in, self._on_failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.server, self.username, self.password, self.sign_in_button):
            widget.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))

    def _on_signed_in(self, session: Any) -> None:
        self._set_busy(False)
        self.signed_in.emit(session)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.show_error(self.message_for(error), errors.details_for(error))
        target = {"server": self.server, "user": self.username}.get(
            getattr(error, "code", ""), self.password)
        target.setFocus()
        target.selectAll()

    def show_error(self, text: str, details: str = "") -> None:
        """The sentence under the fields; the technical text (English) as its tooltip."""
        self.error.setText(text)
        self.error.setToolTip(details)
        self.error.show()
        self.adjustSize()  # room for the message: never squeeze the fields

    def message_for(self, error: BaseException) -> str:
        """Plain words per failure (the codes of ``sync.client.errors`` and SignInError)."""
        code = getattr(error, "code", "")
        url = self.server.text().strip()
        messages = {
            "unauthorized": self.tr("Wrong user name or password. Check them and try again."),
            "offline": self.tr("Cannot reach the server at {url}. Check the address and your "
                               "network connection, then try again.").format(url=url),
            "server_error": self.tr("The server had a problem. Try again in a few minutes; if "
                                    "it keeps failing, tell your administrator."),
            "upgrade_required": self.tr("This version of FieldSales is too old for the server. "
                                        "Please update the app."),
            "server": self.tr("Enter the server address, e.g. https://crm.example.com."),
            "user": self.tr("Enter your user name."),
            "password": self.tr("Enter your password."),
        }
        if code in messages:
            return messages[code]
        if errors.is_expected(error):
            return self.tr("Could not sign in: {reason}").format(
                reason=errors.message_for(error))
        return self.tr("Could not sign in because of an unexpected problem. Try again; if it "
                       "keeps failing, send the details (hover this message) to support.")
