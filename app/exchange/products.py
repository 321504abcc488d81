"""The product catalog import: one set of data standards for every way products get in.

The catalog belongs to the server (products are read-only on a replica). A manager imports a
sheet through the app's import wizard, which previews it with :func:`prepare_products` and
uploads the mapped cells; an admin may run ``fieldsales-server import-catalog``. Both the
server's endpoint and its command check every row again with :func:`check_rows`, the same
function the preview used, so a row the wizard accepted is never refused for another reason.

A row's cells are text (as :mod:`app.exchange.reader` reads them); a valid row becomes the
product's record data as the sync feed carries it (money as exact decimal text, tiers as a
list of ``{"min_qty", "unit_price"}`` text pairs). The columns:

``sku`` (required, unique), ``name`` (required), ``name_zh``, ``category``, ``unit``
(default ``pcs``), ``currency`` (ISO 4217, default ``CNY``), ``list_price`` (required, ≥ 0),
``tax_rate`` (``0.13``, ``13%`` or ``13``; default 13 %), ``tier_mode`` (``volume`` or
``graduated``), ``tiers`` (``min_qty:unit_price`` pairs separated by ``;``:
``10:95.00;100:90.00``, quantities ascending), ``active`` (yes/no, default yes),
``description``.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from app.errors import ValidationError
from app.exchange.fields import ENTITY_FIELDS, fold
from app.exchange.plan import DuplicateHit, ImportPlan, RowIssue, RowPlan
from app.exchange.reader import SheetTable
from app.ids import deterministic_id
from app.pricing import PricingError, minor_unit
from app.validation import require_text

Progress = Callable[[str, int, int], None]
PRODUCT_KEYS = tuple(s.key for s in ENTITY_FIELDS["products"])
MAX_PRODUCT_ROWS = 20_000  # one upload; a catalog is hundreds to a few thousand products
DEFAULT_TAX_RATE = Decimal("0.13")
TIER_MODES = ("volume", "graduated")
_TEXT_LIMITS = {"sku": 60, "name": 300, "name_zh": 300, "category": 100, "unit": 20,
                "description": 2000}
_TRUE = frozenset(fold(w) for w in ("yes", "y", "true", "1", "active", "on", "是", "启用",
                                    "有效", "在售"))
_FALSE = frozenset(fold(w) for w in ("no", "n", "false", "0", "inactive", "off", "否", "停用",
                                     "无效", "停售"))
_MODES = {fold(w): mode for mode, words in (
    ("volume", ("volume", "整单", "整量", "按总量")),
    ("graduated", ("graduated", "累进", "分段", "阶梯累进"))) for w in words}
_CHECK_EVERY = 250


def product_id(sku: str) -> str:
    """The record id of a SKU: the same on every server and replica, so importing a SKU again
    updates the product instead of adding a copy."""
    return deterministic_id("product", sku)


# -- one row ---------------------------------------------------------------------------------

def validate_product(cells: Mapping[str, str]) -> tuple[dict[str, Any], list[ValidationError]]:
    """The record data of one row, and every problem found in it (each with its field)."""
    errors: list[ValidationError] = []
    data: dict[str, Any] = {}
    for key in PRODUCT_KEYS:
        text = unicodedata.normalize("NFKC", str(cells.get(key) or "")).strip() \
            if key != "description" else str(cells.get(key) or "").strip()
        try:
            data[key] = _field(key, text)
        except ValidationError as exc:
            errors.append(exc)
    return data, errors


def _field(key: str, text: str) -> Any:
    if key in ("sku", "name"):
        return require_text(text, key, _TEXT_LIMITS[key])
    if key in ("name_zh", "category", "description"):
        return require_text(text, key, _TEXT_LIMITS[key], multiline=key == "description") \
            if text else None
    if key == "unit":
        return require_text(text or "pcs", key, _TEXT_LIMITS[key])
    if key == "currency":
        return _currency(text or "CNY")
    if key == "list_price":
        if not text:
            raise ValidationError("required", key)
        return _plain(_amount(text, key))
    if key == "tax_rate":
        return _plain(_tax_rate(text)) if text else _plain(DEFAULT_TAX_RATE)
    if key == "tier_mode":
        mode = _MODES.get(fold(text), text) if text else "volume"
        if mode not in TIER_MODES:
            raise ValidationError("not_in_list", key, value=text)
        return mode
    if key == "tiers":
        return _tiers(text)
    if key == "active":
        return _active(text)
    raise ValidationError("unknown_field", key)


def _plain(value: Decimal) -> str:
    return format(value, "f")


def _number(text: str, field: str) -> Decimal:
    """A decimal as people type it in a sheet: ``1,234.50``, ``¥1234.5``, ``1 234``."""
    cleaned = text.replace(",", "").replace(" ", "").lstrip("¥$€£")
    try:
        value = Decimal(cleaned)
    except (InvalidOperation, ValueError):
        raise ValidationError("not_a_number", field, value=text) from None
    if not value.is_finite():
        raise ValidationError("not_a_number", field, value=text)
    return value


def _amount(text: str, field: str) -> Decimal:
    value = _number(text, field)
    if value < 0:
        raise ValidationError("negative", field, value=text)
    if value > Decimal("1e12"):
        raise ValidationError("out_of_range", field, min=0, max="1000000000000", value=text)
    return value


def _tax_rate(text: str) -> Decimal:
    """``0.13``, ``13%`` and ``13`` all mean 13 %; a rate is below 100 %."""
    percent = text.endswith("%")
    value = _number(text.rstrip("%").strip(), "tax_rate")
    if percent or value >= 1:
        value = value / 100
    if not Decimal(0) <= value < 1:
        raise ValidationError("out_of_range", "tax_rate", min="0%", max="99%", value=text)
    return value.normalize() if value else Decimal("0")


def _currency(text: str) -> str:
    code = text.upper()
    try:
        minor_unit(code)
    except PricingError:
        raise ValidationError("unknown_currency", "currency", value=text) from None
    return code


def _tiers(text: str) -> list[dict[str, str]]:
    """``10:95;100:90`` → ascending quantity breaks (full-width ``：`` and ``；`` work too)."""
    if not text:
        return []
    tiers: list[dict[str, str]] = []
    last = Decimal(0)
    for part in text.replace("\n", ";").replace("|", ";").split(";"):
        if not part.strip():
            continue
        qty_text, sep, price_text = part.partition(":")
        if not sep:
            raise ValidationError("tiers_invalid", "tiers", value=part.strip(),
                                  message="write tiers as min_qty:unit_price;…")
        qty = _number(qty_text.strip(), "tiers")
        price = _amount(price_text.strip(), "tiers")
        if qty <= last:
            raise ValidationError("tiers_not_ascending", "tiers", value=part.strip(),
                                  message="tier quantities must be above zero and ascending")
        last = qty
        tiers.append({"min_qty": _plain(qty), "unit_price": _plain(price)})
    return tiers


def _active(text: str) -> bool:
    if not text:
        return True
    folded = fold(text)
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ValidationError("not_in_list", "active", value=text)


# -- many rows -------------------------------------------------------------------------------

def check_rows(rows: Iterable[tuple[int, Mapping[str, str]]], on_progress: Progress | None = None,
               cancel: threading.Event | None = None, total: int = 0,
               ) -> tuple[list[tuple[int, dict[str, Any]]], list[RowIssue]]:
    """Validate ``(sheet row, cells)`` pairs: the valid rows' record data and every problem.

    A SKU may appear once per file (which row would win is anybody's guess). Used by the
    wizard's preview, the upload endpoint and the server's command alike.
    """
    valid: list[tuple[int, dict[str, Any]]] = []
    issues: list[RowIssue] = []
    first_row: dict[str, int] = {}
    for number, (row, cells) in enumerate(rows):
        if number % _CHECK_EVERY == 0:
            if cancel is not None and cancel.is_set():
                from app.exchange.importer import ImportCancelledError

                raise ImportCancelledError("import_cancelled")
            if on_progress is not None:
                on_progress("validating", number, total)
        if number >= MAX_PRODUCT_ROWS:
            issues.append(RowIssue(row, None, "too_many_rows", "", f"at most "
                                   f"{MAX_PRODUCT_ROWS:,} products per file"))
            break
        data, errors = validate_product(cells)
        issues += [RowIssue(row, e.field, e.code, str(cells.get(e.field or "", ""))[:200],
                            e.message) for e in errors]
        if errors:
            continue
        sku = fold(data["sku"])
        if sku in first_row:
            issues.append(RowIssue(row, "sku", "sku_repeated", data["sku"],
                                   f"the SKU is also on row {first_row[sku]}"))
            continue
        first_row[sku] = row
        valid.append((row, data))
    return valid, issues


def table_cells(table: SheetTable, mapping: Mapping[int, str],
                ) -> list[tuple[int, dict[str, str]]]:
    """The mapped, non-blank rows of a sheet as ``(sheet row, {field: text})``."""
    cells: list[tuple[int, dict[str, str]]] = []
    for offset, row in enumerate(table.rows):
        values = {key: row[index] for index, key in mapping.items() if key in PRODUCT_KEYS}
        if any(values.values()):
            cells.append((table.first_row + offset, values))
    return cells


def prepare_products(db: Any, table: SheetTable, mapping: Mapping[int, str],
                     on_progress: Progress | None = None,
                     cancel: threading.Event | None = None) -> ImportPlan:
    """The wizard's preview: every row checked, and SKUs the catalog already has (as this
    replica last synced it) marked as duplicates to update or skip. Each plan row keeps its
    cells (``values["_cells"]``): the upload sends them, and the server checks them again."""
    from sqlalchemy import select

    from app.models import Product

    cells = table_cells(table, mapping)
    valid, issues = check_rows(cells, on_progress, cancel, len(cells))
    by_row = dict(cells)
    with db.reader() as s:
        existing = {fold(sku): (pid, sku, name) for pid, sku, name in s.execute(
            select(Product.id, Product.sku, Product.name).where(Product.deleted_at.is_(None)))}
    rows: list[RowPlan] = []
    for row, data in valid:
        plan = RowPlan(row, {**data, "_cells": by_row[row]})
        found = existing.get(fold(data["sku"]))
        if found is not None:
            plan.duplicate = DuplicateHit(found[0], f"{found[1]} · {found[2]}", "sku", True)
        rows.append(plan)
    if on_progress is not None:
        on_progress("validating", len(cells), len(cells))
    return ImportPlan("products", table.headers, dict(mapping), rows, issues, table.encoding)


def upload_rows(plan: ImportPlan, on_duplicate: str = "skip") -> list[dict[str, Any]]:
    """What the wizard sends for a plan: each row with its sheet row number, its mapped cells
    and what to do should the server already have the SKU (``update`` or ``skip``). Rows the
    user chose to skip stay home; a row this replica thought new follows ``on_duplicate``
    (the replica may not have synced a SKU someone else added meanwhile)."""
    rows: list[dict[str, Any]] = []
    for r in plan.rows:
        if r.action == "skip":
            continue
        update = r.duplicate is not None or on_duplicate == "merge"
        rows.append({"row": r.row, "cells": r.values["_cells"],
                     "if_exists": "update" if update else "skip"})
    return rows
