"""The 360 view's recycle countdown and lifecycle override, Today's "will return to the pool"
section, and the Reports page's lifecycle-flow tab, on a real demo replica (offline: no
server is involved; everything comes from the replica)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db import Database
from app.lifecycle import compute, gather_facts
from app.models import Activity, Customer
from app.pool_countdown import countdowns
from app.reports.lifecycle_flow import NEW
from app.services.customers import LIFECYCLE_AUTOMATIC, LIFECYCLE_MANUAL
from ui.format import Formatter
from ui.reports.view import REPORTS, ReportsView
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.customer360 import Customer360View
from ui.widgets.today import TodayView


def _quiet_customer(db: Database, owner: str, name_like: str = "") -> str:
    """One of the rep's normal-level customers, not in the pool."""
    with db.reader() as s:
        found = s.scalar(select(Customer.id).where(
            Customer.owner_id == owner, Customer.in_pool.is_(False),
            Customer.level == "normal", Customer.deleted_at.is_(None),
            Customer.full_name.like(f"%{name_like}%")).order_by(Customer.full_name))
    assert found is not None
    return str(found)


def _due_in(db: Database, customer_id: str, left: timedelta) -> None:
    """Set the synced facts so that the 30-day no-follow-up clock runs out in ``left``
    (test set-up: these columns come from the server, no service edits them)."""
    now = db.clock.now()
    last = now - timedelta(days=30) + left
    with db.transaction() as s:
        row = s.get(Customer, customer_id)
        assert row is not None
        row.assigned_at = last
        row.last_follow_up_at = last
        row.protected_until = None
    # No won deal clock sooner than that one: the no-follow-up clock is the first to run out.
    got = next(c for c in countdowns(db, str(row.owner_id), now)
               if c.customer_id == customer_id)
    assert abs(got.deadline.at - (now + left)) < timedelta(seconds=1)


def _open_360(qtbot: QtBot, services: AppServices, tasks: TaskManager,
              customer_id: str) -> Customer360View:
    view = Customer360View(services, tasks, Formatter("en_US"))
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    view.show_customer(customer_id)
    assert tasks.wait_idle()
    assert view.data is not None
    return view


def test_360_header_counts_down_to_the_pool(qtbot: QtBot, services: AppServices,
                                            tasks: TaskManager) -> None:
    assert services.user.id is not None
    cid = _quiet_customer(services.db, services.user.id)
    _due_in(services.db, cid, timedelta(hours=5, minutes=1))
    view = _open_360(qtbot, services, tasks, cid)
    badge = view.countdown_badge
    assert badge is not None
    assert badge.text() == "Recycled to the pool in 5 hours"
    assert badge.property("highlighted") is True  # the 1-day warning is due
    assert "No completed follow-up for 30 days" in badge.toolTip()
    assert view.return_button.isVisible()
    # Ten days out: shown, but not highlighted (no warning yet); three days out: highlighted.
    _due_in(services.db, cid, timedelta(days=10, minutes=1))
    view.refresh()
    assert tasks.wait_idle()
    assert view.countdown_badge is not None
    assert view.countdown_badge.text() == "Recycled to the pool in 10 days"
    assert view.countdown_badge.property("highlighted") is False
    _due_in(services.db, cid, timedelta(days=3))
    view.refresh()
    assert tasks.wait_idle()
    assert view.countdown_badge is not None
    assert view.countdown_badge.text() == "Recycled to the pool in 3 days"
    assert view.countdown_badge.property("highlighted") is True


def test_360_countdown_in_chinese(qtbot: QtBot, services: AppServices,
                                  tasks: TaskManager) -> None:
    assert services.user.id is not None
    cid = _quiet_customer(services.db, services.user.id)
    _due_in(services.db, cid, timedelta(hours=5, minutes=1))
    view = Customer360View(services, tasks, Formatter("zh_CN"))
    qtbot.addWidget(view)
    view.show_customer(cid)
    assert tasks.wait_idle()
    assert view.countdown_badge is not None
    assert "5小时后" in view.countdown_badge.text()  # babel's zh wording, not English digits


def test_today_lists_customers_about_to_return(qtbot: QtBot, services: AppServices,
                                               tasks: TaskManager) -> None:
    assert services.user.id is not None
    first = _quiet_customer(services.db, services.user.id)
    later = _quiet_customer(services.db, services.user.id, "Ltd")
    assert first != later
    _due_in(services.db, later, timedelta(days=2, hours=12))
    _due_in(services.db, first, timedelta(hours=20))
    today = TodayView(services, tasks, Formatter("en_US"))
    qtbot.addWidget(today)
    today.resize(1280, 800)
    today.show()
    today.refresh()
    assert tasks.wait_idle()
    assert today.data is not None
    ids = [c.customer_id for c in today.data.returning]
    assert ids[:2] == [first, later]  # soonest first; only warnings due (none overdue)
    assert all(c.warning is not None for c in today.data.returning)
    assert today.pool_list.isVisible()
    item = today.pool_list.item(0)
    assert item.data(Qt.ItemDataRole.UserRole) == first
    with qtbot.waitSignal(today.customer_open_requested) as opened:
        today.pool_list.itemActivated.emit(item)
    assert opened.args == [first]


def test_manual_override_and_back_to_automatic(qtbot: QtBot, services: AppServices,
                                              tasks: TaskManager) -> None:
    assert services.user.id is not None
    cid = _quiet_customer(services.db, services.user.id)
    view = _open_360(qtbot, services, tasks, cid)
    assert view.data is not None
    before = view.data.customer.lifecycle
    assert not view.lifecycle_auto_button.isVisible()
    combo = view.lifecycle_combo
    target = "loyal" if before != "loyal" else "prospect"
    # Keyboard: focus the dropdown and pick the stage (activated, as a user's choice).
    combo.setFocus()
    combo.setCurrentIndex(combo.findData(target))
    combo.activated.emit(combo.currentIndex())
    assert tasks.wait_idle()
    assert services.customers.get(cid).lifecycle == target
    assert services.customers.lifecycle_manual(cid)
    assert view.lifecycle_auto_button.isVisible()
    with services.db.reader() as s:
        note = s.scalars(select(Activity).where(Activity.customer_id == cid,
                                                Activity.rule_id == LIFECYCLE_MANUAL)).one()
        assert note.kind == "note"  # never a follow-up
        assert note.owner_id == services.user.id
        assert note.done_at is not None
    first_line = view.timeline.item(0).text()
    assert f"Lifecycle set by hand: {_label(before)} → {_label(target)}" in first_line
    assert services.user.display_name in first_line
    # Back to automatic: the rules' stage now, and a second note.
    view.lifecycle_auto_button.click()
    assert tasks.wait_idle()
    expected = compute(gather_facts(services.db, [cid])[cid], services.db.clock.now())
    assert services.customers.get(cid).lifecycle == expected.value
    assert not services.customers.lifecycle_manual(cid)
    assert not view.lifecycle_auto_button.isVisible()
    assert "Lifecycle back to automatic" in view.timeline.item(0).text()
    with services.db.reader() as s:
        assert s.scalars(select(Activity.id).where(
            Activity.customer_id == cid, Activity.rule_id == LIFECYCLE_AUTOMATIC)).one()


def _label(code: str) -> str:
    from ui import labels

    return labels.lifecycle(code)


def test_lifecycle_flow_tab(qtbot: QtBot, services: AppServices, tasks: TaskManager) -> None:
    view = ReportsView(services, tasks, Formatter("en_US"))
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    view.refresh()
    assert tasks.wait_idle()
    view.tabs.setCurrentIndex(REPORTS.index("lifecycle_flow"))
    assert view.tabs.tabText(view.tabs.currentIndex()) == "Lifecycle flow"
    page = view.pages["lifecycle_flow"]
    assert view.bundle is not None
    report = view.bundle.lifecycle_flow
    assert report.rows, "the demo replica has lifecycle moves"
    assert page.table.rowCount() == len(report.rows)
    assert len(page.chart_view.chart().series()) == 1
    # Words, not codes, in the table: "Mar 2026", "New customer", "Prospect".
    first = report.rows[0]
    cells = [page.table.item(0, c).text() for c in range(4)]  # type: ignore[union-attr]
    assert cells[1] == ("New customer" if first.from_stage == NEW else _label(first.from_stage))
    assert cells[2] == _label(first.to_stage)
    assert cells[0] == datetime.strptime(first.month, "%Y-%m").strftime("%b %Y")
    assert cells[3] == str(first.customers)
