"""A duplicate merge through a real server on 127.0.0.1, two laptops over HTTP.

The manager merges two records of one company on their laptop; the rep, offline, has the
merged-away customer open, adds a contact under it and edits its notes. Both sync (the manager
twice): every replica shows only the survivor, the rep's contact under it, and one conflict for
the rep's edit, offered on the survivor; the rep's customer view moves to the survivor.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.models import Conflict, Contact, Customer
from app.services.contacts import ContactInput, ContactService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.dedupe import DedupeService
from sync.server import admin
from sync.server.store import Store
from tests.sync.helpers import PASSWORD, Replica, get, http_replica
from ui.dialogs.conflicts import ConflictsDialog
from ui.format import Formatter
from ui.services import AppServices, CurrentUser
from ui.tasks import TaskManager
from ui.widgets.customer360 import Customer360View


def _live_customers(rep: Replica) -> set[str]:
    with rep.db.reader() as s:
        return set(s.scalars(select(Customer.id).where(Customer.deleted_at.is_(None))))


def _live_contacts(rep: Replica) -> dict[str, str]:
    with rep.db.reader() as s:
        return dict(s.execute(select(Contact.name, Contact.customer_id)
                              .where(Contact.deleted_at.is_(None))).tuples().all())


@pytest.fixture
def tasks() -> Iterator[TaskManager]:
    manager = TaskManager()
    yield manager
    manager.wait_idle(5)
    manager.shutdown()


def test_merge_on_one_laptop_offline_work_on_the_other(
        tmp_path: Path, live: tuple[str, Store], qtbot: QtBot, tasks: TaskManager) -> None:
    url, store = live
    rep_id = admin.add_user(store, "alice", PASSWORD, "rep", team="east")
    mgr_id = admin.add_user(store, "mgr", PASSWORD, "manager", team="east")
    rep, mgr = http_replica(tmp_path, url, "alice"), http_replica(tmp_path, url, "mgr")
    rep_ctx, mgr_ctx = ServiceContext(rep.db, user_id=rep_id), ServiceContext(mgr.db,
                                                                              user_id=mgr_id)
    customers = CustomerService(rep_ctx)
    survivor = customers.create(CustomerInput(
        full_name="深圳市华强科技有限公司", industry="electronics", region="south_china")).id
    victim = customers.create(CustomerInput(
        full_name="华强科技(深圳)有限公司", industry="electronics", region="south_china"),
        allow_duplicate=True).id
    ContactService(rep_ctx).create(ContactInput(customer_id=victim, name="韩梅梅"))
    rep.sync()
    mgr.sync()

    view_services = AppServices(rep.db, CurrentUser(rep_id, "alice", "Alice"))
    view = Customer360View(view_services, tasks, Formatter("zh_CN"))
    qtbot.addWidget(view)
    view.show_customer(victim)
    assert tasks.wait_idle()
    assert view.data is not None
    assert view.data.customer.id == victim

    DedupeService(mgr_ctx).merge_customers(survivor, [victim])
    # The rep's laptop, offline, still shows the old record and works on it.
    ContactService(rep_ctx).create(ContactInput(customer_id=victim, name="李雷"))
    customers.update(victim, {"notes": "周三拜访"})
    mgr.sync()
    rep.sync()
    mgr.sync()

    for r in (rep, mgr):
        assert _live_customers(r) == {survivor}
        assert _live_contacts(r) == {"韩梅梅": survivor, "李雷": survivor}
        assert get(r.db, Customer, victim).merged_into == survivor
        with r.db.reader() as s:
            found = s.scalars(select(Conflict)).all()
        assert [(c.kind, c.entity_id, c.field, c.other_value, c.other_user_id)
                for c in found] == [("edit_after_merge", survivor, "notes", "周三拜访", rep_id)]

    # The rep's open customer view follows the merge to the survivor (not back to the list).
    left: list[bool] = []
    view.back_requested.connect(lambda: left.append(True))
    view.refresh()
    assert tasks.wait_idle()
    assert (view.customer_id, view.data.customer.id, left) == (survivor, survivor, [])
    assert {c.name for c in view.data.contacts} == {"韩梅梅", "李雷"}

    # The rep sees the edit in the conflicts dialog, on the survivor, and keeps it.
    dialog = ConflictsDialog(view_services, tasks)
    qtbot.addWidget(dialog)
    assert tasks.wait_idle()
    assert dialog.table.rowCount() == 1
    record, mine = dialog.table.item(0, 0), dialog.table.item(0, 2)
    assert record is not None
    assert mine is not None
    assert "深圳市华强科技有限公司" in record.text()
    assert mine.text() == "周三拜访"
    dialog.resolve(dialog.rows[0].id, "mine")
    assert tasks.wait_idle()
    rep.sync()
    mgr.sync()
    assert get(mgr.db, Customer, survivor).notes == "周三拜访"
