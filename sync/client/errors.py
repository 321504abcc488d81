"""What a sync can fail with; each carries a stable ``code`` for the UI to translate."""

from __future__ import annotations


class SyncError(Exception):
    code = "sync_failed"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class OfflineError(SyncError):
    """The server could not be reached (after retries)."""

    code = "offline"


class ServerError(SyncError):
    """The server kept failing (5xx) after retries, or answered something unexpected."""

    code = "server_error"


class AuthError(SyncError):
    """Not signed in, or the password was wrong."""

    code = "unauthorized"


class UpgradeRequiredError(SyncError):
    """This app is too old for the server (HTTP 426); nothing was applied."""

    code = "upgrade_required"


class WipedError(SyncError):
    """The server revoked this device; the replica and the profile's files were deleted."""

    code = "wiped"


class SyncCancelledError(SyncError):
    code = "cancelled"
