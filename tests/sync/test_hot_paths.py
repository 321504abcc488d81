"""Push and pull are answered straight from ASGI (sync/server/hot.py) when well-formed and by
the FastAPI routes otherwise: both must give the same answers, errors included."""

from __future__ import annotations

import gzip
from typing import Any

from sync.protocol import dumps, loads
from sync.server import admin
from tests.sync.helpers import PASSWORD, Server

NOW = "2026-01-05T09:00:00+00:00"


def _headers(token: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "X-Sync-Protocol": "1", **extra}


def _login(server: Server, name: str) -> str:
    server.user(name)
    resp = server.transport.request("POST", "/auth/login", body=dumps(
        {"username": name, "password": PASSWORD, "client_id": f"{name}-laptop"}))
    assert resp.status == 200
    return str(loads(resp.body)["token"])


def _push(server: Server, token: str, body: Any, **headers: str) -> tuple[int, Any]:
    resp = server.transport.request("POST", "/sync/v1/push", body=dumps(body),
                                    headers=_headers(token, **headers))
    return resp.status, loads(resp.body)


def _pull(server: Server, token: str, params: dict[str, str] | None = None,
          headers: dict[str, str] | None = None) -> tuple[int, Any, dict[str, str]]:
    resp = server.transport.request("GET", "/sync/v1/pull", params=params or {},
                                    headers=_headers(token, **(headers or {})))
    return resp.status, loads(resp.body), {k.lower(): v for k, v in resp.headers.items()}


def _customers(client: str, count: int) -> dict[str, Any]:
    changes = [{"client_seq": n, "change_id": f"{client}-{n}", "entity": "customers",
                "id": f"{client}-c{n}", "op": "insert", "base_seq": 0,
                "hlc": f"{1767603600000 + n:015d}-000000-{client}",
                "fields": {"full_name": f"客户 {n}", "name_core": f"c{n}", "industry": "other",
                           "region": "other", "source": "manual", "level": "normal",
                           "lifecycle": "prospect", "lifecycle_manual": False,
                           "in_pool": False, "created_at": NOW, "updated_at": NOW,
                           "deleted_at": None}} for n in range(1, count + 1)]
    return {"client_id": client, "changes": changes}


def test_a_push_and_its_pull_through_the_fast_path(server: Server) -> None:
    token = _login(server, "alice")
    status, body = _push(server, token, _customers("alice-laptop", 20))
    assert status == 200
    assert body["acked_client_seq"] == 20
    # A retried push is acknowledged again and applied once.
    assert _push(server, token, _customers("alice-laptop", 20))[1]["acked_client_seq"] == 20
    status, page, headers = _pull(server, token)
    assert status == 200
    assert not page["has_more"]
    assert sorted(p["id"] for p in page["puts"] if p["e"] == "customers") == \
        sorted(f"alice-laptop-c{n}" for n in range(1, 21))
    assert headers["x-content-type-options"] == "nosniff"  # EdgeMiddleware still applies


def test_a_large_page_is_gzipped_for_a_client_that_accepts_it(server: Server) -> None:
    token = _login(server, "alice")
    _push(server, token, _customers("alice-laptop", 20))
    _, plain, plain_headers = _pull(server, token, headers={"Accept-Encoding": "identity"})
    _, zipped, zipped_headers = _pull(server, token, headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain_headers
    assert zipped_headers["content-encoding"] == "gzip"
    # Same rows either way (the cursor carries a fresh HMAC, the rest is equal).
    assert zipped["puts"] == plain["puts"]
    assert zipped["high_seq"] == plain["high_seq"]
    assert len(gzip.compress(dumps(plain))) < len(dumps(plain))


def test_a_pull_falls_back_to_the_route_with_the_same_page(server: Server) -> None:
    token = _login(server, "alice")
    _push(server, token, _customers("alice-laptop", 5))
    _, fast, _ = _pull(server, token, {"limit": "3"})
    # An unknown parameter is not the fast path's: the FastAPI route answers, identically.
    _, routed, _ = _pull(server, token, {"limit": "3", "ignored": "x"})
    assert fast["puts"] == routed["puts"]
    assert len(fast["puts"]) == 3
    assert fast["has_more"]
    assert routed["has_more"]


def test_malformed_requests_get_the_routes_errors(server: Server) -> None:
    token = _login(server, "alice")
    assert _push(server, token, {"changes": []})[0] == 422  # no client_id
    status, body = _push(server, token, {"client_id": "x", "changes": [{"op": "nope"}]})
    assert (status, body["code"]) == (422, "invalid")
    status, body = _push(server, "", _customers("alice-laptop", 1))
    assert (status, body["code"]) == (401, "unauthorized")
    status, body = _push(server, token, _customers("alice-laptop", 1),
                         **{"X-Sync-Protocol": "0"})
    assert (status, body["code"]) == (426, "upgrade_required")
    assert _pull(server, token, {"limit": "0"})[0] == 422
    status, body, _ = _pull(server, token, {"cursor": "not-a-cursor"})
    assert (status, body["code"]) == (400, "invalid")
    status, body = _push(server, token, {"client_id": "x", "changes": [
        {**_customers("x", 1)["changes"][0], "client_seq": 5}]})
    assert (status, body["code"]) == (409, "gap")


def test_a_revoked_device_is_told_to_wipe_on_its_next_pull(server: Server) -> None:
    token = _login(server, "alice")
    assert _pull(server, token)[0] == 200
    admin.revoke_device(server.store, "alice-laptop")
    status, body, _ = _pull(server, token)
    assert (status, body["code"]) == (401, "wipe")
    status, body = _push(server, token, _customers("alice-laptop", 1))
    assert (status, body["code"]) == (401, "wipe")
