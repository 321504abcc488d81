"""Card images drawn on the fly with Pillow, so the tests need no sample files."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

Line = tuple[str, int]  # text, font size in pixels


@pytest.fixture(scope="session", autouse=True)
def _require_tesseract() -> None:
    """Fail loudly, never skip: a missing OCR engine is a broken setup, not an excuse."""
    from ocr.engine import check_tesseract

    if shutil.which("tesseract") is None:
        pytest.fail("tesseract is not installed: apt install tesseract-ocr "
                    "tesseract-ocr-eng tesseract-ocr-chi-sim")
    check_tesseract("eng+chi_sim")
    if not FONT.exists():
        pytest.fail(f"{FONT} is missing: apt install fonts-wqy-microhei")


def render_card(lines: Sequence[Line], size: tuple[int, int] = (1050, 600),
                ink: str = "#202020", paper: str = "#fbfbf7") -> Image.Image:
    """A flat, left-aligned card: the shape most cards share."""
    card = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(card)
    y = 60
    for text, font_size in lines:
        font = ImageFont.truetype(str(FONT), font_size)
        draw.text((70, y), text, fill=ink, font=font)
        y += round(font_size * 1.45)
    return card


def photograph(card: Image.Image, angle: float, desk: str = "#3b2f2a") -> Image.Image:
    """The card lying rotated on a darker desk, slightly blurred, as a phone sees it."""
    rgba = card.convert("RGBA").rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    photo = Image.new("RGB", (rgba.width + 300, rgba.height + 260), desk)
    photo.paste(rgba, (150, 130), rgba)
    return photo.filter(ImageFilter.GaussianBlur(0.8))
