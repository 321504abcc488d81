"""Administrative operations (the CLI's subcommands, also used by tests and the demo mode).

Each one is a server-side write: it takes one seq and stamps every record it touches, so the
change reaches replicas through the ordinary pull feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import Connection, insert, select, update

from app.ids import deterministic_id, new_id
from sync.server import audit, auth, policy, pool
from sync.server.push import server_clock
from sync.server.records import Record, rank_of
from sync.server.records import put as records_put
from sync.server.store import Store
from sync.server.tables import accounts, assignments, clients, records

ROLES = ("rep", "manager", "admin")


class AdminError(Exception):
    pass


def _now_iso() -> str:
    return datetime.now(UTC).isoformat()


def _server_hlc(store: Store, conn: Connection) -> str:
    hlc = server_clock(store.meta(conn)[2]).tick().encode()
    store.set_hlc(conn, hlc)
    return hlc


def put_record(store: Store, conn: Connection, seq: int, hlc: str, entity: str, entity_id: str,
               data: dict[str, Any], customer_id: str | None = None) -> Record:
    """Create or overwrite (server-side) one record with ``data``."""
    return records_put(conn, seq, hlc, entity, entity_id, data, customer_id)


def team_id_for(name: str) -> str:
    return deterministic_id("team", name)


def add_user(store: Store, username: str, password: str, role: str, *, team: str | None = None,
             rep_code: str | None = None, display_name: str | None = None) -> str:
    if role not in ROLES:
        raise AdminError(f"role must be one of {', '.join(ROLES)}")
    if not password:
        raise AdminError("empty password")
    password_hash = auth.hash_password(password)
    with store.write() as conn:
        if conn.scalar(select(accounts.c.id).where(accounts.c.username == username)):
            raise AdminError(f"user {username!r} exists")
        seq = store.next_seq(conn)
        hlc = _server_hlc(store, conn)
        now = _now_iso()
        team_id = None
        if team:
            team_id = team_id_for(team)
            put_record(store, conn, seq, hlc, "teams", team_id, {
                "name": team, "created_at": now, "updated_at": now, "deleted_at": None})
        user_id = new_id()
        code = rep_code or username.upper()[:12]
        conn.execute(insert(accounts).values(
            id=user_id, username=username, password_hash=password_hash, role=role,
            team_id=team_id, rep_code=code, active=1, created_at=datetime.now(UTC)))
        put_record(store, conn, seq, hlc, "users", user_id, {
            "username": username, "display_name": display_name or username, "role": role,
            "team_id": team_id, "rep_code": code, "email": None, "active": True,
            "created_at": now, "updated_at": now, "deleted_at": None})
        audit.record(conn, "user_add", actor="admin", target=username, detail={"role": role})
    return user_id


def user_id_of(conn: Connection, username: str) -> str:
    found = conn.scalar(select(accounts.c.id).where(accounts.c.username == username))
    if found is None:
        raise AdminError(f"no user {username!r}")
    return str(found)


def revoke_user(store: Store, username: str) -> int:
    """Revoke every token and device of the user: their laptops wipe on the next sync."""
    with store.write() as conn:
        user_id = user_id_of(conn, username)
        count = auth.revoke_user(conn, user_id)
        audit.record(conn, "user_revoke", actor="admin", target=username,
                     detail={"tokens": count})
    return count


def disable_user(store: Store, username: str) -> int:
    """Deactivate the account (no more sign-ins) and wipe its laptops."""
    with store.write() as conn:
        user_id = user_id_of(conn, username)
        conn.execute(update(accounts).where(accounts.c.id == user_id).values(active=0))
        count = auth.revoke_user(conn, user_id, reason="disabled")
        audit.record(conn, "user_disable", actor="admin", target=username,
                     detail={"tokens": count})
    return count


@dataclass(frozen=True)
class Device:
    client_id: str
    username: str
    device_name: str | None
    created_at: datetime | None
    last_seen_at: datetime | None
    revoked_at: datetime | None
    app_version: str | None


def devices(store: Store, username: str | None = None) -> list[Device]:
    """Every registered device (a replica that signed in), optionally for one user."""
    with store.read() as conn:
        query = (select(clients, accounts.c.username)
                 .join(accounts, accounts.c.id == clients.c.user_id)
                 .order_by(accounts.c.username, clients.c.created_at))
        if username:
            query = query.where(accounts.c.username == username)
        return [Device(client_id=r.client_id, username=r.username, device_name=r.device_name,
                       created_at=r.created_at, last_seen_at=r.last_seen_at,
                       revoked_at=r.revoked_at, app_version=r.app_version)
                for r in conn.execute(query)]


def revoke_device(store: Store, client_id: str) -> int:
    """Revoke one laptop: it wipes its replica at its next contact; the user's other devices
    keep working."""
    with store.write() as conn:
        owner = conn.scalar(select(clients.c.user_id).where(clients.c.client_id == client_id))
        if owner is None:
            raise AdminError(f"no device {client_id}")
        count = auth.revoke_device(conn, client_id)
        audit.record(conn, "device_revoke", actor="admin", target=client_id,
                     detail={"user_id": owner, "tokens": count})
    return count


def set_policy(store: Store, role: str, *, max_discount: Decimal | None = None,
               max_total: Decimal | None = None, every_quote: bool | None = None) -> int:
    """Set the quote approval policy of a role (see :mod:`sync.server.policy`); returns the
    seq that carries it to the replicas."""
    if role not in ROLES:
        raise AdminError(f"role must be one of {', '.join(ROLES)}")
    wanted: dict[str, str] = {}
    if max_discount is not None:
        if not Decimal(0) <= max_discount <= Decimal(100):
            raise AdminError("--max-discount is a percentage between 0 and 100")
        wanted["max_discount_percent"] = str(max_discount)
    if max_total is not None:
        if max_total < 0:
            raise AdminError("--max-total cannot be negative")
        wanted["max_total"] = str(max_total)
    if every_quote is not None:
        wanted["every_quote"] = "true" if every_quote else "false"
    if not wanted:
        raise AdminError("nothing to set")
    with store.write() as conn:
        seq = store.next_seq(conn)
        hlc = _server_hlc(store, conn)
        now = _now_iso()
        for position, name in enumerate(policy.SETTINGS):
            if name not in wanted:
                continue
            code = f"{role}.{name}"
            put_record(store, conn, seq, hlc, "ref_values", policy.record_id(role, name), {
                "list_name": policy.LIST_NAME, "code": code, "label_en": wanted[name],
                "label_zh": wanted[name], "position": position, "retired": False,
                "created_at": now, "updated_at": now, "deleted_at": None})
        audit.record(conn, "policy_set", actor="admin", target=role, detail=wanted)
    return seq


def show_policy(store: Store, role: str) -> policy.QuotePolicy:
    with store.read() as conn:
        return policy.load(conn, role)


def assign(store: Store, customer_id: str, username: str) -> int:
    """Reassign a customer (and its subtree) to a user; returns the seq of the change.
    A pooled customer leaves the pool (an admin's assignment bypasses the claim limits)."""
    with store.write() as conn:
        rep = user_id_of(conn, username)
        seq = store.next_seq(conn)
        hlc = _server_hlc(store, conn)
        ops = pool.Pool(conn, {}, lambda: hlc, store.clock(), seq)
        rec = ops.customer(customer_id)
        if rec is None:
            raise AdminError(f"no customer {customer_id}")
        pool.admin_assign(ops, rec, rep)
        ops.flush(seq, save_records=True)
        audit.record(conn, "reassign", actor="admin", actor_id=None,
                     target=f"customers:{customer_id}", detail={"to": username})
    return seq


def transfer(store: Store, from_user: str, to_user: str) -> int:
    """Move every customer of ``from_user`` to ``to_user`` (a rep leaves, a territory moves);
    returns how many moved. Each goes through the same transition as :func:`assign`, so the
    new owner's recycle clocks start now instead of inheriting stale dates (business rules
    §5.4: bulk reassignment goes through the rules)."""
    with store.write() as conn:
        source, target = user_id_of(conn, from_user), user_id_of(conn, to_user)
        customer_ids = [str(c) for c in conn.scalars(select(assignments.c.customer_id).where(
            assignments.c.rep_id == source, assignments.c.to_seq.is_(None)))]
        if not customer_ids:
            return 0
        seq = store.next_seq(conn)
        hlc = _server_hlc(store, conn)
        ops = pool.Pool(conn, {}, lambda: hlc, store.clock(), seq)
        ops.preload(customer_ids)
        moved = 0
        for customer_id in customer_ids:
            rec = ops.customer(customer_id)
            if rec is not None and not rec.deleted:
                pool.admin_assign(ops, rec, target)
                moved += 1
        ops.flush(seq, save_records=True)
        audit.record(conn, "reassign", actor="admin", actor_id=None, target=f"user:{from_user}",
                     detail={"to": to_user, "customers": moved})
    return moved


def set_tombstone_horizon(store: Store, seq: int | None = None) -> int:
    """Declare that tombstones up to ``seq`` (default: now) may be forgotten; clients whose
    cursor is older must re-snapshot (410)."""
    with store.write() as conn:
        value = store.current_seq(conn) if seq is None else seq
        store.set_horizon(conn, value)
    return value


def new_epoch(store: Store) -> str:
    """Mark the database as restored from a backup: every client re-snapshots."""
    epoch = new_id()
    with store.write() as conn:
        store.set_epoch(conn, epoch)
    return epoch


def bulk_insert(store: Store, rows: list[tuple[str, str, str | None, dict[str, Any]]],
                owners: dict[str, str]) -> int:
    """Insert many new records at one seq (seeding, imports): ``(entity, id, customer, data)``,
    plus ``owners`` (customer id -> rep id) as assignments."""
    with store.write() as conn:
        seq = store.next_seq(conn)
        hlc = _server_hlc(store, conn)
        batch: list[dict[str, Any]] = []
        for entity, entity_id, customer_id, data in rows:
            batch.append({
                "entity": entity, "id": entity_id, "rank": rank_of(entity),
                "customer_id": customer_id, "audience_id": None, "seq": seq, "version": 1,
                "data": orjson.dumps(data).decode(),
                "field_seq": orjson.dumps(dict.fromkeys(data, seq)).decode(),
                "field_hlc": orjson.dumps(dict.fromkeys(data, hlc)).decode(),
                "deleted_seq": None})
            if len(batch) >= 5000:
                conn.execute(insert(records), batch)
                batch = []
        if batch:
            conn.execute(insert(records), batch)
        if owners:
            conn.execute(insert(assignments), [
                {"customer_id": c, "rep_id": r, "from_seq": seq, "to_seq": None}
                for c, r in owners.items()])
    return seq


def deactivate(store: Store, username: str) -> None:
    disable_user(store, username)
