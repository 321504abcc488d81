"""Hybrid logical clock: wall time that never goes backwards and orders causally.

A timestamp is ``(wall_ms, counter, node)``; encoded as a fixed-width string so plain string
comparison gives the same order (the server compares them without parsing). Laptop clocks may be
skewed by hours: the HLC absorbs every timestamp it sees from the server, so an edit made after
seeing another always sorts after it, whatever the local wall clock says.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

_WIDTH_MS = 15
_WIDTH_COUNTER = 6


@dataclass(frozen=True, order=True)
class Timestamp:
    wall_ms: int
    counter: int
    node: str

    def encode(self) -> str:
        return f"{self.wall_ms:0{_WIDTH_MS}d}-{self.counter:0{_WIDTH_COUNTER}d}-{self.node}"

    @classmethod
    def decode(cls, text: str) -> Timestamp:
        wall, counter, node = text.split("-", 2)
        return cls(int(wall), int(counter), node)


class HybridClock:
    """One per replica (node). ``tick`` for a local event, ``observe`` for a remote timestamp."""

    def __init__(
        self, node: str, wall_ms: Callable[[], int] | None = None, last: Timestamp | None = None
    ) -> None:
        self.node = node
        self._wall = wall_ms or (lambda: time.time_ns() // 1_000_000)
        self._last = last or Timestamp(0, 0, node)

    @property
    def last(self) -> Timestamp:
        return self._last

    def tick(self) -> Timestamp:
        now = self._wall()
        if now > self._last.wall_ms:
            self._last = Timestamp(now, 0, self.node)
        else:
            self._last = Timestamp(self._last.wall_ms, self._last.counter + 1, self.node)
        return self._last

    def observe(self, remote: Timestamp | str) -> Timestamp:
        other = Timestamp.decode(remote) if isinstance(remote, str) else remote
        now = self._wall()
        wall = max(now, self._last.wall_ms, other.wall_ms)
        if wall == self._last.wall_ms == other.wall_ms:
            counter = max(self._last.counter, other.counter) + 1
        elif wall == self._last.wall_ms:
            counter = self._last.counter + 1
        elif wall == other.wall_ms:
            counter = other.counter + 1
        else:
            counter = 0
        self._last = Timestamp(wall, counter, self.node)
        return self._last
