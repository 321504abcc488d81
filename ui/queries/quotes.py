"""The quotes list: kept as an import path for older screens; the SQL lives in
:mod:`app.services.quote_views`."""

from __future__ import annotations

from app.services.quote_views import QuoteRow, quote_list

__all__ = ["QuoteRow", "quote_list"]
