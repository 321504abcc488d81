"""A real PostgreSQL 15 for the test session, started in a temp dir on a random port.

PostgreSQL refuses to run as root, so the cluster runs as the ``postgres`` system user (via
``runuser``) when we are root. If it cannot start, tests that need it FAIL (never skip).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("FIELDSALES_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_pg_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def start_postgres() -> tuple[str, Callable[[], None]]:
    """Start a throw-away cluster; returns ``(url without database, stop)``. Raises on failure."""
    root = Path(tempfile.mkdtemp(prefix="fs-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = _free_port()
    subprocess.run(_as_pg_user([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres",
                                "-A", "trust", "--no-sync", "-E", "UTF8"]),
                   check=True, capture_output=True)
    opts = (f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off -c max_connections=300 "
            "-c shared_buffers=128MB -c synchronous_commit=off")
    subprocess.run(_as_pg_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", opts,
                                "-l", str(root / "log"), "-w", "start"]),
                   check=True, capture_output=True)

    def stop() -> None:
        subprocess.run(_as_pg_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast",
                                    "-w", "stop"]), check=False, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)

    return f"postgresql+psycopg://postgres@127.0.0.1:{port}", stop


def create_database(server_url: str) -> str:
    """A fresh, empty database on that cluster; returns its SQLAlchemy URL."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url.replace("postgresql+psycopg", "postgresql") + "/postgres",
                         autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{server_url}/{name}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """``postgresql+psycopg://postgres@127.0.0.1:<port>`` (no database part)."""
    url, stop = start_postgres()
    try:
        yield url
    finally:
        stop()


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A fresh, empty database on the session's PostgreSQL."""
    return create_database(pg_server)
