"""The card photo with the regions each field was read from drawn over it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import theme

#: One colour per field, so the rep sees which text became which field.
FIELD_COLORS: dict[str, str] = {
    "name": "#2563eb", "title": "#7c3aed", "company": "#16a34a", "department": "#0891b2",
    "phones": "#d97706", "emails": "#db2777", "website": "#4f46e5", "address": "#64748b",
}
PREVIEW_MAX = 1400


def load_preview(path: Path, max_side: int = PREVIEW_MAX) -> tuple[QImage, float]:
    """Decode (EXIF-rotated, as the OCR boxes are) and shrink for display; worker thread.

    Returns the image and the factor from original to preview pixels.
    """
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        return QImage(), 1.0
    longest = max(image.width(), image.height())
    if longest <= max_side:
        return image, 1.0
    scale = max_side / longest
    small = image.scaled(QSize(round(image.width() * scale), round(image.height() * scale)),
                         Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)
    return small, small.width() / image.width()


class CardImageView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardImage")
        self.setMinimumSize(480, 280)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image = QImage()
        self._scale = 1.0
        self._boxes: dict[str, list[list[int]]] = {}
        self._focus: str | None = None
        self._message = ""

    def set_card(self, image: QImage, scale: float, boxes: dict[str, list[list[int]]]) -> None:
        self._image, self._scale, self._boxes = image, scale, boxes
        self._message = "" if not image.isNull() else self.tr("The image cannot be shown")
        self.update()

    def set_message(self, text: str) -> None:
        self._image, self._boxes, self._message = QImage(), {}, text
        self.update()

    def set_focus_field(self, name: str | None) -> None:
        self._focus = name
        self.update()

    def highlighted_fields(self) -> list[str]:
        return sorted(k for k, v in self._boxes.items() if v)

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt API
        return QSize(560, 340)

    def _target(self) -> QRectF:
        if self._image.isNull():
            return QRectF()
        area = self.rect().adjusted(8, 8, -8, -8)
        size = self._image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left = area.left() + (area.width() - size.width()) / 2
        top = area.top() + (area.height() - size.height()) / 2
        return QRectF(left, top, size.width(), size.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 — Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#e9edf3"))
        target = self._target()
        if target.isEmpty():
            painter.setPen(QColor(theme.MUTED))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._message)
            return
        painter.drawImage(target, self._image)
        # original pixels → preview pixels → widget pixels
        factor = self._scale * target.width() / self._image.width()
        for name, boxes in self._boxes.items():
            color = QColor(FIELD_COLORS.get(name, theme.ACCENT))
            focused = name == self._focus
            fill = QColor(color)
            fill.setAlpha(70 if focused else 28)
            color.setAlpha(255 if focused else 170)
            painter.setPen(QPen(color, 3 if focused else 1.5))
            for left, top, width, height in boxes:
                rect = QRectF(target.left() + left * factor - 3, target.top() + top * factor - 2,
                              width * factor + 6, height * factor + 4)
                painter.fillRect(rect, fill)
                painter.drawRoundedRect(rect, 3, 3)
