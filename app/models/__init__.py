"""The domain model. Importing this package registers every table on ``Base.metadata``."""

from app.models.base import Base, DecimalText, SyncedMixin, UTCDateTime
from app.models.catalog import Product
from app.models.customer import Contact, ContactPoint, Customer
from app.models.org import Team, User
from app.models.pool import PoolCustomer, PoolEvent, PoolRequest
from app.models.quotes import Quote, QuoteLine
from app.models.sales import Activity, Opportunity, StageChange
from app.models.sync import Conflict, OutboxEntry, RefValue, SyncMeta

__all__ = [
    "Activity",
    "Base",
    "Conflict",
    "Contact",
    "ContactPoint",
    "Customer",
    "DecimalText",
    "Opportunity",
    "OutboxEntry",
    "PoolCustomer",
    "PoolEvent",
    "PoolRequest",
    "Product",
    "Quote",
    "QuoteLine",
    "RefValue",
    "StageChange",
    "SyncMeta",
    "SyncedMixin",
    "Team",
    "UTCDateTime",
    "User",
]
