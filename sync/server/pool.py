"""The shared customer pool (公海) on the server: claims, returns, protection, recycling.

The server is the only one that moves customers in and out of the pool (business rules §5.5);
the decisions are the pure rules of :mod:`app.pool`, fed from the server's state:

* a rep's ``pool_requests`` row (claim / return / protect, made offline or online) is decided
  in the push that carries it, under the customer's row lock, so the first request the server
  receives wins; a claim for a customer another rep already got is refused with ``taken``;
* :func:`recycle` returns due customers (no follow-up N days, no won deal M days, the 24-hour
  high-value rule plus grace, protection expiry); the server runs it every
  ``Settings.pool_recycle_interval_s`` and ``fieldsales-server pool recycle`` runs it once;
* a follow-up logged offline before the recycle deadline and pushed afterwards reverses the
  recycle (:meth:`Pool.reverse_if_honoured`), unless another rep claimed the customer first.

Ownership moves through the ``assignments`` table (:func:`sync.server.scope.reassign`), so the
pull feed's scope machinery purges the customer's subtree from the old owner's replica and
sends it whole to the new owner. While pooled, a customer belongs to nobody; its team sees the
limited ``pool_customers`` row. Every transition writes a ``pool_events`` record (history that
travels with the customer) and an audit entry.

Pool parameters are per team: ``ref_values`` rows of list ``pool_policy`` addressed to the
team (``audience_id``), in the text form :func:`app.pool.parse_setting` reads, so the replica's
offline countdown (``app.pool_countdown``) uses the very numbers the server applies.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import orjson
from sqlalchemy import Connection, delete, insert, select

from app.enums import FOLLOW_UP_KINDS, OPEN_STAGES, CustomerLevel, Stage
from app.ids import deterministic_id
from app.pool import (
    SETTING_NAMES,
    ClaimRefusal,
    Deadline,
    OwnedCustomer,
    PoolEntry,
    PoolSettings,
    RecycleReason,
    RepState,
    decide_claim,
    honours_offline_follow_up,
    is_due,
    parse_setting,
    protection_allowed,
    setting_text,
    settings_from,
)
from app.pool_countdown import POLICY_LIST
from app.rules import HIGH_VALUE_AMOUNT
from sync.protocol import MAX_FUTURE_MS
from sync.server import audit, scope
from sync.server.records import Record, load, new_record, save
from sync.server.records import put as put_record
from sync.server.store import Store
from sync.server.tables import accounts, assignments, pool_claims, pool_state, records

log = logging.getLogger(__name__)

# A device clock may run this far ahead and its follow-up still counts as before the deadline:
# the same bound the server uses to clamp client HLCs.
ALLOWED_SKEW = timedelta(milliseconds=MAX_FUTURE_MS)
RULE_VERSION = 1
TAKEN = "taken"  # the refusal a rep sees when another rep's claim reached the server first
# The audience of a pool entry whose last owner had no team: no rep's pull matches it (only
# admins, who see everything), so a team-less customer never leaks to every team.
NO_TEAM = "-"
RETURN_REASONS = "pool_return_reason"
# Standard return reasons (codes, EN, ZH) offered by the app's return dialog.
STANDARD_RETURN_REASONS = (
    ("no_need", "No need / not interested", "无需求"),
    ("no_contact", "Cannot reach the customer", "联系不上"),
    ("no_budget", "No budget", "没有预算"),
    ("competitor", "Chose a competitor", "已选择竞争对手"),
    ("wrong_fit", "Not our target customer", "非目标客户"),
    ("other", "Other", "其他"),
)


class PoolError(Exception):
    """A bad pool command (unknown team, bad setting value)."""


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _time(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# -- settings --------------------------------------------------------------------------------
def setting_id(team_id: str, name: str) -> str:
    return deterministic_id(POLICY_LIST, team_id, name)


def load_settings(conn: Connection, team_id: str | None) -> PoolSettings:
    """The team's parameters as stored (seed defaults for settings never set)."""
    if not team_id:
        return PoolSettings()
    ids = [setting_id(team_id, name) for name in SETTING_NAMES]
    values: dict[str, str] = {}
    for (data,) in conn.execute(select(records.c.data).where(
            records.c.entity == "ref_values", records.c.id.in_(ids))):
        row = orjson.loads(data)
        if row.get("deleted_at") is None and not row.get("retired"):
            values[str(row.get("code"))] = str(row.get("label_en"))
    return settings_from(values)


def _team_id(conn: Connection, team: str) -> str:
    """A team by name (or id) as the CLI names it."""
    from sync.server.admin import team_id_for  # admin imports this module's users

    for candidate in (team_id_for(team), team):
        if conn.scalar(select(records.c.id).where(records.c.entity == "teams",
                                                  records.c.id == candidate)):
            return candidate
    raise PoolError(f"no team {team!r}")


def show_settings(store: Store, team: str) -> PoolSettings:
    with store.read() as conn:
        return load_settings(conn, _team_id(conn, team))


def set_settings(store: Store, team: str, values: dict[str, str]) -> PoolSettings:
    """Set some of a team's pool parameters (text form, e.g. ``{"cool_down": "12"}``); they
    reach the team's replicas as ``ref_values`` rows through the ordinary pull feed."""
    if not values:
        raise PoolError("nothing to set")
    for name, text in values.items():
        try:
            parse_setting(name, text)
        except ValueError as exc:
            raise PoolError(str(exc)) from exc
    with store.write() as conn:
        team_id = _team_id(conn, team)
        seq = store.next_seq(conn)
        hlc = _server_hlc(store, conn)
        now = _iso(store.clock())
        for position, name in enumerate(SETTING_NAMES):
            if name in values:
                canonical = replace(PoolSettings(), **{name: parse_setting(name, values[name])})
                text = setting_text(canonical, name)
                put_record(conn, seq, hlc, "ref_values", setting_id(team_id, name), {
                    "list_name": POLICY_LIST, "code": name, "label_en": text, "label_zh": text,
                    "position": position, "retired": False, "created_at": now,
                    "updated_at": now, "deleted_at": None}, audience_id=team_id)
        ensure_return_reasons(conn, seq, hlc, now)
        audit.record(conn, "pool_settings", actor="admin", target=team, detail=values)
        return load_settings(conn, team_id)


def ensure_return_reasons(conn: Connection, seq: int, hlc: str, now: str) -> int:
    """The standard return reasons (``ref_values`` list ``pool_return_reason``), once;
    returns how many rows were written."""
    written = 0
    for position, (code, en, zh) in enumerate(STANDARD_RETURN_REASONS):
        rid = deterministic_id(RETURN_REASONS, code)
        if conn.scalar(select(records.c.id).where(records.c.entity == "ref_values",
                                                  records.c.id == rid)) is None:
            put_record(conn, seq, hlc, "ref_values", rid, {
                "list_name": RETURN_REASONS, "code": code, "label_en": en, "label_zh": zh,
                "position": position, "retired": False, "created_at": now, "updated_at": now,
                "deleted_at": None})
            written += 1
    return written


def _server_hlc(store: Store, conn: Connection) -> str:
    from sync.server.push import server_clock

    hlc = server_clock(store.meta(conn)[2]).tick().encode()
    store.set_hlc(conn, hlc)
    return hlc


# -- the decisions ---------------------------------------------------------------------------
@dataclass
class Actor:
    user_id: str | None
    username: str


@dataclass
class Pool:
    """Pool decisions inside one server transaction, applied to locked records in memory.

    ``recs`` may be shared with the push's merger (which stamps and saves them); ``seq`` is the
    push's placeholder seq there. :meth:`flush` writes the rest (assignments, pool state,
    claims, audit) once the real seq is known.
    """

    conn: Connection
    recs: dict[tuple[str, str], Record]
    tick: Callable[[], str]
    now: datetime
    seq: int
    owners: dict[str, str | None] = field(default_factory=dict)  # pending owner changes
    states: dict[str, dict[str, Any]] = field(default_factory=dict)
    claims: list[tuple[str, str, bool]] = field(default_factory=list)  # (rep, cust., counts)
    audit_rows: list[dict[str, Any]] = field(default_factory=list)
    _teams: dict[str, str | None] = field(default_factory=dict)
    _settings: dict[str | None, PoolSettings] = field(default_factory=dict)
    _current: dict[str, str | None] = field(default_factory=dict)  # owners read in preload
    _events: set[str] | None = None  # existing event ids of the preloaded customers

    def preload(self, customer_ids: list[str]) -> None:
        """Read (and lock) everything a batch of transitions needs in a few queries instead
        of several per customer (the recycle pass moves thousands at once)."""
        ids = sorted(set(customer_ids))
        keys = [(e, c) for c in ids for e in ("customers", "pool_customers")]
        self.recs.update(load(self.conn, keys, for_update=True))
        self._events = set()
        for start in range(0, len(ids), 400):
            chunk = ids[start:start + 400]
            self._current.update(dict.fromkeys(chunk))
            self._current.update({str(c): str(r) for c, r in self.conn.execute(
                select(assignments.c.customer_id, assignments.c.rep_id).where(
                    assignments.c.customer_id.in_(chunk), assignments.c.to_seq.is_(None)))})
            for row in self.conn.execute(select(pool_state).where(
                    pool_state.c.customer_id.in_(chunk))):
                state = dict(row._mapping)
                for name in ("pooled_at", "deadline_at", "claimed_at"):
                    state[name] = _time(state[name])
                self.states[str(row.customer_id)] = state
            self._events.update(str(i) for i in self.conn.scalars(select(records.c.id).where(
                records.c.entity == "pool_events", records.c.customer_id.in_(chunk))))

    # -- reading -----------------------------------------------------------------------
    def customer(self, customer_id: str) -> Record | None:
        key = ("customers", customer_id)
        if key not in self.recs and customer_id not in self._current:
            found = load(self.conn, [key], for_update=True).get(key)
            if found is None:
                return None
            self.recs[key] = found
        return self.recs.get(key)

    def state_of(self, customer_id: str) -> dict[str, Any] | None:
        if customer_id not in self.states and customer_id not in self._current:
            row = self.conn.execute(select(pool_state).where(
                pool_state.c.customer_id == customer_id)).first()
            if row is None:
                return None
            state = dict(row._mapping)
            for name in ("pooled_at", "deadline_at", "claimed_at"):
                state[name] = _time(state[name])
            self.states[customer_id] = state
        return self.states.get(customer_id)

    def owner_of(self, customer_id: str) -> str | None:
        if customer_id in self.owners:
            return self.owners[customer_id]
        if customer_id in self._current:
            return self._current[customer_id]
        return scope.current_owner(self.conn, customer_id)

    def team_of(self, user_id: str | None) -> str | None:
        if user_id is None:
            return None
        if user_id not in self._teams:
            self._teams[user_id] = self.conn.scalar(
                select(accounts.c.team_id).where(accounts.c.id == user_id))
        return self._teams[user_id]

    def settings(self, team_id: str | None) -> PoolSettings:
        if team_id not in self._settings:
            self._settings[team_id] = load_settings(self.conn, team_id)
        return self._settings[team_id]

    def has_won(self, customer_id: str) -> bool:
        """A won deal: claiming the customer does not count against the daily limit."""
        for (data,) in self.conn.execute(select(records.c.data).where(
                records.c.customer_id == customer_id, records.c.entity == "opportunities",
                records.c.deleted_seq.is_(None))):
            if orjson.loads(data).get("stage") == Stage.WON.value:
                return True
        return False

    def held(self, rep: str) -> set[str]:
        """The customers ``rep`` owns, counting this transaction's pending changes."""
        owned = set(self.conn.scalars(select(assignments.c.customer_id).where(
            assignments.c.rep_id == rep, assignments.c.to_seq.is_(None))))
        for customer_id, owner in self.owners.items():
            if owner == rep:
                owned.add(customer_id)
            else:
                owned.discard(customer_id)
        return owned

    def claims_since(self, rep: str, since: datetime) -> list[datetime]:
        found = [_time(t) for t in self.conn.scalars(select(pool_claims.c.at).where(
            pool_claims.c.rep_id == rep, pool_claims.c.at > since, pool_claims.c.counts == 1))]
        found += [self.now for who, _c, counts in self.claims if who == rep and counts]
        return [t for t in found if t is not None]

    # -- writing -----------------------------------------------------------------------
    def _set(self, rec: Record, values: dict[str, Any]) -> None:
        hlc = self.tick()
        changed = False
        for name, value in values.items():
            if rec.data.get(name) != value or name not in rec.data:
                rec.data[name] = value
                rec.field_seq[name] = self.seq
                rec.field_hlc[name] = hlc
                changed = True
        if changed or rec.new:
            rec.seq = self.seq
            if not rec.new:
                rec.version += 1
                rec.dirty = True

    def _record(self, entity: str, entity_id: str, data: dict[str, Any],
                customer_id: str | None = None, audience_id: str | None = None) -> Record:
        """Create or update a server-written record in this transaction."""
        key = (entity, entity_id)
        if key not in self.recs:
            preloaded = entity == "pool_customers" and entity_id in self._current
            found = None if preloaded else load(self.conn, [key], for_update=True).get(key)
            if found is None:
                self.recs[key] = new_record(entity, entity_id, customer_id, self.seq,
                                            self.tick(), data, audience_id)
                return self.recs[key]
            self.recs[key] = found
        rec = self.recs[key]
        rec.audience_id = audience_id
        self._set(rec, data)
        if rec.data.get("deleted_at") is None:
            rec.deleted_seq = None  # back in the pool after a claim: un-tombstoned
        return rec

    def _event(self, customer_id: str, kind: str, *, key: str, reason: str | None = None,
               from_owner: str | None = None, to_owner: str | None = None,
               note: str | None = None) -> None:
        eid = deterministic_id("pool_event", customer_id, kind, key)
        if ("pool_events", eid) in self.recs:
            return  # append-only and idempotent: the same event is never written twice
        if customer_id in self._current and self._events is not None:
            if eid in self._events:
                return
        elif load(self.conn, [("pool_events", eid)]):
            return
        stamp = _iso(self.now)
        rule = reason if reason and reason != RecycleReason.MANUAL_RETURN.value else None
        self.recs[("pool_events", eid)] = new_record("pool_events", eid, customer_id, self.seq,
                                                     self.tick(), {
            "customer_id": customer_id, "kind": kind, "reason": reason, "rule_id": rule,
            "rule_version": RULE_VERSION if rule else None, "from_owner": from_owner,
            "to_owner": to_owner, "at": stamp, "note": note, "created_at": stamp,
            "updated_at": stamp, "deleted_at": None})

    def _state(self, customer_id: str, **values: Any) -> None:
        state = self.state_of(customer_id) or {"customer_id": customer_id}
        state.update(values)
        self.states[customer_id] = state
        state["_dirty"] = True

    def _audit(self, action: str, actor: Actor, customer_id: str, **detail: Any) -> None:
        self.audit_rows.append({"action": action, "actor_id": actor.user_id,
                                "actor": actor.username, "target": f"customers:{customer_id}",
                                "detail": detail})

    def _move(self, customer_id: str, rep: str | None) -> None:
        self.owners[customer_id] = rep

    # -- transitions -------------------------------------------------------------------
    def release(self, rec: Record, reason: RecycleReason, actor: Actor, *,
                deadline: datetime | None = None, note: str | None = None) -> None:
        """Put a customer into its team's pool (manual return or recycle)."""
        owner = self.owner_of(rec.id) or rec.data.get("owner_id")
        team = self.team_of(owner) or (self.state_of(rec.id) or {}).get("team_id")
        stamp = _iso(self.now)
        self._set(rec, {"owner_id": None, "in_pool": True, "protected_until": None})
        self._move(rec.id, None)
        self._state(rec.id, team_id=team, in_pool=1, previous_owner=owner,
                    pooled_at=self.now, reason=reason.value, deadline_at=deadline,
                    claimed_by=None, claimed_at=None)
        self._record("pool_customers", rec.id, {
            "team_id": team, "full_name": rec.data.get("full_name") or "",
            "industry": rec.data.get("industry") or "", "region": rec.data.get("region") or "",
            "level": rec.data.get("level") or "", "pooled_at": stamp,
            "pooled_reason": reason.value, "previous_owner_id": owner,
            "won": self.has_won(rec.id),
            "created_at": stamp, "updated_at": stamp, "deleted_at": None},
            audience_id=team or NO_TEAM)
        manual = reason is RecycleReason.MANUAL_RETURN
        kind = ("returned" if manual else "protection_expired"
                if reason is RecycleReason.PROTECTION_EXPIRED else "recycled")
        self._event(rec.id, kind, key=stamp, reason=reason.value, from_owner=owner, note=note)
        self._audit("pool_return" if manual else "pool_recycle", actor, rec.id,
                    reason=reason.value, owner=owner, note=note,
                    deadline=None if deadline is None else _iso(deadline))

    def _leave_pool(self, rec: Record) -> None:
        pooled = self.recs.get(("pool_customers", rec.id))
        if pooled is None and rec.id not in self._current:
            pooled = load(self.conn, [("pool_customers", rec.id)], for_update=True).get(
                ("pool_customers", rec.id))
        if pooled is not None and not pooled.deleted:
            self.recs[("pool_customers", rec.id)] = pooled
            self._set(pooled, {"deleted_at": _iso(self.now)})
            pooled.deleted_seq = self.seq

    def take(self, rec: Record, rep: str, actor: Actor, *, claimed: bool = True) -> None:
        """The customer leaves the pool for ``rep`` (a granted claim or an admin's assign)."""
        self._set(rec, {"owner_id": rep, "in_pool": False, "assigned_at": _iso(self.now)})
        self._move(rec.id, rep)
        self._leave_pool(rec)
        if self.state_of(rec.id) is not None or claimed:
            self._state(rec.id, in_pool=0, claimed_by=rep if claimed else None,
                        claimed_at=self.now if claimed else None)
        if claimed:
            self.claims.append((rep, rec.id, not self.has_won(rec.id)))
            self._event(rec.id, "claimed", key=_iso(self.now), to_owner=rep,
                        from_owner=None, note=None)
            self._audit("pool_claim", actor, rec.id, rep=rep)

    def try_claim(self, rep: str, customer_id: str, actor: Actor) -> str | None:
        rec = self.customer(customer_id)
        if rec is None or rec.deleted:
            return ClaimRefusal.NOT_IN_POOL.value
        owner = self.owner_of(customer_id)
        if owner == rep:
            return None  # already theirs (a repeated request)
        state = self.state_of(customer_id)
        if state is None or not state.get("in_pool") or owner is not None:
            taken = state is not None and state.get("claimed_by") not in (None, rep)
            return TAKEN if taken else ClaimRefusal.NOT_IN_POOL.value
        team = state.get("team_id")
        if team is not None and self.team_of(rep) != team:
            return ClaimRefusal.NOT_IN_POOL.value  # another team's pool
        s = self.settings(team)
        recent = [] if self.has_won(customer_id) else self.claims_since(
            rep, self.now - timedelta(days=1))
        rep_state = RepState(len(self.held(rep)), recent)
        entry = PoolEntry(True, state.get("previous_owner"), state.get("pooled_at"))
        refusal = decide_claim(rep, rep_state, entry, self.now, s)
        if refusal is not None:
            return refusal.value
        self.take(rec, rep, actor)
        return None

    def try_return(self, rep: str, customer_id: str, reason: str | None,
                   actor: Actor) -> str | None:
        if not reason or not reason.strip():
            return "reason_required"
        rec = self.customer(customer_id)
        if rec is None or rec.deleted or self.owner_of(customer_id) != rep:
            return "not_owner"
        self.release(rec, RecycleReason.MANUAL_RETURN, actor, note=reason.strip())
        return None

    def try_protect(self, rep: str, customer_id: str, until: datetime | None,
                    actor: Actor) -> str | None:
        rec = self.customer(customer_id)
        if rec is None or rec.deleted or self.owner_of(customer_id) != rep:
            return "not_owner"
        if until is None or until <= self.now:
            return "max_protection"
        s = self.settings(self.team_of(rep))
        others = sorted(self.held(rep) - {customer_id})
        protected = sum(1 for r in load(self.conn, [("customers", c) for c in others]).values()
                        if (_time(r.data.get("protected_until")) or self.now) > self.now)
        if not protection_allowed(protected, until, self.now, s):
            return "max_protected" if protected >= s.max_protected else "max_protection"
        self._set(rec, {"protected_until": _iso(until)})
        self._event(customer_id, "protected", key=_iso(self.now), from_owner=rep, to_owner=rep,
                    note=f"until {_iso(until)}")
        self._audit("pool_protect", actor, customer_id, until=_iso(until))
        return None

    def decide(self, rep: str, data: dict[str, Any], actor: Actor) -> None:
        """Decide a pushed request in place (status, refusal, decided_at)."""
        kind = data.get("kind")
        customer_id = str(data.get("customer_id") or "")
        if kind == "claim":
            refusal = self.try_claim(rep, customer_id, actor)
        elif kind == "return":
            refusal = self.try_return(rep, customer_id, data.get("reason"), actor)
        elif kind == "protect":
            refusal = self.try_protect(rep, customer_id, _time(data.get("protect_until")), actor)
        else:
            refusal = "invalid"
        data.update(status="refused" if refusal else "granted", refusal=refusal,
                    decided_at=_iso(self.now))

    def reverse_if_honoured(self, rep: str, customer_id: str, follow_up_at: datetime,
                            actor: Actor) -> bool:
        """A follow-up logged offline before the recycle deadline: give the customer back to
        ``rep`` (True), or, when another rep already claimed it, record why not (False)."""
        state = self.state_of(customer_id)
        if state is None or state.get("previous_owner") != rep or \
                state.get("deadline_at") is None or state.get("pooled_at") is None:
            return False
        deadline = Deadline(state["deadline_at"], RecycleReason(state["reason"]))
        if not honours_offline_follow_up(state["pooled_at"], follow_up_at, deadline,
                                         ALLOWED_SKEW):
            return False
        rec = self.customer(customer_id)
        if rec is None:
            return False
        why = (f"follow-up at {_iso(follow_up_at)} was logged offline before the recycle "
               f"deadline {_iso(deadline.at)} ({deadline.reason.value})")
        if state.get("in_pool") and self.owner_of(customer_id) is None:
            # The follow-up resets the clocks here too, even if only the activity arrives.
            last = _time(rec.data.get("last_follow_up_at"))
            self._set(rec, {"owner_id": rep, "in_pool": False, "last_follow_up_at": _iso(
                follow_up_at if last is None or follow_up_at > last else last)})
            self._move(customer_id, rep)
            self._leave_pool(rec)
            self._state(customer_id, in_pool=0, reason=None, deadline_at=None,
                        claimed_by=None, claimed_at=None)
            self._event(customer_id, "reversed", key=_iso(state["pooled_at"]),
                        reason=deadline.reason.value, to_owner=rep, note=why)
            self._audit("pool_reverse", actor, customer_id, rep=rep, why=why)
            return True
        claimer = state.get("claimed_by")
        claimed_at = state.get("claimed_at")
        self._event(customer_id, "reversal_refused", key=_iso(state["pooled_at"]),
                    reason=deadline.reason.value, from_owner=rep, to_owner=claimer,
                    note=f"{why}, but {claimer} claimed it at "
                         f"{_iso(claimed_at) if claimed_at else '?'}; the claim stands")
        self._audit("pool_reverse", actor, customer_id, rep=rep, kept_claim=claimer, why=why)
        return False

    # -- storing -----------------------------------------------------------------------
    def stamp(self, seq: int) -> None:
        self.seq = seq

    def flush(self, seq: int, *, save_records: bool) -> None:
        """Write assignments, pool state, claims and audit (and the records, when asked)."""
        self.seq = seq
        if save_records:
            save(self.conn, self.recs.values())
        scope.reassign_many(self.conn, self.owners, seq)
        dirty = [state for state in self.states.values() if state.pop("_dirty", False)]
        columns = [c.name for c in pool_state.columns]
        for start in range(0, len(dirty), 400):
            chunk = dirty[start:start + 400]
            self.conn.execute(delete(pool_state).where(pool_state.c.customer_id.in_(
                [state["customer_id"] for state in chunk])))
            self.conn.execute(insert(pool_state), [
                {name: state.get(name) for name in columns} for state in chunk])
        if self.claims:
            self.conn.execute(insert(pool_claims), [
                {"rep_id": rep, "customer_id": c, "at": self.now, "counts": int(counts)}
                for rep, c, counts in self.claims])
        audit.record_many(self.conn, self.audit_rows)
        self.owners, self.claims, self.audit_rows = {}, [], []


# -- follow-ups in a push --------------------------------------------------------------------
_FOLLOW_UP = frozenset(k.value for k in FOLLOW_UP_KINDS)


def follow_up_at(entity: str, fields: dict[str, Any], current: dict[str, Any] | None,
                 ) -> datetime | None:
    """When a pushed change records a completed follow-up (None: it does not)."""
    if entity == "activities":
        kind = fields.get("kind") or (current or {}).get("kind")
        return _time(fields.get("done_at")) if kind in _FOLLOW_UP else None
    if entity == "customers":
        return _time(fields.get("last_follow_up_at"))
    return None


# -- recycling -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Recycled:
    customer_id: str
    owner: str
    reason: RecycleReason
    deadline: datetime


def _amount(value: Any) -> Decimal:
    try:
        return Decimal(str(value)) if value is not None else Decimal(0)
    except (InvalidOperation, ValueError):
        return Decimal(0)


def _rows(conn: Connection, entity: str, key: Any, only: list[str] | None,
          ) -> Iterable[tuple[str, str]]:
    """``(key, data)`` of live records of ``entity``: all of them, or those whose ``key``
    column is in ``only``."""
    base = select(key, records.c.data).where(records.c.entity == entity,
                                             records.c.deleted_seq.is_(None))
    if only is None:
        yield from conn.execute(base)  # type: ignore[misc]
        return
    for start in range(0, len(only), 400):
        yield from conn.execute(base.where(key.in_(only[start:start + 400])))  # type: ignore[misc]


def _opportunity_facts(conn: Connection, wanted: set[str], only: list[str] | None,
                       ) -> tuple[dict[str, datetime], set[str]]:
    """Last won deal per customer, and customers with a big open deal (high value)."""
    open_stages = {s.value for s in OPEN_STAGES}
    won: dict[str, datetime] = {}
    big: set[str] = set()
    for customer_id, data in _rows(conn, "opportunities", records.c.customer_id, only):
        if customer_id not in wanted:
            continue
        row = orjson.loads(data)
        stage = row.get("stage")
        if stage == Stage.WON.value:
            closed = _time(row.get("closed_at")) or _time(row.get("updated_at"))
            if closed is not None and (customer_id not in won or closed > won[customer_id]):
                won[customer_id] = closed
        elif stage in open_stages and _amount(row.get("amount")) >= HIGH_VALUE_AMOUNT:
            big.add(customer_id)
    return won, big


def due_customers(conn: Connection, now: datetime,
                  only: list[str] | None = None) -> list[Recycled]:
    """Owned customers (all, or those in ``only``) whose recycle deadline has passed."""
    owners = {str(c): str(r) for c, r in conn.execute(select(
        assignments.c.customer_id, assignments.c.rep_id).where(assignments.c.to_seq.is_(None)))}
    if not owners:
        return []
    teams = {str(i): t for i, t in conn.execute(select(accounts.c.id, accounts.c.team_id))}
    won, big = _opportunity_facts(conn, set(owners), only)
    settings: dict[str | None, PoolSettings] = {}
    due: list[Recycled] = []
    for customer_id, data in _rows(conn, "customers", records.c.id, only):
        owner = owners.get(customer_id)
        if owner is None:
            continue
        row = orjson.loads(data)
        assigned = _time(row.get("assigned_at")) or _time(row.get("created_at"))
        if assigned is None or row.get("in_pool"):
            continue
        team = teams.get(owner)
        if team not in settings:
            settings[team] = load_settings(conn, team)
        facts = OwnedCustomer(
            assigned_at=assigned, last_follow_up_at=_time(row.get("last_follow_up_at")),
            last_won_at=won.get(customer_id),
            high_value=row.get("level") == CustomerLevel.STRATEGIC.value or customer_id in big,
            protected_until=_time(row.get("protected_until")))
        deadline = is_due(facts, now, settings[team])
        if deadline is not None:
            due.append(Recycled(customer_id, owner, deadline.reason, deadline.at))
    return sorted(due, key=lambda d: (d.deadline, d.customer_id))


def recycle(store: Store, now: datetime | None = None) -> list[Recycled]:
    """Return every due customer to its team's pool, at one seq; returns what moved."""
    moment = now or store.clock()
    with store.write() as conn:
        due = due_customers(conn, moment)
        if not due:
            return []
        seq = store.next_seq(conn)
        hlc = _server_hlc(store, conn)
        pool = Pool(conn, {}, lambda: hlc, moment, seq)
        pool.preload([item.customer_id for item in due])
        # Now that they are locked, read them again: a follow-up committed by a push since
        # the first (unlocked) read keeps its customer (PostgreSQL; SQLite has one writer).
        due = due_customers(conn, moment, sorted(item.customer_id for item in due))
        actor = Actor(None, "server")
        done: list[Recycled] = []
        for item in due:
            rec = pool.customer(item.customer_id)
            if rec is None or rec.deleted or pool.owner_of(item.customer_id) != item.owner:
                continue
            pool.release(rec, item.reason, actor, deadline=item.deadline)
            done.append(item)
        pool.flush(seq, save_records=True)
    if done:
        log.info("pool recycle", extra={"customers": len(done), "seq": seq})
    return done


def admin_assign(pool: Pool, rec: Record, rep: str) -> None:
    """An admin's assignment: bypasses the claim limits, takes the customer out of the pool."""
    pool.take(rec, rep, Actor(None, "admin"), claimed=False)


def pooled(conn: Connection, team_id: str | None = None) -> list[str]:
    """Customer ids in the pool (of one team)."""
    query = select(pool_state.c.customer_id).where(pool_state.c.in_pool == 1)
    if team_id is not None:
        query = query.where(pool_state.c.team_id == team_id)
    return sorted(str(c) for c in conn.scalars(query))


def settings_lines(settings: PoolSettings) -> Iterable[str]:
    for name in SETTING_NAMES:
        yield f"{name} = {setting_text(settings, name)}"
