"""Customers: create, edit, delete, find, and catch duplicates before they are saved."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app import outbox
from app.company_names import normalize_company
from app.enums import ActivityKind, CustomerLevel, Industry, Lifecycle, Region, Source
from app.errors import DuplicateError, NotFoundError, ValidationError
from app.lifecycle import compute, gather_facts
from app.matching import match_company
from app.models import Activity, Customer, User
from app.services.context import ServiceContext, get_live, to_view
from app.services.views import CustomerView, DuplicateCandidate
from app.validation import legal_suffix_warning, normalize_phone, normalize_website, validate_uscc

_MAX_NAME = 300
# Timeline notes recording a lifecycle change (rule_id values and the subject's prefix).
LIFECYCLE_MANUAL = "lifecycle.manual"
LIFECYCLE_AUTOMATIC = "lifecycle.automatic"
LIFECYCLE_NOTE_PREFIX = "Lifecycle: "


@dataclass
class CustomerInput:
    full_name: str
    industry: str
    region: str
    source: str = Source.MANUAL
    level: str = CustomerLevel.NORMAL
    short_name: str | None = None
    address: str | None = None
    phone: str | None = None
    website: str | None = None
    uscc: str | None = None
    notes: str | None = None
    owner_id: str | None = None


def _enum(field: str, value: Any, enum: type[StrEnum]) -> str:
    allowed = {e.value for e in enum}
    if value not in allowed:
        raise ValidationError(
            "not_in_list",
            field=field,
            value=value,
            message=f"choose one of: {', '.join(sorted(allowed))}",
        )
    return str(value)


def _clean_text(field: str, value: Any, *, required: bool = False, max_len: int = 300) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError("required", field=field, message="this field is required")
        return None
    text = " ".join(str(value).split())
    if len(text) > max_len:
        raise ValidationError(
            "too_long", field=field, max=max_len, message=f"at most {max_len} characters"
        )
    return text


class CustomerService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- validation -----------------------------------------------------------------------
    def validate_field(self, field: str, value: Any) -> Any:
        """Check one field and return the value to store; imports use it to report every bad
        cell of a row rather than stopping at the first."""
        return self._validated(field, value)

    def _validated(self, field: str, value: Any) -> Any:
        """Validate one field and return the value to store (normalised)."""
        match field:
            case "full_name":
                return _clean_text(field, value, required=True, max_len=_MAX_NAME)
            case "short_name":
                return _clean_text(field, value, max_len=100)
            case "industry":
                return _enum(field, value, Industry)
            case "region":
                return _enum(field, value, Region)
            case "source":
                return _enum(field, value, Source)
            case "level":
                return _enum(field, value, CustomerLevel)
            case "lifecycle":
                return _enum(field, value, Lifecycle)
            case "phone":
                text = _clean_text(field, value, max_len=40)
                if text is None:
                    return None
                try:
                    return normalize_phone(text, self.ctx.default_region).e164
                except ValidationError as exc:
                    raise ValidationError(exc.code, field=field, **exc.params) from exc
            case "website":
                text = _clean_text(field, value)
                return None if text is None else normalize_website(text)
            case "uscc":
                text = _clean_text(field, value, max_len=30)
                if text is None:
                    return None
                try:
                    return validate_uscc(text)
                except ValidationError as exc:
                    raise ValidationError(exc.code, field=field, **exc.params) from exc
            case "address" | "notes":
                return _clean_text(field, value, max_len=4000)
            case "owner_id":
                return value
            case _:
                raise ValidationError("not_editable", field=field)

    def validate(self, data: CustomerInput) -> dict[str, Any]:
        return {k: self._validated(k, v) for k, v in asdict(data).items()}

    @staticmethod
    def name_warnings(full_name: str) -> list[str]:
        """Soft warnings for the form (not errors): a name without a legal-form suffix."""
        return ["missing_legal_suffix"] if legal_suffix_warning(full_name) else []

    # -- duplicates -----------------------------------------------------------------------
    def find_duplicates(
        self, full_name: str, uscc: str | None = None, exclude_id: str | None = None
    ) -> list[DuplicateCandidate]:
        """Existing customers that may be the same company, best first."""
        with self.ctx.db.reader() as s:
            return _duplicates(s, full_name, uscc, exclude_id)

    # -- writes ---------------------------------------------------------------------------
    def create(self, data: CustomerInput, *, allow_duplicate: bool = False) -> CustomerView:
        values = self.validate(data)
        values["owner_id"] = values["owner_id"] or self.ctx.user_id
        key = normalize_company(values["full_name"])
        with self.ctx.db.transaction() as s:
            candidates = _blocking(_duplicates(s, values["full_name"], values["uscc"], None))
            hard = [c for c in candidates if c.kind == "uscc"]
            if hard or (candidates and not allow_duplicate):
                raise DuplicateError(
                    "duplicate_customer",
                    field="full_name",
                    candidates=hard or candidates,
                    blocking=bool(hard),
                )
            row = Customer(
                **values,
                name_core=key.core,
                assigned_at=self.ctx.clock.now(),
                lifecycle=Lifecycle.PROSPECT,
            )
            outbox.insert(self.ctx.db, s, row)
            return to_view(CustomerView, row)

    def update(
        self, customer_id: str, changes: dict[str, Any], *, allow_duplicate: bool = False
    ) -> CustomerView:
        values = {k: self._validated(k, v) for k, v in changes.items()}
        if "lifecycle" in values:
            values["lifecycle_manual"] = True  # a person chose it: rules must not override
        with self.ctx.db.transaction() as s:
            row = get_live(s, Customer, customer_id)
            if "full_name" in values or "uscc" in values:
                name = values.get("full_name", row.full_name)
                key = normalize_company(name)
                values["name_core"] = key.core
                candidates = _blocking(
                    _duplicates(s, name, values.get("uscc", row.uscc), customer_id))
                hard = [c for c in candidates if c.kind == "uscc"]
                name_changed = "full_name" in values and name != row.full_name
                if hard or (name_changed and candidates and not allow_duplicate):
                    raise DuplicateError(
                        "duplicate_customer",
                        field="full_name",
                        candidates=hard or candidates,
                        blocking=bool(hard),
                    )
            outbox.update(self.ctx.db, s, row, values)
            return to_view(CustomerView, row)

    # -- lifecycle overrides (business rules §5.7: "manual overrides are allowed and recorded")
    def set_lifecycle(self, customer_id: str, stage: str) -> CustomerView:
        """A person sets the stage: the rules stop touching it, and the customer's timeline
        gets a note saying who changed what (the note's time says when)."""
        value = Lifecycle(self._validated("lifecycle", stage))
        return self._record_lifecycle(customer_id, value, manual=True)

    def automatic_lifecycle(self, customer_id: str) -> CustomerView:
        """Hand the stage back to the rules: the stage they give now, recorded the same way."""
        facts = gather_facts(self.ctx.db, [customer_id]).get(customer_id)
        if facts is None:  # deleted or unknown
            raise NotFoundError("not_found", field="id", entity="customers", id=customer_id)
        return self._record_lifecycle(customer_id, compute(facts, self.ctx.clock.now()),
                                      manual=False)

    def lifecycle_manual(self, customer_id: str) -> bool:
        with self.ctx.db.reader() as s:
            return bool(get_live(s, Customer, customer_id).lifecycle_manual)

    def _record_lifecycle(self, customer_id: str, stage: Lifecycle, *,
                          manual: bool) -> CustomerView:
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            row = get_live(s, Customer, customer_id)
            before = row.lifecycle
            outbox.update(self.ctx.db, s, row,
                          {"lifecycle": stage.value, "lifecycle_manual": manual})
            user = s.get(User, self.ctx.user_id) if self.ctx.user_id else None
            # A note (never a follow-up) in the same transaction: the change and its record
            # sync together. The codes stay machine-readable for the UI to translate;
            # ``rule_id`` tells the timeline what kind of entry this is.
            note = Activity(customer_id=customer_id, kind=ActivityKind.NOTE,
                            subject=f"{LIFECYCLE_NOTE_PREFIX}{before} → {stage.value}",
                            done_at=now, owner_id=self.ctx.user_id,
                            outcome=user.display_name if user is not None else None,
                            rule_id=LIFECYCLE_MANUAL if manual else LIFECYCLE_AUTOMATIC)
            outbox.insert(self.ctx.db, s, note)
            return to_view(CustomerView, row)

    def delete(self, customer_id: str) -> None:
        with self.ctx.db.transaction() as s:
            outbox.delete(self.ctx.db, s, get_live(s, Customer, customer_id))

    def restore(self, customer_id: str) -> CustomerView:
        with self.ctx.db.transaction() as s:
            row = s.get(Customer, customer_id)
            if row is None:
                raise ValidationError("not_found", field="id")
            outbox.restore(self.ctx.db, s, row)
            return to_view(CustomerView, row)

    # -- reads ----------------------------------------------------------------------------
    def get(self, customer_id: str) -> CustomerView:
        with self.ctx.db.reader() as s:
            return to_view(CustomerView, get_live(s, Customer, customer_id))

    def count(self) -> int:
        with self.ctx.db.reader() as s:
            return int(
                s.scalar(
                    select(func.count()).select_from(Customer).where(Customer.deleted_at.is_(None))
                )
                or 0
            )


def _duplicates(s: Session, name: str, uscc: str | None,
                exclude_id: str | None) -> list[DuplicateCandidate]:
    """Candidates from SQL (same USCC, same normalised core, or cores sharing the first
    characters: an indexed range), judged by the one matcher used everywhere (app.matching)."""
    core = normalize_company(name).core
    live: ColumnElement[bool] = Customer.deleted_at.is_(None)
    if exclude_id:
        live = and_(live, Customer.id != exclude_id)
    clauses: list[ColumnElement[bool]] = []
    if uscc:
        clauses.append(Customer.uscc == uscc)
    if core:
        prefix = core[:2]
        clauses.append(Customer.name_core == core)
        clauses.append(and_(Customer.name_core >= prefix,
                            Customer.name_core < prefix + "\uffff"))
    if not clauses:
        return []
    rows = {r.id: r for r in s.scalars(select(Customer).where(live, or_(*clauses)).limit(500))}
    matches = match_company(name, [(r.id, r.full_name, r.uscc) for r in rows.values()], uscc)
    kinds = {"uscc": "uscc", "exact_core": "exact_name", "fuzzy": "similar_name"}
    return [DuplicateCandidate(id=m.id, label=m.name, kind=kinds[m.kind], score=m.score,
                               owner_id=rows[m.id].owner_id, in_pool=rows[m.id].in_pool,
                               # A branch, or the same name registered in another city, is a
                               # related record the UI mentions, not one to merge into.
                               branch=not m.same_record)
            for m in matches]


def _blocking(candidates: list[DuplicateCandidate]) -> list[DuplicateCandidate]:
    return [c for c in candidates if c.kind == "uscc" or not c.branch]
