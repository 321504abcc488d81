"""Facts for the status bar and start-up: outbox size, last sync, the signed-in user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.db import Database
from app.models import OutboxEntry, SyncMeta, User
from ui.queries.conflicts import open_count

# sync_meta key the app writes after each successful sync (the engine keeps its own cursor).
LAST_SYNC_KEY = "last_sync_at"


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    conflicts: int
    last_sync: datetime | None


def sync_status(db: Database) -> SyncStatus:
    with db.reader() as s:
        pending = int(s.scalar(select(func.count()).select_from(OutboxEntry)) or 0)
        last = s.scalar(select(SyncMeta.value).where(SyncMeta.key == LAST_SYNC_KEY))
    when = datetime.fromisoformat(last) if last else None
    return SyncStatus(pending, open_count(db), when)


def user_by_name(db: Database, username: str) -> tuple[str, str, str] | None:
    """(id, display name, role) of a user in the replica."""
    with db.reader() as s:
        row = s.execute(select(User.id, User.display_name, User.role)
                        .where(User.username == username)).first()
        return None if row is None else (row[0], row[1], row[2])


def replica_user(db: Database) -> tuple[str, str, str] | None:
    """The user this replica was synced for (``sync_meta.username``), if any."""
    with db.reader() as s:
        name = s.scalar(select(SyncMeta.value).where(SyncMeta.key == "username"))
    return None if name is None else user_by_name(db, name)
