"""The main window: navigation, global search, the pages, and an honest status bar."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.lifecycle import stale_stages, store_stages
from app.reports.visits import warm as warm_visits
from app.search import SearchHit
from app.version import app_version
from sync.client.catalog_upload import UploadResult
from sync.client.errors import OfflineError
from ui import errors, theme
from ui.dialogs.conflicts import ConflictsDialog
from ui.dialogs.customer_form import CustomerFormDialog
from ui.errors import show_error
from ui.format import Formatter
from ui.queries.status import SyncStatus
from ui.services import AppServices
from ui.settings import Settings
from ui.sync_controller import EngineBackend, SyncController, SyncOutcome
from ui.tasks import TaskManager
from ui.widgets.customer360 import Customer360View
from ui.widgets.customers import CustomersView
from ui.widgets.pipeline import PipelineView
from ui.widgets.search_popup import SearchPopup
from ui.widgets.today import TodayView

if TYPE_CHECKING:  # built on first visit: their imports (numpy, OCR, PDF) stay off start-up
    from ui.widgets.pool import PoolView
    from ui.widgets.products import ProductsView
    from ui.widgets.quotes import QuotesView
    from ui.widgets.reports import ReportsView
    from ui.widgets.scan import ScanView

PAGES = ("today", "customers", "pool", "opportunities", "quotes", "products", "scan",
         "reports", "duplicates")
ALL_PAGES = (*PAGES, "customer360")
_ICONS = {"duplicates": "customers", "today": "today", "customers": "customers",
          "pool": "building",
          "opportunities": "opportunities",
          "quotes": "quotes", "products": "products", "scan": "scan", "reports": "reports"}


class MainWindow(QMainWindow):
    """Signals:
        language_change_requested(str): the user picked another UI language ('en' / 'zh').
        sign_out_requested(): the user chose Sign out.
        closed(): the window was closed by the user (the app then quits).
    """

    language_change_requested = Signal(str)
    sign_out_requested = Signal()
    closed = Signal()

    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 settings: Settings, sync: SyncController, language: str,
                 parent: QWidget | None = None, *, token_warning: str | None = None) -> None:
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
        self.customers.uploader = self._upload_products
        self.customer360 = Customer360View(services, tasks, fmt)
        self.pipeline = PipelineView(services, tasks, fmt)
        # Pages built now; the others on first visit (see page()).
        self.pages: dict[str, QWidget] = {
            "today": self.today, "customers": self.customers, "customer360": self.customer360,
            "opportunities": self.pipeline}
        self._factories: dict[str, Callable[[], QWidget]] = {
            "quotes": self._make_quotes, "products": self._make_products,
            "scan": self._make_scan, "reports": self._make_reports,
            "duplicates": self._make_duplicates, "pool": self._make_pool}
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.current_page = ""
        self.conflicts_dialog: ConflictsDialog | None = None

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
                  "pool": self.tr("Pool"),
                  "opportunities": self.tr("Opportunities"), "quotes": self.tr("Quotes"),
                  "products": self.tr("Products"), "scan": self.tr("Scan cards"),
                  "reports": self.tr("Reports"), "duplicates": self.tr("Duplicates")}
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
        self.user_button = QToolButton()
        self.user_button.setObjectName("userName")
        self.user_button.setText(services.user.display_name)
        self.user_button.setAccessibleName(self.tr("Account menu"))
        self.user_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.user_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.user_button.setStyleSheet("QToolButton { color: #cbd5e1; border: none; "
                                       "padding: 4px 8px; text-align: left; }")
        menu = QMenu(self.user_button)
        # The shortcuts live on the window's actions below; "\t" only shows them here.
        self.sync_action = menu.addAction(self.tr("Sync now") + "\tCtrl+Shift+S",
                                          sync.sync_now)
        menu.addAction(self.tr("Sync conflicts…") + "\tCtrl+Shift+C", self.open_conflicts)
        self.about_action = menu.addAction(self.tr("About FieldSales") + "\tF1",
                                           self.show_about)
        menu.addSeparator()
        self.sign_out_action = menu.addAction(self.tr("Sign out"),
                                              self.sign_out_requested.emit)
        self.user_button.setMenu(menu)
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(6, 16, 6, 12)
        side.setSpacing(10)
        side.addWidget(brand)
        side.addWidget(self.nav, 1)
        side.addWidget(self.user_button)

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
                               ("F5", self.refresh_current), ("Ctrl+Shift+S", sync.sync_now),
                               ("F1", self.show_about), ("Ctrl+Shift+C", self.open_conflicts),
                               ("Ctrl+.", sync.cancel)):
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
        self.online_label.setAccessibleName(self.tr("Connection"))
        self.pending_label = QLabel()
        self.pending_label.setAccessibleName(self.tr("Changes waiting to sync"))
        self.last_sync_label = QLabel()
        self.last_sync_label.setAccessibleName(self.tr("Last sync"))
        # lupdate cannot see a tr() call inside an f-string: keep it outside.
        not_in_keyring = self.tr("Token not in a keyring")
        self.token_warning = QLabel(
            f"<span style='color:{theme.WARNING}'>⚠</span> {not_in_keyring}")
        self.token_warning.setObjectName("tokenWarning")
        self.token_warning.setToolTip(token_warning or "")
        self.token_warning.setAccessibleName(token_warning or "")
        self.token_warning.setVisible(bool(token_warning))
        self.conflicts_button = QPushButton()
        self.conflicts_button.setObjectName("conflictBadge")
        self.conflicts_button.setIcon(theme.icon("conflict", "#92400e", 14))
        self.conflicts_button.setToolTip(self.tr("Open the sync conflicts (Ctrl+Shift+C)"))
        self.conflicts_button.clicked.connect(self.open_conflicts)
        self.conflicts_button.hide()
        self.cancel_sync_button = QPushButton(self.tr("Cancel"))
        self.cancel_sync_button.setObjectName("link")
        self.cancel_sync_button.setToolTip(self.tr("Stop this sync (Ctrl+.)"))
        self.cancel_sync_button.clicked.connect(sync.cancel)
        self.cancel_sync_button.hide()
        self.sync_button = QPushButton(theme.icon("sync", theme.TEXT, 14), self.tr("Sync now"))
        self.sync_button.setObjectName("link")
        self.sync_button.setToolTip(self.tr("Sync with the server now (Ctrl+Shift+S)"))
        self.sync_button.clicked.connect(sync.sync_now)
        bar = self.statusBar()
        bar.addWidget(self.online_label)
        bar.addWidget(self.pending_label)
        bar.addWidget(self.last_sync_label)
        bar.addWidget(self.token_warning)
        bar.addPermanentWidget(self.conflicts_button)
        bar.addPermanentWidget(self.cancel_sync_button)
        bar.addPermanentWidget(self.sync_button)
        sync.status_changed.connect(self._on_sync_status)
        sync.online_changed.connect(self._on_online_changed)
        sync.sync_started.connect(self._on_sync_started)
        sync.sync_progressed.connect(self._on_sync_progress)
        sync.sync_finished.connect(self._on_sync_finished)
        sync.sync_failed.connect(self._on_sync_failed)
        self._on_online_changed(sync.online)
        self._on_sync_status(sync.status)

        # Wiring between pages
        self.search_popup = SearchPopup(services, tasks, self)
        self.search_popup.hit_chosen.connect(self._on_search_hit_chosen)
        for view in (self.today, self.customers, self.pipeline):
            view.customer_open_requested.connect(self.open_customer)
        self.customers.new_customer_requested.connect(self.new_customer)
        self.customer360.back_requested.connect(lambda: self.show_page("customers"))
        self.customer360.customer_changed.connect(self._on_data_changed)
        self.customer360.new_quote_requested.connect(self._new_quote_for)
        self.customer360.quote_open_requested.connect(self._open_quote)
        self.today.data_changed.connect(self._on_data_changed)
        self.pipeline.opportunity_moved.connect(lambda *_: self._on_data_changed())

        # Once the first screen has its data and the workers are idle, load the customer list
        # in the background: its query walks every customer and should not compete with
        # the first screen, but should be done by the time the rep clicks Customers.
        tasks.idle.connect(self._warm_up)
        sync.sync_finished.connect(self._warm_reports)
        sync.sync_finished.connect(self._refresh_lifecycles)

        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.state()
        if state is not None:
            self.restoreState(state)

    def _warm_up(self) -> None:
        self.tasks.idle.disconnect(self._warm_up)
        if self.current_page != "customers":
            self.customers.refresh()
        self._warm_reports()
        self._refresh_lifecycles()

    def _refresh_lifecycles(self, _outcome: object = None) -> None:
        """Bring the stored lifecycle stage of the user's own customers up to the rules (after
        start-up and each sync; writer thread): lists, filters and the manager's reports read
        the stored stage."""
        user_id, db = self.services.user.id, self.services.db
        if user_id is None:
            return
        # Reading the facts takes seconds at 100 000 customers: on a reader, so the writer
        # (a follow-up being logged) only waits for the few rows that change.
        self.tasks.read(lambda: stale_stages(db, user_id, db.clock.now()),
                        lambda stages: self._store_lifecycles(user_id, stages),
                        lambda _e: None)

    def _store_lifecycles(self, user_id: str, stages: dict[str, str]) -> None:
        if stages:
            db = self.services.db
            self.tasks.write(lambda: store_stages(db, user_id, stages),
                             self._on_lifecycles_refreshed, lambda _e: None)

    def _on_lifecycles_refreshed(self, changed: int) -> None:
        if changed:
            self.sync.refresh_status()  # the changes wait to be sent

    def _warm_reports(self, _outcome: object = None) -> None:
        """Rebuild the funnel's columns in the background (after start-up and each sync), so
        opening Reports costs milliseconds instead of the rebuild's second at 100 000."""
        db = self.services.db
        # A failure here is not the user's concern yet: opening Reports reports it.
        self.tasks.read(lambda: warm_visits(db), lambda _r: None, lambda _e: None)

    # -- pages built on first visit ----------------------------------------------------------
    def page(self, name: str) -> QWidget:
        """The page called ``name``, built (and added to the stack) on first use."""
        found = self.pages.get(name)
        if found is None:
            found = self._factories[name]()
            self.pages[name] = found
            self.stack.addWidget(found)
        return found

    def _make_quotes(self) -> QWidget:
        from ui.widgets.quotes import QuotesView

        view = QuotesView(self.services, self.tasks, self.fmt)
        view.customer_open_requested.connect(self.open_customer)
        return view

    def _make_products(self) -> QWidget:
        from ui.widgets.products import ProductsView

        return ProductsView(self.services, self.tasks, self.fmt)

    def _make_scan(self) -> QWidget:
        from ui.widgets.scan import ScanView

        return ScanView(self.services, self.tasks)

    def _make_duplicates(self) -> QWidget:
        from ui.widgets.duplicates import DuplicatesView

        view = DuplicatesView(self.services, self.tasks)
        view.merged.connect(self.customers.refresh)
        return view

    def _make_pool(self) -> QWidget:
        from ui.widgets.pool import PoolView

        view = PoolView(self.services, self.tasks, self.fmt)
        view.customer_open_requested.connect(self.open_customer)
        view.claim_requested.connect(lambda _id: self.sync.refresh_status())
        return view

    def _make_reports(self) -> QWidget:
        from ui.widgets.reports import ReportsView

        return ReportsView(self.services, self.tasks, self.fmt)

    @property
    def quotes(self) -> QuotesView:
        return cast("QuotesView", self.page("quotes"))

    @property
    def products(self) -> ProductsView:
        return cast("ProductsView", self.page("products"))

    @property
    def scan(self) -> ScanView:
        return cast("ScanView", self.page("scan"))

    @property
    def pool(self) -> PoolView:
        return cast("PoolView", self.page("pool"))

    @property
    def reports(self) -> ReportsView:
        return cast("ReportsView", self.page("reports"))

    # -- navigation ------------------------------------------------------------------------
    def show_page(self, name: str) -> None:
        """Switch pages now; the page loads its data on a worker and repaints when it comes."""
        page = self.page(name)
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

    def _new_quote_for(self, customer_id: str) -> None:
        self.show_page("quotes")
        self.quotes.new_quote_for(customer_id)

    def _open_quote(self, quote_id: str) -> None:
        self.show_page("quotes")
        self.quotes.open_quote(quote_id)

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
        self.conflicts_dialog = dialog
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

    def _on_sync_started(self) -> None:
        self.last_sync_label.setText(self.tr("Syncing…"))
        self.cancel_sync_button.show()
        self.sync_button.setEnabled(False)

    def _on_sync_progress(self, phase: str, done: int, total: int) -> None:
        if phase == "push":
            text = self.tr("Syncing… sent {done} of {total} changes").format(
                done=self.fmt.number(done), total=self.fmt.number(total))
        else:
            text = self.tr("Syncing… received {done} records").format(
                done=self.fmt.number(done))
        self.last_sync_label.setText(text)

    def _sync_ended(self) -> None:
        self.cancel_sync_button.hide()
        self.sync_button.setEnabled(self.sync.online)

    def _on_sync_finished(self, _outcome: SyncOutcome) -> None:
        self._sync_ended()
        self.last_sync_label.setText(self._last_sync_text())
        self.last_sync_label.setToolTip("")
        self.refresh_current()

    def _on_sync_failed(self, error: BaseException) -> None:
        self._sync_ended()
        self.last_sync_label.setText(self._sync_failure_text(error))
        self.last_sync_label.setToolTip(errors.details_for(error))  # for support, in English

    def _sync_failure_text(self, error: BaseException) -> str:
        code = getattr(error, "code", "")
        texts = {
            "cancelled": self.tr("Sync cancelled; nothing was lost. {last}").format(
                last=self._last_sync_text()),
            "offline": self.tr("Cannot reach the server; your changes wait on this laptop."),
            "server_error": self.tr("The server had a problem; FieldSales will try again."),
            "upgrade_required": self.tr("Please update FieldSales to keep syncing."),
            "wiped": self.tr("This device was signed out by the server."),
            "unauthorized": self.tr("Your session has expired; please sign in again."),
        }
        return texts.get(code) or self.tr("Sync failed: {reason}").format(
            reason=errors.message_for(error))

    # -- about, layout, closing ------------------------------------------------------------
    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About FieldSales"))
        box.setIconPixmap(theme.icon("logo", theme.ACCENT, 48).pixmap(48, 48))
        box.setText(self.tr("<b>FieldSales</b> {version}").format(version=app_version()))
        stored = (self.tr("Your data on this laptop is encrypted (SQLCipher).")
                  if self.services.db.encrypted else
                  self.tr("Warning: your data on this laptop is NOT encrypted (SQLCipher is "
                          "not available on this computer)."))
        box.setInformativeText(self.tr(
            "An offline-first CRM for field sales. Your data is kept on this laptop and "
            "synced with your company's server.\nSigned in as {user}.").format(
                user=self.services.user.display_name) + "\n" + stored)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.open()
        return box

    def save_layout(self) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()

    def _upload_products(self, rows: list[dict[str, Any]], name: str,
                         cancel: threading.Event) -> UploadResult:
        """A manager's products import, through the session signed in at the time of the
        upload (a network thread; the backend changes when the user signs in again)."""
        backend = self.sync.backend
        if not isinstance(backend, EngineBackend):
            raise OfflineError("not signed in to a server")
        from ui.exchange.import_wizard import engine_uploader

        return engine_uploader(backend.engine)(rows, name, cancel)

    def _on_task_failed(self, error: BaseException) -> None:
        show_error(self, error)

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if "scan" in self.pages:
            self.scan.shutdown()  # stops the batch and its OCR process; unread cards stay queued
        super().closeEvent(event)
        self.closed.emit()
