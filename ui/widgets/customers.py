"""The customer list: filters and search in SQL, a lazily fetched table, instant at 100 000."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.enums import CustomerLevel, Industry, Lifecycle, Region
from ui import labels, theme
from ui.format import Formatter
from ui.models.customer_table import ID_ROLE, CustomerTableModel
from ui.queries.customers import CustomerFilter, owners
from ui.services import AppServices
from ui.settings import Settings
from ui.tasks import TaskManager
from ui.widgets.common import EmptyState, page_header

if TYPE_CHECKING:
    from ui.exchange.import_wizard import ProductUploader

SEARCH_DELAY_MS = 200


class CustomersView(QWidget):
    """Signals:
        customer_open_requested(str): open the 360 view of this customer id.
        new_customer_requested(): the user wants to create a customer.
    """

    customer_open_requested = Signal(str)
    new_customer_requested = Signal()

    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._settings = settings
        # Set by the shell when signed in: a manager's products import uploads through it.
        self.uploader: ProductUploader | None = None
        self.model = CustomerTableModel(services.db, tasks, fmt, self)
        header, actions = page_header(self.tr("Customers"))
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        actions.addWidget(self.count_label)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setToolTip(self.tr("Import customers or contacts from Excel or CSV"))
        self.import_button.clicked.connect(self.open_import)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Export the customers shown (current filters)"))
        self.export_button.clicked.connect(self.open_export)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        self.new_button = QPushButton(theme.icon("plus", "#ffffff", 16), self.tr("New customer"))
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip(self.tr("New customer (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_customer_requested)
        actions.addWidget(self.new_button)

        self.search = QLineEdit()
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText(self.tr("Filter by name, phone, credit code…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(theme.icon("search", theme.MUTED, 16),
                              QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName(self.tr("Filter customers"))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._debounce.start)

        def combo(all_text: str, values: list[str], label: Callable[[str], str]) -> QComboBox:
            box = QComboBox()
            box.addItem(all_text, None)
            for value in values:
                box.addItem(label(value), value)
            box.setAccessibleName(all_text)
            box.currentIndexChanged.connect(self._apply_filter)
            return box

        self.level = combo(self.tr("All levels"), [e.value for e in CustomerLevel], labels.level)
        self.industry = combo(self.tr("All industries"), [e.value for e in Industry],
                              labels.industry)
        self.region = combo(self.tr("All regions"), [e.value for e in Region], labels.region)
        self.lifecycle = combo(self.tr("All stages"), [e.value for e in Lifecycle],
                               labels.lifecycle)
        self.owner = QComboBox()
        self.owner.addItem(self.tr("Everyone's"), None)
        self.owner.setAccessibleName(self.tr("Owner"))
        self.owner.currentIndexChanged.connect(self._apply_filter)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 2)
        for box in (self.level, self.industry, self.region, self.lifecycle, self.owner):
            filters.addWidget(box, 1)

        self.table = QTableView()
        self.table.setObjectName("customerTable")
        # Sorting on before the model is set: turning it on (and setting the indicator) with
        # the model in place makes the view call model.sort() twice, i.e. two queries over
        # every customer while the window is still being built. The page's first show loads.
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never measures 100 000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(34)
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        head.setStretchLastSection(True)
        for column, width in enumerate((330, 90, 120, 130, 100, 130, 150, 120)):
            self.table.setColumnWidth(column, width)
        saved = settings.header_state("customers")
        if saved is not None:
            # Quietly: a restored sort indicator would make the view query every customer
            # now; the first show (refresh) sorts by it instead.
            head.blockSignals(True)
            head.restoreState(saved)
            head.blockSignals(False)
        head.sectionResized.connect(self._save_header)
        self.table.activated.connect(self._on_table_activated)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.table.setAccessibleName(self.tr("Customer list"))

        self.empty = EmptyState("customers", self.tr("No customers match"),
                                self.tr("Clear the search or the filters, or add a new "
                                        "customer."), self.tr("New customer"))
        assert self.empty.button is not None
        self.empty.button.clicked.connect(self.new_customer_requested)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.model.loaded.connect(self._on_model_loaded)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(header)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        self._loaded_once = False

    def open_import(self) -> QWidget:
        from ui.exchange.import_wizard import ImportWizard

        wizard = ImportWizard(self._services, self._tasks, self._settings.qsettings, self,
                              uploader=self.uploader)
        wizard.import_finished.connect(lambda _result: self.refresh())
        wizard.show()
        return wizard

    def open_export(self) -> QWidget:
        from ui.exchange.export_dialog import ExportDialog

        dialog = ExportDialog(self._services, self._tasks,
                              customer_rowids=self.model.rowids(), parent=self)
        dialog.show()
        return dialog

    def refresh(self) -> None:
        if not self._loaded_once:
            self._loaded_once = True
            db = self._services.db
            self._tasks.read(lambda: owners(db), self._on_owners_loaded)
            head = self.table.horizontalHeader()
            self.model.sort(head.sortIndicatorSection(), head.sortIndicatorOrder())
        else:
            self.model.invalidate()

    def reload(self) -> None:
        """Data changed (a customer was created): re-run the query."""
        self.model.refresh()

    def _on_owners_loaded(self, rows: list[tuple[str, str]]) -> None:
        self.owner.blockSignals(True)
        for user_id, name in rows:
            self.owner.addItem(name, user_id)
        self.owner.blockSignals(False)

    def _apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(CustomerFilter(
            text=self.search.text(), level=self.level.currentData(),
            industry=self.industry.currentData(), region=self.region.currentData(),
            lifecycle=self.lifecycle.currentData(), owner_id=self.owner.currentData()))

    def _on_model_loaded(self, count: int) -> None:
        self.count_label.setText(self.tr("{n} customers").format(
            n=format(count, ",")))
        self.stack.setCurrentWidget(self.table if count else self.empty)

    def _on_table_activated(self, index: QModelIndex) -> None:
        customer_id = self.model.data(self.model.index(index.row(), 0), ID_ROLE)
        if isinstance(customer_id, str):
            self.customer_open_requested.emit(customer_id)

    def _save_header(self) -> None:
        self._settings.save_header_state("customers",
                                         self.table.horizontalHeader().saveState())
