"""PyInstaller runtime hook: point the frozen app at the Tesseract it ships with, if any.

Windows and macOS builds carry ``tesseract/`` (the binary, its libraries and ``tessdata`` with
eng + chi_sim) inside the bundle. pytesseract runs whatever ``tesseract`` is first on PATH, so
putting the bundled folder first is enough; TESSDATA_PREFIX makes the binary read the bundled
language data rather than a path compiled into it. Linux builds ship no ``tesseract/``: the
.deb depends on the distribution's tesseract-ocr packages, which are on PATH already.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _use_bundled_tesseract() -> None:
    root = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    folder = root / "tesseract"
    if not folder.is_dir():
        return
    os.environ["PATH"] = str(folder) + os.pathsep + os.environ.get("PATH", "")
    tessdata = folder / "tessdata"
    if tessdata.is_dir():
        os.environ["TESSDATA_PREFIX"] = str(tessdata)


_use_bundled_tesseract()
