"""Errors raised by the card pipeline.

Each error carries a stable ``code`` (what callers branch on and what ``ui/`` translates)
and a plain English ``message`` (what the CLI prints).
"""

from __future__ import annotations

from typing import Literal

ErrorCode = Literal["not_an_image", "empty", "too_large", "unreadable", "tesseract_missing"]


class OcrError(Exception):
    """A card could not be read, for a reason the user can act on."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.message = message

    def __str__(self) -> str:
        return self.message
