"""HTTP plumbing: the error type every endpoint raises, and the one middleware in front.

:class:`EdgeMiddleware` is plain ASGI (Starlette's ``BaseHTTPMiddleware`` runs every request
through an extra task and memory stream, a measurable share of the server's CPU under 200
concurrent reps). It:

* refuses a request body over the limit with ``413`` *before* reading it whole: a declared
  ``Content-Length`` is checked first, and a streamed (chunked) body is counted as it arrives and
  dropped once it passes the limit, so a 1 GB push never reaches memory;
* inflates ``Content-Encoding: gzip`` bodies (clients gzip their pushes), again with a limit, so
  a gzip bomb is refused too;
* adds the security headers to every response (no CORS headers at all: the API is for the
  desktop app, never for a browser page on another origin);
* turns an unhandled exception into a ``500`` error body and writes one structured log line per
  request.
"""

from __future__ import annotations

import logging
import time
import zlib
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import MAX_PUSH_BYTES, ErrorBody, ErrorCode, dumps

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, code: ErrorCode, message: str, **params: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.params = params


def error_response(status: int, code: ErrorCode, message: str,
                   params: dict[str, Any] | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    body = ErrorBody(code=code, message=message, params=params or {})
    return Response(dumps(body.model_dump(mode="json")), status_code=status,
                    media_type="application/json", headers=headers)


async def api_error_handler(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    headers = {"Retry-After": str(exc.params["retry_after_s"])} \
        if "retry_after_s" in exc.params else None
    return error_response(exc.status, exc.code, exc.message, exc.params, headers)


# A request body (as sent, and after gunzip) may be at most this big; a push is at most 1 MB of
# JSON, so twice that leaves room for encoding overhead and nothing more.
MAX_BODY = 2 * MAX_PUSH_BYTES

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"strict-transport-security", b"max-age=31536000"),
)
# The interactive docs page needs scripts from its own bundle; it gets a looser policy.
_DOCS_PATHS = ("/docs", "/redoc")


class BodyTooLargeError(Exception):
    pass


class BadBodyError(Exception):
    pass


async def read_body(receive: Receive, declared: int | None, limit: int) -> bytes:
    """The whole request body, or :class:`BodyTooLargeError` as soon as it passes ``limit``."""
    if declared is not None and declared > limit:
        raise BodyTooLargeError
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLargeError
        chunks.append(chunk)
        more = bool(message.get("more_body", False))
    return b"".join(chunks)


def gunzip(body: bytes, limit: int) -> bytes:
    try:
        inflater = zlib.decompressobj(wbits=31)
        data = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise BadBodyError("bad gzip body") from exc
    if len(data) > limit or inflater.unconsumed_tail:
        raise BodyTooLargeError
    return data


class EdgeMiddleware:
    """Body limits, gzip request bodies, security headers, 500s and access logs (see module)."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0
        docs = str(scope.get("path", "")).startswith(_DOCS_PATHS)

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [h for h in message.get("headers", [])
                           if not (docs and h[0] == b"content-security-policy")]
                extra = [h for h in SECURITY_HEADERS
                         if not (docs and h[0] == b"content-security-policy")]
                message = {**message, "headers": [*headers, *extra]}
            await send(message)

        try:
            scope, receive = await self._body(scope, receive)
        except BodyTooLargeError:
            # "Connection: close": uvicorn would otherwise read (and discard) the rest of the
            # body to keep the connection alive: a gigabyte of wasted work.
            await error_response(413, ErrorCode.TOO_LARGE, "request too large",
                                 {"limit_bytes": self.max_body},
                                 headers={"Connection": "close"})(
                scope, receive, send_with_headers)
            log.warning("request refused: body too large", extra={"path": scope["path"]})
            return
        except BadBodyError as exc:
            await error_response(400, ErrorCode.INVALID, str(exc))(
                scope, receive, send_with_headers)
            return
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error", extra={"path": scope["path"]})
            if status == 0:
                await error_response(500, ErrorCode.INTERNAL, "internal server error")(
                    scope, receive, send_with_headers)
        log.debug("request", extra={
            "method": scope["method"], "path": scope["path"], "status": status,
            "ms": round((time.perf_counter() - started) * 1000, 1)})

    async def _body(self, scope: Scope, receive: Receive) -> tuple[Scope, Receive]:
        """Read a body with a limit and replay it to the app (inflated when gzip'd)."""
        if scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            return scope, receive
        headers = list(scope["headers"])
        length = next((v for k, v in headers if k == b"content-length"), None)
        declared = int(length) if length is not None and length.isdigit() else None
        body = await read_body(receive, declared, self.max_body)
        encoding = next((v for k, v in headers if k == b"content-encoding"), b"")
        if encoding.lower() == b"gzip":
            body = gunzip(body, self.max_body)
            headers = [(k, v) for k, v in headers
                       if k not in (b"content-encoding", b"content-length")]
            headers.append((b"content-length", str(len(body)).encode()))
            scope = {**scope, "headers": headers}
        return scope, replay_body(body, receive)


def replay_body(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the app ``body`` (already read) as the whole request."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
