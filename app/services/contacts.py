"""Contacts: typed phone numbers in E.164, validated emails, duplicates caught on save."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import outbox
from app.enums import ContactSource, PhoneKind
from app.errors import DuplicateError, ValidationError
from app.models import Contact, ContactPoint, Customer
from app.services.context import ServiceContext, get_live, to_view
from app.services.customers import _clean_text, _enum
from app.services.views import ContactView, DuplicateCandidate
from app.validation import normalize_email, normalize_phone

SIMILAR_NAME = 88.0


@dataclass
class ContactInput:
    customer_id: str
    name: str
    title: str | None = None
    department: str | None = None
    # (kind, raw number) pairs; kind is mobile/office/fax/other
    phones: list[tuple[str, str]] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    wechat_id: str | None = None
    notes: str | None = None
    source: str = ContactSource.MANUAL
    card_image: str | None = None


class ContactService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _phones(self, raw: list[tuple[str, str]] | list[dict[str, Any]]) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = []
        for index, item in enumerate(raw):
            kind, number = (
                (item["kind"], item.get("e164") or item.get("raw", ""))
                if isinstance(item, dict)
                else item
            )
            if not str(number).strip():
                continue
            _enum(f"phones[{index}].kind", kind, PhoneKind)
            try:
                parsed = normalize_phone(str(number), self.ctx.default_region)
            except ValidationError as exc:
                raise ValidationError(exc.code, field=f"phones[{index}]", **exc.params) from exc
            entry = {"kind": kind, "e164": parsed.e164, "ext": parsed.extension}
            if entry["e164"] not in {p["e164"] for p in result}:
                result.append(entry)
        return result

    def _emails(self, raw: list[str]) -> list[str]:
        result: list[str] = []
        for index, text in enumerate(raw):
            if not text.strip():
                continue
            try:
                email = normalize_email(text)
            except ValidationError as exc:
                raise ValidationError(exc.code, field=f"emails[{index}]", **exc.params) from exc
            if email not in result:
                result.append(email)
        return result

    def validate_field(self, name: str, value: Any) -> Any:
        """Check one field and return the value to store (imports report every bad cell)."""
        return self._validated(name, value)

    def _validated(self, name: str, value: Any) -> Any:
        match name:
            case "name":
                return _clean_text(name, value, required=True, max_len=200)
            case "title" | "department" | "wechat_id":
                return _clean_text(name, value, max_len=200)
            case "notes":
                return _clean_text(name, value, max_len=4000)
            case "phones":
                return self._phones(value)
            case "emails":
                return self._emails(value)
            case "source":
                return _enum(name, value, ContactSource)
            case "customer_id" | "card_image":
                return value
            case _:
                raise ValidationError("not_editable", field=name)

    def find_duplicates(
        self,
        name: str,
        customer_id: str | None,
        phones: list[str],
        emails: list[str],
        exclude_id: str | None = None,
    ) -> list[DuplicateCandidate]:
        with self.ctx.db.reader() as s:
            return _duplicates(s, name, customer_id, phones, emails, exclude_id)

    def create(self, data: ContactInput, *, allow_duplicate: bool = False) -> ContactView:
        values = {k: self._validated(k, v) for k, v in data.__dict__.items()}
        with self.ctx.db.transaction() as s:
            get_live(s, Customer, data.customer_id, field="customer_id")
            candidates = _duplicates(
                s,
                values["name"],
                data.customer_id,
                [p["e164"] for p in values["phones"]],
                values["emails"],
                None,
            )
            if candidates and not allow_duplicate:
                raise DuplicateError(
                    "duplicate_contact",
                    field="name",
                    candidates=candidates,
                    blocking=any(c.kind != "similar_name" for c in candidates),
                )
            row = Contact(**values, owner_id=self.ctx.user_id)
            outbox.insert(self.ctx.db, s, row)
            return to_view(ContactView, row)

    def update(self, contact_id: str, changes: dict[str, Any]) -> ContactView:
        values = {k: self._validated(k, v) for k, v in changes.items()}
        with self.ctx.db.transaction() as s:
            row = get_live(s, Contact, contact_id)
            if "phones" in values or "emails" in values:
                clash = _duplicates(
                    s,
                    "",
                    None,
                    [p["e164"] for p in values.get("phones", [])],
                    values.get("emails", []),
                    contact_id,
                )
                if clash:
                    raise DuplicateError(
                        "duplicate_contact", field="phones", candidates=clash, blocking=True
                    )
            outbox.update(self.ctx.db, s, row, values)
            return to_view(ContactView, row)

    def delete(self, contact_id: str) -> None:
        with self.ctx.db.transaction() as s:
            outbox.delete(self.ctx.db, s, get_live(s, Contact, contact_id))

    def get(self, contact_id: str) -> ContactView:
        with self.ctx.db.reader() as s:
            return to_view(ContactView, get_live(s, Contact, contact_id))

    def for_customer(self, customer_id: str) -> list[ContactView]:
        with self.ctx.db.reader() as s:
            rows = s.scalars(
                select(Contact)
                .where(Contact.customer_id == customer_id, Contact.deleted_at.is_(None))
                .order_by(Contact.name)
            )
            return [to_view(ContactView, r) for r in rows]


def _duplicates(
    s: Session,
    name: str,
    customer_id: str | None,
    phones: list[str],
    emails: list[str],
    exclude_id: str | None,
) -> list[DuplicateCandidate]:
    found: dict[str, DuplicateCandidate] = {}
    points = [p for p in phones if p] + [e.lower() for e in emails if e]
    if points:
        stmt = (
            select(Contact, ContactPoint.value)
            .join(ContactPoint, ContactPoint.contact_id == Contact.id)
            .where(ContactPoint.value.in_(points), Contact.deleted_at.is_(None))
        )
        for row, value in s.execute(stmt):
            if row.id != exclude_id and row.id not in found:
                kind = "email" if "@" in value else "phone"
                found[row.id] = DuplicateCandidate(row.id, row.name, kind, 100.0, row.owner_id)
    if name and customer_id:
        for row in s.scalars(
            select(Contact).where(Contact.customer_id == customer_id, Contact.deleted_at.is_(None))
        ):
            if row.id in found or row.id == exclude_id:
                continue
            score = fuzz.WRatio(name.casefold(), row.name.casefold())
            if score >= SIMILAR_NAME:
                found[row.id] = DuplicateCandidate(
                    row.id, row.name, "similar_name", score, row.owner_id
                )
    return sorted(found.values(), key=lambda c: (c.kind == "similar_name", -c.score))
