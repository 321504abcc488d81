"""Duplicate detection: golden-set precision/recall and the scan-all time over 100 000 customers.

The golden set (``bench/data/company_pairs.csv``) labels pairs of names; a pair counts as
predicted duplicate when :func:`app.matching.compare_companies` returns a match whose
``same_record`` is true (branches and different-city namesakes are related, not the same
record). ``category`` groups the pairs; the file's comments are in the matching module.

The 100 000 customers are synthetic (seeded): plausible Chinese and English names, a
fifth of them rewritten as a duplicate of an earlier one (place in brackets, short name,
full-width, typo in the industry words, USCC shared) plus branches and same-named companies
in other cities that must stay apart.
"""

from __future__ import annotations

import csv
import random
import time
from dataclasses import dataclass
from pathlib import Path

from app.company_names import normalize_company
from app.matching import compare_companies, group_duplicates
from app.validation import USCC_ALPHABET, make_uscc

Row = tuple[str, str, str]

GOLDEN = Path(__file__).parent / "data" / "company_pairs.csv"
SCAN_SIZE = 100_000


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    false_positives: list[tuple[str, str]]
    false_negatives: list[tuple[str, str]]


def evaluate(path: Path = GOLDEN) -> Scores:
    """Precision and recall of the company matcher on a labelled pair file."""
    tp = 0
    fps: list[tuple[str, str]] = []
    fns: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            match = compare_companies(row["name_a"], row["name_b"])
            predicted = match is not None and match.same_record
            actual = row["is_duplicate"] == "1"
            if predicted and actual:
                tp += 1
            elif predicted:
                fps.append((row["name_a"], row["name_b"]))
            elif actual:
                fns.append((row["name_a"], row["name_b"]))
    precision = tp / (tp + len(fps)) if tp + len(fps) else 1.0
    recall = tp / (tp + len(fns)) if tp + len(fns) else 1.0
    return Scores(precision, recall, fps, fns)


# --- synthetic customers --------------------------------------------------------------------

_TRADE_CHARS = (
    "华强盛泰安康达通宏远恒信诚德鑫源海天润金银星辰光明博创新锐智云帆腾飞龙凤嘉禾瑞丰"
    "永兴昌隆顺利佳美宝蓝绿青红东南西北中正大联合众志合力新宇航科迈讯捷越卓越鼎盛汇川"
    "景峰岳松柏竹梅兰君豪雅仕晨曦朗明亮丽华夏神州九州四海万方千禧百川"
)
_INDUSTRIES = (
    "科技",
    "电子",
    "信息技术",
    "网络科技",
    "软件",
    "贸易",
    "国际贸易",
    "实业",
    "投资",
    "物流",
    "供应链管理",
    "医疗器械",
    "生物科技",
    "新材料",
    "精密机械",
    "智能装备",
    "建材",
    "食品",
    "服饰",
    "环保科技",
    "文化传媒",
    "教育科技",
    "电气",
    "光电",
    "汽车配件",
)
_CITIES = (
    "深圳市",
    "广州市",
    "上海市",
    "北京市",
    "杭州市",
    "南京市",
    "苏州市",
    "成都市",
    "武汉市",
    "西安市",
    "厦门市",
    "东莞市",
    "佛山市",
    "宁波市",
    "青岛市",
    "天津市",
    "重庆市",
    "长沙市",
)
_EN_SYLLABLES = ("ac", "me", "no", "va", "tri", "lo", "gen", "ix", "sol", "ar", "ze", "ta", "qu")
_EN_WORDS = ("Widgets", "Systems", "Logistics", "Trading", "Foods", "Solar", "Consulting")
_EN_FORMS = ("Inc.", "Ltd.", "LLC", "GmbH", "Co., Ltd.", "Corp.")
_TYPOS = {"科": "枓", "技": "枝", "电": "申", "贸": "贺", "物": "勿", "软": "轮"}


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _base_name(rng: random.Random) -> tuple[str, str]:
    """(full registered name, city) of a new synthetic company."""
    city = rng.choice(_CITIES)
    if rng.random() < 0.12:
        word = "".join(rng.choice(_EN_SYLLABLES) for _ in range(rng.randint(2, 3))).title()
        return f"{word} {rng.choice(_EN_WORDS)} {rng.choice(_EN_FORMS)}", city
    trade = "".join(rng.choice(_TRADE_CHARS) for _ in range(rng.choice((2, 2, 3, 4))))
    return f"{city}{trade}{rng.choice(_INDUSTRIES)}有限公司", city


def _variant(rng: random.Random, name: str, city: str) -> tuple[str, bool]:
    """A rewrite of ``name`` and whether it is the same record."""
    if not name.endswith("有限公司"):
        return name.upper().replace("INC.", "Incorporated"), True
    body = name.removeprefix(city).removesuffix("有限公司")
    kind = rng.randrange(7)
    if kind == 0:
        return f"{body}({city.removesuffix('市')})有限公司", True
    if kind == 1:
        return body, True
    if kind == 2:
        return _full_width(f"{body}（{city.removesuffix('市')}）有限公司"), True
    if kind == 3:
        typo = "".join(_TYPOS.get(ch, ch) for ch in body[-2:])
        return f"{city}{body[:-2]}{typo}股份有限公司", typo == body[-2:] or len(body) > 4
    if kind == 4:
        return f"{name}{rng.choice(_CITIES).removesuffix('市')}分公司", False
    if kind == 5:
        other = rng.choice([c for c in _CITIES if c != city])
        return f"{other}{body}有限公司", False
    return f"{city}{body}集团有限公司", True


def synthetic_customers(
    n: int, seed: int = 2024
) -> tuple[list[tuple[int, str, str | None]], list[tuple[int, int]]]:
    """``n`` customers ``(id, name, uscc)`` and the (original, copy) id pairs of true duplicates."""
    rng = random.Random(seed)
    records: list[tuple[int, str, str | None]] = []
    originals: list[tuple[int, str, str, str | None]] = []
    dup_pairs: list[tuple[int, int]] = []
    for rid in range(n):
        if originals and rng.random() < 0.2:
            orig_id, name, city, uscc = rng.choice(originals)
            variant, same = _variant(rng, name, city)
            records.append((rid, variant, uscc if same and rng.random() < 0.3 else None))
            if same:
                dup_pairs.append((orig_id, rid))
            continue
        name, city = _base_name(rng)
        uscc = None
        if rng.random() < 0.3:
            body = "91" + "440300" + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
            uscc = make_uscc(body)
        records.append((rid, name, uscc))
        originals.append((rid, name, city, uscc))
    return records, dup_pairs


def scan(n: int = SCAN_SIZE) -> tuple[float, int, float]:
    """(seconds for group_duplicates from cold caches, groups found, recall of injected pairs)."""
    records, dup_pairs = synthetic_customers(n)
    normalize_company.cache_clear()
    started = time.perf_counter()
    groups = group_duplicates(records)
    elapsed = time.perf_counter() - started
    group_of = {rid: g for g, ids in enumerate(groups) for rid in ids}
    found = sum(1 for a, b in dup_pairs if a in group_of and group_of.get(b) == group_of[a])
    return elapsed, len(groups), found / len(dup_pairs) if dup_pairs else 1.0


def run() -> list[Row]:
    scores = evaluate()
    seconds, groups, synthetic_recall = scan()
    return [
        ("golden-set precision", f"{scores.precision:.3f}", ">= 0.95"),
        ("golden-set recall", f"{scores.recall:.3f}", ">= 0.95"),
        (f"group_duplicates over {SCAN_SIZE:,} customers", f"{seconds:.2f} s", "< 10 s"),
        (
            "  groups found / recall of injected duplicates",
            f"{groups:,} / {synthetic_recall:.3f}",
            "(info)",
        ),
    ]


if __name__ == "__main__":
    for metric, measured, target in run():
        print(f"{metric:50} {measured:>16}  {target}")
