"""What Chinese and bilingual cards get wrong, one failure class per test.

Classes seen on photographed cards: a look-alike glyph in a district or province
("番禺区" read as "番遇区", "广东省" as "太产东省"), a glyph misread in one reading of a
line but not in another, a doubtfully read Chinese field whose English twin on a
bilingual card reads cleanly, and boxes for glyphs a font lacks read as "000 0000 0000".
"""

from __future__ import annotations

from ocr import scan_card
from ocr.card_parser import parse_lines
from ocr.engine import join_words, read_card, vote_lines
from ocr.fields import Box, OcrLine, OcrWord
from ocr.phones import repair_country_code
from ocr.preprocess import prepare
from ocr.repairs import repair_cjk_address, repair_divisions
from tests.ocr.conftest import render_card

# --- districts and provinces -------------------------------------------------------------


def test_one_misread_glyph_in_a_district_is_repaired_from_the_city() -> None:
    assert repair_divisions("广东省广州市番遇区珠江东路826号") == "广东省广州市番禺区珠江东路826号"
    assert repair_divisions("四川省成都市武候区益州大道679号") == "四川省成都市武侯区益州大道679号"
    # Municipalities are their own city.
    assert repair_divisions("北京市海定区中关村大街1号") == "北京市海淀区中关村大街1号"


def test_one_misread_glyph_in_the_province_is_repaired_from_the_city() -> None:
    # The city says which province: "产东" could be 广东 or 山东 on its own.
    fixed = repair_cjk_address("太产东省广州市天河区珠江东路188号")
    assert fixed == "广东省广州市天河区珠江东路188号"
    assert repair_cjk_address("中国广东省深圳市南山区科技园") == "中国广东省深圳市南山区科技园"


def test_names_that_are_not_one_glyph_off_are_left_alone() -> None:
    # A former district, a name two glyphs off every district of the city, a city
    # whose districts are not listed.
    assert repair_divisions("浙江省杭州市下城区延安路1号") == "浙江省杭州市下城区延安路1号"
    assert repair_divisions("广东省广州市新塘区1号") == "广东省广州市新塘区1号"
    assert repair_divisions("广东省东莞市松山湖区1号") == "广东省东莞市松山湖区1号"
    # No known city near the start: nothing to anchor a repair on.
    assert repair_divisions("某某路88号科技大厦") == "某某路88号科技大厦"


def test_parser_applies_the_district_repair_to_the_address() -> None:
    fields = parse_lines(_lines("地址:四川省成都市武候区益州大道679号产业园C座8楼"))
    assert fields.address == "四川省成都市武侯区益州大道679号产业园C座8楼"


# --- voting between readings -------------------------------------------------------------


def test_vote_keeps_the_surer_glyph_at_each_position() -> None:
    first = _line([("曹", 0.95), ("十", 0.40)])
    second = _line([("曹", 0.90), ("雨", 0.85)])
    assert vote_lines([first, second]).text == "曹雨"
    assert vote_lines([second, first]).text == "曹雨"
    # Glyphs in multi-character words are compared one by one.
    third = _line([("武候", 0.31), ("区", 0.9)])
    fourth = _line([("武", 0.9), ("侯", 0.7), ("区", 0.9)])
    assert vote_lines([third, fourth]).text == "武侯区"


def test_vote_keeps_the_surer_line_when_lengths_differ() -> None:
    # A bracket read as an extra glyph: positions no longer correspond.
    first = _line([("锦", 0.9), ("程", 0.9), ("(", 0.5), ("成", 0.9), ("都", 0.9)])
    second = _line([("锦", 0.8), ("程", 0.8), ("成", 0.8), ("(", 0.4), ("成", 0.8), ("都", 0.8)])
    assert vote_lines([first, second]).text == first.text


def test_chinese_lines_of_a_rendered_card_read_exactly() -> None:
    """The second look at Chinese lines must not break a clean reading."""
    card = render_card([("锦程光电(成都)有限公司", 40), ("司马思伟", 72),
                        ("四川省成都市武侯区益州大道679号", 32)])
    texts = [line.text for line in read_card(prepare(card).image)]
    assert "锦程光电(成都)有限公司" in texts
    assert "司马思伟" in texts
    assert "四川省成都市武侯区益州大道679号" in texts


# --- bilingual twins ---------------------------------------------------------------------


def test_doubtful_chinese_name_gives_way_to_a_sure_english_twin() -> None:
    lines = [_line([("刘", 0.9), ("看", 0.36)], top=40, height=100),
             _line([("Kevin", 0.96), ("Liu", 0.96)], top=160, height=40),
             _line([("采购经理", 0.94)], top=220, height=40)]
    assert parse_lines(lines).name == "Kevin Liu"


def test_surely_read_chinese_name_is_kept_on_a_bilingual_card() -> None:
    lines = [_line([("刘", 0.9), ("磊", 0.88)], top=40, height=100),
             _line([("Kevin", 0.96), ("Liu", 0.96)], top=160, height=40)]
    assert parse_lines(lines).name == "刘磊"


def test_english_twin_with_a_doubtful_word_does_not_replace_the_chinese() -> None:
    chinese = "浙江省杭州市滨江区江南大道917号"
    lines = [_line([(chinese[:6], 0.9), (chinese[6:8], 0.44), (chinese[8:], 0.9)], top=40),
             _line([("OF,", 0.43), ("No.", 0.95), ("917", 0.95), ("Jiangnan", 0.95),
                    ("Avenue,", 0.95), ("Binjiang", 0.95), ("District,", 0.95),
                    ("Hangzhou,", 0.95), ("China", 0.95)], top=90)]
    assert parse_lines(lines).address == chinese


def test_doubtful_chinese_address_gives_way_to_its_english_twin() -> None:
    lines = [_line([("A:湖北省武汉市东湖高新区", 0.9), ("玫", 0.0), ("喻路98号", 0.9)], top=40),
             _line([("No.", 0.95), ("98", 0.9), ("Luoyu", 0.9), ("Road,", 0.9),
                    ("Wuhan,", 0.9), ("China", 0.9)], top=90)]
    assert parse_lines(lines).address == "No. 98 Luoyu Road, Wuhan, China"


# --- phones ------------------------------------------------------------------------------


def test_placeholder_number_is_not_a_phone() -> None:
    fields = parse_lines(_lines("手机 000 0000 0000", "电话 0755-8888 1234"))
    assert fields.phones == ("+8675588881234",)


def test_country_code_with_one_unreadable_glyph_is_the_cards_own() -> None:
    fields = parse_lines(_lines("中科物流(广州)有限公司", "0 +#6-153-6869-5742"))
    assert fields.phones == ("+8615368695742",)
    # Only when the readable digits agree with the region's code, and only one is lost.
    assert parse_lines(_lines("中科物流(广州)有限公司", "+#9-153-6869-5742")).phones == ()
    assert repair_country_code("+#4 20 7946 0958", "GB") == "+44 20 7946 0958"
    assert repair_country_code("+## 20 7946 0958", "GB") == "+## 20 7946 0958"


def test_chinese_card_with_look_alike_district_end_to_end() -> None:
    """Rendered card through the whole pipeline: labels, full-width colons, the address."""
    card = render_card([("广州市中科生物科技有限公司", 40), ("孙海娜", 72), ("大客户经理", 38),
                        ("手机：153 9410 7600", 32), ("电话：020-3710 8410", 32),
                        ("地址：广东省广州市番禺区珠江东路826号", 32)])
    fields = scan_card(card)
    assert fields.name == "孙海娜"
    assert fields.title == "大客户经理"
    assert fields.company == "广州市中科生物科技有限公司"
    assert fields.phones == ("+8615394107600", "+862037108410")
    assert fields.phone_kinds == ("mobile", "office")
    assert fields.address == "广东省广州市番禺区珠江东路826号"


# --- helpers -----------------------------------------------------------------------------


def _line(words: list[tuple[str, float]], top: int = 40, height: int = 30) -> OcrLine:
    """A line whose words sit side by side, with the given confidences."""
    boxes, left = [], 50
    for text, _ in words:
        width = 20 * len(text)
        boxes.append(Box(left, top, width, height))
        left += width + 10
    ocr_words = tuple(OcrWord(text, box, conf)
                      for (text, conf), box in zip(words, boxes, strict=True))
    text = join_words([text for text, _ in words])
    box = Box(50, top, left - 60, height)
    confidence = sum(conf for _, conf in words) / len(words)
    return OcrLine(text, box, float(height), confidence, ocr_words)


def _lines(*texts: str) -> list[OcrLine]:
    return [OcrLine(text, Box(50, 40 + 50 * i, 400, 30), 30.0, 0.9)
            for i, text in enumerate(texts)]
