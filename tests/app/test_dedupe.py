"""Finding and merging duplicates that are already in the data."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.errors import ValidationError
from app.models import Activity, Contact, Customer, Opportunity, OutboxEntry
from app.services.activities import ActivityInput, ActivityService
from app.services.contacts import ContactInput, ContactService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService
from app.services.dedupe import DedupeService, merged_survivor
from app.services.opportunities import OpportunityInput, OpportunityService


def _customer(ctx: ServiceContext, name: str, **extra: str) -> str:
    return CustomerService(ctx).create(CustomerInput(
        full_name=name, industry="electronics", region="south_china", level="normal", **extra),
        allow_duplicate=True).id


def test_customer_groups_and_merge(ctx: ServiceContext) -> None:
    a = _customer(ctx, "深圳市华为技术有限公司")
    b = _customer(ctx, "华为技术(深圳)有限公司", phone="+8675528780808")
    branch = _customer(ctx, "深圳市华为技术有限公司上海分公司")
    other = _customer(ctx, "北京小米科技有限责任公司")
    ContactService(ctx).create(ContactInput(customer_id=b, name="王芳",
                                            emails=["wang.fang@example.cn"]))
    opp = OpportunityService(ctx).create(OpportunityInput(customer_id=b, name="Routers",
                                                          amount=Decimal("88000.00")))
    ActivityService(ctx).log(ActivityInput(customer_id=b, kind="call", subject="Intro"))
    dedupe = DedupeService(ctx)
    groups = dedupe.customer_groups()
    assert [sorted(c.id for c in g) for g in groups] == [sorted([a, b])]
    assert groups[0][0].id == b  # the record with children comes first
    grouped = {c.id for g in groups for c in g}
    assert branch not in grouped  # branches stay apart from their head office
    assert other not in grouped

    before = _outbox(ctx)
    dedupe.merge_customers(a, [b], choices={"full_name": a})
    with ctx.db.reader() as s:
        survivor = s.get(Customer, a)
        gone = s.get(Customer, b)
        assert survivor is not None
        assert gone is not None
        assert gone.deleted_at is not None  # tombstoned, never both alive
        assert survivor.phone == "+8675528780808"  # the empty field took the other's value
        assert survivor.full_name == "深圳市华为技术有限公司"
        assert s.get(Opportunity, opp.id).customer_id == a  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(Contact)
                        .where(Contact.customer_id == a)) == 1
        notes = s.scalars(select(Activity.subject).where(Activity.customer_id == a,
                                                         Activity.kind == "note")).all()
        assert any("华为技术(深圳)有限公司" in n for n in notes)
    # Every step is in the outbox of one transaction: it travels as one push.
    assert _outbox(ctx) - before >= 5
    assert DedupeService(ctx).customer_groups() == []


def test_merge_refuses_nonsense(ctx: ServiceContext) -> None:
    a = _customer(ctx, "上海测试贸易有限公司")
    dedupe = DedupeService(ctx)
    with pytest.raises(ValidationError):
        dedupe.merge_customers(a, [a])
    b = _customer(ctx, "上海测试贸易有限公司")
    with pytest.raises(ValidationError):
        dedupe.merge_customers(a, [b], choices={"id": b})
    with pytest.raises(ValidationError):
        dedupe.merge_customers(a, [b], choices={"full_name": "somebody-else"})
    with ctx.db.reader() as s:  # nothing half-done after a refused merge
        assert s.get(Customer, b).deleted_at is None  # type: ignore[union-attr]


def test_contact_groups_and_merge(ctx: ServiceContext) -> None:
    cid = _customer(ctx, "杭州联系人测试有限公司")
    contacts = ContactService(ctx)
    one = contacts.create(ContactInput(customer_id=cid, name="Li Wei",
                                       phones=[("mobile", "13800138000")]))
    two = contacts.create(ContactInput(customer_id=cid, name="Wei Li",
                                       emails=["li.wei@example.com"]), allow_duplicate=True)
    three = contacts.create(ContactInput(customer_id=cid, name="Zhang San",
                                         emails=["zs@example.com"]))
    groups = DedupeService(ctx).contact_groups()
    assert [sorted(c.id for c in g) for g in groups] == [sorted([one.id, two.id])]
    ActivityService(ctx).log(ActivityInput(customer_id=cid, contact_id=two.id, kind="email",
                                           subject="Sent brochure"))
    DedupeService(ctx).merge_contacts(one.id, [two.id])
    with ctx.db.reader() as s:
        merged = s.get(Contact, one.id)
        assert merged is not None
        assert merged.emails == ["li.wei@example.com"]
        assert [p["e164"] for p in merged.phones] == ["+8613800138000"]
        moved = s.scalar(select(func.count()).select_from(Activity)
                         .where(Activity.contact_id == one.id))
        assert moved is not None
        assert moved >= 1
        assert s.get(Contact, two.id).deleted_at is not None  # type: ignore[union-attr]
        assert s.get(Contact, three.id).deleted_at is None  # type: ignore[union-attr]


def _outbox(ctx: ServiceContext) -> int:
    with ctx.db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(OutboxEntry)) or 0)


def test_merge_names_the_survivor_and_chains_are_followed(ctx: ServiceContext) -> None:
    x = _customer(ctx, "深圳市华强科技有限公司")
    y = _customer(ctx, "华强科技(深圳)有限公司")
    z = _customer(ctx, "华强科技集团")
    dedupe = DedupeService(ctx)
    dedupe.merge_customers(y, [x])
    with ctx.db.reader() as s:
        victim = s.get(Customer, x)
        assert victim is not None
        assert (victim.merged_into, victim.deleted_at is not None) == (y, True)
        # merged_into travels in the outbox, before the tombstone (one transaction).
        ops = [(e.op, e.fields.get("merged_into")) for e in s.scalars(
            select(OutboxEntry).where(OutboxEntry.entity_id == x,
                                      OutboxEntry.op != "insert")
            .order_by(OutboxEntry.client_seq))]
        assert ops == [("update", y), ("delete", None)]
    dedupe.merge_customers(z, [y])
    with ctx.db.reader() as s:
        assert merged_survivor(s, Customer, x) == z
        assert merged_survivor(s, Customer, y) == z
        assert merged_survivor(s, Customer, z) is None  # alive: not merged


def test_merged_contact_names_its_survivor(ctx: ServiceContext) -> None:
    cid = _customer(ctx, "深圳市华强科技有限公司")
    one = ContactService(ctx).create(ContactInput(customer_id=cid, name="张伟"))
    two = ContactService(ctx).create(ContactInput(customer_id=cid, name="张 伟"))
    DedupeService(ctx).merge_contacts(one.id, [two.id])
    with ctx.db.reader() as s:
        assert merged_survivor(s, Contact, two.id) == one.id
