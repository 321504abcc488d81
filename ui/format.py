"""Dates, numbers and money for the UI language (babel). Money is rounded by the domain."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, date, datetime
from decimal import Decimal

from babel.dates import format_date, format_datetime, format_skeleton, format_timedelta
from babel.numbers import format_currency, format_decimal
from PySide6.QtCore import QCoreApplication


class Formatter:
    def __init__(self, locale: str = "en_US") -> None:
        self.locale = locale

    def money(self, amount: Decimal, currency: str = "CNY") -> str:
        return format_currency(amount, currency, locale=self.locale)

    def money_short(self, amount: Decimal, currency: str = "CNY") -> str:
        """Compact money for cards and totals: ¥1.2M / ¥120万."""
        value = float(amount)
        symbol = {"CNY": "¥", "USD": "$", "EUR": "€", "JPY": "¥", "HKD": "HK$",
                  "GBP": "£"}.get(currency, currency + " ")
        if self.locale.startswith("zh"):
            if value >= 1e8:
                return f"{symbol}{value / 1e8:.2f}亿"
            if value >= 1e4:
                return f"{symbol}{value / 1e4:,.1f}万".replace(".0万", "万")
            return f"{symbol}{value:,.0f}"
        if value >= 1e6:
            return f"{symbol}{value / 1e6:.2f}M"
        if value >= 1e3:
            return f"{symbol}{value / 1e3:,.0f}K"
        return f"{symbol}{value:,.0f}"

    def number(self, value: int | Decimal) -> str:
        return format_decimal(value, locale=self.locale)

    def date(self, value: date | datetime | None) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = value.astimezone().date()
        return format_date(value, format="medium", locale=self.locale)

    def day(self, value: dt.date | None) -> str:
        """A short day without the year: "Apr 29" / "4月29日"."""
        return "" if value is None else format_skeleton("MMMd", value, locale=self.locale)

    def datetime(self, value: dt.datetime | None) -> str:
        if value is None:
            return ""
        return format_datetime(value.astimezone(), format="short", locale=self.locale)

    def relative(self, value: dt.datetime | None, now: dt.datetime | None = None) -> str:
        """'3 days ago' / 'in 2 hours'."""
        if value is None:
            return QCoreApplication.translate("Formatter", "never")
        delta = value - (now or datetime.now(UTC))
        return format_timedelta(delta, add_direction=True, locale=self.locale,
                                threshold=1.0)
