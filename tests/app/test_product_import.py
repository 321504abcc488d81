"""Products for the server's catalog: the one set of data standards (app.exchange.products)
used by the wizard's preview, the upload endpoint and ``fieldsales-server import-catalog``;
sheets in GB18030 CSV and .xlsx; duplicates by SKU against the replica's catalog."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import orjson
import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.exchange.export import write_rows
from app.exchange.fields import guess_mapping
from app.exchange.importer import ImportOptions, commit, prepare
from app.exchange.products import check_rows, product_id, upload_rows, validate_product
from app.exchange.reader import read_table
from app.models import Product
from app.services.context import ServiceContext
from sync.server import admin
from sync.server.catalog_import import import_catalog
from sync.server.records import save
from sync.server.settings import Settings
from sync.server.store import Store
from sync.server.tables import records

GOOD = {"sku": "FS-MOT-0001", "name": "Servo motor A1", "name_zh": "伺服电机 A1",
        "unit": "", "currency": "cny", "list_price": "¥1,200.50", "tax_rate": "13%",
        "tiers": "10：1100；100：1000", "active": "否"}


def test_a_good_row_becomes_the_record_data_the_feed_carries() -> None:
    data, errors = validate_product(GOOD)
    assert errors == []
    assert data["sku"] == "FS-MOT-0001"
    assert data["currency"] == "CNY"
    assert data["unit"] == "pcs"
    assert data["list_price"] == "1200.50"
    assert Decimal(data["tax_rate"]) == Decimal("0.13")
    assert data["tiers"] == [{"min_qty": "10", "unit_price": "1100"},
                             {"min_qty": "100", "unit_price": "1000"}]
    assert data["tier_mode"] == "volume"
    assert data["active"] is False


@pytest.mark.parametrize(("cells", "field", "code"), [
    ({"name": "x", "list_price": "1"}, "sku", "required"),
    ({"sku": "A", "list_price": "1"}, "name", "required"),
    ({"sku": "A", "name": "x"}, "list_price", "required"),
    ({"sku": "A", "name": "x", "list_price": "-5"}, "list_price", "negative"),
    ({"sku": "A", "name": "x", "list_price": "abc"}, "list_price", "not_a_number"),
    ({"sku": "A", "name": "x", "list_price": "1", "currency": "XYZ"}, "currency",
     "unknown_currency"),
    ({"sku": "A", "name": "x", "list_price": "1", "tax_rate": "150"}, "tax_rate",
     "out_of_range"),
    ({"sku": "A", "name": "x", "list_price": "1", "tiers": "100:9;10:8"}, "tiers",
     "tiers_not_ascending"),
    ({"sku": "A", "name": "x", "list_price": "1", "tiers": "100=9"}, "tiers", "tiers_invalid"),
    ({"sku": "A", "name": "x", "list_price": "1", "tier_mode": "weird"}, "tier_mode",
     "not_in_list"),
    ({"sku": "A" * 61, "name": "x", "list_price": "1"}, "sku", "too_long"),
])
def test_each_broken_standard_names_its_field_and_code(
        cells: dict[str, str], field: str, code: str) -> None:
    _data, errors = validate_product(cells)
    assert [(e.field, e.code) for e in errors] == [(field, code)]


def test_a_sku_twice_in_one_file_is_an_error_on_the_second_row() -> None:
    valid, issues = check_rows([(2, GOOD), (3, {**GOOD, "name": "again"}),
                                (4, {**GOOD, "sku": "OTHER"})])
    assert [row for row, _ in valid] == [2, 4]
    assert [(i.row, i.field, i.code) for i in issues] == [(3, "sku", "sku_repeated")]


def _add_product(ctx: ServiceContext, sku: str) -> None:
    """What a sync brings down from the server (products are never created locally)."""
    with ctx.db.transaction() as s:
        s.add(Product(id=product_id(sku), sku=sku, name="Existing", list_price=Decimal(5),
                      tiers=[]))


def test_gb18030_csv_preview_finds_existing_skus_and_never_writes_locally(
        ctx: ServiceContext, tmp_path: Path) -> None:
    _add_product(ctx, "FS-OLD-1")
    path = tmp_path / "产品.csv"
    path.write_bytes(("编码,产品名称,中文名称,单价,税率,阶梯价\n"
                      "FS-OLD-1,Old one,旧产品,10,13%,\n"
                      "FS-NEW-2,New two,新产品,20.5,0.06,5:19;50:18\n"
                      "FS-BAD-3,Bad,坏的,-1,13%,\n").encode("gb18030"))
    table = read_table(path)
    assert table.encoding == "gb18030"
    mapping = guess_mapping(table.headers, "products")
    assert mapping == {0: "sku", 1: "name", 2: "name_zh", 3: "list_price", 4: "tax_rate",
                       5: "tiers"}
    plan = prepare(ctx, table, ImportOptions(entity="products", on_duplicate="merge"))
    assert [(i.row, i.field, i.code) for i in plan.issues] == [(4, "list_price", "negative")]
    assert [r.values["name_zh"] for r in plan.rows] == ["旧产品", "新产品"]
    old, new = plan.rows
    assert old.duplicate is not None
    assert (old.duplicate.kind, old.duplicate.existing_id, old.action) == (
        "sku", product_id("FS-OLD-1"), "merge")
    assert new.duplicate is None
    assert new.values["tiers"] == [{"min_qty": "5", "unit_price": "19"},
                                   {"min_qty": "50", "unit_price": "18"}]
    with pytest.raises(ValidationError) as refused:
        commit(ctx, plan)
    assert refused.value.code == "server_owned"


def test_xlsx_upload_rows_carry_cells_and_the_duplicate_choice(
        ctx: ServiceContext, tmp_path: Path) -> None:
    _add_product(ctx, "SKU-1")
    path = tmp_path / "catalog.xlsx"
    write_rows(path, ["SKU", "Name", "List price", "Category"],
               [["SKU-1", "One", 10, "Motion"], ["SKU-2", "Two", 20.25, ""],
                ["SKU-3", "Three", 30, ""]])
    plan = prepare(ctx, read_table(path), ImportOptions(entity="products"))
    assert plan.valid
    assert plan.rows[0].action == "skip"  # the default for an existing SKU
    rows = upload_rows(plan)
    assert [r["row"] for r in rows] == [3, 4]
    assert rows[0]["cells"] == {"sku": "SKU-2", "name": "Two", "list_price": "20.25",
                                "category": ""}
    assert {r["if_exists"] for r in rows} == {"skip"}
    plan.rows[0].action = "merge"
    assert [(r["row"], r["if_exists"]) for r in upload_rows(plan, "merge")] == [
        (2, "update"), (3, "update"), (4, "update")]


def _server_products(store: Store) -> dict[str, dict[str, object]]:
    with store.read() as conn:
        return {rid: orjson.loads(data) for rid, data in conn.execute(
            select(records.c.id, records.c.data).where(records.c.entity == "products"))}


def test_server_command_uses_the_same_standards_and_updates_in_place(tmp_path: Path) -> None:
    store = Store(Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}"))
    store.migrate()
    try:
        sheet = tmp_path / "products.csv"
        write_rows(sheet, ["sku", "name", "name_zh", "list_price", "tax_rate", "tiers"],
                   [["P-1", "Pump", "泵", "100", "0.13", "10:95.00;100:90.00"],
                    ["P-2", "Valve", "阀", "50", "", ""]])
        assert import_catalog(store, sheet) == 2
        first = _server_products(store)
        assert first[product_id("P-1")]["tiers"] == [
            {"min_qty": "10", "unit_price": "95.00"}, {"min_qty": "100", "unit_price": "90.00"}]
        write_rows(sheet, ["sku", "name", "list_price"], [["P-1", "Pump v2", "120"],
                                                         ["P-3", "Hose", "oops"]])
        with pytest.raises(admin.AdminError, match="not_a_number"):
            import_catalog(store, sheet)
        assert _server_products(store) == first  # all or nothing
        write_rows(sheet, ["sku", "name", "list_price"], [["P-1", "Pump v2", "120"]])
        assert import_catalog(store, sheet) == 1
        after = _server_products(store)
        assert set(after) == set(first)  # the same record, updated
        assert (after[product_id("P-1")]["name"], after[product_id("P-1")]["list_price"]) == (
            "Pump v2", "120")
    finally:
        store.dispose()


def test_a_deleted_product_imported_again_comes_back_as_the_same_record(
        tmp_path: Path) -> None:
    store = Store(Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}"))
    store.migrate()
    try:
        sheet = tmp_path / "products.csv"
        write_rows(sheet, ["sku", "name", "list_price"], [["P-9", "Gone", "10"]])
        import_catalog(store, sheet)
        with store.write() as conn:  # an admin retires it
            seq = store.next_seq(conn)
            rec = admin.put_record(store, conn, seq, admin._server_hlc(store, conn),
                                   "products", product_id("P-9"),
                                   {"deleted_at": "2026-01-01T00:00:00+00:00"})
            rec.deleted_seq = seq
            rec.dirty = True
            save(conn, [rec])
        import_catalog(store, sheet)
        with store.read() as conn:
            rows = list(conn.execute(select(records.c.id, records.c.deleted_seq, records.c.data)
                                     .where(records.c.entity == "products")))
        assert [(r.id, r.deleted_seq, orjson.loads(r.data)["deleted_at"]) for r in rows] == [
            (product_id("P-9"), None, None)]
    finally:
        store.dispose()
