"""Item models pass Qt's model tester; the customer model filters and sorts in SQL."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.db import Database
from ui.format import Formatter
from ui.models.customer_table import ID_ROLE, CustomerTableModel
from ui.queries.customers import CustomerFilter
from ui.tasks import TaskManager


def test_customer_model_passes_model_tester(qtbot: QtBot, qtmodeltester: ModelTester,
                                            ui_db: Database, tasks: TaskManager) -> None:
    model = CustomerTableModel(ui_db, tasks, Formatter())
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.refresh()
    qtmodeltester.check(model)
    assert model.rowCount() == 60
    tasks.wait_idle()
    qtmodeltester.check(model)


def test_customer_model_loads_pages_lazily_and_sorts(qtbot: QtBot, ui_db: Database,
                                                     tasks: TaskManager) -> None:
    model = CustomerTableModel(ui_db, tasks, Formatter())
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.refresh()
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert names == sorted(names)
    assert model.data(model.index(0, 0), ID_ROLE)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_filter(CustomerFilter(level="strategic"))
    assert 0 < model.rowCount() < 60
    assert {model.data(model.index(r, 1)) for r in range(model.rowCount())} == {"Strategic"}
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_filter(CustomerFilter(text="no such company zzz"))
    assert model.rowCount() == 0
