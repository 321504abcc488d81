"""Foundation benchmarks: demo data for 100 000 customers, and full-text search over it.

The baseline for the generator is a raw ``executemany`` of the *same rows* (pre-built, SQL-ready
tuples) into a fresh replica with the same schema (triggers and indexes live), in this process,
so the ratio shows what generating the rows and keeping the search indexes costs on top of
SQLite itself.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from app.demo import _TABLES, _batches, demo_users, write_replica
from app.replica import open_replica
from app.search import search

CUSTOMERS = 100_000
QUERIES = ["华强", "科技有限", "Robotics", "Acme", "138001", "张伟", "Smith", "example-42",
           "深圳市", "GmbH", "电子", "Müller"]


def _fresh(path: Path) -> None:
    open_replica(path).dispose()


def _raw_insert(path: Path, customers: int) -> tuple[float, int]:
    """Build the same rows first, then time only executemany (the floor SQLite sets)."""
    tables: dict[str, list[tuple[object, ...]]] = {name: [] for name in _TABLES}
    for out in _batches(customers, demo_users(3), 7, None, 60, every=2000):
        for table, rows in out.items():
            tables[table].extend(rows)
            rows.clear()
    conn = sqlite3.connect(path)
    started = time.perf_counter()
    conn.execute("BEGIN")
    total = 0
    for table, rows in tables.items():
        conn.executemany(_TABLES[table].insert_sql(), rows)
        total += len(rows)
    conn.execute("COMMIT")
    took = time.perf_counter() - started
    conn.close()
    return took, total


def run() -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        raw_db, demo_db = Path(tmp) / "raw.db", Path(tmp) / "demo.db"
        _fresh(raw_db)
        raw_s, rows = _raw_insert(raw_db, CUSTOMERS)
        _fresh(demo_db)
        started = time.perf_counter()
        write_replica(demo_db, CUSTOMERS)
        demo_s = time.perf_counter() - started
        db = open_replica(demo_db)
        timings: dict[str, list[float]] = {"en": [], "zh": []}
        for _ in range(5):
            for q in QUERIES:
                t0 = time.perf_counter()
                search(db, q)
                lang = "zh" if any("\u4e00" <= c <= "\u9fff" for c in q) else "en"
                timings[lang].append((time.perf_counter() - t0) * 1000)
        db.dispose()
    return [
        ("demo data, 100k customers", f"{demo_s:.1f} s ({rows:,} rows)", "< 30 s"),
        ("ratio to raw executemany", f"{demo_s / raw_s:.2f}× (raw {raw_s:.1f} s)", "≤ 3×"),
        ("search median, English", f"{statistics.median(timings['en']):.1f} ms", "< 20 ms"),
        ("search median, Chinese", f"{statistics.median(timings['zh']):.1f} ms", "< 20 ms"),
    ]
