"""Create or edit a customer: dropdowns for the standard lists, errors shown on the field,
and duplicate warnings from the service ("open the existing one" or "create anyway")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.enums import CustomerLevel, Industry, Region, Source
from app.errors import AppError, DuplicateError, ValidationError
from app.services.customers import CustomerInput, CustomerService
from app.services.views import CustomerView, DuplicateCandidate
from ui import labels
from ui.errors import message_for, show_error
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.common import clear_layout


def _combo(values: list[str], label: Callable[[str], str]) -> QComboBox:
    box = QComboBox()
    for value in values:
        box.addItem(label(value), value)
    return box


class CustomerFormDialog(QDialog):
    """Signals:
        customer_saved(str): the customer was created or updated (its id).
        open_existing_requested(str): the user chose an existing duplicate instead (its id).
    """

    customer_saved = Signal(str)
    open_existing_requested = Signal(str)

    def __init__(self, services: AppServices, tasks: TaskManager,
                 customer: CustomerView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._customer = customer
        self.setWindowTitle(self.tr("Edit customer") if customer else self.tr("New customer"))
        self.setMinimumWidth(620)
        self.setObjectName("customerForm")

        self.full_name = QLineEdit()
        self.full_name.setPlaceholderText(self.tr("Registered name, e.g. 深圳市华宏科技有限公司"))
        self.short_name = QLineEdit()
        self.industry = _combo([e.value for e in Industry], labels.industry)
        self.region = _combo([e.value for e in Region], labels.region)
        self.source = _combo([e.value for e in Source], labels.source)
        self.level = _combo([e.value for e in CustomerLevel], labels.level)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("+86 755 1234 5678"))
        self.website = QLineEdit()
        self.website.setPlaceholderText("https://")
        self.uscc = QLineEdit()
        self.uscc.setPlaceholderText(self.tr("18-character unified social credit code"))
        self.address = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        self.source.setCurrentIndex(self.source.findData(Source.MANUAL.value))
        self.level.setCurrentIndex(self.level.findData(CustomerLevel.NORMAL.value))

        self._fields: dict[str, QWidget] = {
            "full_name": self.full_name, "short_name": self.short_name,
            "industry": self.industry, "region": self.region, "source": self.source,
            "level": self.level, "phone": self.phone, "website": self.website,
            "uscc": self.uscc, "address": self.address, "notes": self.notes,
        }
        self._errors: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        layout_order = [("full_name", 0, 0, 3), ("short_name", 2, 0, 1), ("level", 2, 1, 1),
                        ("industry", 4, 0, 1), ("region", 4, 1, 1), ("source", 6, 0, 1),
                        ("phone", 6, 1, 1), ("website", 8, 0, 1), ("uscc", 8, 1, 1),
                        ("address", 10, 0, 2), ("notes", 12, 0, 2)]
        for name, row, col, span in layout_order:
            box = QVBoxLayout()
            box.setSpacing(3)
            caption = QLabel(labels.field_name(name) + (" *" if name in (
                "full_name", "industry", "region") else ""))
            caption.setBuddy(self._fields[name])
            box.addWidget(caption)
            box.addWidget(self._fields[name])
            error = QLabel()
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.hide()
            box.addWidget(error)
            self._errors[name] = error
            self._fields[name].setAccessibleName(labels.field_name(name))
            grid.addLayout(box, row, col, 1, min(span, 2))
        self.name_warning = QLabel()
        self.name_warning.setObjectName("fieldWarning")
        self.name_warning.hide()

        self.duplicates = QFrame()
        self.duplicates.setObjectName("card")
        self.duplicates.setStyleSheet("QFrame#card { background: #fffbeb; border-color: #fcd34d; }")
        self._dup_layout = QVBoxLayout(self.duplicates)
        self.duplicates.hide()

        self.save_button = QPushButton(self.tr("Save customer"))
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(10)
        layout.addLayout(grid)
        layout.addWidget(self.name_warning)
        layout.addWidget(self.duplicates)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self._on_save_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.full_name.editingFinished.connect(self._on_full_name_edited)
        if customer is not None:
            self._load(customer)

    def _load(self, c: CustomerView) -> None:
        self.full_name.setText(c.full_name)
        self.short_name.setText(c.short_name or "")
        for name, value in (("industry", c.industry), ("region", c.region),
                            ("source", c.source), ("level", c.level)):
            box = self._fields[name]
            assert isinstance(box, QComboBox)
            box.setCurrentIndex(max(0, box.findData(value)))
        self.phone.setText(c.phone or "")
        self.website.setText(c.website or "")
        self.uscc.setText(c.uscc or "")
        self.address.setText(c.address or "")
        self.notes.setPlainText(c.notes or "")

    def _input(self) -> CustomerInput:
        return CustomerInput(
            full_name=self.full_name.text(), short_name=self.short_name.text() or None,
            industry=str(self.industry.currentData()), region=str(self.region.currentData()),
            source=str(self.source.currentData()), level=str(self.level.currentData()),
            phone=self.phone.text() or None, website=self.website.text() or None,
            uscc=self.uscc.text() or None, address=self.address.text() or None,
            notes=self.notes.toPlainText() or None,
            owner_id=self._customer.owner_id if self._customer else None)

    def _on_full_name_edited(self) -> None:
        warnings = CustomerService.name_warnings(self.full_name.text())
        if "missing_legal_suffix" in warnings and self.full_name.text().strip():
            self.name_warning.setText(self.tr(
                "Tip: use the full registered name including its legal form "
                "(有限公司, Ltd., GmbH …)."))
            self.name_warning.show()
        else:
            self.name_warning.hide()

    def clear_errors(self) -> None:
        for name, label in self._errors.items():
            label.hide()
            self._fields[name].setProperty("invalid", False)
            self._fields[name].style().polish(self._fields[name])

    def field_error(self, name: str) -> str:
        label = self._errors.get(name)
        return label.text() if label is not None and not label.isHidden() else ""

    def _on_save_clicked(self, _checked: bool = False, allow_duplicate: bool = False) -> None:
        self.clear_errors()
        self.duplicates.hide()
        data = self._input()
        service = self._services.customers
        self.save_button.setEnabled(False)
        if self._customer is None:
            def work() -> CustomerView:
                return service.create(data, allow_duplicate=allow_duplicate)
        else:
            customer_id = self._customer.id
            changes = {k: v for k, v in data.__dict__.items()
                       if k != "owner_id" and getattr(self._customer, k) != v}

            def work() -> CustomerView:
                return service.update(customer_id, changes, allow_duplicate=allow_duplicate)
        self._tasks.write(work, self._on_saved, self._on_save_failed)

    def save_anyway(self) -> None:
        self._on_save_clicked(False, allow_duplicate=True)

    def _on_saved(self, view: CustomerView) -> None:
        self.save_button.setEnabled(True)
        self.customer_saved.emit(view.id)
        self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, DuplicateError):
            self._show_duplicates(list(error.params.get("candidates", [])),
                                  bool(error.params.get("blocking")))
        elif isinstance(error, ValidationError) and error.field:
            name = error.field.split("[", 1)[0]
            if name in self._errors:
                self._errors[name].setText(message_for(
                    ValidationError(error.code, None, **error.params)))
                self._errors[name].show()
                widget = self._fields[name]
                widget.setProperty("invalid", True)
                widget.style().polish(widget)
                widget.setFocus()
                return
            show_error(self, error)
        elif isinstance(error, AppError):
            show_error(self, error)
        else:
            show_error(self, error)

    def _show_duplicates(self, candidates: list[DuplicateCandidate], blocking: bool) -> None:
        clear_layout(self._dup_layout)
        title = QLabel(self.tr("This customer may already exist:") if not blocking else
                       self.tr("A customer with this credit code already exists:"))
        title.setStyleSheet("font-weight: 600;")
        self._dup_layout.addWidget(title)
        for candidate in candidates[:5]:
            row = QHBoxLayout()
            how = {"uscc": self.tr("same credit code"), "exact_name": self.tr("same name"),
                   "similar_name": self.tr("similar name ({score:.0f}%)").format(
                       score=candidate.score)}.get(candidate.kind, candidate.kind)
            text = QLabel(f"{candidate.label}  ·  {how}")
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            open_button = QPushButton(self.tr("Open existing"))
            open_button.setObjectName("link")
            open_button.clicked.connect(
                lambda _c=False, cid=candidate.id: self._on_open_existing(cid))
            row.addWidget(text, 1)
            row.addWidget(open_button)
            holder = QWidget()
            holder.setLayout(row)
            self._dup_layout.addWidget(holder)
        if not blocking:
            anyway = QPushButton(self.tr("Create anyway"))
            anyway.setObjectName("createAnyway")
            anyway.clicked.connect(self.save_anyway)
            self._dup_layout.addWidget(anyway, 0, Qt.AlignmentFlag.AlignRight)
        self.duplicates.show()

    def _on_open_existing(self, customer_id: str) -> None:
        self.open_existing_requested.emit(customer_id)
        self.reject()
