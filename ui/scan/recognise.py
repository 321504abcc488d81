"""The worker side of scanning: read one queued card and store plain fields in the queue.

Runs on the TaskManager's heavy pool, never on the UI thread; the OCR itself runs in a child
process (:mod:`ui.scan.ocr_process`). The queue (in ``app``) knows nothing of OCR, so the result
is stored as a plain dict (:func:`ui.scan.fields.fields_to_dict`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from app.card_queue import CardEntry, CardQueue
from ui.scan.ocr_process import Outcome, scan_to_dict

log = logging.getLogger(__name__)

DEFAULT_LANG = "eng+chi_sim"
Scanner = Callable[[str, str], Outcome]


def recognise(queue: CardQueue, entry_id: str, lang: str = DEFAULT_LANG,
              scan: Scanner = scan_to_dict) -> CardEntry:
    """Read the card and record the result, or a clear error; never raises for bad input."""
    entry = queue.get(entry_id)
    if entry is None:
        raise KeyError(entry_id)
    path = queue.image_path(entry)
    if path is None:
        return entry
    try:
        fields, error = scan(str(path), lang)
    except Exception:  # one bad card must not stop the batch
        log.exception("reading card %s failed", entry_id)
        return queue.set_error(entry_id, "unreadable")
    if fields is None:
        return queue.set_error(entry_id, error or "unreadable")
    return queue.set_result(entry_id, fields)
