"""The merge rules end to end: replicas on real SQLite files, the server called in-process."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.models import Contact, Customer, Product, StageChange
from sync.client.engine import SyncReport
from sync.client.errors import UpgradeRequiredError, WipedError
from sync.protocol import dumps
from sync.server import admin
from tests.sync.helpers import (
    Replica,
    Server,
    add_contact,
    add_customer,
    conflicts,
    edit,
    get,
    ids,
    outbox_size,
    remove,
    restore,
)

Factory = Callable[..., Replica]


def _shared_customer(server: Server, make: Factory) -> tuple[Replica, Replica, str]:
    """Two replicas of one manager's team, both seeing the same customer."""
    server.user("alice")
    server.user("mgr", role="manager")
    a = make("alice")
    m = make("mgr")
    cid = add_customer(a.db)
    a.sync()
    m.sync()
    assert get(m.db, Customer, cid) is not None
    return a, m, cid


def test_insert_roundtrip_and_initial_sync(server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    cid = add_customer(a.db, notes="备注")
    contact = add_contact(a.db, cid)
    report = a.sync()
    assert report.pushed == 2
    assert outbox_size(a.db) == 0
    assert report.checksums_ok
    fresh = replica_factory("alice")
    fresh.sync()
    assert get(fresh.db, Customer, cid).notes == "备注"
    assert get(fresh.db, Contact, contact).customer_id == cid
    assert get(fresh.db, Customer, cid).server_seq == get(a.db, Customer, cid).server_seq


def test_disjoint_fields_merge_without_conflict(server: Server,
                                                replica_factory: Factory) -> None:
    a, m, cid = _shared_customer(server, replica_factory)
    edit(a.db, Customer, cid, notes="alice notes")
    edit(m.db, Customer, cid, website="https://example.cn")
    a.sync()
    m.sync()
    a.sync()
    for rep in (a, m):
        row = get(rep.db, Customer, cid)
        assert (row.notes, row.website) == ("alice notes", "https://example.cn")
        assert conflicts(rep.db) == []


def test_same_field_gives_exactly_one_conflict_for_the_loser(
        server: Server, replica_factory: Factory) -> None:
    a, m, cid = _shared_customer(server, replica_factory)
    edit(a.db, Customer, cid, notes="first")
    edit(m.db, Customer, cid, notes="second")  # later HLC: wins
    a.sync()
    m.sync()
    a.sync()
    assert get(a.db, Customer, cid).notes == get(m.db, Customer, cid).notes == "second"
    found = conflicts(a.db)
    assert len(found) == 1
    c = found[0]
    assert (c.kind, c.field, c.kept_value, c.other_value) == ("field", "notes", "second",
                                                              "first")
    assert c.other_user_id == get(a.db, Customer, cid).owner_id  # alice lost
    assert len(conflicts(m.db)) == 1  # the manager sees it too (customer in team scope)


def test_equal_concurrent_values_are_not_a_conflict(server: Server,
                                                    replica_factory: Factory) -> None:
    a, m, cid = _shared_customer(server, replica_factory)
    edit(a.db, Customer, cid, notes="same")
    edit(m.db, Customer, cid, notes="same")
    a.sync()
    m.sync()
    assert conflicts(m.db) == []


def test_own_successive_edits_never_conflict(server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    cid = add_customer(a.db)
    a.sync()
    edit(a.db, Customer, cid, notes="one")
    a.engine._push(SyncReport(), None)  # pushed, not pulled
    edit(a.db, Customer, cid, notes="two")  # base_seq still the old one: not yet pulled
    a.sync()
    assert get(a.db, Customer, cid).notes == "two"
    assert conflicts(a.db) == []


def test_delete_wins_and_edit_is_kept_in_a_conflict(server: Server,
                                                    replica_factory: Factory) -> None:
    a, m, cid = _shared_customer(server, replica_factory)
    edit(a.db, Customer, cid, notes="edited offline")
    remove(m.db, Customer, cid)
    m.sync()
    a.sync()
    m.sync()
    row = get(a.db, Customer, cid)
    assert row.deleted_at is not None
    [c] = [c for c in conflicts(a.db) if c.kind == "edit_after_delete"]
    assert c.other_value == {"notes": "edited offline"}
    # No resurrection: a replayed old push changes nothing.
    a.sync()
    assert get(a.db, Customer, cid).deleted_at is not None
    # Restore is the only way back.
    restore(a.db, Customer, cid)
    a.sync()
    m.sync()
    assert get(m.db, Customer, cid).deleted_at is None


def test_reassign_while_offline(server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    server.user("bob")
    a = replica_factory("alice")
    b = replica_factory("bob")
    cid = add_customer(a.db)
    contact = add_contact(a.db, cid)
    a.sync()
    edit(a.db, Customer, cid, notes="offline edit")  # alice is offline
    admin.assign(server.store, cid, "bob")
    b.sync()
    assert get(b.db, Contact, contact) is not None  # whole subtree in one sync
    report = a.sync()
    assert report.scope_exits == 1
    assert cid not in ids(a.db, Customer)
    assert contact not in ids(a.db, Contact)
    [c] = conflicts(a.db)
    assert c.kind == "edit_after_reassign"
    assert c.other_value["notes"] == "offline edit"
    b.sync()
    assert get(b.db, Customer, cid).notes is None  # never applied
    assert outbox_size(a.db) == 0


def test_rep_sees_only_assigned_customers(server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    server.user("bob", team="west")
    a = replica_factory("alice")
    b = replica_factory("bob")
    cid = add_customer(a.db)
    a.sync()
    b.sync()
    assert ids(b.db, Customer) == set()
    # bob forges a change to alice's customer: rejected, never applied
    with b.db.transaction() as s:
        from app import outbox

        row = Customer(id=cid, full_name="hijack", name_core="hijack", industry="other",
                       region="other", source="manual", level="normal")
        outbox.insert(b.db, s, row)
    b.sync()
    a.sync()
    assert get(a.db, Customer, cid).full_name != "hijack"
    assert [c.kind for c in conflicts(b.db)] == ["rejected"]


def test_rep_cannot_write_the_catalog(server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    from decimal import Decimal

    from app import outbox

    with a.db.transaction() as s:
        outbox.insert(a.db, s, Product(sku="X", name="x", list_price=Decimal("1")))
    a.sync()
    assert [(c.kind, c.reason) for c in conflicts(a.db)] == [("rejected", "read_only")]


def test_invalid_enum_is_rejected(server: Server, replica_factory: Factory) -> None:
    a, _m, cid = _shared_customer(server, replica_factory)
    edit(a.db, Customer, cid, industry="not-an-industry")
    a.sync()
    assert get(a.db, Customer, cid).industry == "electronics"  # reverted to server state
    [c] = conflicts(a.db)
    assert (c.kind, c.field) == ("rejected", "industry")


def test_append_only_union(server: Server, replica_factory: Factory) -> None:
    import datetime as dt

    from app import outbox
    from app.models import Opportunity

    a, m, cid = _shared_customer(server, replica_factory)
    with a.db.transaction() as s:
        opp = Opportunity(customer_id=cid, name="Deal")
        outbox.insert(a.db, s, opp)
        opp_id = opp.id
    a.sync()
    m.sync()
    for rep, stage in ((a, "qualified"), (m, "proposal")):
        with rep.db.transaction() as s:
            outbox.insert(rep.db, s, StageChange(
                opportunity_id=opp_id, customer_id=cid, to_stage=stage,
                changed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    a.sync()
    m.sync()
    a.sync()
    assert len(ids(a.db, StageChange)) == len(ids(m.db, StageChange)) == 2
    assert conflicts(a.db) == []


def test_duplicate_delivery_is_applied_once(server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    cid = add_customer(a.db)
    with a.db.reader() as s:
        from sqlalchemy import select

        from app.models import OutboxEntry

        entry = s.scalars(select(OutboxEntry)).one()
        change = {"client_seq": entry.client_seq, "change_id": entry.change_id,
                  "entity": entry.entity, "id": entry.entity_id, "op": entry.op,
                  "base_seq": 0, "hlc": entry.hlc, "fields": entry.fields}
    a.sync()
    body = dumps({"client_id": a.db.client_id, "changes": [change]})
    headers = {"Authorization": f"Bearer {a.engine.token}", "X-Sync-Protocol": "1"}
    with server.store.read() as conn:
        seq_before = server.store.current_seq(conn)
    for _ in range(3):
        resp = server.transport.request("POST", "/sync/v1/push", body=body, headers=headers)
        assert resp.status == 200
    with server.store.read() as conn:
        assert server.store.current_seq(conn) == seq_before
    assert get(a.db, Customer, cid) is not None


def test_gap_is_409(server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    a.sync()
    change = {"client_seq": 5, "change_id": "x", "entity": "customers", "id": "c",
              "op": "update", "base_seq": 0, "hlc": "1-0-x", "fields": {}}
    resp = server.transport.request(
        "POST", "/sync/v1/push",
        body=dumps({"client_id": a.db.client_id, "epoch": server.store.epoch(),
                    "changes": [change]}),
        headers={"Authorization": f"Bearer {a.engine.token}", "X-Sync-Protocol": "1"})
    assert resp.status == 409
    assert b'"gap"' in resp.body


def test_old_protocol_gets_426_and_nothing_applies(server: Server,
                                                   replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    add_customer(a.db)
    a.engine.protocol = 0
    with pytest.raises(UpgradeRequiredError, match="update"):
        a.sync()
    assert outbox_size(a.db) == 1
    with server.store.read() as conn:
        assert server.store.current_seq(conn) == 1  # only the user add


def test_revoked_token_wipes_the_replica(server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    add_customer(a.db)
    a.sync()
    cards = a.db.path.parent / "cards"
    cards.mkdir()
    (cards / "card.png").write_bytes(b"x")
    backup = a.db.path.with_name(a.db.path.name + ".bak-0003")  # a pre-migration backup
    backup.write_bytes(b"customer data")
    admin.revoke_user(server.store, "alice")
    with pytest.raises(WipedError):
        a.sync()
    assert not a.db.path.exists()
    assert not cards.exists()
    assert not backup.exists()


def test_resnapshot_after_epoch_change_loses_no_outbox_entry(
        server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    cid = add_customer(a.db)
    a.sync()
    admin.set_tombstone_horizon(server.store)  # this replica is now "offline for a year"
    edit(a.db, Customer, cid, notes="written offline")
    add_customer(a.db, name="新客户")
    with server.store.write() as conn:  # bump the horizon past the replica's cursor
        server.store.next_seq(conn)
    admin.set_tombstone_horizon(server.store)
    # The push is accepted first, then the pull answers 410 and the replica re-snapshots.
    assert a.sync().resnapshot
    a.sync()
    fresh = replica_factory("alice")
    fresh.sync()
    assert get(fresh.db, Customer, cid).notes == "written offline"
    assert len(ids(fresh.db, Customer)) == 2
    assert outbox_size(a.db) == 0


def test_epoch_change_forces_resnapshot(server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    cid = add_customer(a.db)
    a.sync()
    admin.new_epoch(server.store)
    edit(a.db, Customer, cid, notes="kept")
    report = a.sync()
    assert report.resnapshot
    assert get(a.db, Customer, cid).notes == "kept"
    assert outbox_size(a.db) == 0
    assert a.sync().checksums_ok in (None, True)


def test_checksum_mismatch_resnapshots_that_table(server: Server,
                                                  replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    cid = add_customer(a.db)
    add_contact(a.db, cid)
    a.sync()
    with a.db.transaction() as s:  # corrupt the replica behind the engine's back
        s.connection().exec_driver_sql("DELETE FROM contacts")
    report = a.sync(verify=True)
    assert report.resnapshot_tables == ["contacts"]
    assert len(ids(a.db, Contact)) == 1


def test_clock_skew_is_clamped_and_causality_holds(server: Server,
                                                   replica_factory: Factory) -> None:
    import datetime as dt

    from app.clock import FakeClock

    now = dt.datetime.now(dt.UTC)
    fast = FakeClock(now + dt.timedelta(hours=12))
    slow = FakeClock(now - dt.timedelta(hours=12))
    server.user("alice")
    server.user("mgr", role="manager")
    a = replica_factory("alice", clock=fast)
    m = replica_factory("mgr", clock=slow)
    cid = add_customer(a.db)
    a.sync()
    m.sync()
    edit(a.db, Customer, cid, notes="fast clock")
    a.sync()
    m.sync()  # m has now seen a's edit; its next edit is causally later
    edit(m.db, Customer, cid, notes="slow clock, later")
    report = m.sync()
    assert report.clock_skew_ms < -11 * 3600 * 1000
    a.sync()
    assert get(a.db, Customer, cid).notes == "slow clock, later"
    assert conflicts(a.db) == []


def test_possible_duplicate_keeps_both_and_links_them(server: Server,
                                                      replica_factory: Factory) -> None:
    server.user("alice")
    server.user("bob")
    a = replica_factory("alice")
    b = replica_factory("bob")
    from app.validation import make_uscc

    uscc = make_uscc("91440300MA5DC7XK1")
    first = add_customer(a.db, uscc=uscc)
    second = add_customer(b.db, uscc=uscc)
    a.sync()
    b.sync()
    assert get(b.db, Customer, second) is not None
    [c] = conflicts(b.db)
    assert (c.kind, c.field) == ("duplicate", "uscc")
    assert (c.kept_value, c.other_value) == ({"id": first}, {"id": second})
    a.sync()
    assert conflicts(a.db) == []  # the link is shown to the rep who created the second one


def test_phone_is_normalised_or_rejected(server: Server, replica_factory: Factory) -> None:
    a, _m, cid = _shared_customer(server, replica_factory)
    edit(a.db, Customer, cid, phone="0755-86001234")
    a.sync()
    assert get(a.db, Customer, cid).phone == "+8675586001234"
    edit(a.db, Customer, cid, phone="12345")
    a.sync()
    assert get(a.db, Customer, cid).phone == "+8675586001234"
    assert [(c.kind, c.field) for c in conflicts(a.db)] == [("rejected", "phone")]
