"""The find-duplicates page: groups found off the UI thread, a merge driven through the dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from app.services.customers import CustomerInput
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.duplicates import DuplicatesView, MergeDialog


def _groups(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [item for item in items if item is not None]


def _child_names(group: QTreeWidgetItem) -> set[str]:
    children = [group.child(j) for j in range(group.childCount())]
    return {child.text(0) for child in children if child is not None}


def _add(services: AppServices, name: str, **extra: str) -> str:
    return services.customers.create(CustomerInput(
        full_name=name, industry="software", region="south_china", level="normal", **extra),
        allow_duplicate=True).id


def test_find_and_merge_through_the_dialog(qtbot: QtBot, services: AppServices,
                                           tasks: TaskManager, tmp_path: Path) -> None:
    keep = _add(services, "深圳市蓝鲸云计算有限公司")
    dup = _add(services, "蓝鲸云计算(深圳)有限公司", website="https://bluewhale.example.cn")
    view = DuplicatesView(services, tasks)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.find_duplicates()
    assert tasks.wait_idle(30)
    tree = view.trees["customers"]
    wanted = {"深圳市蓝鲸云计算有限公司", "蓝鲸云计算(深圳)有限公司"}
    ours = [g for g in _groups(tree) if _child_names(g) >= wanted]
    assert len(ours) == 1
    tree.setCurrentItem(ours[0])
    assert view.merge_button.isEnabled()
    view.grab().save(str(tmp_path / "duplicates.png"))

    def accept_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MergeDialog)
        # Keep the record whose name is the full registered one.
        names = [getattr(r, "full_name", "") for r in dialog.records]
        dialog.keep.button(names.index("深圳市蓝鲸云计算有限公司")).setChecked(True)
        dialog.per_field[0].button(names.index("深圳市蓝鲸云计算有限公司")).setChecked(True)
        dialog.grab().save(str(tmp_path / "merge.png"))
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        merge = [b for b in box.buttons() if b.text() == "Merge"]
        merge[0].click()

    QTimer.singleShot(200, accept_dialog)
    with qtbot.waitSignal(view.merged, timeout=20000):
        view.open_merge()
    assert tasks.wait_idle(30)
    survivor = services.customers.get(keep)
    assert survivor.full_name == "深圳市蓝鲸云计算有限公司"
    assert survivor.website == "https://bluewhale.example.cn"  # empty field filled from the other
    remaining = {c.id for g in view._groups["customers"] for c in g}
    assert dup not in remaining
    assert (tmp_path / "merge.png").stat().st_size > 1000
