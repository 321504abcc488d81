"""Reports: the pipeline funnel by stage (count, amount, weighted). More reports (forecast,
leaderboard) come with app/reports.py."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget
from typing_extensions import override

from app.enums import FUNNEL_STAGES
from ui import labels, theme
from ui.format import Formatter
from ui.queries.pipeline import Board
from ui.queries.pipeline import board as load_board
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import Card, page_header


class FunnelChart(QWidget):
    def __init__(self, fmt: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fmt = fmt
        self.rows: list[tuple[str, int, Decimal, Decimal]] = []
        self.setMinimumHeight(300)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.rows:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        biggest = max(r[2] for r in self.rows) or Decimal(1)
        width = self.width() - 420
        bar_h = min(44, (self.height() - 20) // len(self.rows) - 12)
        for i, (stage, count, amount, weighted) in enumerate(self.rows):
            top = 10 + i * (bar_h + 12)
            painter.setPen(QColor(theme.TEXT))
            painter.drawText(QRectF(0, top, 130, bar_h), Qt.AlignmentFlag.AlignVCenter,
                             labels.stage(stage))
            share = float(amount / biggest) if biggest else 0.0
            bar = max(6.0, width * share)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.STAGE_COLORS.get(stage, theme.ACCENT)))
            painter.drawRoundedRect(QRectF(140, top, bar, bar_h), 6, 6)
            painter.setPen(QColor(theme.MUTED))
            painter.drawText(QRectF(150 + bar, top, 280, bar_h), Qt.AlignmentFlag.AlignVCenter,
                             f"{self._fmt.number(count)} · {self._fmt.money_short(amount)} · "
                             f"{self._fmt.money_short(weighted)}")
        painter.end()


class ReportsView(QWidget):
    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        header, _ = page_header(self.tr("Reports"), self.tr(
            "Pipeline funnel: deals, amount and weighted amount per stage"))
        card = Card(self.tr("Funnel"))
        self.chart = FunnelChart(fmt)
        card.body.addWidget(self.chart, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(header)
        layout.addWidget(card, 1)

    def refresh(self) -> None:
        db, owner = self._services.db, self._services.owner_filter
        self._tasks.read(lambda: load_board(db, owner, limit_per_stage=0), self._on_loaded)

    def _on_loaded(self, board: Board) -> None:
        self.chart.rows = [(s.value, board.totals[s.value].count, board.totals[s.value].amount,
                            board.totals[s.value].weighted) for s in FUNNEL_STAGES]
        self.chart.update()
