"""A signed-in session: the profile's replica, its sync engine and the token's safe place.

Plain Python, run on worker threads (sign-in and the demo's start talk to a server and write
the replica). The token the server hands out at sign-in goes to :class:`ui.credentials.
TokenStore` (the OS keyring) and is blanked in the replica's ``sync_meta``, where the engine
first writes it, so a copied replica file carries no credential.

The replica is encrypted (SQLCipher) with the profile's key: from the OS keyring, or, on a
computer without one, derived from the user's password (the sign-in password at sign-in; asked
again by the unlock dialog when the app starts). A wipe ordered by the server removes the
profile's files and its key (:func:`app.wipe.wipe_profile`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from keyring.backend import KeyringBackend

from app.db import Database
from app.keys import SALT_FILE, ProfileKey
from app.replica import REPLICA_FILE, open_profile_replica, profile_dir
from app.wipe import shred_file_family, wipe_profile
from sync.client.engine import K_ROLE, K_SERVER, K_TOKEN, K_USER, K_USERNAME, SyncEngine
from sync.client.errors import SyncError
from sync.transport import RequestsTransport
from ui.credentials import TokenStore
from ui.queries.status import user_by_name
from ui.services import CurrentUser

log = logging.getLogger(__name__)

REPLICA = REPLICA_FILE
# Sign-in answers fast or says why: one retry, not the engine's five with backoff.
LOGIN_RETRIES = 1
SYNC_RETRIES = 5
# Records per pull page. Parsing a page (orjson) holds the GIL: 2 000-record pages froze the UI
# thread ~150 ms each; 400 keep each parse to a few ms (prefetch hides the extra round trips).
PAGE_LIMIT = 400


class SignInError(Exception):
    """Bad input for sign-in (before any network): ``code`` says which field."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Session:
    folder: Path
    db: Database
    engine: SyncEngine
    user: CurrentUser
    server_url: str
    tokens: TokenStore
    key: ProfileKey

    @property
    def token_warning(self) -> str | None:
        return self.tokens.warning

    @property
    def storage_warning(self) -> str | None:
        """Set only where SQLCipher is missing and the replica is stored unencrypted."""
        return self.key.warning

    def refresh_user(self) -> None:
        """Pick up the display name once the first sync brought the users table."""
        u = self.user
        self.user = _user(self.db, u.id or "", u.username, u.role)

    def close(self) -> None:
        """Release the replica and the HTTP session (the replica may already be wiped)."""
        self.engine.transport.close()
        self.db.dispose()


def normalize_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url:
        raise SignInError("server", "Enter the server address.")
    if "://" not in url:
        url = "https://" + url
    if not url.startswith(("http://", "https://")) or len(url.split("://", 1)[1]) == 0:
        raise SignInError("server", "The server address must start with http:// or https://.")
    return url


def use_token(engine: SyncEngine, token: str) -> None:
    """Hand the engine a token kept outside the replica.

    WORKAROUND: SyncEngine reads its token from ``sync_meta`` and has no public way to be given
    one (asked for: a ``token`` argument or setter); its cache ``_token`` is what it uses.
    """
    engine._token = token


def _user(db: Database, user_id: str, username: str, role: str) -> CurrentUser:
    found = user_by_name(db, username)
    display = found[1] if found is not None else username
    return CurrentUser(user_id, username, display, role)


def _keep_token(engine: SyncEngine, tokens: TokenStore) -> None:
    """Move the token the engine just stored in ``sync_meta`` to the token store."""
    token = engine.token or ""
    tokens.set(token)
    with engine.db.transaction() as s:
        engine.db.set_meta(s, K_TOKEN, "")
    use_token(engine, token)


def _wiper(backend: KeyringBackend | None) -> Callable[[Path], None]:
    """The engine's ``on_wipe``: after it shredded the replica, remove the rest of the profile
    (attachments, salt) and the key in the keyring, even if the UI never gets to run."""
    def wipe(replica: Path) -> None:
        wipe_profile(replica.parent, backend=backend)
    return wipe


def _engine(db: Database, url: str, backend: KeyringBackend | None, retries: int,
            backoff_s: float = 0.2) -> SyncEngine:
    return SyncEngine(db, RequestsTransport(url), retries=retries, backoff_s=backoff_s,
                      page_limit=PAGE_LIMIT, on_wipe=_wiper(backend))


def _undo_new_replica(folder: Path, *, remove_salt: bool) -> None:
    """Remove what a failed first sign-in created: the replica (keyed with a password the
    server did not accept) and the salt it made. A keyring key is random and stays."""
    shred_file_family(folder / REPLICA)
    if remove_salt:
        (folder / SALT_FILE).unlink(missing_ok=True)


def sign_in(url: str, username: str, password: str, *, root: Path | None = None,
            folder: Path | None = None, backend: KeyringBackend | None = None) -> Session:
    """Sign in and open (creating) the profile of this server + user. Raises SignInError for
    bad input, ``sync.client`` errors (AuthError, OfflineError, …) for what the server said,
    KeyUnavailableError (``wrong_password``) when the password does not open the data kept
    here. A replica this attempt created is removed again when it fails: otherwise a mistyped
    first password would become the key of the data."""
    url = normalize_url(url)
    username = username.strip()
    if not username:
        raise SignInError("user", "Enter your user name.")
    if not password:
        raise SignInError("password", "Enter your password.")
    folder = folder or profile_dir(url, username, root)
    had_replica, had_salt = (folder / REPLICA).exists(), (folder / SALT_FILE).exists()
    db, key = open_profile_replica(folder, password=password, backend=backend)
    engine = _engine(db, url, backend, LOGIN_RETRIES, backoff_s=0.1)
    try:
        info = engine.login(url, username, password)
        tokens = TokenStore(folder, backend)
        _keep_token(engine, tokens)
    except BaseException:
        engine.transport.close()
        db.dispose()
        if not had_replica:
            _undo_new_replica(folder, remove_salt=not had_salt)
        raise
    engine.retries = SYNC_RETRIES
    return Session(folder, db, engine, _user(db, info.user_id, info.username, info.role),
                   info.server_url, tokens, key)


def resume(folder: Path, *, backend: KeyringBackend | None = None,
           server_url: str | None = None, password: str | None = None) -> Session | None:
    """Reopen a profile signed in before (its token in the store); None if it is not.

    ``server_url`` overrides the stored address (the demo server's port changes every run).
    Without a keyring the data's key is derived from ``password``: KeyUnavailableError
    ``password_required`` asks for it, ``wrong_password`` says it did not open the data.
    """
    if not (folder / REPLICA).exists():
        return None
    tokens = TokenStore(folder, backend)
    token = tokens.get()
    if not token:
        return None
    db, key = open_profile_replica(folder, password=password, backend=backend)
    with db.reader() as s:
        meta = {key: db.meta(s, key) for key in (K_SERVER, K_USER, K_USERNAME, K_ROLE)}
    url = server_url or meta[K_SERVER]
    if not url or not meta[K_USER] or not meta[K_USERNAME]:
        db.dispose()
        return None
    engine = _engine(db, url, backend, SYNC_RETRIES)
    use_token(engine, token)
    user = _user(db, meta[K_USER] or "", meta[K_USERNAME] or "", meta[K_ROLE] or "rep")
    return Session(folder, db, engine, user, url, tokens, key)


def sign_out(session: Session) -> None:
    """Revoke the token on the server (best effort) and forget it here; the replica stays."""
    try:
        session.engine.logout()
    except SyncError as exc:  # offline: the token is forgotten here anyway
        log.info("sign-out could not reach the server: %s", exc)
    session.tokens.delete()


def forget_wiped(folder: Path, backend: KeyringBackend | None = None) -> None:
    """After the server revoked this device (the engine deleted the replica): drop the token
    and whatever else the profile held (attachments, salt, the key in the keyring), so the
    next sign-in starts clean. Safe when the engine's ``on_wipe`` already did most of it."""
    TokenStore(folder, backend).delete()
    wipe_profile(folder, backend=backend)
