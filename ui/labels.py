"""Translated labels for the domain's codes (enums): the UI never shows a raw code."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.enums import (
    ActivityKind,
    CustomerLevel,
    Industry,
    Lifecycle,
    LostReason,
    QuoteStatus,
    Region,
    Source,
    Stage,
)

translate = QCoreApplication.translate


def level(code: str) -> str:
    table: dict[str, str] = {
        CustomerLevel.STRATEGIC: translate("Labels", "Strategic"),
        CustomerLevel.KEY: translate("Labels", "Key"),
        CustomerLevel.NORMAL: translate("Labels", "Normal"),
    }
    return table.get(code, code)


def lifecycle(code: str) -> str:
    table: dict[str, str] = {
        Lifecycle.PROSPECT: translate("Labels", "Prospect"),
        Lifecycle.INTERESTED: translate("Labels", "Interested"),
        Lifecycle.CUSTOMER: translate("Labels", "Customer"),
        Lifecycle.LOYAL: translate("Labels", "Loyal"),
        Lifecycle.DORMANT: translate("Labels", "Dormant"),
    }
    return table.get(code, code)


def industry(code: str) -> str:
    table: dict[str, str] = {
        Industry.MANUFACTURING: translate("Labels", "Manufacturing"),
        Industry.ELECTRONICS: translate("Labels", "Electronics"),
        Industry.SOFTWARE: translate("Labels", "Software"),
        Industry.RETAIL: translate("Labels", "Retail"),
        Industry.LOGISTICS: translate("Labels", "Logistics"),
        Industry.HEALTHCARE: translate("Labels", "Healthcare"),
        Industry.FINANCE: translate("Labels", "Finance"),
        Industry.EDUCATION: translate("Labels", "Education"),
        Industry.ENERGY: translate("Labels", "Energy"),
        Industry.CONSTRUCTION: translate("Labels", "Construction"),
        Industry.AUTOMOTIVE: translate("Labels", "Automotive"),
        Industry.FOOD: translate("Labels", "Food"),
        Industry.OTHER: translate("Labels", "Other"),
    }
    return table.get(code, code)


def region(code: str) -> str:
    table: dict[str, str] = {
        Region.NORTH_CHINA: translate("Labels", "North China"),
        Region.EAST_CHINA: translate("Labels", "East China"),
        Region.SOUTH_CHINA: translate("Labels", "South China"),
        Region.CENTRAL_CHINA: translate("Labels", "Central China"),
        Region.SOUTHWEST_CHINA: translate("Labels", "Southwest China"),
        Region.NORTHWEST_CHINA: translate("Labels", "Northwest China"),
        Region.NORTHEAST_CHINA: translate("Labels", "Northeast China"),
        Region.NORTH_AMERICA: translate("Labels", "North America"),
        Region.EUROPE: translate("Labels", "Europe"),
        Region.APAC: translate("Labels", "Asia Pacific"),
        Region.OTHER: translate("Labels", "Other region"),
    }
    return table.get(code, code)


def source(code: str) -> str:
    table: dict[str, str] = {
        Source.TRADE_SHOW: translate("Labels", "Trade show"),
        Source.REFERRAL: translate("Labels", "Referral"),
        Source.WEBSITE: translate("Labels", "Website"),
        Source.COLD_CALL: translate("Labels", "Cold call"),
        Source.CARD_SCAN: translate("Labels", "Card scan"),
        Source.IMPORT: translate("Labels", "Import"),
        Source.MANUAL: translate("Labels", "Entered by hand"),
    }
    return table.get(code, code)


def stage(code: str) -> str:
    table: dict[str, str] = {
        Stage.PROSPECT: translate("Labels", "Prospecting"),
        Stage.QUALIFIED: translate("Labels", "Qualified"),
        Stage.PROPOSAL: translate("Labels", "Proposal"),
        Stage.NEGOTIATION: translate("Labels", "Negotiation"),
        Stage.WON: translate("Labels", "Won"),
        Stage.LOST: translate("Labels", "Lost"),
    }
    return table.get(code, code)


def lost_reason(code: str) -> str:
    table: dict[str, str] = {
        LostReason.PRICE: translate("Labels", "Price too high"),
        LostReason.COMPETITOR: translate("Labels", "Went with a competitor"),
        LostReason.NO_BUDGET: translate("Labels", "No budget"),
        LostReason.NO_DECISION: translate("Labels", "No decision made"),
        LostReason.TIMING: translate("Labels", "Bad timing"),
        LostReason.PRODUCT_FIT: translate("Labels", "Product not a fit"),
        LostReason.OTHER: translate("Labels", "Other reason"),
    }
    return table.get(code, code)


def activity_kind(code: str) -> str:
    table: dict[str, str] = {
        ActivityKind.CALL: translate("Labels", "Call"),
        ActivityKind.VISIT: translate("Labels", "Visit"),
        ActivityKind.MEETING: translate("Labels", "Meeting"),
        ActivityKind.EMAIL: translate("Labels", "Email"),
        ActivityKind.WECHAT: translate("Labels", "WeChat"),
        ActivityKind.NOTE: translate("Labels", "Note"),
        ActivityKind.TASK: translate("Labels", "Task"),
    }
    return table.get(code, code)


def quote_status(code: str) -> str:
    table: dict[str, str] = {
        QuoteStatus.DRAFT: translate("Labels", "Draft"),
        QuoteStatus.PENDING_APPROVAL: translate("Labels", "Waiting for approval"),
        QuoteStatus.APPROVED: translate("Labels", "Approved"),
        QuoteStatus.SENT: translate("Labels", "Sent"),
        QuoteStatus.ACCEPTED: translate("Labels", "Accepted"),
        QuoteStatus.REJECTED: translate("Labels", "Rejected"),
        QuoteStatus.EXPIRED: translate("Labels", "Expired"),
    }
    return table.get(code, code)


def field_name(code: str) -> str:
    """The label of a field an error or an import row names (every field the services and the
    importers validate: ``tests/ui/test_error_catalogue.py`` checks that none is missing)."""
    table: dict[str, str] = {
        # customers
        "full_name": translate("Labels", "Company name"),
        "short_name": translate("Labels", "Short name"),
        "industry": translate("Labels", "Industry"),
        "region": translate("Labels", "Region"),
        "source": translate("Labels", "Source"),
        "level": translate("Labels", "Level"),
        "lifecycle": translate("Labels", "Lifecycle stage"),
        "phone": translate("Labels", "Phone"),
        "website": translate("Labels", "Website"),
        "uscc": translate("Labels", "Credit code"),
        "address": translate("Labels", "Address"),
        "notes": translate("Labels", "Notes"),
        "owner_id": translate("Labels", "Owner"),
        # contacts and business cards
        "name": translate("Labels", "Name"),
        "title": translate("Labels", "Title"),
        "company": translate("Labels", "Company"),
        "department": translate("Labels", "Department"),
        "phones": translate("Labels", "Phone numbers"),
        "mobile": translate("Labels", "Mobile"),
        "office_phone": translate("Labels", "Office phone"),
        "emails": translate("Labels", "Email addresses"),
        "email": translate("Labels", "Email"),
        "wechat_id": translate("Labels", "WeChat ID"),
        "card_image": translate("Labels", "Card picture"),
        "customer_id": translate("Labels", "Customer"),
        "contact_id": translate("Labels", "Contact"),
        "target": translate("Labels", "Record to merge into"),
        # opportunities and activities
        "amount": translate("Labels", "Amount"),
        "currency": translate("Labels", "Currency"),
        "stage": translate("Labels", "Stage"),
        "probability": translate("Labels", "Probability"),
        "lost_reason": translate("Labels", "Reason lost"),
        "expected_close": translate("Labels", "Expected close"),
        "opportunity_id": translate("Labels", "Opportunity"),
        "kind": translate("Labels", "Type"),
        "subject": translate("Labels", "Subject"),
        "outcome": translate("Labels", "Outcome"),
        "due_at": translate("Labels", "Due"),
        "done_at": translate("Labels", "Done"),
        "quote_id": translate("Labels", "Quote"),
        "rule_id": translate("Labels", "Follow-up rule"),
        # quotes and products
        "lines": translate("Labels", "Quote lines"),
        "product": translate("Labels", "Product"),
        "quantity": translate("Labels", "Quantity"),
        "discount": translate("Labels", "Discount"),
        "discount_kind": translate("Labels", "Discount type"),
        "tax_percent": translate("Labels", "Tax rate"),
        "valid_until": translate("Labels", "Valid until"),
        "comment": translate("Labels", "Comment"),
        "status": translate("Labels", "Status"),
        "version": translate("Labels", "Revision"),
        "language": translate("Labels", "Language"),
        "totals": translate("Labels", "Totals"),
        "units": translate("Labels", "Units"),
        "sku": translate("Labels", "SKU"),
        "name_zh": translate("Labels", "Chinese name"),
        "category": translate("Labels", "Category"),
        "unit": translate("Labels", "Unit"),
        "list_price": translate("Labels", "List price"),
        "tax_rate": translate("Labels", "Tax rate"),
        "tier_mode": translate("Labels", "Tier mode"),
        "tiers": translate("Labels", "Price tiers"),
        "active": translate("Labels", "Active"),
        "description": translate("Labels", "Description"),
        # the pool, duplicates, reports, import and export
        "reason": translate("Labels", "Reason"),
        "until": translate("Labels", "Protected until"),
        "others": translate("Labels", "Records to merge"),
        "period": translate("Labels", "Period"),
        "file": translate("Labels", "File"),
        "entity": translate("Labels", "Record type"),
        "role": translate("Labels", "Role"),
        "id": translate("Labels", "Record"),
    }
    return table.get(code, code.replace("_", " "))


def list_separator() -> str:
    """Between the items of a list in running text: ", " in English, "、" in Chinese."""
    return translate("Labels", ", ", "separator between the items of a list")


def joined(items: Iterable[str]) -> str:
    """Items as one list in running text, with the language's separator."""
    return list_separator().join(items)


def entity(code: str) -> str:
    table: dict[str, str] = {
        "customers": translate("Labels", "Customer"),
        "contacts": translate("Labels", "Contact"),
        "opportunities": translate("Labels", "Opportunity"),
        "activities": translate("Labels", "Activity"),
        "quotes": translate("Labels", "Quote"),
    }
    return table.get(code, code)


def field_value(field: str, value: Any) -> str:
    """A stored value as the user reads it: dropdown codes as their labels, phone lists as
    E.164 numbers, nothing for empty values."""
    if value is None:
        return ""
    coded: dict[str, Callable[[str], str]] = {
        "industry": industry, "region": region, "level": level, "source": source}
    if field in coded and isinstance(value, str) and value:
        return coded[field](value)
    if isinstance(value, list):
        return joined(v["e164"] if isinstance(v, dict) else str(v) for v in value)
    return str(value)
