"""Reports to PDF: title, scope line, the chart as an image, and the table (QPdfWriter +
QTextDocument, with the CJK font whose text stays searchable)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from ui import theme
from ui.pdf.fonts import ensure_cjk_font


def _png(image: QImage) -> str:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes; Qt wants str
    buffer.close()
    return bytes(data.toBase64().data()).decode("ascii")


def report_html(title: str, subtitle: str, headers: Sequence[str],
                rows: Sequence[Sequence[str]], chart: QImage | None,
                highlighted: frozenset[int] = frozenset()) -> str:
    head = "".join(f"<th align='left'>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr{style}>{cells}</tr>".format(
            style=f" style='background:{theme.ACCENT_SOFT}'" if i in highlighted else "",
            cells="".join(f"<td>{html.escape(c)}</td>" for c in row))
        for i, row in enumerate(rows))
    image = (f"<p><img src='data:image/png;base64,{_png(chart)}' width='640'></p>"
             if chart is not None and not chart.isNull() else "")
    return (f"<h2>{html.escape(title)}</h2><p style='color:{theme.MUTED}'>"
            f"{html.escape(subtitle)}</p>{image}"
            f"<table cellspacing='0' cellpadding='4' border='1' "
            f"style='border-color:{theme.BORDER}; border-collapse:collapse' width='100%'>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def print_pdf(path: Path, document_html: str) -> Path:
    """Render the HTML to an A4 PDF at ``path`` (any thread, after a QGuiApplication)."""
    family = ensure_cjk_font()
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setResolution(144)
    writer.setTitle(path.stem)
    doc = QTextDocument()
    font = QFont(family)
    font.setPointSizeF(9)
    doc.setDefaultFont(font)
    doc.setHtml(document_html)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    doc.print_(writer)
    return path
