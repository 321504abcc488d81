"""The server's database: engines, migrations on start, the sequence counter and server meta.

SQLite (default) runs in WAL mode with two engines: writers open ``BEGIN IMMEDIATE`` so the
single writer lock is taken up front (no upgrade deadlocks, and commit order equals seq order),
readers open a deferred transaction that sees one consistent snapshot while pages are built.
PostgreSQL uses one pooled engine; a writer locks the rows it merges (``FOR UPDATE``) and takes
the counter row last, so the counter's row lock (held to commit) makes commit order equal seq
order: a late-committing transaction can never land below a cursor a client already passed.
"""

from __future__ import annotations

import logging
import secrets
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, insert, select, text, update
from sqlalchemy.pool import NullPool

from sync.server.settings import Settings
from sync.server.tables import server_meta, settings_table, sync_counter

log = logging.getLogger(__name__)
_MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_engine(url: str, begin: str) -> Engine:
    engine = create_engine(url, future=True, connect_args={"check_same_thread": False,
                                                          "timeout": 60})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql(begin)

    return engine


class Store:
    """Owns the engines. ``write()`` and ``read()`` yield a Connection inside a transaction."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url = settings.db_url
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            self._writer = _sqlite_engine(self.url, "BEGIN IMMEDIATE")
            self._reader = _sqlite_engine(self.url, "BEGIN")
        else:
            # No pre-ping (a round trip per checkout): a connection PostgreSQL dropped fails
            # one request, SQLAlchemy invalidates the pool, and the client retries the 5xx.
            self._writer = create_engine(self.url, future=True, pool_size=settings.pool_size,
                                         max_overflow=settings.max_overflow,
                                         pool_recycle=1800)
            self._reader = self._writer
        self._secret: str | None = None
        # The pool's clock (claim decisions, recycle deadlines): tests inject a fixed one.
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    # -- life cycle ---------------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema to head and make sure the singleton rows exist."""
        cfg = Config()
        cfg.set_main_option("script_location", str(_MIGRATIONS))
        engine = (create_engine(self.url, poolclass=NullPool) if not self.is_sqlite
                  else self._writer)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        if engine is not self._writer:
            engine.dispose()
        with self.write() as conn:
            if conn.scalar(select(sync_counter.c.seq).where(sync_counter.c.id == 1)) is None:
                conn.execute(insert(sync_counter).values(id=1, seq=0))
            if conn.scalar(select(server_meta.c.epoch).where(server_meta.c.id == 1)) is None:
                conn.execute(insert(server_meta).values(
                    id=1, epoch=str(uuid.uuid4()), tombstone_horizon_seq=0, hlc=""))
            if self.setting(conn, "cursor_secret") is None:
                self.set_setting(conn, "cursor_secret", secrets.token_hex(32))

    def dispose(self) -> None:
        self._writer.dispose()
        if self._reader is not self._writer:
            self._reader.dispose()

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self._writer.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._reader.begin() as conn:
            yield conn

    # -- counter and meta ---------------------------------------------------------------
    @staticmethod
    def next_seq(conn: Connection) -> int:
        """Take the next seq. The counter row stays locked until this transaction commits."""
        seq = conn.execute(text(
            "UPDATE sync_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq")).scalar_one()
        return int(seq)

    @staticmethod
    def current_seq(conn: Connection) -> int:
        return int(conn.scalar(_CURRENT_SEQ) or 0)

    def meta(self, conn: Connection) -> tuple[str, int, str]:
        """``(epoch, tombstone_horizon_seq, hlc)``."""
        row = conn.execute(_META).one()
        return str(row[0]), int(row[1]), str(row[2])

    def epoch(self) -> str:
        """The current epoch (read each time: an admin command may change it under us)."""
        with self.read() as conn:
            return self.meta(conn)[0]

    def cursor_secret(self) -> str:
        """The HMAC key for pull cursors (made once by ``migrate``, then cached)."""
        if self._secret is None:
            with self.read() as conn:
                self._secret = self.setting(conn, "cursor_secret") or ""
        return self._secret

    def set_epoch(self, conn: Connection, epoch: str) -> None:
        conn.execute(update(server_meta).where(server_meta.c.id == 1).values(epoch=epoch))

    @staticmethod
    def set_horizon(conn: Connection, seq: int) -> None:
        conn.execute(update(server_meta).where(server_meta.c.id == 1)
                     .values(tombstone_horizon_seq=seq))

    @staticmethod
    def set_hlc(conn: Connection, hlc: str) -> None:
        conn.execute(update(server_meta).where(server_meta.c.id == 1).values(hlc=hlc))

    @staticmethod
    def setting(conn: Connection, key: str) -> str | None:
        value = conn.scalar(select(settings_table.c.value).where(settings_table.c.key == key))
        return None if value is None else str(value)

    def set_setting(self, conn: Connection, key: str, value: str) -> None:
        if self.setting(conn, key) is None:
            conn.execute(insert(settings_table).values(key=key, value=value))
        else:
            conn.execute(update(settings_table).where(settings_table.c.key == key)
                         .values(value=value))


# Built once (every request reads them; building a statement costs more than running it).
_CURRENT_SEQ = select(sync_counter.c.seq).where(sync_counter.c.id == 1)
_META = select(server_meta.c.epoch, server_meta.c.tombstone_horizon_seq,
               server_meta.c.hlc).where(server_meta.c.id == 1)


def now_ms() -> int:
    return time.time_ns() // 1_000_000
