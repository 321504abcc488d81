"""Errors in plain words: error codes become translated sentences; bugs get a crash dialog.

The split follows qutebrowser: the environment's fault (:class:`StorageError`: disk full,
locked, corrupt; a server that cannot be reached; a file that cannot be read) gets a message
and a retry; anything else is a bug and gets the crash dialog with the traceback to copy.

Every code the services raise has a sentence here (``tests/ui/test_error_catalogue.py`` scans
app/, sync/ and ocr/ for them), so the user never reads a raw code or an English exception
text. The technical text stays available through :func:`details_for` (a tooltip or the
message box's details).
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import AppError
from sync.client.errors import SyncError
from ui import labels
from ui.quotes.messages import line_prefixed, quote_sentence

log = logging.getLogger(__name__)


translate = QCoreApplication.translate

_LINE = re.compile(r"^lines\[(\d+)\]")
_BASE_FIELD = re.compile(r"^[A-Za-z_]+")


def field_sentence(code: str, params: Mapping[str, Any]) -> str | None:
    """Sentences about the value of one input; shown after the field's label ("Phone: …")."""
    p = params
    sentences: dict[str, str] = {
        "required": translate("Errors", "This field is required."),
        "too_long": translate("Errors", "This is too long (at most {max} characters).").format(
            max=p.get("max_len", p.get("max", "?"))
        ),
        "not_in_list": translate("Errors", "Choose a value from the list."),
        "not_editable": translate("Errors", "This field cannot be changed here."),
        "not_a_number": translate("Errors", "Enter a number."),
        "negative": translate("Errors", "Enter zero or more."),
        "out_of_range": translate("Errors", "Enter a value between {min} and {max}.").format(
            min=p.get("min", "?"), max=p.get("max", "?")
        ),
        "phone_unparseable": translate("Errors", "This does not look like a phone number."),
        "phone_invalid": translate(
            "Errors", "This phone number is not valid. Check the digits and the country code."
        ),
        "unknown_region": translate("Errors", "Unknown country for this phone number."),
        "email_invalid": translate("Errors", "This email address is not valid."),
        "website_invalid": translate("Errors", "This web address is not valid."),
        "website_scheme": translate("Errors", "Web addresses must start with http:// or https://."),
        "uscc_length": translate("Errors", "A unified social credit code has 18 characters."),
        "uscc_check_digit": translate(
            "Errors", "The credit code's check digit is wrong: please check for a typing mistake."
        ),
        "uscc_charset": translate(
            "Errors", "The credit code contains characters that are not allowed."
        ),
        "control_characters": translate(
            "Errors", "Remove the invisible control characters from this text."
        ),
        "in_the_past": translate("Errors", "Choose a date in the future."),
        "price_negative": translate("Errors", "A price cannot be negative."),
        "tiers_invalid": translate(
            "Errors", "Write tiers as quantity:price pairs separated by semicolons, "
            "e.g. 10:95;100:90."
        ),
        "tiers_not_ascending": translate(
            "Errors", "Tier quantities must be above zero and ascending."
        ),
        "not_mergeable": translate("Errors", "This field cannot be taken from another record."),
        "unknown_source": translate(
            "Errors", "The value was to come from a record that is not part of this merge."
        ),
        "unknown_field": translate("Errors", "FieldSales does not know this column."),
    }
    return sentences.get(code)


def record_sentence(code: str, params: Mapping[str, Any]) -> str | None:
    """Sentences about a record or an action as a whole (no field label in front)."""
    p = params
    sentences: dict[str, str] = {
        "lost_needs_reason": translate("Errors", "Say why the opportunity was lost."),
        "task_needs_due": translate("Errors", "A task needs a due date."),
        "not_found": translate(
            "Errors",
            "This record no longer exists (it may have been deleted or moved to another rep).",
        ),
        "attachment_not_found": translate(
            "Errors", "This picture or file is no longer on this computer. Sync to get it again."
        ),
        "duplicate_customer": translate(
            "Errors", "A customer with this name or credit code already exists."
        ),
        "duplicate_contact": translate(
            "Errors", "A contact with this phone number or email already exists."
        ),
        "quote_read_only": translate(
            "Errors", "A sent quote cannot change: make a revision instead."
        ),
        "no_lines": translate("Errors", "Add at least one product to the quote."),
        "not_a_manager": translate("Errors", "Only a manager can do this."),
        "unknown_currency": translate(
            "Errors", "Unknown currency {currency}: use a code such as CNY or USD."
        ).format(currency=p.get("currency", p.get("value", ""))),
        "tier_min_quantity_invalid": translate(
            "Errors", "Each price tier needs a minimum quantity of 1 or more."
        ),
        "tiers_not_monotone": translate(
            "Errors", "Tier quantities must increase and tier prices must not rise."
        ),
        "nothing_to_merge": translate("Errors", "Choose at least one other record to merge."),
        "empty_period": translate(
            "Errors", "The period is empty: choose an end date after the start date."
        ),
        "naive_datetime": translate(
            "Errors", "The period's dates have no time zone; choose the period again."
        ),
        "sku_repeated": translate("Errors", "This SKU is on an earlier row of the file."),
        "customer_not_found": translate(
            "Errors", "No customer has this name: import or create the customer first."
        ),
        "customer_ambiguous": translate(
            "Errors", "Several customers have this name: use the full registered name."
        ),
    }
    return sentences.get(code)


def pool_sentence(code: str, params: Mapping[str, Any]) -> str | None:
    """The shared pool's refusals, without the team's numbers (ui.widgets.pool has those)."""
    del params  # the refusals carry no parameters
    sentences: dict[str, str] = {
        "signed_out": translate("Errors", "Sign in to use the shared pool."),
        "not_in_pool": translate("Errors", "This customer is no longer in the pool."),
        "daily_limit": translate(
            "Errors", "You have reached today's limit of customers claimed from the pool."
        ),
        "max_held": translate("Errors", "You already hold the most customers allowed."),
        "cool_down": translate(
            "Errors", "You returned this customer recently: wait for the cool-down to end."
        ),
        "taken": translate("Errors", "Another rep claimed this customer first."),
        "reason_required": translate("Errors", "Choose a reason for returning the customer."),
        "not_owner": translate(
            "Errors", "Only the customer's owner can return or protect it."
        ),
        "max_protected": translate("Errors", "You already protect the most customers allowed."),
        "max_protection": translate(
            "Errors", "Choose a protection end date in the future, within the allowed period."
        ),
    }
    return sentences.get(code)


def file_sentence(code: str, params: Mapping[str, Any]) -> str | None:
    """Import and export: the file as a whole."""
    p = params
    columns = p.get("fields") or []
    sentences: dict[str, str] = {
        "file_missing": translate("Errors", "The file no longer exists. Choose it again."),
        "file_empty": translate("Errors", "The file is empty."),
        "file_too_large": translate(
            "Errors", "The file is too large (at most {mb} MB). Split it into smaller files."
        ).format(mb=int(p.get("max_bytes", 0)) >> 20 or "?"),
        "unsupported_format": translate(
            "Errors", "Use an Excel workbook (.xlsx) or a CSV file (.csv). Save .xls files as "
            ".xlsx first."
        ),
        "no_header": translate(
            "Errors", "The sheet has no heading row: put the column names in the first row."
        ),
        "too_many_columns": translate(
            "Errors", "The sheet has too many columns (at most {n})."
        ).format(n=p.get("max_columns", "?")),
        "too_many_rows": translate(
            "Errors", "The file has too many rows (at most {n}). Split it into smaller files."
        ).format(n=p.get("max_rows", "?")),
        "corrupt_file": translate(
            "Errors", "The file is damaged or is not really a spreadsheet. Open it in Excel "
            "and save it again."
        ),
        "encoding_unknown": translate(
            "Errors", "The CSV file's text encoding is unknown: save it as UTF-8 or GB18030 "
            "(GBK)."
        ),
        "required_column_missing": translate(
            "Errors", "Choose a column for every required field: {fields}."
        ).format(fields=labels.joined(labels.field_name(str(c)) for c in columns)),
        "server_owned": translate(
            "Errors", "Products belong to the server's catalog: they are uploaded, not "
            "imported into this laptop."
        ),
        "import_cancelled": translate("Errors", "The import was cancelled; nothing was changed."),
        "export_cancelled": translate("Errors", "The export was cancelled."),
    }
    return sentences.get(code)


def storage_sentence(code: str, params: Mapping[str, Any]) -> str | None:
    """The local database and its encryption key: the environment's fault, not the user's."""
    del params  # paths and reasons go to the details, not into the sentence
    sentences: dict[str, str] = {
        "disk_full": translate("Errors", "The disk is full. Free some space, then try again."),
        "database_locked": translate(
            "Errors", "The local database is busy. Try again in a moment."
        ),
        "database_corrupt": translate(
            "Errors",
            "The local database is damaged. FieldSales can move it aside "
            "and download your data again from the server.",
        ),
        "read_only": translate(
            "Errors", "The local database is read-only. Check the folder's permissions."
        ),
        "storage_failed": translate("Errors", "Could not save to the local database. Try again."),
        "foreign_database": translate(
            "Errors", "This file belongs to another program, not to FieldSales."
        ),
        "unknown_schema": translate(
            "Errors", "Your data was saved by a newer version of FieldSales. Please update the "
            "app."
        ),
        "migration_failed": translate(
            "Errors", "FieldSales could not upgrade your local data to this version. Your data "
            "was restored as it was; please tell support."
        ),
        "wrong_key": translate(
            "Errors", "The data on this computer cannot be opened with this key. Sign in again "
            "to download your data afresh."
        ),
        "wrong_password": translate(
            "Errors", "Wrong password: it does not unlock the data on this computer. Nothing "
            "was changed. Try again, or sign in instead."
        ),
        "password_required": translate(
            "Errors", "This computer has no keyring: enter your password to open your data."
        ),
        "keyring_failed": translate(
            "Errors", "The system keyring did not give FieldSales the key to your data. Unlock "
            "the keyring (or log in to the desktop again), then restart FieldSales."
        ),
        "encryption_unavailable": translate(
            "Errors", "Encryption (SQLCipher) is not available on this computer, so your "
            "encrypted data cannot be opened. Reinstall FieldSales."
        ),
        "encryption_failed": translate(
            "Errors", "FieldSales could not encrypt your data on this computer. Your data was "
            "left as it was; please tell support."
        ),
    }
    return sentences.get(code)


def sync_sentence(code: str, params: Mapping[str, Any]) -> str | None:
    """What the server or the network said (``sync.client.errors`` codes)."""
    del params
    sentences: dict[str, str] = {
        "sync_failed": translate(
            "Errors", "The sync did not finish. Your changes stay on this laptop; FieldSales "
            "will try again."
        ),
        "offline": translate(
            "Errors", "Cannot reach the server. Check your network connection; your changes "
            "wait on this laptop."
        ),
        "server_error": translate(
            "Errors", "The server had a problem. Try again in a few minutes; if it keeps "
            "failing, tell your administrator."
        ),
        "unauthorized": translate("Errors", "Your session has ended: please sign in again."),
        "locked": translate(
            "Errors", "This account is locked for a while after too many wrong passwords. Try "
            "again later or ask your administrator."
        ),
        "rate_limited": translate(
            "Errors", "Too many failed sign-ins from this computer. Wait a few minutes, then "
            "try again."
        ),
        "upgrade_required": translate(
            "Errors", "This version of FieldSales is too old for the server. Please update the "
            "app."
        ),
        "wiped": translate(
            "Errors", "The server signed this device out and removed its copy of your "
            "customers. Sign in to download them again."
        ),
        "cancelled": translate("Errors", "The sync was cancelled; nothing was lost."),
        "upload_refused": translate("Errors", "The server refused the upload."),
        "forbidden": translate("Errors", "Only managers and admins may change the catalog."),
        "too_large": translate("Errors", "The file is too large for one upload: split it."),
        "invalid": translate(
            "Errors", "The server found rows that break the data standards: fix them and try "
            "again."
        ),
    }
    return sentences.get(code)


def ocr_sentence(code: str, params: Mapping[str, Any]) -> str | None:
    """Why a business card could not be read (``ocr.errors`` codes)."""
    del params
    sentences: dict[str, str] = {
        "not_an_image": translate("Errors", "This file is not a picture FieldSales can read."),
        "empty": translate("Errors", "The picture file is empty."),
        "too_large": translate("Errors", "The picture is too large to scan."),
        "unreadable": translate(
            "Errors", "The picture cannot be read: it is missing or damaged."
        ),
        "tesseract_missing": translate(
            "Errors", "Card reading is not installed on this computer (Tesseract is missing)."
        ),
    }
    return sentences.get(code)


# The order matters where two groups share a code: the first answer wins.
APP_CATALOGUE = (field_sentence, quote_sentence, record_sentence, pool_sentence, file_sentence,
                 storage_sentence)


def app_sentence(code: str, params: Mapping[str, Any]) -> str | None:
    """The sentence for an :class:`AppError` code, or None when the catalogue lacks it."""
    for group in APP_CATALOGUE:
        text = group(code, params)
        if text is not None:
            return text
    return None


def with_field(field: str, text: str) -> str:
    """'Phone: …' with the language's colon (full-width in Chinese)."""
    return translate("Errors", "{field}: {text}").format(field=labels.field_name(field),
                                                           text=text)


def message_for(error: BaseException) -> str:
    """One translated sentence saying what went wrong and, where possible, what to do."""
    if isinstance(error, AppError):
        return _app_message(error)
    code = str(getattr(error, "code", ""))
    if isinstance(error, SyncError):
        return sync_sentence(code, {}) or sync_sentence("sync_failed", {}) or ""
    if _is_ocr_error(error):
        return ocr_sentence(code, {}) or translate("Errors", "This card could not be read.")
    if isinstance(error, OSError):
        return translate(
            "Errors", "A file could not be read or written. Check that it exists and that you "
            "may open it, then try again.")
    return translate("Errors", "Something unexpected went wrong. Your data is safe; the last "
                     "action may not have been saved.")


def details_for(error: BaseException) -> str:
    """The technical text (English, for support): what a tooltip or 'Show Details' shows."""
    code = getattr(error, "code", None)
    text = str(error) or type(error).__name__
    return f"{type(error).__name__} [{code}]: {text}" if code else f"{type(error).__name__}: {text}"


def _app_message(error: AppError) -> str:
    p = error.params
    field_text = field_sentence(error.code, p)
    text = field_text if field_text is not None else app_sentence(error.code, p)
    if text is None:
        log.warning("no sentence for error code %r", error.code)
        text = translate("Errors", "Something went wrong ({code}).").format(
            code=error.code.replace("_", " ")
        )
    line = _LINE.match(error.field or "")
    if line:
        return line_prefixed(int(line.group(1)), text)
    base = _BASE_FIELD.match(error.field or "")
    if field_text is not None and base:
        return with_field(base.group(0), text)
    return text


def _is_ocr_error(error: BaseException) -> bool:
    # Without importing ocr (numpy, Pillow: 0.1 s at start-up): an OcrError exists only once
    # its module has been imported.
    module = sys.modules.get("ocr.errors")
    return module is not None and isinstance(error, module.OcrError)


def is_expected(error: BaseException) -> bool:
    """The environment's fault or a refusal the user can act on (not a bug)."""
    return isinstance(error, AppError | SyncError | OSError) or _is_ocr_error(error)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Tell the user about a failed task: plain words for expected errors, a crash dialog
    for bugs."""
    if is_expected(error):
        error_box(parent, error).open()
        return
    show_crash(parent, error)


def error_box(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """The warning box for an expected error (not yet shown)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("Errors", "FieldSales"),
        message_for(error),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("errorBox")
    if not isinstance(error, AppError) or error.code not in _QUIET_DETAILS:
        box.setDetailedText(details_for(error))
    return box


# Input mistakes the sentence fully explains: no technical "Show Details…" button for them.
_QUIET_DETAILS = frozenset({"required", "too_long", "not_in_list", "not_a_number", "negative",
                            "out_of_range", "phone_unparseable", "phone_invalid",
                            "email_invalid", "website_invalid", "website_scheme",
                            "uscc_length", "uscc_check_digit", "uscc_charset",
                            "lost_needs_reason", "task_needs_due", "in_the_past"})


def show_crash(parent: QWidget | None, error: BaseException) -> None:
    details = "".join(traceback.format_exception(error))
    log.error("unexpected error\n%s", details)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        translate("Errors", "FieldSales: unexpected error"),
        translate(
            "Errors",
            "Something unexpected went wrong. Your data is safe; the last action "
            "may not have been saved. Please send the details to support.",
        ),
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setDetailedText(details)
    box.setObjectName("crashBox")
    box.open()
