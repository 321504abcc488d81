"""Repairs that use one field of a card to fix another (mail local part from the Latin
name, website from the mail domain), the road glyph before a house number, the Chinese
legal form, and the raw-line retry of a blank web line. Synthetic lines, rendered lines."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ocr.card_parser import parse_lines
from ocr.engine import _reread_blank_web_lines, read_lines
from ocr.fields import Box, OcrLine
from ocr.layout import find_segments
from ocr.repairs import (
    repair_cjk_address,
    repair_company,
    repair_email_local,
    repair_road_before_number,
    repair_site_host,
)
from tests.ocr.conftest import FONT


def _lines(*texts: str, name_index: int = 0) -> list[OcrLine]:
    return [
        OcrLine(text, Box(50, 40 + 50 * i, 400, 60 if i == name_index else 30),
                60.0 if i == name_index else 30.0, 0.9)
        for i, text in enumerate(texts)
    ]


# --- mail local part from the holder's Latin name ----------------------------------------


def test_stray_glyph_glued_to_the_local_part_is_dropped() -> None:
    assert repair_email_local("ceric.zhu@zhongke.cn", ["Eric Zhu"]) == "eric.zhu@zhongke.cn"
    assert repair_email_local("zhu.ericx@zhongke.cn", ["Eric Zhu"]) == "zhu.eric@zhongke.cn"
    assert repair_email_local("xjane_doe@acme.com", ["Jane Doe"]) == "jane_doe@acme.com"


def test_local_part_not_a_stray_glyph_from_the_name_is_kept() -> None:
    # Already the name, or not the name at all, or no name on the card: left as read.
    assert repair_email_local("eric.zhu@zhongke.cn", ["Eric Zhu"]) == "eric.zhu@zhongke.cn"
    assert repair_email_local("sales@zhongke.cn", ["Eric Zhu"]) == "sales@zhongke.cn"
    assert repair_email_local("ceric.zhu@zhongke.cn", []) == "ceric.zhu@zhongke.cn"
    # Two glyphs off is no longer "one stray glyph".
    assert repair_email_local("cceric.zhu@zhongke.cn", ["Eric Zhu"]) == "cceric.zhu@zhongke.cn"


def test_parser_repairs_the_mail_from_the_latin_name_line() -> None:
    fields = parse_lines(_lines("朱燕", "Eric Zhu", "董事长", "© ceric. zhu@zhongke cn"))
    assert fields.emails == ("eric.zhu@zhongke.cn",)


# --- website from the mail domain --------------------------------------------------------


def test_garbled_www_glued_to_the_mail_domain() -> None:
    assert repair_site_host("wenckairui.com", ["kairui.com"]) == "www.kairui.com"
    assert repair_site_host("wwwchairui.com", ["kairui.com"]) == "www.kairui.com"


def test_other_sites_are_left_alone() -> None:
    assert repair_site_host("www.kairui.com", ["kairui.com"]) == "www.kairui.com"
    assert repair_site_host("shop.kairui.com", ["kairui.com"]) == "shop.kairui.com"
    assert repair_site_host("example.com", ["kairui.com"]) == "example.com"
    assert repair_site_host("wenckairui.com", []) == "wenckairui.com"
    # Two glyphs off the mail domain: not the same domain for sure.
    assert repair_site_host("wwwchoirui.com", ["kairui.com"]) == "wwwchoirui.com"


def test_parser_repairs_the_website_from_the_mail() -> None:
    fields = parse_lines(_lines("邓晓国", "E: xiaoguod@kairui.com", "(WE wenckairui.com:"))
    assert fields.website == "www.kairui.com"
    assert fields.emails == ("xiaoguod@kairui.com",)


# --- Chinese addresses and legal forms ---------------------------------------------------


def test_look_alike_of_road_before_a_house_number() -> None:
    assert repair_road_before_number("珠江东政188号科技大厦14层") == "珠江东路188号科技大厦14层"
    assert repair_cjk_address("他广东省广州市天河区珠江东政188号") == \
        "广东省广州市天河区珠江东路188号"
    # Not before a house number: a real name ("行政中心"), or no number after it.
    assert repair_road_before_number("行政中心8楼") == "行政中心8楼"
    assert repair_road_before_number("市政大道12号") == "市政大道12号"


def test_share_company_legal_form() -> None:
    assert repair_company("赢开机械设备(广州)贤份有限公司") == "赢开机械设备(广州)股份有限公司"
    assert repair_company("凯瑞机械股份有限公司") == "凯瑞机械股份有限公司"
    assert repair_company("杭州凯瑞光电有限公司") == "杭州凯瑞光电有限公司"


# --- the raw-line retry of a segment read as nothing -------------------------------------


def _rendered(text: str) -> tuple[np.ndarray, Box]:
    image = Image.new("L", (1400, 160), 255)
    ImageDraw.Draw(image).text((60, 50), text, fill=30, font=ImageFont.truetype(str(FONT), 44))
    gray = np.asarray(image, dtype=np.uint8)
    boxes = find_segments(gray)
    return gray, Box(min(b.left for b in boxes), min(b.top for b in boxes),
                     max(b.right for b in boxes) - min(b.left for b in boxes),
                     max(b.bottom for b in boxes) - min(b.top for b in boxes))


def test_blank_web_line_is_read_again_as_a_raw_line() -> None:
    gray, box = _rendered("W: www.example.com")
    lines: list[OcrLine | None] = [None]
    _reread_blank_web_lines(gray, [box], lines, "eng")
    assert lines[0] is not None
    assert "example.com" in lines[0].text


def test_raw_line_retry_keeps_only_address_shaped_text() -> None:
    gray, box = _rendered("Regional Sales Manager")
    lines: list[OcrLine | None] = [None]
    _reread_blank_web_lines(gray, [box], lines, "eng")
    assert lines == [None]
    # A segment with no line's shape (an icon, a logo) is not read again at all.
    gray, box = _rendered("www.example.com")
    square = Box(box.left, box.top, box.height, box.height)
    _reread_blank_web_lines(gray, [square], lines, "eng")
    assert lines == [None]


def test_tesseract_reads_a_bmp_copy_and_leaves_the_callers_image_alone() -> None:
    image = Image.new("L", (900, 140), 255)
    ImageDraw.Draw(image).text((40, 40), "Regional Sales Manager", fill=30,
                               font=ImageFont.truetype(str(FONT), 44))
    assert [line.text for line in read_lines(image, "eng", psm=7)] == ["Regional Sales Manager"]
    assert image.format is None
