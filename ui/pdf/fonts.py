"""Find and register the one CJK font our PDFs may use.

STYLE.md §8: with Noto CJK, Qt's PDF output *shows* 日期, 客户, 金额 correctly but their text
extracts as look-alike radicals, so a client searching the PDF finds nothing. WenQuanYi Micro
Hei extracts correctly, so it is the only font we accept — never a silent fallback to whatever
fontconfig picks. Its Latin glyphs are Droid Sans, so it also serves English quotes (which
routinely carry Chinese client names).

Search order: ``$FIELDSALES_CJK_FONT`` (a file), ``resources/fonts/`` (bundled builds), then
the usual system locations. Registration is idempotent and guarded by a lock because PDFs are
rendered on a worker thread (``QFontDatabase`` itself is documented thread-safe).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication

__all__ = ["CJK_FONT_FAMILY", "CjkFontNotFoundError", "ensure_cjk_font", "font_candidates"]

log = logging.getLogger(__name__)

CJK_FONT_FAMILY = "WenQuanYi Micro Hei"
_FILE_NAMES = ("wqy-microhei.ttc", "wqy-microhei.ttf", "WenQuanYiMicroHei.ttf")
_SYSTEM_DIRS = (
    Path("/usr/share/fonts/truetype/wqy"),
    Path("/usr/share/fonts/wqy-microhei"),
    Path("/usr/share/fonts/wenquanyi/wqy-microhei"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path("/Library/Fonts"),
    Path.home() / "Library/Fonts",
)
_RESOURCE_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"

_lock = threading.Lock()
_registered: dict[str, str] = {}  # path-independent: family name once registered


class CjkFontNotFoundError(RuntimeError):
    """No usable WenQuanYi Micro Hei: install ``fonts-wqy-microhei`` or bundle it."""


def font_candidates() -> list[Path]:
    """Files to try, best first."""
    found: list[Path] = []
    override = os.environ.get("FIELDSALES_CJK_FONT")
    if override:
        found.append(Path(override))
    for directory in (_RESOURCE_DIR, *_SYSTEM_DIRS):
        found.extend(directory / name for name in _FILE_NAMES)
    return found


def ensure_cjk_font() -> str:
    """Register WenQuanYi Micro Hei with Qt (once) and return its family name.

    Raises :class:`CjkFontNotFoundError` naming every path tried, and ``RuntimeError`` when no
    ``QGuiApplication`` exists (Qt's font database needs one).
    """
    with _lock:
        if "family" in _registered:
            return _registered["family"]
        if QGuiApplication.instance() is None:
            raise RuntimeError("render PDFs only after a QGuiApplication exists")
        tried = font_candidates()
        for path in tried:
            family = _register(path)
            if family:
                _registered["family"] = family
                return family
        raise CjkFontNotFoundError(
            f"The CJK font {CJK_FONT_FAMILY!r} was not found (install fonts-wqy-microhei or "
            f"put wqy-microhei.ttc in {_RESOURCE_DIR}). Tried: " + ", ".join(str(p) for p in tried)
        )


def _register(path: Path) -> str | None:
    if not path.is_file():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("Qt could not load font file %s", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if CJK_FONT_FAMILY not in families:
        log.warning("%s holds %s, not %s", path, families, CJK_FONT_FAMILY)
        return None
    log.debug("registered %s from %s", CJK_FONT_FAMILY, path)
    return CJK_FONT_FAMILY
