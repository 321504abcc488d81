"""The NumPy image operations that replace OpenCV, on small arrays with known answers.

Expected values are worked out by hand from OpenCV's documented formulas (kernel tables,
fixed-point weights, anchors, border rules), or follow from properties every correct
implementation has; none comes from running OpenCV, which the app no longer ships.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from ocr import imaging


def _u8(rows: list[list[int]]) -> np.ndarray:
    return np.array(rows, dtype=np.uint8)


# --- colour --------------------------------------------------------------------------


def test_rgb_to_gray_uses_bt601_weights_in_fixed_point() -> None:
    pixels = _u8([[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]).reshape(1, 4, 3)
    # (255 * 4899 + 8192) >> 14 = 76, (255 * 9617 + 8192) >> 14 = 150, ... >> 14 = 29.
    assert imaging.rgb_to_gray(pixels).tolist() == [[76, 150, 29, 255]]


def test_rgb_to_lab_matches_the_cie_values_of_known_colours() -> None:
    pixels = _u8([[255, 255, 255], [0, 0, 0], [255, 0, 0], [128, 128, 128]]).reshape(1, 4, 3)
    lab = imaging.rgb_to_lab(pixels)[0].tolist()
    # White L* 100, black 0 (a*, b* 0 -> 128); sRGB red L* 53.2, a* 80.1, b* 67.2;
    # mid grey L* 53.6 -> 137. L* is scaled by 255 / 100.
    assert lab[0] == [255, 128, 128]
    assert lab[1] == [0, 128, 128]
    assert lab[2] == [136, 208, 195]
    assert lab[3] == [137, 128, 128]


# --- thresholds ----------------------------------------------------------------------


def test_otsu_separates_two_grey_levels_at_the_lower_one() -> None:
    gray = np.full((10, 10), 50, np.uint8)
    gray[:, 6:] = 200
    # Every level from 50 to 199 splits the classes equally well; OpenCV keeps the first.
    assert imaging.otsu_level(gray) == 50
    mask = imaging.threshold_otsu(gray)
    assert (mask[:, 6:] == 255).all()
    assert (mask[:, :6] == 0).all()
    inverted = imaging.threshold_otsu(gray, maxval=1, invert=True)
    assert inverted.sum() == 60


def test_otsu_of_a_flat_image_is_zero() -> None:
    assert imaging.otsu_level(np.full((4, 4), 90, np.uint8)) == 0


def test_box_mean_rounds_and_replicates_the_border() -> None:
    gray = _u8([[0, 0, 0, 9], [0, 0, 0, 9], [0, 0, 0, 9]])
    mean = imaging.box_mean(gray, 3)
    # At the right edge the window repeats the 9 column: six nines in nine pixels.
    assert mean[1, 3] == 6
    assert mean[1, 2] == 3  # three nines in nine pixels
    assert mean[1, 0] == 0


def test_adaptive_threshold_marks_only_what_is_darker_than_its_surroundings() -> None:
    gray = np.full((40, 40), 200, np.uint8)
    gray[18:21, 18:21] = 100  # dark print
    gray[:, 35:] = 170  # a darker paper band: smooth, so not ink
    mask = imaging.adaptive_threshold_mean_inv(gray, 255, 31, 25)
    assert mask[19, 19] == 255
    assert mask.sum() == 9 * 255


# --- linear filters ------------------------------------------------------------------


def test_gaussian_kernel_uses_the_fixed_tables_and_the_sigma_formula() -> None:
    assert imaging.gaussian_kernel(5, 0).tolist() == [0.0625, 0.25, 0.375, 0.25, 0.0625]
    kernel = imaging.gaussian_kernel(9, 0)  # sigma = ((9 - 1) * 0.5 - 1) * 0.3 + 0.8 = 1.7
    expected = np.exp(-(np.arange(-4, 5) ** 2) / (2 * 1.7**2))
    assert np.allclose(kernel, expected / expected.sum())


def test_fixed_point_gaussian_taps_sum_to_one_exactly() -> None:
    for sigma in (1.3, 7.5, 22.5):
        size = round(sigma * 6 + 1) | 1
        fixed = imaging._fixed_point_kernel(imaging.gaussian_kernel(size, sigma))
        assert fixed.sum() == 256
        assert np.array_equal(fixed, fixed[::-1])


def test_gaussian_blur_uint8_spreads_an_impulse_by_the_fixed_kernel() -> None:
    image = np.zeros((9, 9), np.uint8)
    image[4, 4] = 255
    blurred = imaging.gaussian_blur(image, 5, 0)
    # Taps 16, 64, 96, 64, 16 of 256 per axis: centre 255 * 96 * 96 / 65536 = 35.9 -> 36.
    assert blurred[4, 4] == 36
    assert blurred[4, 6] == round(255 * 96 * 16 / 65536)
    assert blurred[0, 0] == 0
    flat = np.full((6, 7), 77, np.uint8)
    assert np.array_equal(imaging.gaussian_blur(flat, 0, 22.5), flat)  # long-kernel path


def test_gaussian_blur_reflects_the_border_without_repeating_the_edge() -> None:
    image = np.zeros((1, 6), np.uint8)
    image[0, 0] = 160
    # BORDER_REFLECT_101 mirrors around the edge pixel: the 3-tap kernel sees 0, 160, 0
    # at the edge, so it keeps half of it (and the 1-row image blurs only along x).
    assert imaging.gaussian_blur(image, 3, 0)[0, 0] == 80


def test_gaussian_blur_float_keeps_the_mean() -> None:
    rng = np.random.default_rng(3)
    image = rng.random((30, 30)).astype(np.float32)
    blurred = imaging.gaussian_blur(image, 0, 2.0)
    assert blurred.dtype == np.float32
    assert abs(float(blurred.mean()) - float(image.mean())) < 0.01
    assert float(blurred.std()) < float(image.std()) / 2


def test_median_blur_removes_salt_and_keeps_edges() -> None:
    image = np.zeros((7, 7), np.uint8)
    image[:, 4:] = 200
    image[2, 1] = 255  # salt
    median = imaging.median_blur(image, 3)
    assert median[2, 1] == 0
    assert (median[:, 4:] == 200).all()
    assert (median[:, :4] == 0).all()


def test_median_at_least_agrees_with_the_median_and_where_limits_the_work() -> None:
    rng = np.random.default_rng(5)
    image = rng.integers(0, 256, (20, 24), dtype=np.uint8)
    median = imaging.median_blur(image, 5)
    assert np.array_equal(imaging.median_at_least(image, 5, 128), median >= 128)
    where = np.zeros(image.shape, bool)
    where[3, 4] = where[19, 0] = True
    partial = imaging.median_blur(image, 5, where=where)
    assert partial[3, 4] == median[3, 4]
    assert partial[19, 0] == median[19, 0]
    assert partial[~where].sum() == 0
    window = np.pad(image, 2, mode="edge")[3:8, 4:9]
    assert median[3, 4] == np.sort(window.ravel())[12]


# --- morphology ----------------------------------------------------------------------


def test_dilate_and_erode_use_a_centred_anchor_and_a_neutral_border() -> None:
    image = np.zeros((5, 5), np.uint8)
    image[2, 2] = 255
    assert imaging.dilate(image, (3, 3)).sum() == 9 * 255
    # An even kernel's anchor is at index 1: the dot grows down and to the right.
    even = imaging.dilate(image, (2, 2))
    assert sorted(zip(*np.nonzero(even), strict=True)) == [(2, 2), (2, 3), (3, 2), (3, 3)]
    full = np.full((4, 4), 255, np.uint8)
    assert (imaging.erode(full, (3, 3)) == 255).all()  # the border never erodes
    assert (imaging.dilate(np.zeros((4, 4), np.uint8), (3, 3)) == 0).all()


def test_long_one_dimensional_kernels_use_the_same_windows() -> None:
    row = np.zeros((1, 20), np.uint8)
    row[0, 10] = 9
    # 7 wide, anchor 3: out[x] = max(row[x - 3 .. x + 3]).
    assert np.flatnonzero(imaging.dilate(row, (1, 7))[0]).tolist() == list(range(7, 14))
    column = np.full((20, 1), 50, np.uint8)
    column[5:9, 0] = 0
    assert np.flatnonzero(imaging.erode(column, (5, 1))[:, 0] == 0).tolist() == list(range(3, 11))


def test_opening_closing_tophat_and_blackhat() -> None:
    image = np.full((11, 11), 100, np.uint8)
    image[5, 5] = 160  # a bright speck
    image[2, 2] = 30  # a dark speck
    assert imaging.opening(image, (3, 3))[5, 5] == 100
    assert imaging.closing(image, (3, 3))[2, 2] == 100
    assert imaging.tophat(image, (3, 3))[5, 5] == 60
    assert imaging.blackhat(image, (3, 3))[2, 2] == 70
    # An even kernel's opening can exceed the image; the difference saturates at 0.
    assert imaging.tophat(image, (2, 2)).max() <= 255 - 100


# --- resize --------------------------------------------------------------------------


def test_area_resize_by_two_averages_and_rounds_half_up() -> None:
    image = _u8([[1, 2, 8, 8], [3, 4, 8, 9]])
    assert imaging.resize(image, (2, 1), "area").tolist() == [[3, 8]]  # 2.5 -> 3, 8.25 -> 8


def test_area_resize_by_a_fraction_weighs_partial_pixels() -> None:
    image = _u8([[0, 90, 180]])
    # Each output covers 1.5 source pixels: (0 + 90 / 2) / 1.5 = 30 and
    # (90 / 2 + 180) / 1.5 = 150.
    assert imaging.resize(image, (2, 1), "area").tolist() == [[30, 150]]


def test_linear_resize_places_samples_at_pixel_centres() -> None:
    image = _u8([[0, 100], [0, 100]])
    # Output centres map to -0.25, 0.25, 0.75, 1.25: clamped, 25 %, 75 %, clamped.
    assert imaging.resize(image, (4, 2), "linear")[0].tolist() == [0, 25, 75, 100]


def test_cubic_resize_keeps_flat_areas_and_overshoots_at_edges() -> None:
    flat = np.full((5, 6), 123, np.uint8)
    assert (imaging.resize(flat, (15, 13), "cubic") == 123).all()
    step = np.zeros((4, 8), np.uint8)
    step[:, 4:] = 200
    row = imaging.resize(step, (24, 4), "cubic")[0].astype(int)
    assert row[0] == 0
    assert row[-1] == 200
    # a = -0.75 rings: past the step it overshoots, then settles; the dark side's
    # undershoot is clipped to 0.
    assert row.max() > 200
    assert row.min() == 0
    assert np.array_equal(row, imaging.resize(step, (24, 4), "cubic")[3].astype(int))


def test_resize_float_area_up_and_down() -> None:
    image = np.arange(16, dtype=np.float32).reshape(4, 4)
    down = imaging.resize(image, (2, 2), "area")
    assert down.tolist() == [[2.5, 4.5], [10.5, 12.5]]
    up = imaging.resize(image, (8, 8), "area")
    assert up.dtype == np.float32
    assert up.shape == (8, 8)
    assert up[0, 0] == 0.0
    assert up[-1, -1] == 15.0


# --- geometry ------------------------------------------------------------------------


def test_rotation_matrix_turns_counter_clockwise_on_screen() -> None:
    matrix = imaging.rotation_matrix((0.0, 0.0), 90)
    x, y = matrix @ np.array([1.0, 0.0, 1.0])
    assert math.isclose(x, 0.0, abs_tol=1e-12)
    assert math.isclose(y, -1.0)  # +x turns to screen-up (y grows downwards)


def test_perspective_matrix_maps_the_four_points_and_back() -> None:
    src = np.array([[10, 20], [200, 15], [210, 140], [5, 150]], np.float32)
    dst = np.array([[0, 0], [300, 0], [300, 200], [0, 200]], np.float32)
    matrix = imaging.perspective_matrix(src, dst)
    assert np.allclose(imaging.perspective_transform(src, matrix), dst, atol=1e-9)
    assert np.allclose(imaging.perspective_transform(dst, np.linalg.inv(matrix)), src,
                       atol=1e-9)


def test_identity_and_whole_pixel_shifts_reproduce_the_image() -> None:
    rng = np.random.default_rng(7)
    image = rng.integers(0, 256, (12, 15), dtype=np.uint8)
    identity = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    for kind in ("linear", "cubic"):
        same = imaging.warp_affine(image, identity, (15, 12), kind, "replicate")
        assert np.array_equal(same, image)
    shift = np.array([[1.0, 0.0, 3.0], [0.0, 1.0, 2.0]])  # content moves right 3, down 2
    moved = imaging.warp_affine(image, shift, (15, 12), "cubic", "constant")
    assert np.array_equal(moved[2:, 3:], image[:-2, :-3])
    assert (moved[:2] == 0).all()
    replicated = imaging.warp_affine(image, shift, (15, 12), "cubic", "replicate")
    assert np.array_equal(replicated[0, 3:], image[0, :-3])


def test_warp_of_a_boolean_mask_interpolates_like_floats() -> None:
    mask = np.zeros((6, 6), bool)
    mask[2, 2] = True
    half = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.0]])  # half a pixel to the right
    out = imaging.warp_affine(mask, half, (6, 6))
    assert out.dtype == np.float32
    assert out[2, 2] == 0.5
    assert out[2, 3] == 0.5
    assert out.sum() == 1.0


def test_warp_perspective_identity_and_rgb() -> None:
    rng = np.random.default_rng(9)
    rgb = rng.integers(0, 256, (10, 14, 3), dtype=np.uint8)
    corners = np.array([[0, 0], [13, 0], [13, 9], [0, 9]], np.float32)
    matrix = imaging.perspective_matrix(corners, corners)
    assert np.array_equal(imaging.warp_perspective(rgb, matrix, (14, 10)), rgb)


# --- components and contours ---------------------------------------------------------


def test_connected_components_counts_diagonal_neighbours_only_with_8_connectivity() -> None:
    mask = _u8([
        [1, 0, 0, 0, 0],
        [0, 1, 0, 1, 1],
        [0, 0, 0, 1, 0],
        [1, 1, 0, 0, 0],
    ])
    count8, labels, stats = imaging.connected_components(mask, 8, with_labels=True)
    assert count8 == 4  # background + diagonal pair + L-shape + bottom bar
    assert labels is not None
    assert labels[0, 0] == labels[1, 1] == 1  # numbered in scan order
    assert labels[1, 3] == 2
    assert labels[3, 0] == 3
    assert stats[2].tolist() == [3, 1, 2, 2, 3]  # left, top, width, height, area
    assert stats[0, 4] == 20 - 7
    count4, _, _ = imaging.connected_components(mask, 4)
    assert count4 == 5


def test_connected_components_number_by_2x2_blocks_with_8_connectivity() -> None:
    mask = np.zeros((4, 6), np.uint8)
    mask[0, 3] = 1  # first in raster order, but in the second 2x2 block
    mask[1, 0] = 1  # in the first 2x2 block: OpenCV's block scan meets it first
    _, labels8, _ = imaging.connected_components(mask, 8, with_labels=True)
    _, labels4, _ = imaging.connected_components(mask, 4, with_labels=True)
    assert labels8 is not None
    assert labels4 is not None
    assert (labels8[1, 0], labels8[0, 3]) == (1, 2)
    assert (labels4[0, 3], labels4[1, 0]) == (1, 2)


def test_connected_components_join_runs_through_u_shapes() -> None:
    mask = np.zeros((6, 9), np.uint8)
    mask[0:5, 1] = mask[0:5, 7] = mask[4, 1:8] = 1  # a U: two arms joined at the bottom
    mask[0:3, 4] = 1  # and a separate stub between them
    count, _, stats = imaging.connected_components(mask, 8)
    assert count == 3
    assert stats[1].tolist() == [1, 0, 7, 5, 15]


def test_fill_holes_fills_enclosed_background_even_with_a_diagonal_gap() -> None:
    ring = np.zeros((7, 7), np.uint8)
    ring[1, 1:6] = ring[5, 1:6] = ring[1:6, 1] = ring[1:6, 5] = 255
    assert (imaging.fill_holes(ring)[1:6, 1:6] == 255).all()
    ring[1, 5] = 0  # a corner gone: the inside touches outside only diagonally
    filled = imaging.fill_holes(ring)
    assert filled[3, 3] == 255
    assert filled[1, 5] == 0
    assert filled[0, 0] == 0


def test_largest_outer_contour_of_a_rectangle_is_its_corners() -> None:
    mask = np.zeros((20, 30), np.uint8)
    mask[4:10, 6:20] = 255  # 14 x 6 pixels
    mask[15:17, 2:4] = 255  # a smaller blob
    contour = imaging.largest_outer_contour(mask)
    assert contour is not None
    # From the top-left pixel, down the left side first (counter-clockwise on screen).
    assert contour.tolist() == [[6, 4], [6, 9], [19, 9], [19, 4]]
    assert imaging.contour_area(contour) == 13 * 5
    assert imaging.arc_length(contour) == 2 * (13 + 5)


def test_contour_of_a_single_pixel_and_of_nothing() -> None:
    mask = np.zeros((5, 5), np.uint8)
    assert imaging.largest_outer_contour(mask) is None
    mask[2, 3] = 1
    contour = imaging.largest_outer_contour(mask)
    assert contour is not None
    assert contour.tolist() == [[3, 2]]


def test_convex_hull_drops_inner_and_collinear_points() -> None:
    points = np.array([[0, 0], [5, 0], [10, 0], [10, 10], [0, 10], [4, 4], [6, 7], [0, 5]])
    hull = imaging.convex_hull(points)
    assert sorted(map(tuple, hull.tolist())) == [(0, 0), (0, 10), (10, 0), (10, 10)]
    assert len(hull) == 4


def test_approx_poly_reduces_a_rounded_rectangle_to_four_corners() -> None:
    mask = np.zeros((120, 200), np.uint8)
    mask[20:100, 30:170] = 255
    for y, x in ((20, 30), (20, 169), (99, 30), (99, 169)):  # round the corners a little
        mask[y, x] = 0
    contour = imaging.largest_outer_contour(mask)
    assert contour is not None
    hull = imaging.convex_hull(contour)
    poly = imaging.approx_poly(hull, 0.02 * imaging.arc_length(hull))
    assert len(poly) == 4
    corners = {tuple(p) for p in poly.tolist()}
    assert all(min(abs(x - cx) + abs(y - cy) for cx, cy in corners) <= 2
               for x, y in ((30, 20), (169, 20), (169, 99), (30, 99)))


def test_min_area_rect_finds_a_rotated_rectangle() -> None:
    angle = math.radians(30)
    u = np.array([math.cos(angle), math.sin(angle)])
    v = np.array([-math.sin(angle), math.cos(angle)])
    corners = np.array([u * 0 + v * 0, u * 100, u * 100 + v * 40, v * 40]) + 200
    points = np.rint(np.vstack([corners, (corners[0] + corners[2]) / 2])).astype(int)
    (cx, cy), (w, h), _ = imaging.min_area_rect(points)
    assert sorted((w, h)) == pytest.approx([40, 100], abs=1.5)
    assert (cx, cy) == pytest.approx(tuple(corners.mean(axis=0)), abs=1.0)
    box = imaging.box_points(imaging.min_area_rect(points))
    assert imaging.contour_area(box) == pytest.approx(w * h)


def test_canny_finds_one_thin_line_on_a_step_and_nothing_on_flat_grey() -> None:
    image = np.full((20, 20), 40, np.uint8)
    image[:, 10:] = 200
    edges = imaging.canny(image, 40, 120)
    columns = np.flatnonzero(edges.any(axis=0))
    assert len(columns) == 1
    assert columns[0] in (9, 10)
    assert edges[:, columns[0]].all()
    assert not imaging.canny(np.full((20, 20), 90, np.uint8), 40, 120).any()


def test_canny_keeps_weak_edges_only_when_linked_to_a_strong_one() -> None:
    image = np.full((30, 30), 100, np.uint8)
    image[:, 15:] = 112  # a faint step: above the low threshold, below the high one
    assert not imaging.canny(image, 40, 120).any()
    image[10:20, 15:] = 200  # part of the step made strong: the rest links to it
    edges = imaging.canny(image, 40, 120)
    assert edges[:, 14:16].any(axis=1).all()
