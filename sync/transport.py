"""How the client engine reaches the server: a ``Transport`` sends one HTTP request.

* :class:`RequestsTransport` — the real one (``requests``; gzip request bodies, gzip responses
  are decoded by ``requests``), used on a worker thread, never on the UI thread.
* :class:`InProcessTransport` — the FastAPI app called in-process through Starlette's
  ``TestClient``, for fast tests and property tests with many replicas.

Connection-level failures (refused, reset, timeout) raise :class:`TransportError`; the engine
retries those with backoff. HTTP errors are returned as responses for the engine to interpret.
"""

from __future__ import annotations

import gzip
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests

GZIP_MIN_BYTES = 1024


class TransportError(Exception):
    """The request may or may not have reached the server; the response did not come back."""


@dataclass(frozen=True)
class HttpResponse:
    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


class Transport(Protocol):
    base_url: str

    def request(self, method: str, path: str, *, body: bytes | None = None,
                params: Mapping[str, str] | None = None,
                headers: Mapping[str, str] | None = None,
                timeout: float | None = None) -> HttpResponse: ...

    def close(self) -> None: ...


def _encode_body(body: bytes | None, headers: dict[str, str]) -> bytes | None:
    if body is None:
        return None
    headers["Content-Type"] = "application/json"
    if len(body) >= GZIP_MIN_BYTES:
        headers["Content-Encoding"] = "gzip"
        return gzip.compress(body, compresslevel=1)
    return body


class RequestsTransport:
    """HTTP over ``requests`` with a kept-alive session."""

    def __init__(self, base_url: str = "", *, timeout: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._session = requests.Session()
        self._session.headers["Accept-Encoding"] = "gzip"

    def request(self, method: str, path: str, *, body: bytes | None = None,
                params: Mapping[str, str] | None = None,
                headers: Mapping[str, str] | None = None,
                timeout: float | None = None) -> HttpResponse:
        if not self.base_url:
            raise TransportError("no server address configured")
        all_headers = dict(headers or {})
        data = _encode_body(body, all_headers)
        try:
            resp = self._session.request(method, self.base_url + path, data=data,
                                         params=dict(params or {}), headers=all_headers,
                                         timeout=timeout or self.timeout)
            content = resp.content
        except (requests.ConnectionError, requests.Timeout,
                requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError) as exc:
            raise TransportError(str(exc)) from exc
        return HttpResponse(resp.status_code, content, dict(resp.headers))

    def close(self) -> None:
        self._session.close()


class InProcessTransport:
    """Calls an ASGI app in this process (Starlette's TestClient runs it on a portal thread)."""

    def __init__(self, app: Any, base_url: str = "http://fieldsales.test") -> None:
        with warnings.catch_warnings():
            # WORKAROUND: starlette.testclient warns on import that httpx is deprecated for it;
            # the suite turns warnings into errors and this one is not ours to fix.
            warnings.simplefilter("ignore")
            from starlette.testclient import TestClient

        self.base_url = base_url
        self._client = TestClient(app, base_url=base_url, raise_server_exceptions=False)

    def request(self, method: str, path: str, *, body: bytes | None = None,
                params: Mapping[str, str] | None = None,
                headers: Mapping[str, str] | None = None,
                timeout: float | None = None) -> HttpResponse:
        all_headers = dict(headers or {})
        data = _encode_body(body, all_headers)
        resp = self._client.request(method, path, content=data, params=dict(params or {}),
                                    headers=all_headers)
        return HttpResponse(resp.status_code, resp.content, dict(resp.headers))

    def close(self) -> None:
        self._client.close()
