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
from collections import Counter, defaultdict
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
    # cycles killed before the first acknowledged change (for migrations: killed mid-way;
    # for imports: killed before the import finished)
    killed_before_ack: int = 0
    # scanned cards found saved and still queued after a kill (the next save merges them)
    saved_and_queued: int = 0

    @property
    def ok(self) -> bool:
        return not (self.corrupt or self.lost or self.inconsistent)


def run_and_kill(mode: str, path: Path, key: bytes | None, delay: float,
                 extra_env: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Start the child, SIGKILL it ``delay`` seconds after it said READY; return its ACKs."""
    env = {**os.environ, "FIELDSALES_CRASH_KEY": key.hex() if key else "",
           "PYTHONPATH": str(ROOT), **(extra_env or {})}
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
    if exited_early and child.returncode not in (0, -signal.SIGKILL):  # or killed itself
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


# -- imports -------------------------------------------------------------------------------

SHEET_HEADERS = ("客户名称", "行业", "区域", "备注")  # the marker (sheet's stem) goes in 备注


def _company(rng: random.Random) -> str:
    # Random cores share no two-character block, so no row is a (fuzzy) duplicate of another.
    return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(6)) + "科技有限公司"


def write_sheet(path: Path, rows: int, rng: random.Random) -> None:
    """A customer sheet (.csv or .xlsx by suffix) whose every row carries the file's stem."""
    from app.exchange.export import write_rows

    names: set[str] = set()
    while len(names) < rows:
        names.add(_company(rng))
    write_rows(path, SHEET_HEADERS, [(n, "软件", "华东", path.stem) for n in sorted(names)])


def time_import(work: Path, key: bytes | None, rows: int, rng: random.Random) -> float:
    """How long an import of ``rows`` takes here from its first written rows to its commit
    (the part the child is killed in), to aim the kills."""
    from app.exchange.importer import ImportOptions, run_import
    from app.services.context import ServiceContext

    sheet = work / "calibrate.csv"
    write_sheet(sheet, rows, rng)
    db = open_replica(work / "calibrate.db", key=key)
    started: list[float] = []

    def on_progress(phase: str, _done: int, _total: int) -> None:
        if phase == "writing" and not started:  # where the child says READY
            started.append(time.perf_counter())

    try:
        run_import(ServiceContext(db=db, user_id="calibrate"), sheet, ImportOptions(),
                   on_progress)
        return time.perf_counter() - started[0]
    finally:
        db.dispose()


def check_imports(db: Database, sheets: dict[str, int], imported: set[str],
                  report: Report) -> None:
    """Each sheet is in the replica completely or not at all; acknowledged ones completely."""
    with db.reader() as s:
        counts: dict[str, int] = {r[0]: r[1] for r in s.execute(text(
            "SELECT notes, count(*) FROM customers WHERE notes LIKE 'sheet%' GROUP BY notes"))}
    for marker, rows in sheets.items():
        found = counts.get(marker, 0)
        if found not in (0, rows):
            report.inconsistent.append(f"half import of {marker}: {found} of {rows} rows")
        elif marker in imported and found != rows:
            report.lost.append(f"acknowledged import {marker}: {found} of {rows} rows")


def import_cycles(work: Path, key: bytes | None, rows: int, moments: list[float],
                  rng: random.Random) -> Report:
    """One new sheet per moment, imported by the child and killed that fraction of an
    import's duration after the import started (moments past 1 let it finish)."""
    duration = time_import(work, key, rows, rng)
    path = work / "replica.db"
    open_replica(path, key=key).dispose()
    report = Report()
    every_ack: list[dict[str, Any]] = []
    sheets: dict[str, int] = {}
    imported: set[str] = set()
    for n, moment in enumerate(moments):
        sheet = work / f"sheet{n:02d}{'.xlsx' if n % 2 else '.csv'}"
        write_sheet(sheet, rows, rng)
        sheets[sheet.stem] = rows
        acked = run_and_kill("import", path, key, moment * duration,
                             {"FIELDSALES_CRASH_FILE": str(sheet)})
        every_ack.extend(a for a in acked if a["kind"] != "opened")
        imported |= {a["marker"] for a in acked if a["kind"] == "import"}
        report.cycles += 1
        report.acked += len(acked)
        report.killed_before_ack += sheet.stem not in imported
        db = open_replica(path, key=key)
        try:
            check(db, every_ack, report)
            check_imports(db, sheets, imported, report)
        finally:
            db.dispose()
    return report


# -- scanned cards -------------------------------------------------------------------------

def drop_cards(folder: Path, prefix: str, count: int, rng: random.Random) -> dict[str, bytes]:
    """``count`` card "photos" (distinct bytes: the queue and the store only copy them)."""
    folder.mkdir(parents=True)
    cards = {f"{prefix}{k:02d}": b"\x89PNG\r\n\x1a\n" + rng.randbytes(4096) for k in range(count)}
    for stem, data in cards.items():
        (folder / f"{stem}.png").write_bytes(data)
    return cards


def check_cards(db: Database, profile: Path, dropped: dict[str, bytes], queued: set[str],
                saved: set[str], report: Report) -> None:
    """Every card taken into the queue is a contact exactly once (its image in the store) or
    still in the queue; none is doubled; the queue reopens."""
    from app.attachments import CARD, AttachmentStore
    from app.card_queue import CardQueue

    entries = CardQueue(profile / "card-queue").entries()
    waiting = Counter(Path(e.source_name).stem for e in entries)
    report.corrupt.extend(f"queue entry {e.id}: {e.error}" for e in entries if e.status == "error")
    with db.reader() as s:
        contacts: dict[str, list[str | None]] = defaultdict(list)
        for title, image in s.execute(text(
                "SELECT title, card_image FROM contacts WHERE deleted_at IS NULL")):
            contacts[title].append(image)
    store = AttachmentStore(profile, db.key)
    for stem, data in dropped.items():
        images, queued_now = contacts.get(stem, []), waiting[stem]
        if len(images) > 1 or queued_now > 1:
            report.inconsistent.append(f"card {stem} doubled: {len(images)} contacts, "
                                       f"{queued_now} in the queue")
        elif (stem in queued or stem in saved) and not images and not queued_now:
            report.lost.append(f"card {stem}: neither saved nor queued")
        elif stem in saved and not images:
            report.lost.append(f"card {stem}: acknowledged as saved, no contact")
        elif images:
            report.saved_and_queued += queued_now
            if images[0] is None or store.get(CARD, images[0])[0] != data:
                report.lost.append(f"card {stem}: image {images[0]} not in the store")


def scan_cycles(work: Path, key: bytes | None, cycles: int, cards: int, rng: random.Random,
                max_delay: float, self_kill: tuple[int, ...] = ()) -> Report:
    """Each cycle drops ``cards`` new cards; the child queues them, saves everything in the
    queue (earlier cycles' leftovers too) and is killed at a random moment; in the cycles
    numbered in ``self_kill`` it kills itself between saving a card and dequeuing it."""
    profile = work / "profile"
    path = profile / "replica.db"
    profile.mkdir()
    open_replica(path, key=key).dispose()
    report = Report()
    every_ack: list[dict[str, Any]] = []
    dropped: dict[str, bytes] = {}
    for n in range(cycles):
        folder = work / f"drop{n:02d}"
        dropped.update(drop_cards(folder, f"card{n:02d}-", cards, rng))
        env = {"FIELDSALES_CRASH_CARDS": str(folder)}
        if n in self_kill:
            env["FIELDSALES_CRASH_KILL_AFTER_SAVE"] = "1"
        delay = 2.0 if n in self_kill else rng.uniform(0.0, max_delay)
        acked = run_and_kill("scan", path, key, delay, env)
        every_ack.extend(a for a in acked if a["kind"] != "opened")
        report.cycles += 1
        report.acked += len(acked)
        report.killed_before_ack += not any(a["kind"] == "card_saved" for a in acked)
        queued = {Path(a["source"]).stem for a in every_ack if a["kind"] == "card_queued"}
        saved = {Path(a["source"]).stem for a in every_ack if a["kind"] == "card_saved"}
        db = open_replica(path, key=key)
        try:
            check(db, every_ack, report)
            check_cards(db, profile, dropped, queued, saved, report)
        finally:
            db.dispose()
    return report
