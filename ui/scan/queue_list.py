"""The review queue as a list: one row per card with what became of it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.card_queue import CardEntry
from ui import errors, theme

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class QueueList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardQueue")
        self.setAccessibleName(self.tr("Cards to review"))
        self.setAlternatingRowColors(False)
        self.setUniformItemSizes(True)

    def set_entries(self, entries: list[CardEntry], reading: str | None = None) -> None:
        current = self.current_id()
        self.clear()
        for entry in entries:
            item = QListWidgetItem()
            self._fill(item, entry, entry.id == reading)
            self.addItem(item)
            if entry.id == current:
                self.setCurrentItem(item)

    def update_entry(self, entry: CardEntry) -> None:
        """Show one card's new state without rebuilding the list (a batch updates often)."""
        for row in range(self.count()):
            item = self.item(row)
            if item.data(ENTRY_ROLE) == entry.id:
                self._fill(item, entry, False)
                return
        item = QListWidgetItem()
        self._fill(item, entry, False)
        self.addItem(item)

    def _fill(self, item: QListWidgetItem, entry: CardEntry, reading: bool) -> None:
        item.setText(self._text(entry, reading))
        item.setData(ENTRY_ROLE, entry.id)
        item.setData(Qt.ItemDataRole.ToolTipRole, _reason(entry) or entry.source_name)
        color = {"error": theme.DANGER, "pending": theme.MUTED}.get(entry.status, theme.TEXT)
        item.setForeground(QColor(color))

    def _text(self, entry: CardEntry, reading: bool) -> str:
        name = entry.fields.get("name") or ""
        company = entry.fields.get("company") or ""
        who = " · ".join(x for x in (name, company) if x) or entry.source_name
        if entry.status == "pending":
            state = self.tr("Reading…") if reading else self.tr("Waiting to be read")
            return f"{entry.source_name} — {state}"
        if entry.status == "error":
            return self.tr("{file} — cannot read: {reason}").format(
                file=entry.source_name, reason=_reason(entry))
        if entry.status == "skipped":
            return self.tr("{card} — skipped").format(card=who)
        return self.tr("{card} — ready to review").format(card=who)

    def current_id(self) -> str | None:
        item = self.currentItem()
        return None if item is None else str(item.data(ENTRY_ROLE))

    def ids(self) -> list[str]:
        return [str(self.item(i).data(ENTRY_ROLE)) for i in range(self.count())]

    def texts(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]


def _reason(entry: CardEntry) -> str:
    """Why a card failed, worded for the user. The queue stores an ``ocr.errors`` code; entries
    saved by older versions hold English text, shown as it is."""
    return errors.ocr_sentence(entry.error or "", {}) or entry.error or ""
