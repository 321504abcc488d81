"""The local replica: one SQLite file per profile, opened with the PRAGMAs we rely on.

WAL lets the UI read while a worker writes; ``foreign_keys`` keeps children attached;
``busy_timeout`` turns brief lock contention into waiting instead of errors. Every write goes
through :meth:`Database.transaction`, which turns the environment's failures (disk full, file
locked, not a database) into :class:`~app.errors.StorageError` with a stable code.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock, SystemClock
from app.errors import StorageError
from app.hlc import HybridClock, Timestamp
from app.ids import new_id
from app.models import OutboxEntry, SyncMeta

log = logging.getLogger(__name__)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL is durable across app crashes
    cursor.close()


def make_engine(path: Path | str) -> Engine:
    """An engine on a SQLite file (``:memory:`` is refused: a replica is always a real file)."""
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    return engine


def storage_error(exc: BaseException) -> StorageError:
    """Classify a SQLite failure into a StorageError code the UI can explain."""
    text = str(exc).lower()
    if "disk is full" in text or "database or disk is full" in text:
        code = "disk_full"
    elif "locked" in text or "busy" in text:
        code = "database_locked"
    elif "not a database" in text or "malformed" in text or "encrypted" in text:
        code = "database_corrupt"
    elif "readonly" in text or "read-only" in text:
        code = "read_only"
    else:
        code = "storage_failed"
    return StorageError(code, message=str(exc.args[0] if exc.args else exc))


class Database:
    """An open replica: engine, sessions, the replica's identity and its hybrid clock."""

    def __init__(
        self, path: Path | str, clock: Clock | None = None, engine: Engine | None = None
    ) -> None:
        self.path = Path(path)
        self.clock = clock or SystemClock()
        self.engine = engine or make_engine(self.path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._client_id: str | None = None
        self._hlc: HybridClock | None = None

    # -- sessions -------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A unit of work: commit on success, roll back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except (OperationalError, DatabaseError) as exc:
            session.rollback()
            raise storage_error(exc.orig or exc) from exc
        except sqlite3.Error as exc:
            session.rollback()
            raise storage_error(exc) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only session (nothing is committed)."""
        session = self._sessions()
        try:
            yield session
        except (OperationalError, DatabaseError) as exc:
            raise storage_error(exc.orig or exc) from exc
        finally:
            # close() (not rollback()) ends the read transaction but leaves loaded objects
            # readable: rollback would expire them.
            session.close()

    # -- replica identity -----------------------------------------------------------------
    def meta(self, session: Session, key: str) -> str | None:
        row = session.get(SyncMeta, key)
        return None if row is None else row.value

    def set_meta(self, session: Session, key: str, value: str) -> None:
        row = session.get(SyncMeta, key)
        if row is None:
            session.add(SyncMeta(key=key, value=value))
        else:
            row.value = value

    @property
    def client_id(self) -> str:
        """This install's id, made once and kept in the replica."""
        if self._client_id is None:
            with self.transaction() as s:
                value = self.meta(s, "client_id")
                if value is None:
                    value = new_id()
                    self.set_meta(s, "client_id", value)
            self._client_id = value
        return self._client_id

    @property
    def hlc(self) -> HybridClock:
        """The replica's hybrid clock, resumed past every timestamp it ever issued."""
        if self._hlc is None:
            node = self.client_id
            with self.reader() as s:
                stored = self.meta(s, "hlc")
                newest = s.scalar(
                    select(OutboxEntry.hlc).order_by(OutboxEntry.client_seq.desc()).limit(1)
                )
            last = Timestamp(0, 0, node)
            for text in (stored, newest):
                if text:
                    seen = Timestamp.decode(text)
                    last = max(last, Timestamp(seen.wall_ms, seen.counter, node))
            self._hlc = HybridClock(
                node, wall_ms=lambda: int(self.clock.now().timestamp() * 1000), last=last
            )
        return self._hlc

    def dispose(self) -> None:
        self.engine.dispose()
