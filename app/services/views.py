"""Immutable views the services hand out. ORM objects never leave app/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class CustomerView:
    id: str
    full_name: str
    short_name: str | None
    industry: str
    region: str
    source: str
    level: str
    lifecycle: str
    owner_id: str | None
    address: str | None
    phone: str | None
    website: str | None
    uscc: str | None
    notes: str | None
    last_follow_up_at: datetime | None
    in_pool: bool
    created_at: datetime
    updated_at: datetime
    protected_until: datetime | None = None  # kept out of the pool until then (granted)


@dataclass(frozen=True)
class ContactView:
    id: str
    customer_id: str
    name: str
    title: str | None
    department: str | None
    phones: tuple[Any, ...]  # tuples of (key, value) pairs: kind, e164, ext
    emails: tuple[str, ...]
    wechat_id: str | None
    notes: str | None
    source: str
    card_image: str | None

    def phone_list(self) -> list[dict[str, Any]]:
        return [dict(p) for p in self.phones]


@dataclass(frozen=True)
class OpportunityView:
    id: str
    customer_id: str
    name: str
    stage: str
    lost_reason: str | None
    amount: Decimal
    currency: str
    probability: int
    expected_close: date | None
    owner_id: str | None
    stage_changed_at: datetime | None
    closed_at: datetime | None


@dataclass(frozen=True)
class StageChangeView:
    id: str
    opportunity_id: str
    from_stage: str | None
    to_stage: str
    changed_at: datetime
    changed_by: str | None


@dataclass(frozen=True)
class ActivityView:
    id: str
    customer_id: str
    contact_id: str | None
    opportunity_id: str | None
    quote_id: str | None
    kind: str
    subject: str
    due_at: datetime | None
    done_at: datetime | None
    outcome: str | None
    owner_id: str | None
    rule_id: str | None


@dataclass(frozen=True)
class ProductView:
    id: str
    sku: str
    name: str
    name_zh: str | None
    description: str | None
    category: str | None
    unit: str
    currency: str
    list_price: Decimal
    tax_rate: Decimal
    tier_mode: str
    tiers: tuple[Any, ...]
    stock_on_hand: Decimal | None
    stock_as_of: datetime | None
    active: bool


@dataclass(frozen=True)
class DuplicateCandidate:
    """A record that may be the same as the one being saved. ``kind`` says how sure we are:
    ``uscc``/``email``/``phone``/``exact_name`` are hard matches, ``similar_name`` is a hint."""

    id: str
    label: str
    kind: str
    score: float
    owner_id: str | None = None
    in_pool: bool = False
    branch: bool = False
