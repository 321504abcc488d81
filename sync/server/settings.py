"""Server settings: where the database is and how pages are sized. Built by the CLI or a test."""

from __future__ import annotations

from dataclasses import dataclass

from sync.protocol import DEFAULT_PAGE_LIMIT


@dataclass(frozen=True)
class Settings:
    # A SQLAlchemy URL: ``sqlite:///path/server.db`` (default) or ``postgresql+psycopg://…``.
    db_url: str = "sqlite:///fieldsales-server.db"
    page_limit: int = DEFAULT_PAGE_LIMIT
    # gzip level for responses; 1 is nearly as small as 6 for JSON and several times cheaper.
    gzip_level: int = 1
    # Connection pool for PostgreSQL (SQLite uses one writer and a few readers).
    pool_size: int = 10
    max_overflow: int = 30
    json_logs: bool = True
