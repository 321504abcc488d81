"""The product catalog (read-only for reps): search by SKU, name (EN/ZH) or category; list
price, volume tiers, tax rate and stock on hand as of the last sync. Inactive products are
shown greyed out and marked: they stay readable on old quotes but cannot be quoted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.views import ProductView
from ui import theme
from ui.format import Formatter
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import page_header

STALE_AFTER = timedelta(hours=24)  # BUSINESS-RULES §5.6: stock older than this is flagged


def tier_text(product: ProductView, fmt: Formatter) -> str:
    """"≥10: ¥95.00, ≥50: ¥90.00" from the stored tier strings."""
    parts = []
    for tier in product.tiers:
        values = dict(tier)
        qty = Decimal(str(values["min_qty"]))
        parts.append(f"≥{fmt.number(qty)}: "
                     f"{fmt.money(Decimal(str(values['unit_price'])), product.currency)}")
    return ", ".join(parts)


class ProductsView(QWidget):
    """The catalog page. Searching runs in SQL on a reader thread, debounced."""

    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._fmt = fmt
        self._rows: list[ProductView] = []
        header, actions = page_header(self.tr("Products"),
                                      self.tr("The catalog comes from the server and is "
                                              "read-only."))
        self.count = QLabel()
        self.count.setObjectName("muted")
        actions.addWidget(self.count)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search SKU, name (English or 中文) or "
                                               "category…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(theme.icon("search", theme.MUTED, 16),
                              QLineEdit.ActionPosition.LeadingPosition)
        self.show_inactive = QCheckBox(self.tr("Show inactive products"))
        self.show_inactive.toggled.connect(self.refresh)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setUniformRowHeights(True)
        self.table.setHeaderLabels([self.tr("SKU"), self.tr("Product"), self.tr("Chinese name"),
                                    self.tr("Category"), self.tr("List price"),
                                    self.tr("Volume prices"), self.tr("Tax"),
                                    self.tr("In stock"), self.tr("Stock as of")])
        for col, width in enumerate((110, 230, 150, 110, 100, 230, 60, 80, 150)):
            self.table.setColumnWidth(col, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(header)
        layout.addWidget(self.search)
        layout.addWidget(self.show_inactive)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        catalog, text = self._services.catalog, self.search.text()
        inactive = self.show_inactive.isChecked()
        self._tasks.read(lambda: catalog.search(text, include_inactive=inactive),
                         self._on_loaded)

    def rows(self) -> list[ProductView]:
        return list(self._rows)

    def _on_loaded(self, rows: list[ProductView]) -> None:
        self._rows = rows
        self.table.clear()
        fmt = self._fmt
        now = datetime.now(UTC)
        grey = QBrush(QColor(theme.MUTED))
        for p in rows:
            stock = fmt.number(p.stock_on_hand) if p.stock_on_hand is not None else "—"
            as_of = fmt.datetime(p.stock_as_of) if p.stock_as_of else self.tr("never synced")
            if p.stock_as_of is not None and now - p.stock_as_of > STALE_AFTER:
                as_of = self.tr("{when} (stale)").format(when=as_of)
            name = p.name if p.active else self.tr("{name} — inactive, cannot be quoted").format(
                name=p.name)
            item = QTreeWidgetItem(self.table, [
                p.sku, name, p.name_zh or "", p.category or "",
                fmt.money(p.list_price, p.currency), tier_text(p, fmt),
                f"{fmt.number(p.tax_rate * 100)} %", stock, as_of])
            item.setToolTip(1, p.description or p.name)
            if not p.active:
                for col in range(self.table.columnCount()):
                    item.setForeground(col, grey)
        self.count.setText(self.tr("{n} products").format(n=len(rows)))
