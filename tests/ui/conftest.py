"""Real widgets, offscreen, on a real replica filled by app.demo.write_replica."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.db import Database
from app.demo import write_replica
from app.replica import open_replica
from ui.demo_extras import add_demo_extras
from ui.format import Formatter
from ui.main import DEMO_USERNAME
from ui.queries.status import user_by_name
from ui.services import AppServices, CurrentUser
from ui.settings import Settings
from ui.sync_controller import SyncController
from ui.tasks import TaskManager
from ui.widgets.shell import MainWindow


@pytest.fixture(scope="session")
def template_replica(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    path = folder / "replica.db"
    db = open_replica(path)
    db.dispose()
    write_replica(path, 60)
    db = open_replica(path)
    add_demo_extras(db, DEMO_USERNAME)
    db.dispose()
    return path


@pytest.fixture
def ui_db(template_replica: Path, tmp_path: Path) -> Iterator[Database]:
    for suffix in ("", "-wal", "-shm"):
        source = template_replica.with_name(template_replica.name + suffix)
        if source.exists():
            shutil.copy(source, tmp_path / f"replica.db{suffix}")
    db = open_replica(tmp_path / "replica.db")
    yield db
    db.dispose()


@pytest.fixture
def services(ui_db: Database) -> AppServices:
    found = user_by_name(ui_db, DEMO_USERNAME)
    assert found is not None
    return AppServices(ui_db, CurrentUser(found[0], DEMO_USERNAME, found[1], found[2]))


@pytest.fixture
def tasks() -> Iterator[TaskManager]:
    manager = TaskManager()
    yield manager
    manager.wait_idle(5)
    manager.shutdown()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot: QtBot, services: AppServices, tasks: TaskManager,
           settings: Settings) -> MainWindow:
    sync = SyncController(services.db, tasks)
    main = MainWindow(services, tasks, Formatter("en_US"), settings, sync, "en")
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    sync.start()
    main.show_page("today")
    assert tasks.wait_idle()
    return main
