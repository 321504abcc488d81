"""Everything a quote PDF shows, as one frozen value — no Qt, no database, no formatting.

The renderer (``ui/pdf``) must never compute money: it receives amounts already rounded by
:mod:`app.pricing` and only formats them. Keeping that boundary in a plain dataclass means the
document can be built and checked in a fast test, rendered on a worker thread, and archived
as exactly what the client saw. ``QuoteDocument`` checks on construction that its lines add up
to its totals, so an inconsistent PDF cannot be produced by accident.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal, get_args

from app.errors import ValidationError
from app.pricing import QuotePricing, TierMode

__all__ = [
    "DocumentLine",
    "DocumentTotals",
    "Language",
    "Party",
    "QuoteDocument",
    "document_lines",
    "document_totals",
]

Language = Literal["en", "zh"]
_LANGUAGES: tuple[str, ...] = get_args(Language)


@dataclass(frozen=True, slots=True)
class Party:
    """The seller or the client block. Empty strings are simply not printed."""

    name: str
    address_lines: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    contact: str = ""
    tax_id: str = ""


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """One printed line. Money is already rounded; ``amount`` is the net, excluding tax."""

    position: int
    sku: str
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    discount: Decimal
    tax_percent: Decimal
    tax: Decimal
    amount: Decimal
    graduated: bool = False


@dataclass(frozen=True, slots=True)
class DocumentTotals:
    """The totals block: ``subtotal − discount_total = net_total``; ``+ tax_total = grand``."""

    subtotal: Decimal
    discount_total: Decimal
    net_total: Decimal
    tax_total: Decimal
    grand_total: Decimal


@dataclass(frozen=True, slots=True)
class QuoteDocument:
    """A quote as the client will see it.

    ``watermark`` is printed across every page when non-empty (e.g. ``"DRAFT — pending
    approval"``), already in the document's language. ``version`` 1 is the original; later
    versions print as ``<number>-vN`` (BUSINESS-RULES §5.6).
    """

    seller: Party
    client: Party
    quote_number: str
    version: int
    issue_date: date
    valid_until: date
    currency: str
    language: Language
    lines: tuple[DocumentLine, ...]
    totals: DocumentTotals
    logo_path: Path | None = None
    terms: tuple[str, ...] = ()
    notes: str = ""
    watermark: str = ""
    prepared_by: str = ""
    brand_color: str = "#1f4e79"

    def __post_init__(self) -> None:
        if self.language not in _LANGUAGES:
            raise ValidationError("unsupported_language", field="language", value=self.language)
        if self.version < 1:
            raise ValidationError("version_invalid", field="version", value=self.version)
        if self.valid_until < self.issue_date:
            raise ValidationError("valid_until_before_issue", field="valid_until")
        _check_totals(self.lines, self.totals)

    @property
    def display_number(self) -> str:
        """``Q-ZW-2025-0042`` for the original, ``Q-ZW-2025-0042-v2`` for a revision."""
        return self.quote_number if self.version == 1 else f"{self.quote_number}-v{self.version}"


def _check_totals(lines: Sequence[DocumentLine], totals: DocumentTotals) -> None:
    zero = Decimal(0)
    checks = {
        "net_total": (sum((ln.amount for ln in lines), zero), totals.net_total),
        "tax_total": (sum((ln.tax for ln in lines), zero), totals.tax_total),
        "discount_total": (totals.subtotal - totals.net_total, totals.discount_total),
        "grand_total": (totals.net_total + totals.tax_total, totals.grand_total),
    }
    for name, (expected, actual) in checks.items():
        if expected != actual:
            raise ValidationError(
                "document_totals_inconsistent",
                field=f"totals.{name}",
                expected=expected,
                actual=actual,
            )


def document_lines(pricing: QuotePricing, units: Sequence[str]) -> tuple[DocumentLine, ...]:
    """Printed lines from a priced quote; ``units`` gives each line's unit ("pcs", "件" …)."""
    if len(units) != len(pricing.lines):
        raise ValidationError(
            "units_length_mismatch", field="units", expected=len(pricing.lines), actual=len(units)
        )
    return tuple(
        DocumentLine(
            position=index,
            sku=line.sku,
            description=line.description,
            quantity=line.quantity,
            unit=unit,
            unit_price=line.unit_price,
            discount=line.discount,
            tax_percent=line.tax_percent,
            tax=line.tax,
            amount=line.net,
            graduated=line.mode is TierMode.GRADUATED,
        )
        for index, (line, unit) in enumerate(zip(pricing.lines, units, strict=True), start=1)
    )


def document_totals(pricing: QuotePricing) -> DocumentTotals:
    """The totals block of a priced quote."""
    t = pricing.totals
    return DocumentTotals(
        subtotal=t.subtotal,
        discount_total=t.discount_total,
        net_total=t.net_total,
        tax_total=t.tax_total,
        grand_total=t.grand_total,
    )
