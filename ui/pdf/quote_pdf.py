"""Render a :class:`~app.quote_document.QuoteDocument` to an A4 PDF with Qt.

How: the flowing content (header, client block, line table, totals, terms) is HTML laid out
by a paginated ``QTextDocument``; the per-page chrome (brand bar, running header, "Page x of
y" footer, draft watermark) is painted with ``QPainter`` on each page, because only the
painter knows the page count. The table's ``<thead>`` becomes ``headerRowCount`` so Qt repeats
the column header at the top of every page it continues on.

Layout units are CSS pixels: the ``QPdfWriter`` is set to 96 dpi and is the layout's paint
device, so point sizes, pixel widths and the page all share one coordinate system and text is
measured with the PDF's own (unhinted) metrics. Text stays vector and searchable.

Money is never computed here: amounts arrive rounded by ``app.pricing`` and are only formatted
(babel, in the document's language). Fonts: WenQuanYi Micro Hei only (see ``fonts.py``).

Threads (verified by ``tests/ui/test_quote_pdf.py``): ``QTextDocument``, ``QImage``,
``QPdfWriter`` and ``QPainter`` on a ``QPdfWriter`` are usable off the GUI thread once a
``QGuiApplication`` exists; nothing here touches ``QPixmap`` or widgets. So
``render_quote_pdf`` may run in the PDF executor.
"""

from __future__ import annotations

import html
import itertools
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, get_currency_precision
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextTable,
    QTransform,
)

from app.quote_document import DocumentLine, Party, QuoteDocument
from ui.pdf.fonts import ensure_cjk_font
from ui.pdf.labels import LABELS, Labels

__all__ = ["render_quote_pdf"]

log = logging.getLogger(__name__)

_DPI = 96
_MM = _DPI / 25.4
_LOGO_URL = QUrl("fieldsales://logo")
_LOGO_MAX = QSizeF(180, 64)
_TEXT = "#1f2933"
_MUTED = "#6b7785"
_RULE = "#d5dce4"
_SHADE = "#f3f6f9"
_WATERMARK = QColor(200, 40, 40, 34)
_SAFETY = 6.0  # px kept free at a page end: table borders and rounding


@dataclass(frozen=True, slots=True)
class _Page:
    """A4 in CSS pixels and the body rectangle the text flows into."""

    width: float = 210 * _MM
    height: float = 297 * _MM
    left: float = 16 * _MM
    right: float = 16 * _MM
    top: float = 20 * _MM
    bottom: float = 20 * _MM

    @property
    def body(self) -> QSizeF:
        return QSizeF(self.width - self.left - self.right, self.height - self.top - self.bottom)


class _Format:
    """Locale-aware formatting for one document; amounts are already rounded."""

    def __init__(self, doc: QuoteDocument, labels: Labels) -> None:
        # Parsed once: babel re-parses a locale string on every call, which dominated the
        # render time of a 50-line quote.
        self.locale = Locale.parse(labels.locale)
        self.currency = doc.currency
        digits = get_currency_precision(doc.currency)
        self._pattern = "#,##0" + ("." + "0" * digits if digits else "")

    def amount(self, value: Decimal) -> str:
        """A table figure: grouping and the currency's digits, no symbol (it is in the header)."""
        return format_decimal(value, self._pattern, locale=self.locale)

    def unit_price(self, value: Decimal) -> str:
        """Like :meth:`amount` but keeps extra digits a tier price may carry (12.3456)."""
        return format_decimal(value, self._pattern, locale=self.locale, decimal_quantization=False)

    def money(self, value: Decimal) -> str:
        """A total, with the currency symbol."""
        return format_currency(value, self.currency, locale=self.locale)

    def number(self, value: Decimal) -> str:
        """A quantity: as precise as entered, trailing zeros dropped."""
        return format_decimal(value.normalize(), "#,##0.####", locale=self.locale)

    def percent(self, value: Decimal) -> str:
        return format_decimal(value.normalize(), "#,##0.##", locale=self.locale) + "%"

    def date(self, value: date) -> str:
        return format_date(
            value, "long" if self.locale.language == "zh" else "medium", locale=self.locale
        )


def _e(text: str) -> str:
    return html.escape(text, quote=True)


# --- HTML ---------------------------------------------------------------------------------


def _party_lines(party: Party, labels: Labels) -> list[str]:
    lines = [_e(line) for line in party.address_lines]
    if party.phone:
        lines.append(f"{_e(labels.phone)} {_e(party.phone)}")
    if party.email:
        lines.append(f"{_e(labels.email)} {_e(party.email)}")
    if party.tax_id:
        lines.append(f"{_e(labels.tax_id)} {_e(party.tax_id)}")
    return lines


def _header_html(doc: QuoteDocument, labels: Labels, fmt: _Format, logo_size: QSize | None) -> str:
    logo = ""
    if logo_size is not None:
        logo = (
            f'<img src="{_LOGO_URL.toString()}" width="{logo_size.width()}" '
            f'height="{logo_size.height()}"><br>'
        )
    seller = "<br>".join(_party_lines(doc.seller, labels))
    meta_rows = [
        (labels.quote_number, doc.display_number),
        (labels.issue_date, fmt.date(doc.issue_date)),
        (labels.valid_until, fmt.date(doc.valid_until)),
    ]
    if doc.prepared_by:
        meta_rows.append((labels.prepared_by, doc.prepared_by))
    meta = "".join(
        f'<tr><td style="color:{_MUTED};" align="right">{_e(k)}</td>'
        f'<td align="right"><b>{_e(v)}</b></td></tr>'
        for k, v in meta_rows
    )
    return f"""
<table width="100%" cellspacing="0" cellpadding="0"><tr>
  <td width="55%" valign="top">{logo}
    <span style="font-size:13pt; font-weight:bold; color:{doc.brand_color};">
      {_e(doc.seller.name)}</span><br>
    <span style="color:{_MUTED};">{seller}</span></td>
  <td width="45%" valign="top" align="right">
    <p align="right" style="font-size:22pt; font-weight:bold; color:{doc.brand_color};
       margin:0;">{_e(labels.title)}</p>
    <table cellspacing="0" cellpadding="2" align="right">{meta}</table></td>
</tr></table>"""


def _client_html(doc: QuoteDocument, labels: Labels) -> str:
    client = doc.client
    details = _party_lines(client, labels)
    if client.contact:
        details.insert(0, f"{_e(labels.attention)} {_e(client.contact)}")
    return f"""
<table width="100%" cellspacing="0" cellpadding="8" style="margin-top:14px;">
<tr><td bgcolor="{_SHADE}" style="border-left: 3px solid {doc.brand_color};">
  <span style="color:{doc.brand_color}; font-size:8pt; font-weight:bold;">
    {_e(labels.client.upper())}</span><br>
  <span style="font-size:11pt; font-weight:bold;">{_e(client.name)}</span><br>
  <span style="color:{_MUTED};">{"<br>".join(details)}</span>
</td></tr></table>"""


_COLUMNS: tuple[tuple[str, int, str], ...] = (
    ("col_position", 5, "center"),
    ("col_sku", 13, "left"),
    ("col_description", 30, "left"),
    ("col_quantity", 8, "right"),
    ("col_unit", 6, "center"),
    ("col_unit_price", 11, "right"),
    ("col_discount", 9, "right"),
    ("col_tax", 6, "right"),
    ("col_amount", 12, "right"),
)


def _line_cells(line: DocumentLine, labels: Labels, fmt: _Format) -> tuple[str, ...]:
    description = _e(line.description)
    if line.graduated:
        description += (
            f'<br><span style="color:{_MUTED}; font-size:7pt;">{_e(labels.graduated)}</span>'
        )
    discount = fmt.amount(-line.discount) if line.discount else "–"
    return (
        str(line.position),
        _e(line.sku),
        description,
        fmt.number(line.quantity),
        _e(line.unit),
        fmt.unit_price(line.unit_price),
        discount,
        fmt.percent(line.tax_percent),
        f"<b>{fmt.amount(line.amount)}</b>",
    )


def _lines_html(
    doc: QuoteDocument,
    labels: Labels,
    formatted: Sequence[tuple[str, ...]],
    chunks: Sequence[range],
) -> str:
    """The line table, one ``<table>`` per page chunk, each with its own header row."""
    cell = f"border-bottom: 1px solid {_RULE};"
    head = "".join(
        f'<th width="{width}%" align="{align}" bgcolor="{doc.brand_color}" '
        f'style="color:white; font-weight:bold;">{_e(getattr(labels, key))}</th>'
        for key, width, align in _COLUMNS
    )
    tables = []
    for number, chunk in enumerate(chunks):
        rows = []
        for index in chunk:
            shade = f' bgcolor="{_SHADE}"' if index % 2 else ""
            values = formatted[index]
            cells = "".join(
                f'<td align="{align}" valign="top" style="{cell}">{value}</td>'
                for (_, _, align), value in zip(_COLUMNS, values, strict=True)
            )
            rows.append(f"<tr{shade}>{cells}</tr>")
        brk = " page-break-before:always;" if number else ""
        tables.append(
            f'<table width="100%" cellspacing="0" cellpadding="4" '
            f'style="border-collapse:collapse; font-size:8pt;{brk}">'
            f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>"
        )
    return f"""
<p style="color:{_MUTED}; font-size:7.5pt; margin-top:16px; margin-bottom:4px;">
  {_e(labels.amounts_in.format(currency=doc.currency))}</p>
{"".join(tables)}"""


def _totals_html(doc: QuoteDocument, labels: Labels, fmt: _Format) -> str:
    t = doc.totals
    rows = [(labels.subtotal, fmt.money(t.subtotal))]
    if t.discount_total:
        rows.append((labels.discount, fmt.money(-t.discount_total)))
        rows.append((labels.net_total, fmt.money(t.net_total)))
    rows.append((labels.tax, fmt.money(t.tax_total)))
    body = "".join(
        f'<tr><td style="color:{_MUTED};">{_e(k)}</td><td align="right">{_e(v)}</td></tr>'
        for k, v in rows
    )
    grand = (
        f'<tr><td bgcolor="{doc.brand_color}" style="color:white; font-weight:bold; '
        f'font-size:11pt;">{_e(labels.grand_total)} ({_e(doc.currency)})</td>'
        f'<td bgcolor="{doc.brand_color}" align="right" style="color:white; font-weight:bold; '
        f'font-size:11pt;">{_e(fmt.money(t.grand_total))}</td></tr>'
    )
    return f"""
<table width="42%" align="right" cellspacing="0" cellpadding="5" style="margin-top:10px;">
{body}{grand}</table>"""


def _closing_html(doc: QuoteDocument, labels: Labels, fmt: _Format) -> str:
    parts = [
        f'<p style="margin-top:18px;"><b>'
        f"{_e(labels.validity.format(date=fmt.date(doc.valid_until)))}</b></p>"
    ]
    if doc.terms:
        items = "".join(f"<li>{_e(term)}</li>" for term in doc.terms)
        parts.append(
            f'<p style="margin-top:14px; margin-bottom:2px; font-weight:bold; '
            f'color:{doc.brand_color};">{_e(labels.terms)}</p>'
            f'<ol style="margin-top:0; color:{_TEXT};">{items}</ol>'
        )
    if doc.notes:
        notes = "<br>".join(_e(line) for line in doc.notes.splitlines())
        parts.append(
            f'<p style="margin-top:12px; margin-bottom:2px; font-weight:bold; '
            f'color:{doc.brand_color};">{_e(labels.notes)}</p><p style="margin-top:0;">{notes}</p>'
        )
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class _Content:
    """Everything formatted once, reused by the measuring and the final layout pass."""

    doc: QuoteDocument
    labels: Labels
    fmt: _Format
    cells: tuple[tuple[str, ...], ...]
    logo: QSize | None

    @classmethod
    def of(cls, doc: QuoteDocument, logo: QSize | None) -> _Content:
        labels = LABELS[doc.language]
        fmt = _Format(doc, labels)
        cells = tuple(_line_cells(line, labels, fmt) for line in doc.lines)
        return cls(doc, labels, fmt, cells, logo)

    def html(self, chunks: Sequence[range]) -> str:
        doc, labels, fmt = self.doc, self.labels, self.fmt
        return (
            f'<html><body style="color:{_TEXT}; font-size:9pt;">'
            + _header_html(doc, labels, fmt, self.logo)
            + _client_html(doc, labels)
            + _lines_html(doc, labels, self.cells, chunks)
            + _totals_html(doc, labels, fmt)
            # A paragraph that clears the right-floating totals table before the closing text.
            + '<p style="margin:0;">&nbsp;</p>'
            + _closing_html(doc, labels, fmt)
            + "</body></html>"
        )


# --- painting -----------------------------------------------------------------------------


def _load_logo(path: Path | None) -> QImage | None:
    """The logo scaled to fit its box, or None. A broken logo must not block a quote."""
    if path is None:
        return None
    image = QImage(str(path))
    if image.isNull():
        log.warning("quote logo %s could not be read; rendering without it", path)
        return None
    return image.scaled(
        _LOGO_MAX.toSize() * 2,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def _text_document(
    family: str, writer: QPdfWriter, width: float, logo: QImage | None
) -> QTextDocument:
    """An empty document measuring text exactly as the PDF will."""
    text = QTextDocument()
    text.documentLayout().setPaintDevice(writer)
    font = QFont(family)
    font.setPointSizeF(9)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    text.setDefaultFont(font)
    text.setDocumentMargin(0)
    text.setTextWidth(width)
    if logo is not None:
        text.addResource(QTextDocument.ResourceType.ImageResource, _LOGO_URL, logo)
    return text


def _row_heights(text: QTextDocument) -> tuple[float, float, list[float], float]:
    """Measure the single line table of an unpaginated layout.

    Returns (y of the table top, header row height, body row heights, height of everything
    from the table bottom to the end of the totals block).
    """
    layout = text.documentLayout()
    frames = text.rootFrame().childFrames()
    index, table = next(
        (i, f)
        for i, f in enumerate(frames)
        if isinstance(f, QTextTable) and f.format().headerRowCount() == 1
    )
    frame_rect = layout.frameBoundingRect(table)
    tops = [
        layout.blockBoundingRect(table.cellAt(r, 0).firstCursorPosition().block()).top()
        for r in range(table.rows())
    ]
    offset = tops[0] - frame_rect.top()
    starts = [top - offset for top in tops] + [frame_rect.bottom()]
    heights = [b - a for a, b in itertools.pairwise(starts)]
    totals_rect = layout.frameBoundingRect(frames[index + 1])
    return frame_rect.top(), heights[0], heights[1:], totals_rect.bottom() - frame_rect.bottom()


def _paginate(
    table_top: float, header: float, rows: Sequence[float], tail: float, page_height: float
) -> tuple[range, ...]:
    """Split the rows into per-page chunks so no row is ever cut by a page break.

    Qt would cut a row whose description wraps (it only moves a row when all its cells start
    past the page end). The totals block must not sit alone on a page: if it does not fit
    under the last row, the last two rows go with it.
    """
    limit = page_height - _SAFETY
    chunks: list[range] = []
    start, y = 0, table_top + header
    for index, height in enumerate(rows):
        if y + height > limit and index > start:
            chunks.append(range(start, index))
            start, y = index, header
        y += height
    last = range(start, len(rows))
    if y + tail > limit and len(last) > 2:
        chunks.append(range(start, len(rows) - 2))
        last = range(len(rows) - 2, len(rows))
    chunks.append(last)
    return tuple(chunks)


def _layout(doc: QuoteDocument, family: str, writer: QPdfWriter, page: _Page) -> QTextDocument:
    """Two passes: measure the rows unpaginated, then lay out page by page with our breaks."""
    logo = _load_logo(doc.logo_path)
    logo_size = None if logo is None else logo.size() / 2  # drawn at half size: crisp in print
    content = _Content.of(doc, logo_size)
    body = page.body
    single = (range(len(doc.lines)),)
    measure = _text_document(family, writer, body.width(), logo)
    measure.setHtml(content.html(single))
    chunks = _paginate(*_row_heights(measure), body.height()) if doc.lines else single
    text = _text_document(family, writer, body.width(), logo)
    text.setPageSize(body)
    text.setHtml(content.html(chunks))
    return text


def _paint_chrome(
    painter: QPainter, doc: QuoteDocument, family: str, page: _Page, number: int, count: int
) -> None:
    """Brand bar, running header (pages ≥ 2), footer with page numbers."""
    labels = LABELS[doc.language]
    brand = QColor(doc.brand_color)
    painter.fillRect(QRectF(0, 0, page.width, 2 * _MM), brand)
    small = QFont(family)
    small.setPointSizeF(7.5)
    painter.setFont(small)
    muted = QColor(_MUTED)
    width = page.width - page.left - page.right
    if number > 1:
        painter.setPen(muted)
        header = QRectF(page.left, 8 * _MM, width, 6 * _MM)
        left = f"{labels.title} {doc.display_number} ({labels.continued})"
        painter.drawText(header, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
        painter.drawText(
            header, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, doc.client.name
        )
    rule_y = page.height - page.bottom + 6 * _MM
    painter.setPen(QPen(QColor(_RULE), 0.75))
    painter.drawLine(QPointF(page.left, rule_y), QPointF(page.width - page.right, rule_y))
    painter.setPen(muted)
    footer = QRectF(page.left, rule_y + 1.5 * _MM, width, 5 * _MM)
    painter.drawText(
        footer,
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        f"{doc.seller.name} · {doc.display_number}",
    )
    painter.drawText(
        footer,
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        labels.page.format(page=number, pages=count),
    )


def _watermark_path(text: str, family: str, page: _Page) -> QPainterPath:
    """The watermark as outlines, centred on the page along its diagonal.

    Outlines, not text: drawn as text, its letters interleave with the real text in a copy,
    a search or ``pdftotext`` ("Subtotal … pr … Tax"). Pixel sizes keep it independent of the
    screen's DPI.
    """
    font = QFont(family)
    font.setPixelSize(80)
    font.setBold(True)
    diagonal = (page.width**2 + page.height**2) ** 0.5
    path = QPainterPath()
    path.addText(0, 0, font, text)
    rect = path.boundingRect()
    scale = min(1.0, 0.7 * diagonal / rect.width()) if rect.width() else 1.0
    transform = QTransform()
    transform.translate(page.width / 2, page.height / 2)
    transform.rotate(-math.degrees(math.atan2(page.height, page.width)))
    transform.scale(scale, scale)
    transform.translate(-rect.center().x(), -rect.center().y())
    return transform.map(path)


def render_quote_pdf(doc: QuoteDocument, path: Path) -> None:
    """Write ``doc`` as an A4 PDF to ``path`` (overwritten).

    Needs a ``QGuiApplication`` (any thread may call this once one exists). Raises
    :class:`~ui.pdf.fonts.CjkFontNotFoundError` when WenQuanYi Micro Hei is missing and
    ``OSError`` when the file cannot be written.
    """
    family = ensure_cjk_font()
    page = _Page()
    writer = QPdfWriter(str(path))
    writer.setResolution(_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(f"{LABELS[doc.language].title} {doc.display_number}")
    writer.setCreator("FieldSales")
    text = _layout(doc, family, writer, page)
    body = page.body
    count = text.pageCount()
    watermark = _watermark_path(doc.watermark, family, page) if doc.watermark else None
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write PDF to {path}")
    try:
        for index in range(count):
            if index and not writer.newPage():
                raise OSError(f"cannot add a page to {path}")
            painter.save()
            painter.translate(page.left, page.top - index * body.height())
            text.drawContents(
                painter, QRectF(0, index * body.height(), body.width(), body.height())
            )
            painter.restore()
            _paint_chrome(painter, doc, family, page, index + 1, count)
            if watermark is not None:
                # Over the content, translucent, so shaded cells cannot hide it.
                painter.fillPath(watermark, _WATERMARK)
    finally:
        painter.end()
