"""the shared customer pool: per-customer pool state and the claims log

Revision ID: s0004
Revises: s0003
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "s0004"
down_revision = "s0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pool_state",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("team_id", sa.String(64)),
        sa.Column("in_pool", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("previous_owner", sa.String(64)),
        sa.Column("pooled_at", sa.DateTime(timezone=True)),
        sa.Column("reason", sa.String(40)),
        sa.Column("deadline_at", sa.DateTime(timezone=True)),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("claimed_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_pool_state_team", "pool_state", ["team_id", "in_pool"])
    op.create_table(
        "pool_claims",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counts", sa.Integer(), nullable=False, server_default="1"),
    )
    op.create_index("ix_pool_claims_rep", "pool_claims", ["rep_id", "at"])


def downgrade() -> None:
    op.drop_table("pool_claims")
    op.drop_table("pool_state")
