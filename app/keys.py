"""The replica's encryption key: one random 256-bit key per profile.

Where the operating system offers a keyring (Windows Credential Locker, macOS Keychain, the
Secret Service on a Linux desktop) the key is generated at random and kept there, under the
service ``FieldSales`` and the profile folder's name. Where no keyring exists (a headless or
minimal Linux), the key is derived from the user's password with Argon2id, a memory-hard KDF, and
a random salt kept in the profile (``key.salt``, with the KDF parameters, so they can be raised
later without locking old profiles out).

There is no silent clear-text fallback: :func:`load_profile_key` either returns a key or raises
:class:`KeyUnavailableError`; an unencrypted replica only exists when the caller asks for
:meth:`ProfileKey.unencrypted` and the UI then shows :attr:`ProfileKey.warning`.
"""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import keyring
import keyring.errors
from argon2.low_level import Type, hash_secret_raw
from keyring.backend import KeyringBackend

from app.db import sqlcipher_module
from app.errors import StorageError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "FieldSales"
KEY_BYTES = 32
SALT_FILE = "key.salt"


class KeySource(StrEnum):
    KEYRING = "keyring"
    PASSWORD = "password"  # Argon2id over the user's password, no keyring on this machine
    NONE = "none"  # explicitly unencrypted: the UI must warn


class KeyUnavailableError(StorageError):
    """No key can be had without more input: ``code`` is ``password_required`` (no keyring on
    this machine: ask the user's password and call again), ``wrong_password`` (the password
    does not open this profile's data; nothing was changed) or ``keyring_failed``."""


WRONG_PASSWORD_MESSAGE = (
    "Wrong password for the data kept on this computer. It is locked with the password you "
    "used when you first signed in here. Nothing was changed.")


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters (RFC 9106's second recommended option: 64 MiB, 3 passes)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2


@dataclass(frozen=True)
class ProfileKey:
    """A replica key and where it came from. ``raw`` is None only for an explicit opt-out."""

    raw: bytes | None
    source: KeySource

    @property
    def encrypted(self) -> bool:
        return self.raw is not None

    @property
    def warning(self) -> str | None:
        """The sentence the UI shows permanently while the replica is stored in clear text."""
        if self.raw is None:
            return ("Encryption (SQLCipher) is not available on this computer: this profile's "
                    "data is stored unencrypted, and anyone with this computer's disk can read "
                    "your customers.")
        return None

    @classmethod
    def unencrypted(cls) -> ProfileKey:
        return cls(None, KeySource.NONE)

    def __repr__(self) -> str:  # never print a key into a log
        return f"ProfileKey(source={self.source.value!r}, encrypted={self.encrypted})"


def keyring_usable(backend: KeyringBackend | None = None) -> bool:
    """True when a real keyring backend exists (``keyring``'s fail backend has priority 0)."""
    ring = backend or keyring.get_keyring()
    try:
        return float(ring.priority) > 0
    except Exception:  # noqa: BLE001  # a backend whose priority check fails is unusable
        return False


def _account(profile: Path) -> str:
    return profile.name


def load_profile_key(
    profile: Path,
    *,
    password: str | None = None,
    backend: KeyringBackend | None = None,
    kdf: KdfParams | None = None,
) -> ProfileKey:
    """The profile's key: from the keyring (made on first use), else derived from ``password``.

    A profile that was once keyed by password stays so (its salt file decides), so a keyring
    appearing later never makes an existing replica unreadable.
    """
    salt_path = profile / SALT_FILE
    ring = backend or keyring.get_keyring()
    if not salt_path.exists() and keyring_usable(ring):
        return ProfileKey(_keyring_key(ring, _account(profile)), KeySource.KEYRING)
    if password is None:
        raise KeyUnavailableError(
            "password_required",
            message="no keyring on this computer: the password is needed to open the data",
        )
    return ProfileKey(derive_key(password, salt_path, kdf), KeySource.PASSWORD)


def profile_key(
    profile: Path,
    *,
    password: str | None = None,
    backend: KeyringBackend | None = None,
    kdf: KdfParams | None = None,
) -> ProfileKey:
    """The key the app opens ``profile`` with: :func:`load_profile_key`, or the explicit
    unencrypted key (whose :attr:`ProfileKey.warning` the UI shows) where SQLCipher is missing.
    """
    if sqlcipher_module() is None:
        log.warning("SQLCipher is not installed: profile %s stays unencrypted", profile.name)
        return ProfileKey.unencrypted()
    return load_profile_key(profile, password=password, backend=backend, kdf=kdf)


def needs_password(profile: Path, backend: KeyringBackend | None = None) -> bool:
    """True when opening ``profile`` needs the user's password (no keyring, or a profile that
    was keyed by password): the UI asks for it before opening."""
    ring = backend or keyring.get_keyring()
    return (profile / SALT_FILE).exists() or not keyring_usable(ring)


def _keyring_key(ring: KeyringBackend, account: str) -> bytes:
    try:
        stored = ring.get_password(KEYRING_SERVICE, account)
        if stored is None:
            key = secrets.token_bytes(KEY_BYTES)
            ring.set_password(KEYRING_SERVICE, account, key.hex())
            log.info("created a replica key in the keyring", extra={"account": account})
            return key
    except keyring.errors.KeyringError as exc:
        raise KeyUnavailableError("keyring_failed", message=f"keyring: {exc}") from exc
    try:
        key = bytes.fromhex(stored)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise KeyUnavailableError("keyring_failed", message="the keyring entry is not a key")
    return key


def derive_key(password: str, salt_path: Path, kdf: KdfParams | None = None) -> bytes:
    """Argon2id(password, salt); the salt file is made on first use and keeps the parameters."""
    if salt_path.exists():
        stored = json.loads(salt_path.read_text(encoding="utf-8"))
        salt = bytes.fromhex(stored["salt"])
        params = KdfParams(stored["time_cost"], stored["memory_kib"], stored["parallelism"])
    else:
        salt = secrets.token_bytes(16)
        params = kdf or KdfParams()
        salt_path.parent.mkdir(parents=True, exist_ok=True)
        salt_path.write_text(json.dumps({
            "kdf": "argon2id", "salt": salt.hex(), "time_cost": params.time_cost,
            "memory_kib": params.memory_kib, "parallelism": params.parallelism,
        }), encoding="utf-8")
    return hash_secret_raw(
        password.encode("utf-8"), salt, time_cost=params.time_cost,
        memory_cost=params.memory_kib, parallelism=params.parallelism,
        hash_len=KEY_BYTES, type=Type.ID,
    )


def forget_profile_key(profile: Path, backend: KeyringBackend | None = None) -> bool:
    """Delete the profile's keyring entry and salt file; True when anything was removed."""
    removed = False
    salt_path = profile / SALT_FILE
    if salt_path.exists():
        salt_path.unlink()
        removed = True
    ring = backend or keyring.get_keyring()
    if keyring_usable(ring):
        try:
            ring.delete_password(KEYRING_SERVICE, _account(profile))
            removed = True
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored for this profile
    return removed
