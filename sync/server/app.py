"""The FastAPI application: ``create_app(settings)`` is the server's composition root.

Endpoints (all JSON; errors are ``sync.protocol.ErrorBody`` with a stable ``code``):

* ``GET /health`` — version, protocol range, epoch (the client's cheap online probe);
* ``POST /auth/login``, ``POST /auth/refresh``, ``POST /auth/logout``;
* ``POST /sync/v1/push``, ``GET /sync/v1/pull`` — see ``sync/PROTOCOL.md``.

Handlers are plain ``def`` functions: FastAPI runs them in its thread pool, and each opens its
own short transaction through :class:`~sync.server.store.Store`. Well-formed pushes and pulls
skip FastAPI's per-request machinery (:mod:`sync.server.hot`) but run the same functions.
"""

# No "from __future__ import annotations": FastAPI reads these annotations at runtime.

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from anyio import to_thread
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.version import app_version
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
    RefreshRequest,
    RefreshResponse,
    dumps,
)
from sync.server import audit, auth
from sync.server.catalog_api import router as catalog_router
from sync.server.cursor import BadCursorError, Cursor, decode
from sync.server.hot import GZIP_MIN, HotPaths
from sync.server.http import ApiError, EdgeMiddleware, api_error_handler, error_response
from sync.server.pool import recycle
from sync.server.pull import ResnapshotRequiredError, build_page
from sync.server.push import GapError, PushForbiddenError, PushInvalidError, handle_push
from sync.server.settings import Settings
from sync.server.store import Store

log = logging.getLogger(__name__)

_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 409, 410, 413, 422, 426, 429)
}


def server_version() -> str:
    return app_version()


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


def _bearer(authorization: Annotated[str | None, Header()] = None) -> str:
    """The bearer token; checked inside each handler's own transaction (one round trip less
    per request than a separate look-up)."""
    if not authorization or not authorization.lower().startswith("bearer ") or \
            not authorization[7:].strip():
        raise ApiError(401, ErrorCode.UNAUTHORIZED, "sign in first")
    return authorization[7:].strip()


def _auth_error(exc: auth.AuthFailureError) -> ApiError:
    if exc.code in ("locked", "rate_limited"):
        return ApiError(429, ErrorCode(exc.code), str(exc), retry_after_s=exc.retry_after_s)
    return ApiError(401, ErrorCode(exc.code), str(exc))


def _client_ip(request: Request) -> str:
    return request.client.host if request.client else "?"


Token = Annotated[str, Depends(_bearer)]
Proto = Annotated[int, Depends(_protocol)]


async def _recycle_forever(store: Store, interval_s: int) -> None:
    """Return due customers to the pool every ``interval_s`` (in a worker thread: it writes)."""
    while True:
        await asyncio.sleep(interval_s)
        try:
            await to_thread.run_sync(recycle, store)
        except Exception:  # a failed run is logged and retried next time, never fatal
            log.exception("pool recycle failed")


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """Build the app; the store is migrated on start (or now, when none is given)."""
    own_store = store is None
    store = store or Store(settings)
    store.migrate()
    version = server_version()
    failures = auth.FailureWindow(settings.ip_max_failures, settings.ip_window_s)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        recycler = None
        if settings.pool_recycle_interval_s > 0:
            recycler = asyncio.create_task(_recycle_forever(store,
                                                            settings.pool_recycle_interval_s))
        yield
        if recycler is not None:
            recycler.cancel()
        if own_store:
            store.dispose()

    app = FastAPI(title="FieldSales sync server", version=version, lifespan=lifespan)
    app.state.store = store
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN, compresslevel=settings.gzip_level)
    app.add_exception_handler(ApiError, api_error_handler)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
                  for e in exc.errors()[:20]]
        first = errors[0] if errors else {"loc": [], "msg": ""}
        message = f"invalid request: {'.'.join(first['loc'])}: {first['msg']}"
        return error_response(422, ErrorCode.INVALID, message, {"errors": errors})

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> Response:
        # FastAPI's own errors (unparseable body, unknown path, wrong method) get the same
        # error body as ours, so a client always finds a code and a message.
        code = ErrorCode.NOT_FOUND if exc.status_code == 404 else ErrorCode.INVALID
        message = str(exc.detail) if exc.detail else "invalid request"
        return error_response(exc.status_code, code, message,
                              headers=dict(exc.headers) if exc.headers else None)

    # -- endpoints ----------------------------------------------------------------------
    @app.get("/health", response_model=Health)
    def health() -> Health:
        return Health(version=version, epoch=store.epoch())

    @app.post("/auth/login", response_model=LoginResponse, responses=_ERRORS)
    def login(body: LoginRequest, request: Request) -> LoginResponse:
        ip = _client_ip(request)
        wait = failures.retry_after(ip)
        if wait:
            raise ApiError(429, ErrorCode.RATE_LIMITED,
                           "too many failed sign-ins from this address; try again later",
                           retry_after_s=wait)
        with store.write() as conn:
            outcome = auth.login(conn, settings, body.username, body.password, body.client_id,
                                 body.device_name)
            failed = outcome.error is not None and outcome.error.code in (
                "unauthorized", "locked")
            audit.record(conn, "login" if outcome.session else (
                "login_locked" if outcome.error and outcome.error.code == "locked"
                else "login_failed"), actor_id=outcome.user_id, actor=body.username,
                target=body.client_id, ip=ip,
                detail={"device": body.device_name} if body.device_name else None)
        if outcome.error is not None or outcome.session is None:
            if failed:
                failures.failed(ip)
            assert outcome.error is not None
            raise _auth_error(outcome.error)
        session = outcome.session
        who = session.principal
        log.info("login", extra={"user": who.username, "client": body.client_id})
        return LoginResponse(token=session.token, refresh_token=session.refresh_token,
                             expires_at=session.expires_at.isoformat(), user_id=who.user_id,
                             username=who.username, role=who.role, team_id=who.team_id,
                             rep_code=who.rep_code, epoch=store.epoch(),
                             server_version=version)

    @app.post("/auth/refresh", response_model=RefreshResponse, responses=_ERRORS)
    def refresh(body: RefreshRequest) -> RefreshResponse:
        try:
            with store.write() as conn:
                session = auth.refresh(conn, settings, body.refresh_token)
        except auth.AuthFailureError as exc:
            raise _auth_error(exc) from exc
        return RefreshResponse(token=session.token, refresh_token=session.refresh_token,
                               expires_at=session.expires_at.isoformat())

    @app.post("/auth/logout", status_code=204, responses=_ERRORS)
    def logout(token: Token, request: Request) -> Response:
        try:
            with store.write() as conn:
                who = auth.authenticate(conn, token)
                auth.revoke_token(conn, who.token_hash)
                audit.record(conn, "logout", actor_id=who.user_id, actor=who.username,
                             target=who.client_id, ip=_client_ip(request))
        except auth.AuthFailureError as exc:
            if exc.code in ("unauthorized", "token_expired"):
                return Response(status_code=204)  # signed out already: nothing to do
            raise _auth_error(exc) from exc
        return Response(status_code=204)

    def push_body(token: str, body: PushRequest, proto: int, app_version: str | None,
                  ) -> bytes:
        try:
            result = handle_push(store, token, body, app_version=app_version, protocol=proto)
        except auth.AuthFailureError as exc:
            raise _auth_error(exc) from exc
        except GapError as exc:
            raise ApiError(409, ErrorCode.GAP, str(exc), expected=exc.expected) from exc
        except PushForbiddenError as exc:
            raise ApiError(403, ErrorCode.FORBIDDEN, str(exc)) from exc
        except PushInvalidError as exc:
            raise ApiError(400, ErrorCode.INVALID, str(exc)) from exc
        # Encoded here (orjson) rather than through FastAPI's response_model machinery,
        # which costs more than the push itself for a small body.
        return dumps(result.model_dump())

    def pull_body(token: str, cursor: str | None, limit: int | None, snapshot: str | None,
                  verify: bool) -> bytes:
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
            return build_page(store, token, cur, limit=limit or settings.page_limit,
                              verify=verify)
        except auth.AuthFailureError as exc:
            raise _auth_error(exc) from exc
        except ResnapshotRequiredError as exc:
            raise ApiError(410, ErrorCode.RESNAPSHOT_REQUIRED,
                           "the server needs this device to download a fresh copy") from exc

    # Well-formed pushes and pulls are answered by HotPaths (sync/server/hot.py) with the two
    # functions above; these routes answer the rest and describe both in the OpenAPI.
    @app.post("/sync/v1/push", response_model=PushResponse, responses=_ERRORS)
    def push(body: PushRequest, token: Token, proto: Proto,
             app_version: Annotated[str | None, Header(alias=APP_VERSION_HEADER)] = None,
             ) -> Response:
        return Response(push_body(token, body, proto, app_version),
                        media_type="application/json")

    @app.get("/sync/v1/pull", response_model=PullPage, responses=_ERRORS)
    def pull(token: Token, _proto: Proto,
             cursor: Annotated[str | None, Query(max_length=4000)] = None,
             limit: Annotated[int | None, Query(ge=1, le=MAX_PAGE_LIMIT)] = None,
             snapshot: Annotated[str | None, Query(max_length=400)] = None,
             verify: bool = False) -> Response:
        return Response(pull_body(token, cursor, limit, snapshot, verify),
                        media_type="application/json")

    app.add_middleware(HotPaths, push=push_body, pull=pull_body,
                       gzip_level=settings.gzip_level)
    app.add_middleware(EdgeMiddleware, max_body=settings.max_body_bytes)
    app.include_router(catalog_router)
    return app
