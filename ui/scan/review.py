"""Review dialog: the card beside its recognised fields; the rep corrects, picks what to do
with any match, and saves. It walks through the review queue with the keyboard:

* Enter saves and opens the next card; Esc skips it (it stays in the queue, at the end);
* Alt+M merge into the matched contact, Alt+A attach to the matched customer, Alt+N create
  new ones; Ctrl+Delete discards the card.

Matching and saving run on the database pools; the card image is decoded on a reader thread.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import phonenumbers
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.card_queue import CardEntry, CardQueue
from app.errors import ValidationError
from app.services.cards import CardDraft, CardMatches, CardService, Decision
from app.validation import normalize_email, normalize_phone, normalize_website
from ui import theme
from ui.errors import message_for
from ui.scan.image_view import CardImageView, load_preview
from ui.tasks import Pool, TaskManager

#: Below this the field is marked for the rep to check.
LOW_CONFIDENCE = 0.7
PHONE_KINDS = ("mobile", "office", "fax", "other")
TEXT_FIELDS = ("name", "title", "company", "department", "website", "address")

_STYLE = f"""
QLineEdit[low="true"] {{ background: #fff7e0; border: 1px solid {theme.WARNING}; }}
QLineEdit[invalid="true"] {{ background: #fdecec; border: 1px solid {theme.DANGER}; }}
QLabel#lowMark {{ color: {theme.WARNING}; font-weight: 600; }}
QLabel#reviewError {{ color: {theme.DANGER}; }}
QPushButton#primary:disabled {{ background: #a9bdf0; border-color: #a9bdf0; color: #f3f6fd; }}
"""


def _restyle(widget: QWidget, name: str, value: bool) -> None:
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class _ListField(QWidget):
    """Several values of one kind (phones with their kind, or e-mails), one row each."""

    changed = Signal()

    def __init__(self, with_kind: bool, placeholder: str, add_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_kind = with_kind
        self.placeholder = placeholder
        self.rows: list[tuple[QComboBox | None, QLineEdit]] = []
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(4)
        self.add_button = QPushButton(add_text)
        self.add_button.setObjectName("link")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row("", "mobile").setFocus())
        self.box.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def add_row(self, text: str, kind: str) -> QLineEdit:
        row = QHBoxLayout()
        combo: QComboBox | None = None
        if self.with_kind:
            combo = QComboBox()
            for value in PHONE_KINDS:
                combo.addItem(_kind_label(value), value)
            combo.setCurrentIndex(max(0, combo.findData(kind)))
            combo.currentIndexChanged.connect(self.changed)
            row.addWidget(combo)
        edit = QLineEdit(text)
        edit.setPlaceholderText(self.placeholder)
        edit.textChanged.connect(self.changed)
        row.addWidget(edit, 1)
        self.box.insertLayout(self.box.count() - 1, row)
        self.rows.append((combo, edit))
        return edit

    def set_values(self, values: list[tuple[str, str]]) -> None:
        for combo, edit in self.rows:
            edit.deleteLater()
            if combo is not None:
                combo.deleteLater()
        self.rows.clear()
        while self.box.count() > 1:
            item = self.box.takeAt(0)
            inner = item.layout() if item is not None else None
            if inner is not None:
                inner.deleteLater()
        for kind, text in values or [("mobile", "")]:
            self.add_row(text, kind)

    def values(self) -> list[tuple[str, str]]:
        return [(str(combo.currentData()) if combo is not None else "", edit.text().strip())
                for combo, edit in self.rows if edit.text().strip()]

    def edits(self) -> list[QLineEdit]:
        return [edit for _, edit in self.rows]


def _readable(number: str) -> str:
    """+8613800138000 → +86 138 0013 8000: easier to check against the card."""
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _kind_label(kind: str) -> str:
    # Spelled out (no alias) so that lupdate finds the strings.
    labels = {"mobile": QCoreApplication.translate("ReviewDialog", "Mobile"),
              "office": QCoreApplication.translate("ReviewDialog", "Office"),
              "fax": QCoreApplication.translate("ReviewDialog", "Fax"),
              "other": QCoreApplication.translate("ReviewDialog", "Other")}
    return labels.get(kind, kind)


class ReviewDialog(QDialog):
    """Works through ``queue.reviewable()``; emits ``saved`` / ``queueChanged`` as it goes."""

    saved = Signal(str)  # contact id
    queueChanged = Signal()  # noqa: N815 — Qt signal naming

    def __init__(self, queue: CardQueue, cards: CardService, tasks: TaskManager,
                 region: str = "CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review card"))
        self.setStyleSheet(_STYLE)
        self.queue, self.cards, self.tasks, self.region = queue, cards, tasks, region
        self.entry: CardEntry | None = None
        self.matches = CardMatches()
        self.seen: set[str] = set()  # skipped in this session: do not come back to them
        self._closing = False
        self._busy = False
        self._loading = False
        self._first_id: str | None = None
        self.remaining = 0
        self.problems: list[str] = []
        self._match_timer = QTimer(self, singleShot=True, interval=350)
        self._match_timer.timeout.connect(self._find_matches)
        self.resize(1240, 720)
        self._build()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.image = CardImageView()
        self.position = QLabel()
        self.position.setObjectName("muted")
        left = QVBoxLayout()
        left.addWidget(self.image, 1)
        left.addWidget(self.position)

        form = QFormLayout()
        form.setVerticalSpacing(6)
        self.edits: dict[str, QLineEdit] = {}
        self.marks: dict[str, QLabel] = {}
        captions = {"name": self.tr("Name"), "title": self.tr("Title"),
                    "company": self.tr("Company"), "department": self.tr("Department"),
                    "website": self.tr("Website"), "address": self.tr("Address")}
        self.phones = _ListField(True, self.tr("Phone number"), self.tr("+ Add phone"))
        self.emails = _ListField(False, self.tr("name@company.com"), self.tr("+ Add e-mail"))
        for name in ("name", "title", "company", "department", "phones", "emails", "website",
                     "address"):
            mark = QLabel("")
            mark.setObjectName("lowMark")
            self.marks[name] = mark
            caption = captions.get(name) or {"phones": self.tr("Phones"),
                                             "emails": self.tr("E-mails")}[name]
            label = QWidget()
            row = QHBoxLayout(label)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            row.addWidget(QLabel(caption))
            row.addWidget(mark)
            row.addStretch(1)
            if name == "phones":
                form.addRow(label, self.phones)
            elif name == "emails":
                form.addRow(label, self.emails)
            else:
                edit = QLineEdit()
                edit.setObjectName(f"field_{name}")
                edit.textChanged.connect(self._on_edit)
                self.edits[name] = edit
                form.addRow(label, edit)
        self.phones.changed.connect(self._on_edit)
        self.emails.changed.connect(self._on_edit)

        fields_box = QWidget()
        fields_box.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(fields_box)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.match_title = QLabel(self.tr("Save as"))
        self.match_title.setObjectName("sectionTitle")
        self.match_box = QVBoxLayout()
        self.match_group = QButtonGroup(self)
        self.check_hint = QLabel()
        self.check_hint.setObjectName("reviewError")
        self.check_hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("reviewError")
        self.error.setWordWrap(True)

        right_box = QWidget()
        right_box.setMaximumWidth(560)  # the card photo gets the rest
        right = QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(scroll, 1)
        right.addWidget(self.match_title)
        right.addLayout(self.match_box)
        right.addWidget(self.check_hint)
        right.addWidget(self.error)

        body = QHBoxLayout()
        body.addLayout(left, 6)
        body.addWidget(right_box, 5)

        self.discard_button = QPushButton(self.tr("Discard card"))
        self.discard_button.setAutoDefault(False)
        self.discard_button.setToolTip(self.tr("Remove this card from the queue (Ctrl+Delete)"))
        self.discard_button.clicked.connect(self.discard)
        self.skip_button = QPushButton(self.tr("Skip (Esc)"))
        self.skip_button.setAutoDefault(False)
        self.skip_button.clicked.connect(self.skip)
        self.close_button = QPushButton(self.tr("Done for now"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.finish)
        self.save_button = QPushButton(self.tr("Save and next (Enter)"))
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        for keys, kind in (("Alt+M", "merge"), ("Alt+A", "attach"), ("Alt+N", "new")):
            QShortcut(QKeySequence(keys), self, lambda k=kind: self.choose(k))
        QShortcut(QKeySequence("Ctrl+Delete"), self, self.discard)

    # -- focus → highlight -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt API
        if event.type() == QEvent.Type.FocusIn:
            self.image.set_focus_field(watched.property("cardField"))
        return super().eventFilter(watched, event)

    def _tag_focus(self) -> None:
        pairs: list[tuple[str, QWidget]] = [(n, e) for n, e in self.edits.items()]
        pairs += [("phones", e) for e in self.phones.edits()]
        pairs += [("emails", e) for e in self.emails.edits()]
        for name, widget in pairs:
            if widget.property("cardField") is None:
                widget.setProperty("cardField", name)
                widget.installEventFilter(self)

    # -- queue walking ---------------------------------------------------------------------
    def start(self, first_id: str | None = None) -> None:
        """Open ``first_id`` or else the first card waiting for review (after show())."""
        self._first_id = first_id
        self._next()

    def _next(self) -> None:
        self.tasks.read(self.queue.reviewable, self._show_next, self._on_error)

    def _show_next(self, entries: list[CardEntry]) -> None:
        waiting = [e for e in entries if e.id not in self.seen]
        if not waiting:
            self.finish()
            return
        first, self._first_id = self._first_id, None
        self.remaining = len(waiting)
        self.load(next((e for e in waiting if e.id == first), waiting[0]))

    def load(self, entry: CardEntry) -> None:
        self.entry = entry
        data = entry.fields
        self.position.setText(self.tr("%n card(s) left to review", "", self.remaining)
                              + " · " + entry.source_name)
        self._loading = True
        for name, edit in self.edits.items():
            edit.setText(str(data.get(name) or ""))
        phones = list(data.get("phones") or [])
        kinds = list(data.get("phone_kinds") or [])
        self.phones.set_values([(kinds[i] if i < len(kinds) else "other", _readable(p))
                                for i, p in enumerate(phones)])
        self.emails.set_values([("", e) for e in data.get("emails") or []])
        self._loading = False
        self._tag_focus()
        self._mark_confidence(dict(data.get("confidence") or {}))
        self._validate()
        self.error.clear()
        self._clear_matches()
        self.image.set_message(self.tr("Loading image…"))
        path = self.queue.image_path(entry)
        boxes = dict(data.get("boxes") or {})
        if path is not None:
            entry_id = entry.id
            self.tasks.submit(Pool.READER, lambda: load_preview(path),
                              lambda r: self._show_image(entry_id, r, boxes), self._on_error)
        self._find_matches()
        self.edits["name"].setFocus()
        self.edits["name"].selectAll()

    def _show_image(self, entry_id: str, result: tuple[QImage, float],
                    boxes: dict[str, list[list[int]]]) -> None:
        if self.entry is not None and self.entry.id == entry_id:
            self.image.set_card(result[0], result[1], boxes)

    def _mark_confidence(self, confidence: dict[str, float]) -> None:
        for name, mark in self.marks.items():
            value = confidence.get(name)
            low = value is not None and value < LOW_CONFIDENCE
            mark.setText("⚠" if low else "")
            mark.setToolTip(self.tr("The reader was unsure about this field: please check it")
                            if low else "")
            widgets: list[QLineEdit] = (
                [self.edits[name]] if name in self.edits
                else self.phones.edits() if name == "phones" else self.emails.edits())
            for widget in widgets:
                _restyle(widget, "low", low)

    def low_confidence_fields(self) -> list[str]:
        return [name for name, mark in self.marks.items() if mark.text()]

    # -- editing and validation ------------------------------------------------------------
    def _on_edit(self) -> None:
        if getattr(self, "_loading", False):
            return
        self._tag_focus()
        self._validate()
        self._match_timer.start()

    def _validate(self) -> bool:
        """Mark invalid fields red; Save is enabled only when everything is valid."""
        problems: list[str] = []

        def check(widget: QWidget, fn: Callable[[], object], label: str) -> None:
            try:
                fn()
                bad = False
            except ValidationError:
                bad = True
                problems.append(label)
            _restyle(widget, "invalid", bad)
            widget.setToolTip(self.tr("Not valid: %1").replace("%1", label) if bad else "")

        name = self.edits["name"]
        _restyle(name, "invalid", not name.text().strip())
        if not name.text().strip():
            problems.append(self.tr("name"))
        for edit in self.phones.edits():
            text = edit.text()
            if text.strip():
                check(edit, partial(normalize_phone, text, self.region),
                      self.tr("phone %1").replace("%1", text))
            else:
                _restyle(edit, "invalid", False)
        for edit in self.emails.edits():
            text = edit.text()
            if text.strip():
                check(edit, partial(normalize_email, text),
                      self.tr("e-mail %1").replace("%1", text))
            else:
                _restyle(edit, "invalid", False)
        site = self.edits["website"]
        if site.text().strip():
            check(site, lambda: normalize_website(site.text()), self.tr("website"))
        else:
            _restyle(site, "invalid", False)
        self.problems = problems
        self.check_hint.setText(self.tr("To save, correct: %1").replace("%1", ", ".join(problems))
                                if problems else "")
        self.save_button.setEnabled(not problems and not self._busy)
        return not problems

    def draft(self) -> CardDraft:
        def text(name: str) -> str | None:
            value = self.edits[name].text().strip()
            return value or None

        return CardDraft(
            name=self.edits["name"].text().strip(), title=text("title"),
            company=text("company"), department=text("department"),
            phones=self.phones.values(), emails=[e for _, e in self.emails.values()],
            website=text("website"), address=text("address"),
        )

    def _edited_fields(self) -> dict[str, Any]:
        """The rep's edits in the queue's dict shape (kept when the card is skipped)."""
        assert self.entry is not None
        draft = self.draft()
        data = dict(self.entry.fields)
        data.update({k: getattr(draft, k) for k in TEXT_FIELDS})
        data["phones"] = [p for _, p in draft.phones]
        data["phone_kinds"] = [k for k, _ in draft.phones]
        data["emails"] = draft.emails
        return data

    # -- matches ---------------------------------------------------------------------------
    def _find_matches(self) -> None:
        draft = self.draft()
        entry_id = self.entry.id if self.entry else None
        self.tasks.read(lambda: self.cards.matches(draft),
                        lambda m: self._show_matches(entry_id, m), self._on_error)

    def _show_matches(self, entry_id: str | None, matches: CardMatches) -> None:
        if self.entry is None or self.entry.id != entry_id:
            return
        # Re-matching after an edit keeps the rep's choice when it is still on offer.
        previous = self.decision() if self.match_group.buttons() else None
        self.matches = matches
        self._clear_matches()
        options: list[tuple[Decision, str, str]] = []
        reasons = {"email": self.tr("same e-mail"), "mobile": self.tr("same mobile"),
                   "fixed_line": self.tr("same office phone"),
                   "name_at_company": self.tr("similar name, same company")}
        for hit in matches.contacts[:3]:
            # The strongest reason fits on the line; all of them are in the tooltip.
            options.append((Decision("merge", hit.id),
                            self.tr("Merge into %1 (%2)").replace("%1", hit.name)
                            .replace("%2", reasons.get(hit.kinds[0], hit.kinds[0])),
                            self.tr("%1 at %2: %3").replace("%1", hit.name)
                            .replace("%2", hit.customer_name)
                            .replace("%3", ", ".join(reasons.get(k, k) for k in hit.kinds))))
        for cust in matches.customers[:3]:
            options.append((Decision("attach", cust.id),
                            self.tr("Add to customer %1").replace("%1", cust.name),
                            self.tr("A new contact at this existing customer")))
        options.append((Decision("new"), self.tr("New customer and contact"),
                        self.tr("Create the customer from the card's company")))
        keys = {"merge": "Alt+M", "attach": "Alt+A", "new": "Alt+N"}
        used: set[str] = set()
        suggestion = previous if previous in [o[0] for o in options] else matches.suggestion()
        for decision, text, tip in options:
            if decision.kind not in used:
                text += f"   [{keys[decision.kind]}]"
                used.add(decision.kind)
            button = QRadioButton(text)
            button.setToolTip(tip)
            button.setProperty("decisionKind", decision.kind)
            button.setProperty("decisionTarget", decision.target_id or "")
            self.match_group.addButton(button)
            self.match_box.addWidget(button)
            button.setChecked(decision == suggestion)

    def _clear_matches(self) -> None:
        for button in self.match_group.buttons():
            self.match_group.removeButton(button)
            button.deleteLater()

    def decision(self) -> Decision:
        button = self.match_group.checkedButton()
        if button is None:
            return Decision("new")
        target = str(button.property("decisionTarget")) or None
        return Decision(button.property("decisionKind"), target)

    def choose(self, kind: str) -> None:
        for button in self.match_group.buttons():
            if button.property("decisionKind") == kind:
                button.setChecked(True)
                return

    # -- actions ---------------------------------------------------------------------------
    def save(self) -> None:
        if self.entry is None or self._busy or not self._validate():
            return
        entry, draft, decision = self.entry, self.draft(), self.decision()
        path = self.queue.image_path(entry)

        def work() -> str:
            view = self.cards.save(draft, decision, path)
            self.queue.remove(entry.id)
            return view.id

        self._set_busy(True)
        self.tasks.write(work, self._on_saved, self._on_save_error)

    def _on_saved(self, contact_id: str) -> None:
        self._set_busy(False)
        self.saved.emit(contact_id)
        self.queueChanged.emit()
        self._next()

    def _on_save_error(self, error: BaseException) -> None:
        self._set_busy(False)
        self.error.setText(message_for(error))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self._validate()

    def skip(self) -> None:
        """Leave this card for later; its edits are kept."""
        if self.entry is None or self._busy:
            return
        entry_id, fields = self.entry.id, self._edited_fields()
        self.seen.add(entry_id)

        def work() -> None:
            self.queue.update_fields(entry_id, fields)
            self.queue.set_status(entry_id, "skipped")

        self.tasks.write(work, self._after_queue_change, self._on_error)

    def discard(self) -> None:
        if self.entry is None or self._busy:
            return
        entry_id = self.entry.id
        self.tasks.write(lambda: self.queue.remove(entry_id), self._after_queue_change,
                         self._on_error)

    def _after_queue_change(self, _result: object) -> None:
        self.queueChanged.emit()
        self._next()

    def finish(self) -> None:
        self._closing = True
        self._match_timer.stop()
        self.done(QDialog.DialogCode.Accepted)

    def reject(self) -> None:
        """Esc skips the card; closing the window ends the review."""
        if self._closing:
            super().reject()
        else:
            self.skip()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 — Qt API
        self._closing = True
        super().closeEvent(event)

    def _on_error(self, error: BaseException) -> None:
        self.error.setText(message_for(error))

    def image_path(self) -> Path | None:
        return None if self.entry is None else self.queue.image_path(self.entry)
