"""Duplicate matching (app.matching): companies, contacts, the scan-all grouping."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.company_names import normalize_company
from app.matching import (
    ContactCandidate,
    Match,
    compare_companies,
    fuzzy_score,
    group_duplicates,
    match_company,
    match_contact,
    name_score,
)
from app.validation import make_uscc

GOLDEN = Path(__file__).resolve().parents[2] / "bench" / "data" / "company_pairs.csv"

USCC_A = make_uscc("91440300MA5DC0QX7")
USCC_B = make_uscc("91440300MA5DC0QX8")


# --- companies ----------------------------------------------------------------------------


def test_uscc_is_a_hard_match_whatever_the_names() -> None:
    found = match_company("完全不同的名字", [(7, "深圳市XX科技有限公司", USCC_A.lower())], USCC_A)
    assert found == [Match(7, "深圳市XX科技有限公司", "uscc", 100.0)]
    assert found[0].hard
    assert found[0].same_record


def test_exact_core_match_for_the_rule_examples() -> None:
    candidates = [(1, "XX科技(深圳)有限公司", None), (2, "XX科技", None), (3, "YY科技", None)]
    found = match_company("深圳市XX科技有限公司", candidates)
    assert [(m.id, m.kind, m.same_record, m.hard) for m in found] == [
        (1, "exact_core", True, False),
        (2, "exact_core", True, False),
    ]


def test_branch_is_flagged_not_merged() -> None:
    found = match_company("XX科技有限公司深圳分公司", [(1, "深圳市XX科技有限公司", None)])
    assert len(found) == 1
    assert found[0].branch
    assert not found[0].same_record


def test_same_branch_written_twice_is_the_same_record() -> None:
    found = match_company("XX科技深圳分公司", [(1, "XX科技有限公司深圳市分公司", None)])
    assert found[0].same_record
    assert not found[0].branch


def test_different_city_namesake_is_related_not_the_same_record() -> None:
    found = match_company("深圳市XX科技有限公司", [(1, "广州市XX科技有限公司", None)])
    assert [(m.kind, m.conflict, m.same_record) for m in found] == [("exact_core", "place", False)]


def test_different_usccs_mean_different_entities() -> None:
    found = match_company("XX科技有限公司", [(1, "深圳市XX科技有限公司", USCC_B)], USCC_A)
    assert found[0].conflict == "uscc"
    assert not found[0].same_record


def test_fuzzy_only_when_exact_matching_fails() -> None:
    typo = (2, "汇川技朮股份有限公司", None)
    assert [m.kind for m in match_company("汇川技术股份有限公司", [typo])] == ["fuzzy"]
    exact = (1, "深圳市汇川技术股份有限公司", None)
    assert [m.id for m in match_company("汇川技术股份有限公司", [exact, typo])] == [1]


def test_results_are_ordered_best_first() -> None:
    candidates = [
        (1, "汇川技朮有限公司", None),  # fuzzy (reached only when nothing else is the same)
        (2, "广州市汇川技术有限公司", None),  # exact core, other city
        (3, "汇川技术有限公司深圳分公司", None),  # branch
        (4, "别的公司", USCC_A),  # USCC
    ]
    found = match_company("深圳市汇川技术有限公司", candidates, USCC_A)
    assert [m.id for m in found] == [4, 2, 3]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("华为技术有限公司", "华为终端有限公司"),  # same trade name, other industry
        ("中国银行", "中国建设银行"),  # inserted word
        ("天晟贸易有限公司", "天盛贸易有限公司"),  # one character of the trade name
        ("美的集团", "美菱集团"),  # too short to judge by spelling
        ("Sunrise Solar LLC", "Sunset Solar LLC"),
    ],
)
def test_hard_negatives(a: str, b: str) -> None:
    assert compare_companies(a, b) is None


def test_fuzzy_score_bounds() -> None:
    assert fuzzy_score("汇川技术", "汇川技朮") == pytest.approx(75.0)
    assert fuzzy_score("美的", "美菱") == 0.0
    assert fuzzy_score("华为技术", "华为终端") == 0.0
    assert fuzzy_score("acmewidgetinternational", "acmewidgetinternatonal") > 90


def test_empty_cores_never_match() -> None:
    assert match_company("()", [(1, "——", None), (2, "", None)]) == []


def test_candidates_may_be_any_iterable() -> None:
    found = match_company("XX科技", (c for c in [(10, "XX科技有限公司", None)]))
    assert [m.id for m in found] == [10]


def _golden_rows() -> list[dict[str, str]]:
    with GOLDEN.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_golden_set_is_big_and_covers_the_rule_cases() -> None:
    rows = _golden_rows()
    assert len(rows) >= 200
    categories = {r["category"] for r in rows}
    assert {"place_variant", "full_width", "english_legal_form", "branch_vs_head"} <= categories
    assert {"same_tradename_other_industry", "different_city_same_name"} <= categories
    pairs = {(r["name_a"], r["name_b"]) for r in rows}
    assert ("深圳市XX科技有限公司", "XX科技(深圳)有限公司") in pairs
    assert ("深圳市XX科技有限公司", "XX科技") in pairs
    assert ("华为技术有限公司", "华为终端有限公司") in pairs


def test_golden_set_precision_and_recall() -> None:
    tp = fp = fn = 0
    for row in _golden_rows():
        match = compare_companies(row["name_a"], row["name_b"])
        predicted = match is not None and match.same_record
        actual = row["is_duplicate"] == "1"
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.95, precision
    assert recall >= 0.95, recall


def test_golden_set_is_symmetric() -> None:
    for row in _golden_rows():
        ab = compare_companies(row["name_a"], row["name_b"])
        ba = compare_companies(row["name_b"], row["name_a"])
        assert (ab is None) == (ba is None), row
        if ab is not None and ba is not None:
            assert ab.same_record == ba.same_record, row


# --- contacts -----------------------------------------------------------------------------

_CORE = normalize_company("深圳市XX科技有限公司").core
_PEOPLE = [
    ContactCandidate(1, "张伟", "zhang.wei@xx.cn", ["+8613800138000"], _CORE),
    ContactCandidate(2, "李娜", None, ["+8675586001234"], _CORE),
    ContactCandidate(3, "王芳", "wang.fang@yy.cn", [], "yy科技"),
    ContactCandidate(4, "John Smith", "john@acme.com", ["+14155552671"], "acme"),
]


def test_same_email_is_hard() -> None:
    found = match_contact("Zhang.Wei@XX.cn", [], "张三", None, _PEOPLE)
    assert [(m.id, m.kinds, m.hard) for m in found] == [(1, ("email",), True)]


def test_same_mobile_is_hard_in_any_format() -> None:
    found = match_contact(None, ["138 0013 8000"], "", None, _PEOPLE)
    assert [(m.id, m.kinds) for m in found] == [(1, ("mobile",))]


def test_shared_switchboard_alone_is_no_match() -> None:
    assert match_contact(None, ["0755-86001234"], "赵六", _CORE, _PEOPLE) == []


def test_shared_switchboard_with_similar_name_is_soft() -> None:
    found = match_contact(None, ["0755 8600 1234"], "李娜", None, _PEOPLE)
    assert [(m.id, m.kinds, m.hard) for m in found] == [(2, ("fixed_line",), False)]


def test_similar_name_at_same_company_is_soft() -> None:
    found = match_contact(None, [], "张 伟", _CORE, _PEOPLE)
    assert [(m.id, m.kinds, m.hard) for m in found] == [(1, ("name_at_company",), False)]
    assert match_contact(None, [], "张伟", "别的公司", _PEOPLE) == []
    assert match_contact(None, [], "张玮", _CORE, _PEOPLE) == []  # another person


def test_english_names_ignore_order_and_honorifics() -> None:
    found = match_contact(None, [], "Mr. Smith John", "acme", _PEOPLE)
    assert [m.id for m in found] == [4]
    assert name_score("Smith, John", "John Smith") == 100.0


def test_hard_contact_matches_come_first() -> None:
    found = match_contact(None, ["+14155552671"], "张伟", _CORE, _PEOPLE)
    assert [(m.id, m.hard) for m in found] == [(4, True), (1, False)]


def test_invalid_phones_are_ignored_not_raised() -> None:
    assert match_contact(None, ["not a phone", ""], None, None, _PEOPLE) == []


# --- group_duplicates ---------------------------------------------------------------------


def test_group_duplicates_blocks_on_core_and_uscc() -> None:
    records = [
        (1, "深圳市XX科技有限公司", None),
        (2, "XX科技(深圳)有限公司", None),
        (3, "XX科技有限公司深圳分公司", None),  # branch: own record
        (4, "广州市XX科技有限公司", None),  # other city
        (5, "YY贸易有限公司", USCC_A),
        (6, "完全不同", USCC_A),
        (7, "汇川技术股份有限公司", None),
        (8, "汇川技朮股份有限公司", None),  # typo
        (9, "华为终端有限公司", None),
        (10, "华为技术有限公司", None),
        (11, "XX科技深圳分公司", None),  # the same branch as 3
    ]
    assert group_duplicates(records) == [[1, 2], [3, 11], [5, 6], [7, 8]]


def test_group_duplicates_unplaced_name_joins_one_city() -> None:
    records = [(1, "深圳市XX科技有限公司", None), (2, "XX科技", None), (3, "XX科技有限公司", None)]
    assert group_duplicates(records) == [[1, 2, 3]]


def test_group_duplicates_empty_and_singletons() -> None:
    assert group_duplicates([]) == []
    assert group_duplicates([("a", "甲公司", None), ("b", "乙公司", None)]) == []


def test_group_duplicates_is_not_quadratic() -> None:
    # 20 000 distinct names must group in well under a second or two; O(n²) would take
    # minutes. (bench/bench_dedupe.py measures 100 000.)
    chars = "华强盛泰安康达通宏远恒信诚德鑫源海天润金银星辰光明博创新锐智云帆腾飞龙凤嘉禾瑞丰"
    records = [
        (i, f"{chars[i % 40]}{chars[i // 40 % 40]}{chars[i // 1600 % 40]}{i}科技有限公司", None)
        for i in range(20_000)
    ]
    normalize_company.cache_clear()
    started = time.perf_counter()
    groups = group_duplicates(records)
    assert time.perf_counter() - started < 5.0
    assert groups == []


@given(
    st.lists(
        st.sampled_from(
            [
                "深圳市XX科技有限公司",
                "XX科技",
                "广州市XX科技有限公司",
                "XX科技有限公司深圳分公司",
                "汇川技术有限公司",
                "汇川技朮有限公司",
                "Acme Inc.",
                "ACME LTD",
                "华为技术",
                "华为终端",
            ]
        ),
        max_size=12,
    )
)
@settings(max_examples=150)
def test_groups_partition_the_ids(names: list[str]) -> None:
    records = [(i, name, None) for i, name in enumerate(names)]
    groups = group_duplicates(records)
    flat = [rid for group in groups for rid in group]
    assert len(flat) == len(set(flat))
    assert all(len(g) >= 2 and g == sorted(g) for g in groups)
    # Records with the same name always end up together.
    for i, name in enumerate(names):
        for j in range(i + 1, len(names)):
            if names[j] == name:
                assert any(i in g and j in g for g in groups)


def test_different_numbers_name_different_companies() -> None:
    from app.matching import compare_companies, group_duplicates

    assert compare_companies("Globex Retail 33 LLC", "Globex Retail 13 GmbH") is None
    assert compare_companies("第3建筑工程有限公司", "第5建筑工程有限公司") is None
    assert group_duplicates([(1, "Globex Retail 33 LLC", None),
                             (2, "Globex Retail 13 GmbH", None),
                             (3, "Globex Retail 33 Ltd", None)]) == [[1, 3]]
