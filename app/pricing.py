"""Quote pricing: tier resolution, discounts, tax and rounding, in pure ``Decimal`` arithmetic.

No floats anywhere: a float cannot hold 0.1 exactly, and a quote whose lines do not add up to
its total is a support call. Everything here is a pure function of its input, so the screen can
recalculate a quote on every keystroke and the property tests can hammer it.

Tier tables
    A product's price list entry has a list price and optional volume tiers (minimum quantity →
    unit price). Whether a table is *volume* (the whole quantity at the price of the highest tier
    reached) or *graduated* (each band at its own price, "units 1–9 at list, 10–49 at …") is a
    property of the table (BUSINESS-RULES §5.6). Tables must be monotone: minimum quantities
    strictly increasing, prices non-increasing and not above the list price. That is what makes
    "more never costs more per unit" true, and anything else is almost certainly a typo.

    A tier's ``min_quantity`` is in the product's unit and at least 1. Graduated bands follow
    the integer reading: a tier from 10 starts with the 10th unit, so units ``(9, q]`` are in it
    (a fractional 9.5 puts 0.5 units in that band).

Rounding — the ONE rounding point
    Amounts are rounded half-up to the currency's minor unit (babel's ISO 4217 digits: CNY, USD,
    EUR 2, JPY 0, KWD 3) **per line**, and nowhere else:

    * ``gross`` = exact quantity × price (or band sum), rounded;
    * ``net``   = exact gross after the line discount, rounded (an amount discount is taken off
      the rounded gross); the shown line discount is ``gross − net``, so it never disagrees;
    * a quote-level discount is converted to minor units once and spread over the lines'
      nets in proportion, largest remainder first, so the shares sum to it exactly;
    * ``tax``   = net × rate, rounded per line; ``total`` = net + tax.

    Quote totals are plain sums of those rounded line figures, so the document always adds up:
    ``subtotal − discount_total + tax_total == grand_total == Σ line totals``. The shown unit
    price of a graduated line is the average (exact gross / quantity) rounded to the minor
    unit; it is informative (the line says "graduated"), the amount is authoritative. A volume
    line shows the tier price exactly as the catalogue has it (it may carry more digits).

Errors are :class:`PricingError` (a :class:`~app.errors.ValidationError` that is also a
``ValueError``) with a stable ``code`` and the ``field`` concerned, e.g. ``lines[3].quantity``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum

from babel.numbers import get_currency_precision, list_currencies

from app.errors import ValidationError

__all__ = [
    "Discount",
    "DiscountKind",
    "LineInput",
    "LinePricing",
    "PriceTier",
    "PricingError",
    "ProductPrice",
    "QuoteInput",
    "QuotePricing",
    "QuoteTotals",
    "TierMode",
    "TierTable",
    "distribute",
    "gross_for",
    "minor_unit",
    "price_quote",
    "round_money",
    "unit_price_for",
]

ZERO = Decimal(0)
HUNDRED = Decimal(100)
_PERCENT_PLACES = Decimal("0.01")
_UNIT_PRICE_EXTRA_DIGITS = 0  # digits beyond the minor unit for a graduated average price


class PricingError(ValidationError, ValueError):
    """Bad pricing input. A ``ValueError`` too, so generic callers can catch it as one."""


class TierMode(StrEnum):
    """How a tier table prices a quantity; shown on the quote line."""

    VOLUME = "volume"
    GRADUATED = "graduated"


class DiscountKind(StrEnum):
    """A discount is a percentage of the amount or a fixed amount in the quote currency."""

    PERCENT = "percent"
    AMOUNT = "amount"


@dataclass(frozen=True, slots=True)
class Discount:
    """A line or quote discount. ``value`` is 0–100 for percent, ≥ 0 for amount."""

    kind: DiscountKind
    value: Decimal

    @classmethod
    def percent(cls, value: Decimal | str | int) -> Discount:
        """Shorthand for a percentage discount."""
        return cls(DiscountKind.PERCENT, Decimal(value))

    @classmethod
    def amount(cls, value: Decimal | str | int) -> Discount:
        """Shorthand for a fixed-amount discount."""
        return cls(DiscountKind.AMOUNT, Decimal(value))


@dataclass(frozen=True, slots=True)
class PriceTier:
    """From ``min_quantity`` on (inclusive), the unit price is ``unit_price``."""

    min_quantity: Decimal
    unit_price: Decimal


@dataclass(frozen=True, slots=True)
class TierTable:
    """A validated, monotone tier table; construction rejects anything else."""

    mode: TierMode = TierMode.VOLUME
    tiers: tuple[PriceTier, ...] = ()

    def __post_init__(self) -> None:
        _validate_tiers(self.tiers)


@dataclass(frozen=True, slots=True)
class ProductPrice:
    """What the catalogue says about one product in one price list.

    The service resolves which price list applies (customer, default, product — §5.6); pricing
    only needs the result. ``active`` is False for inactive or deleted products, which may stay
    on old quotes but cannot be priced into a new revision.
    """

    product_ref: str
    sku: str
    description: str
    currency: str
    list_price: Decimal
    tiers: TierTable = field(default_factory=TierTable)
    active: bool = True


@dataclass(frozen=True, slots=True)
class LineInput:
    """One quote line as the rep edits it. ``tax_percent`` is e.g. ``Decimal(13)`` for 13 %."""

    product: ProductPrice
    quantity: Decimal
    tax_percent: Decimal = ZERO
    discount: Discount | None = None


@dataclass(frozen=True, slots=True)
class QuoteInput:
    """The lines, an optional quote-level discount, and the quote currency."""

    currency: str
    lines: tuple[LineInput, ...]
    discount: Discount | None = None


@dataclass(frozen=True, slots=True)
class LinePricing:
    """One priced line; every money figure is already rounded to the minor unit.

    ``discount`` is the whole reduction from ``gross`` shown on the line: the line's own
    discount plus its share of the quote discount (also given apart).
    ``discount_vs_list_percent`` compares the net with quantity × list price, tiers included,
    rounded up to 0.01 so an approval threshold is never slipped by rounding.
    """

    product_ref: str
    sku: str
    description: str
    quantity: Decimal
    mode: TierMode
    list_price: Decimal
    unit_price: Decimal
    gross: Decimal
    line_discount: Decimal
    quote_discount_share: Decimal
    discount: Decimal
    net: Decimal
    tax_percent: Decimal
    tax: Decimal
    total: Decimal
    discount_vs_list_percent: Decimal


@dataclass(frozen=True, slots=True)
class QuoteTotals:
    """Sums of the shown line figures: ``subtotal − discount_total + tax_total == grand_total``."""

    subtotal: Decimal
    discount_total: Decimal
    net_total: Decimal
    tax_total: Decimal
    grand_total: Decimal


@dataclass(frozen=True, slots=True)
class QuotePricing:
    """A priced quote. ``max_discount_percent`` is the largest line discount vs list price."""

    currency: str
    minor_unit: Decimal
    lines: tuple[LinePricing, ...]
    totals: QuoteTotals
    max_discount_percent: Decimal
    quote_discount: Decimal


# --- currency ---------------------------------------------------------------------------------


@functools.cache
def _known_currencies() -> frozenset[str]:
    return frozenset(list_currencies())


@functools.cache
def minor_unit(currency: str) -> Decimal:
    """The currency's smallest unit: ``Decimal('0.01')`` for CNY, ``Decimal('1')`` for JPY.

    babel answers 2 digits for codes it does not know, so unknown codes are rejected first.
    """
    if currency not in _known_currencies():
        raise PricingError("unknown_currency", field="currency", currency=currency)
    return Decimal(1).scaleb(-get_currency_precision(currency))


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round half-up to the currency's minor unit (babel formats half-even: round here first)."""
    return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


# --- tiers ------------------------------------------------------------------------------------


def _validate_tiers(tiers: Sequence[PriceTier]) -> None:
    previous: PriceTier | None = None
    for index, tier in enumerate(tiers):
        where = f"tiers[{index}]"
        if not tier.min_quantity.is_finite() or tier.min_quantity < 1:
            raise PricingError(
                "tier_min_quantity_invalid",
                field=f"{where}.min_quantity",
                min_quantity=tier.min_quantity,
            )
        if not tier.unit_price.is_finite() or tier.unit_price < 0:
            raise PricingError(
                "price_negative", field=f"{where}.unit_price", unit_price=tier.unit_price
            )
        if previous is not None and (
            tier.min_quantity <= previous.min_quantity or tier.unit_price > previous.unit_price
        ):
            raise PricingError(
                "tiers_not_monotone",
                field=where,
                message="tier minimum quantities must increase and prices must not rise",
            )
        previous = tier


def _check_tiers_against_list(list_price: Decimal, tiers: Sequence[PriceTier]) -> None:
    if not list_price.is_finite() or list_price < 0:
        raise PricingError("price_negative", field="list_price", list_price=list_price)
    if tiers and tiers[0].unit_price > list_price:
        raise PricingError(
            "tiers_not_monotone",
            field="tiers[0].unit_price",
            message="a tier price may not be above the list price",
        )


def _check_quantity(quantity: Decimal) -> None:
    if not quantity.is_finite() or quantity <= 0:
        raise PricingError("quantity_not_positive", field="quantity", quantity=quantity)


def gross_for(
    quantity: Decimal, list_price: Decimal, tiers: Sequence[PriceTier], mode: TierMode
) -> Decimal:
    """The exact (unrounded) price of ``quantity`` units."""
    _check_quantity(quantity)
    _validate_tiers(tiers)
    _check_tiers_against_list(list_price, tiers)
    return _gross_unchecked(quantity, list_price, tiers, mode)


def _gross_unchecked(
    quantity: Decimal, list_price: Decimal, tiers: Sequence[PriceTier], mode: TierMode
) -> Decimal:
    if mode is TierMode.VOLUME:
        return quantity * _volume_price(quantity, list_price, tiers)
    # Graduated: band k holds the units past (min_k − 1); units before the first tier are at
    # list price.
    gross = ZERO
    start = ZERO
    price = list_price
    for tier in tiers:
        threshold = tier.min_quantity - 1
        if quantity <= threshold:
            break
        gross += (threshold - start) * price
        start, price = threshold, tier.unit_price
    return gross + (quantity - start) * price


def _volume_price(quantity: Decimal, list_price: Decimal, tiers: Sequence[PriceTier]) -> Decimal:
    price = list_price
    for tier in tiers:
        if quantity < tier.min_quantity:
            break
        price = tier.unit_price
    return price


def unit_price_for(
    quantity: Decimal, list_price: Decimal, tiers: Sequence[PriceTier], mode: TierMode
) -> Decimal:
    """The unit price for ``quantity`` units.

    Volume: the exact price of the highest tier reached. Graduated: the exact average
    ``gross / quantity`` (at context precision), which never rises with quantity because the
    band prices do not.
    """
    _check_quantity(quantity)
    _validate_tiers(tiers)
    _check_tiers_against_list(list_price, tiers)
    if mode is TierMode.VOLUME:
        return _volume_price(quantity, list_price, tiers)
    return _gross_unchecked(quantity, list_price, tiers, mode) / quantity


# --- discounts --------------------------------------------------------------------------------


def _check_discount(discount: Discount, where: str) -> None:
    value = discount.value
    if not value.is_finite() or value < 0:
        raise PricingError("discount_negative", field=where, value=value)
    if discount.kind is DiscountKind.PERCENT and value > HUNDRED:
        raise PricingError("discount_over_100_percent", field=where, value=value)


def distribute(total: Decimal, weights: Sequence[Decimal], unit: Decimal) -> tuple[Decimal, ...]:
    """Split ``total`` over ``weights`` in proportion, in whole ``unit`` steps, exactly.

    Largest-remainder (Hamilton) method: everyone gets the floor of their exact share, then the
    leftover units go to the largest remainders (earlier lines win ties, so it is stable). The
    shares sum to ``total`` and none exceeds its weight when ``total ≤ Σ weights``.
    """
    units_total = int(total / unit)
    # Exact integer arithmetic: scale every weight by a common power of ten. A share a hair
    # under an integer must never round up to it, or the floors would overshoot the total.
    clean = [w if w > 0 else ZERO for w in weights]
    exponent = min((int(w.as_tuple().exponent) for w in clean), default=0)
    ints = [int(w.scaleb(-exponent)) for w in clean]
    weight_sum = sum(ints)
    if units_total <= 0 or weight_sum == 0:
        return tuple(ZERO * unit for _ in weights)
    floors = [w * units_total // weight_sum for w in ints]
    remainders = [w * units_total % weight_sum for w in ints]
    leftover = units_total - sum(floors)
    by_remainder = sorted(range(len(ints)), key=lambda i: (-remainders[i], i))
    for index in by_remainder[:leftover]:
        floors[index] += 1
    return tuple(Decimal(n) * unit for n in floors)


# --- quote ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class _Prepriced:
    """A line before the quote discount: what the distribution needs.

    Compared and hashed by identity (``eq=False``): instances come out of the memo in
    :func:`_preprice`, so an unchanged line yields the same object and :func:`_finish` can be
    memoised cheaply on it.
    """

    source: LineInput
    unit_price: Decimal
    list_gross: Decimal
    gross: Decimal
    net: Decimal


@functools.lru_cache(maxsize=4096)
def _preprice(line: LineInput, currency: str, unit: Decimal) -> _Prepriced:
    """Price one line up to its net; memoised because an edit changes one line of many.

    Pure of its (frozen, hashable) arguments, so the memo is safe across threads. Error
    fields are relative to the line; :func:`_preprice_at` adds the line index.
    """
    product = line.product
    if not product.active:
        raise PricingError("product_inactive", field="product", product_ref=product.product_ref)
    if product.currency != currency:
        raise PricingError(
            "currency_mismatch", field="currency", expected=currency, actual=product.currency
        )
    if not line.quantity.is_finite() or line.quantity <= 0:
        raise PricingError("quantity_not_positive", field="quantity", quantity=line.quantity)
    if not line.tax_percent.is_finite() or not ZERO <= line.tax_percent <= HUNDRED:
        raise PricingError(
            "tax_rate_out_of_range", field="tax_percent", tax_percent=line.tax_percent
        )
    _check_tiers_against_list(product.list_price, product.tiers.tiers)
    mode, tiers = product.tiers.mode, product.tiers.tiers
    exact_gross = _gross_unchecked(line.quantity, product.list_price, tiers, mode)
    if mode is TierMode.VOLUME:
        unit_price = _volume_price(line.quantity, product.list_price, tiers)
    else:
        unit_price = (exact_gross / line.quantity).quantize(
            unit.scaleb(-_UNIT_PRICE_EXTRA_DIGITS), rounding=ROUND_HALF_UP
        )
    gross = exact_gross.quantize(unit, rounding=ROUND_HALF_UP)
    net = _net_after_line_discount(line.discount, exact_gross, gross, unit, "discount")
    return _Prepriced(line, unit_price, line.quantity * product.list_price, gross, net)


def _preprice_at(line: LineInput, index: int, currency: str, unit: Decimal) -> _Prepriced:
    """:func:`_preprice` with errors pointing at ``lines[index]``."""
    try:
        try:
            return _preprice(line, currency, unit)
        except TypeError:  # a signalling NaN cannot be hashed: price it without the memo
            return _preprice.__wrapped__(line, currency, unit)
    except PricingError as error:
        where = f"lines[{index}]" + (f".{error.field}" if error.field else "")
        raise PricingError(error.code, field=where, **error.params) from None


def _net_after_line_discount(
    discount: Discount | None, exact_gross: Decimal, gross: Decimal, unit: Decimal, where: str
) -> Decimal:
    if discount is None:
        return gross
    _check_discount(discount, where)
    if discount.kind is DiscountKind.PERCENT:
        exact_net = exact_gross * (HUNDRED - discount.value) / HUNDRED
        return exact_net.quantize(unit, rounding=ROUND_HALF_UP)
    amount = discount.value.quantize(unit, rounding=ROUND_HALF_UP)
    if amount > gross:
        raise PricingError("discount_exceeds_line", field=where, discount=amount, gross=gross)
    return gross - amount


def _quote_discount(discount: Discount | None, nets: Sequence[Decimal], unit: Decimal) -> Decimal:
    if discount is None:
        return ZERO * unit
    _check_discount(discount, "discount")
    net_sum = sum(nets, ZERO)
    if discount.kind is DiscountKind.PERCENT:
        return (net_sum * discount.value / HUNDRED).quantize(unit, rounding=ROUND_HALF_UP)
    amount = discount.value.quantize(unit, rounding=ROUND_HALF_UP)
    if amount > net_sum:
        raise PricingError("discount_exceeds_quote", field="discount", discount=amount, net=net_sum)
    return amount


def _discount_vs_list(list_gross: Decimal, net: Decimal) -> Decimal:
    if list_gross <= 0:
        return ZERO.quantize(_PERCENT_PLACES)
    percent = (list_gross - net) * HUNDRED / list_gross
    return max(percent, ZERO).quantize(_PERCENT_PLACES, rounding=ROUND_CEILING)


@functools.lru_cache(maxsize=4096)
def _finish(pre: _Prepriced, share: Decimal, unit: Decimal) -> LinePricing:
    """Apply the quote-discount share and tax. Memoised: most shares survive an edit."""
    line, product = pre.source, pre.source.product
    net = pre.net - share
    tax = (net * line.tax_percent / HUNDRED).quantize(unit, rounding=ROUND_HALF_UP)
    return LinePricing(
        product_ref=product.product_ref,
        sku=product.sku,
        description=product.description,
        quantity=line.quantity,
        mode=product.tiers.mode,
        list_price=product.list_price,
        unit_price=pre.unit_price,
        gross=pre.gross,
        line_discount=pre.gross - pre.net,
        quote_discount_share=share,
        discount=pre.gross - net,
        net=net,
        tax_percent=line.tax_percent,
        tax=tax,
        total=net + tax,
        discount_vs_list_percent=_discount_vs_list(pre.list_gross, net),
    )


def _totals(lines: Sequence[LinePricing], unit: Decimal) -> QuoteTotals:
    zero = ZERO * unit
    subtotal = sum((ln.gross for ln in lines), zero)
    discount = sum((ln.discount for ln in lines), zero)
    tax = sum((ln.tax for ln in lines), zero)
    return QuoteTotals(
        subtotal=subtotal,
        discount_total=discount,
        net_total=subtotal - discount,
        tax_total=tax,
        grand_total=subtotal - discount + tax,
    )


def price_quote(quote: QuoteInput) -> QuotePricing:
    """Price every line, spread the quote discount, and total it — see the module docstring."""
    unit = minor_unit(quote.currency)
    pre = [_preprice_at(line, i, quote.currency, unit) for i, line in enumerate(quote.lines)]
    nets = [p.net for p in pre]
    quote_discount = _quote_discount(quote.discount, nets, unit)
    shares = distribute(quote_discount, nets, unit)
    lines = tuple(_finish(p, s, unit) for p, s in zip(pre, shares, strict=True))
    return QuotePricing(
        currency=quote.currency,
        minor_unit=unit,
        lines=lines,
        totals=_totals(lines, unit),
        max_discount_percent=max(
            (ln.discount_vs_list_percent for ln in lines), default=ZERO.quantize(_PERCENT_PLACES)
        ),
        quote_discount=quote_discount,
    )
