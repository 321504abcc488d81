"""dedupe keys for duplicate detection

Revision ID: s0002
Revises: s0001
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dedupe_keys",
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("value", sa.String(300), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("kind", "value", "entity_id", name="pk_dedupe_keys"),
    )


def downgrade() -> None:
    op.drop_table("dedupe_keys")
