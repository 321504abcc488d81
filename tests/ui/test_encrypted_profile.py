"""The app's profiles are encrypted on disk: signing in through the real app (no keyring: key
from the password; with a keyring: a random key kept there), unlocking at start with the right
and a wrong password, a plain profile encrypted on first start, and a remote wipe that also
removes the key."""

from __future__ import annotations

import asyncio
import gc
import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.keys import KEYRING_SERVICE, SALT_FILE, KeyUnavailableError, ProfileKey
from app.models import Customer
from app.replica import is_plain_sqlite, open_profile_replica, open_replica
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from sync.server import admin
from sync.server.settings import Settings as ServerSettings
from sync.server.store import Store
from tests.sync.helpers import seeded_loopback_server
from tests.ui.test_login import MemoryKeyring
from ui.dialogs.unlock_dialog import UnlockDialog, add_storage_warning
from ui.main import Application, parse_args
from ui.session import Session, resume
from ui.tasks import TaskManager
from ui.widgets.shell import MainWindow

REP, PASSWORD = "zhang", "demo"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    db_path = tmp_path_factory.mktemp("server") / "server.db"
    url, stop, _seeded = seeded_loopback_server(db_path, customers=12)
    yield url, db_path
    stop()


def _application(profile: Path, backend: KeyringBackend) -> Application:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return Application(app, parse_args(["--profile", str(profile), "--lang", "en"]),
                       keyring_backend=backend)


def _close(application: Application) -> None:
    application.tasks.wait_idle(10)
    for widget in (application.window, application.login):
        if widget is not None:
            widget.close()
    application.close()
    gc.collect()  # on the main thread: see tests/ui/test_sync_app.py's fixture


def _signed_in(qtbot: QtBot, application: Application, url: str) -> MainWindow:
    dialog = application.show_sign_in()
    dialog.server.setText(url)
    dialog.username.setText(REP)
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: application.window is not None, timeout=15000)
    window = application.window
    assert window is not None
    qtbot.waitUntil(lambda: window.sync.last_sync is not None and not window.sync.syncing,
                    timeout=30000)
    application.tasks.wait_idle()
    return window


def _a_customer_name(session: Session) -> str:
    with session.db.reader() as s:
        name = s.scalars(select(Customer.full_name).order_by(Customer.full_name)).first()
    assert name
    return name


def _on_disk(profile: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(profile.glob("replica.db*")))


def _assert_not_plain_sqlite(replica: Path) -> None:
    assert not is_plain_sqlite(replica)
    conn = sqlite3.connect(replica)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            conn.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        conn.close()


def test_signed_in_replica_is_encrypted_and_unlocks_only_with_the_password(
        qtbot: QtBot, server: tuple[str, Path], tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    no_keyring = keyring.backends.fail.Keyring()  # type: ignore[no-untyped-call]
    application = _application(profile, no_keyring)
    try:
        window = _signed_in(qtbot, application, server[0])
        assert window.services.customers.count() == 12
        assert window.findChild(QLabel, "encryptionWarning") is None  # encrypted: no warning
        session = application.session
        assert session is not None
        assert session.db.encrypted
        assert session.storage_warning is None
        name = _a_customer_name(session)
    finally:
        _close(application)
    replica = profile / "replica.db"
    # Nothing of the customers in clear text, and plain SQLite cannot read the file.
    data = _on_disk(profile)
    assert name.encode() not in data
    assert REP.encode() not in data
    _assert_not_plain_sqlite(replica)
    assert (profile / SALT_FILE).exists()  # no keyring: the key comes from the password
    before = hashlib.sha256(_on_disk(profile)).hexdigest()

    # Starting again: the password is needed; a wrong one says so and changes nothing.
    with pytest.raises(KeyUnavailableError) as needed:
        resume(profile, backend=no_keyring)
    assert needed.value.code == "password_required"
    tasks = TaskManager()
    dialog = UnlockDialog(tasks, lambda pw: resume(profile, backend=no_keyring, password=pw))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("not-the-password")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=15000)
    assert "Wrong password" in dialog.error.text()
    assert "Nothing was changed" in dialog.error.text()
    assert dialog.isVisible()
    assert hashlib.sha256(_on_disk(profile)).hexdigest() == before
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.unlocked, timeout=15000) as unlocked:
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    reopened = unlocked.args[0]
    assert isinstance(reopened, Session)
    try:
        assert _a_customer_name(reopened) == name
    finally:
        reopened.close()
        tasks.shutdown()


def test_a_mistyped_first_sign_in_does_not_lock_the_profile(
        server: tuple[str, Path], tmp_path: Path) -> None:
    """Without a keyring the password makes the key: a refused first sign-in must not leave
    a replica keyed with the wrong password behind."""
    from sync.client.errors import AuthError
    from ui.session import sign_in

    profile = tmp_path / "profile"
    no_keyring = keyring.backends.fail.Keyring()  # type: ignore[no-untyped-call]
    with pytest.raises(AuthError):
        sign_in(server[0], REP, "wrong", folder=profile, backend=no_keyring)
    assert not (profile / "replica.db").exists()
    assert not (profile / SALT_FILE).exists()
    session = sign_in(server[0], REP, PASSWORD, folder=profile, backend=no_keyring)
    try:
        assert session.db.encrypted
    finally:
        session.close()


def test_plain_profile_is_encrypted_on_first_start_and_nothing_plain_is_left(
        tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    plain = open_replica(profile / "replica.db")
    try:
        user_id = plain.client_id
        CustomerService(ServiceContext(plain, user_id)).create(CustomerInput(
            full_name="Plain Old Trading Co", industry="software", region="europe"))
    finally:
        plain.dispose()
    assert b"Plain Old Trading Co" in _on_disk(profile)
    (profile / "replica.db.bak-0001").write_bytes((profile / "replica.db").read_bytes())
    ring = MemoryKeyring()

    db, key = open_profile_replica(profile, backend=ring)
    try:
        with db.reader() as s:
            names = list(s.scalars(select(Customer.full_name)))
    finally:
        db.dispose()
    assert names == ["Plain Old Trading Co"]
    assert key.encrypted
    assert (KEYRING_SERVICE, profile.name) in ring.secrets
    _assert_not_plain_sqlite(profile / "replica.db")
    assert b"Plain Old Trading Co" not in _on_disk(profile)  # the plain backup is gone too
    assert not (profile / SALT_FILE).exists()  # a keyring: no password involved


def test_remote_wipe_removes_the_replica_and_the_key_in_the_keyring(
        qtbot: QtBot, tmp_path: Path) -> None:
    db_path = tmp_path / "server.db"
    url, stop, _seeded = seeded_loopback_server(db_path, customers=5)
    profile = tmp_path / "profile"
    ring = MemoryKeyring()
    application = _application(profile, ring)
    try:
        window = _signed_in(qtbot, application, url)
        assert (KEYRING_SERVICE, profile.name) in ring.secrets
        _assert_not_plain_sqlite(profile / "replica.db")
        store = Store(ServerSettings(db_url=f"sqlite:///{db_path}"))
        try:
            assert admin.revoke_user(store, REP) >= 1
        finally:
            store.dispose()
        window.sync.sync_now()
        qtbot.waitUntil(lambda: application.window is None, timeout=30000)
        assert application.login is not None
        assert application.login.isVisible()
        assert "removed its copy" in application.login.notice.text()
        assert not (profile / "replica.db").exists()
        assert (KEYRING_SERVICE, profile.name) not in ring.secrets
    finally:
        _close(application)
        stop()


def test_an_unencrypted_profile_shows_a_permanent_warning(qtbot: QtBot) -> None:
    """Where SQLCipher is missing the profile key is the explicit unencrypted one: the status
    bar says so (never clear text without telling the user)."""
    window = QMainWindow()
    qtbot.addWidget(window)
    assert add_storage_warning(window, ProfileKey.unencrypted().warning) is not None
    window.show()
    label = window.findChild(QLabel, "encryptionWarning")
    assert label is not None
    assert label.isVisible()
    assert "not encrypted" in label.text()
    assert "stored unencrypted" in label.toolTip()


def test_app_start_without_a_keyring_asks_the_password_then_opens_the_profile(
        qtbot: QtBot, server: tuple[str, Path], tmp_path: Path) -> None:
    """The real start-up path: Application.start() resumes the last profile, finds it needs
    the password, shows the unlock dialog; a wrong password keeps it open, the right one opens
    the window."""
    import qasync
    from PySide6.QtCore import QTimer

    profile = tmp_path / "profile"
    no_keyring = keyring.backends.fail.Keyring()  # type: ignore[no-untyped-call]
    first = _application(profile, no_keyring)
    try:
        _signed_in(qtbot, first, server[0])
    finally:
        _close(first)
    application = _application(profile, no_keyring)
    attempts = ["not-the-password", PASSWORD]
    errors: list[str] = []

    def fill() -> None:  # plays the user, from inside the running start-up
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, UnlockDialog) and w.isVisible()), None)
        if dialog is None or dialog.busy:
            QTimer.singleShot(50, fill)
            return
        if dialog.error.isVisible():
            errors.append(dialog.error.text())
        dialog.password.setText(attempts.pop(0))
        dialog.unlock_button.click()
        if attempts:
            QTimer.singleShot(50, fill)

    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    quits = qt_app.quitOnLastWindowClosed()
    qt_app.setQuitOnLastWindowClosed(False)  # as run_app does: dialogs come and go
    loop = qasync.QEventLoop(qt_app)
    try:
        QTimer.singleShot(50, fill)
        started = loop.run_until_complete(asyncio.wait_for(application.start(), 60))
        assert started is True
        assert len(errors) == 1
        assert "Wrong password" in errors[0]
        assert application.window is not None
        assert application.session is not None
        assert application.session.db.encrypted
    finally:
        _close(application)
        loop.close()
        qt_app.setQuitOnLastWindowClosed(quits)


class _LockedKeyring(MemoryKeyring):
    """A keyring that holds the profile's data key but refuses to hand it out (a broken
    Secret Service item), keyring's own error type as real backends raise it. The sign-in
    token still reads: with no token the app would simply ask to sign in again."""

    viable = False

    def get_password(self, service: str, username: str) -> str | None:
        if service == KEYRING_SERVICE:
            raise keyring.errors.KeyringError("the keyring is locked")
        return super().get_password(service, username)


def test_app_start_with_a_failing_keyring_says_so_and_stops(
        qtbot: QtBot, server: tuple[str, Path], tmp_path: Path) -> None:
    """The key is in the keyring but the keyring fails: a password cannot replace that key, so
    start-up shows the keyring sentence (not the crash dialog), changes nothing and stops."""
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    profile = tmp_path / "profile"
    working = MemoryKeyring()
    first = _application(profile, working)
    try:
        _signed_in(qtbot, first, server[0])
    finally:
        _close(first)
    files_before = sorted((p.name, p.stat().st_size) for p in profile.rglob("*") if p.is_file())
    locked = _LockedKeyring()
    locked.secrets = dict(working.secrets)
    application = _application(profile, locked)
    shown: list[str] = []

    def read_and_close() -> None:  # plays the user: reads the box, presses OK
        box = next((w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(50, read_and_close)
            return
        shown.append(f"{box.objectName()}: {box.text()}")
        box.accept()

    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    quits = qt_app.quitOnLastWindowClosed()
    qt_app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qt_app)
    try:
        QTimer.singleShot(50, read_and_close)
        started = loop.run_until_complete(asyncio.wait_for(application.start(), 60))
        assert started is False
        assert len(shown) == 1
        assert shown[0].startswith("errorBox: The system keyring did not give FieldSales")
        assert application.window is None
        assert application.session is None
    finally:
        _close(application)
        loop.close()
        qt_app.setQuitOnLastWindowClosed(quits)
    after = sorted((p.name, p.stat().st_size) for p in profile.rglob("*") if p.is_file())
    assert after == files_before  # nothing rewritten, nothing wiped
