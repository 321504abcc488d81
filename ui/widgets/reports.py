"""The Reports page (the shell imports it from here): see :mod:`ui.reports.view`."""

from __future__ import annotations

from ui.reports.view import ReportsView

__all__ = ["ReportsView"]
