"""The sync wire protocol: versions, error codes and the JSON bodies both sides exchange.

Everything here is plain data (pydantic v2 models) so the server's OpenAPI description, the
client engine and the tests agree on one definition. Bodies travel as JSON encoded with orjson;
pull pages are large, so the server writes them by hand (see ``sync.server.pull``) in exactly the
shape of :class:`PullPage`, and the client reads them with orjson without building models.

Versioning: a request carries ``X-Sync-Protocol``. The server accepts ``[MIN_PROTOCOL,
MAX_PROTOCOL]``; an older client gets ``426`` with code ``upgrade_required`` and nothing is
applied. Within a major version, changes are additive only: unknown fields are ignored by both
sides, and pushes carry only changed fields, so an old client never blanks a newer column.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
MIN_PROTOCOL = 1
MAX_PROTOCOL = 1

PROTOCOL_HEADER = "X-Sync-Protocol"
APP_VERSION_HEADER = "X-App-Version"

MAX_PUSH_CHANGES = 500
MAX_PUSH_BYTES = 1_000_000
DEFAULT_PAGE_LIMIT = 2000
MAX_PAGE_LIMIT = 5000
# The server clamps HLC wall times further ahead of its own clock than this.
MAX_FUTURE_MS = 5 * 60 * 1000


class ErrorCode(StrEnum):
    """Stable codes in every error body; the UI translates by code."""

    INVALID = "invalid"  # 400/422: malformed request
    UNAUTHORIZED = "unauthorized"  # 401: no or unknown token, bad password, signed out
    TOKEN_EXPIRED = "token_expired"  # 401: renew with the refresh token, then retry
    WIPE = "wipe"  # 401: user or device revoked; the client must delete its replica
    FORBIDDEN = "forbidden"  # 403
    NOT_FOUND = "not_found"  # 404
    GAP = "gap"  # 409: client_seq jumped past last_client_seq + 1
    RESNAPSHOT_REQUIRED = "resnapshot_required"  # 410: epoch changed or cursor behind horizon
    TOO_LARGE = "too_large"  # 413
    UPGRADE_REQUIRED = "upgrade_required"  # 426: client protocol too old
    LOCKED = "locked"  # 429: account locked after failed sign-ins; params.retry_after_s
    RATE_LIMITED = "rate_limited"  # 429: too many failed sign-ins from this address
    INTERNAL = "internal"  # 500


Op = Literal["insert", "update", "delete", "restore"]
ConflictKind = Literal["field", "edit_after_delete", "edit_after_reassign", "rejected",
                       "duplicate"]


class _Model(BaseModel):
    # Additive evolution: unknown fields from a newer peer are ignored, never an error.
    model_config = ConfigDict(extra="ignore")


class ErrorBody(_Model):
    code: ErrorCode
    message: str
    params: dict[str, Any] = Field(default_factory=dict)


class Health(_Model):
    status: Literal["ok"] = "ok"
    version: str
    protocol_min: int = MIN_PROTOCOL
    protocol_max: int = MAX_PROTOCOL
    epoch: str


class LoginRequest(_Model):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)
    # The replica's id: registered as one of the user's devices.
    client_id: str | None = Field(default=None, max_length=64)
    device_name: str | None = Field(default=None, max_length=100)


class LoginResponse(_Model):
    token: str
    # Renews ``token`` (``POST /auth/refresh``) once it expires at ``expires_at``.
    refresh_token: str = ""
    expires_at: str = ""  # ISO-8601 UTC
    user_id: str
    username: str
    role: str
    team_id: str | None
    rep_code: str
    epoch: str
    protocol: int = PROTOCOL_VERSION
    protocol_min: int = MIN_PROTOCOL
    protocol_max: int = MAX_PROTOCOL
    server_version: str = ""


class RefreshRequest(_Model):
    refresh_token: str = Field(min_length=1, max_length=200)


class RefreshResponse(_Model):
    token: str
    refresh_token: str
    expires_at: str


class Change(_Model):
    """One outbox entry: only the changed fields, in wire form (decimals/dates as strings)."""

    client_seq: int = Field(ge=1)
    change_id: str = Field(min_length=1, max_length=64)
    entity: str = Field(min_length=1, max_length=40)
    id: str = Field(min_length=1, max_length=64)
    op: Op
    base_seq: int = Field(ge=0)
    hlc: str = Field(min_length=1, max_length=120)
    fields: dict[str, Any] = Field(default_factory=dict)


class PushRequest(_Model):
    client_id: str = Field(min_length=1, max_length=64)
    # The server epoch the client last synced with; lets a client re-base its client_seq after
    # the server was restored from a backup (see PROTOCOL.md, "Epochs").
    epoch: str | None = None
    # The client's wall clock when sending, so the server can report the skew.
    client_time_ms: int | None = None
    changes: list[Change] = Field(default_factory=list, max_length=MAX_PUSH_CHANGES)


class PushResponse(_Model):
    acked_client_seq: int
    high_seq: int
    server_hlc: str
    clock_skew_ms: int = 0
    epoch: str


class Put(_Model):
    """A full row as the server holds it (``d`` has every synced field except ``id``)."""

    e: str  # entity
    id: str
    s: int  # seq of the row's last change
    d: dict[str, Any]


class Checksum(_Model):
    """Count plus XOR of a 64-bit hash of ``(id, seq)`` over every row of a table in scope."""

    count: int
    xor: str  # 16 hex digits


class PullPage(_Model):
    epoch: str
    high_seq: int
    puts: list[Put] = Field(default_factory=list)
    scope_exit: list[str] = Field(default_factory=list)
    server_hlc: str
    next_cursor: str
    has_more: bool
    checksums: dict[str, Checksum] | None = None


def dumps(value: Any) -> bytes:
    """JSON bytes as both sides write them (orjson; non-str keys allowed)."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)


def loads(data: bytes | str) -> Any:
    return orjson.loads(data)


def protocol_supported(version: int) -> bool:
    return MIN_PROTOCOL <= version <= MAX_PROTOCOL
