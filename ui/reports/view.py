"""The Reports page: a period and a rep (or everyone), and six reports in tabs, each a chart
beside its table, exportable to .xlsx / CSV and printable to PDF.

All queries run on a reader thread; the page only draws. A rep sees their own figures; a
manager (whose replica holds the team, as the server scopes it) picks a rep or everyone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, cast

from babel.dates import format_skeleton
from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.enums import Lifecycle
from app.exchange.export import write_report
from app.reports.common import PERIODS, ReportScope, period, team_reps
from app.reports.funnel import FunnelReport, funnel
from app.reports.health import CompletenessReport, HealthReport, completeness, health
from app.reports.lifecycle_flow import NEW, LifecycleFlowReport, lifecycle_flow
from app.reports.pipeline import ForecastReport, Leaderboard, forecast, leaderboard
from app.reports.table import Cell, ReportTable
from ui import labels, theme
from ui.errors import show_error
from ui.format import Formatter
from ui.reports import charts
from ui.reports.printing import print_pdf, report_html
from ui.services import AppServices
from ui.tasks import Pool, TaskManager
from ui.widgets.common import Kpi, page_header

# The forecast's month rows are keyed "2026-03".
_MONTH_KEY = re.compile(r"\d{4}-\d{2}")
REPORTS = ("funnel", "forecast", "leaderboard", "health", "completeness", "lifecycle_flow")


@dataclass(frozen=True)
class Bundle:
    funnel: FunnelReport
    forecast: ForecastReport
    leaderboard: Leaderboard
    health: HealthReport
    completeness: CompletenessReport
    lifecycle_flow: LifecycleFlowReport


class ReportTab(QWidget):
    """A chart beside a table; remembers the report table it shows, for export/print."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kpis = QHBoxLayout()
        self.kpis.setSpacing(10)
        self.chart_view: QChartView = charts.view(QChart())
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = QLabel()
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.chart_view)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.note)
        self.splitter.addWidget(right)
        self.splitter.setSizes([520, 680])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(self.kpis)
        layout.addWidget(self.splitter, 1)
        self.report: ReportTable | None = None
        self.headings: dict[str, str] = {}
        self.texts: list[list[str]] = []

    def set_chart(self, chart: QChart) -> None:
        old = self.chart_view.chart()
        self.chart_view.setChart(chart)
        old.deleteLater()

    def set_kpis(self, items: list[tuple[str, str, str]]) -> None:
        while self.kpis.count():
            item = self.kpis.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for caption, value, color in items:
            kpi = Kpi(caption, color)
            kpi.set_value(value)
            self.kpis.addWidget(kpi)

    def show_table(self, report: ReportTable, headings: dict[str, str],
                   text: Callable[[str, Cell], str]) -> None:
        self.report, self.headings = report, headings
        self.table.clear()
        self.table.setColumnCount(len(report.columns))
        self.table.setRowCount(len(report.rows))
        self.table.setHorizontalHeaderLabels([headings.get(c, c) for c in report.columns])
        self.texts = []
        for r, row in enumerate(report.rows):
            texts = [text(c, v) for c, v in zip(report.columns, row, strict=True)]
            self.texts.append(texts)
            for c, value in enumerate(row):
                item = QTableWidgetItem(texts[c])
                if isinstance(value, int | Decimal):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if r in report.highlighted:
                    item.setBackground(QColor("#fee2e2"))
                    item.setForeground(QColor(theme.DANGER))
                self.table.setItem(r, c, item)

    def chart_image(self) -> QImage:
        return self.chart_view.grab().toImage()


class ReportsView(QWidget):
    """Signals:
        report_exported(str): a report was written to this path (xlsx, csv or pdf).
    """

    report_exported = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 parent: QWidget | None = None, *, now: Callable[[], datetime] | None = None,
                 ) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._fmt = fmt
        self._now = now or (lambda: services.db.clock.now())
        self._generation = 0
        self.bundle: Bundle | None = None  # all six, once they have all arrived
        self._pending: dict[str, object] = {}
        header, _actions = page_header(self.tr("Reports"), self.tr(
            "Computed on this laptop from your data: they work offline"))
        self.period = QComboBox()
        names = {"this_month": self.tr("This month"), "last_30_days": self.tr("Last 30 days"),
                 "this_quarter": self.tr("This quarter"),
                 "last_12_months": self.tr("Last 12 months"), "this_year": self.tr("This year")}
        for key in PERIODS:
            self.period.addItem(names[key], key)
        self.period.setCurrentIndex(PERIODS.index("last_12_months"))
        self.period.setAccessibleName(self.tr("Period"))
        self.rep = QComboBox()
        self.rep.setAccessibleName(self.tr("Rep"))
        self.rep.addItem(self.tr("Everyone"), None)
        if services.owner_filter is not None:  # a rep sees their own figures
            self.rep.clear()
            self.rep.addItem(services.user.display_name, services.owner_filter)
            self.rep.setEnabled(False)
        self.target = QSpinBox()
        self.target.setRange(0, 2_000_000_000)
        self.target.setSingleStep(100_000)
        self.target.setValue(5_000_000)
        self.target.setPrefix(self.tr("Target ¥"))
        self.target.setGroupSeparatorShown(True)
        self.dormant_days = QSpinBox()
        self.dormant_days.setRange(1, 3650)
        self.dormant_days.setValue(30)
        self.dormant_days.setSuffix(self.tr(" days quiet"))
        self.excel_button = QPushButton(self.tr("Export Excel…"))
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.pdf_button = QPushButton(self.tr("Print PDF…"))
        # Filters and exports on a row of their own under the title: in one row with it the
        # page needed a 1640 px wide window (too wide for a 1366 px laptop screen).
        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        for widget in (self.period, self.rep, self.target, self.dormant_days):
            toolbar.addWidget(widget)
        toolbar.addStretch(1)
        for button, suffix in ((self.excel_button, ".xlsx"), (self.csv_button, ".csv"),
                               (self.pdf_button, ".pdf")):
            button.clicked.connect(lambda _c=False, s=suffix: self._on_export_clicked(s))
            toolbar.addWidget(button)
        for box in (self.period, self.rep):
            box.currentIndexChanged.connect(self.refresh)
        self.target.editingFinished.connect(self.refresh)
        self.dormant_days.editingFinished.connect(self.refresh)

        self.tabs = QTabWidget()
        self.pages = {name: ReportTab() for name in REPORTS}
        titles = {"funnel": self.tr("Funnel"), "forecast": self.tr("Pipeline && forecast"),
                  "leaderboard": self.tr("Leaderboard"),
                  "health": self.tr("Activity && health"),
                  "completeness": self.tr("Data completeness"),
                  "lifecycle_flow": self.tr("Lifecycle flow")}
        for name, page in self.pages.items():
            self.tabs.addTab(page, titles[name])
        self.titles = titles
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(header)
        layout.addLayout(toolbar)
        layout.addWidget(self.tabs, 1)
        self._loaded_reps = False
        self._team_id: str | None = None  # a manager's team, once known

    # -- loading ---------------------------------------------------------------------------
    def scope(self) -> ReportScope:
        start, end = period(str(self.period.currentData()), self._now())
        rep = self.rep.currentData()
        return ReportScope(start, end, owner_ids=None if rep is None else (str(rep),),
                           team_id=self._team_id)

    def refresh(self) -> None:
        """Load the six reports on the reader threads; each tab fills as its report arrives
        (the funnel and forecast take milliseconds, the activity scans longer at 100 000)."""
        db = self._services.db
        if not self._loaded_reps and self.rep.isEnabled():
            # A manager's "everyone" is their team: learn it before the first figures.
            self._loaded_reps = True
            user = self._services.user
            with_reps = partial(self._on_reps_loaded, refresh=True)
            self._tasks.read(lambda: self._team_reps(db, user.id, user.role), with_reps)
            return
        self._generation += 1
        generation = self._generation
        scope, now = self.scope(), self._now()
        target = Decimal(self.target.value()) or None
        days = self.dormant_days.value()
        self._pending = {}
        jobs: dict[str, Callable[[], object]] = {
            "funnel": lambda: funnel(db, scope, now),
            "forecast": lambda: forecast(db, scope, target),
            "leaderboard": lambda: leaderboard(db, scope, now),
            "health": lambda: health(db, scope, now, days),
            "completeness": lambda: completeness(db, scope),
            "lifecycle_flow": lambda: lifecycle_flow(db, scope, now)}
        for name, job in jobs.items():
            self._tasks.read(job, partial(self._on_report, generation, name),
                             lambda exc: show_error(self, exc))

    def _on_report(self, generation: int, name: str, report: object) -> None:
        if generation != self._generation:
            return  # a newer period or rep was chosen meanwhile
        self._pending[name] = report
        show: dict[str, Callable[[Any], None]] = {
            "funnel": self._show_funnel, "forecast": self._show_forecast,
            "leaderboard": self._show_leaderboard, "health": self._show_health,
            "completeness": self._show_completeness,
            "lifecycle_flow": self._show_lifecycle_flow}
        show[name](report)
        if len(self._pending) == len(REPORTS):
            self.bundle = Bundle(**cast(dict[str, Any], self._pending))

    @staticmethod
    def _team_reps(db: Database, user_id: str | None,
                   role: str) -> tuple[str | None, list[tuple[str, str]]]:
        with db.reader() as s:
            return team_reps(s, user_id, role)

    def _on_reps_loaded(self, team: tuple[str | None, list[tuple[str, str]]],
                        refresh: bool = False) -> None:
        self._team_id, rows = team
        self.rep.blockSignals(True)
        for user_id, name in rows:
            self.rep.addItem(name, user_id)
        self.rep.blockSignals(False)
        if refresh:
            self.refresh()

    # -- formatting ------------------------------------------------------------------------
    def dwell(self, value: timedelta | None) -> str:
        if value is None:
            return "–"
        hours = int(value.total_seconds() // 3600)
        return self.tr("{d} d {h} h").format(d=hours // 24, h=hours % 24)

    def _text(self, column: str, value: Cell) -> str:
        if value is None:
            return "–"
        if column == "group" and isinstance(value, str):
            return self.forecast_group(value)
        if column in ("stage", "key") and isinstance(value, str):
            if value in theme.STAGE_COLORS:
                return labels.stage(value)
            return self.month(value) if _MONTH_KEY.fullmatch(value) else (
                value or self.tr("No date"))
        if column == "lifecycle" and isinstance(value, str):
            return labels.lifecycle(value)
        if column in ("from_stage", "to_stage") and isinstance(value, str):
            return self.lifecycle_stage(value)
        if column == "month" and isinstance(value, str):
            return self.month(value)
        if isinstance(value, Decimal):
            if column in ("conversion", "win_rate") or column.startswith(("customer.",
                                                                          "contact.")):
                return f"{value * 100:.1f} %"
            if column in ("dwell_days", "avg_cycle_days"):
                return f"{value:.1f}"
            return self._fmt.money(value)
        if isinstance(value, datetime):
            return self._fmt.date(value)
        if isinstance(value, int):
            return self._fmt.number(value)
        return str(value)

    def forecast_group(self, code: str) -> str:
        """The forecast table's "By" column: its rows are grouped by stage or by month."""
        return {"stage": self.tr("Stage"), "month": self.tr("Month")}.get(code, code)

    def lifecycle_stage(self, code: str) -> str:
        return self.tr("New customer") if code == NEW else labels.lifecycle(code)

    def month(self, key: str, *, short: bool = False) -> str:
        """"2026-03" as "Mar 2026" / "2026年3月" (short: "Mar" / "3月", for chart axes)."""
        year, month = (int(part) for part in key.split("-"))
        return format_skeleton("MMM" if short else "yMMM", date(year, month, 1),
                               locale=self._fmt.locale)

    def headings(self) -> dict[str, str]:
        h = {"stage": self.tr("Stage"), "reached": self.tr("Reached"),
             "conversion": self.tr("Conversion"), "amount": self.tr("Amount"),
             "forecast": self.tr("Forecast"), "dwell_days": self.tr("Avg. days in stage"),
             "group": self.tr("By"), "key": self.tr("Stage / month"),
             "count": self.tr("Deals"), "weighted": self.tr("Weighted"),
             "rep": self.tr("Rep"), "won_amount": self.tr("Won amount"),
             "won_count": self.tr("Won"), "lost_count": self.tr("Lost"),
             "win_rate": self.tr("Win rate"), "avg_cycle_days": self.tr("Avg. cycle (days)"),
             "follow_ups": self.tr("Follow-ups logged"), "overdue": self.tr("Overdue"),
             "new_customers": self.tr("New customers"), "due": self.tr("Due"),
             "done": self.tr("Done"), "customers": self.tr("Customers"),
             "contacts": self.tr("Contacts"), "lifecycle": self.tr("Lifecycle"),
             "customer": self.tr("Customer"), "owner": self.tr("Owner"),
             "last_follow_up": self.tr("Last follow-up"),
             "silent_days": self.tr("Days without follow-up"),
             "month": self.tr("Month"), "from_stage": self.tr("From stage"),
             "to_stage": self.tr("To stage")}
        fields = {"short_name": self.tr("short name"), "phone": self.tr("phone"),
                  "website": self.tr("website"), "uscc": self.tr("credit code"),
                  "address": self.tr("address"), "title": self.tr("title"),
                  "department": self.tr("department"), "email": self.tr("e-mail"),
                  "wechat_id": self.tr("WeChat")}
        for key, name in fields.items():
            h[f"customer.{key}"] = self.tr("Customer {field}").format(field=name)
            h[f"contact.{key}"] = self.tr("Contact {field}").format(field=name)
        return h

    # -- the five reports ------------------------------------------------------------------
    def _show_funnel(self, report: FunnelReport) -> None:
        page = self.pages["funnel"]
        table = report.table()
        stages = [r.stage for r in report.rows]
        bottleneck = stages.index(report.lowest_conversion) if report.lowest_conversion \
            else None
        page.set_chart(charts.funnel_chart(
            self.tr("Opportunities reaching each stage"), [labels.stage(s) for s in stages],
            [float(r.reached) for r in report.rows],
            [theme.STAGE_COLORS[s] for s in stages], bottleneck))
        page.show_table(table, self.headings(), self._text)
        won_lost = report.won + report.lost
        page.set_kpis([
            (self.tr("Won"), self._fmt.number(report.won), theme.SUCCESS),
            (self.tr("Lost"), self._fmt.number(report.lost), theme.DANGER),
            (self.tr("Win rate (closed)"),
             f"{report.won * 100 / won_lost:.1f} %" if won_lost else "–", theme.TEXT)])
        reasons = labels.joined(
            self.tr("{reason} {n}").format(
                reason=labels.lost_reason(r) if r else self.tr("none given"),
                n=self._fmt.number(n))
            for r, n in report.lost_reasons[:5])
        lines = []
        if report.lowest_conversion:
            lines.append(self.tr("Bottleneck: deals leave {stage} least often.").format(
                stage=labels.stage(report.lowest_conversion)))
        if report.longest_dwell:
            lines.append(self.tr("Longest stay: {stage} ({time} on average).").format(
                stage=labels.stage(report.longest_dwell),
                time=self.dwell(report.row(report.longest_dwell).dwell)))
        if reasons:
            lines.append(self.tr("Lost reasons: {reasons}").format(reasons=reasons))
        page.note.setText("\n".join(lines))

    def _show_forecast(self, report: ForecastReport) -> None:
        page = self.pages["forecast"]
        months = report.by_month[:12]
        page.set_chart(charts.bar_chart(
            self.tr("Open pipeline by expected close month (thousands)"),
            [m.key[2:] if m.key else self.tr("none") for m in months],
            [[float(m.weighted) / 1000 for m in months],
             [float(m.amount - m.weighted) / 1000 for m in months]],
            [self.tr("Weighted"), self.tr("Rest of amount")], stacked=True))
        page.show_table(report.table(), self.headings(), self._text)
        attainment = report.attainment
        page.set_kpis([
            (self.tr("Open pipeline"), self._fmt.money_short(report.open_amount), theme.TEXT),
            (self.tr("Weighted forecast"), self._fmt.money_short(report.weighted_amount),
             theme.ACCENT),
            (self.tr("Won this period"), self._fmt.money_short(report.won_amount),
             theme.SUCCESS),
            (self.tr("Of target"), f"{attainment * 100:.0f} %" if attainment is not None
             else "–", theme.SUCCESS if attainment and attainment >= 1 else theme.WARNING)])
        page.note.setText(self.tr("Amounts in {currency}; each weighted by its stage's win "
                                  "probability.").format(currency=report.scope.currency))

    def _show_leaderboard(self, report: Leaderboard) -> None:
        page = self.pages["leaderboard"]
        rows = report.rows[:10]
        page.set_chart(charts.bar_chart(
            self.tr("Won amount per rep"), [r.name for r in rows][::-1],
            [[float(r.won_amount) for r in rows][::-1]], [self.tr("Won")], horizontal=True))
        page.show_table(report.table(), self.headings(), self._text)
        page.set_kpis([])
        page.note.setText(self.tr("Win rate = won ÷ (won + lost) closed in the period; "
                                  "overdue counts open follow-ups due before now."))

    def _show_health(self, report: HealthReport) -> None:
        page = self.pages["health"]
        stages = [s for s, _ in report.lifecycle]
        page.set_chart(charts.pie_chart(self.tr("Customers by lifecycle stage"),
                                        [labels.lifecycle(s) for s in stages],
                                        [float(n) for _, n in report.lifecycle]))
        page.show_table(report.table(), self.headings(), self._text)
        page.set_kpis([
            (self.tr("Overdue follow-ups"), self._fmt.number(sum(
                r.overdue for r in report.follow_ups)), theme.DANGER),
            (self.tr("Due in the next 7 days"),
             self._fmt.number(sum(r.due for r in report.follow_ups)),
             theme.TEXT),
            (self.tr("Quiet for {n}+ days").format(n=report.dormant_days),
             self._fmt.number(report.dormant_count), theme.WARNING)])
        names = labels.joined(d.full_name for d in report.dormant[:5])
        page.note.setText(self.tr("Longest without a follow-up: {names}").format(names=names)
                          if names else "")

    def _show_completeness(self, report: CompletenessReport) -> None:
        page = self.pages["completeness"]
        total = report.total
        fields = [*total.customer_filled, *total.contact_filled]
        heads = self.headings()
        page.set_chart(charts.bar_chart(
            self.tr("Share of records with each key field"),
            [heads.get(f"customer.{k}" if i < len(total.customer_filled) else f"contact.{k}", k)
             for i, (k, _) in enumerate(fields)][::-1],
            [[float(v or 0) * 100 for _, v in fields][::-1]], [self.tr("Filled %")],
            horizontal=True, percent_axis=True))
        table = report.table()
        rows = ((self.tr("All"), *table.rows[0][1:]), *table.rows[1:])
        page.show_table(ReportTable(table.name, table.columns, tuple(rows)), heads, self._text)
        page.set_kpis([])
        page.note.setText(self.tr("A field counts as filled when it holds a value; contacts "
                                  "count under their customer's owner."))

    def _show_lifecycle_flow(self, report: LifecycleFlowReport) -> None:
        page = self.pages["lifecycle_flow"]
        months = report.months[-12:]
        stages = [stage.value for stage in Lifecycle]
        chart = charts.bar_chart(
            self.tr("Customers entering each lifecycle stage per month"),
            [self.month(m.month, short=True) for m in months],
            [[float(m.entered(stage)) for m in months] for stage in stages],
            [labels.lifecycle(stage) for stage in stages], stacked=True)
        charts.count_axes(chart)
        page.set_chart(chart)
        page.show_table(report.table(), self.headings(), self._text)
        rows = report.rows
        page.set_kpis([
            (self.tr("Moves between stages"), self._fmt.number(sum(
                r.customers for r in rows if r.from_stage != NEW)), theme.TEXT),
            (self.tr("Became customers"), self._fmt.number(sum(
                r.customers for r in rows if r.from_stage in (NEW, Lifecycle.PROSPECT,
                                                             Lifecycle.INTERESTED,
                                                             Lifecycle.DORMANT)
                and r.to_stage in (Lifecycle.CUSTOMER, Lifecycle.LOYAL))), theme.SUCCESS),
            (self.tr("Went dormant"), self._fmt.number(sum(
                r.customers for r in rows if r.to_stage == Lifecycle.DORMANT)), theme.WARNING)])
        page.note.setText(self.tr(
            "Each customer's stage is computed by the lifecycle rules at the start and at the "
            "end of every month; several changes within a month count as one move, and stages "
            "set by hand are not replayed."))

    # -- export / print --------------------------------------------------------------------
    def current_name(self) -> str:
        return REPORTS[self.tabs.currentIndex()]

    def _on_export_clicked(self, suffix: str) -> None:
        name = self.current_name()
        filters = {".xlsx": self.tr("Excel workbook (*.xlsx)"),
                   ".csv": self.tr("CSV, UTF-8 (*.csv)"), ".pdf": self.tr("PDF (*.pdf)")}
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save report"), f"{name}-{datetime.now(UTC):%Y%m%d}{suffix}",
            filters[suffix])
        if path:
            self.export_to(Path(path if path.endswith(suffix) else path + suffix))

    def export_to(self, path: Path) -> None:
        """Write the current tab's report to ``path`` (.xlsx, .csv or .pdf) on a worker."""
        page = self.pages[self.current_name()]
        report = page.report
        if report is None:
            return
        if path.suffix.lower() == ".pdf":
            scope = self.scope()
            subtitle = f"{self.period.currentText()} · {self.rep.currentText()} · " \
                f"{self._fmt.date(scope.start)} – {self._fmt.date(scope.end)}"
            document = report_html(self.titles[self.current_name()].replace("&&", "&"), subtitle,
                                   [page.headings.get(c, c) for c in report.columns],
                                   page.texts, page.chart_image(), report.highlighted)
            def job() -> object:
                return print_pdf(path, document)
        else:
            headings = dict(page.headings)

            def job() -> object:
                return write_report(path, report, headings, _export_cell)
        self._tasks.submit(Pool.HEAVY, job, lambda _r: self.report_exported.emit(str(path)),
                           lambda exc: show_error(self, exc))


def _export_cell(column: str, value: Cell) -> Cell:
    """Stage and lifecycle codes as readable words in the sheet; numbers stay numbers."""
    if column in ("stage", "key") and isinstance(value, str) and value in theme.STAGE_COLORS:
        return labels.stage(value)
    if column == "lifecycle" and isinstance(value, str):
        return labels.lifecycle(value)
    if column == "group" and isinstance(value, str):
        return {"stage": QCoreApplication.translate("ReportsView", "Stage"),
                "month": QCoreApplication.translate("ReportsView", "Month")}.get(value, value)
    if column in ("from_stage", "to_stage") and isinstance(value, str):
        return QCoreApplication.translate("ReportsView", "New customer") if value == NEW \
            else labels.lifecycle(value)
    return value
