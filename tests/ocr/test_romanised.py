"""Chinese names and trade names checked against the card's romanised mail and web
addresses (ocr.romanised), with the glyph images judged against drawn characters
(ocr.glyphs). Made-up OCR lines over lines drawn with Pillow."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ocr import romanised
from ocr.fields import Box, CardFields, OcrLine, OcrWord
from ocr.hanzi_index import INDEX_FILE, build_index
from ocr.romanised import (
    Suspect,
    company_suspects,
    domain_tokens,
    name_suspects,
    name_tokens,
    repair_card,
    repair_name,
)
from tests.ocr.conftest import FONT

# --- spelling ----------------------------------------------------------------------------


def test_tokens_from_mail_and_web() -> None:
    assert name_tokens(["yu.cao@zhengtai.net", "info@x.cn", "c3po@x.cn"]) == {"yucao", "info"}
    assert domain_tokens(["wang.yan@kairui-optoel.cn"], "http://www.kairui.com/") \
        == {"kairui", "optoel"}


def test_name_glyph_that_breaks_the_mail_spelling_is_suspect() -> None:
    # "yucao" spells 曹雨 given name first; 十 (shi) is the one glyph that breaks it.
    assert name_suspects("曹十", [0.77, 0.84], {"yucao"}) == (Suspect(1, "yu"),)
    assert name_suspects("十曹", [0.84, 0.77], {"yu.cao".replace(".", "")}) \
        == (Suspect(0, "yu"),)


def test_name_spelt_as_read_or_by_no_address_is_left() -> None:
    assert name_suspects("曹雨", [0.5, 0.5], {"yucao"}) is None
    assert name_suspects("曹十", [0.5, 0.5], set()) is None
    assert name_suspects("曹十", [0.5, 0.5], {"ericzhu"}) is None


def test_confidently_read_glyph_is_never_suspect() -> None:
    assert name_suspects("曹十", [0.77, 0.95], {"yucao"}) is None
    assert company_suspects("杭州忆瑞光电有限公司", [0.95] * 10, {"kairui"}) == []


def test_trade_name_run_that_breaks_the_domain_spelling() -> None:
    confidences = [0.93, 0.93, 0.45, 0.65, 0.96, 0.96, 0.93, 0.91, 0.96, 0.96]
    options = company_suspects("杭州忆瑞光电有限公司", confidences, {"kairui", "optoel"})
    assert options[0] == (Suspect(2, "kai"),)
    # A domain word some run already spells is no evidence against the others.
    assert company_suspects("杭州凯瑞光电有限公司", confidences, {"kairui"}) == []


def test_without_evidence_the_judge_is_never_asked() -> None:
    asked: list[int] = []

    def judge(position: int, options: Sequence[str]) -> str | None:
        asked.append(position)
        return options[-1]

    assert repair_name("曹十", [0.77, 0.84], [], judge) == "曹十"
    assert repair_name("曹十", [0.77, 0.84], ["sales@zhengtai.net"], judge) == "曹十"
    assert asked == []


def test_index_file_is_what_the_generator_makes() -> None:
    text = INDEX_FILE.read_text(encoding="utf-8")
    rows = dict(line.split("\t") for line in text.splitlines() if not line.startswith("#"))
    assert rows == build_index()
    assert "凯" in rows["kai"]
    assert "雨" in rows["yu"]
    assert "瑞" in rows["rui"]


# --- on drawn lines ----------------------------------------------------------------------


def _drawn_line(text: str, size: int = 56) -> tuple[np.ndarray, Box]:
    """``text`` printed in one line, blurred and noisy like a photographed card; the
    line's ink box."""
    font = ImageFont.truetype(str(FONT), size)
    image = Image.new("L", (size * (len(text) + 2), size * 3), 245)
    ImageDraw.Draw(image).text((size, size), text, fill=30, font=font)
    image = image.filter(ImageFilter.GaussianBlur(1.6))
    rng = np.random.default_rng(7)
    gray = np.clip(np.asarray(image, dtype=np.float32) + rng.normal(0, 6, image.size[::-1]),
                   0, 255).astype(np.uint8)
    rows, cols = np.nonzero(gray < 128)
    box = Box(int(cols.min()), int(rows.min()), int(cols.max() - cols.min() + 1),
              int(rows.max() - rows.min() + 1))
    return gray, box


def _read_as(text: str, confidences: Sequence[float], box: Box) -> OcrLine:
    """What Tesseract would hand over: one word per glyph, with its confidence."""
    words = tuple(OcrWord(char, box, conf) for char, conf in zip(text, confidences, strict=True))
    return OcrLine(text, box, float(box.height), float(np.mean(confidences)), words)


def test_misread_name_glyph_is_put_right_from_mail_and_image() -> None:
    gray, box = _drawn_line("曹雨")
    line = _read_as("曹十", [0.77, 0.84], box)
    fields = CardFields(name="曹十", emails=("yucao@zhengtai.net",))
    assert repair_card(fields, [line], gray).name == "曹雨"


def test_name_is_kept_when_the_image_shows_the_reading() -> None:
    # The mail says "yu", but the glyph really is 十: the image decides, not the mail.
    gray, box = _drawn_line("曹十")
    line = _read_as("曹十", [0.77, 0.84], box)
    fields = CardFields(name="曹十", emails=("yucao@zhengtai.net",))
    assert repair_card(fields, [line], gray).name == "曹十"


def test_confident_glyph_is_kept_even_when_the_image_disagrees() -> None:
    gray, box = _drawn_line("曹雨")
    line = _read_as("曹十", [0.77, 0.95], box)
    fields = CardFields(name="曹十", emails=("yucao@zhengtai.net",))
    assert repair_card(fields, [line], gray).name == "曹十"


def test_no_mail_no_repair() -> None:
    gray, box = _drawn_line("曹雨")
    line = _read_as("曹十", [0.77, 0.84], box)
    fields = CardFields(name="曹十", website="www.zhengtai.net")
    assert repair_card(fields, [line], gray) is fields


def test_trade_name_glyph_is_put_right_from_the_domain() -> None:
    gray, box = _drawn_line("杭州凯瑞光电有限公司", 48)
    confidences = [0.93, 0.93, 0.45, 0.65, 0.96, 0.96, 0.93, 0.91, 0.96, 0.96]
    line = _read_as("杭州忆瑞光电有限公司", confidences, box)
    fields = CardFields(company="杭州忆瑞光电有限公司", emails=("wang.yan@kairui-optoel.cn",))
    assert repair_card(fields, [line], gray).company == "杭州凯瑞光电有限公司"


def test_two_unsure_glyphs_of_a_trade_name_are_put_right() -> None:
    gray, box = _drawn_line("凯瑞机械设备有限公司", 48)
    confidences = [0.0, 0.0, 0.0, 0.91, 0.84, 0.9, 0.93, 0.92, 0.93, 0.93]
    line = _read_as("赢开机械设备有限公司", confidences, box)
    fields = CardFields(company="赢开机械设备有限公司", website="www.kairui.com")
    # 开 (kai) followed by an unsure 机 could spell "kairui" too; the image of 机 rules
    # that out, and 赢开 -> 凯瑞 is taken.
    assert repair_card(fields, [line], gray).company == "凯瑞机械设备有限公司"


def test_company_spelt_by_no_domain_word_is_left() -> None:
    gray, box = _drawn_line("杭州凯瑞光电有限公司", 48)
    confidences = [0.93, 0.93, 0.45, 0.65, 0.96, 0.96, 0.93, 0.91, 0.96, 0.96]
    line = _read_as("杭州忆瑞光电有限公司", confidences, box)
    fields = CardFields(company="杭州忆瑞光电有限公司", emails=("wang.yan@optoel.cn",))
    assert repair_card(fields, [line], gray).company == "杭州忆瑞光电有限公司"


def test_without_pypinyin_nothing_is_repaired(monkeypatch: pytest.MonkeyPatch) -> None:
    gray, box = _drawn_line("曹雨")
    line = _read_as("曹十", [0.77, 0.84], box)
    fields = CardFields(name="曹十", emails=("yucao@zhengtai.net",))
    monkeypatch.setitem(sys.modules, "pypinyin", None)  # makes the import fail
    romanised.readings.cache_clear()
    try:
        assert repair_card(fields, [line], gray) is fields
    finally:
        romanised.readings.cache_clear()


def test_a_font_without_chinese_is_not_used_to_judge() -> None:
    from ocr.glyphs import _has_chinese

    assert _has_chinese(ImageFont.truetype(str(FONT), 64))
    assert not _has_chinese(ImageFont.load_default(size=64))
