"""Demo data for ``fieldsales-server seed-demo``: users, bilingual customers and subtrees.

The rows come from ``app.demo.generate`` (the generator the desktop's demo mode uses too: a
manager plus reps with stable ids, ~14 rows per customer, products). Should ``app.demo`` be
missing, a minimal generator here is used instead (reps ``rep1…repK``; ~16 rows per customer
including a quote with lines). Every demo user's password is ``demo`` unless given.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from app.ids import new_id
from sync.server import admin, auth
from sync.server.store import Store
from sync.server.tables import accounts

_CITIES = ["深圳", "上海", "北京", "广州", "杭州", "苏州", "成都", "武汉"]
_WORDS = ["华强", "长城", "东方", "新世纪", "金桥", "博远", "瑞丰", "中联", "宏达", "星辰"]
_KINDS = ["科技", "电子", "机械", "贸易", "物流", "软件"]
_SURNAMES = ["张", "王", "李", "赵", "陈", "刘", "杨", "黄"]
_GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "军"]
_INDUSTRIES = ["electronics", "manufacturing", "software", "logistics", "retail"]
_REGIONS = ["south_china", "east_china", "north_china", "central_china"]
_STAGES = ["prospect", "qualified", "proposal", "negotiation"]


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _base(now: str) -> dict[str, Any]:
    return {"created_at": now, "updated_at": now, "deleted_at": None}


def customer_rows(customer_id: str, owner: str, rnd: random.Random,
                  now: datetime) -> list[tuple[str, str, str | None, dict[str, Any]]]:
    """One customer and its subtree as ``(entity, id, customer_id, data)`` wire rows."""
    stamp = _iso(now)
    name = f"{rnd.choice(_CITIES)}市{rnd.choice(_WORDS)}{rnd.choice(_KINDS)}有限公司"
    rows: list[tuple[str, str, str | None, dict[str, Any]]] = [(
        "customers", customer_id, customer_id, {
            **_base(stamp), "full_name": name, "short_name": name[2:6], "name_core": name,
            "industry": rnd.choice(_INDUSTRIES), "region": rnd.choice(_REGIONS),
            "source": "import", "level": "normal", "lifecycle": "prospect",
            "lifecycle_manual": False, "owner_id": owner, "address": f"{name[:2]}市南山区科技园",
            "phone": f"+86755{rnd.randrange(10**7, 10**8)}", "website": None, "uscc": None,
            "notes": "Demo customer / 演示客户", "last_follow_up_at": None, "in_pool": False,
            "assigned_at": stamp, "protected_until": None})]
    for _ in range(3):
        person = rnd.choice(_SURNAMES) + rnd.choice(_GIVEN)
        rows.append(("contacts", new_id(), customer_id, {
            **_base(stamp), "customer_id": customer_id, "name": person, "title": "采购经理",
            "department": "Purchasing", "phones": [
                {"kind": "mobile", "e164": f"+86138{rnd.randrange(10**7, 10**8)}", "ext": None}],
            "emails": [f"{rnd.randrange(10**6)}@example.cn"], "wechat_id": None,
            "notes": None, "source": "import", "card_image": None, "owner_id": owner}))
    opp_ids = []
    for i in range(2):
        opp = new_id()
        opp_ids.append(opp)
        stage = rnd.choice(_STAGES)
        rows.append(("opportunities", opp, customer_id, {
            **_base(stamp), "customer_id": customer_id, "name": f"Project {i + 1} / 项目{i + 1}",
            "stage": stage, "lost_reason": None, "amount": f"{rnd.randrange(10, 900)}000.00",
            "currency": "CNY", "probability": 30, "expected_close": (
                now + timedelta(days=rnd.randrange(10, 120))).date().isoformat(),
            "owner_id": owner, "stage_changed_at": stamp, "closed_at": None, "notes": None}))
        rows.append(("stage_history", new_id(), customer_id, {
            **_base(stamp), "opportunity_id": opp, "customer_id": customer_id,
            "from_stage": None, "to_stage": stage, "changed_at": stamp, "changed_by": owner}))
    for i in range(4):
        rows.append(("activities", new_id(), customer_id, {
            **_base(stamp), "customer_id": customer_id, "contact_id": None,
            "opportunity_id": opp_ids[i % 2], "quote_id": None,
            "kind": rnd.choice(["call", "visit", "email", "wechat"]),
            "subject": f"Follow-up {i + 1} / 跟进", "due_at": stamp, "done_at": stamp,
            "outcome": "OK", "owner_id": owner, "rule_id": None}))
    quote = new_id()
    rows.append(("quotes", quote, customer_id, {
        **_base(stamp), "customer_id": customer_id, "opportunity_id": opp_ids[0],
        "number": f"Q-DEMO-{customer_id}", "revision": 1, "previous_id": None,
        "status": "draft", "currency": "CNY", "language": "zh", "issued_on": None,
        "valid_until": None, "notes": None, "terms": None, "discount_kind": "none",
        "discount_value": "0", "subtotal": "300.00", "discount_total": "0",
        "tax_total": "39.00", "grand_total": "339.00", "max_discount_percent": "0",
        "owner_id": owner, "submitted_at": None, "decided_by": None, "decided_at": None,
        "decision_comment": None, "sent_at": None, "closed_at": None}))
    for pos in range(3):
        rows.append(("quote_lines", new_id(), customer_id, {
            **_base(stamp), "quote_id": quote, "customer_id": customer_id, "position": pos,
            "product_id": None, "sku": f"SKU-{pos}", "description": "Widget / 零件",
            "unit": "pcs", "quantity": "10", "list_price": "10.00", "unit_price": "10.00",
            "discount_kind": "none", "discount_value": "0", "tax_rate": "0.13",
            "net_amount": "100.00", "tax_amount": "13.00", "total": "113.00"}))
    return rows


def seed_demo(store: Store, reps: int, customers: int, *, password: str = "demo",
              seed: int = 42) -> dict[str, Any]:
    """Create demo users and ``customers`` customers spread over ``reps`` reps.

    Returns counts and ``"reps"``: the reps' user names (first one owns customer 0).
    """
    reasons = seed_return_reasons(store)
    try:
        from app import demo
    except ImportError:
        result = _seed_builtin(store, reps, customers, password=password, seed=seed)
    else:
        result = _seed_app_demo(store, demo, reps, customers, password=password, seed=seed)
    result["rows"] += reasons  # every rep pulls the reasons too
    _analyze(store)
    return result


def _analyze(store: Store) -> None:
    """Refresh PostgreSQL's statistics after a bulk load. Until autovacuum gets to it (a
    minute or more), the planner takes a rep's 5 000 assignments for one row and fetches a
    snapshot page customer by customer: 80 ms per 2 000-row page instead of 3 ms."""
    if not store.is_sqlite:
        with store.write() as conn:
            conn.exec_driver_sql("ANALYZE records, assignments")


def seed_return_reasons(store: Store) -> int:
    """The pool's standard return reasons (``ref_values`` list ``pool_return_reason``);
    returns how many rows were added."""
    from sync.server import pool

    with store.write() as conn:
        seq = store.next_seq(conn)
        hlc = admin._server_hlc(store, conn)
        return pool.ensure_return_reasons(conn, seq, hlc, _iso(datetime.now(UTC)))


def _seed_app_demo(store: Store, demo: Any, reps: int, customers: int, *, password: str,
                   seed: int) -> dict[str, Any]:
    from app.entities import to_wire

    users = demo.demo_users(reps)
    password_hash = auth.hash_password(password)
    with store.write() as conn:
        existing = set(conn.scalars(select(accounts.c.username)))
        team = getattr(demo, "DEMO_TEAM_ID", None)
        new_accounts = [{"id": u.id, "username": u.username, "password_hash": password_hash,
                         "role": u.role, "team_id": team, "rep_code": u.rep_code, "active": 1,
                         "created_at": datetime.now(UTC)}
                        for u in users if u.username not in existing]
        if new_accounts:
            conn.execute(insert(accounts), new_accounts)
    batch: list[tuple[str, str, str | None, dict[str, Any]]] = []
    owners: dict[str, str] = {}
    total = 0
    for entity, row in demo.generate(customers, users, seed=seed):
        if entity in ("users", "teams") and row.get("username") in existing:
            continue
        data = {k: to_wire(v) for k, v in row.items() if k != "id"}
        data.setdefault("deleted_at", None)
        if entity == "customers":
            customer_id: str | None = row["id"]
            if row.get("owner_id"):
                owners[row["id"]] = row["owner_id"]
        else:
            customer_id = row.get("customer_id")
        batch.append((entity, row["id"], customer_id, data))
        if len(batch) >= 20000:
            total += len(batch)
            admin.bulk_insert(store, batch, owners)
            batch, owners = [], {}
    if batch or owners:
        total += len(batch)
        admin.bulk_insert(store, batch, owners)
    return {"reps": [u.username for u in users if u.role == "rep"], "customers": customers,
            "rows": total}


def _seed_builtin(store: Store, reps: int, customers: int, *, password: str,
                  seed: int) -> dict[str, Any]:
    rnd = random.Random(seed)
    rep_ids = []
    for i in range(1, reps + 1):
        try:
            rep_ids.append(admin.add_user(store, f"rep{i}", password, "rep", team="demo",
                                          rep_code=f"R{i}"))
        except admin.AdminError:
            with store.read() as conn:
                rep_ids.append(admin.user_id_of(conn, f"rep{i}"))
    now = datetime.now(UTC)
    total = 0
    batch: list[tuple[str, str, str | None, dict[str, Any]]] = []
    owners: dict[str, str] = {}
    for n in range(customers):
        customer_id = new_id()
        owner = rep_ids[n % len(rep_ids)] if rep_ids else ""
        owners[customer_id] = owner
        batch.extend(customer_rows(customer_id, owner, rnd, now))
        if len(batch) >= 20000:
            total += len(batch)
            admin.bulk_insert(store, batch, owners)
            batch, owners = [], {}
    if batch or owners:
        total += len(batch)
        admin.bulk_insert(store, batch, owners)
    return {"reps": [f"rep{i}" for i in range(1, reps + 1)], "customers": customers,
            "rows": total}


def seed_pool(store: Store, count: int, *, skip_user: str | None = None) -> list[str]:
    """Return ``count`` demo customers to their teams' pools (so a demo shows a pool),
    taking them from reps other than ``skip_user`` (the demo rep keeps their own)."""
    from sqlalchemy import select as select_

    from app.pool import RecycleReason
    from sync.server import pool
    from sync.server.tables import assignments

    with store.write() as conn:
        skip = None if skip_user is None else conn.scalar(
            select_(accounts.c.id).where(accounts.c.username == skip_user))
        query = (select_(assignments.c.customer_id).where(assignments.c.to_seq.is_(None))
                 .order_by(assignments.c.customer_id).limit(count))
        if skip is not None:
            query = query.where(assignments.c.rep_id != skip)
        chosen = [str(c) for c in conn.scalars(query)]
        if not chosen:
            return []
        seq = store.next_seq(conn)
        hlc = admin._server_hlc(store, conn)
        ops = pool.Pool(conn, {}, lambda: hlc, store.clock(), seq)
        ops.preload(chosen)
        for index, customer_id in enumerate(chosen):
            rec = ops.customer(customer_id)
            if rec is not None:
                reason = (RecycleReason.MANUAL_RETURN if index % 3 == 0
                          else RecycleReason.NO_FOLLOW_UP)
                ops.release(rec, reason, pool.Actor(None, "seed"),
                            note="Demo: no budget this year / 今年没有预算"
                            if reason is RecycleReason.MANUAL_RETURN else None)
        ops.flush(seq, save_records=True)
    return chosen
