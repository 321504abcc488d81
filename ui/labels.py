"""Translated labels for the domain's codes (enums): the UI never shows a raw code."""

from __future__ import annotations

from collections.abc import Callable
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
    table: dict[str, str] = {
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
        "name": translate("Labels", "Name"),
        "title": translate("Labels", "Title"),
        "amount": translate("Labels", "Amount"),
        "stage": translate("Labels", "Stage"),
        "subject": translate("Labels", "Subject"),
        "outcome": translate("Labels", "Outcome"),
        "expected_close": translate("Labels", "Expected close"),
    }
    return table.get(code, code.replace("_", " "))


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
        return ", ".join(v["e164"] if isinstance(v, dict) else str(v) for v in value)
    return str(value)
