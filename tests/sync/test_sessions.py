"""Session hygiene and server hardening: devices, expiry and refresh, remote wipe, logout,
lock-out, rate limits, security headers, versions, the audit log."""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import redirect_stdout
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.models import Customer
from sync.client.errors import AuthError, WipedError
from sync.protocol import MAX_PROTOCOL, MIN_PROTOCOL, dumps, loads
from sync.server import admin, audit, cli
from sync.server.tables import clients, tokens
from tests.sync.helpers import (
    PASSWORD,
    Replica,
    Server,
    add_customer,
    ids,
    make_replica,
    make_server,
    outbox_size,
)

Factory = Callable[..., Replica]


def _login(server: Server, username: str, password: str = PASSWORD,
           client_id: str | None = None) -> tuple[int, dict[str, object], dict[str, str]]:
    resp = server.transport.request("POST", "/auth/login", body=dumps(
        {"username": username, "password": password, "client_id": client_id}))
    return resp.status, loads(resp.body), {k.lower(): v for k, v in resp.headers.items()}


def _expire_tokens(server: Server, *, refresh_too: bool = False) -> None:
    past = datetime.now(UTC) - timedelta(seconds=5)
    values: dict[str, object] = {"expires_at": past}
    if refresh_too:
        values["refresh_expires_at"] = past
    with server.store.write() as conn:
        conn.execute(update(tokens).values(**values))


def test_login_registers_the_device_in_the_users_list(server: Server,
                                                      replica_factory: Factory) -> None:
    server.user("alice")
    a1 = replica_factory("alice")
    a2 = replica_factory("alice")
    a1.engine.device_name = "field laptop"
    assert a1.engine.transport.base_url
    a1.engine.login(a1.engine.transport.base_url, "alice", PASSWORD)
    listed = {d.client_id: d for d in admin.devices(server.store, "alice")}
    assert set(listed) == {a1.db.client_id, a2.db.client_id}
    assert listed[a1.db.client_id].device_name == "field laptop"
    assert all(d.revoked_at is None for d in listed.values())
    # A push carries pyproject's version, the one the About box and /health show.
    add_customer(a1.db)
    a1.sync()
    listed = {d.client_id: d for d in admin.devices(server.store, "alice")}
    assert listed[a1.db.client_id].app_version == metadata.version("fieldsales")


def test_an_expired_token_is_renewed_and_the_sync_goes_on(server: Server,
                                                          replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    old = a.engine.token
    _expire_tokens(server)
    cid = add_customer(a.db)
    a.sync()
    assert a.engine.token != old
    assert outbox_size(a.db) == 0
    with server.store.read() as conn:
        assert conn.scalar(select(tokens.c.client_id).where(
            tokens.c.token_hash != "").limit(1)) == a.db.client_id
    # A second replica sees the change: it really reached the server.
    b = replica_factory("alice")
    b.sync()
    assert cid in ids(b.db, Customer)


def test_an_expired_session_asks_to_sign_in_and_keeps_the_replica(
        server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    add_customer(a.db)
    _expire_tokens(server, refresh_too=True)
    with pytest.raises(AuthError) as err:
        a.sync()
    assert err.value.code == "unauthorized"
    assert a.db.path.exists()
    assert outbox_size(a.db) == 1  # nothing lost; pushed after signing in again
    a.engine.login(a.engine.transport.base_url, "alice", PASSWORD)
    a.sync()
    assert outbox_size(a.db) == 0


def test_revoking_one_device_wipes_that_laptop_only(server: Server,
                                                    replica_factory: Factory) -> None:
    server.user("alice")
    lost = replica_factory("alice")
    kept = replica_factory("alice")
    add_customer(lost.db)
    lost.sync()
    folders = [lost.db.path.parent / name for name in ("cards", "pdfs")]
    for folder in folders:
        folder.mkdir(exist_ok=True)
        (folder / "x.bin").write_bytes(b"customer data")
    wiped: list[Path] = []
    lost.engine.on_wipe = wiped.append
    admin.revoke_device(server.store, lost.db.client_id)
    with pytest.raises(WipedError) as err:
        lost.sync()
    assert err.value.code == "wiped"
    assert not lost.db.path.exists()
    assert not any(f.exists() for f in folders)
    assert wiped == [lost.db.path]
    kept.sync()  # the user's other laptop goes on working
    assert len(ids(kept.db, Customer)) == 1
    revoked = {d.client_id for d in admin.devices(server.store) if d.revoked_at}
    assert revoked == {lost.db.client_id}


def test_signing_in_again_from_a_revoked_device_wipes_it(server: Server, tmp_path: Path) -> None:
    server.user("alice")
    a = make_replica(tmp_path / "a.db", server.transport, "alice")
    add_customer(a.db)
    admin.revoke_device(server.store, a.db.client_id)
    with pytest.raises(WipedError):
        a.engine.login(server.transport.base_url, "alice", PASSWORD)
    assert not a.db.path.exists()


def test_logout_revokes_the_token_without_a_wipe(server: Server,
                                                 replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    token = a.engine.token
    a.engine.logout()
    resp = server.transport.request("GET", "/sync/v1/pull", headers={
        "Authorization": f"Bearer {token}", "X-Sync-Protocol": "1"})
    assert resp.status == 401
    assert loads(resp.body)["code"] == "unauthorized"
    with pytest.raises(AuthError):
        a.sync()
    assert a.db.path.exists()
    with server.store.read() as conn:
        assert conn.scalar(select(tokens.c.revoke_reason)) == "logout"


def test_lock_out_after_repeated_failures(server: Server) -> None:
    server.user("alice")
    for _ in range(5):
        status, body, _h = _login(server, "alice", "wrong")
        assert status == 401
        assert body["code"] == "unauthorized"
    status, body, headers = _login(server, "alice")  # even the right password
    assert status == 429
    assert body["code"] == "locked"
    assert int(headers["retry-after"]) > 0
    with server.store.read() as conn:
        actions = [e.action for e in audit.entries(conn)]
    assert actions.count("login_failed") == 5
    assert actions[-1] == "login_locked"
    with server.store.write() as conn:  # the lock-out ends
        from sync.server.tables import accounts

        conn.execute(update(accounts).values(locked_until=datetime.now(UTC) - timedelta(1)))
    assert _login(server, "alice")[0] == 200


def test_failed_logins_from_one_address_are_rate_limited(tmp_path: Path) -> None:
    server = make_server(tmp_path, ip_max_failures=3, login_max_failures=100)
    try:
        for n in range(3):
            assert _login(server, f"nobody{n}", "x")[0] == 401
        status, body, headers = _login(server, "nobody", "x")
        assert status == 429
        assert body["code"] == "rate_limited"
        assert int(headers["retry-after"]) > 0
    finally:
        server.transport.close()
        server.store.dispose()


def test_security_headers_and_no_cors(server: Server) -> None:
    resp = server.transport.request("GET", "/health", headers={"Origin": "https://evil.example"})
    headers = {k.lower(): v for k, v in resp.headers.items()}
    assert resp.status == 200
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"
    assert not any(k.startswith("access-control-") for k in headers)
    preflight = server.transport.request("OPTIONS", "/sync/v1/push", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert preflight.status >= 400
    assert not any(k.lower().startswith("access-control-") for k in preflight.headers)


def test_health_and_login_carry_app_and_protocol_versions(server: Server) -> None:
    health = loads(server.transport.request("GET", "/health").body)
    assert health["version"] == metadata.version("fieldsales")
    assert (health["protocol_min"], health["protocol_max"]) == (MIN_PROTOCOL, MAX_PROTOCOL)
    server.user("alice")
    status, body, _h = _login(server, "alice")
    assert status == 200
    assert body["server_version"] == metadata.version("fieldsales")
    assert body["protocol_max"] == MAX_PROTOCOL
    assert body["refresh_token"]
    assert datetime.fromisoformat(str(body["expires_at"])) > datetime.now(UTC)


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/auth/login", b"{not json"),
    ("POST", "/auth/login", b'{"username": "", "password": "x"}'),
    ("POST", "/auth/refresh", b'{"refresh_token": 7}'),
    ("POST", "/sync/v1/push", b'{"client_id": "c", "changes": [{"client_seq": 0}]}'),
    ("POST", "/sync/v1/push", b'{"client_id": "c", "changes": "all"}'),
    ("POST", "/sync/v1/push", b"\x1f\x8b broken gzip"),
    ("GET", "/sync/v1/pull?cursor=forged.cursor", None),
    ("GET", "/sync/v1/pull?limit=-1", None),
])
def test_malformed_requests_get_4xx_with_a_message(server: Server, method: str, path: str,
                                                   body: bytes | None) -> None:
    server.user("alice")
    token = _login(server, "alice")[1]["token"]
    headers = {"Authorization": f"Bearer {token}", "X-Sync-Protocol": "1",
               "Content-Type": "application/json"}
    if body is not None and body.startswith(b"\x1f\x8b"):
        headers["Content-Encoding"] = "gzip"
    path, _, query = path.partition("?")
    params = dict(p.split("=", 1) for p in query.split("&")) if query else None
    resp = server.transport.request(method, path, body=body, params=params, headers=headers)
    assert 400 <= resp.status < 500, resp.body
    error = loads(resp.body)
    assert error["code"] == "invalid"
    assert len(error["message"]) > 5


def test_audit_command_prints_logins_and_admin_acts(server: Server,
                                                    replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    add_customer(a.db)
    a.sync()
    _login(server, "alice", "wrong")
    admin.revoke_device(server.store, a.db.client_id)
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["--db", server.store.url, "audit"]) == 0
    lines = out.getvalue().splitlines()
    assert any(" login " in f" {line} " and "alice" in line for line in lines)
    assert any("login_failed" in line and "alice" in line for line in lines)
    assert any("device_revoke" in line and a.db.client_id in line for line in lines)
    assert any("user_add" in line and "alice" in line for line in lines)


def test_device_commands_list_and_revoke(server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    a = replica_factory("alice")
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["--db", server.store.url, "device", "list", "--user", "alice"]) == 0
        assert cli.main(["--db", server.store.url, "device", "revoke", "--id",
                         a.db.client_id]) == 0
    assert a.db.client_id in out.getvalue()
    assert "active" in out.getvalue()
    with server.store.read() as conn:
        assert conn.scalar(select(clients.c.revoked_at).where(
            clients.c.client_id == a.db.client_id)) is not None
    with pytest.raises(WipedError):
        a.sync()
