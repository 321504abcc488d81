"""Saving a reviewed business card: find who it is, then merge, attach or create.

Before saving, :meth:`CardService.matches` shows the rep what is already known (BUSINESS-RULES
§5.1/§5.2, through the one matcher in :mod:`app.matching`):

* contacts with the same e-mail or phone, or a similar name at the same company → merge;
* customers whose normalised company name matches → attach the new contact to it;
* otherwise a new customer and contact.

The rep decides; :meth:`CardService.save` carries the decision out through the customer and
contact services (so validation, duplicate rules and the outbox all apply) and keeps a copy
of the card image in the profile's card folder, named in ``Contact.card_image``.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.attachments import CARD, AttachmentStore
from app.company_names import normalize_company
from app.enums import ContactSource, Industry, Region, Source
from app.errors import ValidationError
from app.matching import ContactCandidate, match_contact
from app.models import Contact, ContactPoint, Customer
from app.services.contacts import ContactInput, ContactService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.views import ContactView
from app.validation import normalize_email, normalize_phone, normalize_website

DecisionKind = Literal["merge", "attach", "new"]
_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".gif", ".heic"}


@dataclass
class CardDraft:
    """The card as the rep reviewed it. ``phones`` holds (kind, number) pairs."""

    name: str
    title: str | None = None
    company: str | None = None
    department: str | None = None
    phones: list[tuple[str, str]] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    website: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class ContactHit:
    """An existing contact that may be the person on the card. ``kinds`` come from
    :func:`app.matching.match_contact` (email, mobile, fixed_line, name_at_company)."""

    id: str
    name: str
    customer_id: str
    customer_name: str
    kinds: tuple[str, ...]
    hard: bool


@dataclass(frozen=True)
class CustomerHit:
    """An existing customer that may be the card's company (kind: exact_name/similar_name)."""

    id: str
    name: str
    kind: str
    score: float


@dataclass(frozen=True)
class CardMatches:
    contacts: tuple[ContactHit, ...] = ()
    customers: tuple[CustomerHit, ...] = ()

    def suggestion(self) -> Decision:
        """The most likely choice: merge into a sure contact match, else attach to the best
        customer, else create new ones."""
        if self.contacts:
            return Decision("merge", self.contacts[0].id)
        if self.customers:
            return Decision("attach", self.customers[0].id)
        return Decision("new")


@dataclass(frozen=True)
class Decision:
    kind: DecisionKind
    target_id: str | None = None


class CardService:
    """``store`` (the profile's encrypted attachments) keeps the card images; without one they
    are copied to ``card_folder`` (tools and tests without a profile)."""

    def __init__(self, ctx: ServiceContext, card_folder: Path,
                 store: AttachmentStore | None = None) -> None:
        self.ctx = ctx
        self.card_folder = Path(card_folder)
        self.store = store
        self.customers = CustomerService(ctx)
        self.contacts = ContactService(ctx)

    # -- matching --------------------------------------------------------------------------
    def matches(self, draft: CardDraft) -> CardMatches:
        customers: tuple[CustomerHit, ...] = ()
        if draft.company and draft.company.strip():
            customers = tuple(
                CustomerHit(c.id, c.label, c.kind, c.score)
                for c in self.customers.find_duplicates(draft.company)
                if not c.branch
            )
        phones = [e for _, raw in draft.phones if (e := self._e164(raw)) is not None]
        emails = [e.strip() for e in draft.emails if e.strip()]
        with self.ctx.db.reader() as s:
            contacts = _contact_hits(s, draft, phones, emails, [c.id for c in customers],
                                     self.ctx.default_region)
        return CardMatches(contacts, customers)

    def _e164(self, raw: str) -> str | None:
        try:
            return normalize_phone(raw, self.ctx.default_region).e164
        except ValidationError:
            return None

    # -- saving ----------------------------------------------------------------------------
    def save(self, draft: CardDraft, decision: Decision, image: Path | None) -> ContactView:
        """Carry out the rep's decision; returns the saved contact.

        Everything the contact needs is validated before a customer is created, so a bad
        phone number does not leave a new customer without its contact behind.
        """
        self._precheck(draft, decision)
        image_name = self._keep_image(image)
        try:
            return self._apply(draft, decision, image_name)
        except BaseException:
            if image_name is not None and self.store is not None:
                self.store.delete(CARD, image_name)
            elif image_name is not None:
                (self.card_folder / image_name).unlink(missing_ok=True)
            raise

    def _apply(self, draft: CardDraft, decision: Decision, image_name: str | None
               ) -> ContactView:
        if decision.kind == "merge":
            return self._merge(_target(decision), draft, image_name)
        if decision.kind == "attach":
            customer_id = _target(decision)
            self._fill_customer(customer_id, draft)
        else:
            customer_id = self._new_customer(draft)
        data = ContactInput(
            customer_id=customer_id, name=draft.name, title=draft.title,
            department=draft.department, phones=list(draft.phones), emails=list(draft.emails),
            source=ContactSource.CARD_SCAN, card_image=image_name,
        )
        # The rep has seen the possible duplicates and chose not to merge.
        return self.contacts.create(data, allow_duplicate=True)

    def _precheck(self, draft: CardDraft, decision: Decision) -> None:
        if not draft.name or not draft.name.strip():
            raise ValidationError("required", field="name", message="this field is required")
        for index, (_, raw) in enumerate(draft.phones):
            if raw.strip():
                normalize_phone(raw, self.ctx.default_region, field=f"phones[{index}]")
        for index, email in enumerate(draft.emails):
            if email.strip():
                normalize_email(email, field=f"emails[{index}]")
        if draft.website and draft.website.strip():
            normalize_website(draft.website)
        if decision.kind == "new" and not (draft.company and draft.company.strip()):
            raise ValidationError("required", field="company",
                                  message="a new customer needs the company name")

    def _merge(self, contact_id: str, draft: CardDraft, image_name: str | None) -> ContactView:
        current = self.contacts.get(contact_id)
        phones = [(p["kind"], p["e164"]) for p in current.phone_list()]
        known = {p[1] for p in phones}
        for kind, raw in draft.phones:
            e164 = self._e164(raw)
            if raw.strip() and e164 not in known:
                phones.append((kind, raw))
        emails = list(current.emails)
        emails += [e for e in draft.emails if e.strip() and e.strip().lower() not in
                   {x.lower() for x in emails}]
        changes: dict[str, Any] = {"phones": phones, "emails": emails}
        # The card is newer than what was typed before: its name, title and department win.
        for name in ("name", "title", "department"):
            value = getattr(draft, name)
            if value and value.strip():
                changes[name] = value
        if image_name is not None:
            changes["card_image"] = image_name
        view = self.contacts.update(contact_id, changes)
        self._fill_customer(view.customer_id, draft)
        return view

    def _new_customer(self, draft: CardDraft) -> str:
        office = next((raw for kind, raw in draft.phones if kind == "office" and raw.strip()),
                      None)
        data = CustomerInput(
            full_name=draft.company or "", industry=Industry.OTHER, region=Region.OTHER,
            source=Source.CARD_SCAN, address=draft.address, phone=office,
            website=draft.website,
        )
        # Matches were shown; "new" is the rep's explicit choice.
        return self.customers.create(data, allow_duplicate=True).id

    def _fill_customer(self, customer_id: str, draft: CardDraft) -> None:
        """Give the customer the card's website and address when it has none yet."""
        current = self.customers.get(customer_id)
        changes: dict[str, Any] = {}
        if draft.website and not current.website:
            changes["website"] = draft.website
        if draft.address and not current.address:
            changes["address"] = draft.address
        if changes:
            self.customers.update(customer_id, changes)

    def _keep_image(self, image: Path | None) -> str | None:
        if image is None or not Path(image).is_file():
            return None
        suffix = Path(image).suffix.lower()
        name = uuid.uuid4().hex + (suffix if suffix in _IMAGE_SUFFIXES else ".img")
        if self.store is not None:  # encrypted with the replica's key, never a plain copy
            media = f"image/{suffix.lstrip('.')}" if suffix in _IMAGE_SUFFIXES else "image"
            return self.store.put(CARD, name, Path(image).read_bytes(), media)
        self.card_folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(image, self.card_folder / name)
        return name


def _target(decision: Decision) -> str:
    if not decision.target_id:
        raise ValidationError("required", field="target",
                              message=f"choose the record to {decision.kind} into")
    return decision.target_id


def _contact_hits(s: Session, draft: CardDraft, phones: list[str], emails: list[str],
                  customer_ids: list[str], region: str) -> tuple[ContactHit, ...]:
    """Candidates from SQL (shared contact points, or contacts at the matching customers),
    judged by :func:`app.matching.match_contact`."""
    points = phones + [e.lower() for e in emails]
    ids: set[str] = set()
    if points:
        ids |= set(s.scalars(select(ContactPoint.contact_id)
                             .where(ContactPoint.value.in_(points))))
    rows: list[tuple[Contact, Customer]] = []
    query = select(Contact, Customer).join(Customer, Customer.id == Contact.customer_id).where(
        Contact.deleted_at.is_(None))
    if ids:
        rows += [(c, k) for c, k in s.execute(query.where(Contact.id.in_(ids)))]
    if customer_ids:
        rows += [(c, k) for c, k in s.execute(query.where(Contact.customer_id.in_(customer_ids)))
                 if c.id not in ids]
    if not rows:
        return ()
    core = normalize_company(draft.company).core if draft.company else None
    by_id = {c.id: (c, k) for c, k in rows}
    found: dict[str, set[str]] = {}
    own_emails: list[str | None] = list(emails) or [None]
    for email in own_emails:
        for m in match_contact(email, phones, draft.name, core, _candidates(rows),
                               default_region=region):
            found.setdefault(m.id, set()).update(m.kinds)
    order = ("email", "mobile", "fixed_line", "name_at_company")
    hits = [
        ContactHit(cid, by_id[cid][0].name, by_id[cid][1].id, by_id[cid][1].full_name,
                   tuple(k for k in order if k in kinds),
                   hard="email" in kinds or "mobile" in kinds)
        for cid, kinds in found.items()
    ]
    return tuple(sorted(hits, key=lambda h: (not h.hard, h.name)))


def _candidates(rows: Iterable[tuple[Contact, Customer]]) -> list[ContactCandidate[str]]:
    result: list[ContactCandidate[str]] = []
    for contact, customer in rows:
        phones = [p["e164"] for p in contact.phones or [] if p.get("e164")]
        core = customer.name_core
        their: list[str | None] = list(contact.emails or []) or [None]
        for email in their:
            result.append(ContactCandidate(contact.id, contact.name, email, phones, core))
    return result
