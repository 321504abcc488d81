"""Load a card photo from a path or bytes, safely.

Cards come from phones, scanners and e-mail attachments, so any format Pillow reads is
accepted. Everything else fails with an :class:`OcrError` the user can act on; in
particular the size is checked from the header *before* decoding, so a small file that
claims to be a 100 000 x 100 000 PNG (a decompression bomb) costs nothing.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from ocr.errors import OcrError

#: 50 megapixels is well above any phone camera's card photo and far below what would
#: exhaust memory when decoded (~150 MB as RGB).
MAX_PIXELS = 50_000_000
MAX_FILE_BYTES = 64 * 1024 * 1024

# Pillow's own guard is a warning up to 2x and an error beyond; we check first, but keep its
# limit aligned so nothing slips past through another code path.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

#: What cameras, scanners and screenshots produce. Limiting the list also keeps Pillow from
#: guessing exotic headerless formats (and their deprecation warnings) for a text file.
FORMATS = ("JPEG", "PNG", "WEBP", "TIFF", "BMP", "GIF", "JPEG2000", "PPM")


def load_image(source: str | Path | bytes) -> Image.Image:
    """Return the image as upright RGB, honouring EXIF orientation."""
    data = source if isinstance(source, bytes) else _read_file(Path(source))
    if not data:
        raise OcrError("empty", "The image file is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise OcrError("too_large", f"The image file is larger than {MAX_FILE_BYTES >> 20} MB.")
    with warnings.catch_warnings():
        # Pillow warns (rather than raises) about some damage, e.g. "Corrupt EXIF data";
        # such a file is damaged, and warnings must not escape into the caller's log.
        warnings.simplefilter("error")
        try:
            image = _open(data)
            _check_dimensions(image)
            _decode(image)
            return _to_rgb(_upright(image))
        except Warning as exc:
            raise OcrError("unreadable", f"The image is damaged: {exc}.") from exc


def _upright(image: Image.Image) -> Image.Image:
    try:
        return ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, TypeError, KeyError, EOFError) as exc:
        raise OcrError("unreadable", f"The image's orientation data is damaged: {exc}.") \
            from exc


def _read_file(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise OcrError(
                "too_large", f"{path.name} is larger than {MAX_FILE_BYTES >> 20} MB."
            )
        return path.read_bytes()
    except IsADirectoryError as exc:
        raise OcrError("not_an_image", f"{path} is a folder, not an image.") from exc
    except FileNotFoundError as exc:
        raise OcrError("unreadable", f"{path} does not exist.") from exc
    except OSError as exc:
        raise OcrError("unreadable", f"{path} cannot be read: {exc.strerror or exc}.") from exc


def _open(data: bytes) -> Image.Image:
    """Parse the header only (Pillow decodes lazily)."""
    try:
        return Image.open(io.BytesIO(data), formats=FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise OcrError("too_large", "The image is too large to scan.") from exc
    except UnidentifiedImageError as exc:
        raise OcrError("not_an_image", "The file is not an image Pillow can read.") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise OcrError("unreadable", f"The image is damaged: {exc}.") from exc


def _check_dimensions(image: Image.Image) -> None:
    width, height = image.size
    if width <= 0 or height <= 0:
        raise OcrError("unreadable", "The image has no pixels.")
    if width * height > MAX_PIXELS:
        raise OcrError(
            "too_large",
            f"The image is {width} x {height} pixels; the limit is {MAX_PIXELS // 1_000_000} "
            "megapixels.",
        )


def _decode(image: Image.Image) -> None:
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        # Truncated or corrupt data behind a valid header.
        raise OcrError("unreadable", f"The image is damaged: {exc}.") from exc


def _to_rgb(image: Image.Image) -> Image.Image:
    """Flatten transparency onto white (cards are printed on white more than anything)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")
