"""``merged_into`` on customers and contacts: where a merged-away duplicate went.

A duplicate merge tombstones the victims; this column names the survivor, so a replica can
jump to it and the sync server can re-point children and edits that arrive later for the
merged-away record (see sync/PROTOCOL.md, "Merged records").

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: no table rebuild (contacts keeps its contact_points triggers).
    for table in ("customers", "contacts"):
        op.add_column(table, sa.Column("merged_into", sa.String(36), nullable=True))


def downgrade() -> None:
    for table in ("customers", "contacts"):
        op.drop_column(table, "merged_into")
