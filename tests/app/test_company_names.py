"""Company-name normalisation (app.company_names, BUSINESS-RULES §5.1 duplicate companies)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.company_names import (
    CompanyKey,
    Place,
    lookup_place,
    normalize_company,
    places_conflict,
    split_trade_name,
)


def core(name: str) -> str:
    return normalize_company(name).core


@pytest.mark.parametrize(
    "name",
    [
        "深圳市XX科技有限公司",
        "XX科技(深圳)有限公司",
        "XX科技（深圳）有限公司",
        "XX科技【深圳】有限公司",
        "XX科技",
        "ＸＸ科技（深圳）有限公司",
        "广东省深圳市南山区XX科技有限公司",
        "深圳XX科技股份有限公司",
        "XX科技有限责任公司",
        "XX科技集团有限公司",
        "XX科技(集团)股份有限公司",
        "  XX 科技 · 有限公司 ",
    ],
)
def test_variants_reduce_to_the_same_core(name: str) -> None:
    assert core(name) == "xx科技"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme Widgets Inc.", "acmewidget"),
        ("ACME WIDGETS LTD", "acmewidget"),
        ("Acme Widgets GmbH", "acmewidget"),
        ("Acme Widgets, L.L.C.", "acmewidget"),
        ("Acme Widgets Co., Ltd.", "acmewidget"),
        ("Acme Widgets Corporation", "acmewidget"),
        ("The Coca-Cola Company", "cocacola"),
        ("Huawei Technologies Co., Ltd.", "huaweitechnology"),
        ("Siemens Ltd., China", "siemen"),
        ("Siemens (China) Ltd.", "siemen"),
        ("Tencent Technology (Shenzhen) Company Limited", "tencenttechnology"),
        ("Ｈ３Ｃ技术有限公司", "h3c技术"),
    ],
)
def test_english_and_mixed_names(name: str, expected: str) -> None:
    assert core(name) == expected


def test_english_legal_word_is_only_stripped_as_a_whole_word() -> None:
    assert core("Taco") == "taco"
    assert core("Taco Co.") == "taco"
    assert core("Disco Inc") == "disco"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # The place is kept when only generic words would remain.
        ("北京大学", "北京大学"),
        ("上海银行股份有限公司", "上海银行"),
        ("青岛啤酒股份有限公司", "青岛啤酒"),
        ("中山大学", "中山大学"),
        # 市场 / 市政 are words, not 上海市 + 场.
        ("上海市场调研有限公司", "市场调研"),
        ("北京市政路桥股份有限公司", "市政路桥"),
        # 中国 is never stripped from the front (中国银行 is not 银行) …
        ("中国银行股份有限公司", "中国银行"),
        # … but dropped in brackets.
        ("西门子(中国)有限公司", "西门子"),
        # District short forms are trade names too often to strip from the front.
        ("光明乳业股份有限公司", "光明乳业"),
        ("金山软件有限公司", "金山软件"),
        # Bracket content that is no place stays (without brackets).
        ("XX(国际)贸易有限公司", "xx国际贸易"),
        # A typo in 有限公司 is still a legal form.
        ("云帆软件有限公可", "云帆软件"),
    ],
)
def test_places_and_suffix_edge_cases(name: str, expected: str) -> None:
    assert core(name) == expected


def test_places_are_recorded() -> None:
    key = normalize_company("深圳市XX科技有限公司")
    assert Place("深圳市", "city") in key.places
    assert normalize_company("XX科技(深圳)有限公司").places == key.places
    assert normalize_company("XX科技").places == frozenset()


@pytest.mark.parametrize(
    ("name", "branch"),
    [
        ("XX科技有限公司深圳分公司", "深圳市分公司"),
        ("XX科技深圳分公司", "深圳市分公司"),
        ("深圳市XX科技有限公司南山分公司", "南山区分公司"),
        ("XX科技有限公司(深圳分公司)", "深圳市分公司"),
        ("XX科技有限公司北京办事处", "北京市办事处"),
        ("XX科技有限公司北京代表处", "北京市办事处"),
    ],
)
def test_branches_keep_the_parent_core(name: str, branch: str) -> None:
    assert normalize_company(name) == CompanyKey(
        "xx科技", True, branch, normalize_company(name).places
    )


@pytest.mark.parametrize(
    ("name", "expected_core", "branch"),
    [
        ("招商银行股份有限公司深圳分行", "招商银行", "深圳市分行"),
        ("招商银行深圳南山支行", "招商银行", "深圳市南山区支行"),
        ("Acme Inc. Shanghai Branch", "acme", "上海市分公司"),
        ("Acme Ltd (Shanghai Branch)", "acme", "上海市分公司"),
        ("Acme 上海分公司", "acme", "上海市分公司"),
        ("Acme Ltd Beijing Representative Office", "acme", "北京市办事处"),
    ],
)
def test_branch_labels_are_canonical(name: str, expected_core: str, branch: str) -> None:
    key = normalize_company(name)
    assert (key.core, key.is_branch, key.branch) == (expected_core, True, branch)


def test_head_office_is_not_a_branch() -> None:
    key = normalize_company("XX科技有限公司")
    assert (key.is_branch, key.branch) == (False, None)


def test_a_lone_branch_marker_is_not_a_branch() -> None:
    assert normalize_company("分公司").is_branch is False
    assert normalize_company("深圳分公司").is_branch is False


@pytest.mark.parametrize("name", ["", "   ", "()", "—·—", "（ ）"])
def test_names_without_letters_have_an_empty_core(name: str) -> None:
    assert core(name) == ""


def test_name_that_is_only_a_place_or_a_legal_form_keeps_something() -> None:
    assert core("(深圳)") == "深圳"
    assert core("深圳市") == "深圳市"
    assert core("Inc.") == "inc"


def test_lookup_place_knows_full_short_and_pinyin_forms() -> None:
    shenzhen = Place("深圳市", "city")
    assert shenzhen in lookup_place("深圳市")
    assert shenzhen in lookup_place("深圳")
    assert shenzhen in lookup_place("Shenzhen")
    assert Place("广西壮族自治区", "province") in lookup_place("广西")
    assert Place("南山区", "district") in lookup_place("南山")
    assert lookup_place("华为") == ()


def test_gazetteer_is_compact_but_complete_for_provinces() -> None:
    provinces = {"北京", "上海", "广东", "新疆", "西藏", "香港", "澳门", "台湾", "内蒙古", "黑龙江"}
    for name in provinces:
        assert any(p.level == "province" for p in lookup_place(name)), name


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("深圳市XX科技有限公司", "广州市XX科技有限公司", True),
        ("XX科技(深圳)有限公司", "深圳市XX科技有限公司", False),
        ("广东省XX科技有限公司", "深圳市XX科技有限公司", False),  # province vs city
        ("XX科技有限公司", "广州市XX科技有限公司", False),  # no place: no conflict
        ("北京市XX科技有限公司", "上海市XX科技有限公司", True),  # municipalities
        ("北京大学", "南京大学", True),
    ],
)
def test_places_conflict(a: str, b: str, conflict: bool) -> None:
    assert places_conflict(normalize_company(a).places, normalize_company(b).places) is conflict


@pytest.mark.parametrize(
    ("core_", "trade", "industry"),
    [
        ("华为技术", "华为", "技术"),
        ("海康威视数字技术", "海康威视", "数字技术"),
        ("汇川技朮", "汇川技朮", ""),
        ("科技", "科技", ""),
        ("acmewidget", "acmewidget", ""),
    ],
)
def test_split_trade_name(core_: str, trade: str, industry: str) -> None:
    assert split_trade_name(core_) == (trade, industry)


# --- properties ---------------------------------------------------------------------------

_NAME_PARTS = st.sampled_from(
    [
        "深圳市",
        "广东省",
        "南山区",
        "北京",
        "(深圳)",
        "（上海）",
        "【广州】",
        "XX",
        "华为",
        "科技",
        "技术",
        "有限公司",
        "股份有限公司",
        "集团",
        "分公司",
        "办事处",
        "Acme",
        " Inc.",
        " Ltd",
        " Co., Ltd.",
        " GmbH",
        " Branch",
        "市场",
        "大学",
        "中国",
        "(中国)",
        "Ｘ",
        "　",
        "-",
        "·",
        "s",
        "ies",
        "有限公可",
        "Shenzhen",
        ", China",
        "(",
        ")",
    ]
)
_NAMES = st.lists(_NAME_PARTS, max_size=8).map("".join)


@given(st.one_of(_NAMES, st.text(max_size=30)))
@example("(深圳)(南山)")
@example("XX分公司分公司")
@example("深圳市场")
@example("ß")
@settings(max_examples=400)
def test_normalisation_is_idempotent(name: str) -> None:
    key = normalize_company(name)
    assert normalize_company(key.core).core == key.core


@given(st.text())
def test_normalize_never_crashes_on_random_unicode(name: str) -> None:
    key = normalize_company(name)
    assert isinstance(key.core, str)
    assert key.is_branch == (key.branch is not None)
    # The core never holds punctuation or spaces.
    assert all(ch.isalnum() for ch in key.core)


@given(_NAMES)
def test_full_width_and_case_do_not_matter(name: str) -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)
    assert normalize_company(full_width).core == normalize_company(name.upper()).core
