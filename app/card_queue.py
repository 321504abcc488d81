"""The persistent review queue for scanned business cards.

A trade-show batch can take minutes to read and longer to review, and the laptop may be
closed half-way. So every card lives in a folder inside the profile from the moment it is
dropped until the rep saves or discards it::

    <profile>/card-queue/<id>/card<.ext>     the image as dropped (a copy)
    <profile>/card-queue/<id>/entry.json     status, recognised fields (plain dict), error

``entry.json`` is written to a temporary file and renamed over the old one, so a crash leaves
either the old or the new state, never half a file. The queue stores plain dicts: ``app`` does
not know the OCR package; the UI converts its results before handing them over.

Statuses: ``pending`` (not read yet, or the app closed while reading: read it again),
``ready`` (fields recognised, waiting for review), ``error`` (the image could not be read: the
message says why) and ``skipped`` (reviewed later). Saved or discarded cards are removed.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

Status = Literal["pending", "ready", "error", "skipped"]
STATUSES: tuple[Status, ...] = ("pending", "ready", "error", "skipped")

#: Larger files are not copied into the queue: no card photo is this big, and copying a huge
#: file would fill the disk (the OCR reader guards against decompression bombs separately).
MAX_FILE_BYTES = 40 * 1024 * 1024

_ENTRY = "entry.json"


@dataclass(frozen=True)
class CardEntry:
    """One card in the queue. ``fields`` is the recognised card as a plain JSON dict."""

    id: str
    source_name: str
    added_at: str
    status: Status = "pending"
    image_name: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "source_name": self.source_name, "added_at": self.added_at,
            "status": self.status, "image_name": self.image_name, "fields": self.fields,
            "error": self.error,
        }

    @staticmethod
    def from_json(data: dict[str, Any]) -> CardEntry:
        status = data.get("status", "pending")
        return CardEntry(
            id=str(data["id"]),
            source_name=str(data.get("source_name", "")),
            added_at=str(data.get("added_at", "")),
            status=status if status in STATUSES else "pending",
            image_name=data.get("image_name"),
            fields=dict(data.get("fields") or {}),
            error=data.get("error"),
        )


class CardQueue:
    """Thread-safe: worker threads add cards and store results while the UI reads the list."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        # A copy the app was killed in the middle of: the original file is still where the
        # rep dropped it from, so the half copy is only clutter.
        for staging in self.folder.glob(".new-*"):
            shutil.rmtree(staging, ignore_errors=True)

    # -- reading ---------------------------------------------------------------------------
    def entries(self) -> list[CardEntry]:
        """Every card, oldest first. Unreadable entry files are reported as errors."""
        with self._lock:
            found = [self._load(d) for d in self.folder.iterdir()
                     if d.is_dir() and not d.name.startswith(".")]
        return sorted((e for e in found if e is not None), key=lambda e: (e.added_at, e.id))

    def get(self, entry_id: str) -> CardEntry | None:
        with self._lock:
            folder = self.folder / entry_id
            return self._load(folder) if folder.is_dir() else None

    def image_path(self, entry: CardEntry) -> Path | None:
        return None if entry.image_name is None else self.folder / entry.id / entry.image_name

    def pending(self) -> list[CardEntry]:
        """Cards still to be read: new ones and those the app closed on while reading."""
        return [e for e in self.entries() if e.status == "pending"]

    def reviewable(self) -> list[CardEntry]:
        """Cards ready for the rep, skipped ones last."""
        ready = [e for e in self.entries() if e.status in ("ready", "skipped")]
        return sorted(ready, key=lambda e: e.status == "skipped")

    # -- writing ---------------------------------------------------------------------------
    def add(self, source: Path) -> CardEntry:
        """Copy ``source`` into the queue. A file that cannot be taken becomes an error
        entry, so the rep sees which card failed and why instead of losing track of it."""
        source = Path(source)
        entry = CardEntry(
            id=uuid.uuid4().hex, source_name=source.name,
            added_at=datetime.now(UTC).isoformat(timespec="microseconds"),
        )
        # Built under a hidden name and renamed into place when complete, so a reader never
        # sees (or tidies away) a half-made entry.
        staging = self.folder / f".new-{entry.id}"
        staging.mkdir()
        error = _unusable(source)
        if error is None:
            image_name = "card" + source.suffix.lower()[:10]
            try:
                shutil.copyfile(source, staging / image_name)
                entry = replace(entry, image_name=image_name)
            except OSError as exc:
                error = f"could not copy the file: {exc.strerror or exc}"
        if error is not None:
            entry = replace(entry, status="error", error=error)
        self._save(entry, staging)
        staging.rename(self.folder / entry.id)
        return entry

    def set_result(self, entry_id: str, fields: dict[str, Any]) -> CardEntry:
        return self._change(entry_id, status="ready", fields=fields, error=None)

    def set_error(self, entry_id: str, message: str) -> CardEntry:
        return self._change(entry_id, status="error", error=message)

    def set_status(self, entry_id: str, status: Status) -> CardEntry:
        return self._change(entry_id, status=status)

    def update_fields(self, entry_id: str, fields: dict[str, Any]) -> CardEntry:
        """Keep the rep's edits of a card they skipped."""
        return self._change(entry_id, fields=fields)

    def remove(self, entry_id: str) -> None:
        with self._lock:
            shutil.rmtree(self.folder / entry_id, ignore_errors=True)

    # -- internals -------------------------------------------------------------------------
    def _change(self, entry_id: str, **changes: Any) -> CardEntry:
        with self._lock:
            entry = self.get(entry_id)
            if entry is None:
                raise KeyError(entry_id)
            entry = replace(entry, **changes)
            self._save(entry)
            return entry

    def _save(self, entry: CardEntry, folder: Path | None = None) -> None:
        folder = folder or self.folder / entry.id
        with self._lock:
            fd, tmp = tempfile.mkstemp(prefix=".entry-", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(entry.to_json(), out, ensure_ascii=False, indent=1)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, folder / _ENTRY)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    def _load(self, folder: Path) -> CardEntry | None:
        path = folder / _ENTRY
        try:
            return CardEntry.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return self._orphan(folder)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            # A damaged entry file must not hide the card: show it as an error the rep sees.
            return CardEntry(id=folder.name, source_name=folder.name, added_at="",
                             status="error", image_name=_image_in(folder),
                             error=f"the queue entry is damaged: {exc}")

    def _orphan(self, folder: Path) -> CardEntry | None:
        # The app stopped between creating the folder and writing the entry: keep the image.
        image = _image_in(folder)
        if image is None:
            shutil.rmtree(folder, ignore_errors=True)
            return None
        entry = CardEntry(id=folder.name, source_name=image, added_at="", image_name=image)
        self._save(entry)
        return entry


def _image_in(folder: Path) -> str | None:
    names = sorted(p.name for p in folder.glob("card*") if p.is_file())
    return names[0] if names else None


def _unusable(source: Path) -> str | None:
    """Why ``source`` cannot go into the queue, or None."""
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        return "the file does not exist"
    except OSError as exc:
        return f"the file cannot be read: {exc.strerror or exc}"
    if not source.is_file():
        return "not a file"
    if size == 0:
        return "the file is empty"
    if size > MAX_FILE_BYTES:
        return (f"the file is too large ({size // (1024 * 1024)} MB; at most "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB)")
    return None
