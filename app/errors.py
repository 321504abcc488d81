"""Errors the domain core raises.

Every error carries a stable ``code`` (and the ``field`` it concerns, when there is one) plus
parameters, so the UI can turn it into a translated sentence and tests can assert on it without
matching prose. ``StorageError`` is the environment's fault (disk full, database locked or
corrupt): the user gets a message and a retry. Anything else escaping is a bug.
"""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    """Base of all expected domain errors."""

    default_message = "The operation failed"

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params: dict[str, Any] = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """An English sentence for logs and command-line tools; the UI translates by code."""
        text = self.params.get("message")
        if isinstance(text, str) and text:
            base = text
        else:
            base = f"{self.default_message}: {self.code.replace('_', ' ')}"
        return f"{self.field}: {base}" if self.field else base

    def __str__(self) -> str:
        return self.message


class ValidationError(AppError):
    """Input breaks a data standard (an enum, a phone number, a required field …)."""

    default_message = "Invalid value"


class DuplicateError(AppError):
    """A record that already exists; ``params['candidates']`` lists the matches."""

    default_message = "Possible duplicate"


class NotFoundError(AppError):
    """The record does not exist (or is outside the user's scope)."""

    default_message = "Not found"


class ConflictError(AppError):
    """The action conflicts with the current state (a stale version, a locked quote …)."""

    default_message = "Conflict"


class StorageError(AppError):
    """The local database could not be read or written: disk full, locked, corrupt."""

    default_message = "Storage problem"
