"""``fieldsales sync --profile`` opens the profile with its key, like the app: the replica it
writes is encrypted, a wrong password is exit code 6 with the file untouched, and a wipe ordered
by the server removes the key material too."""

from __future__ import annotations

import hashlib
import io
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy import select

from app.keys import SALT_FILE
from app.models import Customer
from app.replica import is_plain_sqlite, open_profile_replica
from sync.cli import EXIT_LOCKED, sync_main
from sync.server import admin
from sync.server.settings import Settings as ServerSettings
from sync.server.store import Store
from tests.sync.helpers import seeded_loopback_server

PASSWORD = "demo"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    db_path = tmp_path / "server.db"
    url, stop, seeded = seeded_loopback_server(db_path, customers=6)
    yield url, db_path, seeded["reps"][0]
    stop()


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """This process's keyring is keyring's ``fail`` backend (as on a headless Linux), so the
    CLI takes the password path whatever machine runs the test."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(before)


def _cli(monkeypatch: pytest.MonkeyPatch, stdin: str, *args: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return sync_main(list(args))


def _digest(profile: Path) -> str:
    return hashlib.sha256(b"".join(
        p.read_bytes() for p in sorted(profile.glob("replica.db*")))).hexdigest()


@pytest.mark.usefixtures("no_keyring")
def test_cli_sync_writes_an_encrypted_replica_and_needs_the_password(
        server: tuple[str, Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url, db_path, rep = server
    profile = tmp_path / "profile"
    assert _cli(monkeypatch, f"{PASSWORD}\n", "--profile", str(profile), "--server", url,
                "--user", rep) == 0
    db, _key = open_profile_replica(profile, password=PASSWORD)
    with db.reader() as s:
        names = list(s.scalars(select(Customer.full_name)))
    db.dispose()
    assert len(names) == 6
    replica = profile / "replica.db"
    assert not is_plain_sqlite(replica)
    assert (profile / SALT_FILE).exists()
    on_disk = b"".join(p.read_bytes() for p in profile.glob("replica.db*"))
    assert not any(name.encode() in on_disk for name in names)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(replica).execute("SELECT * FROM sqlite_master").fetchall()

    before = _digest(profile)
    assert _cli(monkeypatch, "not-it\n", "--profile", str(profile), "--server", url) == EXIT_LOCKED
    assert _digest(profile) == before  # a wrong password changes nothing
    assert _cli(monkeypatch, f"{PASSWORD}\n", "--profile", str(profile), "--server", url) == 0

    store = Store(ServerSettings(db_url=f"sqlite:///{db_path}"))
    try:
        assert admin.revoke_user(store, rep) >= 1
    finally:
        store.dispose()
    assert _cli(monkeypatch, f"{PASSWORD}\n", "--profile", str(profile), "--server", url) == 5
    assert not replica.exists()
    assert not (profile / SALT_FILE).exists()  # the key material went with the data
