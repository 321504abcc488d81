"""UI benchmarks on a 100 000-customer replica (issue 3 targets).

The replica is made once with app.demo.write_replica and cached in /tmp/fs_bench (≈3 min to
build, ≈1 GB). Each figure is measured in-process, offscreen, through the real widgets:

* cold start: QApplication + translations + open/migrate replica + services + main window
  shown with the Today data loaded;
* customer list shown: from switching to Customers until the first page of rows is painted
  (ids query over 100 000 rows + first page);
* search-as-you-type: per keystroke of several words, time from the (debounced) filter firing
  to the model holding the new result (FTS5 / LIKE in SQL), median;
* view switch: ``show_page`` until the stack shows the page (data then streams in), median.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from pathlib import Path

Row = tuple[str, str, str]
CACHE = Path("/tmp/fs_bench/replica_100k.db")


def _replica() -> Path:
    if not CACHE.exists():
        from app.demo import write_replica
        from app.replica import open_replica

        CACHE.parent.mkdir(parents=True, exist_ok=True)
        part = CACHE.with_suffix(".part")
        part.unlink(missing_ok=True)
        open_replica(part).dispose()
        write_replica(part, 100_000)
        part.rename(CACHE)
    work = CACHE.parent / "bench_ui_profile"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    shutil.copy(CACHE, work / "replica.db")
    return work


def run() -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    profile = _replica()
    from PySide6.QtWidgets import QApplication

    from ui import theme

    started = time.perf_counter()
    theme.before_app()
    app = QApplication.instance() or QApplication(["bench"])
    assert isinstance(app, QApplication)
    theme.apply(app)
    from ui.format import Formatter
    from ui.i18n import Translations
    from ui.main import open_profile
    from ui.services import AppServices
    from ui.settings import Settings
    from ui.sync_controller import SyncController
    from ui.tasks import TaskManager
    from ui.widgets.shell import MainWindow

    Translations().install("en")
    tasks = TaskManager()
    loaded = open_profile(profile, demo=True)
    services = AppServices(loaded.db, loaded.user)
    sync = SyncController(loaded.db, tasks)
    window = MainWindow(services, tasks, Formatter("en_US"), Settings(profile / "s.ini"), sync,
                        "en")
    window.resize(1440, 900)
    window.show()
    sync.start()
    window.show_page("today")
    tasks.wait_idle(30)
    cold = time.perf_counter() - started

    # Customer list (all 100 000: the manager's "Everyone's" view).
    model = window.customers.model
    t0 = time.perf_counter()
    window.show_page("customers")
    while model.rowCount() == 0 or model.row_at(0) is None:
        app.processEvents()
    window.customers.table.viewport().repaint()
    list_shown = time.perf_counter() - t0
    total_rows = model.rowCount()
    # Scroll to the middle and the end: pages arrive lazily.
    t0 = time.perf_counter()
    for fraction in (0.5, 0.999):
        window.customers.table.scrollTo(model.index(int(total_rows * fraction), 0))
        tasks.wait_idle()
    scroll = (time.perf_counter() - t0) / 2

    # Search as you type (debounce skipped: we time the query + model update per keystroke).
    samples: list[float] = []
    done: list[int] = []

    def on_loaded(count: int) -> None:
        done.append(count)

    model.loaded.connect(on_loaded)
    for word in ("Acme Robotics", "深圳市华宏", "Wayne Motors 12", "广州市金"):
        for end in range(1, len(word) + 1):
            window.customers.search.blockSignals(True)
            window.customers.search.setText(word[:end])
            window.customers.search.blockSignals(False)
            done.clear()
            t0 = time.perf_counter()
            window.customers._apply_filter()
            while not done:
                app.processEvents()
            samples.append(time.perf_counter() - t0)
    window.customers.search.setText("")
    tasks.wait_idle()

    switches: list[float] = []
    for _ in range(3):
        for page in ("today", "customers", "opportunities", "quotes", "products", "reports"):
            t0 = time.perf_counter()
            window.show_page(page)
            app.processEvents()
            switches.append(time.perf_counter() - t0)
            tasks.wait_idle(30)

    window.close()
    tasks.shutdown()
    loaded.db.dispose()
    ms = 1000.0
    return [
        ("cold start to main window (100k)", f"{cold:.2f} s", "< 2 s"),
        (f"customer list shown ({total_rows:,} rows)", f"{list_shown * ms:.0f} ms", "< 300 ms"),
        ("scroll to a far page (lazy page fetch)", f"{scroll * ms:.0f} ms", "instant"),
        ("search-as-you-type median", f"{statistics.median(samples) * ms:.0f} ms "
         f"(p90 {sorted(samples)[int(len(samples) * 0.9)] * ms:.0f} ms, n={len(samples)})",
         "< 50 ms"),
        ("view switch median", f"{statistics.median(switches) * ms:.1f} ms "
         f"(max {max(switches) * ms:.0f} ms)", "< 100 ms"),
    ]


if __name__ == "__main__":
    for metric, measured, target in run():
        print(f"{metric:45} {measured:40} {target}")
