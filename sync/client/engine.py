"""The client sync engine. Run ``sync()`` on a worker thread, never on the UI thread.

One cycle:

1. push the outbox in ``client_seq`` order, 500 changes / ~1 MB per request, until it is empty;
   outbox rows up to the acknowledged seq are deleted in one transaction;
2. pull pages until ``has_more`` is false, each page applied with its cursor in one SQLite
   transaction (see :mod:`sync.client.apply`), so an interrupted pull resumes where it stopped;
   the next page is downloaded on a helper thread while the current one is applied;
3. verify the per-table checksums of the last page; a mismatching table is re-snapshotted alone.

``410 resnapshot_required`` (server restored from a backup, or this replica was offline past the
tombstone horizon): the outbox has already been pushed, then the whole scope is downloaded again,
overwriting rows, and rows the server no longer has are dropped, never rows with pending edits.
The re-snapshot flag is stored first, so a crash midway simply restarts it.

Network errors and 5xx are retried with exponential backoff and full jitter. An expired access
token (``401 token_expired``) is renewed with the stored refresh token and the request repeated.
``401 wipe`` (the user or this device was revoked, also answered to a login from a revoked
device) deletes the replica file, the profile's card/PDF folders and, through ``on_wipe``, its
key; the engine then raises :class:`~sync.client.errors.WipedError` for the UI to show.
"""

from __future__ import annotations

import logging
import random
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.db import Database
from app.entities import ENTITIES
from app.models import OutboxEntry, SyncMeta
from app.version import app_version as current_app_version
from app.wipe import shred_file_family
from sync import faults
from sync.client.apply import (
    apply_puts,
    clear_outbox_upto,
    drop_unseen,
    local_checksums,
    pending_keys,
    purge_customers,
)
from sync.client.errors import (
    AuthError,
    OfflineError,
    ServerError,
    SyncCancelledError,
    SyncError,
    UpgradeRequiredError,
    WipedError,
)
from sync.protocol import (
    APP_VERSION_HEADER,
    MAX_PUSH_BYTES,
    MAX_PUSH_CHANGES,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    dumps,
    loads,
)
from sync.transport import HttpResponse, Transport, TransportError

log = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]

# Folders inside a profile that hold customer data besides the replica (wiped with it).
PROFILE_DATA_DIRS = ("cards", "pdfs", "quotes", "attachments")

# sync_meta keys
K_SERVER = "server_url"
K_TOKEN = "token"
K_USER = "user_id"
K_USERNAME = "username"
K_ROLE = "role"
K_CURSOR = "pull_cursor"
K_EPOCH = "server_epoch"
K_ACKED = "acked_client_seq"
K_HLC = "hlc"
K_RESNAPSHOT = "resnapshot"
K_REFRESH = "refresh_token"
K_TOKEN_EXPIRES = "token_expires_at"
K_VERIFIED = "verified_at"
# Ask the server for checksums at most this often (seconds); snapshots always carry them.
VERIFY_EVERY_S = 15 * 60


@dataclass(frozen=True)
class SessionInfo:
    server_url: str
    user_id: str
    username: str
    role: str
    team_id: str | None
    rep_code: str


@dataclass
class SyncReport:
    pushed: int = 0
    acked_client_seq: int = 0
    pulled_rows: int = 0
    pages: int = 0
    scope_exits: int = 0
    resnapshot: bool = False
    resnapshot_tables: list[str] = field(default_factory=list)
    checksums_ok: bool | None = None
    clock_skew_ms: int = 0
    seconds: float = 0.0


class SyncEngine:
    """Syncs one replica with one server. Not thread-safe: one sync at a time per replica."""

    def __init__(self, db: Database, transport: Transport, *,
                 on_progress: ProgressCallback | None = None, retries: int = 5,
                 backoff_s: float = 0.2, max_backoff_s: float = 10.0,
                 page_limit: int | None = None, app_version: str | None = None,
                 protocol: int = PROTOCOL_VERSION,
                 sleep: Callable[[float], None] = time.sleep,
                 on_wipe: Callable[[Path], None] | None = None,
                 device_name: str | None = None) -> None:
        self.db = db
        self.transport = transport
        self.on_progress = on_progress
        self.retries = retries
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.page_limit = page_limit
        self.app_version = app_version or current_app_version()
        self.protocol = protocol
        self._sleep = sleep
        self.on_wipe = on_wipe
        self.device_name = device_name or socket.gethostname()[:100]
        self._token: str | None = None
        self._renew_lock = threading.Lock()
        if not transport.base_url:
            stored = self._meta(K_SERVER)
            if stored:
                transport.base_url = stored

    # -- meta helpers -----------------------------------------------------------------
    def _meta_all(self) -> dict[str, str]:
        with self.db.reader() as s:
            return {str(k): str(v) for k, v in s.execute(select(SyncMeta.key, SyncMeta.value))}

    def _meta(self, key: str) -> str | None:
        with self.db.reader() as s:
            return self.db.meta(s, key)

    def _set_meta(self, **values: str) -> None:
        with self.db.transaction() as s:
            for key, value in values.items():
                self.db.set_meta(s, key, value)

    @property
    def token(self) -> str | None:
        if self._token is None:
            self._token = self._meta(K_TOKEN)
        return self._token

    # -- HTTP -------------------------------------------------------------------------
    def _headers(self, auth: bool = True) -> dict[str, str]:
        headers = {PROTOCOL_HEADER: str(self.protocol), APP_VERSION_HEADER: self.app_version}
        if auth:
            if not self.token:
                raise AuthError("not signed in")
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def _progress(self, phase: str, done: int, total: int) -> None:
        if self.on_progress is not None:
            self.on_progress(phase, done, total)

    def request(self, method: str, path: str, *, body: Any = None,
                cancel: threading.Event | None = None) -> HttpResponse:
        """An authenticated request to one of the server's other endpoints (e.g. the catalog
        upload), with the sync's token renewal, retries, and wipe/sign-in handling."""
        return self._call(method, path, body=body, cancel=cancel)

    def _call(self, method: str, path: str, *, body: Any = None,
              params: Mapping[str, str] | None = None, auth: bool = True,
              cancel: threading.Event | None = None) -> HttpResponse:
        """One request with retries on network errors and 5xx; handles 401/426/429 centrally
        and renews an expired access token once (then repeats the request)."""
        payload = None if body is None else dumps(body)
        attempt = 0
        renewed = False
        while True:
            if cancel is not None and cancel.is_set():
                raise SyncCancelledError("sync cancelled")
            used = self.token if auth else None
            try:
                resp = self.transport.request(method, path, body=payload, params=params,
                                              headers=self._headers(auth))
            except TransportError as exc:
                failure: Exception = exc
            else:
                if resp.status < 500:
                    try:
                        return self._check(resp)
                    except _ExpiredSignal:
                        if renewed:
                            raise AuthError("the session could not be renewed; sign in again",
                                            code="unauthorized") from None
                        self._renew(used)
                        renewed = True
                        continue
                failure = ServerError(f"server error {resp.status}")
            attempt += 1
            if attempt > self.retries:
                if isinstance(failure, ServerError):
                    raise failure
                raise OfflineError(f"cannot reach the server: {failure}") from failure
            delay = min(self.max_backoff_s, self.backoff_s * 2 ** (attempt - 1))
            delay = random.uniform(0, delay)  # full jitter
            log.info("retrying %s %s in %.2fs after %s", method, path, delay, failure)
            self._sleep(delay)

    def _check(self, resp: HttpResponse) -> HttpResponse:
        if resp.status in (401, 426, 429):
            body = _error_body(resp)
            message = str(body.get("message") or "")
            if resp.status == 426:
                raise UpgradeRequiredError(message or "please update FieldSales")
            code = body.get("code")
            if code == "wipe":
                raise _WipeSignal
            if code == "token_expired":
                raise _ExpiredSignal
            if resp.status == 429:
                raise AuthError(message or "too many attempts; try again later",
                                code=str(code or "rate_limited"))
            raise AuthError(message or "sign in again")
        return resp

    def _renew(self, used: str | None) -> None:
        """Trade the refresh token for a new access token (once, even if the page prefetch
        thread found the token expired at the same moment)."""
        with self._renew_lock:
            if self._token and used and self._token != used:
                return  # another thread already renewed it
            refresh = self._meta(K_REFRESH)
            if not refresh:
                raise AuthError("session expired; sign in again")
            resp = self._call("POST", "/auth/refresh", auth=False,
                              body={"refresh_token": refresh})
            if resp.status != 200:
                raise AuthError(str(_error_body(resp).get("message") or "sign in again"))
            data = loads(resp.body)
            self._store_session(data)

    def _store_session(self, data: dict[str, Any]) -> None:
        self._token = str(data["token"])
        self._set_meta(**{K_TOKEN: self._token, K_REFRESH: str(data.get("refresh_token", "")),
                          K_TOKEN_EXPIRES: str(data.get("expires_at", ""))})

    # -- session ----------------------------------------------------------------------
    def login(self, base_url: str, username: str, password: str) -> SessionInfo:
        self.transport.base_url = base_url.rstrip("/")
        try:
            resp = self._call("POST", "/auth/login", auth=False, body={
                "username": username, "password": password, "client_id": self.db.client_id,
                "device_name": self.device_name})
        except _WipeSignal:
            self.wipe()
            raise WipedError("this device was revoked by the server; local data removed",
                             ) from None
        if resp.status != 200:
            raise AuthError(str(_error_body(resp).get("message") or "login failed"))
        data = loads(resp.body)
        self._token = str(data["token"])
        with self.db.transaction() as s:
            stored_server = self.db.meta(s, K_SERVER)
            stored_epoch = self.db.meta(s, K_EPOCH)
            for key, value in ((K_SERVER, self.transport.base_url), (K_TOKEN, self._token),
                               (K_REFRESH, data.get("refresh_token", "")),
                               (K_TOKEN_EXPIRES, data.get("expires_at", "")),
                               (K_USER, data["user_id"]), (K_USERNAME, data["username"]),
                               (K_ROLE, data["role"])):
                self.db.set_meta(s, key, str(value))
            if stored_server not in (None, self.transport.base_url) or \
                    stored_epoch not in (None, data["epoch"]):
                self.db.set_meta(s, K_RESNAPSHOT, "all")
        return SessionInfo(server_url=self.transport.base_url, user_id=str(data["user_id"]),
                           username=str(data["username"]), role=str(data["role"]),
                           team_id=data.get("team_id"), rep_code=str(data["rep_code"]))

    def logout(self) -> None:
        if self.token:
            try:
                self._call("POST", "/auth/logout")
            except (SyncError, _WipeSignal):
                log.info("logout could not reach the server (or the token was revoked)")
        with self.db.transaction() as s:
            self.db.set_meta(s, K_TOKEN, "")
            self.db.set_meta(s, K_REFRESH, "")
        self._token = ""

    def is_online(self, timeout: float = 2.0) -> bool:
        """A cheap probe of ``/health`` (no retries)."""
        try:
            resp = self.transport.request("GET", "/health", timeout=timeout)
        except TransportError:
            return False
        return resp.status == 200

    def wipe(self) -> None:
        """Delete the replica and the profile's data folders (a revoked, maybe lost, laptop)."""
        path = self.db.path
        self.db.dispose()
        shred_file_family(path)  # with its WAL, pre-migration backups, set-aside copies
        for name in PROFILE_DATA_DIRS:
            shutil.rmtree(path.parent / name, ignore_errors=True)
        if self.on_wipe is not None:
            self.on_wipe(path)  # e.g. forget the replica's key in the keyring
        log.warning("replica wiped after the server revoked this device")

    # -- the cycle --------------------------------------------------------------------
    def sync(self, cancel: threading.Event | None = None, *,
             verify: bool | None = None) -> SyncReport:
        """One cycle; ``verify`` forces (or skips) checksum verification this time."""
        started = time.perf_counter()
        report = SyncReport()
        try:
            self._push(report, cancel)
            pending_resnapshot = self._meta(K_RESNAPSHOT)
            if pending_resnapshot:
                self._resnapshot(report, cancel, None)
            else:
                self._pull(report, cancel, verify)
        except _WipeSignal:
            self.wipe()
            raise WipedError(
                "this device was signed out by the server; local data removed") from None
        report.seconds = time.perf_counter() - started
        return report

    def _observe(self, server_hlc: str | None, session: Any) -> None:
        """Merge the server's HLC into ours; persisted in the caller's transaction."""
        if server_hlc:
            stamp = self.db.hlc.observe(server_hlc).encode()
            self.db.set_meta(session, K_HLC, stamp)

    def _push(self, report: SyncReport, cancel: threading.Event | None) -> None:
        total = self._outbox_count()
        done = 0
        while total:
            if cancel is not None and cancel.is_set():
                raise SyncCancelledError("sync cancelled")
            meta = self._meta_all()
            changes = self._outbox_batch()
            if not changes:
                break
            body = {"client_id": self.db.client_id, "epoch": meta.get(K_EPOCH),
                    "client_time_ms": int(self.db.clock.now().timestamp() * 1000),
                    "changes": changes}
            resp = self._call("POST", "/sync/v1/push", body=body, cancel=cancel)
            if resp.status == 409:
                expected = int(_error_body(resp).get("params", {}).get("expected", 0))
                self._on_gap(expected, changes[0]["client_seq"])
                continue
            if resp.status != 200:
                raise ServerError(f"push failed: {resp.status} {_error_body(resp)}")
            data = loads(resp.body)
            acked = int(data["acked_client_seq"])
            faults.reach("push.after_response_before_outbox_delete")
            with self.db.transaction() as s:
                removed = clear_outbox_upto(s.connection(), acked)
                self.db.set_meta(s, K_ACKED, str(acked))
                self._observe(data.get("server_hlc"), s)
            report.pushed += removed
            report.acked_client_seq = acked
            report.clock_skew_ms = int(data.get("clock_skew_ms", 0))
            done += removed
            self._progress("push", done, max(total, done))
            if removed == 0:
                raise ServerError("the server acknowledged nothing; giving up this cycle")

    def _on_gap(self, expected: int, first: int) -> None:
        if expected > first:  # the server already has some of these: drop them
            with self.db.transaction() as s:
                clear_outbox_upto(s.connection(), expected - 1)
            return
        # The server lost acknowledged changes (restored from a backup): re-base our numbering.
        log.warning("server expects client_seq %s but outbox starts at %s; re-basing",
                    expected, first)
        self._set_meta(**{K_EPOCH: "rebase"})

    def _outbox_count(self) -> int:
        with self.db.reader() as s:
            return int(s.scalar(select(func.count()).select_from(OutboxEntry)) or 0)

    def _outbox_batch(self) -> list[dict[str, Any]]:
        with self.db.reader() as s:
            rows = s.execute(select(OutboxEntry).order_by(OutboxEntry.client_seq)
                             .limit(MAX_PUSH_CHANGES)).scalars().all()
            changes: list[dict[str, Any]] = []
            size = 200
            for row in rows:
                change = {"client_seq": row.client_seq, "change_id": row.change_id,
                          "entity": row.entity, "id": row.entity_id, "op": row.op,
                          "base_seq": row.base_seq, "hlc": row.hlc, "fields": row.fields or {}}
                size += len(dumps(change))
                if changes and size > MAX_PUSH_BYTES * 0.9:
                    break
                changes.append(change)
            return changes

    def _get_page(self, params: dict[str, str],
                  cancel: threading.Event | None) -> dict[str, Any] | None:
        if self.page_limit:
            params["limit"] = str(self.page_limit)
        resp = self._call("GET", "/sync/v1/pull", params=params, cancel=cancel)
        if resp.status == 410:
            return None
        if resp.status != 200:
            raise ServerError(f"pull failed: {resp.status} {_error_body(resp)}")
        page: dict[str, Any] = loads(resp.body)
        return page

    def _pages(self, params: dict[str, str], cancel: threading.Event | None,
               verify: bool = False) -> Iterator[dict[str, Any] | None]:
        """Pages of one pull session; the next page is fetched while this one is applied."""
        if verify:
            params = {**params, "verify": "true"}
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-prefetch") as pool:
            future = pool.submit(self._get_page, params, cancel)
            while True:
                page = future.result()
                if page is not None and page["has_more"]:
                    nxt = {"cursor": page["next_cursor"]}
                    if verify:
                        nxt["verify"] = "true"
                    future = pool.submit(self._get_page, nxt, cancel)
                yield page
                if page is None or not page["has_more"]:
                    return

    def _apply(self, page: dict[str, Any], *, force: bool, seen: set[tuple[str, str]] | None,
               save_cursor: bool, me: str | None, cursor: str | None = None) -> int:
        if not page["puts"] and not page.get("scope_exit") and \
                page["next_cursor"] == cursor and not force:
            if page.get("server_hlc"):
                self.db.hlc.observe(page["server_hlc"])
            return 0  # nothing changed: no write transaction at all
        with self.db.transaction() as s:
            conn = s.connection()
            conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            if page.get("scope_exit"):
                purge_customers(conn, page["scope_exit"], me)
            pending = pending_keys(conn)
            written = apply_puts(conn, page["puts"], force=force, pending=pending)
            if seen is not None:
                seen.update((p["e"], p["id"]) for p in page["puts"])
            if save_cursor:
                self.db.set_meta(s, K_CURSOR, page["next_cursor"])
                self.db.set_meta(s, K_EPOCH, page["epoch"])
            self._observe(page.get("server_hlc"), s)
            faults.reach("pull.after_apply_before_commit")
        return written

    def _pull(self, report: SyncReport, cancel: threading.Event | None,
              verify: bool | None = None) -> None:
        meta = self._meta_all()
        me = meta.get(K_USER)
        if verify is None:
            verify = time.time() - float(meta.get(K_VERIFIED) or 0) > VERIFY_EVERY_S
        for round_no in range(3):
            cursor = meta.get(K_CURSOR) if round_no == 0 else self._meta(K_CURSOR)
            page: dict[str, Any] | None = None
            for page in self._pages({"cursor": cursor} if cursor else {}, cancel, verify):
                if page is None:
                    break
                report.pulled_rows += self._apply(page, force=False, seen=None,
                                                  save_cursor=True, me=me, cursor=cursor)
                cursor = page["next_cursor"]
                report.pages += 1
                report.scope_exits += len(page.get("scope_exit") or [])
                self._progress("pull", report.pulled_rows, 0)
            if page is None:
                self._resnapshot(report, cancel, None)
                return
            checksums = page.get("checksums")
            if checksums is None:
                if not verify or not page["puts"]:
                    return  # not asked for, or nothing changed since the last pull
                continue  # rows changed while we paged: one more round verifies
            bad = self._verify(checksums)
            report.checksums_ok = not bad
            self._set_meta(**{K_VERIFIED: str(time.time())})
            if bad:
                log.warning("checksum mismatch in %s; re-snapshotting those tables", bad)
                report.resnapshot_tables.extend(bad)
                self._resnapshot(report, cancel, bad)
            return

    def _verify(self, checksums: dict[str, Any]) -> list[str]:
        with self.db.reader() as s:
            local = local_checksums(s.connection(), checksums)
        return sorted(name for name, value in checksums.items()
                      if name in local and local[name] != (int(value["count"]), value["xor"]))

    def _resnapshot(self, report: SyncReport, cancel: threading.Event | None,
                    entities: list[str] | None) -> None:
        """Download the scope (or some tables) again, overwriting, then drop what is gone."""
        if entities is None:
            report.resnapshot = True
            self._set_meta(**{K_RESNAPSHOT: "all"})
            self._push(report, cancel)  # nothing unsynced is ever discarded
        seen: set[tuple[str, str]] = set()
        params = {"snapshot": ",".join(entities)} if entities else {}
        page: dict[str, Any] | None = None
        for page in self._pages(params, cancel):
            if page is None:
                raise ServerError("the server asked for a re-snapshot during a re-snapshot")
            report.pulled_rows += self._apply(page, force=True, seen=seen,
                                              save_cursor=entities is None,
                                              me=self._meta(K_USER))
            report.pages += 1
            self._progress("pull", report.pulled_rows, 0)
        assert page is not None
        with self.db.transaction() as s:
            conn = s.connection()
            conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            drop_unseen(conn, entities or list(ENTITIES), seen, pending_keys(conn))
            if entities is None:
                self.db.set_meta(s, K_RESNAPSHOT, "")
        checksums = page.get("checksums")
        if checksums:
            report.checksums_ok = not self._verify(checksums)


class _WipeSignal(Exception):  # noqa: N818 - internal signal, never escapes the engine
    """401 wipe seen (maybe on the prefetch thread); the engine wipes on its own thread."""


class _ExpiredSignal(Exception):  # noqa: N818 - internal signal, never escapes the engine
    """401 token_expired: renew the access token and repeat the request."""


def _error_body(resp: HttpResponse) -> dict[str, Any]:
    try:
        body = loads(resp.body)
    except ValueError:
        return {"message": resp.body[:200].decode(errors="replace")}
    return body if isinstance(body, dict) else {}
