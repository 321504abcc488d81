"""The composition root: builds the QApplication, the qasync loop, the services over the
opened replica and the main window. Nothing else constructs services.

``fieldsales`` (no subcommand) lands here through ``ui.cli``::

    fieldsales --demo                       # a living app on demo data, one command
    fieldsales --demo --screenshots shots/  # render every screen to PNG and exit
    fieldsales --profile DIR --lang zh
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.db import Database
from app.replica import data_root, open_replica
from ui import theme
from ui.format import Formatter
from ui.i18n import Translations, babel_locale, resolve_language
from ui.queries.status import replica_user, user_by_name
from ui.services import AppServices, CurrentUser
from ui.settings import Settings
from ui.sync_controller import SyncBackend, SyncController
from ui.tasks import Pool, TaskManager
from ui.widgets.shell import MainWindow

log = logging.getLogger(__name__)

DEMO_CUSTOMERS = 2000
DEMO_USERNAME = "zhang"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fieldsales", description="FieldSales desktop CRM")
    parser.add_argument("--demo", action="store_true",
                        help="start on a demo profile filled with realistic data")
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


def prepare_demo(folder: Path, customers: int) -> None:
    """Fill a fresh demo replica (worker thread): demo data, a few quotes and conflicts."""
    from ui.demo_extras import add_demo_extras

    path = folder / "replica.db"
    if path.exists():
        return
    from app.demo import write_replica

    tmp = folder / "replica.db.part"
    for leftover in folder.glob("replica.db.part*"):
        leftover.unlink()
    db = open_replica(tmp)
    db.dispose()
    write_replica(tmp, customers)
    db = open_replica(tmp)
    try:
        add_demo_extras(db, DEMO_USERNAME)
    finally:
        db.dispose()
    for suffix in ("", "-wal", "-shm"):
        source = folder / f"replica.db.part{suffix}"
        if source.exists():
            source.rename(folder / f"replica.db{suffix}")


def open_profile(folder: Path, demo: bool) -> Profile:
    """Open (migrating) the profile's replica and find who is signed in (worker thread)."""
    db = open_replica(folder / "replica.db")
    found = user_by_name(db, DEMO_USERNAME) if demo else replica_user(db)
    if found is None:
        user = CurrentUser(None, "", "FieldSales", "manager")
    else:
        user = CurrentUser(found[0], DEMO_USERNAME if demo else "", found[1], found[2])
    return Profile(folder, db, user)


def demo_sync_backend(profile: Profile) -> SyncBackend | None:
    """HOOK (sync integration): start a loopback server seeded with the demo data and return
    a backend that syncs the demo replica with it. Returns None until ``sync.server`` offers
    ``start_local_server``; the app then runs honestly offline on the same demo data."""
    try:
        from sync.server import local
    except ImportError:
        return None
    _ = local, profile
    return None


class Application:
    """Owns the long-lived objects and rebuilds the window when the language changes."""

    def __init__(self, app: QApplication, args: argparse.Namespace) -> None:
        self.app = app
        self.args = args
        self.tasks = TaskManager()
        settings_path = args.profile / "settings.ini" if args.profile else None
        if args.screenshots is not None and settings_path is None:
            settings_path = Path(tempfile.mkdtemp(prefix="fieldsales-shots-")) / "settings.ini"
        self.settings = Settings(settings_path)
        self.translations = Translations()
        self.language = resolve_language(args.lang, self.settings.language)
        self.translations.install(self.language)
        self.profile: Profile | None = None
        self.services: AppServices | None = None
        self.sync: SyncController | None = None
        self.window: MainWindow | None = None

    def profile_folder(self) -> Path:
        if self.args.profile is not None:
            return Path(self.args.profile)
        if self.args.demo:
            return data_root() / "profiles" / "demo"
        return data_root() / "profiles" / "local"

    async def start(self) -> None:
        folder = self.profile_folder()
        folder.mkdir(parents=True, exist_ok=True)
        splash: QWidget | None = None
        if self.args.demo and not (folder / "replica.db").exists():
            splash = QLabel(self.app.translate(
                "Application", "Preparing demo data: {n} customers…").format(
                    n=self.args.demo_customers))
            splash.setObjectName("splash")
            splash.setAlignment(Qt.AlignmentFlag.AlignCenter)
            splash.setWindowFlag(Qt.WindowType.SplashScreen)
            splash.resize(420, 120)
            splash.show()
            customers = self.args.demo_customers
            await self.tasks.run_async(Pool.WRITER, lambda: prepare_demo(folder, customers))
        demo = bool(self.args.demo)
        self.profile = await self.tasks.run_async(Pool.WRITER,
                                                  lambda: open_profile(folder, demo))
        self.services = AppServices(self.profile.db, self.profile.user)
        backend = demo_sync_backend(self.profile) if demo else None
        self.sync = SyncController(self.profile.db, self.tasks, backend)
        self.build_window()
        self.sync.start()
        if splash is not None:
            splash.close()

    def build_window(self, page: str | None = None) -> MainWindow:
        assert self.services is not None
        assert self.sync is not None
        old = self.window
        fmt = Formatter(babel_locale(self.language))
        window = MainWindow(self.services, self.tasks, fmt, self.settings, self.sync,
                            self.language)
        window.language_change_requested.connect(self.set_language)
        self.window = window
        if old is not None:
            window.setGeometry(old.geometry())
            if old.isVisible():
                window.show()
            old.close()
            old.deleteLater()
        window.show_page(page or self.settings.last_page if (page or self.settings.last_page)
                         in window.pages else "today")
        return window

    def set_language(self, language: str) -> None:
        """Switch the UI language now: install the translator and rebuild the window."""
        self.language = language
        self.settings.language = language
        self.translations.install(language)
        current = self.window.current_page if self.window else None
        window = self.build_window("customers" if current == "customer360" else current)
        if not window.isVisible():
            window.show()

    def close(self) -> None:
        self.tasks.shutdown()
        if self.profile is not None:
            self.profile.db.dispose()


def run_app(argv: list[str]) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    theme.before_app()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("FieldSales")
    app.setOrganizationName("FieldSales")
    theme.apply(app)
    application = Application(app, args)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            loop.run_until_complete(application.start())
            assert application.window is not None
            if args.screenshots is not None:
                from ui.screenshots import take_screenshots

                written = take_screenshots(application, args.screenshots)
                sys.stdout.write(f"wrote {len(written)} screenshots to {args.screenshots}\n")
                application.window.close()
                return 0
            application.window.show()
            closed = asyncio.Event()
            app.aboutToQuit.connect(closed.set)
            loop.run_until_complete(closed.wait())
            return 0
    finally:
        application.close()
