"""Capture conditions of point 1: two-tone cards on a desk, pale print, perspective."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ocr import scan_card
from ocr.image import load_image
from ocr.preprocess import prepare
from tests.ocr.conftest import FONT, photograph, render_card


def _band_card() -> Image.Image:
    card = render_card([])
    draw = ImageDraw.Draw(card)
    draw.rectangle([(0, 0), (1050, 150)], fill="#b81c2e")
    draw.text((70, 50), "正泰机械设备(北京)有限公司", fill="#ffffff",
              font=ImageFont.truetype(str(FONT), 42))
    for y, text, size in [(200, "王伟", 72), (300, "总经理", 36),
                          (420, "手机: 137 6847 3103", 30),
                          (470, "邮箱: yucao@zhengtaitech.net", 30)]:
        draw.text((70, y), text, fill="#202020", font=ImageFont.truetype(str(FONT), size))
    return card


def test_header_band_stays_on_the_card_on_a_wooden_desk() -> None:
    """On a desk unlike both tones, the white part alone is a rectangle too; the whole
    card (band included) must win, or the company printed in the band is cut off."""
    photo = photograph(_band_card(), angle=2.0, desk="#8a5a32")
    prepared = prepare(photo)
    assert prepared.card_found
    width, height = prepared.image.size
    assert 1.5 < width / height < 1.95  # the card's 1050 x 600, not the white 1050 x 450
    fields = scan_card(photo)
    assert fields.company == "正泰机械设备(北京)有限公司"
    assert fields.name == "王伟"
    assert fields.title == "总经理"


def test_pale_line_beside_dark_ones() -> None:
    """A title in a pale brand grey must be read whole, not lose its first letters."""
    card = render_card([("Ana Lee", 64), ("", 40), ("Lakeside Logistics LLC", 32),
                        ("+1 303 446 7490", 30), ("alee@lakeside-logistics.net", 30)])
    ImageDraw.Draw(card).text((70, 160), "Project Manager", fill="#b8b8b8",
                              font=ImageFont.truetype(str(FONT), 32))
    fields = scan_card(photograph(card, angle=-3.0, desk="#6b4a30"))
    assert fields.title == "Project Manager"
    assert fields.company == "Lakeside Logistics LLC"


def test_card_photographed_at_an_angle_is_rectified() -> None:
    """Perspective: the far edge of the card is shorter than the near one."""
    card = render_card([("Acme Robotics Inc.", 34), ("Jane Doe", 64),
                        ("Senior Sales Manager", 32), ("Mobile: +1 (415) 555-0134", 28),
                        ("Email: jane.doe@acme-robotics.com", 28)])
    desk = Image.new("RGB", (1500, 1000), "#3b2f2a")
    # Corners of the card in the photo: top edge 12 % shorter than the bottom one.
    quad = [(290, 160), (1210, 160), (1290, 820), (210, 820)]
    coefficients = _perspective_coefficients(quad, card.size)
    warped = card.transform(desk.size, Image.Transform.PERSPECTIVE, coefficients,
                            Image.Resampling.BICUBIC, fillcolor=None)
    mask = Image.new("L", card.size, 255).transform(
        desk.size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR)
    desk.paste(warped, (0, 0), mask)
    prepared = prepare(desk)
    assert prepared.card_found
    fields = scan_card(desk)
    assert fields.name == "Jane Doe"
    assert fields.company == "Acme Robotics Inc."
    assert fields.phones == ("+14155550134",)
    assert fields.emails == ("jane.doe@acme-robotics.com",)


def _perspective_coefficients(quad: list[tuple[int, int]], size: tuple[int, int]
                              ) -> tuple[float, ...]:
    """Pillow maps output pixels back to input ones: solve for photo -> card."""
    width, height = size
    source = [(0, 0), (width, 0), (width, height), (0, height)]
    rows = []
    for (x, y), (u, v) in zip(quad, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    target = np.array([c for point in source for c in point], dtype=np.float64)
    solution = np.linalg.solve(np.array(rows, dtype=np.float64), target)
    return tuple(float(c) for c in solution)


def test_contrast_and_size_are_normalised() -> None:
    """A small, grey, low-contrast scan comes out large, dark on light, full range."""
    card = render_card([("Jane Doe", 64), ("jane@acme.com", 30)], ink="#8a8a8a",
                       paper="#b4b4b4").resize((350, 200))
    prepared = prepare(card)
    gray = np.asarray(prepared.image)
    assert max(prepared.image.size) >= 1500
    assert np.percentile(gray, 50) > 200  # paper is light
    assert np.percentile(gray, 0.5) < 120  # ink is dark
    fields = scan_card(card)
    assert fields.emails == ("jane@acme.com",)


def test_exif_orientation_is_applied_when_loading() -> None:
    import io

    sideways = Image.new("RGB", (60, 100), "white")
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    sideways.save(buffer, format="JPEG", exif=exif)
    assert load_image(buffer.getvalue()).size == (100, 60)


def test_every_line_and_word_comes_back_with_a_box_in_the_photo() -> None:
    """For the review screen: each OCR line and word, in the caller's pixels."""
    card = render_card([("Jane Doe", 64), ("Senior Sales Manager", 32),
                        ("jane.doe@acme-robotics.com", 28)])
    photo = photograph(card, angle=0.0)  # the card's top-left lands at (150, 130)
    fields = scan_card(photo)
    assert [line.text for line in fields.ocr_lines] == list(fields.lines)
    name = next(line for line in fields.ocr_lines if line.text == "Jane Doe")
    # render_card drew the name at (70, 60) on the card, 64 px type.
    assert abs(name.box.left - (150 + 70)) < 25
    assert abs(name.box.top - (130 + 60)) < 40
    assert [word.text for word in name.words] == ["Jane", "Doe"]
    for line in fields.ocr_lines:
        assert 0.0 <= line.confidence <= 1.0
        for word in line.words:
            assert 0.0 <= word.confidence <= 1.0
            assert line.box.left - 2 <= word.box.left <= word.box.right <= line.box.right + 2
            assert 0 <= word.box.top < word.box.bottom <= photo.height
