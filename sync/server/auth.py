"""Accounts, passwords (argon2id), sessions and devices.

**Passwords** are hashed with argon2id, ``time_cost=2, memory_cost=19 MiB, parallelism=1``: the
OWASP minimum for argon2id (RFC 9106's memory-constrained profile), about 25 ms per login here,
so 200 reps signing in at once do not exhaust a 2-core server. The hash string carries its
parameters, so raising them later only affects new hashes (``needs_rehash`` upgrades a hash at
the next successful login).

**Sessions**: login returns an access token (``Settings.token_ttl_s``) and a refresh token
(``Settings.refresh_ttl_s``, renewed at each refresh). Both are 32 random bytes; only their
SHA-256 digests are stored, so a database leak yields no usable token, and a lookup by digest
needs no constant-time comparison (the attacker never controls the compared bytes). Refresh
issues a new access token on a new row and moves the refresh token to it; the old access token
lives out its short life (a lost refresh response costs nothing).

**Devices**: every login names the replica's ``client_id``; it is registered in ``clients`` (the
per-user device list). ``revoke_device`` and ``revoke_user`` revoke the tokens *and* the
devices: the next request with such a token, or a login from such a device, answers ``401
wipe`` and the laptop deletes its replica. Logging out or refreshing revokes a token without a
wipe (``unauthorized`` / ``token_expired``).

**Lock-out**: ``Settings.login_max_failures`` failed logins in a row lock the account for
``Settings.lockout_s`` (stored, so it holds across restarts and workers); an address with too
many failures in a window gets ``429`` (in memory: :class:`FailureWindow`).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, bindparam, insert, select, update

from sync.server.settings import Settings
from sync.server.tables import accounts, clients, tokens

_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)

# Revocation reasons that mean "this laptop must forget everything".
WIPE_REASONS = frozenset({"user", "device", "disabled"})


@dataclass(frozen=True)
class Principal:
    user_id: str
    username: str
    role: str  # rep | manager | admin
    team_id: str | None
    rep_code: str
    token_hash: str = ""
    client_id: str | None = None


@dataclass(frozen=True)
class Session:
    token: str
    refresh_token: str
    expires_at: datetime
    principal: Principal


class AuthFailureError(Exception):
    """``code``: unauthorized | token_expired | wipe | locked | rate_limited."""

    def __init__(self, code: str, message: str, retry_after_s: int = 0) -> None:
        super().__init__(message)
        self.code = code
        self.retry_after_s = retry_after_s


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _principal(row: Any, token_hash: str = "", client_id: str | None = None) -> Principal:
    return Principal(user_id=row.id, username=row.username, role=row.role,
                     team_id=row.team_id, rep_code=row.rep_code, token_hash=token_hash,
                     client_id=client_id)


# -- login ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class LoginOutcome:
    """What a login attempt did; the caller commits it and then raises ``error`` if any
    (a failed attempt must still be counted, so it cannot roll back)."""

    session: Session | None
    error: AuthFailureError | None
    user_id: str | None


def login(conn: Connection, settings: Settings, username: str, password: str,
          client_id: str | None, device_name: str | None = None) -> LoginOutcome:
    now = _now()
    row = conn.execute(select(accounts).where(accounts.c.username == username)
                       .with_for_update()).first()
    locked_until = _aware(row.locked_until) if row is not None else None
    if row is not None and locked_until is not None and locked_until > now:
        wait = int((locked_until - now).total_seconds()) + 1
        return LoginOutcome(None, AuthFailureError(
            "locked", "too many failed sign-ins; try again later", wait), row.id)
    # Verify against a dummy hash when the user is unknown, so timing does not reveal names.
    stored = row.password_hash if row is not None else _DUMMY_HASH
    if not verify_password(stored, password) or row is None or not row.active:
        if row is not None:
            _count_failure(conn, settings, row, now)
        return LoginOutcome(None, AuthFailureError(
            "unauthorized", "wrong user name or password"), row.id if row else None)
    if client_id and _device_revoked(conn, client_id):
        return LoginOutcome(None, AuthFailureError(
            "wipe", "this device's access was revoked"), row.id)
    values: dict[str, Any] = {"failed_logins": 0, "locked_until": None}
    if _HASHER.check_needs_rehash(stored):
        values["password_hash"] = hash_password(password)
    conn.execute(update(accounts).where(accounts.c.id == row.id).values(**values))
    if client_id:
        register_device(conn, client_id, row.id, device_name, now)
    session = _issue(conn, settings, row, client_id, now)
    return LoginOutcome(session, None, row.id)


def _count_failure(conn: Connection, settings: Settings, row: Any, now: datetime) -> None:
    failures = int(row.failed_logins or 0) + 1
    values: dict[str, Any] = {"failed_logins": failures}
    if failures >= settings.login_max_failures:
        values["locked_until"] = now + timedelta(seconds=settings.lockout_s)
        values["failed_logins"] = 0
    conn.execute(update(accounts).where(accounts.c.id == row.id).values(**values))


def _device_revoked(conn: Connection, client_id: str) -> bool:
    revoked = conn.execute(select(clients.c.revoked_at)
                           .where(clients.c.client_id == client_id)).first()
    return revoked is not None and revoked[0] is not None


def register_device(conn: Connection, client_id: str, user_id: str, device_name: str | None,
                    now: datetime) -> None:
    """Add the device to the user's list (or note that it was seen)."""
    found = conn.execute(select(clients.c.user_id).where(clients.c.client_id == client_id)
                         ).first()
    if found is None:
        conn.execute(insert(clients).values(
            client_id=client_id, user_id=user_id, last_client_seq=0, last_pull_seq=0,
            created_at=now, last_seen_at=now, device_name=device_name))
    elif found[0] == user_id:
        values: dict[str, Any] = {"last_seen_at": now}
        if device_name:
            values["device_name"] = device_name
        conn.execute(update(clients).where(clients.c.client_id == client_id).values(**values))


def _issue(conn: Connection, settings: Settings, row: Any, client_id: str | None,
           now: datetime, refresh: str | None = None) -> Session:
    token = secrets.token_urlsafe(32)
    refresh = refresh or secrets.token_urlsafe(32)
    digest = token_digest(token)
    expires = now + timedelta(seconds=settings.token_ttl_s)
    conn.execute(insert(tokens).values(
        token_hash=digest, user_id=row.id, client_id=client_id, created_at=now,
        expires_at=expires, refresh_hash=token_digest(refresh),
        refresh_expires_at=now + timedelta(seconds=settings.refresh_ttl_s)))
    return Session(token, refresh, expires, _principal(row, digest, client_id))


def refresh(conn: Connection, settings: Settings, refresh_token: str) -> Session:
    """A new access token for a valid refresh token (which moves to the new row)."""
    now = _now()
    digest = token_digest(refresh_token)
    found = conn.execute(
        select(accounts, tokens.c.token_hash, tokens.c.client_id, tokens.c.revoked_at,
               tokens.c.revoke_reason, tokens.c.refresh_expires_at)
        .join(tokens, tokens.c.user_id == accounts.c.id)
        .where(tokens.c.refresh_hash == digest).with_for_update()).first()
    if found is None:
        raise AuthFailureError("unauthorized", "unknown session; please sign in")
    if _wipes(found.revoke_reason, found.active) or (
            found.client_id and _device_revoked(conn, found.client_id)):
        raise AuthFailureError("wipe", "this device's access was revoked")
    expires = _aware(found.refresh_expires_at)
    if found.revoked_at is not None or expires is None or expires <= now:
        raise AuthFailureError("unauthorized", "session expired; please sign in")
    conn.execute(update(tokens).where(tokens.c.token_hash == found.token_hash)
                 .values(refresh_hash=None, refresh_expires_at=None))
    return _issue(conn, settings, found, found.client_id, now, refresh_token)


def _wipes(reason: str | None, active: Any) -> bool:
    return reason in WIPE_REASONS or not active


# Built once: every request runs it, and building a joined select costs more than running it.
_AUTHENTICATE = (
    select(accounts, tokens.c.revoked_at, tokens.c.revoke_reason, tokens.c.expires_at,
           tokens.c.client_id, clients.c.revoked_at.label("device_revoked_at"))
    .join(tokens, tokens.c.user_id == accounts.c.id)
    .outerjoin(clients, clients.c.client_id == tokens.c.client_id)
    .where(tokens.c.token_hash == bindparam("digest")))


def authenticate(conn: Connection, token: str) -> Principal:
    """The principal of a bearer token, or :class:`AuthFailureError` saying what to do."""
    digest = token_digest(token)
    row = conn.execute(_AUTHENTICATE, {"digest": digest}).first()
    if row is None:
        raise AuthFailureError("unauthorized", "unknown token; please sign in")
    if _wipes(row.revoke_reason, row.active) or row.device_revoked_at is not None:
        raise AuthFailureError("wipe", "this device's access was revoked")
    if row.revoked_at is not None:
        raise AuthFailureError("unauthorized", "signed out; please sign in")
    expires = _aware(row.expires_at)
    if expires is not None and expires <= _now():
        raise AuthFailureError("token_expired", "session expired; renew it")
    return _principal(row, digest, row.client_id)


# -- revocation ----------------------------------------------------------------------------
def revoke_token(conn: Connection, token_hash: str, reason: str = "logout") -> None:
    conn.execute(update(tokens).where(tokens.c.token_hash == token_hash,
                                      tokens.c.revoked_at.is_(None))
                 .values(revoked_at=_now(), revoke_reason=reason, refresh_hash=None))


def revoke_user(conn: Connection, user_id: str, reason: str = "user") -> int:
    """Revoke every token and device of the user: each of their laptops wipes."""
    now = _now()
    result = conn.execute(update(tokens).where(tokens.c.user_id == user_id,
                                               tokens.c.revoked_at.is_(None))
                          .values(revoked_at=now, revoke_reason=reason))
    conn.execute(update(tokens).where(tokens.c.user_id == user_id)
                 .values(revoke_reason=reason, refresh_hash=None))
    conn.execute(update(clients).where(clients.c.user_id == user_id,
                                       clients.c.revoked_at.is_(None)).values(revoked_at=now))
    return int(result.rowcount or 0)


def revoke_device(conn: Connection, client_id: str) -> int:
    """Revoke one device and its tokens; returns how many tokens were live."""
    now = _now()
    conn.execute(update(clients).where(clients.c.client_id == client_id,
                                       clients.c.revoked_at.is_(None)).values(revoked_at=now))
    result = conn.execute(update(tokens).where(tokens.c.client_id == client_id,
                                               tokens.c.revoked_at.is_(None))
                          .values(revoked_at=now, revoke_reason="device"))
    conn.execute(update(tokens).where(tokens.c.client_id == client_id)
                 .values(revoke_reason="device", refresh_hash=None))
    return int(result.rowcount or 0)


# -- failures per address ------------------------------------------------------------------
class FailureWindow:
    """Failed logins per client address in a sliding window (one process's memory: enough
    to slow a guesser; the per-account lock-out is the stored, authoritative limit)."""

    def __init__(self, max_failures: int, window_s: float) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque[float]:
        times = self._seen.setdefault(key, deque())
        while times and times[0] <= now - self.window_s:
            times.popleft()
        return times

    def retry_after(self, key: str) -> int:
        """Seconds until ``key`` may try again (0: now)."""
        now = time.monotonic()
        with self._lock:
            times = self._prune(key, now)
            if len(times) < self.max_failures:
                return 0
            return int(times[0] + self.window_s - now) + 1

    def failed(self, key: str) -> None:
        with self._lock:
            self._prune(key, time.monotonic()).append(time.monotonic())
            if len(self._seen) > 10_000:  # forget idle addresses; bounded memory
                for stale in [k for k, v in self._seen.items() if not v][:5000]:
                    del self._seen[stale]


_DUMMY_HASH = hash_password("not a real password")
