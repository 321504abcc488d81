"""Table checksums both sides compute the same way: count and XOR of a 64-bit row hash.

XOR makes the checksum independent of row order and cheap to maintain; hashing ``(id, seq)``
means a row that is present but stale (wrong seq) is detected as well as a missing one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def row_hash(entity_id: str, seq: int) -> int:
    digest = hashlib.blake2b(f"{entity_id}:{seq}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def table_checksum(rows: Iterable[tuple[str, int]]) -> tuple[int, str]:
    """``(count, xor-hex)`` over ``(id, seq)`` pairs."""
    count = 0
    acc = 0
    for entity_id, seq in rows:
        count += 1
        acc ^= row_hash(entity_id, int(seq))
    return count, f"{acc:016x}"
