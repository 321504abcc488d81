"""Bad input gives a clear OcrError (and a one-line CLI message), never a traceback."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytesseract
import pytest
from PIL import Image

from ocr import OcrError, scan_card
from ocr.image import load_image


def _png_header(width: int, height: int) -> bytes:
    """A PNG that *claims* to be width x height: a few hundred bytes, a decompression bomb
    if anyone decoded it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def _truncated_jpeg() -> bytes:
    """A valid JPEG header with the picture cut off, as from an interrupted copy."""
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(buffer, format="JPEG")
    return buffer.getvalue()[:3000]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"Name: Jane Doe\nPhone: 555-0134\n", "not_an_image"),
        (_truncated_jpeg(), "unreadable"),
        (_png_header(100_000, 100_000), "too_large"),
        (_png_header(9_000, 6_000), "too_large"),
    ],
    ids=["zero-bytes", "text", "corrupt-jpeg", "bomb", "just-over-limit"],
)
def test_bad_bytes(data: bytes, code: str) -> None:
    with pytest.raises(OcrError) as caught:
        load_image(data)
    assert caught.value.code == code
    assert caught.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(OcrError) as caught:
        load_image(tmp_path / "nope.jpg")
    assert caught.value.code == "unreadable"


def test_tesseract_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(OcrError) as caught:
        scan_card(b"irrelevant")
    assert caught.value.code == "tesseract_missing"


def test_cli_reports_bad_input_in_one_line(tmp_path: Path) -> None:
    text = tmp_path / "card.jpg"
    text.write_text("not really a picture", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "ocr", str(text), "--json"], cwd=root,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "not an image" in done.stderr
