"""PDF output: quotes today. Qt's text engine does the layout; the domain does the money."""

from ui.pdf.fonts import CjkFontNotFoundError, ensure_cjk_font
from ui.pdf.quote_pdf import render_quote_pdf

__all__ = ["CjkFontNotFoundError", "ensure_cjk_font", "render_quote_pdf"]
