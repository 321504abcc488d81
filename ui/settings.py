"""Persistent user settings (QSettings): language, window layout, last page, last session."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


class Settings:
    """Typed access to QSettings. ``path`` picks an INI file (tests, portable profiles)."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._q = QSettings("FieldSales", "FieldSales")
        else:
            self._q = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def qsettings(self) -> QSettings:
        """The underlying store, for widgets that keep their own keys (import mappings)."""
        return self._q

    def _str(self, key: str, default: str = "") -> str:
        value = self._q.value(key, default)
        return value if isinstance(value, str) else default

    @property
    def language(self) -> str:
        """'en', 'zh' or '' (follow the system locale)."""
        return self._str("ui/language")

    @language.setter
    def language(self, value: str) -> None:
        self._q.setValue("ui/language", value)

    @property
    def last_page(self) -> str:
        return self._str("ui/last_page", "today")

    @last_page.setter
    def last_page(self, value: str) -> None:
        self._q.setValue("ui/last_page", value)

    # -- the last session (sign-in form defaults, the profile to resume) ------------------
    @property
    def last_profile(self) -> str:
        return self._str("session/profile")

    @property
    def last_server(self) -> str:
        return self._str("session/server")

    @property
    def last_username(self) -> str:
        return self._str("session/username")

    def remember_session(self, profile: str, server: str, username: str) -> None:
        self._q.setValue("session/profile", profile)
        self._q.setValue("session/server", server)
        self._q.setValue("session/username", username)

    def geometry(self) -> QByteArray | None:
        value = self._q.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def state(self) -> QByteArray | None:
        value = self._q.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._q.setValue("window/geometry", geometry)
        self._q.setValue("window/state", state)

    def header_state(self, name: str) -> QByteArray | None:
        value = self._q.value(f"headers/{name}")
        return value if isinstance(value, QByteArray) else None

    def save_header_state(self, name: str, state: QByteArray) -> None:
        self._q.setValue(f"headers/{name}", state)

    def sync(self) -> None:
        self._q.sync()
