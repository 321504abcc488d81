"""The shared customer pool (公海, business rules §5.5): pure rules, no I/O.

Both sides use these functions: the server decides (it is the only one that returns customers
to the pool or grants a claim, first come first served), and the replica shows the same
deadlines offline ("recycled in 5 h") because the inputs are synced rows.

Clocks and what resets them (rule hygiene, §5.4):
    no_follow_up   N days after the last completed follow-up, assignment or claim
    no_won_deal    M days after the last won deal, assignment or claim
    high_value     24 h (+ grace) after assignment, for high-value customers, reset by the first
                   completed follow-up after the assignment
Protection suspends every clock until it expires; expiry returns the customer to the pool when a
clock has run out meanwhile. Turning a rule off removes its deadline without touching the dates
it reads, so turning it back on gives the same answer as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any


class RecycleReason(StrEnum):
    NO_FOLLOW_UP = "no_follow_up"
    NO_WON_DEAL = "no_won_deal"
    HIGH_VALUE_24H = "high_value_24h"
    PROTECTION_EXPIRED = "protection_expired"
    MANUAL_RETURN = "manual_return"


class ClaimRefusal(StrEnum):
    NOT_IN_POOL = "not_in_pool"
    DAILY_LIMIT = "daily_limit"
    MAX_HELD = "max_held"
    COOL_DOWN = "cool_down"


@dataclass(frozen=True)
class PoolSettings:
    """Per-team parameters; the defaults are the business rules' seeds."""

    no_follow_up_days: int | None = 30  # None turns the rule off
    no_won_deal_days: int | None = 90
    high_value_hours: int | None = 24
    high_value_grace_hours: int = 0
    warn_before: tuple[timedelta, ...] = (timedelta(days=3), timedelta(days=1))
    daily_claim_limit: int = 5
    max_held: int = 200
    cool_down: timedelta = timedelta(hours=24)
    max_protected: int = 10
    max_protection: timedelta = timedelta(days=30)


# The settings a team may change, as text (server settings travel as ``ref_values`` rows);
# durations in hours, "off" turns a rule off. ``warn_before`` is fixed (3 d, 1 d).
SETTING_NAMES: tuple[str, ...] = tuple(
    f.name for f in fields(PoolSettings) if f.name != "warn_before")


def parse_setting(name: str, text: str) -> Any:
    """One setting from its text form; raises ValueError for a bad value or name."""
    if name not in SETTING_NAMES:
        raise ValueError(f"unknown pool setting {name!r}")
    default = getattr(PoolSettings(), name)
    clean = text.strip().lower()
    if clean in {"", "off", "none"}:
        if name not in ("no_follow_up_days", "no_won_deal_days", "high_value_hours"):
            raise ValueError(f"{name} cannot be turned off")
        return None
    if isinstance(default, timedelta):
        span = timedelta(hours=float(clean))
        if span < timedelta(0):
            raise ValueError(f"{name} cannot be negative")
        return span
    number = int(clean)
    if number < 0:
        raise ValueError(f"{name} cannot be negative")
    return number


def setting_text(settings: PoolSettings, name: str) -> str:
    """The text form of one setting (the inverse of :func:`parse_setting`)."""
    value = getattr(settings, name)
    if value is None:
        return "off"
    if isinstance(value, timedelta):
        hours = value.total_seconds() / 3600
        return str(int(hours)) if hours == int(hours) else str(hours)
    return str(value)


def settings_from(values: dict[str, str]) -> PoolSettings:
    """Settings from text values; a malformed or unknown one keeps the seed default."""
    changes: dict[str, Any] = {}
    for name, text in values.items():
        try:
            changes[name] = parse_setting(name, text)
        except ValueError:
            continue
    return replace(PoolSettings(), **changes)


@dataclass(frozen=True)
class OwnedCustomer:
    """The synced facts one recycle decision needs."""

    assigned_at: datetime
    last_follow_up_at: datetime | None = None
    last_won_at: datetime | None = None
    high_value: bool = False
    protected_until: datetime | None = None


@dataclass(frozen=True)
class Deadline:
    at: datetime
    reason: RecycleReason


def recycle_deadline(c: OwnedCustomer, s: PoolSettings) -> Deadline | None:
    """When (and why) the customer returns to the pool if nothing resets a clock."""
    candidates: list[Deadline] = []
    if s.no_follow_up_days is not None:
        since = max(c.assigned_at, c.last_follow_up_at or c.assigned_at)
        candidates.append(Deadline(since + timedelta(days=s.no_follow_up_days),
                                   RecycleReason.NO_FOLLOW_UP))
    if s.no_won_deal_days is not None:
        since = max(c.assigned_at, c.last_won_at or c.assigned_at)
        candidates.append(Deadline(since + timedelta(days=s.no_won_deal_days),
                                   RecycleReason.NO_WON_DEAL))
    followed_since_assignment = (c.last_follow_up_at is not None
                                 and c.last_follow_up_at >= c.assigned_at)
    if s.high_value_hours is not None and c.high_value and not followed_since_assignment:
        hours = s.high_value_hours + s.high_value_grace_hours
        candidates.append(Deadline(c.assigned_at + timedelta(hours=hours),
                                   RecycleReason.HIGH_VALUE_24H))
    if not candidates:
        return None
    first = min(candidates, key=lambda d: d.at)
    if c.protected_until is not None and first.at < c.protected_until:
        # Protection holds the customer; the clock that ran out fires when it expires.
        return Deadline(c.protected_until, RecycleReason.PROTECTION_EXPIRED)
    return first


def warning_due(deadline: Deadline, now: datetime, s: PoolSettings) -> timedelta | None:
    """The pre-warning step (3 days, 1 day …) that applies at ``now``, or None."""
    left = deadline.at - now
    if left <= timedelta(0):
        return None
    steps = [w for w in sorted(s.warn_before) if left <= w]
    return steps[0] if steps else None


def is_due(c: OwnedCustomer, now: datetime, s: PoolSettings) -> Deadline | None:
    deadline = recycle_deadline(c, s)
    return deadline if deadline is not None and deadline.at <= now else None


def honours_offline_follow_up(returned_at: datetime, follow_up_at: datetime,
                              deadline: Deadline, allowed_skew: timedelta) -> bool:
    """A follow-up logged offline before the deadline (device time within the allowed skew)
    reverses a return the server made meanwhile (§5.4, 24 h rule)."""
    return follow_up_at <= deadline.at + allowed_skew and returned_at >= deadline.at


@dataclass
class RepState:
    """What the server knows of one rep when a claim arrives."""

    held: int = 0
    claims_today: list[datetime] = field(default_factory=list)


@dataclass(frozen=True)
class PoolEntry:
    in_pool: bool
    previous_owner: str | None = None
    returned_at: datetime | None = None


def decide_claim(rep_id: str, rep: RepState, entry: PoolEntry, now: datetime,
                 s: PoolSettings) -> ClaimRefusal | None:
    """None grants the claim; otherwise the reason the rep sees. Limits count claims made in
    the last 24 h (a rolling day, so time zones cannot double the allowance)."""
    if not entry.in_pool:
        return ClaimRefusal.NOT_IN_POOL
    if (entry.previous_owner == rep_id and entry.returned_at is not None
            and now - entry.returned_at < s.cool_down):
        return ClaimRefusal.COOL_DOWN
    recent = [t for t in rep.claims_today if now - t < timedelta(days=1)]
    if len(recent) >= s.daily_claim_limit:
        return ClaimRefusal.DAILY_LIMIT
    if rep.held >= s.max_held:
        return ClaimRefusal.MAX_HELD
    return None


def protection_allowed(currently_protected: int, until: datetime, now: datetime,
                       s: PoolSettings) -> bool:
    return currently_protected < s.max_protected and until - now <= s.max_protection


@dataclass
class PoolLedger:
    """The server's pool bookkeeping in memory: who owns what, who claimed when.

    One instance per team, mutated only under the server's lock or transaction; the property
    tests drive it with random claims, returns and recycles."""

    settings: PoolSettings
    owners: dict[str, str | None] = field(default_factory=dict)  # customer -> rep (None: pool)
    entries: dict[str, PoolEntry] = field(default_factory=dict)
    claims: dict[str, list[datetime]] = field(default_factory=dict)

    def held(self, rep_id: str) -> int:
        return sum(1 for owner in self.owners.values() if owner == rep_id)

    def claim(self, rep_id: str, customer_id: str, now: datetime) -> ClaimRefusal | None:
        entry = self.entries.get(customer_id, PoolEntry(in_pool=False))
        rep = RepState(self.held(rep_id), self.claims.get(rep_id, []))
        refusal = decide_claim(rep_id, rep, entry, now, self.settings)
        if refusal is None:
            self.owners[customer_id] = rep_id
            self.entries[customer_id] = PoolEntry(in_pool=False)
            recent = [t for t in rep.claims_today if now - t < timedelta(days=1)]
            self.claims[rep_id] = [*recent, now]
        return refusal

    def give_back(self, customer_id: str, now: datetime) -> str | None:
        """Return a customer to the pool (manual return or recycle); the previous owner."""
        owner = self.owners.get(customer_id)
        if owner is None:
            return None
        self.owners[customer_id] = None
        self.entries[customer_id] = PoolEntry(True, previous_owner=owner, returned_at=now)
        return owner

    def assign(self, customer_id: str, rep_id: str | None) -> None:
        """An admin's assignment (or a new customer): bypasses claim limits by design."""
        self.owners[customer_id] = rep_id
        self.entries[customer_id] = PoolEntry(in_pool=rep_id is None)
