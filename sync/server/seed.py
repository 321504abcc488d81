"""Demo data for ``fieldsales-server seed-demo``: reps, bilingual customers and their subtrees.

TODO(sync): the lead is writing ``app/demo.py``; until it exists this minimal generator is
used (about 15 rows per customer: 3 contacts, 2 opportunities, 2 stage changes, 4 activities,
1 quote with 3 lines). It is deterministic for a given seed.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from app.ids import new_id
from sync.server import admin
from sync.server.store import Store

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
              seed: int = 42) -> dict[str, int]:
    """Create ``reps`` reps (rep1…repK, password ``demo``) sharing ``customers`` customers."""
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
    return {"reps": reps, "customers": customers, "rows": total}
