"""The demo: a real sync server on loopback, seeded with demo data, and the demo rep's replica
made from it by a real sign-in and initial sync (worker thread; see :func:`start_demo`).

On the first start the rep also drafts a few quotes (through QuoteService, so they sync like any
edit) and two real sync conflicts are made: the manager, on a second replica, changes the
phone and address of one of the rep's customers; the rep then changes the same fields before
seeing that, and the next sync merges them on the server, which records the losing values.

:func:`add_demo_extras` is the offline variant for test and benchmark replicas without a
server: the same quotes, and two conflict rows as a server would have sent them.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.db import Database
from app.lifecycle import refresh as refresh_lifecycles
from app.models import Conflict, Customer, Product, User
from app.services.context import ServiceContext
from app.services.customers import CustomerService
from app.services.quotes import LineDraft, QuoteService

if TYPE_CHECKING:  # the session module (sync engine, keyring) stays off the start-up path
    from keyring.backend import KeyringBackend

    from ui.session import Session

log = logging.getLogger(__name__)

DEMO_USERNAME = "zhang"
DEMO_COLLEAGUE = "manager"
DEMO_PASSWORD = "demo"  # every seeded demo account's password (sync.server.seed)
DEMO_REPS = 3
SERVER_DB = "server.db"
SEEDED_MARK = "server.seeded"
READY_MARK = "replica.ready"

# The two fields the manager and the rep both change on the first start.
THEIR_EDIT = {"phone": "+8675588886666", "address": "深圳市南山区科技园南区8栋1201"}
MY_EDIT = {"phone": "+8675526661234", "address": "深圳市福田区深南大道6008号"}

Step = Callable[[str], None]


def _first_customers(db: Database, username: str, n: int) -> tuple[str | None, list[Customer]]:
    with db.reader() as s:
        rep = s.scalar(select(User).where(User.username == username))
        if rep is None:
            return None, []
        rows = s.scalars(select(Customer).where(Customer.owner_id == rep.id,
                                                Customer.deleted_at.is_(None))
                         .order_by(Customer.created_at, Customer.id).limit(n)).all()
        return rep.id, list(rows)


def add_demo_quotes(db: Database, username: str) -> list[Customer]:
    """Four draft quotes for the rep's first customers; returns those customers."""
    rep_id, customers = _first_customers(db, username, 6)
    if rep_id is None:
        return []
    with db.reader() as s:
        products = s.scalars(select(Product).where(Product.active.is_(True))
                             .order_by(Product.sku).limit(8)).all()
    if not products:
        return customers
    quotes = QuoteService(ServiceContext(db=db, user_id=rep_id))
    for i, customer in enumerate(customers[:4]):
        draft = quotes.create_draft(customer.id, language="zh" if i % 2 else "en")
        lines = [LineDraft(products[(i + k) % len(products)].id, Decimal(5 * (k + 1) + i))
                 for k in range(2 + i % 2)]
        quotes.save_lines(draft.id, lines)
    return customers


def add_demo_extras(db: Database, username: str) -> None:
    """Offline demo replica (no server): quotes, and two conflicts as a server sends them."""
    customers = add_demo_quotes(db, username)
    with db.reader() as s:
        other = s.scalar(select(User).where(User.username != username, User.role == "rep"))
    now = db.clock.now()
    if not customers:
        return
    c = customers[0]
    with db.transaction() as s:
        for hours, (name, value) in zip((3, 2), THEIR_EDIT.items(), strict=True):
            s.add(Conflict(entity="customers", entity_id=c.id, customer_id=c.id, field=name,
                           kind="field", kept_value=getattr(c, name), other_value=value,
                           other_user_id=other.id if other else None,
                           created_at=now - timedelta(hours=hours), server_seq=1))


# -- the demo with a real server ----------------------------------------------------------

def _seed_server(folder: Path, customers: int) -> None:
    from sync.server.seed import seed_demo, seed_pool
    from sync.server.settings import Settings as ServerSettings
    from sync.server.store import Store

    for old in folder.glob(f"{SERVER_DB}*"):
        old.unlink()
    store = Store(ServerSettings(db_url=f"sqlite:///{folder / SERVER_DB}"))
    try:
        store.migrate()
        seed_demo(store, reps=DEMO_REPS, customers=customers, password=DEMO_PASSWORD)
        # A few pooled customers, so the demo's Pool page has something to claim.
        seed_pool(store, max(3, customers // 20), skip_user=DEMO_USERNAME)
    finally:
        store.dispose()
    (folder / SEEDED_MARK).touch()


def _colleague_edits(folder: Path, url: str, customer_id: str) -> None:
    """The manager, on their own replica, changes a customer of the rep and syncs."""
    from app.replica import open_replica
    from sync.client.engine import SyncEngine
    from sync.transport import RequestsTransport

    where = folder / "colleague"
    shutil.rmtree(where, ignore_errors=True)
    db = open_replica(where / "replica.db")
    engine = SyncEngine(db, RequestsTransport(url))
    try:
        who = engine.login(url, DEMO_COLLEAGUE, DEMO_PASSWORD)
        engine.sync()
        ctx = ServiceContext(db=db, user_id=who.user_id, role=who.role)
        CustomerService(ctx).update(customer_id, dict(THEIR_EDIT))
        engine.sync()
        engine.logout()
    finally:
        engine.transport.close()
        db.dispose()
        shutil.rmtree(where, ignore_errors=True)


def _first_start(session: Session, folder: Path, url: str, step: Step) -> None:
    engine, db = session.engine, session.db
    step("first sync")
    engine.sync()
    session.refresh_user()
    step("quotes")
    customers = add_demo_quotes(db, DEMO_USERNAME)
    if customers:
        step("a colleague's edits")
        _colleague_edits(folder, url, customers[0].id)
        ctx = ServiceContext(db=db, user_id=session.user.id, role=session.user.role)
        CustomerService(ctx).update(customers[0].id, dict(MY_EDIT))
    if session.user.id is not None:  # the generated stages, brought up to the rules
        refresh_lifecycles(db, session.user.id, db.clock.now())
    step("sync")
    engine.sync()  # pushes the rep's edits: the server records the two conflicts
    engine.sync()  # and sends them back
    (folder / READY_MARK).touch()


def start_demo(folder: Path, customers: int, *, backend: KeyringBackend | None = None,
               step: Step | None = None) -> tuple[Session, str, Callable[[], None]]:
    """Start the demo server (seeding it on first use) and sign the demo rep in.

    Returns ``(session, server_url, stop_server)``; the caller stops the server on exit.
    """
    from sync.server.local import start_local_server
    from ui.session import REPLICA, resume, sign_in

    say = step or (lambda _s: None)
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / SEEDED_MARK).exists():
        say("server data")
        _seed_server(folder, customers)
        for old in (*folder.glob(f"{REPLICA}*"), folder / READY_MARK):
            old.unlink(missing_ok=True)  # a replica of an older demo server
    url, stop = start_local_server(folder / SERVER_DB)
    try:
        ready = (folder / READY_MARK).exists()
        # No keyring: the replica's key comes from the password, which the demo knows.
        session = (resume(folder, backend=backend, server_url=url, password=DEMO_PASSWORD)
                   if ready else None)
        if session is None:
            if not ready:
                for old in folder.glob(f"{REPLICA}*"):
                    old.unlink()  # a first start that was interrupted: begin again
            session = sign_in(url, DEMO_USERNAME, DEMO_PASSWORD, folder=folder,
                              backend=backend)
            if not ready:
                try:
                    _first_start(session, folder, url, say)
                except BaseException:
                    session.close()
                    raise
    except BaseException:
        stop()
        raise
    return session, url, stop
