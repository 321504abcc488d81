"""Uploading a product sheet to the server's catalog (``POST /catalog/v1/products``).

Products belong to the server, so the import wizard does not write them to the replica: it
sends the previewed rows (sheet row number + mapped cells) in one request through the sync
engine's authenticated transport (token renewal, retries, wipe handling included), and the
next sync brings the products back down like any server change. Run on a worker thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from app.exchange.plan import RowIssue
from sync.client.engine import SyncEngine
from sync.client.errors import OfflineError, ServerError, SyncError
from sync.protocol import loads

PATH = "/catalog/v1/products"


@dataclass(frozen=True)
class UploadResult:
    created: int
    updated: int
    skipped: int
    seq: int


class UploadRefusedError(SyncError):
    """The server refused the upload: ``forbidden`` (not a manager), ``invalid`` (rows break
    the data standards: see ``issues``) or ``too_large``. Nothing was written."""

    code = "upload_refused"

    def __init__(self, message: str, code: str, issues: list[RowIssue] | None = None) -> None:
        super().__init__(message, code)
        self.issues = issues or []


def upload_products(engine: SyncEngine, rows: list[dict[str, Any]], *, file_name: str = "",
                    cancel: threading.Event | None = None) -> UploadResult:
    """Send ``rows`` (see :func:`app.exchange.products.upload_rows`); all or nothing.

    Raises :class:`OfflineError` at once when the server does not answer its health probe
    (rather than after the sync's retries and backoff: the user is waiting), and
    :class:`UploadRefusedError` for what the server refused.
    """
    if not engine.is_online():
        raise OfflineError("the server cannot be reached; products are uploaded to it")
    resp = engine.request("POST", PATH, body={"file_name": file_name[:260], "rows": rows},
                          cancel=cancel)
    if resp.status == 200:
        data = loads(resp.body)
        return UploadResult(int(data["created"]), int(data["updated"]), int(data["skipped"]),
                            int(data["seq"]))
    body = _error_body(resp.body)
    message = str(body.get("message") or f"upload failed ({resp.status})")
    if resp.status in (403, 413, 422):
        params = body.get("params") or {}
        issues = [RowIssue(int(i.get("row", 0)), i.get("field"), str(i.get("code", "")),
                           str(i.get("value", "")), str(i.get("message", "")))
                  for i in params.get("issues", []) if isinstance(i, dict)]
        code = {403: "forbidden", 413: "too_large"}.get(resp.status, "invalid")
        raise UploadRefusedError(message, code, issues)
    raise ServerError(message)


def _error_body(raw: bytes) -> dict[str, Any]:
    try:
        body = loads(raw)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
