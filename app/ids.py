"""Identifiers generated on the client, offline.

UUIDv7 (RFC 9562): 48 bits of Unix milliseconds then random bits, so ids made on different
laptops never collide and sort roughly by creation time, which keeps SQLite's B-trees compact.
"""

from __future__ import annotations

import os
import time
import uuid


def new_id() -> str:
    """Return a new UUIDv7 as its canonical 36-character string."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76  # version 7
    value |= ((rand >> 62) & 0xFFF) << 64  # 12 bits rand_a
    value |= 0b10 << 62  # RFC 4122 variant
    value |= rand & 0x3FFF_FFFF_FFFF_FFFF  # 62 bits rand_b
    return str(uuid.UUID(int=value))


def deterministic_id(*parts: str) -> str:
    """An id derived from its parts, for records two replicas may create independently
    (a reminder for quote X by rule R must be the same row everywhere, never two)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "fieldsales:" + "/".join(parts)))
