"""The parser on its own: OCR lines in, fields out (no Tesseract)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ocr.card_parser import parse_lines, repair_german
from ocr.fields import Box, OcrLine
from ocr.phones import guess_region, repair


def _lines(*texts: str, name_index: int = -1) -> list[OcrLine]:
    return [
        OcrLine(text, Box(50, 40 + 50 * i, 400, 60 if i == name_index else 30),
                60.0 if i == name_index else 30.0, 0.9)
        for i, text in enumerate(texts)
    ]


def test_ocr_confusions_in_phone_numbers_are_repaired() -> None:
    assert repair("Tel: +1 (4l5) 555-O134") == "Tel: +1 (415) 555-0134"
    # Words keep their letters: only runs with six digits or more are touched.
    assert repair("Suite IOB") == "Suite IOB"
    fields = parse_lines(_lines("Tel: +1 (4l5) 555-O134"))
    assert fields.phones == ("+14155550134",)


def test_email_written_with_at() -> None:
    fields = parse_lines(_lines("E: jane.doe at acme.com"))
    assert fields.emails == ("jane.doe@acme.com",)


def test_lost_at_sign_restored_from_the_website() -> None:
    fields = parse_lines(_lines("Email: janedoeacme.com", "www.acme.com"))
    assert fields.emails == ("janedoe@acme.com",)
    assert fields.website == "www.acme.com"


def test_region_cues() -> None:
    assert guess_region(["王伟", "138 0013 8000"]) == "CN"
    assert guess_region(["+44 (0)20 7946 0958"]) == "GB"
    assert guess_region(["Lindenallee 36, 20466 Hamburg, Germany"]) == "DE"
    assert guess_region(["(415) 555-0134"]) == "US"


def test_layout_prefers_the_largest_text_as_name() -> None:
    fields = parse_lines(_lines("Acme Labs LLC", "Maria Lopez", "Customer Success Manager",
                                name_index=1))
    assert fields.name == "Maria Lopez"
    assert fields.title == "Customer Success Manager"
    assert fields.company == "Acme Labs LLC"


def test_qq_and_wechat_are_not_phones() -> None:
    fields = parse_lines(_lines("QQ: 33455214", "微信: sunpeng25", "手机: 13800138000"))
    assert fields.phones == ("+8613800138000",)


def test_department_and_logo_text() -> None:
    fields = parse_lines(_lines("金鹏", "宁波金鹏信息技术有限公司", "采购部", "徐瑞国", "商务经理",
                                name_index=3))
    assert fields.name == "徐瑞国"
    assert fields.department == "采购部"
    assert fields.company == "宁波金鹏信息技术有限公司"


_line_text = st.text(
    alphabet=st.sampled_from(list("abcXYZ019 .@:+-()/|,经理公司有限号路@©OIlSB手机Tel")),
    max_size=40,
) | st.text(max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_line_text, st.floats(1, 300), st.floats(0, 1)), max_size=14))
def test_parser_never_crashes(rows: list[tuple[str, float, float]]) -> None:
    lines = [OcrLine(text, Box(0, 40 * i, 300, round(h)), h, conf)
             for i, (text, h, conf) in enumerate(rows)]
    fields = parse_lines(lines)
    assert len(fields.phones) == len(fields.phone_kinds)
    assert all(0.0 <= v <= 1.0 for v in fields.confidence.values())


def test_german_letters_misread_by_the_english_model() -> None:
    fields = parse_lines(_lines("Jiirgen Hoffmann", "Mobile: +49 171 19842085",
                                "Am Sandtorkai 42", "81769 Miinchen", name_index=0))
    assert fields.name == "Jürgen Hoffmann"
    assert fields.address == "Am Sandtorkai 42, 81769 München"
    assert repair_german("GoethestraRe 42") == "Goethestraße 42"
    assert repair_german("Industriestrafe 66") == "Industriestraße 66"


def test_ii_is_left_alone_outside_germany() -> None:
    fields = parse_lines(_lines("Skiing Gear Inc.", "Tel: (415) 555-0134"))
    assert fields.company == "Skiing Gear Inc."


def test_contact_icons_read_as_stray_symbols() -> None:
    fields = parse_lines(_lines("Atlas Technologies GmbH", "© www.atlas.de",
                                "% Goethestrasse 42", "q 60422 Frankfurt am Main"))
    assert fields.website == "www.atlas.de"
    assert fields.address == "Goethestrasse 42, 60422 Frankfurt am Main"


def test_chinese_unit_with_a_job_word_is_a_department() -> None:
    fields = parse_lines(_lines("武汉东方贸易股份有限公司", "罗洋静", "华南区销售中心",
                                "手机175-6721-2415", name_index=1))
    assert fields.department == "华南区销售中心"
    assert fields.title is None


def test_a_title_is_never_the_name() -> None:
    fields = parse_lines(_lines("总经理", "北京远景光电有限公司", "手机: 188-5846-9565",
                                name_index=0))
    assert fields.name is None
    assert fields.title == "总经理"


def test_region_from_the_numbers_when_the_words_give_none() -> None:
    assert guess_region(["Tel: (0755) 3710 8410", "Mobile: 138-9970-4827"]) == "CN"
    # One stray CJK glyph (an icon misread) is not Chinese text.
    assert guess_region(["全 (415) 555-0134"]) == "US"


def test_us_zip_printed_against_the_state() -> None:
    fields = parse_lines(_lines("5780 Harbor Street, Ste 969", "San Francisco, CA94115"))
    assert fields.address == "5780 Harbor Street, Ste 969, San Francisco, CA94115"
