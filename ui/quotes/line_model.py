"""The builder's lines as a table model, repriced on every edit.

The model holds what the rep typed (quantity and discount as text, so a half-typed "1." is
kept as typed) and the catalog entry of each line. Pricing is :func:`app.pricing.price_quote`
— pure and memoised per line, so repricing 200 lines after one keystroke takes well under a
millisecond on the UI thread and touches no database.

A line the engine rejects (quantity ≤ 0, discount over 100 %, inactive product, currency of
another price list) is priced out of the totals and shows its error in place, so the rest of
the quote keeps updating while the rep fixes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from typing_extensions import override

from app.errors import AppError
from app.pricing import (
    Discount,
    LineInput,
    PricingError,
    ProductPrice,
    QuoteInput,
    QuotePricing,
    price_quote,
)
from app.services.quotes import LineDraft
from app.services.views import ProductView
from ui import theme
from ui.format import Formatter
from ui.quotes.messages import error_text

Index = QModelIndex | QPersistentModelIndex

COL_SKU, COL_NAME, COL_QTY, COL_PRICE, COL_DISCOUNT, COL_TAX, COL_AMOUNT, COL_STOCK = range(8)
EDITABLE = (COL_QTY, COL_DISCOUNT)


@dataclass(frozen=True)
class EditLine:
    """One line as typed. ``price`` is None when the product left the catalog."""

    product_id: str
    sku: str
    name: str
    unit: str
    tax_rate: Decimal
    stock_on_hand: Decimal | None
    price: ProductPrice | None
    quantity_text: str = "1"
    discount_text: str = ""
    error: AppError | None = field(default=None, compare=False)

    @classmethod
    def of(cls, product: ProductView, price: ProductPrice | None, quantity: str = "1",
           discount: str = "") -> EditLine:
        return cls(product.id, product.sku, product.name, product.unit, product.tax_rate,
                   product.stock_on_hand, price, quantity, discount)


def parse_decimal(text: str) -> Decimal | None:
    """A number as typed ("1,5" is 1.5; "" and junk are None)."""
    cleaned = text.strip().replace(",", ".").replace("%", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _input_of(line: EditLine) -> LineInput:
    """The engine's input for one line, or a PricingError naming what is wrong."""
    if line.price is None:
        raise PricingError("product_not_found", field="product")
    quantity = parse_decimal(line.quantity_text)
    if quantity is None:
        raise PricingError("not_a_number", field="quantity")
    discount = None
    if line.discount_text.strip():
        value = parse_decimal(line.discount_text)
        if value is None:
            raise PricingError("not_a_number", field="discount")
        if value != 0:
            discount = Discount.percent(value)
    return LineInput(line.price, quantity, line.tax_rate * 100, discount)


class QuoteLinesModel(QAbstractTableModel):
    """Lines of the quote being built.

    Signals:
        repriced(): the pricing (and so the totals) changed after an edit.
    """

    repriced = Signal()

    def __init__(self, fmt: Formatter, currency: str = "CNY") -> None:
        super().__init__()
        self._fmt = fmt
        self._lines: list[EditLine] = []
        self._priced: dict[int, Any] = {}  # line index -> LinePricing
        self._warnings: dict[int, Decimal] = {}
        self.currency = currency
        self.quote_discount_text = ""
        self.pricing: QuotePricing | None = None
        self.quote_error: AppError | None = None
        self.read_only = False
        self._headers = [self.tr("SKU"), self.tr("Product"), self.tr("Quantity"),
                         self.tr("Unit price"), self.tr("Discount %"), self.tr("Tax"),
                         self.tr("Amount"), self.tr("Stock")]

    # -- editing API ----------------------------------------------------------------------
    def lines(self) -> list[EditLine]:
        return list(self._lines)

    def set_lines(self, lines: list[EditLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()
        self.recalc()

    def add_line(self, line: EditLine) -> int:
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(line)
        self.endInsertRows()
        self.recalc()
        return row

    def remove_line(self, row: int) -> None:
        if not 0 <= row < len(self._lines):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._lines[row]
        self.endRemoveRows()
        self.recalc()

    def set_currency(self, currency: str) -> None:
        self.currency = currency
        self.recalc()

    def set_quote_discount(self, text: str) -> None:
        self.quote_discount_text = text
        self.recalc()

    def drafts(self) -> list[LineDraft]:
        """What the service saves. Unparseable text is passed as-is so the service rejects
        it with the same clear message the screen shows."""
        result = []
        for line in self._lines:
            quantity = parse_decimal(line.quantity_text)
            discount = parse_decimal(line.discount_text) if line.discount_text.strip() else None
            result.append(LineDraft(
                line.product_id, quantity if quantity is not None else Decimal("NaN"),
                "percent" if discount else "none", discount or Decimal(0)))
        return result

    def errors(self) -> list[tuple[int, AppError]]:
        return [(i, ln.error) for i, ln in enumerate(self._lines) if ln.error is not None]

    def stock_warnings(self) -> dict[int, Decimal]:
        """Line index -> stock on hand, where the quantity asks for more (warn, never block).
        Computed once per reprice: ``data()`` asks for it for every painted cell."""
        return dict(self._warnings)

    def _compute_stock_warnings(self) -> dict[int, Decimal]:
        warnings = {}
        for index, line in enumerate(self._lines):
            quantity = parse_decimal(line.quantity_text)
            if line.stock_on_hand is not None and quantity is not None \
                    and quantity > line.stock_on_hand:
                warnings[index] = line.stock_on_hand
        return warnings

    # -- pricing --------------------------------------------------------------------------
    def recalc(self) -> None:
        """Reprice every line (memoised: unchanged lines cost a cache lookup)."""
        valid: list[int] = []
        inputs: list[LineInput] = []
        for index, line in enumerate(self._lines):
            try:
                inputs.append(_input_of(line))
                valid.append(index)
                self._set_error(index, None)
            except PricingError as error:
                self._set_error(index, error)
        self.pricing, self.quote_error = self._price(valid, inputs)
        self._priced = {}
        self._warnings = self._compute_stock_warnings()
        if self.pricing is not None:
            self._priced = dict(zip(valid, self.pricing.lines, strict=True))
        if self._lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1,
                                                               COL_STOCK))
        self.repriced.emit()

    def _quote_discount(self) -> Discount | None:
        value = parse_decimal(self.quote_discount_text)
        if self.quote_discount_text.strip() and value is None:
            raise PricingError("not_a_number", field="discount")
        return Discount.percent(value) if value else None

    def _price(self, valid: list[int], inputs: list[LineInput]
               ) -> tuple[QuotePricing | None, AppError | None]:
        """Price the valid lines; a line the engine rejects is marked and left out."""
        try:
            discount = self._quote_discount()
        except PricingError as error:
            return None, error
        while True:
            try:
                return price_quote(QuoteInput(self.currency, tuple(inputs), discount)), None
            except PricingError as error:
                position = _line_of(error)
                if position is None:
                    return None, error
                self._set_error(valid[position], _strip_line(error))
                del valid[position], inputs[position]

    def _set_error(self, index: int, error: AppError | None) -> None:
        line = self._lines[index]
        if line.error is not error:
            self._lines[index] = replace(line, error=error)

    # -- Qt model -------------------------------------------------------------------------
    @override
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    @override
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    @override
    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    @override
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in EDITABLE and not self.read_only:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    @override
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(index.row(), line, col, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            if line.error is not None:
                return error_text(line.error)
            if col == COL_STOCK and index.row() in self._warnings:
                return self.tr("The quantity is more than the stock on hand.")
        if role == Qt.ItemDataRole.ForegroundRole:
            if line.error is not None and col in (COL_QTY, COL_DISCOUNT, COL_AMOUNT, COL_NAME):
                return QBrush(QColor(theme.DANGER))
            if col == COL_STOCK and index.row() in self._warnings:
                return QBrush(QColor(theme.WARNING))
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= COL_QTY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: int, line: EditLine, col: int, editing: bool) -> str:
        fmt = self._fmt
        priced = self._priced.get(row)
        if col == COL_SKU:
            return line.sku
        if col == COL_NAME:
            return line.name if line.error is None else f"{line.name} — {error_text(line.error)}"
        if col == COL_QTY:
            return line.quantity_text
        if col == COL_DISCOUNT:
            return line.discount_text
        if col == COL_TAX:
            return f"{fmt.number(line.tax_rate * 100)} %"
        if col == COL_STOCK:
            if line.stock_on_hand is None:
                return "—"
            mark = " ⚠" if row in self._warnings else ""
            return f"{fmt.number(line.stock_on_hand)}{mark}"
        if priced is None:
            return "—"
        if col == COL_PRICE:
            return fmt.money(priced.unit_price, self.currency)
        return fmt.money(priced.net, self.currency)  # COL_AMOUNT

    @override
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only \
                or index.column() not in EDITABLE:
            return False
        line = self._lines[index.row()]
        text = "" if value is None else str(value)
        if index.column() == COL_QTY:
            if text == line.quantity_text:
                return True
            self._lines[index.row()] = replace(line, quantity_text=text)
        else:
            if text == line.discount_text:
                return True
            self._lines[index.row()] = replace(line, discount_text=text)
        self.recalc()
        return True


def _line_of(error: PricingError) -> int | None:
    """The line index a pricing error points at (``lines[3].quantity`` -> 3)."""
    where = error.field or ""
    if not where.startswith("lines["):
        return None
    return int(where[len("lines["):where.index("]")])


def _strip_line(error: PricingError) -> PricingError:
    """The same error relative to its line (the screen shows it on the line itself)."""
    where = error.field or ""
    rest = where.split("].", 1)[1] if "]." in where else None
    return PricingError(error.code, field=rest, **error.params)
