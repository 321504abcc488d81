"""Outbox numbering (migration 0004): ``client_seq`` never restarts, so the number a change
travels with is its local number, across an emptied outbox and across the upgrade itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from sqlalchemy import select, text

from app.db import Database
from app.migrate import alembic_config, current_revision, head_revision, upgrade
from app.models import Customer, OutboxEntry
from tests.sync.helpers import (
    Replica,
    Server,
    add_customer,
    edit,
    ids,
    make_replica,
    outbox_size,
)

Factory = Callable[..., Replica]


def _outbox_seqs(db: Database) -> list[int]:
    with db.reader() as s:
        return list(s.scalars(select(OutboxEntry.client_seq).order_by(OutboxEntry.client_seq)))


def test_numbering_continues_after_the_outbox_empties(server: Server,
                                                      replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    cids = [add_customer(a.db, name=f"客户{i}") for i in range(3)]
    assert _outbox_seqs(a.db) == [1, 2, 3]
    a.sync()
    assert outbox_size(a.db) == 0
    edit(a.db, Customer, cids[0], notes="after the outbox emptied")
    assert _outbox_seqs(a.db) == [4]  # not 1 again
    report = a.sync()
    assert report.acked_client_seq == 4
    assert outbox_size(a.db) == 0
    b = replica_factory("alice")
    b.sync()
    with b.db.reader() as s:
        row = s.get(Customer, cids[0])
        assert row is not None
        assert row.notes == "after the outbox emptied"


def test_upgrade_renumbers_pending_rows_to_their_wire_numbers(server: Server,
                                                             tmp_path: Path) -> None:
    """A replica from before 0004 that had pushed 40 changes (offset 40) with 2 pending."""
    server.user("alice")
    path = tmp_path / "old.db"
    db = Database(path)
    upgrade(db.engine, path, "0003")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO sync_meta (key, value) VALUES "
                          "('client_seq_offset', '40'), ('acked_client_seq', '40')"))
        for n in (1, 2):
            conn.execute(text(
                "INSERT INTO outbox (client_seq, change_id, entity, entity_id, op, fields, "
                "base_seq, hlc, created_at) VALUES (:n, :c, 'customers', :e, 'update', '{}', "
                "0, '1-0-x', '2026-01-01 00:00:00')"), {"n": n, "c": f"ch{n}", "e": f"c{n}"})
    assert upgrade(db.engine, path) is True
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        assert [r[0] for r in conn.execute(text(
            "SELECT client_seq FROM outbox ORDER BY client_seq"))] == [41, 42]
        assert conn.scalar(text(
            "SELECT count(*) FROM sync_meta WHERE key = 'client_seq_offset'")) == 0
        conn.execute(text("DELETE FROM outbox"))
        conn.execute(text(
            "INSERT INTO outbox (change_id, entity, entity_id, op, fields, base_seq, hlc, "
            "created_at) VALUES ('ch3', 'customers', 'c3', 'update', '{}', 0, '1-0-x', "
            "'2026-01-01 00:00:00')"))
        assert conn.scalar(text("SELECT client_seq FROM outbox")) == 43  # never reused
        conn.rollback()
    db.dispose()


def test_upgrade_of_an_empty_outbox_starts_above_the_acknowledged_seq(
        server: Server, tmp_path: Path) -> None:
    """End to end: the server has acknowledged 5 changes of this client; after the upgrade
    the next local change is number 6 and the server takes it without a gap."""
    server.user("alice")
    path = tmp_path / "r.db"
    rep = make_replica(path, server.transport, "alice")
    cids = [add_customer(rep.db, name=f"客户{i}") for i in range(5)]
    rep.sync()
    rep.db.dispose()
    # Roll the replica's schema back to 0003 the way an old install had it: an empty outbox
    # restarted at 1, with the offset remembering the 5 acknowledged changes.
    db = Database(path)
    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
        assert "AUTOINCREMENT" not in conn.scalar(text(
            "SELECT sql FROM sqlite_master WHERE name = 'outbox'"))
        conn.execute(text("DELETE FROM sqlite_sequence WHERE name = 'outbox'"))  # never had one
        conn.execute(text("INSERT INTO sync_meta (key, value) VALUES "
                          "('client_seq_offset', '5')"))
    db.dispose()
    rep = make_replica(path, server.transport, "alice")  # opens at head again
    edit(rep.db, Customer, cids[0], notes="after the upgrade")
    assert _outbox_seqs(rep.db) == [6]
    assert rep.sync().acked_client_seq == 6
    assert outbox_size(rep.db) == 0
    assert set(cids) <= ids(rep.db, Customer)
    rep.db.dispose()
