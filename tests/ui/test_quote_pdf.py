"""The quote PDF: content a client can search, page numbering, CJK text, worker threads.

``pdftotext`` (poppler) reads the PDF back, as a client's viewer would: STYLE.md §8 found
CJK fonts whose glyphs *look* right but extract as other characters.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from babel.numbers import format_currency, format_decimal

from app.quote_document import QuoteDocument
from ui.pdf import fonts
from ui.pdf.quote_pdf import render_quote_pdf
from ui.pdf.sample import sample_logo, sample_quote_document

# Before pytest-qt's ``qapp`` creates the application (usually conftest already did this).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")



@pytest.fixture(autouse=True)
def _poppler() -> None:
    # These tests read the PDFs back; without poppler they must fail loudly, never skip.
    assert shutil.which("pdftotext"), "pdftotext missing: install poppler-utils (make test does)"


def _text(pdf: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return result.stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert match
    return int(match.group(1))


@pytest.fixture
def logo(tmp_path: Path, qapp: object) -> Path:
    return sample_logo(tmp_path / "logo.png")


def _render(doc: QuoteDocument, path: Path) -> str:
    render_quote_pdf(doc, path)
    assert path.stat().st_size > 0
    return _text(path)


def test_english_quote(qapp: object, tmp_path: Path, logo: Path) -> None:
    doc = sample_quote_document("en", lines=50, logo_path=logo)
    pdf = tmp_path / "en.pdf"
    text = _render(doc, pdf)
    pages = _pages(pdf)
    assert pages > 1
    assert format_currency(doc.totals.grand_total, "CNY", locale="en_US") in text
    assert format_decimal(doc.lines[10].amount, "#,##0.00", locale="en_US") in text
    assert "QUOTATION" in text
    assert "Q-ZW-2025-0042-v2" in text
    assert "苏州精工机械制造有限公司" in text  # a Chinese client on an English quote
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text
    # The watermark is drawn as outlines: it must not leak into the searchable text.
    assert "DRAFT" not in text


def test_chinese_quote_extracts_real_characters(qapp: object, tmp_path: Path, logo: Path) -> None:
    doc = sample_quote_document("zh", lines=50, logo_path=logo)
    pdf = tmp_path / "zh.pdf"
    text = _render(doc, pdf)
    pages = _pages(pdf)
    assert pages > 1
    for word in ("客户", "报价单", "报价编号", "金额", "合计", "有效期至", "液压齿轮泵"):
        assert word in text, word
    assert format_currency(doc.totals.grand_total, "CNY", locale="zh_CN") in text
    assert format_decimal(doc.lines[0].amount, "#,##0.00", locale="zh_CN") in text
    for page in range(1, pages + 1):
        assert f"第 {page} 页，共 {pages} 页" in text


def test_every_line_is_printed_once_and_header_repeats(qapp: object, tmp_path: Path) -> None:
    doc = sample_quote_document("en", lines=50, draft=False)
    pdf = tmp_path / "q.pdf"
    text = _render(doc, pdf)
    for line in doc.lines:
        assert text.count(line.sku) == 1, line.sku
    # The column header is on every page that carries lines (all of them here but maybe the
    # last, which may hold only the totals and terms).
    assert text.count("Unit price") >= _pages(pdf) - 1


def test_short_quote_single_page_without_logo(qapp: object, tmp_path: Path) -> None:
    doc = sample_quote_document("zh", lines=3, draft=False)
    pdf = tmp_path / "short.pdf"
    text = _render(doc, pdf)
    assert _pages(pdf) == 1
    assert "第 1 页，共 1 页" in text


def test_missing_logo_does_not_block_the_quote(qapp: object, tmp_path: Path) -> None:
    doc = replace(sample_quote_document("en", lines=2), logo_path=tmp_path / "missing.png")
    assert "Total" in _render(doc, tmp_path / "nologo.pdf")


def test_renders_on_a_worker_thread(qapp: object, tmp_path: Path, logo: Path) -> None:
    """QTextDocument, QImage and QPdfWriter work off the GUI thread once a QGuiApplication
    exists: two PDFs rendered concurrently by a pool match the content of one from the GUI
    thread."""
    docs = [sample_quote_document(lang, lines=50, logo_path=logo) for lang in ("en", "zh")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        paths = list(pool.map(lambda d: _render_to(d, tmp_path / f"w-{d.language}.pdf"), docs))
    main = tmp_path / "main-zh.pdf"
    render_quote_pdf(docs[1], main)
    assert _text(paths[1]) == _text(main)
    assert "客户" in _text(paths[1])


def _render_to(doc: QuoteDocument, path: Path) -> Path:
    render_quote_pdf(doc, path)
    return path


def test_missing_cjk_font_is_a_clear_error(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "_registered", {})
    monkeypatch.setattr(fonts, "font_candidates", lambda: [tmp_path / "nope.ttc"])
    with pytest.raises(fonts.CjkFontNotFoundError, match="fonts-wqy-microhei"):
        render_quote_pdf(sample_quote_document("zh", lines=1), tmp_path / "x.pdf")
