"""The card review queue: a folder that survives the app closing mid-batch."""

from __future__ import annotations

import json
from pathlib import Path

from app.card_queue import MAX_FILE_BYTES, CardQueue


def _file(tmp_path: Path, name: str, data: bytes = b"\x89PNG fake bytes") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_added_card_is_copied_and_pending(tmp_path: Path) -> None:
    queue = CardQueue(tmp_path / "q")
    source = _file(tmp_path, "Card One.JPG")
    entry = queue.add(source)
    assert entry.status == "pending"
    image = queue.image_path(entry)
    assert image is not None
    assert image.read_bytes() == source.read_bytes()
    assert image.name == "card.jpg"
    source.unlink()  # the queue keeps its own copy
    assert queue.image_path(queue.entries()[0]) == image
    assert image.exists()


def test_queue_is_restored_by_a_new_instance(tmp_path: Path) -> None:
    queue = CardQueue(tmp_path / "q")
    first = queue.add(_file(tmp_path, "a.png"))
    second = queue.add(_file(tmp_path, "b.png"))
    queue.set_result(first.id, {"name": "Alice Chen", "emails": ["alice@example.com"]})
    # "The app closes": a new queue over the same folder sees the same cards.
    reopened = CardQueue(tmp_path / "q")
    assert [e.id for e in reopened.reviewable()] == [first.id]
    assert reopened.reviewable()[0].fields["name"] == "Alice Chen"
    assert [e.id for e in reopened.pending()] == [second.id]


def test_skipped_cards_come_after_ready_ones(tmp_path: Path) -> None:
    queue = CardQueue(tmp_path / "q")
    a, b = queue.add(_file(tmp_path, "a.png")), queue.add(_file(tmp_path, "b.png"))
    queue.set_result(a.id, {"name": "A"})
    queue.set_result(b.id, {"name": "B"})
    queue.set_status(a.id, "skipped")
    assert [e.id for e in queue.reviewable()] == [b.id, a.id]
    queue.remove(b.id)
    assert [e.id for e in queue.entries()] == [a.id]
    assert not (tmp_path / "q" / b.id).exists()


def test_bad_files_become_error_entries_and_nothing_else_is_lost(tmp_path: Path) -> None:
    queue = CardQueue(tmp_path / "q")
    good = queue.add(_file(tmp_path, "good.png"))
    empty = queue.add(_file(tmp_path, "empty.png", b""))
    missing = queue.add(tmp_path / "gone.png")
    huge = tmp_path / "huge.tif"
    with huge.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: no real disk used
    big = queue.add(huge)
    by_id = {e.id: e for e in queue.entries()}
    assert by_id[good.id].status == "pending"
    assert by_id[empty.id].error == "the file is empty"
    assert by_id[missing.id].error == "the file does not exist"
    assert by_id[big.id].status == "error"
    assert "too large" in (by_id[big.id].error or "")
    assert by_id[big.id].image_name is None


def test_writes_are_atomic_and_a_damaged_entry_still_shows(tmp_path: Path) -> None:
    queue = CardQueue(tmp_path / "q")
    entry = queue.add(_file(tmp_path, "a.png"))
    queue.set_error(entry.id, "not an image")
    folder = tmp_path / "q" / entry.id
    assert sorted(p.name for p in folder.iterdir()) == ["card.png", "entry.json"]
    assert json.loads((folder / "entry.json").read_text())["error"] == "not an image"
    (folder / "entry.json").write_text("{half a fi")
    damaged = queue.entries()
    assert damaged[0].status == "error"
    assert "damaged" in (damaged[0].error or "")
    assert damaged[0].image_name == "card.png"


def test_image_without_entry_file_is_requeued(tmp_path: Path) -> None:
    # The app died between copying the image and writing its entry.
    folder = tmp_path / "q" / "abc"
    folder.mkdir(parents=True)
    (folder / "card.jpg").write_bytes(b"x")
    (tmp_path / "q" / "empty").mkdir()
    queue = CardQueue(tmp_path / "q")
    entries = queue.entries()
    assert [(e.id, e.status, e.image_name) for e in entries] == [("abc", "pending", "card.jpg")]
    assert not (tmp_path / "q" / "empty").exists()


def test_a_card_being_added_is_invisible_until_complete(tmp_path: Path) -> None:
    queue = CardQueue(tmp_path / "q")
    half = tmp_path / "q" / ".new-0123"
    half.mkdir()
    (half / "card.png").write_bytes(b"half a copy")
    assert queue.entries() == []
    assert half.exists()  # a reader must not tidy away a card another thread is adding
    entry = queue.add(_file(tmp_path, "a.png"))
    assert [e.id for e in queue.entries()] == [entry.id]
    CardQueue(tmp_path / "q")  # the next start clears what a killed app left half-copied
    assert not half.exists()
