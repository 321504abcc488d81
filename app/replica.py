"""Opening a replica: where profiles live, checking what is at the replica path, encrypting a
plain replica, and bringing the schema to head on start-up.

Whatever is found at the path, opening either succeeds or raises :class:`ReplicaUnreadableError`
(a :class:`~app.errors.StorageError`) whose ``code`` says why: ``database_corrupt`` (not a
database, or damaged pages), ``foreign_database`` (a SQLite file of another program),
``unknown_schema`` (a replica from a newer FieldSales) or ``wrong_key`` (encrypted with another
key, or encrypted and opened without one). The UI catches that one type and offers to set the
file aside (:func:`quarantine_replica`) and re-sync from the server — never a traceback.
"""

from __future__ import annotations

import logging
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
from keyring.backend import KeyringBackend
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from app.clock import Clock
from app.db import (
    WRONG_KEY_MESSAGE,
    Database,
    connect_raw,
    dbapi_errors,
    require_sqlcipher,
    storage_error,
)
from app.errors import StorageError
from app.keys import (
    SALT_FILE,
    WRONG_PASSWORD_MESSAGE,
    KeySource,
    KeyUnavailableError,
    ProfileKey,
    profile_key,
)
from app.migrate import alembic_config, script_head, upgrade

log = logging.getLogger(__name__)

APP_NAME = "FieldSales"
REPLICA_FILE = "replica.db"


def data_root() -> Path:
    """The platform's per-user data folder (``~/.local/share/FieldSales`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def profile_dir(server_url: str, username: str, root: Path | None = None) -> Path:
    """One profile per server + user, so two accounts never share a replica."""
    host = re.sub(r"^[a-z]+://", "", server_url.lower()).rstrip("/")
    slug = re.sub(r"[^a-z0-9._-]+", "_", f"{username.lower()}@{host}")
    return (root or data_root()) / "profiles" / slug


_SQLITE_HEADER = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")


class ReplicaUnreadableError(StorageError):
    """The file at the replica path cannot be used as this profile's replica (see the module
    docstring for the codes). ``params['path']`` is the file; offer a re-sync."""


def is_plain_sqlite(path: Path) -> bool:
    """The file starts with SQLite's clear-text header (an encrypted file does not)."""
    with path.open("rb") as handle:
        return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER


def check_file(path: Path, *, encrypted: bool = False) -> None:
    """Refuse a file at the replica path that cannot be a replica before anything opens it:
    without a key it must start with SQLite's header (an encrypted file looks like noise, so it
    is reported as ``wrong_key``-or-corrupt); with a key any content is tried with the key."""
    if not path.exists() or path.stat().st_size == 0 or encrypted:
        return
    if not is_plain_sqlite(path):
        raise ReplicaUnreadableError(
            "database_corrupt", path=str(path),
            message=f"{path.name} is not a FieldSales database (damaged, or encrypted and "
                    "opened without its key)",
        )


def _check_schema(path: Path, key: bytes | None) -> None:
    """The file opens: is it ours? An empty database is (it will be created); one with tables
    and no ``alembic_version`` is another program's; an unknown revision is a newer app's.
    Read-only, so a foreign file is not changed at all (not even switched to WAL)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:  # a damaged header fails already on connect (the first PRAGMA reads it)
        conn = connect_raw(path, key, readonly=True)
    except dbapi_errors() as exc:
        raise _unreadable(exc, path) from exc
    try:
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = None if row is None else row[0]
    except dbapi_errors() as exc:
        raise _unreadable(exc, path) from exc
    finally:
        conn.close()
    if not tables:
        return
    if "alembic_version" not in tables or "sync_meta" not in tables:
        raise ReplicaUnreadableError(
            "foreign_database", path=str(path),
            message=f"{path.name} is a SQLite database of another program")
    if revision is None or revision == script_head():
        return  # the everyday case, answered without importing alembic (≈0.3 s)
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError as exc:
        raise ReplicaUnreadableError(
            "unknown_schema", path=str(path), revision=revision,
            message=f"{path.name} was written by a newer FieldSales (schema {revision})",
        ) from exc


def _unreadable(exc: BaseException, path: Path) -> ReplicaUnreadableError:
    if isinstance(exc, ReplicaUnreadableError):
        return exc
    if isinstance(exc, StorageError) and exc.code == "wrong_key":
        return ReplicaUnreadableError("wrong_key", path=str(path), message=WRONG_KEY_MESSAGE)
    error = storage_error(exc)
    return ReplicaUnreadableError(error.code, path=str(path), message=error.message)


def open_replica(path: Path, clock: Clock | None = None, *, key: bytes | None = None) -> Database:
    """Open (creating if needed) a replica file and migrate it to head, backing up first.

    Without ``key`` the file is plain SQLite (tests, tools, and profiles whose user explicitly
    chose no encryption). With ``key`` it is SQLCipher; a plain replica found at the path is
    encrypted in place first (:func:`encrypt_replica`).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    check_file(path, encrypted=key is not None)
    if key is not None and path.exists() and path.stat().st_size > 0 and is_plain_sqlite(path):
        encrypt_replica(path, key)
    try:
        _check_schema(path, key)
    except StorageError as exc:
        raise _unreadable(exc, path) from exc
    db = Database(path, clock=clock, key=key)
    try:
        upgrade(db.engine, path, key=key)
        # Make the replica's identity and clock now: doing it lazily inside a service's write
        # transaction would need a second writer and deadlock on SQLite's single write lock.
        _ = db.hlc
    except ReplicaUnreadableError:
        db.dispose()
        raise
    except StorageError as exc:
        db.dispose()
        if exc.code in {"wrong_key", "database_corrupt"}:
            raise _unreadable(exc, path) from exc
        raise
    except DatabaseError as exc:
        db.dispose()
        error = storage_error(exc.orig or exc)
        if error.code == "database_corrupt":
            raise _unreadable(exc.orig or exc, path) from exc
        raise error from exc
    return db


def open_profile_replica(
    profile: Path,
    clock: Clock | None = None,
    *,
    password: str | None = None,
    backend: KeyringBackend | None = None,
) -> tuple[Database, ProfileKey]:
    """Open the replica of ``profile`` the way the app does: encrypted with the profile's key
    (keyring, or Argon2id over ``password``), a plain replica found there encrypted first.

    Raises :class:`~app.keys.KeyUnavailableError`: ``password_required`` (ask and call again)
    or ``wrong_password`` (the file is left exactly as it was); and whatever
    :func:`open_replica` raises. Unencrypted only where SQLCipher is missing (the returned
    key's ``warning`` says so).
    """
    salt = profile / SALT_FILE
    had_salt = salt.exists()
    key = profile_key(profile, password=password, backend=backend)
    try:
        db = open_replica(profile / REPLICA_FILE, clock, key=key.raw)
    except ReplicaUnreadableError as exc:
        if exc.code == "wrong_key" and key.source is KeySource.PASSWORD:
            # The file was only read (read-only schema check): a typo costs nothing. A salt
            # made just now (a replica keyed in a keyring that is missing today) goes again,
            # or the profile would stay password-keyed once the keyring is back.
            if not had_salt:
                salt.unlink(missing_ok=True)
            raise KeyUnavailableError("wrong_password", message=WRONG_PASSWORD_MESSAGE) from exc
        raise
    return db, key


def verify_replica(db: Database) -> list[str]:
    """``PRAGMA integrity_check`` (reads every page: seconds on a big replica, run it off the UI
    thread). Returns the problems found; an empty list means the file is sound."""
    try:
        with db.engine.connect() as conn:
            rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
    except DatabaseError as exc:  # damage bad enough that the check itself cannot run
        return [str(exc.orig or exc)]
    return [] if rows == ["ok"] else rows


def quarantine_replica(path: Path) -> Path | None:
    """Move an unreadable replica (and its WAL/SHM) aside as ``<name>.unreadable-<UTC time>``
    so a fresh replica can be re-synced; nothing is deleted. Returns the new name."""
    if not path.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    for suffix in _SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))
    os.replace(path, target)
    log.warning("unreadable replica set aside", extra={"path": str(target)})
    return target


def encrypt_replica(path: Path, key: bytes) -> None:
    """Turn a plain replica into an encrypted one with ``sqlcipher_export``.

    The plain file stays untouched (it is the backup) until the encrypted copy is written,
    passes ``integrity_check`` and holds the same tables; then it atomically replaces the
    plain one. A crash at any point leaves either the plain or the encrypted file at the path,
    both of which open. Plain migration backups (``<name>.bak-*``) are deleted afterwards: they
    would leak the customers the encryption protects.
    """
    module = require_sqlcipher()  # with our HMAC as the default for the ATTACHed copy
    tmp = path.with_name(f"{path.name}.encrypting")
    for leftover in (tmp, *(Path(f"{tmp}{s}") for s in _SIDE_FILES)):
        leftover.unlink(missing_ok=True)
    plain = module.connect(str(path))
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        tables = plain.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(tmp),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    check = connect_raw(tmp, key)
    try:
        ok = check.execute("PRAGMA integrity_check").fetchone()[0]
        copied = check.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        check.execute("PRAGMA journal_mode=WAL")
    finally:
        check.close()
    if ok != "ok" or copied != tables:
        tmp.unlink(missing_ok=True)
        raise StorageError("encryption_failed", path=str(path),
                           message="the encrypted copy did not verify; the replica is unchanged")
    for suffix in _SIDE_FILES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, path)
    for backup in path.parent.glob(f"{path.name}.bak-*"):
        if is_plain_sqlite(backup):
            backup.unlink()
    log.info("replica encrypted", extra={"path": str(path)})
