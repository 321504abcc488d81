"""The product catalog (read-only for reps): search by SKU or name, prices and stock."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.services.views import ProductView
from ui import theme
from ui.format import Formatter
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import page_header


class ProductsView(QWidget):
    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._fmt = fmt
        header, actions = page_header(self.tr("Products"))
        self.count = QLabel()
        self.count.setObjectName("muted")
        actions.addWidget(self.count)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search SKU, name or category…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(theme.icon("search", theme.MUTED, 16),
                              QLineEdit.ActionPosition.LeadingPosition)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setHeaderLabels([self.tr("SKU"), self.tr("Product"), self.tr("Category"),
                                    self.tr("List price"), self.tr("Volume prices"),
                                    self.tr("In stock")])
        for col, width in enumerate((130, 300, 120, 120, 260)):
            self.table.setColumnWidth(col, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(header)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        catalog, text = self._services.catalog, self.search.text()
        self._tasks.read(lambda: catalog.search(text), self._on_loaded)

    def _on_loaded(self, rows: list[ProductView]) -> None:
        self.table.clear()
        fmt = self._fmt
        zh = fmt.locale.startswith("zh")
        for p in rows:
            tiers = ", ".join(
                f"≥{dict(t)['min_qty']}: "
                f"{fmt.money(Decimal(dict(t)['unit_price']), p.currency)}"
                for t in p.tiers)
            QTreeWidgetItem(self.table, [
                p.sku, (p.name_zh or p.name) if zh else p.name, p.category or "",
                fmt.money(p.list_price, p.currency), tiers,
                fmt.number(p.stock_on_hand) if p.stock_on_hand is not None else "—"])
        self.count.setText(self.tr("{n} products").format(n=len(rows)))
