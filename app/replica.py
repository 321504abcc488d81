"""Opening a replica: where profiles live, and bringing the schema to head on start-up."""

from __future__ import annotations

import re
from pathlib import Path

import platformdirs

from app.clock import Clock
from app.db import Database
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


def open_replica(path: Path, clock: Clock | None = None) -> Database:
    """Open (creating if needed) a replica file and migrate it to head, backing up first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path, clock=clock)
    upgrade(db.engine, path)
    return db
