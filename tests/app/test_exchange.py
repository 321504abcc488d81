"""Import and export on a real replica: mapping, validation, duplicates, all-or-nothing,
cancel, progress, error sheets, and the export → import round trip."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.errors import ValidationError
from app.exchange.export import ExportFilter, export_list, write_issues, write_rows
from app.exchange.fields import guess_mapping
from app.exchange.importer import (
    ImportCancelledError,
    ImportOptions,
    commit,
    prepare,
    run_import,
)
from app.exchange.reader import read_table
from app.models import Contact, Customer, OutboxEntry
from app.replica import open_replica
from app.services.contacts import ContactInput, ContactService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.validation import make_uscc

HEADERS = ["客户名称", "行业", "区域", "电话", "统一社会信用代码", "网址"]
USCC = make_uscc("91440300MA5F00001")


def _count(db: Database, model: type[object]) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8",
         headers: list[str] = HEADERS) -> Path:
    lines = [",".join(headers)] + [",".join(r) for r in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_import_csv_in_each_encoding_normalises_values(
        ctx: ServiceContext, tmp_path: Path, encoding: str) -> None:
    path = _csv(tmp_path / "c.csv", [
        ["深圳市华光科技有限公司", "软件", "华南", "0755-86001234", USCC, "www.huaguang.cn"],
        ["Acme Robotics Inc.", "Manufacturing", "north america", "+1 415 555 0100", "", ""],
    ], encoding)
    table = read_table(path)
    assert table.encoding == ("gb18030" if encoding == "gb18030" else "utf-8")
    progress: list[tuple[str, int, int]] = []
    result = run_import(ctx, path, ImportOptions(),
                        on_progress=lambda *a: progress.append(a))
    assert (result.committed, result.created, result.issues) == (True, 2, ())
    with ctx.db.reader() as s:
        row = s.scalars(select(Customer).where(Customer.uscc == USCC)).one()
        assert (row.industry, row.region, row.phone, row.website, row.source) == (
            "software", "south_china", "+8675586001234", "https://www.huaguang.cn", "import")
        assert row.name_core == "华光科技"
        assert row.owner_id == ctx.user_id
    # Every new row has its outbox insert, as a service write would.
    assert _count(ctx.db, OutboxEntry) == 2
    assert {p[0] for p in progress} >= {"validating", "writing"}


def test_row_errors_block_the_whole_file_and_export_as_a_sheet(
        ctx: ServiceContext, tmp_path: Path) -> None:
    path = _csv(tmp_path / "bad.csv", [
        ["好公司有限公司", "软件", "华南", "", "", ""],
        ["坏电话有限公司", "软件", "华南", "12345", "", ""],
        ["坏代码有限公司", "space", "华南", "", "91440300MA5F00001X", ""],
        ["", "软件", "华南", "", "", ""],  # a row without the company name
    ])
    result = run_import(ctx, path, ImportOptions())
    assert not result.committed
    assert _count(ctx.db, Customer) == 0  # all or nothing
    found = {(i.row, i.field, i.code) for i in result.issues}
    assert found == {(3, "phone", "phone_invalid"), (4, "industry", "not_in_list"),
                     (4, "uscc", "uscc_check_digit"), (5, "full_name", "required")}
    sheet = tmp_path / "errors.xlsx"
    assert write_issues(sheet, result.issues) == 4
    back = read_table(sheet)
    assert back.headers == ("Row", "Field", "Problem", "Value", "Message")
    assert back.rows[0][:4] == ("3", "phone", "phone_invalid", "12345")


def test_missing_required_column_is_a_clear_error(ctx: ServiceContext, tmp_path: Path) -> None:
    path = _csv(tmp_path / "c.csv", [["X有限公司", "华南"]], headers=["公司", "区域"])
    with pytest.raises(ValidationError) as err:
        run_import(ctx, path, ImportOptions())
    assert err.value.code == "required_column_missing"
    assert err.value.params["fields"] == ["industry"]


def test_duplicates_against_existing_data_skip_merge_and_hard_blocks(
        ctx: ServiceContext, tmp_path: Path) -> None:
    service = CustomerService(ctx)
    existing = service.create(CustomerInput("深圳市华光科技有限公司", "software", "south_china"))
    coded = service.create(CustomerInput("北京宏达电子有限公司", "electronics", "north_china",
                                         uscc=USCC))
    path = _csv(tmp_path / "d.csv", [
        ["华光科技(深圳)有限公司", "软件", "华南", "0755-86001234", "", ""],  # same core
        ["宏达新名字有限公司", "电子", "华北", "", USCC, ""],  # same USCC: hard
        ["全新公司有限公司", "软件", "华东", "", "", ""],
    ])
    table = read_table(path)
    plan = prepare(ctx, table, ImportOptions())
    kinds = {r.row: (r.duplicate.kind, r.duplicate.existing_id) for r in plan.rows
             if r.duplicate}
    assert kinds == {2: ("exact_name", existing.id), 3: ("uscc", coded.id)}
    # "create anyway" cannot double a hard duplicate; merge fills in the sheet's values.
    options = ImportOptions(on_duplicate="merge", decisions={3: "create"})
    result = commit(ctx, plan, options)
    assert (result.created, result.merged, result.skipped) == (1, 1, 1)
    merged = service.get(existing.id)
    assert merged.phone == "+8675586001234"
    assert merged.full_name == "深圳市华光科技有限公司"  # the registered name stays
    assert service.count() == 3


def test_the_same_company_twice_in_one_file_is_imported_once(
        ctx: ServiceContext, tmp_path: Path) -> None:
    path = _csv(tmp_path / "twice.csv", [
        ["深圳市华光科技有限公司", "软件", "华南", "", "", ""],
        ["华光科技（深圳）有限公司", "软件", "华南", "", "", ""],
        ["华光科技深圳分公司", "软件", "华南", "", "", ""],  # a branch: its own record
    ])
    plan = prepare(ctx, read_table(path), ImportOptions(on_duplicate="create"))
    twin = next(r for r in plan.rows if r.row == 3)
    assert twin.duplicate is not None
    assert (twin.duplicate.in_file_row, twin.action) == (2, "skip")
    result = commit(ctx, plan)
    assert (result.created, result.skipped) == (2, 1)


def test_cancel_rolls_everything_back(ctx: ServiceContext, tmp_path: Path) -> None:
    rows = [[f"取消测试{n:04d}号有限公司", "软件", "华南", "", "", ""] for n in range(600)]
    path = _csv(tmp_path / "many.csv", rows)
    plan = prepare(ctx, read_table(path), ImportOptions())
    cancel = threading.Event()

    def progress(phase: str, done: int, _total: int) -> None:
        if phase == "writing" and done > 0:
            cancel.set()

    with pytest.raises(ImportCancelledError):
        commit(ctx, plan, None, progress, cancel)
    assert _count(ctx.db, Customer) == 0
    assert _count(ctx.db, OutboxEntry) == 0
    cancel.set()
    with pytest.raises(ImportCancelledError):
        prepare(ctx, read_table(path), ImportOptions(), None, cancel)


def test_contacts_import_finds_the_customer_and_duplicate_numbers(
        ctx: ServiceContext, tmp_path: Path) -> None:
    customer = CustomerService(ctx).create(
        CustomerInput("深圳市华光科技有限公司", "software", "south_china"))
    ContactService(ctx).create(ContactInput(customer.id, "张伟",
                                            phones=[("mobile", "13800138000")]))
    path = _csv(tmp_path / "k.csv", [
        ["深圳市华光科技有限公司", "李娜", "采购经理", "139 0013 9000", "li.na@huaguang.cn"],
        ["深圳市华光科技有限公司", "Zhang Wei", "CEO", "+86 138 0013 8000", ""],
        ["不存在有限公司", "王芳", "", "", ""],
    ], headers=["公司", "联系人", "职务", "手机", "邮箱"])
    plan = prepare(ctx, read_table(path), ImportOptions(entity="contacts"))
    assert [(i.row, i.code) for i in plan.issues] == [(4, "customer_not_found")]
    plan.issues.clear()  # the user removed the row: check the rest
    duplicate = next(r for r in plan.rows if r.row == 3).duplicate
    assert duplicate is not None
    assert (duplicate.kind, duplicate.hard) == ("phone", True)
    result = commit(ctx, plan, ImportOptions(entity="contacts", on_duplicate="merge"))
    assert (result.created, result.merged) == (1, 1)
    contacts = {c.name: c for c in ContactService(ctx).for_customer(customer.id)}
    assert contacts["李娜"].phone_list()[0]["e164"] == "+8613900139000"
    assert contacts["李娜"].emails == ("li.na@huaguang.cn",)
    assert contacts["张伟"].title == "CEO"  # merged from the sheet


def _seed(ctx: ServiceContext) -> None:
    service = CustomerService(ctx)
    service.create(CustomerInput("深圳市华光科技有限公司", "software", "south_china",
                                 short_name="华光", phone="0755-86001234", uscc=USCC,
                                 website="huaguang.cn", address="深圳市南山区科技路1号",
                                 level="key", source="trade_show"))
    service.create(CustomerInput("=HYPERLINK(\"http://x\") Ltd.", "other", "europe",
                                 notes="formula-looking name"))
    service.create(CustomerInput("Acme Robotics Inc.", "manufacturing", "north_america",
                                 phone="+1 415 555 0100", owner_id="someone-else"))


FIELDS = ("full_name", "short_name", "industry", "region", "level", "source", "phone",
          "website", "uscc", "address", "notes")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_round_trips(ctx: ServiceContext, tmp_path: Path,
                                        suffix: str) -> None:
    _seed(ctx)
    sheet = tmp_path / f"customers{suffix}"
    assert export_list(ctx.db, "customers", sheet) == 3
    assert len(guess_mapping(read_table(sheet).headers, "customers")) == len(FIELDS)
    target = open_replica(tmp_path / "other.db")
    try:
        other = ServiceContext(db=target, user_id=ctx.user_id)
        result = run_import(other, sheet, ImportOptions())
        assert (result.committed, result.created) == (True, 3)

        def snapshot(db: Database) -> set[tuple[object, ...]]:
            with db.reader() as s:
                return {tuple(getattr(c, f) for f in FIELDS) for c in s.scalars(select(Customer))}

        before, after = snapshot(ctx.db), snapshot(target)
        # The source is "import" once imported; everything else is identical.
        assert {r[:5] + r[6:] for r in before} == {r[:5] + r[6:] for r in after}
    finally:
        target.dispose()


def test_export_respects_filters_and_escapes_formulas(ctx: ServiceContext,
                                                      tmp_path: Path) -> None:
    _seed(ctx)
    mine = tmp_path / "mine.csv"
    assert export_list(ctx.db, "customers", mine, ExportFilter(owner_id=ctx.user_id)) == 2
    text = mine.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text  # never a live formula in someone's spreadsheet
    assert "Acme" not in text
    with ctx.db.reader() as s:
        rowids = [r[0] for r in s.connection().exec_driver_sql(
            "SELECT rowid FROM customers ORDER BY full_name DESC")]
    listed = tmp_path / "listed.xlsx"
    export_list(ctx.db, "customers", listed, ExportFilter(customer_rowids=rowids[:2]))
    names = [r[0] for r in read_table(listed).rows]
    assert names == ["深圳市华光科技有限公司", "Acme Robotics Inc."]  # the list's order


def test_contacts_opportunities_and_quotes_export(ctx: ServiceContext, tmp_path: Path) -> None:
    _seed(ctx)
    with ctx.db.reader() as s:
        cid = s.scalars(select(Customer.id).where(Customer.uscc == USCC)).one()
    ContactService(ctx).create(ContactInput(cid, "张伟", phones=[("mobile", "13800138000"),
                                                               ("office", "0755-86001235")],
                                            emails=["zw@huaguang.cn", "z@w.cn"]))
    path = tmp_path / "contacts.xlsx"
    assert export_list(ctx.db, "contacts", path) == 1
    table = read_table(path)
    assert table.rows[0][:7] == ("深圳市华光科技有限公司", "张伟", "", "", "+8613800138000",
                                 "+8675586001235", "zw@huaguang.cn")
    assert export_list(ctx.db, "opportunities", tmp_path / "o.csv") == 0
    assert export_list(ctx.db, "quotes", tmp_path / "q.csv") == 0
    assert _count(ctx.db, Contact) == 1
    with pytest.raises(ValidationError):
        write_rows(tmp_path / "x.pdf", ["a"], [])
