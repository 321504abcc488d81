"""The fast paths the start-up and the customer list rely on (bench/bench_ui.py times them).

* The customer list's default order reads the partial index of live customers' names
  (migration 0005) in order: no sort of 100 000 rows.
* A short customer filter (1–2 characters) scans the name indexes, not the wide rows.
* The pipeline's totals come grouped per stage and probability, with the same exact sums.
* A replica already at head is opened without importing alembic (≈0.3 s of every start).
* The global search popup says when it shows a query's hits (the bench waits on it).
"""

from __future__ import annotations

import string
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.db import Database
from app.migrate import head_revision, is_at_head, script_head
from ui.queries.customers import CustomerFilter, customer_rowids, rowids_sql
from ui.queries.pipeline import board
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.search_popup import SearchPopup


def _fold(value: str) -> str:
    """SQLite's LIKE ignores the case of ASCII letters only."""
    return value.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _plan(db: Database, sql: str, params: tuple[object, ...]) -> str:
    with db.reader() as s:
        raw = s.connection().connection.driver_connection
        assert raw is not None
        return " / ".join(row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_default_customer_order_walks_the_live_names_index(ui_db: Database) -> None:
    for descending in (False, True):
        plan = _plan(ui_db, *rowids_sql(CustomerFilter(), "full_name", descending))
        assert "ix_customers_live_name" in plan, plan
        assert "TEMP B-TREE" not in plan, plan  # read in order, never sorted
    with ui_db.reader() as s:
        names = [n for (n,) in s.execute(text(
            "SELECT full_name FROM customers WHERE deleted_at IS NULL "
            "ORDER BY full_name, rowid"))]
        by_rowid: dict[int, str] = {
            r[0]: r[1] for r in s.execute(text("SELECT rowid, full_name FROM customers"))}
    ids = customer_rowids(ui_db, CustomerFilter())
    assert [by_rowid[i] for i in ids] == names


def test_short_filter_reads_the_name_indexes_and_finds_the_same(ui_db: Database) -> None:
    with ui_db.transaction() as s:  # a short name, a tombstone and LIKE's own characters
        s.execute(text("UPDATE customers SET short_name = '华强%_x' WHERE rowid = 3"))
        s.execute(text("UPDATE customers SET deleted_at = '2026-01-01 00:00:00.000000' "
                       "WHERE rowid = 5"))
    with ui_db.reader() as s:
        rows = s.execute(text("SELECT rowid, full_name, coalesce(short_name, ''), "
                              "deleted_at FROM customers")).all()
    probes = {t for _r, full, short, _d in rows for t in (full[:1], full[1:3], short[:2])}
    for term in sorted(probes | {"%", "_", "%_", "a", "zz"}):
        if not 0 < len(term.strip()) <= 2 or term != term.strip():
            continue
        expected = [r for r, full, short, deleted in sorted(rows, key=lambda x: (x[1], x[0]))
                    if deleted is None and (_fold(term) in _fold(full)
                                            or _fold(term) in _fold(short))]
        assert list(customer_rowids(ui_db, CustomerFilter(text=term))) == expected, term
    plan = _plan(ui_db, *rowids_sql(CustomerFilter(text="华")))
    assert "COVERING INDEX ix_customers_short_name" in plan, plan


def test_board_totals_per_group_equal_row_by_row_sums(ui_db: Database,
                                                     services: AppServices) -> None:
    with ui_db.transaction() as s:  # cents, and a deal that no longer counts
        s.execute(text("UPDATE opportunities SET amount = '1234.56', probability = 35 "
                       "WHERE rowid IN (SELECT rowid FROM opportunities LIMIT 3)"))
        s.execute(text("UPDATE opportunities SET amount = '0.01' WHERE rowid = "
                       "(SELECT max(rowid) FROM opportunities)"))
        s.execute(text("UPDATE opportunities SET deleted_at = '2026-01-01 00:00:00.000000' "
                       "WHERE rowid = (SELECT min(rowid) FROM opportunities)"))
    for owner in (None, services.owner_filter):
        with ui_db.reader() as s:
            rows = s.execute(text(
                "SELECT stage, amount, probability FROM opportunities WHERE deleted_at IS NULL"
                + (" AND owner_id = :o" if owner else "")), {"o": owner}).all()
        expected: dict[str, tuple[int, Decimal, Decimal]] = {}
        for stage, amount, probability in rows:
            count, total, weighted = expected.get(stage, (0, Decimal(0), Decimal(0)))
            value = Decimal(amount)
            expected[stage] = (count + 1, total + value, weighted + value * probability / 100)
        found = board(ui_db, owner).totals
        assert rows
        for stage, (count, total, weighted) in expected.items():
            assert (found[stage].count, found[stage].amount, found[stage].weighted) == (
                count, total, weighted.quantize(Decimal("0.01"))), stage


def test_script_head_is_alembics_head(ui_db: Database) -> None:
    assert script_head() == head_revision()
    assert is_at_head(ui_db.engine)
    with ui_db.transaction() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert not is_at_head(ui_db.engine)
    with ui_db.transaction() as s:
        s.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": script_head()})


_OPEN_AT_HEAD = """
import sys
from pathlib import Path
from app.db import Database
from app.migrate import upgrade
db = Database(Path(sys.argv[1]))
assert upgrade(db.engine, Path(sys.argv[1])) is False
db.dispose()
print("alembic imported:", "alembic" in sys.modules)
"""


def test_replica_at_head_opens_without_alembic(ui_db: Database) -> None:
    path = Path(str(ui_db.engine.url.database))
    ui_db.dispose()
    out = subprocess.run([sys.executable, "-c", _OPEN_AT_HEAD, str(path)], check=True,
                         capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).resolve().parents[2])
    assert "alembic imported: False" in out.stdout, out.stdout + out.stderr


def test_search_popup_says_when_hits_are_shown(qtbot: QtBot, services: AppServices,
                                               tasks: TaskManager) -> None:
    with services.db.reader() as s:
        name = s.execute(text("SELECT full_name FROM customers LIMIT 1")).scalar_one()
    popup = SearchPopup(services, tasks)
    qtbot.addWidget(popup)
    popup.input.setText(name)
    with qtbot.waitSignal(popup.results_shown, timeout=5000) as shown:
        popup._run_query()
    assert shown.args == [popup.results.count()]
    assert popup.results.count() > 0
