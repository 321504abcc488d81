"""The 360° customer view: details, contacts, opportunities with stage history, the activity
timeline, quotes and scanned cards, plus a completeness badge."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.enums import Lifecycle
from app.errors import NotFoundError
from app.models import Customer
from app.pool import PoolSettings
from app.pool_countdown import Countdown, countdowns, pool_settings
from app.services.customers import LIFECYCLE_AUTOMATIC, LIFECYCLE_MANUAL, LIFECYCLE_NOTE_PREFIX
from app.services.dedupe import merged_survivor
from app.services.quotes import QuoteView
from app.services.views import (
    ActivityView,
    ContactView,
    CustomerView,
    OpportunityView,
    StageChangeView,
)
from ui import labels, theme
from ui.dialogs.customer_form import CustomerFormDialog
from ui.dialogs.follow_up import FollowUpDialog
from ui.dialogs.protect_dialog import ProtectDialog
from ui.dialogs.return_dialog import ReturnToPoolDialog
from ui.errors import show_error
from ui.format import Formatter
from ui.queries.customers import Completeness, completeness
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import Card, badge, clear_layout
from ui.widgets.pool import countdown_color, countdown_text, reason_text


@dataclass
class Customer360Data:
    customer: CustomerView
    contacts: list[ContactView]
    opportunities: list[tuple[OpportunityView, list[StageChangeView]]]
    timeline: list[ActivityView]
    quotes: list[QuoteView]
    completeness: Completeness
    lifecycle_manual: bool = False
    countdown: Countdown | None = None  # when the customer returns to the pool, if it does
    pool_settings: PoolSettings | None = None
    now: datetime | None = None
    merged_from: str | None = None  # the id that was asked for, when it was merged into this


def load_360_following_merges(services: AppServices, customer_id: str) -> Customer360Data:
    """As :func:`load_360`; a customer merged into another (here or on another laptop, then
    synced) opens its survivor instead."""
    try:
        return load_360(services, customer_id)
    except NotFoundError:
        with services.db.reader() as s:
            survivor = merged_survivor(s, Customer, customer_id)
        if survivor is None:
            raise
        return replace(load_360(services, survivor), merged_from=customer_id)


def load_360(services: AppServices, customer_id: str) -> Customer360Data:
    opps = services.opportunities.for_customer(customer_id)
    customer = services.customers.get(customer_id)
    now = services.db.clock.now()
    settings = pool_settings(services.db)
    # The countdown comes from the replica with the server's own rules: it works offline.
    countdown = None if customer.in_pool or customer.owner_id is None else next(
        (c for c in countdowns(services.db, customer.owner_id, now, settings)
         if c.customer_id == customer_id), None)
    return Customer360Data(
        customer,
        services.contacts.for_customer(customer_id),
        [(o, services.opportunities.history(o.id)) for o in opps],
        services.activities.timeline(customer_id, limit=100),
        services.quotes.for_customer(customer_id),
        completeness(services.db, customer_id),
        services.customers.lifecycle_manual(customer_id), countdown, settings, now)


class Customer360View(QWidget):
    """Signals:
        back_requested(): return to the list.
        customer_changed(str): the customer was edited or followed up (its id).
        new_quote_requested(str): start a quote for this customer (its id).
        quote_open_requested(str): open a quote of this customer in the builder (its id).
        returned_to_pool(str): the rep returned this customer to the pool (its id).
    """

    back_requested = Signal()
    customer_changed = Signal(str)
    new_quote_requested = Signal(str)
    quote_open_requested = Signal(str)
    returned_to_pool = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._fmt = fmt
        self.data: Customer360Data | None = None
        self.customer_id: str | None = None

        back = QPushButton(theme.icon("back", theme.TEXT, 16), self.tr("Customers"))
        back.setObjectName("link")
        back.setShortcut("Alt+Left")
        back.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        self.badges = QHBoxLayout()
        self.badges.setSpacing(6)
        self.follow_button = QPushButton(theme.icon("phone", "#ffffff", 16),
                                         self.tr("Log follow-up"))
        self.follow_button.setObjectName("primary")
        self.follow_button.clicked.connect(self._on_follow_clicked)
        self.edit_button = QPushButton(theme.icon("edit", theme.TEXT, 16), self.tr("Edit"))
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.quote_button = QPushButton(theme.icon("quotes", theme.TEXT, 16), self.tr("New quote"))
        self.quote_button.setShortcut("Ctrl+Shift+Q")
        self.quote_button.setToolTip(self.tr("Build a quote for this customer (Ctrl+Shift+Q)"))
        self.quote_button.clicked.connect(self._on_new_quote)
        self.return_button = QPushButton(self.tr("Return to pool…"))
        self.return_button.setObjectName("returnToPool")
        self.return_button.setToolTip(self.tr("Give this customer back to the shared pool "
                                              "(a reason is required)"))
        self.return_button.clicked.connect(self._on_return_clicked)
        self.protect_button = QPushButton(self.tr("Protect…"))
        self.protect_button.setObjectName("protectFromPool")
        self.protect_button.setToolTip(self.tr("Keep this customer from being recycled to the "
                                               "pool until a date (within your team's limits)"))
        self.protect_button.clicked.connect(self._on_protect_clicked)
        self.countdown_badge: QLabel | None = None
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(4)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        titles.addLayout(self.badges)
        head.addLayout(titles, 1)
        head.addWidget(self.protect_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.return_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.quote_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.follow_button, 0, Qt.AlignmentFlag.AlignTop)

        self.details = Card(self.tr("Details"))
        self.details.setFixedWidth(340)
        self.lifecycle_combo = QComboBox()
        self.lifecycle_combo.setObjectName("lifecycleStage")
        self.lifecycle_combo.setAccessibleName(self.tr("Lifecycle stage"))
        self.lifecycle_combo.setToolTip(self.tr("Choosing a stage sets it by hand: the rules "
                                                "leave it alone until you go back to automatic"))
        for stage in Lifecycle:
            self.lifecycle_combo.addItem(labels.lifecycle(stage), stage.value)
        self.lifecycle_combo.activated.connect(self._on_lifecycle_chosen)
        self.lifecycle_mode = QLabel()
        self.lifecycle_mode.setObjectName("muted")
        self.lifecycle_auto_button = QPushButton(self.tr("Back to automatic"))
        self.lifecycle_auto_button.setObjectName("link")
        self.lifecycle_auto_button.setToolTip(self.tr("Let the lifecycle rules set the stage "
                                                      "again"))
        self.lifecycle_auto_button.clicked.connect(self._on_lifecycle_automatic)
        lifecycle_caption = QLabel(self.tr("Lifecycle"))
        lifecycle_caption.setObjectName("muted")
        lifecycle_caption.setBuddy(self.lifecycle_combo)
        lifecycle_row = QHBoxLayout()
        lifecycle_row.addWidget(self.lifecycle_combo, 1)
        lifecycle_row.addWidget(self.lifecycle_auto_button)
        self.details.body.addWidget(lifecycle_caption)
        self.details.body.addLayout(lifecycle_row)
        self.details.body.addWidget(self.lifecycle_mode)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.form.setVerticalSpacing(8)
        self.details.body.addLayout(self.form)
        self.details.body.addStretch(1)

        self.tabs = QTabWidget()
        self.contacts = QTreeWidget()
        self.contacts.setHeaderLabels([self.tr("Name"), self.tr("Title"), self.tr("Mobile"),
                                       self.tr("Email")])
        self.contacts.setRootIsDecorated(False)
        self.opportunities = QTreeWidget()
        self.opportunities.setHeaderLabels([self.tr("Opportunity"), self.tr("Stage"),
                                            self.tr("Amount"), self.tr("Expected close")])
        self.timeline = QListWidget()
        self.timeline.setObjectName("timeline")
        self.quotes = QTreeWidget()
        self.quotes.setHeaderLabels([self.tr("Number"), self.tr("Status"), self.tr("Total"),
                                     self.tr("Valid until")])
        self.quotes.setRootIsDecorated(False)
        self.quotes.itemActivated.connect(self._on_quote_activated)
        self.cards = QListWidget()
        for tree, widths in ((self.contacts, (160, 160, 150)),
                             (self.opportunities, (260, 120, 120)),
                             (self.quotes, (200, 140, 140))):
            for col, width in enumerate(widths):
                tree.setColumnWidth(col, width)
        self.tabs.addTab(self.contacts, theme.icon("customers", theme.MUTED, 16),
                         self.tr("Contacts"))
        self.tabs.addTab(self.opportunities, theme.icon("opportunities", theme.MUTED, 16),
                         self.tr("Opportunities"))
        self.tabs.addTab(self.timeline, theme.icon("clock", theme.MUTED, 16),
                         self.tr("Timeline"))
        self.tabs.addTab(self.quotes, theme.icon("quotes", theme.MUTED, 16), self.tr("Quotes"))
        self.tabs.addTab(self.cards, theme.icon("scan", theme.MUTED, 16),
                         self.tr("Scanned cards"))

        body = QHBoxLayout()
        body.setSpacing(12)
        body.addWidget(self.details)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(head)
        layout.addLayout(body, 1)

    def show_customer(self, customer_id: str, tab: int = 0) -> None:
        self.customer_id = customer_id
        self.tabs.setCurrentIndex(tab)
        services = self._services
        self._tasks.read(lambda: load_360_following_merges(services, customer_id),
                         self._on_loaded,
                         lambda exc: self._on_load_failed(customer_id, exc))

    def _on_load_failed(self, customer_id: str, error: BaseException) -> None:
        if isinstance(error, NotFoundError) and customer_id == self.customer_id:
            # It left this replica (returned to the pool, reassigned) since it was opened.
            self.back_requested.emit()
            return
        show_error(self, error)

    def refresh(self) -> None:
        if self.customer_id:
            self.show_customer(self.customer_id, self.tabs.currentIndex())

    def _on_loaded(self, data: Customer360Data) -> None:
        if data.merged_from is not None and data.merged_from == self.customer_id:
            self.customer_id = data.customer.id  # merged away: the survivor is this customer
        if data.customer.id != self.customer_id:
            return
        self.data = data
        c = data.customer
        fmt = self._fmt
        self.title.setText(c.full_name)
        self.subtitle.setText(" · ".join(x for x in (
            c.short_name or "", labels.industry(c.industry), labels.region(c.region)) if x))
        clear_layout(self.badges)
        percent = data.completeness.percent
        color = theme.SUCCESS if percent >= 85 else theme.WARNING if percent >= 60 else (
            theme.DANGER)
        complete = badge(self.tr("{p}% complete").format(p=percent), color)
        if data.completeness.missing:
            complete.setToolTip(self.tr("Missing: {fields}").format(fields=", ".join(
                labels.field_name(f) for f in data.completeness.missing)))
        self.completeness_badge = complete
        for widget in (badge(labels.level(c.level), theme.LEVEL_COLORS.get(c.level, theme.MUTED)),
                       badge(labels.lifecycle(c.lifecycle), theme.ACCENT), complete):
            self.badges.addWidget(widget)
        self._show_pool_state(data)
        self.badges.addStretch(1)
        self._show_lifecycle(data)

        while self.form.rowCount():
            self.form.removeRow(0)
        rows = [(self.tr("Phone"), c.phone), (self.tr("Website"), c.website),
                (self.tr("Credit code"), c.uscc), (self.tr("Address"), c.address),
                (self.tr("Source"), labels.source(c.source)),
                (self.tr("Last follow-up"), fmt.relative(c.last_follow_up_at)),
                (self.tr("Customer since"), fmt.date(c.created_at)), (self.tr("Notes"), c.notes)]
        for caption, value in rows:
            label = QLabel(value or "—")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            cap = QLabel(caption)
            cap.setObjectName("muted")
            self.form.addRow(cap, label)

        self.contacts.clear()
        for contact in data.contacts:
            phones = contact.phone_list()
            QTreeWidgetItem(self.contacts, [contact.name, contact.title or "",
                                            phones[0]["e164"] if phones else "",
                                            contact.emails[0] if contact.emails else ""])
        self.opportunities.clear()
        for opp, history in data.opportunities:
            opp_item = QTreeWidgetItem(self.opportunities, [
                opp.name, labels.stage(opp.stage), fmt.money(opp.amount, opp.currency),
                fmt.date(opp.expected_close)])
            opp_item.setForeground(1, theme_color(opp.stage))
            for change in history:
                text = (f"{labels.stage(change.from_stage)} → {labels.stage(change.to_stage)}"
                        if change.from_stage else self.tr("Created in {stage}").format(
                            stage=labels.stage(change.to_stage)))
                QTreeWidgetItem(opp_item, [text, "", fmt.date(change.changed_at), ""])
            opp_item.setExpanded(True)
        self.timeline.clear()
        for activity in data.timeline:
            when = activity.done_at or activity.due_at
            status = "" if activity.done_at else " · " + self.tr("open task")
            text = (f"{fmt.date(when)}  ·  {labels.activity_kind(activity.kind)}  ·  "
                    f"{self.lifecycle_entry(activity) or activity.subject}{status}")
            if activity.outcome and activity.rule_id not in (LIFECYCLE_MANUAL,
                                                             LIFECYCLE_AUTOMATIC):
                text += f"\n      {activity.outcome}"
            QListWidgetItem(theme.icon("check" if activity.done_at else "clock",
                                       theme.SUCCESS if activity.done_at else theme.WARNING,
                                       16), text, self.timeline)
        self.quotes.clear()
        for quote in data.quotes:
            item = QTreeWidgetItem(self.quotes, [
                quote.display_number, labels.quote_status(quote.status),
                fmt.money(quote.grand_total, quote.currency), fmt.date(quote.valid_until)])
            item.setData(0, Qt.ItemDataRole.UserRole, quote.id)
        self.cards.clear()
        for contact in data.contacts:
            if contact.card_image:
                QListWidgetItem(theme.icon("scan", theme.MUTED, 16),
                                f"{contact.name} · {contact.card_image}", self.cards)
        if not self.cards.count():
            QListWidgetItem(self.tr("No scanned cards yet. Use Scan cards to add contacts "
                                    "from business cards."), self.cards)
        for index, count in ((0, len(data.contacts)), (1, len(data.opportunities)),
                             (2, len(data.timeline)), (3, len(data.quotes))):
            base = self.tabs.tabText(index).split(" (")[0]
            self.tabs.setTabText(index, f"{base} ({count})")

    # -- pool countdown and return -----------------------------------------------------------
    def _show_pool_state(self, data: Customer360Data) -> None:
        c = data.customer
        self.countdown_badge = None
        mine = c.owner_id is not None and c.owner_id == self._services.user.id
        self.return_button.setVisible(not c.in_pool and mine)
        self.protect_button.setVisible(not c.in_pool and mine)
        if not c.in_pool and data.now is not None and c.protected_until is not None \
                and c.protected_until > data.now:
            shield = badge(self.tr("Protected until {date}").format(
                date=self._fmt.date(c.protected_until)), theme.ACCENT)
            shield.setObjectName("poolProtection")
            self.badges.addWidget(shield)
        if c.in_pool:
            pooled = badge(self.tr("In the shared pool"), theme.MUTED)
            pooled.setObjectName("poolCountdown")
            self.countdown_badge = pooled
            self.badges.addWidget(pooled)
            return
        if data.countdown is None or data.now is None or data.pool_settings is None:
            return
        countdown = data.countdown
        label = badge(countdown_text(self._fmt, countdown, data.now),
                      countdown_color(countdown, data.now))
        label.setObjectName("poolCountdown")
        # A solid pill when a 3-day / 1-day warning is due (or the deadline passed): act now.
        urgent = countdown.warning is not None or countdown.deadline.at <= data.now
        label.setProperty("highlighted", urgent)
        if urgent:
            label.setStyleSheet(
                f"QLabel {{ color: #ffffff; background: {countdown_color(countdown, data.now)};"
                " border-radius: 9px; padding: 2px 9px; font-size: 12px; font-weight: 700; }")
        label.setToolTip(self.tr("{reason}; deadline {when}").format(
            reason=reason_text(countdown.deadline.reason, data.pool_settings),
            when=self._fmt.datetime(countdown.deadline.at)))
        label.setAccessibleName(label.text())
        self.countdown_badge = label
        self.badges.addWidget(label)

    def _on_return_clicked(self) -> ReturnToPoolDialog | None:
        if self.data is None:
            return None
        dialog = ReturnToPoolDialog(self._services, self._tasks, self.data.customer.id,
                                    self.data.customer.full_name, self)
        dialog.customer_returned.connect(self._on_returned)
        dialog.open()
        return dialog

    def open_return_dialog(self) -> ReturnToPoolDialog | None:
        return self._on_return_clicked()

    def _on_protect_clicked(self) -> ProtectDialog | None:
        if self.data is None:
            return None
        dialog = ProtectDialog(self._services, self._tasks, self.data.customer.id,
                               self.data.customer.full_name, self)
        dialog.protection_requested.connect(lambda _cid: self.refresh())
        dialog.open()
        return dialog

    def open_protect_dialog(self) -> ProtectDialog | None:
        return self._on_protect_clicked()

    def _on_returned(self, customer_id: str) -> None:
        self.refresh()
        self.customer_changed.emit(customer_id)
        self.returned_to_pool.emit(customer_id)

    # -- lifecycle -----------------------------------------------------------------------------
    def _show_lifecycle(self, data: Customer360Data) -> None:
        index = self.lifecycle_combo.findData(data.customer.lifecycle)
        self.lifecycle_combo.setCurrentIndex(index)
        self.lifecycle_auto_button.setVisible(data.lifecycle_manual)
        self.lifecycle_mode.setText(
            self.tr("Set by hand: the rules leave it alone") if data.lifecycle_manual
            else self.tr("Set by the lifecycle rules"))

    def _on_lifecycle_chosen(self, index: int) -> None:
        if self.data is None:
            return
        stage = str(self.lifecycle_combo.itemData(index))
        if stage == self.data.customer.lifecycle and self.data.lifecycle_manual:
            return
        customers, customer_id = self._services.customers, self.data.customer.id
        self._tasks.write(lambda: customers.set_lifecycle(customer_id, stage),
                          lambda _view: self._on_changed(customer_id),
                          lambda exc: self._on_lifecycle_failed(exc))

    def _on_lifecycle_automatic(self) -> None:
        if self.data is None:
            return
        customers, customer_id = self._services.customers, self.data.customer.id
        self._tasks.write(lambda: customers.automatic_lifecycle(customer_id),
                          lambda _view: self._on_changed(customer_id),
                          lambda exc: self._on_lifecycle_failed(exc))

    def _on_lifecycle_failed(self, error: BaseException) -> None:
        if self.data is not None:
            self._show_lifecycle(self.data)  # back to what is stored
        show_error(self, error)

    def lifecycle_entry(self, activity: ActivityView) -> str | None:
        """A lifecycle change recorded in the timeline, in words (who is in the outcome)."""
        if activity.rule_id not in (LIFECYCLE_MANUAL, LIFECYCLE_AUTOMATIC):
            return None
        old, _, new = activity.subject.removeprefix(LIFECYCLE_NOTE_PREFIX).partition(" → ")
        text = (self.tr("Lifecycle set by hand: {old} → {new}")
                if activity.rule_id == LIFECYCLE_MANUAL
                else self.tr("Lifecycle back to automatic: {old} → {new}")).format(
                    old=labels.lifecycle(old), new=labels.lifecycle(new))
        if activity.outcome:
            text += " · " + self.tr("by {name}").format(name=activity.outcome)
        return text

    def _on_new_quote(self) -> None:
        if self.customer_id is not None:
            self.new_quote_requested.emit(self.customer_id)

    def _on_quote_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        quote_id = item.data(0, Qt.ItemDataRole.UserRole)
        if quote_id:
            self.quote_open_requested.emit(str(quote_id))

    def _on_follow_clicked(self) -> None:
        if self.data is None:
            return
        dialog = FollowUpDialog(self._services, self._tasks, self.data.customer.id,
                                self.data.customer.full_name, None, self)
        dialog.follow_up_logged.connect(self._on_changed)
        dialog.open()

    def _on_edit_clicked(self) -> None:
        if self.data is None:
            return
        dialog = CustomerFormDialog(self._services, self._tasks, self.data.customer, self)
        dialog.customer_saved.connect(self._on_changed)
        dialog.open()

    def _on_changed(self, customer_id: str) -> None:
        self.refresh()
        self.customer_changed.emit(customer_id)


def theme_color(stage: str) -> QColor:
    return QColor(theme.STAGE_COLORS.get(stage, theme.TEXT))
