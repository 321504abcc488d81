"""Small building blocks shared by the screens: page headers, KPI tiles, badges, empty states."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import theme


def page_header(title: str, subtitle: str = "") -> tuple[QWidget, QHBoxLayout]:
    """A page title with an optional subtitle; returns the widget and its right-hand layout."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    texts = QVBoxLayout()
    texts.setSpacing(2)
    title_label = QLabel(title)
    title_label.setObjectName("pageTitle")
    texts.addWidget(title_label)
    if subtitle:
        sub = QLabel(subtitle)
        sub.setObjectName("pageSubtitle")
        # Wrapped, so a long subtitle (or its translation) never sets the window's width.
        sub.setWordWrap(True)
        texts.addWidget(sub)
    row.addLayout(texts, 1)
    row.addStretch(1)
    actions = QHBoxLayout()
    actions.setSpacing(8)
    row.addLayout(actions)
    return box, actions


class Kpi(QFrame):
    """A number with a caption, for the top of a page."""

    def __init__(self, caption: str, color: str = theme.TEXT,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpi")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        self.value = QLabel("–")
        self.value.setObjectName("kpiValue")
        self.value.setStyleSheet(f"color: {color};")
        self.caption = QLabel(caption)
        self.caption.setObjectName("kpiLabel")
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_value(self, text: str) -> None:
        self.value.setText(text)


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget of a layout."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def badge(text: str, color: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(theme.badge_style(color))
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return label


class EmptyState(QFrame):
    """What to show instead of an empty list: what it means and what to do."""

    def __init__(self, icon_name: str, title: str, hint: str, action: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.setSpacing(8)
        pic = QLabel()
        pic.setPixmap(theme.icon(icon_name, theme.MUTED, 48).pixmap(48, 48))
        pic.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(title)
        self.title.setObjectName("emptyTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(hint)
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setMaximumWidth(460)
        layout.addWidget(pic)
        layout.addWidget(self.title)
        layout.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignHCenter)
        self.button: QPushButton | None = None
        if action:
            self.button = QPushButton(action)
            self.button.setObjectName("primary")
            layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)


class Card(QFrame):
    """A white rounded panel with an optional title."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 14, 16, 14)
        self.body.setSpacing(8)
        if title:
            self.title = QLabel(title)
            self.title.setObjectName("sectionTitle")
            self.body.addWidget(self.title)
