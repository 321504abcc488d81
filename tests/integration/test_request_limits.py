"""Request size limits on a real server (uvicorn on loopback): a 1 GB push is refused with 413
before it is loaded, whether its size is declared, streamed in chunks, or hidden in gzip."""

from __future__ import annotations

import gzip
import resource
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from sync.protocol import dumps, loads
from sync.server import admin
from sync.server.local import start_local_server
from sync.server.settings import Settings
from sync.server.store import Store

GIGABYTE = 1 << 30
CHUNK = 1 << 16


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """``(url, token)`` of a server with a rep signed in."""
    db = tmp_path / "server.db"
    store = Store(Settings(db_url=f"sqlite:///{db}"))
    store.migrate()
    admin.add_user(store, "alice", "pw", "rep")
    store.dispose()
    url, stop = start_local_server(db)
    try:
        with requests.post(url + "/auth/login",
                           json={"username": "alice", "password": "pw"}) as resp:
            token = resp.json()["token"]
        yield url, token
    finally:
        stop()


def _headers(token: str, host: str) -> bytes:
    return (f"POST /sync/v1/push HTTP/1.1\r\nHost: {host}\r\n"
            f"Authorization: Bearer {token}\r\nX-Sync-Protocol: 1\r\n"
            "Content-Type: application/json\r\n").encode()


def _read_status(sock: socket.socket) -> tuple[int, bytes]:
    data = b""
    sock.settimeout(10)
    while b"\r\n\r\n" not in data:
        got = sock.recv(65536)
        if not got:
            break
        data += got
    head, _, rest = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), rest


def test_a_streamed_gigabyte_push_is_refused_before_it_is_read(served: tuple[str, str]) -> None:
    url, token = served
    parts = urlsplit(url)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sent = 0
    chunk = b"%x\r\n%s\r\n" % (CHUNK, b"[" * CHUNK)
    with socket.create_connection((parts.hostname, parts.port)) as sock:
        sock.sendall(_headers(token, parts.netloc) + b"Transfer-Encoding: chunked\r\n\r\n")
        started = time.monotonic()
        try:
            while sent < GIGABYTE:
                sock.sendall(chunk)
                sent += CHUNK
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed: exactly what we want
        status, body = _read_status(sock)
    assert status == 413
    assert sent < 64 * 1024 * 1024, f"the server read {sent} bytes before refusing"
    assert time.monotonic() - started < 30
    if body.strip():
        assert loads(body[body.index(b"{"):body.rindex(b"}") + 1])["code"] == "too_large"
    # The server runs in this process: its memory never held the gigabyte.
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    assert grown_kb < 200 * 1024


def test_a_declared_gigabyte_is_refused_without_reading(served: tuple[str, str]) -> None:
    url, token = served
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port)) as sock:
        sock.sendall(_headers(token, parts.netloc) + f"Content-Length: {GIGABYTE}\r\n\r\n"
                     .encode() + b"[" * CHUNK)
        status, body = _read_status(sock)
    assert status == 413
    assert b"too_large" in body


def test_a_gzip_bomb_is_refused(served: tuple[str, str]) -> None:
    url, token = served
    bomb = gzip.compress(b" " * (64 * 1024 * 1024), compresslevel=9)  # ~64 KB on the wire
    assert len(bomb) < 1024 * 1024
    with requests.post(url + "/sync/v1/push", data=bomb, headers={
            "Authorization": f"Bearer {token}", "X-Sync-Protocol": "1",
            "Content-Type": "application/json", "Content-Encoding": "gzip"}) as resp:
        assert resp.status_code == 413
        assert resp.json()["code"] == "too_large"


def test_a_normal_gzip_push_still_works(served: tuple[str, str]) -> None:
    url, token = served
    body = gzip.compress(dumps({"client_id": "c1", "changes": []}))
    with requests.post(url + "/sync/v1/push", data=body, headers={
            "Authorization": f"Bearer {token}", "X-Sync-Protocol": "1",
            "Content-Type": "application/json", "Content-Encoding": "gzip"}) as resp:
        assert resp.status_code == 200, resp.text
        assert resp.json()["acked_client_seq"] == 0
