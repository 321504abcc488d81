"""``POST /catalog/v1/products``: a manager's product sheet, uploaded by the app's import wizard.

The body carries each row's sheet row number and mapped cells as text, exactly as the wizard
previewed them; the server checks them again with the same function
(:func:`app.exchange.products.check_rows`) and writes them with the same code as the
``import-catalog`` command (:mod:`sync.server.catalog_import`), in one transaction with its
audit entry. Any bad row refuses the whole upload (``422 invalid``, every problem in
``params.issues``). Only managers and admins may upload (``403 forbidden``). The body limit is
the server's, as for every endpoint (``413 too_large``, see :mod:`sync.server.http`). The
products reach every replica through the ordinary pull feed.
"""

# No "from __future__ import annotations": FastAPI reads these annotations at runtime.

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from app.exchange.products import MAX_PRODUCT_ROWS, PRODUCT_KEYS
from sync.protocol import MAX_PROTOCOL, MIN_PROTOCOL, PROTOCOL_HEADER, ErrorBody, ErrorCode, dumps
from sync.server import audit, auth
from sync.server.catalog_import import CatalogRejectedError, checked, write_products
from sync.server.http import ApiError
from sync.server.store import Store

PATH = "/catalog/v1/products"
UPLOAD_ROLES = ("manager", "admin")
MAX_ISSUES = 500  # in one error body; the wizard's preview already showed them all

router = APIRouter()


class UploadRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    row: int = Field(ge=1, le=10_000_000)
    cells: dict[str, Annotated[str, Field(max_length=4000)]] = Field(max_length=len(PRODUCT_KEYS))
    if_exists: Literal["update", "skip"] = "update"


class CatalogUpload(BaseModel):
    model_config = ConfigDict(extra="ignore")

    file_name: str = Field(default="", max_length=260)
    rows: list[UploadRow] = Field(min_length=1, max_length=MAX_PRODUCT_ROWS)


class CatalogUploadResult(BaseModel):
    created: int
    updated: int
    skipped: int
    seq: int


def _check_protocol(value: str | None) -> None:
    if value is None or not value.strip().isdigit():
        raise ApiError(400, ErrorCode.INVALID, f"missing {PROTOCOL_HEADER} header")
    if not MIN_PROTOCOL <= int(value) <= MAX_PROTOCOL:
        raise ApiError(426 if int(value) < MIN_PROTOCOL else 400,
                       ErrorCode.UPGRADE_REQUIRED if int(value) < MIN_PROTOCOL
                       else ErrorCode.INVALID, "unsupported sync protocol",
                       min=MIN_PROTOCOL, max=MAX_PROTOCOL)


def _principal(store: Store, authorization: str | None) -> auth.Principal:
    if not authorization or not authorization.lower().startswith("bearer ") or \
            not authorization[7:].strip():
        raise ApiError(401, ErrorCode.UNAUTHORIZED, "sign in first")
    try:
        with store.read() as conn:
            return auth.authenticate(conn, authorization[7:].strip())
    except auth.AuthFailureError as exc:
        if exc.code in ("locked", "rate_limited"):
            raise ApiError(429, ErrorCode(exc.code), str(exc)) from exc
        raise ApiError(401, ErrorCode(exc.code), str(exc)) from exc


_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 413, 422, 426)}


@router.post(PATH, response_model=CatalogUploadResult, responses=_ERRORS)
def upload_products(body: CatalogUpload, request: Request,
                    authorization: Annotated[str | None, Header()] = None,
                    x_sync_protocol: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
                    ) -> Response:
    _check_protocol(x_sync_protocol)
    store: Store = request.app.state.store
    who = _principal(store, authorization)
    if who.role not in UPLOAD_ROLES:
        raise ApiError(403, ErrorCode.FORBIDDEN,
                       "only managers and admins may change the product catalog")
    if len({r.row for r in body.rows}) != len(body.rows):  # they key the checked rows
        raise ApiError(422, ErrorCode.INVALID, "each row number may appear once")
    try:
        products = checked([(r.row, r.cells) for r in body.rows])
    except CatalogRejectedError as exc:
        issues = [{"row": i.row, "field": i.field, "code": i.code, "value": i.value,
                   "message": i.message} for i in exc.issues[:MAX_ISSUES]]
        raise ApiError(422, ErrorCode.INVALID, str(exc), issues=issues,
                       count=len(exc.issues)) from exc
    wanted = [(products[r.row], r.if_exists == "update") for r in body.rows]
    with store.write() as conn:
        outcome = write_products(store, conn, wanted)
        audit.record(conn, "catalog_upload", actor_id=who.user_id, actor=who.username,
                     target=body.file_name or None, ip=request.client.host if request.client
                     else None, detail={"rows": len(wanted), "created": outcome.created,
                                        "updated": outcome.updated,
                                        "skipped": outcome.skipped, "seq": outcome.seq})
    result = CatalogUploadResult(created=outcome.created, updated=outcome.updated,
                                 skipped=outcome.skipped, seq=outcome.seq)
    return Response(dumps(result.model_dump()), media_type="application/json")
