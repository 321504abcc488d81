"""The whole scan: load, straighten, read, parse."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image

from ocr import romanised
from ocr.card_parser import parse_lines
from ocr.engine import DEFAULT_LANG, check_tesseract, read_card
from ocr.fields import Box, CardFields, OcrLine
from ocr.image import load_image
from ocr.preprocess import Prepared, prepare

log = logging.getLogger(__name__)


def scan_card(source: str | Path | bytes | Image.Image, lang: str = DEFAULT_LANG
              ) -> CardFields:
    """Read a business card photo or scan.

    Raises :class:`ocr.OcrError` for input that is not a readable image, or when
    Tesseract or its language data is missing. Boxes in the result are in ``source``'s
    pixel coordinates (after EXIF rotation).
    """
    check_tesseract(lang)
    image = source if isinstance(source, Image.Image) else load_image(source)
    prepared = prepare(image)
    lines = read_card(prepared.image, lang)
    fields = parse_lines(lines)
    gray = np.asarray(prepared.image.convert("L"), dtype=np.uint8)
    fields = romanised.repair_card(fields, lines, gray)
    return _to_original(fields, prepared, lines)


def _to_original(fields: CardFields, prepared: Prepared, lines: list[OcrLine]) -> CardFields:
    boxes: dict[str, tuple[Box, ...]] = {
        key: tuple(prepared.map_box(box) for box in value) for key, value in fields.boxes.items()
    }
    log.debug("scanned %d lines", len(lines))
    return replace(fields, boxes=boxes, ocr_lines=tuple(_line_to_original(line, prepared)
                                                       for line in lines))


def _line_to_original(line: OcrLine, prepared: Prepared) -> OcrLine:
    words = tuple(replace(word, box=prepared.map_box(word.box)) for word in line.words)
    return replace(line, box=prepared.map_box(line.box), words=words)
