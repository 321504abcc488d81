"""``fieldsales --demo --screenshots DIR``: render every screen to PNG (offscreen-safe).

Each screen is shown, its data loads on the workers as usual, and ``QWidget.grab()`` renders
it once the task manager is idle. English first, then the main screens in Chinese.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ui.widgets.shell import PAGES

# File names of the pages' screenshots: stable, so a page added to the navigation does not
# rename the others (the pool came after the first eight).
SHOT_NAMES = {"today": "01_today", "customers": "02_customers", "pool": "02c_pool",
              "opportunities": "03_opportunities", "quotes": "04_quotes",
              "products": "05_products", "scan": "06_scan", "reports": "07_reports",
              "duplicates": "08_duplicates"}

if TYPE_CHECKING:
    from ui.main import Application
    from ui.tasks import TaskManager
    from ui.widgets.shell import MainWindow


def _save(widget: QWidget, path: Path, written: list[Path]) -> None:
    widget.grab().save(str(path))
    written.append(path)


def _login_screens(application: Application, out_dir: Path, written: list[Path]) -> None:
    """The sign-in dialog, empty and after a real wrong-password answer from the server."""
    tasks = application.tasks
    login = application.make_login()
    login.show()
    tasks.wait_idle()
    _save(login, out_dir / "13_login.png", written)
    login.username.setText("zhang")
    login.password.setText("not-the-password")
    login.submit()
    tasks.wait_idle()
    _save(login, out_dir / "13b_login_wrong_password.png", written)
    login.close()
    login.deleteLater()
    application.login = None


def _report_tabs(window: MainWindow, tasks: TaskManager, out_dir: Path,
                 written: list[Path]) -> None:
    window.show_page("reports")
    tabs = window.reports.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        tasks.wait_idle(60)
        _save(window, out_dir / f"07{'abcdefgh'[index]}_reports_tab.png", written)


def _scan_screens(window: MainWindow, tasks: TaskManager, out_dir: Path,
                  written: list[Path]) -> None:
    """The scan queue with demo cards read by the real OCR, and the review dialog."""
    from ui.scan.demo import draw_demo_cards

    window.show_page("scan")
    scan = window.scan
    scan.add_paths(draw_demo_cards(out_dir / "_cards"))
    tasks.wait_idle(90)
    scan.refresh()
    tasks.wait_idle()
    _save(window, out_dir / "06b_scan_queue.png", written)
    review = scan.open_review(None)
    tasks.wait_idle()
    if review is not None:
        _save(review, out_dir / "06c_scan_review.png", written)
        review.finish()
    if scan.queue is not None:
        for entry in scan.queue.entries():
            scan.queue.remove(entry.id)
    shutil.rmtree(out_dir / "_cards", ignore_errors=True)


def take_screenshots(application: Application, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    tasks = application.tasks
    written: list[Path] = []
    application.set_language("en")
    window = application.window
    assert window is not None
    window.resize(1440, 900)
    window.show()
    tasks.wait_idle()
    for page in PAGES:
        window.show_page(page)
        tasks.wait_idle()
        _save(window, out_dir / f"{SHOT_NAMES.get(page, page)}.png", written)
    window.pipeline.show_list()
    tasks.wait_idle()
    _save(window, out_dir / "03b_opportunities_list.png", written)
    _report_tabs(window, tasks, out_dir, written)
    _scan_screens(window, tasks, out_dir, written)
    window.show_page("quotes")
    window.quotes.show_builder()
    tasks.wait_idle()
    _save(window, out_dir / "04b_quote_builder.png", written)
    # Customer 360: the first customer of the list (the demo rep's customer with conflicts).
    window.show_page("customers")
    tasks.wait_idle()
    row = window.customers.model.row_at(0)
    if row is not None:
        window.open_customer(row.id, 1)
        tasks.wait_idle()
        _save(window, out_dir / "08_customer360.png", written)
        window.show_page("customers")
        tasks.wait_idle()
    # An existing demo quote in the builder (opening one writes nothing: the demo replica
    # stays exactly in sync with its server).
    window.show_page("quotes")
    window.quotes.refresh_list()
    tasks.wait_idle()
    quotes = window.quotes.rows
    if quotes:
        window.quotes.open_quote(quotes[0].id)
        tasks.wait_idle()
        _save(window, out_dir / "04c_quote_builder_draft.png", written)
    window.show_page("customers")
    tasks.wait_idle()
    dialog = window.open_conflicts()
    tasks.wait_idle()
    _save(dialog, out_dir / "09_conflicts.png", written)
    dialog.close()
    form = window.new_customer()
    if row is not None:
        form.full_name.setText(row.full_name)
        form.save_button.click()
        tasks.wait_idle()
    _save(form, out_dir / "10_customer_form_duplicate.png", written)
    form.close()
    window.open_search()
    window.search_popup.input.setText("华宏")
    window.search_popup._run_query()
    tasks.wait_idle()
    _save(window.search_popup, out_dir / "11_search.png", written)
    window.search_popup.hide()
    about = window.show_about()
    tasks.wait_idle()
    _save(about, out_dir / "12_about.png", written)
    about.close()
    _login_screens(application, out_dir, written)
    application.set_language("zh")
    window = application.window
    assert window is not None
    window.resize(1440, 900)
    for name in ("today", "customers", "pool", "opportunities"):
        window.show_page(name)
        tasks.wait_idle()
        _save(window, out_dir / f"zh_{name}.png", written)
    application.set_language("en")
    return written
