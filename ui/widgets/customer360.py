"""The 360° customer view: details, contacts, opportunities with stage history, the activity
timeline, quotes and scanned cards, plus a completeness badge."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
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
from ui.format import Formatter
from ui.queries.customers import Completeness, completeness
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import Card, badge, clear_layout


@dataclass
class Customer360Data:
    customer: CustomerView
    contacts: list[ContactView]
    opportunities: list[tuple[OpportunityView, list[StageChangeView]]]
    timeline: list[ActivityView]
    quotes: list[QuoteView]
    completeness: Completeness


def load_360(services: AppServices, customer_id: str) -> Customer360Data:
    opps = services.opportunities.for_customer(customer_id)
    return Customer360Data(
        services.customers.get(customer_id),
        services.contacts.for_customer(customer_id),
        [(o, services.opportunities.history(o.id)) for o in opps],
        services.activities.timeline(customer_id, limit=100),
        services.quotes.for_customer(customer_id),
        completeness(services.db, customer_id))


class Customer360View(QWidget):
    """Signals:
        back_requested(): return to the list.
        customer_changed(str): the customer was edited or followed up (its id).
        new_quote_requested(str): start a quote for this customer (its id).
        quote_open_requested(str): open a quote of this customer in the builder (its id).
    """

    back_requested = Signal()
    customer_changed = Signal(str)
    new_quote_requested = Signal(str)
    quote_open_requested = Signal(str)

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
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(4)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        titles.addLayout(self.badges)
        head.addLayout(titles, 1)
        head.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.quote_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.follow_button, 0, Qt.AlignmentFlag.AlignTop)

        self.details = Card(self.tr("Details"))
        self.details.setFixedWidth(340)
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
        self._tasks.read(lambda: load_360(services, customer_id), self._on_loaded)

    def refresh(self) -> None:
        if self.customer_id:
            self.show_customer(self.customer_id, self.tabs.currentIndex())

    def _on_loaded(self, data: Customer360Data) -> None:
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
        self.badges.addStretch(1)

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
                    f"{activity.subject}{status}")
            if activity.outcome:
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
