"""``fieldsales-server import-catalog FILE.xlsx|FILE.csv``: products, keyed by SKU.

Columns: ``sku, name, name_zh, category, unit, currency, list_price, tax_rate, tiers`` where
``tiers`` is ``min_qty:unit_price`` pairs separated by ``;`` (``10:95.00;100:90.00``). An
existing SKU is updated in place (same record id), so replicas receive an update, not a copy.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.ids import deterministic_id
from sync.server import admin
from sync.server.store import Store


def _rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = book.active
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
        header = [str(h or "").strip().lower() for h in values[0]]
        return [dict(zip(header, r, strict=False)) for r in values[1:] if any(r)]
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return [{k.strip().lower(): v for k, v in row.items() if k} for row in
                csv.DictReader(fh)]


def _money(value: Any, field: str, line: int) -> str:
    try:
        return format(Decimal(str(value).strip()), "f")
    except (InvalidOperation, ValueError) as exc:
        raise admin.AdminError(f"line {line}: {field} {value!r} is not a number") from exc


def _tiers(text: Any, line: int) -> list[dict[str, str]]:
    if text is None or not str(text).strip():
        return []
    tiers = []
    for part in str(text).split(";"):
        qty, _, price = part.partition(":")
        tiers.append({"min_qty": _money(qty, "tier quantity", line),
                      "unit_price": _money(price, "tier price", line)})
    return tiers


def import_catalog(store: Store, path: Path) -> int:
    rows = _rows(path)
    now = datetime.now(UTC).isoformat()
    with store.write() as conn:
        seq = store.next_seq(conn)
        hlc = admin._server_hlc(store, conn)
        for line, row in enumerate(rows, start=2):
            sku = str(row.get("sku") or "").strip()
            if not sku:
                raise admin.AdminError(f"line {line}: sku is empty")
            data = {
                "sku": sku, "name": str(row.get("name") or sku),
                "name_zh": row.get("name_zh") or None, "description": None,
                "category": row.get("category") or None, "unit": row.get("unit") or "pcs",
                "currency": row.get("currency") or "CNY",
                "list_price": _money(row.get("list_price"), "list_price", line),
                "tax_rate": _money(row.get("tax_rate") or "0.13", "tax_rate", line),
                "tier_mode": "volume", "tiers": _tiers(row.get("tiers"), line),
                "stock_on_hand": None, "stock_as_of": None, "active": True,
                "created_at": now, "updated_at": now, "deleted_at": None,
            }
            admin.put_record(store, conn, seq, hlc, "products",
                             deterministic_id("product", sku), data)
    return len(rows)
