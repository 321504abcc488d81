"""SIGKILL in the middle of a sheet import and of a batch of scanned cards, then restart: the
replica passes ``integrity_check``, an import is all or nothing, no acknowledged change or
queued card is lost, no card is saved twice, the outbox matches the data and the card queue
reopens. (Fields are handed to the card save path as the review step would, without OCR: the
point is the queue and the save transactions.)"""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import text

from app.attachments import AttachmentStore
from app.card_queue import CardQueue
from app.exchange.importer import ImportOptions, run_import
from app.replica import open_replica
from app.services.cards import CardDraft, CardService, Decision
from app.services.context import ServiceContext
from tests.crash.child import card_draft
from tests.crash.harness import (
    Report,
    check_cards,
    check_imports,
    drop_cards,
    import_cycles,
    scan_cycles,
    write_sheet,
)

SHEET_ROWS = 3000
# Fractions of an import's measured duration: most land inside it, the last lets it finish.
MOMENTS = [0.15, 0.35, 0.55, 0.75, 0.9, 10.0]


def test_killed_import_is_all_or_nothing(tmp_path: Path, key: bytes, rng: random.Random) -> None:
    report = import_cycles(tmp_path, key, SHEET_ROWS, MOMENTS, rng)
    assert report.ok, report
    assert report.killed_before_ack >= 1, "at least one kill landed before an import finished"
    assert report.killed_before_ack < report.cycles, "at least one import finished"


def test_killed_card_batch_loses_and_doubles_no_card(tmp_path: Path, key: bytes,
                                                     rng: random.Random) -> None:
    # Cycle 2 dies between a card's commit and its removal from the queue; cycle 3 must then
    # merge that card into its contact (the review step's suggestion), not save it twice.
    report = scan_cycles(tmp_path, key, 7, 12, rng, max_delay=0.6, self_kill=(2,))
    assert report.ok, report
    assert report.saved_and_queued >= 1, "the self-kill left a saved card in the queue"
    assert report.acked > 0


def test_the_checks_notice_a_half_import_a_lost_card_and_a_doubled_card(
        tmp_path: Path, rng: random.Random) -> None:
    """The new checks themselves, so a passing crash test means something."""
    profile = tmp_path / "profile"
    profile.mkdir()
    db = open_replica(profile / "replica.db")
    try:
        ctx = ServiceContext(db=db, user_id="u1")
        sheet = tmp_path / "sheet00.csv"
        write_sheet(sheet, 5, rng)
        assert run_import(ctx, sheet, ImportOptions()).created == 5
        report = Report()
        check_imports(db, {"sheet00": 5, "sheet01": 5}, {"sheet00"}, report)
        assert report.ok, report
        with db.transaction() as s:
            s.execute(text("DELETE FROM customers WHERE rowid = (SELECT max(rowid) FROM "
                           "customers WHERE notes = 'sheet00')"))
        check_imports(db, {"sheet00": 5}, set(), report)
        assert report.inconsistent == ["half import of sheet00: 4 of 5 rows"]

        cards = drop_cards(tmp_path / "drop", "card00-", 2, rng)
        queue = CardQueue(profile / "card-queue")
        entries = [queue.add(tmp_path / "drop" / f"{stem}.png") for stem in cards]
        report = Report()
        check_cards(db, profile, cards, set(cards), set(), report)
        assert report.ok, report
        queue.remove(entries[0].id)  # taken, never saved: lost
        service = CardService(ctx, profile / "cards", AttachmentStore(profile, None))
        draft = CardDraft(**card_draft(entries[1].source_name))
        for _ in range(2):  # saved twice: doubled
            service.save(draft, Decision("new"), queue.image_path(entries[1]))
        check_cards(db, profile, cards, set(cards), set(), report)
        assert report.lost == ["card card00-00: neither saved nor queued"]
        assert report.inconsistent == ["card card00-01 doubled: 2 contacts, 1 in the queue"]
    finally:
        db.dispose()
