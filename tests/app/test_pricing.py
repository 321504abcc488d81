"""Pricing: worked examples for each rule, then properties hypothesis hammers."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import ValidationError
from app.pricing import (
    Discount,
    LineInput,
    PriceTier,
    PricingError,
    ProductPrice,
    QuoteInput,
    QuoteTotals,
    TierMode,
    TierTable,
    distribute,
    gross_for,
    minor_unit,
    price_quote,
    round_money,
    unit_price_for,
)

D = Decimal
TIERS = (PriceTier(D(10), D("9.00")), PriceTier(D(50), D("8.00")))


def product(
    list_price: str = "10.00",
    tiers: TierTable | None = None,
    currency: str = "CNY",
    active: bool = True,
) -> ProductPrice:
    return ProductPrice(
        "p1", "SKU-1", "Widget", currency, D(list_price), tiers or TierTable(), active
    )


def quote(*lines: LineInput, currency: str = "CNY", discount: Discount | None = None) -> QuoteInput:
    return QuoteInput(currency, tuple(lines), discount)


# --- examples -------------------------------------------------------------------------------


def test_volume_tier_prices_the_whole_quantity() -> None:
    assert unit_price_for(D(9), D(10), TIERS, TierMode.VOLUME) == D(10)
    assert unit_price_for(D(10), D(10), TIERS, TierMode.VOLUME) == D("9.00")
    assert unit_price_for(D(60), D(10), TIERS, TierMode.VOLUME) == D("8.00")


def test_graduated_tier_prices_each_band() -> None:
    # 9 units at 10, units 10–49 at 9, units 50–60 at 8.
    assert gross_for(D(60), D(10), TIERS, TierMode.GRADUATED) == D(90 + 360 + 88)
    assert gross_for(D("9.5"), D(10), TIERS, TierMode.GRADUATED) == D("94.5")


def test_line_and_totals_round_once_per_line() -> None:
    line = LineInput(product("0.333"), D(1), D(13), Discount.percent(10))
    result = price_quote(quote(line, line))
    first = result.lines[0]
    assert (first.gross, first.net, first.discount, first.tax, first.total) == (
        D("0.33"),
        D("0.30"),
        D("0.03"),
        D("0.04"),
        D("0.34"),
    )
    assert result.totals.grand_total == D("0.68")


def test_jpy_has_no_minor_unit() -> None:
    line = LineInput(product("333.5", currency="JPY"), D(1), D(10))
    result = price_quote(quote(line, currency="JPY"))
    assert result.lines[0].gross == D(334)
    assert result.lines[0].tax == D(33)
    assert minor_unit("JPY") == D(1)
    assert round_money(D("2.5"), "USD") == D("2.50")
    assert round_money(D("0.125"), "EUR") == D("0.13")  # half-up, not babel's half-even


def test_quote_discount_is_spread_with_largest_remainder() -> None:
    line = LineInput(product("1.00"), D(1))
    result = price_quote(quote(line, line, line, discount=Discount.amount("1.00")))
    shares = [ln.quote_discount_share for ln in result.lines]
    assert shares == [D("0.34"), D("0.33"), D("0.33")]
    assert result.totals.discount_total == D("1.00")


def test_max_discount_percent_is_vs_list_price() -> None:
    tiered = product(tiers=TierTable(TierMode.VOLUME, TIERS))
    result = price_quote(
        quote(LineInput(tiered, D(10), discount=Discount.percent(10)), LineInput(tiered, D(1)))
    )
    # 10 × 9.00 − 10 % = 81.00 against 100.00 at list.
    assert result.max_discount_percent == D("19.00")


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: quote(LineInput(product(), D(0))), "quantity_not_positive"),
        (lambda: quote(LineInput(product(), D(-1))), "quantity_not_positive"),
        (
            lambda: quote(LineInput(product(), D(1), discount=Discount.percent(101))),
            "discount_over_100_percent",
        ),
        (
            lambda: quote(LineInput(product(), D(1), discount=Discount.percent(-1))),
            "discount_negative",
        ),
        (
            lambda: quote(LineInput(product(), D(1), discount=Discount.amount("10.01"))),
            "discount_exceeds_line",
        ),
        (
            lambda: quote(LineInput(product(), D(1)), discount=Discount.amount(11)),
            "discount_exceeds_quote",
        ),
        (lambda: quote(LineInput(product(currency="USD"), D(1))), "currency_mismatch"),
        (lambda: quote(LineInput(product(active=False), D(1))), "product_inactive"),
        (lambda: quote(LineInput(product(), D(1), D(101))), "tax_rate_out_of_range"),
        (lambda: quote(LineInput(product(), D(1)), currency="XYZ"), "unknown_currency"),
        (
            lambda: quote(LineInput(product("8.50", TierTable(TierMode.VOLUME, TIERS)), D(1))),
            "tiers_not_monotone",
        ),
    ],
)
def test_bad_input_has_a_code(make: object, code: str) -> None:
    assert callable(make)
    with pytest.raises(PricingError) as info:
        price_quote(make())
    assert info.value.code == code
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, ValidationError)


def test_error_field_points_at_the_line() -> None:
    with pytest.raises(PricingError) as info:
        price_quote(quote(LineInput(product(), D(1)), LineInput(product(), D(0))))
    assert info.value.field == "lines[1].quantity"


@pytest.mark.parametrize(
    "tiers",
    [
        (PriceTier(D(10), D(9)), PriceTier(D(5), D(8))),  # quantities not increasing
        (PriceTier(D(10), D(8)), PriceTier(D(20), D(9))),  # price rises
        (PriceTier(D(10), D(9)), PriceTier(D(10), D(8))),  # duplicate quantity
        (PriceTier(D("0.5"), D(9)),),  # below one unit
        (PriceTier(D(10), D(-1)),),  # negative price
    ],
)
def test_non_monotone_tier_tables_are_rejected(tiers: tuple[PriceTier, ...]) -> None:
    with pytest.raises(PricingError):
        TierTable(TierMode.VOLUME, tiers)


# --- properties -----------------------------------------------------------------------------

CURRENCIES = st.sampled_from(["CNY", "USD", "EUR", "JPY", "KWD"])
money = st.decimals(min_value=0, max_value=100_000, places=4, allow_nan=False)
quantities = st.decimals(min_value=D("0.001"), max_value=10_000, places=3, allow_nan=False)
percents = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)


@st.composite
def tier_tables(draw: st.DrawFn, list_price: Decimal) -> TierTable:
    count = draw(st.integers(0, 4))
    mins = sorted(draw(st.sets(st.integers(1, 1000), min_size=count, max_size=count)))
    prices = sorted(
        (draw(st.decimals(min_value=0, max_value=list_price, places=4)) for _ in mins),
        reverse=True,
    )
    mode = draw(st.sampled_from(TierMode))
    return TierTable(mode, tuple(PriceTier(D(m), p) for m, p in zip(mins, prices, strict=True)))


@st.composite
def lines(draw: st.DrawFn, currency: str) -> LineInput:
    list_price = draw(money)
    discount = draw(
        st.one_of(st.none(), percents.map(Discount.percent), st.just(Discount.amount(0)))
    )
    return LineInput(
        ProductPrice("p", "s", "d", currency, list_price, draw(tier_tables(list_price))),
        draw(quantities),
        draw(st.sampled_from([D(0), D(6), D(9), D(13), D("7.5")])),
        discount,
    )


@st.composite
def quotes(draw: st.DrawFn) -> QuoteInput:
    currency = draw(CURRENCIES)
    items = tuple(draw(st.lists(lines(currency), min_size=1, max_size=8)))
    discount = draw(st.one_of(st.none(), percents.map(Discount.percent)))
    return QuoteInput(currency, items, discount)


@given(quotes())
def test_totals_are_the_sum_of_the_shown_lines(q: QuoteInput) -> None:
    result = price_quote(q)
    t = result.totals
    assert t.subtotal == sum(ln.gross for ln in result.lines)
    assert t.discount_total == sum(ln.discount for ln in result.lines)
    assert t.tax_total == sum(ln.tax for ln in result.lines)
    assert t.grand_total == sum(ln.total for ln in result.lines)
    assert t.grand_total == t.subtotal - t.discount_total + t.tax_total
    for ln in result.lines:
        assert ln.total == ln.net + ln.tax == ln.gross - ln.discount + ln.tax
        assert ln.discount == ln.line_discount + ln.quote_discount_share
        for amount in (ln.gross, ln.discount, ln.net, ln.tax, ln.total):
            assert amount == amount.quantize(result.minor_unit)


@settings(max_examples=60)
@given(quotes())
def test_nothing_is_negative(q: QuoteInput) -> None:
    result = price_quote(q)
    for ln in result.lines:
        assert min(ln.gross, ln.discount, ln.net, ln.tax, ln.total, ln.unit_price) >= 0
    assert min(vars_of(result.totals)) >= 0
    assert 0 <= result.max_discount_percent <= 100


def vars_of(totals: QuoteTotals) -> list[Decimal]:
    return [getattr(totals, f.name) for f in dataclasses.fields(totals)]


@given(st.data(), money, quantities, quantities)
def test_more_never_costs_more_per_unit(
    data: st.DataObject, list_price: Decimal, a: Decimal, b: Decimal
) -> None:
    table = data.draw(tier_tables(list_price))
    low, high = sorted((a, b))
    assert unit_price_for(high, list_price, table.tiers, table.mode) <= unit_price_for(
        low, list_price, table.tiers, table.mode
    )


@given(CURRENCIES.flatmap(lambda c: st.tuples(st.just(c), lines(c))))
def test_rounding_stays_within_a_minor_unit_per_line(case: tuple[str, LineInput]) -> None:
    currency, line = case
    result = price_quote(QuoteInput(currency, (line,)))
    unit = result.minor_unit
    ln = result.lines[0]
    p = line.product
    exact_gross = gross_for(line.quantity, p.list_price, p.tiers.tiers, p.tiers.mode)
    assert abs(ln.gross - exact_gross) <= unit / 2
    if line.discount is None or line.discount.value == 0:
        exact_net = exact_gross
    else:
        exact_net = exact_gross * (100 - line.discount.value) / 100
    assert abs(ln.net - exact_net) <= unit
    assert abs(ln.tax - ln.net * line.tax_percent / 100) <= unit / 2


@settings(max_examples=300)
@given(
    st.lists(st.decimals(min_value=0, max_value=10**9, places=2), min_size=1, max_size=50),
    st.data(),
)
def test_quote_discount_distribution_sums_exactly(
    weights: list[Decimal], data: st.DataObject
) -> None:
    unit = D("0.01")
    cap = sum(weights, D(0))
    total = data.draw(st.decimals(min_value=0, max_value=cap, places=2))
    shares = distribute(total, weights, unit)
    assert sum(shares, D(0)) == (total if cap > 0 else 0)
    for share, weight in zip(shares, weights, strict=True):
        assert D(0) <= share <= weight


@settings(max_examples=40)
@given(quotes())
def test_repricing_is_deterministic(q: QuoteInput) -> None:
    """The per-line memo must never change an answer."""
    assert price_quote(q) == price_quote(q)
