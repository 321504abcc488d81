"""The Reports page on a real demo replica: every report opens, fills its table and chart,
exports to .xlsx / CSV and prints to a PDF whose text is searchable."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.exchange.reader import read_table
from ui import labels
from ui.format import Formatter
from ui.reports.view import REPORTS, ReportsView
from ui.services import AppServices, CurrentUser
from ui.tasks import TaskManager
from ui.widgets.shell import MainWindow


def _shots() -> Path | None:
    """Where to save screenshots of the steps, when asked (FIELDSALES_SHOTS_DIR)."""
    folder = os.environ.get("FIELDSALES_SHOTS_DIR")
    return Path(folder) if folder else None


def _open(qtbot: QtBot, services: AppServices, tasks: TaskManager) -> ReportsView:
    view = ReportsView(services, tasks, Formatter("en_US"))
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    view.refresh()
    assert tasks.wait_idle()
    assert view.bundle is not None
    return view


def test_every_report_opens_with_a_chart_and_a_table(
        qtbot: QtBot, services: AppServices, tasks: TaskManager) -> None:
    view = _open(qtbot, services, tasks)
    for index, name in enumerate(REPORTS):
        view.tabs.setCurrentIndex(index)
        page = view.pages[name]
        assert page.report is not None, name
        assert page.table.rowCount() == len(page.report.rows), name
        assert page.chart_view.chart().series(), f"{name} has no chart"
        assert not page.grab().isNull()
    funnel = view.bundle.funnel if view.bundle else None
    assert funnel is not None
    reached = [r.reached for r in funnel.rows]
    assert reached[0] > 0
    assert reached == sorted(reached, reverse=True)  # demo deals only move forward
    # The table shows what the report computed, formatted.
    first = view.pages["funnel"]
    cell = first.table.item(0, 1)
    assert cell is not None
    assert cell.text() == f"{reached[0]:,}"
    # A rep sees only their own figures: the rep picker is locked to them.
    assert not view.rep.isEnabled()
    assert view.scope().owner_ids == (services.user.id,)


def test_a_manager_picks_a_rep(qtbot: QtBot, services: AppServices,
                               tasks: TaskManager) -> None:
    manager = AppServices(services.db, CurrentUser(None, "manager", "Manager", "manager"))
    view = _open(qtbot, manager, tasks)
    assert view.rep.isEnabled()
    assert view.rep.count() > 2
    everyone = view.bundle.funnel.rows[0].reached if view.bundle else 0
    assert len(view.bundle.leaderboard.rows if view.bundle else ()) >= 3
    with qtbot.waitSignal(view.rep.currentIndexChanged):
        view.rep.setCurrentIndex(view.rep.findText(services.user.display_name))
    assert tasks.wait_idle()
    mine = view.bundle.funnel.rows[0].reached if view.bundle else 0
    assert 0 < mine < everyone


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_each_report(qtbot: QtBot, services: AppServices, tasks: TaskManager,
                            tmp_path: Path, suffix: str) -> None:
    view = _open(qtbot, services, tasks)
    for index, name in enumerate(REPORTS):
        view.tabs.setCurrentIndex(index)
        path = tmp_path / f"{name}{suffix}"
        with qtbot.waitSignal(view.report_exported, timeout=10_000):
            view.export_to(path)
        table = read_table(path)
        page = view.pages[name]
        assert page.report is not None
        assert len(table.rows) == len(page.report.rows), name
        assert table.headers[0] == page.headings[page.report.columns[0]]
    funnel = read_table(tmp_path / f"funnel{suffix}")
    assert funnel.rows[0][0] == labels.stage("prospect")  # stage names, not codes


def test_print_report_to_pdf(qtbot: QtBot, services: AppServices, tasks: TaskManager,
                             tmp_path: Path) -> None:
    view = _open(qtbot, services, tasks)
    path = tmp_path / "funnel.pdf"
    with qtbot.waitSignal(view.report_exported, timeout=20_000):
        view.export_to(path)
    assert path.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler's pdftotext is needed to check PDF text"
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Funnel" in text
    assert labels.stage("negotiation") in text


def test_reports_page_in_the_main_window(window: MainWindow, tasks: TaskManager) -> None:
    window.show_page("reports")
    assert tasks.wait_idle()
    page = window.reports
    assert isinstance(page, ReportsView)
    assert page.bundle is not None
    assert page.pages["funnel"].table.rowCount() == 5
    shots = _shots()
    if shots:
        window.grab().save(str(shots / "window_reports.png"))


def test_lifecycle_flow_exports_in_words(qtbot: QtBot, services: AppServices,
                                         tasks: TaskManager, tmp_path: Path) -> None:
    """The lifecycle-flow tab goes through the page's CSV and PDF export like the others,
    with stage names and "New customer" instead of codes."""
    view = _open(qtbot, services, tasks)
    view.tabs.setCurrentIndex(REPORTS.index("lifecycle_flow"))
    report = view.bundle.lifecycle_flow if view.bundle else None
    assert report is not None
    assert report.rows
    path = tmp_path / "flow.csv"
    with qtbot.waitSignal(view.report_exported, timeout=10_000):
        view.export_to(path)
    table = read_table(path)
    assert list(table.headers) == ["Month", "From stage", "To stage", "Customers"]
    assert len(table.rows) == len(report.rows)
    stages = {labels.lifecycle(s) for s in ("prospect", "interested", "customer", "loyal",
                                            "dormant")}
    assert {row[1] for row in table.rows} <= stages | {"New customer"}
    assert {row[2] for row in table.rows} <= stages
    assert sum(int(str(row[3])) for row in table.rows) == sum(r.customers for r in report.rows)
    pdf = tmp_path / "flow.pdf"
    with qtbot.waitSignal(view.report_exported, timeout=20_000):
        view.export_to(pdf)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Lifecycle flow" in text
    assert "New customer" in text


def test_the_funnel_columns_are_built_before_reports_open(window: MainWindow,
                                                          tasks: TaskManager) -> None:
    """Start-up (and every sync) rebuilds the funnel's columns on a reader thread, so the
    first Reports visit does not pay for it."""
    from app.reports import visits

    assert tasks.wait_idle()
    cache = visits._CACHES.get(window.services.db)
    assert cache is not None
    assert cache.visits is not None
    built = cache.visits
    window.sync.sync_finished.emit(None)  # nothing changed: the same columns stay
    assert tasks.wait_idle()
    assert cache.visits is built
    with window.services.db.transaction() as s:  # as a pull page would change the data
        s.connection().exec_driver_sql(
            "UPDATE opportunities SET updated_at = '2999-01-01T00:00:00+00:00' "
            "WHERE rowid = (SELECT MIN(rowid) FROM opportunities)")
    window.sync.sync_finished.emit(None)
    assert tasks.wait_idle()
    assert cache.visits is not built  # rebuilt after the sync, before anyone asks


def test_the_stored_lifecycle_follows_the_rules_after_start_up(window: MainWindow,
                                                               tasks: TaskManager) -> None:
    """Start-up (and each sync) writes the rules' stage into the user's own customers, so
    lists, filters and reports read it; nothing is left to change afterwards."""
    from app.lifecycle import refresh

    assert tasks.wait_idle()
    services = window.services
    assert services.user.id is not None
    assert refresh(services.db, services.user.id, services.db.clock.now()) == 0
