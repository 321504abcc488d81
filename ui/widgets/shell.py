"""The main window: navigation, global search, the pages, and an honest status bar."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.search import SearchHit
from ui import theme
from ui.dialogs.conflicts import ConflictsDialog
from ui.dialogs.customer_form import CustomerFormDialog
from ui.errors import show_error
from ui.format import Formatter
from ui.queries.status import SyncStatus
from ui.services import AppServices
from ui.settings import Settings
from ui.sync_controller import SyncController, SyncOutcome
from ui.tasks import TaskManager
from ui.widgets.customer360 import Customer360View
from ui.widgets.customers import CustomersView
from ui.widgets.pipeline import PipelineView
from ui.widgets.products import ProductsView
from ui.widgets.quotes import QuotesView
from ui.widgets.reports import ReportsView
from ui.widgets.scan import ScanView
from ui.widgets.search_popup import SearchPopup
from ui.widgets.today import TodayView

PAGES = ("today", "customers", "opportunities", "quotes", "products", "scan", "reports")
_ICONS = {"today": "today", "customers": "customers", "opportunities": "opportunities",
          "quotes": "quotes", "products": "products", "scan": "scan", "reports": "reports"}


class MainWindow(QMainWindow):
    """Signals:
        language_change_requested(str): the user picked another UI language ('en' / 'zh').
    """

    language_change_requested = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 settings: Settings, sync: SyncController, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.fmt = fmt
        self.settings = settings
        self.sync = sync
        self.language = language
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("FieldSales"))
        self.setWindowIcon(theme.icon("logo", theme.ACCENT, 32))
        self.resize(1440, 900)
        tasks.failed.connect(self._on_task_failed)

        self.today = TodayView(services, tasks, fmt)
        self.customers = CustomersView(services, tasks, fmt, settings)
        self.customer360 = Customer360View(services, tasks, fmt)
        self.pipeline = PipelineView(services, tasks, fmt)
        self.quotes = QuotesView(services, tasks, fmt)
        self.products = ProductsView(services, tasks, fmt)
        self.scan = ScanView()
        self.reports = ReportsView(services, tasks, fmt)
        self.pages: dict[str, QWidget] = {
            "today": self.today, "customers": self.customers, "customer360": self.customer360,
            "opportunities": self.pipeline, "quotes": self.quotes, "products": self.products,
            "scan": self.scan, "reports": self.reports}
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.current_page = ""

        # Sidebar
        sidebar = QFrame()
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(212)
        brand = QLabel("  FieldSales")
        brand.setObjectName("brand")
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setAccessibleName(self.tr("Navigation"))
        titles = {"today": self.tr("Today"), "customers": self.tr("Customers"),
                  "opportunities": self.tr("Opportunities"), "quotes": self.tr("Quotes"),
                  "products": self.tr("Products"), "scan": self.tr("Scan cards"),
                  "reports": self.tr("Reports")}
        for number, name in enumerate(PAGES, start=1):
            item = QListWidgetItem(theme.icon(_ICONS[name], "#cbd5e1", 18), titles[name])
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(f"{titles[name]} (Ctrl+{number})")
            self.nav.addItem(item)
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _c=False, n=name: self.show_page(n))
            self.addAction(action)
        self.nav.currentItemChanged.connect(self._on_nav_changed)
        user = QLabel(services.user.display_name)
        user.setObjectName("userName")
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(6, 16, 6, 12)
        side.setSpacing(10)
        side.addWidget(brand)
        side.addWidget(self.nav, 1)
        side.addWidget(user)

        # Top bar
        topbar = QFrame()
        topbar.setObjectName("topbar")
        top = QHBoxLayout(topbar)
        top.setContentsMargins(24, 10, 24, 10)
        self.search_button = QPushButton(theme.icon("search", theme.MUTED, 16),
                                         self.tr("Search customers, contacts, quotes…   Ctrl+K"))
        self.search_button.setObjectName("searchButton")
        self.search_button.clicked.connect(self.open_search)
        self.new_button = QPushButton(theme.icon("plus", "#ffffff", 16), self.tr("New customer"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_customer)
        self.language_button = QPushButton(theme.icon("globe", theme.TEXT, 16),
                                           "English" if language == "zh" else "中文")
        self.language_button.setObjectName("languageButton")
        self.language_button.setToolTip(self.tr("Switch language"))
        self.language_button.clicked.connect(lambda: self.language_change_requested.emit(
            "en" if self.language == "zh" else "zh"))
        top.addWidget(self.search_button)
        top.addStretch(1)
        top.addWidget(self.language_button)
        top.addWidget(self.new_button)
        for sequence, slot in (("Ctrl+K", self.open_search), ("Ctrl+N", self.new_customer),
                               ("F5", self.refresh_current), ("Ctrl+Shift+S", sync.sync_now)):
            action = QAction(self)
            action.setShortcut(QKeySequence(sequence))
            action.triggered.connect(slot)
            self.addAction(action)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(topbar)
        right_layout.addWidget(self.stack, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(right, 1)
        self.setCentralWidget(central)

        # Status bar
        self.online_label = QLabel()
        self.pending_label = QLabel()
        self.last_sync_label = QLabel()
        self.conflicts_button = QPushButton()
        self.conflicts_button.setObjectName("conflictBadge")
        self.conflicts_button.setIcon(theme.icon("conflict", "#92400e", 14))
        self.conflicts_button.clicked.connect(self.open_conflicts)
        self.conflicts_button.hide()
        self.sync_button = QPushButton(theme.icon("sync", theme.TEXT, 14), self.tr("Sync now"))
        self.sync_button.setObjectName("link")
        self.sync_button.clicked.connect(sync.sync_now)
        bar = self.statusBar()
        bar.addWidget(self.online_label)
        bar.addWidget(self.pending_label)
        bar.addWidget(self.last_sync_label)
        bar.addPermanentWidget(self.conflicts_button)
        bar.addPermanentWidget(self.sync_button)
        sync.status_changed.connect(self._on_sync_status)
        sync.online_changed.connect(self._on_online_changed)
        sync.sync_started.connect(lambda: self.last_sync_label.setText(self.tr("Syncing…")))
        sync.sync_progressed.connect(self._on_sync_progress)
        sync.sync_finished.connect(self._on_sync_finished)
        sync.sync_failed.connect(self._on_sync_failed)
        self._on_online_changed(sync.online)
        self._on_sync_status(sync.status)

        # Wiring between pages
        self.search_popup = SearchPopup(services, tasks, self)
        self.search_popup.hit_chosen.connect(self._on_search_hit_chosen)
        for view in (self.today, self.customers, self.pipeline, self.quotes):
            view.customer_open_requested.connect(self.open_customer)
        self.customers.new_customer_requested.connect(self.new_customer)
        self.customer360.back_requested.connect(lambda: self.show_page("customers"))
        self.customer360.customer_changed.connect(self._on_data_changed)
        self.today.data_changed.connect(self._on_data_changed)
        self.pipeline.opportunity_moved.connect(lambda *_: self._on_data_changed())

        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.state()
        if state is not None:
            self.restoreState(state)

    # -- navigation ------------------------------------------------------------------------
    def show_page(self, name: str) -> None:
        """Switch pages now; the page loads its data on a worker and repaints when it comes."""
        page = self.pages[name]
        self.current_page = name
        self.stack.setCurrentWidget(page)
        nav_name = "customers" if name == "customer360" else name
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == nav_name and self.nav.currentRow() != row:
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(row)
                self.nav.blockSignals(False)
        if name != "customer360":
            self.settings.last_page = name
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()

    def _on_nav_changed(self, current: QListWidgetItem | None,
                        _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.show_page(str(current.data(Qt.ItemDataRole.UserRole)))

    def refresh_current(self) -> None:
        page = self.pages.get(self.current_page)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()
        self.sync.refresh_status()

    def open_customer(self, customer_id: str, tab: int = 0) -> None:
        self.show_page("customer360")
        self.customer360.show_customer(customer_id, tab)

    def _on_search_hit_chosen(self, hit: SearchHit) -> None:
        tab = {"contact": 0, "opportunity": 1, "quote": 3}.get(hit.kind, 0)
        self.open_customer(hit.customer_id, tab)

    def open_search(self) -> None:
        self.search_popup.popup(self.stack)

    def new_customer(self) -> CustomerFormDialog:
        dialog = CustomerFormDialog(self.services, self.tasks, None, self)
        dialog.customer_saved.connect(self._on_customer_created)
        dialog.open_existing_requested.connect(self.open_customer)
        dialog.open()
        return dialog

    def _on_customer_created(self, customer_id: str) -> None:
        self.customers.reload()
        self.open_customer(customer_id)
        self.sync.refresh_status()

    def open_conflicts(self) -> ConflictsDialog:
        dialog = ConflictsDialog(self.services, self.tasks, self)
        dialog.conflict_resolved.connect(lambda _id: self._on_data_changed())
        dialog.open()
        return dialog

    def _on_data_changed(self, _customer_id: str | None = None) -> None:
        self.customers.model.invalidate()
        self.sync.refresh_status()

    # -- status bar ------------------------------------------------------------------------
    def _on_online_changed(self, online: bool) -> None:
        color = theme.SUCCESS if online else theme.MUTED
        text = self.tr("Online") if online else self.tr("Offline — working on this laptop")
        self.online_label.setText(f"<span style='color:{color}'>●</span> {text}")
        self.sync_button.setEnabled(online)

    def _on_sync_status(self, status: SyncStatus) -> None:
        self.pending_label.setText(self.tr("{n} changes waiting to sync").format(
            n=status.pending) if status.pending else self.tr("All changes synced"))
        self.last_sync_label.setText(self._last_sync_text())
        self.conflicts_button.setText(self.tr("{n} conflicts").format(n=status.conflicts))
        self.conflicts_button.setVisible(status.conflicts > 0)

    def _last_sync_text(self) -> str:
        when: datetime | None = self.sync.last_sync
        if when is None:
            return self.tr("Never synced")
        return self.tr("Last sync {when}").format(when=self.fmt.relative(when))

    def _on_sync_progress(self, phase: str, done: int, total: int) -> None:
        self.last_sync_label.setText(self.tr("Syncing… {phase} {done}/{total}").format(
            phase=phase, done=done, total=total))

    def _on_sync_finished(self, _outcome: SyncOutcome) -> None:
        self.last_sync_label.setText(self._last_sync_text())
        self.refresh_current()

    def _on_sync_failed(self, error: BaseException) -> None:
        self.last_sync_label.setText(self.tr("Sync failed: {reason}").format(
            reason=str(error)[:80]))

    def _on_task_failed(self, error: BaseException) -> None:
        show_error(self, error)

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        super().closeEvent(event)
