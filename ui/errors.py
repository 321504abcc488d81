"""Errors in plain words: AppError codes become translated sentences; bugs get a crash dialog.

The split follows qutebrowser: the environment's fault (:class:`StorageError`: disk full,
locked, corrupt) gets a message and a retry; anything that is not an :class:`AppError` is a
bug and gets the crash dialog with the traceback to copy.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import AppError, StorageError
from ui import labels

log = logging.getLogger(__name__)


translate = QCoreApplication.translate


def message_for(error: AppError) -> str:
    """One translated sentence saying what went wrong and, where possible, what to do."""
    p = error.params
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
        "lost_needs_reason": translate("Errors", "Say why the opportunity was lost."),
        "task_needs_due": translate("Errors", "A task needs a due date."),
        "in_the_past": translate("Errors", "Choose a date in the future."),
        "not_found": translate(
            "Errors",
            "This record no longer exists (it may have been deleted or moved to another rep).",
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
    }
    text = sentences.get(error.code)
    if text is None:
        text = translate("Errors", "Something went wrong ({code}).").format(
            code=error.code.replace("_", " ")
        )
    if error.field and not isinstance(error, StorageError):
        base_field = error.field.split("[", 1)[0]
        return f"{labels.field_name(base_field)}: {text}"
    return text


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Tell the user about a failed task: plain words for AppError, a crash dialog for bugs."""
    if isinstance(error, AppError):
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("Errors", "FieldSales"),
            message_for(error),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("errorBox")
        box.open()
        return
    show_crash(parent, error)


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
