"""Company-name normalisation for duplicate detection (BUSINESS-RULES §5.1).

A registered Chinese enterprise name is built as *place + trade name (字号) + industry + legal
form*, e.g. 深圳市 + 腾讯 + 计算机系统 + 有限公司. Reps type it in many shapes (short names,
the place in brackets, full-width letters), so duplicates are found on a *core*: the name with
the place and the legal form removed. ``深圳市XX科技有限公司``, ``XX科技(深圳)有限公司`` and
``XX科技`` all reduce to ``xx科技``.

The steps, in the order of the business rule:

1. NFKC (full-width → half-width) and case fold;
2. unify brackets ``（）()【】`` and drop their content when it is a place name (or a legal form
   such as ``(有限合伙)``);
3. strip leading province / city / district names (``app/data/cn_places.txt``);
4. strip legal-form suffixes, Chinese and English (and fold English plurals);
5. strip punctuation and spaces.

The steps are repeated until nothing changes, which makes ``normalize_company`` idempotent on
its own ``core`` (a property the tests check). Places that were seen are kept on the key:
two same-named companies registered in *different* cities are different legal entities, and
the matcher uses ``places`` to tell them apart.

A trailing ``分公司`` / ``办事处`` / ``branch`` (and similar) marks a branch: the core is the
parent's, ``is_branch`` is set and ``branch`` names the branch (``深圳市分公司``), so the UI can
say "a branch of an existing customer" instead of offering a merge.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal


def _words(text: str) -> tuple[str, ...]:
    """Whitespace-separated words: keeps long word lists compact and readable."""
    return tuple(text.split())


PlaceLevel = Literal["country", "province", "city", "district"]
_LEVELS: tuple[PlaceLevel, ...] = ("country", "province", "city", "district")


@dataclass(frozen=True, slots=True)
class Place:
    """A place recognised in a name, by its canonical full name (``深圳市``) and level."""

    name: str
    level: PlaceLevel


@dataclass(frozen=True, slots=True)
class CompanyKey:
    """The comparable form of a company name.

    ``core`` is empty only when the name has no letters or digits at all; an empty core
    never matches anything.
    """

    core: str
    is_branch: bool = False
    branch: str | None = None
    places: frozenset[Place] = frozenset()


@dataclass(frozen=True, slots=True)
class _Endings:
    """A word list indexed for suffix stripping: by last character, the lengths to try.

    Set look-ups for a handful of lengths rather than ``endswith`` per word: this runs for
    every name of a 100 000-customer scan.
    """

    words: frozenset[str]
    lengths_by_last: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, words: Iterable[str]) -> _Endings:
        unique = frozenset(words)
        by_last: dict[str, set[int]] = {}
        for word in unique:
            by_last.setdefault(word[-1], set()).add(len(word))
        return cls(unique, {k: tuple(sorted(v, reverse=True)) for k, v in by_last.items()})

    def strip(self, text: str, keep: int) -> str:
        """Strip words from the end, longest first, keeping at least ``keep`` characters."""
        while text:
            for length in self.lengths_by_last.get(text[-1], ()):
                if length <= len(text) - keep and text[-length:] in self.words:
                    text = text[:-length]
                    break
            else:
                return text
        return text


# --- legal forms, industries, branch markers ------------------------------------------------

#: Chinese legal-form endings, stripped repeatedly from the end (longest first).
CN_LEGAL_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        _words(
            "股份有限公司 有限责任公司 有限公司 股份公司 总公司 公司 合伙企业 普通合伙 有限合伙 "
            "特殊普通合伙 集团 控股 股份"
        ),
        key=lambda w: (-len(w), w),
    )
)

#: English legal-form words (already case-folded; dots are optional when matching).
EN_LEGAL_WORDS: tuple[str, ...] = tuple(
    _words(
        "co company corp corporation inc incorporated ltd limited llc l.l.c llp lp plc gmbh ag "
        "s.a sa n.v nv b.v bv pte pty kk k.k group holding holdings"
    )
)

# Industry and other generic words. A leading place is kept when only such words would remain
# (北京大学 must not become 大学, 青岛啤酒 not 啤酒): the place is then part of the name.
_GENERIC_WORDS: tuple[str, ...] = tuple(
    sorted(
        set(
            _words(
                "科技 技术 信息 网络 电子 软件 硬件 数据 数字 智能 通信 通讯 "
                "计算机 系统 电器 电气 机械 设备 仪器 仪表 自动化 工程 建设 "
                "建筑 建工 装饰 设计 咨询 管理 服务 顾问 投资 资本 金融 资产 "
                "基金 证券 保险 银行 信托 租赁 担保 贸易 商贸 实业 发展 产业 "
                "工业 企业 国际 进出口 物流 运输 快递 供应链 电商 电子商务 "
                "文化 传媒 广告 影视 教育 培训 医疗 医药 药业 制药 生物 健康 "
                "食品 饮料 啤酒 酒业 餐饮 酒店 旅游 地产 房地产 置业 物业 "
                "能源 新能源 电力 石油 化工 材料 新材料 环保 纺织 服装 服饰 "
                "家具 建材 钢铁 有色 汽车 汽配 农业 农牧 化纤 光电 半导体 "
                "微电子 精密 塑胶 塑料 五金 模具 包装 印刷 大学 学院 学校 "
                "中学 小学 幼儿园 医院 人民医院 研究院 研究所 设计院 电视台 "
                "日报 报社 出版社 图书馆 博物馆 体育 百货 商场 超市 水务 燃气 "
                "热力 交通 航空 港务 铁路 公交 地铁 市政 公用事业 人民政府 "
                "政府 中心 事务所 商业 农商 农村商业 城市 第一 第二 第三 "
                "重工 终端 装备 制品 电池 动力 传动 照明 家电 电机 光伏 传感 "
                "芯片 集成电路 制造 营销 网络技术 信息技术 数码 通用 机电 实验室 "
            )
        ),
        key=lambda w: (-len(w), w),
    )
)

_GENERIC_ENDINGS = _Endings.of((*CN_LEGAL_SUFFIXES, *_GENERIC_WORDS))
_INDUSTRY_WORDS = _Endings.of(_GENERIC_WORDS)
_LEGAL_SUFFIX_SET = _Endings.of(CN_LEGAL_SUFFIXES)

# Words where a place's own suffix character starts a word: 上海市场 is 上海 + 市场, not
# 上海市 + 场; 北京市政 is 北京 + 市政.
_SUFFIX_WORDS = frozenset({"市场", "市政", "市民", "市级", "区块", "区域", "县域", "省级", "省心"})

# Bracket contents dropped like places: legal forms and "in preparation".
_BRACKET_DROP = frozenset(
    {"有限合伙", "普通合伙", "特殊普通合伙", "集团", "股份", "控股", "筹", "筹备", "有限公司"}
)

# Branch markers, mapped to a canonical word so 分公司 / branch / branch office compare equal.
_BRANCH_MARKERS: dict[str, str] = {
    "分公司": "分公司",
    "分行": "分行",
    "支行": "支行",
    "分店": "分店",
    "分厂": "分厂",
    "办事处": "办事处",
    "代表处": "办事处",
    "营业部": "营业部",
    "分部": "分部",
    "分所": "分所",
    "分院": "分院",
    "branch": "分公司",
    "branchoffice": "分公司",
    "subbranch": "支行",
    "representativeoffice": "办事处",
    "repoffice": "办事处",
}

_BRACKETS = str.maketrans("【〔［[{｛《〈「『〖】〕］]}｝》〉」』〗", "((((((((((()))))))))))")
_NON_WORD_RE = re.compile(r"[\W_]+")
_BRACKET_RE = re.compile(r"\(([^()]*)\)")
_EN_WORDS_ALT = "|".join(re.escape(w).replace(r"\.", r"\.?") for w in EN_LEGAL_WORDS)
# An English legal word at the end, not glued to a preceding Latin letter (so "taco" keeps "co").
_EN_SUFFIX_RE = re.compile(rf"(?<![a-z0-9])(?:{_EN_WORDS_ALT})\.?[\W_]*$")
_EN_WORD_ANYWHERE_RE = re.compile(rf"(?<![a-z0-9])(?:{_EN_WORDS_ALT})\.?(?![a-z0-9])")
_THE_RE = re.compile(r"^\W*the\s+")
_LATIN_RE = re.compile("[a-z]")
_LATIN_WORD_RE = re.compile(r"(?<![a-z0-9])[a-z]+(?![a-z0-9])")
_COMMA_PLACE_RE = re.compile(r",\s*([a-z][a-z .'-]*?)[\s.]*$")
_BRANCH_RE = re.compile(
    r"(?:(?<![a-z0-9])(?:sub[\s-]?branch|branch\s+office|branch|representative\s+office"
    r"|rep\.?\s+office)|分公司|分行|支行|分店|分厂|办事处|代表处|营业部|分部|分所|分院)[\W_]*$"
)
_MAX_PASSES = 8
# Cheap pre-check for _BRANCH_RE: what a branch name can end with, and what may follow.
_BRANCH_ENDINGS = ("公司", "行", "店", "厂", "处", "部", "所", "院", "branch", "office")
_BRANCH_TRAILING = " \t)]}.,;:!?-·_。、，；：！？\"'“”‘’*#~"


# --- the gazetteer ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    leading: dict[str, tuple[Place, ...]]  # may be stripped from the start of a name
    anywhere: dict[str, tuple[Place, ...]]  # every alias: bracket contents, branch labels
    max_len: int
    # For the first two characters of a name, the lengths of leading names to try (longest
    # first): most names start with no place at all, and this says so in one look-up.
    leading_lengths: dict[str, tuple[int, ...]]


_SHORTENABLE = ("特别行政区", "地区", "省", "市", "区", "县", "盟")


def _short_form(full: str) -> str | None:
    for suffix in _SHORTENABLE:
        if full.endswith(suffix) and len(full) - len(suffix) >= 2:
            return full[: -len(suffix)]
    return None


def _alias_key(text: str) -> str:
    return _NON_WORD_RE.sub("", unicodedata.normalize("NFKC", text).casefold())


def _parse_places(lines: Iterable[str]) -> _Gazetteer:
    leading: dict[str, list[Place]] = {}
    anywhere: dict[str, list[Place]] = {}
    level: PlaceLevel | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1]
            if name not in _LEVELS:
                raise ValueError(f"unknown place level {name!r}")
            level = name
            continue
        if level is None:
            raise ValueError("place listed before any [level] section")
        full, *aliases = line.split()
        place = Place(_alias_key(full), level)
        short = _short_form(place.name)
        names = [place.name, *([short] if short else []), *(_alias_key(a) for a in aliases)]
        for name in names:
            anywhere.setdefault(name, []).append(place)
            # Only Chinese full names anywhere, and short forms of provinces and cities, may be
            # stripped from the front: district short forms (光明, 金山) and pinyin are too
            # often real trade names.
            is_cjk = not name.isascii()
            if is_cjk and level != "country" and (name == place.name or level != "district"):
                leading.setdefault(name, []).append(place)
    lengths: dict[str, set[int]] = {}
    for name in leading:
        lengths.setdefault(name[:2], set()).add(len(name))
    return _Gazetteer(
        leading={k: tuple(dict.fromkeys(v)) for k, v in leading.items()},
        anywhere={k: tuple(dict.fromkeys(v)) for k, v in anywhere.items()},
        max_len=max(map(len, anywhere)),
        leading_lengths={k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
    )


@cache
def _gazetteer() -> _Gazetteer:
    """Load ``cn_places.txt`` once, on first use (it costs a few milliseconds)."""
    text = resources.files("app.data").joinpath("cn_places.txt").read_text(encoding="utf-8")
    return _parse_places(text.splitlines())


def lookup_place(text: str) -> tuple[Place, ...]:
    """The places a name or alias (``深圳``, ``Shenzhen``, ``南山区``) may stand for."""
    return _gazetteer().anywhere.get(_alias_key(text), ())


# --- the pipeline -------------------------------------------------------------------------


def _fold(text: str) -> str:
    # NFKC, case fold, NFKC again: the Unicode recipe for caseless matching (NFKC_Casefold).
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return folded.translate(_BRACKETS)


def _is_generic(rest: str) -> bool:
    """True when ``rest`` holds nothing but industry words and legal forms (or nothing)."""
    return not _GENERIC_ENDINGS.strip(rest, 0)


def _leading_place(text: str) -> tuple[str, tuple[Place, ...]] | None:
    gaz = _gazetteer()
    for length in gaz.leading_lengths.get(text[:2], ()):
        places = gaz.leading.get(text[:length]) if length <= len(text) else None
        if places is None:
            continue
        if text[length - 1 : length + 1] in _SUFFIX_WORDS:
            continue  # 上海市场: try the shorter 上海
        return text[:length], places
    return None


def _strip_leading_places(text: str, seen: set[Place]) -> str:
    while (hit := _leading_place(text)) is not None:
        prefix, places = hit
        seen.update(places)
        rest = text[len(prefix) :]
        if _is_generic(rest):
            break  # the place is part of the name: 北京大学, 上海银行
        text = rest
    return text


# One wrong character in 有限公司 (有限公可, 有限公同) is a typo, not a different company.
_CN_SUFFIX_TYPO_RE = re.compile(r"有限(?:责任)?(?:公.|.司)$")


def _strip_cn_suffixes(text: str) -> str:
    if (typo := _CN_SUFFIX_TYPO_RE.search(text)) is not None and typo.start() > 0:
        text = text[: typo.start()]
    return _LEGAL_SUFFIX_SET.strip(text, 1)


def _strip_en_suffixes(text: str, seen: set[Place]) -> str:
    text = _THE_RE.sub("", text)
    # "Siemens Ltd., China": a place after a comma at the end qualifies the name.
    if (tail := _COMMA_PLACE_RE.search(text)) is not None:
        places = _gazetteer().anywhere.get(_NON_WORD_RE.sub("", tail.group(1)))
        if places and _NON_WORD_RE.sub("", text[: tail.start()]):
            seen.update(places)
            text = text[: tail.start()]
    while (m := _EN_SUFFIX_RE.search(text)) is not None:
        rest = text[: m.start()]
        if not _NON_WORD_RE.sub("", rest):
            break  # never strip a name down to nothing ("Company", "Inc.")
        text = rest
    return text


def _singular(match: re.Match[str]) -> str:
    word = match.group(0)
    if len(word) < 4 or word.endswith(("ss", "us", "is")):
        return word  # glass, status, analysis
    if word.endswith("ies"):
        return word[:-3] + "y"  # technologies → technology
    return word[:-1] if word.endswith("s") else word


def _drop_bracket(match: re.Match[str], seen: set[Place]) -> str:
    content = _NON_WORD_RE.sub("", match.group(1))
    places = _gazetteer().anywhere.get(content)
    if places:
        seen.update(places)
        return " "
    if not content or content in _BRACKET_DROP:
        return " "
    return f" {match.group(1)} "  # not a place: keep the words, lose the brackets


def _trailing_place(text: str) -> tuple[int, tuple[Place, ...]] | None:
    """Where a place name ends ``text`` (start index and places), if one does."""
    gaz = _gazetteer()
    if text[-1:].isascii():
        words = _NON_WORD_RE.split(text)
        words = [w for w in words if w]
        for count in (2, 1):  # "hong kong" before "kong"
            if len(words) >= count:
                places = gaz.anywhere.get("".join(words[-count:]))
                if places:
                    start = len(text)
                    for word in reversed(words[-count:]):
                        start = text.rfind(word, 0, start)
                    return start, places
        return None
    for length in range(min(gaz.max_len, len(text)), 1, -1):
        places = gaz.anywhere.get(text[-length:])
        if places:
            return len(text) - length, places
    return None


def _last_legal_suffix_end(text: str) -> int:
    ends = [text.rfind(s) + len(s) for s in CN_LEGAL_SUFFIXES if s in text]
    ends.extend(m.end() for m in _EN_WORD_ANYWHERE_RE.finditer(text))
    return max(ends, default=-1)


def _canonical_label(label: str, marker: str) -> str:
    """``深圳`` + ``分公司`` → ``深圳市分公司``; ``shenzhen`` + ``branch`` → the same."""
    gaz = _gazetteer()
    text = _NON_WORD_RE.sub("", label)
    out: list[str] = []
    while text:
        for length in range(min(gaz.max_len, len(text)), 0, -1):
            places = gaz.anywhere.get(text[:length])
            if places:
                out.append(places[0].name)
                text = text[length:]
                break
        else:
            out.append(text)
            break
    return "".join(out) + _BRANCH_MARKERS[_NON_WORD_RE.sub("", marker)]


def _split_branch(text: str) -> tuple[str, str | None]:
    """Split ``…有限公司深圳分公司`` into the parent's name and a canonical branch label."""
    if not text.rstrip(_BRANCH_TRAILING).endswith(_BRANCH_ENDINGS):
        return text, None  # the common case, decided without the regular expression
    match = _BRANCH_RE.search(text)
    if match is None:
        return text, None
    marker = _NON_WORD_RE.sub("", match.group(0))
    head = text[: match.start()]
    cut = _last_legal_suffix_end(head)
    if cut < 0:
        # No legal form to anchor on: the label is the run of places before the marker.
        cut = len(head)
        stripped = head.rstrip(" \t()-,.·")
        # The branch's own city is not where the parent is registered: not added to ``seen``.
        while stripped and (hit := _trailing_place(stripped)) is not None:
            cut = hit[0]
            stripped = stripped[:cut].rstrip(" \t()-,.·")
    label, parent = head[cut:], head[:cut]
    if not _NON_WORD_RE.sub("", parent):
        return text, None  # "深圳分公司" alone: nothing left to be the parent
    return parent, _canonical_label(label, marker)


def _reduce(text: str, seen: set[Place]) -> str:
    # The ``in`` / ``search`` guards skip work most names do not need (a scan runs this
    # twice for each of 100 000 names).
    while (
        "(" in text and (dropped := _BRACKET_RE.sub(lambda m: _drop_bracket(m, seen), text)) != text
    ):
        text = dropped  # nested brackets: innermost first
    if _LATIN_RE.search(text) is not None:
        text = _strip_en_suffixes(text, seen)
        # Plural or not is the commonest difference between two spellings of an English
        # name (Widget/Widgets, Technology/Technologies): compare singular forms.
        text = _LATIN_WORD_RE.sub(_singular, text)
    text = _NON_WORD_RE.sub("", text)
    text = _strip_leading_places(text, seen)
    return _strip_cn_suffixes(text)


@lru_cache(maxsize=200_000)
def normalize_company(name: str) -> CompanyKey:
    """Reduce a company name to its comparable :class:`CompanyKey`.

    Pure and cached: matching the same candidates again costs a dictionary lookup.
    """
    seen: set[Place] = set()
    branch: str | None = None
    current = name
    for pass_no in range(_MAX_PASSES):
        folded = _fold(current)
        head, label = _split_branch(folded)
        if pass_no == 0:
            branch = label
        reduced = _reduce(head, seen)
        if not reduced:
            # Everything was a place or a bracket ("(深圳)"): fall back to the bare text so
            # that the key still says something.
            reduced = _NON_WORD_RE.sub("", folded)
        if reduced == current:
            break
        current = reduced
    return CompanyKey(
        core=current, is_branch=branch is not None, branch=branch, places=frozenset(seen)
    )


@lru_cache(maxsize=200_000)
def split_trade_name(core: str) -> tuple[str, str]:
    """Split a core into its trade name (字号) and the industry words that end it.

    ``华为技术`` → (``华为``, ``技术``); ``海康威视数字技术`` → (``海康威视``, ``数字技术``).
    An unrecognised ending (a typo such as ``技朮``) stays in the trade name, and so does
    the whole core when it has no industry words: the industry is then ``""``.
    """
    rest = _INDUSTRY_WORDS.strip(core, 1)
    return rest, core[len(rest) :]


def places_conflict(a: Iterable[Place], b: Iterable[Place]) -> bool:
    """True when both names name a place at the same level, and never the same one.

    ``深圳市…`` vs ``广州市…`` conflict (two cities); ``广东省…`` vs ``深圳市…`` do not
    (a province and a city); a name without a place never conflicts.
    """
    by_level_a: dict[PlaceLevel, set[str]] = {}
    for place in a:
        by_level_a.setdefault(place.level, set()).add(place.name)
    by_level_b: dict[PlaceLevel, set[str]] = {}
    for place in b:
        by_level_b.setdefault(place.level, set()).add(place.name)
    return any(
        level in by_level_b and by_level_a[level].isdisjoint(by_level_b[level])
        for level in by_level_a
    )
