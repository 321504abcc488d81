"""``fieldsales --demo --screenshots DIR`` writes a non-blank PNG for every screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

EXPECTED = ["01_today", "02_customers", "03_opportunities", "03b_opportunities_list",
            "04_quotes", "04b_quote_builder", "05_products", "06_scan", "07_reports",
            "08_customer360", "09_conflicts", "10_customer_form_duplicate", "11_search",
            "zh_today", "zh_customers", "zh_opportunities"]


def _distinct_colors(image: QImage) -> int:
    seen: set[int] = set()
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            seen.add(image.pixel(x, y))
    return len(seen)


@pytest.mark.slow
def test_screenshots_are_not_blank(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--demo", "--profile", str(tmp_path / "profile"),
         "--demo-customers", "150", "--screenshots", str(out)],
        capture_output=True, text=True, env=env, timeout=240,
        cwd=Path(__file__).resolve().parents[2], check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    for name in EXPECTED:
        image = QImage(str(out / f"{name}.png"))
        assert not image.isNull(), name
        assert image.width() > 300, name
        assert image.height() > 200, name
        assert _distinct_colors(image) > 12, f"{name} looks blank"
