"""Scan page end to end: real cards drawn with Pillow, real Tesseract on the heavy pool, the
real review queue on disk and the real services on a replica."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.attachments import CARD
from app.card_queue import CardQueue
from ui.scan.camera import cameras
from ui.scan.review import ReviewDialog
from ui.services import AppServices
from ui.tasks import TaskManager
from ui.widgets.scan import QUEUE_FOLDER, ScanView
from ui.widgets.shell import MainWindow

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

ALICE = [("Nimbus Robotics Ltd.", 36), ("Alice Chen", 64), ("Purchasing Manager", 32),
         ("Mobile: +1 415 555 0132", 30), ("Email: alice.chen@nimbus-robotics.com", 28)]
WANG = [("深圳市恒通实业有限公司", 40), ("陈静", 72), ("销售经理", 38),
        ("手机：138 0013 8000", 32), ("邮箱：chenjing@hengtong.cn", 32)]
BOB = [("Orchid Foods Inc.", 36), ("Bob Martin", 64), ("Sales Director", 32),
       ("Mobile: +1 646 555 0177", 30), ("Email: bob.martin@orchidfoods.com", 28)]


def draw_card(lines: list[tuple[str, int]], path: Path) -> Path:
    if not FONT.exists():
        pytest.fail(f"{FONT} is missing: apt install fonts-wqy-microhei")
    card = Image.new("RGB", (1050, 600), "#fbfbf7")
    draw = ImageDraw.Draw(card)
    y = 60
    for text, size in lines:
        draw.text((70, y), text, fill="#202020", font=ImageFont.truetype(str(FONT), size))
        y += round(size * 1.45)
    card.save(path)
    return path


@pytest.fixture(scope="module")
def card_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("tesseract") is None:
        pytest.fail("tesseract is not installed: apt install tesseract-ocr "
                    "tesseract-ocr-eng tesseract-ocr-chi-sim")
    folder = tmp_path_factory.mktemp("cards")
    draw_card(ALICE, folder / "alice.png")
    draw_card(WANG, folder / "wang.jpg")
    draw_card(BOB, folder / "bob.png")
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg" * 20)
    (folder / "notes.txt").write_text("not a card")
    Image.new("1", (8000, 7000)).save(folder / "huge.png")  # 56 megapixels, a tiny file
    return folder


@pytest.fixture
def view(qtbot: QtBot, services: AppServices, tasks: TaskManager,
         tmp_path: Path) -> Iterator[ScanView]:
    widget = ScanView(services, tasks, tmp_path / "profile")
    qtbot.addWidget(widget)
    widget.resize(1200, 720)
    widget.show()
    yield widget
    widget.shutdown()
    tasks.wait_idle(30)
    widget.shutdown()  # refreshes the last results asked for


def _drop(view: ScanView, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    view.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    view.dropEvent(drop)


def _wait_batch(qtbot: QtBot, view: ScanView, tasks: TaskManager) -> None:
    assert view.runner is not None
    qtbot.waitUntil(lambda: not view.runner.running and tasks.pending == 0  # type: ignore[union-attr]
                    and bool(view.entries), timeout=120_000)
    view.refresh()
    assert tasks.wait_idle(10)


def test_webcam_button_is_disabled_with_a_reason_when_no_camera(view: ScanView) -> None:
    assert cameras() == []  # this machine has no camera: the state under test
    assert not view.camera_button.isEnabled()
    assert view.camera_button.toolTip() == "No camera found on this computer"
    assert view.choose_button.isEnabled()


def test_dropped_cards_are_read_in_the_background_with_errors_per_card(
        qtbot: QtBot, view: ScanView, tasks: TaskManager, card_files: Path) -> None:
    _drop(view, [card_files / "alice.png", card_files / "wang.jpg", card_files / "broken.jpg",
                 card_files / "notes.txt", card_files / "huge.png"])
    _wait_batch(qtbot, view, tasks)
    by_source = {e.source_name: e for e in view.entries}
    assert set(by_source) == {"alice.png", "wang.jpg", "broken.jpg", "notes.txt", "huge.png"}
    assert by_source["alice.png"].status == "ready"
    assert by_source["alice.png"].fields["name"] == "Alice Chen"
    assert by_source["alice.png"].fields["emails"] == ["alice.chen@nimbus-robotics.com"]
    assert "name" in by_source["alice.png"].fields["boxes"]
    assert by_source["wang.jpg"].fields["name"] == "陈静", by_source["wang.jpg"].fields
    assert by_source["wang.jpg"].fields["phones"] == ["+8613800138000"]
    for bad in ("broken.jpg", "notes.txt", "huge.png"):
        assert by_source[bad].status == "error"
        assert by_source[bad].error
    assert by_source["huge.png"].error == "too_large"  # a code, worded by ui/errors.py
    texts = view.list.texts()
    assert any(t.startswith("broken.jpg — cannot read: The picture") for t in texts), texts
    assert "huge.png — cannot read: The picture is too large to scan." in texts
    assert view.review_button.text() == "Review cards (2)"
    assert view.progress.value() == view.progress.maximum() == 5  # every card was handled


def test_folder_batch_can_be_cancelled_and_resumes_after_restart(
        qtbot: QtBot, services: AppServices, tasks: TaskManager, tmp_path: Path,
        card_files: Path) -> None:
    profile = tmp_path / "profile"
    first = ScanView(services, tasks, profile)
    qtbot.addWidget(first)
    assert first.runner is not None
    with qtbot.waitSignal(first.runner.cardDone, timeout=60_000):
        first.add_paths([card_files])  # the folder: its three images (and the broken one)
    first.cancel()
    qtbot.waitUntil(lambda: not first.runner.running, timeout=60_000)  # type: ignore[union-attr]
    assert tasks.wait_idle(30)
    queue = CardQueue(profile / QUEUE_FOLDER)
    assert len(queue.entries()) == 5  # notes.txt is not an image: folders skip it
    assert queue.pending(), "cancel must leave unread cards in the queue"
    # The app closes mid-batch; the next start finds the queue and reads what is left.
    first.shutdown()
    first.close()
    second = ScanView(services, tasks, profile)
    qtbot.addWidget(second)
    _wait_batch(qtbot, second, tasks)
    statuses = sorted(e.status for e in second.entries)
    assert statuses == ["error", "error", "ready", "ready", "ready"]
    second.shutdown()


def _known_contact(services: AppServices) -> str:
    from app.services.contacts import ContactInput
    from app.services.customers import CustomerInput

    customer = services.customers.create(CustomerInput(
        full_name="Nimbus Robotics Ltd.", industry="electronics", region="north_america"))
    return services.contacts.create(ContactInput(
        customer_id=customer.id, name="Alice Chen", title="Buyer",
        emails=["alice.chen@nimbus-robotics.com"])).id


def test_review_merges_skips_and_creates_with_the_keyboard(
        qtbot: QtBot, view: ScanView, services: AppServices, tasks: TaskManager,
        card_files: Path) -> None:
    alice_id = _known_contact(services)
    _drop(view, [card_files / "alice.png", card_files / "bob.png"])
    _wait_batch(qtbot, view, tasks)
    dialog = view.open_review(None)
    assert isinstance(dialog, ReviewDialog)
    assert tasks.wait_idle(10)
    assert dialog.edits["name"].text() == "Alice Chen"
    assert "name" in dialog.image.highlighted_fields()
    assert "emails" in dialog.image.highlighted_fields()
    # The same e-mail: merging into the known contact is offered and chosen.
    assert dialog.decision().kind == "merge"
    assert dialog.decision().target_id == alice_id
    QTest.keyClick(dialog.edits["title"], Qt.Key.Key_Escape)  # skip Alice for now
    assert tasks.wait_idle(10)
    assert dialog.edits["name"].text() == "Bob Martin"
    assert dialog.decision().kind == "new"
    QTest.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # no match: stays
    assert dialog.decision().kind == "new"
    QTest.keyClick(dialog.edits["name"], Qt.Key.Key_Return)  # save and go on
    assert tasks.wait_idle(10)
    bob = services.contacts.find_duplicates("", None, [], ["bob.martin@orchidfoods.com"])
    assert len(bob) == 1
    assert services.contacts.get(bob[0].id).card_image is not None
    # Skipped cards do not come back in the same pass: the pass is over.
    qtbot.waitUntil(lambda: view.review is None, timeout=10_000)
    assert [e.status for e in view.queue.entries()] == ["skipped"]  # type: ignore[union-attr]
    # The next pass starts with the skipped card, keeps its fields; merge it with Enter.
    dialog = view.open_review(None)
    assert dialog is not None
    assert tasks.wait_idle(10)
    assert dialog.edits["name"].text() == "Alice Chen"
    assert dialog.decision().kind == "merge"
    QTest.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert dialog.decision().kind == "attach"
    dialog.edits["department"].setText("Procurement")  # matching runs again after edits…
    qtbot.wait(500)
    assert tasks.wait_idle(10)
    assert dialog.decision().kind == "attach"  # …and keeps the rep's choice
    QTest.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(dialog.edits["name"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.review is None, timeout=10_000)  # queue empty: closed
    merged = services.contacts.get(alice_id)
    assert merged.title == "Purchasing Manager"
    assert merged.department == "Procurement"
    assert {p["e164"] for p in merged.phone_list()} == {"+14155550132"}
    assert merged.card_image is not None
    assert view.cards is not None
    assert view.cards.store is not None  # the image is kept encrypted, not as a plain file
    assert view.cards.store.get(CARD, merged.card_image)[0]
    assert not (view.cards.card_folder / merged.card_image).exists()
    assert tasks.wait_idle(10)
    assert view.entries == []


def test_review_marks_unsure_and_invalid_fields(
        qtbot: QtBot, view: ScanView, services: AppServices, tasks: TaskManager,
        card_files: Path) -> None:
    assert view.queue is not None
    entry = view.queue.add(card_files / "wang.jpg")
    view.queue.set_result(entry.id, {
        "name": "王伟", "title": "采购经王", "company": "深圳市华宏科技有限公司",
        "phones": ["+8613800138000"], "phone_kinds": ["mobile"],
        "emails": ["wang.wei#huahong.cn"], "confidence": {"name": 0.95, "title": 0.41},
        "boxes": {"name": [[70, 120, 150, 80]]}})
    view.refresh()
    assert tasks.wait_idle(10)
    dialog = view.open_review(entry.id)
    assert dialog is not None
    assert tasks.wait_idle(10)
    assert dialog.low_confidence_fields() == ["title"]
    assert dialog.phones.edits()[0].text() == "+86 138 0013 8000"  # readable, not E.164
    assert dialog.edits["title"].property("low") is True
    assert not dialog.save_button.isEnabled()  # the e-mail is not valid
    email = dialog.emails.edits()[0]
    assert email.property("invalid") is True
    assert dialog.check_hint.text() == "To save, correct: e-mail wang.wei#huahong.cn"
    email.setText("wang.wei@huahong.cn")
    assert dialog.save_button.isEnabled()
    QTest.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert dialog.decision().kind == "new"
    # A customer with that name exists in no demo data, so attach is not offered.
    assert all(b.property("decisionKind") != "attach" for b in dialog.match_group.buttons())
    dialog.finish()


def test_scan_page_in_the_main_window_uses_the_profile_queue(
        window: MainWindow, services: AppServices, tasks: TaskManager) -> None:
    window.show_page("scan")
    assert tasks.wait_idle(10)
    scan = window.scan
    assert scan.queue is not None
    assert scan.queue.folder == services.db.path.parent / QUEUE_FOLDER
    assert scan.count_label.text() == "No cards waiting. Drop some photos to start."
    assert not scan.review_button.isEnabled()
    scan.shutdown()


def test_demo_cards_through_the_main_window(
        window: MainWindow, tasks: TaskManager, tmp_path: Path) -> None:
    """The steps the screenshot tour uses: sample cards in, review window up."""
    from ui.scan.demo import draw_demo_cards

    window.show_page("scan")
    window.scan.add_paths(draw_demo_cards(tmp_path / "demo_cards"))
    assert tasks.wait_idle(60)
    window.scan.refresh()
    assert tasks.wait_idle(10)
    assert sorted(e.status for e in window.scan.entries) == ["ready", "ready"]
    review = window.scan.open_review(None)
    assert review is not None
    assert tasks.wait_idle(10)
    assert review.isVisible()
    assert review.edits["name"].text() in {"陈静", "Alice Chen"}
    assert review.image.highlighted_fields()
    review.finish()
    window.scan.shutdown()


def test_camera_that_cannot_start_says_why(qtbot: QtBot) -> None:
    from PySide6.QtMultimedia import QCameraDevice

    from ui.scan.camera import CameraDialog

    dialog = CameraDialog(QCameraDevice())  # no device behind it, as when it was unplugged
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.shoot.isEnabled()
    assert dialog.status.text().startswith("The camera cannot be used: ")
    dialog.reject()


def test_a_reader_failure_becomes_that_cards_error(tmp_path: Path, card_files: Path) -> None:
    from ui.scan.ocr_process import Outcome
    from ui.scan.recognise import recognise

    queue = CardQueue(tmp_path / "q")
    entry = queue.add(card_files / "alice.png")

    def broken(path: str, lang: str) -> Outcome:
        raise MemoryError(path)

    assert recognise(queue, entry.id, scan=broken).error == "unreadable"
    assert recognise(queue, entry.id, scan=lambda p, lang: (None, "")).error == "unreadable"
    assert queue.get(entry.id) is not None  # the card stays, with its image, for a retry
