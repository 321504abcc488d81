"""The shared customer pool (公海) on the replica: list it, claim, give back, protect.

Everything works offline. A claim, return or protection is a ``PoolRequest`` row that travels
with the next sync; the server decides it at receipt (first come, first served) and the row
comes back granted or refused with the reason the rep sees (``taken`` when another rep's claim
reached the server first). Before recording a claim the replica applies the same pure rules
the server applies (:func:`app.pool.decide_claim`) to what it knows, so a claim that cannot
succeed is refused at once instead of after the next sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from app import outbox
from app.clock import to_utc
from app.errors import ValidationError
from app.models import Customer, PoolCustomer, PoolRequest
from app.pool import PoolEntry, RepState, decide_claim, protection_allowed
from app.pool_countdown import pool_settings
from app.services.context import ServiceContext, get_live

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class PoolCustomerView:
    """What a rep may see of a pooled customer before claiming it."""

    id: str
    full_name: str
    industry: str
    region: str
    level: str
    pooled_at: datetime | None
    pooled_reason: str | None


@dataclass(frozen=True)
class PoolRequestView:
    id: str
    customer_id: str
    customer_name: str
    kind: str
    reason: str | None
    requested_at: datetime
    status: str
    refusal: str | None
    decided_at: datetime | None


class PoolService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def _me(self) -> str:
        if not self.ctx.user_id:
            raise ValidationError("signed_out", message="sign in to use the pool")
        return self.ctx.user_id

    # -- reading ---------------------------------------------------------------------------
    def pool(self, text: str = "", limit: int = 500) -> list[PoolCustomerView]:
        """The team's pool as last synced, newest entries first."""
        stmt = select(PoolCustomer).where(PoolCustomer.deleted_at.is_(None))
        needle = text.strip()
        if needle:
            stmt = stmt.where(PoolCustomer.full_name.contains(needle))
        stmt = stmt.order_by(PoolCustomer.pooled_at.desc(), PoolCustomer.full_name).limit(limit)
        with self.ctx.db.reader() as s:
            return [PoolCustomerView(r.id, r.full_name, r.industry, r.region, r.level,
                                     r.pooled_at, r.pooled_reason) for r in s.scalars(stmt)]

    def requests(self, limit: int = 200) -> list[PoolRequestView]:
        """The acting user's requests, newest first."""
        name = func.coalesce(Customer.full_name, PoolCustomer.full_name, "")
        stmt = (select(PoolRequest, name)
                .outerjoin(Customer, Customer.id == PoolRequest.customer_id)
                .outerjoin(PoolCustomer, PoolCustomer.id == PoolRequest.customer_id)
                .where(PoolRequest.requested_by == self._me, PoolRequest.deleted_at.is_(None))
                .order_by(PoolRequest.requested_at.desc(), PoolRequest.id.desc()).limit(limit))
        with self.ctx.db.reader() as s:
            return [_view(r, n) for r, n in s.execute(stmt)]

    # -- requests --------------------------------------------------------------------------
    def claim(self, customer_id: str) -> PoolRequestView:
        me = self._me
        now = self.ctx.clock.now()
        settings = pool_settings(self.ctx.db)
        with self.ctx.db.transaction() as s:
            entry = s.get(PoolCustomer, customer_id)
            if entry is None or entry.deleted_at is not None:
                raise ValidationError("not_in_pool", field="customer_id")
            pending = self._pending(s, me, "claim", customer_id)
            if pending is not None:
                return _view(pending, entry.full_name)  # asked already: one request
            won = select(PoolCustomer.id).where(PoolCustomer.won.is_(True))
            recent = [t for (t,) in s.execute(select(PoolRequest.requested_at).where(
                PoolRequest.requested_by == me, PoolRequest.kind == "claim",
                PoolRequest.status != "refused", PoolRequest.requested_at > now - _DAY,
                PoolRequest.customer_id.not_in(won)))]
            # A customer with a won deal does not count against the daily limit (§5.5).
            rep = RepState(held=self._held(s, me), claims_today=[] if entry.won else recent)
            where = PoolEntry(True, entry.previous_owner_id, entry.pooled_at)
            refusal = decide_claim(me, rep, where, now, settings)
            if refusal is not None:
                raise ValidationError(refusal.value, field="customer_id")
            row = self._request(s, "claim", customer_id, now)
            return _view(row, entry.full_name)

    def give_back(self, customer_id: str, reason: str) -> PoolRequestView:
        """Return a customer to the pool; it leaves the rep's lists at once."""
        me = self._me
        clean = (reason or "").strip()
        if not clean:
            raise ValidationError("reason_required", field="reason")
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            customer = get_live(s, Customer, customer_id, field="customer_id")
            if customer.in_pool or customer.owner_id != me:
                raise ValidationError("not_owner", field="customer_id")
            row = self._request(s, "return", customer_id, now, reason=clean[:2000])
            # Local only (no outbox entry): the server moves the customer, the pool fields
            # are server-written, and its pull then removes the customer from this replica.
            s.execute(update(Customer).where(Customer.id == customer_id).values(in_pool=True))
            return _view(row, customer.full_name)

    def protect(self, customer_id: str, until: datetime) -> PoolRequestView:
        me = self._me
        now = self.ctx.clock.now()
        until = to_utc(until)
        settings = pool_settings(self.ctx.db)
        with self.ctx.db.transaction() as s:
            customer = get_live(s, Customer, customer_id, field="customer_id")
            if customer.in_pool or customer.owner_id != me:
                raise ValidationError("not_owner", field="customer_id")
            protected = s.scalar(select(func.count()).select_from(Customer).where(
                Customer.owner_id == me, Customer.deleted_at.is_(None),
                Customer.id != customer_id, Customer.protected_until > now)) or 0
            asked = s.scalar(select(func.count()).select_from(PoolRequest).where(
                PoolRequest.requested_by == me, PoolRequest.kind == "protect",
                PoolRequest.status == "pending", PoolRequest.customer_id != customer_id)) or 0
            count = int(protected) + int(asked)
            if until <= now or not protection_allowed(count, until, now, settings):
                code = "max_protected" if count >= settings.max_protected else "max_protection"
                raise ValidationError(code, field="until")
            row = self._request(s, "protect", customer_id, now, protect_until=until)
            return _view(row, customer.full_name)

    # -- helpers ---------------------------------------------------------------------------
    def _request(self, s: Session, kind: str, customer_id: str, now: datetime, *,
                 reason: str | None = None, protect_until: datetime | None = None,
                 ) -> PoolRequest:
        row = PoolRequest(customer_id=customer_id, kind=kind, reason=reason,
                          requested_by=self._me, requested_at=now, status="pending",
                          protect_until=protect_until)
        outbox.insert(self.ctx.db, s, row)
        return row

    @staticmethod
    def _pending(s: Session, me: str, kind: str, customer_id: str) -> PoolRequest | None:
        return s.scalars(select(PoolRequest).where(
            PoolRequest.requested_by == me, PoolRequest.kind == kind,
            PoolRequest.customer_id == customer_id, PoolRequest.status == "pending")).first()

    @staticmethod
    def _held(s: Session, me: str) -> int:
        """Customers the rep holds, plus claims still waiting for the server."""
        owned = s.scalar(select(func.count()).select_from(Customer).where(
            Customer.owner_id == me, Customer.deleted_at.is_(None),
            or_(Customer.in_pool.is_(False), Customer.in_pool.is_(None)))) or 0
        waiting = s.scalar(select(func.count()).select_from(PoolRequest).where(
            PoolRequest.requested_by == me, PoolRequest.kind == "claim",
            PoolRequest.status == "pending")) or 0
        return int(owned) + int(waiting)


def _view(row: PoolRequest, customer_name: str | None) -> PoolRequestView:
    return PoolRequestView(id=row.id, customer_id=row.customer_id,
                           customer_name=customer_name or "", kind=row.kind, reason=row.reason,
                           requested_at=row.requested_at, status=row.status,
                           refusal=row.refusal, decided_at=row.decided_at)
