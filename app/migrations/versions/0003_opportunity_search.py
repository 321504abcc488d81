"""Search over opportunity names (FTS5 trigram) and indexes for prefix look-ups.

Short queries (one or two characters: 张, 华强) cannot use trigrams; app.search answers them
with indexed prefix ranges on customer names, short names, name cores and contact names
instead of scanning whole tables.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BACKFILL: tuple[str, ...] = (
    "INSERT INTO opportunities_fts(opportunities_fts) VALUES ('rebuild')",
)


def upgrade() -> None:
    op.execute("""CREATE VIRTUAL TABLE opportunities_fts USING fts5(
        name, content='opportunities', content_rowid='rowid', tokenize='trigram')""")
    op.execute("""CREATE TRIGGER opportunities_fts_ai AFTER INSERT ON opportunities BEGIN
        INSERT INTO opportunities_fts(rowid, name) VALUES (new.rowid, new.name); END""")
    op.execute("""CREATE TRIGGER opportunities_fts_ad AFTER DELETE ON opportunities BEGIN
        INSERT INTO opportunities_fts(opportunities_fts, rowid, name)
        VALUES ('delete', old.rowid, old.name); END""")
    op.execute("""CREATE TRIGGER opportunities_fts_au AFTER UPDATE OF name ON opportunities
        BEGIN
        INSERT INTO opportunities_fts(opportunities_fts, rowid, name)
        VALUES ('delete', old.rowid, old.name);
        INSERT INTO opportunities_fts(rowid, name) VALUES (new.rowid, new.name); END""")
    for statement in BACKFILL:
        op.execute(statement)
    op.execute("CREATE INDEX ix_customers_short_name ON customers (short_name)")
    op.execute("CREATE INDEX ix_customers_full_name ON customers (full_name)")
    op.execute("CREATE INDEX ix_contacts_name ON contacts (name)")


def downgrade() -> None:
    for name in ("opportunities_fts_ai", "opportunities_fts_ad", "opportunities_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS opportunities_fts")
    for name in ("ix_customers_short_name", "ix_customers_full_name", "ix_contacts_name"):
        op.execute(f"DROP INDEX IF EXISTS {name}")
