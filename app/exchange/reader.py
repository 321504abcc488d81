"""Reading a sheet (.xlsx, or .csv in UTF-8 or GB18030) into header + text rows.

Everything a user may hand us is read defensively: any file that is not a readable sheet
raises :class:`SheetError` with one of these codes (and never anything else):

``file_missing``, ``file_empty``, ``file_too_large``, ``unsupported_format`` (.xls, .numbers,
anything else), ``encoding_unknown`` (a CSV in neither UTF-8 nor GB18030), ``corrupt_file``
(a damaged workbook or malformed CSV), ``no_header`` (no non-blank row), ``too_many_rows``,
``too_many_columns``.

Cells come back as stripped text ("" for empty): numbers without a spurious ``.0``, dates as
ISO text. Validation decides what the text means.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.errors import ValidationError

log = logging.getLogger(__name__)

MAX_BYTES = 200 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 200
ENCODINGS = ("utf-8-sig", "gb18030")
SHEET_ERROR_CODES = frozenset({
    "file_missing", "file_empty", "file_too_large", "unsupported_format", "encoding_unknown",
    "corrupt_file", "no_header", "too_many_rows", "too_many_columns"})


class SheetError(ValidationError):
    """The file is not a sheet we can read; ``code`` says why (see the module docstring)."""

    default_message = "Cannot read the file"


@dataclass(frozen=True)
class SheetTable:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # each as long as ``headers``
    encoding: str | None = None  # for CSV: the encoding it was read with
    first_row: int = 2  # the sheet row number of rows[0] (for error reports)


def read_table(path: Path, *, max_rows: int = MAX_ROWS) -> SheetTable:
    """The first worksheet (or the CSV) as a header row and data rows."""
    if not path.is_file():
        raise SheetError("file_missing", field="file", path=str(path))
    size = path.stat().st_size
    if size == 0:
        raise SheetError("file_empty", field="file")
    if size > MAX_BYTES:
        raise SheetError("file_too_large", field="file", max_bytes=MAX_BYTES)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        raw, encoding = _xlsx_rows(path, max_rows), None
    elif suffix in (".csv", ".txt"):
        raw, encoding = _csv_rows(path.read_bytes(), max_rows)
    else:
        raise SheetError("unsupported_format", field="file", suffix=suffix,
                         message="use .xlsx or .csv (save .xls files as .xlsx first)")
    return _tabulate(raw, encoding)


def _tabulate(raw: list[list[str]], encoding: str | None) -> SheetTable:
    skipped = 0
    while raw and not any(raw[0]):
        raw.pop(0)
        skipped += 1
    if not raw:
        raise SheetError("no_header", field="file", message="the sheet has no header row")
    width = max(len(r) for r in raw)
    if width > MAX_COLUMNS:
        raise SheetError("too_many_columns", field="file", max_columns=MAX_COLUMNS)
    header = raw[0] + [""] * (width - len(raw[0]))
    headers: list[str] = []
    for index, name in enumerate(header, start=1):
        text = " ".join(name.split()) or f"Column {index}"
        candidate, n = text, 2
        while candidate in headers:
            candidate, n = f"{text} ({n})", n + 1
        headers.append(candidate)
    rows = tuple(tuple(r + [""] * (width - len(r))) for r in raw[1:])
    return SheetTable(tuple(headers), rows, encoding, first_row=skipped + 2)


def cell_text(value: Any) -> str:
    """One cell as text: ``12.0`` → ``12``, dates ISO, None → ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return unescape(str(value).replace("\x00", "").strip())


def unescape(text: str) -> str:
    """Drop the apostrophe export puts before formula-like text (see app.exchange.export)."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "@", "+", "-") else text


def _xlsx_rows(path: Path, max_rows: int) -> list[list[str]]:
    if not zipfile.is_zipfile(path):
        raise SheetError("corrupt_file", field="file",
                         message="not an .xlsx workbook (is it an old .xls or a renamed file?)")
    try:
        rows = fast_xlsx_rows(path, max_rows)
    except SheetError:
        raise
    except Exception:  # anything unusual in the XML: let openpyxl read it the slow way
        log.debug("fast .xlsx reader gave up on %s", path, exc_info=True)
        rows = None
    if rows is None:
        rows = _openpyxl_rows(path, max_rows)
    while rows and not rows[-1]:
        rows.pop()
    return rows


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_DATE_FORMATS = frozenset({14, 15, 16, 17, 22})  # built-in date formats of the cell styles


def fast_xlsx_rows(path: Path, max_rows: int) -> list[list[str]] | None:
    """Cell text of the first worksheet straight from the XML (4–5× faster than openpyxl's
    read-only mode, which matters at 20 000 rows). Returns None for what it does not handle
    (dates, which need the style table; unusual layouts), and openpyxl takes over."""
    from xml.etree.ElementTree import iterparse

    with zipfile.ZipFile(path) as book:
        names = set(book.namelist())
        sheet = _first_sheet(book)
        if sheet is None or sheet not in names:
            return None
        if "xl/styles.xml" in names and _has_date_styles(book.read("xl/styles.xml")):
            return None
        shared: list[str] = []
        if "xl/sharedStrings.xml" in names:
            with book.open("xl/sharedStrings.xml") as handle:
                for _, elem in iterparse(handle):
                    if elem.tag == _NS + "si":
                        shared.append("".join(t.text or "" for t in elem.iter(_NS + "t")))
                        elem.clear()
        rows: list[list[str]] = []
        with book.open(sheet) as handle:
            for _, elem in iterparse(handle):
                if elem.tag != _NS + "row":
                    continue
                if len(rows) > max_rows:
                    raise SheetError("too_many_rows", field="file", max_rows=max_rows)
                number = int(elem.get("r") or len(rows) + 1)
                while len(rows) < number - 1:
                    rows.append([])  # rows the file leaves out are blank
                rows.append(_row_cells(elem, shared))
                elem.clear()
    return rows


def _first_sheet(book: zipfile.ZipFile) -> str | None:
    from xml.etree.ElementTree import fromstring

    workbook = fromstring(book.read("xl/workbook.xml"))
    first = workbook.find(f"{_NS}sheets/{_NS}sheet")
    if first is None:
        return None
    rel_id = first.get(_REL_NS + "id")
    rels = fromstring(book.read("xl/_rels/workbook.xml.rels"))
    for rel in rels:
        if rel.get("Id") == rel_id:
            target = str(rel.get("Target", ""))
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return None


def _has_date_styles(styles: bytes) -> bool:
    from xml.etree.ElementTree import fromstring

    root = fromstring(styles)
    xfs = root.find(f"{_NS}cellXfs")
    custom = {int(f.get("numFmtId", "0")) for f in root.iter(_NS + "numFmt")}
    for xf in xfs if xfs is not None else []:
        fmt = int(xf.get("numFmtId", "0"))
        if fmt in _DATE_FORMATS or fmt in custom:
            return True
    return False


def _column(ref: str) -> int:
    number = 0
    for ch in ref:
        if not ch.isalpha():
            break
        number = number * 26 + ord(ch.upper()) - 64
    return number - 1


def _row_cells(row: Any, shared: list[str]) -> list[str]:
    cells: list[str] = []
    for cell in row:
        if cell.tag != _NS + "c":
            continue
        ref = cell.get("r")
        index = _column(ref) if ref else len(cells)
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            text = "".join(t.text or "" for t in cell.iter(_NS + "t"))
        else:
            value = cell.find(_NS + "v")
            raw = value.text if value is not None and value.text else ""
            if kind == "s" and raw:
                text = shared[int(raw)]
            elif kind == "n" and raw:
                text = cell_text(float(raw)) if not raw.lstrip("-").isdigit() else raw
            elif kind == "b":
                text = "TRUE" if raw == "1" else "FALSE"
            else:
                text = raw
        while len(cells) < index:
            cells.append("")
        cells.append(cell_text(text))
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _openpyxl_rows(path: Path, max_rows: int) -> list[list[str]]:
    from openpyxl import load_workbook

    rows: list[list[str]] = []
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise SheetError("corrupt_file", field="file", reason=str(exc)[:200]) from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise SheetError("no_header", field="file")
        for values in sheet.iter_rows(values_only=True):
            if len(rows) > max_rows:
                raise SheetError("too_many_rows", field="file", max_rows=max_rows)
            row = [cell_text(v) for v in values]
            while row and not row[-1]:
                row.pop()
            rows.append(row)
    except SheetError:
        raise
    except Exception as exc:  # damaged XML surfaces while iterating
        raise SheetError("corrupt_file", field="file", reason=str(exc)[:200]) from exc
    finally:
        book.close()
    return rows


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding that decoded it strictly: UTF-8 (with or without BOM) first,
    then GB18030 (which covers GBK and GB2312 files from Chinese Excel)."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise SheetError("encoding_unknown", field="file",
                     message="save the CSV as UTF-8 or GB18030 (GBK)")


def _csv_rows(data: bytes, max_rows: int) -> tuple[list[list[str]], str]:
    text, encoding = decode(data)
    if "\x00" in text:
        raise SheetError("corrupt_file", field="file", message="the CSV contains NUL bytes")
    sample = text[:64 * 1024]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[str]] = []
    try:
        for values in csv.reader(io.StringIO(text, newline=""), dialect):
            if len(rows) > max_rows:
                raise SheetError("too_many_rows", field="file", max_rows=max_rows)
            row = [unescape(v.strip()) for v in values]
            while row and not row[-1]:
                row.pop()
            rows.append(row)
    except csv.Error as exc:
        raise SheetError("corrupt_file", field="file", reason=str(exc)[:200]) from exc
    while rows and not rows[-1]:
        rows.pop()
    return rows, encoding.replace("-sig", "")
