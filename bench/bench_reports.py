"""Report and import benchmarks (issue #5).

* funnel and forecast over the 100 000-customer demo replica (~150 000 opportunities), each
  the median of several runs, against 300 ms; the funnel's first call after a data change
  (which rebuilds its visit columns, see app/reports/visits.py) is reported separately;
* the other reports, for information;
* importing a 20 000-row customer sheet (.xlsx) with validation and duplicate detection into
  that replica, against 20 s; its baseline is reading the same sheet (openpyxl) in the same
  process, so the ratio shows what validation, matching and writing add.

The demo replica is built once with ``app.demo.write_replica`` (as bench_foundation does) and
cached under the temp dir; each import run works on a copy.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.db import Database
from app.demo import demo_users, write_replica
from app.replica import open_replica

CUSTOMERS = 100_000
SHEET_ROWS = 20_000
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
CACHE = Path(tempfile.gettempdir()) / "fieldsales-bench-reports"
Row = tuple[str, str, str]


def demo_replica() -> Path:
    """The cached 100k replica (built on first use, ~1 min)."""
    path = CACHE / f"demo-{CUSTOMERS}-{NOW:%Y%m%d}.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part")
        for leftover in CACHE.glob(part.name + "*"):
            leftover.unlink()
        open_replica(part).dispose()
        write_replica(part, CUSTOMERS, now=NOW)
        part.rename(path)
    return path


def _median_ms(fn: Callable[[], object], runs: int = 5) -> float:
    fn()  # warm the page cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _reports(db: Database) -> list[Row]:
    from app.reports.common import ReportScope
    from app.reports.funnel import funnel
    from app.reports.health import completeness, health
    from app.reports.pipeline import forecast, leaderboard

    year = ReportScope(NOW - timedelta(days=365), NOW)
    rep = ReportScope(NOW - timedelta(days=365), NOW, owner_ids=(demo_users(3)[1].id,))
    started = time.perf_counter()
    funnel(db, year, NOW)  # the first call builds the visit columns (app.reports.visits)
    rows = [("funnel, first call (builds the visit cache)",
             f"{(time.perf_counter() - started) * 1000:.0f} ms", "(info)")]
    for label, fn, target in (
        ("funnel, 12 months, everyone", lambda: funnel(db, year, NOW), "< 300 ms"),
        ("funnel, 12 months, one rep", lambda: funnel(db, rep, NOW), "< 300 ms"),
        ("forecast, everyone", lambda: forecast(db, year), "< 300 ms"),
        ("leaderboard", lambda: leaderboard(db, year, NOW), "(info)"),
        ("activity & health", lambda: health(db, year, NOW), "(info)"),
        ("data completeness", lambda: completeness(db, year), "(info)"),
    ):
        rows.append((label, f"{_median_ms(fn):.0f} ms", target))
    return rows


def _import(source: Path, tmp: Path) -> list[Row]:
    from app.exchange.importer import ImportOptions, commit, prepare
    from app.exchange.reader import read_table
    from app.exchange.sample import write_customer_sheet
    from app.services.context import ServiceContext

    copy = tmp / "import.db"
    shutil.copy(source, copy)
    sheet = tmp / "customers.xlsx"
    # A quarter of the rows name companies already in the replica: duplicates to detect.
    write_customer_sheet(sheet, SHEET_ROWS, existing=source, duplicate_share=0.25)
    db = open_replica(copy)
    try:
        ctx = ServiceContext(db=db, user_id=demo_users(3)[1].id)
        options = ImportOptions(entity="customers")
        # The same steps as app.exchange.importer.run_import, timed one by one.
        started = time.perf_counter()
        table = read_table(sheet)
        read_s = time.perf_counter() - started
        plan = prepare(ctx, table, options)
        prepare_s = time.perf_counter() - started - read_s
        result = commit(ctx, plan, options)
        took = time.perf_counter() - started
    finally:
        db.dispose()
    return [
        (f"import {SHEET_ROWS:,} customers (.xlsx) into 100k",
         f"{took:.1f} s ({result.created:,} new, {result.duplicates:,} duplicates, "
         f"{len(result.issues):,} row errors)", "< 20 s"),
        ("  read / validate+match / write",
         f"{read_s:.1f} / {prepare_s:.1f} / {took - read_s - prepare_s:.1f} s", "(info)"),
    ]


def run() -> list[Row]:
    source = demo_replica()
    db = open_replica(source)
    try:
        rows = _reports(db)
    finally:
        db.dispose()
    with tempfile.TemporaryDirectory() as tmp:
        rows += _import(source, Path(tmp))
    return rows
