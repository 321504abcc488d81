"""The process that gets killed: opens the replica through the real code and writes through the
real services, reporting each change on stdout only after its transaction committed.

``python -m tests.crash.child MODE REPLICA`` (the key comes hex-encoded in
``FIELDSALES_CRASH_KEY``, empty for a plain replica). Every line ``ACK <json>`` is a promise:
the change is durable. The parent SIGKILLs this process at a random moment and then checks that
every promise was kept.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

from app import outbox
from app.models import Customer
from app.replica import open_replica
from app.services.contacts import ContactInput, ContactService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService

USER = "01900000-0000-7000-8000-000000000101"


def _ack(**fields: object) -> None:
    sys.stdout.write("ACK " + json.dumps(fields, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _key() -> bytes | None:
    text = os.environ.get("FIELDSALES_CRASH_KEY", "")
    return bytes.fromhex(text) if text else None


def writes(ctx: ServiceContext, rng: random.Random) -> None:
    """One change per transaction: new customers, contacts and edits, as a rep types them."""
    customers, contacts = CustomerService(ctx), ContactService(ctx)
    ids: list[str] = []
    while True:
        action = rng.random()
        if action < 0.5 or not ids:
            name = f"杭州{rng.randrange(10**9):09d}科技有限公司"
            view = customers.create(CustomerInput(full_name=name, industry="software",
                                                  region="east_china"), allow_duplicate=True)
            ids.append(view.id)
            _ack(kind="customer", id=view.id, full_name=name)
        elif action < 0.75:
            cid = rng.choice(ids)
            note = f"拜访记录 {rng.randrange(10**9)}"
            customers.update(cid, {"notes": note})
            _ack(kind="customer_notes", id=cid, notes=note)
        else:
            contact = contacts.create(ContactInput(customer_id=rng.choice(ids),
                                                   name=f"王{rng.randrange(1000)}"),
                                      allow_duplicate=True)
            _ack(kind="contact", id=contact.id, name=contact.name)


def bulk(ctx: ServiceContext, rng: random.Random) -> None:
    """Batches of 200 customers in one transaction each (an import): all or nothing."""
    db = ctx.db
    while True:
        batch = f"B{rng.randrange(10**9)}"
        with db.transaction() as s:
            for n in range(200):
                name = f"{batch}-{n} 贸易有限公司"
                outbox.insert(db, s, Customer(full_name=name, name_core=name,
                                              industry="retail", region="east_china",
                                              source="import", level="normal"))
        _ack(kind="batch", batch=batch, rows=200)


def pull(ctx: ServiceContext, rng: random.Random) -> None:
    """Log in to the server in ``FIELDSALES_CRASH_SERVER``, make two local changes, then sync
    (push, then pull in small pages): the kill lands mid-pull most of the time."""
    from sync.client.engine import SyncEngine
    from sync.transport import RequestsTransport

    url = os.environ["FIELDSALES_CRASH_SERVER"]
    started = False

    def on_progress(phase: str, _done: int, _total: int) -> None:
        nonlocal started
        if phase == "pull" and not started:  # the parent's kill timer starts here
            started = True
            sys.stdout.write("READY\n")
            sys.stdout.flush()

    engine = SyncEngine(ctx.db, RequestsTransport(url), retries=1, backoff_s=0.01,
                        page_limit=int(os.environ.get("FIELDSALES_CRASH_PAGE", "50")),
                        on_progress=on_progress)
    engine.login(url, os.environ["FIELDSALES_CRASH_USER"], os.environ["FIELDSALES_CRASH_PASSWORD"])
    customers = CustomerService(ctx)
    for _ in range(2):
        name = f"温州{rng.randrange(10**9):09d}鞋业有限公司"
        view = customers.create(CustomerInput(full_name=name, industry="retail",
                                              region="east_china"), allow_duplicate=True)
        _ack(kind="customer", id=view.id, full_name=name)
    engine.sync()
    _ack(kind="synced")


def main() -> None:
    mode, path = sys.argv[1], Path(sys.argv[2])
    rng = random.Random(int.from_bytes(os.urandom(8), "big"))
    if mode != "pull":  # a pull says READY when its first page arrives
        sys.stdout.write("READY\n")
        sys.stdout.flush()
    db = open_replica(path, key=_key())  # "migrate" mode is killed in here
    _ack(kind="opened")
    ctx = ServiceContext(db=db, user_id=USER)
    if mode == "writes":
        writes(ctx, rng)
    elif mode == "bulk":
        bulk(ctx, rng)
    elif mode == "pull":
        pull(ctx, rng)
    db.dispose()


if __name__ == "__main__":
    main()
