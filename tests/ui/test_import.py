"""The import wizard and export dialog with real widgets on a real replica: every step, the
remembered mapping, errors blocking the import, duplicates, and a 20 000-row sheet imported
while the UI keeps drawing."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QWidget, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db import Database
from app.exchange.export import write_rows
from app.exchange.reader import read_table
from app.exchange.sample import write_customer_sheet
from app.models import Customer, Product
from app.replica import open_replica
from sync.client.catalog_upload import upload_products
from sync.client.engine import SyncEngine
from sync.server import admin
from sync.server.local import start_local_server
from sync.server.settings import Settings
from sync.server.store import Store
from sync.transport import RequestsTransport
from tests.sync.helpers import PASSWORD
from ui.exchange.export_dialog import ExportDialog
from ui.exchange.import_wizard import (
    PAGE_DUPLICATES,
    PAGE_IMPORT,
    PAGE_MAPPING,
    PAGE_PREVIEW,
    ImportWizard,
    ProductUploader,
    engine_uploader,
)
from ui.services import AppServices, CurrentUser
from ui.tasks import TaskManager


def _shots() -> Path | None:
    """Where to save screenshots of the steps, when asked (FIELDSALES_SHOTS_DIR)."""
    folder = os.environ.get("FIELDSALES_SHOTS_DIR")
    return Path(folder) if folder else None


def _shot(widget: QWidget, name: str) -> None:
    shots = _shots()
    if shots:
        widget.grab().save(str(shots / name))


def _existing_name(services: AppServices) -> str:
    with services.db.reader() as s:
        return str(s.scalars(select(Customer.full_name).order_by(Customer.id)).first())


def _wizard(qtbot: QtBot, services: AppServices, tasks: TaskManager,
            settings: QSettings, path: Path, *, entity: str | None = None,
            uploader: ProductUploader | None = None) -> ImportWizard:
    """The wizard, shown, with ``path`` chosen (for ``entity``: customers by default)."""
    wizard = ImportWizard(services, tasks, settings, uploader=uploader)
    qtbot.addWidget(wizard)
    wizard.show()
    if entity is not None:
        wizard.file_page.entity.setCurrentIndex(wizard.file_page.entity.findData(entity))
    wizard.file_page.set_path(path)
    assert tasks.wait_idle()
    assert wizard.file_page.isComplete(), wizard.file_page.status.text()
    return wizard


def _next(wizard: ImportWizard, tasks: TaskManager) -> None:
    wizard.next()
    assert tasks.wait_idle(60)


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "wizard.ini"), QSettings.Format.IniFormat)


def test_wizard_walks_every_step_and_imports(qtbot: QtBot, services: AppServices,
                                             tasks: TaskManager, qsettings: QSettings,
                                             tmp_path: Path) -> None:
    existing = _existing_name(services)
    path = tmp_path / "customers.xlsx"
    write_rows(path, ["客户名称", "行业", "区域", "电话"], [
        ["深圳市新锐测试科技有限公司", "软件", "华南", "0755-86001234"],
        ["上海市第二测试电子有限公司", "电子", "华东", ""],
        [existing, "软件", "华南", "0755-86009999"],
    ])
    before = services.customers.count()
    shots = _shots()
    wizard = _wizard(qtbot, services, tasks, qsettings, path)
    if shots:
        wizard.grab().save(str(shots / "import_1_file.png"))
    _next(wizard, tasks)
    assert wizard.currentId() == PAGE_MAPPING
    assert wizard.mapping_page.mapping() == {0: "full_name", 1: "industry", 2: "region",
                                             3: "phone"}
    if shots:
        wizard.grab().save(str(shots / "import_2_mapping.png"))
    _next(wizard, tasks)
    assert wizard.currentId() == PAGE_PREVIEW
    assert wizard.preview_page.isComplete()
    assert wizard.plan is not None
    assert wizard.preview_page.rows.rowCount() == 3
    if shots:
        wizard.grab().save(str(shots / "import_3_preview.png"))
    _next(wizard, tasks)
    assert wizard.currentId() == PAGE_DUPLICATES
    assert wizard.duplicates_page.grid.rowCount() == 1
    wizard.duplicates_page.default.setCurrentIndex(
        wizard.duplicates_page.default.findData("merge"))
    if shots:
        wizard.grab().save(str(shots / "import_4_duplicates.png"))
    with qtbot.waitSignal(wizard.import_finished, timeout=60_000) as finished:
        wizard.next()
    assert wizard.currentId() == PAGE_IMPORT
    result = finished.args[0]
    assert (result.created, result.merged, result.skipped) == (2, 1, 0)
    assert tasks.wait_idle()
    if shots:
        wizard.grab().save(str(shots / "import_5_done.png"))
    assert services.customers.count() == before + 2
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_mapping_is_remembered_for_the_same_headings(
        qtbot: QtBot, services: AppServices, tasks: TaskManager, qsettings: QSettings,
        tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    write_rows(path, ["Firma", "Branche", "Gebiet", "Anmerkung"],
               [["Acme Test GmbH", "software", "europe", "x"]])
    wizard = _wizard(qtbot, services, tasks, qsettings, path)
    _next(wizard, tasks)
    page = wizard.mapping_page
    assert page.mapping() == {}  # German headings: nothing guessed
    assert not page.isComplete()
    for index, key in enumerate(("full_name", "industry", "region", "notes")):
        page.combos[index].setCurrentIndex(page.combos[index].findData(key))
    assert page.isComplete()
    _next(wizard, tasks)
    assert wizard.plan is not None
    assert wizard.plan.valid
    wizard.close()
    again = _wizard(qtbot, services, tasks, qsettings, path)
    _next(again, tasks)
    assert again.mapping_page.mapping() == {0: "full_name", 1: "industry", 2: "region",
                                            3: "notes"}


def test_errors_block_the_import_and_can_be_saved(
        qtbot: QtBot, services: AppServices, tasks: TaskManager, qsettings: QSettings,
        tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    write_rows(path, ["Company", "Industry", "Region", "Phone"],
               [["好的测试有限公司", "软件", "华南", ""],
                ["坏的测试有限公司", "不知道", "华南", "12345"]])
    wizard = _wizard(qtbot, services, tasks, qsettings, path)
    _next(wizard, tasks)
    _next(wizard, tasks)
    page = wizard.preview_page
    assert not page.isComplete()
    assert page.issues.rowCount() == 2
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    shots = _shots()
    if shots:
        wizard.grab().save(str(shots / "import_3b_errors.png"))
    errors = tmp_path / "errors.xlsx"
    page.save_errors_to(errors)
    assert tasks.wait_idle()
    assert {r[2] for r in read_table(errors).rows} == {"not_in_list", "phone_invalid"}


@pytest.mark.slow
def test_20000_rows_import_while_the_ui_keeps_drawing(
        qtbot: QtBot, services: AppServices, tasks: TaskManager, qsettings: QSettings,
        tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    write_customer_sheet(path, 20_000)
    wizard = _wizard(qtbot, services, tasks, qsettings, path)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    timer.start()
    _next(wizard, tasks)
    _next(wizard, tasks)  # validation + duplicate detection on a worker
    assert wizard.plan is not None
    assert wizard.plan.valid
    if wizard.currentId() == PAGE_PREVIEW and wizard.plan.duplicates:
        _next(wizard, tasks)  # a few names in the sample repeat: keep the default, skip
        assert wizard.currentId() == PAGE_DUPLICATES
    before = services.customers.count()
    with qtbot.waitSignal(wizard.import_finished, timeout=180_000) as finished:
        wizard.next()
    timer.stop()
    result = finished.args[0]
    assert result.created + result.skipped == 20_000
    assert result.created > 19_000
    assert services.customers.count() == before + result.created
    # The event loop kept turning: no gap near a frozen window's (seconds).
    assert len(gaps) > 50
    assert max(gaps) < 1.0, f"UI blocked for {max(gaps):.2f} s"


def test_export_dialog_writes_the_current_list(qtbot: QtBot, services: AppServices,
                                               tasks: TaskManager, tmp_path: Path) -> None:
    with services.db.reader() as s:
        rowids = [r[0] for r in s.connection().exec_driver_sql(
            "SELECT rowid FROM customers WHERE owner_id = ? ORDER BY full_name LIMIT 5",
            (services.user.id,))]
    dialog = ExportDialog(services, tasks, customer_rowids=rowids)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(tmp_path / "five"))
    shots = _shots()
    if shots:
        dialog.grab().save(str(shots / "export_dialog.png"))
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as done:
        dialog.start()
    assert done.args == [str(tmp_path / "five.xlsx"), 5]
    assert len(read_table(tmp_path / "five.xlsx").rows) == 5


# -- products for the server's catalog (managers only) ----------------------------------------

def _manager_services(db: Database, user_id: str | None = None) -> AppServices:
    return AppServices(db, CurrentUser(user_id, "li", "Li Manager", "manager"))


def _entities(wizard: ImportWizard) -> list[str]:
    combo = wizard.file_page.entity
    return [str(combo.itemData(i)) for i in range(combo.count())]


def test_only_managers_see_the_products_choice(qtbot: QtBot, services: AppServices,
                                               tasks: TaskManager, qsettings: QSettings) -> None:
    rep_view = AppServices(services.db, CurrentUser(services.user.id, "zhang", "Zhang", "rep"))
    as_rep = ImportWizard(rep_view, tasks, qsettings)
    qtbot.addWidget(as_rep)
    assert _entities(as_rep) == ["customers", "contacts"]
    as_manager = ImportWizard(_manager_services(services.db), tasks, qsettings)
    qtbot.addWidget(as_manager)
    assert _entities(as_manager) == ["customers", "contacts", "products"]
    as_manager.show()
    assert not as_manager.file_page.catalog_note.isVisible()
    as_manager.file_page.entity.setCurrentIndex(2)
    assert as_manager.file_page.catalog_note.isVisible()


@pytest.fixture
def live_manager(tmp_path: Path) -> Iterator[tuple[SyncEngine, Store, str]]:
    """A real server on 127.0.0.1 and a manager signed in on their own replica."""
    db_path = tmp_path / "server.db"
    url, stop = start_local_server(db_path)
    store = Store(Settings(db_url=f"sqlite:///{db_path}"))
    manager_id = admin.add_user(store, "li", PASSWORD, "manager", team="east")
    db = open_replica(tmp_path / "li.db")
    engine = SyncEngine(db, RequestsTransport(url), retries=1, backoff_s=0.01)
    engine.login(url, "li", PASSWORD)
    try:
        yield engine, store, manager_id
    finally:
        engine.transport.close()
        db.dispose()
        store.dispose()
        stop()


def _to_products(wizard: ImportWizard, tasks: TaskManager) -> None:
    """Choose products and read the file again for that entity (the file page's order)."""
    wizard.file_page.entity.setCurrentIndex(wizard.file_page.entity.findData("products"))
    assert wizard.path is not None
    wizard.file_page.set_path(wizard.path)
    assert tasks.wait_idle()


def test_wizard_uploads_products_to_the_server_and_sync_brings_them(
        qtbot: QtBot, tasks: TaskManager, qsettings: QSettings, tmp_path: Path,
        live_manager: tuple[SyncEngine, Store, str]) -> None:
    engine, _store, manager_id = live_manager
    upload_products(engine, [{"row": 2, "cells": {"sku": "P-1", "name": "Pump",
                                                  "list_price": "100"}}])
    engine.sync()
    services = _manager_services(engine.db, manager_id)
    path = tmp_path / "产品目录.xlsx"
    write_rows(path, ["编码", "产品名称", "中文名称", "单价", "税率", "阶梯价"], [
        ["P-1", "Pump", "泵 二代", "120", "13%", "10:110;100:100"],
        ["P-2", "Valve", "阀门", "35.5", "6%", ""],
    ])
    wizard = _wizard(qtbot, services, tasks, qsettings, path, entity="products",
                     uploader=engine_uploader(engine))
    wizard.resize(940, 640)
    _shot(wizard, "reports-products-1-file.png")
    _next(wizard, tasks)
    assert wizard.mapping_page.mapping() == {0: "sku", 1: "name", 2: "name_zh",
                                             3: "list_price", 4: "tax_rate", 5: "tiers"}
    _shot(wizard, "reports-products-2-mapping.png")
    _next(wizard, tasks)
    assert wizard.currentId() == PAGE_PREVIEW
    assert wizard.plan is not None
    assert wizard.plan.valid
    assert wizard.preview_page.rows.rowCount() == 2
    assert "1 SKUs already in the catalog" in wizard.preview_page.summary.text()
    _shot(wizard, "reports-products-3-preview.png")
    _next(wizard, tasks)
    assert wizard.currentId() == PAGE_DUPLICATES
    page = wizard.duplicates_page
    assert [page.default.itemData(i) for i in range(page.default.count())] == ["skip", "merge"]
    page.default.setCurrentIndex(page.default.findData("merge"))
    _shot(wizard, "reports-products-4-duplicates.png")
    with qtbot.waitSignal(wizard.import_finished, timeout=30_000) as finished:
        wizard.next()
    result = finished.args[0]
    assert (result.created, result.updated, result.skipped) == (1, 1, 0)
    assert tasks.wait_idle()
    _shot(wizard, "reports-products-5-done.png")
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    engine.sync()
    with engine.db.reader() as s:
        got = {p.sku: (p.name_zh, p.list_price, len(p.tiers)) for p in s.scalars(
            select(Product))}
    assert got == {"P-1": ("泵 二代", Decimal("120"), 2), "P-2": ("阀门", Decimal("35.5"), 0)}


def test_bad_product_rows_block_the_upload_and_say_why(
        qtbot: QtBot, services: AppServices, tasks: TaskManager, qsettings: QSettings,
        tmp_path: Path) -> None:
    path = tmp_path / "bad-products.csv"
    write_rows(path, ["SKU", "Name", "List price", "Tiers"],
               [["A-1", "Good", "10", ""], ["A-1", "Again", "11", ""],
                ["A-2", "Tiers", "12", "100:9;10:8"]])
    wizard = _wizard(qtbot, _manager_services(services.db), tasks, qsettings, path,
                     entity="products")
    _next(wizard, tasks)
    _next(wizard, tasks)
    page = wizard.preview_page
    assert not page.isComplete()
    cells = [page.issues.item(r, 2) for r in range(page.issues.rowCount())]
    problems = {c.text() for c in cells if c is not None}
    assert problems == {"This SKU is on an earlier row of the file.",
                        "Tier quantities must be above zero and ascending."}
    _shot(wizard, "reports-products-3b-errors.png")
    errors = tmp_path / "errors.xlsx"
    page.save_errors_to(errors)
    assert tasks.wait_idle()
    assert {r[2] for r in read_table(errors).rows} == {"sku_repeated", "tiers_not_ascending"}


def test_offline_the_wizard_says_a_connection_is_needed_and_keeps_the_mapping(
        qtbot: QtBot, services: AppServices, tasks: TaskManager, qsettings: QSettings,
        tmp_path: Path) -> None:
    db = open_replica(tmp_path / "offline.db")
    engine = SyncEngine(db, RequestsTransport("http://127.0.0.1:9"), retries=1)
    path = tmp_path / "products.csv"
    write_rows(path, ["Artikel", "Bezeichnung", "Preis"], [["X-1", "Thing", "5"]])
    manager = _manager_services(services.db)
    try:
        wizard = _wizard(qtbot, manager, tasks, qsettings, path, entity="products",
                         uploader=engine_uploader(engine))
        wizard.resize(940, 640)
        _next(wizard, tasks)
        combos = wizard.mapping_page.combos
        for index, key in enumerate(("sku", "name", "list_price")):
            combos[index].setCurrentIndex(combos[index].findData(key))
        _next(wizard, tasks)
        assert wizard.plan is not None
        assert wizard.plan.valid
        _next(wizard, tasks)
        assert wizard.currentId() == PAGE_IMPORT
        page = wizard.import_page
        assert "Not connected to the server" in page.result.text()
        assert not page.retry.isHidden()
        assert not page.isComplete()
        _shot(wizard, "reports-products-6-offline.png")
        page.retry.click()  # still offline: the same message, nothing lost
        assert tasks.wait_idle(30)
        assert "Not connected to the server" in page.result.text()
        assert wizard.plan is not None
        assert len(wizard.plan.rows) == 1
        wizard.close()
        again = _wizard(qtbot, manager, tasks, qsettings, path, entity="products")
        _next(again, tasks)
        assert again.mapping_page.mapping() == {0: "sku", 1: "name", 2: "list_price"}
    finally:
        engine.transport.close()
        db.dispose()
