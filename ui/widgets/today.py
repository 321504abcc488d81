"""Today: follow-ups due and overdue, reminders from the follow-up rules, the customers about to
return to the shared pool, one-click logging."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import cast

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.pool import PoolSettings
from app.pool_countdown import Countdown, countdowns, pool_settings
from app.rules import HIGH_VALUE_24H, NO_FOLLOW_UP, QUOTE_NO_ANSWER, Reminder, reminders
from app.services.views import ActivityView
from ui import labels, theme
from ui.dialogs.follow_up import FollowUpDialog
from ui.format import Formatter
from ui.queries.customers import customer_names
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import Card, EmptyState, Kpi, page_header
from ui.widgets.pool import countdown_color, countdown_text, short_reason_text

SHOWN = 40
FIRST_ROWS = 12  # about a screenful of rows, built at once
ROWS_PER_TURN = 4


@dataclass
class TodayData:
    due: list[ActivityView]
    reminders: list[Reminder]
    names: dict[str, str]
    now: datetime
    # The rep's customers whose pre-warning (3 days, 1 day) is due, soonest first. Overdue ones
    # are the server's to return at the next sync: the 360 says so, Today does not nag.
    returning: list[Countdown] = field(default_factory=list)
    pool_settings: PoolSettings = field(default_factory=PoolSettings)


# (list, icon, color, title, subtitle, customer id, task): one row to build.
_RowArgs = tuple[QListWidget, str, str, str, str, str, "ActivityView | None"]


class _Row(QWidget):
    def __init__(self, icon: str, color: str, title: str, subtitle: str, action: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        pic = QLabel()
        pic.setPixmap(theme.icon(icon, color, 20).pixmap(20, 20))
        texts = QVBoxLayout()
        texts.setSpacing(0)
        name = QLabel(title)
        bold = name.font()  # a font, not a per-widget style sheet: those are slow to polish
        bold.setBold(True)
        name.setFont(bold)
        sub = QLabel(subtitle)
        sub.setObjectName("muted")
        texts.addWidget(name)
        texts.addWidget(sub)
        self.button = QPushButton(action)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout.addWidget(pic)
        layout.addLayout(texts, 1)
        layout.addWidget(self.button)


class TodayView(QWidget):
    """Signals:
        customer_open_requested(str): open the customer 360 for this id.
        data_changed(): a follow-up was logged (other screens may refresh).
    """

    customer_open_requested = Signal(str)
    data_changed = Signal()

    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._queued: deque[_RowArgs] = deque()
        self._generation = 0
        self._drain_timer = QTimer(self)
        self._drain_timer.setSingleShot(True)
        self._drain_timer.setInterval(0)
        self._drain_timer.timeout.connect(self._drain)
        self._tasks = tasks
        self._fmt = fmt
        self.data: TodayData | None = None
        header, _actions = page_header(self.tr("Today"), "")
        self._subtitle = header.findChild(QLabel, "pageSubtitle")
        self.kpi_overdue = Kpi(self.tr("Overdue follow-ups"), theme.DANGER)
        self.kpi_due = Kpi(self.tr("Due today"), theme.ACCENT)
        self.kpi_urgent = Kpi(self.tr("High-value, not yet followed up"), theme.WARNING)
        self.kpi_quiet = Kpi(self.tr("Customers quiet for 3+ days"), theme.MUTED)
        kpis = QHBoxLayout()
        kpis.setSpacing(12)
        for kpi in (self.kpi_overdue, self.kpi_due, self.kpi_urgent, self.kpi_quiet):
            kpis.addWidget(kpi)

        self.due_card = Card(self.tr("Follow-ups due"))
        self.due_list = QListWidget()
        self.due_list.setObjectName("dueList")
        self.due_list.setAccessibleName(self.tr("Follow-ups due"))
        self.due_empty = EmptyState("check", self.tr("You're all caught up"),
                                    self.tr("No follow-ups are due. Plan your next calls from "
                                            "the reminders on the right."))
        self.due_card.body.addWidget(self.due_list, 1)
        self.due_card.body.addWidget(self.due_empty, 1)
        self.reminder_card = Card(self.tr("Reminders"))
        self.reminder_list = QListWidget()
        self.reminder_list.setObjectName("reminderList")
        self.reminder_list.setAccessibleName(self.tr("Reminders"))
        self.reminder_empty = EmptyState("bell", self.tr("No reminders"),
                                         self.tr("Every customer has been followed up "
                                                 "on time."))
        self.reminder_card.body.addWidget(self.reminder_list, 1)
        self.reminder_card.body.addWidget(self.reminder_empty, 1)
        self.pool_card = Card(self.tr("Will return to the pool"))
        self.pool_list = QListWidget()
        self.pool_list.setObjectName("poolList")
        self.pool_list.setAccessibleName(self.tr("Will return to the pool"))
        self.pool_empty = QLabel(self.tr("None of your customers is due back to the pool in "
                                         "the next 3 days."))
        self.pool_empty.setObjectName("muted")
        self.pool_empty.setWordWrap(True)
        self.pool_card.body.addWidget(self.pool_list, 1)
        self.pool_card.body.addWidget(self.pool_empty)
        for lst in (self.due_list, self.reminder_list, self.pool_list):
            lst.setStyleSheet("QListWidget { border: none; } QListWidget::item { "
                              "border-bottom: 1px solid #f1f5f9; }")
            lst.itemActivated.connect(self._on_item_activated)
        columns = QHBoxLayout()
        columns.setSpacing(12)
        columns.addWidget(self.due_card, 1)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self.reminder_card, 3)
        right.addWidget(self.pool_card, 2)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(14)
        layout.addWidget(header)
        layout.addLayout(kpis)
        layout.addLayout(columns, 1)

    def refresh(self) -> None:
        """Load the due follow-ups and the reminders as two reads on the two reader threads
        (the reminder rules take the longest on a big replica; in parallel the page fills
        in the time of the slower one, not of both)."""
        services = self._services
        self._generation += 1
        generation = self._generation
        parts: dict[str, object] = {}
        now = services.db.clock.now()

        def due_work() -> tuple[list[ActivityView], dict[str, str], list[Countdown],
                                PoolSettings]:
            end_of_day = datetime.combine(now.astimezone().date() + timedelta(days=1),
                                          datetime.min.time()).astimezone(UTC)
            due = services.activities.due(services.owner_filter, within=end_of_day - now)
            names = customer_names(services.db, [a.customer_id for a in due[:SHOWN]])
            # The pool countdowns ride with the quicker of the two reads (one job per reader
            # thread): from the replica with the server's rules, so they work offline.
            settings = pool_settings(services.db)
            owner = services.user.id
            found = [] if owner is None else countdowns(services.db, owner, now, settings,
                                                         within=max(settings.warn_before))
            return due, names, [c for c in found if c.warning is not None], settings

        def reminder_work() -> tuple[list[Reminder], dict[str, str]]:
            found = reminders(services.db, services.owner_filter, now, limit=200)
            return found, customer_names(services.db, [r.customer_id for r in found])

        def arrived(name: str, value: object) -> None:
            if generation != self._generation:
                return  # a newer refresh is on its way
            parts[name] = value
            if len(parts) == 2:
                due, due_names, returning, settings = cast(
                    "tuple[list[ActivityView], dict[str, str], list[Countdown], PoolSettings]",
                    parts["due"])
                found, names = cast("tuple[list[Reminder], dict[str, str]]", parts["rem"])
                self._on_loaded(TodayData(due, found, {**names, **due_names}, now, returning,
                                          settings))

        self._tasks.read(due_work, lambda v: arrived("due", v))
        self._tasks.read(reminder_work, lambda v: arrived("rem", v))

    def _on_loaded(self, data: TodayData) -> None:
        self.data = data
        overdue = [a for a in data.due if a.due_at is not None and a.due_at < data.now]
        self.kpi_overdue.set_value(self._fmt.number(len(overdue)))
        self.kpi_due.set_value(self._fmt.number(len(data.due) - len(overdue)))
        urgent = [r for r in data.reminders if r.rule_id == HIGH_VALUE_24H.id]
        quiet = [r for r in data.reminders if r.rule_id == NO_FOLLOW_UP.id]
        self.kpi_urgent.set_value(self._fmt.number(len(urgent)))
        self.kpi_quiet.set_value(self._fmt.number(len(quiet)) + ("+" if len(quiet) >= 200
                                                                  else ""))
        self.due_list.clear()
        self.reminder_list.clear()
        self.pool_list.clear()
        self._queued.clear()
        due: list[_RowArgs] = []
        for activity in data.due[:SHOWN]:
            late = activity.due_at is not None and activity.due_at < data.now
            subtitle = f"{labels.activity_kind(activity.kind)} · {activity.subject} · " + (
                self.tr("overdue {when}") if late else self.tr("due {when}")).format(
                    when=self._fmt.relative(activity.due_at, data.now))
            due.append((self.due_list, "clock", theme.DANGER if late else theme.ACCENT,
                        data.names.get(activity.customer_id, ""), subtitle,
                        activity.customer_id, activity))
        ordered = sorted(data.reminders, key=lambda r: {"urgent": 0, "warning": 1}.get(
            r.severity, 2))
        reminders: list[_RowArgs] = [
            (self.reminder_list, "bell", {"urgent": theme.DANGER, "warning": theme.WARNING}.get(
                reminder.severity, theme.MUTED),
             data.names.get(reminder.customer_id, reminder.subject),
             self._reminder_text(reminder, data.now), reminder.customer_id, None)
            for reminder in ordered[:SHOWN]]
        returning: list[_RowArgs] = [
            (self.pool_list, "clock", countdown_color(c, data.now), c.name,
             f"{countdown_text(self._fmt, c, data.now)} · "
             f"{short_reason_text(c.deadline.reason)}", c.customer_id, None)
            for c in data.returning[:SHOWN]]
        # What fits on screen now; the rest a few rows per event-loop turn, so a refresh
        # (e.g. after a sync) never freezes the window while 80 row widgets are built.
        for rows in (due, reminders, returning):
            for args in rows[:FIRST_ROWS]:
                self._add(*args)
            self._queued.extend(rows[FIRST_ROWS:])
        if self._queued:
            self._drain_timer.start()
        self.due_list.setVisible(bool(data.due))
        self.due_empty.setVisible(not data.due)
        self.reminder_list.setVisible(bool(data.reminders))
        self.reminder_empty.setVisible(not data.reminders)
        self.pool_list.setVisible(bool(data.returning))
        self.pool_empty.setVisible(not data.returning)

    def _drain(self) -> None:
        for _ in range(ROWS_PER_TURN):
            if not self._queued:
                return
            self._add(*self._queued.popleft())
        if self._queued:
            self._drain_timer.start()

    def _reminder_text(self, r: Reminder, now: datetime) -> str:
        when = self._fmt.relative(r.since, now)
        if r.rule_id == HIGH_VALUE_24H.id:
            return self.tr("High-value: no follow-up within 24 h (assigned {when})").format(
                when=when)
        if r.rule_id == QUOTE_NO_ANSWER.id:
            return self.tr("Quote {number} sent {when}, no answer yet").format(
                number=r.subject, when=when)
        return self.tr("Not followed up since {when}").format(when=when)

    def _add(self, target: QListWidget, icon: str, color: str, title: str, subtitle: str,
             customer_id: str, task: ActivityView | None) -> None:
        row = _Row(icon, color, title, subtitle, self.tr("Log follow-up"))
        row.button.setObjectName("logFollowUp")
        row.button.clicked.connect(
            lambda _c=False: self.log_follow_up(customer_id, title, task))
        item = QListWidgetItem(target)
        item.setData(Qt.ItemDataRole.UserRole, customer_id)
        item.setSizeHint(QSize(0, 56))
        target.setItemWidget(item, row)

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.customer_open_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def log_follow_up(self, customer_id: str, name: str,
                      task: ActivityView | None = None) -> FollowUpDialog:
        dialog = FollowUpDialog(self._services, self._tasks, customer_id, name, task, self)
        dialog.follow_up_logged.connect(self._on_follow_up_logged)
        dialog.open()
        return dialog

    def _on_follow_up_logged(self, _customer_id: str) -> None:
        self.refresh()
        self.data_changed.emit()
