"""The standard lists (dropdowns, never free text).

The server owns the lists and syncs them as reference data (``ref_values``); these enums are the
seed values and the codes the domain logic relies on. Codes are stable English identifiers;
labels in both languages live in the reference data and the UI's translations.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    REP = "rep"
    MANAGER = "manager"
    ADMIN = "admin"


class CustomerLevel(StrEnum):
    STRATEGIC = "strategic"
    KEY = "key"
    NORMAL = "normal"


class Lifecycle(StrEnum):
    PROSPECT = "prospect"
    INTERESTED = "interested"
    CUSTOMER = "customer"
    LOYAL = "loyal"
    DORMANT = "dormant"


class Source(StrEnum):
    TRADE_SHOW = "trade_show"
    REFERRAL = "referral"
    WEBSITE = "website"
    COLD_CALL = "cold_call"
    CARD_SCAN = "card_scan"
    IMPORT = "import"
    MANUAL = "manual"


class Industry(StrEnum):
    MANUFACTURING = "manufacturing"
    ELECTRONICS = "electronics"
    SOFTWARE = "software"
    RETAIL = "retail"
    LOGISTICS = "logistics"
    HEALTHCARE = "healthcare"
    FINANCE = "finance"
    EDUCATION = "education"
    ENERGY = "energy"
    CONSTRUCTION = "construction"
    AUTOMOTIVE = "automotive"
    FOOD = "food"
    OTHER = "other"


class Region(StrEnum):
    NORTH_CHINA = "north_china"
    EAST_CHINA = "east_china"
    SOUTH_CHINA = "south_china"
    CENTRAL_CHINA = "central_china"
    SOUTHWEST_CHINA = "southwest_china"
    NORTHWEST_CHINA = "northwest_china"
    NORTHEAST_CHINA = "northeast_china"
    NORTH_AMERICA = "north_america"
    EUROPE = "europe"
    APAC = "apac"
    OTHER = "other"


class ContactSource(StrEnum):
    MANUAL = "manual"
    CARD_SCAN = "card_scan"
    IMPORT = "import"


class PhoneKind(StrEnum):
    MOBILE = "mobile"
    OFFICE = "office"
    FAX = "fax"
    OTHER = "other"


class Stage(StrEnum):
    """Opportunity stages in funnel order; WON and LOST close the opportunity."""

    PROSPECT = "prospect"
    QUALIFIED = "qualified"
    PROPOSAL = "proposal"
    NEGOTIATION = "negotiation"
    WON = "won"
    LOST = "lost"


OPEN_STAGES: tuple[Stage, ...] = (
    Stage.PROSPECT,
    Stage.QUALIFIED,
    Stage.PROPOSAL,
    Stage.NEGOTIATION,
)
FUNNEL_STAGES: tuple[Stage, ...] = (*OPEN_STAGES, Stage.WON)
DEFAULT_PROBABILITY: dict[Stage, int] = {
    Stage.PROSPECT: 10,
    Stage.QUALIFIED: 30,
    Stage.PROPOSAL: 50,
    Stage.NEGOTIATION: 70,
    Stage.WON: 100,
    Stage.LOST: 0,
}


class LostReason(StrEnum):
    PRICE = "price"
    COMPETITOR = "competitor"
    NO_BUDGET = "no_budget"
    NO_DECISION = "no_decision"
    TIMING = "timing"
    PRODUCT_FIT = "product_fit"
    OTHER = "other"


class ActivityKind(StrEnum):
    CALL = "call"
    VISIT = "visit"
    MEETING = "meeting"
    EMAIL = "email"
    WECHAT = "wechat"
    NOTE = "note"
    TASK = "task"


# A completed activity of these kinds counts as a follow-up (business rules, decision 3);
# notes and open tasks do not.
FOLLOW_UP_KINDS: frozenset[ActivityKind] = frozenset(
    {
        ActivityKind.CALL,
        ActivityKind.VISIT,
        ActivityKind.MEETING,
        ActivityKind.EMAIL,
        ActivityKind.WECHAT,
    }
)


class QuoteStatus(StrEnum):
    DRAFT = "draft"
    PENDING_APPROVAL = "pending_approval"
    APPROVED = "approved"
    SENT = "sent"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EXPIRED = "expired"


class DiscountKind(StrEnum):
    NONE = "none"
    PERCENT = "percent"
    AMOUNT = "amount"


class TierMode(StrEnum):
    VOLUME = "volume"
    GRADUATED = "graduated"
