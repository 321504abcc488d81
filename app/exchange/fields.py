"""What can be imported and exported: the fields of each entity, the column headings we
recognise for them (English and Chinese), and dropdown values written as words.

A sheet from Excel says "软件" or "Software" where the database keeps ``software``; the
dropdown columns accept the code, the English label or the Chinese label, in any case and
width. Anything else is a ``not_in_list`` error on that row, as in the services.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.enums import ContactSource, CustomerLevel, Industry, Lifecycle, Region, Source, Stage


@dataclass(frozen=True)
class FieldSpec:
    key: str
    heading: str  # the English heading export writes (and import recognises)
    required: bool = False
    synonyms: tuple[str, ...] = ()


CUSTOMER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("full_name", "Company", True,
              ("full name", "company name", "customer", "customer name", "name", "客户名称",
               "公司名称", "公司", "客户", "企业名称", "工商注册全称", "全称")),
    FieldSpec("short_name", "Short name", False, ("short", "简称", "客户简称", "公司简称")),
    FieldSpec("industry", "Industry", True, ("行业", "所属行业")),
    FieldSpec("region", "Region", True, ("area", "区域", "地区", "大区")),
    FieldSpec("level", "Level", False, ("customer level", "客户级别", "级别", "客户等级")),
    FieldSpec("source", "Source", False, ("lead source", "来源", "客户来源")),
    FieldSpec("phone", "Phone", False, ("telephone", "tel", "电话", "公司电话", "座机", "总机")),
    FieldSpec("website", "Website", False, ("web", "url", "网址", "网站", "官网")),
    FieldSpec("uscc", "USCC", False, ("unified social credit code", "credit code",
                                      "统一社会信用代码", "信用代码", "税号")),
    FieldSpec("address", "Address", False, ("地址", "公司地址", "详细地址")),
    FieldSpec("notes", "Notes", False, ("note", "remarks", "备注", "说明")),
)

CONTACT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("company", "Company", True,
              ("customer", "company name", "客户名称", "公司名称", "公司", "客户", "单位")),
    FieldSpec("name", "Name", True, ("contact", "contact name", "full name", "姓名",
                                     "联系人", "联系人姓名")),
    FieldSpec("title", "Title", False, ("job title", "position", "职务", "职位", "头衔")),
    FieldSpec("department", "Department", False, ("dept", "部门")),
    FieldSpec("mobile", "Mobile", False, ("cell", "mobile phone", "手机", "手机号",
                                          "手机号码", "移动电话")),
    FieldSpec("office_phone", "Office phone", False, ("phone", "telephone", "tel", "电话",
                                                      "办公电话", "座机")),
    FieldSpec("email", "Email", False, ("e-mail", "mail", "邮箱", "电子邮件", "电子邮箱")),
    FieldSpec("wechat_id", "WeChat", False, ("wechat id", "weixin", "微信", "微信号")),
    FieldSpec("notes", "Notes", False, ("note", "remarks", "备注")),
)

# The server's catalog (validated by app.exchange.products, on the laptop and on the server).
PRODUCT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("sku", "SKU", True, ("item code", "product code", "part number", "item no",
                                   "编码", "产品编码", "物料编码", "货号", "料号", "型号")),
    FieldSpec("name", "Name", True, ("product", "product name", "english name", "name en",
                                     "产品名称", "名称", "品名", "英文名称", "产品")),
    FieldSpec("name_zh", "Chinese name", False, ("name zh", "中文名称", "中文名", "中文品名")),
    FieldSpec("category", "Category", False, ("类别", "分类", "产品类别", "产品分类")),
    FieldSpec("unit", "Unit", False, ("uom", "unit of measure", "单位", "计量单位")),
    FieldSpec("currency", "Currency", False, ("币种", "货币")),
    FieldSpec("list_price", "List price", True, ("price", "unit price", "标准价", "价格",
                                                 "单价", "定价", "标价", "目录价")),
    FieldSpec("tax_rate", "Tax rate", False, ("tax", "vat", "vat rate", "税率")),
    FieldSpec("tier_mode", "Tier mode", False, ("tier type", "阶梯方式", "阶梯类型")),
    FieldSpec("tiers", "Tiers", False, ("price tiers", "volume prices", "阶梯价", "阶梯价格",
                                        "数量折扣")),
    FieldSpec("active", "Active", False, ("enabled", "status", "启用", "是否启用", "状态")),
    FieldSpec("description", "Description", False, ("描述", "产品描述", "说明")),
)

ENTITY_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "customers": CUSTOMER_FIELDS,
    "contacts": CONTACT_FIELDS,
    "products": PRODUCT_FIELDS,
}


def fold(text: str) -> str:
    """Compare headings and values without case, width or spacing differences."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def guess_mapping(headers: Sequence[str], entity: str) -> dict[int, str]:
    """Column index → field key, for the headings we recognise (each field used once)."""
    specs = ENTITY_FIELDS[entity]
    names = {fold(s.key): s.key for s in specs}
    for spec in specs:
        for word in (spec.heading, *spec.synonyms):
            names.setdefault(fold(word), spec.key)
    mapping: dict[int, str] = {}
    for index, heading in enumerate(headers):
        key = names.get(fold(heading))
        if key is not None and key not in mapping.values():
            mapping[index] = key
    return mapping


# -- dropdown values -------------------------------------------------------------------------

_ZH: dict[str, str] = {
    # industries
    "制造": "manufacturing", "制造业": "manufacturing", "电子": "electronics",
    "软件": "software", "软件业": "software", "零售": "retail", "物流": "logistics",
    "医疗": "healthcare", "医疗健康": "healthcare", "金融": "finance", "教育": "education",
    "能源": "energy", "建筑": "construction", "汽车": "automotive", "食品": "food",
    "其他": "other",
    # regions
    "华北": "north_china", "华东": "east_china", "华南": "south_china",
    "华中": "central_china", "西南": "southwest_china", "西北": "northwest_china",
    "东北": "northeast_china", "北美": "north_america", "欧洲": "europe", "亚太": "apac",
    # levels
    "战略": "strategic", "战略客户": "strategic", "重点": "key", "重点客户": "key",
    "普通": "normal", "普通客户": "normal",
    # sources
    "展会": "trade_show", "转介绍": "referral", "介绍": "referral", "官网": "website",
    "网站": "website", "陌拜": "cold_call", "电话陌拜": "cold_call", "名片": "card_scan",
    "名片扫描": "card_scan", "导入": "import", "手工": "manual", "手动录入": "manual",
    # lifecycle
    "潜在": "prospect", "意向": "interested", "成交": "customer", "忠诚": "loyal",
    "沉睡": "dormant",
    # stages
    "潜在客户": "prospect", "意向客户": "qualified", "方案/报价": "proposal",
    "方案报价": "proposal", "商务谈判": "negotiation", "赢单": "won", "输单": "lost",
}


def _choices(enum: type[StrEnum]) -> dict[str, str]:
    table: dict[str, str] = {}
    for member in enum:
        table[fold(member.value)] = member.value
        table[fold(member.value.replace("_", " "))] = member.value
    codes = {m.value for m in enum}
    for word, code in _ZH.items():
        if code in codes:
            table.setdefault(fold(word), code)
    return table


CHOICES: dict[str, dict[str, str]] = {
    "industry": _choices(Industry),
    "region": _choices(Region),
    "level": _choices(CustomerLevel),
    "source": _choices(Source),
    "lifecycle": _choices(Lifecycle),
    "stage": _choices(Stage),
    "contact_source": _choices(ContactSource),
}


def choice(kind: str, text: str) -> str:
    """The code for a dropdown value written as code or label; the text itself when unknown
    (the service's validation then reports ``not_in_list`` with the value)."""
    return CHOICES[kind].get(fold(text), text)
