"""A signed-in session: the profile's replica, its sync engine and the token's safe place.

Plain Python, run on worker threads (sign-in and the demo's start talk to a server and write
the replica). The token the server hands out at sign-in goes to :class:`ui.credentials.
TokenStore` (the OS keyring) and is blanked in the replica's ``sync_meta``, where the engine
first writes it, so a copied replica file carries no credential.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from keyring.backend import KeyringBackend

from app.db import Database
from app.replica import open_replica, profile_dir
from sync.client.engine import K_ROLE, K_SERVER, K_TOKEN, K_USER, K_USERNAME, SyncEngine
from sync.client.errors import SyncError
from sync.transport import RequestsTransport
from ui.credentials import TokenStore
from ui.queries.status import user_by_name
from ui.services import CurrentUser

log = logging.getLogger(__name__)

REPLICA = "replica.db"
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

    @property
    def token_warning(self) -> str | None:
        return self.tokens.warning

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


def sign_in(url: str, username: str, password: str, *, root: Path | None = None,
            folder: Path | None = None, backend: KeyringBackend | None = None) -> Session:
    """Sign in and open (creating) the profile of this server + user. Raises SignInError for
    bad input, ``sync.client`` errors (AuthError, OfflineError, …) for what the server said;
    on failure nothing is changed but an empty replica may be left for the next try."""
    url = normalize_url(url)
    username = username.strip()
    if not username:
        raise SignInError("user", "Enter your user name.")
    if not password:
        raise SignInError("password", "Enter your password.")
    folder = folder or profile_dir(url, username, root)
    db = open_replica(folder / REPLICA)
    engine = SyncEngine(db, RequestsTransport(url), retries=LOGIN_RETRIES, backoff_s=0.1,
                        page_limit=PAGE_LIMIT)
    try:
        info = engine.login(url, username, password)
        tokens = TokenStore(folder, backend)
        _keep_token(engine, tokens)
    except BaseException:
        engine.transport.close()
        db.dispose()
        raise
    engine.retries = SYNC_RETRIES
    return Session(folder, db, engine, _user(db, info.user_id, info.username, info.role),
                   info.server_url, tokens)


def resume(folder: Path, *, backend: KeyringBackend | None = None,
           server_url: str | None = None) -> Session | None:
    """Reopen a profile signed in before (its token in the store); None if it is not.

    ``server_url`` overrides the stored address (the demo server's port changes every run).
    """
    if not (folder / REPLICA).exists():
        return None
    tokens = TokenStore(folder, backend)
    token = tokens.get()
    if not token:
        return None
    db = open_replica(folder / REPLICA)
    with db.reader() as s:
        meta = {key: db.meta(s, key) for key in (K_SERVER, K_USER, K_USERNAME, K_ROLE)}
    url = server_url or meta[K_SERVER]
    if not url or not meta[K_USER] or not meta[K_USERNAME]:
        db.dispose()
        return None
    engine = SyncEngine(db, RequestsTransport(url), retries=SYNC_RETRIES, page_limit=PAGE_LIMIT)
    use_token(engine, token)
    user = _user(db, meta[K_USER] or "", meta[K_USERNAME] or "", meta[K_ROLE] or "rep")
    return Session(folder, db, engine, user, url, tokens)


def sign_out(session: Session) -> None:
    """Revoke the token on the server (best effort) and forget it here; the replica stays."""
    try:
        session.engine.logout()
    except SyncError as exc:  # offline: the token is forgotten here anyway
        log.info("sign-out could not reach the server: %s", exc)
    session.tokens.delete()


def forget_wiped(folder: Path, backend: KeyringBackend | None = None) -> None:
    """After the server revoked this device (the engine deleted the replica): drop the token
    and whatever else the profile held, so the next sign-in starts clean."""
    TokenStore(folder, backend).delete()
    for leftover in folder.glob(f"{REPLICA}*"):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(folder / "cards", ignore_errors=True)
