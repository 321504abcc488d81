"""OCR in a separate process, driven from the heavy worker thread.

Reading a card is mostly Python and numpy. In a thread of the app's own process it competes
with the UI thread for the GIL, and on a loaded two-core laptop a descheduled OCR thread that
holds the GIL stalls the UI for well over 100 ms. In a child process it cannot; a crash in a
native image library on a hostile file also takes down only the child, and that card gets an
error while the batch goes on. No Qt here: the child imports only this module and ``ocr``.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

log = logging.getLogger(__name__)

Outcome = tuple[dict[str, Any] | None, str | None]  # (fields, error code: ocr.errors)


def scan_to_dict(path: str, lang: str) -> Outcome:
    """Read one card (in the child process); bad input is an outcome, not an exception."""
    from ocr import OcrError, scan_card
    from ui.scan.fields import fields_to_dict

    try:
        return fields_to_dict(scan_card(path, lang)), None
    except OcrError as exc:  # the code, not the English text: the UI words it (ui/errors.py)
        return None, exc.code


class OcrProcess:
    """One long-lived child process (started on first use, replaced if it dies)."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def scan(self, path: str, lang: str) -> Outcome:
        with self._lock:
            if self._pool is None:
                # spawn, never fork: forking a process that runs Qt threads is unsafe.
                self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            pool = self._pool
        try:
            return pool.submit(scan_to_dict, path, lang).result()
        except BrokenProcessPool:
            log.error("the OCR process died reading %s", path)
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            return None, "reading this card crashed the card reader"

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
