"""Bring a replica's schema to head, safely.

Before any migration the database file is copied next to itself (``<name>.bak-<rev>``) using
SQLite's online backup API (consistent even in WAL mode). If the migration fails, the copy is put
back and the error is raised as a StorageError, so a bad upgrade never leaves a half-migrated
replica behind. An encrypted replica's backup is made through SQLCipher with the same key, so it
is encrypted too.

The whole chain runs in one ``BEGIN IMMEDIATE`` transaction with Python's implicit transaction
handling switched off: sqlite3 would otherwise run DDL (CREATE TABLE, the batch-mode table
copies) outside any transaction, and a crash or kill mid-migration would leave a half-migrated
file. SQLite's DDL is transactional, so a killed migration simply never happened.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.db import connect_raw
from app.errors import StorageError

log = logging.getLogger(__name__)
_MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _backup(path: Path, label: str, key: bytes | None = None) -> Path:
    target = path.with_name(f"{path.name}.bak-{label}")
    target.unlink(missing_ok=True)  # a stale backup (of another key) must not be written into
    src = connect_raw(path, key)
    try:
        dst = connect_raw(target, key)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def _restore(backup: Path, path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.copyfile(backup, path)


def _run_in_one_transaction(engine: Engine, revision: str) -> None:
    cfg = alembic_config()
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        legacy = raw.isolation_level
        raw.isolation_level = None  # we say BEGIN ourselves, so DDL is inside the transaction
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            conn.commit()
        except BaseException:
            if raw.in_transaction:
                raw.rollback()
            raise
        finally:
            raw.isolation_level = legacy


def upgrade(
    engine: Engine, path: Path | None, revision: str = "head", *, key: bytes | None = None
) -> bool:
    """Migrate to ``revision``; returns True when anything was applied. ``key`` is the
    replica's SQLCipher key (None for a plain file), used for the backup."""
    current = current_revision(engine)
    target = head_revision() if revision == "head" else revision
    if current == target:
        return False
    backup = None
    if path is not None and path.exists() and current is not None:
        engine.dispose()  # let the backup see a quiet file
        backup = _backup(path, current, key)
        log.info("backed up replica before migration", extra={"backup": str(backup)})
    try:
        _run_in_one_transaction(engine, revision)
    except Exception as exc:
        engine.dispose()
        if backup is not None and path is not None:
            _restore(backup, path)
            log.error("migration failed; replica restored from %s", backup)
        raise StorageError(
            "migration_failed",
            message=f"could not upgrade the database: {exc}",
            backup=str(backup) if backup else None,
        ) from exc
    return True
