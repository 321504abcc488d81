"""sessions (expiry, refresh, devices), login lock-out and the audit log

Revision ID: s0003
Revises: s0002
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "s0003"
down_revision = "s0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tokens") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("refresh_hash", sa.String(64)))
        batch.add_column(sa.Column("refresh_expires_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("revoke_reason", sa.String(20)))
        batch.create_index("ix_tokens_refresh", ["refresh_hash"], unique=True)
        batch.create_index("ix_tokens_client", ["client_id"])
    with op.batch_alter_table("clients") as batch:
        batch.add_column(sa.Column("device_name", sa.String(100)))
        batch.create_index("ix_clients_user", ["user_id"])
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True)))
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("actor_id", sa.String(64)),
        sa.Column("actor", sa.String(100)),
        sa.Column("target", sa.String(200)),
        sa.Column("detail", sa.Text()),
        sa.Column("ip", sa.String(64)),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_action", "audit_log", ["action", "at"])


def downgrade() -> None:
    op.drop_table("audit_log")
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_logins")
    with op.batch_alter_table("clients") as batch:
        batch.drop_index("ix_clients_user")
        batch.drop_column("device_name")
    with op.batch_alter_table("tokens") as batch:
        batch.drop_index("ix_tokens_client")
        batch.drop_index("ix_tokens_refresh")
        for name in ("revoke_reason", "refresh_expires_at", "refresh_hash", "expires_at"):
            batch.drop_column(name)
