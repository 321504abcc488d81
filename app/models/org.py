"""Teams and users. Both come from the server; a replica never creates them."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncedMixin


class Team(SyncedMixin, Base):
    __tablename__ = "teams"

    name: Mapped[str] = mapped_column(String(200))


class User(SyncedMixin, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # app.enums.Role
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"), default=None)
    # Short code used in quote numbers (Q-ZHANG-2026-0042); unique per server.
    rep_code: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str | None] = mapped_column(String(254), default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
