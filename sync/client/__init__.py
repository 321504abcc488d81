"""The client sync engine: push the outbox, pull the feed, verify, all on a worker thread."""

from sync.client.engine import SessionInfo, SyncEngine, SyncReport
from sync.client.errors import (
    AuthError,
    OfflineError,
    ServerError,
    SyncError,
    UpgradeRequiredError,
    WipedError,
)

__all__ = ["AuthError", "OfflineError", "ServerError", "SessionInfo", "SyncEngine", "SyncError",
           "SyncReport", "UpgradeRequiredError", "WipedError"]
