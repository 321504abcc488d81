"""Where errors reach the user: the sign-in and unlock dialogs, the sync status and the reports
show a translated sentence; the exception's English text is only in the tooltip."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.errors import StorageError
from app.keys import KeyUnavailableError
from sync.client.errors import AuthError, OfflineError
from ui.dialogs.login import LoginDialog
from ui.dialogs.unlock_dialog import UnlockDialog
from ui.format import Formatter
from ui.i18n import I18N_DIR, compile_ts
from ui.reports.view import ReportsView
from ui.services import AppServices
from ui.session import sign_in
from ui.tasks import TaskManager
from ui.widgets.shell import MainWindow


@pytest.fixture
def chinese(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    qm = tmp_path / "zh.qm"
    assert compile_ts(I18N_DIR / "fieldsales_zh_CN.ts", qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def _failing(error: BaseException) -> Callable[..., NoReturn]:
    """A sign-in or unlock attempt that fails the way the real one can."""
    def attempt(*_args: str) -> NoReturn:
        raise error
    return attempt


def _login_error(qtbot: QtBot, tasks: TaskManager,
                 attempt: Callable[[str, str, str], Any]) -> LoginDialog:
    dialog = LoginDialog(tasks, attempt, server_url="http://127.0.0.1:9", username="zhang")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("wrong")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=15_000)
    return dialog


def test_sign_in_to_an_unreachable_server_says_so(qtbot: QtBot, tasks: TaskManager,
                                                  tmp_path: Path) -> None:
    # A real sign-in against a closed port: the engine's OfflineError, in words.
    dialog = _login_error(qtbot, tasks, lambda url, user, pw: sign_in(
        url, user, pw, root=tmp_path / "profiles"))
    assert dialog.error.text().startswith("Cannot reach the server at http://127.0.0.1:9.")


def test_sign_in_errors_without_their_own_words_use_the_catalogue(
        qtbot: QtBot, tasks: TaskManager) -> None:
    dialog = _login_error(qtbot, tasks, _failing(AuthError("account locked for 300 s",
                                                           code="locked")))
    assert dialog.error.text() == (
        "Could not sign in: This account is locked for a while after too many wrong "
        "passwords. Try again later or ask your administrator.")
    assert "account locked for 300 s" in dialog.error.toolTip()


def test_a_bug_during_sign_in_shows_no_exception_text(qtbot: QtBot, tasks: TaskManager) -> None:
    dialog = _login_error(qtbot, tasks, _failing(KeyError("token")))
    assert "token" not in dialog.error.text()
    assert "unexpected problem" in dialog.error.text()
    assert "KeyError" in dialog.error.toolTip()


@pytest.mark.usefixtures("chinese")
def test_sign_in_errors_in_chinese(qtbot: QtBot, tasks: TaskManager) -> None:
    dialog = _login_error(qtbot, tasks, _failing(StorageError("disk_full",
                                                              message="disk full")))
    assert dialog.error.text() == "无法登录：磁盘已满。请释放空间后重试。"


def _unlock_error(qtbot: QtBot, tasks: TaskManager, error: BaseException) -> UnlockDialog:
    dialog = UnlockDialog(tasks, _failing(error))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("secret")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=15_000)
    return dialog


def test_unlock_errors_are_sentences(qtbot: QtBot, tasks: TaskManager) -> None:
    failed = KeyUnavailableError("keyring_failed", message="keyring: D-Bus said no")
    dialog = _unlock_error(qtbot, tasks, failed)
    assert dialog.error.text().startswith(
        "Could not open your data: The system keyring did not give FieldSales the key")
    assert "D-Bus" not in dialog.error.text()
    assert "D-Bus said no" in dialog.error.toolTip()


@pytest.mark.usefixtures("chinese")
def test_unlock_errors_in_chinese(qtbot: QtBot, tasks: TaskManager) -> None:
    dialog = _unlock_error(qtbot, tasks, StorageError("wrong_key", message="file is not a db"))
    assert dialog.error.text() == ("无法打开您的数据：无法用此密钥打开这台电脑上的数据。"
                                   "请重新登录，以重新下载您的数据。")


def test_a_failed_sync_says_why_in_words(window: MainWindow) -> None:
    window.sync.sync_failed.emit(AuthError("too many attempts; try again later",
                                           code="rate_limited"))
    label = window.last_sync_label
    assert label.text() == ("Sync failed: Too many failed sign-ins from this computer. Wait a "
                            "few minutes, then try again.")
    assert "too many attempts" in label.toolTip()
    window.sync.sync_failed.emit(OfflineError("cannot reach the server: refused"))
    assert "refused" not in label.text()


def _reports(qtbot: QtBot, services: AppServices, tasks: TaskManager,
             locale: str) -> ReportsView:
    """The Reports page, shown and computed on the demo data."""
    view = ReportsView(services, tasks, Formatter(locale))
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    assert tasks.wait_idle()
    return view


def test_the_forecast_groups_by_words_not_codes(qtbot: QtBot, services: AppServices,
                                                tasks: TaskManager) -> None:
    view = _reports(qtbot, services, tasks, "en_US")
    page = view.pages["forecast"]
    assert page.report is not None
    group = page.report.columns.index("group")
    shown = {page.texts[r][group] for r in range(len(page.texts))}
    assert shown == {"Stage", "Month"}
    key = page.report.columns.index("key")
    months = [page.texts[r][key] for r, row in enumerate(page.report.rows)
              if row[group] == "month" and row[key]]
    assert months
    assert all(not text[:4].isdigit() or "-" not in text for text in months)  # "Mar 2026"


@pytest.mark.usefixtures("chinese")
def test_lost_reasons_are_listed_the_chinese_way(qtbot: QtBot, services: AppServices,
                                                 tasks: TaskManager) -> None:
    view = _reports(qtbot, services, tasks, "zh_CN")
    assert view.bundle is not None
    reasons = view.bundle.funnel.lost_reasons
    note = view.pages["funnel"].note.text()
    line = next(line for line in note.splitlines() if line.startswith("输单原因："))
    assert ", " not in line
    assert line.count("、") == min(len(reasons), 5) - 1
    assert "价格太高" in line or "选择了竞争对手" in line or "没有预算" in line
