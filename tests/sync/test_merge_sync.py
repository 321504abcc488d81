"""A duplicate merge across laptops: the server re-points late children and keeps late edits.

A manager merges customer X into Y (or contact c1 into c2) on one laptop while the rep's
laptop, offline, still adds under X and edits X. After both sync, every replica shows only the
survivor, everything under it, and the rep's edit as one ``edit_after_merge`` conflict.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from app.models import Activity, Contact, Customer, OutboxEntry
from app.services.context import ServiceContext
from app.services.dedupe import DedupeService
from sync.protocol import dumps
from tests.sync.helpers import (
    Replica,
    Server,
    add_contact,
    add_customer,
    conflicts,
    edit,
    get,
    outbox_size,
    restore,
)

Factory = Callable[..., Replica]


def _team(server: Server, make: Factory) -> tuple[Replica, Replica, str, str]:
    """The rep's laptop and the manager's, both holding two customers of the rep."""
    rep_id = server.user("alice")
    mgr_id = server.user("mgr", role="manager")
    rep, mgr = make("alice"), make("mgr")
    add_customer(rep.db, "深圳市华强科技有限公司")
    add_customer(rep.db, "华强科技(深圳)有限公司")
    rep.sync()
    mgr.sync()
    return rep, mgr, rep_id, mgr_id


def _customer_ids(db: Any) -> list[str]:
    with db.reader() as s:
        return list(s.scalars(select(Customer.id).order_by(Customer.full_name)))


def _live(db: Any, model: type[Any]) -> set[str]:
    with db.reader() as s:
        return set(s.scalars(select(model.id).where(model.deleted_at.is_(None))))


def _merge_customers(replica: Replica, user_id: str, survivor: str, victim: str) -> None:
    DedupeService(ServiceContext(replica.db, user_id=user_id)).merge_customers(
        survivor, [victim])


def _pending_changes(db: Any) -> list[dict[str, Any]]:
    """The outbox as the engine sends it (to re-deliver an old push by hand)."""
    with db.reader() as s:
        return [{"client_seq": e.client_seq, "change_id": e.change_id, "entity": e.entity,
                 "id": e.entity_id, "op": e.op, "base_seq": e.base_seq, "hlc": e.hlc,
                 "fields": e.fields} for e in s.scalars(select(OutboxEntry)
                                                        .order_by(OutboxEntry.client_seq))]


def _assert_merged(replicas: list[Replica], survivor: str, victim: str,
                   children: set[str]) -> None:
    for r in replicas:
        assert survivor in _live(r.db, Customer)
        assert victim not in _live(r.db, Customer)
        assert get(r.db, Customer, victim).merged_into == survivor
        for child in children:
            assert get(r.db, Contact, child).customer_id == survivor
            assert get(r.db, Contact, child).deleted_at is None
        assert outbox_size(r.db) == 0


def test_offline_child_and_edit_of_a_merged_customer_go_to_the_survivor(
        server: Server, replica_factory: Factory) -> None:
    rep, mgr, rep_id, mgr_id = _team(server, replica_factory)
    y, x = _customer_ids(mgr.db)
    known = add_contact(rep.db, x, "韩梅梅")  # synced before the merge: the merge moves it
    rep.sync()
    mgr.sync()
    _merge_customers(mgr, mgr_id, y, x)
    late = add_contact(rep.db, x, "李雷")  # the rep, offline, still works on X
    edit(rep.db, Customer, x, notes="B's note")
    mgr.sync()
    rep.sync()
    mgr.sync()
    _assert_merged([rep, mgr], y, x, {known, late})
    for r in (rep, mgr):
        [c] = conflicts(r.db)
        assert (c.kind, c.entity, c.entity_id, c.field) == ("edit_after_merge", "customers",
                                                            y, "notes")
        assert (c.kept_value, c.other_value, c.other_user_id) == (None, "B's note", rep_id)
        assert c.customer_id == y
    assert get(rep.db, Customer, y).notes is None  # kept for a person, not applied silently


def test_children_synced_before_the_merge_arrives_are_moved_by_the_server(
        server: Server, replica_factory: Factory) -> None:
    rep, mgr, rep_id, mgr_id = _team(server, replica_factory)
    y, x = _customer_ids(mgr.db)
    _merge_customers(mgr, mgr_id, y, x)
    late = add_contact(rep.db, x, "李雷")
    edit(rep.db, Customer, x, notes="B's note")
    rep.sync()  # the rep's changes reach the server first: X is still alive there
    mgr.sync()  # the merge does not know the new contact: the server re-points it
    rep.sync()
    _assert_merged([rep, mgr], y, x, {late})
    [c] = conflicts(rep.db)
    assert (c.kind, c.entity_id, c.field, c.other_value, c.other_user_id) == (
        "edit_after_merge", y, "notes", "B's note", rep_id)


def test_merged_contact_takes_late_activities_and_edits(server: Server,
                                                        replica_factory: Factory) -> None:
    rep, mgr, rep_id, mgr_id = _team(server, replica_factory)
    y, _x = _customer_ids(mgr.db)
    keep = add_contact(rep.db, y, "张伟")
    gone = add_contact(rep.db, y, "张 伟")
    rep.sync()
    mgr.sync()
    DedupeService(ServiceContext(mgr.db, user_id=mgr_id)).merge_contacts(keep, [gone])
    with rep.db.transaction() as s:  # offline: a call logged against the merged-away contact
        from app import outbox
        act = outbox.insert(rep.db, s, Activity(customer_id=y, contact_id=gone, kind="call",
                                                subject="called", owner_id=rep_id))
        act_id = act.id
    edit(rep.db, Contact, gone, title="采购经理")
    mgr.sync()
    rep.sync()
    mgr.sync()
    for r in (rep, mgr):
        assert get(r.db, Activity, act_id).contact_id == keep
        assert get(r.db, Contact, gone).deleted_at is not None
        assert get(r.db, Contact, gone).merged_into == keep
        [c] = conflicts(r.db)
        assert (c.kind, c.entity, c.entity_id, c.field, c.other_value) == (
            "edit_after_merge", "contacts", keep, "title", "采购经理")


def test_chains_are_followed_to_the_last_survivor(server: Server,
                                                  replica_factory: Factory) -> None:
    rep, mgr, _rep_id, mgr_id = _team(server, replica_factory)
    y, x = _customer_ids(mgr.db)
    z = add_customer(mgr.db, "华强科技集团")
    _merge_customers(mgr, mgr_id, y, x)
    _merge_customers(mgr, mgr_id, z, y)  # X → Y → Z
    late = add_contact(rep.db, x, "李雷")
    mgr.sync()
    rep.sync()
    mgr.sync()
    for r in (rep, mgr):
        assert _live(r.db, Customer) == {z}
        assert get(r.db, Contact, late).customer_id == z


def test_redelivered_old_push_changes_nothing(server: Server,
                                              replica_factory: Factory) -> None:
    rep, mgr, _rep_id, mgr_id = _team(server, replica_factory)
    y, x = _customer_ids(mgr.db)
    _merge_customers(mgr, mgr_id, y, x)
    late = add_contact(rep.db, x, "李雷")
    edit(rep.db, Customer, x, notes="B's note")
    mgr.sync()
    old_push = _pending_changes(rep.db)
    rep.sync()
    with server.store.read() as conn:
        seq_before = server.store.current_seq(conn)
    body = dumps({"client_id": rep.db.client_id, "changes": old_push})
    headers = {"Authorization": f"Bearer {rep.engine.token}", "X-Sync-Protocol": "1"}
    for _ in range(2):
        assert server.transport.request("POST", "/sync/v1/push", body=body,
                                        headers=headers).status == 200
    with server.store.read() as conn:
        assert server.store.current_seq(conn) == seq_before
    rep.sync()
    mgr.sync()
    _assert_merged([rep, mgr], y, x, {late})
    assert len(conflicts(rep.db)) == len(conflicts(mgr.db)) == 1


def test_a_merge_split_over_many_pushes_never_shows_both(server: Server,
                                                         replica_factory: Factory) -> None:
    """The engine may cut a merge between two pushes (500 changes each): at every cut, a
    puller sees the victim gone and no live child under it."""
    rep, mgr, _rep_id, mgr_id = _team(server, replica_factory)
    y, x = _customer_ids(mgr.db)
    children = {add_contact(rep.db, x, f"联系人{i}") for i in range(3)}
    rep.sync()
    mgr.sync()
    _merge_customers(mgr, mgr_id, y, x)
    changes = _pending_changes(mgr.db)
    assert len(changes) > 4
    watcher = replica_factory("alice")
    headers = {"Authorization": f"Bearer {mgr.engine.token}", "X-Sync-Protocol": "1"}
    for change in changes:  # the worst case: every change its own push
        body = dumps({"client_id": mgr.db.client_id, "changes": [change]})
        assert server.transport.request("POST", "/sync/v1/push", body=body,
                                        headers=headers).status == 200
        watcher.sync()
        live = _live(watcher.db, Customer)
        assert x not in live
        assert y in live
        with watcher.db.reader() as s:
            parents = set(s.scalars(select(Contact.customer_id)
                                    .where(Contact.deleted_at.is_(None))))
        assert parents == {y}
    mgr.sync()
    _assert_merged([mgr, watcher], y, x, children)


def test_a_restored_merged_customer_takes_its_children_again(server: Server,
                                                             replica_factory: Factory) -> None:
    rep, mgr, _rep_id, mgr_id = _team(server, replica_factory)
    y, x = _customer_ids(mgr.db)
    _merge_customers(mgr, mgr_id, y, x)
    mgr.sync()
    rep.sync()
    restore(mgr.db, Customer, x)  # the explicit way back
    mgr.sync()
    rep.sync()
    child = add_contact(rep.db, x, "李雷")
    rep.sync()
    mgr.sync()
    assert get(mgr.db, Contact, child).customer_id == x
    assert {x, y} <= _live(mgr.db, Customer)
