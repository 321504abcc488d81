"""Repairs of OCR confusions in card text, each only where the context makes it unambiguous.

Tesseract's typical slips on cards: "l" read as "i" in "Blvd", "1" as "t"/"l"/"I" in
"1st Road", "Ltd." read as "Lid."/"Lad."/"Lod.", a stray glyph (an icon, a speck) read as
a Chinese character before the province that starts an address, and the dot before an
e-mail's top-level domain lost ("zhongkecn"). Pure string functions; they never raise.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

CJK = r"\u3400-\u9fff\uf900-\ufaff"

# --- Latin addresses ---------------------------------------------------------------------

_STREET_WORDS = r"(?:Road|Rd|Street|St|Avenue|Ave|Floor|Fl|Lane|Ln|Drive|Dr|Ring|Way)\b"
_ADDRESS_FIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    # "Bivd" / "B1vd" / "BIvd": no English word is spelt so; it can only be "Blvd".
    (re.compile(r"\bB[i1I|]vd\b"), "Blvd"),
    # Ordinals before a street word: "tst Road", "lst Floor", "Ist Ave" -> "1st".
    (re.compile(r"\b[tlI|]st(?=\s+" + _STREET_WORDS + ")"), "1st"),
    (re.compile(r"\b[Zz]nd(?=\s+" + _STREET_WORDS + ")"), "2nd"),
    # "Ste" / "Suite" with the number's "1" read as "l" or "I": "Ste l06" -> "Ste 106".
    (re.compile(r"\b(?P<w>Ste|Suite|Room|Unit|No)\.?\s+(?P<n>[lI|O\d]{2,5})\b"), ""),
)


def repair_latin_address(text: str) -> str:
    """Fix letters misread in a Latin address line."""
    for pattern, replacement in _ADDRESS_FIXES:
        if replacement:
            text = pattern.sub(replacement, text)
        else:
            text = pattern.sub(_fix_unit_number, text)
    return text


def _fix_unit_number(match: re.Match[str]) -> str:
    number = match.group("n")
    if not any(ch.isdigit() for ch in number):
        return match.group()  # "Unit IO" may be a unit's letters; leave it
    fixed = number.translate(str.maketrans("lI|O", "1110"))
    return match.group().replace(number, fixed)


# --- Chinese addresses -------------------------------------------------------------------

#: Province-level divisions, the way a Chinese postal address starts.
PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州",
    "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港",
    "澳门",
)
_PROVINCE_START = re.compile(
    f"^(?P<junk>[{CJK}]{{1,2}})(?=(?:{'|'.join(PROVINCES)})(?:省|市|自治区|特别行政区)?)"
)


def repair_cjk_address(text: str) -> str:
    """Repair the administrative divisions an address starts with, then drop one or
    two stray characters before the province ("他广东省广州市…" -> "广东省广州市…");
    "中国" (the country) is kept. See :func:`repair_divisions`."""
    text = repair_road_before_number(repair_divisions(text))
    match = _PROVINCE_START.match(text)
    if match is None:
        return text
    junk = match.group("junk")
    if junk.endswith("国"):
        return text  # "中国广东省…": the country, printed
    return text[len(junk):]


#: Glyphs Tesseract reads for 路 (road) on small, blurred print (their left halves 正,
#: 田 and 贝 blur into 足). None of them ends a road name right before a house number.
_ROAD_LOOKALIKES = "政略赂"
_ROAD_BEFORE_NUMBER = re.compile(f"(?<=[{CJK}])[{_ROAD_LOOKALIKES}](?=\\d{{1,5}}号)")


def repair_road_before_number(text: str) -> str:
    """"珠江东政188号" -> "珠江东路188号": the glyph between a road's name and its house
    number ("…188号") is the road word; a look-alike of 路 there can only be 路."""
    return _ROAD_BEFORE_NUMBER.sub("路", text)


@dataclass(frozen=True, slots=True)
class _City:
    province: str
    districts: frozenset[str]


#: How far into an address its city may start ("中国广东省" is the longest lead-in).
_CITY_WITHIN = 10
_DISTRICT = re.compile(f"^[{CJK}]{{1,4}}?(?:新区|区|县)")


@functools.cache
def _cities() -> dict[str, _City]:
    """City -> its province and districts, from ``cn_places.txt`` beside this module."""
    cities: dict[str, _City] = {}
    source = Path(__file__).with_name("cn_places.txt")
    try:
        text = source.read_text(encoding="utf-8")
    except OSError:
        # A build that left the list out still scans; it only repairs less.
        log.warning("%s is missing: Chinese districts are not repaired", source)
        return cities
    for raw in text.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        province, city, *rest = raw.split("|")
        districts = frozenset(rest[0].split()) if rest else frozenset()
        cities[city] = _City(province, districts)
    return cities


def repair_divisions(text: str) -> str:
    """Fix one misread glyph in the province or the district of a Chinese address,
    using the city as the anchor: the city tells which province it lies in and which
    districts it has ("太产东省广州市番遇区…" -> "太广东省广州市番禺区…").

    A glyph is replaced only when exactly one known name of the same length differs
    from the text in that one glyph; unknown cities and districts are left alone.
    """
    cities = _cities()
    found = [(text.find(name), name) for name in cities if 0 <= text.find(name) <= _CITY_WITHIN]
    if not found:
        return text
    position, name = min(found, key=lambda item: (item[0], -len(item[1])))
    city = cities[name]
    head, tail = text[:position], text[position + len(name):]
    if city.province != name:
        head = _fix_suffix(head, city.province)
    match = _DISTRICT.match(tail)
    if match and city.districts and match.group() not in city.districts:
        fixed = _one_glyph_off(match.group(), city.districts)
        if fixed:
            tail = fixed + tail[match.end():]
    return head + name + tail


def _fix_suffix(head: str, province: str) -> str:
    """Replace the end of ``head`` with ``province`` when it is that name with one
    glyph misread ("产东省" for "广东省")."""
    if head.endswith(province) or not head.endswith(province[-1]):
        return head
    end = head[-len(province):]
    if len(end) == len(province) and _one_glyph_off(end, (province,)):
        return head[: -len(province)] + province
    return head


def _one_glyph_off(text: str, names: Iterable[str]) -> str | None:
    """The only name in ``names`` as long as ``text`` and differing in one glyph."""
    close = [n for n in names
             if len(n) == len(text) and sum(a != b for a, b in zip(n, text, strict=True)) == 1]
    return close[0] if len(close) == 1 else None


# --- company legal forms -----------------------------------------------------------------

_CO_LTD = re.compile(
    r"\b(?:Co|C0|Ca|Go)(?P<sep>\s*[.,]{1,2}\s*|\s+)"
    r"(?:Ltd|Lid|Lld|Itd|ltd|Lad|Lod|L1d|Lta|Ltcl)\b(?=\.?\s*$)"
)
_INC = re.compile(r"(?<=\s)(?:lnc|1nc|[|]nc)\b(?=\.?\s*$)")
_GMBH = re.compile(r"\b(?:Gmbh|GmBH|GrnbH|Grnbh|GmbN)\b(?=\s*$|\s*&)")


#: "…份有限公司" is only ever "…股份有限公司" (a company limited by shares); the 股
#: before it is read as 贤, 殷 or 段 on blurred print.
_GUFEN = re.compile(f"[{CJK}](?<!股)(?=份有限公司\\s*$)")


def repair_company(text: str) -> str:
    """Fix a legal form misread at the end of a Latin company name, keeping the
    punctuation as printed: "Kairui Optoelectronics Co. Lad." -> "… Co. Ltd.",
    "Acme lnc." -> "Acme Inc."; and the Chinese "贤份有限公司" -> "股份有限公司"."""
    text = _GUFEN.sub("股", text)
    text = _CO_LTD.sub(lambda m: f"Co{m.group('sep')}Ltd", text)
    text = _INC.sub("Inc", text)
    return _GMBH.sub("GmbH", text)


# --- e-mail ------------------------------------------------------------------------------

_TLDS = ("com", "net", "org", "cn", "de", "uk", "io", "edu", "gov", "biz", "info")
_EMAIL_NO_DOT = re.compile(
    r"(?P<local>[A-Za-z0-9._%+\-]+)@(?P<domain>[A-Za-z0-9\-]{2,}?)(?P<tld>"
    + "|".join(_TLDS) + r")(?![A-Za-z0-9.\-])"
)


_SPACED_TLD = re.compile(
    r"(?<=@)(?P<domain>[A-Za-z0-9\-]{2,})\s(?P<tld>"
    + "|".join(_TLDS) + r")(?![A-Za-z0-9\-])"
)
_SPACED_LOCAL = re.compile(r"^(?P<a>[A-Za-z0-9_%+\-]+)\s(?P<b>[A-Za-z0-9._%+\-]+@\S+)$")


def join_spaced_local_part(text: str) -> str:
    """In a piece labelled as an e-mail, "wang yan@example.cn" is "wang.yan@…": no
    address has a space, and the dot is the glyph OCR drops most (an underscore is
    kept as "_" or read as a space as well, but far less often)."""
    return _SPACED_LOCAL.sub(lambda m: f"{m.group('a')}.{m.group('b')}", text.strip())


#: What a blurred "www." in front of a host reads as: "wenc", "wwwc", "ww.", "vww".
_WWW_LIKE = re.compile(r"[wv][a-z.]{1,4}")


def repair_site_host(url: str, mail_domains: Iterable[str]) -> str:
    """A website read as a garbled "www." glued to the card's mail domain with at most
    one glyph wrong ("wenckairui.com", "wwwchairui.com" beside "…@kairui.com") is
    "www." + that domain: a card's site and mail almost always share the domain, and
    the glued prefix shows where the lost dot was."""
    host = re.sub(r"(?i)^https?://", "", url).split("/")[0].lower()
    for domain in mail_domains:
        if host == domain or host.endswith("." + domain):
            return url
        head, tail = host[: -len(domain)], host[-len(domain):]
        if len(host) > len(domain) and _WWW_LIKE.fullmatch(head) \
                and sum(a != b for a, b in zip(tail, domain, strict=True)) <= 1:
            return f"www.{domain}"
    return url


def repair_email_local(email: str, names: Iterable[str]) -> str:
    """Drop one stray glyph at either end of an e-mail's local part when what is left
    is the card holder's Latin name in a usual mail form and the whole is not
    ("ceric.zhu@…" beside "Eric Zhu" -> "eric.zhu@…"): the envelope icon before an
    address is often read as a letter glued to it."""
    local, at, domain = email.partition("@")
    forms = _name_forms(names)
    if not at or not forms or local in forms or len(local) < 3:
        return email
    trimmed = {local[1:], local[:-1]} & forms
    return f"{trimmed.pop()}@{domain}" if len(trimmed) == 1 else email


def _name_forms(names: Iterable[str]) -> set[str]:
    """Local parts a name is usually written as: "eric.zhu", "zhu.eric", "eric_zhu",
    "ericzhu" ... (given and family name in either order)."""
    forms: set[str] = set()
    for name in names:
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
        if len(words) < 2:
            continue
        for a, b in ((words[0], words[-1]), (words[-1], words[0])):
            forms.update(f"{a}{sep}{b}" for sep in (".", "_", "-", ""))
    return forms


def repair_email_domain(text: str) -> str:
    """Put back the dot before the top-level domain when the domain has none at all
    ("eric.zhu@zhongkecn" -> "eric.zhu@zhongke.cn"), or a space in its place
    ("@zhongke cn"): a mail domain always has one."""
    text = _SPACED_TLD.sub(lambda m: f"{m.group('domain')}.{m.group('tld')}", text)
    return _EMAIL_NO_DOT.sub(
        lambda m: f"{m.group('local')}@{m.group('domain')}.{m.group('tld')}", text
    )
