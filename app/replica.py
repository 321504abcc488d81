"""Opening a replica: where profiles live, and bringing the schema to head on start-up."""

from __future__ import annotations

import re
from pathlib import Path

import platformdirs
from sqlalchemy.exc import DatabaseError

from app.clock import Clock
from app.db import Database, storage_error
from app.errors import StorageError
from app.migrate import upgrade

APP_NAME = "FieldSales"


def data_root() -> Path:
    """The platform's per-user data folder (``~/.local/share/FieldSales`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def profile_dir(server_url: str, username: str, root: Path | None = None) -> Path:
    """One profile per server + user, so two accounts never share a replica."""
    host = re.sub(r"^[a-z]+://", "", server_url.lower()).rstrip("/")
    slug = re.sub(r"[^a-z0-9._-]+", "_", f"{username.lower()}@{host}")
    return (root or data_root()) / "profiles" / slug


_SQLITE_HEADER = b"SQLite format 3\x00"


def check_file(path: Path) -> None:
    """Refuse a file at the replica path that is not a SQLite database (a foreign or corrupt
    file): the UI offers to move it aside and re-sync instead of crashing on it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_HEADER))
    if header != _SQLITE_HEADER:
        raise StorageError(
            "database_corrupt", path=str(path), message=f"{path.name} is not a FieldSales database"
        )


def open_replica(path: Path, clock: Clock | None = None) -> Database:
    """Open (creating if needed) a replica file and migrate it to head, backing up first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    check_file(path)
    db = Database(path, clock=clock)
    try:
        upgrade(db.engine, path)
    except DatabaseError as exc:
        db.dispose()
        raise storage_error(exc.orig or exc) from exc
    # Make the replica's identity and clock now: doing it lazily inside a service's write
    # transaction would need a second writer and deadlock on SQLite's single write lock.
    _ = db.hlc
    return db
