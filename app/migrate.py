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

import functools
import logging
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from app.db import connect_raw
from app.errors import StorageError

if TYPE_CHECKING:  # alembic is imported only when a migration runs (≈0.3 s of start-up)
    from alembic.config import Config

log = logging.getLogger(__name__)
_MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

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
    from alembic import command

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


# -- the at-head fast path -------------------------------------------------------------------
# Start-up only needs "is this replica at head?". Alembic answers that by importing itself
# (≈0.3 s) and loading every revision module; these read the two facts directly.
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.M)
_QUOTED = re.compile(r"""^(["'])([^"']+)\1$""")


@functools.cache
def script_head() -> str | None:
    """The head revision from the migration files' ``revision`` / ``down_revision`` lines,
    or None when they are not one plain chain of quoted ids (alembic then decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for file in (_MIGRATIONS / "versions").glob("*.py"):
        found = dict(_ASSIGNMENT.findall(file.read_text(encoding="utf-8")))
        own = _QUOTED.match(found.get("revision", ""))
        down = found.get("down_revision", "None")
        parent = _QUOTED.match(down)
        if own is None or (parent is None and down != "None"):
            return None  # a merge, a branch label or an unusual file: let alembic read it
        revisions.add(own.group(2))
        if parent is not None:
            parents.add(parent.group(2))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def is_at_head(engine: Engine) -> bool:
    """The replica's stored revision is the scripts' single head (read without alembic)."""
    head = script_head()
    if head is None:
        return False
    with engine.connect() as conn:
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
        if has_table is None:
            return False
        stored = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    return [row[0] for row in stored] == [head]


def upgrade(
    engine: Engine, path: Path | None, revision: str = "head", *, key: bytes | None = None
) -> bool:
    """Migrate to ``revision``; returns True when anything was applied. ``key`` is the
    replica's SQLCipher key (None for a plain file), used for the backup."""
    if revision == "head" and is_at_head(engine):
        return False  # the everyday start: no alembic at all
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
