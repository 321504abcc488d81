"""Pull cursors: opaque to clients, signed by the server (HMAC-SHA256), so a client can neither
forge a window it was never given nor skip the scope rules by editing one.

A cursor carries the epoch, the window ``(since, high]`` (``high`` pinned on the first page of
a pull session so pages are consistent), the phase (``start`` → ``enter`` → ``tail``), the
keyset position inside the phase and, for a re-snapshot, the entities it is limited to.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass, replace
from typing import Any

import orjson


class BadCursorError(Exception):
    pass


@dataclass(frozen=True)
class Cursor:
    epoch: str
    since: int
    high: int | None = None
    phase: str = "start"  # start | enter | tail
    key: tuple[Any, ...] | None = None
    only: tuple[str, ...] | None = None  # re-snapshot of these entities (client applies forced)

    def at(self, phase: str, key: tuple[Any, ...] | None) -> Cursor:
        return replace(self, phase=phase, key=key)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode(cursor: Cursor, secret: str) -> str:
    body = orjson.dumps({"ep": cursor.epoch, "s": cursor.since, "h": cursor.high,
                         "ph": cursor.phase, "k": cursor.key, "o": cursor.only})
    mac = hmac.new(secret.encode(), body, hashlib.sha256).digest()[:16]
    return f"{_b64(body)}.{_b64(mac)}"


def decode(text: str, secret: str) -> Cursor:
    try:
        body_text, mac_text = text.split(".", 1)
        body = _unb64(body_text)
        mac = _unb64(mac_text)
    except (ValueError, TypeError) as exc:
        raise BadCursorError("malformed cursor") from exc
    expected = hmac.new(secret.encode(), body, hashlib.sha256).digest()[:16]
    if not hmac.compare_digest(mac, expected):
        raise BadCursorError("cursor signature does not match")
    try:
        raw = orjson.loads(body)
        key = raw.get("k")
        only = raw.get("o")
        return Cursor(epoch=str(raw["ep"]), since=int(raw["s"]),
                      high=None if raw.get("h") is None else int(raw["h"]),
                      phase=str(raw["ph"]), key=tuple(key) if key is not None else None,
                      only=tuple(only) if only is not None else None)
    except (KeyError, TypeError, ValueError, orjson.JSONDecodeError) as exc:
        raise BadCursorError("malformed cursor") from exc
