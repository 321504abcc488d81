"""Render the application icon (``resources/icons/app/fieldsales.svg``) to the usual sizes.

    python packaging/render_icons.py          # rewrites resources/icons/app/{hicolor,*.ico,*.icns}

Writes the freedesktop ``hicolor/<N>x<N>/apps/fieldsales.png`` tree the .deb installs, a
Windows ``.ico`` and a macOS ``.icns``. Qt's SVG renderer draws each size separately (rather
than scaling one bitmap down) so the 16 px icon stays sharp. The outputs are committed, so a
build needs no display; rerun this only when the SVG changes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ICON_DIR = ROOT / "resources" / "icons" / "app"
SOURCE = APP_ICON_DIR / "fieldsales.svg"
SIZES = (16, 32, 48, 64, 128, 256)


def png_path(size: int, base: Path = APP_ICON_DIR) -> Path:
    """Where the ``size`` px PNG lives (the freedesktop icon-theme layout)."""
    return base / "hicolor" / f"{size}x{size}" / "apps" / "fieldsales.png"


def render_pngs(source: Path = SOURCE, base: Path = APP_ICON_DIR) -> list[Path]:
    """Draw ``source`` at every size in :data:`SIZES`; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"error: {source} is not a valid SVG")
    written: list[Path] = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        out = png_path(size, base)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out)):
            raise SystemExit(f"error: could not write {out}")
        written.append(out)
    del app  # keep the application alive until every image is drawn
    return written


def write_bundles(base: Path = APP_ICON_DIR) -> list[Path]:
    """The Windows .ico and macOS .icns, assembled by Pillow from the rendered PNGs."""
    from PIL import Image

    largest = Image.open(png_path(SIZES[-1], base))
    ico = base / "fieldsales.ico"
    largest.save(ico, sizes=[(s, s) for s in SIZES])
    icns = base / "fieldsales.icns"
    largest.save(icns)
    return [ico, icns]


def main() -> int:
    written = render_pngs() + write_bundles()
    for path in written:
        sys.stdout.write(f"wrote {path.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
