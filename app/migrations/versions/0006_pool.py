"""The shared customer pool: requests, history and the team's pooled customers.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

import app.models.base

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column]:  # type: ignore[type-arg]
    """The SyncedMixin columns every synced table carries."""
    utc = app.models.base.UTCDateTime
    return [sa.Column("id", sa.String(length=36), nullable=False),
            sa.Column("created_at", utc(), nullable=False),
            sa.Column("updated_at", utc(), nullable=False),
            sa.Column("deleted_at", utc(), nullable=True),
            sa.Column("server_seq", sa.Integer(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False)]


def upgrade() -> None:
    utc = app.models.base.UTCDateTime
    op.create_table(
        "pool_requests",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("requested_by", sa.String(length=36), nullable=False),
        sa.Column("requested_at", utc(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("refusal", sa.String(length=40), nullable=True),
        sa.Column("decided_at", utc(), nullable=True),
        sa.Column("protect_until", utc(), nullable=True),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pool_requests")))
    op.create_index("ix_pool_requests_by", "pool_requests", ["requested_by", "requested_at"])
    op.create_table(
        "pool_events",
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("rule_id", sa.String(length=40), nullable=True),
        sa.Column("rule_version", sa.Integer(), nullable=True),
        sa.Column("from_owner", sa.String(length=36), nullable=True),
        sa.Column("to_owner", sa.String(length=36), nullable=True),
        sa.Column("at", utc(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_pool_events_customer_id_customers"),
                                ondelete="CASCADE", initially="DEFERRED", deferrable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pool_events")))
    op.create_index("ix_pool_events_customer", "pool_events", ["customer_id", "at"])
    op.create_table(
        "pool_customers",
        sa.Column("team_id", sa.String(length=36), nullable=True),
        sa.Column("full_name", sa.String(length=300), nullable=False),
        sa.Column("industry", sa.String(length=40), nullable=False),
        sa.Column("region", sa.String(length=40), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("pooled_at", utc(), nullable=True),
        sa.Column("pooled_reason", sa.String(length=40), nullable=True),
        sa.Column("previous_owner_id", sa.String(length=36), nullable=True),
        sa.Column("won", sa.Boolean(), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pool_customers")))
    op.create_index("ix_pool_customers_name", "pool_customers", ["full_name"])


def downgrade() -> None:
    op.drop_table("pool_customers")
    op.drop_table("pool_events")
    op.drop_table("pool_requests")
