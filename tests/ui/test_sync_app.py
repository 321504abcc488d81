"""Sync in the app against a real server on loopback: sign in, create, sync, conflicts, cancel,
sign out, and a device the server revoked. The keyring here is keyring's own ``fail`` backend
(no OS keyring on this machine), so the token takes the file fallback the app warns about."""

from __future__ import annotations

import gc
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app.models import Customer
from app.replica import open_replica
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from sync.client.engine import K_TOKEN, SyncEngine
from sync.server import admin
from sync.server.settings import Settings as ServerSettings
from sync.server.store import Store
from sync.transport import RequestsTransport
from tests.sync.helpers import seeded_loopback_server
from ui.credentials import FALLBACK_FILE
from ui.dialogs.login import LoginDialog
from ui.main import Application, parse_args
from ui.widgets.shell import MainWindow

REP, PASSWORD = "zhang", "demo"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    db_path = tmp_path_factory.mktemp("server") / "server.db"
    url, stop, _seeded = seeded_loopback_server(db_path, customers=20)
    yield url, db_path
    stop()


class Colleague:
    """The manager on a second replica (a real SyncEngine over HTTP)."""

    def __init__(self, url: str, folder: Path) -> None:
        self.db = open_replica(folder / "manager.db")
        self.engine = SyncEngine(self.db, RequestsTransport(url))
        who = self.engine.login(url, "manager", PASSWORD)
        self.customers = CustomerService(ServiceContext(self.db, who.user_id, role=who.role))
        self.engine.sync()

    def close(self) -> None:
        self.engine.transport.close()
        self.db.dispose()


@pytest.fixture
def colleague(server: tuple[str, Path], tmp_path: Path) -> Iterator[Colleague]:
    c = Colleague(server[0], tmp_path)
    yield c
    c.close()


@pytest.fixture
def application(qtbot: QtBot, tmp_path: Path) -> Iterator[Application]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    application = Application(app, parse_args(["--profile", str(tmp_path / "profile"),
                                               "--lang", "en"]),
                              keyring_backend=keyring.backends.fail.Keyring())
    yield application
    application.tasks.wait_idle(10)
    for widget in (application.window, application.login):
        if widget is not None:
            widget.close()
    application.close()
    # A failed test's traceback keeps its widgets in reference cycles. Collected later by an
    # allocation on a worker thread, shiboken 6.12 hands their deletion to the main thread,
    # where it deletes widgets Qt already deleted: SIGSEGV in runDeletionInMainThread, which
    # hid the failure's message. Collect them here, on the main thread.
    gc.collect()


def _sign_in(qtbot: QtBot, application: Application, url: str, user: str = REP,
             password: str = PASSWORD) -> LoginDialog:
    dialog = application.show_sign_in()
    dialog.server.setText(url)
    dialog.username.setText(user)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    return dialog


def _signed_in_window(qtbot: QtBot, application: Application, url: str) -> MainWindow:
    dialog = _sign_in(qtbot, application, url)
    qtbot.waitUntil(lambda: application.window is not None, timeout=15000)
    assert not dialog.isVisible()
    window = application.window
    assert window is not None
    # The first sync starts by itself once the server answers the online probe.
    qtbot.waitUntil(lambda: window.sync.last_sync is not None and not window.sync.syncing,
                    timeout=30000)
    application.tasks.wait_idle()
    return window


def _sync(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sync.sync_finished, timeout=30000):
        qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    assert window.sync.syncing is False


def test_sign_in_create_customer_sync_and_see_it_on_the_server(
        qtbot: QtBot, application: Application, server: tuple[str, Path],
        colleague: Colleague, tmp_path: Path) -> None:
    window = _signed_in_window(qtbot, application, server[0])
    assert "Online" in window.online_label.text()
    assert window.services.customers.count() == 20  # the rep's customers came down
    assert window.user_button.text() != ""
    # The token is kept outside the replica: the fallback file (0600), with a warning shown.
    session = application.session
    assert session is not None
    token_file = session.folder / FALLBACK_FILE
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert window.token_warning.isVisible()
    assert session.tokens.warning is not None
    with session.db.reader() as s:
        assert session.db.meta(s, K_TOKEN) == ""

    # The first start brought the stored lifecycle stages up to the rules: those updates go
    # first, so what follows counts from zero.
    application.tasks.wait_idle()
    _sync(qtbot, window)
    application.tasks.wait_idle()
    assert window.pending_label.text() == "All changes synced"
    dialog = window.new_customer()
    dialog.full_name.setText("成都青松同步测试有限公司")
    dialog.industry.setCurrentIndex(dialog.industry.findData("electronics"))
    dialog.region.setCurrentIndex(dialog.region.findData("southwest_china"))
    with qtbot.waitSignal(dialog.customer_saved, timeout=5000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    customer_id = str(saved.args[0])
    application.tasks.wait_idle()
    assert "1 changes waiting" in window.pending_label.text()
    _sync(qtbot, window)
    application.tasks.wait_idle()
    assert window.pending_label.text() == "All changes synced"
    assert window.last_sync_label.text().startswith("Last sync")

    colleague.engine.sync()
    with colleague.db.reader() as s:
        on_server = s.get(Customer, customer_id)
        assert on_server is not None
        assert on_server.full_name == "成都青松同步测试有限公司"


def test_concurrent_edit_becomes_a_conflict_resolved_in_the_dialog(
        qtbot: QtBot, application: Application, server: tuple[str, Path],
        colleague: Colleague) -> None:
    window = _signed_in_window(qtbot, application, server[0])
    services = window.services
    target = services.customers.create(CustomerInput(
        full_name="Sync Conflict Test GmbH", industry="software", region="europe"))
    _sync(qtbot, window)
    colleague.engine.sync()
    # Both change the phone; the manager syncs first, the rep has not seen it.
    colleague.customers.update(target.id, {"phone": "+862166660001"})
    colleague.engine.sync()
    services.customers.update(target.id, {"phone": "+862166660002"})
    _sync(qtbot, window)  # push: the server keeps the later edit (the rep's) and records a
    _sync(qtbot, window)  # conflict, which the next pull brings down
    application.tasks.wait_idle()
    assert window.conflicts_button.isVisible()
    assert window.conflicts_button.text() == "1 conflicts"

    qtbot.mouseClick(window.conflicts_button, Qt.MouseButton.LeftButton)
    dialog = window.conflicts_dialog
    assert dialog is not None
    assert dialog.isVisible()
    application.tasks.wait_idle()
    row = next(r for r in dialog.rows if r.entity_id == target.id)
    assert (row.field, row.mine, row.theirs) == ("phone", "+862166660002", "+862166660001")
    assert "Liu" in row.other_user
    index = dialog.rows.index(row)
    button = dialog.table.cellWidget(index, 5).findChild(QPushButton, f"keepTheirs{index}")
    with qtbot.waitSignal(dialog.conflict_resolved, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert services.customers.get(target.id).phone == "+862166660001"
    _sync(qtbot, window)
    application.tasks.wait_idle()
    assert not window.conflicts_button.isVisible()
    colleague.engine.sync()
    with colleague.db.reader() as s:
        phone = s.get(Customer, target.id)
        assert phone is not None
        assert phone.phone == "+862166660001"


def test_wrong_password_and_unreachable_server_say_so_and_keep_the_form(
        qtbot: QtBot, application: Application, server: tuple[str, Path]) -> None:
    dialog = _sign_in(qtbot, application, server[0], password="wrong")
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=15000)
    assert "Wrong user name or password" in dialog.error.text()
    assert dialog.isVisible()
    assert dialog.username.text() == REP
    assert dialog.server.text() == server[0]
    assert application.window is None

    dialog.server.setText("http://127.0.0.1:9")  # discard port: nothing listens
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Cannot reach the server" in dialog.error.text(), timeout=15000)
    assert dialog.isVisible()
    assert application.window is None

    dialog.server.setText(server[0])
    with qtbot.waitSignal(dialog.signed_in, timeout=15000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert application.window is not None


def test_sync_can_be_cancelled(qtbot: QtBot, application: Application,
                               server: tuple[str, Path]) -> None:
    window = _signed_in_window(qtbot, application, server[0])
    services = window.services
    for i in range(3):
        services.customers.create(CustomerInput(full_name=f"Cancel Test {i} Ltd.",
                                                 industry="software", region="europe"))
    with qtbot.waitSignal(window.sync.sync_failed, timeout=30000) as failed:
        window.sync.sync_now()
        assert window.cancel_sync_button.isVisibleTo(window)
        qtbot.keyClick(window, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
        window.sync.cancel()  # the shortcut needs an active window; offscreen may not have one
    assert getattr(failed.args[0], "code", "") == "cancelled"
    assert "Sync cancelled" in window.last_sync_label.text()
    assert not window.cancel_sync_button.isVisibleTo(window)
    _sync(qtbot, window)  # nothing was lost: the next sync sends the three
    application.tasks.wait_idle()
    assert window.pending_label.text() == "All changes synced"


def test_sign_out_forgets_the_token_and_asks_to_sign_in(
        qtbot: QtBot, application: Application, server: tuple[str, Path]) -> None:
    window = _signed_in_window(qtbot, application, server[0])
    session = application.session
    assert session is not None
    token_file = session.folder / FALLBACK_FILE
    assert token_file.exists()
    window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: application.login is not None and application.login.isVisible(),
                    timeout=15000)
    assert application.window is None
    assert not token_file.exists()
    assert application.login is not None
    assert "signed out" in application.login.notice.text()
    assert (session.folder / "replica.db").exists()  # signing out keeps the data


def test_revoked_device_is_wiped_and_asked_to_sign_in(
        qtbot: QtBot, application: Application, server: tuple[str, Path]) -> None:
    window = _signed_in_window(qtbot, application, server[0])
    session = application.session
    assert session is not None
    replica = session.folder / "replica.db"
    store = Store(ServerSettings(db_url=f"sqlite:///{server[1]}"))
    try:
        assert admin.revoke_user(store, REP) >= 1
    finally:
        store.dispose()
    window.sync.sync_now()
    qtbot.waitUntil(lambda: application.login is not None and application.login.isVisible(),
                    timeout=30000)
    dialog = application.login
    assert dialog is not None
    assert application.window is None
    assert "removed its copy" in dialog.notice.text()
    assert not replica.exists()
    assert not (session.folder / FALLBACK_FILE).exists()
    # Signing in again downloads everything afresh.
    dialog.username.setText(REP)
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=15000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    fresh = application.window
    assert fresh is not None
    qtbot.waitUntil(lambda: fresh.sync.last_sync is not None and not fresh.sync.syncing,
                    timeout=30000)
    assert fresh.services.customers.count() >= 20
