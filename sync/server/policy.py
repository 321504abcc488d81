"""The quote approval policy: when a quote needs a manager, per role.

Stored as catalog records (``ref_values`` with ``list_name="quote_policy"``), so it reaches
every replica through the ordinary pull feed and the client's quote service reads the same
numbers the server enforces. One row per setting:

=================================  ===========================================
``code``                           ``label_en`` (and ``label_zh``) holds
=================================  ===========================================
``<role>.max_discount_percent``    largest line discount without approval, e.g. ``15``
``<role>.max_total``               largest grand total without approval, e.g. ``1000000``
``<role>.every_quote``             ``true``: every quote needs approval
=================================  ===========================================

Only reps' quotes are checked: managers and admins are the approvers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import orjson
from sqlalchemy import Connection, select

from app.ids import deterministic_id
from sync.server.tables import records

LIST_NAME = "quote_policy"
SETTINGS = ("max_discount_percent", "max_total", "every_quote")


@dataclass(frozen=True)
class QuotePolicy:
    """Defaults per BUSINESS-RULES.md ("Decisions on open points", 1) and the client's
    ``ApprovalPolicy``: 15 % discount, CNY 1 000 000 total."""

    max_discount_percent: Decimal = Decimal(15)
    max_total: Decimal = Decimal(1_000_000)
    every_quote: bool = False

    def needs_approval(self, discount_percent: Decimal, grand_total: Decimal) -> bool:
        return (self.every_quote or discount_percent > self.max_discount_percent
                or grand_total > self.max_total)

    def values(self) -> dict[str, str]:
        return {"max_discount_percent": str(self.max_discount_percent),
                "max_total": str(self.max_total),
                "every_quote": "true" if self.every_quote else "false"}


def record_id(role: str, setting: str) -> str:
    return deterministic_id(LIST_NAME, f"{role}.{setting}")


def decimal_or(value: Any, default: Decimal) -> Decimal:
    try:
        return Decimal(str(value)) if value is not None else default
    except (InvalidOperation, ValueError):
        return default


def load(conn: Connection, role: str) -> QuotePolicy:
    """The role's policy as stored (defaults for settings never set)."""
    ids = [record_id(role, name) for name in SETTINGS]
    found: dict[str, str] = {}
    for (data,) in conn.execute(select(records.c.data).where(
            records.c.entity == "ref_values", records.c.id.in_(ids))):
        row = orjson.loads(data)
        if row.get("deleted_at") is None and not row.get("retired"):
            found[str(row.get("code", "")).partition(".")[2]] = str(row.get("label_en"))
    base = QuotePolicy()
    return QuotePolicy(
        max_discount_percent=decimal_or(found.get("max_discount_percent"),
                                        base.max_discount_percent),
        max_total=decimal_or(found.get("max_total"), base.max_total),
        every_quote=found.get("every_quote", "false").lower() == "true")
