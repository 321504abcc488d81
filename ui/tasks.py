"""Executors chosen on purpose, and the bridge that brings results back to the UI thread.

The UI thread only draws. Blocking work goes to one of four executors:

* ``writer``: a single thread for database writes (SQLite has one writer);
* ``reader``: two threads for database reads (WAL lets them run beside the writer);
* ``network``: a small pool for HTTP (sync, login, connectivity checks);
* ``heavy``: one thread for OCR and PDF rendering (this is a 2-core laptop).

Results come back through a Qt signal emitted from the worker thread, which Qt queues to the
GUI thread; so callbacks run on the UI thread under any Qt event loop (qasync in the app,
plain ``QApplication`` in pytest-qt). ``run_async`` is the same thing for ``async def`` code.
Progress and cancellation are plain Python (:class:`Progress`); the UI marshals them here.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from enum import Enum
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")
ErrorHandler = Callable[[BaseException], None]
_Payload = tuple["Future[Any]", Callable[[Any], None], ErrorHandler | None]


class Pool(Enum):
    WRITER = "writer"
    READER = "reader"
    NETWORK = "network"
    HEAVY = "heavy"


class Progress:
    """Passed to a long job: ``report()`` from the worker, ``cancel()`` from the UI."""

    def __init__(self, on_report: Callable[[str, int, int], None] | None = None) -> None:
        self.cancelled = threading.Event()
        self._on_report = on_report

    def report(self, phase: str, done: int, total: int) -> None:
        if self._on_report is not None:
            self._on_report(phase, done, total)

    def cancel(self) -> None:
        self.cancelled.set()


class _Bridge(QObject):
    # No payload: PySide6 6.12 corrupted reference counts of Python objects carried by queued
    # cross-thread signals here (none_dealloc / bool_dealloc aborts under load), so results
    # travel through a thread-safe deque and the signal only says "something is ready".
    ready = Signal()


class TaskManager(QObject):
    """Runs blocking calls off the UI thread and delivers their results on it.

    Signals:
        failed(BaseException): a task failed and its caller gave no error handler.
        idle(): the last pending task finished.
    """

    failed = Signal(object)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools = {
            Pool.WRITER: ThreadPoolExecutor(1, "db-writer"),
            Pool.READER: ThreadPoolExecutor(2, "db-reader"),
            Pool.NETWORK: ThreadPoolExecutor(3, "network"),
            Pool.HEAVY: ThreadPoolExecutor(1, "ocr-pdf"),
        }
        self._pending = 0
        self._closing = False  # set by shutdown(): no new work, no idle signal
        self._lock = threading.Lock()
        self._done: deque[_Payload] = deque()
        self._bridge = _Bridge()
        self._bridge.ready.connect(self._on_bridge_ready)

    # -- callback style --------------------------------------------------------------------
    def read(self, fn: Callable[[], T], on_done: Callable[[T], None],
             on_error: ErrorHandler | None = None) -> Future[T]:
        return self.submit(Pool.READER, fn, on_done, on_error)

    def write(self, fn: Callable[[], T], on_done: Callable[[T], None],
              on_error: ErrorHandler | None = None) -> Future[T]:
        return self.submit(Pool.WRITER, fn, on_done, on_error)

    def submit(self, pool: Pool, fn: Callable[[], T], on_done: Callable[[T], None],
               on_error: ErrorHandler | None = None) -> Future[T]:
        """Run ``fn`` on ``pool``; then ``on_done(result)`` or ``on_error(exc)`` on the UI
        thread. After shutdown() the call is dropped: its future comes back cancelled."""
        if self._closing:
            dropped: Future[T] = Future()
            dropped.cancel()
            return dropped
        with self._lock:
            self._pending += 1
        future = self._pools[pool].submit(fn)
        future.add_done_callback(lambda f: self._post((f, on_done, on_error)))
        return future

    def _post(self, payload: _Payload) -> None:
        self._done.append(payload)  # deque.append is thread-safe
        self._bridge.ready.emit()

    def _on_bridge_ready(self) -> None:
        while self._done:
            self._deliver(self._done.popleft())

    def call_in_ui(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the UI thread (safe to call from any thread, e.g. a progress callback)."""
        done: Future[None] = Future()
        done.set_result(None)
        with self._lock:
            self._pending += 1
        self._post((done, lambda _r: fn(), None))

    def _deliver(self, payload: _Payload) -> None:
        future, on_done, on_error = payload
        try:
            if future.cancelled():
                return
            exc = future.exception()
            if exc is not None:
                if on_error is not None and _alive(on_error):
                    on_error(exc)
                elif on_error is None:
                    self.failed.emit(exc)
                return
            if _alive(on_done):
                on_done(future.result())
        finally:
            with self._lock:
                self._pending -= 1
                now_idle = self._pending == 0
            if now_idle and not self._closing:
                self.idle.emit()

    # -- async style (qasync) --------------------------------------------------------------
    async def run_async(self, pool: Pool, fn: Callable[[], T]) -> T:
        """Await ``fn()`` run on ``pool`` (for ``async def`` code driven by qasync)."""
        with self._lock:
            self._pending += 1
        try:
            return await asyncio.wrap_future(self._pools[pool].submit(fn))
        finally:
            with self._lock:
                self._pending -= 1

    # -- waiting (screenshots, tests, shutdown) ---------------------------------------------
    @property
    def pending(self) -> int:
        return self._pending

    def wait_idle(self, timeout_s: float = 10.0) -> bool:
        """Process events until no task is pending (screenshots and tests; never in handlers)."""
        deadline = time.monotonic() + timeout_s
        quiet_rounds = 0
        while time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if self._pending == 0:
                quiet_rounds += 1
                if quiet_rounds >= 3:  # a delivered result may schedule follow-up work
                    return True
            else:
                quiet_rounds = 0
            time.sleep(0.005)
        return False

    def shutdown(self) -> None:
        # Cancelling queued futures delivers them at once; an idle handler reacting to that
        # (e.g. warming up a page) must not submit to an executor that is shutting down.
        self._closing = True
        for pool in self._pools.values():
            pool.shutdown(wait=True, cancel_futures=True)


def _alive(callback: Callable[..., Any]) -> bool:
    """False when the callback is bound to a Qt object whose C++ side is gone."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)
