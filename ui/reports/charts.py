"""Qt Charts in the app's look: white, no animation, the theme's stage colours."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen

from ui import theme

PALETTE = ("#2563eb", "#0ea5e9", "#8b5cf6", "#f59e0b", "#16a34a", "#ef4444", "#64748b",
           "#db2777")


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont()
    font.setPointSizeF(10.5)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setTitleBrush(QBrush(QColor(theme.TEXT)))
    chart.setBackgroundBrush(QBrush(QColor(theme.SURFACE)))
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # grabs must be final
    chart.legend().setVisible(False)
    return chart


def view(chart: QChart) -> QChartView:
    widget = QChartView(chart)
    widget.setRenderHint(QPainter.RenderHint.Antialiasing)
    widget.setMinimumSize(360, 260)
    widget.setBackgroundBrush(QBrush(QColor(theme.SURFACE)))
    widget.setStyleSheet(f"QChartView {{ border: 1px solid {theme.BORDER}; border-radius: 10px;"
                         f" background: {theme.SURFACE}; }}")
    return widget


def _style_axis(axis: QBarCategoryAxis | QValueAxis) -> None:
    axis.setLabelsBrush(QBrush(QColor(theme.MUTED)))
    axis.setGridLineColor(QColor(theme.BORDER))
    axis.setLinePen(QPen(QColor(theme.BORDER)))


def funnel_chart(title: str, labels: Sequence[str], values: Sequence[float],
                 colors: Sequence[str], highlighted: int | None = None) -> QChart:
    """A centred funnel: each bar padded on the left by half its gap to the widest."""
    chart = _chart(title)
    series = QHorizontalStackedBarSeries()
    widest = max(values, default=0.0) or 1.0
    pad = QBarSet("pad")
    pad.setColor(Qt.GlobalColor.transparent)
    pad.setBorderColor(Qt.GlobalColor.transparent)
    # Qt draws the first category at the bottom: reverse so the funnel opens at the top.
    order = list(range(len(values)))[::-1]
    for i in order:
        pad.append((widest - values[i]) / 2)
    series.append(pad)
    for i in order:  # one set per stage, so each bar has its own colour
        bar = QBarSet(labels[i])
        for j in order:
            bar.append(values[i] if j == i else 0.0)
        bar.setColor(QColor(theme.DANGER if i == highlighted else colors[i]))
        bar.setBorderColor(QColor(theme.SURFACE))
        series.append(bar)
    series.setBarWidth(0.8)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append([labels[i] for i in order])
    _style_axis(axis)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)
    value_axis = QValueAxis()
    value_axis.setRange(0, widest)
    value_axis.setVisible(False)
    chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(value_axis)
    return chart


def bar_chart(title: str, labels: Sequence[str], series_values: Sequence[Sequence[float]],
              names: Sequence[str], *, horizontal: bool = False, stacked: bool = False,
              percent_axis: bool = False) -> QChart:
    chart = _chart(title)
    series = (QHorizontalBarSeries() if horizontal
              else QStackedBarSeries() if stacked else _plain_bars())
    for index, (name, values) in enumerate(zip(names, series_values, strict=True)):
        bar = QBarSet(name)
        bar.append([float(v) for v in values])
        bar.setColor(QColor(PALETTE[index % len(PALETTE)]))
        bar.setBorderColor(QColor(theme.SURFACE))
        series.append(bar)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(list(labels))
    values_axis = QValueAxis()
    top = max((sum(col) if stacked else max(col)) for col in zip(*series_values, strict=True)) \
        if labels and series_values else 1.0
    values_axis.setRange(0, 100.0 if percent_axis else (top or 1.0) * 1.1)
    values_axis.setTickCount(5 if percent_axis else 6)
    values_axis.setLabelFormat("%.0f%%" if percent_axis else "%.0f")
    for axis in (categories, values_axis):
        _style_axis(axis)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if horizontal
                  else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom if horizontal
                  else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values_axis)
    chart.legend().setVisible(len(names) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _plain_bars() -> QStackedBarSeries:
    # A stacked series with one set draws exactly like a plain bar series.
    return QStackedBarSeries()


def pie_chart(title: str, labels: Sequence[str], values: Sequence[float],
              colors: Sequence[str] | None = None) -> QChart:
    chart = _chart(title)
    series = QPieSeries()
    series.setHoleSize(0.45)
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        if value <= 0:
            continue
        piece = series.append(f"{label} ({value:g})", float(value))
        piece.setColor(QColor((colors or PALETTE)[index % len(colors or PALETTE)]))
        piece.setBorderColor(QColor(theme.SURFACE))
    chart.addSeries(series)
    chart.legend().setVisible(True)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    chart.legend().setLabelColor(QColor(theme.TEXT))
    return chart


def count_axes(chart: QChart) -> None:
    """Whole-number ticks on the value axes of a chart of counts (no "2.5 customers"), and
    category labels small enough for twelve months side by side ("12月" is not elided)."""
    for axis in chart.axes():
        if isinstance(axis, QBarCategoryAxis):
            font = axis.labelsFont()
            font.setPointSizeF(7.5)
            axis.setLabelsFont(font)
        if isinstance(axis, QValueAxis):
            top = max(1, math.ceil(axis.max()))
            axis.setRange(0, top)
            axis.setTickType(QValueAxis.TickType.TicksDynamic)
            axis.setTickAnchor(0)
            axis.setTickInterval(max(1, math.ceil(top / 6)))
