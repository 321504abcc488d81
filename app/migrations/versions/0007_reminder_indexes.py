"""Partial indexes for the follow-up rules (Today's reminders) at 100 000 customers.

``app.rules`` asks for the live, unpooled customers ordered by a clock expression, 200 at a
time. Without an index on that expression SQLite reads every customer row (the table is
wide: address, notes) and sorts them: 50–130 ms per rule at 100 000 customers. With these
indexes the rules read the 200 rows they return (< 1 ms), and the 24-hour rule reads only the
customers still waiting for their first follow-up after assignment.

The WHERE clauses must match what SQLAlchemy renders for ``app.rules`` (``in_pool IS 0``):
tests/app/test_rules_speed_paths.py checks the plans.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_LIVE = "deleted_at IS NULL AND in_pool IS 0"


def upgrade() -> None:
    # no_follow_up_3d, a rep's own customers / everyone's (a manager).
    op.execute("CREATE INDEX IF NOT EXISTS ix_customers_owner_quiet ON customers "
               f"(owner_id, coalesce(last_follow_up_at, created_at)) WHERE {_LIVE}")
    op.execute("CREATE INDEX IF NOT EXISTS ix_customers_quiet ON customers "
               f"(coalesce(last_follow_up_at, created_at)) WHERE {_LIVE}")
    # high_value_24h: only customers not followed up since their assignment (few rows).
    for name, columns in (("ix_customers_owner_unfollowed", "owner_id, "),
                          ("ix_customers_unfollowed", "")):
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON customers "
                   f"({columns}coalesce(assigned_at, created_at)) WHERE {_LIVE} AND "
                   "(last_follow_up_at IS NULL OR last_follow_up_at < coalesce(assigned_at, "
                   "created_at))")


def downgrade() -> None:
    for name in ("ix_customers_unfollowed", "ix_customers_owner_unfollowed",
                 "ix_customers_quiet", "ix_customers_owner_quiet"):
        op.execute(f"DROP INDEX IF EXISTS {name}")
