"""Fault injection against a real server on 127.0.0.1: crashes via ``FIELDSALES_FAULT``,
server restarts between pages and after a commit, and a client killed mid-pull."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app.db import connect_raw
from app.keys import load_profile_key
from app.models import Customer
from app.replica import open_replica
from sync.cli import REPLICA_NAME
from sync.client.engine import SyncEngine
from sync.client.errors import OfflineError
from sync.server import admin
from sync.server.local import start_local_server
from sync.server.seed import seed_demo
from sync.server.settings import Settings
from sync.server.store import Store
from sync.transport import RequestsTransport
from tests.sync.helpers import PASSWORD, add_customer, ids, outbox_size

ROOT = Path(__file__).resolve().parents[2]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerProcess:
    """``fieldsales-server run`` in a subprocess, restartable, optionally with a crash point."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self.port = _port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, fault: str | None = None) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("FIELDSALES_FAULT", None)
        if fault:
            env["FIELDSALES_FAULT"] = fault
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", "--db", self.db_url, "run",
             "--port", str(self.port)], env=env, cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/health", timeout=0.5).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def wait_dead(self) -> int:
        assert self.proc is not None
        return self.proc.wait(timeout=20)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every fault test runs against both server databases."""
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'server.db'}"


@pytest.fixture
def server_db(db_url: str) -> str:
    url = db_url
    store = Store(Settings(db_url=url))
    store.migrate()
    admin.add_user(store, "alice", PASSWORD, "rep")
    store.dispose()
    return url


@pytest.fixture
def proc(server_db: str) -> Iterator[ServerProcess]:
    server = ServerProcess(server_db)
    yield server
    server.stop()


def _engine(path: Path, url: str) -> SyncEngine:
    db = open_replica(path)
    engine = SyncEngine(db, RequestsTransport(url), retries=2, backoff_s=0.05)
    engine.login(url, "alice", PASSWORD)
    return engine


def test_response_lost_after_commit_is_a_noop_retry(proc: ServerProcess,
                                                    tmp_path: Path) -> None:
    proc.start(fault="push.after_commit_before_response:1")
    engine = _engine(tmp_path / "a.db", proc.url)
    cid = add_customer(engine.db)
    with pytest.raises(OfflineError):
        engine.sync()  # the server committed, then died before answering
    assert proc.wait_dead() == 137
    assert outbox_size(engine.db) == 1  # nothing acknowledged, nothing lost
    proc.start()
    assert engine.is_online()
    report = engine.sync()
    assert outbox_size(engine.db) == 0
    assert report.checksums_ok
    assert ids(engine.db, Customer) == {cid}
    store = Store(Settings(db_url=proc.db_url))
    with store.read() as conn:
        assert store.current_seq(conn) == 2  # the user add + exactly one push
    store.dispose()


def test_connection_dropped_before_commit(proc: ServerProcess, tmp_path: Path) -> None:
    proc.start(fault="push.before_commit:1")
    engine = _engine(tmp_path / "a.db", proc.url)
    add_customer(engine.db)
    with pytest.raises(OfflineError):
        engine.sync()
    proc.wait_dead()
    assert not engine.is_online()
    proc.start()
    engine.sync()
    assert outbox_size(engine.db) == 0
    assert len(ids(engine.db, Customer)) == 1


def test_server_restarted_between_pages(tmp_path: Path, db_url: str) -> None:
    url = db_url
    store = Store(Settings(db_url=url))
    store.migrate()
    seeded = seed_demo(store, reps=1, customers=40)  # ~600 rows
    rep, total = seeded["reps"][0], seeded["rows"]
    store.dispose()
    proc = ServerProcess(url)
    try:
        proc.start(fault="pull.between_pages:3")
        profile = tmp_path / "profile"
        db = open_replica(profile / REPLICA_NAME)
        engine = SyncEngine(db, RequestsTransport(proc.url), retries=1, backoff_s=0.05,
                            page_limit=100)
        engine.login(proc.url, rep, "demo")
        with pytest.raises(OfflineError):
            engine.sync()
        proc.wait_dead()
        with db.reader() as s:
            partial = int(s.connection().exec_driver_sql(
                "SELECT count(*) FROM customers").scalar_one())
            partial += int(s.connection().exec_driver_sql(
                "SELECT count(*) FROM contacts").scalar_one())
        proc.start()
        report = engine.sync()
        assert report.checksums_ok
        assert len(ids(db, Customer)) == 40
        assert report.pulled_rows <= total - partial + 200  # resumed, not restarted
        db.dispose()
    finally:
        proc.stop()


def test_client_killed_between_apply_and_commit(tmp_path: Path, db_url: str) -> None:
    url = db_url
    db_path = tmp_path / "server.db"
    server_url, stop = start_local_server(db_path, page_limit=100, db_url=url)
    try:
        store = Store(Settings(db_url=url))
        rep = seed_demo(store, reps=1, customers=30)["reps"][0]
        store.dispose()
        profile = tmp_path / "profile"
        env = {**os.environ, "PYTHONPATH": str(ROOT),
               "FIELDSALES_FAULT": "pull.after_apply_before_commit:2"}
        cmd = [sys.executable, "-c", "import sys; from sync.cli import sync_main; "
               "sys.exit(sync_main(sys.argv[1:]))", "--profile", str(profile),
               "--server", server_url, "--user", rep]
        first = subprocess.run(cmd, input=b"demo\n", env=env, cwd=ROOT, capture_output=True,
                               timeout=60)
        assert first.returncode == 137, first.stderr.decode()
        replica = profile / REPLICA_NAME
        # The CLI encrypts the replica: its key (keyring, or from the password) opens it.
        key = load_profile_key(profile, password="demo").raw
        conn = connect_raw(replica, key)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT count(*) FROM customers").fetchone()[0]
        conn.close()
        assert rows <= 30
        env.pop("FIELDSALES_FAULT")
        second = subprocess.run(cmd[:-2], input=b"demo\n", env=env, cwd=ROOT,
                                capture_output=True, timeout=60)
        assert second.returncode == 0, second.stderr.decode()
        assert b'"checksums_ok":true' in second.stdout
        conn = connect_raw(replica, key)
        assert conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 30
        conn.close()
    finally:
        stop()
