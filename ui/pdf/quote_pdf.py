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
import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, get_currency_precision
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
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
        self.locale = labels.locale
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
        return format_date(value, "long" if self.locale.startswith("zh") else "medium",
                           locale=self.locale)


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


def _header_html(doc: QuoteDocument, labels: Labels, fmt: _Format, has_logo: bool) -> str:
    logo = f'<img src="{_LOGO_URL.toString()}"><br>' if has_logo else ""
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
        description += f'<br><span style="color:{_MUTED}; font-size:7pt;">' \
                       f"{_e(labels.graduated)}</span>"
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


def _lines_html(doc: QuoteDocument, labels: Labels, fmt: _Format) -> str:
    cell = f"border-bottom: 1px solid {_RULE};"
    head = "".join(
        f'<th width="{width}%" align="{align}" bgcolor="{doc.brand_color}" '
        f'style="color:white; font-weight:bold;">{_e(getattr(labels, key))}</th>'
        for key, width, align in _COLUMNS
    )
    rows = []
    for index, line in enumerate(doc.lines):
        shade = f' bgcolor="{_SHADE}"' if index % 2 else ""
        cells = "".join(
            f'<td align="{align}" valign="top" style="{cell}">{value}</td>'
            for (_, _, align), value in zip(_COLUMNS, _line_cells(line, labels, fmt), strict=True)
        )
        rows.append(f"<tr{shade}>{cells}</tr>")
    return f"""
<p style="color:{_MUTED}; font-size:7.5pt; margin-top:16px; margin-bottom:4px;">
  {_e(labels.amounts_in.format(currency=doc.currency))}</p>
<table width="100%" cellspacing="0" cellpadding="4" style="border-collapse:collapse;
  font-size:8pt;">
<thead><tr>{head}</tr></thead>
{"".join(rows)}
</table>"""


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


def _html(doc: QuoteDocument, labels: Labels, fmt: _Format, has_logo: bool) -> str:
    return (
        f'<html><body style="color:{_TEXT}; font-size:9pt;">'
        + _header_html(doc, labels, fmt, has_logo)
        + _client_html(doc, labels)
        + _lines_html(doc, labels, fmt)
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
        _LOGO_MAX.toSize() * 2, Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def _text_document(doc: QuoteDocument, family: str, writer: QPdfWriter, page: _Page,
                   logo: QImage | None) -> QTextDocument:
    labels = LABELS[doc.language]
    text = QTextDocument()
    text.documentLayout().setPaintDevice(writer)
    font = QFont(family)
    font.setPointSizeF(9)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    text.setDefaultFont(font)
    text.setDocumentMargin(0)
    text.setPageSize(page.body)
    if logo is not None:
        # Half size: the image was scaled at 2x so it stays crisp when printed.
        text.addResource(QTextDocument.ResourceType.ImageResource, _LOGO_URL, logo)
        logo_html = True
    else:
        logo_html = False
    html_text = _html(doc, labels, _Format(doc, labels), logo_html)
    if logo is not None:
        size = f'width="{logo.width() // 2}" height="{logo.height() // 2}"'
        html_text = html_text.replace(f'src="{_LOGO_URL.toString()}"',
                                      f'src="{_LOGO_URL.toString()}" {size}')
    text.setHtml(html_text)
    return text


def _paint_chrome(painter: QPainter, doc: QuoteDocument, family: str, page: _Page,
                  number: int, count: int) -> None:
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
        painter.drawText(header, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         doc.client.name)
    rule_y = page.height - page.bottom + 6 * _MM
    painter.setPen(QPen(QColor(_RULE), 0.75))
    painter.drawLine(QPointF(page.left, rule_y), QPointF(page.width - page.right, rule_y))
    painter.setPen(muted)
    footer = QRectF(page.left, rule_y + 1.5 * _MM, width, 5 * _MM)
    painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     f"{doc.seller.name} · {doc.display_number}")
    painter.drawText(footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     labels.page.format(page=number, pages=count))


def _paint_watermark(painter: QPainter, text: str, family: str, page: _Page) -> None:
    """Diagonal, translucent, drawn over the content so shaded cells cannot hide it."""
    font = QFont(family)
    font.setPointSizeF(60)
    font.setBold(True)
    diagonal = (page.width**2 + page.height**2) ** 0.5
    width = QFontMetricsF(font).horizontalAdvance(text)
    if width > 0.7 * diagonal:
        font.setPointSizeF(60 * 0.7 * diagonal / width)
    painter.save()
    painter.translate(page.width / 2, page.height / 2)
    painter.rotate(-54.7)  # along the A4 diagonal
    painter.setFont(font)
    painter.setPen(QColor(200, 40, 40, 38))
    box = QRectF(-diagonal / 2, -page.height / 4, diagonal, page.height / 2)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


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
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(f"{LABELS[doc.language].title} {doc.display_number}")
    writer.setCreator("FieldSales")
    text = _text_document(doc, family, writer, page, _load_logo(doc.logo_path))
    body = page.body
    count = text.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write PDF to {path}")
    try:
        for index in range(count):
            if index and not writer.newPage():
                raise OSError(f"cannot add a page to {path}")
            painter.save()
            painter.translate(page.left, page.top - index * body.height())
            text.drawContents(painter, QRectF(0, index * body.height(), body.width(),
                                              body.height()))
            painter.restore()
            _paint_chrome(painter, doc, family, page, index + 1, count)
            if doc.watermark:
                _paint_watermark(painter, doc.watermark, family, page)
    finally:
        painter.end()
