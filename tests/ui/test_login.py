"""Where the sign-in token is kept (keyring, or a private file with a warning), the About box's
version, and the sign-in form's own checks before any network."""

from __future__ import annotations

import stat
from importlib import metadata
from pathlib import Path

import keyring.backends.fail
import pytest
from keyring.backend import KeyringBackend
from pytestqt.qtbot import QtBot

from ui.credentials import FALLBACK_FILE, SERVICE, TokenStore
from ui.dialogs.login import LoginDialog
from ui.session import SignInError, normalize_url, sign_in
from ui.tasks import TaskManager
from ui.widgets.shell import MainWindow, app_version


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in this process. WORKAROUND: no OS keyring (Secret Service,
    Keychain, Credential Locker) runs on the test machine; this is keyring's own backend API."""

    priority = 1
    # keyring registers every KeyringBackend subclass as a candidate default backend; this
    # one must never become the process's keyring behind other tests' backs.
    viable = False

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.secrets:
            raise keyring.errors.PasswordDeleteError(username)
        del self.secrets[(service, username)]


def test_token_goes_to_the_keyring_when_there_is_one(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    store = TokenStore(tmp_path, ring)
    assert store.secure
    assert store.warning is None
    store.set("secret-token")
    assert ring.secrets == {(SERVICE, str(tmp_path.resolve())): "secret-token"}
    assert not (tmp_path / FALLBACK_FILE).exists()
    assert TokenStore(tmp_path, ring).get() == "secret-token"
    store.delete()
    assert store.get() is None
    store.delete()  # signing out twice is fine


def test_without_a_keyring_the_token_file_is_private_and_warned_about(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "profile", keyring.backends.fail.Keyring())
    assert not store.secure
    assert store.warning is not None
    assert str(store.fallback_path) in store.warning
    store.set("t1")
    assert stat.S_IMODE(store.fallback_path.stat().st_mode) == 0o600
    assert store.get() == "t1"
    other = TokenStore(tmp_path / "other", keyring.backends.fail.Keyring())
    assert other.get() is None  # one profile never sees another's token
    store.delete()
    assert not store.fallback_path.exists()
    assert store.get() is None


def test_sign_in_checks_the_form_before_the_network(tmp_path: Path) -> None:
    assert normalize_url(" crm.example.com/ ") == "https://crm.example.com"
    assert normalize_url("http://127.0.0.1:8000") == "http://127.0.0.1:8000"
    with pytest.raises(SignInError) as bad:
        normalize_url("ftp://x")
    assert bad.value.code == "server"
    with pytest.raises(SignInError) as empty:
        sign_in("http://127.0.0.1:9", "zhang", "", root=tmp_path)
    assert empty.value.code == "password"
    with pytest.raises(SignInError) as no_user:
        sign_in("http://127.0.0.1:9", " ", "pw", root=tmp_path)
    assert no_user.value.code == "user"
    assert not list(tmp_path.iterdir())  # nothing was created for a refused form


def test_login_dialog_shows_the_form_error_on_the_field(qtbot: QtBot,
                                                        tasks: TaskManager) -> None:
    dialog = LoginDialog(tasks, lambda url, user, pw: sign_in(url, user, pw),
                         notice="Your session has expired. Please sign in again.")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.notice.isVisible()
    assert dialog.password.accessibleName() == "Password"
    dialog.server.setText("")
    dialog.username.setText("zhang")
    dialog.submit()
    qtbot.waitUntil(dialog.error.isVisible, timeout=5000)
    assert "server address" in dialog.error.text()
    assert dialog.server.hasFocus() or not dialog.isActiveWindow()
    assert dialog.sign_in_button.isEnabled()


def test_about_box_shows_the_installed_version(qtbot: QtBot, window: MainWindow) -> None:
    box = window.show_about()
    qtbot.addWidget(box)
    assert app_version() == metadata.version("fieldsales")
    assert app_version() in box.text()
    assert window.services.user.display_name in box.informativeText()
