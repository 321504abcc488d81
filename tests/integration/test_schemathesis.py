"""schemathesis against /openapi.json: malformed input never makes a server error (5xx).

Requests carry a valid rep token and protocol header half of the time, so generated bodies
reach the push/pull handlers instead of stopping at authentication.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

import schemathesis  # a dev dependency: a missing one must fail the suite, never skip
from hypothesis import HealthCheck, settings

from sync.server import admin
from tests.sync.helpers import PASSWORD, make_server

_DIR = Path(tempfile.mkdtemp(prefix="fs-schemathesis-"))
_SERVER = make_server(_DIR)
admin.add_user(_SERVER.store, "alice", PASSWORD, "rep")
_TOKEN = _SERVER.transport._client.post(
    "/auth/login", json={"username": "alice", "password": PASSWORD}).json()["token"]
schema = schemathesis.openapi.from_asgi("/openapi.json", _SERVER.app)


@atexit.register
def _cleanup() -> None:
    _SERVER.transport.close()
    _SERVER.store.dispose()
    shutil.rmtree(_DIR, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=40, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: Any) -> None:
    headers = {"Authorization": f"Bearer {_TOKEN}", "X-Sync-Protocol": "1"}
    response = case.call(headers=headers)
    assert response.status_code < 500, response.text
