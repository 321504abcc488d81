"""Realistic bilingual demo data: companies, contacts, opportunities with stage history,
activities (some overdue) and a product catalog with volume tiers.

One generator feeds both the local replica (``fieldsales demo-data``) and the server's
``seed-demo``. :func:`generate` yields ``(entity, row)`` pairs with plain Python values
(Decimal, aware UTC datetimes, dates, lists), parents before children. It is deterministic for
a given seed and ``now``, so benchmarks and screenshots are repeatable.

:func:`write_replica` is the hot path (100 000 customers ≈ 1.4 M rows), so rows are born
SQL-ready: tuples of the values SQLite stores (timestamps as the text SQLAlchemy writes,
decimals as text, JSON as text), with the columns every row shares written as SQL literals
instead of bound parameters. :func:`generate` decodes the same tuples back to Python values.
Into an empty replica the load runs in bulk mode: search triggers and secondary indexes are
dropped inside the load's transaction, the rows go in with ``executemany``, then the indexes
are recreated from their stored SQL, the search indexes are backfilled with migration 0002's
own statements and the triggers are recreated from their stored SQL.
"""

from __future__ import annotations

import importlib
import json
import logging
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.company_names import normalize_company
from app.enums import (
    DEFAULT_PROBABILITY,
    OPEN_STAGES,
    ActivityKind,
    LostReason,
    Source,
)
from app.validation import make_uscc

log = logging.getLogger(__name__)

Row = dict[str, Any]
SqlRow = tuple[Any, ...]

# (name, English name, region, area code, districts, administrative division code for USCCs)
_CITIES = [
    ("深圳市", "Shenzhen", "south_china", "755", ("南山区", "福田区", "宝安区"), "440300"),
    ("上海市", "Shanghai", "east_china", "21", ("浦东新区", "闵行区", "徐汇区"), "310000"),
    ("北京市", "Beijing", "north_china", "10", ("海淀区", "朝阳区", "丰台区"), "110000"),
    ("广州市", "Guangzhou", "south_china", "20", ("天河区", "黄埔区", "番禺区"), "440100"),
    ("杭州市", "Hangzhou", "east_china", "571", ("西湖区", "滨江区", "余杭区"), "330100"),
    ("苏州市", "Suzhou", "east_china", "512", ("工业园区", "吴中区", "高新区"), "320500"),
    ("成都市", "Chengdu", "southwest_china", "28", ("高新区", "武侯区", "双流区"), "510100"),
    ("武汉市", "Wuhan", "central_china", "27", ("东湖高新区", "洪山区", "江夏区"), "420100"),
    ("西安市", "Xi'an", "northwest_china", "29", ("雁塔区", "未央区", "高新区"), "610100"),
    ("沈阳市", "Shenyang", "northeast_china", "24", ("浑南区", "铁西区", "和平区"), "210100"),
    ("南京市", "Nanjing", "east_china", "25", ("江宁区", "鼓楼区", "建邺区"), "320100"),
    ("天津市", "Tianjin", "north_china", "22", ("滨海新区", "西青区", "南开区"), "120000"),
]
_CN_STREETS = ["科技路", "创业路", "工业大道", "人民路", "高新大道", "中山路"]
_CN_BRANDS = list("华宏鑫盛达通泰恒远创瑞博金源海天嘉禾联合新星光明中科聚信安康德")
_CN_TRADES = [("科技", "software"), ("电子", "electronics"), ("精密机械", "manufacturing"),
              ("物流", "logistics"), ("医疗器械", "healthcare"), ("新能源", "energy"),
              ("建设工程", "construction"), ("汽车零部件", "automotive"), ("食品", "food"),
              ("商贸", "retail"), ("教育科技", "education"), ("信息技术", "software")]
_CN_FORMS = ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司"]
_EN_BRANDS = ["Acme", "Globex", "Initech", "Northwind", "Contoso", "Fabrikam", "Vandelay",
              "Stark", "Wayne", "Tyrell", "Cyberdyne", "Umbrella", "Hooli", "Pied Piper",
              "Soylent", "Oscorp", "Wonka", "Gringotts", "Monarch", "Aperture"]
_EN_TRADES = [("Robotics", "manufacturing"), ("Semiconductors", "electronics"),
              ("Software", "software"), ("Logistics", "logistics"), ("Medical", "healthcare"),
              ("Energy", "energy"), ("Motors", "automotive"), ("Foods", "food"),
              ("Retail", "retail"), ("Capital", "finance")]
_EN_FORMS = ["Inc.", "Ltd.", "GmbH", "LLC", "Co., Ltd.", "Corp."]
# (city, region, landline prefix, its local digits, mobile prefix, its local digits, street,
# e-mail domain suffix): numbers valid in each country's numbering plan.
_EN_PLACES = [
    ("San Francisco", "north_america", "+1415", 7, "+1415", 7, "Market Street", "com"),
    ("New York", "north_america", "+1212", 7, "+1917", 7, "Madison Avenue", "com"),
    ("Munich", "europe", "+4989", 8, "+49151", 8, "Leopoldstraße", "de"),
    ("London", "europe", "+44207", 7, "+44790", 7, "Old Street", "co.uk"),
    ("Singapore", "apac", "+6562", 6, "+6591", 6, "Science Park Road", "sg"),
]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建波宁"
_EN_FIRST = ["James", "Mary", "John", "Linda", "Robert", "Emma", "Michael", "Olivia", "David",
             "Sophia", "Daniel", "Anna", "Thomas", "Laura", "Peter", "Julia"]
_EN_LAST = ["Smith", "Johnson", "Brown", "Miller", "Davis", "Wilson", "Taylor", "Clark",
            "Müller", "Schmidt", "Walker", "Young", "Allen", "King", "Wright", "Scott"]
_CN_TITLES = ["总经理", "销售总监", "采购经理", "技术总监", "工程师", "财务经理", "销售代表",
              "项目经理", "副总裁", "市场经理"]
_CN_DEPTS = ["销售部", "采购部", "技术部", "财务部", "市场部", "总经办"]
_EN_TITLES = ["CEO", "Head of Procurement", "Sales Director", "CTO", "Purchasing Manager",
              "Engineer", "Project Manager", "VP Operations"]
_EN_DEPTS = ["Procurement", "Engineering", "Finance", "Operations", "Sales"]
_MOBILE_PREFIX = ["138", "139", "135", "136", "137", "150", "151", "186", "187", "188", "177",
                  "131", "132", "155", "156", "189", "181", "180"]
_OPP_NAMES = ["Production line upgrade", "Annual supply contract", "Pilot project",
              "Warehouse automation", "设备采购项目", "年度框架协议", "产线改造", "试点项目",
              "Spare parts framework", "技术服务合同"]
_ACTIVITY_SUBJECTS = {
    ActivityKind.CALL: ["Follow-up call", "电话回访", "Price discussion"],
    ActivityKind.VISIT: ["On-site visit", "上门拜访", "Plant tour"],
    ActivityKind.MEETING: ["Requirements meeting", "方案沟通会", "Quarterly review"],
    ActivityKind.EMAIL: ["Sent brochure", "发送报价说明", "Follow-up email"],
    ActivityKind.WECHAT: ["微信沟通", "WeChat follow-up"],
    ActivityKind.NOTE: ["Note: budget approved in Q3", "备注：决策人是采购总监"],
    ActivityKind.TASK: ["Send revised quote", "准备技术方案", "Call back about delivery"],
}
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

# Weighted choices as flat lists: one uniform draw instead of random.choices' bisect.
_LEVELS = ["strategic"] * 1 + ["key"] * 3 + ["normal"] * 10
_DEPTHS = [0] * 35 + [1] * 30 + [2] * 15 + [3] * 10 + [4] * 10
_KINDS = [k for k, w in zip(_ACTIVITY_SUBJECTS, [6, 3, 2, 3, 3, 2, 4], strict=True)
          for _ in range(w)]
_SOURCES = [s.value for s in Source if s is not Source.MANUAL]
_LOST_REASONS = [r.value for r in LostReason]
_IDLE_LIFECYCLES = ["prospect", "interested", "interested", "dormant"]
# Per depth: the stages walked and the stage reached (lost is decided separately).
_PATHS = [[s.value for s in OPEN_STAGES[: min(d, 3) + 1]] for d in range(5)]
_PROBABILITY = {s.value: p for s, p in DEFAULT_PROBABILITY.items()}
_SUBJECTS = {k.value: v for k, v in _ACTIVITY_SUBJECTS.items()}
_DAY = 86_400


@dataclass(frozen=True)
class DemoUser:
    id: str
    username: str
    display_name: str
    role: str
    rep_code: str


DEMO_TEAM_ID = "01900000-0000-7000-8000-000000000001"


def demo_users(reps: int = 3) -> list[DemoUser]:
    """A manager and ``reps`` reps with stable ids (so server and replicas agree)."""
    names = [("zhang", "张伟 Zhang Wei", "ZHANG"), ("li", "李娜 Li Na", "LI"),
             ("smith", "John Smith", "SMITH"), ("wang", "王芳 Wang Fang", "WANG"),
             ("chen", "陈杰 Chen Jie", "CHEN")]
    users = [DemoUser("01900000-0000-7000-8000-000000000100", "manager", "刘强 Liu Qiang",
                      "manager", "LIU")]
    for i in range(reps):
        username, display, code = names[i] if i < len(names) else (
            f"rep{i + 1}", f"Rep {i + 1}", f"R{i + 1}")
        users.append(DemoUser(f"01900000-0000-7000-8000-{i + 101:012d}", username, display,
                              "rep", code))
    return users


# -- table layouts ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Table:
    """A table's columns in row order; ``constants`` are the same in every demo row, so the
    bulk insert writes them as SQL literals instead of binding them 100 000 times."""

    name: str
    columns: tuple[str, ...]
    constants: dict[str, Any] = field(default_factory=dict)

    @property
    def bound(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in self.constants)

    def insert_sql(self) -> str:
        """Rows are server state: ``server_seq`` 1, ``version`` 1, nothing in the outbox."""
        literals = {**self.constants, "server_seq": 1, "version": 1}
        cols = [*self.bound, *literals]
        values = ["?"] * len(self.bound) + [_literal(v) for v in literals.values()]
        return (f"INSERT OR IGNORE INTO {self.name} ({', '.join(cols)}) "
                f"VALUES ({', '.join(values)})")


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool | int):
        return str(int(value))
    return "'" + str(value).replace("'", "''") + "'"


_AUDIT = ("created_at", "updated_at")
_TABLES = {t.name: t for t in [
    _Table("teams", ("id", "name", *_AUDIT)),
    _Table("users", ("id", "username", "display_name", "role", "team_id", "rep_code", "email",
                     "active", *_AUDIT)),
    _Table("products", ("id", "sku", "name", "name_zh", "description", "category", "unit",
                        "currency", "list_price", "tax_rate", "tier_mode", "tiers",
                        "stock_on_hand", "stock_as_of", "active", *_AUDIT)),
    _Table("customers", ("id", "full_name", "short_name", "name_core", "industry", "region",
                         "source", "level", "lifecycle", "lifecycle_manual", "owner_id",
                         "address", "phone", "website", "uscc", "notes", "last_follow_up_at",
                         "in_pool", "assigned_at", "protected_until", *_AUDIT, "deleted_at"),
           {"lifecycle_manual": False, "notes": None, "in_pool": False,
            "protected_until": None, "deleted_at": None}),
    _Table("contacts", ("id", "customer_id", "name", "title", "department", "phones", "emails",
                        "wechat_id", "notes", "source", "card_image", "owner_id", *_AUDIT,
                        "deleted_at"),
           {"notes": None, "source": "import", "card_image": None, "deleted_at": None}),
    _Table("opportunities", ("id", "customer_id", "name", "stage", "lost_reason", "amount",
                             "currency", "probability", "expected_close", "owner_id",
                             "stage_changed_at", "closed_at", "notes", *_AUDIT, "deleted_at"),
           {"currency": "CNY", "notes": None, "deleted_at": None}),
    _Table("stage_history", ("id", "opportunity_id", "customer_id", "from_stage", "to_stage",
                             "changed_at", "changed_by", *_AUDIT, "deleted_at"),
           {"deleted_at": None}),
    _Table("activities", ("id", "customer_id", "contact_id", "opportunity_id", "quote_id",
                          "kind", "subject", "due_at", "done_at", "outcome", "owner_id",
                          "rule_id", *_AUDIT, "deleted_at"),
           {"contact_id": None, "opportunity_id": None, "quote_id": None, "rule_id": None,
            "deleted_at": None}),
]}
# The order rows of one customer are yielded in by generate(): parents before children.
_CUSTOMER_TABLES = ("customers", "contacts", "opportunities", "stage_history", "activities")


def _parse_stamp(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


_DECODERS: dict[str, Callable[[Any], Any]] = {
    **dict.fromkeys(("created_at", "updated_at", "deleted_at", "last_follow_up_at",
                     "assigned_at", "protected_until", "changed_at", "stage_changed_at",
                     "closed_at", "due_at", "done_at", "stock_as_of"), _parse_stamp),
    **dict.fromkeys(("amount", "list_price", "tax_rate", "stock_on_hand"), Decimal),
    **dict.fromkeys(("phones", "emails", "tiers"), json.loads),
    "expected_close": date.fromisoformat,
}


def _decoder(table: _Table) -> Callable[[SqlRow], Row]:
    """SQL-ready tuple → the row dict with Python values that generate() yields."""
    names = table.bound
    decoders = [_DECODERS.get(name) for name in names]
    constants = table.constants

    def decode(values: SqlRow) -> Row:
        row = dict(constants)
        for name, decode_one, value in zip(names, decoders, values, strict=True):
            row[name] = value if decode_one is None or value is None else decode_one(value)
        return {c: row[c] for c in table.columns}

    return decode


# -- the generator --------------------------------------------------------------------------------

class _Stamps(dict[int, str]):
    """Whole UTC seconds since the epoch → SQLAlchemy's SQLite DATETIME text
    (``2026-11-23 08:55:19.000000``), from two small caches instead of datetime arithmetic."""

    def __init__(self) -> None:
        super().__init__()
        self.days: dict[int, str] = {}

    def __missing__(self, seconds: int) -> str:
        # Keyed by second of the day; the day part comes from self.days.
        h, rest = divmod(seconds, 3600)
        text = f" {h:02d}:{rest // 60:02d}:{rest % 60:02d}.000000"
        self[seconds] = text
        return text

    def __call__(self, seconds: int) -> str:
        day = seconds // _DAY
        text = self.days.get(day)
        if text is None:
            text = self.days[day] = (datetime(1970, 1, 1) + timedelta(days=day)).date() \
                .isoformat()
        return text + self[seconds - day * _DAY]


class _Generator:
    """Appends SQL-ready rows to ``self.out[table]``; the caller drains the lists.

    Draws use ``random()`` directly (``seq[int(rnd() * len(seq))]``): several times faster
    than ``choice``/``randint``, and just as deterministic for a seed.
    """

    def __init__(self, users: list[DemoUser], seed: int, now: datetime | None) -> None:
        self.rng = random.Random(seed)
        moment = (now or datetime.now(UTC)).astimezone(UTC)
        self.now = int(moment.timestamp())  # whole seconds: demo data needs no more
        self.ids = _Ids(self.rng, (self.now - 400 * _DAY) * 1000)
        self.users = users
        self.owners = [u.id for u in users if u.role == "rep"] or [u.id for u in users]
        self.stamp = _Stamps()
        self.out: dict[str, list[SqlRow]] = {name: [] for name in _TABLES}

    def header(self, products: int) -> None:
        """The team, its users and the product catalog."""
        now = self.stamp(self.now)
        self.out["teams"].append((DEMO_TEAM_ID, "East & South Sales 华东华南销售部", now, now))
        for u in self.users:
            self.out["users"].append((u.id, u.username, u.display_name, u.role, DEMO_TEAM_ID,
                                      u.rep_code, f"{u.username}@fieldsales.example", True,
                                      now, now))
        kinds = [("Servo motor", "伺服电机", "Motion"), ("PLC controller", "PLC控制器", "Control"),
                 ("Industrial sensor", "工业传感器", "Sensors"), ("HMI panel", "触摸屏", "Control"),
                 ("Linear guide", "直线导轨", "Motion"), ("Cable set", "电缆组件", "Accessories"),
                 ("Service hour", "技术服务工时", "Services"), ("Gearbox", "减速机", "Motion")]
        rng = self.rng
        for i in range(products):
            en, zh, category = kinds[i % len(kinds)]
            price = Decimal(rng.choice([88, 120, 350, 980, 1500, 4200, 12800])) + Decimal("0.00")
            tiers = [{"min_qty": qty, "unit_price": str((price * factor).quantize(
                Decimal("0.01")))} for qty, factor in (("10", Decimal("0.95")),
                                                       ("50", Decimal("0.90")))]
            services = category == "Services"
            label = f"{chr(65 + i % 26)}{i + 1}"
            self.out["products"].append((
                self.ids(), f"FS-{category[:3].upper()}-{i + 1:04d}", f"{en} {label}",
                f"{zh} {label}", f"{en} series {i + 1}", category, "h" if services else "pcs",
                "CNY", format(price, "f"), "0.06" if services else "0.13", "volume",
                json.dumps(tiers, ensure_ascii=False), str(rng.randint(0, 500)), now,
                i % 29 != 28, now, now))

    def customer(self, index: int) -> None:
        """One customer and its subtree: ~3 contacts, 1.5 opportunities with their stage
        history, ~5 activities (tasks among them: some overdue, some upcoming)."""
        rnd = self.rng.random
        ids, stamp, now, out = self.ids, self.stamp, self.now, self.out
        owner = self.owners[int(rnd() * len(self.owners))]
        uscc: str | None = None
        mobile, mobile_digits = "", 0
        if rnd() < 0.7:
            city, _en, region, area, districts, division = _CITIES[int(rnd() * len(_CITIES))]
            brand = (_CN_BRANDS[int(rnd() * len(_CN_BRANDS))]
                     + _CN_BRANDS[int(rnd() * len(_CN_BRANDS))] + f"{index % 97:02d}")
            trade, industry = _CN_TRADES[int(rnd() * len(_CN_TRADES))]
            short = brand + trade
            full = f"{city}{short}{_CN_FORMS[int(rnd() * len(_CN_FORMS))]}"
            phone = f"+86{area}{20_000_000 + int(rnd() * 70_000_000)}"
            address = (f"{city}{districts[int(rnd() * len(districts))]}"
                       f"{_CN_STREETS[int(rnd() * len(_CN_STREETS))]}"
                       f"{1 + int(rnd() * 300)}号")
            domain = f"example-{index}.cn"
            chinese = True
        else:
            place, region, prefix, digits, mobile, mobile_digits, street, tld = \
                _EN_PLACES[int(rnd() * len(_EN_PLACES))]
            trade, industry = _EN_TRADES[int(rnd() * len(_EN_TRADES))]
            short = f"{_EN_BRANDS[int(rnd() * len(_EN_BRANDS))]} {trade} {index % 89}"
            full = f"{short} {_EN_FORMS[int(rnd() * len(_EN_FORMS))]}"
            low = 2 * 10 ** (digits - 1)
            phone = f"{prefix}{low + int(rnd() * (9 * 10 ** (digits - 1) - low))}"
            address = f"{1 + int(rnd() * 999)} {street}, {place}"
            domain = f"example-{index}.{tld}"
            chinese = False
        created = now - (1 + int(rnd() * 360)) * _DAY - int(rnd() * 1441) * 60
        age_days = max(1, (now - created) // _DAY)
        cid = ids()
        level = _LEVELS[int(rnd() * len(_LEVELS))]
        last_follow = min(created + int(rnd() * (age_days + 1)) * _DAY, now)
        source = _SOURCES[int(rnd() * len(_SOURCES))]
        website = f"https://www.{domain}" if rnd() < 0.6 else None
        if chinese and rnd() < 0.5:
            uscc = make_uscc("91" + division + "".join(self.rng.choices(_USCC_ALPHABET, k=9)))
        created_s = stamp(created)

        contacts = out["contacts"]
        for n in range((2, 3, 3, 4)[int(rnd() * 4)]):
            if chinese:
                name = _SURNAMES[int(rnd() * len(_SURNAMES))] + _GIVEN[int(rnd() * len(_GIVEN))]
                if rnd() < 0.5:
                    name += _GIVEN[int(rnd() * len(_GIVEN))]
                title = _CN_TITLES[int(rnd() * len(_CN_TITLES))]
                dept = _CN_DEPTS[int(rnd() * len(_CN_DEPTS))]
                phone_e164 = (f"+86{_MOBILE_PREFIX[int(rnd() * len(_MOBILE_PREFIX))]}"
                              f"{10_000_000 + int(rnd() * 90_000_000)}")
                email = f"u{index}.{n}@{domain}"
                wechat: str | None = f"wx_{index}_{n}"
            else:
                first = _EN_FIRST[int(rnd() * len(_EN_FIRST))]
                name = f"{first} {_EN_LAST[int(rnd() * len(_EN_LAST))]}"
                title = _EN_TITLES[int(rnd() * len(_EN_TITLES))]
                dept = _EN_DEPTS[int(rnd() * len(_EN_DEPTS))]
                low = 2 * 10 ** (mobile_digits - 1)
                phone_e164 = f"{mobile}{low + int(rnd() * (10 ** mobile_digits - low))}"
                email = f"{first.lower()}.{index}.{n}@{domain}"
                wechat = None
            # Exactly what json.dumps writes for these lists (ASCII-only values).
            contacts.append((
                ids(), cid, name, title, dept,
                f'[{{"kind": "mobile", "e164": "{phone_e164}", "ext": null}}]',
                f'["{email}"]', wechat, owner, created_s, created_s))

        won = 0
        opportunities, history = out["opportunities"], out["stage_history"]
        for _ in range((1, 1, 2, 2)[int(rnd() * 4)]):
            oid = ids()
            # Funnel-shaped: most stop early, few reach negotiation and won.
            depth = _DEPTHS[int(rnd() * len(_DEPTHS))]
            path = _PATHS[depth]
            if depth == 4:
                path = [*path, "won"]
                won += 1
            elif rnd() < 0.25:
                path = [*path, "lost"]
            when = created + 3600 * (1 + int(rnd() * 72))
            previous: str | None = None
            first_change = ""
            changed = ""
            for stage in path:
                changed = stamp(min(when, now))
                first_change = first_change or changed
                history.append((ids(), oid, cid, previous, stage, changed, owner, changed,
                                changed))
                previous = stage
                when += (2 + int(rnd() * 29)) * _DAY + int(rnd() * 24) * 3600
            final = path[-1]
            closed = final in ("won", "lost")
            opportunities.append((
                oid, cid, _OPP_NAMES[int(rnd() * len(_OPP_NAMES))], final,
                _LOST_REASONS[int(rnd() * len(_LOST_REASONS))] if final == "lost" else None,
                str((20, 45, 80, 120, 250, 600, 1200)[int(rnd() * 7)] * 1000),
                _PROBABILITY[final],
                stamp((now // _DAY - 30 + int(rnd() * 211)) * _DAY)[:10],
                owner, changed, changed if closed else None, first_change, changed))

        lifecycle = ("loyal" if won >= 2 else "customer" if won
                     else _IDLE_LIFECYCLES[int(rnd() * len(_IDLE_LIFECYCLES))])
        out["customers"].append((
            cid, full, short, normalize_company(full).core, industry, region, source, level,
            lifecycle, owner, address, phone, website, uscc, stamp(last_follow), created_s,
            created_s, created_s))

        activities = out["activities"]
        for _ in range((4, 5, 5, 6)[int(rnd() * 4)]):
            kind = _KINDS[int(rnd() * len(_KINDS))]
            when = created + int(rnd() * (age_days + 1)) * _DAY + (8 + int(rnd() * 11)) * 3600
            when = min(when, now)
            done: str | None = stamp(when)
            due: str | None = None
            if kind is ActivityKind.TASK:
                # Some overdue, some due in the coming days, a few done.
                due = stamp(now + (int(rnd() * 13) - 5) * _DAY + int(rnd() * 9) * 3600)
                done = None if rnd() < 0.8 else due
            subjects = _SUBJECTS[kind]
            at = stamp(when)
            activities.append((
                ids(), cid, kind.value, subjects[int(rnd() * len(subjects))], due, done,
                "OK" if done else None, owner, at, at))


class _Ids:
    """Deterministic UUIDv7-shaped ids from a seeded RNG (fast: no os.urandom per row)."""

    def __init__(self, rng: random.Random, base_ms: int) -> None:
        self.bits = rng.getrandbits
        self.ms = base_ms

    def __call__(self) -> str:
        self.ms += 1
        ms = f"{self.ms:012x}"
        rand = self.bits(74)
        tail = f"{(0b10 << 62) | (rand & 0x3FFF_FFFF_FFFF_FFFF):016x}"
        return f"{ms[:8]}-{ms[8:]}-7{rand >> 62:03x}-{tail[:4]}-{tail[4:]}"


def _batches(customers: int, users: list[DemoUser], seed: int, now: datetime | None,
             products: int, every: int) -> Iterator[dict[str, list[SqlRow]]]:
    """The SQL-ready rows, in batches of about ``every`` customers (lists reused: drain them)."""
    gen = _Generator(users, seed, now)
    gen.header(products)
    for index in range(customers):
        gen.customer(index)
        if (index + 1) % every == 0:
            yield gen.out
    yield gen.out


def generate(customers: int, users: list[DemoUser], *, seed: int = 7,
             now: datetime | None = None, products: int = 60) -> Iterator[tuple[str, Row]]:
    """Yield demo rows, parents first. Customers are spread over the reps in ``users``.

    Times are whole seconds; ``now`` defaults to the current time.
    """
    decoders = {name: _decoder(table) for name, table in _TABLES.items()}
    order = [t for t in _TABLES if t not in _CUSTOMER_TABLES] + list(_CUSTOMER_TABLES)
    for out in _batches(customers, users, seed, now, products, every=1):
        for table in order:
            decode = decoders[table]
            for values in out[table]:
                yield table, decode(values)
            out[table].clear()


# -- bulk load into a replica ------------------------------------------------------------------

_BATCH_CUSTOMERS = 2000


def write_replica(path: Path, customers: int, *, reps: int = 3, seed: int = 7,
                  now: datetime | None = None, owner_username: str | None = None) -> dict[str, int]:
    """Load demo data into a migrated replica at ``path``; returns rows inserted per table.

    Rows are written as server state (``server_seq`` 1, nothing in the outbox), in one
    transaction. Foreign keys are checked once at the end (``PRAGMA foreign_key_check``)
    rather than row by row; a violation is a bug here and rolls everything back.
    """
    users = demo_users(reps)
    if owner_username:
        users = [u for u in users if u.username == owner_username or u.role == "manager"]
    conn = sqlite3.connect(path, isolation_level=None)
    counts: dict[str, int] = {}
    try:
        conn.execute("PRAGMA foreign_keys=OFF")  # only settable outside a transaction
        # A load into a fresh file: a rollback journal (only the few pre-existing pages are
        # journaled) and a large page cache avoid spilling a gigabyte through the WAL.
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA cache_size=-400000")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("PRAGMA threads=2")  # CREATE INDEX may sort on a helper thread
        conn.execute("BEGIN IMMEDIATE")
        started = time.perf_counter()
        bulk = _is_empty(conn)
        schema = _drop_search_triggers_and_indexes(conn) if bulk else []
        inserts = {name: table.insert_sql() for name, table in _TABLES.items()}
        for out in _batches(customers, users, seed, now, 60, every=_BATCH_CUSTOMERS):
            for table, rows in out.items():
                if rows:
                    cursor = conn.executemany(inserts[table], rows)
                    counts[table] = counts.get(table, 0) + cursor.rowcount
                    rows.clear()
        log.debug("rows loaded in %.2f s", time.perf_counter() - started)
        if bulk:
            _restore_search(conn, schema)
        started = time.perf_counter()
        _check_foreign_keys(conn)
        log.debug("foreign keys checked in %.2f s", time.perf_counter() - started)
        started = time.perf_counter()
        conn.execute("COMMIT")
        log.debug("committed in %.2f s", time.perf_counter() - started)
        conn.execute("PRAGMA journal_mode=WAL")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return counts


# Tables whose triggers and secondary indexes the bulk mode takes down and puts back.
_BULK_TABLES = (*_TABLES, "contact_points")


def _is_empty(conn: sqlite3.Connection) -> bool:
    """Bulk mode backfills the search indexes from every row, so it needs empty tables
    (a replica filled again takes the row-by-row path with its triggers live)."""
    return all(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() is None
               for t in ("customers", "contacts", "contact_points"))


def _drop_search_triggers_and_indexes(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Drop the triggers and secondary indexes on the loaded tables; returns their
    ``(type, sql)`` exactly as the migrations stored them, to recreate them verbatim."""
    marks = ", ".join("?" for _ in _BULK_TABLES)
    schema: list[tuple[str, str, str]] = conn.execute(
        f"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        f"AND sql IS NOT NULL AND tbl_name IN ({marks}) ORDER BY type, name",
        _BULK_TABLES).fetchall()
    for kind, name, _sql in schema:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    return [(kind, sql) for kind, _name, sql in schema]


def _restore_search(conn: sqlite3.Connection, schema: list[tuple[str, str]]) -> None:
    """Search indexes first, from migration 0002's own backfill (contact_points before its
    secondary index exists), then the indexes (each built once from a sort), then the
    triggers; all inside the load's transaction."""
    for statement in _search_backfill():
        started = time.perf_counter()
        conn.execute(statement)
        log.debug("backfill in %.2f s: %.60s", time.perf_counter() - started, statement)
    started = time.perf_counter()
    for kind, sql in schema:
        if kind == "index":
            conn.execute(sql)
    log.debug("indexes recreated in %.2f s", time.perf_counter() - started)
    for kind, sql in schema:
        if kind == "trigger":
            conn.execute(sql)


_SEARCH_MIGRATIONS = ("0002_search_index", "0003_opportunity_search")


def _search_backfill() -> tuple[str, ...]:
    # The module names start with a digit, so they cannot be imported with import statements.
    statements: list[str] = []
    for name in _SEARCH_MIGRATIONS:
        migration = importlib.import_module(f"app.migrations.versions.{name}")
        statements.extend(migration.BACKFILL)
    return tuple(statements)


def _check_foreign_keys(conn: sqlite3.Connection) -> None:
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"demo data broke {len(broken)} foreign keys, e.g. {broken[:3]}")
