"""``fieldsales --demo --screenshots DIR`` (a real loopback server, a real first sync) writes a
non-blank PNG for every screen, and stops its server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app.replica import is_plain_sqlite, open_profile_replica
from sync.client.engine import K_SERVER, K_TOKEN, K_USERNAME
from ui.demo_extras import DEMO_PASSWORD
from ui.queries.conflicts import open_conflicts
from ui.queries.status import sync_status

EXPECTED = ["01_today", "02_customers", "02c_pool", "03_opportunities",
            "03b_opportunities_list",
            "04_quotes", "04b_quote_builder", "04c_quote_builder_draft", "05_products",
            "06_scan", "06b_scan_queue", "06c_scan_review", "07_reports",
            "07a_reports_tab", "07b_reports_tab", "07c_reports_tab", "07d_reports_tab",
            "07e_reports_tab", "07f_reports_tab", "08_duplicates",
            "08_customer360", "09_conflicts", "10_customer_form_duplicate", "11_search",
            "12_about", "13_login", "13b_login_wrong_password",
            "zh_today", "zh_customers", "zh_pool", "zh_opportunities"]


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
        small = name == "12_about"  # a message box, not a screen
        assert image.width() > (250 if small else 300), name
        assert image.height() > (150 if small else 200), name
        assert _distinct_colors(image) > 12, f"{name} looks blank"
    # The demo replica came from a real sign-in and sync with the demo server: signed in as
    # the demo rep, nothing left to send, and the two conflicts the server recorded.
    profile = tmp_path / "profile"
    assert (profile / "server.db").exists()
    assert not is_plain_sqlite(profile / "replica.db")  # the demo profile is encrypted too
    db, _key = open_profile_replica(profile, password=DEMO_PASSWORD)
    try:
        with db.reader() as s:
            assert db.meta(s, K_USERNAME) == "zhang"
            assert (db.meta(s, K_SERVER) or "").startswith("http://127.0.0.1:")
            assert db.meta(s, K_TOKEN) == ""  # the token is kept outside the replica
        status = sync_status(db)
        assert status.pending == 0
        assert status.last_sync is not None
        conflicts = open_conflicts(db, None)
        assert sorted(c.field or "" for c in conflicts) == ["address", "phone"]
        assert all("Liu" in c.other_user for c in conflicts)
    finally:
        db.dispose()
