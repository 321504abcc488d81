"""Applying pull pages to the replica, each page and its cursor in ONE SQLite transaction.

* Upserts apply only when the incoming seq is newer than the row's ``server_seq``, so a replayed
  page changes nothing. A re-snapshot (after 410 or a checksum mismatch) overwrites instead.
* Rows with pending outbox entries are rebased: server state is written, then the pending
  changes are replayed on top, so the visible row is server state plus the unsent edits and a
  pull is never blocked by pending uploads. (The design keeps server values of edited fields in
  a ``base`` column; the replica schema has none, and the server keeps every losing value in a
  conflict record anyway, so replaying the outbox gives the same visible row without it.)
* ``PRAGMA defer_foreign_keys`` lets a page arrive in any order inside its transaction; rows
  are still written in entity ``rank`` order (parents first).
* ``scope_exit`` purges a customer's subtree but keeps outbox entries (they become
  ``edit_after_reassign`` conflicts on push) and conflicts addressed to this user.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, select

from app.entities import ENTITIES
from app.models import OutboxEntry
from sync.checksum import table_checksum
from sync.client.columns import codec

SCOPED = sorted((s for s in ENTITIES.values() if s.scoped), key=lambda s: -s.rank)


def pending_keys(conn: Connection) -> set[tuple[str, str]]:
    return {(str(e), str(i)) for e, i in conn.execute(
        select(OutboxEntry.entity, OutboxEntry.entity_id))}


def purge_customers(conn: Connection, customer_ids: Iterable[str], me: str | None) -> int:
    """Delete the subtrees of customers that left the scope (children first)."""
    ids = list(customer_ids)
    removed = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for spec in SCOPED:
            if spec.name == "customers":
                sql = f"DELETE FROM customers WHERE id IN ({marks})"
                params: tuple[Any, ...] = tuple(chunk)
            elif spec.name == "conflicts":
                sql = (f"DELETE FROM conflicts WHERE customer_id IN ({marks}) "
                       "AND (other_user_id IS NULL OR other_user_id != ?)")
                params = (*chunk, me or "")
            else:
                sql = f"DELETE FROM {spec.table} WHERE customer_id IN ({marks})"
                params = tuple(chunk)
            removed += conn.exec_driver_sql(sql, params).rowcount or 0
    return removed


def replay_pending(conn: Connection, keys: Iterable[tuple[str, str]]) -> None:
    """Lay pending outbox changes of these rows over the server state just written."""
    wanted = set(keys)
    if not wanted:
        return
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    ids = sorted({i for _e, i in wanted})
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = conn.execute(select(OutboxEntry.entity, OutboxEntry.entity_id,
                                   OutboxEntry.fields)
                            .where(OutboxEntry.entity_id.in_(chunk))
                            .order_by(OutboxEntry.client_seq))
        for entity, entity_id, fields in rows:
            if (entity, entity_id) in wanted:
                by_key[(entity, entity_id)].append(fields or {})
    for (entity, entity_id), changes in by_key.items():
        if entity not in ENTITIES:
            continue
        table = codec(entity)
        merged: dict[str, Any] = {}
        for fields in changes:
            merged.update({k: v for k, v in fields.items() if k in table.fields})
        if not merged:
            continue
        sets = ", ".join(f"{name} = ?" for name in merged)
        values = [table.convert(name, value) for name, value in merged.items()]
        conn.exec_driver_sql(f"UPDATE {table.table} SET {sets} WHERE id = ?",
                             (*values, entity_id))


def apply_puts(conn: Connection, puts: list[dict[str, Any]], *, force: bool,
               pending: set[tuple[str, str]]) -> int:
    """Upsert the page's rows (parents first) and rebase rows with pending edits."""
    groups: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    touched_pending: list[tuple[str, str]] = []
    for put in puts:
        entity = put["e"]
        if entity not in ENTITIES:
            continue  # a newer server's entity: ignored (additive protocol)
        groups[entity].append(codec(entity).row(put["id"], int(put["s"]), put["d"]))
        if (entity, put["id"]) in pending:
            touched_pending.append((entity, put["id"]))
    written = 0
    for entity in sorted(groups, key=lambda e: ENTITIES[e].rank):
        table = codec(entity)
        conn.exec_driver_sql(table.force_sql if force else table.upsert_sql, groups[entity])
        written += len(groups[entity])
    replay_pending(conn, touched_pending)
    return written


def local_checksums(conn: Connection, entities: Iterable[str]) -> dict[str, tuple[int, str]]:
    result = {}
    for entity in entities:
        if entity not in ENTITIES:
            continue
        rows = conn.exec_driver_sql(
            f"SELECT id, server_seq FROM {ENTITIES[entity].table} WHERE server_seq > 0")
        result[entity] = table_checksum((str(i), int(s)) for i, s in rows)
    return result


def drop_unseen(conn: Connection, entities: Iterable[str], seen: set[tuple[str, str]],
                pending: set[tuple[str, str]]) -> int:
    """After a re-snapshot: remove rows the server no longer has for us (never pending ones)."""
    removed = 0
    for entity in sorted(entities, key=lambda e: -ENTITIES[e].rank if e in ENTITIES else 0):
        if entity not in ENTITIES:
            continue
        table = ENTITIES[entity].table
        stale = [str(i) for (i,) in conn.exec_driver_sql(
            f"SELECT id FROM {table} WHERE server_seq > 0")
            if (entity, str(i)) not in seen and (entity, str(i)) not in pending]
        for start in range(0, len(stale), 500):
            chunk = stale[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            removed += conn.exec_driver_sql(
                f"DELETE FROM {table} WHERE id IN ({marks})", tuple(chunk)).rowcount or 0
    return removed


def clear_outbox_upto(conn: Connection, acked: int) -> int:
    result = conn.execute(delete(OutboxEntry).where(OutboxEntry.client_seq <= acked))
    return int(result.rowcount or 0)
