"""The process that gets killed: opens the replica through the real code and writes through the
real services, reporting each change on stdout only after its transaction committed.

``python -m tests.crash.child MODE REPLICA`` (the key comes hex-encoded in
``FIELDSALES_CRASH_KEY``, empty for a plain replica; ``import`` reads the sheet named in
``FIELDSALES_CRASH_FILE``, ``scan`` drops the card images of ``FIELDSALES_CRASH_CARDS``).
Every line ``ACK <json>`` is a promise: the change is durable. The parent SIGKILLs this
process at a random moment and then checks that every promise was kept.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
from pathlib import Path
from typing import Any

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


def _ready() -> None:
    sys.stdout.write("READY\n")
    sys.stdout.flush()


def import_sheet(ctx: ServiceContext, rng: random.Random) -> None:
    """Two typed customers, then the wizard's steps on the sheet: read, map (the wizard's
    guess), prepare, commit. The parent's kill timer starts when the first rows are written
    inside the import's transaction."""
    from app.exchange.fields import guess_mapping
    from app.exchange.importer import ImportOptions, commit, prepare
    from app.exchange.reader import read_table

    customers = CustomerService(ctx)
    for _ in range(2):
        name = f"苏州{rng.randrange(10**9):09d}电子有限公司"
        view = customers.create(CustomerInput(full_name=name, industry="software",
                                              region="east_china"), allow_duplicate=True)
        _ack(kind="customer", id=view.id, full_name=name)
    path = Path(os.environ["FIELDSALES_CRASH_FILE"])
    table = read_table(path)
    options = ImportOptions(entity="customers", mapping=guess_mapping(table.headers, "customers"))
    plan = prepare(ctx, table, options)
    writing = False

    def on_progress(phase: str, _done: int, _total: int) -> None:
        nonlocal writing
        if phase == "writing" and not writing:  # inside the transaction: start the kill timer
            writing = True
            _ready()

    result = commit(ctx, plan, options, on_progress)
    if not result.committed or result.created != len(table.rows):
        raise SystemExit(f"the sheet did not import cleanly: {result}")
    _ack(kind="import", marker=path.stem, rows=result.created)


def card_draft(source_name: str) -> dict[str, Any]:
    """What the review step hands over for a card: fixed per card, so the parent can tell
    which contact came from which card (``title`` is the card's file stem)."""
    stem = Path(source_name).stem
    return {"name": "陈志明", "title": stem, "company": f"卡片{stem}贸易有限公司",
            "emails": [f"{stem}@crash.example.com"]}


def scan(ctx: ServiceContext, rng: random.Random) -> None:
    """A batch through the persistent queue and the card save path, as ui/widgets/scan.py
    wires them: drop every image, store a recognised result per card (instead of OCR), then
    save each card with the review step's suggested decision and remove it from the queue."""
    from app.attachments import AttachmentStore
    from app.card_queue import CardQueue
    from app.services.cards import CardDraft, CardService

    profile = ctx.db.path.parent
    queue = CardQueue(profile / "card-queue")
    cards = CardService(ctx, profile / "cards", AttachmentStore(profile, ctx.db.key))
    for image in sorted(Path(os.environ["FIELDSALES_CRASH_CARDS"]).iterdir()):
        entry = queue.add(image)
        _ack(kind="card_queued", source=entry.source_name)
    for entry in queue.pending():
        queue.set_result(entry.id, card_draft(entry.source_name))
    for entry in queue.reviewable():
        draft = CardDraft(**entry.fields)
        view = cards.save(draft, cards.matches(draft).suggestion(), queue.image_path(entry))
        if os.environ.get("FIELDSALES_CRASH_KILL_AFTER_SAVE"):
            # The narrowest window: the contact is committed, the card not yet out of the
            # queue. A timer rarely lands here, so this cycle kills itself right there.
            os.kill(os.getpid(), signal.SIGKILL)
        queue.remove(entry.id)
        _ack(kind="card_saved", source=entry.source_name, contact=view.id)


def main() -> None:
    mode, path = sys.argv[1], Path(sys.argv[2])
    rng = random.Random(int.from_bytes(os.urandom(8), "big"))
    if mode not in ("pull", "import"):  # these say READY when the part to kill starts
        _ready()
    db = open_replica(path, key=_key())  # "migrate" mode is killed in here
    _ack(kind="opened")
    ctx = ServiceContext(db=db, user_id=USER)
    if mode == "writes":
        writes(ctx, rng)
    elif mode == "bulk":
        bulk(ctx, rng)
    elif mode == "pull":
        pull(ctx, rng)
    elif mode == "import":
        import_sheet(ctx, rng)
    elif mode == "scan":
        scan(ctx, rng)
    db.dispose()


if __name__ == "__main__":
    main()
