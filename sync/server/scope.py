"""Who may see which customers, as of a given seq.

A rep's scope is the customers assigned to them (``assignments`` with ``from_seq <= H`` and no
``to_seq`` at or before H); a manager's is the union over their team; an admin sees everything.
Everything hanging off a customer (contacts, opportunities, stage history, activities, quotes,
quote lines, conflicts) shares its ``customer_id`` and so its scope. The catalog (teams, users,
products, ref_values) has no customer and is readable by all; no replica writes it through a
push (admins change it with ``fieldsales-server``; managers upload products through the catalog
endpoint, sync/server/catalog_api.py).
"""

from __future__ import annotations

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    insert,
    or_,
    select,
    update,
)

from sync.server.auth import Principal
from sync.server.tables import accounts, assignments


def scope_reps(conn: Connection, who: Principal) -> list[str] | None:
    """User ids whose customers ``who`` sees; None means all customers (admin)."""
    if who.role == "admin":
        return None
    if who.role == "manager" and who.team_id:
        reps = [str(r) for r in conn.scalars(
            select(accounts.c.id).where(accounts.c.team_id == who.team_id))]
        return sorted({*reps, who.user_id})
    return [who.user_id]


# A value or a bound parameter (statements built once take their values at execution).
Seq = int | BindParameter[int]


def _active_at(high_seq: Seq | None) -> ColumnElement[bool]:
    if high_seq is None:
        return assignments.c.to_seq.is_(None)
    return and_(assignments.c.from_seq <= high_seq,
                or_(assignments.c.to_seq.is_(None), assignments.c.to_seq > high_seq))


def customers_query(reps: list[str] | BindParameter[list[str]],
                    high_seq: Seq | None = None) -> Select[tuple[str]]:
    """Customer ids assigned to ``reps`` as of ``high_seq`` (None: now)."""
    return select(assignments.c.customer_id).where(
        assignments.c.rep_id.in_(reps), _active_at(high_seq))


def customers_bound() -> Select[tuple[str]]:
    """:func:`customers_query` with ``:reps`` (a list) and ``:high`` left as parameters, for
    statements built once and run many times."""
    return customers_query(bindparam("reps", expanding=True), bindparam("high"))


def entrants_bound() -> Select[tuple[str]]:
    """Customers that entered the scope of ``:reps`` in ``(:since, :high]`` and are still in
    it at high."""
    return customers_bound().where(assignments.c.from_seq > bindparam("since"))


def exits(conn: Connection, reps: list[str], since: int, high_seq: int) -> list[str]:
    """Customers that left the scope in ``(since, high]`` and are not back in it at high."""
    params = {"reps": reps, "since": since, "high": high_seq}
    left = set(conn.scalars(_LEFT, params))
    if not left:
        return []
    still = set(conn.scalars(_STILL, {**params, "ids": sorted(left)}))
    return sorted(left - still)


# Built once (every incremental pull runs them; building a statement per call cost more than
# running it).
_LEFT = select(assignments.c.customer_id).where(
    assignments.c.rep_id.in_(bindparam("reps", expanding=True)),
    assignments.c.to_seq > bindparam("since"), assignments.c.to_seq <= bindparam("high"))
_STILL = customers_bound().where(assignments.c.customer_id.in_(
    bindparam("ids", expanding=True)))


def in_scope(conn: Connection, who: Principal, customer_id: str) -> bool:
    reps = scope_reps(conn, who)
    if reps is None:
        return True
    return conn.scalar(customers_query(reps).where(
        assignments.c.customer_id == customer_id).limit(1)) is not None


def ever_in_scope(conn: Connection, who: Principal, customer_id: str) -> bool:
    reps = scope_reps(conn, who)
    if reps is None:
        return True
    return conn.scalar(select(assignments.c.customer_id).where(
        assignments.c.rep_id.in_(reps), assignments.c.customer_id == customer_id)
        .limit(1)) is not None


def current_owner(conn: Connection, customer_id: str) -> str | None:
    return conn.scalar(select(assignments.c.rep_id).where(
        assignments.c.customer_id == customer_id, assignments.c.to_seq.is_(None)).limit(1))


def in_scope_many(conn: Connection, who: Principal, customer_ids: set[str]) -> set[str]:
    """The subset of ``customer_ids`` currently in ``who``'s scope."""
    if not customer_ids:
        return set()
    reps = scope_reps(conn, who)
    if reps is None:
        return set(customer_ids)
    found: set[str] = set()
    ids = sorted(customer_ids)
    for start in range(0, len(ids), 500):
        found.update(conn.scalars(_IN_SCOPE, {"reps": reps, "ids": ids[start:start + 500]}))
    return found


_IN_SCOPE = select(assignments.c.customer_id).where(
    assignments.c.rep_id.in_(bindparam("reps", expanding=True)),
    assignments.c.to_seq.is_(None), assignments.c.customer_id.in_(bindparam("ids", expanding=True)))


def reassign(conn: Connection, customer_id: str, rep_id: str | None, seq: int) -> None:
    """Close the customer's open assignment at ``seq`` and open one for ``rep_id`` (None: the
    customer goes to the pool and belongs to nobody). The pull feed turns the closed one into
    a ``scope_exit`` for the old owner and the new one into an ``enter`` for the new owner."""
    conn.execute(update(assignments).where(assignments.c.customer_id == customer_id,
                                           assignments.c.to_seq.is_(None)).values(to_seq=seq))
    if rep_id is not None:
        conn.execute(insert(assignments).values(customer_id=customer_id, rep_id=rep_id,
                                                from_seq=seq, to_seq=None))


def reassign_many(conn: Connection, moves: dict[str, str | None], seq: int) -> None:
    """:func:`reassign` for many customers at one seq, in a few statements."""
    ids = sorted(moves)
    for start in range(0, len(ids), 400):
        conn.execute(update(assignments).where(
            assignments.c.customer_id.in_(ids[start:start + 400]),
            assignments.c.to_seq.is_(None)).values(to_seq=seq))
    opened = [{"customer_id": c, "rep_id": r, "from_seq": seq, "to_seq": None}
              for c, r in sorted(moves.items()) if r is not None]
    if opened:
        conn.execute(insert(assignments), opened)
