"""The FastAPI application: ``create_app(settings)`` is the server's composition root.

Endpoints (all JSON; errors are ``sync.protocol.ErrorBody`` with a stable ``code``):

* ``GET /health`` — version, protocol range, epoch (the client's cheap online probe);
* ``POST /auth/login``, ``POST /auth/logout``;
* ``POST /sync/v1/push``, ``GET /sync/v1/pull`` — see ``sync/PROTOCOL.md``.

Handlers are plain ``def`` functions: FastAPI runs them in its thread pool, and each opens its
own short transaction through :class:`~sync.server.store.Store`.
"""

# No "from __future__ import annotations": FastAPI reads these annotations at runtime.

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import metadata
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import Response

from sync.protocol import (
    APP_VERSION_HEADER,
    MAX_PAGE_LIMIT,
    MAX_PROTOCOL,
    MIN_PROTOCOL,
    PROTOCOL_HEADER,
    ErrorBody,
    ErrorCode,
    Health,
    LoginRequest,
    LoginResponse,
    PullPage,
    PushRequest,
    PushResponse,
)
from sync.server import auth
from sync.server.cursor import BadCursorError, Cursor, decode
from sync.server.http import ApiError, GzipRequestMiddleware, api_error_handler, error_response
from sync.server.pull import ResnapshotRequiredError, build_page
from sync.server.push import GapError, PushForbiddenError, PushInvalidError, handle_push
from sync.server.settings import Settings
from sync.server.store import Store

log = logging.getLogger(__name__)

_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 409, 410, 413, 422, 426)
}


def server_version() -> str:
    try:
        return metadata.version("fieldsales")
    except metadata.PackageNotFoundError:
        return "0.1.0"


def _protocol(x_sync_protocol: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
              ) -> int:
    if x_sync_protocol is None or not x_sync_protocol.strip().isdigit():
        raise ApiError(400, ErrorCode.INVALID, f"missing {PROTOCOL_HEADER} header")
    value = int(x_sync_protocol)
    if value < MIN_PROTOCOL:
        raise ApiError(426, ErrorCode.UPGRADE_REQUIRED,
                       "This version of FieldSales is too old for the server. "
                       "Please update the app, then sync again.",
                       min=MIN_PROTOCOL, max=MAX_PROTOCOL)
    if value > MAX_PROTOCOL:
        raise ApiError(400, ErrorCode.INVALID, "the server is older than this app",
                       min=MIN_PROTOCOL, max=MAX_PROTOCOL)
    return value


def _principal(request: Request,
               authorization: Annotated[str | None, Header()] = None) -> auth.Principal:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise ApiError(401, ErrorCode.UNAUTHORIZED, "sign in first")
    store: Store = request.app.state.store
    try:
        with store.read() as conn:
            return auth.authenticate(conn, authorization[7:].strip())
    except auth.AuthFailureError as exc:
        raise ApiError(401, ErrorCode(exc.code), str(exc)) from exc


Who = Annotated[auth.Principal, Depends(_principal)]
Proto = Annotated[int, Depends(_protocol)]


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """Build the app; the store is migrated on start (or now, when none is given)."""
    own_store = store is None
    store = store or Store(settings)
    store.migrate()
    version = server_version()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if own_store:
            store.dispose()

    app = FastAPI(title="FieldSales sync server", version=version, lifespan=lifespan)
    app.state.store = store
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=settings.gzip_level)
    app.add_middleware(GzipRequestMiddleware)
    app.add_exception_handler(ApiError, api_error_handler)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
                  for e in exc.errors()[:20]]
        return error_response(422, ErrorCode.INVALID, "invalid request", {"errors": errors})

    @app.middleware("http")
    async def _access_log(request: Request,
                          call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        try:
            response = await call_next(request)
        except Exception:
            log.exception("unhandled error", extra={"path": request.url.path})
            return error_response(500, ErrorCode.INTERNAL, "internal server error")
        log.debug("request", extra={
            "method": request.method, "path": request.url.path,
            "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1)})
        return response

    # -- endpoints ----------------------------------------------------------------------
    @app.get("/health", response_model=Health)
    def health() -> Health:
        return Health(version=version, epoch=store.epoch())

    @app.post("/auth/login", response_model=LoginResponse, responses=_ERRORS)
    def login(body: LoginRequest) -> LoginResponse:
        try:
            with store.write() as conn:
                token, who = auth.login(conn, body.username, body.password, body.client_id)
        except auth.AuthFailureError as exc:
            raise ApiError(401, ErrorCode.UNAUTHORIZED, str(exc)) from exc
        log.info("login", extra={"user": who.username})
        return LoginResponse(token=token, user_id=who.user_id, username=who.username,
                             role=who.role, team_id=who.team_id, rep_code=who.rep_code,
                             epoch=store.epoch())

    @app.post("/auth/logout", status_code=204, responses=_ERRORS)
    def logout(who: Who) -> Response:
        with store.write() as conn:
            auth.revoke_token(conn, who.token_hash)
        return Response(status_code=204)

    @app.post("/sync/v1/push", response_model=PushResponse, responses=_ERRORS)
    def push(body: PushRequest, who: Who, proto: Proto,
             app_version: Annotated[str | None, Header(alias=APP_VERSION_HEADER)] = None,
             ) -> PushResponse:
        try:
            return handle_push(store, who, body, app_version=app_version, protocol=proto)
        except GapError as exc:
            raise ApiError(409, ErrorCode.GAP, str(exc), expected=exc.expected) from exc
        except PushForbiddenError as exc:
            raise ApiError(403, ErrorCode.FORBIDDEN, str(exc)) from exc
        except PushInvalidError as exc:
            raise ApiError(400, ErrorCode.INVALID, str(exc)) from exc

    @app.get("/sync/v1/pull", response_model=PullPage, responses=_ERRORS)
    def pull(who: Who, _proto: Proto,
             cursor: Annotated[str | None, Query(max_length=4000)] = None,
             limit: Annotated[int | None, Query(ge=1, le=MAX_PAGE_LIMIT)] = None,
             snapshot: Annotated[str | None, Query(max_length=400)] = None,
             verify: bool = False) -> Response:
        secret = store.cursor_secret()
        if cursor:
            try:
                cur = decode(cursor, secret)
            except BadCursorError as exc:
                raise ApiError(400, ErrorCode.INVALID, str(exc)) from exc
        else:
            only = None
            if snapshot and snapshot != "all":
                only = tuple(sorted({s.strip() for s in snapshot.split(",") if s.strip()}))
            cur = Cursor(epoch="", since=0, only=only)  # "": whatever epoch is current
        try:
            body = build_page(store, who, cur, limit=limit or settings.page_limit,
                              verify=verify)
        except ResnapshotRequiredError as exc:
            raise ApiError(410, ErrorCode.RESNAPSHOT_REQUIRED,
                           "the server needs this device to download a fresh copy") from exc
        return Response(body, media_type="application/json")

    return app
