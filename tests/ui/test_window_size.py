"""The main window fits a common laptop screen (1366 × 768) with every page built: no page
may force a wider or taller window (long rows scroll or wrap instead)."""

from __future__ import annotations

from ui.tasks import TaskManager
from ui.widgets.shell import PAGES, MainWindow


def test_every_page_fits_a_1366_by_768_laptop(window: MainWindow, tasks: TaskManager) -> None:
    for name in PAGES:
        window.show_page(name)
        assert tasks.wait_idle()
    hint = window.minimumSizeHint()
    # Room for the taskbar and the title bar on a 1366 × 768 screen.
    assert hint.width() <= 1366, {n: window.page(n).minimumSizeHint() for n in PAGES}
    assert hint.height() <= 700, {n: window.page(n).minimumSizeHint() for n in PAGES}
    window.resize(1366, 700)
    assert tasks.wait_idle()
    assert (window.width(), window.height()) == (1366, 700)
