"""Scan cards: the entry point and the card review screen (placeholder until the OCR UI lands;
``ocr/`` reads a card into fields on the OCR pool, never on the UI thread)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.widgets.common import Card, EmptyState, page_header


class ScanView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        header, _ = page_header(self.tr("Scan cards"),
                                self.tr("Turn business cards into contacts"))
        drop = EmptyState("scan", self.tr("Drop a card photo here"),
                          self.tr("Or choose a photo from your computer. FieldSales reads "
                                  "Chinese and English cards offline; you check the fields "
                                  "before anything is saved."), self.tr("Choose photo…"))
        drop.setObjectName("card")
        review = Card(self.tr("Card review"))
        form = QFormLayout()
        for caption, example in ((self.tr("Name"), "王伟"), (self.tr("Company"),
                                                             "深圳市华宏科技有限公司"),
                                 (self.tr("Title"), "采购经理"),
                                 (self.tr("Mobile"), "+86 138 0013 8000"),
                                 (self.tr("Email"), "wang.wei@example.cn")):
            field = QLineEdit()
            field.setPlaceholderText(example)
            field.setEnabled(False)
            form.addRow(caption, field)
        review.body.addLayout(form)
        note = QLabel(self.tr("Fields the reader is unsure about are highlighted for you "
                              "to check."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        review.body.addWidget(note)
        review.body.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(drop, 3)
        row.addWidget(review, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(header)
        layout.addLayout(row, 1)

    def refresh(self) -> None:
        """Nothing to load yet."""
