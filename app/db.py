"""The local replica: one SQLite file per profile, opened with the PRAGMAs we rely on.

WAL lets the UI read while a worker writes; ``foreign_keys`` keeps children attached;
``busy_timeout`` turns brief lock contention into waiting instead of errors. Every write goes
through :meth:`Database.transaction`, which turns the environment's failures (disk full, file
locked, not a database) into :class:`~app.errors.StorageError` with a stable code.

With a key, the file is a SQLCipher database (AES-256 pages, the WAL encrypted too): the engine
gets its connections from :func:`connect_raw`, which sets ``PRAGMA key`` before any other
statement and proves the key right by reading the schema, so a wrong key is one clear
``wrong_key`` error instead of "file is not a database" somewhere later. ``module=`` hands
SQLAlchemy SQLCipher's DB-API module, so its exceptions are wrapped like sqlite3's.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
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
    cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL is durable across app crashes
    cursor.close()


WRONG_KEY_MESSAGE = "wrong key or not a FieldSales replica"
# SQLite's page cache per connection (default 2 MiB). An encrypted replica needs it most: the
# OS file cache holds only ciphertext, so every page SQLite's own cache misses is decrypted and
# authenticated again; 16 MiB keeps a replica's hot pages (FTS index, customer list) decrypted.
# Plain replicas get the same, so the two are compared like for like.
CACHE_KIB = 16 * 1024
# Page authentication: HMAC-SHA256 instead of SQLCipher 4's default SHA512. Both are far beyond
# brute force for a 256-bit key; SHA-256 has CPU instructions (SHA-NI, ARMv8 SHA2) where SHA-512
# mostly has not: ~8 % less CPU for a write-and-scan workload here (bench/bench_crypto.py).
HMAC_ALGORITHM = "HMAC_SHA256"


def sqlcipher_module() -> ModuleType | None:
    """SQLCipher's DB-API module, or None where it cannot be had (the UI then warns)."""
    try:
        from sqlcipher3 import dbapi2  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        return None
    module: ModuleType = dbapi2
    return module


_quiet = False


def require_sqlcipher() -> ModuleType:
    """SQLCipher's module, set up for this process (quiet, our HMAC); StorageError
    ``encryption_unavailable`` where it is missing."""
    global _quiet
    module = sqlcipher_module()
    if module is None:
        raise StorageError("encryption_unavailable",
                           message="SQLCipher is not installed: the replica cannot be encrypted")
    if not _quiet:
        # SQLCipher logs every failed page decryption to stderr (a wrong key prints three
        # lines); we report those as StorageError ourselves. The setting is process-wide.
        probe = module.connect(":memory:")
        probe.execute("PRAGMA cipher_log_level = NONE")
        # Also process-wide: databases ATTACHed with a KEY (sqlcipher_export) get it too.
        probe.execute(f"PRAGMA cipher_default_hmac_algorithm = {HMAC_ALGORITHM}")
        probe.close()
        _quiet = True
    return module


def dbapi_errors() -> tuple[type[Exception], ...]:
    """The DB-API error bases of sqlite3 and (when present) SQLCipher: unrelated classes."""
    module = sqlcipher_module()
    errors: tuple[type[Exception], ...] = (sqlite3.Error,)
    return errors if module is None else (*errors, module.Error)


def connect_raw(path: Path | str, key: bytes | None = None, *, readonly: bool = False) -> Any:
    """A DB-API connection on ``path``: plain sqlite3, or SQLCipher keyed with ``key``.

    The raw 32-byte key is given as a blob literal (``x'…'``), which skips SQLCipher's own
    PBKDF2 on every connect: our key is already random (or Argon2id-derived). ``readonly``
    opens without the right to change a byte (for inspecting a file that may not be ours).
    """
    target = Path(path).absolute().as_uri() + "?mode=ro" if readonly else str(path)
    if key is None:
        plain = sqlite3.connect(target, check_same_thread=False, uri=readonly)
        plain.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        return plain
    module = require_sqlcipher()
    conn = module.connect(target, check_same_thread=False, uri=readonly)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute(f"PRAGMA cipher_hmac_algorithm = {HMAC_ALGORITHM}")
        # The key is only checked when a page is read: read one now.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError as exc:
        conn.close()
        raise StorageError("wrong_key", path=str(path), message=WRONG_KEY_MESSAGE) from exc
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return conn


def make_engine(path: Path | str, key: bytes | None = None) -> Engine:
    """An engine on a SQLite file (``:memory:`` is refused: a replica is always a real file);
    with ``key``, an encrypted SQLCipher file."""
    if key is None:
        engine = create_engine(f"sqlite:///{path}", future=True)
    else:
        engine = create_engine(
            f"sqlite:///{path}", future=True, module=require_sqlcipher(),
            creator=lambda: connect_raw(path, key),
        )
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
    detail = str(exc.args[0] if exc.args else exc)
    if code == "disk_full":
        return StorageError(code, detail=detail, message=(
            "disk full: the change was not saved; free some disk space and try again"))
    return StorageError(code, message=detail)


class Database:
    """An open replica: engine, sessions, the replica's identity and its hybrid clock."""

    def __init__(
        self,
        path: Path | str,
        clock: Clock | None = None,
        engine: Engine | None = None,
        *,
        key: bytes | None = None,
    ) -> None:
        self.path = Path(path)
        self.clock = clock or SystemClock()
        self.key = key
        self.engine = engine or make_engine(self.path, key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._client_id: str | None = None
        self._hlc: HybridClock | None = None

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def __repr__(self) -> str:  # keep the key out of logs and tracebacks
        return f"Database({str(self.path)!r}, encrypted={self.encrypted})"

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
        except dbapi_errors() as exc:
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
