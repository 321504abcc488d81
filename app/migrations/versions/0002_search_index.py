"""Full-text search (FTS5, trigram) over customers and contacts, and the contact-point index.

The trigram tokenizer finds substrings in any script, so 科技 inside 深圳市华强科技有限公司 is a
hit without a Chinese word segmenter. Queries shorter than three characters cannot use trigrams;
app.search falls back to LIKE for those. Both indexes are kept by triggers, so services and
sync apply (which write rows with plain SQL) can never leave them stale.

These FTS tables use external content keyed on the tables' implicit rowid; VACUUM may renumber
rowids, so app.search.rebuild() must run after any VACUUM.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_CUSTOMER_COLS = "full_name, short_name, phone, website, uscc, address"
_CONTACT_PHONES = "(SELECT group_concat(json_extract(value, '$.e164'), ' ') FROM json_each({}.phones))"
_CONTACT_EMAILS = "(SELECT group_concat(value, ' ') FROM json_each({}.emails))"


def _contact_values(alias: str) -> str:
    return (f"{alias}.name, {alias}.title, {alias}.department, "
            f"{_CONTACT_PHONES.format(alias)}, {_CONTACT_EMAILS.format(alias)}, {alias}.wechat_id")


def _customer_values(alias: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in _CUSTOMER_COLS.split(","))


_POINTS = """
    INSERT OR IGNORE INTO contact_points (contact_id, value)
        SELECT {a}.id, json_extract(value, '$.e164') FROM json_each({a}.phones)
        WHERE json_extract(value, '$.e164') IS NOT NULL;
    INSERT OR IGNORE INTO contact_points (contact_id, value)
        SELECT {a}.id, lower(value) FROM json_each({a}.emails);
"""


# Fills both FTS indexes and contact_points from the rows already in the tables: the upgrade
# backfills with it, and app.demo runs it after a bulk load made with the triggers dropped.
BACKFILL: tuple[str, ...] = (
    "INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')",
    f"""INSERT INTO contacts_fts(rowid, name, title, department, phones, emails,
        wechat_id) SELECT c.rowid, {_contact_values('c')} FROM contacts AS c""",
    """INSERT OR IGNORE INTO contact_points (contact_id, value)
        SELECT c.id, json_extract(p.value, '$.e164') FROM contacts AS c, json_each(c.phones) AS p
        WHERE json_extract(p.value, '$.e164') IS NOT NULL""",
    """INSERT OR IGNORE INTO contact_points (contact_id, value)
        SELECT c.id, lower(e.value) FROM contacts AS c, json_each(c.emails) AS e""",
)


def upgrade() -> None:
    op.execute(f"""CREATE VIRTUAL TABLE customers_fts USING fts5(
        {_CUSTOMER_COLS}, content='customers', content_rowid='rowid', tokenize='trigram')""")
    op.execute("""CREATE VIRTUAL TABLE contacts_fts USING fts5(
        name, title, department, phones, emails, wechat_id, tokenize='trigram')""")
    cv, ov = _customer_values("new"), _customer_values("old")
    op.execute(f"""CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN
        INSERT INTO customers_fts(rowid, {_CUSTOMER_COLS}) VALUES (new.rowid, {cv}); END""")
    op.execute(f"""CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, {_CUSTOMER_COLS})
        VALUES ('delete', old.rowid, {ov}); END""")
    op.execute(f"""CREATE TRIGGER customers_fts_au AFTER UPDATE OF {_CUSTOMER_COLS}
        ON customers BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, {_CUSTOMER_COLS})
        VALUES ('delete', old.rowid, {ov});
        INSERT INTO customers_fts(rowid, {_CUSTOMER_COLS}) VALUES (new.rowid, {cv}); END""")
    # Contacts: phones/emails are JSON lists, so the FTS row stores the flattened text itself
    # (a regular FTS table keyed by the contact's rowid).
    op.execute(f"""CREATE TRIGGER contacts_fts_ai AFTER INSERT ON contacts BEGIN
        INSERT INTO contacts_fts(rowid, name, title, department, phones, emails, wechat_id)
        VALUES (new.rowid, {_contact_values('new')});
        {_POINTS.format(a='new')} END""")
    op.execute("""CREATE TRIGGER contacts_fts_ad AFTER DELETE ON contacts BEGIN
        DELETE FROM contacts_fts WHERE rowid = old.rowid;
        DELETE FROM contact_points WHERE contact_id = old.id; END""")
    op.execute(f"""CREATE TRIGGER contacts_fts_au AFTER UPDATE ON contacts BEGIN
        DELETE FROM contacts_fts WHERE rowid = old.rowid;
        INSERT INTO contacts_fts(rowid, name, title, department, phones, emails, wechat_id)
        VALUES (new.rowid, {_contact_values('new')});
        DELETE FROM contact_points WHERE contact_id = old.id;
        {_POINTS.format(a='new')} END""")
    # Backfill rows written before this revision.
    for statement in BACKFILL:
        op.execute(statement)


def downgrade() -> None:
    for trigger in ("customers_fts_ai", "customers_fts_ad", "customers_fts_au",
                    "contacts_fts_ai", "contacts_fts_ad", "contacts_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS customers_fts")
    op.execute("DROP TABLE IF EXISTS contacts_fts")
    op.execute("DELETE FROM contact_points")
