"""The look: one light stylesheet, a small palette, and SVG icons tinted on demand."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QFont, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"

ACCENT = "#2563eb"
ACCENT_SOFT = "#e8efff"
TEXT = "#1f2937"
MUTED = "#6b7280"
BORDER = "#e5e7eb"
SURFACE = "#ffffff"
BACKGROUND = "#f5f7fb"
SIDEBAR = "#0f172a"
DANGER = "#dc2626"
WARNING = "#d97706"
SUCCESS = "#16a34a"

STAGE_COLORS = {
    "prospect": "#64748b",
    "qualified": "#0ea5e9",
    "proposal": "#8b5cf6",
    "negotiation": "#f59e0b",
    "won": "#16a34a",
    "lost": "#ef4444",
}
LEVEL_COLORS = {"strategic": "#7c3aed", "key": "#2563eb", "normal": "#64748b"}


@cache
def _svg(name: str) -> str:
    return (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")


@cache
def icon(name: str, color: str = TEXT, size: int = 24) -> QIcon:
    """An icon from ``resources/icons`` drawn in ``color``, sharp on high-DPI screens."""
    data = QByteArray(_svg(name).replace("currentColor", color).encode())
    renderer = QSvgRenderer(data)
    result = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size * scale, size * scale))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        result.addPixmap(pixmap)
    return result


STYLESHEET = f"""
* {{ outline: none; }}
QMainWindow, QDialog {{ background: {BACKGROUND}; }}
QWidget {{ color: {TEXT}; font-size: 13px; }}
QLabel#pageTitle {{ font-size: 22px; font-weight: 600; }}
QLabel#pageSubtitle, QLabel.muted, QLabel#muted {{ color: {MUTED}; }}
QLabel#sectionTitle {{ font-size: 15px; font-weight: 600; }}
QLabel#fieldError {{ color: {DANGER}; font-size: 12px; }}
QLabel#fieldWarning {{ color: {WARNING}; font-size: 12px; }}
QFrame#card {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 10px; }}
QFrame#kpi {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 10px; }}
QLabel#kpiValue {{ font-size: 24px; font-weight: 600; }}
QLabel#kpiLabel {{ color: {MUTED}; }}
QFrame#sidebar {{ background: {SIDEBAR}; }}
QLabel#brand {{ color: white; font-size: 17px; font-weight: 700; padding: 4px 8px; }}
QLabel#userName {{ color: #cbd5e1; padding: 4px 8px; }}
QListWidget#nav {{ background: transparent; border: none; color: #cbd5e1; font-size: 14px; }}
QListWidget#nav::item {{ padding: 9px 10px; border-radius: 8px; margin: 2px 8px; }}
QListWidget#nav::item:hover {{ background: #1e293b; }}
QListWidget#nav::item:selected {{ background: {ACCENT}; color: white; }}
QFrame#topbar {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; }}
QPushButton {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 7px;
  padding: 6px 12px; }}
QPushButton:hover {{ border-color: #cbd5e1; background: #f8fafc; }}
QPushButton:focus {{ border-color: {ACCENT}; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT};
  font-weight: 600; }}
QPushButton#primary:hover {{ background: #1d4ed8; }}
QPushButton#danger {{ color: {DANGER}; }}
QPushButton#searchButton {{ text-align: left; color: {MUTED}; min-width: 360px;
  background: #f1f5f9; border: 1px solid {BORDER}; padding: 7px 12px; }}
QPushButton#link {{ border: none; background: transparent; color: {ACCENT}; padding: 2px; }}
QPushButton#conflictBadge {{ background: #fef3c7; border: 1px solid #fcd34d; color: #92400e;
  border-radius: 10px; padding: 2px 10px; }}
QLineEdit, QComboBox, QPlainTextEdit, QTextEdit, QDateTimeEdit, QSpinBox, QDoubleSpinBox {{
  background: {SURFACE}; border: 1px solid #d1d5db; border-radius: 7px; padding: 5px 8px; }}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QDateTimeEdit:focus {{
  border-color: {ACCENT}; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"] {{ border-color: {DANGER}; }}
QTableView, QTreeView, QListView {{ background: {SURFACE}; border: 1px solid {BORDER};
  border-radius: 10px; gridline-color: #f1f5f9; selection-background-color: {ACCENT_SOFT};
  selection-color: {TEXT}; alternate-background-color: #fafbfd; }}
QHeaderView::section {{ background: #f8fafc; color: {MUTED}; border: none;
  border-bottom: 1px solid {BORDER}; padding: 7px 8px; font-weight: 600; }}
QTabWidget::pane {{ border: 1px solid {BORDER}; border-radius: 10px; background: {SURFACE};
  top: -1px; }}
QTabBar::tab {{ padding: 8px 14px; color: {MUTED}; border: none; }}
QTabBar::tab:selected {{ color: {ACCENT}; border-bottom: 2px solid {ACCENT}; }}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 0 8px; }}
QFrame#boardColumn {{ background: #eef2f7; border-radius: 10px; }}
QListWidget#boardList {{ background: transparent; border: none; }}
QFrame#searchPopup {{ background: {SURFACE}; border: 1px solid #cbd5e1; border-radius: 12px; }}
QListWidget#searchResults {{ border: none; }}
QListWidget#searchResults::item {{ padding: 6px; border-radius: 6px; }}
QListWidget#searchResults::item:selected {{ background: {ACCENT_SOFT}; }}
QLabel#badge {{ border-radius: 9px; padding: 2px 9px; font-size: 12px; font-weight: 600; }}
QFrame#emptyState QLabel#emptyTitle {{ font-size: 16px; font-weight: 600; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: #cbd5e1; border-radius: 4px; min-height: 30px; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 2px; }}
QScrollBar::handle:horizontal {{ background: #cbd5e1; border-radius: 4px; min-width: 30px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QProgressBar {{ border: 1px solid {BORDER}; border-radius: 6px; background: #f1f5f9;
  text-align: center; height: 10px; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 6px; }}
"""


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    families = ["DejaVu Sans", "WenQuanYi Micro Hei", "Segoe UI", "Microsoft YaHei",
                "PingFang SC", "Noto Sans", "Noto Sans CJK SC"]
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)


def before_app() -> None:
    """Settings that must be made before the QApplication exists."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)


def badge_style(color: str) -> str:
    """Inline style for a small pill label in ``color`` (text) on a pale background."""
    red, green, blue = int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
    return (f"QLabel {{ color: {color}; background: rgba({red}, {green}, {blue}, 30); "
            f"border-radius: 9px; "
            f"padding: 2px 9px; font-size: 12px; font-weight: 600; }}")
