"""Fuzzing: the parser never raises on any text, image loading only raises OcrError."""

from __future__ import annotations

import io
import string
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from ocr import OcrError
from ocr.card_parser import parse_lines
from ocr.fields import FIELD_NAMES, Box, OcrLine, OcrWord
from ocr.image import load_image

# Text that looks like cards (labels, digits, CJK suffixes, OCR debris) mixed with any
# unicode at all, and now and then a huge line (a misread logo or a photo of a brochure).
_card_token = st.sampled_from(
    list(string.ascii_letters + string.digits + " .@:+-()/|,;#&'\"_~*·•©®™%")
    + list("经理公司有限号路省市区手机电话邮箱地址网址传真微信中国广东深圳部中心")
    + ["Tel:", "M:", "E:", "www.", ".com", "@", "Co., Ltd.", "GmbH", "+86 ", "(0)"]
)
_line_text = (
    st.lists(_card_token, max_size=30).map("".join)
    | st.text(max_size=60)
    | st.lists(_card_token, min_size=400, max_size=1200).map("".join)
)
_line = st.builds(
    lambda text, left, top, width, height, conf: OcrLine(
        text, Box(left, top, width, height), float(height), conf,
        (OcrWord(text, Box(left, top, width, height), conf),),
    ),
    _line_text,
    st.integers(-50, 3000), st.integers(-50, 3000), st.integers(0, 3000),
    st.integers(0, 400), st.floats(0, 1),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_line, max_size=16))
def test_parser_never_raises(lines: list[OcrLine]) -> None:
    started = time.perf_counter()
    fields = parse_lines(lines)
    assert time.perf_counter() - started < 5.0  # huge lines are cut, not parsed for minutes
    assert len(fields.phones) == len(fields.phone_kinds)
    assert set(fields.confidence) <= set(FIELD_NAMES)
    assert all(0.0 <= value <= 1.0 for value in fields.confidence.values())
    assert all(phone.startswith("+") for phone in fields.phones)
    assert all("@" in email for email in fields.emails)
    # The JSON form is always serialisable data.
    assert set(fields.to_json_dict()) >= {"name", "phones", "lines"}


def _image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#abcdef").save(buffer, format=fmt)
    return buffer.getvalue()


_VALID = {fmt: _image_bytes(fmt) for fmt in ("PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP")}


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_random_bytes_are_an_image_or_an_ocr_error(data: bytes) -> None:
    _check(_load_or_error(data))


def _load_or_error(data: bytes) -> Image.Image | OcrError:
    """Anything but an image or an OcrError escapes and fails the test."""
    try:
        return load_image(data)
    except OcrError as exc:
        return exc


def _check(result: Image.Image | OcrError) -> None:
    if isinstance(result, OcrError):
        assert result.code in ("not_an_image", "empty", "too_large", "unreadable")
        assert result.message
    else:
        assert result.mode == "RGB"
        assert result.width > 0
        assert result.height > 0


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(_VALID)), st.data())
def test_damaged_real_images_give_an_ocr_error(fmt: str, data: st.DataObject) -> None:
    """Real headers with cut, flipped or spliced bytes behind them: the hard case."""
    original = bytearray(_VALID[fmt])
    cut = data.draw(st.integers(0, len(original)), label="cut")
    mutated = original[:cut]
    for _ in range(data.draw(st.integers(0, 8), label="flips")):
        if mutated:
            index = data.draw(st.integers(0, len(mutated) - 1))
            mutated[index] = data.draw(st.integers(0, 255))
    mutated += data.draw(st.binary(max_size=64), label="tail")
    _check(_load_or_error(bytes(mutated)))
