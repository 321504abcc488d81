"""Writing the product catalog on the server, keyed by SKU.

Two ways in, one implementation: ``fieldsales-server import-catalog FILE.xlsx|FILE.csv`` (an
admin on the server) and ``POST /catalog/v1/products`` (a manager's upload from the app's
import wizard, :mod:`sync.server.catalog_api`). Rows are checked with
:func:`app.exchange.products.check_rows` — the data standards the wizard's preview applies —
and written in **one** transaction at one seq: a file imports completely or not at all.

An existing SKU is updated in place (same record id), so replicas receive an update, not a
copy; its stock figures and creation time are kept. Columns and formats: see
:mod:`app.exchange.products`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, select

from app.errors import AppError
from app.exchange.fields import fold, guess_mapping
from app.exchange.plan import RowIssue
from app.exchange.products import check_rows, product_id, table_cells
from app.exchange.reader import read_table
from sync.server import admin, audit
from sync.server.records import Record, load, new_record, save
from sync.server.store import Store
from sync.server.tables import records


@dataclass(frozen=True)
class CatalogOutcome:
    created: int
    updated: int
    skipped: int
    seq: int


class CatalogRejectedError(Exception):
    """Some rows break the data standards; nothing was written."""

    def __init__(self, issues: Sequence[RowIssue]) -> None:
        first = "; ".join(f"row {i.row}: {i.field or 'file'} {i.code}" for i in issues[:5])
        super().__init__(f"{len(issues)} problem(s), nothing imported: {first}")
        self.issues = list(issues)


def _existing(conn: Connection) -> dict[str, str]:
    """Folded SKU → record id of every product the server has (deleted ones too: importing
    the SKU again brings the product back rather than adding a second record)."""
    found: dict[str, str] = {}
    for rid, data in conn.execute(select(records.c.id, records.c.data).where(
            records.c.entity == "products")):
        sku = orjson.loads(data).get("sku")
        if isinstance(sku, str):
            found.setdefault(fold(sku), rid)
    return found


def write_products(store: Store, conn: Connection, rows: Sequence[tuple[dict[str, Any], bool]],
                   ) -> CatalogOutcome:
    """Write validated record data in the caller's transaction: ``(data, update_existing)``
    per product; an existing SKU with ``update_existing`` false is left alone.

    Like :func:`sync.server.admin.put_record` (a changed field takes the new seq and HLC), but
    loading and saving every record in one go: 5 000 products in ~1 s instead of ~4.
    """
    seq = store.next_seq(conn)
    hlc = admin._server_hlc(store, conn)
    now = datetime.now(UTC).isoformat()
    existing = _existing(conn)
    wanted = [(data, existing.get(fold(data["sku"])), update) for data, update in rows]
    found = load(conn, [("products", rid) for _d, rid, _u in wanted if rid], for_update=True)
    written: list[Record] = []
    created = updated = skipped = 0
    for data, rid, update in wanted:
        rec = found.get(("products", rid)) if rid else None
        if rid is not None and not update:
            skipped += 1
        elif rec is None:
            written.append(new_record("products", rid or product_id(data["sku"]), None, seq,
                                      hlc, {**data, "stock_on_hand": None, "stock_as_of": None,
                                            "created_at": now, "updated_at": now,
                                            "deleted_at": None}))
            created += 1
        else:  # the same record, updated: stock figures and creation time stay
            for name, value in {**data, "updated_at": now, "deleted_at": None}.items():
                if rec.data.get(name) != value:
                    rec.data[name] = value
                    rec.field_seq[name] = seq
                    rec.field_hlc[name] = hlc
            rec.seq, rec.version, rec.dirty = seq, rec.version + 1, True
            rec.deleted_seq = None  # a deleted product imported again comes back
            written.append(rec)
            updated += 1
    save(conn, written)
    return CatalogOutcome(created, updated, skipped, seq)


def checked(cells: Sequence[tuple[int, Mapping[str, str]]]) -> dict[int, dict[str, Any]]:
    """Sheet row → record data, or :class:`CatalogRejectedError` with every problem."""
    valid, issues = check_rows(cells, total=len(cells))
    if issues:
        raise CatalogRejectedError(issues)
    return dict(valid)


def import_catalog(store: Store, path: Path) -> int:
    """The ``import-catalog`` command: every product of the file, updating existing SKUs."""
    try:
        table = read_table(path)
    except AppError as exc:
        raise admin.AdminError(f"{path.name}: {exc.code}: {exc.message}") from exc
    mapping = guess_mapping(table.headers, "products")
    missing = {"sku", "name", "list_price"} - set(mapping.values())
    if missing:
        raise admin.AdminError(f"{path.name}: no column for {', '.join(sorted(missing))}")
    try:
        products = checked(table_cells(table, mapping))
    except CatalogRejectedError as exc:
        raise admin.AdminError(str(exc)) from exc
    with store.write() as conn:
        outcome = write_products(store, conn, [(data, True) for data in products.values()])
        audit.record(conn, "catalog_import", actor="admin", target=path.name,
                     detail={"created": outcome.created, "updated": outcome.updated,
                             "seq": outcome.seq})
    return len(products)
