"""Sync in the app, behind a small interface so the engine plugs in without touching screens.

:class:`SyncBackend` is what the controller needs from a sync engine; :class:`EngineBackend`
adapts :class:`sync.client.engine.SyncEngine` (when it is configured for this profile).
Without a backend the app is honestly offline: it still counts the changes waiting in the
outbox and the open conflicts. Syncs run on the network pool; progress comes back through
the task manager; a ``threading.Event`` cancels.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from app.db import Database
from ui.queries.status import LAST_SYNC_KEY, SyncStatus, sync_status
from ui.tasks import Pool, Progress, TaskManager

if TYPE_CHECKING:  # the engine is imported by the composition root, off the start-up path
    from sync.client.engine import SyncEngine

log = logging.getLogger(__name__)

AUTO_SYNC_MS = 5 * 60 * 1000
ONLINE_CHECK_MS = 30 * 1000


@dataclass(frozen=True)
class SyncOutcome:
    pushed: int
    pulled: int
    seconds: float


class SyncBackend(Protocol):
    def is_online(self) -> bool: ...

    def sync(self, cancel: threading.Event,
             on_progress: Callable[[str, int, int], None]) -> SyncOutcome: ...


class EngineBackend:
    """Adapts ``sync.client`` SyncEngine to :class:`SyncBackend` (worker threads only)."""

    def __init__(self, engine: SyncEngine) -> None:
        self._engine = engine

    @property
    def engine(self) -> SyncEngine:
        """The signed-in session's engine (other server calls, e.g. the catalog upload)."""
        return self._engine

    def is_online(self) -> bool:
        return bool(self._engine.is_online())

    def sync(self, cancel: threading.Event,
             on_progress: Callable[[str, int, int], None]) -> SyncOutcome:
        self._engine.on_progress = on_progress
        report = self._engine.sync(cancel)
        db = self._engine.db
        with db.transaction() as s:  # what the status bar shows as "last sync"
            db.set_meta(s, LAST_SYNC_KEY, datetime.now(UTC).isoformat())
        return SyncOutcome(report.pushed, report.pulled_rows, report.seconds)


class SyncController(QObject):
    """Signals:
        status_changed(object): new SyncStatus (pending changes, conflicts, last sync).
        online_changed(bool): connectivity changed.
        sync_started(), sync_progressed(str, int, int), sync_finished(object),
        sync_failed(object): one sync's life.
        signed_out(str): the server no longer accepts this device: ``"wiped"`` (revoked; the
            engine deleted the replica, which must not be touched again) or ``"unauthorized"``
            (the token is unknown: sign in again, the data stays).
    """

    status_changed = Signal(object)
    online_changed = Signal(bool)
    sync_started = Signal()
    sync_progressed = Signal(str, int, int)
    sync_finished = Signal(object)
    sync_failed = Signal(object)
    signed_out = Signal(str)

    def __init__(self, db: Database, tasks: TaskManager, backend: SyncBackend | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self.backend = backend
        self.online = False
        self.status = SyncStatus(0, 0, None)
        self.last_sync: datetime | None = None
        self._progress: Progress | None = None
        self._auto = QTimer(self)
        self._auto.setInterval(AUTO_SYNC_MS)
        self._auto.timeout.connect(self.sync_now)
        self._probe = QTimer(self)
        self._probe.setInterval(ONLINE_CHECK_MS)
        self._probe.timeout.connect(self.check_online)
        self._stopped_for_good = False  # the replica was wiped: never read it again

    def start(self) -> None:
        self.refresh_status()
        if self.backend is not None:
            self._auto.start()
            self._probe.start()
            self.check_online()

    def set_backend(self, backend: SyncBackend | None) -> None:
        self.backend = backend
        self.start()

    def stop(self) -> None:
        """No more automatic syncs or probes (the session is ending); cancels a running one."""
        self._auto.stop()
        self._probe.stop()
        self.cancel()
        self.backend = None

    @property
    def syncing(self) -> bool:
        return self._progress is not None

    def refresh_status(self) -> None:
        if self._stopped_for_good:
            return
        db = self._db
        self._tasks.read(lambda: sync_status(db), self._on_status)

    def _on_status(self, status: SyncStatus) -> None:
        self.status = status
        if status.last_sync is not None:
            self.last_sync = status.last_sync
        self.status_changed.emit(status)

    def check_online(self) -> None:
        backend = self.backend
        if backend is None:
            self._set_online(False)
            return
        self._tasks.submit(Pool.NETWORK, backend.is_online, self._on_online_checked,
                           lambda _exc: self._set_online(False))

    def _on_online_checked(self, online: bool) -> None:
        came_back = online and not self.online
        self._set_online(online)
        if came_back:
            self.sync_now()  # the network came back: push what waited

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def sync_now(self) -> None:
        backend = self.backend
        if backend is None or self._progress is not None:
            return
        tasks = self._tasks
        progress = Progress(lambda phase, done, total: tasks.call_in_ui(
            lambda: self.sync_progressed.emit(phase, done, total)))
        self._progress = progress
        self.sync_started.emit()
        self._tasks.submit(
            Pool.NETWORK, lambda: backend.sync(progress.cancelled, progress.report),
            self._on_synced, self._on_sync_failed)

    def cancel(self) -> None:
        if self._progress is not None:
            self._progress.cancel()

    def _on_synced(self, outcome: SyncOutcome) -> None:
        self._progress = None
        self.last_sync = datetime.now(UTC)
        self._set_online(True)
        self.sync_finished.emit(outcome)
        self.refresh_status()

    def _on_sync_failed(self, error: BaseException) -> None:
        self._progress = None
        log.warning("sync failed: %s", error)
        code = getattr(error, "code", "")
        if code == "offline":
            self._set_online(False)
        if code in ("wiped", "unauthorized"):
            self._stopped_for_good = code == "wiped"
            self.stop()
            self.sync_failed.emit(error)
            self.signed_out.emit(code)
            return
        self.sync_failed.emit(error)
        self.refresh_status()
