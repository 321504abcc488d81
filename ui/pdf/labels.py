"""Fixed wording of the quote PDF in each document language.

Not Qt's ``tr()``: the PDF's language is chosen per quote (the client's language), not by the
rep's UI language, so both tables must be available in any session.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.quote_document import Language

__all__ = ["LABELS", "Labels"]


@dataclass(frozen=True, slots=True)
class Labels:
    """Every fixed string the quote PDF prints; ``{}`` fields are filled with ``format``."""

    locale: str
    title: str
    quote_number: str
    issue_date: str
    valid_until: str
    prepared_by: str
    client: str
    attention: str
    tax_id: str
    phone: str
    email: str
    col_position: str
    col_sku: str
    col_description: str
    col_quantity: str
    col_unit: str
    col_unit_price: str
    col_discount: str
    col_tax: str
    col_amount: str
    graduated: str
    subtotal: str
    discount: str
    net_total: str
    tax: str
    grand_total: str
    validity: str
    terms: str
    notes: str
    page: str
    continued: str
    amounts_in: str


LABELS: dict[Language, Labels] = {
    "en": Labels(
        locale="en_US",
        title="QUOTATION",
        quote_number="Quote no.",
        issue_date="Date",
        valid_until="Valid until",
        prepared_by="Prepared by",
        client="Client",
        attention="Attn.",
        tax_id="Tax ID",
        phone="Tel.",
        email="Email",
        col_position="#",
        col_sku="SKU",
        col_description="Description",
        col_quantity="Qty",
        col_unit="Unit",
        col_unit_price="Unit price",
        col_discount="Discount",
        col_tax="Tax",
        col_amount="Amount",
        graduated="Graduated pricing: average unit price",
        subtotal="Subtotal",
        discount="Discount",
        net_total="Net amount",
        tax="Tax",
        grand_total="Total",
        validity="This quotation is valid until {date}.",
        terms="Terms and conditions",
        notes="Notes",
        page="Page {page} of {pages}",
        continued="continued",
        amounts_in="Amounts in {currency}, tax shown separately.",
    ),
    "zh": Labels(
        locale="zh_CN",
        title="报价单",
        quote_number="报价编号",
        issue_date="报价日期",
        valid_until="有效期至",
        prepared_by="报价人",
        client="客户",
        attention="联系人",
        tax_id="税号",
        phone="电话",
        email="邮箱",
        col_position="序号",
        col_sku="编码",
        col_description="品名及描述",
        col_quantity="数量",
        col_unit="单位",
        col_unit_price="单价",
        col_discount="折扣",
        col_tax="税率",
        col_amount="金额",
        graduated="阶梯累进价：显示平均单价",
        subtotal="小计",
        discount="折扣",
        net_total="折后金额",
        tax="税额",
        grand_total="合计",
        validity="本报价有效期至 {date}。",
        terms="条款与条件",
        notes="备注",
        page="第 {page} 页，共 {pages} 页",
        continued="续",
        amounts_in="金额单位：{currency}，税额单列。",
    ),
}
