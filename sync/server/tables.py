"""The server's tables (SQLAlchemy Core): one generic ``records`` table plus bookkeeping.

Why one generic table rather than a mirror of every domain table: the server never queries
domain columns, it merges fields and streams rows. A ``records`` row holds the whole record as
JSON (``data``, wire form) with its per-field merge state (``field_seq``, ``field_hlc``), so a
new column in the app needs no server migration at all (schema changes are additive by
construction), and a pull page is written from stored JSON text without re-encoding it.

``customer_id`` is the scope root (NULL for the catalog: teams, users, products, ref_values).
``audience_id`` is set on conflict records: the user whose value lost, who must see the
conflict even when the customer has left their scope. Conflicts are ordinary records
(``entity='conflicts'``), so they ride the same change feed with the same guarantees.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

records = Table(
    "records", metadata,
    Column("entity", String(40), nullable=False),
    Column("id", String(64), nullable=False),
    Column("rank", Integer, nullable=False),
    Column("customer_id", String(64)),
    Column("audience_id", String(64)),
    Column("seq", BigInteger, nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("data", Text, nullable=False),
    Column("field_seq", Text, nullable=False),
    Column("field_hlc", Text, nullable=False),
    Column("deleted_seq", BigInteger),
    PrimaryKeyConstraint("entity", "id", name="pk_records"),
    Index("ix_records_seq", "seq"),
    Index("ix_records_customer_seq", "customer_id", "seq"),
    Index("ix_records_rank_id", "rank", "id"),
    Index("ix_records_audience", "audience_id", "seq"),
    Index("ix_records_id", "id"),
)

sync_counter = Table(
    "sync_counter", metadata,
    Column("id", Integer, primary_key=True),
    Column("seq", BigInteger, nullable=False),
)

server_meta = Table(
    "server_meta", metadata,
    Column("id", Integer, primary_key=True),
    Column("epoch", String(36), nullable=False),
    Column("tombstone_horizon_seq", BigInteger, nullable=False, default=0),
    Column("hlc", String(120), nullable=False, default=""),
)

settings_table = Table(
    "settings", metadata,
    Column("key", String(60), primary_key=True),
    Column("value", Text, nullable=False),
)

assignments = Table(
    "assignments", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("customer_id", String(64), nullable=False),
    Column("rep_id", String(64), nullable=False),
    Column("from_seq", BigInteger, nullable=False),
    Column("to_seq", BigInteger),
    Index("ix_assignments_rep", "rep_id", "from_seq"),
    Index("ix_assignments_customer", "customer_id"),
)

clients = Table(
    "clients", metadata,
    Column("client_id", String(64), primary_key=True),
    Column("user_id", String(64), nullable=False),
    Column("last_client_seq", BigInteger, nullable=False, default=0),
    Column("last_pull_seq", BigInteger, nullable=False, default=0),
    Column("app_version", String(40)),
    Column("protocol", Integer),
    Column("created_at", DateTime(timezone=True)),
    Column("last_seen_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
    Column("device_name", String(100)),
    Index("ix_clients_user", "user_id"),
)

accounts = Table(
    "accounts", metadata,
    Column("id", String(64), primary_key=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("team_id", String(64)),
    Column("rep_code", String(20), nullable=False, default=""),
    Column("active", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True)),
    # Consecutive failed logins; at ``Settings.login_max_failures`` the account is locked
    # until ``locked_until``.
    Column("failed_logins", Integer, nullable=False, default=0, server_default="0"),
    Column("locked_until", DateTime(timezone=True)),
)

tokens = Table(
    "tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(64), nullable=False),
    Column("client_id", String(64)),
    Column("created_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
    Column("expires_at", DateTime(timezone=True)),  # NULL: issued before tokens expired
    # The refresh token (SHA-256) that may renew this session; moved to the new row on refresh.
    Column("refresh_hash", String(64)),
    Column("refresh_expires_at", DateTime(timezone=True)),
    # logout | refresh | user | device | disabled. Only logout and refresh do not wipe.
    Column("revoke_reason", String(20)),
    Index("ix_tokens_user", "user_id"),
    Index("ix_tokens_refresh", "refresh_hash", unique=True),
    Index("ix_tokens_client", "client_id"),
)

# Who did what: logins (and failures), logouts, approvals, reassignments, deletions, and the
# admin commands. Printed by ``fieldsales-server audit``.
audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("action", String(40), nullable=False),
    Column("actor_id", String(64)),
    Column("actor", String(100)),
    Column("target", String(200)),
    Column("detail", Text),
    Column("ip", String(64)),
    Index("ix_audit_log_at", "at"),
    Index("ix_audit_log_action", "action", "at"),
)

# Normalised identifying values of customers (USCC, phone), for "possible duplicate" checks on
# customers created offline by different reps.
dedupe_keys = Table(
    "dedupe_keys", metadata,
    Column("kind", String(20), nullable=False),
    Column("value", String(300), nullable=False),
    Column("entity_id", String(64), nullable=False),
    PrimaryKeyConstraint("kind", "value", "entity_id", name="pk_dedupe_keys"),
)

# The pool's server-side bookkeeping (sync/server/pool.py). The synced face of the pool is
# ordinary records (pool_customers, pool_requests, pool_events); these tables answer the
# questions a claim decision asks, under the customer's lock, without decoding JSON.
pool_state = Table(
    "pool_state", metadata,
    Column("customer_id", String(64), primary_key=True),
    Column("team_id", String(64)),
    Column("in_pool", Integer, nullable=False, default=0),
    Column("previous_owner", String(64)),
    Column("pooled_at", DateTime(timezone=True)),
    Column("reason", String(40)),
    # The recycle deadline that put it in the pool (NULL for a manual return): an offline
    # follow-up logged before it reverses the recycle.
    Column("deadline_at", DateTime(timezone=True)),
    Column("claimed_by", String(64)),
    Column("claimed_at", DateTime(timezone=True)),
    Index("ix_pool_state_team", "team_id", "in_pool"),
)

# Every granted claim: the daily claim limit counts these (a rolling 24 h).
pool_claims = Table(
    "pool_claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rep_id", String(64), nullable=False),
    Column("customer_id", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    # 0: a customer with a won deal, which does not count against the daily limit (§5.5).
    Column("counts", Integer, nullable=False, default=1),
    Index("ix_pool_claims_rep", "rep_id", "at"),
)
