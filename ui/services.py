"""The services the UI uses, built once in the composition root and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.db import Database
from app.services.activities import ActivityService
from app.services.catalog import CatalogService
from app.services.contacts import ContactService
from app.services.context import ServiceContext
from app.services.customers import CustomerService
from app.services.opportunities import OpportunityService
from app.services.quotes import QuoteService


@dataclass
class CurrentUser:
    id: str | None
    username: str
    display_name: str
    role: str = "rep"


@dataclass
class AppServices:
    db: Database
    user: CurrentUser
    ctx: ServiceContext = field(init=False)
    customers: CustomerService = field(init=False)
    contacts: ContactService = field(init=False)
    opportunities: OpportunityService = field(init=False)
    activities: ActivityService = field(init=False)
    catalog: CatalogService = field(init=False)
    quotes: QuoteService = field(init=False)

    def __post_init__(self) -> None:
        self.ctx = ServiceContext(db=self.db, user_id=self.user.id, role=self.user.role)
        self.customers = CustomerService(self.ctx)
        self.contacts = ContactService(self.ctx)
        self.opportunities = OpportunityService(self.ctx)
        self.activities = ActivityService(self.ctx)
        self.catalog = CatalogService(self.ctx)
        self.quotes = QuoteService(self.ctx)

    @property
    def owner_filter(self) -> str | None:
        """Whose records the rep's screens show: their own; a manager sees everyone's."""
        return None if self.user.role != "rep" else self.user.id
