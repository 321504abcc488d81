"""The per-field merge rule, as pure functions (the server applies it; tests model it).

For an ``update`` of field *f* based on server seq *B*:

* ``field_seq[f] <= B``: nobody else changed *f* since the client last saw the row, so the
  incoming value applies (this is also how disjoint fields always merge).
* otherwise the edits are concurrent: equal values are a no-op; different values keep the higher
  HLC (HLC strings compare in time order, and the client id inside breaks ties) and the other
  value goes into a ``field`` conflict for a person.

Bookkeeping fields (``updated_at``) and values derived from another field (``name_core`` from
``full_name``) follow the same "higher HLC wins" rule but never make a conflict record of their
own: the conflict on the field they follow already tells the story, and a second record for the
same edit would be noise (and would break "exactly one conflict per losing edit").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

SILENT_FIELDS: frozenset[str] = frozenset({"updated_at", "created_at", "name_core"})


class Outcome(Enum):
    APPLY = "apply"  # not concurrent: take the incoming value
    SAME = "same"  # concurrent but equal: nothing to do
    WIN = "win"  # concurrent, incoming has the higher HLC: apply, the old value is the loser
    LOSE = "lose"  # concurrent, incoming has the lower HLC: keep, the incoming value loses


@dataclass(frozen=True)
class FieldDecision:
    outcome: Outcome
    conflict: bool  # whether a conflict record must be written

    @property
    def applies(self) -> bool:
        return self.outcome in (Outcome.APPLY, Outcome.WIN)


def decide(field: str, *, current: Any, current_seq: int, current_hlc: str | None,
           incoming: Any, incoming_hlc: str, base_seq: int) -> FieldDecision:
    """Decide one field of one update (see the module docstring)."""
    if current_seq <= base_seq:
        return FieldDecision(Outcome.APPLY, conflict=False)
    if current == incoming:
        return FieldDecision(Outcome.SAME, conflict=False)
    silent = field in SILENT_FIELDS
    if current_hlc is None or incoming_hlc > current_hlc:
        return FieldDecision(Outcome.WIN, conflict=not silent)
    return FieldDecision(Outcome.LOSE, conflict=not silent)


def clamp_hlc(hlc: str, server_now_ms: int, max_future_ms: int) -> str:
    """Pull an HLC whose wall time runs more than ``max_future_ms`` ahead back to that limit.

    A laptop whose clock is a day fast would otherwise win every concurrent edit for a day.
    """
    wall_text, _, rest = hlc.partition("-")
    try:
        wall = int(wall_text)
    except ValueError:
        return hlc
    limit = server_now_ms + max_future_ms
    if wall <= limit:
        return hlc
    return f"{limit:0{len(wall_text)}d}-{rest}"


def hlc_wall_ms(hlc: str) -> int:
    try:
        return int(hlc.split("-", 1)[0])
    except ValueError:
        return 0
