"""Translated labels for the domain's codes (enums): the UI never shows a raw code."""

from __future__ import annotations

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


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def level(code: str) -> str:
    return {
        CustomerLevel.STRATEGIC: _t("Strategic"),
        CustomerLevel.KEY: _t("Key"),
        CustomerLevel.NORMAL: _t("Normal"),
    }.get(code, code)


def lifecycle(code: str) -> str:
    return {
        Lifecycle.PROSPECT: _t("Prospect"),
        Lifecycle.INTERESTED: _t("Interested"),
        Lifecycle.CUSTOMER: _t("Customer"),
        Lifecycle.LOYAL: _t("Loyal"),
        Lifecycle.DORMANT: _t("Dormant"),
    }.get(code, code)


def industry(code: str) -> str:
    return {
        Industry.MANUFACTURING: _t("Manufacturing"),
        Industry.ELECTRONICS: _t("Electronics"),
        Industry.SOFTWARE: _t("Software"),
        Industry.RETAIL: _t("Retail"),
        Industry.LOGISTICS: _t("Logistics"),
        Industry.HEALTHCARE: _t("Healthcare"),
        Industry.FINANCE: _t("Finance"),
        Industry.EDUCATION: _t("Education"),
        Industry.ENERGY: _t("Energy"),
        Industry.CONSTRUCTION: _t("Construction"),
        Industry.AUTOMOTIVE: _t("Automotive"),
        Industry.FOOD: _t("Food"),
        Industry.OTHER: _t("Other"),
    }.get(code, code)


def region(code: str) -> str:
    return {
        Region.NORTH_CHINA: _t("North China"),
        Region.EAST_CHINA: _t("East China"),
        Region.SOUTH_CHINA: _t("South China"),
        Region.CENTRAL_CHINA: _t("Central China"),
        Region.SOUTHWEST_CHINA: _t("Southwest China"),
        Region.NORTHWEST_CHINA: _t("Northwest China"),
        Region.NORTHEAST_CHINA: _t("Northeast China"),
        Region.NORTH_AMERICA: _t("North America"),
        Region.EUROPE: _t("Europe"),
        Region.APAC: _t("Asia Pacific"),
        Region.OTHER: _t("Other region"),
    }.get(code, code)


def source(code: str) -> str:
    return {
        Source.TRADE_SHOW: _t("Trade show"),
        Source.REFERRAL: _t("Referral"),
        Source.WEBSITE: _t("Website"),
        Source.COLD_CALL: _t("Cold call"),
        Source.CARD_SCAN: _t("Card scan"),
        Source.IMPORT: _t("Import"),
        Source.MANUAL: _t("Entered by hand"),
    }.get(code, code)


def stage(code: str) -> str:
    return {
        Stage.PROSPECT: _t("Prospecting"),
        Stage.QUALIFIED: _t("Qualified"),
        Stage.PROPOSAL: _t("Proposal"),
        Stage.NEGOTIATION: _t("Negotiation"),
        Stage.WON: _t("Won"),
        Stage.LOST: _t("Lost"),
    }.get(code, code)


def lost_reason(code: str) -> str:
    return {
        LostReason.PRICE: _t("Price too high"),
        LostReason.COMPETITOR: _t("Went with a competitor"),
        LostReason.NO_BUDGET: _t("No budget"),
        LostReason.NO_DECISION: _t("No decision made"),
        LostReason.TIMING: _t("Bad timing"),
        LostReason.PRODUCT_FIT: _t("Product not a fit"),
        LostReason.OTHER: _t("Other reason"),
    }.get(code, code)


def activity_kind(code: str) -> str:
    return {
        ActivityKind.CALL: _t("Call"),
        ActivityKind.VISIT: _t("Visit"),
        ActivityKind.MEETING: _t("Meeting"),
        ActivityKind.EMAIL: _t("Email"),
        ActivityKind.WECHAT: _t("WeChat"),
        ActivityKind.NOTE: _t("Note"),
        ActivityKind.TASK: _t("Task"),
    }.get(code, code)


def quote_status(code: str) -> str:
    return {
        QuoteStatus.DRAFT: _t("Draft"),
        QuoteStatus.PENDING_APPROVAL: _t("Waiting for approval"),
        QuoteStatus.APPROVED: _t("Approved"),
        QuoteStatus.SENT: _t("Sent"),
        QuoteStatus.ACCEPTED: _t("Accepted"),
        QuoteStatus.REJECTED: _t("Rejected"),
        QuoteStatus.EXPIRED: _t("Expired"),
    }.get(code, code)


def field_name(code: str) -> str:
    return {
        "full_name": _t("Company name"),
        "short_name": _t("Short name"),
        "industry": _t("Industry"),
        "region": _t("Region"),
        "source": _t("Source"),
        "level": _t("Level"),
        "lifecycle": _t("Lifecycle stage"),
        "phone": _t("Phone"),
        "website": _t("Website"),
        "uscc": _t("Credit code"),
        "address": _t("Address"),
        "notes": _t("Notes"),
        "name": _t("Name"),
        "title": _t("Title"),
        "amount": _t("Amount"),
        "stage": _t("Stage"),
        "subject": _t("Subject"),
        "outcome": _t("Outcome"),
        "expected_close": _t("Expected close"),
    }.get(code, code.replace("_", " "))


def entity(code: str) -> str:
    return {
        "customers": _t("Customer"),
        "contacts": _t("Contact"),
        "opportunities": _t("Opportunity"),
        "activities": _t("Activity"),
        "quotes": _t("Quote"),
    }.get(code, code)
