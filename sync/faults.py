"""Crash points for fault-injection tests: ``FIELDSALES_FAULT="<point>:<n>"``.

The n-th time the process reaches the labelled point it dies with ``os._exit(137)`` (what a
``kill -9`` looks like), without unwinding or flushing anything. Points in use:

* server: ``push.before_commit``, ``push.after_commit_before_response``, ``pull.between_pages``
* client: ``pull.after_apply_before_commit``, ``push.after_response_before_outbox_delete``

Several points may be given, separated by commas. Unset, ``reach`` costs one dict lookup.
"""

from __future__ import annotations

import os
import sys
import threading

_counts: dict[str, int] = {}
_lock = threading.Lock()


def _armed() -> dict[str, int]:
    spec = os.environ.get("FIELDSALES_FAULT", "")
    armed: dict[str, int] = {}
    for item in spec.split(","):
        point, _, n = item.strip().rpartition(":")
        if point and n.isdigit():
            armed[point] = int(n)
    return armed


def reach(point: str) -> None:
    """Die here if ``FIELDSALES_FAULT`` says so for the n-th arrival at ``point``."""
    if "FIELDSALES_FAULT" not in os.environ:
        return
    target = _armed().get(point)
    if target is None:
        return
    with _lock:
        _counts[point] = _counts.get(point, 0) + 1
        hit = _counts[point] == target
    if hit:
        sys.stderr.write(f"FIELDSALES_FAULT: crashing at {point}\n")
        sys.stderr.flush()
        os._exit(137)
