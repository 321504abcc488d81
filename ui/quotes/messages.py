"""Quote and pricing error codes in plain, translated words (the rest are in ui.errors).

Every sentence is a literal ``translate("QuoteErrors", "…")`` call so that ``pyside6-lupdate``
finds it: a wrapper such as ``_t(text)`` hides the strings from lupdate, and regenerating the
``.ts`` would then drop their translations.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.errors import AppError

translate = QCoreApplication.translate


def quote_sentence(code: str, params: Mapping[str, Any]) -> str | None:
    """The sentence for a quote or pricing code; None for a code that is not the quotes'.

    These sentences are complete by themselves: ui.errors does not prefix a field label.
    """
    p = params
    sentences = {
        "quantity_not_positive": translate("QuoteErrors", "Enter a quantity greater than zero."),
        "discount_over_100_percent": translate("QuoteErrors",
                                               "A discount cannot be more than 100 %."),
        "discount_negative": translate("QuoteErrors", "A discount cannot be negative."),
        "discount_exceeds_line": translate("QuoteErrors",
                                           "The discount is larger than the line amount."),
        "discount_exceeds_quote": translate("QuoteErrors",
                                            "The discount is larger than the quote amount."),
        "product_inactive": translate("QuoteErrors",
                                      "This product is no longer sold: remove the line."),
        "product_not_found": translate(
            "QuoteErrors", "This product is no longer in the catalog: remove the line."),
        "currency_mismatch": translate(
            "QuoteErrors", "This product is priced in {actual}, the quote is in {expected}."
        ).format(actual=p.get("actual", "?"), expected=p.get("expected", "?")),
        "tax_rate_out_of_range": translate(
            "QuoteErrors", "The product's tax rate is not valid; ask your admin."),
        "not_a_draft": translate("QuoteErrors", "Only a draft can be submitted."),
        "not_pending": translate("QuoteErrors",
                                 "This quote is no longer waiting for approval."),
        "not_approved": translate("QuoteErrors",
                                  "The quote must be approved before it is sent."),
        "not_sent": translate("QuoteErrors", "Only a sent quote can be accepted or rejected."),
        "still_editable": translate("QuoteErrors",
                                    "Edit the quote itself; only sent quotes are revised."),
        "opportunity_of_other_customer": translate(
            "QuoteErrors", "This opportunity belongs to another customer."),
        "unsupported_language": translate(
            "QuoteErrors", "Quotes can be printed in English or Chinese only."),
        "version_invalid": translate("QuoteErrors", "The quote's revision number is not valid."),
        "valid_until_before_issue": translate(
            "QuoteErrors", "The quote cannot expire before the day it is issued."),
        "document_totals_inconsistent": translate(
            "QuoteErrors", "The quote's totals do not add up. Open the quote, check its lines "
            "and save it again."),
        "units_length_mismatch": translate(
            "QuoteErrors", "The quote's lines and units do not match. Open the quote and save "
            "it again."),
    }
    return sentences.get(code)


def line_prefixed(index: int, text: str) -> str:
    """"Line 3: …" for an error on the quote's line ``index`` (0-based)."""
    return translate("QuoteErrors", "Line {n}: {text}").format(n=index + 1, text=text)


def error_text(error: AppError) -> str:
    """One sentence for a quote error; a line error says which line ("Line 3: …")."""
    # ui.errors imports quote_sentence from here, so it is imported when first needed.
    from ui.errors import message_for

    return message_for(error)
