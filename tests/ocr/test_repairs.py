"""OCR confusion repairs and layout rules of the parser, on synthetic text (no Tesseract)."""

from __future__ import annotations

from ocr.card_parser import parse_lines, repair_german, strip_icon_column
from ocr.fields import Box, OcrLine
from ocr.repairs import (
    repair_cjk_address,
    repair_company,
    repair_email_domain,
    repair_latin_address,
)


def _lines(*texts: str, name_index: int = -1) -> list[OcrLine]:
    return [
        OcrLine(text, Box(50, 40 + 50 * i, 400, 60 if i == name_index else 30),
                60.0 if i == name_index else 30.0, 0.9)
        for i, text in enumerate(texts)
    ]


def test_latin_address_letters_read_for_digits() -> None:
    assert repair_latin_address("1493 Spring Bivd., Ste 606") == "1493 Spring Blvd., Ste 606"
    assert repair_latin_address("No. 371 Gaoxin South tst Road") == \
        "No. 371 Gaoxin South 1st Road"
    assert repair_latin_address("lst Floor, Ste l06") == "1st Floor, Ste 106"
    # Only where the context is unambiguous: words and letter-only unit names stay.
    assert repair_latin_address("Unit IO, West Street") == "Unit IO, West Street"
    assert repair_latin_address("The first street") == "The first street"


def test_stray_glyph_before_the_province() -> None:
    assert repair_cjk_address("他广东省广州市天河区珠江东路188号") == \
        "广东省广州市天河区珠江东路188号"
    assert repair_cjk_address("时上海市浦东新区") == "上海市浦东新区"
    # The country in front of the province is printed, not noise.
    assert repair_cjk_address("中国广东省深圳市") == "中国广东省深圳市"
    assert repair_cjk_address("江苏省南京市") == "江苏省南京市"
    assert repair_cjk_address("深圳市南山区") == "深圳市南山区"


def test_chinese_address_repaired_in_the_parser() -> None:
    fields = parse_lines(_lines("朱燕", "他广东省广州市天河区珠江东路188号科技大厦14层",
                                name_index=0))
    assert fields.address == "广东省广州市天河区珠江东路188号科技大厦14层"


def test_legal_forms_misread() -> None:
    assert repair_company("Hangzhou Kairui Optoelectronics Co. Lad.") == \
        "Hangzhou Kairui Optoelectronics Co. Ltd."
    assert repair_company("Guangzhou Kairui Machinery Ca., Lod") == \
        "Guangzhou Kairui Machinery Co., Ltd"
    assert repair_company("Acme Robotics lnc.") == "Acme Robotics Inc."
    assert repair_company("Sterling Biotech Gmbh") == "Sterling Biotech GmbH"
    # Printed forms are left as printed.
    assert repair_company("Shenzhen Dongfang Logistics Co., Ltd.") == \
        "Shenzhen Dongfang Logistics Co., Ltd."
    assert repair_company("Pico Co") == "Pico Co"


def test_company_legal_form_repaired_in_the_parser() -> None:
    fields = parse_lines(_lines("Wang Yan", "Product Manager",
                                "Hangzhou Kairui Optoelectronics Co. Lid.", name_index=0))
    assert fields.company == "Hangzhou Kairui Optoelectronics Co. Ltd."


def test_email_domain_without_its_dot() -> None:
    assert repair_email_domain("eric.zhu@zhongkecn") == "eric.zhu@zhongke.cn"
    assert repair_email_domain("sales@acmecom") == "sales@acme.com"
    # A domain that has a dot is never touched.
    assert repair_email_domain("x@bigcom.net") == "x@bigcom.net"
    assert repair_email_domain("jane@zhongke.com.cn") == "jane@zhongke.com.cn"
    fields = parse_lines(_lines("E: eric. zhu@zhongkecn"))
    assert fields.emails == ("eric.zhu@zhongke.cn",)


def test_icon_column_in_front_of_lines() -> None:
    fields = parse_lines(_lines("Thomas Wagner", "9 Goethestraße 42",
                                "9 60422 Frankfurt am Main", name_index=0))
    assert fields.address == "Goethestraße 42, 60422 Frankfurt am Main"
    # One street number alone is a street number.
    kept = strip_icon_column(_lines("9 Main Street", "Springfield, IL 62701"))
    assert kept[0].text == "9 Main Street"


def test_sharp_s_misread_in_german_streets() -> None:
    assert repair_german("Industriestrafie 66") == "Industriestraße 66"
    assert repair_german("GoethestraBe 42") == "Goethestraße 42"
    assert repair_german("Goethestrake 42") == "Goethestraße 42"
    assert repair_german("IndustriestrafRe 66") == "Industriestraße 66"
    assert repair_german("Hauptstrasse 5") == "Hauptstrasse 5"  # printed so


def test_email_with_a_space_for_a_dot() -> None:
    assert repair_email_domain("eric.zhu@zhongke cn") == "eric.zhu@zhongke.cn"
    # A domain with its dot is complete: what follows is another word.
    assert repair_email_domain("jane@acme.com cn") == "jane@acme.com cn"
    fields = parse_lines(_lines("E-mail: wang yan@kairui-optoel.cn"))
    assert fields.emails == ("wang.yan@kairui-optoel.cn",)
    # Unlabelled text keeps its words apart.
    fields = parse_lines(_lines("Contact sales@acme.com"))
    assert fields.emails == ("sales@acme.com",)


def test_chinese_name_and_title_on_one_line() -> None:
    fields = parse_lines(_lines("东莞市华信环保科技集团有限公司", "马涛静，产品经理",
                                "Mob: 130 1529 0443", name_index=1))
    assert fields.name == "马涛静"
    assert fields.title == "产品经理"


def test_comma_misread_inside_a_labelled_number() -> None:
    fields = parse_lines(_lines("T; +1.305.938.4428", "M: +1.305.349, 7359"))
    assert fields.phones == ("+13059384428", "+13053497359")
    assert fields.phone_kinds[1] == "mobile"
    # Unlabelled, a comma still separates two things.
    fields = parse_lines(_lines("Zip 33154, 7359 units"))
    assert fields.phones == ()
    # Two whole numbers after one label stay two numbers.
    fields = parse_lines(_lines("Tel: +1 415 555 0134, +1 415 555 0199"))
    assert fields.phones == ("+14155550134", "+14155550199")
