"""End to end: drawn cards in, fields out."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr import CardFields, scan_card
from tests.ocr.conftest import FONT, photograph, render_card

ENGLISH = [
    ("Acme Robotics Inc.", 34),
    ("Jane Doe", 64),
    ("Senior Sales Manager", 32),
    ("Mobile: +1 (415) 555-0134", 28),
    ("Fax: +1 415 555 0199", 28),
    ("Email: jane.doe@acme-robotics.com", 28),
    ("www.acme-robotics.com", 28),
    ("1200 Market Street, Suite 400", 26),
    ("San Francisco, CA 94103", 26),
]
CHINESE = [
    ("深圳市恒通实业有限公司", 40),
    ("陈静", 72),
    ("销售经理", 38),
    ("手机：138 0013 8000", 32),
    ("电话：0755-8888 1234", 32),
    ("邮箱：chenjing@hengtong.cn", 32),
    ("地址：广东省深圳市南山区科技园路12号", 32),
]
BILINGUAL = [
    ("杭州凯瑞包装材料有限公司", 38),
    ("Hangzhou Kairui Packaging Co., Ltd.", 26),
    ("孙鹏", 72),
    ("Jason Sun", 30),
    ("产品经理 Product Manager", 30),
    ("M: +86 139 5712 3456", 28),
    ("E: sun.peng@kairui.com", 28),
]


def _check_english(fields: CardFields) -> None:
    assert fields.name == "Jane Doe"
    assert fields.title == "Senior Sales Manager"
    assert fields.company == "Acme Robotics Inc."
    assert fields.phones == ("+14155550134", "+14155550199")
    assert fields.phone_kinds == ("mobile", "fax")
    assert fields.emails == ("jane.doe@acme-robotics.com",)
    assert fields.website == "www.acme-robotics.com"
    assert fields.address == "1200 Market Street, Suite 400, San Francisco, CA 94103"
    assert all(0.0 <= value <= 1.0 for value in fields.confidence.values())


def test_english_card() -> None:
    _check_english(scan_card(render_card(ENGLISH)))


def test_chinese_card() -> None:
    fields = scan_card(render_card(CHINESE))
    assert fields.name == "陈静"
    assert fields.title == "销售经理"
    assert fields.company == "深圳市恒通实业有限公司"
    assert fields.phones == ("+8613800138000", "+8675588881234")
    assert fields.phone_kinds == ("mobile", "office")
    assert fields.emails == ("chenjing@hengtong.cn",)
    assert fields.address == "广东省深圳市南山区科技园路12号"


def test_bilingual_card() -> None:
    fields = scan_card(render_card(BILINGUAL))
    assert fields.name in ("孙鹏", "Jason Sun")
    assert fields.company == "杭州凯瑞包装材料有限公司"
    assert fields.title is not None
    assert "经理" in fields.title or "Manager" in fields.title
    assert fields.phones == ("+8613957123456",)
    assert fields.phone_kinds == ("mobile",)
    assert fields.emails == ("sun.peng@kairui.com",)


def test_rotated_photo_on_a_dark_desk() -> None:
    photo = photograph(render_card(ENGLISH), angle=6.0)
    fields = scan_card(photo)
    _check_english(fields)
    # Boxes come back in the photo's coordinates, inside the photo.
    for boxes in fields.boxes.values():
        for box in boxes:
            assert box.left >= 0
            assert box.right <= photo.width
            assert box.top >= 0
            assert box.bottom <= photo.height


def test_exif_rotated_jpeg() -> None:
    """Phones store the sensor's orientation and a rotation tag; we must honour the tag."""
    card = render_card(ENGLISH).rotate(90, expand=True)  # as the sensor saw it
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to view": undoes the 90 CCW turn above
    buffer = io.BytesIO()
    card.save(buffer, format="JPEG", quality=92, exif=exif)
    _check_english(scan_card(buffer.getvalue()))


@pytest.mark.parametrize("lang", ["eng"])
def test_single_language(lang: str) -> None:
    fields = scan_card(render_card(ENGLISH), lang=lang)
    assert fields.emails == ("jane.doe@acme-robotics.com",)


def test_two_columns_with_a_divider_rule() -> None:
    """A vertical rule between the columns must not glue the lines beside it together."""
    card = render_card([])
    draw = ImageDraw.Draw(card)
    font = ImageFont.truetype(str(FONT), 30)
    draw.text((70, 80), "Grace Chen", fill="#202020", font=ImageFont.truetype(str(FONT), 56))
    draw.text((70, 160), "Key Account Manager", fill="#202020", font=font)
    draw.text((70, 480), "Cobalt Medical Devices Corp.", fill="#202020", font=font)
    draw.line([(420, 100), (420, 540)], fill="#202020", width=3)
    for i, text in enumerate(["Tel: (786) 725-2718", "grace@cobalt-medical.com",
                              "1493 Spring Blvd., Ste 606", "Miami, FL 33121"]):
        draw.text((445, 170 + 50 * i), text, fill="#202020", font=font)
    fields = scan_card(photograph(card, angle=3.0))
    assert fields.name == "Grace Chen"
    assert fields.title == "Key Account Manager"
    # The company line under the left column survives (its exact reading is the font's).
    assert any(line.startswith("Cobalt Medical Devices") for line in fields.lines)
    assert fields.phones == ("+17867252718",)


def test_coloured_header_band_is_not_taken_for_the_card() -> None:
    card = render_card([])
    draw = ImageDraw.Draw(card)
    draw.rectangle([(0, 0), (1050, 140)], fill="#5a2a82")
    draw.text((70, 45), "杭州凯瑞光电有限公司", fill="#ffffff",
              font=ImageFont.truetype(str(FONT), 40))
    for y, text, size in [(200, "宋敏", 72), (300, "高级工程师", 36),
                          (420, "手机 131 5177 3656", 30), (470, "Email jerry@kairui.cn", 30)]:
        draw.text((70, y), text, fill="#202020", font=ImageFont.truetype(str(FONT), size))
    photo = Image.new("RGB", (1300, 850), "#d8d8d8")
    photo.paste(card, (125, 125))
    fields = scan_card(photo)
    assert fields.company == "杭州凯瑞光电有限公司"
    assert fields.title == "高级工程师"
    assert fields.phones == ("+8613151773656",)
    assert fields.emails == ("jerry@kairui.cn",)
