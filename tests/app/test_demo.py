"""Demo data: the bulk load into a replica keeps every invariant the row-by-row path keeps."""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.demo import demo_users, generate, write_replica
from app.enums import OPEN_STAGES
from app.replica import open_replica
from app.search import search
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.validation import normalize_phone, validate_uscc

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
N = 200


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "replica.db"
    open_replica(path).dispose()
    write_replica(path, N, now=NOW)
    return path


@pytest.fixture
def conn(demo_db: Path) -> Iterator[sqlite3.Connection]:
    c = sqlite3.connect(demo_db)
    yield c
    c.close()


def _count(conn: sqlite3.Connection, table: str) -> int:
    count: int = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return count


def test_counts_per_table_are_in_range(conn: sqlite3.Connection) -> None:
    assert _count(conn, "customers") == N
    assert 2 * N <= _count(conn, "contacts") <= 4 * N
    assert N <= _count(conn, "opportunities") <= 2 * N
    assert _count(conn, "stage_history") >= _count(conn, "opportunities")
    assert 4 * N <= _count(conn, "activities") <= 6 * N
    assert _count(conn, "products") == 60
    assert _count(conn, "contact_points") == 2 * _count(conn, "contacts")  # a phone, an e-mail
    assert _count(conn, "outbox") == 0


def test_write_replica_reports_what_it_wrote(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    open_replica(path).dispose()
    counts = write_replica(path, 20, now=NOW)
    c = sqlite3.connect(path)
    try:
        assert counts == {t: _count(c, t) for t in counts}
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        c.close()


def test_foreign_keys_and_integrity_hold(conn: sqlite3.Connection) -> None:
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    for fts in ("customers_fts", "contacts_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")


def test_triggers_and_indexes_are_back(conn: sqlite3.Connection, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    open_replica(fresh).dispose()
    ref = sqlite3.connect(fresh)
    try:
        query = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
        assert sorted(conn.execute(query).fetchall()) == sorted(ref.execute(query).fetchall())
    finally:
        ref.close()


def test_bulk_search_index_equals_what_the_triggers_write(conn: sqlite3.Connection) -> None:
    """Re-index every contact through its update trigger: the FTS rows and contact points
    the backfill wrote must come out identical."""
    query_fts = "SELECT rowid, * FROM contacts_fts ORDER BY rowid"
    query_points = "SELECT * FROM contact_points ORDER BY contact_id, value"
    before = conn.execute(query_fts).fetchall(), conn.execute(query_points).fetchall()
    conn.execute("UPDATE contacts SET name = name")
    after = conn.execute(query_fts).fetchall(), conn.execute(query_points).fetchall()
    conn.rollback()
    assert before == after


def test_search_finds_generated_names(demo_db: Path) -> None:
    c = sqlite3.connect(demo_db)
    zh = c.execute("SELECT full_name FROM customers WHERE uscc IS NOT NULL LIMIT 1").fetchone()[0]
    en = c.execute("SELECT full_name FROM customers WHERE full_name GLOB '[A-Z]*' LIMIT 1")
    en_name = en.fetchone()[0]
    person = c.execute("SELECT name FROM contacts WHERE length(name) = 3 LIMIT 1").fetchone()[0]
    phone = c.execute("SELECT json_extract(phones, '$[0].e164') FROM contacts").fetchone()[0]
    c.close()
    db = open_replica(demo_db)
    try:
        assert zh in {h.title for h in search(db, zh[3:9]) if h.kind == "customer"}
        assert en_name in {h.title for h in search(db, en_name.split()[0]) if h.kind == "customer"}
        assert person in {h.title for h in search(db, person) if h.kind == "contact"}
        assert any(h.kind == "contact" for h in search(db, phone[-7:]))
    finally:
        db.dispose()


def test_a_customer_added_later_is_found(tmp_path: Path) -> None:
    """The search triggers work again after the bulk load: a plain insert is indexed."""
    path = tmp_path / "r.db"
    open_replica(path).dispose()
    write_replica(path, 10, now=NOW)
    db = open_replica(path)
    try:
        ctx = ServiceContext(db=db, user_id=demo_users()[1].id)
        CustomerService(ctx).create(CustomerInput(
            full_name="深圳市蓝鲸测试科技有限公司", industry="software", region="south_china"))
        hits = search(db, "蓝鲸测试")
        assert [h.title for h in hits if h.kind == "customer"] == ["深圳市蓝鲸测试科技有限公司"]
    finally:
        db.dispose()


def test_filling_a_replica_again_takes_the_trigger_path(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    open_replica(path).dispose()
    write_replica(path, 5, now=NOW, seed=1)
    write_replica(path, 5, now=NOW, seed=2)
    c = sqlite3.connect(path)
    try:
        assert _count(c, "customers") == 10
        assert _count(c, "contacts_fts") == _count(c, "contacts")
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        c.close()


def test_stage_history_matches_each_opportunity(conn: sqlite3.Connection) -> None:
    history: dict[str, list[tuple[str | None, str, str]]] = {}
    for opp_id, from_stage, to_stage, at in conn.execute(
            "SELECT opportunity_id, from_stage, to_stage, changed_at FROM stage_history "
            "ORDER BY opportunity_id, changed_at, rowid"):
        history.setdefault(opp_id, []).append((from_stage, to_stage, at))
    opens = [s.value for s in OPEN_STAGES]
    rows = conn.execute("SELECT id, stage, stage_changed_at, closed_at, lost_reason, "
                        "probability FROM opportunities").fetchall()
    assert {r[1] for r in rows} >= {"prospect", "won", "lost"}
    for opp_id, stage, changed_at, closed_at, lost_reason, probability in rows:
        steps = history[opp_id]
        assert steps[0][0] is None
        assert steps[-1][1] == stage
        assert steps[-1][2] == changed_at
        assert all(a[1] == b[0] for a, b in itertools.pairwise(steps))
        assert [s[1] for s in steps if s[1] in opens] == opens[: len(
            [s for s in steps if s[1] in opens])]
        assert (closed_at is not None) == (stage in ("won", "lost"))
        assert (lost_reason is not None) == (stage == "lost")
        assert probability == {"won": 100, "lost": 0}.get(stage, probability)


def test_some_tasks_are_overdue(conn: sqlite3.Connection) -> None:
    now = "2026-11-23 09:30:00.000000"
    overdue = conn.execute("SELECT count(*) FROM activities WHERE kind = 'task' "
                           "AND done_at IS NULL AND due_at < ?", (now,)).fetchone()[0]
    upcoming = conn.execute("SELECT count(*) FROM activities WHERE kind = 'task' "
                            "AND done_at IS NULL AND due_at >= ?", (now,)).fetchone()[0]
    assert overdue > 0
    assert upcoming > 0


def test_phones_and_credit_codes_are_valid(conn: sqlite3.Connection) -> None:
    for (phones,) in conn.execute("SELECT phones FROM contacts"):
        for phone in json.loads(phones):
            assert normalize_phone(phone["e164"]).e164 == phone["e164"]
    for (phone,) in conn.execute("SELECT phone FROM customers WHERE phone IS NOT NULL"):
        assert normalize_phone(phone).e164 == phone
    codes = [r[0] for r in conn.execute("SELECT uscc FROM customers WHERE uscc IS NOT NULL")]
    assert codes
    for code in codes:
        assert validate_uscc(code) == code


def test_name_core_is_the_normalized_name(conn: sqlite3.Connection) -> None:
    from app.company_names import normalize_company

    for full, core in conn.execute("SELECT full_name, name_core FROM customers"):
        assert core == normalize_company(full).core


def test_data_is_bilingual(conn: sqlite3.Connection) -> None:
    names = [r[0] for r in conn.execute("SELECT full_name FROM customers")]
    chinese = sum(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in names)
    assert 0.5 * N < chinese < 0.9 * N


def test_generate_is_deterministic_and_typed() -> None:
    users = demo_users(2)
    first = list(generate(30, users, seed=3, now=NOW))
    assert first == list(generate(30, users, seed=3, now=NOW))
    assert first != list(generate(30, users, seed=4, now=NOW))
    kinds = Counter(entity for entity, _ in first)
    assert kinds["customers"] == 30
    assert kinds["users"] == 3
    seen: set[str] = set()
    parents = {"contacts": "customer_id", "opportunities": "customer_id",
               "stage_history": "opportunity_id", "activities": "customer_id"}
    for entity, row in first:
        seen.add(row["id"])
        if entity in parents:
            assert row[parents[entity]] in seen  # parents before children
        assert row["created_at"].tzinfo is UTC
        if entity == "opportunities":
            assert isinstance(row["amount"], Decimal)
            assert isinstance(row["expected_close"], date)
        if entity == "contacts":
            assert isinstance(row["phones"], list)
            assert isinstance(row["emails"], list)
        if entity == "products":
            assert isinstance(row["tiers"], list)
            assert isinstance(row["list_price"], Decimal)


def test_write_replica_is_deterministic(tmp_path: Path) -> None:
    dumps = []
    for name in ("a.db", "b.db"):
        path = tmp_path / name
        open_replica(path).dispose()
        write_replica(path, 15, now=NOW, seed=11)
        c = sqlite3.connect(path)
        dumps.append([c.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                      for t in ("customers", "contacts", "opportunities", "stage_history",
                                "activities")])
        c.close()
    assert dumps[0] == dumps[1]
