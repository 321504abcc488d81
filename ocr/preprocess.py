"""Find the card in a photo, straighten it and make its text easy for Tesseract.

Steps, each cheap (< 100 ms on two cores):

1. *Find the card*: on a small copy, segment the card from the desk several ways (Otsu on
   grey, distance from the border colour, closed edges) and keep the most card-like
   quadrilateral; warp it to a rectangle. This removes the background, rotation and most
   of the perspective in one go. Scans whose card fills the frame keep the whole image.
2. *Deskew* what is left (scans, or a card edge that was missed) from the text itself.
3. *Normalise*: text dark on light everywhere (dark cards and coloured header bands are
   inverted locally), uneven light and vignettes divided out, and the card scaled so that
   small print is tall enough for Tesseract's LSTM.

The transform is kept so boxes found on the normalised card map back to the caller's
photo for the review screen.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image

from ocr import imaging
from ocr.fields import Box

log = logging.getLogger(__name__)

# One loose alias keeps the signatures readable: the arrays here are uint8 images,
# float masks and small float matrices.
Array = npt.NDArray[Any]

_DETECT_SIDE = 640  # long side of the copy used to find the card
#: Long side of the normalised card. Small print on a photographed card is ~10 px high at
#: capture; Tesseract reads best at 20-30 px, and time grows with the pixel count.
TARGET_LONG_SIDE = 1800
_MIN_CARD_SHARE = 0.12  # of the photo's area
_MAX_CARD_SHARE = 0.97  # beyond this the "card" is the frame itself
#: Cards are 1.4-1.9 times as long as wide (ISO 7810, US, China); a much longer blob is a
#: coloured header band or a strip of the desk, not the card.
_MAX_CARD_ASPECT = 2.4
#: The proportions of real cards (ISO 7810 1.59, US 1.75, China 1.64, Japan 1.65), with
#: room for perspective.
_CARD_ASPECT = (1.4, 1.95)
#: Print at least this dark is left as it is: stretching it gains the line finder and
#: Tesseract nothing and amplifies desk texture and paper grain around the card.
_BLACK_ENOUGH = 150
#: A card whose darkest 0.5 % is lighter than this holds no print worth stretching.
_MAX_INK_GREY = 235


@dataclass(frozen=True, slots=True)
class Prepared:
    """The normalised card and how to map its pixels back to the original image."""

    image: Image.Image  # "L" mode, dark text on light
    to_original: Array  # 3x3 homography: normalised card -> original image
    original_size: tuple[int, int]
    card_found: bool

    def map_box(self, box: Box) -> Box:
        corners = np.array(
            [[box.left, box.top], [box.right, box.top],
             [box.right, box.bottom], [box.left, box.bottom]],
            dtype=np.float64,
        )
        mapped = imaging.perspective_transform(corners, self.to_original)
        width, height = self.original_size
        left = int(max(0.0, float(mapped[:, 0].min())))
        top = int(max(0.0, float(mapped[:, 1].min())))
        right = int(min(float(width), float(mapped[:, 0].max())))
        bottom = int(min(float(height), float(mapped[:, 1].max())))
        return Box(left, top, max(0, right - left), max(0, bottom - top))


def prepare(image: Image.Image) -> Prepared:
    """Crop, straighten and normalise a card photo (RGB) for OCR."""
    rgb = np.asarray(image.convert("RGB"))
    quad = find_card(rgb)
    if quad is not None:
        card, to_original = _warp(rgb, quad)
    else:
        card, to_original = rgb, np.eye(3)
    gray = imaging.rgb_to_gray(card)
    angle = estimate_skew(gray)
    if abs(angle) >= 0.3:
        gray, rotation = _rotate(gray, angle)
        to_original = to_original @ np.linalg.inv(rotation)
    gray, scale = _rescale(gray)
    to_original = to_original @ np.diag([1 / scale, 1 / scale, 1.0])
    normalised = normalise(gray)
    log.debug("card found=%s skew=%.2f scale=%.2f", quad is not None, angle, scale)
    return Prepared(
        Image.fromarray(normalised), to_original, (image.width, image.height), quad is not None
    )


# --- 1. finding the card -------------------------------------------------------------


def find_card(rgb: Array) -> Array | None:
    """Return the card's four corners in ``rgb`` pixels, or None when it fills the frame."""
    height, width = rgb.shape[:2]
    scale = _DETECT_SIDE / max(height, width)
    small = imaging.resize(rgb, (round(width * scale), round(height * scale)), "area")
    best: tuple[float, Array] | None = None
    for found in imaging.parallel_map(_best_quad, _card_masks(small)):
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    if best is None:
        return None
    return np.asarray(best[1] / scale, dtype=np.float32)


def _card_masks(small: Array) -> list[Array]:
    """Candidate foreground masks; each works on some desks and fails on others."""
    gray = imaging.gaussian_blur(imaging.rgb_to_gray(small), 5, 0)
    otsu = imaging.threshold_otsu(gray)
    lab = imaging.rgb_to_lab(imaging.gaussian_blur(small, 7, 0)).astype(np.float64)
    border = _border_ring(lab)
    median = np.median(border, axis=0)
    distance = np.linalg.norm(lab - median, axis=2)  # from the desk colour
    masks = [otsu, 255 - otsu, _border_distance_mask(distance),
             _not_desk_mask(distance, border, median)]
    edges = imaging.canny(gray, 40, 120)
    masks.append(imaging.fill_holes(imaging.closing(edges, (9, 9))))
    # Opening removes desk texture; closing fills the card's own text and logos.
    return imaging.parallel_map(
        lambda m: imaging.closing(imaging.opening(m, (7, 7)), (25, 25)), masks)


def _border_distance_mask(distance: Array) -> Array:
    """Pixels whose colour differs from the photo's border (the desk) more than Otsu says."""
    scaled = np.clip(distance * (255.0 / max(1.0, float(distance.max()))), 0, 255)
    return imaging.threshold_otsu(scaled.astype(np.uint8))


def _not_desk_mask(distance: Array, border: Array, median: Array) -> Array:
    """Pixels further from the desk colour than the desk itself ever strays.

    Otsu splits a two-tone card (a coloured header band over white) into two blobs and
    keeps the larger; measured against the desk's own spread, both tones are "not desk",
    so the whole card stays one blob.
    """
    spread = float(np.percentile(np.linalg.norm(border - median, axis=1), 97))
    threshold = max(12.0, 1.3 * spread)
    return np.asarray(np.where(distance > threshold, 255, 0), dtype=np.uint8)


def _border_ring(lab: Array) -> Array:
    """The photo's outer ring of pixels (the desk, when the card lies on one)."""
    ring = max(2, min(lab.shape[:2]) // 25)
    return np.concatenate([
        lab[:ring].reshape(-1, 3), lab[-ring:].reshape(-1, 3),
        lab[:, :ring].reshape(-1, 3), lab[:, -ring:].reshape(-1, 3),
    ])


def _best_quad(mask: Array) -> tuple[float, Array] | None:
    """Score the largest blob as a card: big, rectangular, not touching every edge."""
    contour = imaging.largest_outer_contour(mask)
    if contour is None:
        return None
    area = imaging.contour_area(contour)
    share = area / float(mask.shape[0] * mask.shape[1])
    if not _MIN_CARD_SHARE <= share <= _MAX_CARD_SHARE:
        return None
    rect = imaging.min_area_rect(contour)
    rect_area = rect[1][0] * rect[1][1]
    rectangularity = area / rect_area if rect_area else 0.0
    if rectangularity < 0.88:
        return None
    sides = sorted(rect[1])
    if sides[0] <= 0 or sides[1] / sides[0] > _MAX_CARD_ASPECT:
        return None
    quad = _quad_corners(contour, rect)
    if _touches_frame(quad, mask.shape):
        return None
    # A blob with a card's proportions beats a part of the card (the white below a
    # coloured band) that happens to be as rectangular.
    card_like = _CARD_ASPECT[0] <= sides[1] / sides[0] <= _CARD_ASPECT[1]
    return rectangularity + 0.3 * share + (0.05 if card_like else 0.0), quad


def _quad_corners(contour: Array, rect: imaging.RotatedRect) -> Array:
    """Four corners: the polygon's when it simplifies to four (keeps perspective), else
    the minimum-area rectangle's."""
    hull = imaging.convex_hull(contour)
    perimeter = imaging.arc_length(hull, closed=True)
    for epsilon in (0.02, 0.03, 0.045):
        poly = imaging.approx_poly(hull, epsilon * perimeter)
        if len(poly) == 4:
            return _order_corners(poly.reshape(4, 2).astype(np.float32))
    return _order_corners(imaging.box_points(rect).astype(np.float32))


def _touches_frame(quad: Array, shape: tuple[int, ...]) -> bool:
    """A blob hugging three or more edges of the photo is the frame, not a card."""
    height, width = shape[:2]
    margin = 3
    touching = [
        bool((quad[:, 0] <= margin).any()), bool((quad[:, 0] >= width - 1 - margin).any()),
        bool((quad[:, 1] <= margin).any()), bool((quad[:, 1] >= height - 1 - margin).any()),
    ]
    return sum(touching) >= 3


def _order_corners(points: Array) -> Array:
    """Top-left, top-right, bottom-right, bottom-left."""
    sums = points.sum(axis=1)
    diffs = np.diff(points, axis=1).reshape(-1)
    return np.array(
        [points[np.argmin(sums)], points[np.argmin(diffs)],
         points[np.argmax(sums)], points[np.argmax(diffs)]],
        dtype=np.float32,
    )


def _warp(
    rgb: Array, quad: Array
) -> tuple[Array, Array]:
    top_left, top_right, bottom_right, bottom_left = quad
    width = max(np.linalg.norm(top_right - top_left), np.linalg.norm(bottom_right - bottom_left))
    height = max(np.linalg.norm(bottom_left - top_left), np.linalg.norm(bottom_right - top_right))
    # Trim a sliver so the card's own edge and its shadow do not become OCR noise.
    inset = 0.012 * min(width, height)
    target = np.array(
        [[-inset, -inset], [width + inset, -inset],
         [width + inset, height + inset], [-inset, height + inset]],
        dtype=np.float32,
    )
    size = (round(width), round(height))
    matrix = imaging.perspective_matrix(quad, target)
    card = imaging.warp_perspective(rgb, matrix, size, "cubic", "replicate")
    return np.asarray(card, dtype=np.uint8), np.linalg.inv(matrix)


# --- 2. deskew -------------------------------------------------------------------------


def estimate_skew(gray: Array, max_angle: float = 10.0) -> float:
    """Angle (degrees, counter-clockwise positive) that makes text lines horizontal.

    Projection-profile search: rotated text smears the row sums, straight text makes
    sharp peaks, so the angle with the largest row-sum variance wins.
    """
    small = _shrink(gray, 500)
    ink = _ink_mask(small) > 0
    if ink.sum() < 50:
        return 0.0
    height, width = small.shape
    center = (width / 2, height / 2)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    # Source corners a pixel beyond the ink: nothing outside their image is non-zero.
    corners = np.array([[cols[0] - 1, rows[0] - 1], [cols[-1] + 1, rows[0] - 1],
                        [cols[-1] + 1, rows[-1] + 1], [cols[0] - 1, rows[-1] + 1]], float)

    @functools.cache  # the fine search revisits three angles of the coarse one
    def score(angle: float) -> float:
        matrix = imaging.rotation_matrix(center, angle)
        # Only the window where the rotated ink can land is warped; the rest is zero.
        landed = corners @ matrix[:, :2].T + matrix[:, 2]
        left, top = np.clip(np.floor(landed.min(axis=0)).astype(int) - 1, 0, None)
        right = min(width, int(np.ceil(landed[:, 0].max())) + 2)
        bottom = min(height, int(np.ceil(landed[:, 1].max())) + 2)
        sums = np.zeros(height)
        if right > left and bottom > top:
            window = imaging.warp_affine(ink, matrix, (right - left, bottom - top),
                                         origin=(int(left), int(top)))
            sums[top:bottom] = window.sum(axis=1, dtype=np.float64)
        return float(np.var(sums))

    coarse = _first_best(np.arange(-max_angle, max_angle + 0.01, 1.0).tolist(), score)
    fine = _first_best(np.arange(coarse - 1.0, coarse + 1.01, 0.2).tolist(), score)
    return float(fine)


def _first_best(angles: list[float], score: Callable[[float], float]) -> float:
    """``max(angles, key=score)`` (the first of equal scores), scored on two threads."""
    scores = imaging.parallel_map(score, angles)
    return angles[scores.index(max(scores))]


def _ink_mask(gray: Array) -> Array:
    """Text pixels as 1.0, whatever the polarity, from the local contrast."""
    contrast = np.maximum(imaging.blackhat(gray, (9, 9)), imaging.tophat(gray, (9, 9)))
    return imaging.threshold_otsu(contrast, maxval=1).astype(np.float32)


def _rotate(gray: Array, angle: float) -> tuple[Array, Array]:
    height, width = gray.shape
    matrix = imaging.rotation_matrix((width / 2, height / 2), angle)
    rotated = imaging.warp_affine(gray, matrix, (width, height), "cubic", "replicate")
    return np.asarray(rotated, dtype=np.uint8), np.vstack([matrix, [0.0, 0.0, 1.0]])


# --- 3. normalise ----------------------------------------------------------------------


def _rescale(gray: Array) -> tuple[Array, float]:
    scale = TARGET_LONG_SIDE / max(gray.shape)
    size = (round(gray.shape[1] * scale), round(gray.shape[0] * scale))
    resized = imaging.resize(gray, size, "cubic" if scale > 1 else "area")
    return np.asarray(resized, np.uint8), scale


def normalise(gray: Array) -> Array:
    """Dark text on an even light background.

    The background is estimated with a median far wider than any stroke; where it is dark
    (a dark card, a coloured header band) the pixels are inverted. Then dividing by the
    local maximum removes vignettes, shadow bands and uneven light.
    """
    small = _shrink(gray, 300)
    kernel = min(max(3, (min(small.shape) // 6) | 1), 255)
    flipped = np.where(_dark_background(small, kernel, gray.shape), 255 - gray, gray)
    flipped = flipped.astype(np.uint8)
    stroke = max(15, (max(gray.shape) // 40) | 1)
    light = imaging.dilate(flipped, (stroke, stroke))
    light = imaging.gaussian_blur(light, 0, stroke / 2)
    flat = flipped.astype(np.float64) / np.maximum(light.astype(np.float64), 1.0)
    return _stretch_ink(np.clip(flat * 255.0, 0, 255))


def _dark_background(small: Array, kernel: int, shape: tuple[int, ...]) -> Array:
    """Where the median background, scaled up bilinearly to ``shape``, is below 128.

    Only the side of 128 matters, and a bilinear blend of four medians on one side stays
    on that side: so the exact median is computed only where neighbouring medians
    straddle 128 (a thin band along the edges of dark areas), and elsewhere any value
    on the right side will do."""
    light = imaging.median_at_least(small, kernel, 128)
    padded = np.pad(light, 1, mode="edge")
    mixed = np.zeros(light.shape, bool)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            mixed |= padded[dy:dy + light.shape[0], dx:dx + light.shape[1]] != light
    background = np.where(light, np.uint8(255), np.uint8(0))
    if mixed.any():
        background[mixed] = imaging.median_blur(small, kernel, where=mixed)[mixed]
    full = imaging.resize(background, (shape[1], shape[0]), "linear")
    return np.asarray(full < 128)


def _stretch_ink(flat: Array) -> Array:
    """Stretch so the darkest ink is black: grey print on grey card stock otherwise
    stays a faint 200-on-255 after the flat-field division."""
    darkest = float(np.percentile(flat, 0.5))
    if darkest < _BLACK_ENOUGH or darkest > _MAX_INK_GREY:
        return np.asarray(flat, dtype=np.uint8)  # already black, or no ink at all
    stretched = (flat - darkest) * (255.0 / (255.0 - darkest))
    return np.asarray(np.clip(stretched, 0, 255), dtype=np.uint8)


def _shrink(gray: Array, side: int) -> Array:
    scale = side / max(gray.shape)
    if scale >= 1:
        return gray
    size = (max(1, round(gray.shape[1] * scale)), max(1, round(gray.shape[0] * scale)))
    return np.asarray(imaging.resize(gray, size, "area"), np.uint8)
