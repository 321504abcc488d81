"""Batch recognition: files in, queue entries out, one card at a time on the heavy pool.

Copying dropped files into the queue and reading them both happen on worker threads; the UI
thread only updates the progress bar. Cards are submitted one by one so Cancel takes effect
after the card being read (about a second); the rest stay ``pending`` in the queue and are
read again when the batch is resumed or the app starts next time.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.card_queue import CardEntry, CardQueue
from ui.scan.ocr_process import OcrProcess
from ui.scan.recognise import DEFAULT_LANG, recognise
from ui.tasks import Pool, TaskManager

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".gif",
                            ".heic", ".heif"})


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders become the images directly inside them (sorted)."""
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            result += sorted(p for p in path.iterdir()
                             if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
        else:
            result.append(path)
    return result


class BatchRunner(QObject):
    """Signals: ``progress(done, total)``, ``cardDone(entry_id)``, ``added(count)``,
    ``finished(cancelled)``."""

    progress = Signal(int, int)
    cardDone = Signal(str)  # noqa: N815 — Qt signal naming
    added = Signal(int)
    finished = Signal(bool)

    def __init__(self, queue: CardQueue, tasks: TaskManager, lang: str = DEFAULT_LANG,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.queue, self.tasks, self.lang = queue, tasks, lang
        self._todo: deque[str] = deque()
        self._known: set[str] = set()
        self._running = False
        self._cancelled = False
        self.done = 0
        self.total = 0
        self.ocr = OcrProcess()

    @property
    def running(self) -> bool:
        return self._running

    def add_paths(self, paths: list[Path]) -> None:
        """Copy files (and the images in folders) into the queue, then read them."""
        def work() -> list[CardEntry]:
            return [self.queue.add(p) for p in expand(paths)]

        self.tasks.submit(Pool.HEAVY, work, self._on_added)

    def _on_added(self, entries: list[CardEntry]) -> None:
        self.added.emit(len(entries))
        for entry in entries:
            if entry.status != "pending":
                self.cardDone.emit(entry.id)  # an error entry: show it at once
        self.enqueue([e.id for e in entries if e.status == "pending"])

    def resume(self) -> None:
        """Read every card still pending in the queue (after a restart or a cancel)."""
        self.tasks.submit(Pool.READER, self.queue.pending,
                          lambda entries: self.enqueue([e.id for e in entries]))

    def enqueue(self, entry_ids: list[str]) -> None:
        if not self._running:
            self.done, self.total, self._cancelled = 0, 0, False
            self._known.clear()
        # resume() and a drop can name the same card: read it once per run.
        fresh = [i for i in entry_ids if i not in self._known]
        if not fresh:
            return
        self._known.update(fresh)
        self._todo.extend(fresh)
        self.total += len(fresh)
        self.progress.emit(self.done, self.total)
        if not self._running:
            self._running = True
            self._submit_next()

    def cancel(self) -> None:
        self._cancelled = True
        self._todo.clear()

    def shutdown(self) -> None:
        """Cancel, and stop the OCR process once the card being read is done (from the
        heavy pool, behind that card, so the UI thread does not wait for it)."""
        self.cancel()
        self.tasks.submit(Pool.HEAVY, self.ocr.shutdown, lambda _r: None)

    def _submit_next(self) -> None:
        if not self._todo:
            self._running = False
            self.finished.emit(self._cancelled)
            return
        entry_id = self._todo.popleft()
        self.tasks.submit(Pool.HEAVY,
                          lambda: recognise(self.queue, entry_id, self.lang, self.ocr.scan),
                          self._on_card, self._on_failed)

    def _on_card(self, entry: CardEntry) -> None:
        self.done += 1
        self.progress.emit(self.done, self.total)
        self.cardDone.emit(entry.id)
        self._submit_next()

    def _on_failed(self, error: BaseException) -> None:
        # recognise() records bad cards itself; this is e.g. a card removed meanwhile.
        _ = error
        self.done += 1
        self.progress.emit(self.done, self.total)
        self._submit_next()
