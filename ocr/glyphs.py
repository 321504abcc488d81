"""Tell which of a few characters a printed Chinese glyph is, by its shape.

Tesseract sometimes never offers the right character for a blurred glyph at any scale
(凯 read as 忆, 讯, 遍 or 读). When the card's romanisation narrows the glyph down to a
handful of characters (see :mod:`ocr.romanised`), drawing each with a Chinese system
font and comparing the drawing with the glyph's image picks the right one: the
candidates of one syllable differ in their whole structure (凯 / 开 / 楷 / 慨), far
more than one font differs from another.
"""

from __future__ import annotations

import functools
import itertools
import logging
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ocr import imaging
from ocr.fields import Box

log = logging.getLogger(__name__)

#: Both shapes are compared at this size, blurred so that stroke widths and small
#: font differences matter less than where the strokes are.
_SIDE = 32
_BLUR = 2.0
_RENDER_PX = 64
#: The picked character must match the image at least this well (correlation) ...
MIN_SCORE = 0.45
#: ... and clearly better than what Tesseract read ...
MIN_GAIN = 0.1
#: ... and than the runner-up among the candidates.
MIN_LEAD = 0.05
#: Fonts tried when fontconfig does not answer (Debian/Ubuntu and Fedora paths).
_FALLBACK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)


@functools.cache
def chinese_font() -> ImageFont.FreeTypeFont | None:
    """A system font with Simplified Chinese glyphs, or None (then nothing is judged)."""
    paths: list[str] = []
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh-cn"],
                                   capture_output=True, text=True, timeout=5, check=False)
            paths.append(found.stdout.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    for path in [*paths, *_FALLBACK_FONTS]:
        if path and Path(path).is_file():
            try:
                font = ImageFont.truetype(path, _RENDER_PX)
            except OSError:
                continue
            if _has_chinese(font):
                return font
    log.info("no Chinese font found: glyphs are not compared with drawings")
    return None


def _has_chinese(font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> bool:
    """Whether ``font`` draws Chinese: a font without it draws the same empty box for
    every character (fontconfig names some font even when none has Chinese)."""
    return bytes(font.getmask("凯")) != bytes(font.getmask("开"))


@functools.cache
def drawn(char: str) -> np.ndarray | None:
    """``char`` drawn with the Chinese font, as a normalised shape."""
    font = chinese_font()
    if font is None:
        return None
    canvas = Image.new("L", (_RENDER_PX * 2, _RENDER_PX * 2), 0)
    ImageDraw.Draw(canvas).text((_RENDER_PX // 2, _RENDER_PX // 2), char, fill=255, font=font)
    ink = np.asarray(canvas, dtype=np.float32) / 255.0
    return normalise(ink, ink > 0.5)


def normalise(darkness: np.ndarray, mask: np.ndarray) -> np.ndarray | None:
    """The ``darkness`` (0..1) inside the bounding box of ``mask``, centred on a square,
    scaled to a fixed side, blurred and made zero-mean with unit norm (so that a dot
    product of two shapes is their correlation). Grey levels, not a thresholded mask,
    keep the strokes of a blurred glyph apart."""
    rows, cols = np.nonzero(mask)
    if rows.size < 4:
        return None
    dark = darkness[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    side = max(dark.shape)
    square = np.zeros((side, side), dtype=np.float32)
    top, left = (side - dark.shape[0]) // 2, (side - dark.shape[1]) // 2
    square[top:top + dark.shape[0], left:left + dark.shape[1]] = dark
    small = imaging.resize(square, (_SIDE, _SIDE), "area")
    small = imaging.gaussian_blur(small, 0, _BLUR)
    small -= small.mean()
    norm = float(np.linalg.norm(small))
    return small / norm if norm > 0 else None


def score(glyph: np.ndarray, char: str) -> float:
    """How well ``char``'s drawing matches a normalised glyph image (-1..1)."""
    shape = drawn(char)
    return float((shape * glyph).sum()) if shape is not None else -1.0


def pick(glyph: np.ndarray, options: Sequence[str]) -> str | None:
    """The one of ``options[1:]`` that ``glyph`` shows, when it clearly beats
    ``options[0]`` (the reading) and every other option; else None."""
    scores = sorted(((score(glyph, c), c) for c in options[1:]), reverse=True)
    if not scores:
        return None
    best, char = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else -1.0
    read = score(glyph, options[0])
    if best >= MIN_SCORE and best >= read + MIN_GAIN and best >= runner_up + MIN_LEAD:
        return char
    return None


# --- finding the glyph in the line -------------------------------------------------------


def _width(char: str) -> float:
    """A character's advance in ems, roughly: Chinese and full-width forms are square."""
    if ord(char) >= 0x2E80:
        return 1.0
    return 0.4 if char in "()[].,:;|!'-/" else 0.6


def line_shapes(gray: np.ndarray, box: Box, text: str) -> list[np.ndarray | None]:
    """The normalised shape of each non-space character of the line ``text`` printed
    in ``box`` on ``gray`` (dark print on light); None where a cell holds no ink."""
    crop = gray[box.top:box.bottom, box.left:box.right]
    if crop.size == 0:
        return []
    binary = imaging.threshold_otsu(crop, maxval=1, invert=True)
    ink = np.asarray(binary > 0)
    paper = float(np.percentile(crop, 90))
    darkness = np.clip((paper - crop.astype(np.float32)) / max(1.0, paper - float(crop.min())),
                       0.0, 1.0)
    return [normalise(darkness[:, a:b], ink[:, a:b]) for a, b in glyph_cells(ink, text)]


def glyph_cells(ink: np.ndarray, text: str) -> list[tuple[int, int]]:
    """Column ranges, in a line's ``ink``, of each non-space character of its ``text``.

    The line's width is shared out by the characters' usual widths, and each cut is
    moved to the emptiest column near it (the gap between two glyphs).
    """
    chars = [c for c in text if not c.isspace()]
    if not chars or ink.size == 0:
        return []
    columns = ink.sum(axis=0)
    widths = [_width(c) for c in chars]
    scale = ink.shape[1] / sum(widths)
    cuts, position = [0], 0.0
    for width in widths[:-1]:
        position += width * scale
        reach = max(1, int(0.3 * scale))
        low = max(cuts[-1] + 1, int(position) - reach)
        high = min(len(columns), int(position) + reach)
        if low >= high:
            cuts.append(min(len(columns), max(cuts[-1] + 1, int(position))))
            continue
        window = columns[low:high]
        quiet = np.flatnonzero(window == window.min()) + low
        cuts.append(int(quiet[np.argmin(np.abs(quiet - position))]))
    cuts.append(ink.shape[1])
    return list(itertools.pairwise(cuts))
