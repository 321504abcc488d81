"""Cleaning data that is already dirty: find duplicate customers and contacts, and merge them.

Finding uses the same company matcher as the door check (``app.matching``): normalised
Chinese and English names, USCC, branches kept apart. Contacts group by a shared phone or
email (the ``contact_points`` index) or a very similar name at the same customer.

A merge is one local transaction: the survivor takes the chosen value per field, every child
(contacts, opportunities, stage history, activities, quotes and their lines) moves to it, and
the other records are tombstoned with a history note. Each step is an outbox change of the
same transaction. Each victim's tombstone carries ``merged_into`` (the survivor's id), written
first: the sync server tombstones on it and re-points the victim's children at once, so even a
merge split over two pushes never shows both records alive elsewhere; it also re-points whatever
another laptop adds to, or edits on, the victim later (sync/PROTOCOL.md, "Merged records").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import outbox
from app.enums import ActivityKind
from app.errors import ValidationError
from app.ids import new_id
from app.matching import UnionFind, group_duplicates
from app.models import (
    Activity,
    Contact,
    ContactPoint,
    Customer,
    Opportunity,
    Quote,
    QuoteLine,
    StageChange,
)
from app.services.context import ServiceContext, get_live

CUSTOMER_FIELDS = ("full_name", "short_name", "industry", "region", "source", "level",
                   "address", "phone", "website", "uscc", "notes", "owner_id")
CONTACT_FIELDS = ("name", "title", "department", "wechat_id", "notes", "card_image")
_CHILDREN: tuple[type[Any], ...] = (Contact, Opportunity, StageChange, Activity, Quote, QuoteLine)
SIMILAR_CONTACT_NAME = 92.0


@dataclass(frozen=True)
class CustomerSummary:
    id: str
    full_name: str
    uscc: str | None
    phone: str | None
    owner_id: str | None
    children: int  # contacts + opportunities + activities + quotes: helps pick the survivor


@dataclass(frozen=True)
class ContactSummary:
    id: str
    customer_id: str
    name: str
    phones: list[str]
    emails: list[str]


class DedupeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- finding --------------------------------------------------------------------------
    def customer_groups(self) -> list[list[CustomerSummary]]:
        """Groups of live customers that look like one company, richest record first."""
        with self.ctx.db.reader() as s:
            rows = s.execute(select(Customer.id, Customer.full_name, Customer.uscc,
                                    Customer.phone, Customer.owner_id)
                             .where(Customer.deleted_at.is_(None))
                             .order_by(Customer.created_at)).all()
            groups = group_duplicates([(r[0], r[1], r[2]) for r in rows])
            wanted = {cid for g in groups for cid in g}
            counts = _child_counts(s, wanted)
        by_id = {r[0]: r for r in rows}
        out = []
        for group in groups:
            summaries = [CustomerSummary(cid, by_id[cid][1], by_id[cid][2], by_id[cid][3],
                                         by_id[cid][4], counts.get(cid, 0)) for cid in group]
            out.append(sorted(summaries, key=lambda c: -c.children))
        return out

    def contact_groups(self) -> list[list[ContactSummary]]:
        """Contacts sharing a phone or email, or with a near-identical name at one customer."""
        with self.ctx.db.reader() as s:
            contacts = s.execute(select(Contact.id, Contact.customer_id, Contact.name,
                                        Contact.phones, Contact.emails)
                                 .where(Contact.deleted_at.is_(None))).all()
            points = s.execute(select(ContactPoint.value, ContactPoint.contact_id)).all()
        index = {c[0]: i for i, c in enumerate(contacts)}
        uf = UnionFind(len(contacts))
        first_with: dict[str, int] = {}
        for value, cid in points:
            if cid in index:
                uf.union(first_with.setdefault(value, index[cid]), index[cid])
        by_customer: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for i, (_, customer_id, name, _, _) in enumerate(contacts):
            by_customer[customer_id].append((i, name))
        for members in by_customer.values():
            for n, (a, name_a) in enumerate(members):
                for b, name_b in members[n + 1:]:
                    if fuzz.token_sort_ratio(name_a, name_b) >= SIMILAR_CONTACT_NAME:
                        uf.union(a, b)
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(contacts)):
            groups[uf.find(i)].append(i)
        return [[_contact_summary(contacts[i]) for i in g] for g in groups.values() if len(g) > 1]

    # -- merging --------------------------------------------------------------------------
    def merge_customers(self, survivor_id: str, others: list[str],
                        choices: dict[str, str] | None = None) -> None:
        """Merge ``others`` into ``survivor_id``; ``choices`` maps a field to the id of the
        record whose value wins (the survivor's value stays for fields not named)."""
        others = [o for o in dict.fromkeys(others) if o != survivor_id]
        if not others:
            raise ValidationError("nothing_to_merge", field="others")
        with self.ctx.db.transaction() as s:
            survivor = get_live(s, Customer, survivor_id)
            victims = {o: get_live(s, Customer, o) for o in others}
            values = _chosen(survivor, victims, choices or {}, CUSTOMER_FIELDS)
            # Victims first: if a push boundary falls inside the merge, the server has already
            # tombstoned them (merged_into) and re-pointed their children (sync/PROTOCOL.md).
            for victim in victims.values():
                _tombstone_merged(self.ctx, s, victim, survivor_id)
            outbox.update(self.ctx.db, s, survivor, values)
            for model in _CHILDREN:
                for row in s.scalars(select(model).where(model.customer_id.in_(others),
                                                         model.deleted_at.is_(None))):
                    outbox.update(self.ctx.db, s, row, {"customer_id": survivor_id})
            self._note(s, survivor_id, None, "Merged " + "; ".join(
                f"{v.full_name} ({v.id})" for v in victims.values()))

    def merge_contacts(self, survivor_id: str, others: list[str],
                       choices: dict[str, str] | None = None) -> None:
        """Merge contacts: chosen fields, the union of phones and emails, activities moved."""
        others = [o for o in dict.fromkeys(others) if o != survivor_id]
        if not others:
            raise ValidationError("nothing_to_merge", field="others")
        with self.ctx.db.transaction() as s:
            survivor = get_live(s, Contact, survivor_id)
            victims = {o: get_live(s, Contact, o) for o in others}
            values = _chosen(survivor, victims, choices or {}, CONTACT_FIELDS)
            values["phones"] = _union_phones([survivor, *victims.values()])
            values["emails"] = list(dict.fromkeys(
                e for c in [survivor, *victims.values()] for e in (c.emails or [])))
            # Tombstone first: the contact_points triggers then free the shared numbers.
            for victim in victims.values():
                _tombstone_merged(self.ctx, s, victim, survivor_id)
            outbox.update(self.ctx.db, s, survivor, values)
            for act in s.scalars(select(Activity).where(Activity.contact_id.in_(others),
                                                        Activity.deleted_at.is_(None))):
                outbox.update(self.ctx.db, s, act, {"contact_id": survivor_id})
            self._note(s, survivor.customer_id, survivor_id, "Merged contacts " + "; ".join(
                f"{v.name} ({v.id})" for v in victims.values()))

    def _note(self, s: Session, customer_id: str, contact_id: str | None, text: str) -> None:
        """History keeps what was merged: the timeline shows it and sync carries it."""
        outbox.insert(self.ctx.db, s, Activity(
            id=new_id(), customer_id=customer_id, contact_id=contact_id,
            kind=ActivityKind.NOTE.value, subject=text[:300], done_at=self.ctx.db.clock.now(),
            owner_id=self.ctx.user_id))


def merged_survivor(session: Session, model: type[Any], record_id: str,
                    max_hops: int = 32) -> str | None:
    """The live record a merged-away one ended in, following chains (X→Y→Z); None when the
    record was not merged or its survivor is not on this replica (a view then falls back)."""
    current, seen = record_id, {record_id}
    for _ in range(max_hops):
        row = session.get(model, current)
        if row is None:
            return None
        if row.deleted_at is None:
            return None if current == record_id else current
        target = row.merged_into
        if target is None or target in seen:
            return None
        seen.add(target)
        current = target
    return None


def _tombstone_merged(ctx: ServiceContext, s: Session, victim: Any, survivor_id: str) -> None:
    """Name the survivor on the victim, then tombstone it (two outbox changes, one transaction).
    The server tombstones on ``merged_into`` already, so the two can never be split apart."""
    outbox.update(ctx.db, s, victim, {"merged_into": survivor_id})
    outbox.delete(ctx.db, s, victim)


def _chosen(survivor: Any, victims: dict[str, Any], choices: dict[str, str],
            allowed: tuple[str, ...]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, source in choices.items():
        if name not in allowed:
            raise ValidationError("not_mergeable", field=name)
        if source == survivor.id:
            continue
        if source not in victims:
            raise ValidationError("unknown_source", field=name)
        values[name] = getattr(victims[source], name)
    # Empty survivor fields take the first non-empty value from the others: nothing is lost.
    for name in allowed:
        if name not in values and getattr(survivor, name) in (None, ""):
            for victim in victims.values():
                if getattr(victim, name) not in (None, ""):
                    values[name] = getattr(victim, name)
                    break
    return values


def _union_phones(contacts: list[Any]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for contact in contacts:
        for phone in contact.phones or []:
            seen.setdefault(str(phone.get("e164") or phone.get("number")), phone)
    return list(seen.values())


def _child_counts(s: Session, ids: set[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    if not ids:
        return counts
    for model in (Contact, Opportunity, Activity, Quote):
        for (cid,) in s.execute(select(model.customer_id).where(
                model.customer_id.in_(ids), model.deleted_at.is_(None))):
            counts[cid] += 1
    return counts


def _contact_summary(row: Any) -> ContactSummary:
    cid, customer_id, name, phones, emails = row
    numbers = [str(p.get("e164") or p.get("number")) for p in (phones or [])]
    return ContactSummary(cid, customer_id, name, numbers, list(emails or []))
