"""Customer lifecycle stages (business rules §5.7), computed from synced facts.

The stage is a pure function of a customer's facts and *now*, so any two replicas holding the
same facts agree without talking. The stored ``Customer.lifecycle`` (what lists, filters,
reports and the manager's replica read) is kept up to date by :func:`refresh`, run on the
owner's own replica after start-up and after each sync: one writer per customer, so the update
syncs like any edit and never fights another rep's. A manual override is kept as it is:
``Customer.lifecycle_manual`` marks it, and the rules never touch it.

Stages, first match from the strongest:
    loyal       ≥ 2 won opportunities in the last 12 months
    customer    at least one won opportunity (and not dormant)
    dormant     no completed follow-up and no won deal for 90 days (after the customer existed
                that long)
    interested  an open opportunity at *qualified* or later, or ≥ 2 completed follow-ups in 30 d
    prospect    otherwise
A won customer who goes quiet for 90 days is dormant too: that feeds the "reactivate" list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select

from app import outbox
from app.db import Database
from app.enums import FOLLOW_UP_KINDS, Lifecycle, Stage
from app.models import Activity, Customer, Opportunity

INTERESTED_STAGES = frozenset({Stage.QUALIFIED, Stage.PROPOSAL, Stage.NEGOTIATION})


@dataclass(frozen=True)
class LifecycleParams:
    dormant_days: int = 90
    loyal_window_days: int = 365
    loyal_wins: int = 2
    interested_follow_ups: int = 2
    interested_window_days: int = 30


@dataclass
class CustomerFacts:
    """What the rules need to know about one customer; built from synced rows."""

    created_at: datetime
    follow_ups: list[datetime] = field(default_factory=list)  # completed follow-up times
    wins: list[datetime] = field(default_factory=list)  # closed_at of won opportunities
    open_stages: set[str] = field(default_factory=set)


def compute(facts: CustomerFacts, now: datetime,
            params: LifecycleParams = LifecycleParams()) -> Lifecycle:
    """The lifecycle stage the rules give ``facts`` at ``now``."""
    loyal_since = now - timedelta(days=params.loyal_window_days)
    if sum(1 for won in facts.wins if won >= loyal_since) >= params.loyal_wins:
        return Lifecycle.LOYAL
    if _is_dormant(facts, now, params):
        return Lifecycle.DORMANT
    if facts.wins:
        return Lifecycle.CUSTOMER
    recent = now - timedelta(days=params.interested_window_days)
    if (facts.open_stages & INTERESTED_STAGES
            or sum(1 for f in facts.follow_ups if f >= recent) >= params.interested_follow_ups):
        return Lifecycle.INTERESTED
    return Lifecycle.PROSPECT


def _is_dormant(facts: CustomerFacts, now: datetime, params: LifecycleParams) -> bool:
    # The clock runs from the last sign of life: a follow-up, a win, or creation.
    last = max([facts.created_at, *facts.follow_ups, *facts.wins])
    return now - last >= timedelta(days=params.dormant_days)


def gather_facts(db: Database, customer_ids: Iterable[str] | None = None, *,
                 owner_id: str | None = None) -> dict[str, CustomerFacts]:
    """Facts for the given customers (all live ones when None; only ``owner_id``'s when
    given), in three set-based queries."""
    wanted = None if customer_ids is None else list(customer_ids)
    with db.reader() as s:
        cq = select(Customer.id, Customer.created_at).where(Customer.deleted_at.is_(None))
        if wanted is not None:
            cq = cq.where(Customer.id.in_(wanted))
        if owner_id is not None:
            cq = cq.where(Customer.owner_id == owner_id)
        facts = {cid: CustomerFacts(created) for cid, created in s.execute(cq)}
        aq = (select(Activity.customer_id, Activity.done_at)
              .where(Activity.deleted_at.is_(None), Activity.done_at.is_not(None),
                     Activity.kind.in_([k.value for k in FOLLOW_UP_KINDS])))
        oq = (select(Opportunity.customer_id, Opportunity.stage, Opportunity.closed_at)
              .where(Opportunity.deleted_at.is_(None)))
        if owner_id is not None:  # a manager's replica holds the team: read only the owner's
            owned = select(Customer.id).where(Customer.owner_id == owner_id)
            aq = aq.where(Activity.customer_id.in_(owned))
            oq = oq.where(Opportunity.customer_id.in_(owned))
        follow_ups: dict[str, list[datetime]] = defaultdict(list)
        for cid, done in s.execute(aq):
            if cid in facts and done is not None:
                follow_ups[cid].append(done)
        for cid, stage, closed in s.execute(oq):
            if cid not in facts:
                continue
            if stage == Stage.WON:
                facts[cid].wins.append(closed or facts[cid].created_at)
            elif stage != Stage.LOST:
                facts[cid].open_stages.add(stage)
    for cid, times in follow_ups.items():
        facts[cid].follow_ups = times
    return facts


def stages(db: Database, now: datetime, params: LifecycleParams = LifecycleParams(),
           ) -> dict[str, Lifecycle]:
    """Every live customer's stage at ``now``; manual overrides keep their stored value."""
    computed = {cid: compute(f, now, params) for cid, f in gather_facts(db).items()}
    with db.reader() as s:
        for cid, value in s.execute(select(Customer.id, Customer.lifecycle)
                                    .where(Customer.lifecycle_manual.is_(True))):
            if cid in computed:
                computed[cid] = Lifecycle(value)
    return computed


def _kept_by_rules(owner_id: str) -> list[ColumnElement[bool]]:
    """The customers whose stage the owner's replica maintains: live, not pooled, not set
    by a person."""
    return [Customer.owner_id == owner_id, Customer.deleted_at.is_(None),
            Customer.in_pool.is_(False), Customer.lifecycle_manual.is_(False)]


def stale_stages(db: Database, owner_id: str, now: datetime,
                 params: LifecycleParams = LifecycleParams()) -> dict[str, str]:
    """The stages the rules give that differ from the stored ones (customer id -> stage) for
    ``owner_id``'s customers. Reads only: run it on a reader, then :func:`store_stages`."""
    with db.reader() as s:
        stored = {str(cid): str(stage) for cid, stage in s.execute(
            select(Customer.id, Customer.lifecycle).where(*_kept_by_rules(owner_id)))}
    if not stored:
        return {}
    stale: dict[str, str] = {}
    for cid, facts in gather_facts(db, owner_id=owner_id).items():
        value = compute(facts, now, params).value
        if cid in stored and stored[cid] != value:
            stale[cid] = value
    return stale


def store_stages(db: Database, owner_id: str, stages: dict[str, str]) -> int:
    """Write ``stages`` (from :func:`stale_stages`) through the outbox, skipping a customer a
    person or a sync changed meanwhile; returns how many changed."""
    ids = sorted(stages)
    changed = 0
    with db.transaction() as s:
        for start in range(0, len(ids), 500):
            for row in s.scalars(select(Customer).where(
                    Customer.id.in_(ids[start:start + 500]), *_kept_by_rules(owner_id))):
                if row.lifecycle != stages[row.id]:
                    outbox.update(db, s, row, {"lifecycle": stages[row.id]})
                    changed += 1
    return changed


def refresh(db: Database, owner_id: str, now: datetime,
            params: LifecycleParams = LifecycleParams()) -> int:
    """Write the rules' stage into ``owner_id``'s customers whose stored stage differs (never a
    manual one, never a pooled one); returns how many changed. Idempotent: a second run with
    the same facts and *now* changes nothing."""
    return store_stages(db, owner_id, stale_stages(db, owner_id, now, params))
