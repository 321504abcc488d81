"""Quote and pricing error codes in plain, translated words (the rest go to ui.errors)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from app.errors import AppError
from ui.errors import message_for

_LINE = re.compile(r"^lines\[(\d+)\]")


def _t(text: str) -> str:
    return QCoreApplication.translate("QuoteErrors", text)


def error_text(error: AppError) -> str:
    """One sentence for a quote error; a line error says which line ("Line 3: …")."""
    p = error.params
    sentences = {
        "quantity_not_positive": _t("Enter a quantity greater than zero."),
        "discount_over_100_percent": _t("A discount cannot be more than 100 %."),
        "discount_negative": _t("A discount cannot be negative."),
        "discount_exceeds_line": _t("The discount is larger than the line amount."),
        "discount_exceeds_quote": _t("The discount is larger than the quote amount."),
        "product_inactive": _t("This product is no longer sold: remove the line."),
        "product_not_found": _t("This product is no longer in the catalog: remove the line."),
        "currency_mismatch": _t("This product is priced in {actual}, the quote is in "
                                "{expected}.").format(actual=p.get("actual", "?"),
                                                      expected=p.get("expected", "?")),
        "unknown_currency": _t("Unknown currency {currency}.").format(
            currency=p.get("currency", "?")),
        "not_a_number": _t("Enter a number."),
        "tax_rate_out_of_range": _t("The product's tax rate is not valid; ask your admin."),
        "not_a_draft": _t("Only a draft can be submitted."),
        "not_pending": _t("This quote is no longer waiting for approval."),
        "not_approved": _t("The quote must be approved before it is sent."),
        "not_sent": _t("Only a sent quote can be accepted or rejected."),
        "still_editable": _t("Edit the quote itself; only sent quotes are revised."),
        "not_a_manager": _t("Only a manager can do this."),
        "no_lines": _t("Add at least one product to the quote."),
        "quote_read_only": _t("A sent quote cannot change: make a revision instead."),
        "opportunity_of_other_customer": _t("This opportunity belongs to another customer."),
    }
    text = sentences.get(error.code)
    if text is None:
        return message_for(error)
    match = _LINE.match(error.field or "")
    if match:
        return _t("Line {n}: {text}").format(n=int(match.group(1)) + 1, text=text)
    return text
