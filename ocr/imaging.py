"""The image operations the card pipeline needs, in NumPy, matching OpenCV's.

OpenCV was 150 MiB of the desktop bundle for a dozen calls. Each function here follows
the OpenCV function it replaces (named in its docstring): the same kernel formulas,
fixed-point arithmetic and rounding, pixel-centre conventions and border rules. "Close
enough" is not: the pipeline's thresholds were tuned on OpenCV's output, and one grey
level decides whether a pixel is ink, so a near miss moves a segment or a card corner.

The reference is OpenCV 5 as the opencv-python-headless wheel runs it on x86 (whose
cubic resize goes through IPP, and whose warps sample at unquantised positions). On the
40 sample cards the card corners, skew angles and text segments come out identical to
it, and the normalised card differs by at most a few grey levels on under 0.2 % of its
pixels (cubic rounding).

Everything is vectorised; the Python loops run over contours, hulls, kernel taps and
256-bin histograms, never over pixels. Independent planes and masks run on two threads
(:func:`parallel_map`), as OpenCV threads its own loops.
"""

from __future__ import annotations

import functools
import itertools
import math
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal, TypeVar

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[Any]
U8 = npt.NDArray[np.uint8]
F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
Interpolation = Literal["area", "cubic", "linear"]
Border = Literal["constant", "replicate"]
#: (centre, (width, height), angle in degrees), like cv2.minAreaRect's result.
RotatedRect = tuple[tuple[float, float], tuple[float, float], float]

_T = TypeVar("_T")
_R = TypeVar("_R")


_POOL_PREFIX = "ocr-imaging"


@functools.cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix=_POOL_PREFIX)


def parallel_map(function: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]:
    """``[function(item) for item in items]`` on two threads. NumPy releases the GIL in
    its loops over large arrays, so independent planes or masks run on both cores
    (OpenCV threads its own loops; without this a port of it would use one core)."""
    # Inside a worker (a nested call) the pool may be busy with our own callers: waiting
    # on it could deadlock, so nested calls run in place.
    nested = threading.current_thread().name.startswith(_POOL_PREFIX)
    if len(items) < 2 or nested:
        return [function(item) for item in items]
    return list(_pool().map(function, items))


# --- colour --------------------------------------------------------------------------


def rgb_to_gray(rgb: U8) -> U8:
    """cv2.COLOR_RGB2GRAY: BT.601 weights in 14-bit fixed point, rounded."""
    r, g, b = (rgb[..., i].astype(np.int32) for i in range(3))
    return ((r * 4899 + g * 9617 + b * 1868 + (1 << 13)) >> 14).astype(np.uint8)


#: sRGB primaries to XYZ, and the D65 white point (OpenCV's sRGB2XYZ_D65, D65).
_RGB_TO_XYZ = np.array([[0.412453, 0.357580, 0.180423],
                        [0.212671, 0.715160, 0.072169],
                        [0.019334, 0.119193, 0.950227]])
_D65 = np.array([0.950456, 1.0, 1.088754])


@functools.cache
def _lab_tables() -> tuple[Array, Array, Array]:
    """OpenCV's 8-bit Lab tables: sRGB gamma scaled to 0..2040, the cube-root curve in
    15-bit fixed point (computed in float32 like OpenCV's softfloat, which decides a few
    roundings), and the XYZ matrix over the white point in 12-bit fixed point; int32
    holds every intermediate."""
    x = np.arange(256, dtype=np.float64) / 255.0
    gamma = np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4)
    gamma_tab = np.rint(255 * 8 * gamma).astype(np.int32)
    t = np.arange(3 * 256 // 2 * 8, dtype=np.float32) * (np.float32(1) / np.float32(255 * 8))
    linear = t * (np.float32(841) / np.float32(108)) + np.float32(16) / np.float32(116)
    curve = np.where(t < np.float32(216) / np.float32(24389), linear, np.cbrt(t))
    cbrt_tab = np.rint(curve.astype(np.float32) * np.float32(1 << 15)).astype(np.int32)
    coeffs = np.rint(4096 * _RGB_TO_XYZ / _D65[:, None]).astype(np.int32)
    return gamma_tab, cbrt_tab, coeffs


def rgb_to_lab(rgb: U8) -> U8:
    """cv2.COLOR_RGB2LAB for 8-bit images (L scaled to 0..255, a and b offset by 128),
    with OpenCV's integer tables: equal to it for every one of the 2**24 colours."""
    gamma, cbrt, c = _lab_tables()
    r, g, b = (gamma[rgb[..., k]] for k in range(3))
    fx, fy, fz = (cbrt[(r * c[i, 0] + g * c[i, 1] + b * c[i, 2] + (1 << 11)) >> 12]
                  for i in range(3))
    lightness = (296 * fy - 1336934 + (1 << 14)) >> 15
    a = (500 * (fx - fy) + (128 << 15) + (1 << 14)) >> 15
    b_ = (200 * (fy - fz) + (128 << 15) + (1 << 14)) >> 15
    return np.asarray(np.clip(np.stack([lightness, a, b_], axis=-1), 0, 255), np.uint8)


# --- thresholds ----------------------------------------------------------------------


def otsu_level(gray: U8) -> int:
    """The threshold cv2.THRESH_OTSU picks: OpenCV's own loop, so ties break alike."""
    hist = np.bincount(gray.ravel(), minlength=256).tolist()
    scale = 1.0 / max(1, gray.size)
    mu = sum(i * h for i, h in enumerate(hist)) * scale
    mu1 = q1 = 0.0
    best, level = 0.0, 0
    for i, count in enumerate(hist):
        p_i = count * scale
        mu1 *= q1
        q1 += p_i
        q2 = 1.0 - q1
        if min(q1, q2) < 1.1920929e-07 or max(q1, q2) > 1.0 - 1.1920929e-07:
            continue
        mu1 = (mu1 + i * p_i) / q1
        mu2 = (mu - q1 * mu1) / q2
        sigma = q1 * q2 * (mu1 - mu2) * (mu1 - mu2)
        if sigma > best:
            best, level = sigma, i
    return level


def threshold(gray: U8, level: int, maxval: int = 255, invert: bool = False) -> U8:
    """cv2.THRESH_BINARY (``invert``: _INV): ``maxval`` where gray > level."""
    above = gray > level
    return np.where(above != invert, np.uint8(maxval), np.uint8(0)).astype(np.uint8)


def threshold_otsu(gray: U8, maxval: int = 255, invert: bool = False) -> U8:
    """cv2.threshold(gray, 0, maxval, THRESH_BINARY[_INV] + THRESH_OTSU)[1]."""
    return threshold(gray, otsu_level(gray), maxval, invert)


def box_mean(gray: U8, size: int) -> U8:
    """cv2.boxFilter(normalize=True, BORDER_REPLICATE) on uint8: the rounded window mean."""
    half = size // 2
    padded = np.pad(gray, half, mode="edge")
    height, width = gray.shape
    area = size * size

    def band(rows: range) -> U8:
        """Means of output rows ``rows``, from their own slice of the padded image."""
        part = padded[rows.start:rows.stop + size - 1].astype(np.int32)
        integral = np.zeros((part.shape[0] + 1, part.shape[1] + 1), np.int32)
        integral[1:, 1:] = part.cumsum(0).cumsum(1)
        n = len(rows)
        sums = (integral[size:size + n, size:size + width] - integral[:n, size:size + width]
                - integral[size:size + n, :width] + integral[:n, :width])
        return np.asarray((2 * sums + area) // (2 * area), np.uint8)

    middle = height // 2
    bands = [range(middle), range(middle, height)] if middle else [range(height)]
    return np.concatenate(parallel_map(band, bands), axis=0)


def adaptive_threshold_mean_inv(gray: U8, maxval: int, block: int, c: float) -> U8:
    """cv2.adaptiveThreshold(ADAPTIVE_THRESH_MEAN_C, THRESH_BINARY_INV): ``maxval``
    where a pixel is at least ``c`` darker than its (rounded) neighbourhood mean."""
    mean = box_mean(gray, block).astype(np.int16)
    darker = gray.astype(np.int16) - mean <= -math.floor(c)
    return np.where(darker, np.uint8(maxval), np.uint8(0)).astype(np.uint8)


# --- linear filters ------------------------------------------------------------------

#: OpenCV's fixed kernels for small apertures when sigma is not given.
_SMALL_GAUSSIANS = {
    1: [1.0],
    3: [0.25, 0.5, 0.25],
    5: [0.0625, 0.25, 0.375, 0.25, 0.0625],
    7: [0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125],
}


def gaussian_kernel(ksize: int, sigma: float) -> F64:
    """cv2.getGaussianKernel."""
    if sigma <= 0 and ksize in _SMALL_GAUSSIANS:
        return np.array(_SMALL_GAUSSIANS[ksize])
    sigma = sigma if sigma > 0 else ((ksize - 1) * 0.5 - 1) * 0.3 + 0.8
    x = np.arange(ksize) - (ksize - 1) / 2.0
    kernel = np.exp(-(x * x) / (2.0 * sigma * sigma))
    return np.asarray(kernel / kernel.sum(), np.float64)


def gaussian_blur(image: Array, ksize: int, sigma: float) -> Array:
    """cv2.GaussianBlur with a square aperture (0 = from sigma), BORDER_REFLECT_101.

    uint8 images take OpenCV's bit-exact path: the kernel in 8-bit fixed point (the centre
    tap absorbs the rounding), an exact integer sum per pass and one rounding at the end.
    float32 images are filtered in float32.
    """
    if ksize <= 0:
        ksize = round(sigma * (3 if image.dtype == np.uint8 else 4) * 2 + 1) | 1
    kernel = gaussian_kernel(ksize, sigma)
    if image.dtype == np.uint8:
        fixed = _fixed_point_kernel(kernel)
        passes = _separable(image.astype(np.float32), fixed.astype(np.float32), whole=True)
        # Both passes are exact in float32: every partial sum stays below 2**24.
        return np.asarray((passes.astype(np.int64) + (1 << 15)) >> 16, np.uint8)
    return _separable(image.astype(np.float32), kernel.astype(np.float32), whole=False)


def _fixed_point_kernel(kernel: F64) -> F64:
    """OpenCV's getGaussianKernelFixedPoint_ED: taps in 8-bit fixed point, rounded from
    the outside in with the rounding error carried to the next tap, the centre taking
    what is left so that the taps sum to exactly 1. Zero taps at the ends are dropped."""
    half = len(kernel) // 2
    fixed = np.zeros(len(kernel))
    error = 0.0
    for i in range(half):
        adjusted = kernel[i] * 256.0 + error
        value = float(np.rint(adjusted))
        error = adjusted - value
        fixed[i] = fixed[-1 - i] = value
    fixed[half] = 256.0 - 2.0 * fixed[:half].sum()
    nonzero = np.flatnonzero(fixed)
    trim = int(nonzero[0]) if nonzero.size else 0
    return fixed[trim:len(fixed) - trim]


def _separable(image: F32, kernel: F32, whole: bool) -> F32:
    rows = _correlate(_reflect_101(image, len(kernel) // 2, 1), kernel, 1, whole)
    return _correlate(_reflect_101(rows, len(kernel) // 2, 0), kernel, 0, whole)


def _reflect_101(image: F32, width: int, axis: int) -> F32:
    """Pad by mirroring around the edge pixel (gfedcb|abcdefgh|gfedcba), OpenCV's
    default border; a single pixel can only repeat itself."""
    widths = [(0, 0)] * image.ndim
    widths[axis] = (width, width)
    mode = "reflect" if image.shape[axis] > 1 else "edge"
    return np.pad(image, widths, mode=mode)  # type: ignore[call-overload,no-any-return]


def _correlate(padded: F32, kernel: F32, axis: int, whole: bool = False) -> F32:
    """Valid correlation along ``axis``: shifted sums for a short kernel, FFT for a long
    one. With ``whole`` (the uint8 path: whole numbers whose sums stay below 2**24)
    the FFT's float64 result is rounded, which gives the exact sum."""
    size = len(kernel)
    out_len = padded.shape[axis] - size + 1
    if size <= 15:
        moved = np.moveaxis(padded, axis, -1)
        out = moved[..., 0:out_len] * kernel[0]
        for k in range(1, size):
            out += moved[..., k:k + out_len] * kernel[k]
        return np.moveaxis(out, -1, axis)
    length = _fast_length(padded.shape[axis])
    shape = [1] * padded.ndim
    shape[axis] = -1
    kernel_spectrum = np.fft.rfft(kernel[::-1].astype(np.float64), length).reshape(shape)
    index: list[slice] = [slice(None)] * padded.ndim
    index[axis] = slice(size - 1, size - 1 + out_len)

    def convolve(part: F32) -> F32:
        spectrum = np.fft.rfft(part.astype(np.float64), length, axis=axis) * kernel_spectrum
        out = np.fft.irfft(spectrum, length, axis=axis)[tuple(index)]
        return np.asarray(np.rint(out) if whole else out, np.float32)

    other = 1 - axis if padded.ndim > 1 else 0
    halves = np.array_split(padded, 2, axis=other) if padded.shape[other] > 64 else [padded]
    return np.concatenate(parallel_map(convolve, halves), axis=other)


def _fast_length(n: int) -> int:
    """The smallest 2**a * 3**b * 5**c >= n: the FFT sizes pocketfft is fastest at."""
    best = 1 << (n - 1).bit_length()
    f5 = 1
    while f5 < best:
        f35 = f5
        while f35 < best:
            f = f35
            while f < n:
                f *= 2
            best = min(best, f)
            f35 *= 3
        f5 *= 5
    return best


def median_blur(gray: U8, ksize: int, where: Array | None = None) -> U8:
    """cv2.medianBlur (replicated border, odd ``ksize``), exact.

    With ``where`` (a boolean mask) only those pixels are computed and the rest are 0:
    a large-window median costs ``ksize**2`` per pixel in NumPy, and callers that need
    only part of it (see :func:`median_at_least`) should not pay for all of it."""
    half = ksize // 2
    windows = np.lib.stride_tricks.sliding_window_view(
        np.pad(gray, half, mode="edge"), (ksize, ksize))
    rows, cols = np.nonzero(np.ones(gray.shape, bool) if where is None else where)
    out = np.zeros(gray.shape, np.uint8)
    rank = (ksize * ksize) // 2
    chunk = max(1, 2_000_000 // (ksize * ksize))
    for start in range(0, len(rows), chunk):
        r, c = rows[start:start + chunk], cols[start:start + chunk]
        values = windows[r, c].reshape(len(r), -1)
        out[r, c] = np.partition(values, rank, axis=1)[:, rank]
    return out


def median_at_least(gray: U8, ksize: int, level: int) -> Array:
    """Where cv2.medianBlur(gray, ksize) would be >= ``level``: where at most half the
    window is below it. One box count, whatever the window."""
    half = ksize // 2
    below = np.pad(gray < level, half, mode="edge").astype(np.int32)
    integral = np.zeros((below.shape[0] + 1, below.shape[1] + 1), np.int32)
    integral[1:, 1:] = below.cumsum(0).cumsum(1)
    height, width = gray.shape
    counts = (integral[ksize:ksize + height, ksize:ksize + width]
              - integral[:height, ksize:ksize + width] - integral[ksize:ksize + height, :width]
              + integral[:height, :width])
    return np.asarray(counts <= (ksize * ksize) // 2)


# --- morphology (rectangular kernels) ------------------------------------------------


def _slide(image: U8, size: int, axis: int, op: Callable[[Array, Array], Array],
           fill: int) -> U8:
    """min/max over a window of ``size`` along ``axis``, anchored like OpenCV
    (``size // 2`` before the pixel), with ``fill`` beyond the image (neutral for ``op``).

    Sparse-table doubling: log2(size) whole-image passes whatever the window."""
    if size == 1:
        return image
    anchor = size // 2
    widths = [(0, 0)] * image.ndim
    widths[axis] = (anchor, size - 1 - anchor)
    table = np.moveaxis(np.pad(image, widths, constant_values=fill), axis, 0)
    length = image.shape[axis]
    span = 1
    while span * 2 <= size:
        table = op(table[:-span], table[span:])
        span *= 2
    out = op(table[:length], table[size - span:size - span + length])
    return np.ascontiguousarray(np.moveaxis(out, 0, axis))


def erode(image: U8, shape: tuple[int, int]) -> U8:
    """cv2.erode with np.ones(shape) (rows, columns); the border never erodes."""
    rows = _slide(image, shape[0], 0, np.minimum, 255)
    return _slide(rows, shape[1], 1, np.minimum, 255)


def dilate(image: U8, shape: tuple[int, int]) -> U8:
    """cv2.dilate with np.ones(shape) (rows, columns); the border never dilates."""
    rows = _slide(image, shape[0], 0, np.maximum, 0)
    return _slide(rows, shape[1], 1, np.maximum, 0)


def opening(image: U8, shape: tuple[int, int]) -> U8:
    """cv2.MORPH_OPEN."""
    return dilate(erode(image, shape), shape)


def closing(image: U8, shape: tuple[int, int]) -> U8:
    """cv2.MORPH_CLOSE."""
    return erode(dilate(image, shape), shape)


def tophat(image: U8, shape: tuple[int, int]) -> U8:
    """cv2.MORPH_TOPHAT: what opening removes (small bright details)."""
    return _subtract(image, opening(image, shape))


def blackhat(image: U8, shape: tuple[int, int]) -> U8:
    """cv2.MORPH_BLACKHAT: what closing fills (small dark details)."""
    return _subtract(closing(image, shape), image)


def _subtract(a: U8, b: U8) -> U8:
    """Saturating a - b (an even kernel's opening is not below the image everywhere)."""
    return np.where(a > b, a - b, np.uint8(0)).astype(np.uint8)


# --- resize --------------------------------------------------------------------------

_COEF_BITS = 11  # OpenCV's INTER_RESIZE_COEF_BITS


def _cubic_coefficients(x: F32) -> list[F32]:
    """OpenCV's interpolateCubic (a = -0.75) in float32, for an array of fractions."""
    a = np.float32(-0.75)
    one = np.float32(1.0)
    x = x.astype(np.float32)
    c0 = ((a * (x + one) - np.float32(5) * a) * (x + one) + np.float32(8) * a) * (x + one) \
        - np.float32(4) * a
    c1 = ((a + np.float32(2)) * x - (a + np.float32(3))) * x * x + one
    c2 = ((a + np.float32(2)) * (one - x) - (a + np.float32(3))) * (one - x) * (one - x) + one
    c3 = one - c0 - c1 - c2
    return [c0, c1, c2, c3]


def _interpolation_taps(src: int, dst: int, kind: Interpolation, horizontal: bool
                        ) -> tuple[I64, F32]:
    """Source indices (clamped) and float weights per output index, for OpenCV's
    linear/cubic resize and its INTER_AREA stand-in when enlarging. Horizontally a
    linear tap beyond the edge becomes the edge pixel with weight 1; vertically OpenCV
    keeps the weights and clamps the rows, which rounds differently."""
    inv_scale = dst / src
    scale = 1.0 / inv_scale
    out = np.arange(dst, dtype=np.float64)
    if kind == "area":
        start = np.floor(out * scale).astype(np.int64)
        frac = ((out + 1) - (start + 1) * inv_scale).astype(np.float32)
        frac = np.where(frac <= 0, np.float32(0), frac - np.floor(frac)).astype(np.float32)
    else:
        centre = ((out + 0.5) * scale - 0.5).astype(np.float32)
        start = np.floor(centre).astype(np.int64)
        frac = (centre - start.astype(np.float32)).astype(np.float32)
    if kind == "cubic":
        weights = np.stack(_cubic_coefficients(frac), axis=-1)
        index = start[:, None] + np.arange(-1, 3)
    else:
        if horizontal:
            outside = (start < 0) | (start >= src - 1)
            frac = np.where(outside, np.float32(0), frac).astype(np.float32)
            start = np.clip(start, 0, src - 1)
        weights = np.stack([np.float32(1) - frac, frac], axis=-1).astype(np.float32)
        index = start[:, None] + np.arange(2)
    return np.clip(index, 0, src - 1), weights


@functools.lru_cache(maxsize=16)
def _area_taps(src: int, dst: int) -> tuple[I64, F32]:
    """OpenCV's computeResizeAreaTab: each output pixel's share of the source pixels."""
    scale = src / dst
    taps: list[list[tuple[int, float]]] = []
    for dx in range(dst):
        fsx1 = dx * scale
        fsx2 = fsx1 + scale
        cell = min(scale, src - fsx1)
        sx1, sx2 = math.ceil(fsx1), math.floor(fsx2)
        sx2 = min(sx2, src - 1)
        sx1 = min(sx1, sx2)
        row: list[tuple[int, float]] = []
        if sx1 - fsx1 > 1e-3:
            row.append((sx1 - 1, (sx1 - fsx1) / cell))
        row.extend((sx, 1.0 / cell) for sx in range(sx1, sx2))
        if fsx2 - sx2 > 1e-3:
            row.append((sx2, min(min(fsx2 - sx2, 1.0), cell) / cell))
        taps.append(row)
    width = max(len(row) for row in taps)
    index = np.zeros((dst, width), np.int64)
    weights = np.zeros((dst, width), np.float32)
    for dx, row in enumerate(taps):
        for k, (sx, alpha) in enumerate(row):
            index[dx, k], weights[dx, k] = sx, alpha
    return index, weights


def _apply(image: Array, index: I64, weights: Array, axis: int) -> Array:
    """Weighted sum of gathered source pixels along ``axis``, tap after tap (the order
    OpenCV accumulates in, which matters in float32)."""
    shape = [1] * image.ndim
    shape[axis] = index.shape[0]
    out: Array | None = None
    for k in range(index.shape[1]):
        part = np.multiply(np.take(image, index[:, k], axis=axis), weights[:, k].reshape(shape),
                           dtype=weights.dtype)
        if out is None:
            out = part
        else:
            out += part
    assert out is not None
    return out


def resize(image: Array, size: tuple[int, int], interpolation: Interpolation) -> Array:
    """cv2.resize to ``size`` (width, height) with INTER_AREA, INTER_CUBIC or INTER_LINEAR,
    for uint8 (OpenCV's fixed-point arithmetic) and float32 images."""
    width, height = size
    src_h, src_w = image.shape[:2]
    if (width, height) == (src_w, src_h):
        return image.copy()
    if interpolation == "area" and src_w >= width and src_h >= height:
        if src_w % width == 0 and src_h % height == 0:
            return _area_fast(image, src_w // width, src_h // height)
        return _area_shrink(image, width, height)
    if interpolation == "linear" and src_w == 2 * width and src_h == 2 * height:
        return _area_fast(image, 2, 2)
    if interpolation == "cubic" and image.dtype == np.uint8:
        return _cubic_uint8(image, width, height)
    x_index, x_weights = _interpolation_taps(src_w, width, interpolation, True)
    y_index, y_weights = _interpolation_taps(src_h, height, interpolation, False)
    if image.dtype != np.uint8:
        rows = _apply(image, x_index, x_weights, 1)
        return np.asarray(_apply(rows, y_index, y_weights, 0), np.float32)
    scale = np.float32(1 << _COEF_BITS)
    x_fixed = np.rint(x_weights * scale).astype(np.int32)
    y_fixed = np.rint(y_weights * scale).astype(np.int32)
    rows = _apply(image, x_index, x_fixed, 1)  # at most 255 * 2048: int32 is exact
    # OpenCV's SIMD vertical pass: 16-bit products of the rows shifted by 4, high halves
    # kept, then rounded by 2 bits.
    first = np.take(rows, y_index[:, 0], axis=0) >> 4
    second = np.take(rows, y_index[:, 1], axis=0) >> 4
    shape = (-1,) + (1,) * (image.ndim - 1)
    total = ((first * y_fixed[:, 0].reshape(shape)) >> 16) + \
        ((second * y_fixed[:, 1].reshape(shape)) >> 16)
    return np.asarray(np.clip((total + 2) >> 2, 0, 255), np.uint8)


def _cubic_uint8(image: U8, width: int, height: int) -> U8:
    """Bicubic resize of uint8 as OpenCV runs it on x86 (through IPP): the a = -0.75
    weights from double precision positions, both passes unrounded (float32: as close
    to IPP as float64, at half the cost), one rounding at the end."""
    src_h, src_w = image.shape[:2]
    x_index, x_weights = _cubic_taps(src_w, width)
    y_index, y_weights = _cubic_taps(src_h, height)
    x_weights, y_weights = x_weights.astype(np.float32), y_weights.astype(np.float32)
    rows = _apply(image, x_index, x_weights, 1)
    total = _apply(rows, y_index, y_weights, 0)
    return np.clip(np.rint(total), 0, 255).astype(np.uint8)


def _cubic_taps(src: int, dst: int) -> tuple[I64, F64]:
    centre = (np.arange(dst) + 0.5) * (src / dst) - 0.5
    start = np.floor(centre)
    x = centre - start
    a = -0.75
    c0 = ((a * (x + 1) - 5 * a) * (x + 1) + 8 * a) * (x + 1) - 4 * a
    c1 = ((a + 2) * x - (a + 3)) * x * x + 1
    c2 = ((a + 2) * (1 - x) - (a + 3)) * (1 - x) * (1 - x) + 1
    weights = np.stack([c0, c1, c2, 1 - c0 - c1 - c2], axis=-1)
    index = start.astype(np.int64)[:, None] + np.arange(-1, 3)
    return np.clip(index, 0, src - 1), np.asarray(weights, np.float64)


def _area_fast(image: Array, fx: int, fy: int) -> Array:
    """INTER_AREA by a whole factor: the block mean (2x2 rounds half up, like OpenCV's
    SIMD path; other factors round the float mean)."""
    height, width = image.shape[0] // fy, image.shape[1] // fx
    blocks = image[:height * fy, :width * fx].reshape(height, fy, width, fx, *image.shape[2:])
    if image.dtype != np.uint8:
        return np.asarray(blocks.astype(np.float32).mean(axis=(1, 3)), np.float32)
    sums = blocks.astype(np.int64).sum(axis=(1, 3))
    if fx == fy == 2:
        return np.asarray((sums + 2) >> 2, np.uint8)
    mean = sums.astype(np.float32) * np.float32(1.0 / (fx * fy))
    return np.asarray(np.clip(np.rint(mean), 0, 255), np.uint8)


def _area_shrink(image: Array, width: int, height: int) -> Array:
    """INTER_AREA by a fractional factor: float32 sums in OpenCV's order, then rounded."""
    if image.ndim == 3:  # channels are independent: one per thread
        planes = [np.ascontiguousarray(image[..., c]) for c in range(image.shape[2])]
        return np.stack(parallel_map(lambda p: _area_shrink(p, width, height), planes), -1)
    x_index, x_weights = _area_taps(image.shape[1], width)
    y_index, y_weights = _area_taps(image.shape[0], height)
    rows = _apply(image, x_index, x_weights, 1)
    total = _apply(rows, y_index, y_weights, 0)
    if image.dtype != np.uint8:
        return np.asarray(total, np.float32)
    return np.clip(np.rint(total), 0, 255).astype(np.uint8)


# --- geometric transforms ------------------------------------------------------------

def rotation_matrix(center: tuple[float, float], angle: float, scale: float = 1.0) -> F64:
    """cv2.getRotationMatrix2D: counter-clockwise ``angle`` degrees about ``center``."""
    radians = math.radians(angle)
    alpha, beta = math.cos(radians) * scale, math.sin(radians) * scale
    cx, cy = center
    return np.array([[alpha, beta, (1 - alpha) * cx - beta * cy],
                     [-beta, alpha, beta * cx + (1 - alpha) * cy]])


def perspective_matrix(src: Array, dst: Array) -> F64:
    """cv2.getPerspectiveTransform: the homography taking the four ``src`` points to
    ``dst``."""
    a = np.zeros((8, 8))
    b = np.zeros(8)
    for i, ((x, y), (u, v)) in enumerate(zip(np.asarray(src, np.float64),
                                             np.asarray(dst, np.float64), strict=True)):
        a[i] = [x, y, 1, 0, 0, 0, -x * u, -y * u]
        a[i + 4] = [0, 0, 0, x, y, 1, -x * v, -y * v]
        b[i], b[i + 4] = u, v
    solution = np.linalg.solve(a, b)
    return np.append(solution, 1.0).reshape(3, 3)


def perspective_transform(points: Array, matrix: Array) -> F64:
    """cv2.perspectiveTransform for an (N, 2) array of points."""
    pts = np.asarray(points, np.float64).reshape(-1, 2)
    mapped = np.column_stack([pts, np.ones(len(pts))]) @ np.asarray(matrix, np.float64).T
    w = mapped[:, 2:3]
    safe = np.where(np.abs(w) > np.finfo(np.float64).eps, w, np.inf)
    return np.asarray(mapped[:, :2] / safe, np.float64)


def warp_affine(image: Array, matrix: Array, size: tuple[int, int],
                interpolation: Literal["linear", "cubic"] = "linear",
                border: Border = "constant", origin: tuple[int, int] = (0, 0)) -> Array:
    """cv2.warpAffine (``matrix`` maps source to destination; border value 0).

    A boolean mask is sampled as 0.0/1.0 into float32, like warping the mask as float32
    but faster (its pixels pack four to a gather). With ``origin`` only the ``size``
    window of the destination starting there is computed, each pixel exactly as in the
    whole warp."""
    m = np.asarray(matrix, np.float64)
    inverse = np.linalg.inv(np.vstack([m, [0.0, 0.0, 1.0]]))[:2]
    width, height = size
    xs = np.arange(origin[0], origin[0] + width, dtype=np.float64)
    ys = np.arange(origin[1], origin[1] + height, dtype=np.float64)[:, None]
    sx = (inverse[0, 0] * xs).astype(np.float32) + \
        (inverse[0, 1] * ys + inverse[0, 2]).astype(np.float32)
    sy = (inverse[1, 0] * xs).astype(np.float32) + \
        (inverse[1, 1] * ys + inverse[1, 2]).astype(np.float32)
    return _remap(image, sx, sy, interpolation, border)


def warp_perspective(image: Array, matrix: Array, size: tuple[int, int],
                     interpolation: Literal["linear", "cubic"] = "cubic",
                     border: Border = "replicate") -> Array:
    """cv2.warpPerspective (``matrix`` maps source to destination)."""
    inverse = np.linalg.inv(np.asarray(matrix, np.float64))
    width, height = size
    xs = np.arange(width, dtype=np.float64)[None, :]
    ys = np.arange(height, dtype=np.float64)[:, None]
    w = inverse[2, 0] * xs + (inverse[2, 1] * ys + inverse[2, 2])
    w = np.where(w != 0, 1.0 / np.where(w != 0, w, 1.0), 0.0)
    sx = (inverse[0, 0] * xs + (inverse[0, 1] * ys + inverse[0, 2])) * w
    sy = (inverse[1, 0] * xs + (inverse[1, 1] * ys + inverse[1, 2])) * w
    return _remap(image, sx.astype(np.float32), sy.astype(np.float32), interpolation, border)


def _remap(image: Array, sx: F32, sy: F32, kind: Literal["linear", "cubic"],
           border: Border) -> Array:
    """Sample ``image`` at the source positions ``sx``, ``sy`` as OpenCV 5's warps do:
    unquantised positions, separable tap weights, uint8 rounded once at the end.

    The image is padded by a few pixels (edge copies, or zeros) and each tap block's
    corner clamped into the padding: a block wholly outside the image then reads only
    padding, which is what per-tap clamping (or the zero border) gives."""
    taps = 4 if kind == "cubic" else 2
    lead = 1 if kind == "cubic" else 0  # taps before the sample's own pixel
    height, width = image.shape[:2]
    padded_w = width + 2 * taps
    x0, y0 = np.floor(sx), np.floor(sy)
    fx, fy = (sx - x0).ravel(), (sy - y0).ravel()
    # Tap block corners, clamped into the padding.
    bx = np.clip(x0.astype(np.int32).ravel(), lead - taps, width + lead) + (taps - lead)
    by = np.clip(y0.astype(np.int32).ravel(), lead - taps, height + lead) + (taps - lead)
    base = by * np.int32(padded_w) + bx
    wx, wy = parallel_map(lambda f: _tap_weights(f, kind), [fx, fy])
    mode = "edge" if border == "replicate" else "constant"
    planes = [image] if image.ndim == 2 else [image[..., c] for c in range(image.shape[2])]

    def sample(plane: Array) -> Array:
        padded = np.pad(plane, taps, mode=mode)  # type: ignore[call-overload]
        gather = _row_gatherer(padded, taps)
        total: F32 | None = None
        for i in range(taps):
            block = gather(base + np.int32(i * padded_w))  # tap row i: (N, >= taps)
            row = np.multiply(block[:, 0], wx[0], dtype=np.float32)
            for j in range(1, taps):
                row += np.multiply(block[:, j], wx[j], dtype=np.float32)
            row *= wy[i]
            total = row if total is None else total + row
        assert total is not None
        result = total.reshape(sx.shape)
        if image.dtype == np.uint8:
            return np.asarray(np.clip(np.rint(result), 0, 255), np.uint8)
        return result

    out = parallel_map(sample, planes)
    return out[0] if image.ndim == 2 else np.stack(out, axis=-1)


def _tap_weights(frac: F32, kind: Literal["linear", "cubic"]) -> list[F32]:
    if kind == "cubic":
        return _cubic_coefficients(frac)
    return [np.float32(1) - frac, frac]


def _row_gatherer(padded: Array, taps: int) -> Callable[[Array], Array]:
    """A gatherer of ``taps`` consecutive pixels from flat indices. uint8 pixels (and
    boolean masks) are packed four to an int, so that one gather fetches a tap row."""
    flat = padded.ravel()
    if padded.dtype in (np.uint8, np.bool_) and taps <= 4:
        spread = np.zeros(flat.size + 3, np.uint32)
        spread[:flat.size] = flat.astype(np.uint8)
        packed = spread[:flat.size] | (spread[1:flat.size + 1] << 8) | \
            (spread[2:flat.size + 2] << 16) | (spread[3:flat.size + 3] << 24)

        def gather_packed(index: Array) -> Array:
            return packed[index].view(np.uint8).reshape(-1, 4)

        return gather_packed
    windows = np.lib.stride_tricks.sliding_window_view(
        np.concatenate([flat, np.zeros(taps, flat.dtype)]), taps)

    def gather(index: Array) -> Array:
        return np.asarray(windows[index])

    return gather


# --- connected components ------------------------------------------------------------


def _runs(mask: Array) -> tuple[I64, I64, I64]:
    """Horizontal runs of a boolean mask, in raster order: row, first and past-last column."""
    height, width = mask.shape
    padded = np.zeros((height, width + 2), np.int8)
    padded[:, 1:-1] = mask
    # Starts and ends alternate in raster order: one pass finds both.
    edges = np.flatnonzero(np.diff(padded, axis=1)).astype(np.int64)
    rows, starts = np.divmod(edges[0::2], width + 1)
    return rows, starts, edges[1::2] - rows * (width + 1)


def _run_labels(rows: I64, starts: I64, ends: I64, width: int, connectivity: int) -> I64:
    """Component of each run (0-based, in OpenCV's order)."""
    count = len(rows)
    if count == 0:
        return np.zeros(0, np.int64)
    slack = 1 if connectivity == 8 else 0
    stride = width + 4
    key_start, key_end = rows * stride + starts, rows * stride + ends
    # Runs of the next row that touch each run: a contiguous range of the run list.
    lo = np.searchsorted(key_end, (rows + 1) * stride + starts - slack, side="right")
    hi = np.searchsorted(key_start, (rows + 1) * stride + ends + slack, side="left")
    spans = np.maximum(hi - lo, 0)
    a = np.repeat(np.arange(count), spans)
    b = np.repeat(lo, spans) + (np.arange(int(spans.sum())) - np.repeat(np.cumsum(spans) - spans,
                                                                        spans))
    parent = np.arange(count)
    while True:
        root_a, root_b = parent[a], parent[b]
        differ = root_a != root_b
        if not differ.any():
            break
        np.minimum.at(parent, np.maximum(root_a[differ], root_b[differ]),
                      np.minimum(root_a[differ], root_b[differ]))
        while True:  # pointer jumping until every run points at its root
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped
    roots, inverse = np.unique(parent, return_inverse=True)
    # OpenCV numbers components in scan order: by pixel for 4-connectivity, by 2x2
    # block for 8-connectivity (its block-based scan; one block never holds two).
    if connectivity == 8:
        key = (rows // 2) * (width + 2) + starts // 2
    else:
        key = rows * (width + 2) + starts
    first = np.full(len(roots), np.iinfo(np.int64).max)
    np.minimum.at(first, inverse, key)
    rank = np.empty(len(roots), np.int64)
    rank[np.argsort(first)] = np.arange(len(roots))
    return np.asarray(rank[inverse], np.int64)


def connected_components(mask: Array, connectivity: int = 8, with_labels: bool = False
                         ) -> tuple[int, Array | None, I64]:
    """cv2.connectedComponentsWithStats for a binary image (non-zero is foreground).

    Returns (count, labels or None, stats) with stats rows [left, top, width, height,
    area] and row 0 the background, like OpenCV, and components numbered in the same
    order."""
    height, width = mask.shape
    rows, starts, ends = _runs(mask != 0)
    run_label = _run_labels(rows, starts, ends, width, connectivity) + 1
    count = int(run_label.max()) + 1 if len(run_label) else 1
    stats = np.zeros((count, 5), np.int64)
    if len(run_label):
        lengths = ends - starts
        left = np.full(count, width, np.int64)
        top = np.full(count, height, np.int64)
        right = np.zeros(count, np.int64)
        bottom = np.zeros(count, np.int64)
        np.minimum.at(left, run_label, starts)
        np.minimum.at(top, run_label, rows)
        np.maximum.at(right, run_label, ends)
        np.maximum.at(bottom, run_label, rows + 1)
        stats[:, 0], stats[:, 1] = left, top
        stats[:, 2], stats[:, 3] = right - left, bottom - top
        stats[:, 4] = np.bincount(run_label, weights=lengths, minlength=count).astype(np.int64)
    stats[0] = [0, 0, width, height, height * width - int(stats[1:, 4].sum())]
    labels = None
    if with_labels:
        flat = np.zeros(height * width, np.int32)
        lengths = ends - starts
        offsets = np.repeat(rows * width + starts - (np.cumsum(lengths) - lengths), lengths)
        flat[offsets + np.arange(int(lengths.sum()))] = np.repeat(run_label, lengths)
        labels = flat.reshape(height, width)
    return count, labels, stats


def fill_holes(mask: Array) -> U8:
    """255 everywhere except the background reachable from outside the image (through
    4-connected pixels): what drawing every external contour filled
    (cv2.findContours RETR_EXTERNAL + cv2.drawContours FILLED) covers."""
    _, labels, _ = connected_components(mask == 0, connectivity=4, with_labels=True)
    assert labels is not None
    outside = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    outer = np.isin(labels, outside[outside > 0])
    return np.where(outer, np.uint8(0), np.uint8(255)).astype(np.uint8)


# --- contours ------------------------------------------------------------------------

#: Chain codes as OpenCV numbers them (0 = east, counter-clockwise on screen): (dx, dy).
_CHAIN = ((1, 0), (1, -1), (0, -1), (-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1))


def largest_outer_contour(mask: Array) -> Array | None:
    """The external contour (cv2.findContours RETR_EXTERNAL, CHAIN_APPROX_SIMPLE) with
    the largest area, as an (N, 2) int array of x, y; None for an empty mask.

    Components are compared by the area their outer boundary encloses (Pick's theorem on
    the filled component: pixels minus half the boundary pixels, minus one); only the
    winner is traced."""
    filled = fill_holes(mask) > 0
    count, labels, stats = connected_components(filled, 8, with_labels=True)
    if count < 2:
        return None
    assert labels is not None
    padded = np.pad(labels, 1)
    inner = padded[1:-1, 1:-1]
    boundary = (inner > 0) & ((padded[:-2, 1:-1] != inner) | (padded[2:, 1:-1] != inner)
                              | (padded[1:-1, :-2] != inner) | (padded[1:-1, 2:] != inner))
    edge_pixels = np.bincount(inner[boundary], minlength=count)
    enclosed = stats[:, 4] - edge_pixels / 2.0 - 1.0
    enclosed[0] = -np.inf
    best = int(np.argmax(enclosed))
    return trace_outer(np.pad(labels == best, 1), int(stats[best, 0]), int(stats[best, 1]))


def trace_outer(component: Array, left: int, top: int) -> Array:
    """Follow the outer border of the one component in ``component`` (a boolean image
    padded by one pixel) the way OpenCV does: from its top-left pixel, counter-clockwise
    on screen, keeping only the points where the direction changes."""
    width = component.shape[1]
    flat = component.ravel().tolist()
    steps = [dy * width + dx for dx, dy in _CHAIN]
    row = top + 1
    col = left + 1 + int(np.argmax(component[row, left + 1:]))
    start = row * width + col
    code = 4
    while True:  # clockwise from the west for the previous pixel on the border
        code = (code - 1) & 7
        if flat[start + steps[code]] or code == 4:
            break
    if code == 4 and not flat[start + steps[4]]:
        return np.array([[col - 1, row - 1]], np.int64)
    previous = start + steps[code]
    prev_code = code ^ 4
    points: list[tuple[int, int]] = []
    here, x, y = start, col - 1, row - 1
    while True:
        for _ in range(8):
            code = (code + 1) & 7
            nxt = here + steps[code]
            if flat[nxt]:
                break
        if code != prev_code:
            points.append((x, y))
            prev_code = code
        x += _CHAIN[code][0]
        y += _CHAIN[code][1]
        if nxt == start and here == previous:
            break
        here = nxt
        code = (code + 4) & 7
    return np.array(points, np.int64)


def contour_area(points: Array) -> float:
    """cv2.contourArea: the polygon's area (shoelace), unsigned."""
    pts = np.asarray(points, np.float64).reshape(-1, 2)
    x, y = pts[:, 0], pts[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2.0)


def arc_length(points: Array, closed: bool = True) -> float:
    """cv2.arcLength."""
    pts = np.asarray(points, np.float64).reshape(-1, 2)
    if len(pts) < 2:
        return 0.0
    steps = np.diff(np.vstack([pts, pts[:1]]) if closed else pts, axis=0)
    return float(np.hypot(steps[:, 0], steps[:, 1]).sum())


def _sklansky(pts: list[tuple[int, int]], start: int, end: int, nsign: int, sign2: int
              ) -> list[int]:
    """One quarter of OpenCV's Sklansky hull over points sorted by (x, y)."""
    incr = 1 if end > start else -1
    if start == end or pts[start] == pts[end]:
        return [start]
    pprev, pcur, pnext = start, start + incr, start + 2 * incr
    stack = [pprev, pcur, pnext]
    end += incr
    while pnext != end:
        if pts[pcur] == pts[pnext]:
            pnext += incr
            stack[-1] = pnext
            continue
        by = pts[pnext][1] - pts[pcur][1]
        if (by > 0) - (by < 0) != nsign:
            ax, ay = pts[pcur][0] - pts[pprev][0], pts[pcur][1] - pts[pprev][1]
            bx = pts[pnext][0] - pts[pcur][0]
            convexity = ay * bx - ax * by
            if (convexity > 0) - (convexity < 0) == sign2 and (ax != 0 or ay != 0):
                pprev, pcur = pcur, pnext
                pnext += incr
                stack.append(pnext)
            elif pprev == start:
                pcur = pnext
                stack[1] = pcur
                pnext += incr
                stack[2] = pnext
            else:
                stack[-2] = pnext
                pcur = pprev
                pprev = stack[-4]
                stack.pop()
        else:
            pnext += incr
            stack[-1] = pnext
    return stack[:-1]


def convex_hull(points: Array) -> Array:
    """cv2.convexHull(points) (counter-clockwise flag off): OpenCV's Sklansky scan, its
    vertex order and starting vertex, which cv2.approxPolyDP's result depends on."""
    data = [(int(x), int(y)) for x, y in np.asarray(points).reshape(-1, 2)]
    total = len(data)
    order = sorted(range(total), key=lambda i: (data[i][0], data[i][1], i))
    pts = [data[i] for i in order]
    miny = maxy = 0
    for i in range(1, total):
        if pts[miny][1] > pts[i][1]:
            miny = i
        if pts[maxy][1] < pts[i][1]:
            maxy = i
    if pts[0] == pts[-1]:
        hull = [order[0]]
    else:
        tl = _sklansky(pts, 0, maxy, -1, 1)
        tr = _sklansky(pts, total - 1, maxy, -1, -1)
        tl, tr = tr, tl  # counter-clockwise output
        hull = [order[i] for i in tl[:-1]] + [order[i] for i in tr[:0:-1]]
        stop = tr[1] if len(tr) > 2 else tl[-2] if len(tl) > 2 else -1
        bl = _sklansky(pts, 0, miny, 1, -1)
        br = _sklansky(pts, total - 1, miny, 1, 1)
        if stop >= 0:
            check = bl[1] if len(bl) > 2 else br[2 - len(bl)] if len(bl) + len(br) > 2 else -1
            if check == stop or (check >= 0 and pts[check] == pts[stop]):
                bl, br = bl[:2], br[:2]
        hull += [order[i] for i in bl[:-1]] + [order[i] for i in br[:0:-1]]
        hull = _ascending_rotation(hull)
    return np.array([data[i] for i in hull], np.int64)


def _ascending_rotation(hull: list[int]) -> list[int]:
    """OpenCV's last step: rotate the hull so its contour indices run monotonically."""
    nout = len(hull)
    if nout < 3:
        return hull
    min_idx = max_idx = lt = 0
    for i in range(1, nout):
        lt += hull[i - 1] < hull[i]
        if 1 < lt <= i - 2:
            break
        if hull[i] < hull[min_idx]:
            min_idx = i
        if hull[i] > hull[max_idx]:
            max_idx = i
    distance = abs(max_idx - min_idx)
    if (distance in (1, nout - 1)) and (lt <= 1 or lt >= nout - 2):
        ascending = (max_idx + 1) % nout == min_idx
        first = min_idx if ascending else max_idx
        if first > 0:
            rotated = hull[first:] + hull[:first]
            if all(ascending == (a < b) for a, b in itertools.pairwise(rotated)):
                return rotated
    return hull


def approx_poly(points: Array, epsilon: float) -> Array:
    """cv2.approxPolyDP(points, epsilon, closed=True): OpenCV's Douglas-Peucker with its
    choice of starting points and its final pass over nearly straight vertices."""
    src = [(float(x), float(y)) for x, y in np.asarray(points).reshape(-1, 2)]
    count = len(src)
    if count == 0:
        return np.zeros((0, 2), np.int64)
    eps = epsilon * epsilon
    out: list[tuple[float, float]] = []
    stack: list[tuple[int, int]] = []
    pos, right_start, le_eps = 0, 0, False
    start_pt = src[0]
    for _ in range(3):  # roughly the two farthest points
        pos = (pos + right_start) % count
        start_pt = src[pos]
        pos = (pos + 1) % count
        max_dist = 0.0
        for j in range(1, count):
            pt = src[pos]
            pos = (pos + 1) % count
            dist = (pt[0] - start_pt[0]) ** 2 + (pt[1] - start_pt[1]) ** 2
            if dist > max_dist:
                max_dist, right_start = dist, j
        le_eps = max_dist <= eps
    if le_eps:
        out.append(start_pt)
    else:
        first = pos % count
        second = (right_start + first) % count
        stack += [(second, first), (first, second)]
    while stack:
        s_start, s_end = stack.pop()
        end_pt = src[s_end]
        start_pt = src[s_start]
        pos = (s_start + 1) % count
        if pos != s_end:
            dx, dy = end_pt[0] - start_pt[0], end_pt[1] - start_pt[1]
            seg2 = dx * dx + dy * dy
            best, split = 0.0, s_start
            while pos != s_end:
                pt = src[pos]
                pos = (pos + 1) % count
                proj = (pt[0] - start_pt[0]) * dx + (pt[1] - start_pt[1]) * dy
                if proj < 0:
                    d2 = ((pt[0] - start_pt[0]) ** 2 + (pt[1] - start_pt[1]) ** 2) * seg2
                elif proj > seg2:
                    d2 = ((pt[0] - end_pt[0]) ** 2 + (pt[1] - end_pt[1]) ** 2) * seg2
                else:
                    d2 = ((pt[1] - start_pt[1]) * dx - (pt[0] - start_pt[0]) * dy) ** 2
                if d2 > best:
                    best, split = d2, (pos + count - 1) % count
            le_eps = best <= eps * seg2
        else:
            le_eps = True
        if le_eps:
            out.append(start_pt)
        else:
            stack += [(split, s_end), (s_start, split)]
    return np.array(_drop_straight(out, eps), np.int64).reshape(-1, 2)


def _drop_straight(points: list[tuple[float, float]], eps: float
                   ) -> list[tuple[float, float]]:
    """approxPolyDP's clean-up: remove vertices on an (almost) straight stretch."""
    dst = list(points)
    count = new_count = len(dst)
    pos = count - 1
    start_pt = dst[pos]
    pos = (pos + 1) % count
    wpos = pos
    pt = dst[pos]
    pos = (pos + 1) % count
    i = 0
    while i < count and new_count > 2:
        end_pt = dst[pos]
        pos = (pos + 1) % count
        dx, dy = end_pt[0] - start_pt[0], end_pt[1] - start_pt[1]
        dist = abs((pt[0] - start_pt[0]) * dy - (pt[1] - start_pt[1]) * dx)
        inner = (pt[0] - start_pt[0]) * (end_pt[0] - pt[0]) + \
            (pt[1] - start_pt[1]) * (end_pt[1] - pt[1])
        if dist * dist <= 0.5 * eps * (dx * dx + dy * dy) and dx != 0 and dy != 0 \
                and inner >= 0:
            new_count -= 1
            dst[wpos] = start_pt = end_pt
            wpos = (wpos + 1) % count
            pt = dst[pos]
            pos = (pos + 1) % count
            i += 2
            continue
        dst[wpos] = start_pt = pt
        wpos = (wpos + 1) % count
        pt = end_pt
        i += 1
    return dst[:new_count]


def min_area_rect(points: Array) -> RotatedRect:
    """cv2.minAreaRect: the smallest rotated rectangle around the points (one side
    lies on a hull edge)."""
    hull = convex_hull(points).astype(np.float64)
    if len(hull) == 1:
        return (float(hull[0, 0]), float(hull[0, 1])), (0.0, 0.0), 0.0
    best: tuple[float, RotatedRect] | None = None
    for i in range(len(hull)):
        edge = hull[(i + 1) % len(hull)] - hull[i]
        length = math.hypot(float(edge[0]), float(edge[1]))
        if length == 0:
            continue
        u = edge / length
        v = np.array([-u[1], u[0]])
        along, across = hull @ u, hull @ v
        w = float(along.max() - along.min())
        h = float(across.max() - across.min())
        if best is None or w * h < best[0]:
            centre = u * (along.max() + along.min()) / 2 + v * (across.max() + across.min()) / 2
            angle = math.degrees(math.atan2(float(u[1]), float(u[0])))
            best = w * h, ((float(centre[0]), float(centre[1])), (w, h), angle)
    assert best is not None
    return best[1]


def box_points(rect: RotatedRect) -> F64:
    """cv2.boxPoints: the four corners of a rotated rectangle."""
    (cx, cy), (w, h), angle = rect
    radians = math.radians(angle)
    u = np.array([math.cos(radians), math.sin(radians)]) * w / 2
    v = np.array([-math.sin(radians), math.cos(radians)]) * h / 2
    centre = np.array([cx, cy])
    return np.array([centre - u + v, centre - u - v, centre + u - v, centre + u + v])


# --- edges ---------------------------------------------------------------------------

_TG22 = int(0.4142135623730950488016887242097 * (1 << 15) + 0.5)


def canny(gray: U8, low: float, high: float) -> U8:
    """cv2.Canny(gray, low, high) with the 3x3 Sobel aperture and the L1 gradient:
    non-maximum suppression with OpenCV's integer direction test, then hysteresis as
    the 8-connected groups of candidates that hold a strong pixel."""
    g = np.pad(gray, 1, mode="edge").astype(np.int32)
    dx = (g[:-2, 2:] + 2 * g[1:-1, 2:] + g[2:, 2:]) - (g[:-2, :-2] + 2 * g[1:-1, :-2] + g[2:, :-2])
    dy = (g[2:, :-2] + 2 * g[2:, 1:-1] + g[2:, 2:]) - (g[:-2, :-2] + 2 * g[:-2, 1:-1] + g[:-2, 2:])
    mag = np.abs(dx) + np.abs(dy)
    m = np.pad(mag, 1)
    ax, ay = np.abs(dx).astype(np.int64), np.abs(dy).astype(np.int64) << 15
    tg22 = ax * _TG22
    horizontal = ay < tg22
    vertical = ~horizontal & (ay > tg22 + (ax << 16))
    same_sign = (dx ^ dy) >= 0
    centre = m[1:-1, 1:-1]
    keep = np.where(
        horizontal, (centre > m[1:-1, :-2]) & (centre >= m[1:-1, 2:]),
        np.where(vertical, (centre > m[:-2, 1:-1]) & (centre >= m[2:, 1:-1]),
                 np.where(same_sign, (centre > m[:-2, :-2]) & (centre > m[2:, 2:]),
                          (centre > m[:-2, 2:]) & (centre > m[2:, :-2]))))
    candidates = keep & (mag > math.floor(low))
    strong = candidates & (mag > math.floor(high))
    count, labels, _ = connected_components(candidates, 8, with_labels=True)
    assert labels is not None
    linked = np.zeros(count, bool)
    linked[labels[strong]] = True
    linked[0] = False
    return np.where(linked[labels], np.uint8(255), np.uint8(0)).astype(np.uint8)
