"""Quotes at the client's desk: drafts, pricing, approval, sending, revisions.

Status flow: draft → pending_approval → approved → sent → accepted / rejected / expired.
A manager's rejection sends the quote back to draft with a comment; any edit of an approved
quote returns it to draft (approval never survives a change). A sent quote is read-only: a
revision is a new row with the same number and ``revision + 1`` (printed ``…-v2``).

Numbers are ``Q-<REP>-<yyyy>-<nnnn>`` made offline from the highest local number for that rep
and year. A rep's second laptop gets a device letter (``sync_meta.device_code``, e.g.
``Q-ZHANG.B-2026-0001``) so two devices can never mint the same number without talking.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import outbox
from app.enums import OPEN_STAGES, ActivityKind, QuoteStatus, Role, Stage
from app.errors import ConflictError, ValidationError
from app.ids import deterministic_id
from app.models import (
    Activity,
    Customer,
    Opportunity,
    Product,
    Quote,
    QuoteLine,
    RefValue,
    User,
)
from app.pricing import (
    Discount,
    DiscountKind,
    LineInput,
    PriceTier,
    ProductPrice,
    QuoteInput,
    QuotePricing,
    TierMode,
    TierTable,
    minor_unit,
    price_quote,
)
from app.services.context import ServiceContext, get_live, to_view

log = logging.getLogger(__name__)

VALIDITY_DAYS = 30
FOLLOW_UP_DAYS = 7
FOLLOW_UP_RULE = "quote_sent_follow_up_7d@1"


@dataclass(frozen=True)
class ApprovalPolicy:
    """When a quote needs a manager (a server setting per team; these are the defaults)."""

    max_discount_percent: Decimal = Decimal(15)
    max_total: Decimal = Decimal(1_000_000)
    every_quote: bool = False

    def needs_approval(self, discount_percent: Decimal, grand_total: Decimal) -> bool:
        return (self.every_quote or discount_percent > self.max_discount_percent
                or grand_total > self.max_total)


POLICY_LIST = "quote_policy"
_POLICY_FIELDS = ("max_discount_percent", "max_total", "every_quote")


def policy_from_values(values: Mapping[str, str], role: str) -> ApprovalPolicy:
    """The approval policy for ``role`` from ``quote_policy`` codes and values (pure, so the
    server can evaluate the same rule on push).

    Codes are ``<role>.max_discount_percent`` / ``<role>.max_total`` / ``<role>.every_quote``.
    A value that does not parse is ignored (logged), never fatal: the defaults apply.
    """
    policy = ApprovalPolicy()
    for code, raw_value in values.items():
        owner, _, name = code.partition(".")
        raw = (raw_value or "").strip()
        if owner != role or name not in _POLICY_FIELDS:
            continue
        if name == "every_quote":
            policy = replace(policy, every_quote=raw.lower() in ("1", "true", "yes"))
            continue
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite() or value < 0:
            log.warning("ignoring quote policy %s=%r: not a number >= 0", code, raw)
            continue
        if name == "max_total":
            policy = replace(policy, max_total=value)
        else:
            policy = replace(policy, max_discount_percent=value)
    return policy


def load_policy(s: Session, role: str) -> ApprovalPolicy:
    """The approval policy for ``role`` as the server set it, defaults where it did not.

    The server ships it as reference values: list ``quote_policy``, value in ``label_en``.
    The server re-checks submitted quotes anyway, so a bad row costs at most a rejected push.
    """
    rows = s.execute(select(RefValue.code, RefValue.label_en).where(
        RefValue.list_name == POLICY_LIST, RefValue.deleted_at.is_(None),
        RefValue.retired.is_(False)))
    return policy_from_values({str(code): str(label) for code, label in rows.tuples()}, role)


@dataclass(frozen=True)
class LineDraft:
    """A line as the rep enters it in the builder."""

    product_id: str
    quantity: Decimal
    discount_kind: str = "none"
    discount_value: Decimal = Decimal(0)


@dataclass(frozen=True)
class QuoteHeader:
    """The quote's own fields as the builder edits them (saved with the lines, atomically)."""

    currency: str
    valid_until: date | None
    notes: str | None = None
    terms: str | None = None
    language: str = "en"
    discount_kind: str = "none"
    discount_value: Decimal = Decimal(0)


@dataclass(frozen=True)
class QuoteView:
    id: str
    customer_id: str
    opportunity_id: str | None
    number: str
    revision: int
    status: str
    currency: str
    language: str
    issued_on: date | None
    valid_until: date | None
    notes: str | None
    terms: str | None
    discount_kind: str
    discount_value: Decimal
    subtotal: Decimal
    discount_total: Decimal
    tax_total: Decimal
    grand_total: Decimal
    max_discount_percent: Decimal
    owner_id: str | None
    decision_comment: str | None
    sent_at: datetime | None

    @property
    def display_number(self) -> str:
        return self.number if self.revision == 1 else f"{self.number}-v{self.revision}"


@dataclass(frozen=True)
class QuoteLineView:
    id: str
    position: int
    product_id: str | None
    sku: str
    description: str
    unit: str
    quantity: Decimal
    list_price: Decimal
    unit_price: Decimal
    discount_kind: str
    discount_value: Decimal
    tax_rate: Decimal
    net_amount: Decimal
    tax_amount: Decimal
    total: Decimal


def _decimal(field: str, value: Any) -> Decimal:
    try:
        result = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError("not_a_number", field=field) from None
    if not result.is_finite():
        raise ValidationError("not_a_number", field=field)
    return result


def _draft_of(line: QuoteLine) -> LineDraft:
    return LineDraft(line.product_id or "", line.quantity, line.discount_kind,
                     line.discount_value)


def _discount(kind: str, value: Decimal) -> Discount | None:
    if kind == "none" or (kind in ("percent", "amount") and value == 0):
        return None
    if kind not in ("percent", "amount"):
        raise ValidationError("not_in_list", field="discount_kind", value=kind)
    return Discount(DiscountKind(kind), value)


def product_price(row: Product) -> ProductPrice:
    """The pricing engine's view of a catalog row (tiers are stored as decimal strings)."""
    tiers = tuple(PriceTier(Decimal(str(t["min_qty"])), Decimal(str(t["unit_price"])))
                  for t in row.tiers or [])
    return ProductPrice(
        product_ref=row.id, sku=row.sku, description=row.name, currency=row.currency,
        list_price=row.list_price,
        tiers=TierTable(TierMode(row.tier_mode), tiers),
        active=row.active and row.deleted_at is None)


class QuoteService:
    def __init__(self, ctx: ServiceContext, policy: ApprovalPolicy | None = None) -> None:
        """``policy`` fixes the approval rule (tests); by default it is read from the
        server's ``quote_policy`` reference values at each submit, so a change reaches
        reps with the next sync."""
        self.ctx = ctx
        self._fixed_policy = policy

    def policy(self) -> ApprovalPolicy:
        """The approval rule for the acting user's role, as of the last sync."""
        if self._fixed_policy is not None:
            return self._fixed_policy
        with self.ctx.db.reader() as s:
            return load_policy(s, self.ctx.role)

    # -- pricing --------------------------------------------------------------------------
    def _priced(self, s: Session, currency: str, lines: list[LineDraft], discount_kind: str,
                discount_value: Decimal) -> tuple[QuotePricing, list[Product]]:
        inputs: list[LineInput] = []
        products: list[Product] = []
        for index, line in enumerate(lines):
            product = s.get(Product, line.product_id)
            if product is None:
                raise ValidationError("product_not_found", field=f"lines[{index}].product")
            products.append(product)
            inputs.append(LineInput(
                product=product_price(product),
                quantity=_decimal(f"lines[{index}].quantity", line.quantity),
                tax_percent=product.tax_rate * 100,
                discount=_discount(line.discount_kind,
                                   _decimal(f"lines[{index}].discount", line.discount_value))))
        pricing = price_quote(QuoteInput(currency, tuple(inputs),
                                         _discount(discount_kind, discount_value)))
        return pricing, products

    def preview(self, currency: str, lines: list[LineDraft], discount_kind: str = "none",
                discount_value: Decimal = Decimal(0)) -> QuotePricing:
        """Price lines without saving (the builder calls this as the rep types)."""
        with self.ctx.db.reader() as s:
            return self._priced(s, currency, lines, discount_kind, discount_value)[0]

    def stock_warnings(self, lines: list[LineDraft]) -> dict[int, Decimal]:
        """Line index → stock on hand, for lines asking more than the stock (warn, never block)."""
        warnings: dict[int, Decimal] = {}
        with self.ctx.db.reader() as s:
            for index, line in enumerate(lines):
                product = s.get(Product, line.product_id)
                if product is not None and product.stock_on_hand is not None \
                        and line.quantity > product.stock_on_hand:
                    warnings[index] = product.stock_on_hand
        return warnings

    # -- numbering ------------------------------------------------------------------------
    def _next_number(self, s: Session) -> str:
        user = s.get(User, self.ctx.user_id) if self.ctx.user_id else None
        rep = re.sub(r"[^A-Z0-9]", "", (user.rep_code if user else "").upper()) or "REP"
        device = self.ctx.db.meta(s, "device_code")
        year = self.ctx.clock.now().year
        prefix = f"Q-{rep}{'.' + device if device else ''}-{year}-"
        last = s.scalar(select(func.max(Quote.number)).where(Quote.number.like(prefix + "%")))
        seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
        return f"{prefix}{seq:04d}"

    # -- writes ---------------------------------------------------------------------------
    def create_draft(self, customer_id: str, opportunity_id: str | None = None,
                     currency: str = "CNY", language: str = "en") -> QuoteView:
        today = self.ctx.clock.now().date()
        with self.ctx.db.transaction() as s:
            get_live(s, Customer, customer_id, field="customer_id")
            if opportunity_id:
                opp = get_live(s, Opportunity, opportunity_id, field="opportunity_id")
                if opp.customer_id != customer_id:
                    raise ValidationError("opportunity_of_other_customer", field="opportunity_id")
            row = Quote(customer_id=customer_id, opportunity_id=opportunity_id,
                        number=self._next_number(s), revision=1, status=QuoteStatus.DRAFT,
                        currency=currency, language=language, issued_on=today,
                        valid_until=today + timedelta(days=VALIDITY_DAYS),
                        owner_id=self.ctx.user_id)
            outbox.insert(self.ctx.db, s, row)
            return to_view(QuoteView, row)

    def _editable(self, s: Session, quote_id: str) -> Quote:
        row = get_live(s, Quote, quote_id)
        if row.status not in (QuoteStatus.DRAFT, QuoteStatus.PENDING_APPROVAL,
                              QuoteStatus.APPROVED):
            raise ConflictError("quote_read_only", field="status", status=row.status,
                                message="a sent quote cannot change: make a revision")
        return row

    def save(self, quote_id: str, header: QuoteHeader, lines: list[LineDraft]) -> QuoteView:
        """Save what the builder shows, header and lines, in one transaction: either all of
        it is stored or nothing is (a bad line leaves the last good save intact)."""
        minor_unit(header.currency)  # unknown currency: a clear error before anything else
        today = self.ctx.clock.now().date()
        if header.valid_until is not None and header.valid_until < today:
            raise ValidationError("in_the_past", field="valid_until")
        with self.ctx.db.transaction() as s:
            row = self._editable(s, quote_id)
            changes: dict[str, Any] = {
                "currency": header.currency, "valid_until": header.valid_until,
                "notes": (header.notes or "").strip() or None,
                "terms": (header.terms or "").strip() or None, "language": header.language}
            if any(getattr(row, k) != v for k, v in changes.items()):
                outbox.update(self.ctx.db, s, row, changes)
            self._replace_lines(s, row, lines, header.discount_kind, header.discount_value)
            return to_view(QuoteView, row)

    def save_lines(self, quote_id: str, lines: list[LineDraft], discount_kind: str = "none",
                   discount_value: Decimal = Decimal(0)) -> QuoteView:
        """Replace the quote's lines and totals (a draft can be saved at any time)."""
        with self.ctx.db.transaction() as s:
            row = self._editable(s, quote_id)
            self._replace_lines(s, row, lines, discount_kind, discount_value)
            return to_view(QuoteView, row)

    def _replace_lines(self, s: Session, row: Quote, lines: list[LineDraft],
                       discount_kind: str, discount_value: Decimal) -> None:
        quote_id = row.id
        pricing, products = self._priced(s, row.currency, lines, discount_kind,
                                         discount_value)
        for old in s.scalars(select(QuoteLine).where(QuoteLine.quote_id == quote_id,
                                                     QuoteLine.deleted_at.is_(None))):
            outbox.delete(self.ctx.db, s, old)
        for index, (draft, priced, product) in enumerate(
                zip(lines, pricing.lines, products, strict=True), start=1):
            outbox.insert(self.ctx.db, s, QuoteLine(
                quote_id=quote_id, customer_id=row.customer_id, position=index,
                product_id=product.id, sku=product.sku, description=priced.description,
                unit=product.unit, quantity=priced.quantity, list_price=priced.list_price,
                unit_price=priced.unit_price, discount_kind=draft.discount_kind,
                discount_value=draft.discount_value, tax_rate=product.tax_rate,
                net_amount=priced.net, tax_amount=priced.tax, total=priced.total))
        self._store_totals(s, row, pricing, discount_kind, discount_value)

    def _store_totals(self, s: Session, row: Quote, pricing: QuotePricing, kind: str,
                      value: Decimal) -> None:
        t = pricing.totals
        given = max((line.discount / line.gross * 100 for line in pricing.lines
                     if line.gross > 0), default=Decimal(0))
        changes: dict[str, Any] = {
            "discount_kind": kind, "discount_value": value, "subtotal": t.subtotal,
            "discount_total": t.discount_total, "tax_total": t.tax_total,
            "grand_total": t.grand_total,
            "max_discount_percent": given.quantize(Decimal("0.01")),
        }
        if row.status != QuoteStatus.DRAFT:
            changes["status"] = QuoteStatus.DRAFT  # approval never survives an edit
        outbox.update(self.ctx.db, s, row, changes)

    def update(self, quote_id: str, changes: dict[str, Any]) -> QuoteView:
        allowed = {"valid_until", "notes", "terms", "language"}
        if unknown := set(changes) - allowed:
            raise ValidationError("not_editable", field=sorted(unknown)[0])
        with self.ctx.db.transaction() as s:
            row = self._editable(s, quote_id)
            if changes.get("valid_until") and changes["valid_until"] < self.ctx.clock.now().date():
                raise ValidationError("in_the_past", field="valid_until")
            outbox.update(self.ctx.db, s, row, changes)
            return to_view(QuoteView, row)

    def submit(self, quote_id: str) -> QuoteView:
        """Leave draft: straight to approved, or pending approval when the policy says so.
        Works offline; the server re-checks the thresholds when the change arrives."""
        with self.ctx.db.transaction() as s:
            row = get_live(s, Quote, quote_id)
            if row.status != QuoteStatus.DRAFT:
                raise ConflictError("not_a_draft", field="status", status=row.status)
            if not s.scalar(select(func.count()).select_from(QuoteLine).where(
                    QuoteLine.quote_id == quote_id, QuoteLine.deleted_at.is_(None))):
                raise ValidationError("no_lines", field="lines", message="add at least one line")
            # Re-check the lines against today's catalog: a product retired since the
            # draft was saved must not reach the client.
            rows = self._line_rows(s, quote_id)
            self._priced(s, row.currency, [_draft_of(r) for r in rows], row.discount_kind,
                         row.discount_value)
            policy = self._fixed_policy or load_policy(s, self.ctx.role)
            needs = policy.needs_approval(row.max_discount_percent, row.grand_total)
            outbox.update(self.ctx.db, s, row, {
                "status": QuoteStatus.PENDING_APPROVAL if needs else QuoteStatus.APPROVED,
                "submitted_at": self.ctx.clock.now()})
            return to_view(QuoteView, row)

    def decide(self, quote_id: str, approve: bool, comment: str = "") -> QuoteView:
        """A manager approves (→ approved) or rejects (→ draft, with the comment)."""
        if self.ctx.role not in (Role.MANAGER, Role.ADMIN):
            raise ConflictError("not_a_manager", field="role")
        if not approve and not comment.strip():
            raise ValidationError("required", field="comment", message="say why")
        with self.ctx.db.transaction() as s:
            row = get_live(s, Quote, quote_id)
            if row.status != QuoteStatus.PENDING_APPROVAL:
                raise ConflictError("not_pending", field="status", status=row.status)
            outbox.update(self.ctx.db, s, row, {
                "status": QuoteStatus.APPROVED if approve else QuoteStatus.DRAFT,
                "decided_by": self.ctx.user_id, "decided_at": self.ctx.clock.now(),
                "decision_comment": comment.strip() or None})
            return to_view(QuoteView, row)

    def mark_sent(self, quote_id: str) -> QuoteView:
        """Sent to the client: moves the opportunity to the quote stage when it is earlier,
        and creates a follow-up task 7 days later (deterministic id: never doubled)."""
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            row = get_live(s, Quote, quote_id)
            if row.status != QuoteStatus.APPROVED:
                raise ConflictError("not_approved", field="status", status=row.status)
            outbox.update(self.ctx.db, s, row, {"status": QuoteStatus.SENT, "sent_at": now})
            if row.opportunity_id:
                self._advance_opportunity(s, row.opportunity_id, now)
            task_id = deterministic_id(FOLLOW_UP_RULE, row.id)
            if s.get(Activity, task_id) is None:
                task = Activity(customer_id=row.customer_id, opportunity_id=row.opportunity_id,
                                quote_id=row.id, kind=ActivityKind.TASK,
                                subject=f"Follow up quote {to_view(QuoteView, row).display_number}",
                                due_at=now + timedelta(days=FOLLOW_UP_DAYS),
                                owner_id=row.owner_id, rule_id=FOLLOW_UP_RULE)
                task.id = task_id
                outbox.insert(self.ctx.db, s, task)
            return to_view(QuoteView, row)

    def _advance_opportunity(self, s: Session, opportunity_id: str, now: datetime) -> None:
        from app.models import StageChange

        opp = s.get(Opportunity, opportunity_id)
        order = [st.value for st in OPEN_STAGES]
        if opp is None or opp.stage not in order or \
                order.index(opp.stage) >= order.index(Stage.PROPOSAL):
            return
        previous = opp.stage
        outbox.update(self.ctx.db, s, opp, {"stage": Stage.PROPOSAL, "stage_changed_at": now,
                                            "probability": 50})
        outbox.insert(self.ctx.db, s, StageChange(
            opportunity_id=opp.id, customer_id=opp.customer_id, from_stage=previous,
            to_stage=Stage.PROPOSAL, changed_at=now, changed_by=self.ctx.user_id))

    def close(self, quote_id: str, accepted: bool, mark_won: bool = True) -> QuoteView:
        """The client answered. Acceptance can mark the opportunity won."""
        from app.services.opportunities import OpportunityService

        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            row = get_live(s, Quote, quote_id)
            if row.status != QuoteStatus.SENT:
                raise ConflictError("not_sent", field="status", status=row.status)
            outbox.update(self.ctx.db, s, row, {
                "status": QuoteStatus.ACCEPTED if accepted else QuoteStatus.REJECTED,
                "closed_at": now})
            self._close_follow_up(s, row, now)
            opp_id = row.opportunity_id
            view = to_view(QuoteView, row)
        if accepted and mark_won and opp_id:
            OpportunityService(self.ctx).move(opp_id, Stage.WON)
        return view

    def _close_follow_up(self, s: Session, row: Quote, now: datetime) -> None:
        task = s.get(Activity, deterministic_id(FOLLOW_UP_RULE, row.id))
        if task is not None and task.done_at is None:
            outbox.update(self.ctx.db, s, task, {"done_at": now, "outcome": "quote closed"})

    def expire_due(self) -> int:
        """Move quotes past their validity to expired (no follow-up is created)."""
        today = self.ctx.clock.now().date()
        count = 0
        with self.ctx.db.transaction() as s:
            for row in s.scalars(select(Quote).where(
                    Quote.deleted_at.is_(None), Quote.valid_until < today,
                    Quote.status.in_([QuoteStatus.SENT, QuoteStatus.APPROVED]))):
                outbox.update(self.ctx.db, s, row, {"status": QuoteStatus.EXPIRED})
                count += 1
        return count

    def revise(self, quote_id: str) -> QuoteView:
        """A new version of a sent (or closed) quote: same number, next revision, as a draft.
        The old version stays as it was, read-only. Approval is never copied."""
        today = self.ctx.clock.now().date()
        with self.ctx.db.transaction() as s:
            old = get_live(s, Quote, quote_id)
            if old.status in (QuoteStatus.DRAFT, QuoteStatus.PENDING_APPROVAL,
                              QuoteStatus.APPROVED):
                raise ConflictError("still_editable", field="status", status=old.status,
                                    message="edit the quote itself; only sent quotes are revised")
            latest = s.scalar(select(func.max(Quote.revision)).where(Quote.number == old.number))
            new = Quote(customer_id=old.customer_id, opportunity_id=old.opportunity_id,
                        number=old.number, revision=(latest or old.revision) + 1,
                        previous_id=old.id, status=QuoteStatus.DRAFT, currency=old.currency,
                        language=old.language, issued_on=today,
                        valid_until=today + timedelta(days=VALIDITY_DAYS), notes=old.notes,
                        terms=old.terms, discount_kind=old.discount_kind,
                        discount_value=old.discount_value, subtotal=old.subtotal,
                        discount_total=old.discount_total, tax_total=old.tax_total,
                        grand_total=old.grand_total,
                        max_discount_percent=old.max_discount_percent, owner_id=self.ctx.user_id)
            outbox.insert(self.ctx.db, s, new)
            for line in self._line_rows(s, old.id):
                copy = {k: getattr(line, k) for k in (
                    "position", "product_id", "sku", "description", "unit", "quantity",
                    "list_price", "unit_price", "discount_kind", "discount_value", "tax_rate",
                    "net_amount", "tax_amount", "total")}
                outbox.insert(self.ctx.db, s, QuoteLine(quote_id=new.id,
                                                        customer_id=new.customer_id, **copy))
            return to_view(QuoteView, new)

    # -- reads ----------------------------------------------------------------------------
    @staticmethod
    def _line_rows(s: Session, quote_id: str) -> list[QuoteLine]:
        return list(s.scalars(select(QuoteLine).where(
            QuoteLine.quote_id == quote_id, QuoteLine.deleted_at.is_(None))
            .order_by(QuoteLine.position)))

    def get(self, quote_id: str) -> QuoteView:
        with self.ctx.db.reader() as s:
            return to_view(QuoteView, get_live(s, Quote, quote_id))

    def lines(self, quote_id: str) -> list[QuoteLineView]:
        with self.ctx.db.reader() as s:
            return [to_view(QuoteLineView, r) for r in self._line_rows(s, quote_id)]

    def for_customer(self, customer_id: str) -> list[QuoteView]:
        with self.ctx.db.reader() as s:
            rows = s.scalars(select(Quote).where(
                Quote.customer_id == customer_id, Quote.deleted_at.is_(None))
                .order_by(Quote.number, Quote.revision))
            return [to_view(QuoteView, r) for r in rows]

    def approval_queue(self) -> list[QuoteView]:
        with self.ctx.db.reader() as s:
            rows = s.scalars(select(Quote).where(
                Quote.status == QuoteStatus.PENDING_APPROVAL, Quote.deleted_at.is_(None))
                .order_by(Quote.submitted_at))
            return [to_view(QuoteView, r) for r in rows]
