"""The shared pool (公海): the pool page, and the texts every screen uses to speak of the pool
(countdowns, recycle reasons, refusals), so they say the same thing everywhere.

The page lists pooled customers with the limited fields a rep may see before claiming
(``PoolService.pool``), claims on the writer thread (a pending request until the server
decides at the next sync), and shows the rep's requests with the outcome in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from babel.dates import format_timedelta
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.db import Database
from app.errors import AppError
from app.models import RefValue
from app.pool import ClaimRefusal, PoolSettings, RecycleReason
from app.pool_countdown import Countdown, pool_settings
from app.services.pool import PoolCustomerView, PoolRequestView, PoolService
from ui import errors, labels, theme
from ui.errors import show_error
from ui.format import Formatter
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import Card, EmptyState, page_header

translate = QCoreApplication.translate
TAKEN = "taken"  # the server's refusal when another rep's claim arrived first
REASON_LIST = "pool_return_reason"


def return_reasons(db: Database) -> list[tuple[str, str, str]]:
    """(code, English label, Chinese label) of the return reasons a rep may choose, in list
    order; retired reasons are not offered (old requests still show their code's label when
    the row is there)."""
    with db.reader() as s:
        rows = s.execute(select(RefValue.code, RefValue.label_en, RefValue.label_zh).where(
            RefValue.list_name == REASON_LIST, RefValue.retired.is_(False),
            RefValue.deleted_at.is_(None)).order_by(RefValue.position, RefValue.code))
        return [(code, en, zh) for code, en, zh in rows]


def countdown_text(fmt: Formatter, countdown: Countdown, now: datetime) -> str:
    """"Recycled to the pool in 5 hours" / "5小时后回收到公海" (humanised by babel)."""
    if countdown.deadline.at <= now:
        return translate("Pool", "Due back to the pool: the server returns it at the next sync")
    return translate("Pool", "Recycled to the pool {when}").format(
        when=in_time(fmt, countdown.deadline.at - now))


def in_time(fmt: Formatter, left: timedelta) -> str:
    """"in 5 hours" / "in 10 days" / "10天后": hours under a day, then whole days (babel would
    say "in 1 week" for 10 days, too coarse for a deadline). A threshold of half the days
    makes days the largest unit babel accepts."""
    days = left.total_seconds() / 86400
    return format_timedelta(left, threshold=max(1.0, days / 2), add_direction=True,
                            locale=fmt.locale)


def countdown_color(countdown: Countdown, now: datetime) -> str:
    """Red inside the last day (or overdue), amber inside the 3-day warning, grey before."""
    if countdown.deadline.at <= now or (countdown.warning is not None
                                        and countdown.warning <= timedelta(days=1)):
        return theme.DANGER
    return theme.WARNING if countdown.warning is not None else theme.MUTED


def reason_text(reason: str, settings: PoolSettings) -> str:
    """Why a customer returns (or returned) to the pool, in words."""
    match reason:
        case RecycleReason.NO_FOLLOW_UP:
            return translate("Pool", "No completed follow-up for {n} days").format(
                n=settings.no_follow_up_days)
        case RecycleReason.NO_WON_DEAL:
            return translate("Pool", "No won deal for {n} days").format(
                n=settings.no_won_deal_days)
        case RecycleReason.HIGH_VALUE_24H:
            return translate("Pool", "High-value customer not followed up within {n} h").format(
                n=(settings.high_value_hours or 0) + settings.high_value_grace_hours)
        case RecycleReason.PROTECTION_EXPIRED:
            return translate("Pool", "Protection ended")
        case RecycleReason.MANUAL_RETURN:
            return translate("Pool", "Returned by its owner")
    return reason


def short_reason_text(reason: str) -> str:
    """The reason in two or three words, for narrow rows."""
    table: dict[str, str] = {
        RecycleReason.NO_FOLLOW_UP: translate("Pool", "no follow-up"),
        RecycleReason.NO_WON_DEAL: translate("Pool", "no won deal"),
        RecycleReason.HIGH_VALUE_24H: translate("Pool", "high value, 24 h"),
        RecycleReason.PROTECTION_EXPIRED: translate("Pool", "protection ends"),
        RecycleReason.MANUAL_RETURN: translate("Pool", "returned")}
    return table.get(reason, reason)


def refusal_text(code: str | None, settings: PoolSettings) -> str:
    """A refused claim in words the rep understands."""
    match code:
        case None:
            return ""
        case "taken":
            return translate("Pool", "Another rep claimed it first")
        case ClaimRefusal.DAILY_LIMIT:
            return translate("Pool", "Daily claim limit reached ({n})").format(
                n=settings.daily_claim_limit)
        case ClaimRefusal.MAX_HELD:
            return translate("Pool", "You already hold the most customers allowed ({n})").format(
                n=settings.max_held)
        case ClaimRefusal.COOL_DOWN:
            hours = round(settings.cool_down.total_seconds() / 3600)
            return translate("Pool", "You returned it less than {n} h ago: wait for the "
                                     "cool-down").format(n=hours)
        case ClaimRefusal.NOT_IN_POOL:
            return translate("Pool", "It is no longer in the pool")
        case "reason_required":
            return translate("Pool", "Choose a reason for returning the customer")
        case "not_owner":
            return translate("Pool", "Only the customer's owner can return it to the pool")
        case "max_protected":
            return translate("Pool", "You already protect the most customers allowed ({n})"
                             ).format(n=settings.max_protected)
        case "max_protection":
            return translate("Pool", "Protection lasts at most {n} days").format(
                n=settings.max_protection.days)
    return errors.app_sentence(code, {}) or code  # a code newer than this catalogue


def status_text(status: str) -> str:
    return {"pending": translate("Pool", "Pending"),
            "granted": translate("Pool", "Granted"),
            "refused": translate("Pool", "Refused")}.get(status, status)


def kind_text(kind: str) -> str:
    return {"claim": translate("Pool", "Claim"), "return": translate("Pool", "Return"),
            "protect": translate("Pool", "Protect")}.get(kind, kind)


# -- the pool page ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PoolData:
    customers: list[PoolCustomerView]
    requests: list[PoolRequestView]
    settings: PoolSettings
    reasons: dict[str, tuple[str, str]]  # return reason code → (English, Chinese) label


def load_pool(services: AppServices, text: str) -> PoolData:
    pool = PoolService(services.ctx)
    reasons = {code: (en, zh) for code, en, zh in return_reasons(services.db)}
    return PoolData(pool.pool(text), pool.requests(), pool_settings(services.db), reasons)


class PoolView(QWidget):
    """The shared pool: pooled customers with limited fields, a search box, Claim, and the
    rep's own requests with their outcome in words. Reads and claims run on worker threads.

    Signals:
        customer_open_requested(str): open the 360 of a customer the rep now owns.
        claim_requested(str): a claim request was recorded (the customer's id).
    """

    customer_open_requested = Signal(str)
    claim_requested = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._fmt = fmt
        self._generation = 0
        self.data: PoolData | None = None
        header, actions = page_header(self.tr("Shared pool"), self.tr(
            "Customers nobody is following up. Claim one to make it yours: a claim made "
            "offline waits for the next sync, first come first served."))
        self.count = QLabel()
        self.count.setObjectName("muted")
        actions.addWidget(self.count)
        self.search = QLineEdit()
        self.search.setObjectName("poolSearch")
        self.search.setPlaceholderText(self.tr("Search the pool by name…"))
        self.search.setAccessibleName(self.tr("Search the pool"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(theme.icon("search", theme.MUTED, 16),
                              QLineEdit.ActionPosition.LeadingPosition)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.claim_button = QPushButton(theme.icon("plus", "#ffffff", 16), self.tr("&Claim"))
        self.claim_button.setObjectName("primary")
        self.claim_button.setToolTip(self.tr("Ask for the selected customer (Alt+C)"))
        self.claim_button.setEnabled(False)
        self.claim_button.clicked.connect(self.claim_selected)
        self.message = QLabel()
        self.message.setObjectName("poolMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.claim_button)

        self.table = QTreeWidget()
        self.table.setObjectName("poolTable")
        self.table.setAccessibleName(self.tr("Customers in the pool"))
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setUniformRowHeights(True)
        self.table.setHeaderLabels([self.tr("Customer"), self.tr("Industry"),
                                    self.tr("Region"), self.tr("Level"),
                                    self.tr("In the pool since"), self.tr("Why")])
        for col, width in enumerate((300, 120, 130, 90, 150)):
            self.table.setColumnWidth(col, width)
        self.table.currentItemChanged.connect(lambda *_: self._update_claim_button())
        self.table.itemActivated.connect(lambda *_: self.claim_selected())
        self.empty = EmptyState("customers", self.tr("The pool is empty"),
                                self.tr("No customer is waiting to be claimed. Customers "
                                        "return here when nobody follows them up."))
        pool_card = Card(self.tr("In the pool"))
        pool_card.body.addLayout(tools)
        pool_card.body.addWidget(self.message)
        pool_card.body.addWidget(self.table, 1)
        pool_card.body.addWidget(self.empty, 1)

        self.requests = QTreeWidget()
        self.requests.setObjectName("poolRequests")
        self.requests.setAccessibleName(self.tr("My requests"))
        self.requests.setRootIsDecorated(False)
        self.requests.setUniformRowHeights(True)
        self.requests.setHeaderLabels([self.tr("Customer"), self.tr("Request"),
                                       self.tr("Sent"), self.tr("Status"), self.tr("Details")])
        for col, width in enumerate((220, 80, 110, 190)):
            self.requests.setColumnWidth(col, width)
        self.requests.itemActivated.connect(self._on_request_activated)
        requests_card = Card(self.tr("My requests"))
        requests_card.body.addWidget(self.requests, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(header)
        layout.addWidget(pool_card, 3)
        layout.addWidget(requests_card, 2)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.claim_button)
        self.setTabOrder(self.claim_button, self.requests)

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._generation += 1
        generation, services, text = self._generation, self._services, self.search.text()
        self._tasks.read(lambda: load_pool(services, text),
                         lambda data: self._on_loaded(generation, data),
                         lambda exc: show_error(self, exc))

    def _on_loaded(self, generation: int, data: PoolData) -> None:
        if generation != self._generation:
            return  # the search changed meanwhile
        self.data = data
        selected = self.selected_id()
        pending = {r.customer_id for r in data.requests
                   if r.kind == "claim" and r.status == "pending"}
        self.table.clear()
        for c in data.customers:
            item = QTreeWidgetItem(self.table, [
                c.full_name, labels.industry(c.industry), labels.region(c.region),
                labels.level(c.level), self._fmt.date(c.pooled_at),
                reason_text(c.pooled_reason, data.settings) if c.pooled_reason else ""])
            item.setData(0, Qt.ItemDataRole.UserRole, c.id)
            if c.id in pending:
                item.setText(0, self.tr("{name} (claim pending)").format(name=c.full_name))
                item.setData(0, Qt.ItemDataRole.UserRole + 1, True)
                for col in range(self.table.columnCount()):
                    item.setForeground(col, QColor(theme.MUTED))
            if c.id == selected:
                self.table.setCurrentItem(item)
        first = self.table.topLevelItem(0)
        if self.table.currentItem() is None and first is not None:
            self.table.setCurrentItem(first)
        self.table.setVisible(bool(data.customers))
        self.empty.setVisible(not data.customers)
        self.count.setText(self.tr("{n} customers in the pool").format(
            n=self._fmt.number(len(data.customers))))
        self._show_requests(data)
        self._update_claim_button()

    def _show_requests(self, data: PoolData) -> None:
        self.requests.clear()
        colors = {"pending": theme.WARNING, "granted": theme.SUCCESS, "refused": theme.DANGER}
        for r in data.requests:
            details = (refusal_text(r.refusal, data.settings) if r.status == "refused"
                       else self._reason_words(r.reason, data) if r.kind == "return"
                       else self.tr("Waits for the next sync") if r.status == "pending"
                       else "")
            item = QTreeWidgetItem(self.requests, [
                r.customer_name, kind_text(r.kind), self._fmt.relative(r.requested_at),
                status_text(r.status), details])
            item.setData(0, Qt.ItemDataRole.UserRole, r.customer_id)
            item.setData(0, Qt.ItemDataRole.UserRole + 1, r.status)
            item.setForeground(3, QColor(colors.get(r.status, theme.TEXT)))
            item.setToolTip(4, details)

    def _reason_words(self, reason: str | None, data: PoolData) -> str:
        """A return's "code: note" with the code in words (the list's label)."""
        code, _, note = (reason or "").partition(": ")
        en, zh = data.reasons.get(code, (code, code))
        label = zh if QLocale().language() == QLocale.Language.Chinese and zh else en
        return f"{label}: {note}" if note else label

    # -- claiming --------------------------------------------------------------------------
    def selected_id(self) -> str | None:
        item = self.table.currentItem()
        return None if item is None else str(item.data(0, Qt.ItemDataRole.UserRole))

    def _update_claim_button(self) -> None:
        item = self.table.currentItem()
        self.claim_button.setEnabled(
            item is not None and not item.data(0, Qt.ItemDataRole.UserRole + 1))

    def claim_selected(self) -> None:
        customer_id = self.selected_id()
        if customer_id is None or not self.claim_button.isEnabled():
            return
        pool = PoolService(self._services.ctx)
        self.claim_button.setEnabled(False)
        self._tasks.write(lambda: pool.claim(customer_id), self._on_claimed,
                          self._on_claim_failed)

    def _on_claimed(self, request: PoolRequestView) -> None:
        self._say(self.tr("Claim for “{name}” recorded. It becomes yours when the server "
                          "grants it at the next sync, unless another rep was first.").format(
                              name=request.customer_name), theme.SUCCESS)
        self.claim_requested.emit(request.customer_id)
        self.refresh()

    def _on_claim_failed(self, error: BaseException) -> None:
        code = getattr(error, "code", None)
        settings = self.data.settings if self.data is not None else PoolSettings()
        if isinstance(error, AppError) and code in KNOWN_REFUSALS:
            # A known refusal is an answer, not an error: say it in words beside the list.
            self._say(self.tr("You cannot claim this customer: {why}").format(
                why=refusal_text(str(code), settings)), theme.DANGER)
            self._update_claim_button()
            return
        self._update_claim_button()
        show_error(self, error)

    def _say(self, text: str, color: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {color};")
        self.message.show()

    def _on_request_activated(self, item: QTreeWidgetItem) -> None:
        if item.data(0, Qt.ItemDataRole.UserRole + 1) == "granted":
            self.customer_open_requested.emit(str(item.data(0, Qt.ItemDataRole.UserRole)))


KNOWN_REFUSALS = frozenset({*(r.value for r in ClaimRefusal), TAKEN})
