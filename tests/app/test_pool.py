"""Pool rules (公海): deadlines, warnings, claims — and a stateful property test of the ledger."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import hypothesis.strategies as st
from hypothesis import settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from app.pool import (
    ClaimRefusal,
    Deadline,
    OwnedCustomer,
    PoolEntry,
    PoolLedger,
    PoolSettings,
    RecycleReason,
    RepState,
    decide_claim,
    honours_offline_follow_up,
    is_due,
    protection_allowed,
    recycle_deadline,
    warning_due,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
S = PoolSettings()


def test_no_follow_up_clock_resets_on_follow_up() -> None:
    c = OwnedCustomer(assigned_at=T0)
    assert recycle_deadline(c, S) == Deadline(T0 + timedelta(days=30), RecycleReason.NO_FOLLOW_UP)
    later = OwnedCustomer(assigned_at=T0, last_follow_up_at=T0 + timedelta(days=20))
    # A follow-up on day 20 restarts the 30-day clock: day 50, still before the 90-day one.
    assert recycle_deadline(later, S) == Deadline(T0 + timedelta(days=50),
                                                  RecycleReason.NO_FOLLOW_UP)
    assert is_due(later, T0 + timedelta(days=49), S) is None
    assert is_due(later, T0 + timedelta(days=50), S) is not None


def test_high_value_24h_with_grace_and_reset() -> None:
    hv = OwnedCustomer(assigned_at=T0, high_value=True)
    assert recycle_deadline(hv, S) == Deadline(T0 + timedelta(hours=24),
                                               RecycleReason.HIGH_VALUE_24H)
    graced = PoolSettings(high_value_grace_hours=6)
    assert recycle_deadline(hv, graced).at == T0 + timedelta(hours=30)  # type: ignore[union-attr]
    followed = OwnedCustomer(assigned_at=T0, high_value=True,
                             last_follow_up_at=T0 + timedelta(hours=3))
    assert recycle_deadline(followed, S).reason is RecycleReason.NO_FOLLOW_UP  # type: ignore[union-attr]
    # A follow-up from before a reassignment does not count for the new owner.
    reassigned = OwnedCustomer(assigned_at=T0, high_value=True,
                               last_follow_up_at=T0 - timedelta(hours=1))
    assert recycle_deadline(reassigned, S).reason is RecycleReason.HIGH_VALUE_24H  # type: ignore[union-attr]


def test_turning_a_rule_off_and_on_keeps_its_dates() -> None:
    c = OwnedCustomer(assigned_at=T0, last_follow_up_at=T0 + timedelta(days=5))
    off = PoolSettings(no_follow_up_days=None)
    assert recycle_deadline(c, off).reason is RecycleReason.NO_WON_DEAL  # type: ignore[union-attr]
    assert recycle_deadline(c, S) == Deadline(T0 + timedelta(days=35),
                                              RecycleReason.NO_FOLLOW_UP)
    everything_off = PoolSettings(no_follow_up_days=None, no_won_deal_days=None,
                                  high_value_hours=None)
    assert recycle_deadline(c, everything_off) is None


def test_protection_defers_the_return() -> None:
    c = OwnedCustomer(assigned_at=T0, protected_until=T0 + timedelta(days=40))
    assert recycle_deadline(c, S) == Deadline(T0 + timedelta(days=40),
                                              RecycleReason.PROTECTION_EXPIRED)
    assert protection_allowed(9, T0 + timedelta(days=30), T0, S)
    assert not protection_allowed(10, T0 + timedelta(days=1), T0, S)
    assert not protection_allowed(0, T0 + timedelta(days=31), T0, S)


def test_pre_warnings_at_three_days_and_one_day() -> None:
    d = Deadline(T0 + timedelta(days=30), RecycleReason.NO_FOLLOW_UP)
    assert warning_due(d, T0, S) is None
    assert warning_due(d, T0 + timedelta(days=27), S) == timedelta(days=3)
    assert warning_due(d, T0 + timedelta(days=29, hours=1), S) == timedelta(days=1)
    assert warning_due(d, T0 + timedelta(days=30), S) is None  # due: no longer a warning


def test_offline_follow_up_before_the_deadline_is_honoured() -> None:
    d = Deadline(T0 + timedelta(hours=24), RecycleReason.HIGH_VALUE_24H)
    skew = timedelta(minutes=5)
    assert honours_offline_follow_up(d.at, T0 + timedelta(hours=23), d, skew)
    assert not honours_offline_follow_up(d.at, T0 + timedelta(hours=25), d, skew)


def test_claim_refusals_say_why() -> None:
    pool = PoolEntry(in_pool=True, previous_owner="zhang", returned_at=T0)
    assert decide_claim("li", RepState(), PoolEntry(in_pool=False), T0, S) \
        is ClaimRefusal.NOT_IN_POOL
    assert decide_claim("zhang", RepState(), pool, T0 + timedelta(hours=23), S) \
        is ClaimRefusal.COOL_DOWN
    assert decide_claim("zhang", RepState(), pool, T0 + timedelta(hours=24), S) is None
    full_day = RepState(claims_today=[T0 + timedelta(minutes=i) for i in range(5)])
    assert decide_claim("li", full_day, pool, T0 + timedelta(hours=1), S) \
        is ClaimRefusal.DAILY_LIMIT
    assert decide_claim("li", full_day, pool, T0 + timedelta(days=1, hours=1), S) is None
    assert decide_claim("li", RepState(held=200), pool, T0, S) is ClaimRefusal.MAX_HELD


REPS = ("zhang", "li", "wang")
CUSTOMERS = tuple(f"c{i}" for i in range(12))
SMALL = PoolSettings(daily_claim_limit=2, max_held=4, cool_down=timedelta(hours=6))


class PoolMachine(RuleBasedStateMachine):
    """Random claims, returns, recycles and passing time: owners stay unique, limits hold."""

    def __init__(self) -> None:
        super().__init__()
        self.ledger = PoolLedger(SMALL)
        self.now = T0
        for cid in CUSTOMERS:
            self.ledger.assign(cid, None)
        self.granted: list[tuple[str, str, datetime]] = []
        self.returns: dict[str, tuple[str, datetime]] = {}

    @rule(rep=st.sampled_from(REPS), cid=st.sampled_from(CUSTOMERS))
    def claim(self, rep: str, cid: str) -> None:
        before = self.ledger.owners[cid]
        refusal = self.ledger.claim(rep, cid, self.now)
        if refusal is None:
            assert before is None
            last = self.returns.get(cid)
            assert last is None or last[0] != rep or self.now - last[1] >= SMALL.cool_down
            self.granted.append((rep, cid, self.now))
        else:
            assert self.ledger.owners[cid] == before

    @rule(cid=st.sampled_from(CUSTOMERS))
    def give_back(self, cid: str) -> None:
        owner = self.ledger.give_back(cid, self.now)
        if owner is not None:
            self.returns[cid] = (owner, self.now)

    @rule(hours=st.integers(min_value=1, max_value=30))
    def time_passes(self, hours: int) -> None:
        self.now += timedelta(hours=hours)

    @invariant()
    def limits_hold(self) -> None:
        for rep in REPS:
            assert self.ledger.held(rep) <= SMALL.max_held
            day = [t for r, _, t in self.granted if r == rep and self.now - t < timedelta(days=1)]
            assert len(day) <= SMALL.daily_claim_limit
        # One owner per customer by construction of the mapping; and the pool flag agrees.
        for cid, owner in self.ledger.owners.items():
            assert self.ledger.entries[cid].in_pool == (owner is None)


PoolMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=40, deadline=None)
TestPoolMachine = PoolMachine.TestCase
