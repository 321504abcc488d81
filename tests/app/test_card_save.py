"""Saving a reviewed card: merge into a known contact, attach to a customer, or create new."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ValidationError
from app.services.cards import CardDraft, CardService, Decision
from app.services.contacts import ContactInput, ContactService
from app.services.context import ServiceContext
from app.services.customers import CustomerInput, CustomerService


@pytest.fixture
def cards(ctx: ServiceContext, tmp_path: Path) -> CardService:
    return CardService(ctx, tmp_path / "cards")


def _known(ctx: ServiceContext) -> tuple[str, str]:
    customer = CustomerService(ctx).create(CustomerInput(
        full_name="深圳市华宏科技有限公司", industry="software", region="south_china"))
    contact = ContactService(ctx).create(ContactInput(
        customer_id=customer.id, name="王伟", title="工程师",
        phones=[("mobile", "13800138000")], emails=["wang.wei@huahong.example.cn"]))
    return customer.id, contact.id


def _image(tmp_path: Path) -> Path:
    path = tmp_path / "card.png"
    path.write_bytes(b"\x89PNG card bytes")
    return path


def test_same_email_suggests_merge_and_merge_keeps_both(
        ctx: ServiceContext, cards: CardService, tmp_path: Path) -> None:
    customer_id, contact_id = _known(ctx)
    draft = CardDraft(name="王伟", title="采购经理", company="华宏科技",
                      phones=[("office", "0755-86001234")],
                      emails=["Wang.Wei@HUAHONG.example.cn"], website="www.huahong.example.cn")
    found = cards.matches(draft)
    assert [h.id for h in found.contacts] == [contact_id]
    assert found.contacts[0].kinds[0] == "email"
    assert found.contacts[0].hard
    assert [c.id for c in found.customers] == [customer_id]
    assert found.suggestion() == Decision("merge", contact_id)
    saved = cards.save(draft, found.suggestion(), _image(tmp_path))
    assert saved.id == contact_id
    assert saved.title == "采购经理"
    assert {p["e164"] for p in saved.phone_list()} == {"+8613800138000", "+8675586001234"}
    assert saved.emails == ("wang.wei@huahong.example.cn",)
    assert saved.card_image is not None
    assert (tmp_path / "cards" / saved.card_image).read_bytes() == b"\x89PNG card bytes"
    assert CustomerService(ctx).get(customer_id).website == "https://www.huahong.example.cn"


def test_similar_name_at_same_company_is_a_soft_match(
        ctx: ServiceContext, cards: CardService) -> None:
    _, contact_id = _known(ctx)
    found = cards.matches(CardDraft(name="王 伟", company="深圳市华宏科技有限公司"))
    assert [(h.id, h.kinds, h.hard) for h in found.contacts] == [
        (contact_id, ("name_at_company",), False)]


def test_new_person_at_known_company_attaches(ctx: ServiceContext, cards: CardService) -> None:
    customer_id, _ = _known(ctx)
    draft = CardDraft(name="李娜", title="销售总监", company="深圳市华宏科技有限公司",
                      phones=[("mobile", "139 0013 9000")], emails=["li.na@huahong.example.cn"])
    found = cards.matches(draft)
    assert found.contacts == ()
    assert found.suggestion() == Decision("attach", customer_id)
    saved = cards.save(draft, found.suggestion(), None)
    assert saved.customer_id == customer_id
    assert saved.source == "card_scan"
    assert saved.card_image is None
    assert {c.name for c in ContactService(ctx).for_customer(customer_id)} == {"王伟", "李娜"}


def test_unknown_company_creates_customer_and_contact(
        ctx: ServiceContext, cards: CardService, tmp_path: Path) -> None:
    draft = CardDraft(name="Alice Chen", title="Purchasing Manager", company="Nimbus Robotics Ltd.",
                      phones=[("office", "+1 415 555 0132")], emails=["alice@nimbus.example.com"],
                      address="1 Market St, San Francisco")
    found = cards.matches(draft)
    assert found.contacts == ()
    assert found.customers == ()
    saved = cards.save(draft, Decision("new"), _image(tmp_path))
    customer = CustomerService(ctx).get(saved.customer_id)
    assert customer.full_name == "Nimbus Robotics Ltd."
    assert customer.source == "card_scan"
    assert customer.address == "1 Market St, San Francisco"
    assert customer.phone == "+14155550132"


def test_bad_values_are_refused_before_anything_is_written(
        ctx: ServiceContext, cards: CardService, tmp_path: Path) -> None:
    before = CustomerService(ctx).count()
    draft = CardDraft(name="Bob", company="Acme Widgets Inc.", phones=[("mobile", "12345")])
    with pytest.raises(ValidationError) as err:
        cards.save(draft, Decision("new"), _image(tmp_path))
    assert err.value.field == "phones[0]"
    with pytest.raises(ValidationError) as err:
        cards.save(CardDraft(name="Bob"), Decision("new"), None)
    assert err.value.field == "company"
    assert CustomerService(ctx).count() == before
    assert not (tmp_path / "cards").exists() or not any((tmp_path / "cards").iterdir())
