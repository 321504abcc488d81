"""Accounts, passwords (argon2id) and revocable bearer tokens (stored as SHA-256 hashes).

A token that was never issued is ``unauthorized``; a token that was issued and then revoked
(logout, ``fieldsales-server user revoke``, a deactivated account) is ``wipe``: the laptop that
holds it deletes its replica on the next sync, which is what a lost laptop needs.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, insert, select, update

from sync.server.tables import accounts, tokens

# Interactive-login parameters (RFC 9106's second recommendation, lighter memory for a 2-core
# server that may run 200 logins at once).
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@dataclass(frozen=True)
class Principal:
    user_id: str
    username: str
    role: str  # rep | manager | admin
    team_id: str | None
    rep_code: str
    token_hash: str = ""


class AuthFailureError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _principal(row: object, token_hash: str = "") -> Principal:
    return Principal(user_id=row.id, username=row.username, role=row.role,  # type: ignore[attr-defined]
                     team_id=row.team_id, rep_code=row.rep_code,  # type: ignore[attr-defined]
                     token_hash=token_hash)


def login(conn: Connection, username: str, password: str,
          client_id: str | None) -> tuple[str, Principal]:
    row = conn.execute(select(accounts).where(accounts.c.username == username)).first()
    # Verify against a dummy hash when the user is unknown, so timing does not reveal names.
    stored = row.password_hash if row is not None else _DUMMY_HASH
    if not verify_password(stored, password) or row is None or not row.active:
        raise AuthFailureError("unauthorized", "wrong user name or password")
    token = secrets.token_urlsafe(32)
    digest = token_digest(token)
    conn.execute(insert(tokens).values(token_hash=digest, user_id=row.id, client_id=client_id,
                                       created_at=datetime.now(UTC)))
    return token, _principal(row, digest)


def authenticate(conn: Connection, token: str) -> Principal:
    digest = token_digest(token)
    row = conn.execute(
        select(accounts, tokens.c.revoked_at)
        .join(tokens, tokens.c.user_id == accounts.c.id)
        .where(tokens.c.token_hash == digest)).first()
    if row is None:
        raise AuthFailureError("unauthorized", "unknown token; please sign in")
    if row.revoked_at is not None or not row.active:
        raise AuthFailureError("wipe", "this device's access was revoked")
    return _principal(row, digest)


def revoke_token(conn: Connection, token_hash: str) -> None:
    conn.execute(update(tokens).where(tokens.c.token_hash == token_hash,
                                      tokens.c.revoked_at.is_(None))
                 .values(revoked_at=datetime.now(UTC)))


def revoke_user(conn: Connection, user_id: str) -> int:
    result = conn.execute(update(tokens).where(tokens.c.user_id == user_id,
                                               tokens.c.revoked_at.is_(None))
                          .values(revoked_at=datetime.now(UTC)))
    return int(result.rowcount or 0)


_DUMMY_HASH = hash_password("not a real password")
