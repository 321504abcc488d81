"""The main flows, driven through real widgets: create a customer, log a follow-up, drag an
opportunity, mark one lost, resolve a conflict, switch language, search."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.enums import Stage
from ui.dialogs.lost_reason import LostReasonDialog
from ui.main import Application, open_profile, parse_args
from ui.queries.conflicts import open_conflicts
from ui.queries.customers import CustomerFilter, customer_rowids, customer_rows
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.pipeline import CARD_ROLE, MIME
from ui.widgets.shell import MainWindow


def test_create_customer_via_dialog(qtbot: QtBot, window: MainWindow, tasks: TaskManager,
                                    services: AppServices) -> None:
    before = services.customers.count()
    dialog = window.new_customer()
    dialog.full_name.setText("上海青松测试仪器有限公司")  # keyClicks is ASCII-only
    dialog.industry.setCurrentIndex(dialog.industry.findData("electronics"))
    dialog.region.setCurrentIndex(dialog.region.findData("east_china"))
    qtbot.keyClicks(dialog.phone, "021 6888 1234")
    with qtbot.waitSignal(dialog.customer_saved, timeout=5000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    created = services.customers.get(str(saved.args[0]))
    assert created.full_name == "上海青松测试仪器有限公司"
    assert created.phone == "+862168881234"
    assert services.customers.count() == before + 1
    tasks.wait_idle()
    assert window.current_page == "customer360"
    assert window.customer360.title.text() == "上海青松测试仪器有限公司"


def test_customer_dialog_shows_error_on_the_field(qtbot: QtBot, window: MainWindow,
                                                  tasks: TaskManager) -> None:
    dialog = window.new_customer()
    qtbot.keyClicks(dialog.full_name, "Bad Phone Trading Ltd.")
    qtbot.keyClicks(dialog.phone, "12")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.field_error("phone") != "", timeout=5000)
    assert "phone" in dialog.field_error("phone").lower()
    assert dialog.isVisible()


def test_duplicate_customer_offers_open_existing(qtbot: QtBot, window: MainWindow,
                                                 services: AppServices) -> None:
    window.show_page("customers")
    qtbot.waitUntil(lambda: window.customers.model.row_at(0) is not None, timeout=5000)
    existing = window.customers.model.row_at(0)
    assert existing is not None
    dialog = window.new_customer()
    dialog.full_name.setText(existing.full_name)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.duplicates.isVisible, timeout=5000)
    with qtbot.waitSignal(dialog.open_existing_requested, timeout=2000) as chosen:
        buttons = [b for b in dialog.duplicates.findChildren(type(dialog.save_button))
                   if b.text() == "Open existing"]
        qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert chosen.args == [existing.id]


def test_log_follow_up_from_today(qtbot: QtBot, window: MainWindow, tasks: TaskManager,
                                  services: AppServices) -> None:
    data = window.today.data
    assert data is not None
    assert data.due, "demo data has follow-ups due"
    task = data.due[0]
    before = len(services.activities.timeline(task.customer_id))
    dialog = window.today.log_follow_up(task.customer_id, "x", task)
    dialog.outcome.setPlainText("Agreed to a site visit next week")
    with qtbot.waitSignal(dialog.follow_up_logged, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    timeline = services.activities.timeline(task.customer_id)
    assert len(timeline) == before + 2  # the follow-up itself and the next one scheduled
    assert any(a.outcome == "Agreed to a site visit next week" and a.done_at for a in timeline)
    tasks.wait_idle()
    assert all(a.id != task.id for a in window.today.data.due)  # type: ignore[union-attr]


def _drop(window: MainWindow, opp_id: str, from_stage: str, to_stage: str) -> None:
    target = window.pipeline.columns[to_stage].list
    mime = QMimeData()
    mime.setData(MIME, QByteArray(f"{opp_id}|{from_stage}".encode()))
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.MoveAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    target.dropEvent(event)
    assert event.isAccepted()


def test_drag_opportunity_to_next_stage(qtbot: QtBot, window: MainWindow, tasks: TaskManager,
                                        services: AppServices) -> None:
    window.show_page("opportunities")
    tasks.wait_idle()
    source = window.pipeline.columns[Stage.PROSPECT.value].list
    assert source.count() > 0
    card = source.item(0).data(CARD_ROLE)
    history_before = services.opportunities.history(card.id)
    with qtbot.waitSignal(window.pipeline.opportunity_moved, timeout=5000):
        _drop(window, card.id, Stage.PROSPECT.value, Stage.QUALIFIED.value)
    history = services.opportunities.history(card.id)
    assert len(history) == len(history_before) + 1
    assert (history[-1].from_stage, history[-1].to_stage) == ("prospect", "qualified")
    tasks.wait_idle()
    ids = [window.pipeline.columns["qualified"].list.item(i).data(CARD_ROLE).id
           for i in range(window.pipeline.columns["qualified"].list.count())]
    assert card.id in ids


def test_dropping_on_lost_asks_for_the_reason(qtbot: QtBot, window: MainWindow,
                                              tasks: TaskManager,
                                              services: AppServices) -> None:
    window.show_page("opportunities")
    tasks.wait_idle()
    columns = window.pipeline.columns
    stage = next(s.value for s in (Stage.NEGOTIATION, Stage.PROPOSAL, Stage.QUALIFIED,
                                    Stage.PROSPECT) if columns[s.value].list.count())
    card = window.pipeline.columns[stage].list.item(0).data(CARD_ROLE)
    _drop(window, card.id, stage, "lost")
    dialog = window.pipeline.findChild(LostReasonDialog)
    assert dialog is not None
    assert dialog.isVisible()
    assert services.opportunities.get(card.id).stage == stage  # nothing moved yet
    dialog.reason.setCurrentIndex(dialog.reason.findData("competitor"))
    with qtbot.waitSignal(window.pipeline.opportunity_moved, timeout=5000):
        dialog.accept()
    moved = services.opportunities.get(card.id)
    assert (moved.stage, moved.lost_reason) == ("lost", "competitor")


def test_resolve_conflict_keep_theirs(qtbot: QtBot, window: MainWindow, tasks: TaskManager,
                                      services: AppServices) -> None:
    assert window.conflicts_button.isVisible()
    assert window.conflicts_button.text() == "2 conflicts"
    dialog = window.open_conflicts()
    tasks.wait_idle()
    assert dialog.table.rowCount() == 2
    row = dialog.rows[0]
    button = dialog.table.cellWidget(0, 5).findChild(type(window.sync_button), "keepTheirs0")
    with qtbot.waitSignal(dialog.conflict_resolved, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    customer = services.customers.get(row.entity_id)
    assert getattr(customer, row.field or "") == row.theirs
    tasks.wait_idle()
    assert dialog.table.rowCount() == 1
    assert len(open_conflicts(services.db, services.user.id)) == 1
    assert window.conflicts_button.text() == "1 conflicts"


def test_switch_language(qtbot: QtBot, tmp_path: Path, ui_db: object) -> None:
    args = parse_args(["--profile", str(tmp_path), "--lang", "en"])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    application = Application(app, args)
    application.profile = open_profile(tmp_path, demo=True)
    application.services = AppServices(application.profile.db, application.profile.user)
    from ui.sync_controller import SyncController

    application.sync = SyncController(application.profile.db, application.tasks)
    window = application.build_window("customers")
    qtbot.addWidget(window)
    assert window.nav.item(1).text() == "Customers"
    application.set_language("zh")
    zh_window = application.window
    assert zh_window is not None
    assert zh_window is not window
    qtbot.addWidget(zh_window)
    assert zh_window.nav.item(1).text() == "客户"
    assert zh_window.current_page == "customers"
    assert application.settings.language == "zh"
    application.tasks.wait_idle()
    assert "个客户" in zh_window.customers.count_label.text()
    application.set_language("en")
    assert application.window is not None
    qtbot.addWidget(application.window)
    assert application.window.nav.item(0).text() == "Today"
    application.tasks.wait_idle()
    application.close()


def test_global_search_opens_customer(qtbot: QtBot, window: MainWindow,
                                      tasks: TaskManager) -> None:
    rows = customer_rows(window.services.db, customer_rowids(window.services.db,
                                                             CustomerFilter())[:1])
    name = next(iter(rows.values())).full_name
    window.open_search()
    popup = window.search_popup
    popup.input.setText(name[:4])  # keyClicks is ASCII-only
    qtbot.waitUntil(lambda: popup.results.count() > 0, timeout=5000)
    qtbot.keyClick(popup.input, Qt.Key.Key_Return)
    tasks.wait_idle()
    assert window.current_page == "customer360"
    assert name[:4] in window.customer360.title.text()


def test_new_quote_from_the_customer_360(qtbot: QtBot, window: MainWindow,
                                         tasks: TaskManager) -> None:
    rows = customer_rows(window.services.db, customer_rowids(window.services.db,
                                                             CustomerFilter())[:1])
    customer = next(iter(rows.values()))
    window.open_customer(customer.id)
    tasks.wait_idle()
    before = len(window.services.quotes.for_customer(customer.id))
    with qtbot.waitSignal(window.quotes.builder.quote_loaded, timeout=10000):
        window.customer360.quote_button.click()
    tasks.wait_idle()
    assert window.current_page == "quotes"
    assert window.quotes.stack.currentWidget() is window.quotes.builder_scroll
    assert len(window.services.quotes.for_customer(customer.id)) == before + 1  # a draft
    # Back on the 360 view, activating the quote opens it in the builder.
    window.open_customer(customer.id, 3)
    tasks.wait_idle()
    item = window.customer360.quotes.topLevelItem(0)
    assert item is not None
    with qtbot.waitSignal(window.quotes.builder.quote_loaded, timeout=10000):
        window.customer360.quotes.itemActivated.emit(item, 0)
    assert window.current_page == "quotes"


def test_customers_page_opens_import_and_export(qtbot: QtBot, window: MainWindow,
                                                tasks: TaskManager) -> None:
    window.show_page("customers")
    tasks.wait_idle()
    wizard = window.customers.open_import()
    assert wizard.isVisible()
    wizard.close()
    dialog = window.customers.open_export()
    assert dialog.isVisible()
    # The export takes exactly the rows the list shows (its filters applied).
    assert window.customers.model.rowids()
    assert len(window.customers.model.rowids()) == window.customers.model.rowCount()
    dialog.close()
