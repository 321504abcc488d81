"""Kill-and-restart cycles shared by the crash tests and ``bench/bench_crypto.py``.

A cycle starts ``tests.crash.child`` on a replica, lets it write for a random while, SIGKILLs
it, then reopens the replica in this process through :func:`app.replica.open_replica` (WAL
recovery, migrations) and checks three things: ``PRAGMA integrity_check`` is ok, every change the
child acknowledged is there, and the outbox agrees with the data (each row has its insert entry;
replaying the outbox gives the row's current values; ``client_seq`` is dense).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app.db import Database
from app.migrate import current_revision, head_revision, upgrade
from app.replica import open_replica, verify_replica

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Report:
    cycles: int = 0
    acked: int = 0
    corrupt: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    inconsistent: list[str] = field(default_factory=list)
    # cycles killed before the first acknowledged change (for migrations: killed mid-way)
    killed_before_ack: int = 0

    @property
    def ok(self) -> bool:
        return not (self.corrupt or self.lost or self.inconsistent)


def run_and_kill(mode: str, path: Path, key: bytes | None, delay: float) -> list[dict[str, Any]]:
    """Start the child, SIGKILL it ``delay`` seconds after it said READY; return its ACKs."""
    env = {**os.environ, "FIELDSALES_CRASH_KEY": key.hex() if key else "",
           "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.crash.child", mode, str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
    )
    assert child.stdout is not None
    assert child.stderr is not None
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert child.stdout is not None
        for raw in child.stdout:
            line = raw.decode("utf-8")
            if line == "READY\n":
                ready.set()
            elif line.endswith("\n"):  # a torn last line is not an acknowledgement
                lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not ready.wait(60):
        child.kill()
        raise RuntimeError(f"child never became ready: {child.stderr.read().decode()}")
    time.sleep(delay)
    exited_early = child.poll() is not None
    if not exited_early:
        os.kill(child.pid, signal.SIGKILL)
    child.wait(30)
    reader.join(30)
    errors = child.stderr.read().decode()
    child.stdout.close()
    child.stderr.close()
    if exited_early and child.returncode != 0:
        raise RuntimeError(f"child failed on its own:\n{errors}")
    return [json.loads(line[4:]) for line in lines if line.startswith("ACK ")]


def _fold(entries: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for _op, fields in entries:
        values.update(fields)
    return values


def check(db: Database, acked: list[dict[str, Any]], report: Report) -> None:
    """Integrity, acknowledged changes, outbox consistency (appends problems to ``report``)."""
    problems = verify_replica(db)
    if problems:
        report.corrupt.append(f"{db.path}: {problems[:3]}")
        return
    with db.reader() as s:
        customers = {r[0]: (r[1], r[2]) for r in s.execute(text(
            "SELECT id, full_name, notes FROM customers"))}
        contacts = {r[0]: r[1] for r in s.execute(text("SELECT id, name FROM contacts"))}
        log: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        seqs: list[int] = []
        for seq, entity, entity_id, op, fields in s.execute(text(
                "SELECT client_seq, entity, entity_id, op, fields FROM outbox "
                "ORDER BY client_seq")):
            seqs.append(seq)
            log[f"{entity}:{entity_id}"].append(
                (op, json.loads(fields) if isinstance(fields, str) else fields))
    _check_acked(acked, customers, contacts, log, report)
    _check_outbox(customers, contacts, log, seqs, report)


def _check_acked(acked: list[dict[str, Any]], customers: dict[str, tuple[str, str | None]],
                 contacts: dict[str, str], log: dict[str, list[tuple[str, dict[str, Any]]]],
                 report: Report) -> None:
    batches: dict[str, int] = defaultdict(int)
    for full_name, _notes in customers.values():
        if full_name.startswith("B") and "-" in full_name:
            batches[full_name.split("-", 1)[0]] += 1
    for change in acked:
        kind = change["kind"]
        if kind == "customer" and customers.get(change["id"], ("",))[0] != change["full_name"]:
            report.lost.append(f"customer {change['id']}")
        elif kind == "customer_notes" and not any(
                f.get("notes") == change["notes"] for _, f in log[f"customers:{change['id']}"]):
            report.lost.append(f"notes of {change['id']}")
        elif kind == "contact" and contacts.get(change["id"]) != change["name"]:
            report.lost.append(f"contact {change['id']}")
        elif kind == "batch" and batches.get(change["batch"]) != change["rows"]:
            report.lost.append(f"batch {change['batch']}: {batches.get(change['batch'])} rows")
    torn = {b: n for b, n in batches.items() if n != 200}
    if torn:
        report.inconsistent.append(f"half-written batches: {torn}")


def _check_outbox(customers: dict[str, tuple[str, str | None]], contacts: dict[str, str],
                  log: dict[str, list[tuple[str, dict[str, Any]]]], seqs: list[int],
                  report: Report) -> None:
    if seqs != list(range(seqs[0], seqs[0] + len(seqs))) if seqs else False:
        report.inconsistent.append("outbox client_seq has gaps")
    for cid, (full_name, notes) in customers.items():
        entries = log.get(f"customers:{cid}", [])
        state = _fold(entries)
        if not entries or entries[0][0] != "insert":
            report.inconsistent.append(f"customer {cid} has no outbox insert")
        elif state.get("full_name") != full_name or state.get("notes") != notes:
            report.inconsistent.append(f"customer {cid} differs from its outbox")
    for pid, name in contacts.items():
        entries = log.get(f"contacts:{pid}", [])
        if not entries or _fold(entries).get("name") != name:
            report.inconsistent.append(f"contact {pid} differs from its outbox")
    known = {f"customers:{c}" for c in customers} | {f"contacts:{p}" for p in contacts}
    orphans = [k for k in log if k not in known]
    if orphans:
        report.inconsistent.append(f"outbox entries without their row: {orphans[:3]}")


def write_cycles(mode: str, path: Path, key: bytes | None, cycles: int,
                 rng: random.Random, max_delay: float = 0.5) -> Report:
    """``cycles`` kill-and-restart cycles of ``mode`` (writes | bulk) on one replica."""
    report = Report()
    open_replica(path, key=key).dispose()
    every_ack: list[dict[str, Any]] = []
    for _ in range(cycles):
        acked = run_and_kill(mode, path, key, rng.uniform(0.0, max_delay))
        changes = [a for a in acked if a["kind"] != "opened"]
        report.killed_before_ack += not changes
        every_ack.extend(changes)
        report.cycles += 1
        report.acked += len(changes)
        db = open_replica(path, key=key)
        try:
            check(db, every_ack, report)
        finally:
            db.dispose()
    return report


def make_old_replica(path: Path, key: bytes | None, customers: int) -> None:
    """A replica at the first schema revision holding ``customers`` rows (to be migrated)."""
    db = Database(path, key=key)
    upgrade(db.engine, path, "0001", key=key)
    rows = [{"id": f"c{n:06d}", "name": f"宁波{n:06d}机械有限公司"} for n in range(customers)]
    with db.engine.begin() as conn:
        conn.execute(text("""INSERT INTO customers (id, full_name, name_core, industry, region,
            source, level, lifecycle, lifecycle_manual, in_pool, created_at, updated_at,
            server_seq, version) VALUES (:id, :name, :name, 'software', 'east_china',
            'manual', 'normal', 'prospect', 0, 0, '2026-01-01 00:00:00',
            '2026-01-01 00:00:00', 0, 1)"""), rows)
    db.dispose()


def time_migration(template: Path, work: Path, key: bytes | None) -> float:
    """How long opening (= migrating) a copy of ``template`` takes here, to aim the kills."""
    path = work / "calibrate.db"
    path.write_bytes(template.read_bytes())
    started = time.perf_counter()
    open_replica(path, key=key).dispose()
    return time.perf_counter() - started


def migration_cycles(template: Path, work: Path, key: bytes | None, customers: int,
                     moments: list[float]) -> Report:
    """Kill the child while it migrates a copy of ``template``, once per moment (a fraction of
    the time a migration takes here); reopening must finish the migration with every row kept
    and searchable."""
    report = Report()
    duration = time_migration(template, work, key)
    for n, moment in enumerate(moments):
        path = work / f"migrating-{n}.db"
        path.write_bytes(template.read_bytes())
        acked = run_and_kill("migrate", path, key, moment * duration)
        report.cycles += 1
        report.killed_before_ack += not acked  # killed before the migration finished
        db = open_replica(path, key=key)
        try:
            problems = verify_replica(db)
            if problems:
                report.corrupt.append(f"{path}: {problems[:3]}")
                continue
            if current_revision(db.engine) != head_revision():
                report.inconsistent.append(f"{path} not at head")
            with db.reader() as s:
                kept = s.scalar(text("SELECT count(*) FROM customers"))
                indexed = s.scalar(text(
                    "SELECT count(*) FROM customers_fts WHERE customers_fts MATCH '\"机械有\"'"))
            if kept != customers or indexed != customers:
                report.lost.append(f"{path}: {kept} rows, {indexed} searchable of {customers}")
        finally:
            db.dispose()
    return report
