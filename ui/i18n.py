"""Languages: English (source strings) and Simplified Chinese (Qt translations).

``resources/i18n/fieldsales_zh_CN.ts`` is the source of the Chinese UI; it is compiled to
``.qm`` with ``pyside6-lrelease``. The compiled file ships next to the ``.ts`` (run
``python -m ui.i18n`` after editing a ``.ts``); when it is missing or older than its
``.ts`` (a source checkout), it is compiled once into the user's cache folder on start-up.
To collect new strings: ``pyside6-lupdate $(git ls-files 'ui/*.py') -ts resources/i18n/*.ts``.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
LANGUAGES = ("en", "zh")
_TS = {"zh": "fieldsales_zh_CN"}


def resolve_language(requested: str | None, stored: str = "") -> str:
    """The UI language: the command line, else the settings, else the system locale."""
    for choice in (requested, stored):
        if choice in LANGUAGES:
            return choice
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def babel_locale(language: str) -> str:
    return "zh_CN" if language == "zh" else "en_US"


def _lrelease() -> str | None:
    here = Path(sys.executable).parent / "pyside6-lrelease"
    if here.exists():
        return str(here)
    return shutil.which("pyside6-lrelease")


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile one ``.ts`` to ``.qm``; False when lrelease is not available."""
    tool = _lrelease()
    if tool is None:
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=False,
                            capture_output=True, text=True)
    if result.returncode != 0:
        log.warning("lrelease failed for %s: %s", ts, result.stderr.strip())
        return False
    return True


def qm_path(language: str) -> Path | None:
    """The compiled translation for ``language`` (compiling into the cache when stale)."""
    base = _TS.get(language)
    if base is None:
        return None
    ts = I18N_DIR / f"{base}.ts"
    shipped = I18N_DIR / f"{base}.qm"
    if shipped.exists() and (not ts.exists() or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.exists():
        return None
    cached = Path(platformdirs.user_cache_dir("FieldSales", appauthor=False)) / "i18n" / (
        f"{base}.qm")
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    return cached if compile_ts(ts, cached) else None


class Translations:
    """Installs and swaps the app's and Qt's own translators."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def install(self, language: str) -> None:
        app = QCoreApplication.instance()
        assert app is not None
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China)
                           if language == "zh" else QLocale(QLocale.Language.English,
                                                            QLocale.Country.UnitedStates))
        if language == "en":
            return
        path = qm_path(language)
        ours = QTranslator()
        if path is not None and ours.load(str(path)):
            app.installTranslator(ours)
            self._installed.append(ours)
        else:
            log.warning("no compiled translation for %s", language)
        qt = QTranslator()
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                   qt_dir):
            app.installTranslator(qt)
            self._installed.append(qt)


def main() -> int:
    """Compile every .ts in resources/i18n next to itself (build step)."""
    ok = all(compile_ts(ts, ts.with_suffix(".qm")) for ts in I18N_DIR.glob("*.ts"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
