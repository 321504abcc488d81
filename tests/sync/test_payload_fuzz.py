"""Fuzzing the sync payload decoder: whatever bytes or JSON arrive at the push and pull
endpoints, the server answers with a 2xx or a 4xx error body (never a 5xx, never a crash), and
keeps serving afterwards."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.protocol import dumps, loads
from tests.sync.helpers import PASSWORD, Server, make_server

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=4),
    max_leaves=20)
_FIELD_NAMES = st.sampled_from(["full_name", "customer_id", "owner_id", "deleted_at", "phone",
                                "uscc", "status", "grand_total", "tiers", "id", "", "é" * 70])
_CHANGE = st.fixed_dictionaries({
    "client_seq": st.integers(min_value=-3, max_value=2**63) | _JSON,
    "change_id": st.text(max_size=70) | _JSON,
    "entity": st.sampled_from(["customers", "contacts", "quotes", "products", "conflicts",
                               "users", "nope", ""]) | _JSON,
    "id": st.text(max_size=70) | _JSON,
    "op": st.sampled_from(["insert", "update", "delete", "restore", "drop"]) | _JSON,
    "base_seq": st.integers(min_value=-1, max_value=2**63) | _JSON,
    "hlc": st.text(max_size=130) | st.just("999999999999999-000000-x"),
    "fields": st.dictionaries(_FIELD_NAMES, _JSON, max_size=5) | _JSON,
})
_PUSH = st.fixed_dictionaries({
    "client_id": st.text(min_size=1, max_size=70) | _JSON,
    "changes": st.lists(_CHANGE, max_size=5) | _JSON,
}, optional={"epoch": st.text(max_size=40) | _JSON,
             "client_time_ms": st.integers() | _JSON})


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    server = make_server(tmp)
    server.user("alice")
    resp = server.transport.request("POST", "/auth/login", body=dumps(
        {"username": "alice", "password": PASSWORD, "client_id": "fuzz-client"}))
    token = loads(resp.body)["token"]
    yield server, token
    server.transport.close()
    server.store.dispose()


def _post(server: Server, token: str, body: bytes, gzipped: bool = False) -> Any:
    headers = {"Authorization": f"Bearer {token}", "X-Sync-Protocol": "1",
               "Content-Type": "application/json"}
    if gzipped:
        headers["Content-Encoding"] = "gzip"
    return server.transport.request("POST", "/sync/v1/push", body=body, headers=headers)


def _assert_handled(resp: Any) -> None:
    assert resp.status < 500, resp.body[:500]
    if resp.status >= 400:
        error = loads(resp.body)
        assert error["code"]
        assert error["message"]


_SETTINGS = settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])


@_SETTINGS
@given(payload=_PUSH)
def test_structured_push_payloads_never_crash_the_server(
        fuzz_server: tuple[Server, str], payload: dict[str, Any]) -> None:
    server, token = fuzz_server
    try:
        body = dumps(payload)
    except TypeError:  # an integer orjson cannot encode: send it as text JSON
        import json

        body = json.dumps(payload).encode()
    _assert_handled(_post(server, token, body))


@_SETTINGS
@given(raw=st.binary(max_size=400) | _JSON.map(lambda v: str(v).encode()),
       gzipped=st.booleans())
def test_arbitrary_bytes_never_crash_the_server(fuzz_server: tuple[Server, str], raw: bytes,
                                               gzipped: bool) -> None:
    server, token = fuzz_server
    _assert_handled(_post(server, token, gzip.compress(raw) if gzipped else raw, gzipped))


@_SETTINGS
@given(cursor=st.text(max_size=200), limit=st.text(max_size=8), snapshot=st.text(max_size=40))
def test_pull_parameters_never_crash_the_server(fuzz_server: tuple[Server, str], cursor: str,
                                                limit: str, snapshot: str) -> None:
    server, token = fuzz_server
    resp = server.transport.request(
        "GET", "/sync/v1/pull", params={"cursor": cursor, "limit": limit,
                                        "snapshot": snapshot},
        headers={"Authorization": f"Bearer {token}", "X-Sync-Protocol": "1"})
    _assert_handled(resp)


def test_the_server_still_serves_after_the_fuzzing(fuzz_server: tuple[Server, str]) -> None:
    server, token = fuzz_server
    resp = server.transport.request("GET", "/sync/v1/pull", headers={
        "Authorization": f"Bearer {token}", "X-Sync-Protocol": "1"})
    assert resp.status == 200
    assert loads(resp.body)["has_more"] in (True, False)
