"""Ask why an opportunity was lost (required before it can move to Lost)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.enums import LostReason
from ui import labels


class LostReasonDialog(QDialog):
    def __init__(self, opportunity_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lostReasonDialog")
        self.setWindowTitle(self.tr("Mark as lost"))
        question = QLabel(self.tr("Why was “{name}” lost?").format(name=opportunity_name))
        question.setWordWrap(True)
        self.reason = QComboBox()
        for reason in LostReason:
            self.reason.addItem(labels.lost_reason(reason), reason.value)
        ok = QPushButton(self.tr("Mark as lost"))
        ok.setObjectName("primary")
        ok.clicked.connect(self.accept)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.addWidget(question)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)

    def selected_reason(self) -> str:
        return str(self.reason.currentData())
