"""Push, pull and merge against a real PostgreSQL server database."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.models import Contact, Customer
from sync.server import admin
from tests.sync.helpers import (
    Server,
    add_contact,
    add_customer,
    conflicts,
    edit,
    get,
    ids,
    make_replica,
    outbox_size,
    remove,
)

pytestmark = pytest.mark.postgres



def test_push_pull_merge_on_postgres(pg: Server, tmp_path: Path) -> None:
    pg.user("alice")
    pg.user("mgr", role="manager")
    a = make_replica(tmp_path / "a.db", pg.transport, "alice")
    m = make_replica(tmp_path / "m.db", pg.transport, "mgr")
    cids = [add_customer(a.db, name=f"客户{i}") for i in range(40)]
    for cid in cids[:20]:
        add_contact(a.db, cid)
    a.sync()
    report = m.sync()
    assert report.pages > 1
    assert report.checksums_ok
    assert ids(m.db, Customer) == set(cids)
    edit(a.db, Customer, cids[0], notes="a")
    edit(m.db, Customer, cids[0], notes="m")
    edit(m.db, Customer, cids[1], website="https://m.example")
    remove(m.db, Customer, cids[2])
    edit(a.db, Customer, cids[2], notes="edited while deleted")
    a.sync()
    m.sync()
    a.sync()
    assert get(a.db, Customer, cids[0]).notes == get(m.db, Customer, cids[0]).notes == "m"
    kinds = sorted(c.kind for c in conflicts(a.db))
    assert kinds == ["edit_after_delete", "field"]
    assert get(a.db, Customer, cids[1]).website == "https://m.example"
    assert get(a.db, Customer, cids[2]).deleted_at is not None
    pg.user("bob")
    admin.assign(pg.store, cids[3], "bob")
    b = make_replica(tmp_path / "b.db", pg.transport, "bob")
    b.sync()
    assert ids(b.db, Customer) == {cids[3]}
    assert a.sync().scope_exits == 1
    assert cids[3] not in ids(a.db, Customer)
    assert len(ids(a.db, Contact)) == 19


def test_concurrent_pushes_serialize_on_postgres(pg: Server, tmp_path: Path) -> None:
    names = [f"rep{i}" for i in range(8)]
    for name in names:
        pg.user(name)
    replicas = [make_replica(tmp_path / f"{n}.db", pg.transport, n) for n in names]
    for rep in replicas:
        for i in range(20):
            add_customer(rep.db, name=f"{rep.engine.token}-{i}")
    errors: list[BaseException] = []

    def run(rep: object) -> None:
        try:
            rep.sync()  # type: ignore[attr-defined]
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(r,)) for r in replicas]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for rep in replicas:
        rep.sync()
        assert outbox_size(rep.db) == 0
        assert len(ids(rep.db, Customer)) == 20
    with pg.store.read() as conn:
        assert pg.store.current_seq(conn) == len(names) * 2  # one per user add, one per push
