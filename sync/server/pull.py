"""``GET /sync/v1/pull``: the change feed, filtered by scope, in pages.

A pull session covers the window ``(since, high]``; ``high`` is pinned on its first page.

* ``enter`` phase: customers that entered the scope in the window (on an initial sync, all of
  them) are sent whole, keyset-ordered by ``(rank, id)`` so parents precede children. On the
  first page, customers that left the scope are listed in ``scope_exit``.
* ``tail`` phase: every other in-scope row with ``seq`` in the window, ordered by
  ``(seq, rank, id)``; plus catalog rows and conflicts addressed to this user.
* A row's parent (a contact's customer, a quote line's quote) that changed later than the page
  reaches is added to the page as well, so every page can be committed with foreign keys on.
* The last page carries per-table checksums on a (re)snapshot and whenever the client asks
  (``verify=true``; the engine asks every ``VERIFY_EVERY`` minutes, since hashing the whole
  scope costs ~0.3 s per side for 75k rows), unless a row in scope changed after ``high``
  (the replica could not match then; the next verified pull does).

Pages are built as JSON text around the stored ``data`` text, so a 2 000-row page is never
decoded and re-encoded on the server.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import cache
from typing import Any

import orjson
from sqlalchemy import (
    BindParameter,
    Connection,
    Select,
    and_,
    bindparam,
    false,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.sql.elements import ColumnElement

from app.entities import ENTITIES
from sync import faults
from sync.checksum import row_hash
from sync.server import scope
from sync.server.auth import Principal, authenticate
from sync.server.cursor import Cursor, encode
from sync.server.push import server_clock
from sync.server.store import Store
from sync.server.tables import records


class ResnapshotRequiredError(Exception):
    pass


def _foreign_keys() -> dict[str, list[tuple[str, str]]]:
    """entity -> [(field, parent entity)] from the replica models' foreign keys."""
    by_table = {spec.table: spec.name for spec in ENTITIES.values()}
    result: dict[str, list[tuple[str, str]]] = {}
    for spec in ENTITIES.values():
        refs = []
        for column in spec.model.__table__.columns:
            for fk in column.foreign_keys:
                parent = by_table.get(fk.column.table.name)
                if parent is not None:
                    refs.append((column.key, parent))
        if refs:
            result[spec.name] = refs
    return result


_FKS = _foreign_keys()
_LITERAL_LIMIT = 500
_COLS = (records.c.entity, records.c.id, records.c.seq, records.c.data, records.c.rank)
Row = tuple[str, str, int, str, int]


# Records without a customer that are addressed to one user (``audience_id``): conflicts whose
# loser must see them, and a rep's pool requests.
_PRIVATE = ("conflicts", "pool_requests")


# A value, or a bound parameter for the statements built once (below).
Text = str | BindParameter[str]


def _catalog(team_id: Text | None) -> ColumnElement[bool]:
    """Rows without a customer: for everyone, or (``audience_id`` = a team) for that team
    (the team's pool and its pool parameters)."""
    team = records.c.audience_id == team_id if team_id is not None else false()
    return and_(records.c.customer_id.is_(None), records.c.entity.not_in(_PRIVATE),
                or_(records.c.audience_id.is_(None), team))


def _addressed(user_id: Text) -> ColumnElement[bool]:
    return and_(records.c.entity.in_(_PRIVATE), records.c.audience_id == user_id)


def _scope_filter(who: Principal, reps: list[str] | None, high: int) -> ColumnElement[bool]:
    """Rows readable by ``who`` as of ``high``."""
    if reps is None:
        return true()
    return or_(records.c.customer_id.in_(scope.customers_query(reps, high)),
               _catalog(who.team_id or None), _addressed(who.user_id))


# -- the page queries ------------------------------------------------------------------------
# Built once per shape with bound parameters, never per request: SQLAlchemy memoizes a
# statement's cache key on the statement object, while building the statements anew and
# computing their keys took a third of a pull's server CPU under 200 concurrent reps.
Query = tuple[Select[Any], dict[str, Any]]


_ENTRANTS = scope.entrants_bound().limit(_LITERAL_LIMIT + 1)


def _only_bound(only: bool) -> ColumnElement[bool]:
    return records.c.entity.in_(bindparam("only", expanding=True)) if only else true()


@cache
def _enter_statement(where: str, keyed: bool, only: bool) -> Select[Any]:
    """``where``: ``all`` (an admin's snapshot), ``scope`` (entrants by subquery) or ``ids``
    (a literal list of entrants, ``:ids``)."""
    cond: ColumnElement[bool] = true() if where == "all" else records.c.customer_id.in_(
        scope.entrants_bound() if where == "scope" else bindparam("ids", expanding=True))
    query = select(*_COLS).where(cond, _only_bound(only))
    if keyed:
        query = query.where(tuple_(records.c.rank, records.c.id)
                            > tuple_(bindparam("k_rank"), bindparam("k_id")))
    if where == "ids":
        # A few customers: their rows come by the customer_id index, then get sorted.
        # Without the fence (OFFSET 0 keeps PostgreSQL from pushing ORDER BY … LIMIT into
        # it) the planner walked the (rank, id) index over the whole table to skip the sort:
        # 6 ms of PostgreSQL CPU per incremental pull with 16k rows, growing with the table.
        fenced = query.offset(0).subquery()
        return select(*fenced.c).order_by(fenced.c.rank, fenced.c.id).limit(
            bindparam("lim"))
    return query.order_by(records.c.rank, records.c.id).limit(bindparam("lim"))


@cache
def _tail_statement(admin: bool, incremental: bool, keyed: bool, only: bool,
                    team: bool) -> Select[Any]:
    without_customer = (_catalog(bindparam("team") if team else None),
                        _addressed(bindparam("user")))
    where: ColumnElement[bool]
    if admin:
        where = true()
    elif incremental:
        where = or_(and_(records.c.customer_id.in_(scope.customers_bound()),
                         records.c.customer_id.not_in(scope.entrants_bound())),
                    *without_customer)
    else:
        where = or_(*without_customer)
    query = select(*_COLS).where(records.c.seq > bindparam("since"),
                                 records.c.seq <= bindparam("high"), where, _only_bound(only))
    if keyed:
        query = query.where(tuple_(records.c.seq, records.c.rank, records.c.id)
                            > tuple_(bindparam("k_seq"), bindparam("k_rank"),
                                     bindparam("k_id")))
    return query.order_by(records.c.seq, records.c.rank, records.c.id).limit(
        bindparam("lim"))


def _custom_plans(conn: Connection) -> None:
    """Plan this transaction's statements for their actual values. A snapshot page's
    statement is prepared (psycopg, after 5 runs) and PostgreSQL then switches to a generic
    plan that cannot see the keyset position: 40-50 ms of PostgreSQL CPU per 2 000-row page of
    a 5 000-customer rep instead of 8 ms (initial sync: 1.4 s of it instead of 0.24 s)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")


def _params(cur: Cursor, who: Principal, reps: list[str] | None, high: int,
            key: tuple[str, ...]) -> dict[str, Any]:
    params: dict[str, Any] = {"since": cur.since, "high": high, "user": who.user_id,
                              "team": who.team_id}
    if reps is not None:
        params["reps"] = reps
    if cur.only:
        params["only"] = list(cur.only)
    if cur.key is not None:
        params.update(zip(key, cur.key, strict=True))
    return params


def _enter_query(conn: Connection, cur: Cursor, who: Principal, reps: list[str] | None,
                 high: int) -> Query | None:
    params = _params(cur, who, reps, high, ("k_rank", "k_id"))
    if reps is None:
        if cur.since > 0:
            return None  # an admin sees everything through the tail
        where = "all"
    elif cur.since > 0:
        # Usually a handful: a literal list lets the planner use (customer_id, seq)
        # instead of walking the whole (rank, id) index with a semi-join.
        found = list(conn.scalars(_ENTRANTS, params))
        if not found:
            return None
        where = "scope"
        if len(found) <= _LITERAL_LIMIT:
            where, params["ids"] = "ids", found
    else:
        where = "scope"
    return _enter_statement(where, cur.key is not None, bool(cur.only)), params


def _tail_query(cur: Cursor, who: Principal, reps: list[str] | None,
                high: int) -> Query | None:
    if reps is None and cur.since == 0:
        return None  # the enter phase already sent everything
    statement = _tail_statement(reps is None, cur.since > 0, cur.key is not None,
                                bool(cur.only), bool(who.team_id))
    return statement, _params(cur, who, reps, high, ("k_seq", "k_rank", "k_id"))


def _parents(conn: Connection, rows: list[Row], min_seq: dict[str, int],
             in_page: set[tuple[str, str]]) -> list[Row]:
    """Parents referenced by ``rows`` that the client may not have yet (see module doc)."""
    wanted: dict[tuple[str, str], int] = {}
    for entity, _id, _seq, data, _rank in rows:
        refs = _FKS.get(entity)
        if not refs:
            continue
        values = orjson.loads(data)
        for field, parent in refs:
            pid = values.get(field)
            if isinstance(pid, str) and (parent, pid) not in in_page:
                floor = min_seq[entity]
                wanted[(parent, pid)] = min(wanted.get((parent, pid), floor), floor)
    if not wanted:
        return []
    found: list[Row] = []
    keys = sorted(wanted)
    for start in range(0, len(keys), 400):
        chunk = keys[start:start + 400]
        for row in conn.execute(select(*_COLS).where(
                tuple_(records.c.entity, records.c.id).in_(chunk))):
            entity, rid, seq, data, rank = row
            if int(seq) > wanted[(entity, rid)]:
                found.append((entity, rid, int(seq), data, rank))
    return found


def _checksums(conn: Connection, who: Principal, reps: list[str] | None, high: int,
               only: tuple[str, ...] | None) -> dict[str, dict[str, Any]] | None:
    query = select(records.c.entity, records.c.id, records.c.seq).where(
        _scope_filter(who, reps, high))
    if only:
        query = query.where(records.c.entity.in_(only))
    counts: dict[str, int] = defaultdict(int)
    xors: dict[str, int] = defaultdict(int)
    for entity, rid, seq in conn.execute(query):
        if int(seq) > high:
            return None  # changed while we paged: the next pull verifies
        counts[entity] += 1
        xors[entity] ^= row_hash(rid, int(seq))
    names = only or tuple(ENTITIES)
    return {name: {"count": counts.get(name, 0), "xor": f"{xors.get(name, 0):016x}"}
            for name in names}


def build_page(store: Store, token: str, cur: Cursor, *, limit: int,
               verify: bool = False) -> bytes:
    """One page of the feed for the bearer of ``token`` as JSON bytes (the shape of
    ``sync.protocol.PullPage``); the token is checked in the page's own transaction."""
    with store.read() as conn:
        who = authenticate(conn, token)
        epoch, horizon, stored_hlc = store.meta(conn)
        secret = store.cursor_secret()
        if not cur.epoch:
            cur = replace(cur, epoch=epoch)
        if cur.epoch != epoch or (cur.since > 0 and cur.since < horizon):
            raise ResnapshotRequiredError
        scope_exit: list[str] = []
        reps = scope.scope_reps(conn, who)
        if cur.phase == "start":
            high = store.current_seq(conn)
            if high <= cur.since and not verify:
                return _page(epoch, cur.since, [], [], stored_hlc, encode(cur, secret),
                             False, None)
            if reps is not None and cur.since > 0:
                scope_exit = scope.exits(conn, reps, cur.since, high)
            cur = Cursor(epoch=epoch, since=cur.since, high=high, phase="enter",
                         only=cur.only)
        high = int(cur.high or 0)
        rows: list[Row] = []
        extra: list[Row] = []  # rows whose parents must be checked
        min_seq: dict[str, int] = {}
        planned = False
        while cur.phase != "done" and len(rows) < limit:
            room = limit - len(rows)
            if cur.phase == "enter":
                if cur.since == 0 and not planned:
                    _custom_plans(conn)
                    planned = True
                query = _enter_query(conn, cur, who, reps, high)
                got: list[Row] = [] if query is None else [
                    (e, i, int(s), d, int(r)) for e, i, s, d, r in
                    conn.execute(query[0], {**query[1], "lim": room + 1})]
                # Keyset order sends parents first; only rows created after ``high`` (rare)
                # may reference a parent the keyset already passed.
                late = [row for row in got[:room] if row[2] > high]
                if late:
                    extra.extend(late)
                    for row in late:
                        min_seq.setdefault(row[0], high)
                if len(got) > room:
                    got = got[:room]
                    cur = cur.at("enter", (got[-1][4], got[-1][1]))
                else:
                    cur = cur.at("tail", None)
            else:
                query = _tail_query(cur, who, reps, high)
                got = [] if query is None else [
                    (e, i, int(s), d, int(r)) for e, i, s, d, r in
                    conn.execute(query[0], {**query[1], "lim": room + 1})]
                if len(got) > room:
                    got = got[:room]
                    cur = cur.at("tail", (got[-1][2], got[-1][4], got[-1][1]))
                else:
                    cur = cur.at("done", None)
                if got:
                    last_seq = got[-1][2]
                    extra.extend(got)
                    for row in got:
                        min_seq[row[0]] = min(min_seq.get(row[0], last_seq), last_seq)
            rows.extend(got)
        rows.extend(_parents(conn, extra, min_seq, {(r[0], r[1]) for r in rows}))
        has_more = cur.phase != "done"
        checksums = None
        if not has_more and (cur.since == 0 or verify):
            checksums = _checksums(conn, who, reps, high, cur.only)
        if has_more:
            next_cursor = encode(cur, secret)
        else:
            next_cursor = encode(Cursor(epoch=epoch, since=high), secret)
        server_hlc = server_clock(stored_hlc).tick().encode()
    page = _page(epoch, high, rows, scope_exit, server_hlc, next_cursor, has_more, checksums)
    if has_more:
        faults.reach("pull.between_pages")
    return page


def _page(epoch: str, high: int, rows: list[Row], scope_exit: list[str], server_hlc: str,
          next_cursor: str, has_more: bool,
          checksums: dict[str, dict[str, Any]] | None) -> bytes:
    puts = b",".join(
        b'{"e":"%s","id":%s,"s":%d,"d":%s}' % (e.encode(), orjson.dumps(i), s, d.encode())
        for e, i, s, d, _r in rows)
    head = orjson.dumps({"epoch": epoch, "high_seq": high, "scope_exit": scope_exit,
                         "server_hlc": server_hlc, "next_cursor": next_cursor,
                         "has_more": has_more, "checksums": checksums})
    return head[:-1] + b',"puts":[' + puts + b"]}"
