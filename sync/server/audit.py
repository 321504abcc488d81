"""The audit log: who signed in (or failed to), approved, reassigned, deleted, revoked.

Rows are written in the same transaction as the act they record (a failed login is its own
small transaction), so the log never claims something that was rolled back.
``fieldsales-server audit`` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Connection, insert, select

from sync.server.tables import audit_log

ACTIONS = ("login", "login_failed", "login_locked", "logout", "refresh", "approval",
           "reassign", "delete", "restore", "user_add", "user_revoke", "user_disable",
           "device_revoke", "policy_set", "pool_claim", "pool_return", "pool_recycle",
           "pool_reverse", "pool_protect", "pool_settings", "catalog_upload",
           "catalog_import")


@dataclass(frozen=True)
class Entry:
    at: datetime
    action: str
    actor: str | None
    target: str | None
    detail: dict[str, Any]
    ip: str | None


def record(conn: Connection, action: str, *, actor_id: str | None = None,
           actor: str | None = None, target: str | None = None,
           detail: dict[str, Any] | None = None, ip: str | None = None) -> None:
    conn.execute(insert(audit_log).values(
        at=datetime.now(UTC), action=action, actor_id=actor_id, actor=actor,
        target=None if target is None else target[:200],
        detail=orjson.dumps(detail or {}, default=str).decode(), ip=ip))


def record_many(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Several entries at once (one push can delete or approve many records)."""
    if not rows:
        return
    now = datetime.now(UTC)
    conn.execute(insert(audit_log), [{
        "at": now, "action": r["action"], "actor_id": r.get("actor_id"),
        "actor": r.get("actor"), "target": r.get("target"),
        "detail": orjson.dumps(r.get("detail") or {}, default=str).decode(),
        "ip": r.get("ip")} for r in rows])


def entries(conn: Connection, *, limit: int = 100, action: str | None = None) -> list[Entry]:
    """The newest ``limit`` entries, oldest first."""
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if action:
        query = query.where(audit_log.c.action == action)
    rows = list(conn.execute(query))
    rows.reverse()
    return [Entry(at=r.at if r.at.tzinfo else r.at.replace(tzinfo=UTC), action=r.action,
                  actor=r.actor, target=r.target, detail=orjson.loads(r.detail or "{}"),
                  ip=r.ip) for r in rows]


def format_entry(entry: Entry) -> str:
    detail = " ".join(f"{k}={v}" for k, v in sorted(entry.detail.items()))
    parts = [entry.at.strftime("%Y-%m-%d %H:%M:%S"), entry.action, entry.actor or "-",
             entry.target or "-", entry.ip or "-", detail]
    return "  ".join(p for p in parts if p)
