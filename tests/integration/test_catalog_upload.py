"""A manager's product sheet through a real server on 127.0.0.1: the upload endpoint checks
the role, applies the shared data standards, writes all or nothing with an audit entry, and
the next sync brings the products to a rep's replica."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.exchange.importer import ImportOptions, prepare
from app.exchange.products import product_id, upload_rows
from app.exchange.reader import read_table
from app.models import Product
from app.replica import open_replica
from app.services.context import ServiceContext
from sync.client.catalog_upload import UploadRefusedError, upload_products
from sync.client.engine import SyncEngine
from sync.client.errors import OfflineError
from sync.server import admin, audit
from sync.server.local import start_local_server
from sync.server.settings import Settings
from sync.server.store import Store
from sync.transport import RequestsTransport
from tests.sync.helpers import PASSWORD, Replica


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Store]]:
    db_path = tmp_path / "server.db"
    url, stop = start_local_server(db_path)
    store = Store(Settings(db_url=f"sqlite:///{db_path}"))
    try:
        admin.add_user(store, "li", PASSWORD, "manager", team="east")
        admin.add_user(store, "zhang", PASSWORD, "rep", team="east")
        yield url, store
    finally:
        store.dispose()
        stop()


@pytest.fixture
def replicas(tmp_path: Path, live: tuple[str, Store]) -> Iterator[dict[str, Replica]]:
    url, _store = live
    made: dict[str, Replica] = {}
    for name in ("li", "zhang"):
        db = open_replica(tmp_path / f"{name}.db")
        engine = SyncEngine(db, RequestsTransport(url), retries=1, backoff_s=0.01)
        engine.login(url, name, PASSWORD)
        made[name] = Replica(db, engine)
    yield made
    for rep in made.values():
        rep.engine.transport.close()
        rep.db.dispose()


def _rows(*cells: dict[str, str], if_exists: str = "update") -> list[dict[str, object]]:
    return [{"row": n, "cells": c, "if_exists": if_exists} for n, c in enumerate(cells, 2)]


def _products(rep: Replica) -> dict[str, Product]:
    with rep.db.reader() as s:
        rows = s.scalars(select(Product)).all()
        for row in rows:
            s.expunge(row)
        return {p.sku: p for p in rows}


PUMP = {"sku": "P-1", "name": "Pump", "name_zh": "泵", "list_price": "100.00",
        "tax_rate": "13%", "tiers": "10:95;100:90"}
VALVE = {"sku": "P-2", "name": "Valve", "list_price": "50"}


def test_manager_uploads_and_the_products_reach_a_reps_replica(
        live: tuple[str, Store], replicas: dict[str, Replica], tmp_path: Path) -> None:
    _url, store = live
    manager, rep = replicas["li"], replicas["zhang"]
    result = upload_products(manager.engine, _rows(PUMP, VALVE), file_name="catalog.xlsx")
    assert (result.created, result.updated, result.skipped) == (2, 0, 0)
    rep.sync()
    got = _products(rep)
    assert set(got) == {"P-1", "P-2"}
    pump = got["P-1"]
    assert pump.id == product_id("P-1")
    assert (pump.name_zh, pump.list_price, pump.tax_rate) == ("泵", Decimal("100.00"),
                                                               Decimal("0.13"))
    assert pump.tiers == [{"min_qty": "10", "unit_price": "95"},
                          {"min_qty": "100", "unit_price": "90"}]
    with store.read() as conn:
        entry = audit.entries(conn, action="catalog_upload")[-1]
    assert (entry.actor, entry.target, entry.detail["created"]) == ("li", "catalog.xlsx", 2)

    # The same SKU again: updated in place (skip leaves it alone), not a second product.
    result = upload_products(manager.engine, _rows({**PUMP, "name": "Pump v2"}))
    assert (result.created, result.updated) == (0, 1)
    result = upload_products(manager.engine, _rows({**VALVE, "name": "Valve v2"},
                                                   if_exists="skip"))
    assert (result.created, result.updated, result.skipped) == (0, 0, 1)
    rep.sync()
    got = _products(rep)
    assert (got["P-1"].name, got["P-2"].name, len(got)) == ("Pump v2", "Valve", 2)


def test_a_rep_is_refused_with_403_and_nothing_is_written(
        live: tuple[str, Store], replicas: dict[str, Replica]) -> None:
    rep = replicas["zhang"]
    with pytest.raises(UploadRefusedError) as refused:
        upload_products(rep.engine, _rows(PUMP))
    assert refused.value.code == "forbidden"
    rep.sync()
    assert _products(rep) == {}


def test_one_bad_row_refuses_the_whole_upload(
        live: tuple[str, Store], replicas: dict[str, Replica]) -> None:
    manager = replicas["li"]
    bad = {"sku": "P-3", "name": "Hose", "list_price": "-1"}
    with pytest.raises(UploadRefusedError) as refused:
        upload_products(manager.engine, _rows(PUMP, VALVE, bad))
    assert refused.value.code == "invalid"
    assert [(i.row, i.field, i.code) for i in refused.value.issues] == [
        (4, "list_price", "negative")]
    manager.sync()
    assert _products(manager) == {}


def test_an_oversized_upload_is_refused_by_the_body_limit(
        live: tuple[str, Store], replicas: dict[str, Replica]) -> None:
    manager = replicas["li"]
    # ~2.6 MB of cells (well compressed, but the limit also applies after gunzip).
    big = [{"sku": f"B-{n}", "name": "x", "list_price": "1", "description": "长" * 1300}
           for n in range(700)]
    with pytest.raises(UploadRefusedError) as refused:
        upload_products(manager.engine, _rows(*big))
    assert refused.value.code == "too_large"
    manager.sync()
    assert _products(manager) == {}


def test_the_wizards_plan_uploads_as_previewed(
        live: tuple[str, Store], replicas: dict[str, Replica], tmp_path: Path) -> None:
    manager = replicas["li"]
    sheet = tmp_path / "产品.csv"
    sheet.write_bytes("编码,产品名称,单价,税率\nG-1,甲,10,6%\nG-2,乙,20,0.06\n".encode(
        "gb18030"))
    ctx = ServiceContext(db=manager.db, user_id=None, role="manager")
    plan = prepare(ctx, read_table(sheet), ImportOptions(entity="products"))
    assert plan.valid
    result = upload_products(manager.engine, upload_rows(plan), file_name=sheet.name)
    assert result.created == 2
    manager.sync()
    assert {s: p.tax_rate for s, p in _products(manager).items()} == {
        "G-1": Decimal("0.06"), "G-2": Decimal("0.06")}


def test_offline_is_said_at_once(tmp_path: Path) -> None:
    db = open_replica(tmp_path / "offline.db")
    engine = SyncEngine(db, RequestsTransport("http://127.0.0.1:9"), retries=1)
    try:
        with pytest.raises(OfflineError):
            upload_products(engine, _rows(PUMP))
    finally:
        engine.transport.close()
        db.dispose()


def test_a_row_number_twice_is_refused(replicas: dict[str, Replica]) -> None:
    manager = replicas["li"]
    rows = _rows(PUMP, VALVE)
    rows[1]["row"] = rows[0]["row"]
    with pytest.raises(UploadRefusedError) as refused:
        upload_products(manager.engine, rows)
    assert refused.value.code == "invalid"
    manager.sync()
    assert _products(manager) == {}
