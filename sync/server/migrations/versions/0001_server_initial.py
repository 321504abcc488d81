"""server initial schema

Revision ID: s0001
Revises:
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.String(64)),
        sa.Column("audience_id", sa.String(64)),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("field_seq", sa.Text(), nullable=False),
        sa.Column("field_hlc", sa.Text(), nullable=False),
        sa.Column("deleted_seq", sa.BigInteger()),
        sa.PrimaryKeyConstraint("entity", "id", name="pk_records"),
    )
    op.create_index("ix_records_seq", "records", ["seq"])
    op.create_index("ix_records_customer_seq", "records", ["customer_id", "seq"])
    op.create_index("ix_records_rank_id", "records", ["rank", "id"])
    op.create_index("ix_records_audience", "records", ["audience_id", "seq"])
    op.create_index("ix_records_id", "records", ["id"])
    op.create_table(
        "sync_counter",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "server_meta",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("epoch", sa.String(36), nullable=False),
        sa.Column("tombstone_horizon_seq", sa.BigInteger(), nullable=False),
        sa.Column("hlc", sa.String(120), nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("rep_id", sa.String(64), nullable=False),
        sa.Column("from_seq", sa.BigInteger(), nullable=False),
        sa.Column("to_seq", sa.BigInteger()),
    )
    op.create_index("ix_assignments_rep", "assignments", ["rep_id", "from_seq"])
    op.create_index("ix_assignments_customer", "assignments", ["customer_id"])
    op.create_table(
        "clients",
        sa.Column("client_id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("last_client_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_pull_seq", sa.BigInteger(), nullable=False),
        sa.Column("app_version", sa.String(40)),
        sa.Column("protocol", sa.Integer()),
        sa.Column("created_at", sa.DateTime(timezone=True)),
        sa.Column("last_seen_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("team_id", sa.String(64)),
        sa.Column("rep_code", sa.String(20), nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("username", name="uq_accounts_username"),
    )
    op.create_table(
        "tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_tokens_user", "tokens", ["user_id"])


def downgrade() -> None:
    for name in ("tokens", "accounts", "clients", "assignments", "settings", "server_meta",
                 "sync_counter", "records"):
        op.drop_table(name)
