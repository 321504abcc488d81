"""Business-card scanning: image in, :class:`CardFields` out.

Pure and synchronous: no database, no Qt. ``scan_card`` is the entry point; it blocks for
about a second (Tesseract), so the UI calls it from its OCR executor.
"""

from __future__ import annotations

from ocr.errors import OcrError
from ocr.fields import Box, CardFields, OcrLine, OcrWord
from ocr.pipeline import scan_card

__all__ = ["Box", "CardFields", "OcrError", "OcrLine", "OcrWord", "scan_card"]
