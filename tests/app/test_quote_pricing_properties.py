"""More pricing properties, per currency of the issue (CNY, USD, EUR), through ``price_quote``
— the function the builder calls on every keystroke and the service calls on save.

Rounding point (see app/pricing.py): half-up to the minor unit, once per line figure (gross,
net, tax); totals are sums of the shown line figures, never rounded again.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.pricing import (
    Discount,
    LineInput,
    PriceTier,
    ProductPrice,
    QuoteInput,
    TierMode,
    TierTable,
    gross_for,
    price_quote,
)

D = Decimal
CURRENCIES = st.sampled_from(["CNY", "USD", "EUR"])
prices = st.decimals(min_value=D("0.01"), max_value=50_000, places=4, allow_nan=False)
quantities = st.decimals(min_value=D("0.01"), max_value=5_000, places=2, allow_nan=False)


@st.composite
def products(draw: st.DrawFn, currency: str) -> ProductPrice:
    list_price = draw(prices)
    mins = sorted(draw(st.sets(st.integers(2, 500), max_size=3)))
    tier_prices = sorted((draw(st.decimals(min_value=0, max_value=list_price, places=4))
                          for _ in mins), reverse=True)
    table = TierTable(draw(st.sampled_from(TierMode)),
                      tuple(PriceTier(D(m), p) for m, p in zip(mins, tier_prices, strict=True)))
    return ProductPrice("p", "SKU", "Item", currency, list_price, table)


@st.composite
def amount_discount_lines(draw: st.DrawFn, currency: str) -> LineInput:
    product = draw(products(currency))
    quantity = draw(quantities)
    exact = gross_for(quantity, product.list_price, product.tiers.tiers, product.tiers.mode)
    # An amount discount up to the (rounded-down) line amount.
    cap = exact.quantize(D("0.01"), rounding="ROUND_FLOOR")
    amount = draw(st.decimals(min_value=0, max_value=max(cap, D(0)), places=2))
    tax = draw(st.sampled_from([D(0), D(6), D(13), D(19), D(20)]))
    return LineInput(product, quantity, tax, Discount.amount(amount))


@settings(max_examples=150)
@given(CURRENCIES.flatmap(lambda c: st.tuples(
    st.just(c), st.lists(amount_discount_lines(c), min_size=1, max_size=10),
    st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2)))))
def test_totals_add_up_and_drift_at_most_a_minor_unit_per_figure(
        case: tuple[str, list[LineInput], Decimal | None]) -> None:
    currency, items, quote_percent = case
    discount = Discount.percent(quote_percent) if quote_percent is not None else None
    result = price_quote(QuoteInput(currency, tuple(items), discount))
    unit, t = result.minor_unit, result.totals
    assert t.grand_total == sum((ln.total for ln in result.lines), D(0))
    assert t.grand_total == t.subtotal - t.discount_total + t.tax_total
    assert min(t.subtotal, t.discount_total, t.net_total, t.tax_total, t.grand_total) >= 0
    for line, priced in zip(items, result.lines, strict=True):
        p = line.product
        exact_gross = gross_for(line.quantity, p.list_price, p.tiers.tiers, p.tiers.mode)
        assert abs(priced.gross - exact_gross) <= unit / 2
        exact_tax = priced.net * line.tax_percent / 100
        assert abs(priced.tax - exact_tax) <= unit / 2
        assert priced.net >= 0
    # The quote discount is spread exactly: no cent appears or disappears.
    assert sum((ln.quote_discount_share for ln in result.lines), D(0)) == result.quote_discount


@given(CURRENCIES.flatmap(lambda c: st.tuples(st.just(c), products(c))), quantities, quantities)
def test_shown_unit_price_never_rises_with_quantity(
        case: tuple[str, ProductPrice], a: Decimal, b: Decimal) -> None:
    currency, product = case
    low, high = sorted((a, b))

    def shown(quantity: Decimal) -> Decimal:
        return price_quote(QuoteInput(currency, (LineInput(product, quantity),))).lines[0] \
            .unit_price

    assert shown(high) <= shown(low)
