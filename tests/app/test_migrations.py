"""The replica's schema: migrations from the first revision keep every row; a failed migration
restores the backup it took."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db import Database
from app.errors import StorageError
from app.migrate import current_revision, head_revision, upgrade


def _fill_at_first_revision(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("""INSERT INTO customers (id, full_name, name_core, industry, region,
            source, level, lifecycle, lifecycle_manual, in_pool, created_at, updated_at,
            server_seq, version) VALUES ('c1', '深圳市华强科技有限公司', '华强科技', 'software',
            'south_china', 'manual', 'key', 'prospect', 0, 0, '2026-01-01 00:00:00',
            '2026-01-01 00:00:00', 0, 1)"""))
        conn.execute(text("""INSERT INTO contacts (id, customer_id, name, phones, emails, source,
            created_at, updated_at, server_seq, version) VALUES ('p1', 'c1', '张伟',
            '[{"kind": "mobile", "e164": "+8613800138000", "ext": null}]',
            '["zhang@example.com"]', 'manual', '2026-01-01 00:00:00', '2026-01-01 00:00:00',
            0, 1)"""))


def test_upgrade_from_first_revision_keeps_rows_and_indexes_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    upgrade(db.engine, path, "0001")
    assert current_revision(db.engine) == "0001"
    _fill_at_first_revision(db)

    assert upgrade(db.engine, path) is True
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM customers")) == 1
        assert conn.scalar(text("SELECT count(*) FROM contacts")) == 1
        # The search index and contact points were back-filled for rows that predate them.
        hits = conn.execute(text(
            "SELECT rowid FROM customers_fts WHERE customers_fts MATCH '\"华强科\"'")).all()
        assert len(hits) == 1
        points = {r[0] for r in conn.execute(text("SELECT value FROM contact_points"))}
        assert points == {"+8613800138000", "zhang@example.com"}
    assert (tmp_path / "old.db.bak-0001").exists(), "a backup is taken before migrating"
    db.dispose()


def test_up_to_date_database_is_not_migrated_again(replica: Database) -> None:
    assert upgrade(replica.engine, replica.path) is False


def test_failed_migration_restores_the_backup(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.db"
    db = Database(path)
    upgrade(db.engine, path, "0001")
    _fill_at_first_revision(db)
    # Sabotage: a table the next migration must create already exists.
    with db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE customers_fts (x)"))
    with pytest.raises(StorageError) as err:
        upgrade(db.engine, path)
    assert err.value.code == "migration_failed"
    db.dispose()
    conn2 = sqlite3.connect(path)
    assert conn2.execute("SELECT count(*) FROM customers").fetchone() == (1,)
    assert conn2.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert conn2.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn2.close()


def test_pragmas_wal_and_foreign_keys(replica: Database) -> None:
    with replica.engine.connect() as conn:
        assert conn.scalar(text("PRAGMA journal_mode")) == "wal"
        assert conn.scalar(text("PRAGMA foreign_keys")) == 1
