"""A report as a plain table: what export (xlsx/CSV) and printing need, nothing more.

Cells are ``str | int | Decimal | date | datetime | None``; the exporter keeps numbers as
numbers. ``columns`` are stable keys; the UI maps them to translated headings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

Cell = str | int | Decimal | date | datetime | None


@dataclass(frozen=True)
class ReportTable:
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # Rows to draw attention to (the funnel's bottlenecks), by index.
    highlighted: frozenset[int] = field(default_factory=frozenset)
