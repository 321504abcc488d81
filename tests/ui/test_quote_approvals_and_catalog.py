"""The manager's approval queue and the catalog page, as real widgets on a real replica."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.ids import new_id
from app.models import Opportunity, Product
from app.services.quotes import ApprovalPolicy, LineDraft, QuoteService
from ui.format import Formatter
from ui.quotes.approvals import ApprovalQueue
from ui.services import AppServices, CurrentUser
from ui.tasks import TaskManager
from ui.widgets.products import ProductsView

SHOTS = Path("/tmp/shots-quotes")


def _pending_quote(services: AppServices, discount: str) -> str:
    with services.db.reader() as s:
        customer = s.scalar(select(Opportunity.customer_id).limit(1))
        product = s.scalar(select(Product.id).where(Product.active.is_(True)).limit(1))
    assert customer is not None
    assert product is not None
    quotes = QuoteService(services.ctx, ApprovalPolicy(max_discount_percent=Decimal(15)))
    q = quotes.create_draft(customer)
    quotes.save_lines(q.id, [LineDraft(product, Decimal(3), "percent", Decimal(discount))])
    assert quotes.submit(q.id).status == "pending_approval"
    return q.id


def test_manager_approves_and_rejects_with_a_comment(
        qtbot: QtBot, services: AppServices, tasks: TaskManager) -> None:
    first = _pending_quote(services, "25")
    second = _pending_quote(services, "30")
    manager = AppServices(services.db, CurrentUser(new_id(), "li", "李经理", "manager"))
    queue = ApprovalQueue(manager, tasks, Formatter("en_US"))
    qtbot.addWidget(queue)
    queue.resize(1100, 500)
    queue.show()
    with qtbot.waitSignal(queue.loaded, timeout=5000):
        queue.refresh()
    assert {r.id for r in queue.rows()} >= {first, second}
    assert queue.table.topLevelItemCount() == len(queue.rows())
    qtbot.wait(50)  # let the layout settle before the screenshot
    SHOTS.mkdir(exist_ok=True)
    queue.grab().save(str(SHOTS / "approval-queue.png"))

    assert not queue.reject_button.isEnabled(), "a rejection needs a comment"
    queue.table.setCurrentItem(_item(queue, first))
    with qtbot.waitSignal(queue.decided, timeout=5000) as sig:
        queue.approve_button.click()
    assert sig.args == [first, True]
    assert tasks.wait_idle()
    assert first not in {r.id for r in queue.rows()}

    queue.table.setCurrentItem(_item(queue, second))
    qtbot.keyClicks(queue.comment, "30 % is too deep; 15 % max")
    assert queue.reject_button.isEnabled()
    with qtbot.waitSignal(queue.decided, timeout=5000) as sig:
        queue.reject_button.click()
    assert sig.args == [second, False]
    assert tasks.wait_idle()
    rejected = services.quotes.get(second)
    assert (rejected.status, rejected.decision_comment) == ("draft",
                                                            "30 % is too deep; 15 % max")
    assert services.quotes.get(first).status == "approved"


def _item(queue: ApprovalQueue, quote_id: str) -> object:
    for index in range(queue.table.topLevelItemCount()):
        item = queue.table.topLevelItem(index)
        assert item is not None
        if item.data(0, 256) == quote_id:
            return item
    raise AssertionError(quote_id)


def test_a_rep_cannot_decide(qtbot: QtBot, services: AppServices, tasks: TaskManager) -> None:
    quote_id = _pending_quote(services, "25")
    queue = ApprovalQueue(services, tasks, Formatter("en_US"))  # the demo user is a rep
    qtbot.addWidget(queue)
    with qtbot.waitSignal(queue.loaded, timeout=5000):
        queue.refresh()
    queue.table.setCurrentItem(_item(queue, quote_id))
    queue.approve_button.click()
    assert tasks.wait_idle()
    assert queue.message.text() == "Only a manager can do this."
    assert services.quotes.get(quote_id).status == "pending_approval"


def test_catalog_search_shows_prices_tiers_tax_and_stock(
        qtbot: QtBot, services: AppServices, tasks: TaskManager) -> None:
    view = ProductsView(services, tasks, Formatter("en_US"))
    qtbot.addWidget(view)
    view.resize(1400, 600)
    view.show()
    view.refresh()
    assert tasks.wait_idle()
    everything = len(view.rows())
    assert everything > 0
    assert all(p.active for p in view.rows()), "inactive products are hidden by default"
    view.search.setText("伺服")  # QTest.keyClicks aborts on non-Latin-1 text
    qtbot.waitUntil(lambda: 0 < len(view.rows()) < everything, timeout=3000)
    assert all("伺服" in (p.name_zh or "") for p in view.rows())
    item = view.table.topLevelItem(0)
    assert item is not None
    assert item.text(4).startswith("CN¥")
    assert item.text(5).startswith("≥10: CN¥")
    assert item.text(6) == "13 %"
    assert item.text(8), "stock as of the last sync"
    view.search.clear()
    view.show_inactive.setChecked(True)
    qtbot.waitUntil(lambda: len(view.rows()) > everything, timeout=3000)
    assert tasks.wait_idle()
    names = [view.table.topLevelItem(i).text(1)  # type: ignore[union-attr]
             for i in range(view.table.topLevelItemCount())]
    assert any("inactive, cannot be quoted" in n for n in names)
    SHOTS.mkdir(exist_ok=True)
    view.grab().save(str(SHOTS / "catalog.png"))
