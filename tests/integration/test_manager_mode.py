"""Manager mode end to end, on a real server on 127.0.0.1: two reps of one team (and one of
another team) work on their own replicas and sync; the team's manager signs in, syncs and sees
both reps' customers, the quote waiting for approval, and the Reports page's rep selector with
each rep's own figures. A rep sees only their own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.exchange.products import product_id
from app.models import Customer, Product
from app.replica import open_replica
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.quotes import LineDraft, QuoteService
from sync.client.catalog_upload import upload_products
from sync.client.engine import SyncEngine
from sync.client.errors import OfflineError
from sync.server import admin
from sync.server.local import start_local_server
from sync.server.settings import Settings
from sync.server.store import Store
from sync.transport import RequestsTransport
from tests.sync.helpers import PASSWORD
from ui.format import Formatter
from ui.quotes.approvals import ApprovalQueue
from ui.reports.view import ReportsView
from ui.services import AppServices, CurrentUser
from ui.settings import Settings as UiSettings
from ui.sync_controller import EngineBackend, SyncController
from ui.tasks import TaskManager
from ui.widgets.shell import MainWindow


@dataclass
class Person:
    name: str
    user_id: str
    role: str
    engine: SyncEngine

    @property
    def services(self) -> AppServices:
        return AppServices(self.engine.db, CurrentUser(self.user_id, self.name, self.name,
                                                       self.role))

    @property
    def ctx(self) -> ServiceContext:
        return ServiceContext(db=self.engine.db, user_id=self.user_id, role=self.role)

    def sync(self) -> None:
        self.engine.sync(verify=True)


@pytest.fixture
def team(tmp_path: Path) -> Iterator[dict[str, Person]]:
    db_path = tmp_path / "server.db"
    url, stop = start_local_server(db_path)
    store = Store(Settings(db_url=f"sqlite:///{db_path}"))
    people: dict[str, Person] = {}
    try:
        for name, role, group in (("li", "manager", "east"), ("zhang", "rep", "east"),
                                  ("wang", "rep", "east"), ("zhao", "rep", "west")):
            user_id = admin.add_user(store, name, PASSWORD, role, team=group,
                                     rep_code=name.upper())
            db = open_replica(tmp_path / f"{name}.db")
            engine = SyncEngine(db, RequestsTransport(url), retries=1, backoff_s=0.01)
            engine.login(url, name, PASSWORD)  # signs in as the app does
            people[name] = Person(name, user_id, role, engine)
        admin.set_policy(store, "rep", max_discount=Decimal(10))
        yield people
    finally:
        for person in people.values():
            person.engine.transport.close()
            person.engine.db.dispose()
        store.dispose()
        stop()


def _customers(person: Person) -> dict[str, str]:
    with person.engine.db.reader() as s:
        return {str(name): str(owner) for name, owner in s.execute(
            select(Customer.full_name, Customer.owner_id).where(Customer.deleted_at.is_(None)))}


def _add(person: Person, *names: str) -> list[str]:
    service = CustomerService(person.ctx)
    return [service.create(CustomerInput(full_name=n, industry="manufacturing",
                                         region="east_china")).id for n in names]


def _reports(qtbot: QtBot, person: Person, tasks: TaskManager) -> ReportsView:
    view = ReportsView(person.services, tasks, Formatter("en_US"))
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    assert tasks.wait_idle(30)
    assert view.bundle is not None
    return view


def _choose(view: ReportsView, tasks: TaskManager, user_id: str | None) -> dict[str, int]:
    """Pick a rep (None: everyone) and return the leaderboard's new customers per rep."""
    view.rep.setCurrentIndex(view.rep.findData(user_id))
    assert tasks.wait_idle(30)
    assert view.bundle is not None
    return {r.owner_id: r.new_customers for r in view.bundle.leaderboard.rows}


def test_manager_sees_the_team_approvals_and_per_rep_reports(
        qtbot: QtBot, team: dict[str, Person]) -> None:
    li, zhang, wang, zhao = (team[n] for n in ("li", "zhang", "wang", "zhao"))
    # The manager puts a product in the catalog; the reps' replicas receive it.
    upload_products(li.engine, [{"row": 2, "cells": {"sku": "M-1", "name": "Motor",
                                                     "list_price": "1000"}}])
    for rep in (zhang, wang, zhao):
        rep.sync()
    _add(zhang, "苏州精工机械制造有限公司", "无锡华东机电有限公司")
    _add(wang, "杭州西湖电子有限公司")
    _add(zhao, "成都天府软件有限公司")
    quotes = QuoteService(zhang.ctx)
    customer = next(iter(_customers(zhang)))
    with zhang.engine.db.reader() as s:
        customer_id = s.scalar(select(Customer.id).where(Customer.full_name == customer))
    assert customer_id is not None
    draft = quotes.create_draft(customer_id)
    quotes.save_lines(draft.id, [LineDraft(product_id("M-1"), Decimal(2), "percent",
                                           Decimal(12))])
    assert quotes.submit(draft.id).status == "pending_approval"
    for rep in (zhang, wang, zhao):
        rep.sync()

    li.sync()
    # The team's customers, both reps', and nobody else's.
    owners = _customers(li)
    assert sorted(owners) == sorted(["苏州精工机械制造有限公司", "无锡华东机电有限公司",
                                     "杭州西湖电子有限公司"])
    assert set(owners.values()) == {zhang.user_id, wang.user_id}
    # Each rep sees only their own.
    assert set(_customers(zhang).values()) == {zhang.user_id}
    assert set(_customers(wang)) == {"杭州西湖电子有限公司"}

    tasks = TaskManager()
    try:
        queue = ApprovalQueue(li.services, tasks, Formatter("en_US"))
        qtbot.addWidget(queue)
        queue.refresh()
        assert tasks.wait_idle(30)
        assert [(r.id, r.owner_name) for r in queue.rows()] == [(draft.id, "zhang")]
        wang_queue = ApprovalQueue(wang.services, tasks, Formatter("en_US"))
        qtbot.addWidget(wang_queue)
        wang_queue.refresh()
        assert tasks.wait_idle(30)
        assert wang_queue.rows() == []

        view = _reports(qtbot, li, tasks)
        listed = {view.rep.itemData(i): view.rep.itemText(i) for i in range(view.rep.count())}
        assert view.rep.isEnabled()
        # The team's reps are offered, and nobody else the replica knows (the manager,
        # another team's rep): users are not scoped, the report's team is.
        assert listed == {None: "Everyone", wang.user_id: "wang", zhang.user_id: "zhang"}
        everyone = _choose(view, tasks, None)
        assert everyone == {zhang.user_id: 2, wang.user_id: 1}
        assert _choose(view, tasks, zhang.user_id) == {zhang.user_id: 2}
        assert _choose(view, tasks, wang.user_id) == {wang.user_id: 1}

        mine = _reports(qtbot, zhang, tasks)
        assert not mine.rep.isEnabled()
        assert [mine.rep.itemData(i) for i in range(mine.rep.count())] == [zhang.user_id]
        assert mine.bundle is not None
        assert {r.owner_id: r.new_customers for r in mine.bundle.leaderboard.rows} == {
            zhang.user_id: 2}
    finally:
        tasks.wait_idle(5)
        tasks.shutdown()


def test_the_main_window_uploads_a_managers_products_through_the_signed_in_session(
        qtbot: QtBot, team: dict[str, Person], tmp_path: Path) -> None:
    """The customers page's import wizard gets its uploader from the shell: it sends through
    whichever session is signed in at the time, and says "offline" when none is."""
    li, zhang = team["li"], team["zhang"]
    tasks = TaskManager()
    try:
        sync = SyncController(li.engine.db, tasks)
        settings = UiSettings(tmp_path / "ui.ini")
        window = MainWindow(li.services, tasks, Formatter("en_US"), settings, sync, "en")
        qtbot.addWidget(window)
        uploader = window.customers.uploader
        assert uploader is not None
        rows = [{"row": 2, "cells": {"sku": "W-1", "name": "Winch", "list_price": "250"}}]
        with pytest.raises(OfflineError):  # not signed in yet: nothing is sent
            uploader(rows, "catalog.csv", threading.Event())
        sync.set_backend(EngineBackend(li.engine))
        assert uploader(rows, "catalog.csv", threading.Event()).created == 1
        zhang.sync()
        with zhang.engine.db.reader() as s:
            assert s.scalar(select(Product.name).where(Product.sku == "W-1")) == "Winch"
    finally:
        tasks.wait_idle(5)
        tasks.shutdown()
