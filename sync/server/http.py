"""HTTP plumbing: the error type every endpoint raises, and gzip request bodies."""

from __future__ import annotations

import zlib
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import MAX_PUSH_BYTES, ErrorBody, ErrorCode, dumps


class ApiError(Exception):
    def __init__(self, status: int, code: ErrorCode, message: str, **params: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.params = params


def error_response(status: int, code: ErrorCode, message: str,
                   params: dict[str, Any] | None = None) -> Response:
    body = ErrorBody(code=code, message=message, params=params or {})
    return Response(dumps(body.model_dump(mode="json")), status_code=status,
                    media_type="application/json")


async def api_error_handler(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.params)


# A decompressed request may be at most this big (a push is at most 1 MB of JSON).
MAX_BODY = 2 * MAX_PUSH_BYTES


class GzipRequestMiddleware:
    """Accept ``Content-Encoding: gzip`` request bodies (clients gzip their pushes)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope["headers"]]
        encoding = next((v for k, v in headers if k == b"content-encoding"), b"")
        if encoding.lower() != b"gzip":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = bool(message.get("more_body", False))
        try:
            inflater = zlib.decompressobj(wbits=31)
            body = inflater.decompress(b"".join(chunks), MAX_BODY + 1)
        except zlib.error:
            await error_response(400, ErrorCode.INVALID, "bad gzip body")(scope, receive, send)
            return
        if len(body) > MAX_BODY:
            await error_response(413, ErrorCode.TOO_LARGE, "request too large")(
                scope, receive, send)
            return
        new_headers = [(k, v) for k, v in headers
                       if k not in (b"content-encoding", b"content-length")]
        new_headers.append((b"content-length", str(len(body)).encode()))
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app({**scope, "headers": new_headers}, replay, send)
