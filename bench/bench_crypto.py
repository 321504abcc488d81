"""Data protection: what encryption costs, and whether crashes and full disks lose anything.

Speed: the same work on a plain and an encrypted (SQLCipher) replica in this process,
alternating rounds so machine noise hits both alike; the ratio is encrypted / plain.
- "typed changes": customers created one at a time through CustomerService (one transaction
  each: the app's normal write path, outbox row and FTS triggers included).
- "bulk insert": the demo generator's rows for 5 000 customers (customers, contacts, activities
  … with the FTS triggers live) in one transaction.
- "search": app.search.search over those customers (FTS5 trigram plus LIKE on quotes), both
  replicas open, query by query in alternating order.

Crash safety: 100 kill-and-restart cycles (SIGKILL of a child writing through the services, of
a bulk insert, and of a migration), each followed by integrity_check, the acknowledged-change
check and the outbox check of tests/crash/harness.py.

Full disk: when run as root, a real 3 MiB tmpfs is mounted and filled by an encrypted replica.
"""

from __future__ import annotations

import os
import random
import secrets
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from app.db import (
    CACHE_KIB,
    HMAC_ALGORITHM,
    Database,
    _on_connect,
    connect_raw,
    sqlcipher_module,
)
from app.demo import _TABLES, _batches, demo_users
from app.errors import StorageError
from app.replica import open_replica, verify_replica
from app.search import search
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from tests.crash.harness import Report, check, make_old_replica, migration_cycles, write_cycles

Row = tuple[str, str, str]
# Wall time by default (what the user waits). FIELDSALES_BENCH_CLOCK=cpu measures this
# process's CPU time instead: on a loaded machine (other jobs on the same cores) wall-time
# ratios swing by 2x between runs, CPU-time ratios by a few per cent.
CPU_CLOCK = os.environ.get("FIELDSALES_BENCH_CLOCK") == "cpu"
_clock = time.process_time if CPU_CLOCK else time.perf_counter
TYPED = 300
BULK_CUSTOMERS = 5_000
ROUNDS = 3
QUERIES = ["华强", "科技有限", "Robotics", "Acme", "138001", "张伟", "Smith", "深圳市", "电子"]


# Three ways to store the same replica: stdlib sqlite3 (what "plain SQLite" means for the
# target), the SQLCipher library without a key (the same SQLite version as the encrypted one:
# isolates the cost of encryption itself), encrypted. All three run with the same PRAGMAs:
# journal_mode, synchronous and the 16 MiB page cache (app.db.CACHE_KIB) the app sets on
# every replica, encrypted or not; the encrypted one adds only the raw key (no PBKDF2) and
# its HMAC choice (app.db.HMAC_ALGORITHM). cipher_memory_security is OFF (SQLCipher's default
# since 4.5), checked by _check_cipher_settings.
VARIANTS = ("plain", "sqlcipher-nokey", "encrypted")


def _engine_nokey(path: Path) -> Engine:
    module = sqlcipher_module()
    assert module is not None, "sqlcipher3 is a dependency"
    engine = create_engine(f"sqlite:///{path}", module=module,
                           creator=lambda: module.connect(str(path), check_same_thread=False))
    event.listen(engine, "connect", _on_connect)
    return engine


def _open(variant: str, path: Path, key: bytes) -> Database:
    if variant == "sqlcipher-nokey":
        open_replica(path).dispose()  # migrate with the stdlib, then reopen through SQLCipher
        return Database(path, engine=_engine_nokey(path))
    return open_replica(path, key=key if variant == "encrypted" else None)


def _raw(variant: str, path: Path, key: bytes) -> Any:
    if variant == "sqlcipher-nokey":
        module = sqlcipher_module()
        assert module is not None
        conn = module.connect(str(path))
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # as connect_raw does for the others
        return conn
    return connect_raw(path, key if variant == "encrypted" else None)


def _check_cipher_settings(key: bytes, path: Path) -> None:
    """The settings the figures assume: no per-page memory wiping, our HMAC, no KDF."""
    conn = connect_raw(path, key)
    try:
        assert conn.execute("PRAGMA cipher_memory_security").fetchone()[0] == "0"
        assert conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0] == HMAC_ALGORITHM
    finally:
        conn.close()


def _typed(variant: str, path: Path, key: bytes, start: int) -> float:
    db = _open(variant, path, key)
    service = CustomerService(ServiceContext(db=db, user_id="u1"))
    began = _clock()
    for n in range(start, start + TYPED):
        service.create(CustomerInput(full_name=f"常州{n:06d}{variant}有限公司",
                                     industry="software", region="east_china"),
                       allow_duplicate=True)
    took = _clock() - began
    db.dispose()
    return took


def _demo_rows() -> dict[str, list[tuple[Any, ...]]]:
    tables: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _TABLES}
    for out in _batches(BULK_CUSTOMERS, demo_users(3), 7, None, 60, every=2000):
        for table, rows in out.items():
            tables[table].extend(rows)
            rows.clear()
    return tables


def _bulk(variant: str, path: Path, key: bytes,
          tables: dict[str, list[tuple[Any, ...]]]) -> float:
    open_replica(path, key=key if variant == "encrypted" else None).dispose()
    conn = _raw(variant, path, key)
    conn.execute("PRAGMA journal_mode=WAL")
    began = _clock()
    conn.execute("BEGIN")
    for table, rows in tables.items():
        conn.executemany(_TABLES[table].insert_sql(), rows)
    conn.execute("COMMIT")
    took = _clock() - began
    conn.close()
    return took


def _best_of(measure: Callable[[str, int], float]) -> dict[str, float]:
    """Best of ROUNDS per variant, rotating which variant goes first each round."""
    times: dict[str, list[float]] = {v: [] for v in VARIANTS}
    for n in range(ROUNDS):
        for variant in VARIANTS[n % 3:] + VARIANTS[:n % 3]:
            times[variant].append(measure(variant, n))
    return {v: min(t) for v, t in times.items()}


def _search(paths: dict[str, Path], key: bytes) -> dict[str, float]:
    """Seconds per search on each variant's replica, query by query in rotating order so a
    noisy moment hits all alike (after one warm-up pass)."""
    dbs = {v: _open(v, paths[v], key) for v in VARIANTS}
    totals = dict.fromkeys(VARIANTS, 0.0)
    for q in QUERIES:
        for db in dbs.values():
            search(db, q)
    rounds = ROUNDS * 5
    for n in range(rounds):
        for q in QUERIES:
            for variant in VARIANTS[n % 3:] + VARIANTS[:n % 3]:
                began = _clock()
                search(dbs[variant], q)
                totals[variant] += _clock() - began
    for db in dbs.values():
        db.dispose()
    return {v: t / (rounds * len(QUERIES)) for v, t in totals.items()}


def _ratios(label: str, unit: str, scale: float, measured: dict[str, float]) -> list[Row]:
    label += " (CPU time)" if CPU_CLOCK else ""
    enc, plain, nokey = measured["encrypted"], measured["plain"], measured["sqlcipher-nokey"]
    return [
        (f"encrypted / plain: {label}",
         f"{enc / plain:.2f}× ({enc * scale:.2f} vs {plain * scale:.2f} {unit})", "≤ 1.5×"),
        (f"  of which encryption alone (vs SQLCipher lib, no key): {label}",
         f"{enc / nokey:.2f}× (no key {nokey * scale:.2f} {unit})", "info"),
    ]


def _speed(tmp: Path, key: bytes) -> list[Row]:
    _check_cipher_settings(key, tmp / "settings.db")
    typed = _best_of(lambda v, n: _typed(v, tmp / f"typed-{v}-{n}.db", key, n * TYPED))
    tables = _demo_rows()
    rows = sum(len(r) for r in tables.values())
    bulk = _best_of(lambda v, n: _bulk(v, tmp / f"bulk-{v}-{n}.db", key, tables))
    searched = _search({v: tmp / f"bulk-{v}-0.db" for v in VARIANTS}, key)
    return [
        *_ratios("typed changes", "ms per change", 1000 / TYPED, typed),
        *_ratios(f"bulk insert of {rows:,} rows", "s", 1, bulk),
        *_ratios(f"search, {BULK_CUSTOMERS:,} customers", "ms per search", 1000, searched),
    ]


def _crash(tmp: Path, key: bytes) -> list[Row]:
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    total = Report()
    began = time.perf_counter()
    parts = [write_cycles("writes", tmp / "writes.db", key, 60, rng, max_delay=0.5),
             write_cycles("bulk", tmp / "bulk.db", key, 25, rng, max_delay=0.8)]
    template = tmp / "old.db"
    make_old_replica(template, key, 20_000)
    parts.append(migration_cycles(template, tmp, key, 20_000,
                                  [rng.uniform(0.0, 1.2) for _ in range(15)]))
    for part in parts:
        total.cycles += part.cycles
        total.acked += part.acked
        total.corrupt += part.corrupt
        total.lost += part.lost
        total.inconsistent += part.inconsistent
    took = time.perf_counter() - began
    return [
        ("kill-and-restart cycles (60 writes, 25 bulk, 15 migration)",
         f"{total.cycles} in {took:.0f} s, {total.acked:,} acknowledged changes", "100"),
        ("corrupt replicas after SIGKILL", str(len(total.corrupt)), "0"),
        ("lost acknowledged changes", str(len(total.lost)), "0"),
        ("outbox inconsistencies", str(len(total.inconsistent)), "0"),
    ]


def _disk_full(tmp: Path, key: bytes) -> list[Row]:
    mount = tmp / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
            check=False, capture_output=True).returncode != 0:
        return [("full disk on a real tmpfs", "not run (mounting needs root)", "clear error")]
    try:
        return _fill(mount, key)
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def _fill(mount: Path, key: bytes) -> list[Row]:
    db = open_replica(mount / "replica.db", key=key)
    service = CustomerService(ServiceContext(db=db, user_id="u1"))
    acked: list[dict[str, Any]] = []
    error: StorageError | None = None
    try:
        for n in range(100_000):
            name = f"嘉兴{n:06d}纺织有限公司"
            view = service.create(CustomerInput(full_name=name, industry="manufacturing",
                                                region="east_china", notes="拜访 " * 100),
                                  allow_duplicate=True)
            acked.append({"kind": "customer", "id": view.id, "full_name": name})
    except StorageError as exc:
        error = exc
    report = Report()
    check(db, acked, report)
    db.dispose()
    reopened = open_replica(mount / "replica.db", key=key)
    sound = verify_replica(reopened) == []
    reopened.dispose()
    message = "no error" if error is None else f"{error.code}: {error}"
    return [
        ("full disk (real 3 MiB tmpfs), message", message[:60], "disk full …"),
        ("full disk: corrupt / lost / inconsistent",
         f"{len(report.corrupt) + (not sound)} / {len(report.lost)} / "
         f"{len(report.inconsistent)} ({len(acked)} saved before)", "0 / 0 / 0"),
    ]


def run() -> list[Row]:
    key = secrets.token_bytes(32)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        rows = _speed(tmp, key)
        rows += _crash(tmp, key)
        rows += _disk_full(tmp, key)
    return rows


if __name__ == "__main__":
    for metric, measured, target in run():
        print(f"{metric:60} {measured:50} {target}")
