"""Opportunities: a kanban board (drag a card to change its stage) and a list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.enums import Stage
from app.services.views import OpportunityView
from ui import labels, theme
from ui.dialogs.lost_reason import LostReasonDialog
from ui.errors import show_error
from ui.format import Formatter
from ui.queries.pipeline import Board, Card, OpportunityRow, opportunity_list
from ui.queries.pipeline import board as load_board
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import page_header

MIME = "application/x-fieldsales-opportunity"
CARD_ROLE = Qt.ItemDataRole.UserRole + 1


class CardDelegate(QStyledItemDelegate):
    """Paints an opportunity card: name, customer, amount and expected close."""

    def __init__(self, fmt: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fmt = fmt

    @override
    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(100, 78)

    @override
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        card = index.data(CARD_ROLE)
        if not isinstance(card, Card):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect: QRect = option.rect.adjusted(4, 3, -4, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(QColor(theme.ACCENT if selected else theme.BORDER), 1))
        painter.setBrush(QColor(theme.SURFACE))
        painter.drawRoundedRect(rect, 8, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.STAGE_COLORS.get(card.stage, theme.MUTED)))
        painter.drawRoundedRect(QRect(rect.left(), rect.top() + 8, 3, rect.height() - 16), 1, 1)
        inner = rect.adjusted(12, 8, -10, -8)
        base = QFont(option.font)
        bold = QFont(base)
        bold.setBold(True)
        metrics_width = inner.width()
        painter.setFont(bold)
        painter.setPen(QColor(theme.TEXT))
        fm = painter.fontMetrics()
        painter.drawText(inner.left(), inner.top() + fm.ascent(),
                         fm.elidedText(card.name, Qt.TextElideMode.ElideRight, metrics_width))
        painter.setFont(base)
        fm = painter.fontMetrics()
        painter.setPen(QColor(theme.MUTED))
        painter.drawText(inner.left(), inner.top() + 20 + fm.ascent(),
                         fm.elidedText(card.customer_name, Qt.TextElideMode.ElideRight,
                                       metrics_width))
        painter.setPen(QColor(theme.TEXT))
        painter.setFont(bold)
        painter.drawText(QRect(inner.left(), inner.bottom() - 16, inner.width(), 18),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self._fmt.money_short(card.amount, card.currency))
        painter.setFont(base)
        painter.setPen(QColor(theme.MUTED))
        painter.drawText(QRect(inner.left() + inner.width() // 2, inner.bottom() - 16,
                               inner.width() // 2, 18),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         self._fmt.day(card.expected_close))
        painter.restore()


class BoardList(QListWidget):
    """One stage's cards. Dragging a card here emits ``card_dropped(opportunity_id, stage)``;
    the board then asks the service and redraws from the database (no optimistic moves)."""

    card_dropped = Signal(str, str)

    def __init__(self, stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setObjectName("boardList")
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(0)

    @override
    def mimeTypes(self) -> list[str]:
        return [MIME]

    @override
    def mimeData(self, items: Any) -> QMimeData:
        data = QMimeData()
        card = items[0].data(CARD_ROLE) if items else None
        if isinstance(card, Card):
            data.setData(MIME, QByteArray(f"{card.id}|{card.stage}".encode()))
        return data

    @override
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    @override
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    @override
    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    @override
    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasFormat(MIME):
            event.ignore()
            return
        opp_id, _, from_stage = bytes(event.mimeData().data(MIME).data()).decode().partition("|")
        # Copy action: Qt must not remove the dragged item itself; the board redraws.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if from_stage != self.stage:
            self.card_dropped.emit(opp_id, self.stage)


class BoardColumn(QFrame):
    def __init__(self, stage: str, fmt: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardColumn")
        self.setMinimumWidth(190)
        color = theme.STAGE_COLORS.get(stage, theme.MUTED)
        self.title = QLabel(f"<span style='color:{color}'>●</span> <b>{labels.stage(stage)}</b>")
        self.count = QLabel()
        self.count.setObjectName("muted")
        self.totals = QLabel()
        self.totals.setObjectName("muted")
        self.totals.setWordWrap(True)
        self.list = BoardList(stage)
        self.list.setItemDelegate(CardDelegate(fmt, self.list))
        self.list.setAccessibleName(labels.stage(stage))
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 8)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.totals)
        layout.addWidget(self.list, 1)


class PipelineView(QWidget):
    """Signals:
        opportunity_moved(str, str): an opportunity moved to a stage (id, stage).
        customer_open_requested(str): open this customer's 360 view.
    """

    opportunity_moved = Signal(str, str)
    customer_open_requested = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager, fmt: Formatter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._fmt = fmt
        self.board: Board | None = None
        header, actions = page_header(self.tr("Opportunities"))
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        actions.addWidget(self.summary)
        self.board_button = QPushButton(theme.icon("opportunities", theme.TEXT, 16),
                                        self.tr("Board"))
        self.list_button = QPushButton(theme.icon("list", theme.TEXT, 16), self.tr("List"))
        group = QButtonGroup(self)
        for button in (self.board_button, self.list_button):
            button.setCheckable(True)
            group.addButton(button)
            actions.addWidget(button)
        self.board_button.setChecked(True)
        self.columns: dict[str, BoardColumn] = {}
        board = QWidget()
        row = QHBoxLayout(board)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        for stage in Stage:
            column = BoardColumn(stage.value, fmt)
            column.list.card_dropped.connect(self._on_card_dropped)
            column.list.itemActivated.connect(self._on_card_activated)
            column.list.itemDoubleClicked.connect(self._on_card_activated)
            self.columns[stage.value] = column
            row.addWidget(column, 1)
        self.table = QTreeWidget()
        self.table.setObjectName("opportunityList")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setHeaderLabels([self.tr("Opportunity"), self.tr("Customer"),
                                    self.tr("Stage"), self.tr("Amount"),
                                    self.tr("Probability"), self.tr("Expected close")])
        for col, width in enumerate((220, 320, 120, 130, 90)):
            self.table.setColumnWidth(col, width)
        self.table.setSortingEnabled(True)
        self.table.itemActivated.connect(
            lambda item, _col: self.customer_open_requested.emit(
                str(item.data(0, Qt.ItemDataRole.UserRole))))
        # The seven columns scroll sideways on a narrow screen instead of widening the window
        # (they need about 1 240 px; a 1366 px laptop leaves less beside the sidebar).
        board_scroll = QScrollArea()
        board_scroll.setWidget(board)
        board_scroll.setWidgetResizable(True)
        board_scroll.setFrameShape(QFrame.Shape.NoFrame)
        board_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.stack.addWidget(board_scroll)
        self.stack.addWidget(self.table)
        self.board_button.clicked.connect(lambda: self._show_mode(0))
        self.list_button.clicked.connect(lambda: self._show_mode(1))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(header)
        layout.addWidget(self.stack, 1)

    def _show_mode(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.refresh()

    def show_list(self) -> None:
        self.list_button.setChecked(True)
        self._show_mode(1)

    def refresh(self) -> None:
        db, owner = self._services.db, self._services.owner_filter
        if self.stack.currentIndex() == 0:
            self._tasks.read(lambda: load_board(db, owner), self._on_board_loaded)
        else:
            self._tasks.read(lambda: opportunity_list(db, owner), self._on_list_loaded)

    def _on_board_loaded(self, board: Board) -> None:
        self.board = board
        fmt = self._fmt
        open_total = sum((t.weighted for s, t in board.totals.items()
                          if s not in (Stage.WON, Stage.LOST)), start=type(
                              board.totals[Stage.WON].weighted)(0))
        self.summary.setText(self.tr("Weighted open pipeline: {amount}").format(
            amount=fmt.money_short(open_total)))
        for stage, column in self.columns.items():
            total = board.totals[stage]
            column.count.setText(fmt.number(total.count))
            column.totals.setText(self.tr("{total} · weighted {weighted}").format(
                total=fmt.money_short(total.amount), weighted=fmt.money_short(total.weighted)))
            column.list.clear()
            for card in board.cards[stage]:
                item = QListWidgetItem(column.list)
                item.setData(CARD_ROLE, card)
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             f"{card.name}, {card.customer_name}")
                item.setToolTip(f"{card.name}\n{card.customer_name}\n"
                                f"{fmt.money(card.amount, card.currency)} · {card.probability}%")

    def _on_list_loaded(self, rows: list[OpportunityRow]) -> None:
        self.table.setSortingEnabled(False)
        self.table.clear()
        fmt = self._fmt
        for r in rows:
            item = QTreeWidgetItem(self.table, [
                r.name, r.customer_name, labels.stage(r.stage), fmt.money(r.amount, r.currency),
                f"{r.probability}%", fmt.date(r.expected_close)])
            item.setData(0, Qt.ItemDataRole.UserRole, r.customer_id)
            item.setForeground(2, QColor(theme.STAGE_COLORS.get(r.stage, theme.TEXT)))
        self.table.setSortingEnabled(True)
        self.summary.setText(self.tr("{n} open opportunities").format(n=fmt.number(len(rows))))

    def _card(self, opp_id: str) -> Card | None:
        if self.board is None:
            return None
        for cards in self.board.cards.values():
            for card in cards:
                if card.id == opp_id:
                    return card
        return None

    def _on_card_dropped(self, opp_id: str, stage: str) -> None:
        if stage == Stage.LOST.value:
            card = self._card(opp_id)
            dialog = LostReasonDialog(card.name if card else "", self)
            dialog.accepted.connect(
                lambda: self.move_opportunity(opp_id, stage, dialog.selected_reason()))
            dialog.open()
            self.lost_dialog = dialog
            return
        self.move_opportunity(opp_id, stage)

    def move_opportunity(self, opp_id: str, stage: str, lost_reason: str | None = None) -> None:
        service = self._services.opportunities
        self._tasks.write(lambda: service.move(opp_id, stage, lost_reason), self._on_moved,
                          lambda exc: show_error(self, exc))

    def _on_moved(self, view: OpportunityView) -> None:
        self.opportunity_moved.emit(view.id, view.stage)
        self.refresh()

    def _on_card_activated(self, item: QListWidgetItem) -> None:
        card = item.data(CARD_ROLE)
        if isinstance(card, Card):
            self.customer_open_requested.emit(card.customer_id)
