"""Encryption at rest: a stolen replica file (and its WAL) shows no customer in clear text, the
wrong key is one clear error, migrations and FTS5 search work on an encrypted file, and a plain
replica is encrypted in place without losing a row or leaving a clear-text backup."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from sqlalchemy import select, text

from app import search
from app.db import Database
from app.keys import (
    SALT_FILE,
    KdfParams,
    KeySource,
    KeyUnavailableError,
    ProfileKey,
    forget_profile_key,
    load_profile_key,
)
from app.migrate import current_revision, head_revision, upgrade
from app.models import Customer
from app.replica import ReplicaUnreadableError, open_profile_replica, open_replica
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService

SECRET_NAME = "深圳市蓝鲸保密科技有限公司"
SECRET_ASCII = "Bluewhale Confidential Trading"
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


class MemoryKeyring(KeyringBackend):
    """A real keyring backend kept in memory (the machine running the tests has none)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def _add_customer(db: Database, name: str = SECRET_NAME) -> str:
    service = CustomerService(ServiceContext(db=db, user_id="u1"))
    view = service.create(CustomerInput(full_name=name, industry="software",
                                        region="south_china", notes=SECRET_ASCII))
    return view.id


def _on_disk(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(f"{path.name}*") if p.is_file())


def test_encrypted_file_and_wal_hold_no_customer_in_clear_text(tmp_path: Path) -> None:
    key = secrets.token_bytes(32)
    path = tmp_path / "replica.db"
    db = open_replica(path, key=key)
    customer_id = _add_customer(db)
    wal = Path(f"{path}-wal")
    assert wal.stat().st_size > 0, "the change sits in the WAL while the replica is open"
    for needle in (SECRET_NAME.encode(), SECRET_ASCII.encode(), b"SQLite format 3"):
        assert needle not in path.read_bytes()
        assert needle not in wal.read_bytes()
    # FTS5 trigram search works on the encrypted file.
    hits = search.search(db, "蓝鲸保密")
    assert [h.id for h in hits if h.kind == "customer"] == [customer_id]
    db.dispose()
    assert SECRET_NAME.encode() not in _on_disk(path)

    again = open_replica(path, key=key)
    with again.reader() as s:
        assert s.scalar(text("SELECT full_name FROM customers")) == SECRET_NAME
        assert s.scalar(text("SELECT count(*) FROM outbox")) == 1
    again.dispose()


def test_a_plain_replica_shows_the_name_so_the_check_above_means_something(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plain.db"
    db = open_replica(path)
    _add_customer(db)
    db.dispose()
    assert SECRET_NAME.encode() in _on_disk(path)


def test_wrong_key_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "replica.db"
    open_replica(path, key=secrets.token_bytes(32)).dispose()
    with pytest.raises(ReplicaUnreadableError) as err:
        open_replica(path, key=secrets.token_bytes(32))
    assert err.value.code == "wrong_key"
    assert str(err.value) == "wrong key or not a FieldSales replica"
    with pytest.raises(ReplicaUnreadableError) as no_key:
        open_replica(path)
    assert no_key.value.code == "database_corrupt"
    assert "without its key" in str(no_key.value)


def test_full_migration_chain_runs_on_an_encrypted_file_and_its_backup_is_encrypted(
    tmp_path: Path,
) -> None:
    key = secrets.token_bytes(32)
    path = tmp_path / "old.db"
    db = Database(path, key=key)
    upgrade(db.engine, path, "0001", key=key)
    with db.engine.begin() as conn:
        conn.execute(text("""INSERT INTO customers (id, full_name, name_core, industry, region,
            source, level, lifecycle, lifecycle_manual, in_pool, created_at, updated_at,
            server_seq, version) VALUES ('c1', :name, '蓝鲸保密', 'software', 'south_china',
            'manual', 'key', 'prospect', 0, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00',
            0, 1)"""), {"name": SECRET_NAME})
    assert upgrade(db.engine, path, key=key) is True
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        assert conn.scalar(text("PRAGMA journal_mode")) == "wal"
        assert conn.scalar(text("PRAGMA foreign_keys")) == 1
        hits = conn.execute(text(
            "SELECT rowid FROM customers_fts WHERE customers_fts MATCH '\"蓝鲸保\"'")).all()
        assert len(hits) == 1
    db.dispose()
    backup = tmp_path / "old.db.bak-0001"
    assert backup.exists()
    assert not backup.read_bytes().startswith(b"SQLite format 3")
    assert SECRET_NAME.encode() not in backup.read_bytes()
    restored = Database(backup, key=key)
    with restored.engine.connect() as conn:
        assert conn.scalar(text("SELECT full_name FROM customers")) == SECRET_NAME
    restored.dispose()


def test_plain_replica_is_encrypted_in_place_keeping_every_row(tmp_path: Path) -> None:
    path = tmp_path / "replica.db"
    plain = open_replica(path)
    customer_id = _add_customer(plain)
    client_id = plain.client_id
    plain.dispose()
    stale_backup = tmp_path / "replica.db.bak-0002"
    stale_backup.write_bytes(path.read_bytes())  # an old clear-text migration backup

    key = secrets.token_bytes(32)
    db = open_replica(path, key=key)
    assert db.encrypted
    assert db.client_id == client_id
    with db.reader() as s:
        assert s.scalar(text("SELECT id FROM customers")) == customer_id
        assert s.scalar(text("SELECT count(*) FROM outbox")) == 1
        assert s.scalar(text("PRAGMA integrity_check")) == "ok"
    db.dispose()
    assert not path.read_bytes().startswith(b"SQLite format 3")
    assert SECRET_NAME.encode() not in _on_disk(path)
    assert not stale_backup.exists(), "clear-text backups would defeat the encryption"
    assert not (tmp_path / "replica.db.encrypting").exists()


def test_keyring_key_is_made_once_per_profile_and_forgotten_on_request(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    profile = tmp_path / "zhang@crm.example.com"
    first = load_profile_key(profile, backend=ring)
    assert first.source is KeySource.KEYRING
    assert first.raw is not None
    assert len(first.raw) == 32
    assert load_profile_key(profile, backend=ring) == first
    other = load_profile_key(tmp_path / "li@crm.example.com", backend=ring)
    assert other.raw != first.raw
    assert first.raw.hex() not in repr(first)
    assert forget_profile_key(profile, backend=ring) is True
    assert load_profile_key(profile, backend=ring).raw != first.raw


def test_without_a_keyring_the_key_comes_from_the_password_never_clear_text(
    tmp_path: Path,
) -> None:
    profile = tmp_path / "zhang@crm"
    no_ring = fail.Keyring()  # type: ignore[no-untyped-call]
    with pytest.raises(KeyUnavailableError) as err:
        load_profile_key(profile, backend=no_ring)
    assert err.value.code == "password_required"

    key = load_profile_key(profile, password="s3cret 密码", backend=no_ring, kdf=FAST_KDF)
    assert key.source is KeySource.PASSWORD
    assert (profile / SALT_FILE).exists()
    same = load_profile_key(profile, password="s3cret 密码", backend=no_ring)
    assert same.raw == key.raw
    assert key.raw is not None
    wrong = load_profile_key(profile, password="guess", backend=no_ring)
    assert wrong.raw != key.raw
    assert wrong.raw is not None

    path = profile / "replica.db"
    open_replica(path, key=key.raw).dispose()
    with pytest.raises(ReplicaUnreadableError) as bad:
        open_replica(path, key=wrong.raw)
    assert bad.value.code == "wrong_key"
    # Once a profile is password-keyed, a keyring appearing later does not change its key.
    assert load_profile_key(profile, password="s3cret 密码", backend=MemoryKeyring()) == key


def test_unencrypted_is_an_explicit_visible_state() -> None:
    plain = ProfileKey.unencrypted()
    assert not plain.encrypted
    assert plain.source is KeySource.NONE
    assert plain.warning is not None
    assert "unencrypted" in plain.warning
    assert ProfileKey(b"k" * 32, KeySource.KEYRING).warning is None


def test_a_keyring_profile_opened_without_its_keyring_is_refused_and_left_as_it_was(
        tmp_path: Path) -> None:
    """A keyring that is missing one day (e.g. a session without the Secret Service) must not
    turn the profile into a password-keyed one: the attempt is refused, no salt is left, and
    the keyring opens it again once it is back."""
    profile = tmp_path / "profile"
    ring = MemoryKeyring()
    db, _ = open_profile_replica(profile, backend=ring)
    _add_customer(db)
    db.dispose()
    no_ring = fail.Keyring()  # type: ignore[no-untyped-call]
    with pytest.raises(KeyUnavailableError) as refused:
        open_profile_replica(profile, password="anything", backend=no_ring)
    assert refused.value.code == "wrong_password"
    assert not (profile / SALT_FILE).exists()
    db, key = open_profile_replica(profile, backend=ring)
    try:
        assert key.source is KeySource.KEYRING
        with db.reader() as s:
            assert s.scalars(select(Customer.full_name)).all() == [SECRET_NAME]
    finally:
        db.dispose()
