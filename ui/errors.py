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


def _t(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def message_for(error: AppError) -> str:
    """One translated sentence saying what went wrong and, where possible, what to do."""
    p = error.params
    sentences: dict[str, str] = {
        "required": _t("This field is required."),
        "too_long": _t("This is too long (at most {max} characters).").format(
            max=p.get("max", "?")),
        "not_in_list": _t("Choose a value from the list."),
        "not_editable": _t("This field cannot be changed here."),
        "not_a_number": _t("Enter a number."),
        "negative": _t("Enter zero or more."),
        "out_of_range": _t("Enter a value between {min} and {max}.").format(
            min=p.get("min", "?"), max=p.get("max", "?")),
        "phone_unparseable": _t("This does not look like a phone number."),
        "phone_invalid": _t("This phone number is not valid. Check the digits and the "
                            "country code."),
        "unknown_region": _t("Unknown country for this phone number."),
        "email_invalid": _t("This email address is not valid."),
        "website_invalid": _t("This web address is not valid."),
        "website_scheme": _t("Web addresses must start with http:// or https://."),
        "uscc_length": _t("A unified social credit code has 18 characters."),
        "uscc_check_digit": _t("The credit code's check digit is wrong: please check "
                               "for a typing mistake."),
        "uscc_charset": _t("The credit code contains characters that are not allowed."),
        "control_characters": _t("Remove the invisible control characters from this text."),
        "lost_needs_reason": _t("Say why the opportunity was lost."),
        "task_needs_due": _t("A task needs a due date."),
        "in_the_past": _t("Choose a date in the future."),
        "not_found": _t("This record no longer exists (it may have been deleted "
                        "or moved to another rep)."),
        "duplicate_customer": _t("A customer with this name or credit code already exists."),
        "duplicate_contact": _t("A contact with this phone number or email already exists."),
        "quote_read_only": _t("A sent quote cannot change: make a revision instead."),
        "no_lines": _t("Add at least one product to the quote."),
        "not_a_manager": _t("Only a manager can do this."),
        "disk_full": _t("The disk is full. Free some space, then try again."),
        "database_locked": _t("The local database is busy. Try again in a moment."),
        "database_corrupt": _t("The local database is damaged. FieldSales can move it aside "
                               "and download your data again from the server."),
        "read_only": _t("The local database is read-only. Check the folder's permissions."),
        "storage_failed": _t("Could not save to the local database. Try again."),
    }
    text = sentences.get(error.code)
    if text is None:
        text = _t("Something went wrong ({code}).").format(code=error.code.replace("_", " "))
    if error.field and not isinstance(error, StorageError):
        base_field = error.field.split("[", 1)[0]
        return f"{labels.field_name(base_field)}: {text}"
    return text


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Tell the user about a failed task: plain words for AppError, a crash dialog for bugs."""
    if isinstance(error, AppError):
        box = QMessageBox(QMessageBox.Icon.Warning, _t("FieldSales"), message_for(error),
                          QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("errorBox")
        box.open()
        return
    show_crash(parent, error)


def show_crash(parent: QWidget | None, error: BaseException) -> None:
    details = "".join(traceback.format_exception(error))
    log.error("unexpected error\n%s", details)
    box = QMessageBox(QMessageBox.Icon.Critical, _t("FieldSales: unexpected error"),
                      _t("Something unexpected went wrong. Your data is safe; the last action "
                         "may not have been saved. Please send the details to support."),
                      QMessageBox.StandardButton.Close, parent)
    box.setDetailedText(details)
    box.setObjectName("crashBox")
    box.open()
