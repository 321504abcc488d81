"""Server settings: where the database is, how pages are sized, sessions and login limits.

Built by the CLI (from its options) or by a test. Every security limit lives here, so an
operator can see them in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from sync.protocol import DEFAULT_PAGE_LIMIT, MAX_PUSH_BYTES


@dataclass(frozen=True)
class Settings:
    # A SQLAlchemy URL: ``sqlite:///path/server.db`` (default) or ``postgresql+psycopg://…``.
    db_url: str = "sqlite:///fieldsales-server.db"
    page_limit: int = DEFAULT_PAGE_LIMIT
    # gzip level for responses; 1 is nearly as small as 6 for JSON and several times cheaper.
    gzip_level: int = 1
    # Threads that run the (synchronous) handlers. One process holds one GIL: past a dozen
    # threads, more only lengthen the queue for it, and a thread that holds the seq counter's
    # row lock then waits for the GIL while every other push waits for the lock (measured: 40
    # threads gave p95 2.2 s for 200 reps, 12 threads a fraction of it).
    worker_threads: int = 12
    # Connection pool for PostgreSQL: one connection per handler thread, kept open (an
    # overflow connection is opened and closed per request, which cost 4% of the CPU).
    pool_size: int = 14
    max_overflow: int = 4
    json_logs: bool = True
    # -- sessions -------------------------------------------------------------------------
    # An access token lives this long; the client renews it with its refresh token, which
    # lives ``refresh_ttl_s`` from the last renewal (a laptop offline for longer signs in again;
    # its outbox is kept).
    token_ttl_s: int = 60 * 60
    refresh_ttl_s: int = 30 * 24 * 60 * 60
    # -- login limits ---------------------------------------------------------------------
    # After this many failed logins in a row an account is locked for ``lockout_s``.
    login_max_failures: int = 5
    lockout_s: int = 15 * 60
    # Failed logins allowed from one address per window; beyond it: 429 until it slides.
    ip_max_failures: int = 20
    ip_window_s: int = 5 * 60
    # -- requests -------------------------------------------------------------------------
    # Largest request body, as sent and after gunzip (a push is at most 1 MB of JSON).
    max_body_bytes: int = 2 * MAX_PUSH_BYTES
    # -- the shared pool ------------------------------------------------------------------
    # How often the server process returns due customers to the pool (sync.server.pool.
    # recycle); 0 turns the in-process timer off (run ``fieldsales-server pool recycle`` from
    # cron instead, e.g. with several workers behind a balancer).
    pool_recycle_interval_s: int = 300
