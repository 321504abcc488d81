"""SIGKILL in the middle of a pull (paged download from a real server on loopback, the kill
timed from the first page received): after the
restart the replica is sound, the local changes acknowledged before the kill survive, and the
next sync completes with exactly the rows a fresh replica gets from the server (no page lost,
none applied twice or half)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db import Database
from app.replica import open_replica, verify_replica
from sync.client.engine import SyncEngine
from sync.server.local import start_local_server
from sync.server.seed import seed_demo
from sync.server.settings import Settings
from sync.server.store import Store
from sync.transport import RequestsTransport
from tests.crash.harness import run_and_kill

PASSWORD = "demo"
PAGE = 40


@dataclass
class Server:
    url: str
    username: str


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    path = tmp_path / "server.db"
    store = Store(Settings(db_url=f"sqlite:///{path}"))
    store.migrate()
    seeded = seed_demo(store, reps=2, customers=300, password=PASSWORD)
    store.dispose()
    username = seeded["reps"][0]
    url, stop = start_local_server(path, page_limit=PAGE)
    try:
        yield Server(url, username)
    finally:
        stop()


def _sync(db: Database, server: Server) -> None:
    engine = SyncEngine(db, RequestsTransport(server.url), retries=2, backoff_s=0.05,
                        page_limit=PAGE)
    engine.login(server.url, server.username, PASSWORD)
    engine.sync()
    engine.transport.close()


def _customer_ids(db: Database) -> set[str]:
    with db.reader() as s:
        return {r[0] for r in s.execute(text("SELECT id FROM customers"))}


def test_killed_pull_resumes_to_the_same_rows_as_a_fresh_replica(
    tmp_path: Path, key: bytes, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDSALES_CRASH_SERVER", server.url)
    monkeypatch.setenv("FIELDSALES_CRASH_USER", server.username)
    monkeypatch.setenv("FIELDSALES_CRASH_PASSWORD", PASSWORD)
    monkeypatch.setenv("FIELDSALES_CRASH_PAGE", str(PAGE))
    interrupted = 0
    replicas: list[tuple[Path, list[str]]] = []
    for n, delay in enumerate((0.0, 0.15, 0.4)):  # seconds after the first page
        path = tmp_path / f"rep-{n}.db"
        acked = run_and_kill("pull", path, key, delay)
        interrupted += not any(a["kind"] == "synced" for a in acked)
        replicas.append((path, [a["id"] for a in acked if a["kind"] == "customer"]))
    assert interrupted >= 2, "the kills landed before the sync finished"

    for path, local in replicas:
        db = open_replica(path, key=key)
        try:
            assert verify_replica(db) == []
            assert set(local) <= _customer_ids(db), "acknowledged local changes survive"
            _sync(db, server)  # the restarted app syncs again
        finally:
            db.dispose()

    # A replica that never crashed, synced after every local change reached the server.
    fresh = open_replica(tmp_path / "fresh.db", key=key)
    try:
        _sync(fresh, server)
        expected = _customer_ids(fresh)
    finally:
        fresh.dispose()
    for path, local in replicas:
        db = open_replica(path, key=key)
        try:
            _sync(db, server)  # picks up what the other replicas pushed after its own sync
            assert _customer_ids(db) == expected
            assert set(local) <= expected, "local changes reached the server"
            with db.reader() as s:
                assert s.scalar(text("SELECT count(*) FROM outbox")) == 0
        finally:
            db.dispose()
