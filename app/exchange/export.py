"""Writing lists and reports to .xlsx or .csv.

Lists (customers, contacts, opportunities, quotes) respect the filters of the screen they come
from: the UI passes the row ids of the customer list it shows, or an owner/stage/status. The
headings are the import's own (:mod:`app.exchange.fields`), so an exported sheet imports back
unchanged. CSV is UTF-8 with a byte-order mark (Excel then opens Chinese text correctly) or
GB18030 on request.

Cells a spreadsheet would run as a formula (starting with ``=``, ``@``, or ``+``/``-`` not
followed by a digit) are written with a leading apostrophe: an exported name can never become
a formula on someone's laptop. The reader strips that apostrophe again.
"""

from __future__ import annotations

import csv
import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.db import Database
from app.errors import ValidationError
from app.exchange.fields import CONTACT_FIELDS, CUSTOMER_FIELDS
from app.reports.common import parse_stamp
from app.reports.table import Cell, ReportTable

Progress = Callable[[str, int, int], None]
EXPORT_ENTITIES = ("customers", "contacts", "opportunities", "quotes")
_CHUNK = 500


@dataclass(frozen=True)
class ExportFilter:
    """What the screen shows. ``customer_rowids``: the customer list's current rows, in order
    (for contacts, opportunities and quotes: those of these customers)."""

    customer_rowids: Sequence[int] | None = None
    owner_id: str | None = None
    stage: str | None = None  # opportunities
    status: str | None = None  # quotes


def safe_text(value: str) -> str:
    if value[:1] in ("=", "@") or (value[:1] in ("+", "-") and not value[1:2].isdigit()
                                   and len(value) > 1):
        return "'" + value
    return value


# Characters an .xlsx cannot hold (XML 1.0 forbids most control characters).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(_ILLEGAL_XML.sub("", value))
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)  # spreadsheets have no time zones
    if value is None or isinstance(value, int | Decimal | date | float):
        return value
    return str(value)


def write_rows(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]],
               *, encoding: str = "utf-8-sig") -> int:
    """Write a header and rows to ``path`` (.xlsx or .csv); returns the number of rows."""
    suffix = path.suffix.lower()
    count = 0
    if suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append([_cell(str(h)) for h in headers])
        for row in rows:
            sheet.append([_cell(v) for v in row])
            count += 1
        book.save(path)
    elif suffix == ".csv":
        with path.open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([_cell(str(h)) for h in headers])
            for row in rows:
                writer.writerow(["" if v is None else _csv_text(_cell(v)) for v in row])
                count += 1
    else:
        raise ValidationError("unsupported_format", field="file", suffix=suffix,
                              message="export to .xlsx or .csv")
    return count


def _csv_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def write_report(path: Path, table: ReportTable,
                 headings: Mapping[str, str] | None = None,
                 cell: Callable[[str, Cell], Cell] | None = None) -> int:
    """A report table as a sheet; ``headings`` translate column keys, ``cell`` may turn codes
    into labels (a stage code into its name)."""
    names = [headings.get(c, c) if headings else c for c in table.columns]
    rows = ([cell(c, v) if cell else v for c, v in zip(table.columns, row, strict=True)]
            for row in table.rows)
    return write_rows(path, names, rows)


def write_issues(path: Path, issues: Iterable[Any]) -> int:
    """Row-by-row import errors as a sheet the user can fix the file from."""
    return write_rows(path, ("Row", "Field", "Problem", "Value", "Message"),
                      ((i.row, i.field or "", i.code, i.value, i.message) for i in issues))


# -- lists -----------------------------------------------------------------------------------

def export_list(db: Database, entity: str, path: Path, flt: ExportFilter | None = None,
                on_progress: Progress | None = None,
                cancel: threading.Event | None = None, *, encoding: str = "utf-8-sig") -> int:
    """Export one list; returns the number of rows written (``encoding``: for CSV)."""
    if entity not in EXPORT_ENTITIES:
        raise ValidationError("not_in_list", field="entity", value=entity)
    headers, rows = _QUERIES[entity](db, flt or ExportFilter())
    total = len(rows)
    report = on_progress or (lambda _p, _d, _t: None)

    def produce() -> Iterator[Sequence[Any]]:
        for index, row in enumerate(rows):
            if index % 1000 == 0:
                if cancel is not None and cancel.is_set():
                    raise ValidationError("export_cancelled", field="file")
                report("writing", index, total)
            yield row

    count = write_rows(path, headers, produce(), encoding=encoding)
    report("writing", total, total)
    return count


def _where(flt: ExportFilter, alias: str = "c") -> tuple[str, list[Any]]:
    clauses, params = [f"{alias}.deleted_at IS NULL"], []
    if flt.owner_id:
        clauses.append(f"{alias}.owner_id = ?")
        params.append(flt.owner_id)
    return " AND ".join(clauses), params


def _fetch(db: Database, sql: str, params: list[Any], flt: ExportFilter,
           rowid_column: str) -> list[tuple[Any, ...]]:
    """Run ``sql`` (whose first column is the customer rowid) for all customers or for the
    listed ones, keeping the list's order."""
    with db.reader() as s:
        conn = s.connection()
        if flt.customer_rowids is None:
            return [tuple(r[1:]) for r in conn.exec_driver_sql(sql, tuple(params))]
        order = {rid: i for i, rid in enumerate(flt.customer_rowids)}
        found: list[tuple[Any, ...]] = []
        ids = list(flt.customer_rowids)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            marks = ",".join("?" for _ in chunk)
            found += [tuple(r) for r in conn.exec_driver_sql(
                f"{sql} AND {rowid_column} IN ({marks})", (*params, *chunk))]
    found.sort(key=lambda r: order.get(r[0], 0))
    return [tuple(r[1:]) for r in found]


def _customers(db: Database, flt: ExportFilter) -> tuple[list[str], list[tuple[Any, ...]]]:
    where, params = _where(flt)
    cols = ", ".join(f"c.{f.key}" for f in CUSTOMER_FIELDS)
    sql = (f"SELECT c.rowid, {cols}, c.lifecycle, COALESCE(u.display_name, ''), "
           f"c.last_follow_up_at, c.created_at FROM customers c "
           f"LEFT JOIN users u ON u.id = c.owner_id WHERE {where}")
    rows = _fetch(db, sql, params, flt, "c.rowid")
    if flt.customer_rowids is None:
        rows.sort(key=lambda r: r[0])  # by registered name, like the list's default
    n = len(CUSTOMER_FIELDS)
    out = [(*r[:n], r[n], r[n + 1], parse_stamp(r[n + 2]), parse_stamp(r[n + 3]))
           for r in rows]
    headers = [f.heading for f in CUSTOMER_FIELDS]
    return [*headers, "Lifecycle", "Owner", "Last follow-up", "Created"], out


def _first(phones: list[dict[str, Any]], kind: str) -> str:
    return next((str(p.get("e164")) for p in phones if p.get("kind") == kind), "")


def _contacts(db: Database, flt: ExportFilter) -> tuple[list[str], list[tuple[Any, ...]]]:
    where, params = _where(flt, "k")
    sql = ("SELECT c.rowid, c.full_name, k.name, k.title, k.department, k.phones, k.emails, "
           "k.wechat_id, k.notes FROM contacts k JOIN customers c ON c.id = k.customer_id "
           f"WHERE c.deleted_at IS NULL AND {where}")
    out = []
    for company, name, title, dept, phones_json, emails_json, wechat, notes in _fetch(
            db, sql, params, flt, "c.rowid"):
        phones: list[dict[str, Any]] = json.loads(phones_json or "[]")
        emails: list[str] = json.loads(emails_json or "[]")
        mobile, office = _first(phones, "mobile"), _first(phones, "office")
        others = [str(p.get("e164")) for p in phones if str(p.get("e164")) not in (mobile, office)]
        out.append((company, name, title, dept, mobile, office, emails[0] if emails else "",
                    wechat, notes, " ".join(others), " ".join(emails[1:])))
    headers = [f.heading for f in CONTACT_FIELDS]
    return [*headers, "Other phones", "Other emails"], sorted(out, key=lambda r: (r[0], r[1]))


def _opportunities(db: Database, flt: ExportFilter) -> tuple[list[str], list[tuple[Any, ...]]]:
    where, params = _where(flt, "o")
    if flt.stage:
        where += " AND o.stage = ?"
        params.append(flt.stage)
    sql = ("SELECT c.rowid, c.full_name, o.name, o.stage, o.amount, o.currency, o.probability, "
           "o.expected_close, COALESCE(u.display_name, ''), o.lost_reason, o.closed_at "
           "FROM opportunities o JOIN customers c ON c.id = o.customer_id "
           "LEFT JOIN users u ON u.id = o.owner_id "
           f"WHERE c.deleted_at IS NULL AND {where}")
    out = [(r[0], r[1], r[2], Decimal(str(r[3])), r[4], r[5],
            date.fromisoformat(str(r[6])[:10]) if r[6] else None, r[7], r[8] or "",
            parse_stamp(r[9])) for r in _fetch(db, sql, params, flt, "c.rowid")]
    return (["Company", "Opportunity", "Stage", "Amount", "Currency", "Probability",
             "Expected close", "Owner", "Lost reason", "Closed"],
            sorted(out, key=lambda r: (r[0], r[1])))


def _quotes(db: Database, flt: ExportFilter) -> tuple[list[str], list[tuple[Any, ...]]]:
    where, params = _where(flt, "q")
    if flt.status:
        where += " AND q.status = ?"
        params.append(flt.status)
    sql = ("SELECT c.rowid, q.number, q.revision, c.full_name, q.status, q.currency, "
           "q.issued_on, q.valid_until, q.subtotal, q.discount_total, q.tax_total, "
           "q.grand_total, COALESCE(u.display_name, '') FROM quotes q "
           "JOIN customers c ON c.id = q.customer_id LEFT JOIN users u ON u.id = q.owner_id "
           f"WHERE c.deleted_at IS NULL AND {where}")
    out = [(r[0], r[1], r[2], r[3], r[4],
            date.fromisoformat(str(r[5])[:10]) if r[5] else None,
            date.fromisoformat(str(r[6])[:10]) if r[6] else None,
            *(Decimal(str(v)) for v in r[7:11]), r[11])
           for r in _fetch(db, sql, params, flt, "c.rowid")]
    return (["Number", "Revision", "Company", "Status", "Currency", "Issued", "Valid until",
             "Subtotal", "Discount", "Tax", "Total", "Owner"],
            sorted(out, key=lambda r: (r[0], r[1])))


_QUERIES: dict[str, Callable[[Database, ExportFilter],
                             tuple[list[str], list[tuple[Any, ...]]]]] = {
    "customers": _customers, "contacts": _contacts, "opportunities": _opportunities,
    "quotes": _quotes}
