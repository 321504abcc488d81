"""Find the text lines on a normalised card and lay them out as a "montage" for Tesseract.

Why: a card mixes a 100 px name with 12 px small print, and Tesseract's LSTM reads best
when text is 30-50 px high; one global scale is wrong for one of them, and Tesseract's own
page layout analysis loses lines on blurred or sparse cards. So we find the line segments
ourselves (ink blobs closed horizontally, split at column gaps), scale each to the same
height, stack them one per row and read the montage once as a uniform block. Every row
maps back to its segment, so each OCR line keeps its true size and position on the card.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PIL import Image

from ocr import imaging
from ocr.fields import Box

GrayArray = npt.NDArray[np.uint8]

ROW_HEIGHT = 44  # pixels per montage row (text box height), LSTM's comfortable size
_ROW_GAP = 24
_MARGIN = 24
_MAX_SEGMENTS = 60  # a photo of a brochure is not a card; cap the work
#: Widest gap, in line heights, still read as a space between words of one line. Measured
#: on ink heights (cap height, not the em), so letter-spaced and tabbed lines reach 1.4;
#: the gutter between two columns is several times wider.
_WORD_GAP = 1.6
#: Grey levels below the paper that still count as (pale) ink when growing a segment:
#: above JPEG noise on the normalised paper, below the palest printed text.
_FAINT_MIN_CONTRAST = 28
#: Neighbourhood (pixels, odd) and grey-level margin of the local ink threshold: a few
#: stroke widths at the normalised card's scale, and well above paper texture and noise.
_LOCAL_BLOCK = 31
_LOCAL_CONTRAST = 25
#: Lines whose darkest grey is below this are left alone by the contrast stretch.
_DARK_ENOUGH = 70
#: A crop whose darkest and paper grey are closer than this holds no text to stretch.
_MIN_STRETCH = 16


@dataclass(frozen=True, slots=True)
class Segment:
    """One line segment on the card and where it sits in the montage."""

    box: Box  # on the normalised card
    row_top: int  # in the montage
    row_left: int
    scale: float  # montage pixels per card pixel

    @property
    def row_bottom(self) -> int:
        return self.row_top + round(self.box.height * self.scale)

    def to_card(self, box: Box) -> Box:
        """Map a box in the montage back to the normalised card."""
        left = self.box.left + (box.left - self.row_left) / self.scale
        top = self.box.top + (box.top - self.row_top) / self.scale
        return Box(round(left), round(top), round(box.width / self.scale),
                   round(box.height / self.scale))


def find_segments(gray: GrayArray) -> list[Box]:
    """Boxes of text line segments, top to bottom, on dark-on-light ``gray``."""
    ink = _ink(gray)
    char_height = _typical_char_height(ink)
    if char_height == 0:
        return []
    rules = _rules(ink, char_height)
    ink = np.asarray(ink & ~rules, np.uint8)
    width = max(3, round(char_height * 1.3))
    closed = imaging.closing(ink, (1, width))
    closed = imaging.closing(closed, (max(1, round(char_height * 0.25)), 1))
    count, _, stats = imaging.connected_components(closed, connectivity=8)
    boxes = []
    for i in range(1, count):
        left, top, w, h, area = (int(v) for v in stats[i])
        box = Box(left, top, w, h)
        if _is_text_like(box, area, char_height, gray.shape):
            boxes.extend(_split_rows(ink, box, char_height))
    boxes = _merge_words(sorted(boxes, key=lambda b: (b.left, b.top)))
    # The rules' anti-aliased fringe is faint ink too: keep growth off it.
    rules = imaging.dilate(rules, (1, max(3, char_height // 3)))
    grown = [_extend_faint(gray, rules, b, boxes) for b in boxes]
    boxes = _merge_words(sorted(_drop_contained(grown), key=lambda b: (b.left, b.top)))
    boxes.sort(key=lambda b: (b.top, b.left))
    return boxes[:_MAX_SEGMENTS]


def _merge_words(boxes: list[Box]) -> list[Box]:
    """Join segments on one line whose gap is a word gap for *their* size: the closing
    kernel fits the typical small print, so a large name falls apart into words."""
    merged: list[Box] = []
    for box in boxes:
        for i, other in enumerate(merged):
            overlap = min(box.bottom, other.bottom) - max(box.top, other.top)
            smaller = min(box.height, other.height)
            gap = box.left - other.right
            if overlap > 0.6 * smaller and -smaller < gap < _WORD_GAP * smaller \
                    and max(box.height, other.height) < 1.6 * smaller:
                merged[i] = other.union(box)
                break
        else:
            merged.append(box)
    return merged


def _extend_faint(gray: GrayArray, rules: GrayArray, box: Box, boxes: list[Box]) -> Box:
    """Grow a segment sideways over faint ink on its own rows.

    One global threshold misses the pale end of a line under glare or in a light brand
    colour ("Project Manager" read as "ect Manager"). On the middle of the segment's rows
    (so neighbours' ascenders don't count), anything clearly darker than the paper and
    within a word gap belongs to it, up to the next segment beside it.
    """
    quarter = box.height // 4
    strip = gray[box.top + quarter:box.bottom - quarter, :]
    if strip.size == 0:
        return box
    paper = float(np.percentile(strip, 90))
    inside = strip[:, box.left:box.right]
    darkest = float(np.percentile(inside, 2)) if inside.size else paper
    margin = max(_FAINT_MIN_CONTRAST, 0.2 * (paper - darkest))
    faint = (strip < paper - margin).sum(axis=0) >= max(2, box.height // 12)
    faint &= ~rules[box.top + quarter:box.bottom - quarter, :].any(axis=0)
    # Growth stops at another segment on these rows (a logo beside the lines, a smaller
    # title after the name); one with the same top and bottom is more of this line.
    blocked = np.zeros_like(faint)
    for other in boxes:
        overlap = min(box.bottom, other.bottom) - max(box.top, other.top)
        tall = max(box.height, other.height)
        same_line = abs(box.top - other.top) < 0.25 * tall \
            and abs(box.bottom - other.bottom) < 0.25 * tall
        if overlap > 0.3 * min(box.height, other.height) and not same_line:
            blocked[other.left:other.right] = True
    reach = max(2, round(_WORD_GAP * box.height))
    left, right = box.left, box.right
    while True:
        window = faint[max(0, left - reach):left]
        hits = np.flatnonzero(window)
        start = max(0, left - reach) + int(hits[0]) if hits.size else left
        if hits.size == 0 or blocked[start:left].any():
            break
        left = start
    while True:
        window = faint[right:right + reach]
        hits = np.flatnonzero(window)
        end = right + int(hits[-1]) + 1 if hits.size else right
        if hits.size == 0 or blocked[right:end].any():
            break
        right = end
    return Box(left, box.top, right - left, box.height)


def _drop_contained(boxes: list[Box]) -> list[Box]:
    """Keep one segment per stretch of ink: once grown, a sliver of a line (its top
    half, split off a blob with an icon) covers the same text as the whole line."""
    kept: list[Box] = []
    for box in sorted(boxes, key=lambda b: b.width * b.height, reverse=True):
        area = max(1, box.width * box.height)
        # A logo block beside several lines is no line: its lines stay.
        if all(_intersection(box, other) < 0.5 * area or other.height > 2.2 * box.height
               for other in kept):
            kept.append(box)
    return kept


def _intersection(a: Box, b: Box) -> int:
    width = min(a.right, b.right) - max(a.left, b.left)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    return max(0, width) * max(0, height)


def build_montage(gray: GrayArray, boxes: list[Box], row_height: int = ROW_HEIGHT
                  ) -> tuple[Image.Image, list[Segment]]:
    """Stack the segments, each scaled to ``row_height`` pixels, one per row."""
    segments: list[Segment] = []
    crops: list[GrayArray] = []
    top = _MARGIN
    for box in boxes:
        scale = min(3.0, max(0.25, row_height / max(1, box.height)))
        pad = max(2, round(box.height * 0.12))
        y0, y1 = max(0, box.top - pad), min(gray.shape[0], box.bottom + pad)
        x0, x1 = max(0, box.left - pad), min(gray.shape[1], box.right + pad)
        crop = _stretch(gray[y0:y1, x0:x1])
        size = (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale)))
        resized = imaging.resize(crop, size, "cubic" if scale > 1 else "area")
        crops.append(np.asarray(resized, np.uint8))
        # The segment's own box starts `pad` card pixels into the crop.
        segments.append(Segment(box, top + round((box.top - y0) * scale),
                                _MARGIN + round((box.left - x0) * scale), scale))
        top += size[1] + _ROW_GAP
    width = max((c.shape[1] for c in crops), default=1) + 2 * _MARGIN
    montage = np.full((top + _MARGIN, width), 255, np.uint8)
    y = _MARGIN
    for crop in crops:
        montage[y:y + crop.shape[0], _MARGIN:_MARGIN + crop.shape[1]] = crop
        y += crop.shape[0] + _ROW_GAP
    return Image.fromarray(montage), segments


def _stretch(crop: GrayArray) -> GrayArray:
    """Give each line the full grey range: Tesseract binarises the montage with one
    threshold, which drops pale lines (glare, light brand colours) beside dark ones."""
    low, high = (float(v) for v in np.percentile(crop, (1, 90)))
    if low < _DARK_ENOUGH or high - low < _MIN_STRETCH:
        return crop  # black print is read best as it is: stretching only moves its edges
    scaled = np.clip((crop.astype(np.float32) - low) / (high - low), 0.0, 1.0)
    return np.asarray(scaled * 255.0, dtype=np.uint8)


def _ink(gray: GrayArray) -> GrayArray:
    """Dark pixels (Otsu) plus pixels clearly darker than their surroundings: thin, pale
    strokes (a light italic face) fall apart under one global threshold, and their
    pieces would be read as separate lines."""
    otsu = imaging.threshold_otsu(gray, invert=True)
    local = imaging.adaptive_threshold_mean_inv(gray, 255, _LOCAL_BLOCK, _LOCAL_CONTRAST)
    # Speckle from JPEG noise and paper texture is not text.
    return imaging.opening(otsu | local, (2, 2))


def _rules(ink: GrayArray, char_height: int) -> GrayArray:
    """Ruling lines, to erase: a vertical divider between two columns, closed horizontally,
    glues every line beside it into one tall blob that is then dropped as "not text", and
    an underline does the same to the line above. No glyph has a straight stroke several
    characters long, so runs that long are rules."""
    vertical = imaging.opening(ink, (char_height * 4, 1))
    horizontal = imaging.opening(ink, (1, char_height * 8))
    return imaging.dilate(vertical | horizontal, (3, 3))


def _typical_char_height(ink: GrayArray) -> int:
    count, _, stats = imaging.connected_components(ink, connectivity=8)
    heights = [int(stats[i][3]) for i in range(1, count)
               if 6 <= stats[i][3] <= ink.shape[0] // 6 and stats[i][4] >= 12]
    return int(np.median(heights)) if heights else 0


def _is_text_like(box: Box, area: int, char_height: int, shape: tuple[int, ...]) -> bool:
    if box.height < max(6, char_height * 0.35) or box.height > shape[0] * 0.35:
        return False
    if box.width < 4 or area < 20:
        return False
    # Rules and card edges: long and thin.
    if box.height < char_height * 0.6 and box.width > box.height * 12:
        return False
    # Slivers along the crop edge are the card's border or the desk.
    touches = box.left <= 1 or box.top <= 1 or box.right >= shape[1] - 1 \
        or box.bottom >= shape[0] - 1
    return not (touches and (box.width < box.height * 0.5 or box.height < char_height * 0.5))


def _split_rows(ink: GrayArray, box: Box, char_height: int) -> list[Box]:
    """Split a blob that holds two lines (tight leading) at an empty row."""
    if box.height < char_height * 1.8:
        return [box]
    profile = ink[box.top:box.bottom, box.left:box.right].sum(axis=1)
    empty = np.flatnonzero(profile == 0)
    cuts = [int(e) for e in empty if char_height * 0.5 <= e <= box.height - char_height * 0.5]
    if not cuts:
        return [box]
    cut = min(cuts, key=lambda e: abs(e - box.height / 2))
    upper = Box(box.left, box.top, box.width, cut)
    lower = Box(box.left, box.top + cut + 1, box.width, box.height - cut - 1)
    return [_tighten(ink, upper), _tighten(ink, lower)]


def _tighten(ink: GrayArray, box: Box) -> Box:
    region = ink[box.top:box.bottom, box.left:box.right]
    rows = np.flatnonzero(region.any(axis=1))
    cols = np.flatnonzero(region.any(axis=0))
    if rows.size == 0:
        return box
    return Box(box.left + int(cols[0]), box.top + int(rows[0]),
               int(cols[-1] - cols[0]) + 1, int(rows[-1] - rows[0]) + 1)
