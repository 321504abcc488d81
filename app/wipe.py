"""Remote wipe: remove everything a profile keeps about customers from this computer.

Called by the sync engine when the server answers that the user or this device was revoked,
and usable for "remove this profile". Removes the replica and its WAL/SHM/journal, migration
backups, set-aside unreadable copies, the attachments file (card images, PDFs), the plain
``cards/``, ``pdfs/`` and ``card-queue/`` folders (card photos waiting to be read), the key's
salt file and the key's keyring entry. Other files in the folder (``settings.ini``: window
sizes, language) are left; the folder itself is removed when nothing else is in it.

Files are overwritten with zeros before they are unlinked. On an SSD or a copy-on-write file
system that does not guarantee the old blocks are gone, which is why the data is encrypted in
the first place: once the keyring entry is deleted, what may remain on the disk is unreadable.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from keyring.backend import KeyringBackend

from app.attachments import ATTACHMENTS_FILE
from app.db import Database
from app.keys import SALT_FILE, forget_profile_key
from app.replica import REPLICA_FILE

log = logging.getLogger(__name__)

_DATA_FILES = (REPLICA_FILE, ATTACHMENTS_FILE)
# Plain image folders: card copies, PDFs, card photos queued for reading (ui.widgets.scan).
_LEGACY_FOLDERS = ("cards", "pdfs", "card-queue")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class WipeResult:
    removed: tuple[Path, ...]
    key_removed: bool


def file_family(path: Path) -> list[Path]:
    """A database file and every file named after it, which hold the same data: its
    -wal/-shm/-journal, .bak-<rev>, .encrypting, .part…, .unreadable-<time> copies."""
    return sorted(p for p in path.parent.glob(f"{path.name}*") if p.is_file())


def shred_file_family(path: Path) -> list[Path]:
    """Shred ``path`` and its family (see :func:`file_family`); the files removed."""
    found = file_family(path)
    for member in found:
        _shred(member)
    return found


def _targets(profile: Path) -> list[Path]:
    return sorted({p for name in _DATA_FILES for p in file_family(profile / name)})


def _shred(path: Path) -> None:
    """Overwrite with zeros, flush, unlink (best effort: see the module docstring)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            for _ in range(0, size, _CHUNK):
                handle.write(b"\0" * min(_CHUNK, size - handle.tell()))
            handle.flush()
    except OSError as exc:  # unreadable or locked: still try to unlink below
        log.warning("could not overwrite %s: %s", path, exc)
    path.unlink(missing_ok=True)


def wipe_profile(
    profile: Path,
    *,
    db: Database | None = None,
    backend: KeyringBackend | None = None,
) -> WipeResult:
    """Remove the profile's customer data and key. Pass the open ``db`` (it is disposed
    first: Windows cannot delete an open file, and an open connection could write again).

    Safe to call twice and on a missing folder. Raises ``OSError`` only when a file cannot be
    removed at all (the caller retries on the next start).
    """
    if db is not None:
        db.dispose()
    removed: list[Path] = []
    if profile.exists():
        for path in _targets(profile):
            _shred(path)
            removed.append(path)
        for folder in _LEGACY_FOLDERS:
            target = profile / folder
            if target.is_dir():
                for path in (p for p in target.rglob("*") if p.is_file()):
                    _shred(path)
                    removed.append(path)
                shutil.rmtree(target)
        if (profile / SALT_FILE).exists():
            removed.append(profile / SALT_FILE)
    key_removed = forget_profile_key(profile, backend=backend)
    if profile.exists() and not any(profile.iterdir()):
        profile.rmdir()
    log.warning("profile wiped", extra={"profile": str(profile), "files": len(removed)})
    return WipeResult(tuple(removed), key_removed)
