"""Turn OCR lines into card fields.

Each line is first cut into labelled pieces ("T: …  M: …", "邮箱/Email: …"); contact
items (emails, websites, phones) are pulled out by pattern, with OCR confusions repaired
only where the pattern makes the repair unambiguous. What remains is scored as name,
title, company, department and address from wording (suffixes, job words, street words)
and layout (the name is usually the largest text near the top). Pure functions of the
lines: no I/O, never raises on odd text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ocr import phones as phone_rules
from ocr import repairs
from ocr.fields import Box, CardFields, OcrLine, PhoneKind

# --- patterns --------------------------------------------------------------------------

CJK = r"\u3400-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{CJK}]")
_CJK_ONLY = re.compile(f"^[{CJK}·]+$")

_LABEL_WORDS = {
    "mobile": r"mobile|mob|cell|cellphone|handy|m|手机|移动电话|移动",
    "office": r"tel|telephone|phone|ph|office|direct|dir|t|o|p|d|电话|座机|办公电话|总机|直线",
    "fax": r"fax|f|传真",
    "email": r"e-?mail|mail|e|邮箱|电邮|邮件|电子邮件",
    "website": r"web|website|www|w|url|网址|网站|主页",
    "address": r"address|addr|add|a|地址",
    "skip": r"qq|wechat|weixin|微信|linkedin|twitter|skype|whatsapp|line",
}
_LABEL = re.compile(
    r"(?<![A-Za-z0-9@.])(?P<label>(?:"
    + "|".join(f"(?P<{k}>{v})" for k, v in _LABEL_WORDS.items())
    + r")(?:\s*[/|]\s*(?:[A-Za-z]{1,9}|[" + CJK + r"]{1,4}))?)\s*[:：.]?\s*(?=[^\s:：]|$)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(
    r"(?<![@\w.])(?:https?://)?(?:www\.)?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*"
    r"\.(?:com|net|org|io|co|cn|de|uk|us|biz|info|tech|ai|eu|gov|edu|cc|me|app|dev)"
    r"(?:\.[a-z]{2})?(?:/[\w\-./]*)?(?![\w@])",
    re.IGNORECASE,
)

COMPANY_CJK = ("有限公司", "有限责任公司", "股份公司", "集团", "公司", "研究院", "研究所",
               "事务所", "工作室", "银行", "医院", "大学", "学院", "商行", "工厂", "厂")
COMPANY_LATIN = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|kg|co|corp|corporation|company|"
    r"group|s\.?a|s\.?r\.?l|b\.?v|n\.?v|pty|oy|ab|as|sarl|sas|pte|holdings|partners)\b\.?",
    re.IGNORECASE,
)
TITLE_CJK = ("经理", "总监", "总裁", "董事长", "董事", "主任", "工程师", "代表", "专员", "主管",
             "顾问", "助理", "会计", "设计师", "创始人", "合伙人", "首席", "执行官", "部长",
             "院长", "教授", "律师", "秘书", "厂长", "科长", "总经理", "销售", "经理人",
             "总工", "负责人", "架构师", "分析师", "店长", "组长", "主席", "副总")
TITLE_LATIN = re.compile(
    r"\b(?:manager|director|engineer|officer|ceo|cfo|cto|coo|cmo|cio|president|vp|"
    r"vice|partner|founder|co-founder|head|specialist|executive|consultant|representative|"
    r"analyst|lead|architect|designer|coordinator|associate|chairman|chairwoman|owner|"
    r"principal|administrator|advisor|adviser|supervisor|assistant|developer|scientist|"
    r"accountant|agent|buyer|technician|sales|marketing|attorney|counsel|secretary|"
    r"treasurer|intern|editor|producer|strategist|chief|senior|junior|leiter|"
    r"geschäftsführer|geschaftsfuhrer|berater|vertrieb|officer|advisor|professor)\b",
    re.IGNORECASE,
)
DEPARTMENT_CJK = re.compile(f"[{CJK}]{{1,12}}(?:部|事业部|中心|科|处|办公室)$")
DEPARTMENT_LATIN = re.compile(r"\b(?:department|dept|division|team)\b", re.IGNORECASE)
ADDRESS_CJK = re.compile(
    f"[{CJK}]*(?:省|市|区|县|镇|路|街|道|大道|号|楼|室|层|座|大厦|广场|园|弄|巷|村)"
)
ADDRESS_LATIN = re.compile(
    r"\b(?:street|st|road|rd|avenue|ave|boulevard|blvd|lane|ln|drive|dr|way|parkway|pkwy|"
    r"court|ct|place|pl|square|sq|suite|ste|floor|fl|unit|room|building|bldg|highway|hwy|"
    r"terrace|close|crescent|park|plaza|po box|district|industrial|center|centre|tower|"
    r"straße|strasse|str|allee|weg|platz|gasse|ring|damm|ufer|kai|china|usa|germany|"
    r"deutschland|uk|united kingdom|england|scotland)\b\.?",
    re.IGNORECASE,
)
_GERMAN_STREET = re.compile(r"[a-zäöüß](?:straße|strasse|str\.|allee|weg|platz|gasse|ring|kai)"
                            r"\s+\d", re.IGNORECASE)
_US_STATE_ZIP = re.compile(r"\b[A-Z]{2}\s*\d{5}(?:-\d{4})?\b")
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_DE_POSTCODE_CITY = re.compile(r"(?:^|,\s*)\d{5}\s+[A-ZÄÖÜ][a-zäöüß]+")
_STREET_NUMBER = re.compile(r"^\s*(?:no\.\s*)?\d{1,5}[A-Za-z]?\b[ ,]+[A-Za-z]")
_HONORIFIC = re.compile(r"^(?:dr|mr|mrs|ms|prof|mx)\.?\s", re.IGNORECASE)
_NAME_SUFFIX = re.compile(
    r",?\s*(?:ph\.?d|m\.?d|mba|p\.?e|cpa|esq|jr|sr|ii|iii|dipl\.?-ing|msc|bsc)\.?$",
    re.IGNORECASE,
)
COMMON_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
    "臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容",
                     "令狐", "长孙", "宇文", "夏侯", "轩辕", "端木", "西门", "南宫", "独孤")


#: No line on a card is longer; a photo of a brochure or misread ornament can be, and
#: some patterns cost time quadratic in the line length.
MAX_LINE_CHARS = 300


@dataclass
class Piece:
    """A labelled (or unlabelled) part of a line."""

    text: str
    label: str | None
    line: OcrLine
    index: int  # line index


@dataclass
class _State:
    emails: list[tuple[str, Piece]] = field(default_factory=list)
    phones: list[tuple[str, PhoneKind, Piece]] = field(default_factory=list)
    website: tuple[str, Piece] | None = None
    rest: list[Piece] = field(default_factory=list)


# --- entry point -----------------------------------------------------------------------


def parse_lines(lines: Sequence[OcrLine]) -> CardFields:
    """Extract card fields from OCR lines (top to bottom)."""
    lines = [replace(line, text=line.text[:MAX_LINE_CHARS]) if len(line.text) > MAX_LINE_CHARS
             else line for line in lines]
    lines = strip_icon_column([line for line in lines if _clean(line.text)])
    region = phone_rules.guess_region([line.text for line in lines])
    if region == "DE":
        lines = [replace(line, text=repair_german(line.text)) for line in lines]
    pieces = [piece for i, line in enumerate(lines) for piece in split_labels(line, i)]
    state = _State()
    for piece in pieces:
        _extract_web(piece, state)
    domain = _domain(state.website[0]) if state.website else None
    for piece in pieces:
        _extract_contact(piece, state, region, domain)
    names = [text for line in lines if _latin_name(text := _tidy(_clean(line.text)))]
    state.emails = [(repairs.repair_email_local(email, names), piece)
                    for email, piece in state.emails]
    if state.website:
        mail_domains = [email.partition("@")[2] for email, _ in state.emails]
        state.website = (repairs.repair_site_host(state.website[0], mail_domains),
                         state.website[1])
    return _assemble(lines, state)


_LEAD = re.compile(r"^\s*([^\s\w(+\u3400-\u9fff]|\d|[A-Za-z])\s+(?=\S)")


def strip_icon_column(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """Drop the glyph that a column of contact icons left in front of adjacent lines.

    A pin or a phone icon is read as a digit or a symbol ("9 Goethestraße 42",
    "9 60422 Frankfurt"); one such character may be a street number, but the same one
    in front of the next line too is an icon column.
    """
    leads = [_LEAD.match(_nfkc(line.text)) for line in lines]
    result = []
    for i, line in enumerate(lines):
        lead = leads[i]
        neighbours = [leads[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if lead and any(n and n.group(1) == lead.group(1) for n in neighbours):
            line = replace(line, text=_nfkc(line.text)[lead.end():])
        result.append(line)
    return result


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def repair_german(text: str) -> str:
    """Undo what Tesseract's English model does to German letters: "ü" read as "ii"
    ("Miinchen") and "ß" as "R", "B", "k", "f" or "fi" in "-straße" ("GoethestraRe"). Only for cards
    whose region is Germany: "ii" inside a word is otherwise (nearly) never German."""
    text = re.sub(r"(?<=[A-Za-z])ii(?=[a-z])", "ü", text)
    return re.sub(r"(?<=[Ss]tra)(?:[RfBk]|fi|fs|fR|iR)(?=e\b)", "ß", text)


def split_labels(line: OcrLine, index: int) -> list[Piece]:
    """Cut a line at contact labels: "T: 1 M: 2" becomes two labelled pieces."""
    text = _clean(line.text)
    matches = [m for m in _LABEL.finditer(text) if _is_real_label(m, text)]
    if not matches:
        return [Piece(text, None, line, index)]
    pieces = []
    if text[: matches[0].start()].strip():
        pieces.append(Piece(text[: matches[0].start()].strip(" ,;|"), None, line, index))
    for m, nxt in zip(matches, [*matches[1:], None], strict=True):
        end = nxt.start() if nxt else len(text)
        kind = next(k for k in _LABEL_WORDS if m.group(k))
        pieces.append(Piece(text[m.end():end].strip(" ,;|"), kind, line, index))
    return [p for p in pieces if p.text or p.label == "skip"]


def _is_real_label(m: re.Match[str], text: str) -> bool:
    """Single letters ("M", "T", "E") are labels only when followed by a separator;
    words ("Mobile", "手机") also when followed by the value directly."""
    label = m.group("label")
    core = re.split(r"[/|]", label)[0].strip()
    tail = text[m.start() + len(label): m.end()]
    has_separator = bool(re.search(r"[:：]", tail))
    if len(core) <= 2 and core.isascii():
        if not has_separator and not re.match(r"[\s.]*[+(\d]", text[m.end() - 1:]):
            return False
        if m.group("address") and not has_separator:
            return False
        # "A:" starts an address, but "Suite A, …" does not.
        return m.start() == 0 or (text[m.start() - 1] in " |/,;" and has_separator)
    if m.group("website") and not has_separator and core.lower() == "www":
        return False  # "www.example.com" is the value itself
    if m.group("address") and not has_separator and core.isascii():
        return False
    return has_separator or not core.isascii() or m.group("skip") is not None \
        or bool(re.match(r"\s*[+(\d]", text[m.end():]))


# --- contact items ---------------------------------------------------------------------


def _extract_web(piece: Piece, state: _State) -> None:
    if piece.label in ("email", "skip", "mobile", "office", "fax"):
        return
    text = _repair_web_text(piece.text)
    if "@" in text:
        text = _EMAIL.sub(" ", text)
    m = _URL.search(text)
    if m and state.website is None and (piece.label == "website" or _looks_like_site(m.group())):
        state.website = (m.group().rstrip("/."), piece)


def _extract_contact(piece: Piece, state: _State, region: str, domain: str | None) -> None:
    if piece.label == "skip":
        return
    text = piece.text
    emails = _find_emails(text, piece.label == "email", domain)
    for email in emails:
        if email not in [e for e, _ in state.emails]:
            state.emails.append((email, piece))
    if emails or piece.label == "email":
        return
    if state.website and state.website[1] is piece:
        return
    numbers = phone_rules.find_phones(text, region, labelled=piece.label in
                                      ("mobile", "office", "fax"))
    for number, detected in numbers:
        kind = _label_kind(piece.label) or detected
        if number not in [n for n, _, _ in state.phones]:
            state.phones.append((number, kind, piece))
    if not numbers:
        state.rest.append(piece)


def _label_kind(label: str | None) -> PhoneKind | None:
    if label == "mobile":
        return "mobile"
    if label == "office":
        return "office"
    if label == "fax":
        return "fax"
    return None


def _find_emails(text: str, labelled: bool, domain: str | None) -> list[str]:
    repaired = _repair_web_text(text)
    if labelled:
        repaired = repairs.join_spaced_local_part(repaired)
    found = [e.lower().strip(".") for e in _EMAIL.findall(repaired)]
    if found or not (labelled or domain):
        return found
    # "name at example.com", "name(at)example.com"
    at = re.sub(r"\s*[(\[]\s*at\s*[)\]]\s*|\s+at\s+", "@", repaired, flags=re.IGNORECASE)
    found = [e.lower() for e in _EMAIL.findall(at)]
    if found or not domain:
        return found
    # The @ was lost ("nameexample.com"): the card's website tells where it was.
    for token in re.findall(r"[A-Za-z0-9._%+\-]+\.[A-Za-z]{2,}", repaired):
        lowered = token.lower()
        if lowered.endswith(domain) and len(lowered) > len(domain) \
                and not lowered.startswith("www.") and (labelled or len(lowered) > len(domain) + 1):
            local = lowered[: -len(domain)].rstrip(".")
            if local and re.fullmatch(r"[a-z0-9._%+\-]+", local):
                found.append(f"{local}@{domain}")
    return found


def _repair_web_text(text: str) -> str:
    """Undo OCR habits around addresses: spaces around dots and @, © or ® for @."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("©", "@").replace("®", "@").replace("＠", "@")
    text = re.sub(r"\s*@\s*", "@", text)
    text = re.sub(r"(?<=[A-Za-z0-9])\s*\.\s+(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])\s+\.(?=[A-Za-z])",
                  ".", text)
    text = re.sub(r"(?i)\bhttps?\s*[:;]\s*/\s*/\s*", lambda m: m.group().replace(" ", "")
                  .replace(";", ":"), text)
    text = re.sub(r"(?i)\bwww\s*[.,]\s*", "www.", text)
    return repairs.repair_email_domain(text) if "@" in text else text


def _looks_like_site(url: str) -> bool:
    lowered = url.lower()
    return lowered.startswith(("www.", "http")) or (lowered.count(".") >= 1 and len(lowered) > 5)


def _domain(url: str) -> str:
    host = re.sub(r"(?i)^https?://", "", url).split("/")[0].lower()
    return host.removeprefix("www.")


# --- the rest --------------------------------------------------------------------------


def _assemble(lines: Sequence[OcrLine], state: _State) -> CardFields:
    chosen: dict[str, tuple[str, list[Piece], float]] = {}
    rest = [part for p in state.rest if _plausible_text(p) for part in _split_scripts(p)]
    address = _pick_address(rest)
    if address:
        address = _prefer_sure_twin(address, rest, _is_latin_address)
        chosen["address"] = address
        rest = [p for p in rest if p not in address[1]]
    company = _pick_best(rest, _company_score)
    if company:
        company = _prefer_sure_twin(company, rest, lambda p: _company_score(p) >= 0.9)
        chosen["company"] = (repairs.repair_company(company[0]), company[1], company[2])
        rest = [p for p in rest if p not in company[1]]
    department = _pick_best(rest, _department_score)
    if department:
        chosen["department"] = department
        rest = [p for p in rest if p not in department[1]]
    heights = sorted((p.line.height for p in rest), reverse=True)
    company_text = chosen["company"][0] if company else ""
    name = _pick_best(rest, lambda p: _name_score(p, heights, company_text))
    if name:
        rest = [p for p in rest if p not in name[1]]
        text, pieces, conf = name
        name_text, title_part = _split_name_title(text)
        if not title_part:
            name_text, pieces, conf = _prefer_sure_twin(
                (name_text, pieces, conf), rest, lambda p: _latin_name(_tidy(p.text)))
            rest = [p for p in rest if p not in pieces]
        chosen["name"] = (name_text, pieces, conf)
        if title_part:
            chosen["title"] = (title_part, pieces, conf)
    if "title" not in chosen:
        title = _pick_best(rest, _title_score)
        if title:
            chosen["title"] = _prefer_sure_twin(title, rest, lambda p: _title_score(p) > 0)
    return _card(lines, state, chosen)


#: A Chinese field whose least sure glyph is below this is doubtful (a look-alike:
#: "刘磊" read as "刘看", 36 %) ...
_DOUBTFUL_GLYPH = 0.5
#: ... and its English twin on a bilingual card replaces it when read at least this surely.
_SURE_TWIN = 0.85
#: How many lines away the twin may be (printed right under the Chinese, or two lines
#: down when the Chinese field wraps).
_TWIN_DISTANCE = 2


def _prefer_sure_twin(picked: tuple[str, list[Piece], float], rest: Sequence[Piece],
                      is_twin: Callable[[Piece], bool]) -> tuple[str, list[Piece], float]:
    """On a bilingual card, the English twin of a doubtfully read Chinese field.

    Bilingual cards print each field twice; the Chinese reading is preferred (it is the
    one the customer's records use), but a Chinese glyph read with low confidence is
    usually wrong, while the English line beside it often reads cleanly. Either is the
    same fact, so the surer one wins.
    """
    text, pieces, _ = picked
    weakest = _weakest_word(pieces, cjk=True)
    if not _HAS_CJK.search(text) or weakest >= _DOUBTFUL_GLYPH:
        return picked
    near = {p.index for p in pieces}
    # The twin must be sure as a whole and in its weakest word ("9F" read as "OF").
    twins = [p for p in rest if p not in pieces and not _HAS_CJK.search(p.text)
             and any(abs(p.index - i) <= _TWIN_DISTANCE for i in near)
             and p.line.confidence >= _SURE_TWIN
             and _weakest_word([p], cjk=False) >= max(weakest, _DOUBTFUL_GLYPH)
             and is_twin(p)]
    if not twins:
        return picked
    twin = max(twins, key=lambda p: p.line.confidence)
    return _tidy(twin.text), [twin], twin.line.confidence


def _weakest_word(pieces: Sequence[Piece], cjk: bool) -> float:
    """The lowest confidence of the Chinese (``cjk``) or other words on the pieces' lines
    (Tesseract reads Chinese one glyph per word)."""
    confidences = [w.confidence for p in pieces for w in p.line.words
                   if bool(_HAS_CJK.search(w.text)) == cjk]
    return min(confidences, default=1.0)


def _is_latin_address(piece: Piece) -> bool:
    return not _HAS_CJK.search(piece.text) and _latin_address_score(_tidy(piece.text)) >= 0.5


def _pick_best(pieces: Sequence[Piece], score: object) -> tuple[str, list[Piece], float] | None:
    assert callable(score)
    scored = [(float(score(p)), i, p) for i, p in enumerate(pieces)]
    scored = [s for s in scored if s[0] > 0]
    if not scored:
        return None
    value, _, best = max(scored, key=lambda s: (s[0], -s[1]))
    text = _tidy(best.text)
    return text, [best], min(1.0, value) * best.line.confidence


def _company_score(piece: Piece) -> float:
    text = _tidy(piece.text)
    compact = text.replace(" ", "")
    if _HAS_CJK.search(compact):
        for suffix in COMPANY_CJK[:5]:
            if suffix in compact:
                return 1.0
        if compact.endswith(COMPANY_CJK[5:]) and len(compact) >= 4:
            return 0.7
        return 0.0
    if COMPANY_LATIN.search(text) and not _looks_like_address_text(text):
        words = text.split()
        return 0.9 if len(words) >= 2 else 0.4
    return 0.0


def _department_score(piece: Piece) -> float:
    text = _tidy(piece.text).replace(" ", "") if _HAS_CJK.search(piece.text) else _tidy(piece.text)
    if _title_score(piece) > 0.5:
        return 0.0
    if _is_cjk_department(text):
        return 0.8
    if DEPARTMENT_LATIN.search(text) and len(text.split()) <= 6 and not re.search(r"\d", text):
        return 0.7
    return 0.0


def _is_cjk_department(compact: str) -> bool:
    """"华南区销售中心" names a unit even though it holds a job word (销售); "销售部经理"
    is a title because it ends with one."""
    return bool(DEPARTMENT_CJK.fullmatch(compact)) and not compact.endswith(TITLE_CJK)


def _title_score(piece: Piece) -> float:
    text = _tidy(piece.text)
    if re.search(r"\d", text) or "@" in text:
        return 0.0
    if _HAS_CJK.search(text):
        compact = text.replace(" ", "")
        if _is_cjk_department(compact):
            return 0.0
        if any(t in compact for t in TITLE_CJK) and len(compact) <= 14:
            return 0.9
        return 0.0
    words = text.split()
    hits = len(TITLE_LATIN.findall(text))
    if hits and len(words) <= 8:
        return min(1.0, 0.6 + 0.2 * hits)
    return 0.0


def _name_score(piece: Piece, heights: list[float], company: str) -> float:
    text = _tidy(piece.text)
    core, _ = _split_name_title(text)
    compact = core.replace(" ", "")
    if _CJK_ONLY.match(compact):
        if not 2 <= len(compact) <= 4:
            return 0.0
        if any(t in compact for t in TITLE_CJK):
            return 0.0  # "总经理" is a title even when it is the largest text left
        score = 0.6 if compact[0] in COMMON_SURNAMES or compact.startswith(COMPOUND_SURNAMES) \
            else 0.25
        if compact in company.replace(" ", ""):
            score -= 0.4  # logo text: an abbreviation of the company
    elif _latin_name(core):
        score = 0.5
    else:
        return 0.0
    # Layout: the largest text on the card is usually the name.
    if heights and piece.line.height >= heights[0] * 0.95:
        score += 0.3
    elif len(heights) > 1 and piece.line.height >= heights[1] * 0.95:
        score += 0.15
    if _title_score(Piece(core, None, piece.line, piece.index)) > 0:
        score -= 0.3
    return max(0.0, score) * min(1.0, piece.line.confidence + 0.2)


def _latin_name(text: str) -> bool:
    text = _NAME_SUFFIX.sub("", _HONORIFIC.sub("", text.strip()))
    words = text.replace(",", " ").split()
    if not 2 <= len(words) <= 4:
        return False
    for word in words:
        if not re.fullmatch(r"[A-ZÀ-Ý][A-Za-zÀ-ÿ'’\-]*\.?|[A-Z]\.", word):
            return False
    if COMPANY_LATIN.search(text) or (ADDRESS_LATIN.search(text) and len(words) > 2):
        return False
    return not (len(words) == 2 and all(w.isupper() for w in words) and len(text) < 6)


def _split_name_title(text: str) -> tuple[str, str]:
    """"孙鹏 销售经理", "马涛静，产品经理" or "Jane Doe | CEO" → (name, title)."""
    parts = re.split(r"\s*[|｜·•]\s*|\s{2,}|,\s+(?=[A-Z][a-z]+\s+[A-Z])", text, maxsplit=1)
    if len(parts) == 2 and _title_score_text(parts[1]):
        return parts[0].strip(), parts[1].strip()
    m = re.match(f"^([{CJK}]{{2,4}})(?:\\s*[,，、/|]\\s*|\\s+)([{CJK}]{{2,12}})$", text)
    if m and _title_score_text(m.group(2)):
        return m.group(1), m.group(2)
    return text, ""


def _title_score_text(text: str) -> bool:
    if _HAS_CJK.search(text):
        return any(t in text for t in TITLE_CJK)
    return bool(TITLE_LATIN.search(text))


_MIXED = re.compile(f"^([{CJK}][{CJK} ·()（）]*?)\\s*([A-Za-z][A-Za-z .,&'’()-]+)$")


def _split_scripts(piece: Piece) -> list[Piece]:
    """"产品经理 Product Manager" is two fields in two languages; score them apart."""
    m = _MIXED.match(_tidy(piece.text))
    if not m:
        return [piece]
    return [Piece(m.group(1), piece.label, piece.line, piece.index),
            Piece(m.group(2), piece.label, piece.line, piece.index)]


# --- addresses -------------------------------------------------------------------------


def _pick_address(pieces: Sequence[Piece]) -> tuple[str, list[Piece], float] | None:
    """The best run of consecutive address-like lines, Chinese preferred on a bilingual
    card (the Chinese address is the one printed first and the one the CRM stores)."""
    runs: list[list[Piece]] = []
    for piece in pieces:
        if _address_score(piece) <= 0:
            continue
        if runs and piece.index - runs[-1][-1].index == 1 and piece.label != "address" \
                and _same_script(runs[-1][-1], piece) \
                and _aligned(runs[-1][-1].line.box, piece.line.box):
            runs[-1].append(piece)
        else:
            runs.append([piece])
    if not runs:
        return None
    best = max(runs, key=lambda run: (
        max(_address_score(p) for p in run) + 0.1 * len(run)
        + (0.3 if any(_HAS_CJK.search(p.text) for p in run) else 0.0)))
    if max(_address_score(p) for p in best) < 0.5:
        return None
    if _HAS_CJK.search(best[0].text):
        text = repairs.repair_cjk_address("".join(_tidy(p.text).strip(" ,") for p in best))
    else:
        text = ", ".join(repairs.repair_latin_address(_tidy(p.text).strip(" ,")) for p in best)
    confidence = min(p.line.confidence for p in best) * min(
        1.0, max(_address_score(p) for p in best))
    return text, best, confidence


def _address_score(piece: Piece) -> float:
    text = _tidy(piece.text)
    if piece.label == "address":
        return 1.0
    if "@" in text or (_company_score(piece) >= 0.9 and not re.search(r"\d", text)):
        return 0.0
    if _HAS_CJK.search(text):
        compact = text.replace(" ", "")
        hits = len(ADDRESS_CJK.findall(compact))
        if hits >= 2 and re.search(r"\d", compact) and len(compact) >= 8:
            return 0.9
        if hits >= 3 and len(compact) >= 8 and not any(t in compact for t in TITLE_CJK):
            return 0.6
        return 0.0
    return _latin_address_score(text)


def _latin_address_score(text: str) -> float:
    score = 0.0
    if _STREET_NUMBER.search(text) and ADDRESS_LATIN.search(text):
        score += 0.8
    if _GERMAN_STREET.search(text):
        score += 0.8
    if _US_STATE_ZIP.search(text) or _UK_POSTCODE.search(text) or _DE_POSTCODE_CITY.search(text):
        score += 0.7
    if ADDRESS_LATIN.search(text) and re.search(r"\d", text):
        score += 0.3
    if re.search(r"\b(?:China|USA|Germany|United Kingdom|UK|Deutschland)\b", text):
        score += 0.2
    return min(1.0, score)


def _looks_like_address_text(text: str) -> bool:
    return _latin_address_score(text) >= 0.8


def _same_script(a: Piece, b: Piece) -> bool:
    return bool(_HAS_CJK.search(a.text)) == bool(_HAS_CJK.search(b.text))


def _aligned(a: Box, b: Box) -> bool:
    """Lines of one address share a left edge, a centre or a right edge, and a size."""
    tolerance = max(a.height, b.height) * 1.5
    same_edge = (abs(a.left - b.left) < tolerance or abs(a.right - b.right) < tolerance
                 or abs((a.left + a.right) - (b.left + b.right)) / 2 < tolerance)
    return same_edge and b.top - a.bottom < 2.5 * max(a.height, b.height) \
        and 0.6 < a.height / max(1, b.height) < 1.6


# --- helpers ---------------------------------------------------------------------------


def _plausible_text(piece: Piece) -> bool:
    """Drop OCR garbage: mostly symbols, or too short to mean anything."""
    text = _tidy(piece.text)
    meaningful = sum(1 for ch in text if ch.isalnum())
    if meaningful < 2 or meaningful < 0.6 * len(text.replace(" ", "")):
        return False
    return piece.line.confidence >= 0.35


#: A contact icon (phone, envelope, pin) read as one stray symbol or letter before the
#: text: "© www.example.com", "% Hauptstraße 1", "q Miami, FL", "0 +49 …".
_ICON = re.compile(r"^(?:[^\w\s(+\u3400-\u9fff]{1,2}|[a-z]|0(?=\s+[+\d]))\s+(?=\S)")


def _clean(text: str) -> str:
    text = _ICON.sub("", unicodedata.normalize("NFKC", text).strip())
    text = text.replace("|", " ").replace("，", ",") if not _HAS_CJK.search(text) \
        else text.replace("|", " ")
    return re.sub(r"\s+", " ", text).strip(" -_~=*·•")


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:-_~=*·•/\\")
    # Chinese text carries no spaces between characters.
    return re.sub(f"(?<=[{CJK}]) (?=[{CJK}])", "", text)


def _card(lines: Sequence[OcrLine], state: _State,
          chosen: dict[str, tuple[str, list[Piece], float]]) -> CardFields:
    confidence: dict[str, float] = {}
    boxes: dict[str, tuple[Box, ...]] = {}
    for key, (_, pieces, conf) in chosen.items():
        confidence[key] = round(max(0.0, min(1.0, conf)), 3)
        boxes[key] = tuple(p.line.box for p in pieces)
    if state.emails:
        confidence["emails"] = round(min(p.line.confidence for _, p in state.emails), 3)
        boxes["emails"] = tuple(p.line.box for _, p in state.emails)
    if state.phones:
        confidence["phones"] = round(min(p.line.confidence for _, _, p in state.phones), 3)
        boxes["phones"] = tuple(p.line.box for _, _, p in state.phones)
    website = None
    if state.website:
        website = state.website[0]
        confidence["website"] = round(state.website[1].line.confidence, 3)
        boxes["website"] = (state.website[1].line.box,)
    return CardFields(
        name=chosen["name"][0] if "name" in chosen else None,
        title=chosen["title"][0] if "title" in chosen else None,
        company=chosen["company"][0] if "company" in chosen else None,
        department=chosen["department"][0] if "department" in chosen else None,
        phones=tuple(n for n, _, _ in state.phones),
        phone_kinds=tuple(k for _, k, _ in state.phones),
        emails=tuple(e for e, _ in state.emails),
        website=website,
        address=chosen["address"][0] if "address" in chosen else None,
        confidence=confidence,
        boxes=boxes,
        lines=tuple(line.text for line in lines),
    )
