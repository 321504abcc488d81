"""What an import plans to do, row by row: shared by the customer/contact importer
(:mod:`app.exchange.importer`) and the product catalog import (:mod:`app.exchange.products`),
and light enough for the sync server to import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Action = Literal["create", "merge", "skip"]


@dataclass(frozen=True)
class RowIssue:
    row: int  # the row number in the sheet, as Excel shows it
    field: str | None
    code: str
    value: str
    message: str


@dataclass(frozen=True)
class DuplicateHit:
    existing_id: str | None  # None: an earlier row of the same file
    label: str
    kind: str  # uscc, exact_name, similar_name, email, phone, name_at_company, sku
    hard: bool  # a hard duplicate cannot be created again, only merged or skipped
    in_file_row: int | None = None


@dataclass
class RowPlan:
    row: int
    values: dict[str, Any]
    duplicate: DuplicateHit | None = None
    action: Action = "create"


@dataclass
class ImportPlan:
    entity: str
    headers: tuple[str, ...]
    mapping: dict[int, str]
    rows: list[RowPlan]
    issues: list[RowIssue]
    encoding: str | None = None

    @property
    def valid(self) -> bool:
        return not self.issues

    @property
    def duplicates(self) -> list[RowPlan]:
        return [r for r in self.rows if r.duplicate is not None]
