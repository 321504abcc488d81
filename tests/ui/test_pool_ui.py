"""The pool page and "Return to pool…" on a real demo replica, offline.

The pool's rows (``pool_customers``), the return reasons (``ref_values``) and the server's
decisions on requests come from the server by sync; here they are written into the replica the
way a pull stores them, so the screens can be driven without a network — which is the point:
the pool page, claims and returns all work offline.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db import Database
from app.models import Customer, PoolCustomer, PoolRequest, RefValue
from app.services.pool import PoolService
from tests.sync.helpers import add_customer, make_replica, make_server
from ui.dialogs.protect_dialog import ProtectDialog
from ui.dialogs.return_dialog import ReturnToPoolDialog
from ui.format import Formatter
from ui.services import AppServices, CurrentUser
from ui.tasks import TaskManager
from ui.widgets.customer360 import Customer360View
from ui.widgets.pool import PoolView
from ui.widgets.shell import PAGES, MainWindow

REASONS = [("no_budget", "No budget this year", "今年无预算"),
           ("wrong_contact", "Wrong contact", "联系人错误"),
           ("other", "Other", "其他")]
POOLED = ["北京远航科技有限公司", "上海星河贸易有限公司", "Contoso Pool Ltd."]


def _synced_pool(db: Database) -> list[str]:
    """Three pooled customers of the team and the standard return reasons, as a pull
    stores them (server-owned rows: no outbox entries)."""
    now = db.clock.now()
    ids = []
    with db.transaction() as s:
        for position, (code, en, zh) in enumerate(REASONS):
            s.add(RefValue(list_name="pool_return_reason", code=code, label_en=en,
                           label_zh=zh, position=position, server_seq=1))
        for hours, name in enumerate(POOLED, start=1):
            row = PoolCustomer(full_name=name, industry="software", region="north_china",
                               level="normal", pooled_at=now - timedelta(hours=hours),
                               pooled_reason="no_follow_up", server_seq=1)
            s.add(row)
            s.flush()
            ids.append(row.id)
    return ids


def _open_360(qtbot: QtBot, services: AppServices, tasks: TaskManager,
              customer_id: str) -> Customer360View:
    """The 360 view, shown, with ``customer_id`` loaded."""
    view = Customer360View(services, tasks, Formatter("en_US"))
    qtbot.addWidget(view)
    view.show()
    view.show_customer(customer_id)
    assert tasks.wait_idle()
    return view


def _my_customers(services: AppServices, count: int) -> list[str]:
    """The first ``count`` of the signed-in rep's own (unpooled, live) customers, by name."""
    assert services.user.id is not None
    with services.db.reader() as s:
        found = list(s.scalars(select(Customer.id).where(
            Customer.owner_id == services.user.id, Customer.in_pool.is_(False),
            Customer.deleted_at.is_(None)).order_by(Customer.full_name).limit(count)))
    assert len(found) == count
    return found


@pytest.fixture
def pooled(services: AppServices) -> list[str]:
    return _synced_pool(services.db)


@pytest.fixture
def pool_view(qtbot: QtBot, services: AppServices, tasks: TaskManager,
              pooled: list[str]) -> PoolView:
    view = PoolView(services, tasks, Formatter("en_US"))
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    view.refresh()
    assert tasks.wait_idle()
    return view


def _decide(db: Database, customer_id: str, status: str, refusal: str | None) -> None:
    """The server's decision, as the next pull brings it back."""
    with db.transaction() as s:
        request = s.scalars(select(PoolRequest).where(
            PoolRequest.customer_id == customer_id)).one()
        request.status, request.refusal = status, refusal
        request.decided_at = db.clock.now()


def test_pool_lists_limited_fields_and_searches(qtbot: QtBot, pool_view: PoolView,
                                                tasks: TaskManager, pooled: list[str]) -> None:
    table = pool_view.table
    assert table.topLevelItemCount() == 3
    assert [table.headerItem().text(c) for c in range(table.columnCount())] == [
        "Customer", "Industry", "Region", "Level", "In the pool since", "Why"]
    first = table.topLevelItem(0)
    assert first is not None
    assert first.text(0) == POOLED[0]  # newest entry first
    assert first.text(1) == "Software"
    assert first.text(5) == "No completed follow-up for 30 days"
    assert pool_view.count.text() == "3 customers in the pool"
    # Search: typed into the box, debounced, filtered in SQL on a reader thread.
    qtbot.keyClicks(pool_view.search, "Contoso")
    qtbot.waitUntil(lambda: table.topLevelItemCount() == 1, timeout=3000)
    assert tasks.wait_idle()
    only = table.topLevelItem(0)
    assert only is not None
    assert only.text(0) == "Contoso Pool Ltd."


def test_claim_is_a_pending_request_then_the_refusal_in_words(
        qtbot: QtBot, pool_view: PoolView, services: AppServices, tasks: TaskManager,
        pooled: list[str]) -> None:
    # Keyboard: focus the list, pick the second row, press Enter (activates = claim).
    pool_view.table.setFocus()
    item = pool_view.table.topLevelItem(1)
    assert item is not None
    pool_view.table.setCurrentItem(item)
    with qtbot.waitSignal(pool_view.claim_requested) as claimed:
        qtbot.keyClick(pool_view.table, Qt.Key.Key_Return)
    assert claimed.args == [pooled[1]]
    assert tasks.wait_idle()
    assert "recorded" in pool_view.message.text()
    mine = PoolService(services.ctx).requests()
    assert [(r.customer_id, r.kind, r.status) for r in mine] == [(pooled[1], "claim",
                                                                  "pending")]
    row = pool_view.requests.topLevelItem(0)
    assert row is not None
    assert row.text(0) == POOLED[1]
    assert (row.text(3), row.text(4)) == ("Pending", "Waits for the next sync")
    # The pending customer is marked and cannot be claimed twice.
    again = pool_view.table.topLevelItem(1)
    assert again is not None
    assert "(claim pending)" in again.text(0)
    pool_view.table.setCurrentItem(again)
    assert not pool_view.claim_button.isEnabled()
    # The server refused it (another rep's claim came first): the rep sees why, in words.
    _decide(services.db, pooled[1], "refused", "taken")
    pool_view.refresh()
    assert tasks.wait_idle()
    row = pool_view.requests.topLevelItem(0)
    assert row is not None
    assert (row.text(3), row.text(4)) == ("Refused", "Another rep claimed it first")


def test_known_refusal_is_said_at_once(qtbot: QtBot, pool_view: PoolView,
                                       services: AppServices, tasks: TaskManager,
                                       pooled: list[str]) -> None:
    """The replica already knows the daily limit (5) is reached: the sixth claim is refused
    before any sync, with the limit in the sentence."""
    with services.db.transaction() as s:
        for n in range(5):
            s.add(PoolRequest(customer_id=f"claimed-{n}", kind="claim",
                              requested_by=services.user.id,
                              requested_at=services.db.clock.now() - timedelta(hours=n + 1),
                              status="granted", server_seq=1))
    first = pool_view.table.topLevelItem(0)
    assert first is not None
    pool_view.table.setCurrentItem(first)
    pool_view.claim_button.click()
    assert tasks.wait_idle()
    assert pool_view.message.text() == (
        "You cannot claim this customer: Daily claim limit reached (5)")
    assert not [r for r in PoolService(services.ctx).requests() if r.status == "pending"]


def test_return_to_pool_needs_a_reason(qtbot: QtBot, services: AppServices,
                                       tasks: TaskManager, pooled: list[str]) -> None:
    cid = _my_customers(services, 1)[0]
    view = _open_360(qtbot, services, tasks, cid)
    assert view.return_button.isVisible()
    dialog = view.open_return_dialog()
    assert isinstance(dialog, ReturnToPoolDialog)
    assert tasks.wait_idle()
    # The server's list, in its order, after the "choose" prompt.
    assert [dialog.reason.itemText(i) for i in range(dialog.reason.count())] == [
        "Choose a reason…", "No budget this year", "Wrong contact", "Other"]
    dialog.submit()  # no reason yet: refused in place, nothing written
    assert dialog.error.text() == "Choose a reason for returning the customer."
    assert not PoolService(services.ctx).requests()
    dialog.reason.setCurrentIndex(1)
    dialog.note.setText("Budget frozen until Q3")
    with qtbot.waitSignal(view.returned_to_pool) as returned:
        dialog.ok_button.click()
        assert tasks.wait_idle()
    assert returned.args == [cid]
    (request,) = PoolService(services.ctx).requests()
    assert (request.kind, request.status, request.reason) == (
        "return", "pending", "no_budget: Budget frozen until Q3")
    assert services.customers.get(cid).in_pool  # it leaves the rep's lists at once
    assert tasks.wait_idle()
    assert view.countdown_badge is not None
    assert view.countdown_badge.text() == "In the shared pool"
    assert not view.return_button.isVisible()


def test_pool_page_in_the_navigation(window: MainWindow, tasks: TaskManager,
                                     pooled: list[str]) -> None:
    assert PAGES.index("pool") == PAGES.index("customers") + 1
    item = window.nav.item(PAGES.index("pool"))
    assert item.text() == "Pool"
    window.nav.setCurrentItem(item)
    assert tasks.wait_idle()
    assert window.current_page == "pool"
    assert window.pool.table.topLevelItemCount() == 3
    # "My requests" shows a return in words: the reason's label, then the note.
    services = window.services
    with services.db.reader() as s:
        cid = s.scalar(select(Customer.id).where(
            Customer.owner_id == services.user.id, Customer.in_pool.is_(False)))
    assert cid is not None
    PoolService(services.ctx).give_back(cid, "wrong_contact: moved to Shenzhen")
    window.pool.refresh()
    assert tasks.wait_idle()
    row = window.pool.requests.topLevelItem(0)
    assert row is not None
    assert (row.text(1), row.text(4)) == ("Return", "Wrong contact: moved to Shenzhen")


def test_through_a_real_server_the_loser_sees_why(qtbot: QtBot, tmp_path: Path,
                                                  tasks: TaskManager) -> None:
    """alice returns a customer from her 360 (reason from the dialog); bob and carol see it
    on their pool pages and both claim it offline; carol's sync reaches the server first, so
    bob's page says "Another rep claimed it first" and carol owns it."""
    server = make_server(tmp_path)
    try:
        users = {name: server.user(name) for name in ("alice", "bob", "carol")}
        reps = {name: make_replica(tmp_path / f"{name}.db", server.transport, name)
                for name in users}
        apps = {name: AppServices(reps[name].db, CurrentUser(users[name], name, name))
                for name in users}
        alice = reps["alice"]
        cid = add_customer(alice.db, "深圳市远帆科技有限公司")
        alice.sync()
        _synced_pool(alice.db)  # only for the reasons list; its pool rows stay local
        view = _open_360(qtbot, apps["alice"], tasks, cid)
        dialog = view.open_return_dialog()
        assert dialog is not None
        assert tasks.wait_idle()
        dialog.reason.setCurrentIndex(2)  # "Wrong contact"
        dialog.ok_button.click()
        assert tasks.wait_idle()
        alice.sync()
        # The server granted the return and the customer left alice's replica: her open 360
        # goes back to the list instead of showing an error.
        with qtbot.waitSignal(view.back_requested):
            view.refresh()
        pages = {}
        for name in ("bob", "carol"):
            reps[name].sync()
            page = PoolView(apps[name], tasks, Formatter("en_US"))
            qtbot.addWidget(page)
            page.refresh()
            assert tasks.wait_idle()
            names = [page.table.topLevelItem(i).text(0)  # type: ignore[union-attr]
                     for i in range(page.table.topLevelItemCount())]
            assert names == ["深圳市远帆科技有限公司"]
            assert page.table.topLevelItem(0).text(5) == "Returned by its owner"  # type: ignore[union-attr]
            page.claim_selected()
            assert tasks.wait_idle()
            pages[name] = page
        reps["carol"].sync()  # first come, first served
        reps["bob"].sync()
        for page in pages.values():
            page.refresh()
        assert tasks.wait_idle()
        bob_row, carol_row = (pages[n].requests.topLevelItem(0) for n in ("bob", "carol"))
        assert bob_row is not None
        assert carol_row is not None
        assert (bob_row.text(3), bob_row.text(4)) == ("Refused", "Another rep claimed it first")
        assert carol_row.text(3) == "Granted"
        assert pages["bob"].table.topLevelItemCount() == 0  # gone from the pool
        assert apps["carol"].customers.get(cid).owner_id == users["carol"]
        # Granted: Enter on the request opens the customer carol now owns.
        with qtbot.waitSignal(pages["carol"].customer_open_requested) as opened:
            pages["carol"].requests.itemActivated.emit(carol_row, 0)
        assert opened.args == [cid]
    finally:
        server.transport.close()
        server.store.dispose()


def test_protect_dialog_records_a_request_within_the_limits(
        qtbot: QtBot, services: AppServices, tasks: TaskManager, pooled: list[str]) -> None:
    cid = _my_customers(services, 1)[0]
    dialog = ProtectDialog(services, tasks, cid, "Acme")
    qtbot.addWidget(dialog)
    assert tasks.wait_idle()
    now = services.db.clock.now()
    # The calendar offers tomorrow up to the team's longest protection (30 days by default).
    assert dialog.until.minimumDate().toPython() == (now + timedelta(days=1)).date()
    assert dialog.until.maximumDate().toPython() == (now + timedelta(days=30)).date()
    assert "10 protected customers" in dialog.limits.text()
    with qtbot.waitSignal(dialog.protection_requested) as sent:
        dialog.ok_button.click()
        assert tasks.wait_idle()
    assert sent.args == [cid]
    (request,) = PoolService(services.ctx).requests()
    assert (request.kind, request.status) == ("protect", "pending")


def test_protect_dialog_says_why_when_the_cap_is_reached(
        qtbot: QtBot, services: AppServices, tasks: TaskManager, pooled: list[str]) -> None:
    mine = _my_customers(services, 11)
    until = services.db.clock.now() + timedelta(days=5)
    for cid in mine[:10]:  # the default cap: 10 protected customers per rep
        PoolService(services.ctx).protect(cid, until)
    dialog = ProtectDialog(services, tasks, mine[10], "Acme")
    qtbot.addWidget(dialog)
    assert tasks.wait_idle()
    dialog.ok_button.click()
    assert tasks.wait_idle()
    assert dialog.error.text() == "You already protect the most customers allowed (10)"
    assert dialog.ok_button.isEnabled()
    assert len(PoolService(services.ctx).requests()) == 10


def test_360_offers_protection_and_shows_it_once_granted(
        qtbot: QtBot, services: AppServices, tasks: TaskManager, pooled: list[str]) -> None:
    cid = _my_customers(services, 1)[0]
    view = _open_360(qtbot, services, tasks, cid)
    assert view.protect_button.isVisible()
    dialog = view.open_protect_dialog()
    assert isinstance(dialog, ProtectDialog)
    assert tasks.wait_idle()
    dialog.ok_button.click()
    assert tasks.wait_idle()
    (request,) = PoolService(services.ctx).requests()
    assert request.kind == "protect"
    # The server grants it: the pull writes protected_until (a server-side field).
    until = services.db.clock.now() + timedelta(days=10)
    with services.db.transaction() as s:
        row = s.get(Customer, cid)
        assert row is not None
        row.protected_until = until
    view.refresh()
    assert tasks.wait_idle()
    shield = view.findChild(QLabel, "poolProtection")
    assert shield is not None
    assert shield.text() == f"Protected until {Formatter('en_US').date(until)}"
