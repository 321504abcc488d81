"""The production server recipe (packaging/server/) against a real PostgreSQL.

Follows the documented deploy exactly: ``fieldsales-server migrate`` once, an admin creates a user
with ``fieldsales-server user add``, the server runs as ``fieldsales-server run --workers 2``
on a loopback port (two uvicorn worker processes), reps' replicas sync over real HTTP, and
``backup.sh`` takes a pg_dump that ``pg_restore`` brings back with the reps' data in it.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import psycopg
import pytest
import requests

from app.models import Customer
from sync.transport import RequestsTransport
from tests.conftest_pg import PG_BIN, create_database
from tests.sync.helpers import PASSWORD, add_customer, edit, get, ids, make_replica

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SERVER_DIR = ROOT / "packaging" / "server"
BIN = Path(sys.executable).parent
WORKERS = 2


@dataclass
class Deployed:
    base_url: str
    db_url: str
    process: subprocess.Popen[bytes]
    log: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(db_url: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "FIELDSALES_SERVER_DB": db_url, **extra}


def _libpq(db_url: str) -> str:
    return db_url.replace("postgresql+psycopg://", "postgresql://")


def _console_script(name: str) -> str:
    path = BIN / name
    assert path.is_file(), f"{path} missing: install the project (pip install -e .)"
    return str(path)


def _add_user(db_url: str, name: str, role: str = "rep") -> str:
    done = subprocess.run(
        [_console_script("fieldsales-server"), "user", "add", "--name", name, "--role", role,
         "--team", "east"],
        input=PASSWORD + "\n", capture_output=True, text=True, env=_env(db_url), timeout=60,
        check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _worker_pids(parent: int) -> list[int]:
    """uvicorn's worker processes under its supervisor (Linux /proc). Workers are started with
    multiprocessing's spawn method; multiprocessing's resource tracker is a child too."""
    workers: list[int] = []
    for task in Path(f"/proc/{parent}/task").iterdir():
        for pid in (task / "children").read_text().split():
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"spawn_main" in cmdline:
                workers.append(int(pid))
    return workers


def _wait_healthy(deployed: Deployed, timeout: float = 60.0) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if deployed.process.poll() is not None:
            pytest.fail(f"server exited with {deployed.process.returncode}:\n"
                        + deployed.log.read_text(errors="replace"))
        try:
            resp = requests.get(deployed.base_url + "/health", timeout=2)
            if resp.status_code == 200:
                body: dict[str, object] = resp.json()
                return body
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    pytest.fail("server not healthy in time:\n" + deployed.log.read_text(errors="replace"))


@pytest.fixture
def deployed(tmp_path: Path, pg_server: str) -> Iterator[Deployed]:
    db_url = create_database(pg_server)
    migrate = subprocess.run([sys.executable, "-m", "sync.server.cli", "migrate"],
                             capture_output=True, text=True, env=_env(db_url), timeout=120,
                             check=False)
    assert migrate.returncode == 0, migrate.stderr
    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [_console_script("fieldsales-server"), "run", "--host", "127.0.0.1",
             "--port", str(port), "--workers", str(WORKERS)],
            env=_env(db_url), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deployed = Deployed(f"http://127.0.0.1:{port}", db_url, process, log)
    try:
        yield deployed
    finally:
        # SIGTERM to the supervisor's own process group: uvicorn stops its workers.
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def test_two_workers_on_postgres_sync_replicas(deployed: Deployed, tmp_path: Path) -> None:
    _add_user(deployed.db_url, "alice")
    _add_user(deployed.db_url, "mgr", role="manager")
    health = _wait_healthy(deployed)
    assert health["version"] == metadata.version("fieldsales")
    assert len(_worker_pids(deployed.process.pid)) == WORKERS

    transports = [RequestsTransport(deployed.base_url) for _ in range(2)]
    alice = make_replica(tmp_path / "alice.db", transports[0], "alice")
    manager = make_replica(tmp_path / "mgr.db", transports[1], "mgr")
    try:
        cids = [add_customer(alice.db, name=f"部署测试客户{i}") for i in range(30)]
        pushed = alice.sync()
        assert pushed.checksums_ok
        pulled = manager.sync()
        assert pulled.checksums_ok
        assert ids(manager.db, Customer) == set(cids)
        edit(manager.db, Customer, cids[0], notes="seen by the manager")
        manager.sync()
        alice.sync()
        assert get(alice.db, Customer, cids[0]).notes == "seen by the manager"
    finally:
        for rep in (alice, manager):
            rep.db.dispose()
        for transport in transports:
            transport.close()
    # Both workers are still serving after the sync traffic (none crashed and was replaced).
    assert deployed.process.poll() is None
    assert len(_worker_pids(deployed.process.pid)) == WORKERS


def test_backup_script_dump_restores(deployed: Deployed, tmp_path: Path,
                                     pg_server: str) -> None:
    _add_user(deployed.db_url, "bob")
    _wait_healthy(deployed)
    transport = RequestsTransport(deployed.base_url)
    bob = make_replica(tmp_path / "bob.db", transport, "bob")
    try:
        cid = add_customer(bob.db, name="备份验证有限公司")
        bob.sync()
    finally:
        bob.db.dispose()
        transport.close()

    backups = tmp_path / "backups"
    done = subprocess.run(
        [str(SERVER_DIR / "backup.sh")], capture_output=True, text=True, timeout=120,
        check=False, env=_env(deployed.db_url, FIELDSALES_BACKUP_DIR=str(backups),
                              PG_DUMP=str(PG_BIN / "pg_dump")))
    assert done.returncode == 0, done.stderr
    dump = Path(done.stdout.strip())
    assert dump.parent == backups
    assert dump.stat().st_size > 0
    assert not list(backups.glob("*.partial"))

    restored = create_database(pg_server)
    restore = subprocess.run(
        [str(PG_BIN / "pg_restore"), "--no-owner", "--dbname", _libpq(restored), str(dump)],
        capture_output=True, text=True, timeout=120, check=False)
    assert restore.returncode == 0, restore.stderr
    with psycopg.connect(_libpq(restored)) as conn:
        found = conn.execute("SELECT count(*) FROM records WHERE entity = 'customers' AND id = %s",
                             (cid,)).fetchone()
        users = conn.execute("SELECT username FROM accounts").fetchall()
    assert found == (1,)
    assert [u[0] for u in users] == ["bob"]


def test_server_requirements_leave_out_only_what_the_server_never_imports() -> None:
    """packaging/server/requirements.py drops the desktop stack from server installs; a server
    process (every CLI command's module and the app) must import none of it."""
    spec = importlib.util.spec_from_file_location("fieldsales_server_requirements",
                                                  SERVER_DIR / "requirements.py")
    assert spec is not None
    assert spec.loader is not None
    server_reqs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(server_reqs)
    kept = "\n".join(server_reqs.server_requirements()).lower()
    assert "fastapi" in kept
    assert "psycopg" in kept
    assert "pyside6" not in kept
    assert "opencv" not in kept
    probe = ("import sys, importlib.metadata as md\n"
             "import sync.server.cli, sync.server.app, sync.server.seed, "
             "sync.server.catalog_import, sync.server.admin, uvicorn.main\n"
             "dists = md.packages_distributions()\n"
             "print('\\n'.join(sorted({d.lower() for m in list(sys.modules) "
             "for d in dists.get(m.split('.')[0], [])})))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    imported = set(done.stdout.split())
    assert "fastapi" in imported
    assert imported & server_reqs.DESKTOP_ONLY == set()
