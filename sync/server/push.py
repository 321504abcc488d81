"""``POST /sync/v1/push``: apply a batch of outbox changes exactly once, merging per field.

One transaction per push:

1. lock the ``clients`` row; skip every ``client_seq <= last_client_seq`` (duplicate delivery);
   a jump past ``last + 1`` is ``409 gap`` (unless the client was synced with an older epoch,
   i.e. the server was restored from a backup: then its numbering is re-based);
2. lock the records the batch touches (sorted, ``FOR UPDATE``);
3. scope-check and merge each change (:mod:`sync.merge`) in memory; anything that cannot apply
   becomes a conflict record (``rejected``, ``edit_after_reassign``, ``edit_after_delete``,
   ``edit_after_merge``, ``field``), never a failed batch; a change naming a customer or
   contact that was merged into another (``merged_into``) goes to the survivor instead;
4. only then take the seq: the counter row stays locked to commit, so commit order is seq order
   while the lock covers just the writes (200 reps pushing at once used to queue on it for the
   whole merge: p95 5.7 s);
5. write records, conflicts and assignments stamped with the seq; set ``last_client_seq``.

The response only acknowledges. All effects (canonical values, conflicts) come back through
pull, so a lost response costs one no-op retry.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, bindparam, insert, inspect, select, tuple_, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.entities import ENTITIES, LOCAL_COLUMNS, EntitySpec
from app.hlc import HybridClock, Timestamp
from app.ids import deterministic_id
from sync import faults
from sync.merge import SILENT_FIELDS, Outcome, clamp_hlc, decide, hlc_wall_ms
from sync.protocol import MAX_FUTURE_MS, Change, PushRequest, PushResponse
from sync.server import audit, policy, pool, scope
from sync.server.auth import Principal, authenticate
from sync.server.records import Record, insert_many, load, new_record, save
from sync.server.scope import reassign
from sync.server.store import Store, now_ms
from sync.server.tables import accounts, assignments, clients, dedupe_keys, records
from sync.server.validate import InvalidValueError, check

log = logging.getLogger(__name__)


# Customer fields whose equality flags a possible duplicate (stored normalised upper-case).
DEDUPE_FIELDS = ("uscc", "phone")
# Customer fields only the server's pool decisions write (a rep asks through pool_requests).
POOL_FIELDS = ("in_pool", "protected_until", "assigned_at")
# Entities a duplicate merge tombstones with ``merged_into`` (app.services.dedupe), and the
# field through which other records point at each.
MERGEABLE = {"customers": "customer_id", "contacts": "contact_id"}
# Fields of a merged-away record that an edit-after-merge never carries to the survivor: the
# merge bookkeeping itself and the record's place in the tree.
MERGE_SKIPPED = frozenset({"deleted_at", "merged_into", "customer_id"})
# Longest merged_into chain followed (X→Y→Z…); a cycle or a longer chain stops there.
MAX_MERGE_CHAIN = 32


class GapError(Exception):
    def __init__(self, expected: int) -> None:
        super().__init__(f"expected client_seq {expected}")
        self.expected = expected


class PushForbiddenError(Exception):
    pass


class PushInvalidError(Exception):
    pass


def server_clock(stored: str, wall: int | None = None) -> HybridClock:
    last = Timestamp.decode(stored) if stored else Timestamp(0, 0, "server")
    return HybridClock("server", wall_ms=(lambda: wall) if wall is not None else None,
                       last=Timestamp(last.wall_ms, last.counter, "server"))


def _nullable(spec: EntitySpec, name: str) -> bool:
    column = inspect(spec.model).columns.get(name)
    return bool(column is None or column.nullable)


@dataclass
class PushStats:
    applied: int = 0
    conflicts: int = 0


# Stands for the push's seq while merging: the real one is taken only once the merge is
# computed (see ``Merger.stamp``), so the counter's row lock covers the writes and the commit,
# not the reads and the Python merge. Real seqs are >= 1, so it never compares as "newer".
PENDING_SEQ = -1


class Merger:
    """Applies one push's changes to locked records in memory; ``write`` stores them.

    Merging runs with :data:`PENDING_SEQ`; :meth:`stamp` replaces it with the real seq.
    """

    def __init__(self, conn: Connection, who: Principal, client_id: str,
                 recs: dict[tuple[str, str], Record], clock: HybridClock,
                 server_now_ms: int, pool_now: datetime | None = None) -> None:
        self.conn = conn
        self.who = who
        self.client_id = client_id
        self.seq = PENDING_SEQ
        self.recs = recs
        self.clock = clock
        self.server_now_ms = server_now_ms
        self.now_iso = datetime.now(UTC).isoformat()
        self.conflicts: list[Record] = []
        self.stats = PushStats()
        self._access: dict[str, str] = {}
        self._in_scope: set[str] = set()
        self._in_scope_known = False
        self._new_customers: dict[str, str] = {}  # customer id -> assigned rep
        self._reassign: dict[str, str] = {}
        self._dedupe: list[tuple[Change, str, str]] = []  # (change, kind, normal value)
        self._client_users: dict[str, str | None] = {client_id: who.user_id, "server": None}
        self._policy: policy.QuotePolicy | None = None
        self._missing: set[tuple[str, str]] = set()  # looked up, not on the server
        # (merge change, entity, victim, the victim's concurrent edits) merged by this push
        self._merges: list[tuple[Change, str, Record, dict[str, Any]]] = []
        self._redirected: set[str] = set()  # survivors not prefetched: scope asked on demand
        self.audit_rows: list[dict[str, Any]] = []
        self.pool = pool.Pool(conn, recs, lambda: self.clock.tick().encode(),
                              pool_now or datetime.now(UTC), PENDING_SEQ)
        self._actor = pool.Actor(who.user_id, who.username)

    def prefetch_scope(self, changes: list[Change]) -> None:
        """One query for the scope of every customer the batch touches (not one per row)."""
        wanted = {rec.customer_id for rec in self.recs.values() if rec.customer_id}
        wanted |= {str(c.fields["customer_id"]) for c in changes
                   if isinstance(c.fields.get("customer_id"), str)}
        self._in_scope = scope.in_scope_many(self.conn, self.who, wanted)
        self._in_scope_known = True
        self._reverse_recycles(changes)

    def _reverse_recycles(self, changes: list[Change]) -> None:
        """Follow-ups logged offline for customers the server recycled meanwhile: a follow-up
        before the deadline gives the customer back (see :mod:`sync.server.pool`)."""
        seen: set[str] = set()
        for change in changes:
            rec = self.recs.get((change.entity, change.id))
            customer_id = (rec.customer_id if rec is not None else change.id
                           if change.entity == "customers" else change.fields.get("customer_id"))
            if not isinstance(customer_id, str) or customer_id in self._in_scope or \
                    customer_id in seen:
                continue
            when = pool.follow_up_at(change.entity, change.fields,
                                     rec.data if rec is not None else None)
            if when is None:
                continue
            seen.add(customer_id)
            if self.pool.reverse_if_honoured(self.who.user_id, customer_id, when, self._actor):
                self._in_scope.add(customer_id)

    # -- helpers ----------------------------------------------------------------------
    def _user_of(self, client: str | None) -> str | None:
        if client is None:
            return None
        if client not in self._client_users:
            self._client_users[client] = self.conn.scalar(
                select(clients.c.user_id).where(clients.c.client_id == client))
        return self._client_users[client]

    def _conflict(self, change: Change, kind: str, customer_id: str | None, *,
                  field: str | None = None, kept: Any = None, other: Any = None,
                  kept_hlc: str | None = None, other_hlc: str | None = None,
                  other_user: str | None = None, reason: str | None = None,
                  key: str = "", entity_id: str | None = None) -> None:
        cid = deterministic_id("conflict", change.change_id, field or "", kind, key)
        data = {
            "entity": change.entity, "entity_id": entity_id or change.id,
            "customer_id": customer_id,
            "field": field, "kind": kind, "kept_value": kept, "other_value": other,
            "kept_hlc": kept_hlc, "other_hlc": other_hlc, "other_user_id": other_user,
            "reason": reason, "resolution": None, "resolved_at": None,
            "created_at": self.now_iso, "updated_at": self.now_iso, "deleted_at": None,
        }
        self.conflicts.append(new_record("conflicts", cid, customer_id, self.seq,
                                         self.clock.tick().encode(), data,
                                         audience_id=other_user))
        self.stats.conflicts += 1

    def _access_to(self, change: Change, spec: EntitySpec, rec: Record | None,
                   customer_id: str | None) -> str:
        """``ok``, ``reassigned`` (was in scope once) or ``forbidden``."""
        if spec.server_owned:
            return "ok" if self.who.role == "admin" else "forbidden"
        if not spec.scoped:
            return "ok"
        if spec.name == "customers" and rec is None and change.op == "insert":
            return "ok"
        if customer_id is None:
            return "forbidden"
        if customer_id in self._new_customers:
            return "ok"
        if spec.name == "conflicts" and rec is not None and rec.audience_id == self.who.user_id:
            return "ok"
        if customer_id not in self._access:
            if customer_id in self._in_scope:
                self._access[customer_id] = "ok"
            elif self._in_scope_known and customer_id not in self._redirected:
                self._access[customer_id] = (
                    "reassigned" if scope.ever_in_scope(self.conn, self.who, customer_id)
                    else "forbidden")
            elif scope.in_scope(self.conn, self.who, customer_id):
                self._access[customer_id] = "ok"
            elif scope.ever_in_scope(self.conn, self.who, customer_id):
                self._access[customer_id] = "reassigned"
            else:
                self._access[customer_id] = "forbidden"
        return self._access[customer_id]

    def _touch(self, rec: Record) -> None:
        rec.seq = self.seq
        if not rec.new:
            rec.version += 1
            rec.dirty = True

    def _set(self, rec: Record, name: str, value: Any, hlc: str) -> None:
        rec.data[name] = value
        rec.field_seq[name] = self.seq
        rec.field_hlc[name] = hlc

    # -- the merge --------------------------------------------------------------------
    def apply(self, change: Change) -> None:
        spec = ENTITIES.get(change.entity)
        hlc = clamp_hlc(change.hlc, self.server_now_ms, MAX_FUTURE_MS)
        self.clock.observe(hlc)
        if spec is None:
            self._conflict(change, "rejected", None, other=change.fields,
                           other_user=self.who.user_id, reason="unknown entity")
            return
        fields = {k: v for k, v in change.fields.items() if k not in LOCAL_COLUMNS}
        key = (spec.name, change.id)
        rec = self.recs.get(key)
        if spec.scoped and spec.name != "conflicts":
            fields = self._redirect_parents(fields)
        if spec.name == "pool_requests":
            self._pool_request(change, spec, rec, fields, hlc)
            return
        if rec is not None:
            customer_id = rec.customer_id
        elif spec.name == "customers":
            customer_id = change.id
        else:
            customer_id = fields.get("customer_id") if spec.scoped else None
        access = self._access_to(change, spec, rec, customer_id)
        if access == "forbidden":
            self._conflict(change, "rejected", customer_id if spec.scoped else None,
                           other=fields, other_user=self.who.user_id, other_hlc=hlc,
                           reason="read_only" if spec.server_owned else "out_of_scope")
            return
        if access == "reassigned":
            kept = {f: rec.data.get(f) for f in fields} if rec is not None else None
            self._conflict(change, "edit_after_reassign", customer_id, kept=kept, other=fields,
                           other_hlc=hlc, other_user=self.who.user_id,
                           reason="customer reassigned")
            return
        if self._edit_after_merge(change, spec, rec, fields, hlc):
            return
        self.stats.applied += 1
        if change.op == "insert" and rec is None:
            self._insert(change, spec, fields, customer_id, hlc)
        elif change.op == "insert" and rec is not None and spec.append_only:
            return  # union: the row is already there
        elif rec is None:
            self._conflict(change, "rejected", customer_id, other=fields, other_hlc=hlc,
                           other_user=self.who.user_id, reason="not_found")
        elif change.op in ("insert", "update"):
            self._update(change, spec, rec, fields, hlc)
        elif change.op == "delete":
            self._delete(change, rec, fields, hlc)
        else:
            self._restore(rec, hlc)

    def _pool_request(self, change: Change, spec: EntitySpec, rec: Record | None,
                      fields: dict[str, Any], hlc: str) -> None:
        """A rep's claim / return / protect request: decided now, in order of receipt. Only
        the requester sees it; only the server changes it after it was made."""
        if rec is not None and change.op == "insert":
            return  # a retried request: already decided
        if rec is not None or change.op != "insert":
            self._conflict(change, "rejected", None, other=fields, other_hlc=hlc,
                           other_user=self.who.user_id, reason="read_only")
            return
        data: dict[str, Any] = {}
        for name, value in fields.items():
            ok, normal = self._valid(change, spec, None, name, value, hlc, None)
            data[name] = normal if ok else None
        data.update(requested_by=self.who.user_id, status="pending", refusal=None,
                    decided_at=None)
        data.setdefault("requested_at", self.now_iso)
        self.pool.decide(self.who.user_id, data, self._actor)
        if data.get("kind") == "return" and data.get("status") == "granted":
            self._access[str(data.get("customer_id"))] = "reassigned"
        self.stats.applied += 1
        self.recs[(spec.name, change.id)] = new_record(
            spec.name, change.id, None, self.seq, hlc, data, audience_id=self.who.user_id)

    def _valid(self, change: Change, spec: EntitySpec, rec: Record | None, name: str,
               value: Any, hlc: str, customer_id: str | None) -> tuple[bool, Any]:
        try:
            return True, check(spec.name, name, value)
        except InvalidValueError as exc:
            self._conflict(change, "rejected", customer_id, field=name,
                           kept=rec.data.get(name) if rec else None, other=value,
                           other_hlc=hlc, other_user=self.who.user_id, reason=exc.reason)
            return False, value

    def _insert(self, change: Change, spec: EntitySpec, fields: dict[str, Any],
                customer_id: str | None, hlc: str) -> None:
        data: dict[str, Any] = {}
        for name, value in fields.items():
            ok, normal = self._valid(change, spec, None, name, value, hlc, customer_id)
            if ok:
                data[name] = normal
            else:  # keep required columns (the replica's schema needs them), drop the rest
                data[name] = None if _nullable(spec, name) else value
        if spec.name == "customers":
            owner = self._choose_owner(data.get("owner_id"))
            data["owner_id"] = owner
            data["in_pool"] = False  # a new customer belongs to its creator, not the pool
            data["protected_until"] = None
            self._new_customers[change.id] = owner
            self._check_duplicates(change, data)
        rec = new_record(spec.name, change.id, customer_id, self.seq, hlc, data)
        self.recs[(spec.name, change.id)] = rec

    def _check_duplicates(self, change: Change, data: dict[str, Any]) -> None:
        """Note the customer's identifying values; :meth:`write` looks for duplicates under
        the counter lock, so two reps creating the same company at once still get linked."""
        for kind in DEDUPE_FIELDS:
            value = data.get(kind)
            if isinstance(value, str) and value.strip():
                self._dedupe.append((change, kind, value.strip().upper()))

    def _link_duplicates(self) -> None:
        """A new customer with the USCC or phone of another one: keep both, link them."""
        wanted = sorted({(kind, value) for _c, kind, value in self._dedupe})
        existing: dict[tuple[str, str], set[str]] = {}
        for start in range(0, len(wanted), 400):
            for kind, value, entity_id in self.conn.execute(
                    select(dedupe_keys.c.kind, dedupe_keys.c.value, dedupe_keys.c.entity_id)
                    .where(tuple_(dedupe_keys.c.kind, dedupe_keys.c.value)
                           .in_(wanted[start:start + 400]))):
                existing.setdefault((kind, value), set()).add(entity_id)
        for change, kind, value in self._dedupe:
            for other in sorted(existing.get((kind, value), set()) - {change.id}):
                self._conflict(change, "duplicate", change.id, field=kind,
                               kept={"id": other}, other={"id": change.id},
                               other_user=self.who.user_id, key=other,
                               reason=f"same {kind} as another customer")
            existing.setdefault((kind, value), set()).add(change.id)
        self.conn.execute(insert(dedupe_keys), [
            {"kind": kind, "value": value, "entity_id": change.id}
            for change, kind, value in self._dedupe])

    def _choose_owner(self, wanted: Any) -> str:
        if self.who.role == "rep" or not isinstance(wanted, str) or not wanted:
            return self.who.user_id
        exists = self.conn.scalar(select(accounts.c.id).where(accounts.c.id == wanted))
        return wanted if exists else self.who.user_id

    def _update(self, change: Change, spec: EntitySpec, rec: Record, fields: dict[str, Any],
                hlc: str) -> None:
        if rec.deleted:
            other = {f: v for f, v in fields.items() if f not in SILENT_FIELDS}
            if other:
                self._conflict(change, "edit_after_delete", rec.customer_id, other=other,
                               other_hlc=hlc, other_user=self.who.user_id,
                               reason="record was deleted")
            return
        changed = False
        original = dict(rec.data) if spec.name == "quotes" else rec.data
        for name, value in fields.items():
            if name == "deleted_at":
                continue
            if name == "customer_id" and spec.scoped and value != rec.customer_id and \
                    not self._merge_move(change, spec, rec, value):
                self._conflict(change, "rejected", rec.customer_id, field=name,
                               kept=rec.customer_id, other=value, other_hlc=hlc,
                               other_user=self.who.user_id, reason="cannot move a record")
                continue
            ok, value = self._valid(change, spec, rec, name, value, hlc, rec.customer_id)
            if not ok:
                continue
            if spec.name == "customers" and name in POOL_FIELDS and \
                    self.who.role != "admin" and value != rec.data.get(name):
                self._conflict(change, "rejected", rec.customer_id, field=name,
                               kept=rec.data.get(name), other=value, other_hlc=hlc,
                               other_user=self.who.user_id, reason="pool_field")
                continue
            if spec.name == "customers" and name == "owner_id" and \
                    value != rec.data.get("owner_id"):
                if self.who.role == "rep" or not isinstance(value, str) or \
                        self._choose_owner(value) != value:
                    self._conflict(change, "rejected", rec.customer_id, field=name,
                                   kept=rec.data.get(name), other=value, other_hlc=hlc,
                                   other_user=self.who.user_id, reason="cannot reassign")
                    continue
                self._reassign[rec.id] = value
                # A new owner's recycle clocks start now (rule hygiene: reassignment goes
                # through the rules, no stale dates).
                self._set(rec, "assigned_at", self.pool.now.isoformat(), hlc)
                self._audit("reassign", rec, {"from": rec.data.get("owner_id"), "to": value})
            if spec.name == "quotes" and name == "status" and \
                    not self._status_allowed(original, fields, value):
                self._conflict(change, "rejected", rec.customer_id, field=name,
                               kept=rec.data.get(name), other=value, other_hlc=hlc,
                               other_user=self.who.user_id, reason="approval_required")
                continue
            current_seq = rec.field_seq.get(name, 0)
            if rec.field_author(name) == self.client_id:
                current_seq = 0  # our own earlier write: superseded, never concurrent
            decision = decide(name, current=rec.data.get(name), current_seq=current_seq,
                              current_hlc=rec.field_hlc.get(name), incoming=value,
                              incoming_hlc=hlc, base_seq=change.base_seq)
            if decision.conflict and decision.outcome is Outcome.WIN:
                self._conflict(change, "field", rec.customer_id, field=name, kept=value,
                               other=rec.data.get(name), kept_hlc=hlc,
                               other_hlc=rec.field_hlc.get(name),
                               other_user=self._user_of(rec.field_author(name)))
            elif decision.conflict:
                self._conflict(change, "field", rec.customer_id, field=name,
                               kept=rec.data.get(name), other=value,
                               kept_hlc=rec.field_hlc.get(name), other_hlc=hlc,
                               other_user=self.who.user_id)
            if decision.applies:
                if spec.name == "quotes" and name == "status":
                    self._audit_decision(rec, value, fields)
                self._set(rec, name, value, hlc)
                changed = True
        if changed:
            self._touch(rec)
        if spec.name in MERGEABLE and isinstance(rec.data.get("merged_into"), str) and \
                "merged_into" in fields and not rec.deleted:
            self._merge_away(change, spec.name, rec, fields, hlc)

    def _delete(self, change: Change, rec: Record, fields: dict[str, Any], hlc: str) -> None:
        if rec.deleted:
            return
        concurrent = self._concurrent(change, rec)
        if concurrent:
            author = rec.field_author(next(iter(concurrent)))
            self._conflict(change, "edit_after_delete", rec.customer_id, other=concurrent,
                           kept_hlc=hlc, other_user=self._user_of(author),
                           reason="edited while being deleted")
        self._set(rec, "deleted_at", fields.get("deleted_at") or self.now_iso, hlc)
        rec.deleted_seq = self.seq
        self._touch(rec)
        self._audit("delete", rec)

    def _concurrent(self, change: Change, rec: Record) -> dict[str, Any]:
        """Fields of ``rec`` someone else changed since the pusher last saw it."""
        return {
            f: rec.data.get(f) for f, s in rec.field_seq.items()
            if s > change.base_seq and f not in SILENT_FIELDS and f != "deleted_at"
            and rec.field_author(f) not in (self.client_id, None, "server") and not rec.new
        }

    def _restore(self, rec: Record, hlc: str) -> None:
        if not rec.deleted:
            return
        self._set(rec, "deleted_at", None, hlc)
        rec.deleted_seq = None
        self._touch(rec)
        self._audit("restore", rec)

    # -- merged records (duplicate cleaning, app.services.dedupe) -----------------------
    def _lookup(self, entity: str, entity_id: str) -> Record | None:
        """A record by key: from this push's locked set, else loaded (and locked) now."""
        key = (entity, entity_id)
        if key not in self.recs and key not in self._missing:
            found = load(self.conn, [key], for_update=True).get(key)
            if found is None:
                self._missing.add(key)
            else:
                self.recs[key] = found
        return self.recs.get(key)

    def survivor(self, entity: str, entity_id: str) -> str | None:
        """The record a merged-away ``entity_id`` ended up in, following chains (X→Y→Z);
        None when it was not merged (or was restored since: only tombstones redirect)."""
        current, seen = entity_id, {entity_id}
        for _ in range(MAX_MERGE_CHAIN):
            rec = self._lookup(entity, current)
            target = rec.data.get("merged_into") if rec is not None and rec.deleted else None
            if not isinstance(target, str) or target in seen or \
                    self._lookup(entity, target) is None:
                break  # not merged, a cycle, or a survivor the server never had
            seen.add(target)
            current = target
        return None if current == entity_id else current

    def _redirect_parents(self, fields: dict[str, Any]) -> dict[str, Any]:
        """A child that names a merged customer or contact (made offline under it) goes to
        the survivor, so it never hides under a tombstone."""
        for entity, ref in MERGEABLE.items():
            parent = fields.get(ref)
            if isinstance(parent, str):
                target = self.survivor(entity, parent)
                if target is not None:
                    fields = {**fields, ref: target}
                    if entity == "customers":
                        self._redirected.add(target)
        return fields

    def _merge_move(self, change: Change, spec: EntitySpec, rec: Record, value: Any) -> bool:
        """Whether a child may move to ``value``: only from a customer merged into it (the
        merge's own re-pointing, or a late one), and only into the pusher's scope."""
        if not isinstance(value, str) or rec.customer_id is None or \
                self.survivor("customers", rec.customer_id) != value or \
                self._access_to(change, spec, None, value) != "ok":
            return False
        rec.customer_id = value
        return True

    def _merge_conflicts(self, change: Change, entity: str, victim: Record, target: str,
                         concurrent: dict[str, Any]) -> None:
        survivor = self._lookup(entity, target)
        assert survivor is not None  # survivor() only follows records that exist
        for name, value in concurrent.items():
            if name in MERGE_SKIPPED or survivor.data.get(name) == value:
                continue
            self._conflict(change, "edit_after_merge", survivor.customer_id, field=name,
                           kept=survivor.data.get(name), other=value,
                           kept_hlc=survivor.field_hlc.get(name),
                           other_hlc=victim.field_hlc.get(name),
                           other_user=self._user_of(victim.field_author(name)),
                           reason="record was merged", entity_id=target)

    def _edit_after_merge(self, change: Change, spec: EntitySpec, rec: Record | None,
                          fields: dict[str, Any], hlc: str) -> bool:
        """An edit to a merged-away record is not applied to its tombstone: each changed
        field becomes an ``edit_after_merge`` conflict on the survivor (the survivor's value
        kept, the edit offered), so the editor sees it and can take it with "Keep mine"."""
        if spec.name not in MERGEABLE or rec is None or not rec.deleted or \
                change.op not in ("insert", "update"):
            return False
        target = self.survivor(spec.name, rec.id)
        if target is None:
            return False
        survivor = self._lookup(spec.name, target)
        assert survivor is not None  # survivor() only follows records that exist
        for name, value in fields.items():
            if name in SILENT_FIELDS or name in MERGE_SKIPPED or \
                    survivor.data.get(name) == value:
                continue
            self._conflict(change, "edit_after_merge", survivor.customer_id, field=name,
                           kept=survivor.data.get(name), other=value,
                           kept_hlc=survivor.field_hlc.get(name), other_hlc=hlc,
                           other_user=self.who.user_id, reason="record was merged",
                           entity_id=target)
        return True

    def _merge_away(self, change: Change, entity: str, rec: Record, fields: dict[str, Any],
                    hlc: str) -> None:
        """``merged_into`` set: the record is tombstoned with it, in the same change, so no
        push boundary can leave a merged-away record alive (the client's own delete that
        follows is then a no-op)."""
        concurrent = self._concurrent(change, rec)
        self._set(rec, "deleted_at", fields.get("deleted_at") or self.now_iso, hlc)
        rec.deleted_seq = self.seq
        self._touch(rec)
        self._audit("delete", rec, {"merged_into": rec.data.get("merged_into")})
        self._merges.append((change, entity, rec, concurrent))

    def finish_merges(self) -> None:
        """After a push's changes: children the server holds under a record it merged away,
        which the merging laptop did not know (another laptop synced them first), move to the
        survivor; edits others made to the victim meanwhile become ``edit_after_merge``
        conflicts on the survivor (against its final values in this push)."""
        for change, entity, victim, concurrent in self._merges:
            target = self.survivor(entity, victim.id)
            if target is None or victim.customer_id is None:
                continue
            self._merge_conflicts(change, entity, victim, target, concurrent)
            ref = MERGEABLE[entity]
            query = select(records.c.entity, records.c.id).where(
                records.c.customer_id == victim.customer_id, records.c.deleted_seq.is_(None))
            hlc = self.clock.tick().encode()
            for child_entity, child_id in self.conn.execute(query).all():
                if (child_entity, child_id) == (entity, victim.id) or \
                        child_entity in ("customers", "conflicts"):
                    continue
                child = self._lookup(child_entity, child_id)
                if child is None or child.deleted or child.data.get(ref) != victim.id:
                    continue
                if ref == "customer_id":
                    child.customer_id = target
                self._set(child, ref, target, hlc)
                self._touch(child)

    # -- quote approval ---------------------------------------------------------------
    def _status_allowed(self, current: dict[str, Any], fields: dict[str, Any],
                        value: Any) -> bool:
        """A rep may move a quote to approved/sent only when the policy needs no manager, or
        a manager already approved these very figures (the server state, ``current`` as it
        was before this change, is approved/sent and the priced fields are unchanged).
        Managers and admins are the approvers."""
        if self.who.role != "rep" or value not in ("approved", "sent"):
            return True
        if self._policy is None:
            self._policy = policy.load(self.conn, self.who.role)
        merged = {**current, **fields}
        discount = policy.decimal_or(merged.get("max_discount_percent"), Decimal(0))
        total = policy.decimal_or(merged.get("grand_total"), Decimal(0))
        if not self._policy.needs_approval(discount, total):
            return True
        unchanged = all(policy.decimal_or(merged.get(f), Decimal(-1))
                        == policy.decimal_or(current.get(f), Decimal(-2))
                        for f in ("max_discount_percent", "grand_total"))
        return current.get("status") in ("approved", "sent") and unchanged

    def _audit_decision(self, rec: Record, value: Any, fields: dict[str, Any]) -> None:
        """An approval or a rejection (pending → draft) by a manager goes to the audit log."""
        before = rec.data.get("status")
        if (before == "pending_approval" and value in ("approved", "draft")) or (
                value == "approved" and self.who.role != "rep"):
            self._audit("approval", rec, {"from": before, "to": value,
                                          "comment": fields.get("decision_comment")})

    def _audit(self, action: str, rec: Record, detail: dict[str, Any] | None = None) -> None:
        self.audit_rows.append({"action": action, "actor_id": self.who.user_id,
                           "actor": self.who.username, "target": f"{rec.entity}:{rec.id}",
                           "detail": {"client": self.client_id, **(detail or {})}})

    # -- writing ----------------------------------------------------------------------
    def stamp(self, seq: int) -> None:
        """Replace :data:`PENDING_SEQ` with the seq just taken, everywhere it was written."""
        self.seq = seq
        self.pool.stamp(seq)
        for rec in (*self.recs.values(), *self.conflicts):
            if rec.seq == PENDING_SEQ:
                rec.seq = seq
            if rec.deleted_seq == PENDING_SEQ:
                rec.deleted_seq = seq
            for name, value in rec.field_seq.items():
                if value == PENDING_SEQ:
                    rec.field_seq[name] = seq

    def write(self) -> None:
        """Store everything; call after :meth:`stamp` (the counter lock is held from here)."""
        if self._dedupe:
            self._link_duplicates()  # its conflicts are made after stamp(): they carry the seq
        save(self.conn, [*self.recs.values(), *self.conflicts])
        if self._new_customers:
            insert_many(self.conn, assignments, [
                {"customer_id": customer_id, "rep_id": rep, "from_seq": self.seq,
                 "to_seq": None} for customer_id, rep in self._new_customers.items()])
        for customer_id, rep in self._reassign.items():
            reassign(self.conn, customer_id, rep, self.seq)
        self.pool.flush(self.seq, save_records=False)  # its records are in ``recs``
        audit.record_many(self.conn, self.audit_rows)


def handle_push(store: Store, token: str, req: PushRequest, *, app_version: str | None,
                protocol: int) -> PushResponse:
    """Apply a push for the bearer of ``token`` (checked in the push's own transaction);
    retried a few times when PostgreSQL reports a deadlock or a race."""
    for attempt in range(4):
        try:
            return _push_once(store, token, req, app_version=app_version, protocol=protocol)
        except (IntegrityError, DBAPIError) as exc:
            if attempt == 3 or not _retryable(exc):
                raise
            log.warning("push retry after %s", type(exc.orig).__name__)
    raise AssertionError("unreachable")


def _retryable(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower()
    return isinstance(exc, IntegrityError) or "deadlock" in text or "serializ" in text


def _touched_keys(changes: list[Change]) -> set[tuple[str, str]]:
    """The records a push changes, plus the customers and contacts its changes name as parents
    (one query up front: ``Merger.survivor`` checks them for ``merged_into``)."""
    keys = {(c.entity, c.id) for c in changes}
    for change in changes:
        for entity, ref in MERGEABLE.items():
            parent = change.fields.get(ref)
            if isinstance(parent, str) and change.entity != entity:
                keys.add((entity, parent))
    return keys


# Built once (every push runs them; building a statement per call cost more than running it).
_CLIENT = select(clients).where(clients.c.client_id == bindparam("client_id")).with_for_update()
_ACK = update(clients).where(clients.c.client_id == bindparam("k_client_id")).values(
    {name: bindparam(name) for name in ("last_client_seq", "app_version", "protocol",
                                        "last_seen_at")})


def _push_once(store: Store, token: str, req: PushRequest, *, app_version: str | None,
               protocol: int) -> PushResponse:
    server_now = now_ms()
    with store.write() as conn:
        who = authenticate(conn, token)
        epoch, _horizon, stored_hlc = store.meta(conn)
        row = conn.execute(_CLIENT, {"client_id": req.client_id}).first()
        now = datetime.now(UTC)
        if row is None:
            conn.execute(insert(clients).values(
                client_id=req.client_id, user_id=who.user_id, last_client_seq=0,
                last_pull_seq=0, app_version=app_version, protocol=protocol, created_at=now,
                last_seen_at=now))
            last = 0
        elif row.user_id != who.user_id:
            raise PushForbiddenError("this client id belongs to another user")
        else:
            last = int(row.last_client_seq)
        pending = sorted((c for c in req.changes if c.client_seq > last),
                         key=lambda c: c.client_seq)
        if pending and pending[0].client_seq != last + 1:
            if req.epoch is not None and req.epoch != epoch:
                last = pending[0].client_seq - 1  # re-base after a server restore
            else:
                raise GapError(last + 1)
        for prev, nxt in pairwise(pending):
            if nxt.client_seq != prev.client_seq + 1:
                raise PushInvalidError("client_seq values in a push must be consecutive")
        acked = pending[-1].client_seq if pending else last
        conn.execute(_ACK, {"k_client_id": req.client_id, "last_client_seq": acked,
                            "app_version": app_version, "protocol": protocol,
                            "last_seen_at": now})
        clock = server_clock(stored_hlc)
        if pending:
            recs = load(conn, _touched_keys(pending), for_update=True)
            merger = Merger(conn, who, req.client_id, recs, clock, server_now, store.clock())
            merger.prefetch_scope(pending)
            for change in pending:
                merger.apply(change)
            merger.finish_merges()
            # Taken last: the counter's row lock is held to commit (commit order = seq
            # order), so everything before this line runs concurrently with other pushes.
            seq = store.next_seq(conn)
            merger.stamp(seq)
            merger.write()
            high = seq
            server_hlc = clock.tick().encode()
            if server_hlc > stored_hlc and hlc_wall_ms(server_hlc) > now_ms():
                # Only an HLC running ahead of the wall clock (clients a little fast) needs
                # keeping across restarts; otherwise the wall clock carries it. Compared with
                # the clock now, not at the push's start: the tick reads the clock later, so
                # against the start nearly every push wrote the (hot) server_meta row.
                store.set_hlc(conn, server_hlc)
            log.info("push", extra={"user": who.username, "client": req.client_id,
                                    "changes": len(pending), "seq": seq,
                                    "conflicts": merger.stats.conflicts})
        else:
            high = store.current_seq(conn)
            server_hlc = clock.tick().encode()
        faults.reach("push.before_commit")
    faults.reach("push.after_commit_before_response")
    skew = 0
    if req.client_time_ms is not None:
        skew = req.client_time_ms - server_now
    elif pending:
        skew = max(0, max(hlc_wall_ms(c.hlc) for c in pending) - server_now)
    return PushResponse(acked_client_seq=acked, high_seq=high, server_hlc=server_hlc,
                        clock_skew_ms=max(-_MAX_SKEW_MS, min(_MAX_SKEW_MS, skew)),
                        epoch=epoch)


# Reported skew is clamped to what JSON carries exactly (2^53): a client sending an absurd
# ``client_time_ms`` (fuzzing found -2^63) must still get its acknowledgement, not a 500.
_MAX_SKEW_MS = 2**53 - 1
