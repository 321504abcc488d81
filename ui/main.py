"""The composition root: builds the QApplication, the qasync loop, the session (sign-in or the
demo), the services over its replica and the main window. Nothing else constructs services.

``fieldsales`` (no subcommand) lands here through ``ui.cli``::

    fieldsales                              # sign in (or resume the last session)
    fieldsales --demo                       # a local demo server and a living app, one command
    fieldsales --demo --screenshots shots/  # render every screen to PNG and exit
    fieldsales --profile DIR --lang zh

A session ends when the rep signs out or the server stops accepting this device; the app then
asks to sign in again (the server's message on top) instead of quitting.
"""

from __future__ import annotations

import argparse
import asyncio
import faulthandler
import gc
import logging
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from app.db import Database
from app.replica import data_root, open_replica
from ui import theme
from ui.demo_extras import DEMO_USERNAME
from ui.format import Formatter
from ui.i18n import Translations, babel_locale, resolve_language
from ui.queries.status import replica_user, user_by_name
from ui.services import AppServices, CurrentUser
from ui.settings import Settings
from ui.sync_controller import EngineBackend, SyncController
from ui.tasks import Pool, TaskManager
from ui.widgets.shell import ALL_PAGES, MainWindow

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

    from ui.dialogs.login import LoginDialog
    from ui.session import Session

log = logging.getLogger(__name__)

DEMO_CUSTOMERS = 2000
__all__ = ["DEMO_USERNAME", "Application", "open_profile", "parse_args", "run_app"]


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fieldsales", description="FieldSales desktop CRM")
    parser.add_argument("--demo", action="store_true",
                        help="start a local demo server with demo data and sign in to it")
    parser.add_argument("--screenshots", type=Path, metavar="DIR",
                        help="render every screen to PNG files in DIR and exit")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="profile folder holding replica.db (default: the demo or the "
                             "last used profile)")
    parser.add_argument("--lang", choices=("en", "zh"), help="UI language")
    parser.add_argument("--demo-customers", type=int, default=DEMO_CUSTOMERS,
                        help=argparse.SUPPRESS)
    return parser.parse_args(argv)


@dataclass
class Profile:
    folder: Path
    db: Database
    user: CurrentUser


def open_profile(folder: Path, demo: bool) -> Profile:
    """Open (migrating) a replica without a server session (tests, benchmarks, offline tools)."""
    db = open_replica(folder / "replica.db")
    found = user_by_name(db, DEMO_USERNAME) if demo else replica_user(db)
    if found is None:
        user = CurrentUser(None, "", "FieldSales", "manager")
    else:
        user = CurrentUser(found[0], DEMO_USERNAME if demo else "", found[1], found[2])
    return Profile(folder, db, user)


def settle_gc() -> None:
    """Freeze what start-up made (modules, widgets, the session) out of the cyclic collector.

    A full collection walks every tracked object while holding the GIL; with the app's ~1 M
    long-lived objects one took up to 280 ms on a worker thread mid-sync, which froze the UI
    thread just as long (measured by bench_ui's heartbeat). Frozen objects are never walked.
    """
    gc.collect()
    gc.freeze()


def _splash(text: str) -> QLabel:
    splash = QLabel(text)
    splash.setObjectName("splash")
    splash.setAlignment(Qt.AlignmentFlag.AlignCenter)
    splash.setWindowFlag(Qt.WindowType.SplashScreen)
    splash.resize(420, 120)
    splash.show()
    return splash


class Application:
    """Owns the long-lived objects; rebuilds the window when the language changes and the
    whole session when the rep signs out or is signed out."""

    def __init__(self, app: QApplication, args: argparse.Namespace,
                 keyring_backend: KeyringBackend | None = None) -> None:
        self.app = app
        self.args = args
        self.keyring_backend = keyring_backend
        self.tasks = TaskManager()
        settings_path = args.profile / "settings.ini" if args.profile else None
        if args.screenshots is not None and settings_path is None:
            settings_path = Path(tempfile.mkdtemp(prefix="fieldsales-shots-")) / "settings.ini"
        self.settings = Settings(settings_path)
        self.translations = Translations()
        self.language = resolve_language(args.lang, self.settings.language)
        self.translations.install(self.language)
        self.session: Session | None = None
        self.profile: Profile | None = None
        self.services: AppServices | None = None
        self.sync: SyncController | None = None
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        self.demo_url: str | None = None
        self._stop_server: Callable[[], None] | None = None
        self.finished = asyncio.Event()  # the rep closed the window or the sign-in

    def profile_folder(self) -> Path | None:
        if self.args.profile is not None:
            return Path(self.args.profile)
        if self.args.demo:
            return data_root() / "profiles" / "demo"
        last = self.settings.last_profile
        return Path(last) if last else None

    # -- start-up --------------------------------------------------------------------------
    async def start(self) -> bool:
        """Open a session and show the window; False when the rep closed the sign-in."""
        session: Session | None
        if self.args.demo:
            session = await self._start_demo()
        else:
            session = await self._resume_or_sign_in()
        if session is None:
            return False
        self.open_session(session)
        return True

    async def _start_demo(self) -> Session:
        from ui.demo_extras import start_demo

        folder = self.profile_folder()
        assert folder is not None
        customers, backend = self.args.demo_customers, self.keyring_backend
        splash = _splash(self.app.translate(
            "Application", "Starting the demo server ({n} customers)…").format(n=customers))
        try:
            session, url, stop = await self.tasks.run_async(
                Pool.NETWORK, lambda: start_demo(folder, customers, backend=backend))
        finally:
            splash.close()
            splash.deleteLater()
        self.demo_url, self._stop_server = url, stop
        return session

    async def _resume_or_sign_in(self, notice: str = "") -> Session | None:
        from app.keys import KeyUnavailableError
        from ui.dialogs.unlock_dialog import ask_unlock
        from ui.session import resume

        folder = self.profile_folder()
        backend = self.keyring_backend
        if folder is not None and not notice:
            try:
                session = await self.tasks.run_async(
                    Pool.WRITER, lambda: resume(folder, backend=backend))
            except KeyUnavailableError as exc:  # no keyring: the data's key needs the password
                if exc.code != "password_required":
                    # keyring_failed: the key exists but the keyring would not give it; a
                    # password cannot replace it. Nothing was changed: say so and stop.
                    await self._tell(exc)
                    return None
                session = await ask_unlock(self.tasks, lambda password: resume(
                    folder, backend=backend, password=password), self.settings.last_username)
            if session is not None:
                return session
        return await self.ask_sign_in(notice)

    async def _tell(self, error: BaseException) -> None:
        """Show an expected error in words and wait until the user has read it."""
        from ui.errors import error_box

        box = error_box(None, error)
        closed = asyncio.Event()
        box.finished.connect(lambda _result: closed.set())
        box.open()
        await closed.wait()

    def make_login(self, notice: str = "") -> LoginDialog:
        from ui.dialogs.login import LoginDialog
        from ui.session import sign_in

        folder = self.args.profile
        backend = self.keyring_backend

        def attempt(url: str, user: str, password: str) -> Session:
            return sign_in(url, user, password, folder=folder, backend=backend)

        dialog = LoginDialog(self.tasks, attempt, notice=notice,
                             server_url=self.demo_url or self.settings.last_server,
                             username=self.settings.last_username)
        self.login = dialog
        return dialog

    async def ask_sign_in(self, notice: str = "") -> Session | None:
        dialog = self.make_login(notice)
        result: asyncio.Future[Session | None] = asyncio.get_running_loop().create_future()

        def done(session: Session | None) -> None:
            if not result.done():
                result.set_result(session)

        dialog.signed_in.connect(done)
        dialog.rejected.connect(lambda: done(None))
        dialog.open()
        try:
            return await result
        finally:
            self.login = None
            dialog.deleteLater()

    def open_session(self, session: Session) -> MainWindow:
        self.session = session
        self.profile = Profile(session.folder, session.db, session.user)
        if not self.args.demo:
            self.settings.remember_session(str(session.folder), session.server_url,
                                           session.user.username)
        self.services = AppServices(session.db, session.user)
        self.sync = SyncController(session.db, self.tasks, EngineBackend(session.engine))
        self.sync.signed_out.connect(self._on_signed_out)
        window = self.build_window()
        window.show()
        self.sync.start()
        settle_gc()
        return window

    # -- the window ------------------------------------------------------------------------
    def build_window(self, page: str | None = None) -> MainWindow:
        assert self.services is not None
        assert self.sync is not None
        old = self.window
        fmt = Formatter(babel_locale(self.language))
        warning = self.session.token_warning if self.session is not None else None
        window = MainWindow(self.services, self.tasks, fmt, self.settings, self.sync,
                            self.language, token_warning=warning)
        from ui.dialogs.unlock_dialog import add_storage_warning

        add_storage_warning(window, self.session.storage_warning if self.session else None)
        window.language_change_requested.connect(self.set_language)
        window.sign_out_requested.connect(self.sign_out)
        window.closed.connect(self._on_window_closed)
        self.window = window
        if old is not None:
            window.setGeometry(old.geometry())
            if old.isVisible():
                window.show()
            self._discard(old)
        wanted = page or self.settings.last_page
        window.show_page(wanted if wanted in ALL_PAGES else "today")
        return window

    def _discard(self, window: MainWindow) -> None:
        window.closed.disconnect(self._on_window_closed)
        window.close()
        window.deleteLater()

    def set_language(self, language: str) -> None:
        """Switch the UI language now: install the translator and rebuild the window."""
        self.language = language
        self.settings.language = language
        self.translations.install(language)
        current = self.window.current_page if self.window else None
        window = self.build_window("customers" if current == "customer360" else current)
        if not window.isVisible():
            window.show()

    def _on_window_closed(self) -> None:
        self.finished.set()

    # -- ending a session ------------------------------------------------------------------
    def sign_out(self) -> None:
        """The rep signs out: revoke the token, forget it here, ask to sign in again."""
        session = self.session
        if session is None:
            return
        from ui.session import sign_out

        self._end_session()
        self.tasks.submit(Pool.NETWORK, lambda: sign_out(session),
                          lambda _r: self._after_sign_out(session),
                          lambda _e: self._after_sign_out(session))

    def _after_sign_out(self, session: Session) -> None:
        session.close()
        self.show_sign_in(self.app.translate("Application", "You are signed out."))

    def _on_signed_out(self, code: str) -> None:
        session = self.session
        if session is None:
            return
        self._end_session()
        if code == "wiped":
            from ui.session import forget_wiped

            session.close()
            forget_wiped(session.folder, self.keyring_backend)
            notice = self.app.translate(
                "Application", "The server signed this device out and removed its copy of "
                               "your customers from this computer. Sign in to download them "
                               "again.")
        else:
            session.tokens.delete()
            session.close()
            notice = self.app.translate(
                "Application", "Your session has expired. Please sign in again.")
        self.show_sign_in(notice)

    def _end_session(self) -> None:
        if self.sync is not None:
            self.sync.stop()
        if self.window is not None:
            self.window.save_layout()
            self._discard(self.window)
        self.window = None
        self.session = None
        self.services = None

    def show_sign_in(self, notice: str = "") -> LoginDialog:
        """The sign-in dialog that opens a new session (after signing out, or in tests)."""
        dialog = self.make_login(notice)
        dialog.signed_in.connect(self.open_session)
        dialog.rejected.connect(self._on_window_closed)
        dialog.open()
        return dialog

    def close(self) -> None:
        if self.sync is not None:
            self.sync.stop()
        self.tasks.shutdown()
        if self.session is not None:
            self.session.close()
        elif self.profile is not None:
            self.profile.db.dispose()
        if self._stop_server is not None:
            stop, self._stop_server = self._stop_server, None
            stop()


# ``--screenshots`` runs unattended (CI, tests): never hang; print every thread's stack and exit.
SCREENSHOT_DEADLINE_S = 200


def run_app(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.screenshots is not None:
        faulthandler.dump_traceback_later(SCREENSHOT_DEADLINE_S, exit=True)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    theme.before_app()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("FieldSales")
    app.setOrganizationName("FieldSales")
    # The window closes and reopens when a session ends: quit only when the rep says so.
    app.setQuitOnLastWindowClosed(False)
    theme.apply(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    application = Application(app, args)
    try:
        with loop:
            if not loop.run_until_complete(application.start()):
                return 0
            assert application.window is not None
            if args.screenshots is not None:
                from ui.screenshots import take_screenshots

                written = take_screenshots(application, args.screenshots)
                sys.stdout.write(f"wrote {len(written)} screenshots to {args.screenshots}\n")
                application.window.close()
                return 0
            app.aboutToQuit.connect(application.finished.set)
            loop.run_until_complete(application.finished.wait())
            return 0
    finally:
        application.close()
        faulthandler.cancel_dump_traceback_later()
