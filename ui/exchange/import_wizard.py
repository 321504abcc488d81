"""The import wizard: file → column mapping → preview & validation → duplicates → import.

Reading, validating and writing run on worker threads (reader pool for the read-only steps,
the single writer for the import), with a progress bar and Cancel, so a 20 000-row sheet never
freezes the window. The mapping chosen for a given set of column headings is remembered in
QSettings and offered again next time. Nothing is written until the last step, and then the
whole file or nothing.

Managers and admins may also import **products** for the server's catalog. Products belong to
the server (read-only on a replica), so the last step uploads the previewed rows to it in one
request (:mod:`sync.client.catalog_upload`, through the injected ``uploader``) instead of
writing the replica; the next sync brings them to every laptop. Offline, the step says that a
connection is needed and offers to try again, keeping everything chosen so far.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from typing_extensions import override

from app.exchange.export import write_issues
from app.exchange.fields import ENTITY_FIELDS, fold, guess_mapping
from app.exchange.importer import ImportOptions, ImportResult, commit, prepare
from app.exchange.plan import Action, ImportPlan, RowIssue
from app.exchange.products import upload_rows
from app.exchange.reader import SheetTable, read_table
from sync.client.catalog_upload import UploadRefusedError, UploadResult
from sync.client.errors import OfflineError, SyncError
from ui import theme
from ui.errors import message_for
from ui.labels import field_value
from ui.services import AppServices
from ui.tasks import Pool, Progress, TaskManager

PREVIEW_ROWS = 200
PAGE_FILE, PAGE_MAPPING, PAGE_PREVIEW, PAGE_DUPLICATES, PAGE_IMPORT = range(5)
CATALOG_ROLES = ("manager", "admin")

# Sends a products plan's rows to the server: (rows, file name, cancel) → what it did.
ProductUploader = Callable[[list[dict[str, Any]], str, threading.Event], UploadResult]


def engine_uploader(engine: Any) -> ProductUploader:
    """The uploader for a signed-in session's sync engine (the composition root passes it)."""
    from sync.client.catalog_upload import upload_products

    def upload(rows: list[dict[str, Any]], name: str, cancel: threading.Event) -> UploadResult:
        return upload_products(engine, rows, file_name=name, cancel=cancel)

    return upload


def _table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _error_text(exc: BaseException) -> str:
    return message_for(exc)


class ImportWizard(QWizard):
    """Signals:
        import_finished(object): the file was imported (an ImportResult).
    """

    import_finished = Signal(object)

    def __init__(self, services: AppServices, tasks: TaskManager,
                 settings: QSettings | None = None, parent: QWidget | None = None,
                 uploader: ProductUploader | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.uploader = uploader  # None: no server session (products cannot be uploaded)
        self.settings = settings or QSettings("FieldSales", "FieldSales")
        self.table: SheetTable | None = None
        self.path: Path | None = None
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | UploadResult | None = None
        self.cancel_event = threading.Event()
        self.setWindowTitle(self.tr("Import from Excel or CSV"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.resize(940, 640)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.duplicates_page = DuplicatesPage(self)
        self.import_page = ImportPage(self)
        for number, page in enumerate((self.file_page, self.mapping_page, self.preview_page,
                                       self.duplicates_page, self.import_page)):
            self.setPage(number, page)

    @property
    def entity(self) -> str:
        return str(self.file_page.entity.currentData())

    @property
    def manages_catalog(self) -> bool:
        return self.services.user.role in CATALOG_ROLES

    def import_options(self) -> ImportOptions:
        return ImportOptions(entity=self.entity, mapping=self.mapping_page.mapping(),
                             on_duplicate=self.duplicates_page.default_action(),
                             decisions=self.duplicates_page.decisions())

    def progress(self, bar: QProgressBar, label: QLabel) -> Progress:
        """A Progress whose reports (from the worker) update ``bar`` on the UI thread."""
        phases = {"validating": self.tr("Checking rows…"), "matching": self.tr(
            "Looking for duplicates…"), "writing": self.tr("Importing…"),
            "uploading": self.tr("Sending to the server…")}

        def report(phase: str, done: int, total: int) -> None:
            def show() -> None:
                bar.setMaximum(max(total, 1))
                bar.setValue(min(done, total))
                label.setText(f"{phases.get(phase, phase)} {done:,} / {total:,}")
            self.tasks.call_in_ui(show)

        progress = Progress(report)
        progress.cancelled = self.cancel_event
        return progress

    @override
    def reject(self) -> None:
        self.cancel_event.set()  # a running step stops and rolls back
        super().reject()


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(self.tr(".xlsx, or .csv saved as UTF-8 or GB18030 (GBK). The first "
                                 "row holds the column headings."))
        self.entity = QComboBox()
        self.entity.addItem(self.tr("Customers"), "customers")
        self.entity.addItem(self.tr("Contacts (of existing customers)"), "contacts")
        if wizard.manages_catalog:  # reps cannot change the catalog: no such choice
            self.entity.addItem(self.tr("Products (the server's catalog)"), "products")
        self.entity.currentIndexChanged.connect(self._on_entity_changed)
        self.catalog_note = QLabel(self.tr(
            "Products go to the server's catalog, for the whole team: the last step sends them "
            "to the server, so it needs a connection. Existing SKUs can be updated or "
            "skipped."))
        self.catalog_note.setWordWrap(True)
        self.catalog_note.setObjectName("muted")
        self.catalog_note.hide()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("File to import"))
        self.path_edit.editingFinished.connect(lambda: self.set_path(Path(self.path_edit.text())))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._on_browse_clicked)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("What the file holds")))
        layout.addWidget(self.entity)
        layout.addWidget(self.catalog_note)
        layout.addSpacing(8)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def _on_entity_changed(self) -> None:
        self.catalog_note.setVisible(self.entity.currentData() == "products")

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import"), "", self.tr(
            "Sheets (*.xlsx *.csv)"))
        if path:
            self.set_path(Path(path))

    def set_path(self, path: Path) -> None:
        """Read the file on a worker; the page completes when it was readable."""
        self.w.table, self.w.path = None, path
        self.path_edit.setText(str(path))
        self.status.setText(self.tr("Reading…"))
        self.completeChanged.emit()
        self.w.tasks.read(lambda: read_table(path), self._on_read, self._on_failed)

    def _on_read(self, table: SheetTable) -> None:
        self.w.table = table
        encoding = f" · {table.encoding.upper()}" if table.encoding else ""
        self.status.setText(self.tr("{rows} rows, {columns} columns{encoding}").format(
            rows=f"{len(table.rows):,}", columns=len(table.headers), encoding=encoding))
        self.status.setStyleSheet(f"color: {theme.SUCCESS}")
        self.completeChanged.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self.status.setText(_error_text(exc))
        self.status.setStyleSheet(f"color: {theme.DANGER}")

    @override
    def isComplete(self) -> bool:
        return self.w.table is not None


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(self.tr("Pick the field each column fills. Fields marked * are "
                                 "required. Your choice is remembered for files with the same "
                                 "headings."))
        self.grid = _table([self.tr("Column"), self.tr("First values"), self.tr("Field")])
        self.missing = QLabel()
        self.missing.setStyleSheet(f"color: {theme.DANGER}")
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.missing)
        self.combos: list[QComboBox] = []

    def _key(self) -> str:
        table = self.w.table
        assert table is not None
        digest = hashlib.sha1("|".join(fold(h) for h in table.headers).encode(),
                              usedforsecurity=False).hexdigest()[:16]
        return f"import/mapping/{self.w.entity}/{digest}"

    @override
    def initializePage(self) -> None:
        table = self.w.table
        assert table is not None
        saved = self.w.settings.value(self._key())
        mapping = ({int(k): v for k, v in json.loads(saved).items()}
                   if isinstance(saved, str) else guess_mapping(table.headers, self.w.entity))
        labels = field_labels()
        self.grid.setRowCount(len(table.headers))
        self.combos = []
        for index, heading in enumerate(table.headers):
            self.grid.setItem(index, 0, QTableWidgetItem(heading))
            sample = " · ".join(r[index] for r in table.rows[:3] if r[index])
            self.grid.setItem(index, 1, QTableWidgetItem(sample[:80]))
            combo = QComboBox()
            combo.addItem(self.tr("(ignore)"), None)
            for spec in ENTITY_FIELDS[self.w.entity]:
                combo.addItem(labels.get(spec.key, spec.heading) + (" *" if spec.required
                                                                     else ""), spec.key)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(index))))
            combo.currentIndexChanged.connect(self._on_combo_changed)
            self.grid.setCellWidget(index, 2, combo)
            self.combos.append(combo)
        self._on_combo_changed()

    def mapping(self) -> dict[int, str]:
        return {i: str(c.currentData()) for i, c in enumerate(self.combos)
                if c.currentData() is not None}

    def missing_fields(self) -> list[str]:
        chosen = set(self.mapping().values())
        return [s.key for s in ENTITY_FIELDS[self.w.entity] if s.required and s.key not in chosen]

    def _on_combo_changed(self) -> None:
        labels = field_labels()
        missing = self.missing_fields()
        self.missing.setText(self.tr("Still needed: {fields}").format(
            fields=", ".join(labels.get(f, f) for f in missing)) if missing else "")
        self.completeChanged.emit()

    @override
    def isComplete(self) -> bool:
        return bool(self.combos) and not self.missing_fields()

    @override
    def validatePage(self) -> bool:
        self.w.settings.setValue(self._key(), json.dumps(
            {str(k): v for k, v in self.mapping().items()}))
        return True


def field_labels() -> dict[str, str]:
    from PySide6.QtCore import QCoreApplication

    t = QCoreApplication.translate
    return {"full_name": t("ImportFields", "Company (registered name)"),
            "short_name": t("ImportFields", "Short name"),
            "industry": t("ImportFields", "Industry"), "region": t("ImportFields", "Region"),
            "level": t("ImportFields", "Level"), "source": t("ImportFields", "Source"),
            "phone": t("ImportFields", "Phone"), "website": t("ImportFields", "Website"),
            "uscc": t("ImportFields", "Unified social credit code"),
            "address": t("ImportFields", "Address"), "notes": t("ImportFields", "Notes"),
            "company": t("ImportFields", "Company"), "name": t("ImportFields", "Name"),
            "title": t("ImportFields", "Title"), "department": t("ImportFields", "Department"),
            "mobile": t("ImportFields", "Mobile"),
            "office_phone": t("ImportFields", "Office phone"),
            "email": t("ImportFields", "E-mail"), "wechat_id": t("ImportFields", "WeChat"),
            "sku": t("ImportFields", "SKU"), "name_zh": t("ImportFields", "Chinese name"),
            "category": t("ImportFields", "Category"), "unit": t("ImportFields", "Unit"),
            "currency": t("ImportFields", "Currency"),
            "list_price": t("ImportFields", "List price"),
            "tax_rate": t("ImportFields", "Tax rate"),
            "tier_mode": t("ImportFields", "Tier mode"),
            "tiers": t("ImportFields", "Price tiers (qty:price; …)"),
            "active": t("ImportFields", "Active"),
            "description": t("ImportFields", "Description")}


def product_issue_text(issue: RowIssue) -> str | None:
    """Sentences for the catalog's own codes (the shared ones go through ui.errors)."""
    from PySide6.QtCore import QCoreApplication

    t = QCoreApplication.translate
    return {"sku_repeated": t("ImportFields", "This SKU is on an earlier row of the file."),
            "tiers_invalid": t("ImportFields", "Write tiers as quantity:price pairs separated "
                               "by semicolons, e.g. 10:95;100:90."),
            "tiers_not_ascending": t("ImportFields", "Tier quantities must be above zero and "
                                     "ascending."),
            "unknown_currency": t("ImportFields", "Unknown currency: use a code such as CNY or "
                                  "USD."),
            "too_many_rows": t("ImportFields", "Too many products in one file: split it.")}.get(
                issue.code)


def _shown(key: str, value: Any) -> str:
    """A previewed value as the user reads it (catalog values included)."""
    from PySide6.QtCore import QCoreApplication

    if key == "tax_rate" and isinstance(value, str):
        return f"{(Decimal(value) * 100).normalize():f} %"
    if key == "tiers" and isinstance(value, list):
        return "; ".join(f"{t['min_qty']}:{t['unit_price']}" for t in value)
    if isinstance(value, bool):
        return QCoreApplication.translate("ImportFields", "Yes" if value else "No")
    return field_value(key, value)


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Preview and check"))
        self.setSubTitle(self.tr("Every row is checked against the data standards and the "
                                 "customers you already have. Nothing is saved yet."))
        self.bar = QProgressBar()
        self.label = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.rows = _table([])
        self.issues = _table([self.tr("Row"), self.tr("Field"), self.tr("Problem"),
                              self.tr("Value")])
        self.save_errors = QPushButton(self.tr("Save errors as .xlsx…"))
        self.save_errors.clicked.connect(self._on_save_errors_clicked)
        self.save_errors.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.rows, 3)
        layout.addWidget(self.issues, 2)
        layout.addWidget(self.save_errors, 0, Qt.AlignmentFlag.AlignLeft)
        self._running = False

    @override
    def initializePage(self) -> None:
        table = self.w.table
        assert table is not None
        self.w.plan = None
        self._running = True
        if self.w.entity == "products":
            self.setSubTitle(self.tr("Every row is checked against the catalog's data "
                                     "standards (the server checks them again) and the SKUs "
                                     "already in the catalog. Nothing is sent yet."))
        self.issues.hide()
        self.save_errors.hide()
        self.bar.show()
        self.summary.setText("")
        ctx, options = self.w.services.ctx, self.w.import_options()
        progress = self.w.progress(self.bar, self.label)
        self.w.tasks.read(lambda: prepare(ctx, table, options, progress.report,
                                          progress.cancelled),
                          self._on_prepared, self._on_failed)
        self.completeChanged.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self._running = False
        self.summary.setText(_error_text(exc))
        self.summary.setStyleSheet(f"color: {theme.DANGER}")

    def _on_prepared(self, plan: ImportPlan) -> None:
        self._running = False
        self.w.plan = plan
        self.bar.hide()
        self.label.setText("")
        ready = len(plan.rows) - len(plan.duplicates)
        counts = {"ready": f"{ready:,}", "dups": f"{len(plan.duplicates):,}",
                  "errors": f"{len({i.row for i in plan.issues}):,}"}
        text = self.tr("{ready} new products, {dups} SKUs already in the catalog, {errors} rows "
                       "with errors.") if plan.entity == "products" else self.tr(
            "{ready} new rows, {dups} possible duplicates, {errors} rows with errors.")
        self.summary.setText(text.format(**counts)
            + ("" if plan.valid else " " + self.tr(
                "Fix the errors in the file and import it again: nothing is imported while "
                "any row is wrong.")))
        self.summary.setStyleSheet(f"color: {theme.TEXT if plan.valid else theme.DANGER}")
        self._fill_rows(plan)
        if plan.issues:
            self.issues.setRowCount(min(len(plan.issues), 500))
            for r, issue in enumerate(plan.issues[:500]):
                problem = product_issue_text(issue) or _error_text(
                    _as_error(issue.code, issue.field))
                field = field_labels().get(issue.field or "", issue.field or "")
                for c, text in enumerate((str(issue.row), field, problem, issue.value)):
                    self.issues.setItem(r, c, QTableWidgetItem(text))
            self.issues.show()
            self.save_errors.show()
        self.completeChanged.emit()

    def _fill_rows(self, plan: ImportPlan) -> None:
        labels = field_labels()
        keys = list(dict.fromkeys(plan.mapping.values()))
        self.rows.clear()
        self.rows.setColumnCount(len(keys) + 1)
        self.rows.setHorizontalHeaderLabels([self.tr("Row"), *(labels.get(k, k) for k in keys)])
        shown = plan.rows[:PREVIEW_ROWS]
        self.rows.setRowCount(len(shown))
        for r, row in enumerate(shown):
            self.rows.setItem(r, 0, QTableWidgetItem(str(row.row)))
            for c, key in enumerate(keys, start=1):
                item = QTableWidgetItem(_shown(key, row.values.get(key)))
                if row.duplicate is not None:
                    item.setForeground(QColor(theme.WARNING))
                self.rows.setItem(r, c, item)

    def _on_save_errors_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save errors"), "import-errors.xlsx",
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.save_errors_to(Path(path))

    def save_errors_to(self, path: Path) -> None:
        plan = self.w.plan
        if plan is not None:
            issues = list(plan.issues)
            self.w.tasks.submit(Pool.HEAVY, lambda: write_issues(path, issues), lambda _n: None)

    @override
    def isComplete(self) -> bool:
        return not self._running and self.w.plan is not None and self.w.plan.valid

    @override
    def nextId(self) -> int:
        plan = self.w.plan
        return PAGE_DUPLICATES if plan is not None and plan.duplicates else PAGE_IMPORT


def _as_error(code: str, field: str | None) -> BaseException:
    from app.errors import ValidationError

    return ValidationError(code, field=field)


class DuplicatesPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Possible duplicates"))
        self.setSubTitle(self.tr("These rows look like records you already have. Skip them, "
                                 "merge the sheet's values into the existing record, or create "
                                 "a new record anyway (not allowed for the same credit code, "
                                 "mobile or e-mail)."))
        self.default = QComboBox()
        for label, action in self._actions():
            self.default.addItem(label, action)
        self.default.currentIndexChanged.connect(self._on_default_changed)
        self.grid = _table([self.tr("Row"), self.tr("In the file"), self.tr("Existing record"),
                            self.tr("Why"), self.tr("Action")])
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("For every duplicate:")))
        row.addWidget(self.default)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.grid, 1)
        self.combos: dict[int, QComboBox] = {}

    def _actions(self) -> list[tuple[str, Action]]:
        if self.w.entity == "products":  # a SKU is unique: update it or leave it
            return [(self.tr("Skip"), "skip"), (self.tr("Update the product"), "merge")]
        return [(self.tr("Skip"), "skip"), (self.tr("Merge into existing"), "merge"),
                (self.tr("Create anyway"), "create")]

    def _reset_default(self) -> None:
        self.default.blockSignals(True)
        self.default.clear()
        for label, action in self._actions():
            self.default.addItem(label, action)
        self.default.blockSignals(False)
        if self.w.entity == "products":
            self.setSubTitle(self.tr("These SKUs are already in the catalog (as this laptop "
                                     "last synced it). Update each product with the sheet's "
                                     "values, or skip the row."))

    @override
    def initializePage(self) -> None:
        plan = self.w.plan
        assert plan is not None
        self._reset_default()
        why = {"sku": self.tr("same SKU"), "uscc": self.tr("same credit code"),
               "exact_name": self.tr("same company name"),
               "similar_name": self.tr("similar name"), "email": self.tr("same e-mail"),
               "phone": self.tr("same mobile"), "name_at_company": self.tr(
                   "same name at this customer")}
        dups = plan.duplicates[:1000]  # the default choice covers any beyond
        self.grid.setRowCount(len(dups))
        self.combos = {}
        name_key = {"customers": "full_name"}.get(plan.entity, "name")
        for r, row in enumerate(dups):
            hit = row.duplicate
            assert hit is not None
            self.grid.setItem(r, 0, QTableWidgetItem(str(row.row)))
            shown = str(row.values.get(name_key, ""))
            if plan.entity == "products":
                shown = f"{row.values['sku']} · {shown}"
            self.grid.setItem(r, 1, QTableWidgetItem(shown))
            existing = hit.label if hit.existing_id else self.tr("row {n} of this file").format(
                n=hit.in_file_row)
            self.grid.setItem(r, 2, QTableWidgetItem(existing))
            self.grid.setItem(r, 3, QTableWidgetItem(why.get(hit.kind, hit.kind)))
            combo = QComboBox()
            for label, action in self._actions():
                if action == "create" and (hit.hard or hit.existing_id is None):
                    continue
                if action == "merge" and hit.existing_id is None:
                    continue
                combo.addItem(label, action)
            combo.setCurrentIndex(max(0, combo.findData(row.action)))
            self.grid.setCellWidget(r, 4, combo)
            self.combos[row.row] = combo

    def _on_default_changed(self) -> None:
        action = self.default.currentData()
        for combo in self.combos.values():
            index = combo.findData(action)
            if index >= 0:
                combo.setCurrentIndex(index)

    def default_action(self) -> Action:
        value = self.default.currentData()
        return value if value in ("skip", "merge", "create") else "skip"

    def decisions(self) -> dict[int, Action]:
        return {row: c.currentData() for row, c in self.combos.items()
                if c.currentData() in ("skip", "merge", "create")}


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Import"))
        self.setSubTitle(self.tr("The whole file is saved in one step: if anything fails or "
                                 "you cancel, nothing is saved."))
        self.bar = QProgressBar()
        self.label = QLabel()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("sectionTitle")
        self.cancel = QPushButton(self.tr("Cancel import"))
        self.cancel.clicked.connect(self.w.cancel_event.set)
        self.retry = QPushButton(self.tr("Try again"))
        self.retry.clicked.connect(self._upload)
        self.retry.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.setCommitPage(True)
        self.done = False

    @override
    def initializePage(self) -> None:
        plan = self.w.plan
        assert plan is not None
        self.done = False
        self.w.cancel_event.clear()
        if plan.entity == "products":
            self.setSubTitle(self.tr("The products are sent to the server in one step and "
                                     "reach every laptop at its next sync. If the server "
                                     "refuses any row, nothing is changed."))
            self._upload()
            return
        ctx, options = self.w.services.ctx, self.w.import_options()
        progress = self.w.progress(self.bar, self.label)
        self.w.tasks.write(lambda: commit(ctx, plan, options, progress.report,
                                          progress.cancelled),
                           self._on_committed, self._on_failed)

    # -- products: one upload to the server ----------------------------------------------
    def _upload(self) -> None:
        plan = self.w.plan
        assert plan is not None
        self.retry.hide()
        self.bar.show()
        self.result.setText("")
        uploader = self.w.uploader
        if uploader is None:  # no server session at all (an offline tool, a demo replica)
            self._on_upload_failed(OfflineError("no server session"))
            return
        default = self.w.duplicates_page.default_action()
        decisions = self.w.duplicates_page.decisions()
        for row in plan.duplicates:  # the choices made on the duplicates page
            row.action = decisions.get(row.row, default)
        rows = upload_rows(plan, default)
        name = self.w.path.name if self.w.path is not None else ""
        cancel = self.w.cancel_event
        self.bar.setMaximum(0)  # one request: a busy bar, not a count
        self.label.setText(self.tr("Sending {n} products to the server…").format(
            n=f"{len(rows):,}"))
        self.w.tasks.submit(Pool.NETWORK, lambda: uploader(rows, name, cancel),
                            self._on_uploaded, self._on_upload_failed)

    def _on_uploaded(self, result: UploadResult) -> None:
        self.done = True
        self.w.import_result = result
        self.cancel.hide()
        self.bar.setMaximum(1)
        self.bar.setValue(1)
        self.label.setText(self.tr("Done."))
        self.result.setText(self.tr(
            "The server's catalog now has {created} new and {updated} updated products "
            "({skipped} skipped). They reach every laptop at its next sync.").format(
                created=f"{result.created:,}", updated=f"{result.updated:,}",
                skipped=f"{result.skipped:,}"))
        self.result.setStyleSheet(f"color: {theme.SUCCESS}")
        self.completeChanged.emit()
        self.w.import_finished.emit(result)

    def _on_upload_failed(self, exc: BaseException) -> None:
        self.bar.setMaximum(1)
        self.bar.setValue(0)
        self.label.setText("")
        self.cancel.hide()
        self.result.setStyleSheet(f"color: {theme.DANGER}")
        if isinstance(exc, OfflineError):
            # Nothing is lost: the plan and the mapping (saved in the settings) stay.
            self.bar.hide()
            self.result.setText(self.tr(
                "Not connected to the server. Products go to the server's catalog, so this "
                "step needs a connection. Your column choices are kept: try again when you "
                "are online."))
            self.retry.show()
            return
        self.done = True
        if isinstance(exc, UploadRefusedError) and exc.code == "forbidden":
            reason = self.tr("only managers and admins may change the catalog.")
        elif isinstance(exc, UploadRefusedError) and exc.code == "too_large":
            reason = self.tr("the file is too large for one upload: split it.")
        elif isinstance(exc, UploadRefusedError) and exc.issues:
            reason = self.tr("the server found {n} problems, e.g. row {row}: {problem}").format(
                n=len(exc.issues), row=exc.issues[0].row,
                problem=product_issue_text(exc.issues[0]) or exc.issues[0].message)
        elif isinstance(exc, SyncError):
            reason = message_for(exc)
            self.done = False
            self.retry.show()
        else:
            reason = _error_text(exc)
        self.result.setText(self.tr("Nothing was sent: {reason}").format(reason=reason))
        self.completeChanged.emit()

    # -- customers and contacts: one transaction on the replica ---------------------------
    def _on_committed(self, result: ImportResult) -> None:
        self.done = True
        self.w.import_result = result
        self.cancel.hide()
        self.label.setText(self.tr("Done."))
        self.bar.setValue(self.bar.maximum())
        self.result.setText(self.tr("Imported: {created} new, {merged} merged, {skipped} "
                                    "skipped.").format(created=f"{result.created:,}",
                                                       merged=f"{result.merged:,}",
                                                       skipped=f"{result.skipped:,}"))
        self.result.setStyleSheet(f"color: {theme.SUCCESS}")
        self.completeChanged.emit()
        self.w.import_finished.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        self.done = True
        self.cancel.hide()
        self.result.setText(self.tr("Nothing was imported: {reason}").format(
            reason=_error_text(exc)))
        self.result.setStyleSheet(f"color: {theme.DANGER}")
        self.completeChanged.emit()

    @override
    def isComplete(self) -> bool:
        return self.done
