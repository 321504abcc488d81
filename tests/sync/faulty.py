"""An in-process transport wrapper that loses requests or responses, or delivers twice."""

from __future__ import annotations

from collections.abc import Mapping

from sync.transport import HttpResponse, Transport, TransportError

MODES = (None, "drop_request", "drop_response", "drop_response_once", "duplicate")


class FaultyTransport:
    def __init__(self, inner: Transport) -> None:
        self.inner = inner
        self.base_url = inner.base_url
        self.mode: str | None = None
        self.delivered = 0

    def request(self, method: str, path: str, *, body: bytes | None = None,
                params: Mapping[str, str] | None = None,
                headers: Mapping[str, str] | None = None,
                timeout: float | None = None) -> HttpResponse:
        if self.mode == "drop_request":
            raise TransportError("injected: request lost")
        resp = self.inner.request(method, path, body=body, params=params, headers=headers)
        self.delivered += 1
        if self.mode == "duplicate":
            self.inner.request(method, path, body=body, params=params, headers=headers)
        if self.mode == "drop_response":
            raise TransportError("injected: response lost")
        if self.mode == "drop_response_once":
            self.mode = None
            raise TransportError("injected: response lost once")
        return resp

    def close(self) -> None:
        self.inner.close()
