"""Find duplicates: groups of customers (or contacts) that look like one, and a per-field merge.

Finding runs on a reader thread (100 000 customers take a few seconds); merging runs on the
writer thread as one transaction, so sync carries it as one operation.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.dedupe import (
    CONTACT_FIELDS,
    CUSTOMER_FIELDS,
    ContactSummary,
    CustomerSummary,
    DedupeService,
)
from app.services.views import ContactView, CustomerView
from ui import labels
from ui.errors import show_error
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import EmptyState, page_header

Group = list[CustomerSummary] | list[ContactSummary]


class DuplicatesView(QWidget):
    """Signals:
        merged(): a merge was written (other pages may refresh).
    """

    merged = Signal()

    def __init__(self, services: AppServices, tasks: TaskManager,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._groups: dict[str, list[Group]] = {"customers": [], "contacts": []}
        header, actions = page_header(
            self.tr("Find duplicates"),
            self.tr("Records that look like one company or one person. Pick the values to "
                    "keep and merge: contacts, opportunities, activities and quotes move to "
                    "the record you keep."))
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.find_button = QPushButton(self.tr("Find duplicates"))
        self.find_button.setObjectName("primary")
        self.find_button.setShortcut("F5")
        self.find_button.clicked.connect(self.find_duplicates)
        self.merge_button = QPushButton(self.tr("Merge…"))
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.open_merge)
        for widget in (self.status, self.merge_button, self.find_button):
            actions.addWidget(widget)
        self.tabs = QTabWidget()
        self.trees = {kind: self._tree() for kind in self._groups}
        self.tabs.addTab(self.trees["customers"], self.tr("Customers"))
        self.tabs.addTab(self.trees["contacts"], self.tr("Contacts"))
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        self.empty = EmptyState("customers", self.tr("No search run yet"),
                                self.tr("Press Find duplicates (F5) to check every customer "
                                        "and contact."))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(header)
        layout.addWidget(self.stack, 1)

    def _tree(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setHeaderLabels([self.tr("Name"), self.tr("Details"), self.tr("Linked records")])
        tree.setAccessibleName(self.tr("Duplicate groups"))
        tree.itemSelectionChanged.connect(self._update_buttons)
        tree.itemActivated.connect(lambda _item, _col: self.open_merge())
        tree.setColumnWidth(0, 360)
        tree.setColumnWidth(1, 360)
        return tree

    # -- finding ------------------------------------------------------------------------
    def find_duplicates(self) -> None:
        self.find_button.setEnabled(False)
        self.status.setText(self.tr("Looking for duplicates…"))
        service = DedupeService(self._services.ctx)

        def work() -> dict[str, list[Group]]:
            return {"customers": list(service.customer_groups()),
                    "contacts": list(service.contact_groups())}

        self._tasks.read(work, self._show, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.find_button.setEnabled(True)
        self.status.setText("")
        show_error(self, error)

    def _show(self, groups: dict[str, list[Group]]) -> None:
        self._groups = groups
        self.find_button.setEnabled(True)
        self.status.setText(self.tr("{c} customer groups, {p} contact groups").format(
            c=len(groups["customers"]), p=len(groups["contacts"])))
        for kind, tree in self.trees.items():
            tree.clear()
            for index, group in enumerate(groups[kind]):
                top = QTreeWidgetItem([self.tr("Group {n} · {k} records").format(
                    n=index + 1, k=len(group))])
                top.setData(0, Qt.ItemDataRole.UserRole, index)
                for member in group:
                    top.addChild(QTreeWidgetItem(_member_texts(member)))
                tree.addTopLevelItem(top)
                top.setExpanded(True)
        self.stack.setCurrentWidget(self.tabs)
        self._update_buttons()

    # -- merging ------------------------------------------------------------------------
    def _selected(self) -> tuple[str, Group] | None:
        kind = "customers" if self.tabs.currentIndex() == 0 else "contacts"
        item = self.trees[kind].currentItem()
        if item is None:
            return None
        top = item.parent() or item
        index = top.data(0, Qt.ItemDataRole.UserRole)
        groups = self._groups[kind]
        if index is None or not 0 <= int(index) < len(groups):
            return None  # a stale item while the tree is being rebuilt
        return kind, groups[int(index)]

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(self._selected() is not None)

    def open_merge(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        kind, group = selected
        ids = [m.id for m in group]
        load = (self._services.customers.get if kind == "customers"
                else self._services.contacts.get)
        self._tasks.read(lambda: [load(i) for i in ids],
                         lambda records: self._ask_merge(kind, records),
                         lambda e: show_error(self, e))

    def _ask_merge(self, kind: str, records: list[Any]) -> None:
        dialog = MergeDialog(kind, records, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        survivor, choices = dialog.result_choices()
        others = [r.id for r in records if r.id != survivor]
        service = DedupeService(self._services.ctx)
        merge = (service.merge_customers if kind == "customers" else service.merge_contacts)
        self._tasks.write(lambda: merge(survivor, others, choices), lambda _r: self._merged(),
                          lambda e: show_error(self, e))

    def _merged(self) -> None:
        self.status.setText(self.tr("Merged. Finding what is left…"))
        self.merged.emit()
        self.find_duplicates()


def _member_texts(member: CustomerSummary | ContactSummary) -> list[str]:
    if isinstance(member, CustomerSummary):
        details = " · ".join(x for x in (member.uscc, member.phone) if x)
        return [member.full_name, details, str(member.children)]
    return [member.name, " · ".join([*member.phones, *member.emails]), ""]


class MergeDialog(QDialog):
    """One column per record, one row per field: pick the record to keep (the header row) and,
    per field, whose value wins. Empty fields of the kept record are filled automatically."""

    def __init__(self, kind: str, records: list[CustomerView] | list[ContactView],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge duplicates"))
        self.records = records
        # Owners are chosen by assignment, not by merging; card images follow the contact.
        shown = CUSTOMER_FIELDS if kind == "customers" else CONTACT_FIELDS
        self.fields = tuple(f for f in shown if f not in {"owner_id", "card_image"})
        self.table = QTableWidget(len(self.fields) + 1, len(records))
        self.table.setAccessibleName(self.tr("Values to keep"))
        self.table.setVerticalHeaderLabels([self.tr("Keep this record"),
                                            *(labels.field_name(f) for f in self.fields)])
        self.table.setHorizontalHeaderLabels([self.tr("Record {n}").format(n=i + 1)
                                              for i in range(len(records))])
        self.keep = QButtonGroup(self)
        self.per_field: list[QButtonGroup] = []
        for col in range(len(records)):
            radio = QRadioButton(self.tr("Keep"))
            radio.setChecked(col == 0)
            self.keep.addButton(radio, col)
            self.table.setCellWidget(0, col, radio)
        for row, name in enumerate(self.fields, start=1):
            group = QButtonGroup(self)
            for col, record in enumerate(records):
                value = getattr(record, name, None)
                radio = QRadioButton(labels.field_value(name, value))
                radio.setEnabled(value not in (None, ""))
                radio.setChecked(col == 0)
                group.addButton(radio, col)
                self.table.setCellWidget(row, col, radio)
            self.per_field.append(group)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        merge = buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        merge.setObjectName("primary")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("The other records are deleted after their linked records move; "
                              "the history notes what was merged."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        footer = QHBoxLayout()
        footer.addWidget(note, 1)
        footer.addWidget(buttons)
        layout.addLayout(footer)
        self.resize(900, 520)

    def result_choices(self) -> tuple[str, dict[str, str]]:
        survivor = self.records[max(self.keep.checkedId(), 0)].id
        choices = {}
        for name, group in zip(self.fields, self.per_field, strict=True):
            col = group.checkedId()
            if col >= 0:
                choices[name] = self.records[col].id
        return survivor, choices
