"""Helpers shared by the sync tests: a server on a temp SQLite file, replicas, local edits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app import outbox
from app.clock import Clock
from app.db import Database
from app.models import Conflict, Contact, Customer, OutboxEntry
from app.replica import open_replica
from sync.client.engine import SyncEngine
from sync.server import admin
from sync.server.app import create_app
from sync.server.settings import Settings
from sync.server.store import Store
from sync.transport import InProcessTransport, Transport

PASSWORD = "correct horse battery"


@dataclass
class Server:
    store: Store
    app: Any
    transport: InProcessTransport

    def user(self, name: str, role: str = "rep", team: str | None = "east") -> str:
        return admin.add_user(self.store, name, PASSWORD, role, team=team)


def make_server(tmp_path: Path, url: str | None = None, page_limit: int = 2000,
                **overrides: Any) -> Server:
    settings = Settings(db_url=url or f"sqlite:///{tmp_path / 'server.db'}",
                        page_limit=page_limit, **overrides)
    store = Store(settings)
    app = create_app(settings, store)
    return Server(store, app, InProcessTransport(app))


@dataclass
class Replica:
    db: Database
    engine: SyncEngine

    def sync(self, verify: bool | None = True) -> Any:
        return self.engine.sync(verify=verify)


def make_replica(path: Path, transport: Transport, username: str, *,
                 clock: Clock | None = None, page_limit: int | None = None) -> Replica:
    db = open_replica(path, clock=clock)
    engine = SyncEngine(db, transport, retries=2, backoff_s=0.01, page_limit=page_limit)
    engine.login(transport.base_url, username, PASSWORD)
    return Replica(db, engine)


def seeded_loopback_server(db_path: Path, *, customers: int, reps: int = 1,
                           page_limit: int = 100) -> tuple[str, Callable[[], None],
                                                           dict[str, Any]]:
    """A real server on loopback over a new SQLite file seeded with demo reps and customers:
    its URL, the function that stops it, and what ``seed_demo`` reports (reps, rows)."""
    from sync.server.local import start_local_server
    from sync.server.seed import seed_demo

    store = Store(Settings(db_url=f"sqlite:///{db_path}"))
    store.migrate()
    seeded = seed_demo(store, reps=reps, customers=customers)
    store.dispose()
    url, stop = start_local_server(db_path, page_limit=page_limit)
    return url, stop, seeded


def http_replica(folder: Path, url: str, username: str) -> Replica:
    """A replica signed in to a real server over HTTP (``folder/<username>.db``)."""
    from sync.transport import RequestsTransport

    return make_replica(folder / f"{username}.db", RequestsTransport(url), username)


def add_customer(db: Database, name: str = "深圳市华强科技有限公司", **extra: Any) -> str:
    with db.transaction() as s:
        values: dict[str, Any] = {"industry": "electronics", "region": "south_china",
                                  "source": "manual", "level": "normal", **extra}
        row = Customer(full_name=name, name_core=name, **values)
        outbox.insert(db, s, row)
        return row.id


def add_contact(db: Database, customer_id: str, name: str = "张伟") -> str:
    with db.transaction() as s:
        row = Contact(customer_id=customer_id, name=name, phones=[], emails=[])
        outbox.insert(db, s, row)
        return row.id


def edit(db: Database, model: type[Any], row_id: str, **changes: Any) -> None:
    with db.transaction() as s:
        row = s.get(model, row_id)
        assert row is not None
        outbox.update(db, s, row, changes)


def remove(db: Database, model: type[Any], row_id: str) -> None:
    with db.transaction() as s:
        row = s.get(model, row_id)
        assert row is not None
        outbox.delete(db, s, row)


def restore(db: Database, model: type[Any], row_id: str) -> None:
    with db.transaction() as s:
        row = s.get(model, row_id)
        assert row is not None
        outbox.restore(db, s, row)


def get(db: Database, model: type[Any], row_id: str) -> Any:
    with db.reader() as s:
        return s.get(model, row_id)


def conflicts(db: Database) -> list[Conflict]:
    with db.reader() as s:
        return list(s.scalars(select(Conflict)).all())


def outbox_size(db: Database) -> int:
    with db.reader() as s:
        return len(s.scalars(select(OutboxEntry)).all())


def ids(db: Database, model: type[Any]) -> set[str]:
    with db.reader() as s:
        return set(s.scalars(select(model.id)).all())
