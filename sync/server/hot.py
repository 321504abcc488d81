"""The two hot endpoints (push and pull) served straight from ASGI, in front of FastAPI.

Under 200 concurrent reps, FastAPI's per-request machinery (dependency solving, parameter
models, the middleware stack, the GZip responder) cost as much server CPU as the push and pull
themselves. :class:`HotPaths` answers a *well-formed* push or pull itself, calling the same
handler functions the FastAPI routes call; any request it is not sure about (a missing or odd
header, a body orjson or the model rejects, an unknown or repeated query parameter, an unusual
value) is handed to FastAPI unchanged, so every error answer (401, 400, 422, 426 …) still comes
from one place and the OpenAPI description still describes both routes.

It sits inside :class:`~sync.server.http.EdgeMiddleware` (body limits, gunzip, security
headers, 500s) and outside GZipMiddleware, so it gzips large pull pages itself (in the worker
thread, where zlib runs without holding the event loop).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from functools import partial
from urllib.parse import parse_qsl

import orjson
from anyio import to_thread
from pydantic import ValidationError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import (
    APP_VERSION_HEADER,
    MAX_PAGE_LIMIT,
    MAX_PROTOCOL,
    MIN_PROTOCOL,
    PROTOCOL_HEADER,
    PushRequest,
)
from sync.server.http import ApiError, api_error_handler, read_body, replay_body

# (token, request, protocol, app version) -> JSON body of the push response
PushHandler = Callable[[str, PushRequest, int, str | None], bytes]
# (token, cursor, limit, snapshot, verify) -> JSON body of the pull page
PullHandler = Callable[[str, str | None, int | None, str | None, bool], bytes]

PUSH_PATH = "/sync/v1/push"
PULL_PATH = "/sync/v1/pull"
_PROTOCOL = PROTOCOL_HEADER.lower().encode()
_APP_VERSION = APP_VERSION_HEADER.lower().encode()
_LIMIT = re.compile(r"[1-9][0-9]{0,3}")
# Query parameters of a pull and the longest value each may have (as in the FastAPI route).
_PULL_PARAMS = {"cursor": 4000, "limit": 4, "snapshot": 400, "verify": 5}
# Responses at least this big are gzipped for a client that accepts it (GZipMiddleware's rule).
GZIP_MIN = 1024


class _FallbackError(Exception):
    """Not a request the fast path is sure about: FastAPI answers it."""


def _headers(scope: Scope) -> dict[bytes, bytes]:
    """Request headers by lower-case name; a repeated header of interest means fall back."""
    found: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        if name in found and name in (b"authorization", _PROTOCOL, b"content-type",
                                      _APP_VERSION):
            raise _FallbackError
        found[name] = value
    return found


def _token_and_protocol(headers: dict[bytes, bytes]) -> tuple[str, int]:
    auth = headers.get(b"authorization", b"").decode("latin-1")
    token = auth[7:].strip()
    if auth[:7].lower() != "bearer " or not token:
        raise _FallbackError
    proto = headers.get(_PROTOCOL, b"").decode("latin-1").strip()
    if not (proto.isascii() and proto.isdigit()) or not MIN_PROTOCOL <= int(proto) <= MAX_PROTOCOL:
        raise _FallbackError
    return token, int(proto)


def _push_request(headers: dict[bytes, bytes], body: bytes) -> PushRequest:
    """The body as FastAPI would read it: stdlib json accepts everything orjson does (and
    the same way), so anything orjson or the model refuses goes to FastAPI for its 422."""
    media = headers.get(b"content-type", b"").split(b";", 1)[0].strip().lower()
    if media != b"application/json":
        raise _FallbackError
    try:
        return PushRequest.model_validate(orjson.loads(body))
    except (orjson.JSONDecodeError, ValidationError) as exc:
        raise _FallbackError from exc


def _pull_params(scope: Scope) -> tuple[str | None, int | None, str | None, bool]:
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"),
                      keep_blank_values=True)
    params: dict[str, str] = {}
    for name, value in pairs:
        if name in params or name not in _PULL_PARAMS or len(value) > _PULL_PARAMS[name]:
            raise _FallbackError
        params[name] = value
    limit = params.get("limit")
    if limit is not None and (not _LIMIT.fullmatch(limit) or int(limit) > MAX_PAGE_LIMIT):
        raise _FallbackError
    verify = params.get("verify", "false")
    if verify not in ("true", "false"):
        raise _FallbackError
    return (params.get("cursor"), None if limit is None else int(limit),
            params.get("snapshot"), verify == "true")


def _gzipped(body: bytes, level: int) -> bytes:
    return gzip.compress(body, compresslevel=level, mtime=0)


class HotPaths:
    """ASGI middleware answering well-formed pushes and pulls (see the module doc)."""

    def __init__(self, app: ASGIApp, push: PushHandler, pull: PullHandler,
                 gzip_level: int) -> None:
        self.app = app
        self.push = push
        self.pull = pull
        self.gzip_level = gzip_level

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = (scope["method"], scope["path"])
        if route == ("POST", PUSH_PATH):
            await self._push(scope, receive, send)
        elif route == ("GET", PULL_PATH):
            await self._pull(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _push(self, scope: Scope, receive: Receive, send: Send) -> None:
        # EdgeMiddleware already read (and limited) the body: this replays it.
        body = await read_body(receive, None, 1 << 62)
        try:
            headers = _headers(scope)
            token, proto = _token_and_protocol(headers)
            req = _push_request(headers, body)
        except _FallbackError:
            await self.app(scope, replay_body(body, receive), send)
            return
        app_version = headers.get(_APP_VERSION)
        call = partial(self.push, token, req, proto,
                       None if app_version is None else app_version.decode("latin-1"))
        await self._answer(scope, send, call, gzip_ok=False)

    async def _pull(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            headers = _headers(scope)
            token, _proto = _token_and_protocol(headers)
            cursor, limit, snapshot, verify = _pull_params(scope)
        except _FallbackError:
            await self.app(scope, receive, send)
            return
        gzip_ok = b"gzip" in headers.get(b"accept-encoding", b"")
        await self._answer(scope, send, partial(self.pull, token, cursor, limit, snapshot,
                                                verify), gzip_ok=gzip_ok)

    async def _answer(self, scope: Scope, send: Send, call: Callable[[], bytes], *,
                      gzip_ok: bool) -> None:
        def work() -> tuple[bytes, bool]:
            body = call()
            if gzip_ok and len(body) >= GZIP_MIN:
                return _gzipped(body, self.gzip_level), True
            return body, False

        try:
            body, zipped = await to_thread.run_sync(work)
        except ApiError as exc:
            # The same error body as the FastAPI routes give (its handler ignores the request).
            response = await api_error_handler(None, exc)  # type: ignore[arg-type]
            await response(scope, _no_receive, send)
            return
        headers = [(b"content-type", b"application/json"),
                   (b"content-length", str(len(body)).encode())]
        if zipped:
            headers += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}

