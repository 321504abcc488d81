"""Scan cards: drop photos or a folder, or use the webcam; cards are read in the background
into the persistent review queue (``<profile>/card-queue``) and reviewed one by one.

OCR runs on the heavy pool and database work on the reader/writer pools: the UI thread only
draws. The queue outlives the app, so a batch interrupted by closing the laptop resumes at
the next start: cards not read yet are read again, reviewed ones are gone, the rest wait.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.attachments import AttachmentStore
from app.card_queue import CardEntry, CardQueue
from app.services.cards import CardService
from ui.scan.batch import IMAGE_SUFFIXES, BatchRunner
from ui.scan.camera import CameraDialog, cameras
from ui.scan.queue_list import QueueList
from ui.scan.recognise import DEFAULT_LANG
from ui.scan.review import ReviewDialog
from ui.services import AppServices
from ui.tasks import Pool, TaskManager
from ui.widgets.common import Card, EmptyState, page_header

QUEUE_FOLDER = "card-queue"
CARD_FOLDER = "cards"


class ScanView(QWidget):
    def __init__(self, services: AppServices | None = None, tasks: TaskManager | None = None,
                 profile_dir: Path | None = None, lang: str = DEFAULT_LANG,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.services: AppServices | None = None
        self.tasks: TaskManager | None = None
        self.queue: CardQueue | None = None
        self.runner: BatchRunner | None = None
        self.cards: CardService | None = None
        self.review: ReviewDialog | None = None
        self.entries: list[CardEntry] = []
        self.setAcceptDrops(True)
        self._refresh_timer = QTimer(self, singleShot=True, interval=150)
        self._refresh_timer.timeout.connect(self._reload)
        self._build()
        if services is not None and tasks is not None:
            self.attach(services, tasks, profile_dir)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        header, _ = page_header(self.tr("Scan cards"),
                                self.tr("Turn business cards into contacts"))
        self.drop = EmptyState(
            "scan", self.tr("Drop card photos or a folder here"),
            self.tr("FieldSales reads Chinese and English cards offline, in the background; "
                    "you check each card before anything is saved."), self.tr("Choose photos…"))
        self.drop.setObjectName("card")
        assert self.drop.button is not None
        self.choose_button = self.drop.button
        self.choose_button.clicked.connect(self.choose_files)
        self.folder_button = QPushButton(self.tr("Choose folder…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.camera_button = QPushButton(self.tr("Use webcam"))
        self.camera_button.clicked.connect(self.open_camera)
        self._update_camera_button()
        sources = QHBoxLayout()
        sources.addStretch(1)
        sources.addWidget(self.folder_button)
        sources.addWidget(self.camera_button)
        sources.addStretch(1)
        drop_layout = self.drop.layout()
        assert isinstance(drop_layout, QVBoxLayout)
        drop_layout.addSpacing(4)
        drop_layout.addLayout(sources)
        self.drop.hint.setMinimumWidth(440)  # wrap to a steady width, not a squeezed column

        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(8)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("muted")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop reading; unread cards stay in the queue"))
        self.cancel_button.clicked.connect(self.cancel)
        self.resume_button = QPushButton(self.tr("Read remaining cards"))
        self.resume_button.clicked.connect(self.resume)
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_label)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.resume_button)
        self.progress_row.hide()

        queue_card = Card(self.tr("Review queue"))
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.list = QueueList()
        self.list.itemActivated.connect(lambda _item: self.open_review(self.list.current_id()))
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.list, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.review_button = QPushButton(self.tr("Review cards"))
        self.review_button.setObjectName("primary")
        self.review_button.clicked.connect(lambda: self.open_review(None))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected card from the queue (Del)"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.review_button)
        queue_card.body.addWidget(self.count_label)
        queue_card.body.addWidget(self.list, 1)
        queue_card.body.addLayout(buttons)

        columns = QHBoxLayout()
        columns.setSpacing(12)
        columns.addWidget(self.drop, 3)
        columns.addWidget(queue_card, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(header)
        layout.addWidget(self.progress_row)
        layout.addLayout(columns, 1)
        self._set_enabled(False)

    def _update_camera_button(self) -> None:
        found = cameras()
        self.camera_button.setEnabled(bool(found) and self.queue is not None)
        self.camera_button.setToolTip(
            self.tr("Photograph a card with %1").replace("%1", found[0].description())
            if found else self.tr("No camera found on this computer"))

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.choose_button, self.folder_button, self.review_button,
                       self.remove_button, self.list):
            widget.setEnabled(on)
        self._update_camera_button()

    # -- wiring ----------------------------------------------------------------------------
    def attach(self, services: AppServices, tasks: TaskManager,
               profile_dir: Path | None = None) -> None:
        """Connect to the profile: open its queue and resume reading any unread cards."""
        folder = profile_dir or services.db.path.parent
        self.services, self.tasks = services, tasks
        self.queue = CardQueue(folder / QUEUE_FOLDER)
        self.cards = CardService(services.ctx, folder / CARD_FOLDER,
                                 AttachmentStore(folder, services.db.key))
        self.runner = BatchRunner(self.queue, tasks, self.lang, self)
        self.runner.progress.connect(self._on_progress)
        self.runner.cardDone.connect(self._reload_one)
        self.runner.added.connect(lambda _n: self._refresh_timer.start())
        self.runner.finished.connect(self._on_finished)
        self._set_enabled(True)
        self._reload()
        self.runner.resume()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 — Qt API
        # Until the main window passes its services in, find them on the window.
        if self.queue is None:
            window = self.window()
            services, tasks = getattr(window, "services", None), getattr(window, "tasks", None)
            if isinstance(services, AppServices) and isinstance(tasks, TaskManager):
                self.attach(services, tasks)
        super().showEvent(event)

    def shutdown(self) -> None:
        """Stop reading and stop pending refreshes (the app is closing; the queue keeps
        everything not read yet for the next start)."""
        self._refresh_timer.stop()
        if self.runner is not None:
            self.runner.shutdown()
        if self.review is not None:
            self.review.finish()

    def refresh(self) -> None:
        if self.queue is not None:
            self._reload()

    def _reload(self) -> None:
        if self.tasks is None or self.queue is None:
            return
        self.tasks.read(self.queue.entries, self._show_entries)

    def _reload_one(self, entry_id: str) -> None:
        if self.tasks is None or self.queue is None:
            return
        queue = self.queue
        self.tasks.read(lambda: queue.get(entry_id), self._show_one)

    def _show_one(self, entry: CardEntry | None) -> None:
        if entry is None:
            return
        self.entries = [entry if e.id == entry.id else e for e in self.entries]
        if all(e.id != entry.id for e in self.entries):
            self.entries.append(entry)
        self.list.update_entry(entry)
        self._show_counts()

    def _show_entries(self, entries: list[CardEntry]) -> None:
        self.entries = entries
        self.list.set_entries(entries)
        self._show_counts()

    def _show_counts(self) -> None:
        entries = self.entries
        ready = sum(e.status in ("ready", "skipped") for e in entries)
        failed = sum(e.status == "error" for e in entries)
        waiting = sum(e.status == "pending" for e in entries)
        parts = [self.tr("%n card(s) to review", "", ready)]
        if waiting:
            parts.append(self.tr("%n waiting to be read", "", waiting))
        if failed:
            parts.append(self.tr("%n could not be read", "", failed))
        self.count_label.setText(" · ".join(parts) if entries else
                                 self.tr("No cards waiting. Drop some photos to start."))
        self.review_button.setText(self.tr("Review cards (%1)").replace("%1", str(ready)))
        self.review_button.setEnabled(ready > 0)
        self.remove_button.setEnabled(bool(entries))
        idle = self.runner is None or not self.runner.running
        self.resume_button.setVisible(idle and waiting > 0)
        if idle and waiting:
            self.progress_row.show()
            self.cancel_button.hide()
            self.progress_label.setText(self.tr("%n card(s) not read yet", "", waiting))

    # -- sources ---------------------------------------------------------------------------
    def add_paths(self, paths: list[Path]) -> None:
        if self.runner is not None and paths:
            self.runner.add_paths(paths)
            self.progress_row.show()
            self.progress_label.setText(self.tr("Adding cards…"))

    def choose_files(self) -> None:
        patterns = " ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES))
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose card photos"), "",
            self.tr("Images (%1);;All files (*)").replace("%1", patterns))
        self.add_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder of card photos"))
        if name:
            self.add_paths([Path(name)])

    def open_camera(self) -> None:
        found = cameras()
        if not found:
            self._update_camera_button()
            return
        dialog = CameraDialog(found[0], self)
        dialog.captured.connect(lambda path: self.add_paths([path]))
        dialog.finished.connect(lambda _r: self._drop_camera_folder(dialog.folder))
        dialog.open()

    def _drop_camera_folder(self, folder: Path) -> None:
        # Queued behind the copies on the (first-in, first-out) heavy pool: the photos are in
        # the review queue by the time their folder goes.
        if self.tasks is not None:
            self.tasks.submit(Pool.HEAVY, lambda: shutil.rmtree(folder, ignore_errors=True),
                              lambda _r: None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 — Qt API
        mime = event.mimeData()
        if self.queue is not None and mime.hasUrls() and any(u.isLocalFile()
                                                             for u in mime.urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 — Qt API
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_paths(paths)
        event.acceptProposedAction()

    # -- batch -----------------------------------------------------------------------------
    def _on_progress(self, done: int, total: int) -> None:
        self.progress_row.show()
        self.cancel_button.show()
        self.resume_button.hide()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(self.tr("Reading card %1 of %2")
                                    .replace("%1", str(min(done + 1, total)))
                                    .replace("%2", str(total)))

    def _on_finished(self, cancelled: bool) -> None:
        self.cancel_button.hide()
        self.progress_label.setText(self.tr("Stopped: unread cards stay in the queue")
                                    if cancelled else self.tr("All cards read"))
        self._reload()

    def cancel(self) -> None:
        if self.runner is not None:
            self.runner.cancel()

    def resume(self) -> None:
        if self.runner is not None:
            self.runner.resume()

    def remove_selected(self) -> None:
        entry_id = self.list.current_id()
        if entry_id is None or self.queue is None or self.tasks is None:
            return
        queue = self.queue
        self.tasks.write(lambda: queue.remove(entry_id), lambda _r: self._reload())

    # -- review ----------------------------------------------------------------------------
    def open_review(self, first_id: str | None) -> ReviewDialog | None:
        if self.queue is None or self.cards is None or self.tasks is None \
                or self.services is None:
            return None
        if self.review is None:
            self.review = ReviewDialog(self.queue, self.cards, self.tasks,
                                       self.services.ctx.default_region, self)
            self.review.queueChanged.connect(self._refresh_timer.start)
            self.review.finished.connect(lambda _r: self._close_review())
        self.review.seen.clear()
        self.review.show()
        self.review.start(first_id)
        return self.review

    def _close_review(self) -> None:
        if self.review is not None:
            self.review.deleteLater()
            self.review = None
        self._reload()
