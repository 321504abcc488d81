#!/usr/bin/env python3
"""Print the sync server's runtime requirements, one per line, from pyproject.toml.

The project ships desktop and server in one package, so its dependency list includes the Qt,
OCR and imaging stack (~700 MB installed) that the server never imports. Server images and
venvs install the package with ``--no-deps`` and then only these requirements.

    pip install --no-deps . && pip install $(python packaging/server/requirements.py)
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
# Imported only by ui/ and ocr/ (checked: a server process imports none of them).
DESKTOP_ONLY = frozenset({"pyside6-essentials", "pyside6-addons", "qasync", "pytesseract",
                          "pillow", "numpy", "sqlcipher3-binary"})


def server_requirements(pyproject: Path = PYPROJECT) -> list[str]:
    deps: list[str] = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"][
        "dependencies"]
    kept = []
    for dep in deps:
        match = re.match(r"[A-Za-z0-9._-]+", dep)
        name = match.group(0).lower().replace("_", "-") if match else ""
        if name not in DESKTOP_ONLY:
            kept.append(dep)
    return kept


if __name__ == "__main__":
    sys.stdout.write("\n".join(server_requirements()) + "\n")
