"""``ocr.CardFields`` → the plain dict the review queue stores (no Qt: used in the OCR child)."""

from __future__ import annotations

from typing import Any

from ocr import CardFields


def fields_to_dict(fields: CardFields) -> dict[str, Any]:
    """The ``scan-card --json`` dict plus ``boxes``: field → ``[[left, top, width, height]]``
    in the EXIF-rotated image, for highlighting."""
    data = fields.to_json_dict()
    data["boxes"] = {name: [[b.left, b.top, b.width, b.height] for b in boxes]
                     for name, boxes in fields.boxes.items()}
    return data
