"""Realistic customer sheets for the benchmark and tests: new companies, plus a share of rows
naming companies already in a replica (duplicates to detect), written as a user's Excel file
would be (Chinese dropdown labels, local phone formats)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from app.exchange.export import write_rows
from app.validation import USCC_ALPHABET, make_uscc

HEADERS = ("客户名称", "简称", "行业", "区域", "客户级别", "电话", "网址", "统一社会信用代码",
           "地址")
_CHARS = "晨曦锐拓鼎泓嘉颐卓澜致远恒昇瀚宇博睿辰星伟业铭泰启航润丰祥瑞安信誉通和达盈科创汇"
_TRADES = [("科技", "软件"), ("电子", "电子"), ("精密机械", "制造"), ("物流", "物流"),
           ("医疗器械", "医疗"), ("新能源", "能源"), ("食品", "食品"), ("商贸", "零售")]
_CITIES = [("深圳市", "华南", "0755"), ("上海市", "华东", "021"), ("北京市", "华北", "010"),
           ("成都市", "西南", "028"), ("武汉市", "华中", "027")]


def write_customer_sheet(path: Path, rows: int, *, existing: Path | None = None,
                         duplicate_share: float = 0.0, seed: int = 11) -> None:
    rng = random.Random(seed)
    known: list[tuple[str, str | None]] = []
    if existing is not None and duplicate_share > 0:
        conn = sqlite3.connect(existing)
        try:
            known = list(conn.execute("SELECT full_name, uscc FROM customers "
                                      "WHERE deleted_at IS NULL ORDER BY rowid LIMIT 50000"))
        finally:
            conn.close()
    used: set[str] = set()
    out = []
    for n in range(rows):
        city, region, area = rng.choice(_CITIES)
        trade, industry = rng.choice(_TRADES)
        if known and rng.random() < duplicate_share:
            name, uscc = rng.choice(known)
        else:
            brand = "".join(rng.sample(_CHARS, 3))
            while brand in used:
                brand = "".join(rng.sample(_CHARS, 4))
            used.add(brand)
            name = f"{city}{brand}{trade}有限公司"
            uscc = (make_uscc("91" + "440300" + "".join(rng.choices(USCC_ALPHABET, k=9)))
                    if rng.random() < 0.3 else None)
        phone = f"{area}-{rng.randint(20_000_000, 79_999_999)}"
        out.append((name, None, industry, region, rng.choice(["普通", "重点", "normal"]),
                    phone, f"www.example-{n}.cn" if rng.random() < 0.5 else None,
                    uscc, f"{city}科技园{n % 300 + 1}号"))
    write_rows(path, HEADERS, out)
