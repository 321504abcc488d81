"""Outbox numbering never restarts: ``client_seq`` becomes AUTOINCREMENT.

Without AUTOINCREMENT, SQLite hands out ``max(rowid) + 1``, so once the outbox was pushed and
emptied the numbering restarted at 1, and the sync engine had to add an offset
(``sync_meta.client_seq_offset``) to keep the numbers it sends to the server increasing. This
rebuilds the table with AUTOINCREMENT, keeping every pending row: rows are renumbered to the
numbers the server knows them by (local + offset), ``sqlite_sequence`` starts above everything
already acknowledged, and the offset is dropped.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_COLUMNS = "change_id, entity, entity_id, op, fields, base_seq, hlc, created_at"


def _meta_int(conn: sa.Connection, key: str) -> int:
    value = conn.execute(sa.text("SELECT value FROM sync_meta WHERE key = :k"),
                         {"k": key}).scalar()
    try:
        return int(value or 0)
    except ValueError:
        return 0


def upgrade() -> None:
    conn = op.get_bind()
    offset = _meta_int(conn, "client_seq_offset")
    acked = _meta_int(conn, "acked_client_seq")
    op.execute("""CREATE TABLE outbox_new (
        client_seq INTEGER NOT NULL CONSTRAINT pk_outbox PRIMARY KEY AUTOINCREMENT,
        change_id VARCHAR(36) NOT NULL,
        entity VARCHAR(40) NOT NULL,
        entity_id VARCHAR(36) NOT NULL,
        op VARCHAR(10) NOT NULL,
        fields JSON NOT NULL,
        base_seq INTEGER NOT NULL,
        hlc VARCHAR(80) NOT NULL,
        created_at DATETIME NOT NULL,
        CONSTRAINT uq_outbox_change_id UNIQUE (change_id))""")
    conn.execute(sa.text(f"INSERT INTO outbox_new (client_seq, {_COLUMNS}) "
                         f"SELECT client_seq + :offset, {_COLUMNS} FROM outbox "
                         "ORDER BY client_seq"), {"offset": offset})
    top = int(conn.execute(sa.text("SELECT coalesce(max(client_seq), 0) FROM outbox_new"))
              .scalar() or 0)
    op.execute("DROP INDEX IF EXISTS ix_outbox_entity")
    op.execute("DROP TABLE outbox")
    op.execute("ALTER TABLE outbox_new RENAME TO outbox")
    op.execute("CREATE INDEX ix_outbox_entity ON outbox (entity, entity_id)")
    # The next change is numbered above anything the server has acknowledged.
    conn.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = 'outbox'"))
    conn.execute(sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', :seq)"),
                 {"seq": max(top, offset, acked)})
    conn.execute(sa.text("DELETE FROM sync_meta WHERE key = 'client_seq_offset'"))


def downgrade() -> None:
    # Plain INTEGER PRIMARY KEY again; numbers stay as they are, with no offset needed while
    # rows remain (the old engine re-creates its offset when the outbox empties).
    op.execute("""CREATE TABLE outbox_old (
        client_seq INTEGER NOT NULL,
        change_id VARCHAR(36) NOT NULL,
        entity VARCHAR(40) NOT NULL,
        entity_id VARCHAR(36) NOT NULL,
        op VARCHAR(10) NOT NULL,
        fields JSON NOT NULL,
        base_seq INTEGER NOT NULL,
        hlc VARCHAR(80) NOT NULL,
        created_at DATETIME NOT NULL,
        CONSTRAINT pk_outbox PRIMARY KEY (client_seq),
        CONSTRAINT uq_outbox_change_id UNIQUE (change_id))""")
    op.execute(f"INSERT INTO outbox_old (client_seq, {_COLUMNS}) "
               f"SELECT client_seq, {_COLUMNS} FROM outbox")
    op.execute("DROP INDEX IF EXISTS ix_outbox_entity")
    op.execute("DROP TABLE outbox")
    op.execute("ALTER TABLE outbox_old RENAME TO outbox")
    op.execute("CREATE INDEX ix_outbox_entity ON outbox (entity, entity_id)")
