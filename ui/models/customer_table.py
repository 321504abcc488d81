"""The customer list model: ordered ids from SQL, rows fetched lazily a page at a time.

Following Anki's browser: the model holds only the ordered row ids of the current filter and
sort (an ``array`` of ints); ``data()`` serves rows from a page cache and, for a page not yet
loaded, returns a placeholder and asks a reader thread for it. When the page arrives,
``dataChanged`` repaints just those rows. Sorting and filtering are SQL; the model is reset
only when the result set changes.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from typing_extensions import override

from app.db import Database
from ui import labels, theme
from ui.format import Formatter
from ui.queries.customers import (
    SORT_KEYS,
    CustomerFilter,
    CustomerRow,
    customer_rowids,
    customer_rows,
)
from ui.tasks import TaskManager

PAGE = 100
MAX_PAGES = 60
ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class CustomerTableModel(QAbstractTableModel):
    """Customers matching a filter, sorted in SQL.

    Signals:
        loaded(int): a new result set is in place (its row count).
    """

    loaded = Signal(int)

    def __init__(self, db: Database, tasks: TaskManager, formatter: Formatter,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._fmt = formatter
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, dict[int, CustomerRow]] = OrderedDict()
        self._requested: set[int] = set()
        self._filter = CustomerFilter()
        self._sort = "full_name"
        self._descending = False
        self._generation = 0
        self._headers = [self.tr("Company"), self.tr("Level"), self.tr("Industry"),
                         self.tr("Region"), self.tr("Lifecycle"), self.tr("Owner"),
                         self.tr("Phone"), self.tr("Last follow-up")]

    # -- querying --------------------------------------------------------------------------
    @property
    def current_filter(self) -> CustomerFilter:
        return self._filter

    def set_filter(self, flt: CustomerFilter) -> None:
        self._filter = flt
        self.refresh()

    def refresh(self) -> None:
        """Re-run the id query (filter/sort changed, or data changed underneath)."""
        self._generation += 1
        generation = self._generation
        flt, sort, desc = self._filter, self._sort, self._descending
        # The first page comes with the ids, so the list shows rows in the same repaint.
        def work() -> tuple[array[int], dict[int, CustomerRow]]:
            ids = customer_rowids(self._db, flt, sort, desc)
            return ids, customer_rows(self._db, ids[:PAGE])

        self._tasks.read(work, lambda result: self._on_ids_loaded(generation, result))

    def _on_ids_loaded(self, generation: int,
                       result: tuple[array[int], dict[int, CustomerRow]]) -> None:
        if generation != self._generation:
            return  # a newer query is on its way
        ids, first = result
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._requested.clear()
        if ids:
            self._pages[0] = first
        self.endResetModel()
        self.loaded.emit(len(ids))

    def invalidate(self) -> None:
        """Rows changed (an edit, a sync): refetch the visible pages, keep the order."""
        self._pages.clear()
        self._requested.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, self.columnCount() - 1))

    def _request_page(self, page: int) -> None:
        if page in self._requested:
            return
        self._requested.add(page)
        generation = self._generation
        ids = self._ids[page * PAGE:(page + 1) * PAGE]
        self._tasks.read(lambda: customer_rows(self._db, ids),
                         lambda rows: self._on_page_loaded(generation, page, rows))

    def _on_page_loaded(self, generation: int, page: int, rows: dict[int, CustomerRow]) -> None:
        if generation != self._generation:
            return
        self._requested.discard(page)
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * PAGE
        last = min(len(self._ids), first + PAGE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def rowids(self) -> list[int]:
        """The row ids the list shows now (its filters and sort applied)."""
        return list(self._ids)

    def row_at(self, row: int) -> CustomerRow | None:
        """The loaded row at ``row``, or None while its page is still on its way."""
        if not 0 <= row < len(self._ids):
            return None
        page = self._pages.get(row // PAGE)
        if page is None:
            self._request_page(row // PAGE)
            return None
        self._pages.move_to_end(row // PAGE)
        return page.get(self._ids[row])

    # -- Qt model API ----------------------------------------------------------------------
    @override
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    @override
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SORT_KEYS)

    @override
    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    @override
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, ID_ROLE, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return "…"
            return None
        if role == ID_ROLE:
            return row.id
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 1:
                return QColor(theme.LEVEL_COLORS.get(row.level, theme.TEXT))
            if column in (5, 6, 7):
                return QColor(theme.MUTED)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.full_name if column == 0 else None
        match column:
            case 0:
                return row.full_name
            case 1:
                return labels.level(row.level)
            case 2:
                return labels.industry(row.industry)
            case 3:
                return labels.region(row.region)
            case 4:
                return labels.lifecycle(row.lifecycle)
            case 5:
                return row.owner_name
            case 6:
                return row.phone or ""
            case 7:
                return self._fmt.relative(row.last_follow_up_at) if row.last_follow_up_at else ""
        return None

    @override
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORT_KEYS):
            return
        self._sort = SORT_KEYS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()
