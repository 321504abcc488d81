"""Fuzzing the import parser: random bytes, random cells in every encoding, damaged
workbooks. The only acceptable failures are the documented SheetError codes (or a row-level
ValidationError in the plan) — never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import ValidationError
from app.exchange.export import write_rows
from app.exchange.importer import ImportOptions, prepare
from app.exchange.reader import SHEET_ERROR_CODES, SheetError, read_table
from app.replica import open_replica
from app.services.context import ServiceContext

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
# Any text a user could paste, minus lone surrogates (no encoding can write them).
cell = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
grid = st.lists(st.lists(cell, min_size=1, max_size=6), min_size=1, max_size=8)


def _read(path: Path) -> None:
    error: SheetError | None = None
    try:
        table = read_table(path)
    except SheetError as exc:
        error = exc
    if error is not None:
        assert error.code in SHEET_ERROR_CODES, error.code
        assert error.message  # a clear sentence for the user
        return
    assert table.headers
    assert all(len(r) == len(table.headers) for r in table.rows)


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_random_bytes_never_crash_the_reader(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{suffix}"
        path.write_bytes(data)
        _read(path)


@FUZZ
@given(rows=grid, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_random_cells_in_each_encoding_read_back(rows: list[list[str]], encoding: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.csv"
        write_rows(path, rows[0], rows[1:], encoding=encoding)
        _read(path)


@FUZZ
@given(rows=grid, cut=st.floats(0.0, 1.0))
def test_random_and_damaged_workbooks(rows: list[list[str]], cut: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.xlsx"
        write_rows(path, rows[0], rows[1:])
        _read(path)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * cut)])
        _read(path)


@FUZZ
@given(rows=grid)
def test_prepare_turns_any_sheet_into_a_plan_or_a_clear_error(rows: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.csv"
        # Real headings so that the cells reach validation and duplicate matching.
        write_rows(path, ["Company", "Industry", "Region", "Phone", "USCC", "Website"], rows)
        db = open_replica(Path(tmp) / "r.db")
        try:
            ctx = ServiceContext(db=db, user_id="u")
            error: ValidationError | None = None
            try:
                plan = prepare(ctx, read_table(path), ImportOptions())
            except ValidationError as exc:
                error = exc
            if error is not None:
                assert error.code in SHEET_ERROR_CODES, error.code
                return
            for issue in plan.issues:
                assert issue.code
                assert issue.message
            assert len(plan.rows) + len({i.row for i in plan.issues}) <= len(rows)
        finally:
            db.dispose()
