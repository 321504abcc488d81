"""Services: the only way data changes. Validation, duplicates, outbox, stage history."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.clock import FakeClock
from app.errors import DuplicateError, NotFoundError, ValidationError
from app.models import Customer, OutboxEntry, StageChange
from app.search import search
from app.services.activities import ActivityInput, ActivityService
from app.services.contacts import ContactInput, ContactService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.opportunities import OpportunityInput, OpportunityService
from app.validation import make_uscc

USCC = make_uscc("91440300MA5DC0QX7")


def _customer(ctx: ServiceContext, name: str = "深圳市华强科技有限公司",
              region: str = "south_china", uscc: str | None = None) -> str:
    data = CustomerInput(full_name=name, industry="software", region=region, uscc=uscc)
    return CustomerService(ctx).create(data).id


def _outbox(ctx: ServiceContext) -> list[OutboxEntry]:
    with ctx.db.reader() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.client_seq)))


def test_create_customer_normalises_and_logs_one_insert(ctx: ServiceContext) -> None:
    view = CustomerService(ctx).create(CustomerInput(
        full_name="  深圳市华强科技有限公司 ", industry="software", region="south_china",
        phone="0755-8888 6666", website="www.huaqiang.example.com", uscc=USCC.lower()))
    assert view.full_name == "深圳市华强科技有限公司"
    assert view.phone == "+8675588886666"
    assert view.uscc == USCC
    assert view.owner_id == ctx.user_id
    entries = _outbox(ctx)
    assert [(e.entity, e.op, e.entity_id) for e in entries] == [("customers", "insert", view.id)]
    assert entries[0].fields["full_name"] == "深圳市华强科技有限公司"


@pytest.mark.parametrize(("field", "value", "code"), [
    ("industry", "aliens", "not_in_list"),
    ("level", "vip", "not_in_list"),
    ("full_name", "   ", "required"),
])
def test_create_customer_rejects_bad_values_naming_the_field(
        ctx: ServiceContext, field: str, value: str, code: str) -> None:
    data = CustomerInput(full_name="Acme Robotics Inc.", industry="software", region="europe")
    setattr(data, field, value)
    with pytest.raises(ValidationError) as err:
        CustomerService(ctx).create(data)
    assert err.value.code == code
    assert err.value.field == field
    assert _outbox(ctx) == [], "a rejected save writes nothing"


def test_bad_phone_and_bad_uscc_are_rejected(ctx: ServiceContext) -> None:
    service = CustomerService(ctx)
    with pytest.raises(ValidationError) as err:
        service.create(CustomerInput(full_name="X有限公司", industry="software",
                                     region="south_china", phone="12345"))
    assert err.value.field == "phone"
    bad = USCC[:-1] + ("0" if USCC[-1] != "0" else "1")
    with pytest.raises(ValidationError) as err2:
        service.create(CustomerInput(full_name="X有限公司", industry="software",
                                     region="south_china", uscc=bad))
    assert err2.value.field == "uscc"


def test_duplicate_company_names_are_caught_before_saving(ctx: ServiceContext) -> None:
    first = _customer(ctx, "深圳市华强科技有限公司")
    service = CustomerService(ctx)
    for variant in ("华强科技(深圳)有限公司", "华强科技", "深圳市华强科技有限公司"):
        with pytest.raises(DuplicateError) as err:
            service.create(CustomerInput(full_name=variant, industry="software",
                                         region="south_china"))
        assert [c.id for c in err.value.params["candidates"]] == [first]
    # The rep may still create it on purpose (the UI's "create anyway").
    forced = service.create(CustomerInput(full_name="华强科技", industry="software",
                                          region="south_china"), allow_duplicate=True)
    assert forced.id != first


def test_same_uscc_is_a_hard_duplicate_even_when_forced(ctx: ServiceContext) -> None:
    _customer(ctx, "深圳市华强科技有限公司", uscc=USCC)
    with pytest.raises(DuplicateError) as err:
        CustomerService(ctx).create(CustomerInput(
            full_name="完全不同的名字有限公司", industry="software", region="south_china",
            uscc=USCC), allow_duplicate=True)
    assert err.value.params["blocking"] is True
    assert err.value.params["candidates"][0].kind == "uscc"


def test_branch_is_not_blocked_as_a_duplicate(ctx: ServiceContext) -> None:
    _customer(ctx, "深圳市华强科技有限公司")
    branch = CustomerService(ctx).create(CustomerInput(
        full_name="深圳市华强科技有限公司北京分公司", industry="software",
        region="north_china"))
    assert branch.id
    hints = CustomerService(ctx).find_duplicates("深圳市华强科技有限公司北京分公司")
    assert any(c.branch for c in hints)


def test_update_logs_only_changed_fields(ctx: ServiceContext, clock: FakeClock) -> None:
    cid = _customer(ctx)
    clock.advance(timedelta(minutes=5))
    CustomerService(ctx).update(cid, {"level": "strategic", "industry": "software"})
    last = _outbox(ctx)[-1]
    assert last.op == "update"
    assert set(last.fields) == {"level", "updated_at"}
    with ctx.db.reader() as s:
        row = s.get(Customer, cid)
        assert row is not None
        assert row.version == 2


def test_delete_is_a_tombstone_and_restore_brings_it_back(ctx: ServiceContext) -> None:
    cid = _customer(ctx)
    service = CustomerService(ctx)
    service.delete(cid)
    with pytest.raises(NotFoundError):
        service.get(cid)
    assert [e.op for e in _outbox(ctx)] == ["insert", "delete"]
    assert service.restore(cid).id == cid
    assert service.get(cid).full_name


def test_contacts_store_e164_and_catch_same_mobile_or_email(ctx: ServiceContext) -> None:
    cid = _customer(ctx)
    contacts = ContactService(ctx)
    view = contacts.create(ContactInput(customer_id=cid, name="张伟",
                                        phones=[("mobile", "138 0013 8000")],
                                        emails=["Zhang.Wei@Example.COM"]))
    assert view.phone_list()[0]["e164"] == "+8613800138000"
    assert view.emails[0].endswith("@example.com")
    with pytest.raises(DuplicateError) as err:
        contacts.create(ContactInput(customer_id=cid, name="Wei Zhang",
                                     phones=[("office", "+86 138-0013-8000")]))
    assert err.value.params["candidates"][0].kind == "phone"
    with pytest.raises(DuplicateError):
        contacts.create(ContactInput(customer_id=cid, name="Someone",
                                     emails=["zhang.wei@example.com"]))
    with pytest.raises(ValidationError) as bad:
        contacts.create(ContactInput(customer_id=cid, name="X", emails=["not-an-email"]))
    assert bad.value.field == "emails[0]"


def test_opportunity_moves_are_recorded_and_lost_needs_a_reason(
        ctx: ServiceContext, clock: FakeClock) -> None:
    cid = _customer(ctx)
    opps = OpportunityService(ctx)
    opp = opps.create(OpportunityInput(customer_id=cid, name="Line upgrade",
                                       amount=Decimal("120000.00")))
    clock.advance(timedelta(days=3))
    opps.move(opp.id, "proposal")  # skipping qualified is allowed and recorded
    with pytest.raises(ValidationError) as err:
        opps.move(opp.id, "lost")
    assert err.value.code == "lost_needs_reason"
    moved = opps.move(opp.id, "lost", lost_reason="price")
    assert moved.stage == "lost"
    assert moved.probability == 0
    assert moved.closed_at is not None
    history = opps.history(opp.id)
    assert [(h.from_stage, h.to_stage) for h in history] == [
        (None, "prospect"), ("prospect", "proposal"), ("proposal", "lost")]
    assert history[1].changed_at - history[0].changed_at == timedelta(days=3)
    with ctx.db.reader() as s:
        assert s.query(StageChange).count() == 3


def test_completed_follow_up_updates_customer_and_notes_do_not(
        ctx: ServiceContext, clock: FakeClock) -> None:
    cid = _customer(ctx)
    acts = ActivityService(ctx)
    acts.log(ActivityInput(customer_id=cid, kind="note", subject="budget is tight",
                           done_at=clock.now()))
    assert CustomerService(ctx).get(cid).last_follow_up_at is None
    task = acts.log(ActivityInput(customer_id=cid, kind="call", subject="call back",
                                  due_at=clock.now() - timedelta(hours=2)))
    assert [a.id for a in acts.due(ctx.user_id)] == [task.id]
    acts.complete(task.id, outcome="interested")
    assert CustomerService(ctx).get(cid).last_follow_up_at == clock.now()
    assert acts.due(ctx.user_id) == []


def test_search_finds_chinese_substrings_and_short_queries(ctx: ServiceContext) -> None:
    cid = _customer(ctx, "深圳市华强科技有限公司")
    _customer(ctx, "Acme Robotics GmbH", region="europe")
    ContactService(ctx).create(ContactInput(customer_id=cid, name="张伟",
                                            emails=["zw@huaqiang.example.com"]))
    kinds = {(h.kind, h.title) for h in search(ctx.db, "华强科")}
    assert ("customer", "深圳市华强科技有限公司") in kinds
    assert {h.title for h in search(ctx.db, "华强")} >= {"深圳市华强科技有限公司"}
    assert {h.title for h in search(ctx.db, "张")} == {"张伟"}
    assert {h.title for h in search(ctx.db, "robot")} == {"Acme Robotics GmbH"}
    assert [h.title for h in search(ctx.db, "huaqiang")] == ["张伟"]
    assert search(ctx.db, '"; DROP TABLE customers; --') == []
    assert search(ctx.db, "   ") == []
