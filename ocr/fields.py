"""Value types shared by the pipeline stages: OCR lines in, card fields out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PhoneKind = Literal["mobile", "office", "fax", "other"]

#: Fields that carry a confidence and a box; ``phones`` and ``emails`` cover all their items.
FIELD_NAMES: tuple[str, ...] = (
    "name", "title", "company", "department", "phones", "emails", "website", "address",
)


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle in pixels of the image the caller passed in."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def union(self, other: Box) -> Box:
        left, top = min(self.left, other.left), min(self.top, other.top)
        right, bottom = max(self.right, other.right), max(self.bottom, other.bottom)
        return Box(left, top, right - left, bottom - top)


@dataclass(frozen=True, slots=True)
class OcrWord:
    text: str
    box: Box
    confidence: float  # 0..1, Tesseract's word confidence


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line of text as Tesseract grouped it, with its layout.

    ``height`` is the median word height: the parser uses it to find the largest text
    (usually the name), which is sturdier than the box height when a line mixes scripts.
    """

    text: str
    box: Box
    height: float
    confidence: float
    words: tuple[OcrWord, ...] = ()


@dataclass(frozen=True, slots=True)
class CardFields:
    """What a card says, ready for the review screen.

    ``phones`` are E.164 and ``phone_kinds`` is parallel to it. ``confidence`` maps each
    field in :data:`FIELD_NAMES` that was found to 0..1, and ``boxes`` to the regions it was
    read from (in the caller's image coordinates), so a review UI can highlight them;
    ``ocr_lines`` holds every line read, word by word, in the same coordinates.
    """

    name: str | None = None
    title: str | None = None
    company: str | None = None
    department: str | None = None
    phones: tuple[str, ...] = ()
    phone_kinds: tuple[PhoneKind, ...] = ()
    emails: tuple[str, ...] = ()
    website: str | None = None
    address: str | None = None
    confidence: dict[str, float] = field(default_factory=dict)
    boxes: dict[str, tuple[Box, ...]] = field(default_factory=dict)
    lines: tuple[str, ...] = ()
    #: The OCR lines themselves, with their words, boxes (caller's image coordinates, like
    #: ``boxes``) and confidences: for a review screen that outlines every region read.
    ocr_lines: tuple[OcrLine, ...] = ()

    def to_json_dict(self) -> dict[str, object]:
        """The ``scan-card --json`` schema (boxes are left out: they are for the UI)."""
        return {
            "name": self.name,
            "title": self.title,
            "company": self.company,
            "department": self.department,
            "phones": list(self.phones),
            "phone_kinds": list(self.phone_kinds),
            "emails": list(self.emails),
            "website": self.website,
            "address": self.address,
            "confidence": {k: round(v, 3) for k, v in self.confidence.items()},
            "lines": list(self.lines),
        }
