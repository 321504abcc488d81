"""Card images and generated PDFs kept by the app, encrypted like the replica.

They live in ``<profile>/attachments.db``, a second SQLCipher database opened with the
replica's key (a plain SQLite file only when the profile is explicitly unencrypted). Keeping
them in a database rather than as files gives them the same encryption, atomic writes and a
single thing for :mod:`app.wipe` to remove; a separate file keeps the replica small and its
schema (and migrations) free of blobs. A contact's ``card_image`` holds the attachment's name.

Each call opens and closes its own connection (cheap: the raw key skips SQLCipher's KDF), so
the store can be used from any worker thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.db import connect_raw, dbapi_errors, storage_error
from app.errors import NotFoundError
from app.replica import encrypt_replica, is_plain_sqlite

ATTACHMENTS_FILE = "attachments.db"
CARD = "card"
PDF = "pdf"

_SCHEMA = """CREATE TABLE IF NOT EXISTS attachments (
    kind TEXT NOT NULL, name TEXT NOT NULL, media_type TEXT NOT NULL, data BLOB NOT NULL,
    created_at TEXT NOT NULL, PRIMARY KEY (kind, name))"""


class AttachmentStore:
    """Named blobs per kind (``card``, ``pdf``) in the profile's encrypted attachments file."""

    def __init__(self, profile: Path, key: bytes | None) -> None:
        self.path = profile / ATTACHMENTS_FILE
        self._key = key
        if key is not None and self.path.exists() and is_plain_sqlite(self.path):
            encrypt_replica(self.path, key)  # a profile that just turned encryption on
        with self._connection() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)

    @property
    def encrypted(self) -> bool:
        return self._key is not None

    def __repr__(self) -> str:
        return f"AttachmentStore({str(self.path)!r}, encrypted={self.encrypted})"

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = connect_raw(self.path, self._key)
        try:
            with conn:  # commit on success, roll back on error
                yield conn
        except dbapi_errors() as exc:
            raise storage_error(exc) from exc
        finally:
            conn.close()

    def put(self, kind: str, name: str, data: bytes, media_type: str) -> str:
        """Store (or replace) ``data`` under ``kind``/``name``; returns ``name``."""
        with self._connection() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO attachments VALUES (?, ?, ?, ?, ?)",
                (kind, name, media_type, data, datetime.now(UTC).isoformat()),
            )
        return name

    def get(self, kind: str, name: str) -> tuple[bytes, str]:
        """The bytes and media type stored under ``kind``/``name``."""
        with self._connection() as conn:
            row = conn.execute(
                "SELECT data, media_type FROM attachments WHERE kind = ? AND name = ?",
                (kind, name),
            ).fetchone()
        if row is None:
            raise NotFoundError("attachment_not_found", kind=kind, name=name)
        return bytes(row[0]), str(row[1])

    def delete(self, kind: str, name: str) -> bool:
        with self._connection() as conn:
            cursor = conn.execute(
                "DELETE FROM attachments WHERE kind = ? AND name = ?", (kind, name))
            return bool(cursor.rowcount)

    def names(self, kind: str) -> list[str]:
        with self._connection() as conn:
            return [r[0] for r in conn.execute(
                "SELECT name FROM attachments WHERE kind = ? ORDER BY name", (kind,))]
