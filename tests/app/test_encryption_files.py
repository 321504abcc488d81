"""Card images and PDFs are stored encrypted with the replica's key, and a wipe leaves nothing
of the profile's customers (files or key) behind."""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path

import pytest

from app.attachments import ATTACHMENTS_FILE, CARD, PDF, AttachmentStore
from app.errors import NotFoundError, StorageError
from app.keys import SALT_FILE, KdfParams, load_profile_key
from app.replica import ReplicaUnreadableError, open_replica
from app.wipe import wipe_profile
from tests.app.test_encryption import MemoryKeyring

CARD_BYTES = b"\x89PNG\r\n\x1a\n" + "名片 张伟 13800138000".encode() * 50
PDF_BYTES = b"%PDF-1.7\n" + "报价单 深圳市蓝鲸保密科技有限公司".encode() * 50


def test_card_images_and_pdfs_are_encrypted_on_disk(tmp_path: Path) -> None:
    key = secrets.token_bytes(32)
    store = AttachmentStore(tmp_path, key)
    store.put(CARD, "card-1.png", CARD_BYTES, "image/png")
    store.put(PDF, "Q-ZHANG-0001.pdf", PDF_BYTES, "application/pdf")
    on_disk = b"".join(p.read_bytes() for p in tmp_path.glob(f"{ATTACHMENTS_FILE}*"))
    assert "张伟".encode() not in on_disk
    assert b"%PDF" not in on_disk
    assert b"PNG" not in on_disk

    again = AttachmentStore(tmp_path, key)
    assert again.get(CARD, "card-1.png") == (CARD_BYTES, "image/png")
    assert again.names(PDF) == ["Q-ZHANG-0001.pdf"]
    assert again.delete(PDF, "Q-ZHANG-0001.pdf") is True
    with pytest.raises(NotFoundError):
        again.get(PDF, "Q-ZHANG-0001.pdf")
    with pytest.raises(StorageError, match="wrong key"):
        AttachmentStore(tmp_path, secrets.token_bytes(32))


def test_plain_attachments_are_encrypted_when_the_profile_gets_a_key(tmp_path: Path) -> None:
    AttachmentStore(tmp_path, None).put(CARD, "c.png", CARD_BYTES, "image/png")
    key = secrets.token_bytes(32)
    store = AttachmentStore(tmp_path, key)
    assert store.get(CARD, "c.png")[0] == CARD_BYTES
    assert "张伟".encode() not in (tmp_path / ATTACHMENTS_FILE).read_bytes()


def test_wipe_removes_replica_wal_attachments_backups_and_the_key(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    profile = tmp_path / "zhang@crm.example.com"
    key = load_profile_key(profile, backend=ring)
    assert key.raw is not None
    db = open_replica(profile / "replica.db", key=key.raw)
    _ = db.client_id
    AttachmentStore(profile, key.raw).put(CARD, "c.png", CARD_BYTES, "image/png")
    (profile / "replica.db.bak-0002").write_bytes(b"old backup")
    (profile / "cards").mkdir()
    (profile / "cards" / "legacy.png").write_bytes(CARD_BYTES)
    (profile / "settings.ini").write_text("[ui]\nlanguage=zh\n")
    assert (profile / "replica.db-wal").exists(), "the replica is open while the wipe starts"

    result = wipe_profile(profile, db=db, backend=ring)

    assert result.key_removed
    assert ring.entries == {}
    left = sorted(p.name for p in profile.iterdir())
    assert left == ["settings.ini"]
    names = {p.name for p in result.removed}
    assert {"replica.db", "replica.db.bak-0002", ATTACHMENTS_FILE, "legacy.png"} <= names
    # A new key means the old replica could never be read again even if it were recovered.
    assert load_profile_key(profile, backend=ring).raw != key.raw
    assert wipe_profile(profile, backend=ring).removed == (), "a second wipe is harmless"


def test_wipe_of_a_password_keyed_profile_removes_its_salt(tmp_path: Path) -> None:
    from keyring.backends import fail

    no_ring = fail.Keyring()  # type: ignore[no-untyped-call]
    profile = tmp_path / "li@crm"
    key = load_profile_key(profile, password="pw", backend=no_ring,
                           kdf=KdfParams(1, 8 * 1024, 1))
    assert key.raw is not None
    open_replica(profile / "replica.db", key=key.raw).dispose()
    result = wipe_profile(profile, backend=no_ring)
    assert result.key_removed
    assert not profile.exists()
    assert SALT_FILE in {p.name for p in result.removed}


def test_an_encrypted_replica_is_not_a_plain_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "replica.db"
    open_replica(path, key=secrets.token_bytes(32)).dispose()
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()
    with pytest.raises(ReplicaUnreadableError):
        open_replica(path)
