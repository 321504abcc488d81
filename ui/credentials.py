"""Where the sign-in token lives: the OS keyring, or (no keyring here) a private file.

The token is a bearer secret: whoever holds it can sync the rep's customers. The keyring
(Windows Credential Locker, macOS Keychain, the Secret Service on a Linux desktop) is the right
place. A headless or minimal Linux has no keyring (``keyring`` then picks its ``fail`` backend,
priority 0); the token then goes to ``token.json`` in the profile folder, readable only by this
user (mode 0600), and :attr:`TokenStore.warning` says so for the UI to show, permanently.
No plain-text place is ever used silently. Plain Python: called on worker threads.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

# Not app.keys' service name: that one holds the replica's encryption key.
SERVICE = "FieldSales sign-in"
FALLBACK_FILE = "token.json"


def _usable(ring: KeyringBackend) -> bool:
    """keyring's ``fail`` backend (and chainers with nothing inside) have priority <= 0."""
    try:
        return float(ring.priority) > 0
    except Exception:  # noqa: BLE001  # a backend whose priority check fails is unusable
        return False


class TokenStore:
    """Get, keep and forget the token of one profile (``folder``) in the keyring or a file.

    The keyring account is the profile folder's absolute path: one profile is one server and
    one user, and two profiles never share a token (a demo server's port changes every run).
    """

    def __init__(self, folder: Path, backend: KeyringBackend | None = None) -> None:
        self.folder = folder
        self.account = str(folder.resolve())
        self._ring = backend or keyring.get_keyring()
        self.secure = _usable(self._ring)

    @property
    def fallback_path(self) -> Path:
        return self.folder / FALLBACK_FILE

    @property
    def warning(self) -> str | None:
        """Plain words for the status bar when the token is not in a keyring (None if it is)."""
        if self.secure:
            return None
        return (f"No keyring on this computer: the sign-in token is kept in "
                f"{self.fallback_path} (readable only by you).")

    def get(self) -> str | None:
        if self.secure:
            try:
                return self._ring.get_password(SERVICE, self.account)
            except keyring.errors.KeyringError as exc:
                log.warning("keyring read failed: %s", exc)
                return None
        return self._read_file().get(self.account)

    def set(self, token: str) -> None:
        if self.secure:
            self._ring.set_password(SERVICE, self.account, token)
            return
        tokens = self._read_file()
        tokens[self.account] = token
        self._write_file(tokens)

    def delete(self) -> None:
        if self.secure:
            # Nothing stored means already signed out.
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                self._ring.delete_password(SERVICE, self.account)
        tokens = self._read_file()  # also a token left from a time without a keyring
        if tokens.pop(self.account, None) is not None:
            self._write_file(tokens)

    # -- the fallback file ---------------------------------------------------------------
    def _read_file(self) -> dict[str, str]:
        try:
            data = json.loads(self.fallback_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("unreadable token file %s: %s", self.fallback_path, exc)
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write_file(self, tokens: dict[str, str]) -> None:
        if not tokens:
            self.fallback_path.unlink(missing_ok=True)
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.fallback_path.with_suffix(".tmp")
        # Created 0600 from the start: never a moment where others could read the token.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(tokens, out)
        os.chmod(tmp, 0o600)  # an older tmp file may have had other bits
        os.replace(tmp, self.fallback_path)
